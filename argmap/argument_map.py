"""The argument map: the one mutable holder of sources, theses, evidence and relations."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import attrs

from argmap import analysis, parallels, suggest
from argmap.anchor import DEFAULT_MAX_ERROR_RATE, locate
from argmap.check import CheckReport, check, name_notes
from argmap.errors import (
    DuplicateIdError,
    InvalidValueError,
    NameIndex,
    QuoteTooLongError,
    UnknownSourceError,
    UnknownThesisError,
    expect,
    shown,
)
from argmap.model import Evidence, Position, Relation, Source, Stance, Thesis, check_encodable, check_id

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["ArgumentMap"]

#: The fields of a source that are not its metadata: its text, its pages, how it makes its view.
_NOT_ON_NODES = ("text", "layout", "normalizer")


class ArgumentMap:
    """Sources, the theses at stake, the evidence quoted for and against them, and relations.

    Each kind of value is kept in a plain dict, by id, in the order added; everything comes out
    in that order. :meth:`to_networkx` gives the map as a graph.

    Examples:
        >>> m = ArgumentMap(title="Lexington, 19 April 1775")
        >>> _ = m.add_source(Source(key="gage", text="the Rebels fired first upon the troops"))
        >>> _ = m.add_thesis("regulars-fired-first", "The regulars fired the first shot.")
        >>> ev = m.cite("regulars-fired-first", "gage", "the Rebels fired first", stance="contests")
        >>> ev.id, ev.passage.start, ev.passage.end, m.position("gage", "regulars-fired-first")
        ('gage-1', 0, 22, <Position.DENIES: 'denies'>)
    """

    def __init__(self, title: str | None = None, *, description: str | None = None) -> None:
        expect("title", title, (str, type(None)), "text (a string) or None")
        expect("description", description, (str, type(None)), "text (a string) or None")
        for what, text in (("title", title), ("description", description)):
            if text is not None:
                check_encodable(what, text)
        self.title = title
        self.description = description
        self._sources: dict[str, Source] = {}
        self._theses: dict[str, Thesis] = {}
        self._evidence: dict[str, Evidence] = {}
        self._relations: dict[tuple[str, str], Relation] = {}
        self._cited: dict[str, int] = {}  # pieces of evidence per source, for automatic ids
        #: the source keys and thesis ids indexed for "did you mean", made on the first unknown
        #: one and kept until the next is added (a script may try thousands of wrong ids)
        self._names: dict[str, NameIndex] = {}

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
        from argmap.outputs.render import mimebundle  # a display hook: the one way up, for notebooks

        return mimebundle(self)

    # -- adding ------------------------------------------------------------------------------

    def add_source(self, source: Source) -> Source:
        """Add a source; its key must be new (DuplicateIdError otherwise), and the source it is
        ``quoted_in``, if any, already in the map (UnknownSourceError otherwise).

        A source quoted in another that reads the same file and has no page markers of its own
        takes its host's (``page_pattern``, ``ignore``, ``first_page``, ``layout``): a letter
        printed in a book is on the book's pages. Returns the source as added.
        """
        expect("source", source, Source, "an argmap.Source")
        if source.key in self._sources:
            raise DuplicateIdError("source", source.key, _held(self._sources[source.key]))
        if source.quoted_in is not None:
            host = self._sources.get(source.quoted_in)
            if host is None:
                known = self._index("source", self._sources)
                raise UnknownSourceError(source.quoted_in, known, f"add the source {source.key!r} is quoted in first")
            source = _on_host_pages(source, host)
        self._sources[source.key] = source
        return source

    def add_thesis(self, id: str, statement: str, *, note: str | None = None) -> Thesis:
        """Add a thesis with a new id (a slug) and its statement."""
        thesis = Thesis(check_id("thesis", id), statement, note)  # which refuses a blank statement
        if id in self._theses:
            raise DuplicateIdError("thesis", id, _held(self._theses[id]))
        self._theses[id] = thesis
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
        emend: Mapping[str, str] | None = None,
    ) -> Evidence:
        """Locate ``quote`` in ``source`` and attach it to ``thesis`` as evidence.

        ``stance`` says whether the passage supports or contests the thesis. ``prefix``,
        ``suffix`` and ``occurrence`` pick one of several occurrences (see
        :func:`argmap.anchor.locate`, which also explains ``max_error_rate`` (``None``: the
        default); the evidence keeps it, so the quote is located again the same way) and
        ``emend``, the known errors of the source that the quote corrects).

        Returns:
            The evidence added, whose ``passage`` says where the quote is.

        Raises:
            UnknownThesisError, UnknownSourceError: an id not in the map.
            QuoteNotFoundError, AmbiguousQuoteError, InvalidQuoteError: see ``locate``.
            DuplicateIdError: ``id`` is taken.
        """
        if id is not None:
            check_id("evidence", id)
        stance = Stance.parse(stance)
        self.thesis(thesis)
        src = self.source(source)
        if id is not None and id in self._evidence:
            raise DuplicateIdError("evidence", id, _held(self._evidence[id]))
        rate = DEFAULT_MAX_ERROR_RATE if max_error_rate is None else max_error_rate
        try:
            passage = locate(
                src, quote, prefix=prefix, suffix=suffix, occurrence=occurrence, max_error_rate=rate, emend=emend
            )
        except QuoteTooLongError as exc:
            raise exc.of(id) from None
        evidence = Evidence(
            id or self._next_evidence_id(source), thesis, stance, quote, passage, note=note, prefix=prefix,
            suffix=suffix, occurrence=occurrence, max_error_rate=max_error_rate, emend=emend,
        )  # fmt: skip
        return self.add_evidence(evidence)

    def add_evidence(self, evidence: Evidence) -> Evidence:
        """Add evidence whose passage was located in its source (as ``cite`` and loaders do).

        Raises:
            InvalidValueError: the passage is not a span of its source (its text is not the
                source's text there, or its pages are not the pages there): passages are
                made by locating quotes (:func:`argmap.locate`), never by hand.
        """
        expect("evidence", evidence, Evidence, "an argmap.Evidence (made by cite or argmap.locate)")
        if evidence.id in self._evidence:
            raise DuplicateIdError("evidence", evidence.id, _held(self._evidence[evidence.id]))
        self.thesis(evidence.thesis)
        source = self.source(evidence.source)
        p = evidence.passage
        layout = source.page_layout
        where = (layout.pages_of(p.start, p.end), layout.indexes_of(p.start, p.end))
        if source.text[p.start : p.end] != p.text or where != (p.pages, p.page_indexes):
            raise InvalidValueError(
                f"passage of evidence {evidence.id!r}", (p.start, p.end, p.text[:40], p.pages),
                f"a span of source {source.key!r} with its text and pages; locate the quote with "
                "argmap.locate() or cite it with ArgumentMap.cite()",
            )  # fmt: skip
        self._evidence[evidence.id] = evidence
        self._cited[evidence.source] = self._cited.get(evidence.source, 0) + 1
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
        self._relations[from_thesis, to_thesis] = relation
        return relation

    def _next_evidence_id(self, source: str) -> str:
        n = self._cited.get(source, 0) + 1
        while f"{source}-{n}" in self._evidence:
            n += 1
        return f"{source}-{n}"

    # -- reading -----------------------------------------------------------------------------

    @property
    def sources(self) -> tuple[Source, ...]:
        """Every source, in the order added."""
        return tuple(self._sources.values())

    @property
    def theses(self) -> tuple[Thesis, ...]:
        """Every thesis, in the order added."""
        return tuple(self._theses.values())

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        """Every piece of evidence, in the order added."""
        return tuple(self._evidence.values())

    @property
    def relations(self) -> tuple[Relation, ...]:
        """Every relation between theses, in the order added."""
        return tuple(self._relations.values())

    def source(self, key: str) -> Source:
        """The source with this key (UnknownSourceError otherwise)."""
        try:
            return self._sources[key]
        except (KeyError, TypeError):
            raise UnknownSourceError(key, self._index("source", self._sources)) from None

    def thesis(self, id: str) -> Thesis:
        """The thesis with this id (UnknownThesisError otherwise)."""
        try:
            return self._theses[id]
        except (KeyError, TypeError):
            raise UnknownThesisError(id, self._index("thesis", self._theses)) from None

    def _index(self, kind: str, ids: Mapping[str, object]) -> NameIndex:
        """The "did you mean" index of ``ids``, made anew only when ids were added since (ids are
        never removed, so their number tells)."""
        if kind not in self._names or len(self._names[kind]) != len(ids):
            self._names[kind] = NameIndex(ids)
        return self._names[kind]

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

    def suggest(self, thesis: str, *, source: str | None = None, k: int = 10) -> suggest.Suggestions:
        """The passages of each source (or of ``source``) most likely to bear on ``thesis``, best
        first, ``k`` per source at most (see :func:`argmap.suggest.suggest`)."""
        return suggest.suggest(self, thesis, source=source, k=k)

    def parallels(self, a: str, b: str, *, k: int = 20, quotations: bool = False) -> parallels.Parallels:
        """The ``k`` best pairs of passages of sources ``a`` and ``b`` that treat the same matter,
        each with what differs; pairs in nearly the same words only with ``quotations`` (see
        :func:`argmap.parallels.parallels`)."""
        return parallels.parallels(self, a, b, k=k, quotations=quotations)

    def check(self, *, max_error_rate: float = DEFAULT_MAX_ERROR_RATE) -> CheckReport:
        """Locate every quote of the map again and report on each (nothing raised).

        Each quote is located with the budget it was cited with, else ``max_error_rate``. Names
        whose order is in doubt (``"Chen Jian"``: is Chen the family name?) are warnings too.
        """
        report = check(self.evidence, self.source, max_error_rate=max_error_rate)
        return attrs.evolve(report, names=name_notes(self.sources))

    def to_networkx(self) -> nx.MultiDiGraph:
        """The map as a graph with plain, typed attributes: to analyse, or to write as GraphML.

        Nodes ``source:KEY`` (``kind="source"`` and every field of the source but its text;
        its ``kind`` field as ``source_kind``) and ``thesis:ID`` (``kind="thesis"``, ``id``,
        ``statement``, ``note``); edges source → thesis for evidence (key ``evidence:ID``,
        ``kind="evidence"``, the evidence's fields and its passage's ``start``, ``end``,
        ``text``, ``pages``, ``match``, ``score``) and thesis → thesis for relations (key
        ``relation:FROM->TO``, ``kind="relation"``, ``stance``, ``note``). Values are strings,
        integers or floats: lists are joined with ``"; "``, missing values left out. The graph's
        ``title`` and ``description`` are the map's.
        """
        import networkx as nx  # only this projection needs it: ``import argmap`` stays light

        graph = nx.MultiDiGraph()
        graph.graph.update(_plain({"title": self.title, "description": self.description}))
        for source in self.sources:
            fields = attrs.asdict(source, recurse=False, filter=lambda a, _v: a.name not in _NOT_ON_NODES)
            fields["source_kind"] = fields.pop("kind")
            graph.add_node(f"source:{source.key}", **_plain({**fields, "kind": "source"}))
        for thesis in self.theses:
            graph.add_node(f"thesis:{thesis.id}", **_plain({**attrs.asdict(thesis), "kind": "thesis"}))
        for ev in self.evidence:
            fields = attrs.asdict(ev, recurse=False, filter=lambda a, _v: a.name != "passage")
            p = ev.passage
            fields.update(start=p.start, end=p.end, text=p.text, pages=p.pages, match=p.match.value, score=p.score)
            graph.add_edge(
                f"source:{ev.source}", f"thesis:{ev.thesis}", key=f"evidence:{ev.id}",
                **_plain({**fields, "source": ev.source, "kind": "evidence"}),
            )  # fmt: skip
        for rel in self.relations:
            graph.add_edge(
                f"thesis:{rel.from_thesis}", f"thesis:{rel.to_thesis}",
                key=f"relation:{rel.from_thesis}->{rel.to_thesis}",
                **_plain({"kind": "relation", "stance": rel.stance, "note": rel.note}),
            )  # fmt: skip
        return graph


def _plain(values: dict[str, object]) -> dict[str, str | int | float]:
    """Graph attributes: no ``None``, lists joined with ``"; "``, vocabulary members as strings."""
    out: dict[str, str | int | float] = {}
    for key, value in values.items():
        if value is None or value == ():
            continue
        if isinstance(value, tuple | list):
            value = "; ".join(map(str, value))
        out[key] = value if isinstance(value, int | float) and not isinstance(value, bool) else str(value)
    return out


def _held(value: Source | Thesis | Evidence) -> str:
    """What already holds an id, for the message about a second one: where the first one is."""
    if isinstance(value, Source):
        what = value.title or value.text
        return f"the source added first: {shown(what, 60)}"
    if isinstance(value, Thesis):
        return f"the thesis added first: {shown(value.statement, 60)}"
    return f"the evidence added first: thesis {value.thesis!r}, source {value.source!r}, quote {shown(value.quote, 60)}"


def _on_host_pages(source: Source, host: Source) -> Source:
    """``source`` with the page markers of ``host`` when it reads the same file and has none of its own."""
    same_file = source.path is not None and source.path == host.path
    own = source.page_pattern is not None or source.ignore or source.layout is not None
    if not same_file or own or source.text != host.text:
        return source
    return attrs.evolve(
        source, page_pattern=host.page_pattern, ignore=host.ignore, layout=host.layout,
        first_page=source.first_page if source.first_page is not None else host.first_page,
    )  # fmt: skip
