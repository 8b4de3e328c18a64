"""How fast diagrams are: DOT generation, and argmap's overhead next to Graphviz's layout.

For synthetic maps of 100, 1,000 and 5,000 theses (two sources, each thesis with one quote
from each source, one relation per three theses) it prints, as the median of several runs:

- ``to_dot`` in-process time for the overview and, where it is allowed, the full view
  (goal: the 5,000-thesis overview in under 0.5 s);
- end-to-end ``render(..., format="svg")`` of the overview, next to ``dot -Tsvg`` alone on the
  same DOT text; argmap's overhead is the difference (goal: under 10 % of Graphviz's time).

Then, for one book: 390 quotes of a 3.6 MB source with a page marker every 40 lines and footnote
anchors to ignore (Wells's *Outline of History* and half of it again), against a short second
source: checking the quotes again (``ArgumentMap.check``, the baseline), the full view's DOT text,
the Markdown report and the HTML reading view of the two, each as a multiple of the check (goal:
the page lookups are made once per source, so none of them costs more than checking).

Run: ``python benchmarks/render.py`` (``--quick`` for 100 and 1,000 only; ``--book`` for the book alone).
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from timing import median_time

from argmap import ArgumentMap, Source
from argmap.outputs.dot import to_dot
from argmap.outputs.reading import to_html
from argmap.outputs.render import render
from argmap.outputs.report import markdown

SIZES = (100, 1_000, 5_000)
BOOK = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "wells-1920-outline-of-history.txt"


def synthetic_map(n: int) -> ArgumentMap:
    """A map of ``n`` theses, two sources that quote on each, and a relation per three theses."""
    words = ["archive", "treaty", "telegram", "border", "envoy", "harbour", "garrison", "ledger"]
    sentences = [
        f"Report {i} on the {words[i % 8]} of sector {i * 7 % 1000} states item {i} plainly." for i in range(n)
    ]
    m = ArgumentMap(title=f"Synthetic map of {n:,} theses")
    m.add_source(Source(key="alpha", text=" ".join(sentences), authors=("Alpha, Ann",), year=1990))
    m.add_source(Source(key="beta", text=" ".join(reversed(sentences)), authors=("Beta, Bo", "Gamma, Gil"), year=2001))
    for i in range(n):
        statement = f"Thesis {i}: the {words[i % 8]} of sector {i * 7 % 1000} decided the matter of item {i}."
        m.add_thesis(f"t{i}", statement)
        m.cite(f"t{i}", "alpha", sentences[i], "supports")
        m.cite(f"t{i}", "beta", sentences[i], "contests" if i % 4 == 0 else "supports")
        if i % 3 == 2:
            m.relate(f"t{i}", f"t{i - 1}", "contests" if i % 2 else "supports")
    return m


def dot_cli(dot_file: Path) -> None:
    """Graphviz alone: ``dot -Tsvg`` on a DOT file."""
    subprocess.run(["dot", "-Tsvg", str(dot_file), "-o", str(dot_file.with_suffix(".svg"))], check=True)


def main() -> None:
    sizes = SIZES[:2] if "--quick" in sys.argv else SIZES
    print(
        "| theses | to_dot overview | to_dot full | dot -Tsvg alone (overview) | render() SVG end to end "
        "| overhead (difference) "
        "| to_dot / dot alone |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            m = synthetic_map(n)
            runs = 5 if n <= 1_000 else 3
            dot_overview = median_time(lambda m=m: to_dot(m, view="overview"), 7)  # type: ignore[misc]
            dot_full = median_time(lambda m=m: to_dot(m, view="full", max_nodes=10**6), 7)  # type: ignore[misc]
            text = to_dot(m, view="overview")
            dot_file = Path(tmp) / f"overview-{n}.dot"
            dot_file.write_text(text, encoding="utf-8")
            # Interleaved, so that load on the machine hits both measurements alike.
            alone, whole = [], []
            for _ in range(runs):
                alone.append(median_time(lambda f=dot_file: dot_cli(f), 1))  # type: ignore[misc]
                whole.append(
                    median_time(lambda m=m, n=n: render(m, Path(tmp) / f"r-{n}.svg", view="overview"), 1)  # type: ignore[misc]
                )
            graphviz_alone, end_to_end = statistics.median(alone), statistics.median(whole)
            overhead = (end_to_end - graphviz_alone) / graphviz_alone
            own = dot_overview / graphviz_alone
            print(
                f"| {n:,} | {dot_overview * 1000:.0f} ms | {dot_full * 1000:.0f} ms | {graphviz_alone:.2f} s "
                f"| {end_to_end:.2f} s | {overhead:+.1%} | {own:.1%} |"
            )
    print("\nmedian of 7 runs (to_dot), 5 runs (100, 1,000) or 3 runs (5,000) for Graphviz;")
    print("'to_dot full' builds text only (max_nodes lifted): Graphviz is not run on full views this large.")


def book_map(quotes: int = 390) -> ArgumentMap:
    """``quotes`` quotes of a 3.6 MB paged book (each found once), and a short second source."""
    text = BOOK.read_text(encoding="utf-8")
    lines = (text + "\n" + text[: len(text) // 2]).split("\n")
    paged = []
    for i, line in enumerate(lines):
        paged.append(f"{line} [{i % 97}]" if i % 13 == 5 else line)  # footnote anchors, ignored
        if i % 40 == 39:
            paged.append(f"Page {i // 40 + 1}")
    book = "\n".join(paged)
    m = ArgumentMap(title="One book")
    m.add_source(Source(key="wells", text=book, page_pattern=r"^Page (\d+)$", ignore=(r" \[\d+\]",),
                        authors=("Wells, H. G.",), year=1920))  # fmt: skip
    m.add_source(Source(key="other", text="The book says nothing that matters here.", authors=("Other, O.",)))
    words = " ".join(text.split()).split(" ")
    n = 0
    for i in range(0, len(words) - 12, len(words) // (quotes * 3)):
        quote = " ".join(words[i : i + 12])
        if n == quotes:
            break
        if re.search(r"[\[\]_*\"'\\]|\.\.|\u2026", quote):
            continue
        m.add_thesis(f"t{n}", f"Thesis {n}.")
        try:
            m.cite(f"t{n}", "wells", quote, "supports", occurrence=1)
        except Exception:  # a quote across a marker or an anchor; the next one serves
            continue
        m.cite(f"t{n}", "other", "The book says nothing", "contests") if n % 10 == 0 else None
        n += 1
    return m


def book_rows(runs: int) -> None:
    m = book_map()
    check = median_time(m.check, runs)
    comparison = m.compare("wells", "other")
    rows = [
        ("check: locate every quote again (baseline)", check),
        ("to_dot, full view", median_time(lambda: to_dot(m, view="full", max_nodes=10**6), runs)),
        ("Markdown report of the two sources", median_time(lambda: markdown(comparison), runs)),
        ("HTML reading view (to_html, no diagram)", median_time(lambda: to_html(m), runs)),
    ]
    size = len(m.source("wells").text) / 1e6
    print(f"\n| one book: {len(m.evidence)} pieces of evidence, {size:.1f} MB with page markers | time | / check |")
    print("| :--- | ---: | ---: |")
    for label, seconds in rows:
        print(f"| {label} | {seconds:.2f} s | {seconds / check:.2f}x |")
    print(f"median of {runs} runs")


if __name__ == "__main__":
    if "--book" not in sys.argv:  # --book: the one-book rows alone
        main()
    book_rows(3)
