"""The n-gram seed index of a book-length text: where each n-gram occurs, for fast look-ups.

Approximate quotes are aligned only in the few windows their n-grams vote for, instead of the
whole text; the index is built when a quote of the text first needs approximate matching, and
kept in argmap's cache folder (:func:`argmap.files.cache_entry`), so that the next run has it at
once (and finds exact quotes through it too). An index read back is checked (shape, order,
bounds, a sample of its hashes) and made anew when it is not what argmap writes.
"""

from __future__ import annotations

import contextlib
import functools
import io
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import overload

import numpy as np

from argmap.errors import ArgmapError
from argmap.files import cache_entry, write_atomic
from argmap.text import TextView

__all__ = ["BIN", "GRAM", "STRIDE", "SeedIndex", "seed_index"]

GRAM = 8  # n-gram length of the seed index (argmap.anchor uses the same): 8 bytes, one 64-bit number
STRIDE = 8  # the index holds the n-grams that start at every STRIDE-th character
_LOOKUPS = 128  # most n-grams of a quote looked up
_FREQUENT = 500  # n-grams more frequent than this vote only when nothing rarer exists
_FEW = 64  # occurrences: a needle's first run of n-grams with at most this many entries is rare enough
_PROBE = 40  # else runs of its n-grams compared to find the rarest (occurrences)
BIN = 32  # width of the diagonal bins that n-gram hits vote for
_SHARE = 2  # a window is aligned when it has at least 1/_SHARE of the best window's votes


