"""Finding quotes in sources: every passage argmap knows was located here.

A quote is read as a historian writes one: ``...`` or ``…`` (or ``[...]``) marks an elision,
``[the Americans]`` an interpolation (a few words of the source stand where it stands, or
none), ``[T]he`` a letter changed, ``[sic]`` nothing. Each part between elisions and
interpolations is then located in order, each close after the one before, as follows:

1. as written, then in normalized form (see :mod:`argmap.text`): every occurrence that does not
   start or end inside a word;
2. approximately: the spans of the source with the fewest edits (insertions, deletions,
   substitutions) from the quote, within ``max_error_rate`` of its length, whose every
   difference is a transcription slip rather than a changed word (:mod:`argmap.slips`:
   ``Chlna's`` for ``China's`` is a slip; ``hoped`` for ``feared``, a dropped ``not``, another
   number or name is not). Every such span whose distance is close to the best counts.

One occurrence is a match; several are ambiguous unless ``prefix``/``suffix`` (the words around
it, as in the W3C TextQuoteSelector, compared forgiving case, spacing, punctuation and slips) or
``occurrence`` pick one. A source limited to some of its pages (``Source.pages``) is searched
there only.
"""

from __future__ import annotations

import functools
import itertools
import re
import weakref
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs
from rapidfuzz.distance import Levenshtein

from argmap.errors import (
    KEPT_OCCURRENCES,
    MAX_QUOTE_LENGTH,
    AmbiguousQuoteError,
    InvalidQuoteError,
    QuoteNotFoundError,
    QuoteTooLongError,
    expect,
)
from argmap.model import Match, Passage, Source, check_occurrence, check_rate
from argmap.pages import page_locator
from argmap.slips import Judge, first_change, substitutions, word_diff, words_of
from argmap.text import ELLIPSIS, TextView, fold

if TYPE_CHECKING:
    from argmap.index import SeedIndex

__all__ = ["DEFAULT_MAX_ERROR_RATE", "DEFAULT_MAX_GAP", "INTERPOLATION_GAP", "describe", "locate", "readings"]

#: Default budget of approximate matching: edits per character of the quote.
DEFAULT_MAX_ERROR_RATE = 0.1
#: Default longest elided stretch between two parts of a quote, in characters.
DEFAULT_MAX_GAP = 2000
#: Longest stretch of the source an interpolation (``[the Americans]``) stands for, in characters.
INTERPOLATION_GAP = 80
#: Most approximate occurrences looked for: past these, the quote is too short to place.
_MOST = 12

_ELLIPSIS = re.compile(rf"\s*(?:{ELLIPSIS})\s*")
_DOTS = re.compile(ELLIPSIS)  # (searched before splitting at _ELLIPSIS, which tries every character)
_BRACKET = re.compile(r"\[([^\[\]]*)\]")
_GAP = "\x00"  # where an interpolation stood in a quote being parsed


@attrs.frozen
class _Span:
    """A candidate span in view coordinates; ``distance`` is its edit distance from the part."""

    start: int
    end: int
    distance: int = 0


@attrs.frozen
class _Part:
    """One stretch of a quote between elisions and interpolations."""

    raw: str
    #: the folded forms to look for: as written, and with bracketed letters in the other case
    needles: tuple[str, ...]
    #: most characters between the previous part and this one
    gap: int = 0


