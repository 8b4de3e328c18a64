"""What the sources hold, and where they part: positions, comparisons, indirect conflicts.

Pure functions over a map; they never change it.

**Direct verdicts.** Two sources' positions on one thesis give its direct verdict: the same
position on both sides is ``AGREE``; affirms against denies is ``DISAGREE``; any other
difference where one side is mixed is ``TENSION``; one side silent is ``ONE_SIDED``; both
silent is ``SILENT``.

**Indirect conflicts.** Relations between theses carry a source's view beyond the theses it
addresses. A thesis a source *affirms* bears on other theses along chains of relations,
composed as in bipolar argumentation (Cayrol & Lagasquie-Schiex 2005):

- support then support is support (a chain of support);
- support(s) then contest is a contest (the *supported attack*);
- contest then support(s) is a contest (the *secondary attack*: contesting a thesis undercuts
  what it supports);
- contest then contest is nothing: contesting a contester is a defence, not a support, so
  the chain stops there.

So a chain is any number of supports with at most one contest among them. The source is then
*at odds* with another on thesis Y when its chain from an affirmed X contests Y and the other
source affirms Y, or supports Y and the other denies Y, unless it holds the other's position on
Y itself: then the two agree on Y, and the chain is the source's own inconsistency, which
``compare(a, a)`` shows. Only affirmed theses start chains: a
denial takes away a reason but gives none, and a mixed position holds both sides already
(that is what ``TENSION`` reports). Each conflict keeps one witness: the shortest chain, from
the nearest affirmed thesis (ties broken by map order), so a report can say *why*, thesis by
thesis. Cycles are followed; each (thesis, sign) state is visited once.

A row whose direct verdict is not ``DISAGREE`` or ``TENSION`` but which carries conflicts gets
the verdict ``INDIRECT``; ``Row.direct`` and ``Row.conflicts`` keep both parts visible.
Comparing a source with itself finds its internal inconsistencies this way.
"""

from __future__ import annotations

import enum
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from argmap.errors import UnknownThesisError
from argmap.model import Evidence, Position, Relation, Source, Stance, Thesis

if TYPE_CHECKING:
    from argmap.argument_map import ArgumentMap

__all__ = [
    "Comparison",
    "ComparisonMatrix",
    "Conflict",
    "Row",
    "Verdict",
    "compare",
    "compare_all",
    "direct_verdict",
    "disputes",
    "position_of",
    "positions",
]


def position_of(stances: Iterable[Stance]) -> Position:
    """The position that a source's evidence on one thesis amounts to.

    Examples:
        >>> position_of([Stance.SUPPORTS]), position_of([Stance.SUPPORTS, Stance.CONTESTS])
        (<Position.AFFIRMS: 'affirms'>, <Position.MIXED: 'mixed'>)
        >>> position_of([])
        <Position.SILENT: 'silent'>
    """
    seen = set(stances)
    if not seen:
        return Position.SILENT
    if len(seen) == 2:
        return Position.MIXED
    return Position.AFFIRMS if Stance.SUPPORTS in seen else Position.DENIES


def positions(m: ArgumentMap) -> dict[str, dict[str, Position]]:
    """Every source's position on every thesis, in one pass over the evidence.

    Returns ``{thesis_id: {source_key: Position}}`` with theses and sources in map order.
    """
    stances: dict[tuple[str, str], set[Stance]] = {}
    for ev in m.evidence:
        stances.setdefault((ev.thesis, ev.source), set()).add(ev.stance)
    keys = [s.key for s in m.sources]
    return {t.id: {key: position_of(stances.get((t.id, key), ())) for key in keys} for t in m.theses}


class Verdict(enum.StrEnum):
    """How two sources' positions on one thesis compare."""

    AGREE = "agree"  # the same position on both sides
    DISAGREE = "disagree"  # one affirms, the other denies
    TENSION = "tension"  # different positions, at least one mixed
    INDIRECT = "indirect"  # no direct opposition, but relations put them at odds
    ONE_SIDED = "one-sided"  # only one source addresses the thesis
    SILENT = "silent"  # neither source addresses the thesis


_OPPOSED = (Verdict.DISAGREE, Verdict.TENSION)
_AT_ODDS = frozenset((Verdict.DISAGREE, Verdict.TENSION, Verdict.INDIRECT))


