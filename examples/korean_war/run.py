"""The flagship job, end to end: load the Korean War map file, check it, compare, draw, write.

Run from the repository root::

    python examples/korean_war/run.py                 # or: make demo (writes into out/korean_war/)
    python examples/korean_war/run.py some/folder     # anywhere else

It loads ``map.toml`` (every quote located again in ``sources/``), prints per thesis what each
source holds and on which pages, the comparison of the blog with Chen and Yang, the source x
source matrix of disagreements (the blog, the two documents it prints, the chapter) and what
each source contradicts in itself through relations, then writes:

- ``full.svg``/``full.png`` and ``overview.svg``/``overview.png``: the diagrams;
- ``disagreements.svg``: only what is disputed, with its evidence;
- ``comparison.md``: the written comparison of the blog with Chen and Yang, with Chicago
  footnotes and a bibliography;
- ``comparison-letter-chen.md``: the same for Stalin's letter to Gottwald (cited "quoted in"
  the blog that prints it) and Chen and Yang;
- ``map.json``: the full JSON form (passages, pages, hashes of the texts);
- ``reading.html``: the reading view, the chapter and the blog side by side in the browser.
"""

from __future__ import annotations

import sys
from pathlib import Path

import argmap
from argmap.outputs.citation import full_note

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
MAP_FILE = HERE / "map.toml"

#: The written comparisons: file name -> the two sources compared.
COMPARISONS = {
    "comparison.md": ("hanngill", "chen"),
    "comparison-letter-chen.md": ("stalin-letter", "chen"),
}



def format_report(m: argmap.ArgumentMap) -> str:
    """The plain-text report: sources, then per thesis each source's position and cited pages."""
    title = m.title or "Argument map"
    width = max(len(s.key) for s in m.sources)
    lines = [title, "=" * len(title), "", "Sources"]
    hosts = {s.key: m.source(s.quoted_in) for s in m.sources if s.quoted_in}  # a letter printed in the blog
    lines += [f"  {s.key:<{width}}  {full_note(s, quoted_in=hosts.get(s.key))}" for s in m.sources]
    positions = m.positions()
    lines += ["", f"Theses ({len(m.theses)})"]
    for thesis in m.theses:
        lines += ["", f"[{thesis.id}]", f"  {thesis.statement}"]
        for source in m.sources:
            lines.append(f"  {source.key:<{width}}  {positions[thesis.id][source.key].value}")
            for ev in m.evidence_for(thesis.id, source.key):
                where = ev.passage.cite() or "no page"
                if ev.passage.match is argmap.Match.FUZZY:
                    where += f" (fuzzy match, score {ev.passage.score:.2f})"
                lines.append(f"      {ev.id:<12} {ev.stance.value:<9} {where}")
    # Grouped by the thesis they bear on, in thesis order, so the list reads like the theses.
    order = {t.id: i for i, t in enumerate(m.theses)}
    relations = sorted(m.relations, key=lambda r: (order[r.to_thesis], order[r.from_thesis]))
    lines += ["", f"Relations ({len(relations)})"]
    lines += [f"  {r.from_thesis} --{r.stance.value}--> {r.to_thesis}" for r in relations]
    report = m.check()
    lines += ["", f"Check: {report.summary()}"]
    lines += [f"  {r.status.value} {r.evidence.id}: {r.message}" for r in report.warnings + report.errors]
    return "\n".join(lines)


def write_outputs(m: argmap.ArgumentMap, out_dir: Path) -> list[Path]:
    """Draw the diagrams, write the comparisons and the JSON form into ``out_dir``."""
    written = [
        argmap.render(m, out_dir / f"{view}.{fmt}", view=view)
        for view in ("full", "overview")
        for fmt in ("svg", "png")
    ]
    written.append(argmap.render(m, out_dir / "disagreements.svg", view="disagreements"))
    for name, (a, b) in COMPARISONS.items():
        written.append(argmap.report.write_markdown(m.compare(a, b), out_dir / name))
    written.append(argmap.save(m, out_dir / "map.json"))
    written.append(argmap.html(m, out_dir / "reading.html"))  # the two texts side by side, quotes highlighted
    return written


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0]) if argv else ROOT / "out" / "korean_war"
    out_dir.mkdir(parents=True, exist_ok=True)
    m = argmap.load(MAP_FILE)
    print(format_report(m))
    print()
    print(m.compare("hanngill", "chen"))
    print()
    print("Disagreements, source x source (on the diagonal: a source at odds with itself)")
    print(m.compare_all())
    print()
    for source in m.sources:
        inner = m.compare(source.key, source.key).disagreements
        for row in inner:
            for conflict in row.conflicts:
                path = " -> ".join([conflict.origin, *(r.to_thesis for r in conflict.path)])
                print(f"{source.key} is at odds with itself on {row.thesis_id}: {path}")
    print()
    for path in write_outputs(m, out_dir):
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
