"""The normalized view of a text: what quotes are compared against, with a way back.

Historians' sources are messy: no-break spaces, curly quotes, dashes typed three ways, page
markers and footnote numbers in mid-sentence, words hyphenated across a page break. A
:class:`TextView` folds all of that away and keeps an offset map back to the original, so
that a quote found in the view is a span of the original text.

The folding rules, applied alike to source texts and to quotes:

- removed spans (page markers, ``ignore`` patterns) count as whitespace;
- a run of whitespace becomes one space, and no space at all before closing punctuation
  (``Xinjiang\\n\\n19\\n; in`` reads ``Xinjiang; in``) or at either end;
- a letter, a hyphen, a line break and a lowercase letter join (``interven-\\ntion``);
- every dash (``-``, ``--``, ``–``, ``—``, ...) becomes ``-`` without the spaces around it;
- curly, straight and angle quotes compare equal (``'`` and ``"``), ``…`` reads ``...``, and
  invisible characters (soft hyphen, zero-width space) vanish;
- Unicode compatibility forms fold as NFKC does: ligatures are spelled out (``ﬁ``), full-width
  letters are letters (``ＵＳ``), the long s is an s (``ſ``), and a letter with combining marks is
  the composed letter (NFD ``e`` + ``́`` reads NFC ``é``);
- letter-spaced words (``z o m b i e   i n``) read as words (``zombie in``).
"""

from __future__ import annotations

import base64
import functools
import itertools
import re
import sys
import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, NamedTuple

import attrs

__all__ = ["ELLIPSIS", "TextView", "fold", "is_boundary", "normalize"]

#: The mark of an elision in a quote, as a pattern: three dots or more, spaced or not (a
#: sentence's period before an elision makes four), or the ellipsis.
ELLIPSIS = r"\.(?:\s*\.){2,}|\u2026"

