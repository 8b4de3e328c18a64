"""What reading a PDF costs in argmap, per page, against PDFium's own text extraction.

argmap reads a PDF with pypdfium2 (PDFium) and does more than extract: it finds each line's
font size and place to tell running heads, folios and footnotes from the body, works out the
printed page labels, and joins the pages into one text with its layout. The baseline is the
library's extraction alone on the same file: open the document, and for each page its text page
and ``get_text_range()``.

Files: the real PDFs of ``../shared/corpus/documents`` (a pdfTeX thesis of 117 pages, a Google
Docs and a LibreOffice export) and a 400-page book written here with reportlab from the Wells
text (running heads, folios, hyphenation: what a scanned-and-OCR'd or typeset book has).

Timed in one process, median of ``--runs`` runs each: ``argmap.sources.pdf.read`` (the reader
itself, no cache) and the baseline; per page, and as a ratio (goal: at most 2x).

Run: ``python benchmarks/pdf.py [--runs N]`` (``make bench``).
"""

from __future__ import annotations

import argparse
import functools
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

import pypdfium2

from argmap.sources import pdf

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = ROOT.parent / "shared" / "corpus" / "documents"
WELLS = ROOT.parent / "shared" / "corpus" / "wells-1920-outline-of-history.txt"
sys.path.insert(0, str(ROOT / "examples" / "korean_war"))
from make_pdf import write_book  # noqa: E402  (the flagship's PDF writer)


def baseline(path: Path) -> int:
    """PDFium's own extraction: every page's text; the number of characters."""
    document = pypdfium2.PdfDocument(path)
    try:
        total = 0
        for page in document:
            textpage = page.get_textpage()
            total += len(textpage.get_text_range())
            textpage.close()
            page.close()
        return total
    finally:
        document.close()


def median_times(first: Callable[[], object], second: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median wall times of ``first`` and ``second``, run in turn (the machine's noise falls on both)."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for run, spent in ((first, times[0]), (second, times[1])):
            start = time.perf_counter()
            run()
            spent.append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per timing (median); default 5")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / "wells-400-pages.pdf"
        wells = WELLS.read_text(encoding="utf-8")
        starts = range(0, 1_120_000, 2800)
        pages: list[tuple[str, str, list[str]]] = [(str(n), " ".join(wells[i : i + 2800].split()), [])
                                                   for n, i in enumerate(starts, 1)]  # fmt: skip
        write_book(book, pages, head="THE OUTLINE OF HISTORY")
        files = [*sorted(DOCUMENTS.glob("*.pdf")), book]
        print(f"{'file':42}{'pages':>6}{'argmap':>12}{'PDFium':>12}{'ratio':>8}")
        ratios, totals, pages_read = [], [0.0, 0.0], 0
        for path in files:
            count = len(pypdfium2.PdfDocument(path))
            reading, extracting = functools.partial(pdf.read, path, key="b"), functools.partial(baseline, path)
            ours, theirs = median_times(reading, extracting, args.runs)
            ratios.append(ours / theirs)
            totals, pages_read = [totals[0] + ours, totals[1] + theirs], pages_read + count
            per = f"{1000 * ours / count:9.2f} ms{1000 * theirs / count:9.2f} ms"
            print(f"{path.name[:41]:42}{count:>6}{per}{ours / theirs:>7.2f}x")
    per = f"{1000 * totals[0] / pages_read:9.2f} ms{1000 * totals[1] / pages_read:9.2f} ms"
    print(f"{'all files':42}{pages_read:>6}{per}{totals[0] / totals[1]:>7.2f}x")
    print(f"\nper page, median of {args.runs} runs, the two in turn; worst file {max(ratios):.2f}x (goal: 2x)")
    print(f"Python {sys.version.split()[0]}, pypdfium2 {metadata.version('pypdfium2')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
