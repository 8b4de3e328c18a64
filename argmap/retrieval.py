"""The passages of a source that a reader could quote, and a BM25 index over them.

A source's normalized view (:mod:`argmap.text`) is cut into sentences: after ``.``, ``!`` or
``?`` (not after an abbreviation or an initial: ``Mr.``, ``S. R. Gardiner``) and at paragraph
breaks that do not fall in mid-sentence (a page marker between blank lines does not end a
sentence). A sentence shorter than :data:`MIN_WORDS` is joined to the next one of its paragraph,
so a passage is a sentence or a short run of sentences. Every passage starts and ends between
words of the view, so mapped back to the original it never starts or ends inside a word, a page
marker or a footnote anchor (those are folded away in the view). Only the text the source
occupies (``Source.extent``, and a web page's main text) is cut.

The index is BM25 (Lucene's variant, computed by ``bm25s``) over the passages' words: lowercased,
English stop words left out, stemmed with the Snowball English stemmer (``PyStemmer``), so
``intervened`` finds ``intervention``. Book-length indexes are kept in argmap's disk cache
(:func:`argmap.files.cache_entry`), keyed by the text, the spans its view skips, its extent and
this module's format; an entry is read with ``allow_pickle=False`` and checked before use.
"""

from __future__ import annotations

import contextlib
import functools
import io
import re
import weakref
import zipfile
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from argmap.files import cache_entry, write_atomic

if TYPE_CHECKING:
    from pathlib import Path

    import numpy as np

    from argmap.model import Source
    from argmap.text import TextView

__all__ = ["MAX_WORDS", "MIN_WORDS", "PassageIndex", "cache_path", "passage_index", "stems", "words_with_offsets"]

#: A sentence with fewer words than this is joined to the next one of its paragraph.
MIN_WORDS = 12
#: A sentence longer than this is cut after its semicolons and colons.
MAX_WORDS = 60
_CLAUSE = re.compile(r"[;:] +")
#: BM25's parameters: term-frequency saturation and length normalization.
K1, B = 1.2, 0.75
#: Texts this long keep their index in the disk cache (a shorter one is built in milliseconds).
CACHE_FROM = 100_000
_FORMAT = "argmap-passages-2"
_WORD = re.compile(r"[^\W_]+")
# a sentence ends after . ! or ? (and any closing quotes or brackets), before whitespace and a
# capital, a digit or an opening quote or bracket
_END = re.compile(r"[.!?][\"')\]]*(?= +[\"'(\[]*[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    (
        "mr", "mrs", "ms", "dr", "st", "sir", "rev", "fr", "col", "gen", "capt", "lieut", "maj", "sgt", "esq",
        "jr", "sr", "messrs", "vol", "vols", "p", "pp", "ch", "chap", "no", "nos", "cf", "ibid", "id", "viz",
        "etc", "ed", "eds", "art", "fig", "ca", "c", "dom", "mss", "i.e", "e.g", "jan", "feb", "mar", "apr",
        "aug", "sept", "sep", "oct", "nov", "dec", "hon", "lt", "gov", "govt", "co", "bros", "inst", "ult",
        "prox",
    )
)
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")
_FINAL = ".!?:\"')]"


@functools.cache
def _stemmer() -> Any:
    import Stemmer  # PyStemmer: only where passages are ranked

    return Stemmer.Stemmer("english")


@functools.cache
def _stop_words() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_EN_PLUS

    return frozenset(STOPWORDS_EN_PLUS)


def words_with_offsets(text: str) -> list[tuple[int, int, str]]:
    """Every word of ``text`` with its span: ``(start, end, word)``; apostrophes split words.

    Examples:
        >>> words_with_offsets("Fawkes's cellar, 1605")
        [(0, 6, 'Fawkes'), (7, 8, 's'), (9, 15, 'cellar'), (17, 21, '1605')]
    """
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]


def stems(words: Iterable[str]) -> list[str]:
    """The index terms of ``words``: lowercased and stemmed, stop words and single letters out.

    Examples:
        >>> stems(["The", "Americans", "intervened", "in", "Korea", "s", "1950"])
        ['american', 'interven', 'korea', '1950']
    """
    lowered = [w.lower() for w in words]
    stop = _stop_words()
    kept = [w for w in lowered if w not in stop and (len(w) > 1 or w.isdigit())]
    if not kept:
        return []
    table = _stem_table(tuple(dict.fromkeys(kept)))
    return [table[w] for w in kept]


