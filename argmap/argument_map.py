"""The argument map: the one mutable holder of sources, theses, evidence and relations."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import networkx as nx

from argmap import analysis
from argmap.anchor import DEFAULT_MAX_ERROR_RATE, locate
from argmap.errors import DuplicateIdError, InvalidValueError, UnknownSourceError, UnknownThesisError
from argmap.model import Evidence, Position, Relation, Source, Stance, Thesis, check_id

if TYPE_CHECKING:
    from argmap.check import CheckReport

__all__ = ["ArgumentMap"]

_SOURCE, _THESIS = "source:", "thesis:"


class ArgumentMap:
    """Sources, the theses at stake, the evidence quoted for and against them, and relations.

    Backed by a :class:`networkx.MultiDiGraph`: theses and sources are nodes, each piece of
    evidence an edge from its source to its thesis, each relation an edge between theses.
    Everything comes out in the order it was added.

    Examples:
        >>> m = ArgumentMap(title="Lexington, 19 April 1775")
        >>> _ = m.add_source(Source(key="gage", text="the Rebels fired first upon the troops"))
        >>> _ = m.add_thesis("regulars-fired-first", "The regulars fired the first shot.")
        >>> ev = m.cite("regulars-fired-first", "gage", "the Rebels fired first", stance="contests")
        >>> ev.id, ev.passage.start, ev.passage.end, m.position("gage", "regulars-fired-first")
        ('gage-1', 0, 22, <Position.DENIES: 'denies'>)
    """

    def __init__(self, title: str | None = None, *, description: str | None = None) -> None:
        self.title = title
        self.description = description
        self._graph = nx.MultiDiGraph()
        self._evidence: dict[str, Evidence] = {}
        self._relations: dict[tuple[str, str], Relation] = {}

    def __repr__(self) -> str:
        return (
            f"<ArgumentMap {self.title!r}: {len(self.sources)} sources, {len(self.theses)} theses, "
            f"{len(self._evidence)} evidence, {len(self.relations)} relations>"
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ArgumentMap):
            return NotImplemented
        return (self.title, self.description, self.sources, self.theses, self.evidence, self.relations) == (
            other.title,
            other.description,
            other.sources,
            other.theses,
            other.evidence,
            other.relations,
        )

    __hash__ = None  # type: ignore[assignment]  # mutable

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict[str, str]:
        """Jupyter shows a map as its diagram (SVG), as the graphviz package does."""
        from argmap.render import mimebundle  # only Jupyter needs Graphviz here

        return mimebundle(self)

    # -- adding ------------------------------------------------------------------------------

    def add_source(self, source: Source) -> Source:
        """Add a source; its key must be new (DuplicateIdError otherwise), and the source it is
        ``quoted_in``, if any, already in the map (UnknownSourceError otherwise)."""
        if _SOURCE + source.key in self._graph:
            raise DuplicateIdError("source", source.key)
        if source.quoted_in is not None and _SOURCE + source.quoted_in not in self._graph:
            raise UnknownSourceError(
                source.quoted_in, [s.key for s in self.sources], f"add the source {source.key!r} is quoted in first"
            )
        self._graph.add_node(_SOURCE + source.key, value=source)
        return source

    def add_thesis(self, id: str, statement: str, *, note: str | None = None) -> Thesis:
        """Add a thesis with a new id (a slug) and its statement."""
        thesis = Thesis(check_id("thesis", id), statement, note)
        if not statement or not statement.strip():
            raise InvalidValueError(f"statement of thesis {id!r}", statement, "a non-empty sentence")
        if _THESIS + id in self._graph:
            raise DuplicateIdError("thesis", id)
        self._graph.add_node(_THESIS + id, value=thesis)
        return thesis

    def cite(
        self,
        thesis: str,
        source: str,
        quote: str,
        stance: Stance | str,
        *,
        prefix: str | None = None,
        suffix: str | None = None,
        occurrence: int | None = None,
        note: str | None = None,
        id: str | None = None,
        max_error_rate: float | None = None,
    ) -> Evidence:
        """Locate ``quote`` in ``source`` and attach it to ``thesis`` as evidence.

        ``stance`` says whether the passage supports or contests the thesis. ``prefix``,
        ``suffix`` and ``occurrence`` pick one of several occurrences (see
        :func:`argmap.anchor.locate`, which also explains ``max_error_rate`` (``None``: the
        default); the evidence keeps it, so the quote is located again the same way).

        Returns:
            The evidence added, whose ``passage`` says where the quote is.

        Raises:
            UnknownThesisError, UnknownSourceError: an id not in the map.
            QuoteNotFoundError, AmbiguousQuoteError, InvalidQuoteError: see ``locate``.
            DuplicateIdError: ``id`` is taken.
        """
        stance = Stance.parse(stance)
        self.thesis(thesis)
        src = self.source(source)
        rate = DEFAULT_MAX_ERROR_RATE if max_error_rate is None else max_error_rate
        passage = locate(src, quote, prefix=prefix, suffix=suffix, occurrence=occurrence, max_error_rate=rate)
        return self.add_evidence(
            Evidence(
                id or self._next_evidence_id(source),
                thesis,
                stance,
                quote,
                passage,
                note=note,
                prefix=prefix,
                suffix=suffix,
                occurrence=occurrence,
                max_error_rate=max_error_rate,
            )
        )

    def add_evidence(self, evidence: Evidence) -> Evidence:
        """Add evidence whose passage is already located (as ``cite`` and loaders do)."""
        if evidence.id in self._evidence:
            raise DuplicateIdError("evidence", evidence.id)
        self.thesis(evidence.thesis)
        self.source(evidence.source)
        self._graph.add_edge(_SOURCE + evidence.source, _THESIS + evidence.thesis, key=evidence.id, value=evidence)
        self._evidence[evidence.id] = evidence
        return evidence

    def relate(self, from_thesis: str, to_thesis: str, stance: Stance | str, *, note: str | None = None) -> Relation:
        """Say that one thesis supports or contests another."""
        relation = Relation(from_thesis, to_thesis, stance, note)
        self.thesis(from_thesis)
        self.thesis(to_thesis)
        if from_thesis == to_thesis:
            raise InvalidValueError("relation", from_thesis, "two different theses")
        if (from_thesis, to_thesis) in self._relations:
            raise DuplicateIdError("relation", f"{from_thesis} -> {to_thesis}")
        self._graph.add_edge(_THESIS + from_thesis, _THESIS + to_thesis, key="relation", value=relation)
        self._relations[from_thesis, to_thesis] = relation
        return relation

    def _next_evidence_id(self, source: str) -> str:
        n = 1 + sum(1 for ev in self._evidence.values() if ev.source == source)
        while f"{source}-{n}" in self._evidence:
            n += 1
        return f"{source}-{n}"

    # -- reading -----------------------------------------------------------------------------

    @property
    def sources(self) -> tuple[Source, ...]:
        """Every source, in the order added."""
        return tuple(self._values(_SOURCE))

    @property
    def theses(self) -> tuple[Thesis, ...]:
        """Every thesis, in the order added."""
        return tuple(self._values(_THESIS))

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        """Every piece of evidence, in the order added."""
        return tuple(self._evidence.values())

    @property
    def relations(self) -> tuple[Relation, ...]:
        """Every relation between theses, in the order added."""
        return tuple(self._relations.values())

    def _values(self, prefix: str) -> Iterable[Any]:
        return (data["value"] for node, data in self._graph.nodes(data=True) if node.startswith(prefix))

    def source(self, key: str) -> Source:
        """The source with this key (UnknownSourceError otherwise)."""
        try:
            return self._graph.nodes[_SOURCE + key]["value"]  # type: ignore[no-any-return]
        except (KeyError, TypeError):
            raise UnknownSourceError(key, [s.key for s in self.sources]) from None

    def thesis(self, id: str) -> Thesis:
        """The thesis with this id (UnknownThesisError otherwise)."""
        try:
            return self._graph.nodes[_THESIS + id]["value"]  # type: ignore[no-any-return]
        except (KeyError, TypeError):
            raise UnknownThesisError(id, [t.id for t in self.theses]) from None

    def evidence_for(self, thesis: str, source: str | None = None) -> tuple[Evidence, ...]:
        """The evidence attached to ``thesis`` (only from ``source``, if given), in order added."""
        self.thesis(thesis)
        if source is not None:
            self.source(source)
        return tuple(
            ev for ev in self._evidence.values() if ev.thesis == thesis and (source is None or ev.source == source)
        )

    def position(self, source: str, thesis: str) -> Position:
        """What ``source`` holds on ``thesis``: affirms, denies, mixed, or silent."""
        return analysis.position_of(ev.stance for ev in self.evidence_for(thesis, source))

    def positions(self) -> dict[str, dict[str, Position]]:
        """Every source's position on every thesis: ``{thesis_id: {source_key: Position}}``."""
        return analysis.positions(self)

    def compare(self, a: str, b: str) -> analysis.Comparison:
        """Compare two sources thesis by thesis (see :func:`argmap.analysis.compare`)."""
        return analysis.compare(self, a, b)

    def compare_all(self) -> analysis.ComparisonMatrix:
        """Compare every pair of sources (see :func:`argmap.analysis.compare_all`)."""
        return analysis.compare_all(self)

    def check(self, *, max_error_rate: float = DEFAULT_MAX_ERROR_RATE) -> CheckReport:
        """Locate every quote of the map again and report on each (nothing raised).

        Each quote is located with the budget it was cited with, else ``max_error_rate``.
        """
        from argmap.check import check  # check builds on the map, not the other way round

        return check(self, max_error_rate=max_error_rate)

    def to_networkx(self) -> nx.MultiDiGraph:
        """A copy of the map as a graph with plain attributes, for users to analyse.

        Nodes ``thesis:ID`` (``kind="thesis"``, ``statement``) and ``source:KEY``
        (``kind="source"``, ``title``, ``authors``, ``year``); edges source → thesis for
        evidence (``kind="evidence"``, key = evidence id, ``stance``, ``quote``, ``start``,
        ``end``, ``pages``, ``match``, ``score``) and thesis → thesis for relations
        (``kind="relation"``, ``stance``). Lists are joined with ``"; "``.
        """
        graph = nx.MultiDiGraph(title=self.title or "")
        for source in self.sources:
            graph.add_node(
                _SOURCE + source.key, kind="source", key=source.key, title=source.title or "",
                authors="; ".join(source.authors), year=source.year or 0,
            )  # fmt: skip
        for thesis in self.theses:
            graph.add_node(_THESIS + thesis.id, kind="thesis", id=thesis.id, statement=thesis.statement)
        for ev in self.evidence:
            graph.add_edge(
                _SOURCE + ev.source, _THESIS + ev.thesis, key=ev.id, kind="evidence", id=ev.id,
                stance=ev.stance.value, quote=ev.quote, start=ev.passage.start, end=ev.passage.end,
                pages="; ".join(ev.passage.pages), match=ev.passage.match.value, score=ev.passage.score,
            )  # fmt: skip
        for rel in self.relations:
            graph.add_edge(
                _THESIS + rel.from_thesis, _THESIS + rel.to_thesis, key="relation", kind="relation",
                stance=rel.stance.value,
            )  # fmt: skip
        return graph
