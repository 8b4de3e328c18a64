"""The chapter as a PDF: how ``sources/westad-brothers-in-arms-pp249-252.pdf`` was made.

Run from the repository root: ``python examples/korean_war/make_pdf.py``.

:func:`chapter_pages` cuts the Chen and Yang chapter (the seed text) into its printed pages
249-252; :func:`write_book` sets pages like these as a book would: a running head with the
folio, body text in lines with words hyphenated at line ends, footnotes in smaller type at the
foot, ``/PageLabels``. The tests use it too, for the PDFs real life has and the corpus lacks:
a cover page without a number (as JSTOR adds), folios at the foot instead of labels, the text as
an invisible layer over a picture (an OCR'd scan), no text at all (a scan), a password.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import reportlab
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFPageLabel
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

SOURCES = Path(__file__).resolve().parent / "sources"

FONT = "Vera"  # Bitstream Vera, shipped with reportlab: it has the fi and fl ligatures
pdfmetrics.registerFont(TTFont(FONT, os.path.join(os.path.dirname(reportlab.__file__), "fonts", "Vera.ttf")))

WIDTH, HEIGHT = A4
LEFT, TOP, LINE = 72, HEIGHT - 90, 14


def chapter_pages() -> list[tuple[str, str, list[str]]]:
    """The four printed pages of the chapter: label, body text, and made-up footnotes (the
    scrape keeps only the numbers of the real ones)."""
    text = (SOURCES / "westad-brothers-in-arms-pp249-252.txt").read_text(encoding="utf-8")
    pages = []
    for match in re.finditer(r"^Page (\d+)$(.*?)(?=^page_\d+<br/>$|\Z)", text, re.MULTILINE | re.DOTALL):
        body = re.sub(r"^\s*\d{1,3}\s*$", "", match.group(2), flags=re.MULTILINE)  # footnote numbers
        body = " ".join(body.split())
        notes = [f"{n}. See the archives of {match.group(1)}, file {n}." for n in (1, 2)]
        pages.append((match.group(1), body, notes))
    return pages


def _lines(text: str, size: float, width: float) -> list[str]:
    """``text`` in lines no wider than ``width``, long words hyphenated at the end of a line."""
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if pdfmetrics.stringWidth(trial, FONT, size) <= width:
            line = trial
            continue
        if len(word) >= 8 and word.isalpha():  # hyphenate: as much as fits, then a hyphen
            for cut in range(len(word) - 3, 2, -1):
                head = f"{line} {word[:cut]}-".strip()
                if pdfmetrics.stringWidth(head, FONT, size) <= width:
                    lines.append(head)
                    line = word[cut:]
                    break
            else:
                lines.append(line)
                line = word
            continue
        lines.append(line)
        line = word
    return [*lines, line] if line else lines


def write_book(
    path: Path,
    pages: list[tuple[str, str, list[str]]],
    *,
    head: str = "CHEN JIAN AND YANG KUISONG",
    labels: bool = True,
    folio_at_foot: bool = False,
    cover: bool = False,
    invisible: bool = False,
    no_text: bool = False,
    password: str | None = None,
) -> Path:
    """Set ``pages`` (label, body, footnotes) as a book's pages in a PDF at ``path``."""
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=password, invariant=True)  # the same bytes every time
    first = 0
    if cover:  # a cover sheet without a page number
        c.setFont(FONT, 14)
        c.drawString(LEFT, TOP, "This content downloaded from a digital library; terms of use apply.")
        c.showPage()
        first = 1
    for number, (label, body, notes) in enumerate(pages):
        text = c.beginText(LEFT, TOP)
        text.setTextRenderMode(3 if invisible else 0)  # 3: invisible, as OCR lays text over a picture
        if no_text or invisible:
            c.setFillGray(0.85)
            c.rect(LEFT - 10, 120, WIDTH - 2 * LEFT + 20, HEIGHT - 220, fill=1, stroke=0)  # the "scan"
            c.setFillGray(0)
        if not no_text:
            c.setFont(FONT, 9)
            folio_line = f"{head}    {label}" if number % 2 else f"{label}    {head}"
            if not folio_at_foot:
                c.drawString(LEFT, HEIGHT - 50, folio_line)
            text.setFont(FONT, 11)
            for line in _lines(body, 11, WIDTH - 2 * LEFT):
                text.textLine(line)
            c.drawText(text)
            y = 110
            for note in reversed(notes):
                c.setFont(FONT, 8)
                c.drawString(LEFT, y, note)
                y += 11
            if folio_at_foot:
                c.setFont(FONT, 9)
                c.drawCentredString(WIDTH / 2, 40, label)
        c.showPage()
    if labels:
        c.addPageLabel(first, style=PDFPageLabel.ARABIC, start=int(pages[0][0]))
    c.save()
    return path


if __name__ == "__main__":
    print(write_book(SOURCES / "westad-brothers-in-arms-pp249-252.pdf", chapter_pages()))
