"""The published JSON Schema of the campaign format, generated from the model."""

from __future__ import annotations

from typing import Any

from generator.campaign.model import Campaign


def campaign_schema() -> dict[str, Any]:
    """JSON Schema for editors: every key and type of the model, explained in Vietnamese.

    Pydantic turns class docstrings (English, for developers) into descriptions and field names
    into English titles; editors show those to communicators, so only the Vietnamese field
    descriptions are kept.
    """
    schema = Campaign.model_json_schema(mode="validation")
    for definition in [schema, *schema.get("$defs", {}).values()]:
        if definition is not schema:
            definition.pop("description", None)
        for prop in definition.get("properties", {}).values():
            prop.pop("title", None)
    schema.pop("description", None)
    return schema
