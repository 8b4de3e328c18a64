"""PDF sources: printed page labels, running heads and footnotes out of the run of the text, real
files of the corpus and the PDFs real life has (written here with reportlab)."""

from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path

import pytest

import argmap
from argmap import Match, Source, locate
from argmap.sources import pdf

from .pdfs import chapter_pages, write_book

DOCUMENTS = Path(__file__).resolve().parent / "data" / "documents"


@pytest.fixture(scope="module")
def chapter(tmp_path_factory: pytest.TempPathFactory) -> Source:
    """The Chen and Yang chapter set as pp. 249-252 of a book: heads, footnotes, hyphenation, labels."""
    path = write_book(tmp_path_factory.mktemp("pdf") / "chen.pdf", chapter_pages())
    return Source.from_file(path, key="chen")


class TestChapter:
    def test_quote_on_a_printed_page(self, chapter: Source) -> None:
        """A quote is cited with the page the book prints, and keeps its physical page for a viewer."""
        p = locate(chapter, "Stalin initially feared that such a war could result in direct military conflict")
        assert (p.pages, p.page_indexes, p.cite()) == (("251",), (3,), "p. 251")

    def test_quote_across_a_page_break(self, chapter: Source) -> None:
        """A sentence that runs from p. 251 to p. 252 is found whole: no footnote or running head
        interrupts it, and the word hyphenated at the break is one word."""
        p = locate(chapter, "to prepare for military intervention in Korea in case the war turned against North Korea")
        assert p.pages == ("251", "252") and p.cite() == "pp. 251\u201352"

    def test_running_heads_are_not_text(self, chapter: Source) -> None:
        """The running head with its folio is not in the text quotes are matched against."""
        assert "CHEN JIAN AND YANG KUISONG" not in chapter.text
        with pytest.raises(argmap.QuoteNotFoundError):
            locate(chapter, "CHEN JIAN AND YANG KUISONG", max_error_rate=0)

    def test_footnotes_are_cited_by_their_page(self, chapter: Source) -> None:
        """A footnote comes after the body and is cited with the page it is printed on."""
        p = locate(chapter, "See the archives of 250, file 2")
        assert p.pages == ("250",) and p.page_indexes == (2,)
        body_end = chapter.page_layout.page_starts[4]
        assert p.start >= body_end

    def test_same_pages_as_the_text_version(self, chapter: Source, chen: Source) -> None:
        """Quotes of the flagship map cite the same pages in the PDF as in the text it was made from."""
        for quote in ("Kim Il Sung's war", "virtually gave Kim's plan to invade the South a green light",
                      "the CCP leadership decided to dispatch Chinese troops to enter the Korean War"):  # fmt: skip
            assert locate(chapter, quote, occurrence=1).pages == locate(chen, quote, occurrence=1).pages

    def test_page_pattern_is_refused(self, tmp_path: Path) -> None:
        """A PDF's pages are its own: a page pattern for it is a mistake, said so."""
        path = write_book(tmp_path / "c.pdf", chapter_pages()[:1])
        with pytest.raises(argmap.InvalidValueError, match="a PDF's pages"):
            Source.from_file(path, key="c", page_pattern=r"^Page (\d+)$")


class TestLabels:
    def test_jstor_copy_without_labels(self, tmp_path: Path) -> None:
        """A copy with a cover sheet and no /PageLabels takes the folios printed at the foot; the
        cover, which prints none, is bracketed."""
        path = write_book(tmp_path / "j.pdf", chapter_pages(), labels=False, folio_at_foot=True, cover=True)
        source = Source.from_file(path, key="j")
        assert source.page_layout.page_labels[:5] == ("[248]", "249", "250", "251", "252")
        p = locate(source, "Stalin initially feared")
        assert (p.pages, p.page_indexes) == (("251",), (4,))

    def test_offset_wins(self, tmp_path: Path) -> None:
        """`page_offset` (printed = physical + offset) wins over the PDF's own labels."""
        path = write_book(tmp_path / "o.pdf", chapter_pages())
        source = Source.from_file(path, key="o", page_offset=99)
        assert locate(source, "Stalin initially feared").pages == ("102",)
        assert source.page_offset == 99

    def test_first_page_wins(self, tmp_path: Path) -> None:
        """`first_page` labels the first physical page and numbers the others on."""
        path = write_book(tmp_path / "f.pdf", chapter_pages())
        source = Source.from_file(path, key="f", first_page="xi")
        assert source.page_layout.page_labels[:4] == ("xi", "xii", "xiii", "xiv")

    def test_labels_that_differ_from_physical_pages(self) -> None:
        """GeoTopo's labels run i-iii, then 1...: physical page 10 is cited as p. 7, its running
        head (`7 1.2. METRISCHE RÄUME`) left out."""
        source = Source.from_file(DOCUMENTS / "GeoTopo-komprimiert.pdf", key="geo")
        layout = source.page_layout
        assert layout.page_labels[:5] == ("i", "ii", "iii", "1", "2")
        tenth = layout.page_indexes.index(10)
        assert layout.page_labels[tenth] == "7"
        assert not source.text[layout.page_starts[tenth] :].startswith("7 1.2")

    def test_no_labels_and_no_folio(self) -> None:
        """A one-page Google Docs export has neither: its page is the physical page 1."""
        source = Source.from_file(DOCUMENTS / "google-doc-document.pdf", key="g")
        p = locate(source, "Beautiful is better than ugly.")
        assert (p.pages, p.page_indexes) == (("1",), (1,))


