"""Names as people, catalogues and Zotero write them; labels that tell sources apart; BibTeX."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from nameparser import HumanName

from argmap import ArgumentMap, Source
from argmap.check import name_notes
from argmap.errors import BibTeXError, InvalidTypeError, InvalidValueError, MapFileError, PathNotAllowedError
from argmap.formats.bibtex import bibtex_to_metadata, read_bibtex
from argmap.formats.csl import csl_to_metadata, to_csl
from argmap.formats.mapfile import dumps, load, load_checked, loads
from argmap.names import (
    _BODY_WORDS,
    _DEGREES,
    _FUNCTION_WORDS,
    _PARTICLES,
    _SUFFIXES,
    Name,
    family_first_doubt,
    parse_name,
    to_name,
)
from argmap.outputs import report
from argmap.outputs.citation import Citations, short_author, short_citation, short_name, sort_key, source_labels
from argmap.outputs.dot import to_dot
from argmap.outputs.reading import to_html

from .strategies import names

BIB = Path(__file__).parent / "data" / "zotero-bbt.bib"


class TestParse:
    @pytest.mark.parametrize(
        ("written", "full", "inverted", "short"),
        [
            ("CHEN Jian", "Chen Jian", "Chen Jian", "Chen"),
            ("Martin Luther King Jr.", "Martin Luther King Jr.", "King, Martin Luther, Jr.", "King"),
            ("King, Martin Luther, Jr.", "Martin Luther King Jr.", "King, Martin Luther, Jr.", "King"),
            ("W. E. B. Du Bois", "W. E. B. Du Bois", "Du Bois, W. E. B.", "Du Bois"),
            ("Du Bois, W. E. B.", "W. E. B. Du Bois", "Du Bois, W. E. B.", "Du Bois"),
            ("U.S. Department of State", "U.S. Department of State", "U.S. Department of State",
             "U.S. Department of State"),
            ("{Mao Zedong Thought Study Group}", "Mao Zedong Thought Study Group", "Mao Zedong Thought Study Group",
             "Mao Zedong Thought Study Group"),
            ("Calef, Robert, 1648-1719.", "Robert Calef", "Calef, Robert", "Calef"),
            ("Mather, Cotton, 1663-1728", "Cotton Mather", "Mather, Cotton", "Mather"),
            ("Cotton Mather, D.D.", "Cotton Mather", "Mather, Cotton", "Mather"),
            ("Cotton Mather D.D.", "Cotton Mather", "Mather, Cotton", "Mather"),
            ("Ludwig van Beethoven", "Ludwig van Beethoven", "van Beethoven, Ludwig", "van Beethoven"),
            ("Beethoven, Ludwig van", "Ludwig van Beethoven", "Beethoven, Ludwig van", "Beethoven"),
            ("Charles de Gaulle", "Charles de Gaulle", "de Gaulle, Charles", "de Gaulle"),
            ("Martin Van Buren", "Martin Van Buren", "Van Buren, Martin", "Van Buren"),
            ("hanngill", "hanngill", "hanngill", "hanngill"),
            ("James I", "James I", "James I", "James I"),
            ("BBC News", "BBC News", "BBC News", "BBC News"),
            ("Elizabeth II, 1926-2022", "Elizabeth II", "Elizabeth II", "Elizabeth II"),
            ("{Smith, Elder and Co.}, 1816-", "Smith, Elder and Co.", "Smith, Elder and Co.", "Smith, Elder and Co."),
            ("Yo-Yo Ma", "Yo-Yo Ma", "Ma, Yo-Yo", "Ma"),
            ("Wang Xiao Ma", "Wang Xiao Ma", "Ma, Wang Xiao", "Ma"),
        ],
    )  # fmt: skip
    def test_forms(self, written: str, full: str, inverted: str, short: str) -> None:
        """Each form of the issue reads as Chicago prints it: the note's form, the bibliography's,
        the short one; and its canonical string reads back the same."""
        name = parse_name(written)
        assert (name.full, name.inverted, name.short) == (full, inverted, short)
        assert parse_name(str(name)) == name

    def test_catalogue_parts_kept_apart(self) -> None:
        """Life dates and degrees are kept on the Name (nothing silently lost), out of citations."""
        assert parse_name("Calef, Robert, 1648-1719.").dates == "1648-1719"
        assert parse_name("Cotton Mather, D.D.").degrees == "D.D."
        assert "1648" not in short_author(Source(key="c", text="", authors=("Calef, Robert, 1648-1719.",)))

    def test_parts_must_be_text(self) -> None:
        """A Name's parts are text; a number is an InvalidTypeError naming the part."""
        with pytest.raises(InvalidTypeError, match="name given"):
            Name("Chen", 5)  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError, match="either a family name"):
            Name("Chen", literal="Chen")

    @pytest.mark.parametrize("bad", ["", "  ", "{}", ",", "Jr.", "1648-1719", "{Smith}, Esquire of Kent"])
    def test_not_a_name(self, bad: str) -> None:
        """What holds no name is an InvalidValueError that shows the accepted forms."""
        with pytest.raises(InvalidValueError, match="CHEN Jian"):
            parse_name(bad)

    @pytest.mark.parametrize(
        "western",
        ["W. E. B. Du Bois", "Martin Luther King Jr.", "Odd Arne Westad", "Ludwig van Beethoven", "Charles de Gaulle",
         "Cotton Mather", "Increase Mather", "Samuel Rawson Gardiner", "King, Martin Luther, Jr.", "Du Bois, W. E. B.",
         "Vincent van Gogh", "Martin Van Buren", "John F. Kennedy", "Henry Louis Gates Jr.", "Gerard, John",
         "Frank Warren Coburn", "Robert Calef", "Thomas Gage"],
    )  # fmt: skip
    def test_nameparser_agrees(self, western: str) -> None:
        """On Western names, argmap's own rules split as nameparser (an independent parser, a
        test-only oracle) does: family name with its particle, given names, suffix."""
        ours, theirs = parse_name(western), HumanName(western)
        assert ours.short == theirs.last
        assert ours.given == " ".join(p for p in (theirs.first, theirs.middle) if p)
        assert ours.suffix == theirs.suffix

    @given(
        st.lists(st.sampled_from(["John", "Cotton", "Odd", "Arne", "W.", "E.", "Mary", "Increase", "Samuel"]),
                 min_size=1, max_size=3),
        st.sampled_from(["", "van", "de", "du", "von"]),
        st.sampled_from(["Mather", "Gerard", "Westad", "Bois", "Gogh", "Coburn", "Calef", "Gardiner"]),
        st.sampled_from(["", "Jr.", "III", "Sr."]),
    )  # fmt: skip
    def test_nameparser_agrees_on_drawn_names(self, given_names: list[str], particle: str, family: str,
                                              suffix: str) -> None:  # fmt: skip
        """Drawn Western names, given names first, split as nameparser splits them."""
        written = " ".join(p for p in (" ".join(given_names), particle, family, suffix) if p)
        ours, theirs = parse_name(written), HumanName(written)
        assert (ours.short, ours.suffix) == (theirs.last, theirs.suffix)
        assert ours.given == " ".join(p for p in (theirs.first, theirs.middle) if p)


