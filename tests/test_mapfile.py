"""The map file: loading with every problem on its line, saving atomically and without loss."""

from __future__ import annotations

import json
import tempfile
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap.errors import MapFileError, MapSaveError
from argmap.formats.csl import csl_to_metadata
from argmap.formats.mapfile import (
    _inline,
    _multiline,
    _Positions,
    _syntax_problem,
    dumps,
    load,
    load_checked,
    loads,
    save,
)

from .strategies import maps, materialize

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "korean_war"

TEXT = "Gage wrote that the Rebels fired first upon the troops. Coburn says the regulars fired first."
GOOD = f'''\
title = "Lexington"

[[source]]
key = "gage"
text = "{TEXT}"

[[thesis]]
id = "regulars-first"
statement = "The regulars fired the first shot."

[[evidence]]
thesis = "regulars-first"
source = "gage"
stance = "contests"
quote = "the Rebels fired first"
'''
QUOTE = 'quote = "the Rebels fired first"'


def problems(text: str, tmp_path: Path | None = None) -> list[tuple[int | None, str]]:
    """The problems loading ``text`` reports (from a file when ``tmp_path`` is given)."""
    if tmp_path is not None:
        (tmp_path / "map.toml").write_text(text, encoding="utf-8")
    with pytest.raises(MapFileError) as info:
        loads(text, name="map.toml") if tmp_path is None else load(tmp_path / "map.toml")
    return list(info.value.problems)


def line_of(text: str, fragment: str, nth: int = 1) -> int:
    """The 1-based line of the ``nth`` line of ``text`` that contains ``fragment``."""
    hits = [n for n, line in enumerate(text.splitlines(), 1) if fragment in line]
    return hits[nth - 1]


class TestLoad:
    def test_small_map(self) -> None:
        """A hand-written map loads with its quote located and an evidence id assigned."""
        m = loads(GOOD)
        (ev,) = m.evidence
        assert m.title == "Lexington"
        assert TEXT[ev.passage.start : ev.passage.end] == "the Rebels fired first"
        assert (ev.id, ev.stance) == ("gage-1", argmap.Stance.CONTESTS)

    def test_multiline_literal_quote(self) -> None:
        """A quote written over several lines in ''' matches the source's single spaces."""
        text = GOOD.replace('quote = "the Rebels fired first"', "quote = '''\nthe Rebels\n  fired first'''")
        (ev,) = loads(text).evidence
        assert ev.passage.text == "the Rebels fired first"
        assert ev.quote == "the Rebels\n  fired first"

    def test_paths_relative_to_map_file(self, tmp_path: Path) -> None:
        """A source path is read relative to the map file's folder, whatever the working directory."""
        (tmp_path / "texts").mkdir()
        (tmp_path / "texts" / "gage.txt").write_text(TEXT, encoding="utf-8")
        text = GOOD.replace(f'text = "{TEXT}"', 'path = "texts/gage.txt"')
        (tmp_path / "map.toml").write_text(text, encoding="utf-8")
        m = load(tmp_path / "map.toml")
        assert m.source("gage").path == str(tmp_path / "texts" / "gage.txt")

    def test_toml_dates_become_strings(self) -> None:
        """An unquoted TOML date in ``date`` is read as its ISO text."""
        m = loads(GOOD.replace('key = "gage"', 'key = "gage"\ndate = 1775-04-25'))
        assert m.source("gage").date == "1775-04-25"

    def test_header_inside_string_is_not_a_table(self) -> None:
        """The line scan skips multi-line strings, so a ``[[thesis]]`` inside one is no header."""
        text = 'note = """\n[[thesis]]\nx = 1\n"""\n[[thesis]]\nid = "a"\n'
        positions = _Positions(text)
        assert [t.line for t in positions.tables["thesis"]] == [5]
        assert positions.tables["thesis"][0].keys == {"id": 6}


