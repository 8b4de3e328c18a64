"""The full JSON form: everything kept, texts referenced by hash, quotes re-anchored on change."""

from __future__ import annotations

import json
import tempfile
import warnings
from pathlib import Path

import pytest
from hypothesis import given

import argmap
from argmap.check import Status
from argmap.errors import MapFileError, SourceChangedError, SourceChangedWarning, StalePassageWarning
from argmap.formats.jsonform import from_json, read_json, to_json
from argmap.formats.loader import hosts_first
from argmap.formats.mapfile import load, save
from argmap.formats.schema import SCHEMA_VERSION, text_hash

from .strategies import maps, materialize

TEXT = "Gage wrote that the Rebels fired first upon the troops. Coburn says the regulars fired first."


def small_map(folder: Path, text: str = TEXT) -> argmap.ArgumentMap:
    """A map of one source read from ``folder/gage.txt``, with two quotes."""
    (folder / "gage.txt").write_text(text, encoding="utf-8")
    m = argmap.ArgumentMap(title="Lexington")
    m.add_source(argmap.Source.from_file(folder / "gage.txt", key="gage", authors=["Thomas Gage"]))
    m.add_thesis("regulars-first", "The regulars fired the first shot.")
    m.cite("regulars-first", "gage", "the Rebels fired first", "contests", id="rebels")
    m.cite("regulars-first", "gage", "the regulars fired first", "supports", id="regulars")
    return m


class TestForm:
    def test_keeps_passages_hashes_and_version(self, tmp_path: Path) -> None:
        """The JSON names its version, each text's hash and path, and every passage in full."""
        m = small_map(tmp_path)
        data = json.loads(to_json(m, base=tmp_path))
        assert (data["format"], data["version"]) == ("argmap-json", SCHEMA_VERSION)
        (source,) = data["sources"]
        assert (source["path"], source["sha256"], "text" in source) == ("gage.txt", text_hash(TEXT), False)
        passage = data["evidence"][0]["passage"]
        assert TEXT[passage["start"] : passage["end"]] == passage["text"] == "the Rebels fired first"
        assert (passage["match"], passage["score"], passage["pages"]) == ("exact", 1.0, [])

    def test_embed_texts(self, tmp_path: Path) -> None:
        """With ``embed_texts`` the file is self-contained and loads without the text file."""
        m = small_map(tmp_path)
        text = to_json(m, base=tmp_path, embed_texts=True)
        (tmp_path / "gage.txt").unlink()
        assert from_json(text, base=tmp_path) == m

    def test_deterministic(self, tmp_path: Path) -> None:
        """The same map gives byte-identical JSON."""
        assert to_json(small_map(tmp_path)) == to_json(small_map(tmp_path))

    def test_save_and_load_dot_json(self, tmp_path: Path) -> None:
        """``save``/``load`` with a ``.json`` path write and read the JSON form."""
        m = small_map(tmp_path)
        save(m, tmp_path / "map.json")
        assert json.loads((tmp_path / "map.json").read_text(encoding="utf-8"))["format"] == "argmap-json"
        assert load(tmp_path / "map.json") == m


class TestChangedTexts:
    def test_moved_quotes_are_reported(self, tmp_path: Path) -> None:
        """When text is inserted before the quotes, loading re-anchors them and reports them moved."""
        text = to_json(small_map(tmp_path), base=tmp_path)
        (tmp_path / "gage.txt").write_text("Preface. " + TEXT, encoding="utf-8")
        with pytest.warns(SourceChangedWarning) as record:
            m = from_json(text, base=tmp_path)
        report = record[0].message.report  # type: ignore[union-attr]
        assert [r.status for r in report.results] == [Status.MOVED, Status.MOVED]
        assert m.evidence[0].passage.start == TEXT.index("the Rebels") + len("Preface. ")

    def test_fuzzy_quotes_are_reported(self, tmp_path: Path) -> None:
        """A transcription slip that enters the text makes the quote fuzzy, and says so."""
        text = to_json(small_map(tmp_path), base=tmp_path)
        (tmp_path / "gage.txt").write_text(TEXT.replace("Rebels", "Rebeis"), encoding="utf-8")
        with pytest.warns(SourceChangedWarning) as record:
            m = from_json(text, base=tmp_path)
        statuses = [r.status for r in record[0].message.report.results]  # type: ignore[union-attr]
        assert statuses == [Status.FUZZY, Status.OK]
        assert m.evidence[0].passage.match is argmap.Match.FUZZY

    def test_moved_and_fuzzy_says_both(self, tmp_path: Path) -> None:
        """A quote that moved and became fuzzy is reported as both, with where it was and the diff."""
        text = to_json(small_map(tmp_path), base=tmp_path)
        (tmp_path / "gage.txt").write_text("Preface. " + TEXT.replace("Rebels", "Rebeis"), encoding="utf-8")
        with pytest.warns(SourceChangedWarning) as record:
            from_json(text, base=tmp_path)
        report = str(record[0].message.report)  # type: ignore[union-attr]
        assert report.splitlines()[0].startswith("fuzzy+moved rebels")
        start = TEXT.index("the Rebels")
        assert f"moved: was at {start}-{start + 22}, now at {start + 9}-{start + 31}" in report
        assert "'Rebels', the source says 'Rebeis'" in report

    def test_gone_quotes_stop_the_load(self, tmp_path: Path) -> None:
        """A quote no longer in the text is an error that lists it; nothing is loaded."""
        text = to_json(small_map(tmp_path), base=tmp_path)
        (tmp_path / "gage.txt").write_text(TEXT.replace("the Rebels fired first", "someone fired"), encoding="utf-8")
        with pytest.raises(SourceChangedError) as info:
            from_json(text, base=tmp_path)
        assert info.value.changed == ("gage",)
        assert [r.evidence.id for r in info.value.report.errors] == ["rebels"]  # type: ignore[attr-defined]

    def test_unchanged_text_gives_no_warning(self, tmp_path: Path) -> None:
        """With every hash matching, stored passages are used and nothing is reported."""
        m = small_map(tmp_path)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert from_json(to_json(m), allowed=[tmp_path]) == m


