"""Exports proven with the real peers: @argdown/core's parser, arguebuf's AIF reader, networkx."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import Phase, given, settings

import argmap
from argmap import export, to_aif, to_argdown, to_graphml
from argmap.errors import InvalidValueError, MapSaveError
from argmap.formats.argdown import argdown_text
from argmap.formats.mapfile import load
from argmap.formats.schema import fields

from .conftest import EXAMPLE
from .strategies import maps

ROOT = Path(__file__).resolve().parent.parent
ARGDOWN = ROOT / "tests" / "interop" / "argdown"
FLAGSHIP = ROOT / "examples" / "korean_war" / "map.toml"

NASTY = [
    "Stalin's *letter*: see [1] and <Gottwald> {k: v} _x_ #tag @me",
    "- starts with a dash",
    "+ plus, > arrow, ( paren, = equals, # hash at the start",
    "http://example.com/a//b and C:\\path\\ and a trailing backslash \\",
    "dots... e.g. :smile: .+ :-: ->",
    "line one\nline two\r\n\ttabbed\u00a0nbsp\u2028sep",
    "한국어 문장, 中文句子, текст, עברית “curly” ‘quotes’ — dash",
    "quotes \" and ' and `code` and ~tilde~ and ^caret and $dollar and %",
    "control\x01char and \x7f del",
    "=== not front matter ===",
]


@pytest.fixture(scope="module")
def flagship() -> argmap.ArgumentMap:
    return load(FLAGSHIP)


def parse_argdown(text: str, tmp_path: Path) -> dict[str, Any]:
    """Parse Argdown with the real @argdown/core 2.0.1 parser of the interop harness."""
    path = tmp_path / "map.argdown"
    path.write_text(text, encoding="utf-8")
    done = subprocess.run(["node", "parse.mjs", str(path)], cwd=ARGDOWN, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr + done.stdout
    return json.loads(done.stdout)  # type: ignore[no-any-return]


@pytest.mark.node
class TestArgdown:
    def test_flagship_parses_with_matching_counts(self, flagship: argmap.ArgumentMap, tmp_path: Path) -> None:
        """The real parser reads the flagship export cleanly: one statement per thesis, one relation each."""
        parsed = parse_argdown(to_argdown(flagship), tmp_path)
        assert parsed["parserErrors"] == []
        assert parsed["statements"] == len(flagship.theses)
        assert parsed["arguments"] == len(flagship.evidence)
        assert parsed["relations"] == len(flagship.evidence) + len(flagship.relations)
        supports = sum(ev.stance is argmap.Stance.SUPPORTS for ev in flagship.evidence) + sum(
            r.stance is argmap.Stance.SUPPORTS for r in flagship.relations
        )
        assert parsed["relationTypes"] == {"support": supports, "attack": parsed["relations"] - supports}

    def test_sources_and_pages_travel_as_data(self, flagship: argmap.ArgumentMap, tmp_path: Path) -> None:
        """Each argument's data names its source, pages and the exact quote."""
        parsed = parse_argdown(to_argdown(flagship), tmp_path)
        for ev in flagship.evidence:
            data = parsed["data"][ev.id]
            assert (data["source"], data["quote"], data["start"]) == (ev.source, ev.quote, ev.passage.start)
            assert data.get("pages", []) == list(ev.passage.pages)

    def test_nasty_texts_survive_escaping(self, tmp_path: Path) -> None:
        """Statements full of Argdown syntax parse back to their text, whitespace folded."""
        m = argmap.ArgumentMap()
        for n, statement in enumerate(NASTY):
            m.add_thesis(f"t{n}", statement, note=statement)
        for n in range(1, len(NASTY)):
            m.relate(f"t{n}", f"t{n - 1}", "contests" if n % 2 else "supports")
        parsed = parse_argdown(to_argdown(m), tmp_path)
        assert parsed["parserErrors"] == []
        assert parsed["relations"] == len(NASTY) - 1
        for n, statement in enumerate(NASTY):
            expected = " ".join("".join(" " if c.isspace() or ord(c) < 32 or c == "\x7f" else c
                                        for c in statement).split())  # fmt: skip
            assert parsed["statementTexts"][f"t{n}"].strip() == expected
            assert parsed["data"][f"t{n}"]["note"] == statement

    @settings(max_examples=5, phases=[Phase.explicit, Phase.generate])  # each example runs node: no shrinking
    @given(maps(max_evidence=8))
    def test_generated_maps_parse_with_matching_counts(self, m: argmap.ArgumentMap) -> None:
        """Any generated map exports to Argdown that the real parser reads cleanly, nothing lost."""
        with tempfile.TemporaryDirectory() as folder:
            parsed = parse_argdown(to_argdown(m), Path(folder))
        assert parsed["parserErrors"] == []
        assert (parsed["statements"], parsed["arguments"]) == (len(m.theses), len(m.evidence))
        assert parsed["relations"] == len(m.evidence) + len(m.relations)
        found = {(d.get("source"), d.get("start"), d.get("quote")): d for d in parsed["data"].values()}
        for ev in m.evidence:
            assert found[ev.source, ev.passage.start, ev.quote].get("pages", []) == list(ev.passage.pages)

    def test_every_source_field_travels(self, tmp_path: Path) -> None:
        """The front matter holds every metadata field of a source, ``quoted_in`` included."""
        m = argmap.ArgumentMap()
        m.add_source(argmap.Source(key="book", text="x"))
        m.add_source(argmap.Source(key="letter", text="y", quoted_in="book", first_page="3", csl_type="letter"))
        parsed = parse_argdown(to_argdown(m), tmp_path)
        assert parsed["parserErrors"] == []
        front = to_argdown(m).split("===")[1]
        assert '"quoted_in": "book"' in front and '"first_page": "3"' in front
        assert set(fields("source", "toml")) >= {"quoted_in", "first_page", "csl_type"}

    def test_statement_of_control_characters(self, tmp_path: Path) -> None:
        """A statement with no printable character still gets a text (its escapes), as Argdown needs one."""
        m = argmap.ArgumentMap()
        m.add_thesis("t", "\x00\x12")
        parsed = parse_argdown(to_argdown(m), tmp_path)
        assert parsed["parserErrors"] == [] and parsed["statementTexts"]["t"].strip() == "'\\x00\\x12'"

    def test_titles_are_plain_and_unique(self) -> None:
        """Evidence ids are slugs (issue 16: "a b" and "a/b" are refused), and a slug's punctuation
        stays in its title: distinct ids, distinct titles."""
        m = argmap.ArgumentMap()
        m.add_source(argmap.Source(key="s", text="alpha beta"))
        m.add_thesis("t", "T.")
        m.cite("t", "s", "alpha", "supports", id="a:b")
        m.cite("t", "s", "beta", "supports", id="a.b")
        text = to_argdown(m)
        assert "<a:b>:" in text and "<a.b>:" in text

    def test_escape_example(self) -> None:
        """Syntax characters are escaped and line breaks folded."""
        assert argdown_text("a [b]\n*c*") == "a \\[b\\] \\*c\\*"


