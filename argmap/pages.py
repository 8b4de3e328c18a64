"""Pages as data: where each page of a text begins, its printed label, and what is not prose.

A reader (:mod:`argmap.sources`) knows a file's pages: a PDF's page labels, an EPUB's page
list, the page markers of a plain text. It hands them over as a :class:`Layout`, together with
the spans that are not part of the prose (page markers, running heads, footnote anchors), which
quote location skips. For a plain text the layout comes from two regular expressions
(:meth:`Layout.from_patterns`).

Labels are what the page prints (``"249"``, ``"vi"``); a page that prints no number gets the
number inferred from its neighbours in square brackets (``"[7]"``), as the *Chicago Manual*
cites it. Text before the first page has no page.
"""

from __future__ import annotations

import functools
import itertools
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from argmap.errors import InvalidTypeError, InvalidValueError

__all__ = ["Layout", "full_range", "numbered_like", "page_locator", "page_number", "shorten_range"]

Span = tuple[int, int]


def _ints(values: Iterable[int]) -> tuple[int, ...]:
    values = tuple(values)
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        raise InvalidTypeError("page offsets", values, "whole numbers")
    return values


def _strings(values: Iterable[str]) -> tuple[str, ...]:
    values = tuple(values)
    if not all(isinstance(v, str) for v in values):
        raise InvalidTypeError("page labels", values, "text (strings), one per page")
    return values