_RESERVED = _PARTICLES | _SUFFIXES | _DEGREES | _BODY_WORDS | _FUNCTION_WORDS
_word = st.builds(
    lambda head, tail: head + tail,
    st.characters(categories=["Lu"]).filter(lambda c: c.upper() == c and c.lower().upper() == c),
    st.text(st.characters(categories=["Ll"]).filter(lambda c: c.upper().lower() == c), min_size=1, max_size=7),
).filter(lambda w: w.casefold() not in _RESERVED and w.replace(".", "").casefold() not in _RESERVED)
_ascii_word = st.from_regex(r"[A-Z][a-z]{1,7}", fullmatch=True).filter(lambda w: w.casefold() not in _RESERVED)
_words = st.lists(_word, min_size=1, max_size=3).map(" ".join)


@st.composite
def writable_names(draw: st.DrawFn) -> Name:
    """Names whose canonical string can say everything they hold (a family-first name with a
    particle cannot: it is written as a table)."""
    kind = draw(st.sampled_from(["person", "family-first", "family-only", "literal"]))
    dates, degrees = draw(st.sampled_from(["", "1648-1719", "1663-1728"])), draw(st.sampled_from(["", "D.D.", "Ph.D."]))
    if kind == "literal":
        return Name(literal=draw(_words), dates=dates, degrees=degrees)
    suffix = draw(st.sampled_from(["", "Jr.", "III"]))
    if kind == "family-first":
        return Name(draw(_ascii_word), draw(_words), family_first=True, suffix=suffix, dates=dates, degrees=degrees)
    if kind == "family-only":
        return Name(draw(_words), non_dropping_particle=draw(st.sampled_from(["", "van", "de"])), dates=dates,
                    degrees=degrees)
    return Name(draw(_words), draw(_words), non_dropping_particle=draw(st.sampled_from(["", "van", "de", "van der"])),
                dropping_particle=draw(st.sampled_from(["", "von", "de"])), suffix=suffix, dates=dates,
                degrees=degrees)  # fmt: skip