class TestBadInput:
    def test_malformed_toml(self) -> None:
        """A syntax error is reported with its line, and nothing is loaded."""
        text = GOOD.replace('stance = "contests"', "stance = contests")
        ((line, message),) = problems(text)
        assert line == line_of(text, "stance = contests")
        assert "not valid TOML" in message

    def test_unknown_key(self) -> None:
        """An unknown key is reported on its own line, with the keys that are known."""
        text = GOOD.replace('stance = "contests"', 'stance = "contests"\nstnace = "x"')
        ((line, message),) = problems(text)
        assert line == line_of(text, "stnace")
        assert "unknown key 'stnace'" in message and "stance" in message

    def test_unknown_thesis(self) -> None:
        """Evidence citing a thesis the map does not define points at its ``thesis`` line."""
        text = GOOD.replace('thesis = "regulars-first"', 'thesis = "regulars-frist"')
        ((line, message),) = problems(text)
        assert line == line_of(text, "regulars-frist")
        assert "unknown thesis 'regulars-frist'" in message

    def test_missing_source_file(self, tmp_path: Path) -> None:
        """A source file that does not exist is reported on the ``path`` line."""
        text = GOOD.replace(f'text = "{TEXT}"', 'path = "nowhere.txt"')
        ((line, message),) = problems(text, tmp_path)
        assert line == line_of(text, "nowhere.txt")
        assert "no such file" in message and "relative to the map file" in message

    def test_non_utf8_source_text(self, tmp_path: Path) -> None:
        """A source text that is not UTF-8 is reported on the ``path`` line with a fix."""
        (tmp_path / "latin1.txt").write_bytes(TEXT.replace("Coburn", "Cöburn").encode("latin-1"))
        text = GOOD.replace(f'text = "{TEXT}"', 'path = "latin1.txt"')
        ((line, message),) = problems(text, tmp_path)
        assert line == line_of(text, "latin1.txt")
        assert "not valid utf-8" in message.lower()

    def test_non_utf8_map_file(self, tmp_path: Path) -> None:
        """A map file that is not UTF-8 is reported with the line of the bad byte."""
        (tmp_path / "map.toml").write_bytes(GOOD.replace("Lexington", "Lexingtön").encode("latin-1"))
        with pytest.raises(MapFileError) as info:
            load(tmp_path / "map.toml")
        assert info.value.problems[0][0] == 1

    def test_empty_quote(self) -> None:
        """An empty quote is reported on its line."""
        text = GOOD.replace('quote = "the Rebels fired first"', 'quote = "  "')
        ((line, message),) = problems(text)
        assert line == line_of(text, 'quote = "  "')
        assert "'quote' must be some words" in message and "it is empty" in message

    def test_duplicate_thesis_id(self) -> None:
        """A second thesis with a taken id is reported on its ``id`` line."""
        text = GOOD + '\n[[thesis]]\nid = "regulars-first"\nstatement = "Again."\n'
        ((line, message),) = problems(text)
        assert line == line_of(text, 'id = "regulars-first"', nth=2)
        assert "already exists" in message

    def test_duplicate_evidence_id(self) -> None:
        """Two evidence entries with one id: the second is reported on its ``id`` line."""
        entry = GOOD[GOOD.index("[[evidence]]") :].replace("[[evidence]]", '[[evidence]]\nid = "e1"')
        text = GOOD[: GOOD.index("[[evidence]]")] + entry + "\n" + entry
        ((line, _),) = problems(text)
        assert line == line_of(text, 'id = "e1"', nth=2)

    def test_quote_not_in_source(self) -> None:
        """A quote that is not in the source is reported on its line with the nearest passage."""
        text = GOOD.replace('quote = "the Rebels fired first"', 'quote = "the Rebels hoped first"')
        ((line, message),) = problems(text)
        assert line == line_of(text, "hoped")
        assert "nearest passage" in message

    def test_every_problem_is_listed(self) -> None:
        """Several mistakes are all reported at once, in file order, each with its line."""
        text = GOOD.replace('stance = "contests"', 'stance = "refutes"').replace("title =", "titel =")
        text += '\n[[relation]]\nfrom = "regulars-first"\nto = "nobody"\nstance = "supports"\n'
        found = problems(text)
        assert [line for line, _ in found] == [
            line_of(text, "titel"),
            line_of(text, "refutes"),
            line_of(text, 'to = "nobody"'),
        ]
        assert str(found) and "nobody" in found[2][1]

    def test_missing_required_key_and_wrong_type(self) -> None:
        """A missing key is reported on the table's header; a wrong type on its own line."""
        text = GOOD.replace('stance = "contests"\n', "").replace('key = "gage"', 'key = "gage"\nyear = "1775"')
        found = problems(text)
        expected = (
            "[[source]] #1: 'year' must be a whole number, not text ('1775'); write it without quotes: year = 1775"
        )
        assert (line_of(text, "year"), expected) in found
        assert any(line == line_of(text, "[[evidence]]") and "missing 'stance'" in msg for line, msg in found)

    def test_path_and_text_both(self) -> None:
        """A source must have a path or a text, not both."""
        text = GOOD.replace('key = "gage"', 'key = "gage"\npath = "gage.txt"')
        ((line, message),) = problems(text)
        assert line == line_of(text, "[[source]]") and "not both" in message

    def test_error_message_names_file_and_line(self, tmp_path: Path) -> None:
        """The error's message says ``file:line:`` for each problem and how to fix it."""
        text = GOOD.replace('thesis = "regulars-first"', 'thesis = "nope"')
        (tmp_path / "map.toml").write_text(text, encoding="utf-8")
        with pytest.raises(MapFileError) as info:
            load(tmp_path / "map.toml")
        assert f"{tmp_path / 'map.toml'}:{line_of(text, 'nope')}: " in str(info.value)
        assert "fix the spelling" in str(info.value)


