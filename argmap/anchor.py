"""Finding quotes in sources: every passage argmap knows was located here.

Locating tries, in order:

1. the quote as written, then in normalized form (see :mod:`argmap.text`): every occurrence
   that does not start or end inside a word; one is a match, several are ambiguous unless
   ``prefix``/``suffix`` (the words around it, as in the W3C TextQuoteSelector) or
   ``occurrence`` pick one;
2. approximately: the span of the source with the fewest edits (insertions, deletions,
   substitutions) from the quote, if those edits stay within ``max_error_rate`` of the
   quote's length *and* are transcription slips rather than changed words (``Chlna's`` for
   ``China's`` is a slip; ``hoped`` for ``feared``, a dropped ``not`` or a changed number is
   not).

An ellipsis (``...`` or ``…``) in a quote marks an elision: each part is found in order, each
within ``max_gap`` characters of the one before.

Large texts get an n-gram seed index (built once per text, kept while the source lives): exact
quotes are looked up through their rarest n-gram instead of scanning the text, and approximate
ones are aligned only in the few windows their n-grams vote for.
"""

from __future__ import annotations

import heapq
import re
import weakref
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from typing import Any

import attrs
import edlib
import numpy as np
from rapidfuzz.distance import Levenshtein

from argmap.errors import AmbiguousQuoteError, InvalidQuoteError, QuoteNotFoundError
from argmap.model import Match, Passage, Source
from argmap.text import TextView, fold

__all__ = ["DEFAULT_MAX_ERROR_RATE", "SeedIndex", "locate", "word_diff"]

#: Default budget of approximate matching: edits per character of the quote.
DEFAULT_MAX_ERROR_RATE = 0.1
#: Default longest elided stretch between two parts of a quote, in characters.
DEFAULT_MAX_GAP = 2000

_GRAM = 8  # n-gram length of the seed index
_FREQUENT = 500  # n-grams more frequent than this vote only when nothing rarer exists
_BIN = 32  # width of the diagonal bins that n-gram hits vote for
_INDEX_FROM = 100_000  # texts at least this long get a seed index
_ELLIPSIS = re.compile(r"\s*(?:\.\s*\.\s*\.|\u2026)\s*")


@attrs.frozen
class _Span:
    """A candidate span in view coordinates."""

    start: int
    end: int
    distance: int = 0


def locate(
    source: Source,
    quote: str,
    *,
    occurrence: int | None = None,
    prefix: str | None = None,
    suffix: str | None = None,
    max_error_rate: float = DEFAULT_MAX_ERROR_RATE,
    max_gap: int = DEFAULT_MAX_GAP,
) -> Passage:
    """Find ``quote`` in ``source`` and return the passage where it is.

    Args:
        source: the source to search.
        quote: the quote, verbatim or as transcribed; ``...`` marks an elision.
        occurrence: which occurrence to take when the quote occurs several times (1 = first).
        prefix: words just before the quote in the source, to pick one occurrence.
        suffix: words just after the quote in the source, to pick one occurrence.
        max_error_rate: most edits per quote character that an approximate match may need.
            ``0`` turns approximate matching off.
        max_gap: most characters an elision (``...``) may leave out.

    Returns:
        The passage, with its original offsets, text, pages, match kind and score.

    Raises:
        InvalidQuoteError: the quote is empty (or only an ellipsis).
        QuoteNotFoundError: the quote is not in the source; the error shows the nearest passage.
        AmbiguousQuoteError: the quote occurs more than once and nothing picks one.

    Examples:
        >>> src = Source(key="s", text="He said: \\u201cwe  won\\u2019t\\nyield\\u201d.")
        >>> p = locate(src, '"we won\\'t yield"')
        >>> p.text, p.match.value
        ('\\u201cwe  won\\u2019t\\nyield\\u201d', 'normalized')
    """
    raw_parts = _ELLIPSIS.split(quote)
    needles = [fold(part) for part in raw_parts]
    parts = [(raw, needle) for raw, needle in zip(raw_parts, needles, strict=True) if needle]
    if not parts:
        raise InvalidQuoteError(source.key, quote, "it is empty; quote some words of the source")
    if occurrence is not None and occurrence < 1:
        raise InvalidQuoteError(source.key, quote, f"occurrence={occurrence}; count from 1")
    searcher = _Searcher(source, max_error_rate)
    # A quote may keep an ellipsis that the source itself prints; only else is it an elision.
    literal = [[span] for span in searcher.exact(fold(quote))] if len(parts) > 1 else []
    chains = literal or _chains(searcher, [n for _, n in parts], [r for r, _ in parts], max_gap)
    picked = _pick(source.view.text, chains, prefix, suffix)
    if not picked:
        pages = ", ".join(_passage(source, c, quote).cite() or "no page" for c in chains)
        raise InvalidQuoteError(
            source.key, quote,
            f"it occurs {len(chains)} time(s) ({pages}), but never with the prefix/suffix given; "
            "copy the words around the one you mean from the source",
        )  # fmt: skip
    chains = picked
    if occurrence is not None:
        if occurrence > len(chains):
            raise InvalidQuoteError(source.key, quote, f"occurrence={occurrence}, but it occurs {len(chains)} time(s)")
        chain = chains[occurrence - 1]
    elif len(chains) > 1:
        found = [_passage(source, c, quote) for c in chains]
        raise AmbiguousQuoteError(source.key, quote, [(p.start, p.end, p.pages) for p in found])
    else:
        chain = chains[0]
    return _passage(source, chain, quote)