def direct_verdict(a: Position, b: Position) -> Verdict:
    """The verdict that two positions on one thesis give, relations aside.

    Examples:
        >>> direct_verdict(Position.AFFIRMS, Position.DENIES), direct_verdict(Position.MIXED, Position.DENIES)
        (<Verdict.DISAGREE: 'disagree'>, <Verdict.TENSION: 'tension'>)
        >>> direct_verdict(Position.MIXED, Position.MIXED), direct_verdict(Position.SILENT, Position.DENIES)
        (<Verdict.AGREE: 'agree'>, <Verdict.ONE_SIDED: 'one-sided'>)
    """
    if a is Position.SILENT or b is Position.SILENT:
        return Verdict.SILENT if a is b else Verdict.ONE_SIDED
    if a is b:
        return Verdict.AGREE
    if Position.MIXED in (a, b):
        return Verdict.TENSION
    return Verdict.DISAGREE


def _verdict(a: Position, b: Position, conflicted: bool) -> Verdict:
    direct = direct_verdict(a, b)
    return Verdict.INDIRECT if conflicted and direct not in _OPPOSED else direct


@attrs.frozen
class Conflict:
    """One source's affirmed thesis bears, through relations, against another's position.

    Attributes:
        source: the source that affirms ``origin``.
        origin: the thesis the chain starts from.
        path: the relations from ``origin`` to the thesis of the row, in order.
        stance: how ``origin`` bears on that thesis through ``path``.
        against: the source whose position on that thesis the chain opposes.
        position: that source's position (affirms when ``stance`` contests, else denies).
        origin_evidence: ``source``'s evidence on ``origin``, in map order.
    """

    source: str
    origin: str
    path: tuple[Relation, ...]
    stance: Stance
    against: str
    position: Position
    origin_evidence: tuple[Evidence, ...] = ()

    @property
    def thesis(self) -> str:
        """The thesis where the chain meets the other source's position."""
        return self.path[-1].to_thesis

    @property
    def steps(self) -> tuple[str, ...]:
        """The theses along the chain, from ``origin`` to ``thesis``."""
        return (self.origin, *(r.to_thesis for r in self.path))

    def __str__(self) -> str:
        chain = "".join(f", which {r.stance} {r.to_thesis}" for r in self.path)
        return f"{self.source} affirms {self.origin}{chain}, which {self.against} {self.position}"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: keys and ids only, the path as ``[from, stance, to]`` triples."""
        return {
            "source": self.source,
            "origin": self.origin,
            "path": [[r.from_thesis, r.stance.value, r.to_thesis] for r in self.path],
            "stance": self.stance.value,
            "against": self.against,
            "position": self.position.value,
            "origin_evidence": [ev.id for ev in self.origin_evidence],
        }


@attrs.frozen
class Row:
    """Two sources on one thesis: their positions, the evidence, the verdict, the conflicts."""

    thesis: Thesis
    position_a: Position
    position_b: Position
    evidence_a: tuple[Evidence, ...] = ()
    evidence_b: tuple[Evidence, ...] = ()
    conflicts: tuple[Conflict, ...] = ()

    @property
    def thesis_id(self) -> str:
        """The id of the thesis."""
        return self.thesis.id

    @property
    def direct(self) -> Verdict:
        """The verdict from the two positions alone."""
        return direct_verdict(self.position_a, self.position_b)

    @property
    def verdict(self) -> Verdict:
        """The direct verdict, or ``INDIRECT`` when only relations put the sources at odds."""
        return _verdict(self.position_a, self.position_b, bool(self.conflicts))

    def mirrored(self) -> Row:
        """The same row seen from the other side (``a`` and ``b`` swapped)."""
        return Row(self.thesis, self.position_b, self.position_a, self.evidence_b, self.evidence_a, self.conflicts)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of the row."""
        return {
            "thesis": self.thesis.id,
            "statement": self.thesis.statement,
            "position_a": self.position_a.value,
            "position_b": self.position_b.value,
            "direct": self.direct.value,
            "verdict": self.verdict.value,
            "evidence_a": [ev.id for ev in self.evidence_a],
            "evidence_b": [ev.id for ev in self.evidence_b],
            "conflicts": [c.to_dict() for c in self.conflicts],
        }