def _stem_table(words: Sequence[str]) -> dict[str, str]:
    return dict(zip(words, _stemmer().stemWords(list(words)), strict=True))


@attrs.frozen(eq=False)
class PassageIndex:
    """The candidate passages of a source's view and their BM25 index.

    Attributes:
        starts, ends: each passage's span in the view, in text order.
        vocabulary: the index terms (stems), by term id.
        data, indices, indptr: the BM25 weight of each (passage, term) pair, by term (a CSC
            matrix: the passages that hold term ``t`` are ``indices[indptr[t]:indptr[t+1]]``).
        lengths: how many index terms each passage has.
    """

    starts: np.ndarray
    ends: np.ndarray
    vocabulary: tuple[str, ...]
    data: np.ndarray
    indices: np.ndarray
    indptr: np.ndarray
    lengths: np.ndarray
    term_ids: dict[str, int] = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "term_ids", {term: i for i, term in enumerate(self.vocabulary)})

    def __len__(self) -> int:
        return len(self.starts)

    def span(self, i: int) -> tuple[int, int]:
        """The view span of passage ``i``."""
        return int(self.starts[i]), int(self.ends[i])

    def document_frequency(self, term: str) -> int:
        """In how many passages ``term`` (a stem) occurs."""
        t = self.term_ids.get(term)
        return 0 if t is None else int(self.indptr[t + 1] - self.indptr[t])

    def scores(self, terms: dict[str, float]) -> np.ndarray:
        """The BM25 score of every passage for a query of ``terms`` (stem: weight)."""

        return self.scores_and_counts(terms)[0]

    def scores_and_counts(self, terms: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
        """The BM25 score of every passage for a query of ``terms`` (stem: weight), and the
        weight of the query's terms that each passage holds."""
        import numpy as np

        out = np.zeros(len(self), dtype=np.float64)
        held = np.zeros(len(self), dtype=np.float64)
        for term, weight in terms.items():
            t = self.term_ids.get(term)
            if t is None:
                continue
            lo, hi = int(self.indptr[t]), int(self.indptr[t + 1])
            out[self.indices[lo:hi]] += weight * self.data[lo:hi]  # a term occurs once per column
            held[self.indices[lo:hi]] += weight
        return out, held

    def terms_of(self) -> list[np.ndarray]:
        """The term ids of each passage (the transpose of the index)."""
        import numpy as np

        counts = np.diff(self.indptr)
        term_of_entry = np.repeat(np.arange(len(self.vocabulary)), counts)
        order = np.argsort(self.indices, kind="stable")
        bounds = np.searchsorted(self.indices[order], np.arange(len(self) + 1))
        terms = term_of_entry[order]
        return [terms[bounds[i] : bounds[i + 1]] for i in range(len(self))]

    def to_bytes(self) -> bytes:
        import numpy as np

        buffer = io.BytesIO()
        np.savez(
            buffer, starts=self.starts, ends=self.ends, vocabulary=np.array(self.vocabulary, dtype=str),
            data=self.data, indices=self.indices, indptr=self.indptr, lengths=self.lengths,
        )  # fmt: skip
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, raw: bytes, view_length: int) -> PassageIndex:
        """The index :meth:`to_bytes` wrote, for a view of ``view_length`` characters.

        Raises:
            ValueError: ``raw`` is no such index (a damaged or foreign cache entry).
        """
        import numpy as np

        with np.load(io.BytesIO(raw), allow_pickle=False) as npz:
            arrays = {name: npz[name] for name in ("starts", "ends", "vocabulary", "data", "indices", "indptr",
                                          "lengths")}  # fmt: skip
        starts, ends, indices, indptr = (arrays[n] for n in ("starts", "ends", "indices", "indptr"))
        n, vocabulary = len(starts), tuple(str(t) for t in arrays["vocabulary"])
        ok = (
            len(ends) == n == len(arrays["lengths"]) and len(indptr) == len(vocabulary) + 1
            and len(arrays["data"]) == len(indices)
            and (n == 0 or (starts.min() >= 0 and ends.max() <= view_length and bool(np.all(starts < ends))))
            and (len(indptr) == 0 or (indptr[0] == 0 and indptr[-1] == len(indices)))
            and bool(np.all(np.diff(indptr) >= 0)) and (len(indices) == 0 or (indices.min() >= 0 and indices.max() < n))
        )  # fmt: skip
        if not ok:
            raise ValueError("not a passage index of this text")
        return cls(starts, ends, vocabulary, arrays["data"], indices, indptr, arrays["lengths"])