def _passage(source: Source, chain: Sequence[_Span], quote: str) -> Passage:
    start, _ = source.view.to_original(chain[0].start, chain[0].end)
    _, end = source.view.to_original(chain[-1].start, chain[-1].end)
    text = source.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    distance = sum(span.distance for span in chain)
    if distance == 0:
        match = Match.EXACT if text[start:end] == quote else Match.NORMALIZED
        score = 1.0
    else:
        match = Match.FUZZY
        length = sum(span.end - span.start for span in chain)
        score = round(1 - distance / max(length, len(fold(quote)), 1), 4)
    return Passage(source.key, start, end, text[start:end], source.pages_of(start, end), match, score)


def _chains(searcher: _Searcher, needles: list[str], raws: list[str], max_gap: int) -> list[list[_Span]]:
    """Every way to find the parts in order, each close after the one before."""
    elided = len(needles) > 1
    chains = [[span] for span in searcher.find(needles[0], raws[0], elided)]
    for needle, raw in zip(needles[1:], raws[1:], strict=True):
        grown = []
        for chain in chains:
            window = (chain[-1].end, chain[-1].end + max_gap + len(needle))
            spans = searcher.find(needle, raw, elided, window, strict=False)
            if spans:
                grown.append([*chain, spans[0]])
        if not grown:  # report the failure after the first chain
            window = (chains[0][-1].end, chains[0][-1].end + max_gap + len(needle))
            searcher.find(needle, raw, elided, window)
        chains = grown
    return chains


def _pick(text: str, chains: list[list[_Span]], prefix: str | None, suffix: str | None) -> list[list[_Span]]:
    """The chains whose surroundings agree with ``prefix`` and ``suffix``."""

    def words(value: str) -> list[str]:  # compare whole words only: spacing and punctuation may differ
        return re.findall(r"\w+", value)

    if prefix:
        want = words(fold(prefix))
        reach = 2 * len(prefix) + 8
        chains = [c for c in chains if words(text[max(0, c[0].start - reach) : c[0].start])[-len(want) :] == want]
    if suffix:
        want = words(fold(suffix))
        reach = 2 * len(suffix) + 8
        chains = [c for c in chains if words(text[c[-1].end : c[-1].end + reach])[: len(want)] == want]
    return chains


