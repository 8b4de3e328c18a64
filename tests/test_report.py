"""The written comparison and its citations: golden Markdown, escaping, notes, CSL-JSON."""

from __future__ import annotations

import os
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from argmap import ArgumentMap, Source
from argmap.errors import InvalidValueError, OutputError, UnknownSourceError
from argmap.formats.csl import csl_to_metadata, to_csl
from argmap.names import parse_name
from argmap.outputs.citation import Citations, bibliography_entry, escape_markdown, full_note, short_note
from argmap.outputs.report import markdown, write_markdown

from .conftest import CHEN_PATTERNS, SEEDS

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("ARGMAP_UPDATE_GOLDEN") == "1"

CHEN_META = {
    "authors": ["CHEN Jian", "YANG Kuisong"],
    "title": "Chinese Politics and the Collapse of the Sino-Soviet Alliance",
    "container_title": "Brothers in Arms: The Rise and Fall of the Sino-Soviet Alliance, 1945\u20131963",
    "editors": ["Odd Arne Westad"],
    "publisher": "Woodrow Wilson Center Press",
    "place": "Washington, DC",
    "year": 1998,
    "csl_type": "chapter",
}
HANNGILL_META = {
    "authors": ["hanngill"],
    "title": "Origin of the Korean War 1950",
    "date": "2016-11-18",
    "year": 2016,
    "csl_type": "post-weblog",
}
KINDS = {
    "chapter": Source(key="chen", text="", **CHEN_META),  # type: ignore[arg-type]
    "blog post": Source(key="hanngill", text="", **HANNGILL_META),  # type: ignore[arg-type]
    "book": Source(
        key="gerard",
        text="",
        authors=["John Gerard"],
        year=1897,
        csl_type="book",
        place="London",
        title="What Was the Gunpowder Plot? The Traditional Story Tested by Original Evidence",
        publisher="Osgood, McIlvaine & Co.",
    ),
    "book, name inverted": Source(
        key="gardiner",
        text="",
        authors=["Gardiner, Samuel Rawson"],
        title="What Gunpowder Plot Was",
        place="London",
        publisher="Longmans, Green, and Co.",
        year=1897,
        csl_type="book",
    ),
    "letter in a published collection": Source(
        key="stalin",
        text="",
        authors=["Joseph Stalin"],
        title="to Klement Gottwald",
        date="1950-08-27",
        container_title="Cold War International History Project Bulletin",
        year=1995,
        csl_type="letter",
    ),
    "edited volume": Source(
        key="westad",
        text="",
        editors=["Odd Arne Westad"],
        title="Brothers in Arms: The Rise and Fall of the Sino-Soviet Alliance, 1945\u20131963",
        place="Washington, DC",
        publisher="Woodrow Wilson Center Press",
        year=1998,
        csl_type="book",
    ),
    "journal article, title asking a question": Source(
        key="q",
        text="",
        authors=["Kathryn Weathersby"],
        title="Should We Fear This? Stalin and the Danger of War with America",
        container_title="Cold War International History Project Working Paper",
        year=2002,
        csl_type="article-journal",
    ),
    "web page": Source(
        key="web",
        text="",
        title="Cable, Filippov (Stalin) to Soviet Ambassador in Prague",
        container_title="Wilson Center Digital Archive",
        date="1950-08-27",
        accessed="2026-11-22",
        url="https://digitalarchive.wilsoncenter.org/document/cable-filippov-stalin",
        csl_type="webpage",
    ),
    "archival letter": Source(
        key="stalin-archive",
        text="",
        authors=["Joseph Stalin"],
        title="to Klement Gottwald",
        date="1950-08-27",
        publisher="Národní archiv, Archiv ÚV KSČ, f. 100/24",
        place="Prague",
        csl_type="letter",
    ),
}