class TestKindsOfPdf:
    def test_ocr_text_layer(self, tmp_path: Path) -> None:
        """An OCR'd scan (invisible text over a picture) is read like any PDF."""
        path = write_book(tmp_path / "ocr.pdf", chapter_pages(), invisible=True)
        assert locate(Source.from_file(path, key="s"), "Stalin initially feared").pages == ("251",)

    def test_scan_without_text_layer(self, tmp_path: Path) -> None:
        """A scan without a text layer is refused with what to do: run OCR."""
        path = write_book(tmp_path / "scan.pdf", chapter_pages(), no_text=True)
        with pytest.raises(argmap.SourceFileError, match=r"no text layer.*ocrmypdf"):
            Source.from_file(path, key="s")

    def test_encrypted(self, tmp_path: Path) -> None:
        """An encrypted PDF is refused without its password and read with it."""
        path = write_book(tmp_path / "locked.pdf", chapter_pages(), password="secret")
        with pytest.raises(argmap.SourceFileError, match="encrypted"):
            Source.from_file(path, key="s")
        assert Source.from_file(path, key="s", password="secret").page_layout.page_labels[0] == "249"

    def test_not_a_pdf(self, tmp_path: Path) -> None:
        """A file named .pdf that is not one says so."""
        path = tmp_path / "fake.pdf"
        path.write_text("%PDF? no: a text file", encoding="utf-8")
        with pytest.raises(argmap.SourceFileError, match="not a PDF"):
            Source.from_file(path, key="s")

    def test_ligatures_and_office_export(self) -> None:
        """A LibreOffice export reads as its words; lines wrap into one sentence."""
        source = Source.from_file(DOCUMENTS / "002-trivial-libre-office-writer.pdf", key="l")
        p = locate(source, "sadipscing elitr, sed diam nonumy eirmod tempor invidunt", occurrence=2)
        assert p.match is Match.NORMALIZED


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class TestProgress:
    """A long PDF shows a progress bar on a terminal; a pipe or a log gets none."""

    @pytest.mark.parametrize("terminal", [True, False])
    def test_bar_on_a_terminal_only(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, terminal: bool) -> None:
        path = write_book(tmp_path / "book.pdf", chapter_pages() * 5)
        stderr = _Terminal() if terminal else io.StringIO()
        monkeypatch.setattr(sys, "stderr", stderr)
        monkeypatch.setattr(pdf, "PROGRESS_AFTER", 0.0)  # as if each page took long
        pdf.read(path, key="b")
        assert ("reading book.pdf" in stderr.getvalue() and "/20 [" in stderr.getvalue()) is terminal  # 20 pages


class TestInAMap:
    def test_map_file_with_a_pdf(self, tmp_path: Path) -> None:
        """`path = "chen.pdf"` in a map file just works, and the map saves and loads back equal."""
        write_book(tmp_path / "chen.pdf", chapter_pages())
        shutil.copy(DOCUMENTS / "google-doc-document.pdf", tmp_path / "zen.pdf")
        (tmp_path / "map.toml").write_text(
            '[[source]]\nkey = "chen"\npath = "chen.pdf"\nauthors = ["CHEN Jian", "YANG Kuisong"]\n\n'
            '[[thesis]]\nid = "t"\nstatement = "Stalin feared a war with the US."\n\n'
            '[[evidence]]\nthesis = "t"\nsource = "chen"\nstance = "supports"\n'
            'quote = "Stalin initially feared that such a war could result in direct military conflict"\n',
            encoding="utf-8",
        )
        m = argmap.load(tmp_path / "map.toml")
        assert m.evidence[0].passage.pages == ("251",)
        for name in ("again.toml", "again.json"):
            argmap.save(m, tmp_path / name)
            assert argmap.load(tmp_path / name) == m
