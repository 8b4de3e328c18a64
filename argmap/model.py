"""The values argmap works with: sources, passages, theses, evidence and relations.

All are frozen attrs classes; change one with :func:`attrs.evolve`. The mutable holder that
ties them together is :class:`argmap.ArgumentMap`.
"""

from __future__ import annotations

import enum
import functools
import itertools
import re
import types
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from argmap.errors import InvalidTypeError, InvalidValueError
from argmap.pages import Layout, compile_pattern, page_locator
from argmap.text import TextView, normalize

__all__ = ["Evidence", "Match", "Passage", "Position", "Relation", "Source", "Stance", "Thesis"]

_HYPHEN_BREAK = re.compile(r"(?<=[^\W\d_])-\s*\n\s*(?=[a-z])")
_BEFORE_CLOSING = re.compile(r"\s+([,.;:!?)\]}])")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:\-]*$")


class Stance(enum.StrEnum):
    """How evidence or a thesis bears on a thesis."""

    SUPPORTS = "supports"
    CONTESTS = "contests"

    @classmethod
    def parse(cls, value: Stance | str) -> Stance:
        """Accept a member or its string value; anything else is an InvalidValueError."""
        try:
            return cls(value)
        except ValueError:
            raise InvalidValueError("stance", value, "'supports' or 'contests'") from None


class Position(enum.StrEnum):
    """What one source holds on one thesis, derived from its evidence."""

    AFFIRMS = "affirms"
    DENIES = "denies"
    MIXED = "mixed"
    SILENT = "silent"


class Match(enum.StrEnum):
    """How a quote was found in its source."""

    EXACT = "exact"
    NORMALIZED = "normalized"
    FUZZY = "fuzzy"


def _stance(value: Stance | str) -> Stance:
    return Stance.parse(value)


def check_id(kind: str, value: str) -> str:
    """Return ``value`` if it is a usable id (a slug), else raise InvalidValueError."""
    if not isinstance(value, str) or not _ID.match(value):
        raise InvalidValueError(
            f"{kind} id", value, "a slug: letters, digits and . _ : - , starting with a letter or digit"
        )
    return value