_INDEXES: weakref.WeakKeyDictionary[TextView, dict[tuple[int, int], PassageIndex]] = weakref.WeakKeyDictionary()


def passage_index(source: Source) -> PassageIndex:
    """The passage index of ``source``: from memory, from the disk cache, or built (and kept)."""
    view = source.view
    bounds = _bounds(source)
    kept = _INDEXES.setdefault(view, {})
    if bounds in kept:
        return kept[bounds]
    entry = cache_path(source)
    index = None
    if entry is not None:
        # a missing, damaged or foreign entry (not a zip, not our arrays, out of bounds): built anew
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError, EOFError, zipfile.BadZipFile):
            index = PassageIndex.from_bytes(entry.read_bytes(), len(view.text))
    if index is None:
        index = build_index(view, source.text, source.page_layout.skipped, bounds)
        if entry is not None:
            with contextlib.suppress(Exception):  # a cache that cannot be written is no error
                write_atomic(entry, index.to_bytes())
    kept[bounds] = index
    return index


def cache_path(source: Source) -> Path | None:
    """The disk-cache file of the source's passage index; ``None`` for a short text or with the cache off."""
    if len(source.text) < CACHE_FROM:
        return None
    return cache_entry(".passages.npz", _FORMAT, source.page_layout.skipped, _bounds(source),
                       content=source.text.encode("utf-8", "surrogatepass"))  # fmt: skip


def _bounds(source: Source) -> tuple[int, int]:
    """The view span of the text the source occupies: its extent, and a web page's main text."""
    start, end = source.extent
    main = source.page_layout.main
    if main is not None:
        start, end = max(start, main[0]), min(end, main[1])
    if end <= start:
        return 0, 0
    return source.view.from_original(start, end)


def build_index(view: TextView, text: str, skipped: Sequence[tuple[int, int]], bounds: tuple[int, int]) -> PassageIndex:
    """Cut the view into passages (within ``bounds``) and index them with BM25."""
    import numpy as np

    spans = passages(view, text, skipped, bounds)
    documents: list[list[str]] = []
    all_words = [_WORD.findall(view.text, s, e) for s, e in spans]
    lowered = {w.lower() for words in all_words for w in words}
    stop = _stop_words()
    table = _stem_table(tuple(sorted(w for w in lowered if w not in stop and (len(w) > 1 or w.isdigit()))))
    for words in all_words:
        documents.append([stem for w in words if (stem := table.get(w.lower())) is not None])
    vocabulary = sorted({t for doc in documents for t in doc})
    ids = {t: i for i, t in enumerate(vocabulary)}
    starts = np.array([s for s, _ in spans], dtype=np.int64)
    ends = np.array([e for _, e in spans], dtype=np.int64)
    lengths = np.array([len(doc) for doc in documents], dtype=np.int32)
    if not vocabulary:
        empty = np.zeros(0, dtype=np.float32)
        return PassageIndex(starts, ends, (), empty, np.zeros(0, dtype=np.int32), np.zeros(1, dtype=np.int64), lengths)
    import bm25s  # only where passages are ranked

    # Lucene's BM25 (k1 = 1.2, b = 0.75); an empty passage keeps its row, with no terms
    ranker = bm25s.BM25(k1=K1, b=B, method="lucene")
    matrix = ranker.build_index_from_ids(
        unique_token_ids=list(range(len(vocabulary))),
        corpus_token_ids=[[ids[t] for t in doc] for doc in documents],
        show_progress=False,
    )
    return PassageIndex(
        starts, ends, tuple(vocabulary), np.asarray(matrix["data"]), np.asarray(matrix["indices"]),
        np.asarray(matrix["indptr"], dtype=np.int64), lengths,
    )  # fmt: skip