@attrs.frozen
class Comparison:
    """Two sources compared thesis by thesis: one row per thesis of the map, in map order.

    Carries the two sources (for citations) and every row's evidence, so it can be written
    out (:func:`argmap.report.markdown`) without the map.
    """

    a: Source
    b: Source
    rows: tuple[Row, ...]
    title: str | None = None
    #: the sources that ``a`` or ``b`` are quoted in (for "quoted in" citations)
    hosts: tuple[Source, ...] = ()

    def row(self, thesis: str) -> Row:
        """The row of one thesis (UnknownThesisError if the map has no such thesis)."""
        for row in self.rows:
            if row.thesis.id == thesis:
                return row
        raise UnknownThesisError(thesis, [r.thesis.id for r in self.rows])

    def where(self, *verdicts: Verdict) -> tuple[Row, ...]:
        """The rows whose verdict is one of ``verdicts``, in map order."""
        return tuple(row for row in self.rows if row.verdict in verdicts)

    @property
    def disagreements(self) -> tuple[Row, ...]:
        """Rows where the sources are at odds: directly, in tension, or through relations."""
        return tuple(row for row in self.rows if row.verdict in _AT_ODDS)

    @property
    def agreements(self) -> tuple[Row, ...]:
        """Rows where both sources hold the same position and nothing sets them at odds."""
        return self.where(Verdict.AGREE)

    @property
    def one_sided(self) -> tuple[Row, ...]:
        """Rows that only one source addresses (and no relation sets them at odds)."""
        return self.where(Verdict.ONE_SIDED)

    def counts(self) -> dict[str, int]:
        """How many rows have each verdict, every verdict listed."""
        return {v.value: sum(row.verdict is v for row in self.rows) for v in Verdict}

    def summary(self) -> str:
        """One line: how many theses, and how many of each verdict.

        Examples:
            >>> Comparison(Source(key="a", text=""), Source(key="b", text=""), ()).summary()
            'a vs b: 0 theses: 0 agree, 0 disagree, 0 tension, 0 indirect, 0 one-sided, 0 silent'
        """
        counts = ", ".join(f"{n} {verdict}" for verdict, n in self.counts().items())
        return f"{self.a.key} vs {self.b.key}: {len(self.rows)} theses: {counts}"

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict[str, str]:
        """Jupyter shows a comparison as its diagram: the two sources side by side (SVG)."""
        from argmap.outputs.render import mimebundle  # a display hook: the one way up, for notebooks

        return mimebundle(self)

    def mirrored(self) -> Comparison:
        """The same comparison with ``a`` and ``b`` swapped (what ``compare(b, a)`` returns)."""
        return Comparison(self.b, self.a, tuple(row.mirrored() for row in self.rows), self.title, self.hosts)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with a stable shape and order (keys, ids and values only)."""
        return {
            "a": self.a.key,
            "b": self.b.key,
            "title": self.title,
            "counts": self.counts(),
            "rows": [row.to_dict() for row in self.rows],
        }

    def __str__(self) -> str:
        width = max([len(r.thesis.id) for r in self.rows] + [6])
        lines = [f"{'thesis':{width}}  {self.a.key:>12}  {self.b.key:>12}  verdict"]
        for row in self.rows:
            extra = (
                f" (+{len(row.conflicts)} via relations)"
                if row.conflicts and row.verdict is not Verdict.INDIRECT
                else ""
            )
            lines.append(
                f"{row.thesis.id:{width}}  {row.position_a.value:>12}  {row.position_b.value:>12}  {row.verdict}{extra}"
            )
        lines.append(self.summary())
        return "\n".join(lines)


@attrs.frozen
class ComparisonMatrix:
    """Every pair of sources at once: disagreement counts and the positions behind them.

    Attributes:
        sources: source keys, in map order.
        theses: thesis ids, in map order.
        disagreements: ``{a: {b: n}}``, the number of rows of ``compare(a, b)`` that are at
            odds (``len(compare(a, b).disagreements)``); symmetric; on the diagonal, a source's
            internal inconsistencies (theses it affirms or denies against its own chains).
        positions: ``{thesis_id: {source_key: Position}}``, the thesis × source matrix.
    """

    sources: tuple[str, ...]
    theses: tuple[str, ...]
    disagreements: Mapping[str, Mapping[str, int]]
    positions: Mapping[str, Mapping[str, Position]]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with a stable shape and order."""
        return {
            "sources": list(self.sources),
            "theses": list(self.theses),
            "disagreements": {a: dict(row) for a, row in self.disagreements.items()},
            "positions": {t: {s: p.value for s, p in row.items()} for t, row in self.positions.items()},
        }

    def __str__(self) -> str:
        width = max([len(s) for s in self.sources] + [1])
        lines = [
            "Theses at odds, row's source against column's (diagonal: a source against itself):",
            " " * width + "".join(f"  {s:>{width}}" for s in self.sources),
        ]
        for a in self.sources:
            lines.append(f"{a:{width}}" + "".join(f"  {self.disagreements[a][b]:>{width}}" for b in self.sources))
        return "\n".join(lines)