def _tuple(value: Iterable[str] | str | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def _ints(value: Iterable[int]) -> tuple[int, ...]:
    return tuple(value)


def _words_map(value: Mapping[str, str] | None) -> Mapping[str, str]:
    """A read-only copy of a mapping of words (``None``: empty)."""
    return types.MappingProxyType(dict(value or {}))


#: What each declared type of the values' fields takes (``bool`` is no number here).
_TYPES: dict[str, tuple[type, ...]] = {
    "str": (str,), "str | None": (str, type(None)), "int | None": (int, type(None)), "int": (int,),
    "float | None": (int, float, type(None)), "float": (int, float),
}  # fmt: skip


def _check_types(value: Any) -> None:
    """Refuse a field whose value is not of its declared type (``year="1998"``, ``statement=5``):
    what the API accepts, a map file can hold and read back.

    Raises:
        InvalidTypeError: naming the field, the value and the type it needs.
    """
    for field in attrs.fields(type(value)):
        given = getattr(value, field.name)
        wanted = _TYPES.get(str(field.type))
        if str(field.type) == "tuple[str, ...]":
            ok = all(isinstance(item, str) for item in given)
        else:
            ok = wanted is None or (isinstance(given, wanted) and not isinstance(given, bool))
        if not ok:
            names = {"str": "text (a string)", "int": "a whole number", "float": "a number", "None": "None"}
            kinds = str(field.type).replace("tuple[str, ...]", "str").split("|")
            expected = " or ".join(names[kind.strip()] for kind in kinds)
            raise InvalidTypeError(field.name, given, expected)


def check_rate(value: float | None, what: str = "max_error_rate") -> float | None:
    """``value`` if it is ``None`` or a number from 0 to 0.5 (edits per character of a quote).

    Raises:
        InvalidValueError: anything else (a negative rate, 1.0, NaN, a string).
    """
    if value is not None and not (isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 0.5):
        raise InvalidValueError(what, value, "a number from 0 to 0.5 (edits per character of the quote; default 0.1)")
    return value


def check_occurrence(value: int | None) -> int | None:
    """``value`` if it is ``None`` or a whole number from 1 (which occurrence of a quote).

    Raises:
        InvalidValueError: anything else (0, -1, 1.5, NaN).
    """
    if value is not None and not (isinstance(value, int) and not isinstance(value, bool) and value >= 1):
        raise InvalidValueError("occurrence", value, "a whole number from 1 (1 = the first occurrence)")
    return value


def _page_range(_instance: Any, attribute: Any, value: str | None) -> None:
    if value is not None and not re.fullmatch(r"\s*[\w\[\]]+\s*(?:-\s*[\w\[\]]+\s*)?", value):
        raise InvalidValueError(attribute.name, value, "a page or a range of pages of the text, such as '221-291'")


def _compiles(_instance: Any, attribute: Any, value: Any) -> None:
    for pattern in _tuple(value):
        compile_pattern(attribute.name, pattern)


@attrs.frozen
class Source:
    """One text with the metadata a citation needs, and its pages.

    Only ``key`` and ``text`` are required. A reader (:func:`Source.from_file`,
    :mod:`argmap.sources`) gives the source its ``layout``: where each page begins and which
    spans are not prose. Without one, the layout comes from the text itself: ``page_pattern``
    is a regular expression, applied in multiline mode, that matches a page marker; its group 1
    is the page label, which applies from the marker on (``first_page`` labels the text before
    the first marker). ``ignore`` patterns match text that is not part of the prose: footnote
    numbers on their own line, inline anchors like ``[12]``, scraper debris. Both are skipped
    when quotes are located.

    ``page_offset`` tells a reader of a file with physical pages (a PDF) that the printed page
    number is the physical one plus the offset. ``pages`` limits the source to a range of pages
    of its text (``"221-291"``: a chapter in a volume, a letter printed in a book). ``csl_type``
    is the CSL item type used for citations (``"chapter"``, ``"book"``, ``"post-weblog"``,
    ``"letter"``, ``"article-journal"``, ...);
    ``kind`` says whether the source is ``"primary"`` or ``"secondary"``. ``quoted_in`` is the
    key of the source in which this one is read (a letter known from the book or post that
    prints it); citations then say "quoted in" that source, with its pages.
    """

    key: str = attrs.field(validator=lambda _i, _a, v: check_id("source", v))
    text: str = attrs.field(repr=False)
    title: str | None = None
    authors: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    year: int | None = None
    date: str | None = None
    container_title: str | None = None
    editors: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    publisher: str | None = None
    place: str | None = None
    url: str | None = None
    accessed: str | None = None
    kind: str | None = None
    csl_type: str | None = None
    page_pattern: str | None = attrs.field(default=None, validator=_compiles)
    ignore: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_compiles)
    first_page: str | None = None
    page_offset: int | None = None
    pages: str | None = attrs.field(default=None, validator=_page_range)
    quoted_in: str | None = None
    path: str | None = None
    layout: Layout | None = attrs.field(default=None, repr=False)
    #: How the view is made from the text and the spans it skips: :func:`~argmap.text.normalize`,
    #: or the disk cache of it that sources read from files get (:func:`argmap.sources.cache.normalize_cached`).
    normalizer: Callable[[str, tuple[tuple[int, int], ...]], TextView] = attrs.field(
        default=normalize, kw_only=True, eq=False, repr=False
    )

    def __attrs_post_init__(self) -> None:
        _check_types(self)
        self.page_layout  # noqa: B018  (a page pattern that matches nothing is refused now, not when cited)

    @classmethod
    def from_file(cls, path: str | Path, *, key: str, **options: Any) -> Source:
        """Read a source from a file; ``options`` are the reader's options and the other fields.

        The reader is chosen by the file's type (see :mod:`argmap.sources`).

        Raises:
            SourceFileError: the file is missing, unreadable or not in the expected format.
        """
        from argmap.sources import read  # the readers build on the model, not the other way round

        return read(path, key=key, **options)

    @functools.cached_property
    def page_layout(self) -> Layout:
        """The layout in force: the reader's, else the one ``page_pattern`` and ``ignore`` find."""
        if self.layout is not None:
            return self.layout
        return Layout.from_patterns(self.text, self.page_pattern, self.ignore, self.first_page)

    @functools.cached_property
    def view(self) -> TextView:
        """The normalized view of the text (page markers and ignored spans skipped)."""
        return self.normalizer(self.text, self.page_layout.skipped)

    @functools.cached_property
    def extent(self) -> tuple[int, int]:
        """The offsets of the text this source occupies: all of it, or its ``pages``.

        Raises:
            InvalidValueError: ``pages`` names pages the text does not have.
        """
        if self.pages is None:
            return 0, len(self.text)
        first, _, last = self.pages.partition("-")
        span = self.page_layout.span_of(first.strip(), (last or first).strip(), len(self.text))
        if span is None:
            known = ", ".join(dict.fromkeys(self.page_layout.page_labels)) or "none"
            raise InvalidValueError("pages", self.pages, f"a range of the pages the text has ({known})")
        return span

    def pages_of(self, start: int, end: int) -> tuple[str, ...]:
        """The labels of the pages that the span ``[start, end)`` of the text touches."""
        return self.page_layout.pages_of(start, end)

    @functools.cached_property
    def _skip_ends(self) -> tuple[int, ...]:
        """Where each skipped span ends, in order: found once per source, for :meth:`words` of every passage."""
        return tuple(end for _, end in self.page_layout.skipped)

    def page_texts(self) -> list[tuple[str | None, str]]:
        """The text quotes are matched against, page by page: ``(label, text)`` in text order,
        page markers and skipped spans left out (``None``: the text before the first page).

        Examples:
            >>> text = "intro\\nPage 7\\nseven\\nPage 8\\neight"
            >>> Source(key="s", text=text, page_pattern=r"^Page (\\d+)$").page_texts()
            [(None, 'intro'), ('7', 'seven'), ('8', 'eight')]
        """
        layout = self.page_layout
        bounds = [0, *layout.page_starts, len(self.text)]
        labels: list[str | None] = [None, *layout.page_labels]
        out = []
        for label, start, end in zip(labels, bounds, bounds[1:], strict=False):
            pieces, at = [], start
            for skip_start, skip_end in layout.skipped:
                if skip_end > at and skip_start < end:
                    pieces.append(self.text[at:skip_start])
                    at = min(max(at, skip_end), end)
            pieces.append(self.text[at:end])
            text = "".join(pieces).strip()
            if text or label is not None:
                out.append((label, text))
        return out

    def words(self, start: int, end: int) -> str:
        r"""The text of ``[start, end)`` as a reader sees it on the page: page markers and
        ``ignore`` spans dropped, a word hyphenated across a line or page joined, whitespace
        folded; the source's own characters (quotes, dashes) kept.

        Examples:
            >>> src = Source(key="c", text="military interven-\nPage 252\ntion in Korea", page_pattern=r"^Page (\d+)$")
            >>> src.words(0, len(src.text))
            'military intervention in Korea'
        """
        pieces, pos = [], start
        skipped = self.page_layout.skipped
        # the skipped spans are sorted and disjoint: start at the first that ends after ``start``
        for skip_start, skip_end in itertools.islice(skipped, bisect_right(self._skip_ends, start), None):
            if skip_start >= end:
                break
            pieces += [self.text[pos:skip_start], "\n"]
            pos = max(pos, skip_end)
        pieces.append(self.text[pos:end])
        text = _HYPHEN_BREAK.sub("", "".join(pieces))
        return _BEFORE_CLOSING.sub(r"\1", " ".join(text.split()))