class SeedIndex:
    """An index of the n-grams of a text that start at every :data:`STRIDE`-th character:
    where each occurs, by hash, sorted.

    Two arrays of one entry per ``STRIDE`` characters (hashes and positions as uint32): one byte
    a character, built with NumPy in well under a second per megabyte. A quote's n-grams at
    every offset are looked up, so each place the quote stands still gets a vote from about one
    n-gram in ``STRIDE``.
    """

    def __init__(self, text: str) -> None:
        hashes = _gram_hashes(text, STRIDE)
        order = np.argsort(hashes, kind="stable")
        self.hashes = hashes[order]
        self.positions = (order * STRIDE).astype(np.uint32)

    @classmethod
    def from_arrays(cls, text: str, data: np.ndarray) -> SeedIndex:
        """The index of ``text`` kept as ``data`` (hashes and positions, two rows of uint32).

        Raises:
            ValueError: ``data`` is not the index of ``text`` that :meth:`to_arrays` wrote.
        """
        count = max(0, len(text) - GRAM + 1)
        if data.dtype != np.uint32 or data.shape != (2, (count + STRIDE - 1) // STRIDE):
            raise ValueError("not an index of this text's size")
        hashes, positions = data
        if len(hashes) and (np.any(hashes[1:] < hashes[:-1]) or np.any(positions % STRIDE) or positions.max() >= count):
            raise ValueError("the index is out of order or out of bounds")
        sample = np.random.default_rng(len(text)).integers(0, len(hashes), size=min(16, len(hashes)))
        for i in sample.tolist():  # a sample of its hashes is the text's
            start = int(positions[i])
            if _gram_hashes(text[start : start + GRAM])[0] != hashes[i]:
                raise ValueError("the index is of another text")
        index = cls.__new__(cls)
        index.hashes, index.positions = hashes, positions
        return index

    def to_arrays(self) -> np.ndarray:
        """The index as one array (hashes and positions, two rows of uint32), for the cache."""
        return np.stack((self.hashes, self.positions))

    stride = STRIDE

    @property
    def nbytes(self) -> int:
        """Memory held by the index."""
        return int(self.hashes.nbytes + self.positions.nbytes)

    def occurrences(self, needle: str) -> Iterator[int]:
        """Where ``needle`` (at least ``GRAM + STRIDE`` long) may start, in order: a superset, as
        hashes may collide; check each. An occurrence at ``s`` holds, for any ``k``, the needle's
        n-gram at the offset ``k + j`` (``j < STRIDE``) where ``s + k + j`` is indexed: the union
        over ``j`` is complete. ``k`` is 0 when those first ``STRIDE`` n-grams are rare enough (most
        needles), else where they are rarest among the first few runs."""
        if len(needle) < GRAM + STRIDE:
            raise ValueError(f"a needle of {GRAM + STRIDE} characters or more, not {len(needle)}")
        k, lo, counts = self._run(needle[: GRAM + STRIDE - 1])
        if sum(counts) > _FEW:
            k, lo, counts = self._run(needle[: _PROBE + GRAM + STRIDE])
        starts: set[int] = set()
        for j, first, count in zip(range(k, k + STRIDE), lo, counts, strict=True):
            if count:  # (most n-grams of a run are not at an indexed offset of any occurrence)
                starts.update(p - j for p in self.positions[first : first + count].tolist())
        yield from sorted(s for s in starts if s >= 0)

    def _run(self, probe: str) -> tuple[int, list[int], list[int]]:
        """The rarest run of STRIDE neighbouring n-grams of ``probe``: its offset, and where its
        n-grams' entries start in the index and how many there are."""
        grams = _gram_hashes(probe)
        lo = self.hashes.searchsorted(grams)
        counts = self.hashes.searchsorted(grams, side="right") - lo
        k = 0 if len(grams) == STRIDE else int(np.argmin(np.convolve(counts, np.ones(STRIDE, dtype=np.int64), "valid")))
        return k, lo[k : k + STRIDE].tolist(), counts[k : k + STRIDE].tolist()

    def candidates(self, needle: str, limit: int = 8) -> list[int]:
        """Text offsets where ``needle`` may start, best first, by the votes of its n-grams."""
        grams = _gram_hashes(needle)
        offsets = _lookups(len(grams))
        grams = grams[offsets]
        order = np.argsort(grams, kind="stable")  # sorted keys: each binary search starts where the one before ended
        grams, offsets = grams[order], offsets[order]
        lo = self.hashes.searchsorted(grams)
        counts = self.hashes.searchsorted(grams, side="right") - lo
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
        # A window worth aligning gets a share of the votes: a quote with 5 % slips keeps about two
        # thirds of its n-grams, one in STRIDE of them indexed; words the book never joins keep none.
        floor = max(2, len(counts) // (10 * STRIDE), int(votes[best[0]]) // _SHARE)
        return [int(bins[i]) * BIN for i in best if votes[i] >= floor]


@functools.lru_cache(maxsize=1024)
def _lookups(count: int) -> np.ndarray:
    """Which of a needle's ``count`` n-grams to look up: all of them, or :data:`_LOOKUPS` in runs
    of STRIDE neighbours spread over the needle. Only the n-grams at one offset in STRIDE of the
    text are indexed, so every run has one that lands on the index wherever the needle stands
    (every other n-gram would miss a place at an odd offset)."""
    offsets = np.arange(count)
    if count > _LOOKUPS:
        starts = np.linspace(0, count - STRIDE, _LOOKUPS // STRIDE).astype(np.int64)
        offsets = np.unique((starts[:, None] + np.arange(STRIDE)).ravel())
    offsets.setflags(write=False)  # shared by every needle of that length
    return offsets


def _gram_hashes(text: str, step: int = 1) -> np.ndarray:
    """A 32-bit hash of each n-gram of ``text`` (of every ``step``-th): the low bytes of its
    :data:`GRAM` characters read as one 64-bit number, mixed by a multiplication (Fibonacci
    hashing), top half kept.

    No loop over the n-grams, in Python or NumPy: one strided view of the text's bytes, one
    multiplication. 32 bits keep the sorted index small, so its binary searches stay in cache;
    the rare collision (and characters beyond Latin-1 that share a low byte) only adds a
    candidate, which is then checked.
    """
    try:
        low = text.encode("latin-1")
    except UnicodeEncodeError:
        low = text.encode("utf-32-le", "surrogatepass")[::4]
    count = len(low) - GRAM + 1
    if count <= 0:
        return np.zeros(0, dtype=np.uint32)
    grams = np.ndarray(((count + step - 1) // step,), dtype="<u8", buffer=low, strides=(step,))
    return ((grams * _FIBONACCI) >> np.uint64(32)).astype(np.uint32)


_FIBONACCI = np.uint64(0x9E3779B97F4A7C15)  # 2**64 / the golden ratio, odd


_INDEXES: weakref.WeakKeyDictionary[TextView, SeedIndex | None] = weakref.WeakKeyDictionary()
_FORMAT = "argmap-seeds-2"


@overload
def seed_index(view: TextView) -> SeedIndex: ...
@overload
def seed_index(view: TextView, *, build: bool) -> SeedIndex | None: ...
def seed_index(view: TextView, *, build: bool = True) -> SeedIndex | None:
    """The seed index of a view: kept while the view lives; else from the cache folder; else
    built (unless not ``build``: ``None`` until it is) and kept there."""
    if view not in _INDEXES:
        _INDEXES[view] = _load(view.text)  # looked for once a view
    index = _INDEXES[view]
    if index is None and build:
        index = _INDEXES[view] = SeedIndex(view.text)
        _store(view.text, index)
    return index


def _entry(text: str) -> Path | None:
    return cache_entry(".seeds.npy", _FORMAT, GRAM, STRIDE, content=text.encode("utf-8", "surrogatepass"))


def _load(text: str) -> SeedIndex | None:
    entry = _entry(text)
    if entry is None or not entry.is_file():
        return None
    try:
        with entry.open("rb") as handle:
            return SeedIndex.from_arrays(text, np.load(handle, allow_pickle=False))
    except (OSError, ValueError, EOFError):
        return None  # broken or foreign: made anew when needed


def _store(text: str, index: SeedIndex) -> None:
    entry = _entry(text)
    if entry is None:
        return
    data = io.BytesIO()
    np.save(data, index.to_arrays(), allow_pickle=False)
    with contextlib.suppress(ArgmapError, OSError):  # a cache that cannot be written is no error
        write_atomic(entry, data.getvalue())