class TestCsl:
    def test_metadata_from_csl_json(self, tmp_path: Path) -> None:
        """Source metadata comes from a CSL-JSON file; keys written in the map file win."""
        item = {
            "id": "gage",
            "type": "letter",
            "title": "Letter to Dartmouth",
            "author": [{"family": "Gage", "given": "Thomas"}],
            "issued": {"date-parts": [[1775, 4, 22]]},
        }
        (tmp_path / "refs.json").write_text(json.dumps([item]), encoding="utf-8")
        text = 'csl = "refs.json"\n' + GOOD.replace('key = "gage"', 'key = "gage"\ntitle = "Own title"')
        (tmp_path / "map.toml").write_text(text, encoding="utf-8")
        source = load(tmp_path / "map.toml").source("gage")
        assert (source.title, source.authors, source.year, source.csl_type) == (
            "Own title", csl_to_metadata(item)["authors"], 1775, "letter"
        )  # fmt: skip

    def test_unknown_csl_id(self, tmp_path: Path) -> None:
        """A ``csl_id`` that no CSL item has is reported on its line."""
        (tmp_path / "refs.json").write_text("[]", encoding="utf-8")
        text = 'csl = "refs.json"\n' + GOOD.replace('key = "gage"', 'key = "gage"\ncsl_id = "gage1775"')
        ((line, message),) = problems(text, tmp_path)
        assert line == line_of(text, "gage1775") and "no CSL-JSON item" in message