def passages(
    view: TextView, text: str, skipped: Sequence[tuple[int, int]], bounds: tuple[int, int] | None = None
) -> list[tuple[int, int]]:
    """The candidate passages of a view, as view spans in text order: sentences, short ones
    joined to the next of their paragraph.

    Args:
        view: the normalized view of ``text``.
        text: the original text (its blank lines are the paragraph breaks).
        skipped: the spans of ``text`` that the view skips (page markers, anchors).
        bounds: the view span to cut (``None``: all of it).

    Examples:
        >>> from argmap.text import normalize
        >>> text = "Mr. Percy hired the cellar. It was dark.\\n\\nThe powder was found there on the fifth of November."
        >>> view = normalize(text)
        >>> [view.text[s:e] for s, e in passages(view, text, (), None)]  # doctest: +NORMALIZE_WHITESPACE
        ['Mr. Percy hired the cellar. It was dark.', 'The powder was found there on the fifth of November.']
    """
    lo, hi = bounds if bounds is not None else (0, len(view.text))
    body = view.text
    sentence_ends = list(_sentence_ends(body, lo, hi))
    paragraph_ends = _paragraph_ends(view, text, skipped, lo, hi, sentence_ends)
    breaks = sorted(set(sentence_ends) | paragraph_ends)
    sentences: list[tuple[int, int, bool]] = []  # start, end, whether a paragraph ends there
    at = lo
    for cut in [*breaks, hi]:
        start, end = _strip(body, at, cut)
        if end > start:
            sentences.append((start, end, cut in paragraph_ends or cut == hi))
        at = cut
    out: list[tuple[int, int]] = []
    pending: tuple[int, int] | None = None
    joinable = False  # whether the last passage may take a short sentence that ends its paragraph
    for start, end, paragraph_end in _clauses(body, sentences):
        first = pending[0] if pending is not None else start
        short = len(_WORD.findall(body, first, end)) < MIN_WORDS
        if short and not paragraph_end:
            pending = (first, end)
            continue
        if short and joinable:
            out[-1] = (out[-1][0], end)
        else:
            out.append((first, end))
        pending = None
        joinable = not paragraph_end
    if pending is not None:
        out.append(pending)
    return [(s, e) for s, e in out if _WORD.search(body, s, e)]


def _clauses(body: str, sentences: list[tuple[int, int, bool]]) -> Iterable[tuple[int, int, bool]]:
    """The sentences, a sentence of more than :data:`MAX_WORDS` words cut after its semicolons
    and colons (an eighteenth-century paragraph is often one sentence)."""
    for start, end, paragraph_end in sentences:
        if len(_WORD.findall(body, start, end)) <= MAX_WORDS:
            yield start, end, paragraph_end
            continue
        at = start
        for cut in _CLAUSE.finditer(body, start, end):
            yield at, cut.start() + 1, False
            at = cut.end()
        yield at, end, paragraph_end


def _strip(body: str, start: int, end: int) -> tuple[int, int]:
    while start < end and body[start] == " ":
        start += 1
    while end > start and body[end - 1] == " ":
        end -= 1
    return start, end


def _sentence_ends(body: str, lo: int, hi: int) -> Iterable[int]:
    for match in _END.finditer(body, lo, hi):
        word = re.search(r"([\w.]+)\.$", body[max(lo, match.start() - 12) : match.start() + 1])
        before = word.group(1).lower() if word else ""
        if before.rsplit(".", 1)[-1] in _ABBREVIATIONS or before in _ABBREVIATIONS:
            continue
        if len(before) == 1 and before.isalpha() and body[match.start() - 1].isupper():
            continue  # an initial: S. R. Gardiner
        yield match.end()


def _paragraph_ends(
    view: TextView, text: str, skipped: Sequence[tuple[int, int]], lo: int, hi: int, sentence_ends: Sequence[int]
) -> set[int]:
    """View offsets where a paragraph ends: a blank line of the original (page markers and skipped
    spans count as blank) after a sentence's last punctuation, or after a short line (a heading)
    before a line that does not start in lowercase. A blank line in mid-sentence (a page marker
    between blank lines, a footnote number on its own line) is no paragraph end."""
    masked = _mask(text, skipped)
    body = view.text
    out: set[int] = set()
    last = lo
    ends = iter(sentence_ends)
    upcoming = next(ends, None)
    for match in _BLANK_LINE.finditer(masked):
        at, _ = view.from_original(match.start(), match.start() + 1)
        if not lo < at < hi:
            continue
        while upcoming is not None and upcoming < at:
            last, upcoming = upcoming, next(ends, None)
        end = at  # the end of the text before the blank line, spaces left out
        while end > 0 and body[end - 1] == " ":
            end -= 1
        if not end or end < last:
            continue
        nxt = at
        while nxt < len(body) and body[nxt] == " ":
            nxt += 1
        heading = len(_WORD.findall(body, last, at)) < MIN_WORDS and not body[nxt : nxt + 1].islower()
        if body[end - 1] in _FINAL or heading:
            out.add(at)
            last = at
    return out


def _mask(text: str, removed: Sequence[tuple[int, int]]) -> str:
    pieces, pos = [], 0
    for start, end in sorted(removed):
        start = max(start, pos)
        if end <= start:
            continue
        pieces += [text[pos:start], " " * (end - start)]
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)

