"""Chicago notes and bibliography against the Chicago Manual's own forms (17th ed., chapter 14).

Each case gives a source, the pages of a first and a later note, and the three strings
expected: the full note, the short note and the bibliography entry. The strings are written
by hand from the Manual's examples (the section named in each case), in Markdown: italics as
``*...*``, a URL as an autolink ``<...>``. Where the Manual's own example is used, its data
are the Manual's; the letters and the chapter by another author are the Salem cases of
issue 12, written in the Manual's form for that kind of source.
"""

from __future__ import annotations

import attrs
import pytest

from argmap import Source
from argmap.errors import InvalidTypeError, InvalidValueError
from argmap.formats.csl import csl_to_metadata, to_csl
from argmap.names import to_name
from argmap.outputs.citation import bibliography_entry, full_note, short_citation, short_note, short_title

CALEF = Source(
    key="calef", text="", authors=["Robert Calef"], title="More Wonders of the Invisible World",
    place="London", publisher="Nath. Hillar and Joseph Collyer", year=1700, csl_type="book",
)  # fmt: skip
WONDERS = Source(
    key="wonders", text="", authors=["Cotton Mather"], title="The Wonders of the Invisible World",
    place="London", publisher="John Russell Smith", year=1862, original_year=1693, csl_type="book",
)  # fmt: skip

