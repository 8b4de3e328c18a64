"""How fast argmap locates quotes in a book, next to the obvious baselines.

On H. G. Wells, *The Outline of History* (the first 1 MB, then all 2.4 MB):

- normalizing the text (the view and its offset map) against one ``re.sub(r"\\s+", " ", text)``;
- 1,000 exact quotes of 100-300 characters cited with ``m.cite``, against a plain ``str.find``
  loop over them;
- 1,000 quotes with OCR slips on 3-5 % of their characters (confusions such as l/i/1, rn/m, e/c;
  letters dropped or doubled; lost spaces and commas; as ``benchmarks/misquotes.py`` makes
  them), against a full-text edit-distance scan (edlib, HW mode) of a sample of them; every
  span's ends are compared with the truth. A slip sometimes makes another word ('he' read as
  'be'): argmap then rejects the quote as a changed word, by design, and the table counts
  those apart;
- 1,000 misquotes (real passages with two words replaced, and strings of words that the book
  never puts together), which must all be rejected;
- the one-off cost of a source's normalized view and seed index: time and memory.

Run: ``make bench`` (or ``python benchmarks/anchor.py [--runs N] [--quotes N]``). Times are the
median of ``--runs`` runs, each baseline run in turn with what it is compared with (the machine's
speed drifts: both meet the same); per-quote figures divide by the number of quotes.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import edlib
from timing import forget_quotes, paired_times

import argmap
from argmap.anchor import _seed_index
from argmap.text import normalize

sys.path.insert(0, str(Path(__file__).resolve().parent))
from misquotes import ocr_noise

ROOT = Path(__file__).resolve().parent.parent
WELLS = ROOT.parent / "shared" / "corpus" / "wells-1920-outline-of-history.txt"
_WORD_START = re.compile(r"(?<![\w'])\w")


def spans(text: str, count: int, rng: random.Random) -> list[tuple[int, int]]:
    """Word-bounded spans of 100-300 characters."""
    starts = [m.start() for m in _WORD_START.finditer(text)]
    found: list[tuple[int, int]] = []
    while len(found) < count:
        start = rng.choice(starts[:-100])
        end = start + rng.randint(100, 300)
        while end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
            end += 1
        while not text[end - 1].isalnum():
            end -= 1
        found.append((start, end))
    return found


def add_noise(quote: str, rng: random.Random) -> str:
    """OCR slips on 3-5 % of the characters, kept off the first and last three characters."""
    noisy = ocr_noise(quote, rng, 0.03, 0.05)
    return quote if noisy is None else noisy[0]


def misquotes(text: str, count: int, rng: random.Random) -> list[str]:
    """Half: real passages with two long words replaced; half: words the book never joins."""
    words = re.findall(r"[A-Za-z]{4,}", text)
    found: list[str] = []
    for start, end in spans(text, count, rng):
        tokens = text[start:end].split()
        if len(found) % 2:
            found.append(" ".join(rng.choice(words) for _ in range(len(tokens))))
            continue
        long = [i for i, w in enumerate(tokens[1:-1], 1) if len(w) >= 6 and w.isalpha()]
        for i in rng.sample(long, min(2, len(long))) or [len(tokens) // 2]:
            tokens[i] = rng.choice([w for w in words[:5000] if w.lower() != tokens[i].lower()])
        found.append(" ".join(tokens))
    return found


class FullScan:
    """The baseline: edlib (HW mode) over the whole text, encoded once as bytes (edlib's
    fastest input; its str path maps every character in Python when the text is not ASCII)."""

    def __init__(self, text: str) -> None:
        symbols = sorted(set(text), key=text.count, reverse=True)[:255]
        self.table = {char: code for code, char in enumerate(symbols)}
        self.text = self.encode(text)

    def encode(self, value: str) -> bytes:
        return bytes(self.table.get(char, 255) for char in value)

    def __call__(self, quote: str) -> tuple[int, int]:
        result = edlib.align(self.encode(quote), self.text, mode="HW", task="locations")
        start, end = result["locations"][0]
        return int(start), int(end)


def cite(source: argmap.Source) -> Callable[[str], argmap.Evidence]:
    """``m.cite`` of a quote of ``source`` in a new map of one thesis (what users run), with
    argmap's memos of quotes emptied (each run starts as a new process would)."""
    forget_quotes()
    m = argmap.ArgumentMap()
    m.add_source(source)
    m.add_thesis("t", "A thesis.")
    return lambda quote: m.cite("t", source.key, quote, "supports")


