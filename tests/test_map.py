"""The argument map: ids, citing, relations, positions, the graph, checking, and value objects."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import argmap
from argmap import ArgumentMap, Position, Source, Stance
from argmap.check import check
from argmap.pages import page_locator
from argmap.text import TextView, _quick_fold, fold, normalize

from .conftest import CHEN_PATTERNS, SEEDS


@pytest.fixture
def korea(chen: Source, hanngill: Source) -> ArgumentMap:
    m = ArgumentMap(title="Origins of the Korean War")
    m.add_source(chen)
    m.add_source(hanngill)
    m.add_thesis("stalin-wanted-us-intervention", "Stalin wanted the United States to intervene in Korea.")
    m.add_thesis("stalin-avoided-confrontation", "Stalin was determined to avoid a direct clash with the US.")
    return m


class TestSource:
    def test_from_file_keeps_text_and_metadata(self) -> None:
        """Source.from_file reads the text and keeps key, metadata and path as attributes."""
        src = Source.from_file(
            SEEDS / "westad-brothers-in-arms-pp249-252.txt",
            key="chen",
            authors=["Chen Jian", "Yang Kuisong"],
            year=1998,
            **CHEN_PATTERNS,  # type: ignore[arg-type]
        )
        assert src.key == "chen" and src.authors == ("Chen Jian", "Yang Kuisong") and src.year == 1998
        assert src.text.startswith("Brothers in Arms") and src.path is not None

    def test_missing_file(self, tmp_path: Path) -> None:
        """A missing text file is a SourceFileError naming the path."""
        with pytest.raises(argmap.SourceFileError, match="no such file"):
            Source.from_file(tmp_path / "nope.txt", key="x")

    def test_not_utf8(self, tmp_path: Path) -> None:
        """A text that is not UTF-8 is a SourceFileError that says how to fix it."""
        path = tmp_path / "latin1.txt"
        path.write_bytes("Unio\xf1".encode("latin-1"))
        with pytest.raises(
            argmap.SourceFileError, match=r"not valid utf-8 at line 1 \(byte 4\); re-save the file as UTF-8"
        ):
            Source.from_file(path, key="x")

    def test_bad_page_pattern(self) -> None:
        """A page pattern that is not a regular expression is rejected when the source is made."""
        with pytest.raises(argmap.InvalidValueError, match="page_pattern"):
            Source(key="x", text="t", page_pattern="(unclosed")

    def test_bad_key(self) -> None:
        """A source key must be a slug."""
        with pytest.raises(argmap.InvalidValueError, match="slug"):
            Source(key="two words", text="t")

    def test_first_page_without_markers(self) -> None:
        """A text without markers may say on which page it starts."""
        src = Source(key="x", text="a letter of one page", first_page="17")
        assert argmap.locate(src, "one page").pages == ("17",)

    def test_values_are_frozen(self, chen: Source) -> None:
        """Sources are immutable; changes go through attrs.evolve."""
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            chen.key = "other"  # type: ignore[misc]
        assert attrs.evolve(chen, key="other").text == chen.text


class TestPageLocator:
    @pytest.mark.parametrize(
        ("pages", "expected"),
        [
            (("251",), "p. 251"),
            (("251", "252"), "pp. 251\u201352"),
            (("3", "10"), "pp. 3\u201310"),
            (("71", "72"), "pp. 71\u201372"),
            (("100", "104"), "pp. 100\u2013104"),
            (("101", "108"), "pp. 101\u20138"),
            (("1103", "1104"), "pp. 1103\u20134"),
            (("321", "328"), "pp. 321\u201328"),
            (("498", "532"), "pp. 498\u2013532"),
            (("1496", "1500"), "pp. 1496\u20131500"),
            (("vi", "vii"), "pp. vi\u2013vii"),
            ((), ""),
        ],
    )
    def test_chicago_ranges(self, pages: tuple[str, ...], expected: str) -> None:
        """Page ranges (every page from the first to the last) are shortened as the Chicago Manual (9.61) prescribes."""
        if len(pages) == 2 and all(p.isdigit() for p in pages):
            pages = tuple(str(n) for n in range(int(pages[0]), int(pages[1]) + 1))
        assert page_locator(pages) == expected

    def test_pages_of_several_passages(self) -> None:
        """Pages merged from several passages: runs become ranges, gaps are kept."""
        assert page_locator(("250", "252", "253")) == "pp. 250, 252\u201353"
        assert page_locator(("ix", "x", "xii")) == "pp. ix\u2013x, xii"


class TestBuilding:
    def test_issue_walkthrough(self, korea: ArgumentMap) -> None:
        """The foundation issue's example works as written."""
        ev = korea.cite(
            "stalin-wanted-us-intervention", "chen",
            "Stalin initially feared that such a war could result in direct military conflict", stance="contests",
        )  # fmt: skip
        assert korea.source("chen").text[ev.passage.start : ev.passage.end] == ev.passage.text
        assert ev.passage.pages == ("251",) and ev.passage.match == "exact"
        korea.relate("stalin-avoided-confrontation", "stalin-wanted-us-intervention", "contests")
        assert korea.position("chen", "stalin-wanted-us-intervention") is Position.DENIES
        assert korea.position("hanngill", "stalin-wanted-us-intervention") is Position.SILENT

    def test_stance_accepts_enum_and_string(self, korea: ArgumentMap) -> None:
        """Stance is Stance.SUPPORTS/CONTESTS or its string; anything else is rejected."""
        a = korea.cite("stalin-avoided-confrontation", "chen", "avoid a direct military confrontation", Stance.SUPPORTS)
        assert a.stance is Stance.SUPPORTS
        with pytest.raises(argmap.InvalidValueError, match="'supports' or 'contests'"):
            korea.cite("stalin-avoided-confrontation", "chen", "avoid a direct military confrontation", "agrees")

    def test_positions(self, korea: ArgumentMap) -> None:
        """Supporting only affirms, contesting only denies, both is mixed, none is silent."""
        t = "stalin-wanted-us-intervention"
        korea.cite(t, "hanngill", "Stalin not only predicted but actually wanted U.S. intervention", "supports")
        assert korea.position("hanngill", t) is Position.AFFIRMS
        korea.cite(t, "hanngill", "Stalin's calculation was probably that the U.S. would not be able", "contests")
        assert korea.position("hanngill", t) is Position.MIXED
        assert korea.positions()[t] == {"chen": Position.SILENT, "hanngill": Position.MIXED}

    def test_unknown_ids(self, korea: ArgumentMap) -> None:
        """Unknown thesis and source ids raise errors that are KeyErrors too, listing known ids."""
        with pytest.raises(argmap.UnknownThesisError, match="stalin-avoided-confrontation") as info:
            korea.cite("no-such-thesis", "chen", "Stalin", "supports")
        assert isinstance(info.value, KeyError)
        with pytest.raises(argmap.UnknownSourceError, match="'chen', 'hanngill'"):
            korea.cite("stalin-avoided-confrontation", "westad", "Stalin", "supports")
        with pytest.raises(argmap.UnknownThesisError):
            korea.relate("stalin-avoided-confrontation", "nope", "contests")
        with pytest.raises(argmap.UnknownSourceError):
            korea.position("nope", "stalin-avoided-confrontation")

    def test_duplicate_ids(self, korea: ArgumentMap, chen: Source) -> None:
        """Taking an id twice is a DuplicateIdError (thesis, source, evidence, relation)."""
        with pytest.raises(argmap.DuplicateIdError, match="thesis"):
            korea.add_thesis("stalin-wanted-us-intervention", "again")
        with pytest.raises(argmap.DuplicateIdError, match="source"):
            korea.add_source(chen)
        korea.cite("stalin-avoided-confrontation", "chen", "avoid a direct military confrontation", "supports", id="e")
        with pytest.raises(argmap.DuplicateIdError, match="evidence"):
            korea.cite("stalin-avoided-confrontation", "chen", "Stalin initially feared", "supports", id="e")
        korea.relate("stalin-avoided-confrontation", "stalin-wanted-us-intervention", "contests")
        with pytest.raises(argmap.DuplicateIdError, match="relation"):
            korea.relate("stalin-avoided-confrontation", "stalin-wanted-us-intervention", "supports")

    def test_failed_cite_adds_nothing(self, korea: ArgumentMap) -> None:
        """A misquote leaves the map as it was."""
        before = korea.evidence
        with pytest.raises(argmap.QuoteNotFoundError):
            korea.cite("stalin-avoided-confrontation", "chen", "Stalin welcomed a war with America", "supports")
        assert korea.evidence == before

    def test_bad_thesis_id_and_statement(self, korea: ArgumentMap) -> None:
        """Thesis ids are slugs and statements are not empty."""
        with pytest.raises(argmap.InvalidValueError):
            korea.add_thesis("Stalin wanted war", "x")
        with pytest.raises(argmap.InvalidValueError):
            korea.add_thesis("empty", "  ")

    def test_self_relation(self, korea: ArgumentMap) -> None:
        """A thesis cannot support or contest itself."""
        with pytest.raises(argmap.InvalidValueError):
            korea.relate("stalin-avoided-confrontation", "stalin-avoided-confrontation", "supports")

    def test_evidence_ids_are_per_source(self, korea: ArgumentMap) -> None:
        """Evidence gets readable ids: the source key and a count."""
        a = korea.cite("stalin-avoided-confrontation", "chen", "avoid a direct military confrontation", "supports")
        b = korea.cite("stalin-wanted-us-intervention", "hanngill", "actually wanted U.S. intervention", "supports")
        c = korea.cite("stalin-wanted-us-intervention", "chen", "Stalin initially feared", "contests")
        assert (a.id, b.id, c.id) == ("chen-1", "hanngill-1", "chen-2")