class TestRoundTrip:
    @given(writable_names())
    def test_string_round_trip(self, name: Name) -> None:
        """Name -> its canonical string -> parse_name gives the same Name."""
        assert parse_name(str(name)) == name

    @given(names())
    def test_csl_round_trip(self, name: Name) -> None:
        """Name -> CSL-JSON name object -> Name keeps every part CSL has (particles, suffix,
        literal, family-first order)."""
        assert Name.from_csl(name.to_csl()) == name

    @given(names())
    def test_source_csl_round_trip(self, name: Name) -> None:
        """A source's structured authors and editors survive to_csl -> csl_to_metadata."""
        source = Source(key="s", text="", authors=(name,), editors=(name, name))
        meta = csl_to_metadata(to_csl(source))
        assert (meta["authors"], meta["editors"]) == ((name,), (name, name))

    def test_csl_import_keeps_parts(self) -> None:
        """Zotero's CSL-JSON particles, suffix and literal reach citations, none dropped."""
        item = {"id": "k", "author": [
            {"family": "King", "given": "Martin Luther", "suffix": "Jr."},
            {"family": "Beethoven", "given": "Ludwig", "dropping-particle": "van"},
            {"family": "Gaulle", "given": "Charles", "non-dropping-particle": "de"},
            {"literal": "U.S. Department of State"}]}  # fmt: skip
        source = Source(key="k", text="", **{k: v for k, v in csl_to_metadata(item).items() if k != "key"})
        assert [n.full for n in source.author_names] == [
            "Martin Luther King Jr.", "Ludwig van Beethoven", "Charles de Gaulle", "U.S. Department of State"]
        assert to_csl(source)["author"] == item["author"]

    @pytest.mark.parametrize(
        ("bad", "message"),
        [({"famly": "Chen"}, "did you mean 'family'"), ({"given": "John"}, "literal"),
         ({"family": "Chen", "given": 3.5j}, "text"), ({"literal": "X", "given": "Y"}, "literal\" alone")],
    )  # fmt: skip
    def test_bad_csl_name(self, bad: dict[str, object], message: str) -> None:
        """A malformed name object is an InvalidValueError saying what is wrong."""
        with pytest.raises(InvalidValueError, match=message):
            Name.from_csl(bad)

    def test_api_takes_strings_names_and_objects(self) -> None:
        """Source authors take strings (kept as written), Names and CSL name objects (made Names);
        anything else is an InvalidTypeError."""
        source = Source(key="s", text="", authors=["CHEN Jian", Name("Yang", "Kuisong", family_first=True)],
                        editors={"family": "Westad", "given": "Odd Arne"})  # fmt: skip
        assert source.authors[0] == "CHEN Jian"
        assert [n.full for n in source.author_names] == ["Chen Jian", "Yang Kuisong"]
        assert source.editors == (Name("Westad", "Odd Arne"),)
        assert short_author(source) == "Chen and Yang"
        with pytest.raises(InvalidTypeError, match="authors"):
            Source(key="s", text="", authors=[5])  # type: ignore[list-item]


