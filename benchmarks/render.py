"""How fast diagrams are: DOT generation, and argmap's overhead next to Graphviz's layout.

For synthetic maps of 100, 1,000 and 5,000 theses (two sources, each thesis with one quote
from each source, one relation per three theses) it prints, as the median of several runs:

- ``to_dot`` in-process time for the overview and, where it is allowed, the full view
  (goal: the 5,000-thesis overview in under 0.5 s);
- end-to-end ``render(..., format="svg")`` of the overview, next to ``dot -Tsvg`` alone on the
  same DOT text; argmap's overhead is the difference (goal: under 10 % of Graphviz's time).

Run: ``python benchmarks/render.py`` (``--quick`` for 100 and 1,000 only).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from argmap import ArgumentMap, Source
from argmap.outputs.dot import to_dot
from argmap.outputs.render import render

SIZES = (100, 1_000, 5_000)


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


def median_time(action: Callable[[], object], runs: int) -> float:
    """Median wall time of ``runs`` calls, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


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


if __name__ == "__main__":
    main()