class TestBadJson:
    def test_malformed(self) -> None:
        """Malformed JSON is reported with its line."""
        with pytest.raises(MapFileError) as info:
            from_json('{\n  "format": "argmap-json",\n  oops\n}')
        assert info.value.problems[0][0] == 3

    def test_newer_version(self) -> None:
        """A JSON form from a newer argmap says to upgrade."""
        with pytest.raises(MapFileError, match="upgrade argmap"):
            from_json(json.dumps({"format": "argmap-json", "version": SCHEMA_VERSION + 1}))

    def test_hand_edited_offsets(self, tmp_path: Path) -> None:
        """Offsets that do not hold the quote while the hash matches are reported, and the quote's
        real place is used."""
        m = small_map(tmp_path)
        data = json.loads(to_json(m, base=tmp_path))
        data["evidence"][0]["passage"]["start"] += 1
        with pytest.warns(StalePassageWarning, match="edited by hand") as record:
            loaded = from_json(json.dumps(data), base=tmp_path)
        assert loaded == m
        assert [r.status for r in record[0].message.report.results] == [Status.MOVED]  # type: ignore[union-attr]

    def test_edited_quote_elsewhere_in_the_text(self, tmp_path: Path) -> None:
        """A quote edited to other words of the unchanged text is located there, with a warning:
        the stored passage is never trusted."""
        data = json.loads(to_json(small_map(tmp_path), base=tmp_path))
        data["evidence"][0]["quote"] = "Coburn says"
        with pytest.warns(StalePassageWarning):
            m = from_json(json.dumps(data), base=tmp_path)
        assert m.evidence[0].passage.text == "Coburn says"

    def test_edited_quote_not_in_the_text(self, tmp_path: Path) -> None:
        """A quote edited to words that are not in the unchanged text is an error with its JSON path and line."""
        text = to_json(small_map(tmp_path), base=tmp_path).replace("the Rebels fired first", "the Rebels hoped first")
        with pytest.raises(MapFileError) as info:
            from_json(text, base=tmp_path)
        ((line, message),) = info.value.problems
        assert message.startswith("$.evidence[0].quote: evidence 'rebels': the quote is not in source 'gage'")
        assert line == next(n for n, row in enumerate(text.splitlines(), 1) if "hoped" in row)

    def test_unknown_key_and_missing_text(self, tmp_path: Path) -> None:
        """Unknown keys and unreadable texts are all listed."""
        data = json.loads(to_json(small_map(tmp_path), base=tmp_path))
        data["sources"][0]["path"] = "gone.txt"
        data["theses"][0]["colour"] = "red"
        with pytest.raises(MapFileError) as info:
            from_json(json.dumps(data), base=tmp_path)
        messages = " ".join(message for _, message in info.value.problems)
        assert "gone.txt" in messages and "'colour'" in messages


class TestRoundTrip:
    @given(maps())
    def test_to_json_from_json(self, m: argmap.ArgumentMap) -> None:
        """Any map (texts embedded) reads back equal from its JSON form."""
        assert from_json(to_json(m)) == m

    @given(maps(max_sources=2, max_evidence=6))
    def test_with_files(self, m: argmap.ArgumentMap) -> None:
        """A map whose texts are files reads back equal from its JSON form saved beside them."""
        with tempfile.TemporaryDirectory() as folder:
            m = materialize(m, Path(folder))
            save(m, Path(folder) / "sub.json")
            assert load(Path(folder) / "sub.json") == m


