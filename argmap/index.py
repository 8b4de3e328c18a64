"""The n-gram seed index of a book-length text: where each n-gram occurs, for fast look-ups.

Exact quotes are looked up through their rarest n-gram instead of scanning the text, and
approximate ones are aligned only in the few windows their n-grams vote for.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from typing import overload

import numpy as np

from argmap.text import TextView

__all__ = ["BIN", "GRAM", "SeedIndex", "seed_index"]

GRAM = 8  # n-gram length of the seed index (argmap.anchor uses the same)
_FREQUENT = 500  # n-grams more frequent than this vote only when nothing rarer exists
BIN = 32  # width of the diagonal bins that n-gram hits vote for


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

    def candidates(self, needle: str, limit: int = 8) -> list[int]:
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
        bins, votes = np.unique(hits // BIN, return_counts=True)
        best = np.argsort(-votes, kind="stable")[:limit]
        # A window worth aligning gets a tenth of the votes at least: a quote with 5 % slips
        # keeps about two thirds of its n-grams; words the book never joins keep almost none.
        floor = max(3, len(counts) // 10, int(votes[best[0]]) // 3)
        return [int(bins[i]) * BIN for i in best if votes[i] >= floor]


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
    count = len(codes) - GRAM + 1
    if count <= 0:
        return np.zeros(0, dtype=np.uint32)
    hashes = np.zeros(count, dtype=np.uint64)
    multiplier = np.uint64(0x100000001B3)
    for k in range(GRAM):
        hashes = hashes * multiplier + codes[k : k + count]
    return (hashes >> np.uint64(32)).astype(np.uint32)


_INDEXES: weakref.WeakKeyDictionary[TextView, SeedIndex] = weakref.WeakKeyDictionary()


@overload
def seed_index(view: TextView) -> SeedIndex: ...
@overload
def seed_index(view: TextView, *, build: bool) -> SeedIndex | None: ...
def seed_index(view: TextView, *, build: bool = True) -> SeedIndex | None:
    """The seed index of a view, built on first use (unless not ``build``: then ``None`` until
    it is) and kept while the view lives."""
    if not build:
        return _INDEXES.get(view)
    index = _INDEXES.get(view)
    if index is None:
        index = _INDEXES[view] = SeedIndex(view.text)
    return index