class TestMapFile:
    TEXT = "Cotton Mather wrote of wonders; Increase Mather wrote of cases of conscience."

    def map_text(self, authors: str) -> str:
        return (f'[[source]]\nkey = "m"\ntext = "{self.TEXT}"\nauthors = {authors}\n\n'
                '[[thesis]]\nid = "t"\nstatement = "Spectral evidence convicts."\n')  # fmt: skip

    def test_name_tables(self) -> None:
        """A map file takes CSL-JSON name tables beside strings, and writes them back as tables."""
        text = self.map_text('[{ family = "Chen", given = "Jian", static-ordering = true }, "YANG Kuisong", '
                             '{ literal = "U.S. Department of State" }, { family = "King", given = "Martin Luther", '
                             'suffix = "Jr." }]')  # fmt: skip
        m = loads(text)
        assert [n.full for n in m.source("m").author_names] == [
            "Chen Jian", "Yang Kuisong", "U.S. Department of State", "Martin Luther King Jr."]
        again = dumps(m)
        assert '{ family = "Chen", given = "Jian", static-ordering = true }' in again
        assert loads(again).source("m") == m.source("m")

    def test_bad_name_table(self) -> None:
        """A misspelt key in a name table is reported on its line, with the key meant."""
        text = self.map_text('[{ famly = "Chen", given = "Jian" }]')
        with pytest.raises(MapFileError) as info:
            loads(text, name="map.toml")
        ((line, message),) = info.value.problems
        assert line == 4 and "did you mean 'family'" in message

    def test_unreadable_name_string(self) -> None:
        """A name string argmap cannot read is refused on its line when the map loads, not when a
        report first cites it; a one-word name is printed as written, even one like a degree."""
        with pytest.raises(MapFileError) as info:
            loads(self.map_text('["Mather, Cotton", ", Jr."]'), name="map.toml")
        ((line, message),) = info.value.problems
        assert line == 4 and "invalid authors: ', Jr.'" in message
        with pytest.raises(InvalidValueError, match="recipients"):
            Source(key="l", text="", recipients=["Jr."])
        assert Source(key="b", text="", authors=["Ba"]).author_names[0].full == "Ba"

    def test_label_key(self) -> None:
        """A source's own `label` is read, written back, and names it in diagrams."""
        m = loads(self.map_text('["Cotton Mather"]').replace('key = "m"', 'key = "m"\nlabel = "Mather (Wonders)"'))
        assert m.source("m").label == "Mather (Wonders)"
        assert 'label = "Mather (Wonders)"' in dumps(m)
        assert "Mather (Wonders)" in to_dot(m, view="overview")


def _mathers() -> ArgumentMap:
    m = ArgumentMap(title="Salem")
    m.add_source(Source(key="wonders", text="Spectral evidence is enough to convict a witch, he wrote.",
                        authors=("Cotton Mather",), title="The Wonders of the Invisible World", year=1693))
    m.add_source(Source(key="cases", text="Spectral evidence is not enough to convict anyone, he wrote.",
                        authors=("Mather, Increase",), title="Cases of Conscience", year=1693))  # fmt: skip
    m.add_thesis("spectral", "Spectral evidence suffices to convict.")
    m.cite("spectral", "wonders", "Spectral evidence is enough to convict a witch", "supports")
    m.cite("spectral", "cases", "Spectral evidence is not enough to convict anyone", "contests")
    return m