class TestGraph:
    def test_to_networkx_is_a_copy_with_plain_attributes(self, korea: ArgumentMap) -> None:
        """The graph users get holds theses, sources, evidence and relation edges, and is a copy."""
        korea.cite("stalin-avoided-confrontation", "chen", "avoid a direct military confrontation", "supports")
        korea.relate("stalin-avoided-confrontation", "stalin-wanted-us-intervention", "contests")
        g = korea.to_networkx()
        kinds = sorted(d["kind"] for _, d in g.nodes(data=True))
        assert kinds == ["source", "source", "thesis", "thesis"]
        evidence = [d for *_, d in g.edges(data=True) if d["kind"] == "evidence"]
        assert evidence[0]["pages"] == "252" and evidence[0]["stance"] == "supports"
        g.remove_node("thesis:stalin-wanted-us-intervention")
        assert len(korea.theses) == 2 and len(korea.relations) == 1

    def test_equality(self, korea: ArgumentMap, chen: Source) -> None:
        """Maps with the same content are equal; a difference in evidence makes them unequal."""
        other = ArgumentMap(title=korea.title)
        for src in korea.sources:
            other.add_source(src)
        for t in korea.theses:
            other.add_thesis(t.id, t.statement)
        assert other == korea
        other.cite("stalin-avoided-confrontation", "chen", "avoid a direct military confrontation", "supports")
        assert other != korea


