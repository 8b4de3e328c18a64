"""The field table: it covers every field of the model, both formats carry every field, and the
map-file reference is the table's."""

from __future__ import annotations

import tempfile
from pathlib import Path

import attrs
from hypothesis import given

import argmap
from argmap.formats.jsonform import from_json, to_json
from argmap.formats.mapfile import dumps, loads, save
from argmap.formats.schema import FIELDS, MODELS, reference

from .conftest import ROOT
from .strategies import maps, materialize

#: Model attributes the loader and the writers handle by name (the text, where it is, the passage),
#: and how a source makes its view (behaviour, not data).
BY_NAME = {"source": {"text", "path", "normalizer"}, "evidence": {"passage"}}


def test_every_model_field_is_in_the_table() -> None:
    """Each attribute of Source, Thesis, Evidence and Relation has its line in the field table."""
    for entity, model in MODELS.items():
        covered = {f.attribute for f in FIELDS if f.entity == entity} | BY_NAME.get(entity, set())
        missing = {a.name for a in attrs.fields(model)} - covered
        assert not missing, f"{model.__name__} fields missing from argmap/formats/schema.py FIELDS: {missing}"


@given(maps())
def test_every_field_survives_toml(m: argmap.ArgumentMap) -> None:
    """A map whose sources have every field set (texts inline) reads back equal from its map file."""
    assert loads(dumps(m)) == m


@given(maps())
def test_every_field_survives_json(m: argmap.ArgumentMap) -> None:
    """The same map reads back equal from its JSON form."""
    assert from_json(to_json(m)) == m


@given(maps(max_sources=2, max_evidence=4))
def test_every_field_survives_files(m: argmap.ArgumentMap) -> None:
    """With the texts in files beside the map, both formats read the map back equal."""
    with tempfile.TemporaryDirectory() as folder:
        m = materialize(m, Path(folder))
        for name in ("map.toml", "map.json"):
            save(m, Path(folder) / name)
            assert argmap.load(Path(folder) / name) == m


def test_layout_survives_json() -> None:
    """A text whose pages a reader found (no pattern) keeps them in the JSON form."""
    layout = argmap.Layout(page_starts=(0, 11), page_labels=("iv", "[v]"), page_indexes=(4, 5), skipped=((23, 26),))
    m = argmap.ArgumentMap()
    m.add_source(argmap.Source(key="s", text="first page second page [1]", layout=layout))
    m.add_thesis("t", "T.")
    m.cite("t", "s", "second page", "supports")
    back = from_json(to_json(m))
    assert back == m and back.source("s").page_layout == layout and back.evidence[0].passage.pages == ("[v]",)


def test_reference_is_the_table() -> None:
    """docs/map-file.md is what the field table generates (`make docs` writes it anew)."""
    assert (ROOT / "docs" / "map-file.md").read_text(encoding="utf-8") == reference()
