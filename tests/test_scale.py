"""Big and broken maps stay linear: bounded work per mistake, bounded messages, bounded memory.

Speed itself is measured in ``benchmarks/load.py`` and ``benchmarks/render.py``; these tests
count what the slow code did too much of (comparisons, loop steps, characters, bytes), so they
fail on the old code without timing anything.
"""

from __future__ import annotations

import difflib
import json
import sys
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import CodeType, FrameType
from typing import Any

import pytest

import argmap
from argmap import ArgumentMap, Source, locate
from argmap.errors import KEPT_OCCURRENCES, MAX_QUOTE_LENGTH, NameIndex
from argmap.formats import jsonform
from argmap.formats.mapfile import load, loads
from argmap.formats.schema import FORMAT
from argmap.outputs import dot
from argmap.outputs.dot import to_dot


@contextmanager
def count_calls(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str) -> Iterator[list[int]]:
    """Count the calls of ``owner.name`` in the block."""
    calls = [0]
    original = getattr(owner, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    yield calls


@contextmanager
def at_most_lines(code: CodeType, limit: int) -> Iterator[None]:
    """Stop the block with an AssertionError once the function of ``code`` has run ``limit`` lines."""
    ran = [0]

    def local(frame: FrameType, event: str, arg: object) -> Any:
        if event == "line":
            ran[0] += 1
            if ran[0] > limit:
                raise AssertionError(f"{code.co_name} ran more than {limit} lines")
        return local

    def tracer(frame: FrameType, event: str, arg: object) -> Any:
        return local if frame.f_code is code else None

    before = sys.gettrace()
    sys.settrace(tracer)
    try:
        yield
    finally:
        sys.settrace(before)


class TestSuggestions:
    def test_misspelt_references_compare_few_ids(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Each of 50 misspelt thesis references among 3,000 theses is compared with a bounded number
        of ids (an index finds the candidates), not with all 3,000; the suggestion is still right."""
        lines = ['[[source]]', 'key = "s"', 'text = "one two three"']
        for i in range(3000):
            lines += ["[[thesis]]", f'id = "thesis-{i}-claim"', 'statement = "x"']
        for i in range(50):
            lines += ["[[relation]]", f'from = "thesis-{i * 7}-clam"', f'to = "thesis-{i}-claim"']
            lines.append('stance = "supports"')
        counting = count_calls(monkeypatch, difflib.SequenceMatcher, "set_seq1")
        with counting as calls, pytest.raises(argmap.MapFileError) as info:
            loads("\n".join(lines))
        assert len(info.value.problems) == 50
        assert all(f"'thesis-{i * 7}-clam'; did you mean 'thesis-{i * 7}-claim'" in str(info.value) for i in range(50))
        assert calls[0] <= 50 * (NameIndex.CANDIDATES + 1)  # one more: each SequenceMatcher starts with one

    def test_a_script_trying_wrong_ids_compares_few(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """100 wrong thesis ids asked of a map of 1,000 theses: each compared with a bounded number of
        ids, from one index the map keeps until a thesis is added."""
        m = ArgumentMap()
        for i in range(1000):
            m.add_thesis(f"thesis-{i}", "A thesis.")
        compared = count_calls(monkeypatch, difflib.SequenceMatcher, "set_seq1")
        indexed = count_calls(monkeypatch, argmap.errors, "_trigrams")  # once per id indexed, once per lookup
        with compared as comparisons, indexed as pieces:
            for i in range(100):
                with pytest.raises(argmap.UnknownThesisError, match=f"did you mean 'thesis-{i}'"):
                    m.thesis(f"thesis-{i}x")
        assert comparisons[0] <= 100 * (NameIndex.CANDIDATES + 1)
        assert pieces[0] == 1000 + 100
        m.add_thesis("thesis-new", "Another.")
        with pytest.raises(argmap.UnknownThesisError, match="did you mean 'thesis-new'"):
            m.thesis("thesis-nw")

    def test_small_lists_suggest_as_before(self) -> None:
        """Among a few ids, every id is compared (difflib's answer, unchanged)."""
        names = ["regulars-fired-first", "rebels-fired-first", "stalin-wanted-war"]
        assert NameIndex(names).close("rebels-fird-first") == difflib.get_close_matches("rebels-fird-first", names, n=3)

    def test_index_finds_the_misspelt_id_among_many(self) -> None:
        """Among 50,000 ids a slip, a dropped letter and a swapped pair are each found first."""
        words = ("treaty", "border", "envoy", "ledger", "garrison")
        index = NameIndex([f"{w}-{i}" for i in range(10_000) for w in words])
        assert index.close("treaty-4321x")[0] == "treaty-4321"
        assert index.close("garison-77")[0] == "garrison-77"
        assert index.close("ledegr-9999")[0] == "ledger-9999"

    def test_unknown_thesis_error_shares_one_index(self) -> None:
        """An error given an index keeps its ids, not a copy per error."""
        index = NameIndex(["a-thesis", "b-thesis"])
        error = argmap.UnknownThesisError("a-thesys", index)
        assert error.known is index.names and "did you mean 'a-thesis'" in str(error)


class TestAmbiguity:
    def test_a_word_a_thousand_times_is_counted_not_listed(self) -> None:
        """`the` 3,000 times: the message lists 10 occurrences and the count; the error keeps at most
        KEPT_OCCURRENCES of them."""
        src = Source(key="s", text="the cat sat on a mat. " * 3000)
        with pytest.raises(argmap.AmbiguousQuoteError) as info:
            locate(src, "the")
        error = info.value
        assert error.count == 3000 and len(error.occurrences) == min(3000, KEPT_OCCURRENCES)
        assert error.occurrences[0][:2] == (0, 3)
        assert "occurs 3,000 times" in str(error) and "and 2,990 more" in str(error)
        assert len(str(error)) < 1000

    def test_a_prefix_that_picks_none_is_bounded_too(self) -> None:
        """A prefix that agrees with none of 3,000 occurrences: the message is short and counts them."""
        src = Source(key="s", text="the cat sat on a mat. " * 3000)
        with pytest.raises(argmap.InvalidQuoteError) as info:
            locate(src, "the cat", prefix="zebra")
        assert "3,000 in all" in str(info.value) and len(str(info.value)) < 1000

    def test_few_occurrences_are_all_listed(self) -> None:
        """Two occurrences: both listed, no count line."""
        src = Source(key="s", text="First the Soviet Union agreed. Later the Soviet Union refused.")
        with pytest.raises(argmap.AmbiguousQuoteError) as info:
            locate(src, "the Soviet Union")
        assert info.value.count == 2 and len(info.value.occurrences) == 2 and "more" not in str(info.value)


_WORDS = "Report {i} on the envoy of sector {i} states the matter of item {i} plainly and at length. "


class TestLongQuotes:
    text = "".join(_WORDS.format(i=i) for i in range(400))
    #: 6,000 characters of the text with one word changed: a quote that only approximate matching finds
    slipped = text[: MAX_QUOTE_LENGTH + 1000].rsplit(" ", 1)[0].replace("item 30 plainly", "item 30 plainy")

    def test_a_long_quote_not_there_word_for_word_is_refused_with_how_to_split_it(self) -> None:
        """A quote of 6,000 characters with a slip is not searched for approximately: elide it."""
        src = Source(key="s", text=self.text)
        with pytest.raises(argmap.QuoteTooLongError) as info:
            locate(src, self.slipped)
        assert info.value.length > MAX_QUOTE_LENGTH and info.value.evidence is None
        assert "'first words ... last words'" in str(info.value) and len(str(info.value)) < 1000

    def test_a_long_quote_there_word_for_word_is_found(self) -> None:
        """The same quote without the slip is found as it stands (an exact search is quick)."""
        src = Source(key="s", text=self.text)
        quote = self.slipped.replace("plainy", "plainly")
        assert (locate(src, quote).start, locate(src, quote).end) == (0, len(quote))

    def test_the_map_file_names_the_evidence(self, tmp_path: Path) -> None:
        """In a map file the problem names the evidence (its id and entry) and its line."""
        path = tmp_path / "m.toml"
        path.write_text(
            f'[[source]]\nkey = "s"\ntext = "{self.text}"\n[[thesis]]\nid = "t"\nstatement = "x"\n'
            f'[[evidence]]\nid = "long-one"\nthesis = "t"\nsource = "s"\nstance = "supports"\n'
            f'quote = "{self.slipped}"\n'
        )
        with pytest.raises(argmap.MapFileError) as info:
            load(path)
        message = str(info.value)
        assert "m.toml:12: [[evidence]] #1: the quote of evidence 'long-one'" in message
        assert "too long to look for approximately" in message

    def test_an_elided_long_passage_is_found_with_its_slip(self) -> None:
        """The passage quoted as its first and last 3,000 characters, elided, is found whole, slip and all."""
        src = Source(key="s", text=self.text)
        passage = self.text[:7000].rsplit(" ", 1)[0]
        first, last = passage[:3000].rsplit(" ", 1)[0], passage[-3000:].split(" ", 1)[1].strip()
        found = locate(src, f"{first.replace('item 30 plainly', 'item 30 plainy')} ... {last}")
        assert (found.start, found.end) == (0, len(passage)) and found.match.value == "fuzzy"


def _chain(length: int) -> ArgumentMap:
    """A map of theses t0, t1, ... each supporting the next."""
    m = ArgumentMap()
    for i in range(length):
        m.add_thesis(f"t{i}", f"Thesis {i}.")
    for i in range(length - 1):
        m.relate(f"t{i}", f"t{i + 1}", "supports")
    return m


class TestRadius:
    def test_a_huge_radius_stops_with_the_map(self) -> None:
        """radius=10**15 around a chain of 6 theses takes as many steps as the chain, not 10**15."""
        m = _chain(6)
        with at_most_lines(dot._neighbourhood.__code__, 500):
            text = to_dot(m, view="focus", focus="t0", radius=10**15)
        assert all(f"t{i}" in text for i in range(6))

    def test_radius_still_bounds_the_view(self) -> None:
        """radius=1 around the chain's start draws two theses, as before."""
        m = _chain(4)
        assert "2 of 4 theses" in to_dot(m, view="focus", focus="t0", radius=1)


_DEEP = 5000


class TestNesting:
    @pytest.mark.parametrize(
        "text",
        [
            "title = " + "[" * _DEEP + "]" * _DEEP,
            "title = " + "{a = " * _DEEP + "1" + "}" * _DEEP,
            "title" + ".a" * _DEEP + " = 1",
            '[[evidence]]\nquote' + ".a" * _DEEP + " = 1",
        ],
        ids=["arrays", "inline tables", "dotted keys", "dotted keys in an entry"],
    )
    def test_deep_toml_is_a_map_file_error(self, tmp_path: Path, text: str) -> None:
        """Thousands of nested arrays, inline tables or dotted keys: the map's syntax problem, with its name."""
        path = tmp_path / "deep.toml"
        path.write_text(text)
        with pytest.raises(argmap.MapFileError) as info:
            load(path)
        assert str(info.value).startswith(f"{path}: 1 problem") and "nested too deeply" in str(info.value)

    def test_deep_json_at_any_depth_is_a_map_file_error(self, tmp_path: Path) -> None:
        """A JSON form with a value nested 800 to 1,000 deep (around the interpreter's limit, where the
        parser succeeds and what follows may not) or 100,000 deep is a MapFileError naming the file."""
        head = json.dumps({"format": FORMAT, "version": 1})[:-1]
        for depth in [*range(800, 1000), 100_000]:
            path = tmp_path / "deep.json"
            path.write_text(f'{head}, "title": ' + "[" * depth + "]" * depth + "}")
            with pytest.raises(argmap.MapFileError) as info:
                load(path)
            assert str(info.value).startswith(f"{path}: 1 problem"), depth


class TestJsonLines:
    def test_line_scanner_memory_is_a_small_multiple_of_the_text(self) -> None:
        """Finding the lines of a JSON form with 2 MB of inline text peaks under 4 bytes per character
        of the file (it took about 113)."""
        m = ArgumentMap()
        m.add_source(Source(key="s", text=("A line of the source text, long enough. " * 50 + "\n") * 1000))
        text = jsonform.to_json(m)
        tracemalloc.start()
        try:
            lines = jsonform._json_lines(text)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert lines[("sources", 0, "text")] > 1
        assert peak < 4 * len(text), peak / len(text)


class TestPagesOncePerSource:
    def test_words_of_a_passage_look_at_the_skipped_spans_near_it(self) -> None:
        """In a text with 20,000 skipped anchors, the words of a passage read the few anchors in it,
        not all 20,000 (reports and the reading view take the words of every passage)."""
        text = "".join(f"Line {i} of the book goes on [{i % 90}]\n" for i in range(20_000))
        src = Source(key="s", text=text, ignore=(r" \[\d+\]",))
        start = text.index("Line 19000 ")
        end = text.index("Line 19003 ")
        src.words(0, 10)  # the layout, made once per source
        with at_most_lines(Source.words.__code__, 200):
            words = src.words(start, end)
        assert words == "Line 19000 of the book goes on Line 19001 of the book goes on Line 19002 of the book goes on"

    def test_layout_is_made_once_for_check_diagram_and_report(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Checking, drawing and reporting on a paged source find its pages once (the source's layout)."""
        from argmap.outputs.report import markdown
        from argmap.pages import Layout

        text = "".join(f"Page {p}\n" + "".join(f"Words {p}-{i} here.\n" for i in range(5)) for p in range(1, 50))
        with count_calls(monkeypatch, Layout, "from_patterns") as calls:
            m = ArgumentMap()
            m.add_source(Source(key="a", text=text, page_pattern=r"^Page (\d+)$"))
            m.add_source(Source(key="b", text="Words that differ.", page_pattern=None))
            for p in range(1, 40):
                m.add_thesis(f"t{p}", f"Thesis {p}.")
                m.cite(f"t{p}", "a", f"Words {p}-3 here.", "supports")
            m.check()
            to_dot(m, view="full", max_nodes=10**4)
            markdown(m.compare("a", "b"))
        assert calls[0] == 2  # one per source