def locate(
    source: Source,
    quote: str,
    *,
    occurrence: int | None = None,
    prefix: str | None = None,
    suffix: str | None = None,
    max_error_rate: float = DEFAULT_MAX_ERROR_RATE,
    max_gap: int = DEFAULT_MAX_GAP,
    emend: Mapping[str, str] | None = None,
) -> Passage:
    """Find ``quote`` in ``source`` and return the passage where it is.

    Args:
        source: the source to search.
        quote: the quote, verbatim or as transcribed; ``...`` marks an elision, ``[...]`` an
            interpolation or a changed letter, ``[sic]`` nothing.
        occurrence: which occurrence to take when the quote occurs several times (1 = first).
        prefix: words just before the quote in the source, to pick one occurrence.
        suffix: words just after the quote in the source, to pick one occurrence.
        max_error_rate: most edits per quote character that an approximate match may need.
            ``0`` turns approximate matching off.
        max_gap: most characters an elision (``...``) may leave out.
        emend: known errors of the source's text that the quote corrects, as ``{source's word:
            the quote's word}`` (``{"arid": "and"}``); without it, a real word that differs is a
            misquote.

    Returns:
        The passage, with its original offsets, text, pages, match kind and score.

    Raises:
        InvalidQuoteError: the quote is empty (or only an ellipsis), or ``occurrence``, ``prefix``
            or ``suffix`` pick nothing.
        QuoteNotFoundError: the quote is not in the source; the error shows the nearest passage.
        AmbiguousQuoteError: the quote occurs more than once and nothing picks one.

    Examples:
        >>> src = Source(key="s", text="He said: \\u201cwe  won\\u2019t\\nyield\\u201d.")
        >>> p = locate(src, '"we won\\'t yield"')
        >>> p.text, p.match.value
        ('\\u201cwe  won\\u2019t\\nyield\\u201d', 'normalized')
    """
    expect("source", source, Source, "an argmap.Source")
    expect("prefix", prefix, (str, type(None)), "text (a string) or None")
    expect("suffix", suffix, (str, type(None)), "text (a string) or None")
    expect("max_gap", max_gap, int, "a whole number")
    expect("emend", emend, (Mapping, type(None)), "a mapping of words, {\"arid\": \"and\"}, or None")
    expect("quote", quote, str, "text (a string): the words quoted")
    check_rate(max_error_rate)
    check_occurrence(occurrence)
    parts = _parse(quote, max_gap)
    if not parts:
        raise InvalidQuoteError(source.key, quote, "it is empty; quote some words of the source")
    searcher = _Searcher(source, max_error_rate, emend)
    chains = _literal(searcher, quote) if len(parts) > 1 or "[" in quote else []
    chains = chains or _chains(searcher, parts, quote)
    picked = _pick(source.view, chains, prefix, suffix)
    if not picked:
        pages = ", ".join(_passage(source, c, quote).cite() or "no page" for c in chains[: AmbiguousQuoteError.SHOWN])
        pages += f", ... ({len(chains):,} in all)" if len(chains) > AmbiguousQuoteError.SHOWN else ""
        raise InvalidQuoteError(
            source.key, quote,
            f"it occurs {len(chains)} time(s) ({pages}), but never with the prefix/suffix given; "
            "copy the words around the one you mean from the source",
        )  # fmt: skip
    if occurrence is not None:
        if occurrence > len(picked):
            asked = f"occurrence {occurrence} was asked for, but it occurs {len(picked)} time(s)"
            raise InvalidQuoteError(source.key, quote, asked)
        return _passage(source, picked[occurrence - 1], quote)
    if len(picked) > 1:  # the first ones are placed and kept, all are counted (``the`` is in a book 10**5 times)
        found = [_passage(source, c, quote) for c in picked[:KEPT_OCCURRENCES]]
        raise AmbiguousQuoteError(source.key, quote, [(p.start, p.end, p.pages) for p in found], len(picked))
    return _passage(source, picked[0], quote)


def describe(source: Source, quote: str, passage: Passage, emend: Mapping[str, str] | None = None) -> str:
    """How ``quote`` differs from ``passage`` word by word, on the normalized view (no page
    markers, no skipped text): ``you wrote 'Chlna's', the source says 'China's'``."""
    needle, found = _needle_and_text(source, quote, passage)
    return word_diff(needle, found, _judge(source, emend))[0]


def readings(source: Source, quote: str, passage: Passage) -> list[tuple[str, str]]:
    """Where the source's text reads otherwise than a quote found approximately: ``(the quote's
    words, the text's)``, in order, on the normalized view (an elided stretch is no reading).

    Examples:
        >>> src = Source(key="s", text="In 1950 Chlna's leaders, who had met twice in a week, feared war.")
        >>> readings(src, "China's leaders ... feared war", locate(src, "China's leaders ... feared war"))
        [("China's", "Chlna's")]
    """
    needle, found = _needle_and_text(source, quote, passage)
    # one word read as another like it: the alignment across an elided stretch pairs words at
    # random ("a" / "had"), and punctuation or case is no reading of the text
    return [
        (a, b)
        for a, b in substitutions(needle, found)
        if " " not in a + b and _bare(a) != _bare(b) and Levenshtein.normalized_similarity(a, b) >= 0.5
    ]