# Stalin's letter as the hanngill post prints it: known only from there.
QUOTED_LETTER = Source(
    key="stalin-letter",
    text="",
    authors=["Joseph Stalin"],
    title="to Klement Gottwald",
    date="1950-08-27",
    csl_type="letter",
    kind="primary",
)


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} changed; ARGMAP_UPDATE_GOLDEN=1 rewrites it"


def korea() -> ArgumentMap:
    """A small comparison of the two seeds, built here so the golden file depends on nothing else."""
    m = ArgumentMap(title="The origins of the Korean War")
    m.add_source(
        Source.from_file(SEEDS / "westad-brothers-in-arms-pp249-252.txt", key="chen", **CHEN_PATTERNS, **CHEN_META)
    )  # type: ignore[arg-type]
    m.add_source(
        Source.from_file(SEEDS / "hanngill-2016-origin-of-the-korean-war.txt", key="hanngill", **HANNGILL_META)
    )  # type: ignore[arg-type]
    m.add_thesis("stalin-wanted-us-intervention", "Stalin wanted the United States to intervene in Korea.")
    m.add_thesis("stalin-feared-clash", "Stalin feared a direct clash with the United States.")
    m.add_thesis("kims-war", "The Korean War was Kim Il Sung's war.")
    m.add_thesis("mao-green-light", "Mao virtually gave Kim a green light.")
    m.relate(
        "stalin-feared-clash", "stalin-wanted-us-intervention", "contests", note="He would not want what he feared."
    )
    wanted = "Stalin not only predicted but actually wanted U.S. intervention"
    m.cite("stalin-wanted-us-intervention", "hanngill", wanted, "supports")
    m.cite(
        "stalin-feared-clash", "chen",
        "Stalin initially feared that such a war could result in direct military conflict between the Soviet Union "
        "and the United States", "supports",
    )  # fmt: skip
    m.cite(
        "kims-war", "chen",
        "the Korean War was, first of all, North Korean leader Kim Il Sung's war, which he initiated on the basis of "
        "his judgment (or misjudgment) of the revolutionary situation existing on the Korean peninsula.", "supports",
    )  # fmt: skip
    reveals = "this letter reveals what Stalin sought to achieve through the Korean War"
    m.cite("kims-war", "hanngill", reveals, "contests")
    m.cite("mao-green-light", "chen", "Mao virtually gave Kim's plan to invade the South a green light.", "supports")
    m.cite(
        "mao-green-light", "chen",
        "to prepare for military intervention in Korea in case the war turned against North Korea", "contests",
    )  # fmt: skip
    return m


