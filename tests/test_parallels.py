"""Parallel passages: pairs of passages of two sources that treat the same matter, and what differs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap.cli import main
from tests.conftest import DATA

MAPS = DATA  # the maps stand beside their texts


@pytest.fixture(scope="module")
def lexington() -> argmap.ArgumentMap:
    return argmap.load(MAPS / "lexington.toml")


@pytest.fixture(scope="module")
def gunpowder() -> argmap.ArgumentMap:
    return argmap.load(MAPS / "gunpowder.toml")


class TestParallels:
    def test_pairs_of_the_two_sources_best_first(self, lexington: argmap.ArgumentMap) -> None:
        """Each pair holds a passage of each source, real spans of their texts; scores do not rise;
        no passage is in two pairs."""
        found = lexington.parallels("gage", "coburn", k=10)
        assert len(found) == 10
        assert [p.rank for p in found] == list(range(1, 11))
        assert [p.score for p in found] == sorted((p.score for p in found), reverse=True)
        for p in found:
            assert p.a.source == "gage" and p.b.source == "coburn"
            assert p.a.text == lexington.source("gage").text[p.a.start : p.a.end]
            assert p.b.text == lexington.source("coburn").text[p.b.start : p.b.end]
            assert len(p.shared) >= argmap.parallels.MIN_SHARED
        assert len({(p.a.start, p.a.end) for p in found}) == len({(p.b.start, p.b.end) for p in found}) == 10

    def test_known_parallel_found(self, lexington: argmap.ArgumentMap) -> None:
        """The flour, trenchers and spoons destroyed at Concord, told by both, pair up near the top."""
        found = lexington.parallels("gage", "coburn", k=5)
        assert any("trenchers" in p.a.text and "trenchers" in p.b.text for p in found)

    def test_cited_passages_named(self, lexington: argmap.ArgumentMap) -> None:
        """A pair whose passage evidence already cites names that evidence; the others are unmapped."""
        found = lexington.parallels("gage", "coburn", k=20)
        for p in found:
            for ev_id in (*p.cited_a, *p.cited_b):
                ev = next(e for e in lexington.evidence if e.id == ev_id)
                side = p.a if ev.source == "gage" else p.b
                assert ev.passage.start < side.end and side.start < ev.passage.end
        assert any(p.mapped for p in found) and found.unmapped

    def test_differences(self) -> None:
        """Numbers, names and negation that only one passage has are listed."""
        m = argmap.ArgumentMap()
        m.add_source(argmap.Source(key="a", text="On April 19 Major Pitcairn ordered the rebels at Lexington "
                                   "to disperse, and about 150 rebels fired upon the regulars."))  # fmt: skip
        m.add_source(argmap.Source(key="b", text="On April 19 at Lexington Pitcairn ordered the militia of Captain "
                                   "Parker to disperse; some 70 men did not fire upon the regulars."))  # fmt: skip
        (p,) = m.parallels("a", "b")
        assert p.numbers == (("150",), ("70",))
        assert p.names == (("Major",), ("Captain", "Parker"))
        assert p.negated == (False, True)
        assert "negation: only in b" in p.differences

    def test_quotations_left_out_and_counted(self, gunpowder: argmap.ArgumentMap) -> None:
        """Gardiner quotes Gerard word for word: such pairs are left out unless asked for, and counted."""
        found = gunpowder.parallels("gerard", "gardiner", k=10)
        assert not any(p.same_words for p in found)
        assert "nearly the same words" in found.notes[0]
        quoted = gunpowder.parallels("gerard", "gardiner", k=10, quotations=True)
        assert any(p.same_words for p in quoted)

    def test_bad_input(self, lexington: argmap.ArgumentMap, korean_war: argmap.ArgumentMap) -> None:
        """Unknown sources, a bad k, and two sources of one text are refused, saying why."""
        with pytest.raises(argmap.UnknownSourceError, match="did you mean 'gage'"):
            lexington.parallels("gag", "coburn")
        with pytest.raises(argmap.InvalidValueError, match="k"):
            lexington.parallels("gage", "coburn", k=0)
        with pytest.raises(argmap.InvalidValueError, match="same text"):
            korean_war.parallels("hanngill", "stalin-letter")

    @given(st.lists(st.sampled_from(["Percy", "Monteagle", "cellar", "powder", "1605", "barrels", "Tresham", "letter"]),
                    min_size=3, max_size=8))  # fmt: skip
    def test_mirror(self, words: list[str]) -> None:
        """parallels(a, b) pairs the same passages as parallels(b, a), sides swapped."""
        m = argmap.ArgumentMap()
        tail = ". The river was high that year and the cellar wet."
        m.add_source(argmap.Source(key="a", text=" ".join(words) + tail))
        m.add_source(argmap.Source(key="b", text="It is said that " + " ".join(reversed(words)) + " were found."))
        ab = [(p.a.start, p.b.start, p.score) for p in m.parallels("a", "b")]
        ba = [(p.b.start, p.a.start, p.score) for p in m.parallels("b", "a")]
        assert ab == ba


class TestCommand:
    def test_side_by_side(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``argmap parallels`` prints pairs in two columns headed by source and page."""
        code = main(["parallels", str(MAPS / "lexington.toml"), "gage", "coburn", "-k", "3", "--width", "80"])
        out, err = capsys.readouterr()
        assert code == 0, err
        assert out.count("\n#") == 3
        assert "| coburn, p" in out
        assert all(len(line) <= 80 for line in out.splitlines() if "|" in line)

    def test_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``--format json`` gives the pairs as data."""
        assert main(["parallels", str(MAPS / "lexington.toml"), "gage", "coburn", "-k", "2", "--format", "json"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert [p["rank"] for p in data["parallels"]] == [1, 2]
        assert data["parallels"][0]["b"]["source"] == "coburn"

    def test_unknown_source(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown source is a usage error."""
        assert main(["parallels", str(MAPS / "lexington.toml"), "gage", "coburm"]) == 2
        assert "unknown source 'coburm'" in capsys.readouterr().err


