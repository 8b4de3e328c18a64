"""How loading a map grows with its size: the time per evidence entry, from 1,000 to 32,000 entries.

The maps: one source, H. G. Wells's *Outline of History* (2.4 MB of plain text), and 1,000,
2,000, 4,000, 8,000, 16,000 and 32,000 evidence entries, each quoting ten words of it found once
(cut at whole words, sampled with a fixed seed), one thesis per ten entries and a relation per
twenty; each size twice: with automatic evidence ids, and with explicit ones (``id = "e17"``).

Timed, median of ``--runs`` runs:

- ``argmap.load`` in process, per size and kind of id; printed with the time per entry and its
  ratio to the time per entry of the 1,000-entry map of the same kind (goal: within 2x at every
  size: loading linear in the map's size);
- ``argmap check`` as a process on the 8,000-entry map with automatic ids.

Then "did you mean": a map of 20,000 theses whose 200 or 2,000 relations name a thesis misspelt
(``thesis-17-clam``): the time to the one ``MapFileError`` that lists them all, each with its
suggestion, against the same map with the names spelt right (goal: a few times that, not minutes).

Also the memory that reading the JSON form takes, measured with ``tracemalloc``: the peak of
finding the line of every value (the scanner behind its messages), and of the whole
``read_json``, as bytes per character of a form that embeds 1, 4 and 16 MB of text.

Run: ``python benchmarks/load.py [--runs N] [--largest N]``.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import tracemalloc
from collections import Counter
from pathlib import Path

from timing import median_time

import argmap
from argmap.formats import jsonform
from argmap.formats.mapfile import loads

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT.parent / "shared" / "corpus" / "wells-1920-outline-of-history.txt"
SIZES = (1_000, 2_000, 4_000, 8_000, 16_000, 32_000)
WORDS = 10  # words per quote


def unique_quotes(text: str) -> list[str]:
    """Every run of ``WORDS`` whole words (at a multiple of ``WORDS``) that occurs once in the text,
    compared forgiving case and punctuation, and holds nothing a quote reads as markup."""
    words = text.split()
    plain = [re.sub(r"\W+", "", w).casefold() for w in words]
    seen = Counter(" ".join(plain[i : i + WORDS]) for i in range(len(words) - WORDS))
    quotes = []
    for i in range(0, len(words) - WORDS, WORDS):
        quote = " ".join(words[i : i + WORDS])
        if seen[" ".join(plain[i : i + WORDS])] == 1 and not re.search(r"[\[\]_*'\"\\]|\.\.|\u2026", quote):
            quotes.append(quote)
    return quotes


def write_map(folder: Path, quotes: list[str], explicit_ids: bool) -> Path:
    """A map file of one source and an evidence entry per quote."""
    lines = ['[[source]]\nkey = "wells"\npath = "wells.txt"\n']
    theses = max(1, len(quotes) // 10)
    lines += [f'[[thesis]]\nid = "t{i}"\nstatement = "Thesis {i}."\n' for i in range(theses)]
    for n, quote in enumerate(quotes):
        entry = f'id = "e{n}"\n' if explicit_ids else ""
        lines.append(f'[[evidence]]\n{entry}thesis = "t{n % theses}"\nsource = "wells"\nstance = "supports"\n'
                     f'quote = "{quote}"\n')  # fmt: skip
    lines += [f'[[relation]]\nfrom = "t{i}"\nto = "t{i - 1}"\nstance = "supports"\n' for i in range(1, theses, 2)]
    path = folder / f"map-{len(quotes)}-{'ids' if explicit_ids else 'auto'}.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def misspelt_map(theses: int, relations: int, misspelt: bool) -> str:
    """A map file text of ``theses`` theses and ``relations`` relations, each from a thesis whose
    name is misspelt (or spelt right)."""
    lines = ['[[source]]\nkey = "s"\ntext = "one two three"\n']
    lines += [f'[[thesis]]\nid = "thesis-{i}-claim"\nstatement = "Thesis {i}."\n' for i in range(theses)]
    spelt = "clam" if misspelt else "claim"
    lines += [f'[[relation]]\nfrom = "thesis-{i * 7 % theses}-{spelt}"\nto = "thesis-{i % theses + 1}-claim"\n'
              'stance = "supports"\n' for i in range(relations)]  # fmt: skip
    return "\n".join(lines)


def suggestion_rows(runs: int) -> None:
    print("\n| theses | misspelt references | right names | misspelt (MapFileError) | ratio |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for bad in (200, 2_000):
        right, wrong = misspelt_map(20_000, bad, False), misspelt_map(20_000, bad, True)
        fine = median_time(lambda right=right: loads(right), runs)  # type: ignore[misc]

        def failing(text: str = wrong, bad: int = bad) -> None:
            try:
                loads(text)
            except argmap.MapFileError as exc:
                assert len(exc.problems) == bad
            else:
                raise AssertionError("the misspelt map loaded")

        slow = median_time(failing, runs)
        print(f"| 20,000 | {bad:,} | {fine:.2f} s | {slow:.2f} s | {slow / fine:.2f}x |", flush=True)


def json_memory(sizes_mb: tuple[int, ...]) -> list[tuple[int, float, float]]:
    """For JSON forms embedding ``sizes_mb`` MB of text: the peak memory of the line scanner and of
    the whole ``read_json``, in bytes per character of the form."""
    rows = []
    for mb in sizes_mb:
        m = argmap.ArgumentMap()
        m.add_source(argmap.Source(key="s", text=("A line of a long source, to be embedded. " * 25 + "\n") * mb * 1000))
        text = jsonform.to_json(m)
        peaks = []
        for action in (jsonform._json_lines, jsonform.read_json):
            tracemalloc.start()
            action(text)
            peaks.append(tracemalloc.get_traced_memory()[1] / len(text))
            tracemalloc.stop()
        rows.append((mb, peaks[0], peaks[1]))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per timing (median); default 3")
    parser.add_argument("--largest", type=int, default=SIZES[-1], help="the largest map, in entries; default 32,000")
    args = parser.parse_args(argv)
    sizes = [n for n in SIZES if n <= args.largest]
    text = BOOK.read_text(encoding="utf-8")
    quotes = unique_quotes(text)
    picked = random.Random(16).sample(quotes, max(sizes))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["ARGMAP_CACHE"] = str(folder / "cache")
        shutil.copy(BOOK, folder / "wells.txt")
        argmap.load(write_map(folder, picked[:100], False))  # the text's view into the cache
        print(f"one source of {len(text) / 1e6:.1f} MB; quotes of {WORDS} words; median of {args.runs} runs\n")
        print("| entries | ids | argmap.load | per entry | per entry / 1,000's |")
        print("| ---: | :--- | ---: | ---: | ---: |")
        base: dict[bool, float] = {}
        worst = 0.0
        for n in sizes:
            for explicit in (False, True):
                path = write_map(folder, picked[:n], explicit)
                seconds = median_time(lambda path=path: argmap.load(path), args.runs)  # type: ignore[misc]
                per = seconds / n
                base.setdefault(explicit, per)
                ratio = per / base[explicit]
                worst = max(worst, ratio)
                kind = "explicit" if explicit else "automatic"
                print(f"| {n:,} | {kind} | {seconds:.2f} s | {per * 1e6:.0f} µs | {ratio:.2f}x |", flush=True)
        print(f"\nlargest ratio per entry: {worst:.2f}x (goal: within 2x)")
        n = 8_000 if 8_000 in sizes else sizes[-1]
        command = [sys.executable, "-m", "argmap", "check", str(folder / f"map-{n}-auto.toml")]
        check = median_time(lambda: subprocess.run(command, check=True, capture_output=True), args.runs)
        print(f"argmap check on {n:,} entries (automatic ids), as a process: {check:.2f} s, "
              f"{check / n * 1e6:.0f} µs per entry")  # fmt: skip
    suggestion_rows(args.runs)
    print("\n| JSON form embedding | line scanner peak | read_json peak |")
    print("| ---: | ---: | ---: |")
    for mb, lines, whole in json_memory((1, 4, 16)):
        print(f"| {mb} MB of text | {lines:.3f} bytes per character | {whole:.2f} bytes per character |")
    print(f"\nPython {sys.version.split()[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