class TestMarkdown:
    def test_korean_war_golden(self) -> None:
        """The written comparison of the two seeds is exactly the reviewed golden file."""
        golden("korean_war_comparison.md", markdown(korea().compare("hanngill", "chen")))

    def test_deterministic(self) -> None:
        """Two maps built alike give byte-identical Markdown."""
        assert markdown(korea().compare("chen", "hanngill")) == markdown(korea().compare("chen", "hanngill"))

    def test_first_note_full_then_short(self) -> None:
        """A source's first note is in full, with publisher and place; its later notes are short."""
        text = markdown(korea().compare("hanngill", "chen"))
        notes = [line for line in text.splitlines() if line.startswith("[^")]
        chen = [n for n in notes if "Chen" in n]
        assert "Woodrow Wilson Center Press" in chen[0] and "251" in chen[0]
        assert all(n.split(": ", 1)[1].startswith("Chen and Yang, \u201cChinese Politics,\u201d") for n in chen[1:])

    def test_passage_across_page_break_is_clean(self) -> None:
        """A passage that runs over a page marker reads as one sentence, without the marker."""
        m = korea()
        ev = m.evidence_for("mao-green-light", "chen")[1]
        assert "page_252" in ev.passage.text
        assert m.source("chen").words(ev.passage.start, ev.passage.end) == (
            "to prepare for military intervention in Korea in case the war turned against North Korea"
        )

    def test_quotes_as_the_historian_wrote_them(self) -> None:
        """The report prints the quote as written: brackets, ellipses and corrected slips of the source."""
        m = korea()
        m.cite("kims-war", "chen", "[T]he Korean War was ... Kim Il Sung's war", "supports", id="bracketed")
        m.cite("kims-war", "chen", "The Alliance and China's Entry into the Korean War", "supports", id="slip")
        text = markdown(m.compare("hanngill", "chen"))
        assert "> \\[T\\]he Korean War was \u2026 Kim Il Sung's war[^5]" in text
        assert "> The Alliance and China's Entry into the Korean War[^6]" in text
        # the digital text's slip is told in the note only, as what the source text reads
        (line,) = [line for line in text.splitlines() if "Chlna" in line]
        reads = "The source text reads \u201cChlna's\u201d for \u201cChina's\u201d."
        assert line == f"[^6]: Chen and Yang, \u201cChinese Politics,\u201d 250. {reads}"

    def test_elided_quote_prints_its_parts(self) -> None:
        """An elided quote is printed as its parts joined by an ellipsis, never as the whole span
        of the source between them; an interpolation and [sic] stay as written."""
        filler = "Many words the historian left out of the quote. " * 20
        text = f"The regulars fired first. {filler}The Rebels fled in disorder."
        m = ArgumentMap()
        m.add_source(Source(key="a", text=text, authors=["Ann Author"]))
        m.add_source(Source(key="b", text="the regulars held their fire", authors=["Bob Writer"]))
        m.add_thesis("t", "The regulars fired first.")
        m.cite("t", "a", "The regulars fired first.... The [colonial] Rebels [sic] fled", "supports")
        m.cite("t", "b", "the regulars held their fire", "contests")
        report = markdown(m.compare("a", "b"))
        assert "> The regulars fired first. \u2026 The \\[colonial\\] Rebels \\[sic\\] fled[^1]" in report
        assert "left out" not in report

    def test_transcription_slips_stay_in_the_note(self) -> None:
        """Issue 12's case: the transcription's illegible-letter mark and keying slip (corrected by
        the quote's emendations) do not reach the quote, an elided stretch is not printed, and the
        note says what the source text reads, word for word and nothing else."""
        filler = "and many other words that the historian left out of this quotation " * 3
        m = ArgumentMap()
        m.add_source(Source(key="mather", text=f"These B\u2022ind and peruicious Witchcrafts, {filler}were the work "
                            "of the Devil.", authors=["Cotton Mather"], title="The Wonders of the Invisible World",
                            year=1862, original_year=1693, place="London", publisher="John Russell Smith",
                            csl_type="book"))  # fmt: skip
        m.add_source(Source(key="calef", text="the accused were innocent", authors=["Robert Calef"]))
        m.add_thesis("devil", "The Devil caused the afflictions.")
        m.cite("devil", "mather", "These Blind and pernicious Witchcrafts ... were the work of the Devil", "supports",
               emend={"B\u2022ind": "Blind", "peruicious": "pernicious"})  # fmt: skip
        m.cite("devil", "calef", "the accused were innocent", "contests")
        text = markdown(m.compare("mather", "calef"))
        assert "> These Blind and pernicious Witchcrafts \u2026 were the work of the Devil[^1]" in text
        assert "[^1]: Cotton Mather, *The Wonders of the Invisible World* (1693; repr., London: John Russell Smith, " \
            "1862). The source text reads \u201cB\u2022ind\u201d for \u201cBlind\u201d, \u201cperuicious\u201d for " \
            "\u201cpernicious\u201d.\n" in text
        assert text.count("B\u2022ind") == 1 and "left out" not in text

    def test_all_adds_agreements_and_one_sided(self) -> None:
        """everything=True adds the agreements and the one-sided theses with their evidence; the
        default report is the disagreements only."""
        m = ArgumentMap()
        m.add_source(Source(key="a", text="the regulars fired first. the day was cold.", authors=["Ann Author"]))
        m.add_source(Source(key="b", text="the rebels fired first. it was a cold day.", authors=["Bob Writer"]))
        m.add_thesis("first", "The regulars fired first.")
        m.add_thesis("cold", "The day was cold.")
        m.add_thesis("alone", "Someone fired.")
        m.cite("first", "a", "the regulars fired first", "supports")
        m.cite("first", "b", "the rebels fired first", "contests")
        m.cite("cold", "a", "the day was cold", "supports")
        m.cite("cold", "b", "it was a cold day", "supports")
        m.cite("alone", "b", "the rebels fired", "supports")
        short, full = markdown(m.compare("a", "b")), markdown(m.compare("a", "b"), everything=True)
        assert "## Agreements" not in short and "it was a cold day" not in short
        sections = full.split("\n## ")
        agreements = next(s for s in sections if s.startswith("Agreements"))
        one_sided = next(s for s in sections if s.startswith("Addressed by one source only"))
        assert "### 2. The day was cold." in agreements and "Thesis `cold`: they agree." in agreements
        assert "> the day was cold[^" in agreements and "> it was a cold day[^" in agreements
        assert "### 3. Someone fired." in one_sided and "only Writer addresses it" in one_sided
        assert "Author is silent on it." in one_sided and "> the rebels fired[^" in one_sided
        assert full.startswith(short.split("## Notes")[0])  # the disagreements come first, unchanged

    def test_markdown_in_quotes_is_escaped(self) -> None:
        """Markup characters quoted from a source show as text, not as emphasis or links."""
        m = ArgumentMap()
        m.add_source(Source(key="a", text="the *first* shot [sic] was <fired> by _them_", authors=["Ann Author"]))
        m.add_source(Source(key="b", text="nothing", authors=["Bob Writer"]))
        m.add_thesis("t", "The # first shot.")
        m.cite("t", "a", "the *first* shot [sic] was <fired> by _them_", "supports")
        m.cite("t", "b", "nothing", "contests")
        html = MarkdownIt("commonmark").render(markdown(m.compare("a", "b")))
        assert "the *first* shot [sic] was &lt;fired&gt; by _them_" in html
        assert "<em>" not in html and "The # first shot." in html

    def test_write_is_atomic(self, tmp_path: Path) -> None:
        """write_markdown writes the text and leaves no temporary file behind."""
        path = write_markdown(korea().compare("hanngill", "chen"), tmp_path / "report.md")
        assert path.read_text(encoding="utf-8") == markdown(korea().compare("hanngill", "chen"))
        assert [p.name for p in tmp_path.iterdir()] == ["report.md"]

    def test_write_where_no_folder_can_be(self, tmp_path: Path) -> None:
        """Writing under a file (not a folder) raises OutputError naming the path."""
        (tmp_path / "nowhere").write_text("x")
        with pytest.raises(OutputError, match="nowhere"):
            write_markdown(korea().compare("hanngill", "chen"), tmp_path / "nowhere" / "report.md")