class TestIllTyped:
    """Values of the wrong type are problems with their JSON path and line, never a traceback."""

    @pytest.mark.parametrize(
        ("path", "value", "expected"),
        [
            (("sources", 0, "text"), 5, "$.sources[0].text: 'text' must be a string (text in quotes), not a whole"),
            (("sources", 0, "year"), "1998", "$.sources[0].year: 'year' must be a whole number, not a string"),
            (("evidence", 0, "id"), ["rebels"], "$.evidence[0].id: 'id' must be a string (text in quotes), not a list"),
            (("evidence", 0, "source"), ["gage"], "$.evidence[0].source: 'source' must be a string (text in"),
            (("evidence", 0, "passage", "pages"), "251", "$.evidence[0].passage.pages: 'pages' must be a list"),
            (("evidence", 0, "passage", "start"), 16.7, "$.evidence[0].passage.start: 'start' must be a whole"),
            (("evidence", 0, "max_error_rate"), "0.3", "$.evidence[0].max_error_rate: 'max_error_rate' must be"),
            (("relations",), {"from": "a"}, "$.relations: 'relations' must be a list, not an object"),
        ],
    )
    def test_wrong_type(self, tmp_path: Path, path: tuple[str | int, ...], value: object, expected: str) -> None:
        """Each ill-typed value is reported at its JSON path and on its line."""
        data = json.loads(to_json(small_map(tmp_path), embed_texts=True))
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        text = json.dumps(data, indent=2)
        with pytest.raises(MapFileError) as info:
            from_json(text)
        found = [(line, message) for line, message in info.value.problems if message.startswith(expected)]
        assert found, info.value.problems
        key = f'"{path[-1]}":'
        assert found[0][0] in [n for n, row in enumerate(text.splitlines(), 1) if key in row]

    def test_every_problem_of_an_entry(self, tmp_path: Path) -> None:
        """A bad stance, an unknown thesis and an unknown source of one entry are all listed."""
        data = json.loads(to_json(small_map(tmp_path), embed_texts=True))
        data["evidence"][0].update(stance="refutes", thesis="nobody", source="gaje")
        with pytest.raises(MapFileError) as info:
            from_json(json.dumps(data, indent=2))
        paths = [message.split(":")[0] for _, message in info.value.problems]
        assert paths == ["$.evidence[0].thesis", "$.evidence[0].source", "$.evidence[0].stance"]

    def test_problem_lines(self, tmp_path: Path) -> None:
        """Problems after parsing carry the line of what they are about, like syntax errors do."""
        text = to_json(small_map(tmp_path), base=tmp_path).replace('"statement"', '"statment"')
        with pytest.raises(MapFileError) as info:
            from_json(text, base=tmp_path)
        lines = [n for n, row in enumerate(text.splitlines(), 1) if "statment" in row]
        unknown = [line for line, message in info.value.problems if "did you mean 'statement'?" in message]
        assert unknown == lines
        assert all(line is not None for line, _ in info.value.problems)


class TestFields:
    def test_max_error_rate_round_trip(self, tmp_path: Path) -> None:
        """A quote's own budget is written (null when unset, as every field), read back, and used to locate it again."""
        m = small_map(tmp_path)
        m.cite("regulars-first", "gage", "Coburn sayz the", "supports", id="slip", max_error_rate=0.3)
        text = to_json(m, base=tmp_path)
        assert [("max_error_rate" in ev, ev.get("max_error_rate")) for ev in json.loads(text)["evidence"]] == [
            (True, None), (True, None), (True, 0.3)
        ]  # fmt: skip
        assert from_json(text, base=tmp_path) == m

    def test_quoted_in_guest_before_host(self, tmp_path: Path) -> None:
        """A source quoted in another that comes later in the JSON is added after its host."""
        m = small_map(tmp_path)
        m.add_source(argmap.Source(key="letter", text="We fired at dawn.", quoted_in="gage"))
        data = json.loads(to_json(m, base=tmp_path))
        data["sources"].reverse()
        assert from_json(json.dumps(data), base=tmp_path) == m

    def test_hosts_first_reports_cycles(self) -> None:
        """Sources quoted in each other cannot be placed."""
        a = argmap.Source(key="a", text="x", quoted_in="b")
        b = argmap.Source(key="b", text="y", quoted_in="a")
        assert hosts_first([a, b]) == ([], [a, b])

    def test_read_json_lines(self, tmp_path: Path) -> None:
        """``read_json`` gives the line of each evidence's quote and how each quote matched."""
        text = to_json(small_map(tmp_path), base=tmp_path)
        loaded = read_json(text, base=tmp_path)
        rows = text.splitlines()
        assert {ev: rows[line - 1].split(":")[0].strip() for ev, line in loaded.lines.items()} == {
            "rebels": '"quote"', "regulars": '"quote"'
        }  # fmt: skip
        assert [r.status for r in loaded.report.results] == [Status.OK, Status.OK]