def _needle_and_text(source: Source, quote: str, passage: Passage) -> tuple[str, str]:
    """The quote's parts folded and joined, and the passage's text on the normalized view."""
    start, end = source.view.from_original(passage.start, passage.end)
    return " ".join(fold(part.raw) for part in _parse(quote, DEFAULT_MAX_GAP)), source.view.text[start:end]


def _bare(word: str) -> str:
    return word.strip(".,;:!?\"'()[]").casefold()


def _parse(quote: str, max_gap: int) -> list[_Part]:
    """The parts of a quote, with the gap each may leave after the one before.

    Examples:
        >>> [(p.raw, p.needles, p.gap) for p in _parse("[T]he war [sic] ... was [Kim's] war", 100)]
        [('The war', ('The war', 'the war'), 0), ('was', ('was',), 100), ('war', ('war',), 80)]
    """
    flexible: list[str] = []

    def bracket(match: re.Match[str]) -> str:
        inside, text = match.group(1), match.string
        if inside.strip().casefold() in ("sic", "sic!"):
            return " "
        if _ELLIPSIS.fullmatch(inside) or not inside.strip(". \u2026"):
            return " ... "
        glued = (match.start() > 0 and text[match.start() - 1].isalnum()) or (
            match.end() < len(text) and text[match.end()].isalnum()
        )
        if glued:  # [T]he, hang[e]d: the historian's letters, whose case may differ from the source's
            flexible.append(inside)
            return inside
        return f" {_GAP} "

    text = _BRACKET.sub(bracket, quote) if "[" in quote else quote
    parts: list[_Part] = []
    gap = 0  # what the marks passed since the last part allow
    for n, piece in enumerate(_ELLIPSIS.split(text) if _DOTS.search(text) else [text]):
        if n:
            gap = max_gap
        for m, raw in enumerate(piece.split(_GAP)):
            if m:
                gap = max(gap, INTERPOLATION_GAP)
            needle = fold(raw)
            if not needle:
                continue
            variants = [needle]
            for letters in flexible:
                swapped = needle.replace(letters, letters.swapcase(), 1)
                if letters in needle and swapped not in variants:
                    variants.append(swapped)
            parts.append(_Part(" ".join(raw.split()), tuple(variants), gap if parts else 0))
            gap = 0
    return parts


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
    layout = source.page_layout
    pages, indexes = layout.pages_of(start, end), layout.indexes_of(start, end)
    return Passage(source.key, start, end, text[start:end], pages, match, score, indexes)


def _literal(searcher: _Searcher, quote: str) -> list[list[_Span]]:
    """Where a quote with ellipses or brackets stands as written: a source may print them itself
    (Gerard's ``[Dom. James I. xvi. 81]``). Where the source has brackets near the quote's words,
    they are its own, and the quote is judged as written (a changed ``81`` in them is a misquote)."""
    whole = _Part(" ".join(quote.split()), (fold(quote),))
    exact = searcher.exact(whole.needles[0])
    if exact or "[" not in quote or len(whole.needles[0]) > MAX_QUOTE_LENGTH:
        return [[span] for span in exact]
    found, nearest = searcher.approximate(whole.needles[0], None)
    own = [span for span in found if "[" in searcher.text[span.start : span.end]]
    if own:
        return [[span] for span in own]
    budget = int(searcher.max_error_rate * len(whole.needles[0]))
    if nearest is not None and nearest.distance <= budget and "[" in searcher.text[nearest.start : nearest.end]:
        searcher.find(whole)  # raises: the source's own brackets, with a changed word
    return []