class TestLabels:
    def test_a_label_with_its_year_is_not_given_it_again(self) -> None:
        """Two works of one author with one title are told apart by year; a reprint's label then
        reads "Mather, 1862", not "Mather, 1862 [1693] 1862"; a letter with no writer is "to Gottwald"."""
        reprint = Source(key="a", text="", authors=["Cotton Mather"], title="Wonders", year=1862, original_year=1693)
        first = Source(key="b", text="", authors=["Cotton Mather"], title="Wonders", year=1700)
        labels = source_labels([reprint, first])
        assert [short_citation(s, name=labels[s.key]) for s in (reprint, first)] == ["Mather, 1862", "Mather, 1700"]
        assert short_citation(reprint) == "Mather [1693] 1862"
        letter = Source(key="l", text="", title="to Klement Gottwald", csl_type="letter", date="1950-08-27")
        assert short_name(letter) == "to Gottwald"

    def test_initials(self) -> None:
        """Two authors with one surname gain initials, and only they do."""
        m = _mathers()
        calef = Source(key="calef", text="x", authors=("Calef, Robert, 1648-1719.",), title="More Wonders")
        assert source_labels([*m.sources, calef]) == {"wonders": "C. Mather", "cases": "I. Mather", "calef": "Calef"}

    def test_one_author_two_works(self) -> None:
        """Two works of one author are told apart by short title."""
        a = Source(key="a", text="", authors=("Cotton Mather",), title="Wonders of the Invisible World")
        b = Source(key="b", text="", authors=("Cotton Mather",), title="Magnalia Christi Americana")
        assert source_labels([a, b]) == {"a": "Mather, Wonders of the Invisible World", "b": "Mather, Magnalia Christi "
                                         "Americana"}  # fmt: skip

    def test_letters_by_date(self) -> None:
        """Two letters from one writer to one addressee are told apart by their dates."""
        one = Source(key="l1", text="", authors=("Joseph Stalin",), title="to Klement Gottwald", date="1950-08-27",
                     csl_type="letter")  # fmt: skip
        two = attrs.evolve(one, key="l2", date="1950-10-01")
        assert source_labels([one, two]) == {"l1": "Stalin to Gottwald, August 27, 1950",
                                             "l2": "Stalin to Gottwald, October 1, 1950"}  # fmt: skip

    def test_key_last(self) -> None:
        """Two copies of one work (a chapter and its PDF) are told apart by key; so are two sources
        whose own labels are the same."""
        a = Source(key="chen", text="", authors=("CHEN Jian", "YANG Kuisong"), title="Chinese Politics", year=1998)
        b = attrs.evolve(a, key="chen-pdf")
        assert source_labels([a, b]) == {"chen": "Chen and Yang (chen)", "chen-pdf": "Chen and Yang (chen-pdf)"}
        c, d = attrs.evolve(a, label="CY"), attrs.evolve(b, label="CY")
        assert source_labels([c, d]) == {"chen": "CY (chen)", "chen-pdf": "CY (chen-pdf)"}

    def test_own_label_clashing(self) -> None:
        """A source whose name reads as another's own label changes, not the label."""
        a = Source(key="a", text="", authors=("Cotton Mather",), label="Mather")
        b = Source(key="b", text="", authors=("Increase Mather",))
        assert source_labels([a, b]) == {"a": "Mather", "b": "I. Mather"}

    def test_own_label(self) -> None:
        """A source's own label is used as written."""
        a = Source(key="a", text="", authors=("Cotton Mather",), label="Cotton")
        assert source_labels([a, Source(key="b", text="", authors=("Increase Mather",))]) == {"a": "Cotton",
                                                                                             "b": "Mather"}

    def test_everywhere(self) -> None:
        """Diagrams (badges and cards), the report and the reading view say C. Mather and I. Mather,
        never Mather twice."""
        m = _mathers()
        dot = to_dot(m, view="full")
        assert "C. Mather" in dot and "I. Mather" in dot and ">Mather<" not in dot
        assert "C. Mather 1693" in dot  # the evidence card's citation
        text = report.markdown(m.compare("wonders", "cases"))
        assert "Where C. Mather and I. Mather disagree" in text and "Mather and Mather" not in text
        page = to_html(m)
        assert "C. Mather 1693" in page and "I. Mather 1693" in page

    def test_bibliography_order(self) -> None:
        """The bibliography sorts by family, then given name: Cotton Mather before Increase."""
        m = _mathers()
        assert [s.key for s in sorted(reversed(m.sources), key=sort_key)] == ["wonders", "cases"]
        notes = Citations()
        for source in reversed(m.sources):
            notes.cite(source)
        assert notes.bibliography()[0].startswith("Mather, Cotton")
        text = report.markdown(m.compare("cases", "wonders"))
        assert text.index("Mather, Cotton") < text.index("Mather, Increase")


