"""The published JSON Schema: current, referenced by the sample, and accepting it."""

from __future__ import annotations

import json

import jsonschema
import yaml
from conftest import REPO, SAMPLE_YAML

from generator.campaign.schema import campaign_schema

SCHEMA = REPO / "schema" / "campaign.schema.json"


def test_committed_schema_matches_the_model() -> None:
    assert json.loads(SCHEMA.read_text(encoding="utf-8")) == campaign_schema()


def test_yaml_sample_names_the_schema_for_editors() -> None:
    first = SAMPLE_YAML.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/campaign.schema.json"


def test_yaml_sample_validates_against_the_schema() -> None:
    data = yaml.safe_load(SAMPLE_YAML.read_text(encoding="utf-8"))
    data = json.loads(json.dumps(data, default=str))
    jsonschema.validate(data, campaign_schema(), format_checker=jsonschema.FormatChecker())


def test_schema_rejects_an_unknown_key() -> None:
    sample = yaml.safe_load(SAMPLE_YAML.read_text(encoding="utf-8"))
    data = json.loads(json.dumps(sample, default=str))
    data["titel"] = "x"
    errors = list(jsonschema.Draft202012Validator(campaign_schema()).iter_errors(data))
    assert any("titel" in e.message for e in errors)