class _Searcher:
    """Finds one needle in a view: exactly, else approximately."""

    def __init__(self, source: Source, max_error_rate: float) -> None:
        self.source = source
        self.view = source.view
        self.text = source.view.text
        self.max_error_rate = max_error_rate

    def find(
        self,
        needle: str,
        raw: str,
        elided: bool,
        window: tuple[int, int] | None = None,
        *,
        strict: bool = True,
    ) -> list[_Span]:
        """Spans of ``needle`` (all exact ones, else the best approximate one).

        Raises QuoteNotFoundError when there is none (if ``strict``).
        """
        exact = self.exact(needle, window)
        if exact:
            return exact
        budget = int(self.max_error_rate * len(needle))
        best = self._nearest(needle, budget, window)
        if best is not None:
            best = _snap(self.view, best, needle)
            # accepted only whole: a match that ends inside a word ("pera|dventure") is no quote
            in_words = self.view.is_word(best.start, best.end)
            if best.distance <= budget and in_words and not changes_a_word(needle, self.text[best.start : best.end]):
                return [best]
        if not strict:
            return []
        nearest, similarity, diff = None, 0.0, ""
        if best is not None:
            best = _reach_for_ends(self.view, best, needle)
            diff = word_diff(needle, self.text[best.start : best.end])[0]
            nearest = _passage(self.source, [best], raw)
            similarity = nearest.score
        raise QuoteNotFoundError(self.source.key, raw, nearest, similarity, diff, raw if elided else None)

    def exact(self, needle: str, window: tuple[int, int] | None = None) -> list[_Span]:
        """Every occurrence of ``needle`` that starts and ends at word boundaries (in
        ``window``: the first one)."""
        return list(self._exact(needle, window))

    def _exact(self, needle: str, window: tuple[int, int] | None) -> Iterator[_Span]:
        text = self.text
        if window is not None:
            starts: Iterator[int] = _find_all(text, needle, *window)
        else:
            index = _seed_index(self.view)
            if index is not None and len(needle) >= _GRAM:
                starts = (s for s in index.occurrences(needle) if text.startswith(needle, s))
            else:
                starts = _find_all(text, needle)
        for start in starts:
            end = start + len(needle)
            if self.view.is_word(start, end):
                yield _Span(start, end)
                if window is not None:
                    return

    def _nearest(self, needle: str, budget: int, window: tuple[int, int] | None) -> _Span | None:
        """The span of the text (or window) closest to ``needle`` by edit distance."""
        text = self.text
        if window is not None:
            return _align(needle, text, window[0], min(len(text), window[1] + budget))
        index = _seed_index(self.view)
        if index is None or len(needle) < 3 * _GRAM:
            return _align(needle, text, 0, len(text))
        best: _Span | None = None
        encoded = (index.encode(needle), index.encoded) if index.encoded is not None else None
        for diagonal in index.candidates(needle):
            slack = budget + _BIN
            span = _align(needle, text, diagonal - slack, diagonal + len(needle) + _BIN + slack, encoded)
            if span is not None and (best is None or span.distance < best.distance):
                best = span
        return best


def _snap(view: TextView, span: _Span, needle: str, reach: int = 3) -> _Span:
    """Widen an approximate span to whole words when a word boundary is within ``reach``."""
    text, start, end = view.text, span.start, span.end
    for _ in range(reach):
        if view.is_boundary(start):
            break
        start -= 1
    else:
        start = span.start if not view.is_boundary(start) else start
    for _ in range(reach):
        if view.is_boundary(end):
            break
        end += 1
    else:
        end = span.end if not view.is_boundary(end) else end
    if (start, end) == (span.start, span.end):
        return span
    return _Span(start, end, Levenshtein.distance(needle, text[start:end]))


def _reach_for_ends(view: TextView, span: _Span, needle: str, words: int = 4) -> _Span:
    """Move a near miss's ends to the quote's first and last words if they stand close by.

    Edit distance alone may start ``Stalin hoped that`` at ``itially feared that``; a reader
    wants to see ``Stalin initially feared that``.
    """
    text = view.text
    first, *_, last = needle.split(" ") if " " in needle else (needle, needle)
    found_text = text[span.start : span.end]
    starts_well = found_text.startswith(first) and view.is_word(span.start, span.start + len(first))
    ends_well = found_text.endswith(last) and view.is_word(span.end - len(last), span.end)
    if starts_well and ends_well:
        return span
    start, end = span.start, span.end
    if not starts_well:  # the nearest whole ``first`` within a few words before
        at = text.rfind(first, max(0, start - 12 * words), start + len(first))
        while at >= 0 and not view.is_word(at, at + len(first)):
            at = text.rfind(first, max(0, start - 12 * words), at + len(first) - 1)
        if at >= 0 and text.count(" ", at, start) <= words:
            start = at
    if not ends_well:  # the nearest whole ``last`` within a few words after
        at = text.find(last, end - len(last), end + 12 * words)
        while at >= 0 and not view.is_word(at, at + len(last)):
            at = text.find(last, at + 1, end + 12 * words)
        if at >= 0 and text.count(" ", end, at) <= words:
            end = at + len(last)
    if (start, end) == (span.start, span.end):
        return span
    return _Span(start, end, Levenshtein.distance(needle, text[start:end]))