class TestEscaping:
    @given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=40))
    def test_commonmark_shows_text_as_written(self, text: str) -> None:
        """Any text, escaped, renders in CommonMark as one paragraph of exactly that text."""
        words = " ".join(text.split())
        if not words:
            return
        rendered = MarkdownIt("commonmark").parseInline(escape_markdown(text))[0].children or []
        shown = "".join(t.content if t.type == "text" else " " for t in rendered)
        assert shown == words


class TestCitations:
    def test_golden_per_source_type(self) -> None:
        """Full note, short note and bibliography entry of each source type are the reviewed ones."""
        lines = []
        for kind, source in KINDS.items():
            lines += [f"## {kind}", "", full_note(source, ("251", "252")), "", short_note(source, ("253",)), ""]
            lines += [bibliography_entry(source), ""]
        letter, blog = QUOTED_LETTER, KINDS["blog post"]
        lines += ["## letter quoted in a blog post", "", full_note(letter, ("251", "252"), blog), ""]
        lines += [short_note(letter, ("253",), blog), "", bibliography_entry(letter, blog), ""]
        golden("citations.md", "\n".join(lines))

    def test_quoted_in_notes_follow_the_host(self) -> None:
        """A letter read in a blog post: first note full with "quoted in", later ones short, both with the host."""
        notes = Citations(library=[KINDS["blog post"]])
        notes.cite(attrs.evolve(QUOTED_LETTER, quoted_in=KINDS["blog post"].key))
        notes.cite(attrs.evolve(QUOTED_LETTER, quoted_in=KINDS["blog post"].key))
        assert ", quoted in hanngill, \u201cOrigin of the Korean War 1950,\u201d blog post" in notes.notes[0]
        assert notes.notes[1] == (
            "Stalin to Gottwald, August 27, 1950, quoted in hanngill, \u201cOrigin of the Korean War 1950.\u201d"
        )
        assert notes.bibliography()[0].startswith(
            "Stalin, Joseph. Letter to Klement Gottwald, August 27, 1950. Quoted in"
        )

    def test_quoted_in_unknown_host(self) -> None:
        """Citing a source quoted in a work nobody passed is an UnknownSourceError saying so."""
        with pytest.raises(UnknownSourceError, match="pass the source it is quoted in"):
            Citations().cite(attrs.evolve(QUOTED_LETTER, quoted_in="nowhere"))

    def test_bibliography_sorted_by_family_name(self) -> None:
        """The bibliography lists sources by first author's family name, whatever the cite order."""
        notes = Citations()
        for source in KINDS.values():
            notes.cite(source)
        firsts = [entry.split(" ")[0] for entry in notes.bibliography()]
        expected = ["\u201cCable,", "Chen", "Gardiner,", "Gerard,", "hanngill.", "Stalin,", "Stalin,", "Weathersby,"]
        assert firsts == [*expected, "Westad,"]  # an edited volume files under its editor

    @pytest.mark.parametrize(
        ("name", "full", "inverted"),
        [
            ("John Gerard", "John Gerard", "Gerard, John"),
            ("Gerard, John", "John Gerard", "Gerard, John"),
            ("CHEN Jian", "Chen Jian", "Chen Jian"),
            ("KIM Il Sung", "Kim Il Sung", "Kim Il Sung"),
            ("hanngill", "hanngill", "hanngill"),
        ],
    )
    def test_names(self, name: str, full: str, inverted: str) -> None:
        """Each name form gives the note form and the bibliography form Chicago wants."""
        parsed = parse_name(name)
        assert (parsed.full, parsed.inverted) == (full, inverted)
        assert parse_name(str(parsed)) == parsed

    def test_empty_name(self) -> None:
        """An empty author name is an InvalidValueError that shows the accepted forms."""
        with pytest.raises(InvalidValueError, match="CHEN Jian"):
            parse_name("  ")

    @pytest.mark.parametrize("source", list(KINDS.values()), ids=list(KINDS))
    def test_csl_round_trip(self, source: Source) -> None:
        """Metadata survives Source -> CSL-JSON -> Source keyword metadata -> CSL-JSON."""
        item = to_csl(source)
        meta = csl_to_metadata(item)
        assert meta["key"] == source.key
        assert to_csl(Source(text="", **meta)) == item

    def test_csl_bad_name(self) -> None:
        """A CSL name with neither family nor literal is an InvalidValueError naming the item."""
        with pytest.raises(InvalidValueError, match="'x'"):
            csl_to_metadata({"id": "x", "author": [{"given": "John"}]})


def test_a_source_against_itself_with_everything() -> None:
    """Compared with itself, a source's plain positions are not "at odds with itself" (only
    conflicts through relations are)."""
    m = ArgumentMap()
    m.add_source(Source(key="a", text="The regulars fired first. The rebels were few."))
    m.add_thesis("t", "The regulars fired first.")
    m.cite("t", "a", "The regulars fired first", "supports")
    text = markdown(m.compare("a", "a"), everything=True)
    assert "Thesis `t`: the source takes one position on it." in text
    assert "Thesis `t`: the source is at odds" not in text

