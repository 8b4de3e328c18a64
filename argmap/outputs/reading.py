"""The reading view: the source texts side by side in the browser, every quote highlighted where it stands.

:func:`to_html` writes one self-contained HTML page (inline CSS and JavaScript, no network
request of any kind, a Content-Security-Policy that forbids every network source): the theses in
a side panel with each source's position and the verdicts (the diagrams' vocabulary and badges),
the source texts in columns with their printed page labels in the margin, each cited passage
marked at its exact span, by stance in colour *and* by a symbol and a line style. The overview
diagram is embedded; its thesis nodes select the thesis. :func:`html` writes the page to a file.

Everything a map says lands as escaped HTML text (or as JSON inside a data block with ``<``,
``>`` and ``&`` escaped): a thesis or a quote cannot open a tag or add an attribute, and the
page's script builds its own elements with ``textContent`` only.

Book-length texts stay fast: a column is cut into blocks of a few thousand characters at line
ends, and each block has ``content-visibility: auto``, so the browser lays out and paints only
the blocks near the viewport (yet find-in-page still searches the whole text);
``benchmarks/reading.py`` measures it.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import math
import os
import re
from bisect import bisect_right
from collections.abc import Sequence
from html import escape
from importlib import resources
from pathlib import Path

import attrs

from argmap.analysis import Verdict, disputes
from argmap.argument_map import ArgumentMap
from argmap.errors import DiagramTooLargeError, InvalidValueError, RenderTimeoutError, expect, expect_path, expect_texts
from argmap.files import write_atomic
from argmap.model import Evidence, Match, Position, Source, Stance
from argmap.outputs.citation import label, short_citation, source_labels
from argmap.outputs.dot import Style
from argmap.outputs.render import TIMEOUT, svg

__all__ = ["BLOCK_SIZE", "html", "to_html"]

#: Characters of a source text per block of its column (cut at the next line end): the unit the
#: browser skips while it is far from the viewport.
BLOCK_SIZE = 4000
#: A block is cut at a space, or anywhere, when no line ends within this many characters.
_HARD_LIMIT = 12000
#: The characters per line the blocks' estimated heights assume (the column is 75 characters wide).
_LINE = 75

_DISPUTE_KINDS = {Verdict.DISAGREE: "direct", Verdict.INDIRECT: "indirect", Verdict.TENSION: "tension"}
_STANCE_SYMBOL = {Stance.SUPPORTS: "+", Stance.CONTESTS: "\u2212"}
_FUZZY_SYMBOL = "\u2248"
_EMEND_SYMBOL = "\u270e"
_DASH = " \u2014 "
#: A line end before a line that is not blank (with that line's indent): inside a paragraph of
#: hard-wrapped prose when the line before has 45 characters or more (poetry, headings, lists and
#: footnote numbers keep their line ends).
_REFLOW = re.compile(r"\n[ \t]*(?=\S)")
_REFLOW_AFTER = 45


def html(
    m: ArgumentMap,
    path: str | os.PathLike[str],
    *,
    sources: Sequence[str] | None = None,
    diagram: bool = True,
    style: Style | None = None,
    timeout: float | None = TIMEOUT,
) -> Path:
    """Write the reading view of a map: one self-contained HTML file (see :func:`to_html`).

    Args:
        m: the map.
        path: the ``.html`` file to write (atomically; missing folders are created).
        sources: the keys of the sources whose texts are set side by side, in that order; by
            default the first two sources with a text of their own. A source quoted in one that
            is shown (a letter printed in a post) is highlighted in its host's column.
        diagram: embed the overview diagram (needs Graphviz); ``False`` leaves it out, saying so
            in the page.
        style: the diagrams' colours and badges (``Style()`` by default).
        timeout: seconds Graphviz may take to lay out the diagram (``None``: no limit), as
            :func:`argmap.render`'s.

    Returns:
        The path written.

    Raises:
        UnknownSourceError: a key in ``sources`` that is not in the map.
        InvalidValueError: ``sources`` empty or naming a source twice.
        GraphvizNotFoundError, RenderError, RenderTimeoutError: the diagram could not be drawn
            (``diagram=False`` does without it).
        OutputError: the file cannot be written.
    """
    expect("m", m, ArgumentMap, "an argmap.ArgumentMap")
    expect_path("path", path)
    expect_texts("sources", sources)
    expect("diagram", diagram, bool, "True or False")
    expect("style", style, (Style, type(None)), "an argmap.Style or None")
    drawn: str | None = None
    note = "The overview diagram was left out (diagram=False)."
    if diagram:
        try:
            drawn = svg(m, view="overview", style=style or Style(), timeout=timeout)
        except DiagramTooLargeError as exc:  # the reading view is still useful without it
            note = f"The overview diagram was not drawn: {exc}"
        except RenderTimeoutError as exc:  # the overview is the smallest whole view: leave it out
            fix = "leave the diagram out with diagram=False (the reading view is whole without it)"
            raise RenderTimeoutError(exc.format, exc.timeout, "overview", fix) from exc
    return write_atomic(path, to_html(m, sources=sources, diagram=drawn, diagram_note=note, style=style))


@attrs.frozen
class _Column:
    """One text in the view: its source, the sources read in it, the span of the text shown."""

    source: Source
    guests: tuple[Source, ...]
    start: int
    end: int

    @property
    def keys(self) -> tuple[str, ...]:
        return (self.source.key, *(g.key for g in self.guests))


def _reads_host(source: Source, host: Source) -> bool:
    """Whether ``source`` is read in ``host`` and shares its text (a letter the post prints)."""
    return source.quoted_in == host.key and source.text == host.text


def _columns(m: ArgumentMap, keys: Sequence[str] | None) -> list[_Column]:
    if keys is None:
        own = [s for s in m.sources if not (s.quoted_in and _reads_host(s, m.source(s.quoted_in)))]
        hosts = own[:2]
    else:
        if isinstance(keys, str):
            keys = [keys]
        hosts = [m.source(k) for k in keys]
        if not hosts:
            raise InvalidValueError("sources", keys, "one or more source keys, or None for the first two")
        if len({s.key for s in hosts}) != len(hosts):
            raise InvalidValueError("sources", list(keys), "each source key once")
        # a named source read in another named one is shown in its host's column
        named = {s.key for s in hosts}
        hosts = [s for s in hosts if not (s.quoted_in in named and _reads_host(s, m.source(s.quoted_in)))]
    shown = {s.key for s in hosts}
    columns = []
    for host in hosts:
        guests = tuple(s for s in m.sources if s.key not in shown and _reads_host(s, host))
        spans = [s.extent for s in (host, *guests)]
        columns.append(_Column(host, guests, min(a for a, _ in spans), max(b for _, b in spans)))
    return columns


def _block_bounds(text: str, start: int, end: int) -> list[int]:
    """Where the blocks of ``text[start:end]`` begin and end: after a line end past
    :data:`BLOCK_SIZE` characters, else at a space, else anywhere."""
    bounds, at = [start], start
    while end - at > BLOCK_SIZE + BLOCK_SIZE // 2:
        limit = min(end, at + _HARD_LIMIT)
        cut = text.find("\n\n", at + BLOCK_SIZE, limit)  # a paragraph's end, else a line's
        if cut == -1:
            cut = text.find("\n", at + BLOCK_SIZE, limit)
        if cut == -1:
            cut = text.rfind(" ", at + BLOCK_SIZE // 2, limit)
        cut = limit if cut == -1 else cut + 1
        if cut >= end:
            break
        bounds.append(cut)
        at = cut
    bounds.append(end)
    return bounds


def _estimated_lines(text: str) -> int:
    """How many lines ``text`` takes in a column of :data:`_LINE` characters (reflowed as shown)."""
    lines, run = 0, 0
    for line in text.split("\n"):
        run += len(line) + 1
        if len(line) < _REFLOW_AFTER or not line.strip():  # the paragraph's (or the line's) end
            lines += max(1, math.ceil(run / _LINE))
            run = 0
    return lines + (math.ceil(run / _LINE) if run else 0)


def _reflow_spans(text: str, start: int, end: int, skipped: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The stretches of hard-wrapped prose in ``text[start:end]``, from a paragraph's first line end
    to its last (with the next line's indent): the view shows their line ends as spaces so that a
    paragraph fills the column. Line ends next to skipped text (a page marker) are kept."""
    starts = [a for a, _ in skipped]

    def in_skip(at: int) -> bool:
        i = bisect_right(starts, at) - 1
        return i >= 0 and skipped[i][1] > at

    spans: list[list[int]] = []
    for found in _REFLOW.finditer(text, start, end):
        a, b = found.span()
        if a - text.rfind("\n", 0, a) - 1 < _REFLOW_AFTER or in_skip(a - 1) or in_skip(b):
            continue
        if spans and "\n" not in text[spans[-1][1] : a]:  # the next line end of the same paragraph
            spans[-1][1] = b
        else:
            spans.append([a, b])
    return [(a, b) for a, b in spans]