class _Engine:
    """What every comparison of one map needs, computed once: positions, evidence, chains."""

    def __init__(self, m: ArgumentMap) -> None:
        self.title = m.title
        self.theses = m.theses
        self.sources = {s.key: s for s in m.sources}
        self.evidence: dict[tuple[str, str], list[Evidence]] = {}
        for ev in m.evidence:
            self.evidence.setdefault((ev.source, ev.thesis), []).append(ev)
        self.positions: dict[str, dict[str, Position]] = {key: {} for key in self.sources}
        for (source, thesis), evs in self.evidence.items():
            self.positions[source][thesis] = position_of(ev.stance for ev in evs)
        self.out: dict[str, list[Relation]] = {}
        for rel in m.relations:
            self.out.setdefault(rel.from_thesis, []).append(rel)
        self._chains: dict[str, dict[tuple[str, Stance], tuple[str, Stance, Relation] | None]] = {}

    def chains(self, source: str) -> dict[tuple[str, Stance], tuple[str, Stance, Relation] | None]:
        """Breadth-first search over (thesis, sign) states from every thesis ``source`` affirms.

        Returns each reached state's parent (``None`` for the starting states, which are
        ``(affirmed thesis, SUPPORTS)``), so every chain found is a shortest one.
        """
        if source in self._chains:
            return self._chains[source]
        held = self.positions[source]
        parent: dict[tuple[str, Stance], tuple[str, Stance, Relation] | None] = {
            (t.id, Stance.SUPPORTS): None for t in self.theses if held.get(t.id) is Position.AFFIRMS
        }
        queue = deque(parent)
        while queue:
            thesis, sign = queue.popleft()
            for rel in self.out.get(thesis, ()):
                if sign is Stance.CONTESTS and rel.stance is Stance.CONTESTS:
                    continue  # contesting a contester is a defence, not a support
                state = (rel.to_thesis, Stance.CONTESTS if Stance.CONTESTS in (sign, rel.stance) else Stance.SUPPORTS)
                if state not in parent:
                    parent[state] = (thesis, sign, rel)
                    queue.append(state)
        self._chains[source] = parent
        return parent

    def at_odds(self, source: str, against: str, thesis: str) -> Stance | None:
        """The sign of ``source``'s chain that opposes ``against``'s position on ``thesis``.

        None when ``source`` itself holds ``against``'s position there: the two agree on the
        thesis, and the chain shows ``source`` at odds with itself, not with ``against``.
        """
        held = self.positions[against].get(thesis)
        if source != against and self.positions[source].get(thesis) is held:
            return None
        if held is Position.AFFIRMS:
            sign = Stance.CONTESTS
        elif held is Position.DENIES:
            sign = Stance.SUPPORTS
        else:
            return None
        return sign if self.chains(source).get((thesis, sign)) is not None else None

    def conflict(self, source: str, against: str, thesis: str) -> Conflict | None:
        """The witness of ``source`` being at odds with ``against`` on ``thesis``, if any."""
        sign = self.at_odds(source, against, thesis)
        if sign is None:
            return None
        parent, path, state = self.chains(source), [], (thesis, sign)
        while (step := parent[state]) is not None:
            path.append(step[2])
            state = (step[0], step[1])
        origin = state[0]
        return Conflict(
            source, origin, tuple(reversed(path)), sign, against, self.positions[against][thesis],
            tuple(self.evidence.get((source, origin), ())),
        )  # fmt: skip

    def row(self, a: str, b: str, thesis: Thesis) -> Row:
        found = (self.conflict(a, b, thesis.id), None if a == b else self.conflict(b, a, thesis.id))
        conflicts = sorted((c for c in found if c is not None), key=lambda c: (c.source, c.against))
        return Row(
            thesis,
            self.positions[a].get(thesis.id, Position.SILENT),
            self.positions[b].get(thesis.id, Position.SILENT),
            tuple(self.evidence.get((a, thesis.id), ())),
            tuple(self.evidence.get((b, thesis.id), ())),
            tuple(conflicts),
        )

    def compare(self, a: str, b: str) -> Comparison:
        hosts = sorted({s.quoted_in for s in (self.sources[a], self.sources[b]) if s.quoted_in})
        rows = tuple(self.row(a, b, t) for t in self.theses)
        return Comparison(self.sources[a], self.sources[b], rows, self.title, tuple(self.sources[k] for k in hosts))

    def at_odds_verdicts(self, a: str, b: str) -> Iterator[tuple[str, Verdict]]:
        """``(thesis_id, verdict)`` of the rows of ``compare(a, b).disagreements``, without
        building the rows."""
        pa, pb, silent = self.positions[a], self.positions[b], Position.SILENT
        for t in self.theses:
            x, y = pa.get(t.id, silent), pb.get(t.id, silent)
            conflicted = (x is not silent or y is not silent) and (
                self.at_odds(a, b, t.id) is not None or self.at_odds(b, a, t.id) is not None
            )
            verdict = _verdict(x, y, conflicted)
            if verdict in _AT_ODDS:
                yield t.id, verdict


