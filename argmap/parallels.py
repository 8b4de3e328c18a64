"""Parallel passages: where two sources treat the same matter, and what differs between them.

Each source's passages are those of :mod:`argmap.retrieval` (sentences and short runs of them).
Two passages, one from each source, are parallel when they share words that are rare in *both*
texts: names, places, dates, the matter's own vocabulary. Each shared index term weighs the
smaller of its two inverse document frequencies (a word common in either book says little), a
number half as much again; a pair scores the cosine of its passages' weighted term
sets, and must share at least :data:`MIN_SHARED` terms. The best pairs come first, each passage
in one pair at most. Headings, captions (fewer than six index terms) and index entries or lists of
references (a quarter of their words numbers) are not paired.

For each pair argmap lists what differs: the numbers and dates only one passage gives, the names
only one names, whether only one is negated (``not``, ``never``, ``no``, ...), and which evidence of
the map already cites either passage (a pair that no evidence cites is a place where the sources
may disagree that nobody has mapped yet). Two passages with nearly the same words (both quote the
same document) are marked ``same_words``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping, Sequence
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Any, overload

import attrs

from argmap.errors import InvalidValueError, expect
from argmap.model import Match, Passage, Source
from argmap.retrieval import PassageIndex, passage_index, stems, words_with_offsets

if TYPE_CHECKING:
    from argmap.argument_map import ArgumentMap

__all__ = ["MIN_SHARED", "Parallel", "Parallels", "parallels"]

#: Fewest index terms two passages must share to be parallel.
MIN_SHARED = 3
#: Fewest index terms a passage must have to be paired (captions, headings and index lines have fewer).
_MIN_TERMS = 6
#: A term in more passages than this (in either source) is too common to pair passages by.
_MOST_PASSAGES = 40
#: Extra weight of a number (a year, a day, a count): names are rare words already.
_NUMBER_BOOST = 1.5
_NEGATIONS = frozenset(
    (
        "not", "no", "never", "nor", "neither", "nothing", "none", "nobody", "nowhere", "cannot", "without",
    )
)
# number words ("one", "first" and "second" say too often something else: "one of them fired first")
_NUMBER_WORDS = frozenset(
    (
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
        "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty",
        "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "third", "fourth", "fifth",
        "sixth", "seventh", "eighth", "ninth", "tenth",
    )
)
# months, when capitalized ("May", not "may")
_MONTHS = frozenset(
    (
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    )
)
_NUMBER = re.compile(r"^\d+(?:st|nd|rd|th|d)?$")
_NOT = re.compile(r"n['\u2019]t\b", re.IGNORECASE)
_ROMAN = frozenset(
    (
        "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "p", "pp", "vol",
    )
)
_OPENING = frozenset(".!?:;\"'(-")


@attrs.frozen
class Parallel:
    """Two passages, one from each source, that treat the same matter.

    Attributes:
        a, b: the passages (of the first and the second source).
        score: how strongly they share rare words, in (0, 1].
        shared: the words they share, as the first passage spells them, rarest first.
        numbers: the numbers and dates only ``a`` gives, and only ``b`` gives.
        names: the names only ``a`` names, and only ``b`` names.
        negated: whether each passage holds a negation (``not``, ``never``, ``no``, ...).
        cited_a, cited_b: the ids of the map's evidence whose passages overlap ``a``, ``b``.
        same_words: the two passages say nearly the same words (both quote one document).
        rank: 1 for the best pair, then 2, ...
    """

    a: Passage
    b: Passage
    score: float
    shared: tuple[str, ...]
    numbers: tuple[tuple[str, ...], tuple[str, ...]]
    names: tuple[tuple[str, ...], tuple[str, ...]]
    negated: tuple[bool, bool]
    cited_a: tuple[str, ...]
    cited_b: tuple[str, ...]
    same_words: bool
    rank: int

    @property
    def differences(self) -> tuple[str, ...]:
        """What differs between the two passages, in words (empty: nothing argmap can tell)."""
        out = []
        if any(self.numbers):
            out.append(f"numbers and dates: {_listed(self.numbers[0])} / {_listed(self.numbers[1])}")
        if any(self.names):
            out.append(f"names: {_listed(self.names[0])} / {_listed(self.names[1])}")
        if self.negated[0] != self.negated[1]:
            out.append(f"negation: only in {self.a.source if self.negated[0] else self.b.source}")
        if self.same_words:
            out.append("nearly the same words (both quote one text?)")
        return tuple(out)

    @property
    def mapped(self) -> bool:
        """Whether evidence of the map already cites either passage."""
        return bool(self.cited_a or self.cited_b)

    def to_dict(self) -> dict[str, Any]:
        """The pair as JSON-ready data."""

        def side(p: Passage, cited: tuple[str, ...], numbers: tuple[str, ...], names: tuple[str, ...],
                 negated: bool) -> dict[str, Any]:  # fmt: skip
            return {"source": p.source, "start": p.start, "end": p.end, "pages": list(p.pages), "cite": p.cite(),
                    "text": p.text, "cited_by": list(cited), "only_numbers": list(numbers),
                    "only_names": list(names), "negated": negated}  # fmt: skip

        return {
            "rank": self.rank, "score": self.score, "shared": list(self.shared), "same_words": self.same_words,
            "a": side(self.a, self.cited_a, self.numbers[0], self.names[0], self.negated[0]),
            "b": side(self.b, self.cited_b, self.numbers[1], self.names[1], self.negated[1]),
            "differences": list(self.differences),
        }  # fmt: skip


def _listed(words: Sequence[str]) -> str:
    return ", ".join(words) if words else "-"


@attrs.frozen
class Parallels(Sequence[Parallel]):
    """The parallel passages of two sources, best first."""

    a: str
    b: str
    items: tuple[Parallel, ...]
    notes: tuple[str, ...] = ()

    @overload
    def __getitem__(self, i: int) -> Parallel: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[Parallel]: ...
    def __getitem__(self, i: int | slice) -> Parallel | Sequence[Parallel]:
        return self.items[i]

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Parallel]:
        return iter(self.items)

    @property
    def unmapped(self) -> tuple[Parallel, ...]:
        """The pairs that no evidence of the map cites on either side."""
        return tuple(p for p in self.items if not p.mapped)

    def to_dict(self) -> dict[str, Any]:
        """The pairs as JSON-ready data."""
        return {"a": self.a, "b": self.b, "parallels": [p.to_dict() for p in self.items], "notes": list(self.notes)}


def parallels(m: ArgumentMap, a: str, b: str, *, k: int = 20, quotations: bool = False) -> Parallels:
    """The ``k`` best pairs of passages, one of source ``a`` and one of ``b``, that treat the same matter.

    Pairs in nearly the same words (one source quotes the other, or both quote one document)
    tell the matter alike, not differently: they are left out, and counted in ``notes``, unless
    ``quotations`` is true.

    Raises:
        UnknownSourceError: a key not in the map.
        InvalidValueError: ``k`` is not a positive whole number, or ``a`` and ``b`` read the same text.

    Examples:
        >>> from argmap import ArgumentMap, Source
        >>> m = ArgumentMap()
        >>> _ = m.add_source(Source(key="gage", text="Major Pitcairn ordered the rebels at Lexington to "
        ...     "disperse, and one of them fired first, about 150 rebels in all."))
        >>> _ = m.add_source(Source(key="coburn", text="At Lexington Major Pitcairn ordered the minute-men to "
        ...     "disperse; they did not fire, some 70 men in all."))
        >>> [p.differences for p in m.parallels("gage", "coburn")]
        [('numbers and dates: 150 / 70', 'negation: only in coburn')]
    """
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise InvalidValueError("k", k, "a whole number of pairs, 1 or more")
    expect("quotations", quotations, bool, "True or False")
    first, second = m.source(a), m.source(b)
    if first.text == second.text and first.extent == second.extent:
        raise InvalidValueError("sources", (a, b), "two sources with different texts (these read the same text)")
    ia, ib = passage_index(first), passage_index(second)
    pairs = _pairs(ia, ib)
    cited = {key: [ev for ev in m.evidence if m.source(ev.source).text == src.text]
             for key, src in ((a, first), (b, second))}  # fmt: skip
    items: list[Parallel] = []
    used_a: set[int] = set()
    used_b: set[int] = set()
    alike = 0
    for score, i, j in pairs:
        if i in used_a or j in used_b:
            continue
        pair = _parallel(first, second, ia, ib, i, j, score, cited[a], cited[b], len(items) + 1)
        if _listing(first.words(pair.a.start, pair.a.end)) or _listing(second.words(pair.b.start, pair.b.end)):
            continue  # an index entry, a list of references: the same numbers, no matter
        if pair.same_words and not quotations:
            alike += 1
            continue
        used_a.add(i)
        used_b.add(j)
        items.append(pair)
        if len(items) == k:
            break
    notes = []
    if alike:
        notes.append(
            f"{alike} pair(s) in nearly the same words (one source quoting the other, or both one document) "
            "ranked above these were left out; quotations=True (--quotations) lists them"
        )
    if len(items) < k:
        notes.append(f"only {len(items)} pair(s) of passages share {MIN_SHARED} or more rare words")
    return Parallels(a, b, tuple(items), tuple(notes))


def _pairs(ia: PassageIndex, ib: PassageIndex) -> list[tuple[float, int, int]]:
    """Every pair of passages that shares MIN_SHARED rare terms or more: (score, i, j), best first."""
    import numpy as np

    if not len(ia) or not len(ib):
        return []
    df_a, df_b = np.diff(ia.indptr), np.diff(ib.indptr)
    weights: dict[str, float] = {}
    for term, t in ia.term_ids.items():
        u = ib.term_ids.get(term)
        if u is None:
            continue
        da, db = int(df_a[t]), int(df_b[u])
        if da > _MOST_PASSAGES or db > _MOST_PASSAGES:
            continue
        weight = min(math.log(1 + len(ia) / da), math.log(1 + len(ib) / db))
        if weight > 0:
            weights[term] = weight * (_NUMBER_BOOST if term[:1].isdigit() else 1.0)
    norms_a, norms_b = _norms(ia, weights), _norms(ib, weights)
    codes, values = [], []
    for term, weight in weights.items():
        t, u = ia.term_ids[term], ib.term_ids[term]
        docs_a = ia.indices[ia.indptr[t] : ia.indptr[t + 1]].astype(np.int64)
        docs_b = ib.indices[ib.indptr[u] : ib.indptr[u + 1]].astype(np.int64)
        codes.append((docs_a[:, None] * len(ib) + docs_b[None, :]).ravel())
        values.append(np.full(len(docs_a) * len(docs_b), weight * weight))
    if not codes:
        return []
    all_codes = np.concatenate(codes)
    unique, inverse = np.unique(all_codes, return_inverse=True)
    sums = np.bincount(inverse, weights=np.concatenate(values))
    counts = np.bincount(inverse)
    long_enough = (ia.lengths[unique // len(ib)] >= _MIN_TERMS) & (ib.lengths[unique % len(ib)] >= _MIN_TERMS)
    keep = (counts >= MIN_SHARED) & long_enough
    unique, sums = unique[keep], sums[keep]
    i, j = unique // len(ib), unique % len(ib)
    scores = sums / np.sqrt(norms_a[i] * norms_b[j])
    order = np.lexsort((j, i, -scores))
    return [(float(scores[n]), int(i[n]), int(j[n])) for n in order]


def _norms(index: PassageIndex, weights: Mapping[str, float]) -> Any:
    """Each passage's weighted term-set norm (squared), over every term it holds that has a weight
    in the other text too, and the average weight for the rest (so long passages are not favoured)."""
    import numpy as np

    typical = (sum(weights.values()) / len(weights)) if weights else 1.0
    norms = np.zeros(len(index))
    # every distinct term of a passage counts: those shared with the other text at their weight,
    # the others at the typical weight
    counted = np.zeros(len(index))
    for term, weight in weights.items():
        t = index.term_ids[term]
        docs = index.indices[index.indptr[t] : index.indptr[t + 1]]
        norms[docs] += weight * weight
        counted[docs] += 1
    held = np.bincount(index.indices, minlength=len(index)).astype(np.float64)
    norms += (held - counted) * typical * typical
    return np.maximum(norms, 1e-9)


def _parallel(
    first: Source, second: Source, ia: PassageIndex, ib: PassageIndex, i: int, j: int, score: float,
    cited_a: Sequence[Any], cited_b: Sequence[Any], rank: int,
) -> Parallel:  # fmt: skip
    pa, pb = _passage(first, ia, i), _passage(second, ib, j)
    words_a, words_b = first.words(pa.start, pa.end), second.words(pb.start, pb.end)
    terms_b = set(stems(w for _, _, w in words_with_offsets(words_b)))
    shared: dict[str, None] = {}
    for _, _, word in words_with_offsets(words_a):
        stem = stems([word])
        if stem and stem[0] in terms_b and word.lower() not in {w.lower() for w in shared}:
            shared[word] = None
    df = {w: ia.document_frequency(stems([w])[0]) for w in shared}
    numbers_a, numbers_b = _numbers(words_a), _numbers(words_b)
    names_a, names_b = _names(words_a), _names(words_b)
    terms_a = set(stems(w for _, _, w in words_with_offsets(words_a)))
    same = _alike(words_a, words_b)
    return Parallel(
        pa, pb, round(score, 4), tuple(sorted(shared, key=lambda w: (df[w], w.lower()))),
        (tuple(sorted(numbers_a - numbers_b)), tuple(sorted(numbers_b - numbers_a))),
        (_only(names_a, terms_b), _only(names_b, terms_a)),
        (_negated(words_a), _negated(words_b)),
        _citing(cited_a, pa), _citing(cited_b, pb), same, rank,
    )  # fmt: skip


def _alike(a: str, b: str) -> bool:
    """Whether the shorter of two passages is, word for word, mostly (80%) in the longer: a quotation."""
    wa = [w.lower() for _, _, w in words_with_offsets(a)]
    wb = [w.lower() for _, _, w in words_with_offsets(b)]
    shorter = min(len(wa), len(wb))
    if not shorter:
        return False
    matched = sum(block.size for block in SequenceMatcher(None, wa, wb, autojunk=False).get_matching_blocks())
    return matched >= 0.8 * shorter


def _listing(words: str) -> bool:
    """Whether a passage reads as an index entry or a list of references: a quarter of its words numbers."""
    tokens = [w for _, _, w in words_with_offsets(words)]
    return sum(1 for w in tokens if w[:1].isdigit() or w.lower() in _ROMAN) * 4 >= len(tokens)


def _passage(source: Source, index: PassageIndex, i: int) -> Passage:
    view_start, view_end = index.span(i)
    start, end = source.view.to_original(view_start, view_end)
    text = source.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    layout = source.page_layout
    return Passage(source.key, start, end, text[start:end], layout.pages_of(start, end), Match.EXACT, 1.0,
                   layout.indexes_of(start, end))  # fmt: skip


def _citing(evidence: Sequence[Any], p: Passage) -> tuple[str, ...]:
    return tuple(ev.id for ev in evidence if ev.passage.start < p.end and p.start < ev.passage.end)


def _numbers(words: str) -> set[str]:
    """The numbers, number words, ordinals and months of a passage, lowercased."""
    return {w.lower() for _, _, w in words_with_offsets(words)
            if _NUMBER.match(w.lower()) or w.lower() in _NUMBER_WORDS or w in _MONTHS}  # fmt: skip


def _names(words: str) -> dict[str, str]:
    """The capitalized words of a passage that do not open a sentence: ``{stem: word}``."""
    out: dict[str, str] = {}
    for start, _, word in words_with_offsets(words):
        before = words[:start].rstrip()
        opens = not before or before[-1] in _OPENING
        if not word[:1].isupper() or opens or word in _MONTHS or word.lower() in _NUMBER_WORDS:
            continue
        stem = stems([word])
        if stem:
            out.setdefault(stem[0], word)
    return out


def _only(mine: Mapping[str, str], theirs: set[str]) -> tuple[str, ...]:
    """The names of ``mine`` whose stems the other passage does not have at all."""
    return tuple(sorted({word for stem, word in mine.items() if stem not in theirs}, key=str.lower))


def _negated(words: str) -> bool:
    return any(w.lower() in _NEGATIONS for _, _, w in words_with_offsets(words)) or bool(_NOT.search(words))