class TestFamilyFirstDoubt:
    @pytest.mark.parametrize("name", ["Chen Jian", "Kim Ilsung", "Wang Fang"])
    def test_doubted(self, name: str) -> None:
        """A two-word name starting with a common East Asian family name, read given name first, is doubted."""
        doubt = family_first_doubt(name)
        first, second = name.split()
        assert doubt is not None and f"'{first.upper()} {second}'" in doubt
        assert f'{{ family = "{first}", given = "{second}" }}' in doubt

    def test_every_name_field_is_checked(self) -> None:
        """A letter's recipient and a volume's author are names that citations print: doubted too."""
        source = Source(key="l", text="", recipients=["Chen Jian"], container_authors=["Wang Fang"])
        assert [(n.field, n.name) for n in name_notes([source])] == [
            ("recipients", "Chen Jian"), ("container_authors", "Wang Fang")]

    @pytest.mark.parametrize("name", ["CHEN Jian", "Jian, Chen", "John Smith", "Chen", "Chen Jian Ming"])
    def test_not_doubted(self, name: str) -> None:
        """Names written so that the order is sure, or that start with no such family name, are not."""
        assert family_first_doubt(name) is None

    def test_two_people_in_one_string(self) -> None:
        """Two people written in one string (read as one body's name) are a note; a firm's name is not."""
        (note,) = name_notes([Source(key="m", text="", authors=("Cotton Mather and Increase Mather",))])
        assert '["Cotton Mather", "Increase Mather"]' in note.message
        assert name_notes([Source(key="h", text="", authors=("Harper and Brothers", "Smith, Elder and Co."))]) == ()

    def test_check_warns_with_line(self, tmp_path: Path) -> None:
        """`argmap check` (and load_checked) warns on the line of the authors, without failing."""
        text = TestMapFile().map_text('["Chen Jian", "YANG Kuisong"]')
        text += '\n[[evidence]]\nthesis = "t"\nsource = "m"\nstance = "supports"\nquote = "Cotton Mather wrote"\n'
        (tmp_path / "map.toml").write_text(text, encoding="utf-8")
        loaded = load_checked(tmp_path / "map.toml")
        (note,) = loaded.report.names
        assert (note.source, note.field, note.name, note.line) == ("m", "authors", "Chen Jian", 4)
        out = loaded.report.format(path="map.toml", lines=loaded.lines, everything=False)
        assert "map.toml:4: name     m.authors: read 'Chen Jian' as given name Chen" in out
        assert out.endswith("1 name to confirm") and loaded.report.ok
        assert loaded.map.check().names[0].name == "Chen Jian"

    def test_cli(self, tmp_path: Path) -> None:
        """The command prints the warning and exits 0."""
        from argmap.cli import main

        text = TestMapFile().map_text('["Chen Jian"]')
        (tmp_path / "map.toml").write_text(text, encoding="utf-8")
        assert main(["check", str(tmp_path / "map.toml")]) == 0