class TestSave:
    def test_save_writes_relative_paths_not_texts(self, tmp_path: Path) -> None:
        """Saving refers to each text by its path relative to the map file."""
        (tmp_path / "texts").mkdir()
        (tmp_path / "texts" / "gage.txt").write_text(TEXT, encoding="utf-8")
        m = argmap.ArgumentMap()
        m.add_source(argmap.Source.from_file(tmp_path / "texts" / "gage.txt", key="gage"))
        (tmp_path / "maps").mkdir()
        save(m, tmp_path / "maps" / "m.toml")
        written = (tmp_path / "maps" / "m.toml").read_text(encoding="utf-8")
        assert 'path = "../texts/gage.txt"' in written and TEXT not in written
        with pytest.raises(MapFileError, match="outside the map's folder"):
            load(tmp_path / "maps" / "m.toml")  # a map reads its own folder only, unless told
        assert load(tmp_path / "maps" / "m.toml", allowed=[tmp_path / "texts"]) == m

    def test_text_differs_from_file(self, tmp_path: Path) -> None:
        """A source whose text is not its file's cannot be saved, and nothing is written."""
        (tmp_path / "gage.txt").write_text(TEXT, encoding="utf-8")
        m = argmap.ArgumentMap()
        m.add_source(argmap.Source(key="gage", text="other text", path=str(tmp_path / "gage.txt")))
        with pytest.raises(MapSaveError, match="differs from its file"):
            save(m, tmp_path / "map.toml")
        assert sorted(p.name for p in tmp_path.iterdir()) == ["gage.txt"]

    def test_unwritable_place(self, tmp_path: Path) -> None:
        """Saving under a file (not a folder) is an OutputError, and nothing is written."""
        (tmp_path / "file").write_text("x")
        with pytest.raises(argmap.OutputError, match="Nothing was written"):
            save(argmap.ArgumentMap(), tmp_path / "file" / "map.toml")

    def test_output_is_deterministic_and_readable(self, tmp_path: Path) -> None:
        """Saving one map twice gives byte-identical files; maps equal but built differently (in
        Python, from a file with other key order and comments) give the same text; long quotes
        wrap within the line width."""
        m = loads(GOOD)
        save(m, tmp_path / "a.toml")
        save(m, tmp_path / "b.toml")
        assert (tmp_path / "a.toml").read_bytes() == (tmp_path / "b.toml").read_bytes()
        built = argmap.ArgumentMap(title="Lexington")
        built.add_source(argmap.Source(key="gage", text=TEXT))
        built.add_thesis("regulars-first", "The regulars fired the first shot.")
        built.cite("regulars-first", "gage", "the Rebels fired first", "contests")
        shuffled = f"""\
# comments, spacing and the order of keys are not part of the map
[[evidence]]
quote = "the Rebels fired first"
stance = 'contests'   # a literal string
source = "gage"
thesis = "regulars-first"

[[thesis]]
statement = "The regulars fired the first shot."
id = "regulars-first"

[[source]]
text = "{TEXT}"
key = "gage"
"""
        shuffled = 'title = "Lexington"\n' + shuffled
        assert loads(shuffled) == built == m
        assert dumps(loads(shuffled)) == dumps(built) == (tmp_path / "a.toml").read_text(encoding="utf-8")
        long = argmap.ArgumentMap()
        long.add_source(argmap.Source(key="s", text="word " * 100))
        assert max(len(line) for line in dumps(long).splitlines()) <= 100

    def test_save_refuses_json_with_changed_text(self, tmp_path: Path) -> None:
        """The JSON form refers to texts by path too: a text that differs from its file is refused,
        unless the texts are embedded."""
        (tmp_path / "gage.txt").write_text(TEXT, encoding="utf-8")
        m = argmap.ArgumentMap()
        m.add_source(argmap.Source(key="gage", text="other text", path=str(tmp_path / "gage.txt")))
        with pytest.raises(MapSaveError, match="differs from its file"):
            save(m, tmp_path / "map.json")
        assert not (tmp_path / "map.json").exists()
        save(m, tmp_path / "map.json", embed_texts=True)
        assert load(tmp_path / "map.json") == m


class TestRoundTrip:
    @given(maps())
    def test_dumps_loads(self, m: argmap.ArgumentMap) -> None:
        """Any map (texts inline) written as a map file reads back equal."""
        assert loads(dumps(m)) == m

    @given(maps(max_sources=2, max_evidence=6))
    def test_save_load_with_files(self, m: argmap.ArgumentMap) -> None:
        """A map whose texts are files saves and loads back equal, and no temporary file stays."""
        with tempfile.TemporaryDirectory() as folder:
            m = materialize(m, Path(folder))
            save(m, Path(folder) / "map.toml")
            assert load(Path(folder) / "map.toml") == m
            assert sorted(p.name for p in Path(folder).iterdir()) == ["map.toml", "texts"]

    @given(st.text())
    def test_strings_read_back_exactly(self, value: str) -> None:
        """Every string, written one-line or multi-line, reads back as itself."""
        assert tomllib.loads(f"a = {_inline(value)}\nb = {_multiline(value)}") == {"a": value, "b": value}


