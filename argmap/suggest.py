"""Finding the evidence: the passages of the sources most likely to bear on a thesis.

The query is the thesis's statement and note and, when it has evidence already, the words of that
evidence (at half weight: the statement says what the thesis is about, the evidence how the
sources put it). Each source's passages (:mod:`argmap.retrieval`: sentences and short runs of
sentences, never cut inside a word, a page marker or a footnote anchor) are ranked with BM25 on
stemmed words, then ranked again with the query widened by the words the source itself uses in
its best passages (pseudo-relevance feedback);
passages that overlap evidence already cited for the thesis are left out. Each suggestion is a
:class:`~argmap.model.Passage` of the source, with pages, and the quote to paste: the passage's
words as a reader sees them, which :func:`argmap.locate` finds again at the same place
(``occurrence`` says which, when the source prints the same words more than once).

A source that reads the same text as one before it (a letter printed in a post and read there,
``quoted_in``) is searched once, under the first; a source with none of the query's words gives
nothing, and :attr:`Suggestions.notes` says why.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, overload

import attrs

from argmap.anchor import locate
from argmap.errors import AmbiguousQuoteError, ArgmapError, InvalidValueError
from argmap.model import Evidence, Match, Passage, Source, Thesis
from argmap.retrieval import PassageIndex, passage_index, stems, words_with_offsets

if TYPE_CHECKING:
    import numpy as np

    from argmap.argument_map import ArgumentMap

__all__ = [
    "EVIDENCE_WEIGHT", "FEEDBACK_PASSAGES", "FEEDBACK_TERMS", "FEEDBACK_WEIGHT", "NEIGHBOURS", "SHORT", "Suggestion",
    "Suggestions", "feedback_terms", "query_terms", "ranking", "suggest",
]  # fmt: skip

#: The weight of a word that only the thesis's evidence has (the statement's and note's weigh 1).
EVIDENCE_WEIGHT = 0.5
#: Passages with fewer index terms than this are scored down in proportion.
SHORT = 5
#: The share of each neighbouring passage's score that a passage gets.
NEIGHBOURS = 0.2
#: Pseudo-relevance feedback: the best FEEDBACK_PASSAGES passages of a first ranking lend the
#: query their FEEDBACK_TERMS most telling other words, the best at FEEDBACK_WEIGHT, the rest less.
FEEDBACK_PASSAGES = 10
FEEDBACK_TERMS = 30
FEEDBACK_WEIGHT = 0.1


@attrs.frozen
class Suggestion:
    """A passage of a source that may bear on a thesis.

    Attributes:
        thesis: the id of the thesis.
        passage: where it is: original offsets, the text there, pages.
        quote: the passage's words as a reader sees them (page markers and footnote anchors out,
            a word broken across a line joined): the quote to paste into the map.
        occurrence: which occurrence of ``quote`` in the source this is, when the source prints
            the same words more than once (``None``: once only).
        score: its BM25 score for the query (higher is better; comparable within one source).
        matched: the passage's words that match words of the query, in text order (for a passage
            found through the words the source uses around the matter, :func:`feedback_terms`, those).
        rank: 1 for the best suggestion of its source, then 2, ...
    """

    thesis: str
    passage: Passage
    quote: str
    score: float
    matched: tuple[str, ...]
    rank: int
    occurrence: int | None = None

    @property
    def source(self) -> str:
        """The key of the source the passage is from."""
        return self.passage.source

    def to_dict(self) -> dict[str, Any]:
        """The suggestion as JSON-ready data."""
        p = self.passage
        return {
            "thesis": self.thesis, "source": p.source, "rank": self.rank, "score": self.score, "quote": self.quote,
            "occurrence": self.occurrence, "start": p.start, "end": p.end, "pages": list(p.pages),
            "cite": p.cite(), "matched": list(self.matched),
        }  # fmt: skip


@attrs.frozen
class Suggestions(Sequence[Suggestion]):
    """The suggestions for one thesis: each source's best first, sources in map order.

    Attributes:
        thesis: the id of the thesis.
        items: the suggestions.
        notes: for a source that gave fewer than asked or nothing, why (``{source key: reason}``).
        terms: the query's index terms (stems) with their weights.
    """

    thesis: str
    items: tuple[Suggestion, ...]
    notes: Mapping[str, str] = attrs.field(factory=dict)
    terms: Mapping[str, float] = attrs.field(factory=dict, repr=False)

    @overload
    def __getitem__(self, i: int) -> Suggestion: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[Suggestion]: ...
    def __getitem__(self, i: int | slice) -> Suggestion | Sequence[Suggestion]:
        return self.items[i]

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Suggestion]:
        return iter(self.items)

    def of(self, source: str) -> tuple[Suggestion, ...]:
        """The suggestions from ``source``, best first."""
        return tuple(s for s in self.items if s.source == source)

    def to_dict(self) -> dict[str, Any]:
        """The suggestions as JSON-ready data."""
        return {"thesis": self.thesis, "suggestions": [s.to_dict() for s in self.items], "notes": dict(self.notes)}


def query_terms(thesis: Thesis, evidence: Sequence[Evidence] = ()) -> dict[str, float]:
    """The query for ``thesis``: the stems of its statement and note (weight 1) and of its
    evidence's quotes (:data:`EVIDENCE_WEIGHT`, for stems the statement lacks).

    Examples:
        >>> query_terms(Thesis("t", "The regulars fired first.", "at Lexington"))
        {'regular': 1.0, 'fire': 1.0, 'first': 1.0, 'lexington': 1.0}
    """
    own = " ".join(filter(None, (thesis.statement, thesis.note)))
    terms = dict.fromkeys(stems(w for _, _, w in words_with_offsets(own)), 1.0)
    for ev in evidence:
        for term in stems(w for _, _, w in words_with_offsets(ev.quote)):
            terms.setdefault(term, EVIDENCE_WEIGHT)
    return terms


def suggest(m: ArgumentMap, thesis: str, *, source: str | None = None, k: int = 10) -> Suggestions:
    """The ``k`` passages of each source of ``m`` (or of ``source``) most likely to bear on ``thesis``.

    Args:
        m: the map.
        thesis: the id of the thesis.
        source: only this source (``None``: every source; one that reads the same text as a
            source before it is searched once, under that one).
        k: how many suggestions per source, at most.

    Returns:
        The suggestions, best first within each source; passages that overlap evidence already
        cited for the thesis are left out. ``notes`` says why a source gave fewer or none.

    Raises:
        UnknownThesisError, UnknownSourceError: an id not in the map.
        InvalidValueError: ``k`` is not a positive whole number.

    Examples:
        >>> from argmap import ArgumentMap, Source
        >>> m = ArgumentMap()
        >>> _ = m.add_source(Source(key="gage", text="The Rebels fired first upon the King's troops.\\n\\n"
        ...     "The troops then marched on to Concord, where they destroyed the stores."))
        >>> _ = m.add_thesis("who-fired", "The rebels fired the first shot at Lexington.")
        >>> [(s.quote, s.matched) for s in m.suggest("who-fired")]
        [("The Rebels fired first upon the King's troops.", ('Rebels', 'fired', 'first'))]
    """
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise InvalidValueError("k", k, "a whole number of suggestions per source, 1 or more")
    the_thesis = m.thesis(thesis)
    cited = m.evidence_for(thesis)
    terms = query_terms(the_thesis, cited)
    notes: dict[str, str] = {}
    searched: list[Source] = []
    for candidate in [m.source(source)] if source is not None else m.sources:
        same = next((s for s in searched if _same_text(s, candidate)), None)
        if same is not None:
            notes[candidate.key] = f"reads the same text as {same.key!r}: its passages are listed under {same.key!r}"
            continue
        searched.append(candidate)
    items: list[Suggestion] = []
    for src in searched:
        if not terms:
            notes[src.key] = (
                f"the thesis {thesis!r} has no words to search for (only short or common words); "
                "give it a fuller statement or a note"
            )
            continue
        index = passage_index(src)
        known = {t: w for t, w in terms.items() if index.document_frequency(t)}
        if not known:
            notes[src.key] = (
                f"none of the words of thesis {thesis!r} occurs in source {src.key!r}; "
                "add a note to the thesis with the words this source uses"
            )
            continue
        excluded = sorted((ev.passage.start, ev.passage.end) for ev in cited if _same_text(m.source(ev.source), src))
        found = _best(src, index, known, the_thesis.id, excluded, k)
        items += found
        if len(found) < k:
            notes[src.key] = f"only {len(found)} passage(s) of source {src.key!r} share words with the thesis"
    return Suggestions(thesis, tuple(items), notes, terms)


def _same_text(a: Source, b: Source) -> bool:
    return a.text is b.text or (a.text == b.text and a.extent == b.extent and a.page_layout == b.page_layout)


def _best(
    source: Source, index: PassageIndex, terms: dict[str, float], thesis: str, excluded: Sequence[tuple[int, int]],
    k: int,
) -> list[Suggestion]:  # fmt: skip
    import numpy as np

    scores = ranking(index, terms)
    hits = np.flatnonzero(scores > 0)
    order = hits[np.lexsort((hits, -scores[hits]))]  # best first; ties in text order
    out: list[Suggestion] = []
    extra: dict[str, float] | None = None
    view, text = source.view, source.text
    layout = source.page_layout
    for i in order:
        view_start, view_end = index.span(int(i))
        start, end = view.to_original(view_start, view_end)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if any(s < end and start < e for s, e in excluded):
            continue
        quote = source.words(start, end)
        found = _occurrence(source, quote, start, end)
        if found is False:
            continue  # the quote would not find this passage again: not worth pasting
        match = Match.EXACT if quote == text[start:end] else Match.NORMALIZED  # as locate() says
        passage = Passage(source.key, start, end, text[start:end], layout.pages_of(start, end), match, 1.0,
                          layout.indexes_of(start, end))  # fmt: skip
        matched = _matched(view.text[view_start:view_end], terms)
        if not matched:  # found through the source's own words (feedback): show those
            if extra is None:
                extra = feedback_terms(index, _scores(index, terms), terms)
            matched = _matched(view.text[view_start:view_end], extra)
        out.append(Suggestion(thesis, passage, quote, round(float(scores[i]), 4), matched, len(out) + 1,
                              None if found is True else found))  # fmt: skip
        if len(out) == k:
            break
    return out


def ranking(index: PassageIndex, terms: Mapping[str, float]) -> np.ndarray:
    """The score of each passage of ``index`` for the query ``terms`` (0: none of its words).

    BM25, times the share of the query's weight the passage holds (a passage that names the
    thesis's matter in several words beats one that repeats a single rare word), times
    ``min(1, terms / SHORT)`` (a heading or an index line of three words is rarely the evidence),
    plus :data:`NEIGHBOURS` of each neighbour's score (the sentences around a passage say what it
    is about). Then once more with the query widened by :func:`feedback_terms`, the words the
    source itself uses in its best passages, so a passage may be found through them alone. Measured in
    benchmarks/suggest.py: each step adds to recall@10.
    """

    first = _scores(index, terms)
    extra = feedback_terms(index, first, terms)
    if not extra:
        return first
    return _scores(index, {**extra, **terms})


def _scores(index: PassageIndex, terms: Mapping[str, float]) -> np.ndarray:
    import numpy as np

    bm25, held = index.scores_and_counts(dict(terms))
    own = bm25 * (held / max(sum(terms.values()), 1e-9)) * np.minimum(1.0, index.lengths / SHORT)
    around = own.copy()
    around[1:] += NEIGHBOURS * own[:-1]
    around[:-1] += NEIGHBOURS * own[1:]
    return np.where(bm25 > 0, around, 0.0)  # a passage without the query's words is never suggested


def feedback_terms(index: PassageIndex, scores: np.ndarray, terms: Mapping[str, float]) -> dict[str, float]:
    """Words to add to the query ``terms`` (stem: weight), from the passages that ``scores`` ranks best.

    Pseudo-relevance feedback: each of the best :data:`FEEDBACK_PASSAGES` passages gives each of
    its terms its score (relative to the best) times the term's IDF, shared among the passage's
    terms; the :data:`FEEDBACK_TERMS` terms not in the query that gather most join it, weighted
    up to :data:`FEEDBACK_WEIGHT` in proportion (ties in vocabulary order).
    """
    import numpy as np

    top = np.argsort(-scores, kind="stable")[:FEEDBACK_PASSAGES]
    top = top[scores[top] > 0]
    if not len(top):
        return {}
    chosen = np.zeros(len(index), dtype=bool)
    chosen[top] = True
    entries = np.flatnonzero(chosen[index.indices])  # the (term, passage) pairs of those passages
    term_of = np.searchsorted(index.indptr, entries, side="right") - 1
    passage = index.indices[entries]
    frequency = np.diff(index.indptr)[term_of]
    idf = np.log(len(index) / frequency)
    held = np.bincount(passage, minlength=len(index))  # each passage's distinct terms
    gathered = np.bincount(term_of, weights=scores[passage] / scores[top[0]] * idf / held[passage],
                           minlength=len(index.vocabulary))  # fmt: skip
    for term in terms:
        t = index.term_ids.get(term)
        if t is not None:
            gathered[t] = 0.0
    candidates = np.flatnonzero(gathered > 0)  # the few terms of those passages
    best = candidates[np.lexsort((candidates, -gathered[candidates]))][:FEEDBACK_TERMS]
    if not len(best):
        return {}
    top_weight = gathered[best[0]]
    return {index.vocabulary[int(t)]: FEEDBACK_WEIGHT * float(gathered[t] / top_weight) for t in best}


def _occurrence(source: Source, quote: str, start: int, end: int) -> int | bool:
    """Which occurrence of ``quote`` the span ``[start, end)`` is (``True``: the only one);
    ``False`` when locating the quote does not lead back to the span."""
    try:
        found = locate(source, quote, max_error_rate=0)
    except AmbiguousQuoteError as exc:
        for n, (s, e, _pages) in enumerate(exc.occurrences, 1):
            if (s, e) == (start, end):
                return n
        return False
    except ArgmapError:
        return False
    return (found.start, found.end) == (start, end)


def _matched(passage: str, terms: Mapping[str, float]) -> tuple[str, ...]:
    words = [w for _, _, w in words_with_offsets(passage)]
    out: dict[str, None] = {}
    for word in words:
        stem = stems([word])
        if stem and stem[0] in terms and word.lower() not in {w.lower() for w in out}:
            out[word] = None
    return tuple(out)