class TestBibTeX:
    def test_better_bibtex_export(self) -> None:
        """What Zotero's Better BibTeX writes reads as it means: braces, accents, BibLaTeX and
        BibTeX dates, locations, suffixes, particles, a body as author, entry types."""
        entries = read_bibtex(BIB)
        chen = entries["chenChinesePoliticsCollapse1998"]
        assert chen["title"] == "Chinese Politics and the Collapse of the Sino-Soviet Alliance"
        volume = "Brothers in Arms: The Rise and Fall of the Sino-Soviet Alliance, 1945\u20131963"
        assert chen["container_title"] == volume
        assert [n.inverted for n in chen["authors"]] == ["Chen, Jian", "Yang, Kuisong"]
        assert (chen["year"], chen["csl_type"], chen["place"]) == (1998, "chapter", "Washington, DC")
        assert chen["publisher"] == "Woodrow Wilson Center Press" and "date" not in chen
        state = entries["departmentofstateForeignRelations1993"]
        assert state["authors"] == (Name(literal="U.S. Department of State"),)
        assert (state["csl_type"], state["accessed"]) == ("webpage", "2024-03-05")
        assert state["url"] == "https://history.state.gov/historicaldocuments/frus1950v07"
        assert entries["kingStrideFreedomMontgomery1958"]["authors"][0].full == "Martin Luther King Jr."
        assert entries["kingStrideFreedomMontgomery1958"]["publisher"] == "Harper & Brothers"
        assert entries["duboisSoulsWhiteFolk1910"]["authors"][0].short == "Du Bois"
        assert entries["duboisSoulsWhiteFolk1910"]["date"] == "1910-08-18"
        assert entries["duboisSoulsWhiteFolk1910"]["container_title"] == "The Independent"
        durkheim = entries["durkheimRegles1894"]
        assert durkheim["authors"][0].full == "\u00c9mile Durkheim"
        assert durkheim["title"] == "Les r\u00e8gles de la m\u00e9thode sociologique"
        assert entries["beethovenLetters1866"]["authors"][0].short == "van Beethoven"
        assert entries["matherCasesConscienceConcerning1693"]["place"] == "Boston"  # BibTeX's address
        assert "langid" not in chen and "isbn" not in chen

    def test_chicago_fields(self) -> None:
        """The Chicago fields come from the entry: short title, original year, the page range in
        full (BibTeX's shortened ``221--91`` too), the volume's author and a letter's recipients as names."""
        wonders = read_bibtex(BIB)["matherWondersInvisibleWorld1862"]
        chen = read_bibtex(BIB)["chenChinesePoliticsCollapse1998"]
        assert (wonders["short_title"], wonders["original_year"]) == ("The Wonders of the Invisible World", 1693)
        assert chen["page_range"] == "246-294"
        Source(key="w", text="", **wonders)  # every key a Source takes
        meta = bibtex_to_metadata("incollection", {"pages": "221--91", "volume": "2", "number": "3"})
        assert (meta["page_range"], meta["volume"], meta["issue"]) == ("221-291", "2", "3")

    def test_bookauthor_and_recipients_are_names(self, tmp_path: Path) -> None:
        bib = tmp_path / "r.bib"
        bib.write_text("@letter{procter, author = {Procter, John}, recipient = {Mather, Cotton and Allen, James},"
                       " bookauthor = {Calef, Robert}, title = {Letter}, date = {1692-07-23}}\n", encoding="utf-8")
        meta = read_bibtex(bib)["procter"]
        assert [n.full for n in map(to_name, meta["recipients"])] == ["Cotton Mather", "James Allen"]
        assert [n.full for n in map(to_name, meta["container_authors"])] == ["Robert Calef"]
        assert meta["csl_type"] == "personal_communication"

    def map_with(self, tmp_path: Path, bib: str, source: str = "") -> Path:
        shutil.copy(BIB, tmp_path / "refs.bib")
        text = (f'bibtex = "{bib}"\n\n[[source]]\nkey = "matherWondersInvisibleWorld1862"\n'
                f'text = "Spectral evidence is enough."\n{source}\n'
                '[[source]]\nkey = "cases"\nbibtex_key = "matherCasesConscienceConcerning1693"\ntext = "Not enough."\n'
                'title = "Cases of Conscience"\n')  # fmt: skip
        (tmp_path / "map.toml").write_text(text, encoding="utf-8")
        return tmp_path / "map.toml"

    def test_map_file(self, tmp_path: Path) -> None:
        """A map's `bibtex` file gives each source its entry's metadata (by key or `bibtex_key`);
        keys written in the [[source]] win; the labels tell the two Mathers apart."""
        m = load(self.map_with(tmp_path, "refs.bib"))
        wonders, cases = m.source("matherWondersInvisibleWorld1862"), m.source("cases")
        assert (wonders.year, wonders.place, wonders.csl_type) == (1862, "London", "book")
        assert (cases.title, cases.publisher, cases.year) == ("Cases of Conscience", "Benjamin Harris", 1693)
        assert list(source_labels(m.sources).values()) == ["C. Mather", "I. Mather"]

    def test_csl_wins(self, tmp_path: Path) -> None:
        """A source in both a `csl` and a `bibtex` file takes the CSL item's values where both have one."""
        path = self.map_with(tmp_path, "refs.bib")
        item = {"id": "cases", "type": "book", "publisher": "Harris"}
        (tmp_path / "refs.json").write_text(json.dumps([item]), encoding="utf-8")
        path.write_text('csl = "refs.json"\n' + path.read_text(), encoding="utf-8")
        cases = load(path).source("cases")
        assert (cases.publisher, cases.place) == ("Harris", "Boston")

    def test_bibtex_month(self) -> None:
        """BibTeX's year and month macro give the date; BibLaTeX's date alone a year."""
        meta = bibtex_to_metadata("article", {"year": "1950", "month": "aug"})
        assert (meta["date"], meta["year"]) == ("1950-08", 1950)
        assert "date" not in bibtex_to_metadata("article", {"date": "1950"})

    def test_missing_file(self, tmp_path: Path) -> None:
        """A .bib file that is not there is reported on the `bibtex` line, with the fix."""
        with pytest.raises(MapFileError) as info:
            load(self.map_with(tmp_path, "nothere.bib"))
        ((line, message),) = [p for p in info.value.problems if "nothere.bib" in p[1]]
        assert line == 1 and "no such file" in message and "export it again from Zotero" in message

    def test_unknown_entry(self, tmp_path: Path) -> None:
        """A `bibtex_key` that no entry has is reported on its line, with the keys there are."""
        path = self.map_with(tmp_path, "refs.bib")
        path.write_text(path.read_text().replace("matherCasesConscienceConcerning1693", "matherCases"))
        with pytest.raises(MapFileError) as info:
            load(path)
        ((line, message),) = info.value.problems
        expected = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if "bibtex_key" in text)
        assert line == expected and "no entry of the `bibtex` file(s) has key 'matherCases'" in message
        assert "beethovenLetters1866" in message

    def test_parse_error(self, tmp_path: Path) -> None:
        """An entry that does not parse is a BibTeXError naming the file and the entry's line."""
        bib = tmp_path / "bad.bib"
        bib.write_text("@book{ok, title = {Fine}}\n\n@book{bad, title = {Unclosed, year = 1990\n@book{ok2, "
                       "title = {Fine}}\n", encoding="utf-8")  # fmt: skip
        with pytest.raises(BibTeXError) as info:
            read_bibtex(bib)
        assert info.value.line == 3 and f"{bib}:3" in str(info.value) and "@book{bad" in str(info.value)

    def test_duplicate_key(self, tmp_path: Path) -> None:
        """A key used twice is a BibTeXError naming the entry."""
        bib = tmp_path / "dup.bib"
        bib.write_text("@book{a, title = {One}}\n@book{a, title = {Two}}\n", encoding="utf-8")
        with pytest.raises(BibTeXError, match=r"entry 'a' of BibTeX file .*used twice") as info:
            read_bibtex(bib)
        assert info.value.entry == "a"

    def test_not_utf8(self, tmp_path: Path) -> None:
        """A .bib file in another encoding is a BibTeXError saying so."""
        bib = tmp_path / "latin1.bib"
        bib.write_bytes("@book{a, title = {R\u00e8gles}}".encode("latin-1"))
        with pytest.raises(BibTeXError, match="not UTF-8"):
            read_bibtex(bib)

    def test_confined(self, tmp_path: Path) -> None:
        """A .bib file outside the map's folder is refused, as every file a map names."""
        inner = tmp_path / "maps"
        inner.mkdir()
        path = self.map_with(inner, "../refs.bib")
        shutil.copy(BIB, tmp_path / "refs.bib")
        with pytest.raises(MapFileError, match="outside the map's folder"):
            load(path)
        with pytest.raises(PathNotAllowedError):
            read_bibtex(tmp_path / "refs.bib", inside=[inner])