def _chains(searcher: _Searcher, parts: list[_Part], quote: str) -> list[list[_Span]]:
    """Every way to find the parts in order, each within its gap after the one before."""
    elided = len(parts) > 1
    chains = [[span] for span in searcher.find(parts[0], quote if elided else None)]
    for part in parts[1:]:
        grown = []
        for chain in chains:
            window = (chain[-1].end, chain[-1].end + part.gap + max(map(len, part.needles)))
            spans = searcher.find(part, quote, window, strict=False)
            if spans:
                grown.append([*chain, spans[0]])
        if not grown:  # report the failure after the first chain
            window = (chains[0][-1].end, chains[0][-1].end + part.gap + max(map(len, part.needles)))
            searcher.find(part, quote, window, after=chains[0][-1])
        chains = grown
    # Chains that end at the same place are one quote: the tightest one stands (parts nearest each other).
    tightest: dict[int, list[_Span]] = {}
    for chain in chains:
        if chain[-1].end not in tightest or chain[0].start > tightest[chain[-1].end][0].start:
            tightest[chain[-1].end] = chain
    return sorted(tightest.values(), key=lambda chain: chain[0].start)


def _pick(view: TextView, chains: list[list[_Span]], prefix: str | None, suffix: str | None) -> list[list[_Span]]:
    """The chains whose surroundings agree with ``prefix`` and ``suffix``: whole words, forgiving
    case, spacing, punctuation and a slip or two."""
    text = view.text
    if prefix:
        want = _words(fold(prefix))
        reach = 2 * len(prefix) + 16
        chains = [c for c in chains if _agrees(want, _words(text[max(0, c[0].start - reach) : c[0].start]), True)]
    if suffix:
        want = _words(fold(suffix))
        reach = 2 * len(suffix) + 16
        chains = [c for c in chains if _agrees(want, _words(text[c[-1].end : c[-1].end + reach]), False)]
    return chains


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _agrees(want: list[str], have: list[str], before: bool) -> bool:
    """Whether the words ``have`` next to an occurrence end (``before``) or begin with ``want``."""
    if not want:
        return True
    wanted = " ".join(want)
    allowed = len(wanted) // 10
    for count in range(max(1, len(want) - 1), len(want) + 2):  # a word run together or apart
        near = have[-count:] if before else have[:count]
        if len(near) == count and Levenshtein.distance(wanted, " ".join(near), score_cutoff=allowed) <= allowed:
            return True
    return False


_JUDGES: weakref.WeakKeyDictionary[TextView, Judge] = weakref.WeakKeyDictionary()


def _judge(source: Source, emend: Mapping[str, str] | None) -> Judge:
    """The slip judge of ``source``: its own words (counted on first need) and the emendations
    (one judge a text serves every quote without them)."""
    view = source.view
    if view not in _JUDGES:
        _JUDGES[view] = Judge(functools.partial(words_of, view.text))  # words counted on first need, once
    plain = _JUDGES[view]
    return Judge(plain.vocabulary, emend) if emend else plain