class TestAif:
    def test_flagship_loads_in_arguebuf(self, flagship: argmap.ArgumentMap, tmp_path: Path) -> None:
        """arguebuf's AIF reader loads the export with matching node and edge counts, dropping nothing."""
        export(flagship, tmp_path / "map.json", to="aif")
        done = subprocess.run(
            [sys.executable, str(ROOT / "tests" / "interop" / "load_aif.py"), str(tmp_path / "map.json")],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr + done.stdout
        summary = json.loads(done.stdout)
        links = len(flagship.evidence) + len(flagship.relations)
        supports = sum(ev.stance is argmap.Stance.SUPPORTS for ev in flagship.evidence) + sum(
            r.stance is argmap.Stance.SUPPORTS for r in flagship.relations
        )
        assert summary["atomNodes"] == len(flagship.theses) + len(flagship.evidence)
        assert (summary["schemeNodes"], summary["edges"]) == (links, 2 * links)
        assert (summary["support"], summary["attack"]) == (supports, links - supports)
        assert "dropped" not in summary

    def test_ids_are_strings_and_unique(self, flagship: argmap.ArgumentMap) -> None:
        """Every node and edge id is a distinct string, and every edge joins existing nodes."""
        aif = to_aif(flagship)
        ids = [n["nodeID"] for n in aif["nodes"]]
        assert len(set(ids)) == len(ids) and all(isinstance(i, str) for i in ids)
        assert all(e["fromID"] in ids and e["toID"] in ids for e in aif["edges"])


class TestGraphml:
    def test_read_back_by_networkx(self, flagship: argmap.ArgumentMap) -> None:
        """networkx reads the GraphML back: same nodes and edges, attributes with their types."""
        import io

        g = nx.read_graphml(io.StringIO(to_graphml(flagship)))
        assert g.number_of_nodes() == len(flagship.sources) + len(flagship.theses)
        assert g.number_of_edges() == len(flagship.evidence) + len(flagship.relations)
        assert g.nodes["source:chen"]["year"] == 1998
        assert g.nodes["source:chen"]["page_pattern"] == flagship.source("chen").page_pattern
        ev = flagship.evidence[0]
        data = g.edges[f"source:{ev.source}", f"thesis:{ev.thesis}", f"evidence:{ev.id}"]
        assert (data["start"], data["score"], data["quote"]) == (ev.passage.start, ev.passage.score, ev.quote)
        assert isinstance(data["start"], int) and isinstance(data["score"], float)


class TestExportFile:
    def test_every_format_is_written(self, flagship: argmap.ArgumentMap, tmp_path: Path) -> None:
        """``export`` writes each format, the JSON form loading back equal."""
        for fmt in ("argdown", "aif", "graphml", "json"):
            export(flagship, tmp_path / f"out.{fmt}", to=fmt)
        assert load(tmp_path / "out.json", allowed=[EXAMPLE]) == flagship  # its texts are the example's
        assert sorted(p.name for p in tmp_path.iterdir()) == ["out.aif", "out.argdown", "out.graphml", "out.json"]

    def test_json_refuses_a_text_that_differs_from_its_file(self, tmp_path: Path) -> None:
        """The JSON form refers to texts by path: a source whose text is not its file's is refused."""
        (tmp_path / "gage.txt").write_text("the Rebels fired first", encoding="utf-8")
        m = argmap.ArgumentMap()
        m.add_source(argmap.Source(key="gage", text="other", path=str(tmp_path / "gage.txt")))
        with pytest.raises(MapSaveError, match="differs from its file"):
            export(m, tmp_path / "out.json", to="json")
        assert not (tmp_path / "out.json").exists()

    def test_unknown_format(self, tmp_path: Path) -> None:
        """An unknown format is an InvalidValueError and writes nothing."""
        with pytest.raises(InvalidValueError, match="'argdown'"):
            export(argmap.ArgumentMap(), tmp_path / "x", to="xml")
        assert list(tmp_path.iterdir()) == []