def _find_all(text: str, needle: str, start: int = 0, end: int | None = None) -> Iterator[int]:
    end = len(text) if end is None else end
    at = text.find(needle, start, end)
    while at >= 0:
        yield at
        at = text.find(needle, at + 1, end)


def _align(needle: str, text: str, start: int, end: int, encoded: tuple[bytes, bytes] | None = None) -> _Span | None:
    """Best approximate occurrence of ``needle`` in ``text[start:end]`` (edlib, HW mode).

    ``encoded`` is the needle and the whole text in one byte alphabet, when the caller has them.
    """
    start, end = max(0, start), min(len(text), end)
    window = text[start:end]
    if not window:
        return None
    if encoded is not None:
        query, target = encoded[0], encoded[1][start:end]
    else:
        query, target = _small_alphabet(needle, window)
    result = edlib.align(query, target, mode="HW", task="locations")
    first, last = result["locations"][0]
    if first is None:
        return None
    # Trim edge spaces the alignment may have swallowed.
    while first <= last and window[first] == " ":
        first += 1
    while last >= first and window[last] == " ":
        last -= 1
    return _Span(start + first, start + last + 1, int(result["editDistance"]))


def _small_alphabet(a: str, b: str) -> tuple[bytes, bytes]:
    """Recode two strings as bytes over one alphabet (edlib's fastest input; at most 256
    symbols, its limit).

    Past 255 distinct characters (long windows of Korean or Chinese text), the rarest ones
    share one symbol: they then match each other, which only makes a distance smaller.
    """
    symbols = sorted(set(a) | set(b))
    if len(symbols) > 256:
        counts: dict[str, int] = {}
        for char in a + b:
            counts[char] = counts.get(char, 0) + 1
        symbols = sorted(symbols, key=lambda c: (-counts[c], c))
    table = {ord(char): min(code, 255) for code, char in enumerate(symbols)}
    return a.translate(table).encode("latin-1"), b.translate(table).encode("latin-1")


_WORD = re.compile(r"\S+")


def word_diff(quote: str, passage: str) -> tuple[str, bool]:
    """Describe word by word how ``quote`` differs from ``passage`` (both normalized).

    Returns the description (the first six differences) and whether any of those changes a
    word (rather than being a transcription slip: a letter or two, punctuation, case,
    spacing); :func:`changes_a_word` looks at all of them. A changed word is one added or
    left out, a well-formed number that differs, or a word less than half similar.

    Examples:
        >>> word_diff("Stalin feared a war", "Stalin hoped for a war")
        ("you wrote 'feared', the source says 'hoped for'", True)
        >>> word_diff("the Soviet Unioñ", "the Soviet Union")
        ("you wrote 'Unioñ', the source says 'Union'", False)
    """
    notes: list[str] = []
    changed = False
    for a, b in _differences(quote, passage):
        if len(notes) == _NOTES:  # enough to show; the nearest passage shows the rest
            notes.append("and more")
            break
        changed |= _is_changed_word(a, b)
        if not a:
            notes.append(f"the source has {b!r} where you have nothing")
        elif not b:
            notes.append(f"you wrote {a!r}, which the source does not have")
        else:
            notes.append(f"you wrote {a!r}, the source says {b!r}")
    return "; ".join(notes), changed


_NOTES = 6  # differences a diff spells out


def changes_a_word(quote: str, passage: str) -> bool:
    """Whether ``quote`` differs from ``passage`` by more than transcription slips (see
    :func:`word_diff`)."""
    return quote != passage and any(_is_changed_word(a, b) for a, b in _differences(quote, passage))


def _differences(quote: str, passage: str) -> Iterator[tuple[str, str]]:
    """The words that differ: ``(what the quote has, what the passage has)``, in order.

    Words are paired through the character alignment of the two texts, so that a word with
    slips (``xHE`` for ``THE``) still faces its original, and words that run together or
    apart (``tomake`` / ``to make``) form one pair. Lazy: a caller may stop early.
    """
    ops = Levenshtein.opcodes(quote, passage)
    pairs = heapq.merge(_changed_words(quote, passage, ops), _left_out(passage, ops), key=lambda pair: pair[2])
    return ((a, b) for a, b, _ in pairs if a != b)