_CLOSING = ",.;:!?)]}"
# whitespace, and the invisible characters that vanish with it (soft hyphen, zero-width space)
_INVISIBLE = "\u00ad\u200b-\u200d\u2060\ufeff"
_QUOTES_DASHES = "\u2010-\u2015\u2212\u2018-\u201f\u2032\u2033`\u00b4\u2039\u203a\u00ab\u00bb\u2026"
_LETTER = r"[^\W\d_]"
_FIXED = {"squote": "'", "dquote": '"', "ellipsis": "..."}
_FOLD_MARKS = str.maketrans(
    {**dict.fromkeys("\u2018\u2019\u201a\u201b\u2032`\u00b4\u2039\u203a", "'"),
     **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
     **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-")}
)  # fmt: skip

#: The foldings of one character into one: whitespace to a space, quotes to ASCII ones.
_ONE_FOR_ONE = {
    **{chr(code): " " for code in range(0x3001) if chr(code).isspace() and code != 0x20},
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032`\u00b4\u2039\u203a", _FIXED["squote"]),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", _FIXED["dquote"]),
}


def _one_for_one(text: str) -> str:
    """``text`` with the foldings of one character into one made (``str.replace`` a character at
    a time is five times faster than ``str.translate`` on a book)."""
    for char, folded in _ONE_FOR_ONE.items():
        if char in text:
            text = text.replace(char, folded)
    return text


def _ranges(chars: Iterable[str]) -> str:
    """A regular-expression class body for ``chars``, as ranges."""
    runs: list[list[int]] = []
    for code in sorted(map(ord, chars)):
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in runs)


class _Tables(NamedTuple):
    """The Unicode classes the view folds, as regular-expression class bodies."""

    marks: str  # combining marks (e + ́ composes; a mark on no letter vanishes)
    compatible: str  # compatibility forms (ﬁ, ＵＳ, ſ): NFKC
    vanishing: str  # what folds to nothing (a spacing accent such as the diaeresis): a space
    dashes: str  # what folds to a dash (a full-width hyphen-minus): a dash
    closing: frozenset[str]  # what folds to closing punctuation (a full-width comma): closing punctuation


@functools.cache
def _tables() -> _Tables:
    """The Unicode tables, built once a process (in about 50 ms: the filters run in C)."""
    chars = list(map(chr, range(0x80, 0x30000)))
    combining = set(filter(unicodedata.combining, chars))
    stable = functools.partial(unicodedata.is_normalized, "NFKC")
    own_rules = re.compile(rf"[\s{_INVISIBLE}{_QUOTES_DASHES}]")  # whitespace, quotes, dashes
    unstable = [c for c in itertools.filterfalse(stable, chars) if c not in combining and not own_rules.match(c)]
    folded = {char: _compatible(char) for char in unstable}
    vanishing = {char for char, to in folded.items() if not to}
    dashes = {char for char, to in folded.items() if to == "-"}
    closing = frozenset(char for char, to in [*folded.items(), ("\u2026", "...")] if to[:1] and to[0] in _CLOSING)
    compatible = set(unstable) - vanishing - dashes
    return _Tables(_ranges(combining), _ranges(compatible), _ranges(vanishing), _ranges(dashes), closing)


@functools.cache
def _special() -> re.Pattern[str]:
    """The pattern of everything the view folds (what vanishes is masked as spaces before)."""
    tables = _tables()
    dash = rf"[\u2010-\u2015\u2212\-{tables.dashes}]"
    closing = rf"[{re.escape(_CLOSING)}{_ranges(tables.closing)}]"
    w = rf"[\s{_INVISIBLE}]"
    return re.compile(
        # The lookahead lets the scan skip ordinary characters at once (it only asks whether a
        # character, or the next, is not ASCII: the large Unicode classes are tried only there).
        rf"(?=[\s\-{_INVISIBLE}{_QUOTES_DASHES}]|[^\x00-\x7f]|.[^\x00-\x7f])"
        rf"(?:(?P<join>(?<={_LETTER})[\-\u00ad\u2010][^\S\n]*\n\s*(?={_LETTER}))"
        rf"|(?P<dash>{w}*{dash}(?:(?:{w}|{dash})*{dash})?{w}*)"  # a run of dashes of any kind, spaced or not, is one
        # single letters apart (z o m b i e   i n): matched from the first gap on (the first letter
        # stays), before the other rules on whitespace; _spaced_gaps says what each gap becomes
        rf"|(?P<spaced>(?<={_LETTER})(?<!\S.)(?:\s+{_LETTER})+(?!\S))"
        rf"|(?P<space>{w}+(?={closing})|^{w}+|{w}+$|(?:(?! ){w}|{w}(?={w})){w}*)"
        r"|(?P<squote>[\u2018\u2019\u201a\u201b\u2032`\u00b4\u2039\u203a])"
        r"|(?P<dquote>[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb])"
        r"|(?P<ellipsis>\u2026)"
        # compatibility characters (ﬁ, ＵＳ, ſ) and combining marks (e + ́): NFKC
        rf"|(?=[^\x00-\x7f]|.[^\x00-\x7f])(?P<unicode>\w?[{tables.marks}]+|[{tables.compatible}][{tables.marks}]*))"
    )


@functools.cache
def _vanishing() -> re.Pattern[str]:
    tables = _tables()
    return re.compile(rf"[{tables.vanishing}{tables.marks}]+")


def _unseen(text: str) -> Iterator[tuple[int, int]]:
    """The spans of what folds to nothing: spacing accents (``¨``), marks on no letter."""
    if text.isascii():
        return
    for run in _NON_ASCII.finditer(text):  # (the classes are tried only where they may match)
        for match in _vanishing().finditer(text, run.start(), run.end()):
            start = match.start()
            if not (unicodedata.combining(text[start]) and start and _composes(text[start - 1])):
                yield match.span()


def _composes(char: str) -> bool:
    """Whether a combining mark after ``char`` composes with it (else it vanishes)."""
    return char.isalnum() or char == "_"


