"""Jinja's compiled templates kept in the cache (generator/pipeline/compiled_templates.py)."""

from __future__ import annotations

from pathlib import Path

import jinja2

from generator.pipeline.compiled_templates import keep_compiled_templates

TEMPLATE = "{% for n in numbers %}<p>{{ n }}: Hà Nội</p>{% endfor %}"


def _render(cache_dir: Path) -> tuple[str, jinja2.Environment]:
    env = jinja2.Environment(loader=jinja2.DictLoader({"page.html": TEMPLATE}))
    keep_compiled_templates(env, cache_dir)
    return env.get_template("page.html").render(numbers=[1, 2]), env


def test_a_template_is_taken_from_the_cache_the_next_time(tmp_path: Path) -> None:
    first, _ = _render(tmp_path)
    [entry] = tmp_path.rglob("*.code")
    again, env = _render(tmp_path)
    assert again == first == "<p>1: Hà Nội</p><p>2: Hà Nội</p>"
    kept = env.bytecode_cache
    assert kept is not None
    loaded = jinja2.bccache.Bucket(env, entry.stem, kept.get_source_checksum(TEMPLATE))
    kept.load_bytecode(loaded)
    assert loaded.code is not None  # the entry is whole and read


def test_a_damaged_entry_is_compiled_again(tmp_path: Path) -> None:
    first, _ = _render(tmp_path)
    [entry] = tmp_path.rglob("*.code")
    whole = entry.read_bytes()
    for damaged in (whole[:40], whole[:-1], whole[:50] + b"\xff" * 8 + whole[58:], b""):
        entry.write_bytes(damaged)
        assert _render(tmp_path)[0] == first
        assert entry.read_bytes() == whole  # written again, whole
