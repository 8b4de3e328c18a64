"""How long `argmap check` takes on a map of four books, run as a command, against a floor.

The map: four book-length sources of a megabyte or more, of each kind a historian holds: H. G.
Wells's *Outline of History* as plain text (2.4 MB), *Moby-Dick* as an EPUB (1.2 MB of text),
the first 1.1 MB of Wells set as a PDF (written here with reportlab, about 400 pages), and the
two 1897 Gunpowder Plot books with the Lexington accounts as one text (1.3 MB); 400 quotes, 100
a source, cut at word boundaries from each source's text as argmap reads it.

Timed, each as a process, median of ``--runs`` runs, one run of each in turn (this shared
machine's speed drifts: all meet the same):

- the floor: a plain Python script that reads the same texts (the PDF's and the EPUB's as plain
  text extracted beforehand), folds whitespace, and finds each quote with ``str.find``;
- ``argmap check`` cold: the cache of extracted texts empty (a new ``ARGMAP_CACHE`` folder);
- ``argmap check`` warm: the same command again, the PDF's and the EPUB's texts, the views of
  the four texts and the dictionary's words read from the cache;
- the extraction alone (reading the PDF and the EPUB), to state the cold run without it.

Also the memory one book holds in argmap (its normalized view, and the seed index when an
approximate quote needs one), against the size of its text.

Run: ``python benchmarks/check.py [--runs N]`` (``make bench``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import tracemalloc
from pathlib import Path

from timing import paired_times

import argmap
from argmap.anchor import _seed_index

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(ROOT / "examples" / "korean_war"))
from make_pdf import write_book  # noqa: E402  (the flagship's PDF writer)

FLOOR = r"""
import re, sys, json
texts = {key: re.sub(r"\s+", " ", open(path, encoding="utf-8").read()) for key, path in json.loads(sys.argv[1]).items()}
quotes = json.loads(open(sys.argv[2], encoding="utf-8").read())
found = sum(texts[key].find(re.sub(r"\s+", " ", quote)) >= 0 for key, quote in quotes)
assert found == len(quotes), found
"""


def run(command: list[str], fresh: bool = False) -> None:
    """Run ``command``; ``fresh``: with an empty cache."""
    env = dict(os.environ)
    if fresh:
        env["ARGMAP_CACHE"] = tempfile.mkdtemp(prefix="argmap-cold-")
    subprocess.run(command, check=True, capture_output=True, env=env)


def quotes_of(source: argmap.Source, count: int, rng: random.Random) -> list[str]:
    """``count`` quotes of 60-200 characters cut from one paragraph of a page, each found once."""
    quotes: list[str] = []
    for _, text in source.page_texts():
        for paragraph in re.split(r"\n\s*\n", text):
            flat = " ".join(paragraph.split())
            if len(flat) > 220 and "'''" not in flat and not re.search(r"[\[\]_*]|\.\.\.|\u2026", flat):
                quotes.append(flat)
    picked: list[str] = []
    flat_text = " ".join(source.text.split())
    while len(picked) < count:
        paragraph = rng.choice(quotes)
        start = paragraph.rfind(" ", 0, rng.randint(1, len(paragraph) - 200)) + 1
        end = paragraph.find(" ", start + rng.randint(60, 200))
        quote = paragraph[start:end if end > 0 else None].strip(" ,;:")
        if len(quote) >= 60 and flat_text.count(quote) == 1 and quote not in picked:
            picked.append(quote)
    return picked


def build(folder: Path, rng: random.Random) -> tuple[Path, dict[str, Path], Path]:
    """The map file, the plain texts the floor reads, and the quotes file."""
    wells = (CORPUS / "wells-1920-outline-of-history.txt").read_text(encoding="utf-8")
    (folder / "wells.txt").write_text(wells, encoding="utf-8")
    pages = [(str(n), " ".join(wells[i : i + 2800].split()), []) for n, i in enumerate(range(0, 1_100_000, 2800), 1)]
    write_book(folder / "wells-part.pdf", pages, head="THE OUTLINE OF HISTORY")
    (folder / "moby-dick.epub").write_bytes((CORPUS / "documents" / "moby-dick.epub").read_bytes())
    names = ["gardiner-1897-what-gunpowder-plot-was", "gerard-1897-what-was-the-gunpowder-plot",
             "coburn-1912-battle-of-april-19-1775", "gage-instructions-1779"]  # fmt: skip
    (folder / "plots.txt").write_text("\n\n".join((CORPUS / f"{n}.txt").read_text(encoding="utf-8") for n in names))
    files = {"wells": "wells.txt", "pdf": "wells-part.pdf", "moby": "moby-dick.epub", "plots": "plots.txt"}
    lines, quotes, plain = [], [], {}
    for key, name in files.items():
        lines += [f'[[source]]\nkey = "{key}"\npath = "{name}"\n']
        source = argmap.Source.from_file(folder / name, key=key)
        plain[key] = folder / f"{key}.plain.txt"
        plain[key].write_text(source.text, encoding="utf-8")
        for quote in quotes_of(source, 100, rng):
            quotes.append((key, quote))
    lines.append('[[thesis]]\nid = "t"\nstatement = "A thesis."\n')
    for key, quote in quotes:
        entry = f'thesis = "t"\nsource = "{key}"\nstance = "supports"\n'
        lines.append(f"[[evidence]]\n{entry}quote = '''{quote}'''\n")
    (folder / "map.toml").write_text("\n".join(lines), encoding="utf-8")
    (folder / "quotes.json").write_text(json.dumps(quotes), encoding="utf-8")
    sizes = {key: path.stat().st_size for key, path in plain.items()}
    print("sources: " + ", ".join(f"{key} {size / 1e6:.2f} MB of text" for key, size in sizes.items()))
    return folder / "map.toml", plain, folder / "quotes.json"


def memory(path: Path) -> tuple[float, float]:
    """The memory one book's view (then view and seed index) holds, as a multiple of its text
    (after a warm-up on a shorter text, so that what a process makes once, NumPy's import among
    it, is not counted against the book)."""
    source = argmap.Source.from_file(path, key="m")
    _seed_index(argmap.Source(key="warm", text=source.text[:150_000]).view)
    tracemalloc.start()
    _ = source.view
    view = tracemalloc.get_traced_memory()[0]
    _seed_index(source.view)
    both = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    size = len(source.text.encode("utf-8"))
    return view / size, both / size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per timing (median); default 3")
    args = parser.parse_args(argv)
    rng = random.Random(1605)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["ARGMAP_CACHE"] = str(folder / "cache")
        map_file, plain, quotes = build(folder, rng)
        argmap_cmd = [sys.executable, "-m", "argmap", "check", str(map_file)]
        floor_cmd = [sys.executable, "-c", FLOOR, json.dumps({k: str(p) for k, p in plain.items()}), str(quotes)]
        read = "import sys, argmap; [argmap.Source.from_file(p, key='x') for p in sys.argv[1:]]"
        extract_cmd = [sys.executable, "-c", read, str(folder / "wells-part.pdf"), str(folder / "moby-dick.epub")]
        run(argmap_cmd)  # fill the cache that warm runs read
        # each run of the floor with one of each of argmap's, in turn: the machine's drift meets all
        floor, warm, cold, extract = paired_times(
            lambda: run(floor_cmd), lambda: run(argmap_cmd), lambda: run(argmap_cmd, fresh=True),
            lambda: run(extract_cmd, fresh=True), runs=args.runs,
        )  # fmt: skip
        view, both = memory(folder / "wells.txt")
    rows = [
        ("floor: read, fold whitespace, str.find (a process)", floor, "1.0x"),
        ("argmap check, warm (texts and views from the cache)", warm, f"{warm / floor:.2f}x floor"),
        ("argmap check, cold (empty cache)", cold, f"{cold / floor:.2f}x floor"),
        ("  reading the PDF and the EPUB (a process)", extract, ""),
        ("  cold, extraction aside", cold - extract, f"{(cold - extract) / warm:.2f}x warm"),
    ]
    print(f"\n{'4 sources, 400 quotes':54}{'time (median)':>15}  ratio")
    for label, seconds, ratio in rows:
        print(f"{label:54}{seconds:>13.3f} s  {ratio}")
    print(f"\nmemory of Wells (2.4 MB): view {view:.1f}x its text; view and seed index {both:.1f}x")
    print(f"median of {args.runs} runs; Python {sys.version.split()[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