def compare(m: ArgumentMap, a: str, b: str) -> Comparison:
    """Compare two sources of a map, thesis by thesis.

    Args:
        m: the map.
        a: the key of one source (its positions are ``position_a``).
        b: the key of the other; may equal ``a`` (rows then show internal inconsistencies).

    Returns:
        A :class:`Comparison` with one row per thesis, in map order.

    Raises:
        UnknownSourceError: ``a`` or ``b`` is not a source of the map.

    Examples:
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> _ = m.add_source(Source(key="gage", text="the Rebels fired first"))
        >>> _ = m.add_source(Source(key="coburn", text="the regulars fired first"))
        >>> _ = m.add_thesis("regulars-first", "The regulars fired the first shot.")
        >>> _ = m.cite("regulars-first", "gage", "the Rebels fired first", "contests")
        >>> _ = m.cite("regulars-first", "coburn", "the regulars fired first", "supports")
        >>> row = compare(m, "gage", "coburn").row("regulars-first")
        >>> str(row.position_a), str(row.position_b), str(row.verdict)
        ('denies', 'affirms', 'disagree')
    """
    m.source(a)
    m.source(b)
    return _Engine(m).compare(a, b)


def disputes(m: ArgumentMap, sources: Iterable[str] | None = None) -> dict[str, Verdict]:
    """The theses on which any two of ``sources`` (default: all) are at odds, each with the
    strongest verdict of any pair: ``DISAGREE``, then ``INDIRECT``, then ``TENSION``.

    Examples:
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> for key in ("a", "b"):
        ...     _ = m.add_source(Source(key=key, text="yes no"))
        >>> _ = m.add_thesis("t", "A thesis.")
        >>> _ = m.cite("t", "a", "yes", "supports"), m.cite("t", "b", "no", "contests")
        >>> disputes(m)
        {'t': <Verdict.DISAGREE: 'disagree'>}
    """
    keys = [s.key for s in m.sources] if sources is None else [m.source(k).key for k in sources]
    engine = _Engine(m)
    found: dict[str, Verdict] = {}
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            for thesis, verdict in engine.at_odds_verdicts(a, b):
                if thesis not in found or _STRENGTH[verdict] < _STRENGTH[found[thesis]]:
                    found[thesis] = verdict
    return {t.id: found[t.id] for t in engine.theses if t.id in found}


_STRENGTH = {Verdict.DISAGREE: 0, Verdict.INDIRECT: 1, Verdict.TENSION: 2}


def compare_all(m: ArgumentMap) -> ComparisonMatrix:
    """Compare every pair of sources: the source × source disagreement counts and all positions.

    The positions and each source's chains are computed once for all pairs.

    Examples:
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> for key in ("a", "b", "c"):
        ...     _ = m.add_source(Source(key=key, text="yes no"))
        >>> _ = m.add_thesis("t", "A thesis.")
        >>> _ = m.cite("t", "a", "yes", "supports"), m.cite("t", "b", "no", "contests")
        >>> print(compare_all(m))
        Theses at odds, row's source against column's (diagonal: a source against itself):
           a  b  c
        a  0  1  0
        b  1  0  0
        c  0  0  0
    """
    engine = _Engine(m)
    keys = tuple(engine.sources)
    counts: dict[str, dict[str, int]] = {a: {} for a in keys}
    for i, a in enumerate(keys):
        for b in keys[i:]:
            counts[a][b] = counts[b][a] = sum(1 for _ in engine.at_odds_verdicts(a, b))
    matrix = {a: {b: counts[a][b] for b in keys} for a in keys}
    table = {t.id: {s: engine.positions[s].get(t.id, Position.SILENT) for s in keys} for t in engine.theses}
    return ComparisonMatrix(keys, tuple(t.id for t in engine.theses), matrix, table)