def _changed_words(quote: str, passage: str, ops: Any) -> Iterator[tuple[str, str, int]]:
    """Each quote word an edit touches, with the passage words it was aligned with (words
    that run into the same passage word go together), in order."""
    spans = [op for op in ops if op.src_end > op.src_start]  # what each quote character became
    firsts = [op.src_start for op in spans]

    def aligned(k: int) -> tuple[int, int]:
        op = spans[bisect_right(firsts, k) - 1]
        if op.tag == "delete":
            return op.dest_start, op.dest_start
        at = op.dest_start + min(k - op.src_start, op.dest_end - op.dest_start - 1)
        return at, at + 1

    words = [(w.start(), w.end()) for w in _WORD.finditer(quote)]
    word_starts = [start for start, _ in words]

    def touched() -> Iterator[int]:  # the words an edit touches, in order (edits are in order)
        done = -1
        for op in ops:
            if op.tag != "equal":
                first = max(done + 1, bisect_right(word_starts, op.src_start) - 1, 0)
                done = max(done, bisect_right(word_starts, op.src_end) - 1)
                yield from range(first, done + 1)

    group: list[int] | None = None  # quote start, quote end, passage start, passage end
    for index in touched():
        word_start, word_end = words[index]
        start, end = aligned(word_start)[0], aligned(word_end - 1)[1]
        if end > start:
            while start > 0 and not passage[start - 1].isspace():
                start -= 1
            while end < len(passage) and not passage[end].isspace():
                end += 1
        if group is not None and start < group[3]:
            group[1], group[3] = word_end, max(end, group[3])
            continue
        if group is not None:
            yield quote[group[0] : group[1]], passage[group[2] : group[3]], group[2]
        group = [word_start, word_end, start, end]
    if group is not None:
        yield quote[group[0] : group[1]], passage[group[2] : group[3]], group[2]


def _left_out(passage: str, ops: Any) -> Iterator[tuple[str, str, int]]:
    """Passage words inside what the alignment inserted: words the quote left out, in order."""
    for op in ops:
        if op.tag != "insert":
            continue
        gap = passage[op.dest_start : op.dest_end]
        for w in _WORD.finditer(gap):
            opens = w.start() > 0 or op.dest_start == 0 or passage[op.dest_start - 1].isspace()
            closes = w.end() < len(gap) or op.dest_end == len(passage) or passage[op.dest_end].isspace()
            if opens and closes:
                yield "", w.group(), op.dest_start + w.start()


_NUMBER = re.compile(r"\d+(?:[,.]\d+)*")
_DIGIT = re.compile(r"\d")


def _numbers(words: str) -> list[str]:
    """The well-formed numbers among ``words`` (``1950``, ``250,000``; not ``6,n000``)."""
    tokens = (token.strip("()[]{},.;:!?'\"") for token in words.split())
    return [token for token in tokens if _NUMBER.fullmatch(token)]


_NON_WORD = re.compile(r"\W")


def _is_changed_word(a: str, b: str) -> bool:
    ka, kb = _NON_WORD.sub("", a.lower()), _NON_WORD.sub("", b.lower())
    if ka == kb:
        return False
    if _DIGIT.search(a) and _DIGIT.search(b) and _numbers(a) != _numbers(b) and _numbers(a) and _numbers(b):
        return True  # another well-formed number: never a slip
    if not ka or not kb:  # a word added or left out; a lost letter ("a") is an OCR slip
        return len(ka or kb) > 1
    return Levenshtein.distance(ka, kb) > 1 and Levenshtein.normalized_similarity(ka, kb) < 0.5


