"""How the reading view copes with two book-length texts (2 × 2.4 MB), in a real Chromium.

The map: H. G. Wells's *Outline of History* (2.4 MB) and the same book with its paragraphs in
reverse order (another text of the same size), 200 theses, each with one quote cut from each
text. Printed, each as the median of several runs, with ratios measured in the same run:

- **size**: the HTML file against the two texts (goal: at most 2.5×);
- **open**: from navigation to the view being ready (script run, every passage indexed), next
  to the same two texts in two plain ``<pre>`` columns with no script (the floor: what any page
  showing the texts costs); and the same page with block containment switched off;
- **scroll**: frame times while each column is scrolled through (400 px a frame), median and
  95th percentile, and frames over 50 ms, for the view, the plain page, and the view without
  containment (``content-visibility: visible``);
- **jump**: selecting a thesis whose passages lie deep in both texts, until both are on screen
  (two animation frames later).

Run: ``python benchmarks/reading.py`` (needs Chromium and chromium-driver; ``make bench``).
"""

from __future__ import annotations

import html as html_module
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import browser  # noqa: E402  (tests/browser.py: the system's Chromium through selenium)

from argmap import AmbiguousQuoteError, ArgumentMap, QuoteNotFoundError, Source  # noqa: E402
from argmap.outputs.reading import to_html  # noqa: E402

WELLS = Path("/work/shared/corpus/wells-1920-outline-of-history.txt")
if not WELLS.exists():
    WELLS = ROOT.parent / "shared" / "corpus" / "wells-1920-outline-of-history.txt"
RUNS = 3
THESES = 200


def big_map() -> ArgumentMap:
    text = WELLS.read_text(encoding="utf-8")
    reverse = "\n\n".join(reversed(text.split("\n\n")))
    m = ArgumentMap(title="Two book-length texts")
    m.add_source(Source(key="wells", text=text, authors=("H. G. Wells",), year=1920, title="The Outline of History"))
    m.add_source(Source(key="reversed", text=reverse, authors=("Reversed, R.",), year=2020, title="Outline, Backwards"))
    rng = random.Random(14)
    for i in range(THESES):
        m.add_thesis(f"t{i}", f"Thesis {i} about the outline of history.")
        for key, source in (("wells", text), ("reversed", reverse)):
            for _ in range(20):  # a few tries: some cuts occur twice in the book
                at = rng.randrange(0, len(source) - 200)
                at = source.find(" ", at) + 1
                end = source.rfind(" ", at, at + 90)
                quote = source[at:end]
                if len(quote.split()) < 6:
                    continue
                try:
                    m.cite(f"t{i}", key, quote, "supports" if rng.random() < 0.6 else "contests")
                    break
                except (AmbiguousQuoteError, QuoteNotFoundError):
                    continue
    return m


def plain_page(m: ArgumentMap) -> str:
    """The floor: the two texts in two scrolling ``<pre>`` columns, nothing else."""
    cols = "".join(
        f'<section class="col"><div class="text"><pre>{html_module.escape(s.text, quote=False)}</pre></div></section>'
        for s in m.sources
    )
    style = (
        "html,body{margin:0;height:100%}#cols{display:flex;height:100vh}.col{flex:1;display:flex;min-width:0}"
        ".text{flex:1;overflow-y:auto}pre{white-space:pre-wrap;font:15px/1.5 serif;margin:0}"
    )
    head = f"<!DOCTYPE html><html><head><meta charset='utf-8'><style>{style}</style></head>"
    return f"{head}<body><div id='cols'>{cols}</div></body></html>"


OPEN_TIME = """
const nav = performance.getEntriesByType('navigation')[0];
const ready = performance.getEntriesByName('argmap-ready')[0];
return ready ? ready.startTime : nav.loadEventEnd;
"""

SCROLL = """
const done = arguments[arguments.length - 1];
const cols = Array.from(document.querySelectorAll('#cols .text'));
const times = [];
let col = 0, last = performance.now(), frames = 0;
cols.forEach(c => c.scrollTop = 0);
function tick(now) {
  times.push(now - last); last = now;
  const c = cols[col];
  c.scrollTop += 400;
  frames += 1;
  if (frames >= 120) { col += 1; frames = 0; }
  if (col < cols.length) requestAnimationFrame(tick); else done(times.slice(2));
}
requestAnimationFrame(t => { last = t; requestAnimationFrame(tick); });
"""