@attrs.frozen
class Passage:
    """A located span of a source: offsets, the exact text there, its pages, how it matched.

    Passages are made by locating a quote (:func:`argmap.locate`), never by hand: a map
    accepts a passage only if ``source.text[start:end] == text`` and its pages are those of
    its span. ``score`` is the similarity of quote and passage in [0, 1] (1.0 unless ``match``
    is fuzzy).
    """

    source: str
    start: int
    end: int = attrs.field()
    text: str
    pages: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    match: Match = attrs.field(default=Match.EXACT, converter=Match)
    score: float = 1.0
    #: the physical pages (1-based) of the span in its file, where the file has them (a PDF:
    #: ``file.pdf#page=N`` opens the first)
    page_indexes: tuple[int, ...] = attrs.field(default=(), converter=_ints)

    @end.validator
    def _span(self, _attribute: Any, end: int) -> None:
        if not 0 <= self.start < end:
            expected = "offsets 0 <= start < end: a passage is never empty"
            raise InvalidValueError("passage span", (self.start, end), expected)

    def cite(self) -> str:
        """The page locator a historian writes: ``p. 251``, ``pp. 251–52``, ``pp. vi–vii``.

        Examples:
            >>> Passage("s", 0, 1, "x", ("251", "252")).cite()
            'pp. 251–52'
            >>> Passage("s", 0, 1, "x", ("vi", "vii")).cite(), Passage("s", 0, 1, "x").cite()
            ('pp. vi–vii', '')
        """
        return page_locator(self.pages)


