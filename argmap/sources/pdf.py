"""PDF: the text layer of each page (PDFium, through pypdfium2), with the page numbers it prints.

Each page's text comes in PDFium's reading order. Lines are sorted into what they are by where
they stand and how large their type is:

- **running heads and feet**, and printed page numbers: the top and bottom lines of a page when
  they hold its folio or repeat (numbers aside) on other pages; they are left out of the text,
  so that a quote runs across a page break;
- **footnotes**: a block of lines in smaller type at the foot of a page; they are left out of
  the run of the body, so that they do not interrupt a sentence across a break, and come after
  the body of the whole document, each block labelled with the page it is printed on;
- the **body**: everything else, page after page.

Page labels, in this order: the source's ``page_offset`` (printed = physical + offset) or
``first_page`` (the label of the first physical page) always win; else the PDF's own
``/PageLabels`` when they are plausible (most pages print their label); else the numbers the
pages print in their heads or feet (the offset from the physical number that most pages agree
on); else the physical page number. A passage keeps its physical pages too
(``Passage.page_indexes``: ``file.pdf#page=N``).

Line-end hyphens become a hyphen and a line break (argmap's view joins ``interven-`` /
``tion``), ligatures come out as their letters. An encrypted PDF, and a scan without a text layer,
are refused with what to do.
"""

from __future__ import annotations

import itertools
import re
import statistics
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from argmap.errors import InvalidValueError, SourceFileError
from argmap.model import Source
from argmap.pages import Layout, numbered_like, page_number

__all__ = ["PROGRESS_AFTER", "read"]