_GAP = re.compile(r"\s+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _replacement(match: re.Match[str], text: str) -> str:
    kind = match.lastgroup
    if kind == "join":
        following = text[match.end()]
        return "" if following.islower() else "-"
    if kind == "dash":
        return "-"
    if kind == "space":
        start, end = match.span()
        after = text[end : end + 1]
        closing = after and (after in _CLOSING or after in _tables().closing)
        if start == 0 or not after or closing or not any(c.isspace() for c in match.group()):
            return ""  # at either end, before closing punctuation, or only invisible characters
        return " "
    if kind == "spaced":
        pieces, pos = [], match.start()
        for start, end, new in _spaced_gaps(match):
            pieces += [text[pos:start], new]
            pos = end
        return "".join(pieces) + text[pos : match.end()]
    if kind == "unicode":
        return _compatible(match.group())
    return _FIXED[kind or ""]


def _spaced_gaps(match: re.Match[str]) -> list[tuple[int, int, str]]:
    """What each gap of a run of single letters becomes: ``(start, end, replacement)``.

    A run of four letters or more is letter-spaced print: one space apart is within a word (the
    gap goes), any other gap is between words (one space), and four or more one-letter words in a
    row are one word (``A  B  C  D`` reads ``ABCD``). A shorter run (``I a m``) is words: each gap
    one space. So the view reads the same when normalized again, where every gap is one space.

    Examples:
        >>> [fold(text) for text in ("the z o m b i e   i n", "I  a m", "so  a  b  c  d")]
        ['the zombie in', 'I a m', 'so abcd']
    """
    gaps = [gap.span() for gap in _GAP.finditer(match.string, match.start(), match.end())]
    if len(gaps) < 3:
        return [(start, end, " ") for start, end in gaps]
    apart = [match.string[start:end] != " " for start, end in gaps]  # between words
    sizes = [1]  # the letters of each word (the first letter, before the match, in the first)
    for between in apart:
        sizes += [1] if between else []
        sizes[-1] += 0 if between else 1
    in_row = [False] * len(sizes)  # a one-letter word among four or more in a row
    for single, row in itertools.groupby(range(len(sizes)), key=lambda w: sizes[w] == 1):
        members = list(row)
        for w in members:
            in_row[w] = single and len(members) >= 4
    changes, word = [], 0
    for (start, end), between in zip(gaps, apart, strict=True):
        joined = between and in_row[word] and in_row[word + 1]
        changes.append((start, end, " " if between and not joined else ""))
        word += between
    return changes


def _compatible(chars: str) -> str:
    """``chars`` in NFKC (``ﬁ`` → ``fi``, ``Ｕ`` → ``U``, ``ſ`` → ``s``, ``e`` + ``́`` → ``é``),
    quotes and dashes folded, without the spaces and stray marks some compatibility forms carry.

    Examples:
        >>> _compatible("\ufb01"), _compatible("\uff35\uff33"), _compatible("\u017f"), _compatible("e\u0301")
        ('fi', 'US', 's', 'é')
    """
    kept: list[str] = []
    for char in unicodedata.normalize("NFKC", chars).translate(_FOLD_MARKS):
        on_letter = kept and (_composes(kept[-1]) or unicodedata.combining(kept[-1]))
        if not char.isspace() and (on_letter or not unicodedata.combining(char)):
            kept.append(char)  # (a mark stays on a letter, or on a mark that stays)
    return "".join(kept)


@attrs.frozen(eq=False)
class TextView:
    """A normalized text and the map from its offsets back to the original's.

    The map is a list of segments: each either copies the original verbatim (offsets shift
    linearly) or replaces one original span (every offset in it maps to the whole span).
    """

    text: str
    _norm: array[int] = attrs.field(repr=False)
    _orig: array[int] = attrs.field(repr=False)
    _orig_end: array[int] = attrs.field(repr=False)
    _verbatim: bytes = attrs.field(repr=False)
    _joins: frozenset[int] = attrs.field(repr=False, default=frozenset())

    def to_data(self) -> dict[str, Any]:
        """The view as JSON-ready data (for a disk cache): its text, and its map as base64 arrays.

        Examples:
            >>> view = normalize("free  hand")
            >>> TextView.from_data(view.to_data(), len("free  hand")).to_original(5, 9)
            (6, 10)
        """
        arrays = {name: getattr(self, f"_{name}").tobytes() for name in ("norm", "orig", "orig_end")}
        return {
            "text": self.text,
            **{name: base64.b64encode(data).decode("ascii") for name, data in arrays.items()},
            "verbatim": base64.b64encode(self._verbatim).decode("ascii"),
            "joins": sorted(self._joins),
            "byteorder": sys.byteorder,
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any], length: int) -> TextView:
        """The view that :meth:`to_data` wrote, of an original of ``length`` characters.

        Raises:
            ValueError: ``data`` is no such view (a damaged or foreign cache entry).
        """
        if data.get("byteorder") != sys.byteorder or not isinstance(data.get("text"), str):
            raise ValueError("not a view written on this machine")
        text: str = data["text"]
        norm, orig, orig_end = (array("q", base64.b64decode(data[name], validate=True))
                                for name in ("norm", "orig", "orig_end"))  # fmt: skip
        verbatim = base64.b64decode(data["verbatim"], validate=True)
        joins = frozenset(data["joins"])
        if not (len(norm) == len(orig) == len(orig_end) == len(verbatim) >= 1 and norm[0] == 0):
            raise ValueError("the view's map has parts of different lengths")
        ends = [*norm[1:], len(text)]
        last = 0
        for n, n_end, o, o_end, copied in zip(norm, ends, orig, orig_end, verbatim, strict=True):
            if not (n <= n_end and last <= o <= o_end <= length and copied in (0, 1)):
                raise ValueError("the view's map is out of order or out of bounds")
            if copied and o_end - o != n_end - n:
                raise ValueError("a copied part of the view differs in length from the original's")
            last = o
        if not all(isinstance(j, int) and 0 <= j <= len(text) for j in joins):
            raise ValueError("the view's joins are out of bounds")
        return cls(text, norm, orig, orig_end, verbatim, joins)

    def is_boundary(self, offset: int) -> bool:
        """Whether ``offset`` falls between words of the view (see :func:`is_boundary`); where a
        line-end hyphen was joined (``mouth-`` / ``shaped``) counts as between words."""
        return offset in self._joins or is_boundary(self.text, offset)

    def is_word(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` starts and ends between words."""
        return self.is_boundary(start) and self.is_boundary(end)

    def from_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the original's span ``[start, end)`` to the view's (a span cut from a replaced
        stretch takes all of its replacement)."""
        return self._view_offset(start, end=False), self._view_offset(end, end=True)

    def _view_offset(self, offset: int, *, end: bool) -> int:
        i = bisect_right(self._orig, offset - end) - 1
        if i < 0:
            return 0
        if self._verbatim[i]:
            return min(self._norm[i] + offset - self._orig[i], self._next_norm(i))
        return self._next_norm(i) if end and offset > self._orig[i] else self._norm[i]

    def _next_norm(self, i: int) -> int:
        return self._norm[i + 1] if i + 1 < len(self._norm) else len(self.text)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the view's span ``[start, end)`` (``end > start``) to the original's."""
        i = bisect_right(self._norm, start) - 1
        first = self._orig[i] + (start - self._norm[i]) if self._verbatim[i] else self._orig[i]
        j = bisect_right(self._norm, end - 1) - 1
        last = self._orig[j] + (end - 1 - self._norm[j]) + 1 if self._verbatim[j] else self._orig_end[j]
        return first, last


def normalize(text: str, removed: Iterable[tuple[int, int]] = ()) -> TextView:
    """Fold ``text`` into its normalized view; ``removed`` spans count as whitespace.

    Examples:
        >>> view = normalize("Stalin\\u2019s  \\u201cfree hand\\u201d \\u2014 interven-\\ntion")
        >>> view.text
        'Stalin\\'s "free hand"-intervention'
        >>> view.to_original(0, 8)
        (0, 8)
    """
    masked = _mask(text, [*removed, *_unseen(text)])
    # what folds one character into one (a line break, a curly quote, a dash) is copied from here
    # as it stands, so that only the changes of length make segments of the map
    folded = _one_for_one(masked)
    norm, orig, orig_end = array("q"), array("q"), array("q")
    verbatim = bytearray()
    out: list[str] = []
    joins: set[int] = set()
    n = pos = 0

    def segment(start: int, end: int, replacement: str | None) -> None:
        nonlocal n
        norm.append(n)
        orig.append(start)
        orig_end.append(end)
        verbatim.append(replacement is None)
        out.append(folded[start:end] if replacement is None else replacement)
        n += end - start if replacement is None else len(replacement)

    for match in _special().finditer(masked):
        if match.lastgroup == "spaced":  # each gap apart, so that every letter keeps its offset
            changes = [(start, end, new) for start, end, new in _spaced_gaps(match) if folded[start:end] != new]
        else:
            replacement = _replacement(match, masked)
            same = replacement == folded[match.start() : match.end()]
            changes = [] if same else [(match.start(), match.end(), replacement)]
        for start, end, replacement in changes:
            if start > pos:
                segment(pos, start, None)
            if replacement:
                segment(start, end, replacement)
            elif match.lastgroup == "join":
                joins.add(n)
            pos = end
    if pos < len(masked) or not norm:
        segment(pos, len(masked), None)
    return TextView("".join(out), norm, orig, orig_end, bytes(verbatim), frozenset(joins))


@functools.lru_cache(maxsize=4096)  # a quote is folded when parsed, placed and scored
def fold(text: str) -> str:
    r"""The normalized form of ``text`` alone, without the offset map (for quotes).

    Examples:
        >>> fold("  Stalin\u2019s \u201cfree hand\u201d\n")
        'Stalin\'s "free hand"'
    """
    quick = _quick_fold(text)
    if quick is not None:
        return quick
    masked = _mask(text, _unseen(text))
    return _special().sub(lambda match: _replacement(match, masked), masked)


def _quick_fold(text: str) -> str | None:
    """``text`` folded by a few plain passes (line-end hyphens, runs of dashes, whitespace,
    quotation marks), when the result is ASCII and holds nothing else the view folds; else
    ``None``, and :func:`fold` takes the long way. Most quotes take this one."""
    dashed = _DASH.search(text)
    if dashed:
        joined = _LINE_END_HYPHEN.sub(lambda match: "" if text[match.end()].islower() else "-", text)
        text = _DASHES.sub("-", joined)
    spaced = " ".join(text.split()).translate(_QUOTE_MARKS)
    if dashed:
        spaced = spaced.replace(" -", "-")  # the view's run of dashes takes the spaces before it too
    return spaced if spaced.isascii() and not _LEFT_TO_THE_VIEW.search(spaced) else None


# The passes do what the view's rules (_special) do to such text: "join" (the soft hyphen aside:
# it is no ASCII), "dash", "squote", "dquote" and "ellipsis". The quick way declines two cases:
# a space before closing punctuation (the view drops it), and two single letters in a row (any
# run of letter-spaced print has them, _spaced_gaps; so do a few other texts, which the view
# then leaves as they are).
_DASH = re.compile(r"[\-\u2010-\u2015\u2212]")
_LINE_END_HYPHEN = re.compile(rf"[\-\u2010](?<={_LETTER}.)[^\S\n]*\n\s*(?={_LETTER})")
_DASHES = re.compile(r"[\-\u2010-\u2015\u2212](?:[\s\-\u2010-\u2015\u2212]*[\-\u2010-\u2015\u2212])?\s*")
_QUOTE_MARKS = str.maketrans({**{c: f for c, f in _ONE_FOR_ONE.items() if f != " "}, "\u2026": _FIXED["ellipsis"]})
_LEFT_TO_THE_VIEW = re.compile(rf" (?:[{re.escape(_CLOSING)}]|[A-Za-z] [A-Za-z] )")


def _mask(text: str, removed: Iterable[tuple[int, int]]) -> str:
    """Blank out removed spans with spaces, keeping every offset where it was."""
    pieces, pos = [], 0
    for start, end in sorted(removed):
        start = max(start, pos)
        if end <= start:
            continue
        pieces += [text[pos:start], " " * (end - start)]
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


def _in_word(char: str) -> bool:
    return char.isalnum() or (not char.isascii() and unicodedata.category(char)[0] == "M")


def is_boundary(text: str, offset: int) -> bool:
    """Whether ``offset`` falls between two words (not inside one) of ``text``.

    A lowercase letter followed by an uppercase one (``WarIn``, where a source lost a space)
    and a letter beside a digit count as boundaries; a combining mark belongs to its letter's
    word (the dot of Hebrew ``שׁ``, which no normal form composes).

    Examples:
        >>> is_boundary("Stalinism", 6), is_boundary("Stalin is", 6), is_boundary("WarIn", 3)
        (False, True, True)
        >>> is_boundary("\u05e9\u05c1a", 2)
        False
    """
    if offset <= 0 or offset >= len(text):
        return True
    before, after = text[offset - 1], text[offset]
    if not (_in_word(before) and _in_word(after)):
        return True
    if before.isdigit() != after.isdigit():
        return True
    return before.islower() and after.isupper()