#: name -> (source, first pages, later pages, full note, short note, bibliography entry)
CASES: dict[str, tuple[Source, tuple[str, ...], tuple[str, ...], str, str, str]] = {
    # CMOS 17 14.18-14.19 (the Manual's quick guide, "Book")
    "book": (
        Source(key="smith", text="", authors=["Zadie Smith"], title="Swing Time", place="New York",
               publisher="Penguin Press", year=2016, csl_type="book"),
        ("315", "316"), ("320",),
        "Zadie Smith, *Swing Time* (New York: Penguin Press, 2016), 315–16.",
        "Smith, *Swing Time*, 320.",
        "Smith, Zadie. *Swing Time*. New York: Penguin Press, 2016.",
    ),
    # CMOS 17 14.18, 14.32 (quick guide, two authors): the short title drops the initial article
    "book, two authors": (
        Source(key="grazer", text="", authors=["Brian Grazer", "Charles Fishman"],
               title="A Curious Mind: The Secret to a Bigger Life", place="New York", publisher="Simon & Schuster",
               year=2015, csl_type="book"),
        ("12",), ("37",),
        "Brian Grazer and Charles Fishman, *A Curious Mind: The Secret to a Bigger Life* (New York: Simon & "
        "Schuster, 2015), 12.",
        "Grazer and Fishman, *Curious Mind*, 37.",
        "Grazer, Brian, and Charles Fishman. *A Curious Mind: The Secret to a Bigger Life*. New York: Simon & "
        "Schuster, 2015.",
    ),
    # CMOS 17 14.106 (quick guide, "Chapter or other part of an edited book"): the bibliography
    # gives the chapter's pages
    "chapter": (
        Source(key="thoreau", text="", authors=["Henry David Thoreau"], title="Walking",
               container_title="The Making of the American Essay", editors=["John D\u2019Agata"],
               place="Minneapolis", publisher="Graywolf Press", year=2016, page_range="167-195",
               csl_type="chapter"),
        ("177", "178"), ("182",),
        "Henry David Thoreau, \u201cWalking,\u201d in *The Making of the American Essay*, ed. John D\u2019Agata "
        "(Minneapolis: Graywolf Press, 2016), 177\u201378.",
        "Thoreau, \u201cWalking,\u201d 182.",
        "Thoreau, Henry David. \u201cWalking.\u201d In *The Making of the American Essay*, edited by John "
        "D\u2019Agata, 167\u201395. Minneapolis: Graywolf Press, 2016.",
    ),
    # CMOS 17 14.76 (editor in place of author), with the volume of the chapter above
    "edited volume": (
        Source(key="dagata", text="", editors=["John D\u2019Agata"], title="The Making of the American Essay",
               place="Minneapolis", publisher="Graywolf Press", year=2016, csl_type="book"),
        ("12",), ("14",),
        "John D\u2019Agata, ed., *The Making of the American Essay* (Minneapolis: Graywolf Press, 2016), 12.",
        "D\u2019Agata, *Making of the American Essay*, 14.",
        "D\u2019Agata, John, ed. *The Making of the American Essay*. Minneapolis: Graywolf Press, 2016.",
    ),
    # CMOS 17 14.114 (reprints): the original date first, "repr." / "Reprint"
    "reprint": (
        Source(key="maitland", text="", authors=["Frederic William Maitland"],
               title="Domesday Book and Beyond: Three Essays in the Early History of England", place="New York",
               publisher="W. W. Norton", year=1966, original_year=1897, csl_type="book"),
        ("25",), ("26",),
        "Frederic William Maitland, *Domesday Book and Beyond: Three Essays in the Early History of England* "
        "(1897; repr., New York: W. W. Norton, 1966), 25.",
        "Maitland, *Domesday Book and Beyond*, 26.",
        "Maitland, Frederic William. *Domesday Book and Beyond: Three Essays in the Early History of England*. "
        "1897. Reprint, New York: W. W. Norton, 1966.",
    ),
    # issue 12: the 1862 reprint of Cotton Mather's 1693 book; the short title keeps its key words
    "reprint, Salem": (
        WONDERS, ("15",), ("17",),
        "Cotton Mather, *The Wonders of the Invisible World* (1693; repr., London: John Russell Smith, 1862), 15.",
        "Mather, *Wonders of the Invisible World*, 17.",
        "Mather, Cotton. *The Wonders of the Invisible World*. 1693. Reprint, London: John Russell Smith, 1862.",
    ),
    # CMOS 17 14.106-14.110 (a part of a book by another author, "by"), issue 12's case
    "chapter in a volume by another author": (
        Source(key="cases", text="", authors=["Increase Mather"], title="Cases of Conscience",
               container_title="The Wonders of the Invisible World", container_authors=["Cotton Mather"],
               place="London", publisher="John Russell Smith", year=1862, original_year=1693,
               page_range="221-291", csl_type="chapter"),
        ("225",), ("230", "231"),
        "Increase Mather, \u201cCases of Conscience,\u201d in *The Wonders of the Invisible World*, by Cotton "
        "Mather (1693; repr., London: John Russell Smith, 1862), 225.",
        "Mather, \u201cCases of Conscience,\u201d 230\u201331.",
        "Mather, Increase. \u201cCases of Conscience.\u201d In *The Wonders of the Invisible World*, by Cotton "
        "Mather, 221\u201391. 1693. Reprint, London: John Russell Smith, 1862.",
    ),
    # CMOS 17 14.171-14.175 (quick guide, "Journal article"): volume, issue, date, colon, pages
    "journal article": (
        Source(key="satterfield", text="", authors=["Susan Satterfield"], title="Livy and the Pax Deum",
               short_title="Livy", container_title="Classical Philology", volume="111", issue="2",
               date="2016-04", year=2016, page_range="165-176", csl_type="article-journal"),
        ("170",), ("172", "173"),
        "Susan Satterfield, \u201cLivy and the Pax Deum,\u201d *Classical Philology* 111, no. 2 (April 2016): 170.",
        "Satterfield, \u201cLivy,\u201d 172\u201373.",
        "Satterfield, Susan. \u201cLivy and the Pax Deum.\u201d *Classical Philology* 111, no. 2 (April 2016): "
        "165\u201376.",
    ),
    # CMOS 17 14.191 (quick guide, "News or magazine article")
    "newspaper article": (
        Source(key="manjoo", text="", authors=["Farhad Manjoo"],
               title="Snap Makes a Bet on the Cultural Supremacy of the Camera", short_title="Snap Makes a Bet",
               container_title="New York Times", date="2017-03-08",
               url="https://www.nytimes.com/2017/03/08/technology/snap-makes-a-bet-on-the-cultural-supremacy-of-"
               "the-camera.html", csl_type="article-newspaper"),
        (), (),
        "Farhad Manjoo, \u201cSnap Makes a Bet on the Cultural Supremacy of the Camera,\u201d *New York Times*, "
        "March 8, 2017, <https://www.nytimes.com/2017/03/08/technology/snap-makes-a-bet-on-the-cultural-supremacy-"
        "of-the-camera.html>.",
        "Manjoo, \u201cSnap Makes a Bet.\u201d",
        "Manjoo, Farhad. \u201cSnap Makes a Bet on the Cultural Supremacy of the Camera.\u201d *New York Times*, "
        "March 8, 2017. <https://www.nytimes.com/2017/03/08/technology/snap-makes-a-bet-on-the-cultural-supremacy-"
        "of-the-camera.html>.",
    ),
    # CMOS 17 14.208 (blog post in a larger publication): the blog and its host in italics
    "blog post": (
        Source(key="germano", text="", authors=["William Germano"], title="Futurist Shock",
               container_title="Lingua Franca", publisher="Chronicle of Higher Education", date="2017-02-15",
               url="http://www.chronicle.com/blogs/linguafranca/2017/02/15/futurist-shock/", csl_type="post-weblog"),
        (), (),
        "William Germano, \u201cFuturist Shock,\u201d *Lingua Franca* (blog), *Chronicle of Higher Education*, "
        "February 15, 2017, <http://www.chronicle.com/blogs/linguafranca/2017/02/15/futurist-shock/>.",
        "Germano, \u201cFuturist Shock.\u201d",
        "Germano, William. \u201cFuturist Shock.\u201d *Lingua Franca* (blog), *Chronicle of Higher Education*, "
        "February 15, 2017. <http://www.chronicle.com/blogs/linguafranca/2017/02/15/futurist-shock/>.",
    ),
    # CMOS 17 14.206 (quick guide, "Website content"): no author, the owner leads the entry
    "web page": (
        Source(key="yale", text="", title="Yale Facts", publisher="Yale University", accessed="2017-05-01",
               url="https://www.yale.edu/about-yale/yale-facts", csl_type="webpage"),
        (), (),
        "\u201cYale Facts,\u201d Yale University, accessed May 1, 2017, <https://www.yale.edu/about-yale/yale-facts>.",
        "\u201cYale Facts.\u201d",
        "Yale University. \u201cYale Facts.\u201d Accessed May 1, 2017. <https://www.yale.edu/about-yale/yale-facts>.",
    ),
    # CMOS 17 14.111 (a letter in a published collection), issue 12's letter in the 1862 volume
    "letter, published": (
        Source(key="letter", text="", authors=["Increase Mather"], recipients=["John Cotton"], date="1692-10-03",
               container_title="The Wonders of the Invisible World", container_authors=["Cotton Mather"],
               place="London", publisher="John Russell Smith", year=1862, csl_type="letter"),
        ("290",), ("291",),
        "Increase Mather to John Cotton, October 3, 1692, in *The Wonders of the Invisible World*, by Cotton "
        "Mather (London: John Russell Smith, 1862), 290.",
        "Mather to Cotton, October 3, 1692, 291.",
        "Mather, Increase. Letter to John Cotton, October 3, 1692. In *The Wonders of the Invisible World*, by "
        "Cotton Mather. London: John Russell Smith, 1862.",
    ),
    # CMOS 17 14.232 (a letter in a manuscript collection): date, collection, repository
    "letter, archival": (
        Source(key="archival", text="", authors=["Samuel Sewall"], recipients=["Increase Mather"],
               date="1692-09-20", publisher="Mather Family Papers, American Antiquarian Society",
               place="Worcester, MA", csl_type="letter"),
        (), (),
        "Samuel Sewall to Increase Mather, September 20, 1692, Mather Family Papers, American Antiquarian Society, "
        "Worcester, MA.",
        "Sewall to Mather, September 20, 1692.",
        "Sewall, Samuel. Letter to Increase Mather, September 20, 1692. Mather Family Papers, American Antiquarian "
        "Society, Worcester, MA.",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_chicago_forms(case: str) -> None:
    """Full note, short note and bibliography entry are the Manual's, character for character."""
    source, first, later, note, short, entry = CASES[case]
    assert (full_note(source, first), short_note(source, later), bibliography_entry(source)) == (note, short, entry)


class TestLetters:
    PROCTER = Source(
        key="procter", text="", authors=["John Procter"], date="1692-07-23", csl_type="letter",
        title="to Mr. Mather, Mr. Allen, Mr. Moody, Mr. Willard, and Mr. Bailey", quoted_in="calef",
    )  # fmt: skip

    def test_several_recipients_from_the_title(self) -> None:
        """A letter titled to several people names them all, in order (CMOS 14.111, 14.260 'quoted in')."""
        assert full_note(self.PROCTER, ("104",), CALEF) == (
            "John Procter to Mr. Mather, Mr. Allen, Mr. Moody, Mr. Willard, and Mr. Bailey, July 23, 1692, quoted "
            "in Robert Calef, *More Wonders of the Invisible World* (London: Nath. Hillar and Joseph Collyer, "
            "1700), 104."
        )
        assert short_note(self.PROCTER, ("105",), CALEF) == (
            "Procter to Mather et al., July 23, 1692, quoted in Calef, *More Wonders of the Invisible World*, 105."
        )
        assert bibliography_entry(self.PROCTER, CALEF) == (
            "Procter, John. Letter to Mr. Mather, Mr. Allen, Mr. Moody, Mr. Willard, and Mr. Bailey, July 23, 1692. "
            "Quoted in Robert Calef, *More Wonders of the Invisible World* (London: Nath. Hillar and Joseph Collyer, "
            "1700)."
        )

    def test_recipients_key_wins_over_the_title(self) -> None:
        """``recipients`` names the addressees whatever the title says; two are joined by 'and'."""
        letter = Source(key="l", text="", authors=["John Procter"], title="Petition", date="1692-07-23",
                        recipients=["Mr. Mather", "Mr. Allen"], csl_type="letter")  # fmt: skip
        assert short_note(letter) == "Procter to Mather and Allen, July 23, 1692."
        assert bibliography_entry(letter) == "Procter, John. Letter to Mr. Mather and Mr. Allen, July 23, 1692."

    def test_one_inverted_name_is_one_recipient(self) -> None:
        """'to Gottwald, Klement' is one person, written family name first."""
        letter = Source(key="l", text="", authors=["Joseph Stalin"], title="to Gottwald, Klement", csl_type="letter")
        assert full_note(letter) == "Joseph Stalin to Klement Gottwald."


class TestShortTitle:
    @pytest.mark.parametrize(
        ("title", "expected"),
        [
            ("The Wonders of the Invisible World", "Wonders of the Invisible World"),
            ("A Curious Mind: The Secret to a Bigger Life", "Curious Mind"),
            ("Chinese Politics and the Collapse of the Sino-Soviet Alliance", "Chinese Politics"),
            ("Cases of Conscience Concerning Evil Spirits Personating Men", "Cases of Conscience Concerning Evil"),
            ("The", "The"),
            ("Of the and in on", "Of the and in on"),
            ("The of the and in on at by", "of the and in on at by"),
        ],
    )
    def test_default(self, title: str, expected: str) -> None:
        """Up to four key words, the initial article dropped; a title of stop words is kept whole, never a crash."""
        assert short_title(Source(key="s", text="", title=title)) == expected

    def test_key_wins(self) -> None:
        """``short_title`` is the short title, in later notes and in the report's prose."""
        source = Source(key="s", text="", authors=["Cotton Mather"], title="The Wonders of the Invisible World",
                        short_title="Wonders", csl_type="book")  # fmt: skip
        assert short_note(source, ("3",)) == "Mather, *Wonders*, 3."

    def test_reprint_author_date(self) -> None:
        """A diagram's author-date citation of a reprint gives both years (CMOS 15.38)."""
        assert short_citation(WONDERS) == "Mather [1693] 1862"


class TestValues:
    @pytest.mark.parametrize(
        ("value", "fix"),
        [("291-221", "the first page comes first"), ("221-91", "'221-291'"), ("p. 221", "such as '221-291'"),
         ("1-v", "both numbers arabic or both roman")],
    )  # fmt: skip
    def test_bad_page_range(self, value: str, fix: str) -> None:
        """A page range that is not 'first-last' in full is refused, saying how to write it."""
        with pytest.raises(InvalidValueError, match="page_range") as error:
            Source(key="s", text="", page_range=value)
        assert fix in str(error.value)

    def test_original_year_after_year(self) -> None:
        """An original year after the reprint's year is refused, suggesting the swap."""
        with pytest.raises(InvalidValueError, match=r"original_year.*swap"):
            Source(key="s", text="", year=1693, original_year=1862)

    def test_original_year_as_text(self) -> None:
        """original_year is a whole number."""
        with pytest.raises(InvalidTypeError, match="original_year"):
            Source(key="s", text="", year=1862, original_year="1693")  # type: ignore[arg-type]

    def test_map_file_names_the_key(self) -> None:
        """In a map file, a bad page_range is a problem on its line, naming the key."""
        from argmap.errors import MapFileError
        from argmap.formats.mapfile import loads

        text = '[[source]]\nkey = "s"\ntext = "x"\npage_range = "221-91"\n'
        with pytest.raises(MapFileError, match=r":4: .*page_range.*'221-291'"):
            loads(text)


class TestCsl:
    def test_new_fields_round_trip(self) -> None:
        """original-date, recipient, container-author, page, title-short, volume, issue and genre go out and
        come back."""
        source = Source(key="cases", text="", authors=["Mather, Increase"], title="Cases of Conscience",
                        short_title="Cases", container_title="The Wonders of the Invisible World",
                        container_authors=["Mather, Cotton"], recipients=["Mather, Mr."], year=1862,
                        original_year=1693, page_range="221-291", volume="2", issue="3", genre="Sermon",
                        csl_type="chapter", kind="primary")  # fmt: skip
        item = to_csl(source)
        assert item["original-date"] == {"date-parts": [[1693]]} and item["page"] == "221-291"
        assert item["container-author"] == [{"family": "Mather", "given": "Cotton"}]
        assert item["recipient"] == [{"family": "Mather", "given": "Mr."}]
        assert item["title-short"] == "Cases" and item["genre"] == "Sermon"
        meta = csl_to_metadata(item)
        back = Source(text="", kind="primary", **meta)
        names = ("authors", "recipients", "container_authors")  # strings come back as the Names they were read as
        for field in names:
            assert tuple(map(to_name, getattr(back, field))) == tuple(map(to_name, getattr(source, field)))
        assert attrs.evolve(back, **{f: getattr(source, f) for f in names}) == source

    def test_kind_is_not_a_genre(self) -> None:
        """A source's kind (primary/secondary) is not written as CSL genre: citeproc would print it."""
        assert "genre" not in to_csl(Source(key="s", text="", title="T", kind="secondary"))

    def test_genre_written_by_older_argmap_is_the_kind(self) -> None:
        """A CSL genre of 'primary'/'secondary' (what argmap wrote before) is read back as the kind, not as a genre."""
        assert csl_to_metadata({"id": "s", "genre": "secondary"}) == {"key": "s", "kind": "secondary"}
        assert csl_to_metadata({"id": "s", "genre": "PhD diss."}) == {"key": "s", "genre": "PhD diss."}

    def test_shortened_page_range_is_read_in_full(self) -> None:
        """Zotero's 'page': '221–91' becomes page_range '221-291'."""
        assert csl_to_metadata({"id": "s", "page": "221\u201391"})["page_range"] == "221-291"