class TestIllTyped:
    """Values of the wrong type are problems on their lines, never a traceback."""

    @pytest.mark.parametrize(
        ("old", "new", "fragment", "expected"),
        [
            ('id = "regulars-first"', 'id = ["regulars-first"]', "id = [", "'id' must be a string"),
            ('key = "gage"', 'key = ["gage"]', "key = [", "'key' must be a string"),
            ('thesis = "regulars-first"', "thesis = 5", "thesis = 5", "not a whole number (5)"),
            ('key = "gage"', 'key = "gage"\nyear = 1775.0', "year", "not a decimal number (1775.0)"),
            ('key = "gage"', 'key = "gage"\nauthors = [1]', "authors", "a list of names"),
            ('stance = "contests"', 'stance = "contests"\noccurrence = true', "occurrence", "not true/false"),
        ],
    )
    def test_wrong_type(self, old: str, new: str, fragment: str, expected: str) -> None:
        """Each ill-typed value is reported on its line, with what it must be and what it is."""
        text = GOOD.replace(old, new)
        found = problems(text)
        assert any(line == line_of(text, fragment) and expected in message for line, message in found), found

    def test_bad_max_error_rate(self) -> None:
        """A ``max_error_rate`` outside 0 to 0.5 is reported on its line."""
        text = GOOD.replace('stance = "contests"', 'stance = "contests"\nmax_error_rate = 2')
        ((line, message),) = problems(text)
        assert line == line_of(text, "max_error_rate") and "from 0 to 0.5" in message


class TestEveryProblem:
    def test_stance_thesis_and_source_of_one_entry(self) -> None:
        """One evidence entry with a bad stance, an unknown thesis and an unknown source: all three."""
        text = (
            GOOD.replace('stance = "contests"', 'stance = "refutes"')
            .replace('thesis = "regulars-first"', 'thesis = "nobody"')
            .replace('source = "gage"', 'source = "gaje"')
        )
        found = problems(text)
        assert [line for line, _ in found] == [line_of(text, "nobody"), line_of(text, "gaje"), line_of(text, "refutes")]
        assert "did you mean 'gage'" in found[1][1]

    def test_bad_stance_and_missing_quote(self) -> None:
        """A bad stance does not hide that the quote is not in the source."""
        text = GOOD.replace('stance = "contests"', 'stance = "refutes"').replace(
            QUOTE, 'quote = "the Rebels hoped first"'
        )
        found = problems(text)
        assert [line for line, _ in found] == [line_of(text, "refutes"), line_of(text, "hoped")]
        assert "nearest passage" in found[1][1]

    def test_evidence_of_a_failed_thesis_is_still_checked(self) -> None:
        """A thesis whose statement is bad still lets its evidence be checked, without 'unknown thesis'."""
        text = GOOD.replace('statement = "The regulars fired the first shot."', 'statement = ""')
        text = text.replace(QUOTE, 'quote = "the Rebels hoped first"')
        found = problems(text)
        assert [line for line, _ in found] == [line_of(text, 'statement = ""'), line_of(text, "hoped")]
        assert not any("unknown thesis" in message for _, message in found)

    def test_duplicate_source_key(self) -> None:
        """A second source with a taken key is reported on its ``key`` line; the first one's evidence loads."""
        text = GOOD + '\n[[source]]\nkey = "gage"\ntext = "other"\n'
        ((line, message),) = problems(text)
        assert line == line_of(text, 'key = "gage"', nth=2) and "already exists" in message

    def test_evidence_before_its_thesis(self) -> None:
        """Entries of each kind are read kind by kind, so evidence may stand before its thesis in the file."""
        evidence = GOOD[GOOD.index("[[evidence]]") :]
        text = (
            GOOD[: GOOD.index("[[thesis]]")]
            + evidence
            + "\n"
            + GOOD[GOOD.index("[[thesis]]") : GOOD.index("[[evidence]]")]
        )
        assert loads(text) == loads(GOOD)