class _Searcher:
    """Finds the parts of a quote in one source: exactly, else approximately."""

    def __init__(self, source: Source, max_error_rate: float, emend: Mapping[str, str] | None) -> None:
        self.source = source
        self.view = source.view
        self.text = source.view.text
        self.max_error_rate = max_error_rate
        self.emend = emend or {}
        self.extent = self.view.from_original(*source.extent) if source.pages else (0, len(self.text))
        #: occurrences of a needle that are not quotes (inside longer words, outside the pages)
        self.elsewhere: dict[str, list[int]] = {}

    @functools.cached_property
    def judge(self) -> Judge:
        """The slip judge, made when an approximate match first needs one."""
        return _judge(self.source, self.emend)

    # -- finding -----------------------------------------------------------------------------

    def find(
        self,
        part: _Part,
        quote: str | None = None,
        window: tuple[int, int] | None = None,
        *,
        strict: bool = True,
        after: _Span | None = None,
    ) -> list[_Span]:
        """Spans of ``part`` (all exact ones, else the approximate ones close to the best).

        ``quote`` is the whole quote when ``part`` is one of its parts (for messages).

        Raises:
            QuoteNotFoundError: there is none (if ``strict``); ``after`` is the end of the part
                before, for saying where a part that is too far stands.
        """
        for needle in part.needles:
            exact = self.exact(needle, window)
            if exact:
                return exact
        for needle in self._emended(part.needles[0]):
            exact = [attrs.evolve(s, distance=Levenshtein.distance(part.needles[0], self.text[s.start : s.end]))
                     for s in self.exact(needle, window)]  # fmt: skip
            if exact:
                return exact
        if len(part.needles[0]) > MAX_QUOTE_LENGTH:  # approximate matching would take the text's length times its own
            raise QuoteTooLongError(self.source.key, quote or part.raw, len(part.needles[0]), MAX_QUOTE_LENGTH)
        nearest: _Span | None = None
        for needle in part.needles:
            found, near = self.approximate(needle, window)
            if found:
                return found
            nearest = nearest or near  # the quote as written comes first
        if strict:
            self._fail(part, quote, window, nearest, after)
        return []

    def exact(self, needle: str, window: tuple[int, int] | None = None) -> list[_Span]:
        """Every occurrence of ``needle`` in the source's extent that starts and ends at word
        boundaries (in ``window``: the first one)."""
        return list(self._exact(needle, window))

    def _exact(self, needle: str, window: tuple[int, int] | None) -> Iterator[_Span]:
        text, (lo, hi) = self.text, self.extent
        if window is not None:
            starts: Iterator[int] = _find_all(text, needle, max(lo, window[0]), min(hi, window[1]))
        else:
            starts = self._occurrences(needle)
        elsewhere = self.elsewhere.setdefault(needle, [])  # for the message, should the quote not be found
        for start in starts:
            end = start + len(needle)
            if lo <= start and end <= hi and self.view.is_word(start, end):
                yield _Span(start, end)
                if window is not None:
                    return
            elif len(elsewhere) < _MOST:
                elsewhere.append(start)

    def _occurrences(self, needle: str) -> Iterator[int]:
        """Where ``needle`` starts in the whole text, in order: through the seed index when the text
        has one or has been searched often enough to pay for one, else with ``str.find``."""
        index = _seed_index(self.view, build=_searched(self.view) >= _INDEX_AFTER)
        if index is None or len(needle) < _GRAM + index.stride:
            return _find_all(self.text, needle)
        return (s for s in index.occurrences(needle) if self.text.startswith(needle, s))

    def _emended(self, needle: str) -> list[str]:
        """``needle`` with the emended words put back as the source has them."""
        if not self.emend:
            return []
        back = needle
        for wrong, right in self.emend.items():
            back = re.sub(rf"(?<!\w){re.escape(fold(right))}(?!\w)", fold(wrong), back, flags=re.IGNORECASE)
        return [back] if back != needle else []

    def approximate(self, needle: str, window: tuple[int, int] | None) -> tuple[list[_Span], _Span | None]:
        """The acceptable approximate occurrences of ``needle`` (within budget, slips only, close
        to the best of them), and the nearest span of all (for a message)."""
        budget = int(self.max_error_rate * len(needle))
        spans = sorted((_snap(self.view, s, needle) for s in self._candidates(needle, budget, window)),
                       key=lambda s: (s.distance, s.start))  # fmt: skip
        accepted: list[_Span] = []
        for span in spans:
            if span.distance > budget or not self.view.is_word(span.start, span.end):
                continue  # accepted only whole: a match that ends inside a word ("pera|dventure") is no quote
            if not (self.extent[0] <= span.start and span.end <= self.extent[1]):
                continue
            if any(s.start < span.end and span.start < s.end for s in accepted):
                continue  # the same place, aligned twice
            if first_change(needle, self.text[span.start : span.end], self.judge) is None:
                accepted.append(span)
        nearest = spans[0] if spans else None
        if not accepted:
            return [], nearest
        close = accepted[0].distance + max(1, accepted[0].distance // 4)
        return sorted((s for s in accepted if s.distance <= close), key=lambda s: s.start), nearest

    def _candidates(self, needle: str, budget: int, window: tuple[int, int] | None) -> Iterator[_Span]:
        """Spans of the text near ``needle``, nearest first where it matters: the best in
        ``window``; else the best of each window the seed index votes for; else, in a small
        text, the best span, then the next ones within ``budget``."""
        text = self.text
        if window is not None:
            span = _align(needle, text, window[0], min(len(text), window[1] + budget))
            if span is not None:
                yield span
            return
        index = _seed_index(self.view)
        if index is not None and len(needle) >= 3 * _GRAM:
            for diagonal in index.candidates(needle):
                slack = budget + _BIN
                span = _align(needle, text, diagonal - slack, diagonal + len(needle) + _BIN + slack)
                if span is not None:
                    yield span
            return
        query, target = _coded(needle, self.view)
        limit = -1
        for _ in range(_MOST):
            result = _edlib().align(query, target, mode="HW", task="locations", k=limit)
            if result["editDistance"] < 0 or not result["locations"]:
                return
            masked = bytearray(target)
            for first, last in result["locations"]:
                yield _trimmed(text, 0, first, last, int(result["editDistance"]))
                masked[first : last + 1] = b"\xff" * (last + 1 - first)
            if budget <= 0 or result["editDistance"] > budget:
                return
            target, limit = bytes(masked), budget

    # -- failing -----------------------------------------------------------------------------

    def _fail(
        self, part: _Part, quote: str | None, window: tuple[int, int] | None, nearest: _Span | None, after: _Span | None
    ) -> None:
        """Raise the QuoteNotFoundError that says best why ``part`` is not there."""
        raw = part.raw
        needle = part.needles[0]
        note = self._where_else(needle, window, after)
        diff, shown = "", None
        if nearest is not None:
            nearest = _reach_for_ends(self.view, _whole_words(self.view, nearest), needle)
        if nearest is not None and self.text[nearest.start : nearest.end].strip():  # nothing near: no empty passage
            diff = word_diff(needle, self.text[nearest.start : nearest.end], self.judge)[0]
            shown = _passage(self.source, [nearest], raw)
        raise QuoteNotFoundError(self.source.key, raw, shown, shown.score if shown else 0.0, diff,
                                 raw if quote is not None else None, note)  # fmt: skip

    def _where_else(self, needle: str, window: tuple[int, int] | None, after: _Span | None) -> str:
        """A note on where the words are, if they are in the source but not where they may be:
        inside longer words, outside the source's pages, or too far after the part before."""
        text = self.text
        anywhere = self.elsewhere.get(needle, [])
        if window is not None:  # only the window was searched: look at the whole text
            anywhere = list(itertools.islice(self._occurrences(needle), _MOST))
        whole = [s for s in anywhere if self.view.is_word(s, s + len(needle))]
        if after is not None and window is not None:
            later = [s for s in whole if s >= after.end]
            if later:
                distance, allowed = later[0] - after.end, window[1] - window[0] - len(needle)
                where = page_locator(self.source.pages_of(*self.view.to_original(later[0], later[0] + len(needle))))
                return (f"it is in the source {distance:,} characters after the part before it ({where or 'no page'}), "
                        f"more than the {allowed:,} an elision may leave out; quote the two parts as two pieces of "
                        "evidence, or allow a longer gap (max_gap=)")  # fmt: skip
            return ""
        if whole and self.source.pages:
            labels = self.source.page_layout.page_labels
            on = {p for s in whole for p in self.source.pages_of(*self.view.to_original(s, s + len(needle)))}
            where = page_locator(sorted(on, key=labels.index))
            return f"the words are on {where or 'no page'}, outside this source's pages {self.source.pages}"
        if anywhere and not whole:
            words = sorted({_word_around(text, s, s + len(needle)) for s in anywhere})
            shown = ", ".join(repr(w) for w in words[:3])
            return f"found only inside longer words: {shown}; the source may have lost a space there"
        return ""


def _word_around(text: str, start: int, end: int) -> str:
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[start:end]


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


def _whole_words(view: TextView, span: _Span, reach: int = 40) -> _Span:
    """``span`` widened to start and end on word boundaries (for showing a near miss)."""
    start, end = span.start, span.end
    while start > max(0, span.start - reach) and not view.is_boundary(start):
        start -= 1
    while end < min(len(view.text), span.end + reach) and not view.is_boundary(end):
        end += 1
    return attrs.evolve(span, start=start, end=end)


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


def _edlib() -> Any:
    import edlib  # approximate matching only: import argmap stays light

    return edlib


def _align(needle: str, text: str, start: int, end: int) -> _Span | None:
    """Best approximate occurrence of ``needle`` in ``text[start:end]`` (edlib, HW mode)."""
    start, end = max(0, start), min(len(text), end)
    window = text[start:end]
    if not window:
        return None
    query, target = _small_alphabet(needle, window)
    result = _edlib().align(query, target, mode="HW", task="locations")
    first, last = result["locations"][0]
    if first is None:
        return None
    return _trimmed(text, start, first, last, int(result["editDistance"]))


def _trimmed(text: str, offset: int, first: int, last: int, distance: int) -> _Span:
    """An alignment's span, without edge spaces it may have swallowed."""
    first, last = first + offset, last + offset
    while first <= last and text[first] == " ":
        first += 1
    while last >= first and text[last] == " ":
        last -= 1
    return _Span(first, last + 1, distance)


def _small_alphabet(a: str, b: str) -> tuple[bytes, bytes]:
    """Recode two strings as bytes over one alphabet (edlib's fastest input; code 255 is kept
    free, to mask spans already found): their own Latin-1 bytes where they have them, else the
    codes of :func:`_alphabet`."""
    try:  # most windows of a folded Latin text
        coded = a.encode("latin-1"), b.encode("latin-1")
        if b"\xff" not in coded[0] and b"\xff" not in coded[1]:
            return coded
    except UnicodeEncodeError:
        pass
    table = _alphabet(a + b)
    return a.translate(table).encode("latin-1"), b.translate(table).encode("latin-1")


def _alphabet(text: str) -> dict[int, int]:
    """A code from 0 to 253 for each character of ``text`` (254 is for characters it lacks).

    Past 254 distinct characters (Korean or Chinese text), the rarest ones share code 253: they
    then match each other, which only makes a distance smaller.
    """
    symbols = sorted(set(text))
    if len(symbols) > 254:
        counts = Counter(text)
        symbols = sorted(symbols, key=lambda c: (-counts[c], c))
    return {ord(char): min(code, 253) for code, char in enumerate(symbols)}


_CODES: weakref.WeakKeyDictionary[TextView, tuple[dict[int, int], bytes]] = weakref.WeakKeyDictionary()


def _coded(needle: str, view: TextView) -> tuple[bytes, bytes]:
    """``needle`` and the whole text of ``view`` coded for edlib, the text's coding made once a
    view (recoding a book took 40 ms a search); a character of the needle that the text lacks
    gets code 254, which no character of the text has."""
    if view not in _CODES:
        table = _alphabet(view.text)
        _CODES[view] = (table, view.text.translate(table).encode("latin-1"))
    table, text = _CODES[view]
    return bytes(table.get(ord(char), 254) for char in needle), text


_INDEX_FROM, _GRAM, _BIN = 100_000, 8, 32  # texts this long get a seed index (argmap.index: its n-grams, bins)


def _seed_index(view: TextView, *, build: bool = True) -> SeedIndex | None:
    """The seed index of a book-length view (built on first use, unless not ``build``); ``None``
    for a shorter one, or one not built."""
    if len(view.text) < _INDEX_FROM:
        return None
    from argmap.index import seed_index  # numpy: only book-length texts need it

    return seed_index(view, build=build)


_SEARCHES: weakref.WeakKeyDictionary[TextView, int] = weakref.WeakKeyDictionary()
#: Exact searches of one text after which its seed index pays for itself (it takes about as
#: long to build as that many scans of the text with ``str.find``).
_INDEX_AFTER = 1000


def _searched(view: TextView) -> int:
    """Count one more exact search of ``view``; how many there have been."""
    _SEARCHES[view] = _SEARCHES.get(view, 0) + 1
    return _SEARCHES[view]