class TestReport:
    """The comparison report's "Passages not yet mapped" (argmap.report.markdown(..., parallels=))."""

    @staticmethod
    def _map() -> argmap.ArgumentMap:
        m = argmap.ArgumentMap()
        m.add_source(argmap.Source(key="gage", authors=["Thomas Gage"], text=(
            "Major Pitcairn ordered the rebels at Lexington to disperse, which they did not do.\n\n"
            "The troops destroyed a quantity of flour and some barrels of trenchers at Concord.")))
        m.add_source(argmap.Source(key="coburn", authors=["Frank Coburn"], text=(
            "At Lexington Major Pitcairn ordered the minute-men to disperse, and they dispersed.\n\n"
            "The regulars destroyed sixty barrels of flour and some trenchers at Concord village.")))  # fmt: skip
        m.add_thesis("defied", "The Lexington company would not disperse.")
        m.cite("defied", "gage", "which they did not do", "supports")
        m.cite("defied", "coburn", "they dispersed", "contests")
        return m

    def test_unmapped_pairs_appended_with_notes(self) -> None:
        """Only the pairs no evidence cites are appended, before the notes, each passage quoted as a
        reader sees it with a footnote that the notes define, and what differs."""
        m = self._map()
        found = m.parallels("gage", "coburn")
        assert len(found) == 2 and len(found.unmapped) == 1
        text = argmap.report.markdown(m.compare("gage", "coburn"), parallels=found)
        section = text.split("## Passages not yet mapped\n")[1].split("## Notes")[0]
        assert "1 of the 2 best pairs found" in section
        assert section.count("### ") == 1 and "Pitcairn" not in section
        assert "> The troops destroyed a quantity of flour and some barrels of trenchers at Concord.[^" in section
        assert "> The regulars destroyed sixty barrels of flour and some trenchers at Concord village.[^" in section
        assert "*Differs:* numbers and dates: - / sixty." in section
        used = set(re.findall(r"\[\^(\d+)\](?!:)", text))
        defined = set(re.findall(r"^\[\^(\d+)\]:", text, re.M))
        assert used == defined

    def test_without_parallels_unchanged(self) -> None:
        """Without parallels the report is as before; with them, the same report with the section added."""
        m = self._map()
        plain = argmap.report.markdown(m.compare("gage", "coburn"))
        assert "not yet mapped" not in plain
        both = argmap.report.markdown(m.compare("gage", "coburn"), parallels=m.parallels("coburn", "gage"))
        assert both.split("## Passages not yet mapped")[0] == plain.split("## Notes")[0]
        assert both == argmap.report.markdown(m.compare("gage", "coburn"), parallels=m.parallels("coburn", "gage"))

    def test_parallels_of_other_sources_refused(self, korean_war: argmap.ArgumentMap) -> None:
        """Parallels of other sources than the two compared are refused."""
        m = self._map()
        m.add_source(argmap.Source(key="other", text="Pitcairn ordered the militia at Lexington to disperse."))
        with pytest.raises(argmap.InvalidValueError, match="parallels"):
            argmap.report.markdown(m.compare("gage", "coburn"), parallels=m.parallels("gage", "other"))

    def test_command(self, tmp_path: Path) -> None:
        """``argmap report --parallels`` appends the section; without it there is none."""
        out = tmp_path / "report.md"
        assert main(["report", str(MAPS / "lexington.toml"), "gage", "coburn", "-o", str(out), "--parallels"]) == 0
        text = out.read_text(encoding="utf-8")
        assert "## Passages not yet mapped" in text and text.index("not yet mapped") < text.index("## Notes")
        assert main(["report", str(MAPS / "lexington.toml"), "gage", "coburn", "-o", str(out)]) == 0
        assert "not yet mapped" not in out.read_text(encoding="utf-8")
