"""How much of the article the web-page reader keeps as main text, and what reading a page costs.

On the 20 saved news and blog pages of ``../shared/corpus/documents/html`` (from the
article-extraction benchmark, with the annotators' ``articleBody`` of each), per page and on
average:

- the main text (``source.text[:main[1]]``) against ``articleBody``, as tokens split on
  whitespace, counted as multisets: precision = common tokens / main-text tokens, recall =
  common tokens / ``articleBody`` tokens, F1 their harmonic mean; and the F1 of the benchmark's
  own ``evaluate.py`` (4-grams of ``\\w+`` tokens, the measure of its published table). The mean
  row averages precision and recall over the pages and takes the F1 of the two means, as
  ``evaluate.py`` does;
- quotes: every sentence of ``articleBody`` of 8 words or more that occurs exactly once in the
  page's visible text (lxml's text of the page without scripts and styles), located with
  ``argmap.locate``: in the main text, outside it (check would warn), or not located (not
  found, or ambiguous: found twice);
- time: ``argmap.sources.html.read`` of the file against ``trafilatura.extract`` alone on the
  page's text already in memory (the extractor's own share), each the median of ``--runs`` runs.

Run: ``python benchmarks/web_pages.py [--runs N] [--pages FOLDER]``.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
from collections import Counter
from pathlib import Path

import lxml.html
import trafilatura
from timing import median_time

import argmap
from argmap.sources import html
from argmap.text import normalize

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT.parent / "shared" / "corpus" / "documents" / "html"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[«\"“]?[^\W\d_])")
_WORDS = re.compile(r"\w+")


def precision_recall(truth: list[object], found: list[object]) -> tuple[float, float]:
    """Precision and recall of ``found`` against ``truth``, both multisets."""
    common = sum((Counter(truth) & Counter(found)).values())
    return common / len(found) if found else 0.0, common / len(truth) if truth else 0.0


def shingles(text: str) -> list[object]:
    """The 4-grams of ``\\w+`` tokens (the article-extraction benchmark's ``evaluate.py``)."""
    tokens = _WORDS.findall(text)
    return [tuple(tokens[i : i + 4]) for i in range(max(1, len(tokens) - 3))]


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def visible_text(page: str) -> str:
    """The page's visible text, an independent rough cut: lxml's text without scripts and styles."""
    root = lxml.html.document_fromstring(page)
    for element in root.xpath("//script|//style|//noscript|//template|//svg|//head"):
        element.drop_tree()
    return normalize(root.text_content(), ()).text


def quotes(source: argmap.Source, truth: str, visible: str) -> Counter[str]:
    """Where the article's sentences that the page shows once are located: main, outside, not located."""
    where: Counter[str] = Counter()
    end = source.page_layout.main[1] if source.page_layout.main else len(source.text)
    for paragraph in truth.splitlines():
        for sentence in _SENTENCE_END.split(paragraph.strip()):
            if len(sentence.split()) < 8 or visible.count(normalize(sentence, ()).text) != 1:
                continue
            try:
                passage = argmap.locate(source, sentence)
            except (argmap.QuoteNotFoundError, argmap.AmbiguousQuoteError):
                where["not located"] += 1
            else:
                where["main" if passage.end <= end else "outside"] += 1
    return where


def bench(folder: Path, runs: int) -> list[tuple[str, ...]]:
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    trafilatura.extract("<html><body><p>warm up</p></body></html>")  # imports and caches, not timed
    rows = []
    totals: dict[str, list[float]] = {"p": [], "r": [], "sp": [], "sr": [], "read": [], "extract": []}
    located: Counter[str] = Counter()
    for path in sorted(folder.glob("*.html")):
        body = truth[path.stem]["articleBody"]
        page = path.read_text(encoding="utf-8")
        source = html.read(path, key="page")
        main = source.text[: source.page_layout.main[1]] if source.page_layout.main else ""
        p, r = precision_recall(body.split(), main.split())
        sp, sr = precision_recall(shingles(body), shingles(main))
        where = quotes(source, body, visible_text(page))
        read_time = median_time(lambda path=path: html.read(path, key="page"), runs)
        extract_time = median_time(
            lambda page=page: trafilatura.extract(
                page, output_format="txt", include_comments=False, include_tables=True, favor_precision=False,
                deduplicate=False, with_metadata=False,
            ),
            runs,
        )  # fmt: skip
        for name, value in zip(totals, (p, r, sp, sr, read_time, extract_time), strict=True):
            totals[name].append(value)
        located += where
        rows.append(
            (path.stem[:8], f"{path.stat().st_size / 1e3:.0f} kB", f"{p:.3f}", f"{r:.3f}", f"{f1(p, r):.3f}",
             f"{f1(sp, sr):.3f}", f"{where['main']}/{where['outside']}/{where['not located']}",
             f"{read_time * 1e3:.0f} ms", f"{extract_time * 1e3:.0f} ms", f"{read_time / extract_time:.2f}x")
        )  # fmt: skip
    mean = {name: statistics.mean(values) for name, values in totals.items()}
    rows.append(
        (f"mean ({len(rows)})", "", f"{mean['p']:.3f}", f"{mean['r']:.3f}", f"{f1(mean['p'], mean['r']):.3f}",
         f"{f1(mean['sp'], mean['sr']):.3f}", f"{located['main']}/{located['outside']}/{located['not located']}",
         f"{mean['read'] * 1e3:.0f} ms", f"{mean['extract'] * 1e3:.0f} ms", f"{mean['read'] / mean['extract']:.2f}x")
    )  # fmt: skip
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per time (median); default 5")
    parser.add_argument("--pages", type=Path, default=PAGES, help="saved pages and their ground-truth.json")
    args = parser.parse_args(argv)
    if not (args.pages / "ground-truth.json").exists():
        print(f"benchmark pages not found: {args.pages}", file=sys.stderr)
        return 2
    header = ("page", "size", "precision", "recall", "F1", "F1 4-gram", "quotes main/outside/not", "read",
              "extract", "ratio")  # fmt: skip
    rows = [header, *bench(args.pages, args.runs)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for i, row in enumerate(rows):
        if i == len(rows) - 1:
            print("  ".join("-" * w for w in widths))
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
        if i == 0:
            print("  ".join("-" * w for w in widths))
    print(f"\nmedian of {args.runs} runs; Python {sys.version.split()[0]}, trafilatura {trafilatura.__version__}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
