"""Diagrams as DOT text: pure and deterministic, no Graphviz program needed.

:func:`to_dot` turns a map into Graphviz DOT for one of five views (``full``, ``overview``,
``disagreements``, ``focus``, ``compare``). Everything visual (colours, line styles, fonts,
widths) lives in the frozen :class:`Style`; override it with :func:`attrs.evolve`. Running
Graphviz is :mod:`argmap.render`'s job.

Text from sources lands in two places, each with its own escaping: HTML-like labels
(:func:`html_text`: ``& < > "`` as entities, control characters dropped) and quoted DOT
strings such as tooltips (:func:`dot_string`: ``\\`` and ``"`` escaped, newlines as spaces).
Nothing a source says can end a label, open a tag or add an attribute.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence

import attrs

from argmap.analysis import Comparison, Verdict, disputes
from argmap.argument_map import ArgumentMap
from argmap.errors import (
    DiagramTooLargeError,
    InvalidTypeError,
    InvalidValueError,
    UnknownSourceError,
    UnknownThesisError,
    expect,
    expect_texts,
)
from argmap.model import Evidence, Position, Relation, Source, Stance, Thesis
from argmap.outputs.citation import label, short_citation, source_labels

__all__ = ["MAX_NODES", "VIEWS", "Style", "dot_string", "html_text", "to_dot"]

#: The views :func:`to_dot` draws.
VIEWS = ("full", "overview", "disagreements", "focus", "compare")

#: Most nodes and relations each view draws unless ``max_nodes=`` says otherwise. Above these, dot's layout
#: takes minutes and the picture is unreadable anyway: a clear error beats a hang.
MAX_NODES = {"full": 400, "overview": 10_000, "disagreements": 400, "focus": 400, "compare": 400}

# Line and paragraph breaks of any kind become spaces; other control characters are dropped.
_BREAKS = re.compile("[\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


_STYLE_TYPES: dict[str, tuple[type | tuple[type, ...], str]] = {
    "str": (str, "text (a string)"), "int": (int, "a whole number"), "float": ((int, float), "a number"),
    "float | None": ((int, float, type(None)), "a number or None"), "bool": (bool, "True or False"),
}  # fmt: skip


def _pair(value: object) -> bool:
    return isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, str) for v in value)


@attrs.frozen
class Style:
    """How diagrams look: colours, lines, fonts and text widths.

    The defaults are readable in greyscale and by colour-blind readers: support and contest
    differ in colour (Okabe–Ito blue and vermillion), line (solid, dashed) *and* arrowhead
    (``normal``, ``tee``); position badges carry a symbol as well as a colour; disputed theses
    get a black banner and a thick border.

    Examples:
        >>> import attrs
        >>> big = attrs.evolve(Style(), font_size=14, quote_length=80)
        >>> big.font_size, Style().font_size
        (14, 11)
    """

    font: str = "DejaVu Sans"
    font_size: float = 11
    small_font_size: float = 9
    #: characters per line of a thesis statement
    statement_width: int = 40
    #: characters per line of a quote
    quote_width: int = 42
    #: quotes longer than this many characters are shortened with an ellipsis (full text in the tooltip)
    quote_length: int = 200
    #: (border, fill) per source, in map order, cycling when there are more sources
    source_colors: tuple[tuple[str, str], ...] = (
        ("#E69F00", "#FCEBC7"),
        ("#009E73", "#CCEDE3"),
        ("#CC79A7", "#F5E0EC"),
        ("#56B4E9", "#DDF0FB"),
        ("#F0E442", "#FBF7CF"),
        ("#7F7F7F", "#E8E8E8"),
    )
    support_color: str = "#0072B2"
    contest_color: str = "#D55E00"
    support_line: str = "solid"
    contest_line: str = "dashed"
    support_arrow: str = "normal"
    contest_arrow: str = "tee"
    edge_width: float = 1.6
    thesis_border: str = "#4D4D4D"
    thesis_fill: str = "#FFFFFF"
    disputed_border: str = "#000000"
    disputed_fill: str = "#FFF3D6"
    disputed_banner: str = "#000000"
    disputed_width: float = 3.0
    #: (symbol, badge fill) per position
    affirms: tuple[str, str] = ("+", "#D3E6F5")
    denies: tuple[str, str] = ("\u2212", "#F8D9C6")
    mixed: tuple[str, str] = ("\u00b1", "#E6E6E6")
    silent: tuple[str, str] = ("\u25cb", "#FFFFFF")
    badges: bool = True
    legend: bool = True
    rankdir: str = "LR"
    #: resolution of raster output (PNG); ``None`` leaves Graphviz's default (96)
    dpi: float | None = None

    def __attrs_post_init__(self) -> None:
        """A value of the wrong type is refused here, naming the field, not deep in a drawing."""
        for field in attrs.fields(Style):
            value, kind = getattr(self, field.name), str(field.type)
            if kind in _STYLE_TYPES:
                expect(field.name, value, *_STYLE_TYPES[kind])
            else:  # (symbol, fill) or (border, fill) pairs of strings
                pairs = value if kind.startswith("tuple[tuple") else (value,)
                if not (isinstance(pairs, tuple) and pairs and all(_pair(p) for p in pairs)):
                    expected = "pairs of strings, (('#E69F00', '#FCEBC7'), ...)" if pairs is value else "two strings"
                    raise InvalidTypeError(field.name, value, expected)

    def source_color(self, index: int) -> tuple[str, str]:
        """The (border, fill) colours of the ``index``-th source of the map."""
        return self.source_colors[index % len(self.source_colors)]

    def badge(self, position: Position) -> tuple[str, str]:
        """The (symbol, fill) of a position badge."""
        badge: tuple[str, str] = getattr(self, position.value)  # the fields are named after the positions
        return badge

    def stance(self, stance: Stance) -> tuple[str, str, str]:
        """The (colour, line style, arrowhead) of a supports or contests edge."""
        if stance is Stance.SUPPORTS:
            return self.support_color, self.support_line, self.support_arrow
        return self.contest_color, self.contest_line, self.contest_arrow


# -- escaping -----------------------------------------------------------------------------------


def html_text(text: str) -> str:
    """Escape text for a Graphviz HTML-like label (one line; break lines with ``<BR/>``).

    Graphviz expands ``\\N``, ``\\G`` ... even inside HTML labels, so a backslash is doubled.

    Examples:
        >>> print(html_text('a <b> & "c"\\x07 ' + chr(92) + "N"))
        a &lt;b&gt; &amp; &quot;c&quot; \\\\N
    """
    if not text.isprintable():  # fast path: most text has no breaks or control characters
        text = _CONTROL.sub("", _BREAKS.sub(" ", text))
    text = _capped(text)
    return (
        text.replace("\\", "\\\\")
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
    )


def dot_string(text: str) -> str:
    """A double-quoted DOT string (for ids, tooltips and plain attributes) showing ``text`` as is.

    Graphviz unescapes these strings twice (``\\N`` is the node's name, ``\\\\`` a backslash),
    so each backslash is written as four; a line break becomes a space.

    Examples:
        >>> print(dot_string('say "hi"' + chr(92) + "N\\nnext"))
        "say \\"hi\\"\\\\\\\\N next"
    """
    if not text.isprintable():  # fast path: most text has no breaks or control characters
        text = _CONTROL.sub("", _BREAKS.sub(" ", text))
    text = _capped(text)
    return '"' + text.replace("\\", "\\\\\\\\").replace('"', '\\"') + '"'


#: The longest text a label (a statement, a quote, a caption) or a DOT string shows before it is
#: cut with an ellipsis: Graphviz refuses a string past 16,384 characters, and a diagram could
#: not show one anyway.
_LONGEST = 2000


def _capped(text: str) -> str:
    """``text`` as it is, or cut at :data:`_LONGEST` with an ellipsis."""
    return _shorten(text, _LONGEST) if len(text) > _LONGEST else text


def _wrap(text: str, width: int) -> str:
    """Whitespace-normalized ``text`` wrapped to ``width``, escaped, lines joined with ``<BR/>``.

    Greedy, word by word; a word longer than ``width`` (a URL, a line of Korean) is cut; a text
    longer than a label can show is cut with an ellipsis (Graphviz refuses strings past 16,384).
    """
    text = _capped(text)
    lines: list[str] = []
    line = ""
    for word in text.split():
        while len(word) > width:
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:width])
            word = word[width:]
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "<BR/>".join(html_text(x) for x in lines if x) or " "  # (each line is short)


def _shorten(text: str, length: int) -> str:
    """``text`` with whitespace normalized, cut at a word boundary with an ellipsis past ``length``."""
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    cut = text[:length]
    if " " in cut[length // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.") + "\u2026"


# -- citations ----------------------------------------------------------------------------------


# -- what is drawn ------------------------------------------------------------------------------


_DISPUTE_KINDS = {Verdict.DISAGREE: "direct", Verdict.INDIRECT: "indirect", Verdict.TENSION: "tension"}


@attrs.frozen
class _Content:
    """What a diagram can draw from: a whole map, or the part of one that a comparison carries."""

    title: str | None
    sources: tuple[Source, ...]
    theses: tuple[Thesis, ...]
    evidence: tuple[Evidence, ...]
    relations: tuple[Relation, ...]
    #: ``{thesis_id: {source_key: position}}``
    positions: Mapping[str, Mapping[str, Position]]
    #: ``{(source keys): {thesis_id: dispute kind}}`` known in advance (a comparison's own verdicts)
    known_disputes: Mapping[tuple[str, ...], Mapping[str, str]] = attrs.field(factory=dict)
    map: ArgumentMap | None = None

    @classmethod
    def of(cls, shown: ArgumentMap | Comparison) -> _Content:
        if isinstance(shown, ArgumentMap):
            return cls(shown.title, shown.sources, shown.theses, shown.evidence, shown.relations,
                       shown.positions(), map=shown)  # fmt: skip
        c = shown
        sources = tuple(dict.fromkeys((c.a, c.b)))
        evidence = tuple(dict.fromkeys(ev for row in c.rows for ev in (*row.evidence_a, *row.evidence_b)))
        relations = tuple(dict.fromkeys(r for row in c.rows for conflict in row.conflicts for r in conflict.path))
        positions = {row.thesis.id: {c.a.key: row.position_a, c.b.key: row.position_b} for row in c.rows}
        kinds = {row.thesis.id: _DISPUTE_KINDS.get(row.verdict, "") for row in c.disagreements}
        known = {tuple(s.key for s in sources): {t: k for t, k in kinds.items() if k}}
        return cls(c.title, sources, tuple(row.thesis for row in c.rows), evidence, relations, positions, known)

    def source(self, key: str) -> Source:
        for source in self.sources:
            if source.key == key:
                return source
        raise UnknownSourceError(key, [s.key for s in self.sources])

    def thesis(self, id: str) -> Thesis:
        for thesis in self.theses:
            if thesis.id == id:
                return thesis
        raise UnknownThesisError(id, [t.id for t in self.theses])

    def disputes(self, keys: Sequence[str]) -> dict[str, str]:
        """``{thesis_id: kind}`` for the theses on which any two of the sources ``keys`` are at
        odds (``direct``, ``indirect`` or ``tension``, the strongest of any pair)."""
        if tuple(keys) in self.known_disputes:
            return dict(self.known_disputes[tuple(keys)])
        if self.map is None:
            return {}
        return {thesis: _DISPUTE_KINDS[verdict] for thesis, verdict in disputes(self.map, keys).items()}


# -- the views ----------------------------------------------------------------------------------


@attrs.frozen
class _Plan:
    """What one view draws: which theses, which evidence, which sources, and what it left out."""

    theses: tuple[Thesis, ...]
    evidence: tuple[Evidence, ...]
    sources: tuple[Source, ...]
    caption: str
    focus: str | None = None
    compare: tuple[str, str] | None = None


def _plan(m: _Content, view: str, focus: str | None, radius: int, sources: Sequence[str] | None) -> _Plan:
    all_theses, all_evidence, all_sources = m.theses, m.evidence, m.sources
    n_t, n_e = len(all_theses), len(all_evidence)
    if view == "full":
        return _Plan(all_theses, all_evidence, all_sources, f"{n_t} theses, {n_e} pieces of evidence")
    if view == "overview":
        caption = f"Overview: {n_t} theses; their {n_e} pieces of evidence are counted, not drawn (view='full')"
        return _Plan(all_theses, (), all_sources, caption)
    if view == "disagreements":
        disputed = m.disputes([s.key for s in all_sources])
        theses = tuple(t for t in all_theses if t.id in disputed)
        evidence = tuple(ev for ev in all_evidence if ev.thesis in disputed)
        caption = (
            f"Disagreements: the {len(theses)} disputed of {n_t} theses with their evidence; "
            f"{n_t - len(theses)} theses the sources do not dispute are not drawn"
        )
        return _Plan(theses, evidence, all_sources, caption)
    if view == "focus":
        if focus is None:
            raise InvalidValueError("focus", focus, "a thesis id: view='focus' needs focus=THESIS_ID")
        m.thesis(focus)
        if isinstance(radius, bool) or not isinstance(radius, int) or radius < 0:
            raise InvalidValueError("radius", radius, "a whole number of relation steps, 0 or more")
        near = _neighbourhood(m, focus, radius)
        theses = tuple(t for t in all_theses if t.id in near)
        evidence = tuple(ev for ev in all_evidence if ev.thesis in near)
        caption = (
            f"Focus on {focus!r} and the theses within {radius} relation step(s): {len(theses)} of "
            f"{n_t} theses with their evidence; {n_t - len(theses)} further theses are not drawn"
        )
        return _Plan(theses, evidence, all_sources, caption, focus=focus)
    # compare
    pair = tuple(sources or ())
    if len(pair) != 2 or pair[0] == pair[1]:
        raise InvalidValueError("sources", sources, "two different source keys: view='compare' needs sources=(A, B)")
    a, b = m.source(pair[0]), m.source(pair[1])
    evidence = tuple(ev for ev in all_evidence if ev.source in pair)
    spoken = {ev.thesis for ev in evidence}
    theses = tuple(t for t in all_theses if t.id in spoken)
    others = n_e - len(evidence)
    names = source_labels(m.sources)
    left, right = short_citation(a, name=names[a.key]), short_citation(b, name=names[b.key])
    caption = (
        f"Compare {left} (left) and {right} (right): {len(theses)} of {n_t} theses; "
        f"{n_t - len(theses)} theses neither source speaks to and {others} pieces of evidence from "
        "other sources are not drawn, nor relations between theses (view='focus' shows them)"
    )
    return _Plan(theses, evidence, (a, b), caption, compare=(a.key, b.key))


def _neighbourhood(m: _Content, focus: str, radius: int) -> set[str]:
    """Theses within ``radius`` relation steps of ``focus``, in either direction."""
    links: dict[str, set[str]] = {}
    for rel in m.relations:
        links.setdefault(rel.from_thesis, set()).add(rel.to_thesis)
        links.setdefault(rel.to_thesis, set()).add(rel.from_thesis)
    near, frontier = {focus}, {focus}
    for _ in range(min(radius, len(links))):  # no path is longer than the theses it passes
        frontier = {n for t in frontier for n in links.get(t, ())} - near
        if not frontier:
            break
        near |= frontier
    return near


# -- DOT text -----------------------------------------------------------------------------------


def to_dot(
    shown: ArgumentMap | Comparison,
    *,
    view: str | None = None,
    focus: str | None = None,
    radius: int = 1,
    sources: Sequence[str] | None = None,
    style: Style | None = None,
    max_nodes: int | None = None,
    caption: str | None = None,
) -> str:
    """A map, or a comparison, as Graphviz DOT text: pure, deterministic (same map, byte-identical text).

    Args:
        shown: the map to draw, or a comparison of two of its sources (drawn from what the
            comparison carries: its two sources, every thesis with their evidence, the
            relations of its indirect conflicts).
        view: ``"full"`` (every thesis with its evidence; a map's default), ``"overview"`` (theses only, with
            position badges and evidence counts), ``"disagreements"`` (disputed theses with
            their evidence), ``"focus"`` (``focus`` and the theses within ``radius`` relation
            steps, with evidence) or ``"compare"`` (``sources=(A, B)``: A's evidence left, B's
            right, the theses they speak to in between; a comparison's default).
        focus: the thesis id of the focus view.
        radius: relation steps around ``focus`` (``0``: the thesis alone).
        sources: the two source keys of the compare view (a comparison's own by default).
        style: how it looks; ``Style()`` by default.
        max_nodes: most nodes to draw; ``None`` takes the view's default from :data:`MAX_NODES`.
        caption: an extra line for the caption under the title.

    Returns:
        DOT text for ``dot`` (``argmap.render`` runs it).

    Raises:
        InvalidValueError: an unknown view, or a view's missing or malformed argument.
        UnknownThesisError, UnknownSourceError: ``focus`` or ``sources`` not in the map.
        DiagramTooLargeError: the view has more than ``max_nodes`` nodes.

    Examples:
        >>> from argmap import ArgumentMap, Source
        >>> m = ArgumentMap(title="Lexington")
        >>> _ = m.add_source(Source(key="gage", text="the Rebels fired first upon the troops"))
        >>> _ = m.add_thesis("regulars-first", "The regulars fired first.")
        >>> _ = m.cite("regulars-first", "gage", "the Rebels fired first", stance="contests")
        >>> text = to_dot(m)
        >>> text.startswith("digraph argmap {"), "the Rebels fired first" in text
        (True, True)
        >>> to_dot(m) == text
        True
    """
    expect("shown", shown, (ArgumentMap, Comparison), "an argmap.ArgumentMap or a Comparison")
    expect("view", view, (str, type(None)), "a view name (a string) or None")
    expect("focus", focus, (str, type(None)), "a thesis id (a string) or None")
    expect("radius", radius, int, "a whole number")
    expect_texts("sources", sources)
    expect("style", style, (Style, type(None)), "an argmap.Style or None")
    expect("max_nodes", max_nodes, (int, type(None)), "a whole number or None")
    expect("caption", caption, (str, type(None)), "text (a string) or None")
    m = _Content.of(shown)
    if isinstance(shown, Comparison) and shown.a.key != shown.b.key:
        view = view or "compare"
        sources = sources or (shown.a.key, shown.b.key)
    view = view or "full"
    if view not in VIEWS:
        raise InvalidValueError("view", view, "one of " + ", ".join(repr(v) for v in VIEWS))
    style = style or Style()
    plan = _plan(m, view, focus, radius, sources)
    drawn = {t.id for t in plan.theses}
    relations = sum(1 for r in m.relations if r.from_thesis in drawn and r.to_thesis in drawn)
    # Relations count too: dense relations, not nodes alone, are what makes dot's layout slow.
    size = len(plan.theses) + len(plan.evidence) + relations
    limit = MAX_NODES[view] if max_nodes is None else max_nodes
    if size > limit:
        raise DiagramTooLargeError(view, size, limit)
    return _Writer(m, plan, view, style, caption).write()


class _Writer:
    """Writes the DOT text of one plan, line by line."""

    def __init__(self, m: _Content, plan: _Plan, view: str, style: Style, caption: str | None) -> None:
        self.m, self.plan, self.view, self.style, self.extra = m, plan, view, style, caption
        index = {s.key: i for i, s in enumerate(m.sources)}
        self.colors = {s.key: style.source_color(index[s.key]) for s in m.sources}
        # who each source is, briefly, for badges and cards: its label, else surnames (writer and
        # addressee of a letter), told apart where two would read the same
        self.names = source_labels(m.sources)
        self._badges: dict[tuple[str, Position], str] = {}
        self.thesis_node = {t.id: f"t{i}" for i, t in enumerate(m.theses)}
        self.shown = {t.id for t in plan.theses}
        self.disputed = m.disputes([s.key for s in plan.sources])
        self.lines: list[str] = []

    def write(self) -> str:
        s = self.style
        font = dot_string(s.font)
        self.lines += [
            "digraph argmap {",
            f"  graph [rankdir={s.rankdir}, newrank=true, nodesep=0.25, ranksep=0.6, fontname={font}, "
            f"fontsize={_num(s.font_size + 3)}, labelloc=t, labeljust=l, "
            f"tooltip={dot_string(self.m.title or 'argument map')}" + (f", dpi={_num(s.dpi)}" if s.dpi else "") + "];",
            f'  node [fontname={font}, fontsize={_num(s.font_size)}, shape=box, margin="0.08,0.05"];',
            f"  edge [fontname={font}, fontsize={_num(s.small_font_size)}, penwidth={_num(s.edge_width)}];",
            f"  label=<{self._caption()}>;",
        ]
        self._theses()
        self._evidence()
        self._relations()
        self._grid()
        if s.legend:
            self._legend()
        self.lines.append("}")
        return "\n".join(self.lines) + "\n"

    def _caption(self) -> str:
        title = self.m.title or "Argument map"
        rows = [f'<B>{html_text(title)}</B>', f'<FONT POINT-SIZE="{_num(self.style.small_font_size + 1)}">'
                f"{html_text(self.plan.caption)}</FONT>"]  # fmt: skip
        if self.extra:
            rows.append(f'<FONT POINT-SIZE="{_num(self.style.small_font_size + 1)}">{html_text(self.extra)}</FONT>')
        if not self.m.theses:
            rows.append(html_text("This map has no theses yet: add them with ArgumentMap.add_thesis()."))
        return '<BR ALIGN="LEFT"/>'.join(rows) + '<BR ALIGN="LEFT"/>'

    # theses

    def _theses(self) -> None:
        s, positions = self.style, self.m.positions
        counts: dict[str, list[int]] = {}
        if self.view == "overview":
            for ev in self.m.evidence:
                counts.setdefault(ev.thesis, [0, 0])[ev.stance is Stance.CONTESTS] += 1
        compare = self.plan.compare is not None
        if compare:
            self.lines.append("  subgraph theses { rank=same;")
        for thesis in self.plan.theses:
            kind = self.disputed.get(thesis.id)
            focused = thesis.id == self.plan.focus
            cols = max(1, len(self.plan.sources)) if s.badges else 1
            rows = []
            if kind:
                rows.append(
                    f'<TR><TD COLSPAN="{cols}" BGCOLOR="{s.disputed_banner}"><FONT COLOR="#FFFFFF" '
                    f'POINT-SIZE="{_num(s.small_font_size)}"><B>DISPUTED \u00b7 {kind}</B></FONT></TD></TR>'
                )
            statement = _wrap(thesis.statement, s.statement_width)
            if focused:
                statement = f"<B>{statement}</B>"
            rows.append(f'<TR><TD COLSPAN="{cols}" BALIGN="LEFT" ALIGN="LEFT">{statement}</TD></TR>')
            if self.view == "overview":
                pro, con = counts.get(thesis.id, [0, 0])
                rows.append(
                    f'<TR><TD COLSPAN="{cols}" ALIGN="LEFT"><FONT POINT-SIZE="{_num(s.small_font_size)}" '
                    f'COLOR="#555555">evidence: {pro} for, {con} against</FONT></TD></TR>'
                )
            if s.badges and self.plan.sources:
                held = positions[thesis.id]
                rows.append("<TR>" + "".join(self._badge(src, held[src.key]) for src in self.plan.sources)
                            + "</TR>")  # fmt: skip
            label = '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="2">' + "".join(rows) + "</TABLE>"
            border, fill, width = (
                (s.disputed_border, s.disputed_fill, s.disputed_width)
                if kind
                else (s.thesis_border, s.thesis_fill, 1.2)
            )
            if focused:
                width += 1.5
            tip = f"{thesis.id}: {thesis.statement}" + (f" (disputed: {kind})" if kind else "")
            self.lines.append(
                f'  {self.thesis_node[thesis.id]} [style="rounded,filled", color={dot_string(border)}, '
                f"fillcolor={dot_string(fill)}, penwidth={_num(width)}, tooltip={dot_string(tip)}, "
                f"id={dot_string('thesis-' + thesis.id)}, label=<{label}>];"
            )
        if compare:
            self.lines.append("  }")

    def _badge(self, source: Source, position: Position) -> str:
        key = (source.key, position)
        if key not in self._badges:  # a few kinds, drawn on every thesis
            self._badges[key] = self._badge_cell(source, position)
        return self._badges[key]

    def _badge_cell(self, source: Source, position: Position) -> str:
        symbol, fill = self.style.badge(position)
        border = self.colors[source.key][0]
        name = self.names[source.key]
        return (
            f'<TD BORDER="1" COLOR="{border}" BGCOLOR="{fill}" TITLE="{html_text(name)}: {position.value}">'
            f'<FONT POINT-SIZE="{_num(self.style.small_font_size)}">{html_text(name)} <B>{symbol}</B>'
            "</FONT></TD>"
        )

    # evidence

    def _evidence(self) -> None:
        s = self.style
        compare = self.plan.compare
        groups: list[tuple[str | None, list[tuple[int, Evidence]]]]
        drawn = {ev.id for ev in self.plan.evidence}
        numbered = [(i, ev) for i, ev in enumerate(self.m.evidence) if ev.id in drawn]
        if compare:
            groups = [(key, [(i, ev) for i, ev in numbered if ev.source == key]) for key in compare]
        else:
            groups = [(None, numbered)]
        for key, members in groups:
            if key is not None:
                border = self.colors[key][0]
                self.lines.append(
                    f"  subgraph {dot_string('cluster_' + key)} {{ "
                    f"label=<<B>{html_text(self.names[key])}</B>>; "
                    f"color={dot_string(border)}; style=dashed;"
                )
            for i, ev in members:
                self._evidence_node(i, ev)
            if key is not None:
                self.lines.append("  }")
        for i, ev in numbered:
            color, line, arrow = s.stance(ev.stance)
            head, tail = f"e{i}", self.thesis_node[ev.thesis]
            if compare and ev.source == compare[1]:
                # B's evidence sits right of the theses: the edge runs backwards, its arrow at the thesis
                edge = f"{tail} -> {head} [dir=back, arrowtail={arrow}"
            else:
                edge = f"{head} -> {tail} [arrowhead={arrow}"
            self.lines.append(
                f"  {edge}, color={dot_string(color)}, style={line}, tooltip={dot_string(ev.stance.value)}];"
            )

    def _evidence_node(self, i: int, ev: Evidence) -> None:
        s = self.style
        source = self.m.source(ev.source)
        border, fill = self.colors[ev.source]
        citation = html_text(short_citation(source, ev.passage, name=self.names[source.key]))
        words = ev.words  # the quote as the historian wrote it, as the report prints it
        quote = _wrap("\u201c" + _shorten(words, s.quote_length) + "\u201d", s.quote_width)
        rows = [
            f'<TR><TD ALIGN="LEFT"><B>{citation}</B></TD></TR>',
            f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><I>{quote}</I></TD></TR>',
        ]
        if ev.passage.match.value == "fuzzy":
            rows.append(
                f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="{_num(s.small_font_size)}">approximate match, '
                f"{ev.passage.score:.0%} similar</FONT></TD></TR>"
            )
        label = '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">' + "".join(rows) + "</TABLE>"
        self.lines.append(
            f"  e{i} [style=filled, color={dot_string(border)}, fillcolor={dot_string(fill)}, "
            f"fontsize={_num(s.font_size - 1)}, tooltip={dot_string(words)}, "
            f"id={dot_string('evidence-' + ev.id)}, "
            f"label=<{label}>];"
        )

    # relations, grid, legend

    def _relations(self) -> None:
        if self.plan.compare:
            return  # they would tangle the three columns; the caption says they are left out
        for rel in self.m.relations:
            if rel.from_thesis in self.shown and rel.to_thesis in self.shown:
                color, line, arrow = self.style.stance(rel.stance)
                self.lines.append(
                    f"  {self.thesis_node[rel.from_thesis]} -> {self.thesis_node[rel.to_thesis]} "
                    f"[arrowhead={arrow}, "
                    f"color={dot_string(color)}, style={line}, penwidth={_num(self.style.edge_width + 0.8)}, "
                    f"tooltip={dot_string(f'{rel.from_thesis} {rel.stance.value} {rel.to_thesis}')}];"
                )

    def _grid(self) -> None:
        """Lay theses without any edge out in rows, not in one endless column."""
        if self.plan.compare:
            return
        linked = {ev.thesis for ev in self.plan.evidence}
        linked |= {t for r in self.m.relations if {r.from_thesis, r.to_thesis} <= self.shown
                   for t in (r.from_thesis, r.to_thesis)}  # fmt: skip
        alone = [self.thesis_node[t.id] for t in self.plan.theses if t.id not in linked]
        columns = max(1, round(math.sqrt(len(alone) / 3)))
        for row in range(0, len(alone), columns):
            chain = alone[row : row + columns]
            if len(chain) > 1:
                self.lines.append("  " + " -> ".join(chain) + " [style=invis];")

    def _legend(self) -> None:
        """One compact node: the sources' colours beside the key to badges, banners and edges (the
        edges drawn as coloured glyphs, not as edges, which took a rank of the layout each)."""
        s = self.style
        small = f'POINT-SIZE="{_num(s.small_font_size)}"'
        sources = []
        for source in self.plan.sources:
            border, fill = self.colors[source.key]
            title = f" \u2014 {_shorten(label(source), 48)}" if label(source) else ""
            sources.append(
                f'<TR><TD BORDER="1" COLOR="{border}" BGCOLOR="{fill}" WIDTH="14"> </TD>'
                f'<TD ALIGN="LEFT"><FONT {small}>{html_text(self.names[source.key] + title)}</FONT></TD></TR>'
            )
        badges = "  ".join(f"{s.badge(p)[0]} {p.value}" for p in Position)
        key = [f'<TR><TD COLSPAN="2" ALIGN="LEFT"><FONT {small}>{html_text(badges)}</FONT></TD></TR>']
        key.append(
            f'<TR><TD BGCOLOR="{s.disputed_banner}"><FONT COLOR="#FFFFFF" {small}><B>DISPUTED</B></FONT></TD>'
            f'<TD ALIGN="LEFT"><FONT {small}>sources disagree (direct, indirect, tension)</FONT></TD></TR>'
        )
        for stance in Stance:
            color, line, arrow = s.stance(stance)
            glyph = _LINE_GLYPHS.get(line, "\u2501") * 3 + _ARROW_GLYPHS.get(arrow, "\u25b6")
            key.append(
                f'<TR><TD ALIGN="LEFT"><FONT COLOR="{color}" {small}>{glyph}</FONT></TD>'
                f'<TD ALIGN="LEFT"><FONT {small}>{stance.value}</FONT></TD></TR>'
            )
        table = '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="1" CELLPADDING="1">'
        columns = (
            f"<TR><TD VALIGN=\"TOP\">{table}{''.join(sources) or '<TR><TD></TD></TR>'}</TABLE></TD>"
            f'<TD WIDTH="8"></TD><TD VALIGN="TOP">{table}{"".join(key)}</TABLE></TD></TR>'
        )
        self.lines += [
            f'  subgraph cluster_legend {{ label=<<B>Legend</B>>; fontsize={_num(s.small_font_size + 1)}; '
            'color="#999999"; style=rounded; margin=4;',
            f'    legend_key [shape=plain, label=<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0">{columns}'
            "</TABLE>>];",
            "  }",
        ]


#: How the legend draws an edge's line style and arrowhead in text.
_LINE_GLYPHS = {"solid": "\u2501", "dashed": "\u254d", "dotted": "\u2509", "bold": "\u2501"}
_ARROW_GLYPHS = {"normal": "\u25b6", "tee": "\u2524", "vee": "\u276f", "dot": "\u25cf", "odot": "\u25cb",
                 "diamond": "\u25c6", "odiamond": "\u25c7", "box": "\u25a0", "obox": "\u25a1", "none": ""}  # fmt: skip


def _num(value: float) -> str:
    """A number as DOT writes it: ``11``, ``1.5``."""
    return f"{value:g}"