JUMP = """
const done = arguments[arguments.length - 1];
const id = arguments[0];
const start = performance.now();
document.querySelector('[data-thesis="' + id + '"] .th-btn').click();
requestAnimationFrame(() => requestAnimationFrame(() => {
  const marks = Array.from(document.querySelectorAll('mark.on'));
  const visible = marks.filter(m => {
    const r = m.getBoundingClientRect(), c = m.closest('.text').getBoundingClientRect();
    return r.bottom > c.top && r.top < c.bottom; });
  done([performance.now() - start, visible.length > 0]);
}));
"""

NO_CONTAINMENT = "document.styleSheets[0].insertRule('.blk{content-visibility:visible !important}', 0);"


def wait_ready(driver: Any, page: Path, ours: bool) -> float:
    driver.get(page.as_uri())
    if ours:
        for _ in range(600):
            if driver.execute_script("return document.documentElement.dataset.ready"):
                break
            time.sleep(0.05)
    value: float = driver.execute_script(OPEN_TIME)
    return value


def main() -> int:
    reason = browser.missing()
    if reason:
        print(f"skipped: {reason}")
        return 0
    t0 = time.perf_counter()
    m = big_map()
    built = time.perf_counter() - t0
    t0 = time.perf_counter()
    page_text = to_html(m)
    made = time.perf_counter() - t0
    texts = sum(len(s.text.encode("utf-8")) for s in m.sources)
    size = len(page_text.encode("utf-8"))
    print(f"map: {len(m.theses)} theses, {len(m.evidence)} quotes over 2 texts of {texts / 2 / 1e6:.2f} MB "
          f"(built and located in {built:.1f} s); to_html: {made:.2f} s")  # fmt: skip
    print(f"size: {size / 1e6:.2f} MB for {texts / 1e6:.2f} MB of text = {size / texts:.2f}x (goal <= 2.5x)")
    driver = browser.chromium(1500, 900)
    driver.set_script_timeout(120)
    try:
        with tempfile.TemporaryDirectory() as folder:
            ours, plain = Path(folder) / "reading.html", Path(folder) / "plain.html"
            ours.write_text(page_text, encoding="utf-8")
            plain.write_text(plain_page(m), encoding="utf-8")
            opened: dict[str, list[float]] = {"view": [], "plain": []}
            frames: dict[str, list[float]] = {"view": [], "plain": [], "view, no containment": []}
            jumps: list[float] = []
            far = [t.id for t in m.theses if all(ev.passage.start > len(m.source(ev.source).text) * 0.7
                                                for ev in m.evidence_for(t.id))][:RUNS] or ["t0"]  # fmt: skip
            for run in range(RUNS):
                opened["view"].append(wait_ready(driver, ours, True))
                frames["view"] += driver.execute_async_script(SCROLL)
                elapsed, visible = driver.execute_async_script(JUMP, far[run % len(far)])
                if not visible:
                    print(f"  jump to {far[run % len(far)]}: no passage on screen!")
                jumps.append(elapsed)
                opened["plain"].append(wait_ready(driver, plain, False))
                frames["plain"] += driver.execute_async_script(SCROLL)
                wait_ready(driver, ours, True)
                driver.execute_script(NO_CONTAINMENT)
                frames["view, no containment"] += driver.execute_async_script(SCROLL)
    finally:
        driver.quit()
    view, floor = statistics.median(opened["view"]), statistics.median(opened["plain"])
    print(f"open: view {view:.0f} ms, plain <pre> page {floor:.0f} ms: {view / floor:.2f}x the floor "
          f"(median of {RUNS})")  # fmt: skip
    for name, times in frames.items():
        times.sort()
        p95 = times[int(len(times) * 0.95)]
        slow = sum(t > 50 for t in times)
        print(f"scroll, {name}: frame median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, "
              f"{slow} of {len(times)} frames over 50 ms")  # fmt: skip
    base = statistics.median(frames["plain"])
    print(f"scroll ratio, view / plain (median frame): {statistics.median(frames['view']) / base:.2f}x")
    print(f"jump to a thesis deep in both texts: median {statistics.median(jumps):.0f} ms to both passages on screen")
    return 0


if __name__ == "__main__":
    sys.exit(main())