class _Page:
    """Builds the page: the theses panel, the columns, the data the script reads."""

    def __init__(self, m: ArgumentMap, columns: list[_Column], style: Style) -> None:
        self.m, self.columns, self.style = m, columns, style
        self.index = {s.key: i for i, s in enumerate(m.sources)}
        self.names = source_labels(m.sources)  # as the diagrams name them: C. Mather and I. Mather
        self.positions = m.positions()
        self.disputed = {t: _DISPUTE_KINDS[v] for t, v in disputes(m).items()}
        self.column_of = {key: n for n, col in enumerate(columns) for key in col.keys}
        hosts = [c.source.key for c in columns]
        self.pairs = [(a, b) for i, a in enumerate(hosts) for b in hosts[i + 1 :]]
        self.verdicts = {pair: {row.thesis_id: row for row in m.compare(*pair).rows} for pair in self.pairs}

    def citation(self, ev: Evidence) -> str:
        """The short citation of a passage, naming its source as the badges do."""
        source = self.m.source(ev.source)
        return short_citation(source, ev.passage, name=self.names[source.key])

    # -- the theses panel ------------------------------------------------------------------

    def badge(self, source: Source, position: Position) -> str:
        symbol = self.style.badge(position)[0]
        name = self.names[source.key]
        return (
            f'<span class="badge src{self.index[source.key]} pos-{position.value}" '
            f'title="{escape(name)}: {position.value}">{escape(name)} <b>{escape(symbol)}</b></span>'
        )

    def theses(self) -> str:
        items = []
        for thesis in self.m.theses:
            kind = self.disputed.get(thesis.id)
            banner = f'<span class="banner">DISPUTED \u00b7 {kind}</span>' if kind else ""
            badges = "".join(self.badge(s, self.positions[thesis.id][s.key]) for s in self.m.sources)
            verdicts = []
            for a, b in self.pairs:
                row = self.verdicts[a, b][thesis.id]
                names = f"{self.names[a]} vs {self.names[b]}"
                why = "; ".join(str(c) for c in row.conflicts)
                title = f' title="{escape(why)}"' if why else ""
                verdicts.append(
                    f'<span class="verdict v-{row.verdict.value}"{title}>{escape(names)}: <b>{row.verdict.value}</b>'
                    + (f" (through relations: {escape(why)})" if why else "")
                    + "</span>"
                )
            evidence = self.m.evidence_for(thesis.id)
            pro = sum(ev.stance is Stance.SUPPORTS for ev in evidence)
            note = f'<p class="tnote">{escape(thesis.note)}</p>' if thesis.note else ""
            items.append(
                f'<li class="th{" disputed" if kind else ""}" data-thesis="{escape(thesis.id)}">'
                f'<button type="button" class="th-btn" aria-pressed="false">{banner}'
                f'<span class="stmt">{escape(thesis.statement)}</span>'
                f'<span class="badges">{badges}</span>'
                f'<span class="count">evidence: {pro} for, {len(evidence) - pro} against</span>'
                f"{''.join(verdicts)}</button>"
                f'<div class="detail" hidden>{note}<ol class="evlist">{self.evidence_items(evidence)}</ol></div></li>'
            )
        if not items:
            return '<p class="empty">This map has no theses yet: add them with ArgumentMap.add_thesis().</p>'
        return f'<ol id="theses">{"".join(items)}</ol>'

    def evidence_items(self, evidence: Sequence[Evidence]) -> str:
        items = []
        for ev in evidence:
            symbol, cls = _STANCE_SYMBOL[ev.stance], "sup" if ev.stance is Stance.SUPPORTS else "con"
            citation = escape(self.citation(ev))
            quote = f'<q>{escape(ev.words)}</q>'
            marks = "".join(self.match_marks(ev))
            if ev.source in self.column_of:
                head = (
                    f'<button type="button" class="evlink {cls}" data-ev="{escape(ev.id)}">'
                    f"<b>{symbol}</b> {ev.stance.value} \u00b7 {citation}</button>"
                )
            else:
                head = (
                    f'<span class="evlink {cls} offpage"><b>{symbol}</b> {ev.stance.value} \u00b7 {citation}</span> '
                    f'<span class="hidden-src">not in the columns: pass sources=[..., '
                    f'&quot;{escape(ev.source)}&quot;] to read it in place</span>'
                )
            note = f'<span class="evnote">{escape(ev.note)}</span>' if ev.note else ""
            items.append(f"<li>{head} {marks}{quote}{note}</li>")
        return "".join(items)

    def match_marks(self, ev: Evidence) -> list[str]:
        out = []
        if ev.passage.match is Match.FUZZY:
            out.append(f'<span class="flag">{_FUZZY_SYMBOL} approximate match, {ev.passage.score:.0%} similar</span> ')
        if ev.emend:
            fixes = ", ".join(f"\u2018{a}\u2019 read as \u2018{b}\u2019" for a, b in ev.emend.items())
            out.append(f'<span class="flag">{_EMEND_SYMBOL} emended: {escape(fixes)}</span> ')
        return out

    # -- the columns -----------------------------------------------------------------------

    def column(self, n: int, col: _Column) -> str:
        source, text = col.source, col.source.text
        layout = source.page_layout
        evidence = [ev for ev in self.m.evidence if ev.source in col.keys]
        blocks = _block_bounds(text, col.start, col.end)
        cuts = set(blocks)
        cuts.update(p for p in layout.page_starts if col.start <= p < col.end)
        for a, b in layout.skipped:
            cuts.update(x for x in (a, b) if col.start <= x <= col.end)
        for ev in evidence:
            cuts.update(max(col.start, min(col.end, x)) for x in (ev.passage.start, ev.passage.end))
        folds = _reflow_spans(text, col.start, col.end, layout.skipped)
        for a, b in folds:
            cuts.update((a, b))
        fold_starts = [a for a, _ in folds]
        bounds = sorted(cuts)
        starts_at: dict[int, list[Evidence]] = {}
        ends_at: dict[int, list[Evidence]] = {}
        for ev in evidence:
            starts_at.setdefault(max(col.start, ev.passage.start), []).append(ev)
            ends_at.setdefault(min(col.end, ev.passage.end), []).append(ev)
        page_at = dict(zip(layout.page_starts, layout.page_labels, strict=True))
        skipped = layout.skipped
        skip_starts = [a for a, _ in skipped]
        block_ends = set(blocks[1:])
        next_block = dict(itertools.pairwise(blocks))
        active: dict[str, Evidence] = {}
        out: list[str] = []
        block_start = col.start
        for a, b in itertools.pairwise(bounds):
            for ev in ends_at.get(a, ()):
                active.pop(ev.id, None)
            if a == block_start:
                lines = _estimated_lines(text[a : next_block[a]])
                page = layout.page_at(a)
                at_page = f' data-page="{escape(page)}"' if page is not None else ""
                out.append(f'<div class="blk" data-start="{a}" data-lines="{lines}"{at_page}>')
            if a in page_at:
                out.append(f'<span class="pb" data-label="p.\u00a0{escape(page_at[a])}"></span>')
            starting = starts_at.get(a, [])
            for ev in starting:
                active[ev.id] = ev
            piece = escape(text[a:b], quote=False)
            i = bisect_right(skip_starts, a) - 1
            if i >= 0 and skipped[i][1] > a:
                piece = f'<span class="skip" title="not part of the prose: page marker or ignored text">{piece}</span>'
            i = bisect_right(fold_starts, a) - 1
            reflow = i >= 0 and folds[i][1] > a  # its line ends show as spaces; the text keeps them
            if active:
                piece = self.mark(list(active.values()), starting, piece, reflow)
            elif reflow:
                piece = f'<span class="rf">{piece}</span>'
            out.append(piece)
            if b in block_ends:
                out.append("</div>")
                block_start = b
        title = escape(short_citation(source, name=self.names[source.key]))
        what = escape(label(source))
        read = "".join(
            f'<span class="guest src{self.index[g.key]}">also read here: '
            f"{escape(short_citation(g, name=self.names[g.key]))}"
            f"{_DASH + escape(label(g)) if label(g) else ''}</span>"
            for g in col.guests
        )
        return (
            f'<section class="col" data-col="{n}" data-source="{escape(source.key)}" '
            f'aria-label="{title}"><header class="colhead src{self.index[source.key]}"><b>{title}</b>'
            f'{_DASH + what if what else ""}{read}<span class="where"></span></header>'
            f'<div class="text" tabindex="0" data-start="{col.start}" data-end="{col.end}">{"".join(out)}</div>'
            "</section>"
        )

    def mark(self, active: list[Evidence], starting: list[Evidence], piece: str, reflow: bool) -> str:
        stances = {ev.stance for ev in active}
        classes = ["ev", "rf"] if reflow else ["ev"]
        classes += ["sup"] if Stance.SUPPORTS in stances else []
        classes += ["con"] if Stance.CONTESTS in stances else []
        classes += ["fz"] if any(ev.passage.match is Match.FUZZY for ev in active) else []
        classes += ["em"] if any(ev.emend for ev in active) else []
        ids = " ".join(ev.id for ev in active)
        pin = ""
        if starting:
            symbols = [
                _STANCE_SYMBOL[ev.stance]
                + (_FUZZY_SYMBOL if ev.passage.match is Match.FUZZY else "")
                + (_EMEND_SYMBOL if ev.emend else "")
                for ev in starting
            ]
            pin = f' data-pin="{escape(" ".join(symbols))}" data-first="{escape(" ".join(e.id for e in starting))}"'
        return f'<mark class="{" ".join(classes)}" data-ev="{escape(ids)}"{pin}>{piece}</mark>'

    # -- what the script reads -------------------------------------------------------------

    def data(self) -> dict[str, object]:
        theses = {}
        for thesis in self.m.theses:
            theses[thesis.id] = {
                "statement": thesis.statement,
                "note": thesis.note,
                "disputed": self.disputed.get(thesis.id),
                "positions": [
                    [self.names[s.key], self.positions[thesis.id][s.key].value, self.style.badge(
                        self.positions[thesis.id][s.key])[0]]
                    for s in self.m.sources
                ],
                "verdicts": [
                    [f"{self.names[a]} vs {self.names[b]}",
                     self.verdicts[a, b][thesis.id].verdict.value]
                    for a, b in self.pairs
                ],
                "evidence": [ev.id for ev in self.m.evidence_for(thesis.id)],
            }  # fmt: skip
        evidence = {}
        for ev in self.m.evidence:
            source = self.m.source(ev.source)
            p = ev.passage
            evidence[ev.id] = {
                "thesis": ev.thesis,
                "stance": ev.stance.value,
                "symbol": _STANCE_SYMBOL[ev.stance],
                "source": ev.source,
                "citation": self.citation(ev),
                "work": label(source),
                "column": self.column_of.get(ev.source),
                "start": p.start,
                "end": p.end,
                "match": p.match.value,
                "score": round(p.score, 3),
                "emend": [[a, b] for a, b in ev.emend.items()],
                "quote": ev.words,
                "passage": source.words(p.start, p.end),
                "note": ev.note,
            }
        return {"title": self.m.title, "theses": theses, "evidence": evidence}