#: Share of the page height at the top and the bottom where running heads and feet stand.
_MARGIN = 0.12
#: Type this much smaller than the body's is a footnote's (at the foot of the page).
_SMALLER = 0.88
_ROMAN = re.compile(r"(?i)^(?=[ivxlcdm]+$)m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
#: A line ends at a line break, or at a hyphen PDFium marks as breaking a word (U+FFFE, U+0002).
_BREAK = re.compile("\r\n|[\r\n\ufffe\x02]")
_HYPHENS = "\ufffe\x02"
#: Seconds of reading after which a terminal shows a progress bar.
PROGRESS_AFTER = 1.0
_INK = re.compile(r"\S")
#: The first line of a footnote: its mark, then words.
_NOTE_MARK = re.compile(r"\s*(?:\d{1,3}|[*\u2020\u2021\u00a7\u00b9\u00b2\u00b3\u2070-\u2079])[.)]?\s*[^\W\d]\w*\s+\S.*")
_FOLIO = re.compile(r"^\s*\d{1,5}\s*$|^\s*[ivxlcdm]{1,8}\s*$", re.IGNORECASE)


@attrs.frozen
class _Line:
    """One line of a page: its text, its top (from the page's top, 0-1) and its type size."""

    text: str
    top: float
    size: float


@attrs.frozen
class _Page:
    """One page, its lines sorted: body, footnotes; and the numbers its heads and feet print."""

    index: int  # physical, from 1
    body: str
    notes: str
    folios: tuple[str, ...]
    chars: int
    label: str


def read(
    path: str | Path, *, key: str, page_offset: int | None = None, password: str | None = None, **fields: Any
) -> Source:
    """A source whose text is the PDF's text layer, its pages the printed page labels.

    Args:
        path: the PDF.
        key: the source's key.
        page_offset: printed page = physical page + ``page_offset`` (wins over every label).
        password: the password of an encrypted PDF.
        fields: the source's other fields; ``first_page`` labels the first physical page.

    Raises:
        SourceFileError: not a PDF, encrypted without the password, or no text layer (a scan).
        InvalidValueError: ``page_pattern`` or ``ignore`` given (a PDF's pages are its own).
    """
    for option in ("page_pattern", "ignore"):
        if fields.get(option):
            raise InvalidValueError(option, fields[option], "nothing: a PDF's pages come from the PDF")
    fields = {k: v for k, v in fields.items() if k not in ("page_pattern", "ignore")}
    pages = list(_pages(Path(path), password))
    if not any(page.chars for page in pages):
        raise SourceFileError(
            str(path), "it has no text layer (a scanned book?): run OCR first, for example "
            "`ocrmypdf --output-type pdf in.pdf out.pdf`, and cite the file it writes",
        )  # fmt: skip
    labels = _labels(pages, page_offset, fields.get("first_page"))
    pieces: list[str] = []
    starts: list[int] = []
    region_labels: list[str] = []
    indexes: list[int] = []
    at = 0
    for page, label, notes in [(p, lab, False) for p, lab in zip(pages, labels, strict=True)] + [
        (p, lab, True) for p, lab in zip(pages, labels, strict=True) if p.notes
    ]:
        text = page.notes if notes else page.body
        if not text:
            continue
        if pieces:
            pieces.append("\n\n")
            at += 2
        starts.append(at)
        region_labels.append(label)
        indexes.append(page.index)
        pieces.append(text)
        at += len(text)
    layout = Layout(tuple(starts), tuple(region_labels), tuple(indexes))
    fields.setdefault("csl_type", "book")
    return Source(key=key, text="".join(pieces), path=str(path), layout=layout, page_offset=page_offset, **fields)


def _pages(path: Path, password: str | None) -> Iterator[_Page]:
    """Every page of the PDF, its lines sorted (a progress bar on a terminal for long files)."""
    import pypdfium2 as pdfium  # only PDFs need it

    try:
        document = pdfium.PdfDocument(path, password=password)
    except FileNotFoundError as exc:
        raise SourceFileError(str(path), "no such file; check the path") from exc
    except pdfium.PdfiumError as exc:
        reason = str(exc)
        if "password" in reason.lower():
            raise SourceFileError(
                str(path), "it is encrypted: give its password (password=...), or save an unencrypted copy"
            ) from exc
        raise SourceFileError(str(path), f"not a PDF argmap can read ({reason}); re-save it as PDF") from exc
    try:
        lines = [_lines(document[i]) for i in _progress(range(len(document)), path)]
        labels = [document.get_page_label(i) for i in range(len(document))]
    finally:
        document.close()
    repeated = _repeated_margins(lines)
    offset = _folio_offset(lines)
    for index, (page_lines, label) in enumerate(zip(lines, labels, strict=True), 1):
        folio = {label, str(index + offset) if offset is not None else ""} - {""}
        yield _sort(index, page_lines, label, repeated, folio)


def _progress(pages: range, path: Path) -> Iterator[int]:
    """The page numbers, with a progress bar on a terminal when reading takes more than a second."""
    if not sys.stderr.isatty():
        yield from pages
        return
    from tqdm import tqdm  # a terminal only

    yield from tqdm(pages, desc=f"reading {path.name}", unit="page", delay=PROGRESS_AFTER, leave=False)


def _lines(page: Any) -> list[_Line]:
    """The lines of a page in reading order, each with its place and type size."""
    import pypdfium2.raw as pdfium_c

    height = page.get_height() or 1.0
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()  # one character a PDFium character index, line breaks included
        lines: list[_Line] = []
        start = 0
        for end in [*_BREAK.finditer(text), None]:
            stop = len(text) if end is None else end.start()
            raw = text[start:stop] + ("-" if end is not None and end.group() in _HYPHENS else "")
            inked = [ink.start() for ink in itertools.islice(_INK.finditer(text, start, stop), 5)]
            start = len(text) if end is None else end.end()
            if not inked:
                continue
            sizes = [pdfium_c.FPDFText_GetFontSize(textpage.raw, k) for k in inked]
            top = 1 - textpage.get_charbox(inked[0])[3] / height
            lines.append(_Line(raw.strip(), top, statistics.median(sizes)))
        return lines
    finally:
        textpage.close()
        page.close()


def _shape(text: str) -> str:
    """A line with its numbers blanked, to see heads that repeat from page to page."""
    return re.sub(r"\d+|\b[ivxlcdm]+\b", "#", text.lower())


def _repeated_margins(pages: list[list[_Line]]) -> set[str]:
    """The shapes of top and bottom lines that recur on several pages: running heads and feet."""
    counts = Counter(_shape(line.text) for lines in pages for line in (lines[:2] + lines[-2:]) if lines)
    return {shape for shape, n in counts.items() if n >= max(3, len(pages) // 10)}


def _ends(text: str) -> list[str]:
    """The first and last words of a line: where running heads print the folio."""
    words = text.split()
    return [w.strip(".,") for w in {words[0], words[-1]}] if words else []


def _folio_offset(pages: list[list[_Line]]) -> int | None:
    """The offset from the physical page number that the numbers at the ends of the top and
    bottom lines agree on most (a printed folio), if several pages agree."""
    offsets = Counter(
        int(word) - index
        for index, lines in enumerate(pages, 1)
        for line in (lines[:1] + lines[-1:])
        for word in _ends(line.text)
        if word.isdigit() and len(word) <= 5
    )
    if not offsets:
        return None
    offset, support = offsets.most_common(1)[0]
    return offset if support >= max(2, len(pages) // 4) else None


def _sort(index: int, lines: list[_Line], label: str, repeated: set[str], folio: set[str]) -> _Page:
    """Sort a page's lines into heads and feet (dropped), footnotes and body; ``folio`` holds the
    numbers the page may print as its own."""
    folios: list[str] = []
    kept = list(lines)
    for edge in (0, -1):  # the first and the last line, twice: a head over a sub-head
        for _ in range(2):
            if not kept:
                break
            line = kept[edge]
            in_margin = line.top < _MARGIN if edge == 0 else line.top > 1 - _MARGIN
            ends = _ends(line.text)
            head = _FOLIO.match(line.text) or _shape(line.text) in repeated or folio & set(ends)
            if in_margin and head:
                folios += [w for w in ends if _FOLIO.match(w)]
                kept.pop(edge)
            else:
                break
    body_size = statistics.median([line.size for line in kept]) if kept else 0.0
    foot = len(kept)  # footnotes: the lines in smaller type at the foot, the first with its mark
    while foot and kept[foot - 1].top > 0.5 and body_size and kept[foot - 1].size < _SMALLER * body_size:
        foot -= 1
    while foot < len(kept) and not _NOTE_MARK.fullmatch(kept[foot].text):
        foot += 1
    notes, kept = kept[foot:], kept[:foot]
    chars = sum(len(line.text) for line in lines)
    return _Page(index, "\n".join(line.text for line in kept), "\n".join(n.text for n in notes),
                 tuple(folios), chars, label)  # fmt: skip


def _labels(pages: list[_Page], page_offset: int | None, first_page: str | None) -> list[str]:
    """The printed label of each page (see the module docs for the order of the rules)."""
    if page_offset is not None:
        return [str(p.index + page_offset) if p.index + page_offset > 0 else f"[{p.index}]" for p in pages]
    if first_page is not None:
        start = page_number(first_page)
        if start is None:
            return [first_page] + [f"[{p.index}]" for p in pages[1:]]
        return [numbered_like(first_page, start + i) for i in range(len(pages))]
    own = [p.label for p in pages]
    with_folios = [p for p in pages if p.folios]
    if any(own) and (not with_folios or sum(p.label in p.folios for p in with_folios) * 2 >= len(with_folios)):
        return [p.label or f"[{p.index}]" for p in pages]
    offsets = Counter(int(f) - p.index for p in pages for f in p.folios if f.isdigit())
    if offsets:
        offset, support = offsets.most_common(1)[0]
        if support >= max(2, len(with_folios) // 3):
            return [_inferred(p, offset) for p in pages]
    return [str(p.index) for p in pages]


def _inferred(page: _Page, offset: int) -> str:
    """The label of a page by the offset most pages print (in brackets where the page prints no
    number: a cover, a plate), its own roman folio in front matter."""
    if page.index + offset > 0:
        number = str(page.index + offset)
        return number if number in page.folios else f"[{number}]"
    roman = [f for f in page.folios if _ROMAN.match(f)]
    return roman[0].lower() if roman else f"[{page.index}]"