def bench(text: str, label: str, n: int, runs: int, rng: random.Random) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    # Normalizing the text (its view, with the offset map) against folding its whitespace.
    fold, folded = paired_times(lambda: re.sub(r"\s+", " ", text), lambda: normalize(text), runs=runs)
    rows.append((label, "normalize: re.sub(r'\\s+', ' ', text) (baseline)", "", f"{fold:.3f} s", "", "1.0x"))
    rows.append((label, "normalize: the view and its offset map", "", f"{folded:.3f} s", "", f"{folded / fold:.2f}x"))
    # The one-off cost of a source: normalized view, page map and seed index (after a warm-up, so
    # that what every process builds once, such as compiled patterns, is not counted).
    _seed_index(argmap.Source(key="warm", text=text[:150_000]).view)  # long enough for an index
    tracemalloc.start()
    started = time.perf_counter()
    source = argmap.Source(key="wells", text=text)
    view = source.view
    index = _seed_index(view)
    build = time.perf_counter() - started
    retained, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert index is not None
    size = len(text.encode("utf-8"))
    rows.append((label, "view + seed index, built once", "1", f"{build:.3f} s", f"{build / (size / 1e6):.2f} s/MB", ""))
    rows.append(
        (label, "memory held (peak while building)", "", f"{retained / 1e6:.0f} MB ({peak / 1e6:.0f} MB)",
         f"{retained / size:.1f}x text ({peak / size:.1f}x)", "")
    )  # fmt: skip

    exact = [text[s:e] for s, e in spans(text, n, rng)]

    def find_loop() -> None:
        for quote in exact:
            text.find(quote)

    def locate_exact() -> None:
        cited = cite(source)
        for quote in exact:
            try:
                cited(quote)
            except argmap.AmbiguousQuoteError:
                pass

    base, ours = paired_times(find_loop, locate_exact, runs=runs)
    rows.append((label, "exact: str.find loop (baseline)", str(n), f"{base:.3f} s", f"{base / n * 1e3:.3f} ms", "1.0x"))
    rows.append(
        (label, "exact: m.cite", str(n), f"{ours:.3f} s", f"{ours / n * 1e3:.3f} ms", f"{ours / base:.2f}x")
    )

    truth = spans(text, n, rng)
    noisy = [add_noise(text[s:e], rng) for s, e in truth]
    results: list[argmap.Passage | None] = []

    def locate_noisy() -> None:
        results.clear()
        cited = cite(source)
        for quote in noisy:
            try:
                results.append(cited(quote).passage)
            except argmap.ArgmapError:
                results.append(None)

    sample = noisy[: max(10, n // 20)]
    full_scan = FullScan(view.text)
    scanned, fuzzy = paired_times(lambda: [full_scan(q) for q in sample], locate_noisy, runs=runs)
    scan = scanned / len(sample) * n
    within = sum(
        1
        for p, (s, e) in zip(results, truth, strict=True)
        if p is not None and abs(p.start - s) <= 3 and abs(p.end - e) <= 3
    )
    rejected = sum(p is None for p in results)
    rows.append(
        (label, f"fuzzy: full edlib scan (baseline, {len(sample)} timed)", str(n), f"{scan:.1f} s",
         f"{scan / n * 1e3:.2f} ms", "1.0x")
    )  # fmt: skip
    rows.append(
        (label, f"fuzzy: m.cite ({within} ends within 3 chars, {rejected} rejected, "
         f"{n - within - rejected} elsewhere)", str(n), f"{fuzzy:.3f} s",
         f"{fuzzy / n * 1e3:.3f} ms", f"{scan / fuzzy:.0f}x faster")
    )  # fmt: skip

    wrong = misquotes(text, n, rng)
    accepted: list[str] = []

    def locate_wrong() -> None:
        accepted.clear()
        cited = cite(source)
        for quote in wrong:
            try:
                cited(quote)
                accepted.append(quote)
            except argmap.QuoteNotFoundError:
                pass
            except argmap.AmbiguousQuoteError:
                accepted.append(quote)

    refusing, fuzzy_again = paired_times(locate_wrong, locate_noisy, runs=runs)
    rows.append(
        (label, f"misquotes: m.cite ({n - len(accepted)}/{n} rejected)", str(n), f"{refusing:.3f} s",
         f"{refusing / n * 1e3:.3f} ms", f"{refusing / fuzzy_again:.2f}x fuzzy")
    )  # fmt: skip
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median); default 3")
    parser.add_argument("--quotes", type=int, default=1000, help="quotes per task; default 1000")
    parser.add_argument("--text", type=Path, default=WELLS, help="the book (default: Wells, Outline of History)")
    args = parser.parse_args(argv)
    if not args.text.exists():
        print(f"benchmark text not found: {args.text}", file=sys.stderr)
        return 2
    whole = args.text.read_text(encoding="utf-8")
    first_mb = whole.encode("utf-8")[:1_000_000].decode("utf-8", errors="ignore")
    rows: list[tuple[str, ...]] = [("text", "task", "quotes", "time (median)", "per quote / rate", "ratio")]
    for text, label in ((first_mb, "Wells 1 MB"), (whole, f"Wells {len(whole.encode()) / 1e6:.1f} MB")):
        rows += bench(text, label, args.quotes, args.runs, random.Random(1920))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for i, row in enumerate(rows):
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
        if i == 0:
            print("  ".join("-" * w for w in widths))
    print(f"\nmedian of {args.runs} runs; Python {sys.version.split()[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