class SeedIndex:
    """An index of every n-gram of a text: where it occurs, by hash, sorted.

    Two arrays of one entry per character (hashes and positions as uint32): 8 bytes a
    character, built with NumPy in well under a second per megabyte. When the text has at
    most 255 distinct characters it is also kept encoded as bytes, edlib's fastest input.
    """

    def __init__(self, text: str) -> None:
        hashes = _gram_hashes(text)
        order = np.argsort(hashes, kind="stable")
        self.hashes = hashes[order]
        self.positions = order.astype(np.uint32)
        symbols = sorted(set(text))
        self.encoded: bytes | None = None
        self._table = _Recode({ord(char): code for code, char in enumerate(symbols)})
        if len(symbols) < 256:
            self.encoded = text.translate(self._table).encode("latin-1")
        self._last: tuple[str, np.ndarray, np.ndarray, np.ndarray] | None = None

    @property
    def nbytes(self) -> int:
        """Memory held by the index."""
        return int(self.hashes.nbytes + self.positions.nbytes + len(self.encoded or b""))

    def encode(self, needle: str) -> bytes:
        """``needle`` in the alphabet of :attr:`encoded` (unknown characters share code 255)."""
        return needle.translate(self._table).encode("latin-1")

    def _lookup(self, needle: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For about 40 evenly spread n-grams of ``needle``: offsets, and where each one's
        occurrences lie in the sorted arrays. The binary searches dominate the cost of a
        look-up, so they are done once a needle, in one call."""
        if self._last is not None and self._last[0] == needle:
            return self._last[1:]
        grams = _gram_hashes(needle)
        step = max(1, len(grams) // 40)
        grams = grams[::step]
        bounds = np.searchsorted(self.hashes, np.concatenate((grams, grams + np.uint32(1))))
        lo, hi = bounds[: len(grams)], bounds[len(grams) :]
        hi = np.maximum(hi, lo)  # a hash of 2**32 - 1 wraps around: count it as absent
        offsets = np.arange(len(grams)) * step
        self._last = (needle, offsets, lo, hi)
        return offsets, lo, hi

    def occurrences(self, needle: str) -> Iterator[int]:
        """Where ``needle`` (at least one n-gram long) may start: a superset, as hashes may
        collide; check each. Every occurrence holds each n-gram of the needle: follow the
        rarest."""
        offsets, lo, hi = self._lookup(needle)
        rarest = int(np.argmin(hi - lo))
        starts = self.positions[lo[rarest] : hi[rarest]].astype(np.int64) - offsets[rarest]
        yield from sorted(int(s) for s in starts if s >= 0)

    def candidates(self, needle: str, limit: int = 3) -> list[int]:
        """Text offsets where ``needle`` may start, best first, by n-gram votes."""
        offsets, lo, hi = self._lookup(needle)
        counts = hi - lo
        keep = (counts > 0) & (counts <= _FREQUENT)
        if keep.sum() < 3:  # only frequent n-grams: let the rarest few vote
            present = np.flatnonzero(counts > 0)
            if not len(present):
                return []
            keep = np.zeros(len(counts), dtype=bool)
            keep[present[np.argsort(counts[present], kind="stable")[:8]]] = True
        lo, counts, offsets = lo[keep], counts[keep], offsets[keep]
        total = int(counts.sum())
        firsts = np.repeat(lo - np.concatenate(([0], np.cumsum(counts)[:-1])), counts)
        hits = self.positions[firsts + np.arange(total)].astype(np.int64) - np.repeat(offsets, counts)
        bins, votes = np.unique(hits // _BIN, return_counts=True)
        best = np.argsort(-votes, kind="stable")[:limit]
        # A window worth aligning gets a tenth of the votes at least: a quote with 5 % slips
        # keeps about two thirds of its n-grams; words the book never joins keep almost none.
        floor = max(3, len(counts) // 10, int(votes[best[0]]) // 3)
        return [int(bins[i]) * _BIN for i in best if votes[i] >= floor]


class _Recode(dict[int, int]):
    """A translation table that sends characters it does not know to code 255."""

    def __missing__(self, key: int) -> int:
        return 255


def _gram_hashes(text: str) -> np.ndarray:
    """A 32-bit hash of each n-gram of ``text`` (the top bits of a 64-bit polynomial hash).

    32 bits keep the sorted index small, so its binary searches stay in cache; the rare
    collision only adds a candidate, which is then checked.
    """
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    count = len(codes) - _GRAM + 1
    if count <= 0:
        return np.zeros(0, dtype=np.uint32)
    hashes = np.zeros(count, dtype=np.uint64)
    multiplier = np.uint64(0x100000001B3)
    for k in range(_GRAM):
        hashes = hashes * multiplier + codes[k : k + count]
    return (hashes >> np.uint64(32)).astype(np.uint32)


_INDEXES: weakref.WeakKeyDictionary[TextView, SeedIndex] = weakref.WeakKeyDictionary()


def _seed_index(view: TextView) -> SeedIndex | None:
    """The seed index of a large view (built on first use), or None for a small one."""
    if len(view.text) < _INDEX_FROM:
        return None
    index = _INDEXES.get(view)
    if index is None:
        index = _INDEXES[view] = SeedIndex(view.text)
    return index