@attrs.frozen
class Thesis:
    """A proposition about the past, with a stable id (a slug)."""

    id: str = attrs.field(validator=lambda _i, _a, v: check_id("thesis", v))
    statement: str
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        _check_types(self)
        if not self.statement.strip():
            raise InvalidValueError("statement", self.statement, "the thesis in words (a sentence)")


@attrs.frozen
class Evidence:
    """A passage of a source attached to a thesis, supporting or contesting it.

    ``quote`` is the quote as the user wrote it; ``passage`` is where it was found.
    ``prefix``/``suffix``/``occurrence`` are how the user picked one of several occurrences;
    ``max_error_rate`` is the budget of approximate matching the user allowed for this quote
    (``None``: the default), kept so that the quote is located again the same way. ``emend``
    names the known errors of the source's text that the quote corrects (``{"arid": "and"}``:
    the source's word, the quote's).
    """

    id: str
    thesis: str
    stance: Stance = attrs.field(converter=_stance)
    quote: str
    passage: Passage
    note: str | None = None
    prefix: str | None = None
    suffix: str | None = None
    occurrence: int | None = attrs.field(default=None, validator=lambda _i, _a, v: check_occurrence(v))
    max_error_rate: float | None = attrs.field(default=None, validator=lambda _i, _a, v: check_rate(v))
    emend: Mapping[str, str] = attrs.field(factory=dict, converter=_words_map, hash=False)

    def __attrs_post_init__(self) -> None:
        _check_types(self)

    @property
    def source(self) -> str:
        """The key of the source the passage is from."""
        return self.passage.source

    @property
    def words(self) -> str:
        """The quote as the historian wrote it (brackets, ellipses and corrections of the source's
        slips kept), on one line: what reports and diagrams print.

        Examples:
            >>> src = Source(key="s", text="the Soviet Unioñ agreed")
            >>> from argmap.anchor import locate
            >>> Evidence("e", "t", "supports", "[T]he Soviet  Union", locate(src, "[T]he Soviet Union")).words
            '[T]he Soviet Union'
        """
        return " ".join(self.quote.split())


@attrs.frozen
class Relation:
    """One thesis supports or contests another."""

    from_thesis: str
    to_thesis: str
    stance: Stance = attrs.field(converter=_stance)
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        _check_types(self)