def _json_block(value: object) -> str:
    """JSON for a ``<script type="application/json">`` block: nothing in it can end the block."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _asset(name: str) -> str:
    return resources.files("argmap.outputs").joinpath(name).read_text(encoding="utf-8")


def _source_css(style: Style, count: int) -> str:
    rules = []
    for i in range(count):
        border, fill = style.source_color(i)
        rules.append(f".src{i}{{--src:{border};--src-fill:{fill}}}")
    for position in Position:
        rules.append(f".pos-{position.value}{{background:{style.badge(position)[1]}}}")
    rules.append(
        f":root{{--sup:{style.support_color};--con:{style.contest_color};"
        f"--disputed:{style.disputed_banner};--disputed-fill:{style.disputed_fill}}}"
    )
    return "\n".join(rules)


def _svg_body(svg: str) -> str:
    """Graphviz's SVG without its XML prolog and doctype, to sit inside the page."""
    at = svg.find("<svg")
    return svg[at:] if at >= 0 else ""


def to_html(
    m: ArgumentMap,
    *,
    sources: Sequence[str] | None = None,
    diagram: str | None = None,
    diagram_note: str = "The overview diagram was left out.",
    style: Style | None = None,
) -> str:
    """The reading view of a map as one self-contained HTML page (pure: no Graphviz needed).

    Args:
        m: the map.
        sources: the keys of the sources set side by side (see :func:`html`).
        diagram: the overview diagram as SVG text (Graphviz's, as ``argmap.render`` draws it),
            or ``None``: the page shows ``diagram_note`` in its place.
        diagram_note: what the page says when there is no diagram.
        style: the diagrams' colours and badges.

    Returns:
        The page: deterministic (the same map gives the same text).

    Examples:
        >>> from argmap import ArgumentMap, Source
        >>> m = ArgumentMap(title="Lexington")
        >>> _ = m.add_source(Source(key="gage", text="the Rebels fired first upon the troops"))
        >>> _ = m.add_thesis("regulars-first", "The <regulars> fired first.")
        >>> _ = m.cite("regulars-first", "gage", "the Rebels fired first", stance="contests")
        >>> page = to_html(m)
        >>> 'data-ev="gage-1"' in page, "The &lt;regulars&gt; fired first." in page, "<regulars>" in page
        (True, True, False)
    """
    style = style or Style()
    columns = _columns(m, sources)
    page = _Page(m, columns, style)
    css = _asset("reading.css") + "\n" + _source_css(style, len(m.sources)) + "\n"
    script = _asset("reading.js")
    csp = (
        f"default-src 'none'; script-src '{_sha256(script)}'; style-src '{_sha256(css)}'; "
        "base-uri 'none'; form-action 'none'"
    )
    title = m.title or "Argument map"
    cols = "".join(page.column(n, col) for n, col in enumerate(columns))
    if not columns:
        cols = '<p class="empty">This map has no sources yet: add them with ArgumentMap.add_source().</p>'
    if diagram is not None:
        figure = f'<div class="svgwrap">{_svg_body(diagram)}</div>'
    else:
        figure = f'<p class="empty">{escape(diagram_note)}</p>'
    legend = "".join(
        f'<li class="src{page.index[s.key]}"><span class="swatch"></span>'
        f"{escape(short_citation(s, name=page.names[s.key]))}"
        f"{_DASH + escape(label(s)) if label(s) else ''}</li>"
        for s in m.sources
    )
    badges = " \u00b7 ".join(f"{escape(style.badge(p)[0])} {p.value}" for p in Position)
    description = f'<p class="desc">{escape(m.description)}</p>' if m.description else ""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="argmap">