class TestCheck:
    def test_check_reports_every_quote(self, korea: ArgumentMap) -> None:
        """check() gives one result per evidence; fuzzy matches are warnings with their diff."""
        korea.cite("stalin-avoided-confrontation", "chen", "avoid a direct military confrontation", "supports")
        korea.cite("stalin-avoided-confrontation", "chen", "The Alliance and China's Entry", "supports")
        report = korea.check()
        assert [r.status.value for r in report.results] == ["ok", "fuzzy"]
        assert report.ok and len(report.warnings) == 1
        assert "Chlna's" in report.warnings[0].message
        assert "2 quotes checked: 1 ok, 1 fuzzy, 0 missing" in str(report)

    def test_check_collects_all_problems(self, korea: ArgumentMap, chen: Source) -> None:
        """When source texts change, check() reports moved and missing quotes and raises nothing."""
        korea.cite("stalin-avoided-confrontation", "chen", "avoid a direct military confrontation", "supports")
        korea.cite("stalin-wanted-us-intervention", "chen", "Stalin initially feared", "contests")
        korea.cite("stalin-wanted-us-intervention", "hanngill", "actually wanted U.S. intervention", "supports")
        edited = attrs.evolve(chen, text="PREFACE\n" + chen.text.replace("Stalin initially feared", "Stalin feared"))
        sources = {"chen": edited, "hanngill": korea.source("hanngill")}
        report = check(korea.evidence, sources.__getitem__)
        assert [r.status.value for r in report.results] == ["moved", "missing", "ok"]
        assert not report.ok and "initially feared" in report.errors[0].message


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200))
def test_normalizing_is_idempotent(text: str) -> None:
    """Normalizing normalized text changes nothing (quotes and texts fold alike)."""
    once = normalize(text).text
    assert normalize(once).text == once


@given(st.text(alphabet="aB \n\r\t\u00a0-.", max_size=60))
def test_letter_spacing_reads_alike_every_time(text: str) -> None:
    """Runs of single letters (``z o m b i e``, ``A  B  C  D``) read the same in a quote, in a
    text, and in the view normalized again."""
    once = normalize(text).text
    assert fold(text) == once
    assert normalize(once).text == once


@given(st.text(alphabet="ab \n\t\u00a0\u2003-\u2014\u2019\u201c\u00ab`'.,;\u00ad\ufb01", max_size=80))
def test_fold_is_the_view_text(text: str) -> None:
    """A quote folds to what the view of the same words reads (the view copies one-for-one
    foldings from a folded copy, the quote replaces each: the two must agree)."""
    assert fold(text) == normalize(text).text


_QUOTE_PIECES = ["a", "I", "war", "Kim", "1950", " ", " ", " ", "  ", "\t", "\n", "\x07", "\x1c"]
_QUOTE_PIECES += [",", ".", ";", "?", ")", "]", "(", "-", "`", "'", '"']
_QUOTE_PIECES += ["\u2019", "\u201c", "\u201d", "\u00ab", "\u00b4", "\u2026", "\u00a0", "\u2003", "\u00e9", "\u2014"]
_QUOTE_PIECES += ["-", "-\n", " -", "\u2010", "\u2013", "\u2212", "\u00ad", "\u2011", "--"]


