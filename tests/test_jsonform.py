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
from argmap.errors import MapFileError, SourceChangedError, SourceChangedWarning
from argmap.jsonform import SCHEMA_VERSION, from_json, text_hash, to_json
from argmap.mapfile import load, save

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
            assert from_json(to_json(m)) == m


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
        """Offsets that do not hold the passage text while the hash matches are an error."""
        data = json.loads(to_json(small_map(tmp_path), base=tmp_path))
        data["evidence"][0]["passage"]["start"] += 1
        with pytest.raises(MapFileError, match="edited by hand"):
            from_json(json.dumps(data), base=tmp_path)

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