<title>{escape(title)}</title>
<style>{css}</style>
</head>
<body>
<div id="app">
<aside id="panel" aria-label="Theses">
<header><h1>{escape(title)}</h1>{description}
<ul class="legend">{legend}</ul>
<p class="key"><span class="ev sup">+ supports</span> <span class="ev con">\u2212 contests</span>
<span class="flagkey">{_FUZZY_SYMBOL} approximate match</span> <span class="flagkey">{_EMEND_SYMBOL} emended</span>
<br>badges: {badges}</p>
<div class="tools">
<label><input type="checkbox" id="only-disputed"> disputed only</label>
<button type="button" id="prev" title="previous passage (p)">\u25c2 passage</button>
<button type="button" id="next" title="next passage (n)">passage \u25b8</button>
<button type="button" id="toggle-diagram" aria-expanded="false" title="the overview diagram (g)">diagram</button>
</div>
<p id="status" aria-live="polite"></p>
</header>
{page.theses()}
<p class="keys">Keys: \u2191/\u2193 or j/k thesis \u00b7 n/p passage \u00b7 d disputed only \u00b7 g diagram \u00b7
Esc close</p>
</aside>
<main id="main">
<section id="diagram" hidden aria-label="Overview diagram">{figure}</section>
<div id="cols" class="n{len(columns)}">{cols}</div>
</main>
</div>
<aside id="card" role="dialog" aria-label="Passage" hidden></aside>
<section id="print"></section>
<script type="application/json" id="argmap-data">{_json_block(page.data())}</script>
<script>{script}</script>
</body>
</html>
"""