@given(st.lists(st.sampled_from(_QUOTE_PIECES), max_size=30).map("".join))
@example("Kim  war")
@example("Kim war ")
@example(" Kim")
@example("Kim ,war")
@example("Kim - war")
@example("Kim `war")
@example("so a b c d war")
@example("I a m")
@example("Kim\n war")
@example("Kim \n,war")
@example("Kim \u2026 war")
@example("Kim-\nwar")
@example("Kim-\n War")
@example("Kim -- \u2014\nwar")
@example("Kim\u2010\n war")
@example("\u201cKim\u201d \u2019war\u2019")
@example("Kim\twar")
@example("Kim war")
def test_plain_quote_folds_as_the_view_reads(text: str) -> None:
    """A quote folded the quick way (plain passes, when the result is ASCII) is what the view
    reads: the quick way never lets through a text the long way would fold otherwise."""
    assert _quick_fold(text) in (None, normalize(text).text)
    assert fold(text) == normalize(text).text


def test_most_quotes_fold_the_quick_way() -> None:
    """Quotes of every day's print take the quick way (else fold is correct, and slow)."""
    quotes = ["Stalin\u2019s \u201cfree hand\u201d", "the Soviet\nUnion \u2014 and China", "inter-\nvention"]
    folded = ["Stalin's \"free hand\"", "the Soviet Union-and China", "intervention"]
    assert [_quick_fold(q) for q in quotes] == folded


@given(st.text(alphabet="ab \n-\u2014\u2019\u00ad'.,;", max_size=80), st.data())
def test_view_survives_its_json_data(text: str, data: st.DataObject) -> None:
    """A view written as JSON data (the disk cache's) reads back mapping every span alike."""
    view = normalize(text)
    again = TextView.from_data(json.loads(json.dumps(view.to_data())), len(text))
    assert again.text == view.text
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert again.from_original(start, end) == view.from_original(start, end)
    if start < end <= len(view.text):
        assert again.to_original(start, end) == view.to_original(start, end)
        assert again.is_boundary(start) == view.is_boundary(start)


@given(st.text(alphabet="ab \n-\u2014\u2019'.,;", max_size=80), st.data())
def test_view_maps_back_inside_the_original(text: str, data: st.DataObject) -> None:
    """Every span of the view maps to a span of the original in order and in bounds."""
    view = normalize(text)
    if not view.text:
        return
    start = data.draw(st.integers(0, len(view.text) - 1))
    end = data.draw(st.integers(start + 1, len(view.text)))
    s, e = view.to_original(start, end)
    assert 0 <= s < e <= len(text)
    assert normalize(text[s:e]).text.replace(" ", "") != "" or view.text[start:end].strip() == ""


class TestQuotedIn:
    def test_host_must_come_first(self, hanngill: Source) -> None:
        """A source quoted in another needs that other in the map first."""
        m = ArgumentMap()
        letter = Source(key="stalin-letter", text=hanngill.text, csl_type="letter", quoted_in="hanngill")
        with pytest.raises(argmap.UnknownSourceError, match="add the source 'stalin-letter' is quoted in first"):
            m.add_source(letter)
        m.add_source(hanngill)
        assert m.add_source(letter).quoted_in == "hanngill"

    def test_report_cites_quoted_in(self, hanngill: Source, chen: Source) -> None:
        """Comparing a letter read in the blog with Chen: its notes say "quoted in" the blog."""
        m = ArgumentMap()
        m.add_source(hanngill)
        m.add_source(chen)
        m.add_source(
            Source(key="stalin-letter", text=hanngill.text, authors=["Joseph Stalin"], title="to Klement Gottwald",
                   date="1950-08-27", csl_type="letter", quoted_in="hanngill")
        )  # fmt: skip
        m.add_thesis("t", "Stalin wanted the United States entangled in Korea.")
        m.cite("t", "stalin-letter", "America has become entangled in the military intervention in Korea", "supports")
        m.cite(
            "t", "chen", "Stalin initially feared that such a war could result in direct military conflict", "contests"
        )
        comparison = m.compare("stalin-letter", "chen")
        assert [s.key for s in comparison.hosts] == ["hanngill"]
        text = argmap.report.markdown(comparison)
        assert "Joseph Stalin to Klement Gottwald, August 27, 1950, quoted in hanngill" in text
        assert "Stalin, Joseph. Letter to Klement Gottwald, August 27, 1950. Quoted in hanngill" in text