class TestQuotedIn:
    LETTER = "We fired upon the troops at dawn."
    GUEST = f'[[source]]\nkey = "letter"\ntext = "{LETTER}"\nquoted_in = "gage"\ncsl_type = "letter"\n'

    def test_host_after_guest_in_the_file(self) -> None:
        """A source may name a host that comes later in the file; hosts are added first."""
        text = GOOD.replace("[[source]]", self.GUEST + "\n[[source]]", 1)
        m = loads(text)
        assert [s.key for s in m.sources] == ["gage", "letter"]
        assert m.source("letter").quoted_in == "gage"

    def test_round_trip(self) -> None:
        """``quoted_in`` is written and read back."""
        m = loads(GOOD + "\n" + self.GUEST)
        assert 'quoted_in = "gage"' in dumps(m)
        assert loads(dumps(m)) == m

    def test_unknown_host(self) -> None:
        """An unknown host is reported on the ``quoted_in`` line, with the keys that are known."""
        text = GOOD + "\n" + self.GUEST.replace('quoted_in = "gage"', 'quoted_in = "gaje"')
        ((line, message),) = problems(text)
        assert line == line_of(text, "quoted_in") and "did you mean 'gage'" in message

    def test_cycle(self) -> None:
        """Two sources quoted in each other are reported, not looped over."""
        text = GOOD.replace('key = "gage"', 'key = "gage"\nquoted_in = "letter"') + "\n" + self.GUEST
        found = problems(text)
        assert [line for line, _ in found] == [
            line_of(text, 'quoted_in = "letter"'),
            line_of(text, 'quoted_in = "gage"'),
        ]
        assert all("cannot be quoted in itself" in message for _, message in found)


class TestMaxErrorRate:
    SLIP = GOOD.replace('quote = "the Rebels fired first"', 'quote = "the Rebels fird first"')

    def test_round_trip(self) -> None:
        """A quote's own budget is written (only when set) and read back, and used to locate it."""
        m = loads(self.SLIP.replace('stance = "contests"', 'stance = "contests"\nmax_error_rate = 0.3'))
        (ev,) = m.evidence
        assert (ev.max_error_rate, ev.passage.match) == (0.3, argmap.Match.FUZZY)
        assert "max_error_rate = 0.3\n" in dumps(m) and "max_error_rate" not in dumps(loads(GOOD))
        assert loads(dumps(m)) == m

    def test_zero_turns_approximate_matching_off(self) -> None:
        """``max_error_rate = 0`` makes the slip a quote not found."""
        text = self.SLIP.replace('stance = "contests"', 'stance = "contests"\nmax_error_rate = 0')
        ((line, message),) = problems(text)
        assert line == line_of(text, "fird") and "is not in source" in message


class TestMessages:
    def test_unknown_key_suggests_the_close_one(self) -> None:
        """``author`` for ``authors`` is answered with a suggestion."""
        text = GOOD.replace('key = "gage"', 'key = "gage"\nauthor = ["Thomas Gage"]')
        ((_, message),) = problems(text)
        assert "did you mean 'authors'?" in message

    def test_curly_quotes(self) -> None:
        """Curly quotes pasted from a word processor get a plain-language hint."""
        text = GOOD.replace('title = "Lexington"', "title = \u201cLexington\u201d")
        ((line, message),) = problems(text)
        assert line == 1 and "Curly quotes" in message and "straight quotes" in message

    def test_key_given_twice(self) -> None:
        """A key given twice in one entry is explained."""
        text = GOOD.replace('stance = "contests"', 'stance = "contests"\nstance = "supports"')
        ((line, message),) = problems(text)
        assert line == line_of(text, 'stance = "supports"') and "given twice" in message

    def test_syntax_problem_without_a_place(self) -> None:
        """A tomllib message of an unexpected shape gives no line rather than a wrong one or a crash."""
        line, message = _syntax_problem(tomllib.TOMLDecodeError("something odd"), "a = 1\nb = 2\n")
        assert line is None and message.startswith("not valid TOML: something odd.")
        line, _ = _syntax_problem(tomllib.TOMLDecodeError("Invalid value (at end of document)"), "a = 1\nb = [")
        assert line == 2


class TestLines:
    def test_load_checked_gives_each_evidence_line(self, tmp_path: Path) -> None:
        """``load_checked`` gives the line of each evidence's quote and a report of how each matched."""
        (tmp_path / "map.toml").write_text(GOOD, encoding="utf-8")
        loaded = load_checked(tmp_path / "map.toml")
        assert loaded.map == loads(GOOD)
        assert loaded.lines == {"gage-1": line_of(GOOD, "quote =")}
        assert [r.status.value for r in loaded.report.results] == ["ok"]