def _disjoint(spans: Iterable[Sequence[int]]) -> tuple[Span, ...]:
    """Sorted spans with overlapping ones merged."""
    merged: list[list[int]] = []
    for start, end in sorted((int(s), int(e)) for s, e in spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((s, e) for s, e in merged)


def _span(value: Sequence[int] | None) -> Span | None:
    return None if value is None else (int(value[0]), int(value[1]))


def _increasing(_instance: object, attribute: attrs.Attribute[tuple[int, ...]], value: tuple[int, ...]) -> None:
    if any(b <= a for a, b in itertools.pairwise(value)):
        raise InvalidValueError(attribute.name, value, "offsets in increasing order, one per page")


@attrs.frozen
class Layout:
    """Where the pages of a text begin and which spans of it are not prose.

    Attributes:
        page_starts: the offset at which each page begins, increasing.
        page_labels: the printed label of each page (``"[7]"`` for an unnumbered page).
        page_indexes: the physical page (1-based) of each page in its file, where the file has
            physical pages (a PDF); empty otherwise.
        skipped: spans that are not prose (markers, running heads, anchors), sorted, disjoint.
        main: the span of the main text (a web page's article), when the text holds more (its
            comments, sidebars, navigation, after it); ``None``: all of it is main text.

    Examples:
        >>> layout = Layout(page_starts=(10, 20), page_labels=("1", "2"))
        >>> layout.pages_of(12, 25), layout.pages_of(0, 5)
        (('1', '2'), ())
    """

    page_starts: tuple[int, ...] = attrs.field(default=(), converter=_ints, validator=_increasing)
    page_labels: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    page_indexes: tuple[int, ...] = attrs.field(default=(), converter=_ints)
    skipped: tuple[Span, ...] = attrs.field(default=(), converter=_disjoint)
    main: Span | None = attrs.field(default=None, converter=_span)

    def __attrs_post_init__(self) -> None:
        if len(self.page_labels) != len(self.page_starts):
            expected = f"one label per page start ({len(self.page_starts)})"
            raise InvalidValueError("page_labels", self.page_labels, expected)
        blank = next((label for label in self.page_labels if not label.strip()), None)
        if blank is not None:
            raise InvalidValueError("page label", blank, "the page's printed label ('249', 'vi', '[7]'), not blank")
        if self.page_indexes and len(self.page_indexes) != len(self.page_starts):
            raise InvalidValueError("page_indexes", self.page_indexes, "one physical page number per page, or none")

    @classmethod
    def from_patterns(
        cls, text: str, page_pattern: str | None = None, ignore: Sequence[str] = (), first_page: str | None = None
    ) -> Layout:
        """The layout of a plain text: page markers matched by ``page_pattern`` (multiline mode;
        group 1 is the label, which applies from the marker on) and spans matched by ``ignore``.

        A marker whose group 1 does not take part (or is empty) starts an unnumbered page;
        ``first_page`` labels the text before the first marker.

        Raises:
            InvalidValueError: a pattern that is not a regular expression, or a ``page_pattern``
                that matches nothing in the text (every citation would lose its page).

        Examples:
            >>> text = "one\\n[Page 6]\\ntwo\\n[unnumbered]\\nthree\\n[Page 8]\\nfour"
            >>> layout = Layout.from_patterns(text, r"^\\[(?:Page (\\d+)|unnumbered)\\]$")
            >>> layout.page_labels
            ('6', '[7]', '8')
        """
        markers = [m for m in _finditer("page_pattern", page_pattern, text)] if page_pattern else []
        if page_pattern and not markers and text:
            raise InvalidValueError(
                "page_pattern", page_pattern,
                "a pattern that matches the page markers of the text; it matches nothing in it, so no quote "
                "would get a page (leave page_pattern out for a text without page markers)",
            )  # fmt: skip
        empty = next((m for m in markers if m.end() == m.start()), None)
        if empty is not None:
            line = text.count("\n", 0, empty.start()) + 1
            raise InvalidValueError(
                "page_pattern", page_pattern,
                f"a pattern that matches the text of each page marker; it matches the empty string (first on line "
                f"{line} of the text), which marks no page: make it match the marker itself, such as r'^Page (\\d+)$'",
            )  # fmt: skip
        starts = [m.start() for m in markers]
        labels: list[str | None] = [_label(m) for m in markers]
        if first_page is not None and (not starts or starts[0] > 0):
            starts.insert(0, 0)
            labels.insert(0, first_page)
        skipped = [m.span() for m in markers if m.end() > m.start()]
        for pattern in ignore:
            skipped += [m.span() for m in _finditer("ignore", pattern, text) if m.end() > m.start()]
        return cls(tuple(starts), _infer_unnumbered(labels), (), tuple(skipped))

    def page_at(self, offset: int) -> str | None:
        """The label of the page the character at ``offset`` is on (``None`` before the first page)."""
        i = bisect_right(self.page_starts, offset) - 1
        return self.page_labels[i] if i >= 0 else None

    def index_at(self, offset: int) -> int | None:
        """The physical page (1-based) of the character at ``offset``, where the file has one."""
        i = bisect_right(self.page_starts, offset) - 1
        return self.page_indexes[i] if i >= 0 and self.page_indexes else None

    def indexes_of(self, start: int, end: int) -> tuple[int, ...]:
        """The physical pages (1-based) that the span ``[start, end)`` touches, where the file has them."""
        if not self.page_indexes:
            return ()
        lo = bisect_right(self.page_starts, start) - 1
        hi = bisect_right(self.page_starts, max(start, end - 1))
        return tuple(dict.fromkeys(self.page_indexes[max(lo, 0) : hi]))

    @functools.cached_property
    def page_order(self) -> dict[str, int]:
        """Where each page label first stands among the pages: the order citations list pages in."""
        return {label: i for i, label in reversed(list(enumerate(self.page_labels)))}

    def pages_of(self, start: int, end: int) -> tuple[str, ...]:
        """Every page label that the span ``[start, end)`` touches, in order, without repeats."""
        lo = bisect_right(self.page_starts, start) - 1
        hi = bisect_right(self.page_starts, max(start, end - 1))
        return tuple(dict.fromkeys(self.page_labels[max(lo, 0) : hi]))

    def span_of(self, first: str, last: str, length: int) -> Span | None:
        """The offsets from the start of page ``first`` to the end of page ``last`` (the first
        page so labelled, and the first ``last`` from it on) in a text of ``length`` characters,
        or ``None`` if either page is missing."""
        try:
            i = self.page_labels.index(first)
            j = self.page_labels.index(last, i)
        except ValueError:
            return None
        return self.page_starts[i], self.page_starts[j + 1] if j + 1 < len(self.page_starts) else length


#: Seconds a pattern from a map may run over one text: a pattern that backtracks without end
#: (``(a|aa)+$``) is refused, never left to hang.
PATTERN_TIMEOUT = 2.0


def compile_pattern(what: str, pattern: str) -> Any:
    """A regular expression from a map (``page_pattern``, ``ignore``) in multiline mode,
    compiled by the ``regex`` module (Python's syntax; it can stop a runaway match).

    Raises:
        InvalidValueError: ``pattern`` is not a regular expression, or one too large to compile.
    """
    import regex  # only texts with patterns need it

    try:
        return regex.compile(pattern, regex.MULTILINE)
    except (regex.error, OverflowError, RecursionError, MemoryError, ValueError, TypeError) as exc:
        raise InvalidValueError(what, pattern, f"a regular expression ({exc})") from None


def _finditer(what: str, pattern: str, text: str) -> list[Any]:
    try:
        return list(compile_pattern(what, pattern).finditer(text, timeout=PATTERN_TIMEOUT))
    except TimeoutError:
        raise InvalidValueError(
            what, pattern, f"a pattern that runs in time: it ran over {PATTERN_TIMEOUT:g} s on the text (nested "
            "repeats such as '(a|aa)+' backtrack without end); make it simpler or anchor it",
        ) from None


def _label(marker: Any) -> str | None:
    value = marker.group(1) if marker.re.groups else marker.group()
    return value.strip() or None if value is not None else None


def _infer_unnumbered(labels: Sequence[str | None]) -> tuple[str, ...]:
    """Labels with each missing one inferred from the nearest numbered page, in brackets."""
    out: list[str] = []
    for i, label in enumerate(labels):
        if label is not None:
            out.append(label)
            continue
        guess = None
        for j in range(i - 1, -1, -1):  # the nearest numbered page before, counting on
            number = page_number(labels[j] or "")
            if number is not None:
                guess = numbered_like(labels[j] or "", number + i - j)
                break
        else:
            for j in range(i + 1, len(labels)):  # else the nearest after, counting back
                number = page_number(labels[j] or "")
                if number is not None and number - (j - i) > 0:
                    guess = numbered_like(labels[j] or "", number - (j - i))
                    break
        out.append(f"[{guess}]" if guess else "[unnumbered]")
    return tuple(out)


_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_ROMAN_LABEL = re.compile(r"m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})", re.IGNORECASE)


def page_number(label: str) -> int | None:
    """The number of an arabic or roman page label (``"[7]"`` counts as 7), else ``None``.

    Examples:
        >>> page_number("251"), page_number("xiv"), page_number("[7]"), page_number("A3")
        (251, 14, 7, None)
    """
    label = label.strip("[]")
    if label.isdigit():
        return int(label)
    if not label or not _ROMAN_LABEL.fullmatch(label):
        return None
    values = [_ROMAN[c] for c in label.lower()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def numbered_like(label: str, number: int) -> str:
    """``number`` written as ``label`` is (roman, in its case, or arabic).

    Examples:
        >>> numbered_like("249", 250), numbered_like("xiv", 15), numbered_like("IV", 5)
        ('250', 'xv', 'V')
    """
    label = label.strip("[]")
    if label.isdigit():
        return str(number)
    numerals = (("m", 1000), ("cm", 900), ("d", 500), ("cd", 400), ("c", 100), ("xc", 90), ("l", 50),
                ("xl", 40), ("x", 10), ("ix", 9), ("v", 5), ("iv", 4), ("i", 1))  # fmt: skip
    out = ""
    for letters, value in numerals:
        while number >= value:
            out += letters
            number -= value
    return out.upper() if label.isupper() else out


def page_locator(pages: Sequence[str]) -> str:
    """Chicago-style page locator: ``p. 7``, ``pp. 101–8``, ``pp. 321–28``, ``pp. 250, 252–53``.

    ``pages`` come in page order (one passage's pages, or several passages' merged); runs of
    consecutive page numbers, arabic or roman, become ranges.

    Examples:
        >>> page_locator(("250", "252", "253")), page_locator(("v", "vi", "vii")), page_locator(("[7]",))
        ('pp. 250, 252–53', 'pp. v–vii', 'p. [7]')
    """
    if not pages:
        return ""
    runs: list[list[str]] = []
    for page in pages:
        if runs and _follows(runs[-1][-1], page):
            runs[-1].append(page)
        else:
            runs.append([page])
    text = ", ".join(run[0] if len(run) == 1 else f"{run[0]}\u2013{shorten_range(run[0], run[-1])}" for run in runs)
    return ("p. " if len(pages) == 1 else "pp. ") + text


def _follows(before: str, page: str) -> bool:
    """Whether ``page`` is the page after ``before`` (labels that are not numbers: assumed)."""
    a, b = page_number(before), page_number(page)
    return a is None or b is None or b == a + 1


def full_range(pages: str) -> str:
    """A page range with its last page in full, as ``page_range`` holds it: a shortened range
    (``221–91``, BibTeX's ``101--8``) is read as Chicago writes it (``221-291``, ``101-108``).

    Examples:
        >>> full_range("221–91"), full_range("101--8"), full_range("17"), full_range("xi – xv")
        ('221-291', '101-108', '17', 'xi-xv')
    """
    m = re.fullmatch(r"\s*(\d+)\s*[-\u2013\u2014]+\s*(\d+)\s*", pages)
    if not m:
        return re.sub(r"\s*[-\u2013\u2014]+\s*", "-", pages.strip())
    first, last = m.groups()
    if len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    return f"{first}-{last}"


def shorten_range(first: str, last: str) -> str:
    """The second number of a range, shortened as the Chicago Manual (9.61) prescribes."""
    if not (first.isdigit() and last.isdigit()) or len(first) != len(last) or int(first) < 100:
        return last
    if int(first) % 100 == 0:
        return last
    if first[:-2] != last[:-2]:
        return last
    if int(first) % 100 < 10:  # 101-8, 1103-4: only the changed part
        return str(int(last[-2:]))
    return last[-2:]  # 321-28
