"""The values argmap works with: sources, passages, theses, evidence and relations.

All are frozen attrs classes; change one with :func:`attrs.evolve`. The mutable holder that
ties them together is :class:`argmap.ArgumentMap`.
"""

from __future__ import annotations

import difflib
import enum
import functools
import itertools
import re
import types
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeGuard

import attrs

from argmap.errors import InvalidTypeError, InvalidValueError, expect_path
from argmap.names import Name, parse_name, to_name
from argmap.pages import Layout, compile_pattern, page_locator
from argmap.text import ELLIPSIS, TextView, normalize

__all__ = ["Evidence", "Match", "Passage", "Position", "Relation", "Source", "Stance", "Thesis"]

_HYPHEN_BREAK = re.compile(r"(?<=[^\W\d_])-\s*\n\s*(?=[a-z])")
_BEFORE_CLOSING = re.compile(r"\s+([,.;:!?)\]}])")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:\-]*$")


#: The item types of CSL 1.0.2 (https://docs.citationstyles.org/en/stable/specification.html#appendix-iii-types).
CSL_TYPES = (
    "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book", "broadcast", "chapter",
    "classic", "collection", "dataset", "document", "entry", "entry-dictionary", "entry-encyclopedia", "event",
    "figure", "graphic", "hearing", "interview", "legal_case", "legislation", "manuscript", "map", "motion_picture",
    "musical_score", "pamphlet", "paper-conference", "patent", "performance", "periodical", "personal_communication",
    "post", "post-weblog", "regulation", "report", "review", "review-book", "software", "song", "speech", "standard",
    "thesis", "treaty", "webpage",
)  # fmt: skip


#: argmap's own older names of CSL types, still accepted (maps written with them load), each with the
#: CSL 1.0.2 type CSL-JSON exports write instead.
CSL_LEGACY = {"letter": "personal_communication"}
#: The fields of a Source that hold names (strings, :class:`~argmap.names.Name` values).
NAME_FIELDS = ("authors", "editors", "recipients", "container_authors")
#: What people call some CSL types, which CSL names otherwise.
_CSL_NAMES = {
    "journal-article": ["article-journal"], "blog": ["post-weblog"],
    "blog-post": ["post-weblog"], "website": ["webpage"], "web-page": ["webpage"], "section": ["chapter"],
    "newspaper": ["article-newspaper"], "magazine": ["article-magazine"], "film": ["motion_picture"],
}  # fmt: skip


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


def _names(value: Iterable[str | Name | Mapping[str, Any]] | str | Name | None) -> tuple[str | Name, ...]:
    """Names as given: strings stay strings (read when cited), CSL-JSON name objects become
    :class:`~argmap.names.Name` values."""
    if value is None:
        return ()
    if isinstance(value, str | Name | Mapping):
        value = [value]
    return tuple(to_name(v) if isinstance(v, Mapping) else v for v in value)


def _readable_names(_instance: Any, attribute: attrs.Attribute[Any], value: tuple[str | Name, ...]) -> None:
    """Names written as strings are read now, so that a name argmap cannot read is refused where
    it is given, not when it is first cited."""
    for name in value:
        if isinstance(name, str):
            try:
                parse_name(name)
            except InvalidValueError as exc:
                raise InvalidValueError(attribute.name, name, exc.expected) from None


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
    for name, kind, wanted in _declared(type(value)):
        given = getattr(value, name)
        if kind == "tuple[str, ...]":
            ok = all(isinstance(item, str) for item in given)
        elif kind == "tuple[str | Name, ...]":
            ok = all(isinstance(item, str | Name) for item in given)
        else:
            ok = wanted is None or (isinstance(given, wanted) and not isinstance(given, bool))
        if not ok:
            names = {"str": "text (a string)", "int": "a whole number", "float": "a number", "None": "None"}
            kinds = kind.replace("tuple[str | Name, ...]", "str | Name").replace("tuple[str, ...]", "str")
            names["Name"] = "a name (argmap.names.Name)"
            expected = " or ".join(names[part.strip()] for part in kinds.split("|"))
            raise InvalidTypeError(name, given, expected)
        for item in (given,) if isinstance(given, str) else given if isinstance(given, tuple) else ():
            for text in (item,) if isinstance(item, str) else attrs.astuple(item) if isinstance(item, Name) else ():
                if isinstance(text, str):  # a Name's parts, its family_first flag aside
                    check_encodable(name, text)


_DECLARED: dict[type, tuple[tuple[str, str, tuple[type, ...] | None], ...]] = {}


def _declared(cls: type) -> tuple[tuple[str, str, tuple[type, ...] | None], ...]:
    """Each field of an attrs class: its name, its declared type as written, the types it takes."""
    if cls not in _DECLARED:
        _DECLARED[cls] = tuple((f.name, str(f.type), _TYPES.get(str(f.type))) for f in attrs.fields(cls))
    return _DECLARED[cls]


def check_encodable(what: str, text: str) -> str:
    """``text`` if it can be written to a file: no lone surrogate (``"\\ud800"``, half of a UTF-16
    pair, which no file encoding holds).

    Raises:
        InvalidValueError: naming the field and the place of the surrogate.
    """
    problem = lone_surrogate(text)
    if problem is not None:
        raise InvalidValueError(what, text, f"text without lone surrogates: {problem}")
    return text


def lone_surrogate(text: str) -> str | None:
    """Where ``text`` holds a lone surrogate and what to do, or ``None`` when it holds none
    (a search, not an encoding: a book's text is not copied to be checked)."""
    found = None if text.isascii() else _SURROGATE.search(text)
    if found is None:
        return None
    return (f"{found.group()!r} at character {found.start()} is half of a UTF-16 pair, no character (a broken "
            "escape, or a text cut in the middle of an emoji), and no file can hold it; remove it or write the "
            "whole character")  # fmt: skip


_SURROGATE = re.compile("[\ud800-\udfff]")


#: The most edits per character of a quote that approximate matching may be allowed.
MAX_ERROR_RATE = 0.5


def check_rate(value: float | None, what: str = "max_error_rate") -> float | None:
    """``value`` if it is ``None`` or a number from 0 to :data:`MAX_ERROR_RATE` (edits per
    character of a quote).

    Raises:
        InvalidValueError: anything else (a negative rate, 1.0, NaN, a string).
    """
    if value is not None and not is_rate(value):
        raise InvalidValueError(
            what, value, f"a number from 0 to {MAX_ERROR_RATE} (edits per character of the quote; default 0.1)"
        )
    return value


def is_rate(value: object) -> TypeGuard[float]:
    """Whether ``value`` is a number from 0 to :data:`MAX_ERROR_RATE` (``True`` is no number)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= MAX_ERROR_RATE


def check_occurrence(value: int | None) -> int | None:
    """``value`` if it is ``None`` or a whole number from 1 (which occurrence of a quote).

    Raises:
        InvalidValueError: anything else (0, -1, 1.5, NaN).
    """
    if value is not None and not (isinstance(value, int) and not isinstance(value, bool) and value >= 1):
        raise InvalidValueError("occurrence", value, "a whole number from 1 (1 = the first occurrence)")
    return value


def _check_score(value: Any) -> None:
    if not (isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 1):
        raise InvalidValueError("passage score", value, "a number from 0 to 1 (how similar quote and passage are)")


def _page_range(_instance: Any, attribute: Any, value: str | None) -> None:
    if value is not None and not re.fullmatch(r"\s*[\w\[\]]+\s*(?:-\s*[\w\[\]]+\s*)?", value):
        raise InvalidValueError(attribute.name, value, "a page or a range of pages of the text, such as '221-291'")


#: a printed page: arabic, roman, or a journal's own (``S12``, ``A3``, ``e1004``)
_PRINTED_RANGE = re.compile(r"\s*(\w+)\s*[-\u2013]\s*(\w+)\s*|\s*(\w+)\s*")
_ROMAN = re.compile(r"[ivxlcdm]+", re.IGNORECASE)


def _printed_range(_instance: Any, attribute: Any, value: str | None) -> None:
    """A chapter's printed pages: ``221-291`` (or ``221–291``, ``xi-xv``, ``S12-S20``, one page ``17``), the last
    in full."""
    if value is None:
        return
    m = _PRINTED_RANGE.fullmatch(value) if isinstance(value, str) else None
    expected = "the first and last printed pages of the part, such as '221-291' (a hyphen between them)"
    if m is None:
        raise InvalidValueError(attribute.name, value, expected)
    first, last = m.group(1), m.group(2)
    if first and ((first.isdigit() and _ROMAN.fullmatch(last)) or (last.isdigit() and _ROMAN.fullmatch(first))):
        raise InvalidValueError(attribute.name, value, expected + "; both numbers arabic or both roman")
    if first and first.isdigit() and int(first) > int(last):
        fix = (f"; write the last page in full ('{first}-{first[: len(first) - len(last)]}{last}'), not shortened"
               if len(last) < len(first) else "; the first page comes first")  # fmt: skip
        raise InvalidValueError(attribute.name, value, expected + fix)


def _original_year(instance: Any, attribute: Any, value: int | None) -> None:
    if value is None or not isinstance(value, int) or isinstance(value, bool):
        return  # the type is checked with the other fields'
    if instance.year is not None and isinstance(instance.year, int) and value >= instance.year:
        raise InvalidValueError(
            attribute.name, value,
            f"the year the work first appeared, before year = {instance.year} (the year of the reprint or "
            "edition cited); swap the two if they are the other way round",
        )  # fmt: skip


def _csl_type(_instance: Any, attribute: Any, value: Any) -> None:
    if isinstance(value, str) and value not in CSL_TYPES and value not in CSL_LEGACY:
        close = _CSL_NAMES.get(value.lower()) or difflib.get_close_matches(value.lower(), CSL_TYPES, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise InvalidValueError(attribute.name, value, f"a CSL 1.0.2 item type; {hint}one of: {', '.join(CSL_TYPES)}")


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
    ``"personal_communication"``, ``"article-journal"``, ...: CSL 1.0.2's item types, and
    ``"letter"``, argmap's older name for ``"personal_communication"``);
    ``kind`` says whether the source is ``"primary"`` or ``"secondary"``. ``quoted_in`` is the
    key of the source in which this one is read (a letter known from the book or post that
    prints it); citations then say "quoted in" that source, with its pages.

    ``authors`` and ``editors`` are names as strings (``"CHEN Jian"``, ``"Gerard, John"``: see
    :mod:`argmap.names`), :class:`~argmap.names.Name` values or CSL-JSON name objects (which
    become Names); :attr:`author_names` and :attr:`editor_names` read them. ``label`` is how
    diagrams, the terminal and reports name the source (default: the authors' family names,
    told apart from another source's by initials or a short title).

    For Chicago's forms: ``short_title`` is the title of later notes (default: the main title's
    key words, up to four, without an initial article); ``original_year`` the year a reprinted
    work first appeared (``year`` is the reprint's); ``recipients`` whom a letter is addressed to;
    ``container_authors`` the author of the volume a chapter is in, when it is another;
    ``page_range`` the printed pages of a chapter or article (``"221-291"``, printed ``221–91``);
    ``volume`` and ``issue`` a journal's; ``genre`` the CSL ``genre`` (``"Letter"``, ``"PhD diss."``), exported as is.
    """

    key: str = attrs.field(validator=lambda _i, _a, v: check_id("source", v))
    text: str = attrs.field(repr=False)
    title: str | None = None
    authors: tuple[str | Name, ...] = attrs.field(default=(), converter=_names, validator=_readable_names)
    year: int | None = None
    date: str | None = None
    container_title: str | None = None
    editors: tuple[str | Name, ...] = attrs.field(default=(), converter=_names, validator=_readable_names)
    publisher: str | None = None
    place: str | None = None
    url: str | None = None
    accessed: str | None = None
    kind: str | None = None
    label: str | None = None
    csl_type: str | None = attrs.field(default=None, validator=_csl_type)
    page_pattern: str | None = attrs.field(default=None, validator=_compiles)
    ignore: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=_compiles)
    first_page: str | None = None
    page_offset: int | None = None
    pages: str | None = attrs.field(default=None, validator=_page_range)
    quoted_in: str | None = None
    short_title: str | None = attrs.field(default=None, kw_only=True)
    original_year: int | None = attrs.field(default=None, kw_only=True, validator=_original_year)
    recipients: tuple[str | Name, ...] = attrs.field(
        default=(), converter=_names, validator=_readable_names, kw_only=True
    )
    container_authors: tuple[str | Name, ...] = attrs.field(
        default=(), converter=_names, validator=_readable_names, kw_only=True
    )
    page_range: str | None = attrs.field(default=None, kw_only=True, validator=_printed_range)
    volume: str | None = attrs.field(default=None, kw_only=True)
    issue: str | None = attrs.field(default=None, kw_only=True)
    genre: str | None = attrs.field(default=None, kw_only=True)
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
        expect_path("path", path)
        from argmap.sources import read  # the readers build on the model, not the other way round

        return read(path, key=key, **options)

    @property
    def author_names(self) -> tuple[Name, ...]:
        """The authors as :class:`~argmap.names.Name` values (strings read as :mod:`argmap.names` says).

        Raises:
            InvalidValueError: a name that cannot be read.
        """
        return tuple(to_name(n) for n in self.authors)

    @property
    def editor_names(self) -> tuple[Name, ...]:
        """The editors as :class:`~argmap.names.Name` values."""
        return tuple(to_name(n) for n in self.editors)

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
    score: float = attrs.field(default=1.0, validator=lambda _i, _a, v: _check_score(v))
    #: the physical pages (1-based) of the span in its file, where the file has them (a PDF:
    #: ``file.pdf#page=N`` opens the first)
    page_indexes: tuple[int, ...] = attrs.field(default=(), converter=_ints)

    @end.validator
    def _span(self, _attribute: Any, end: int) -> None:
        if not (isinstance(self.start, int) and isinstance(end, int) and 0 <= self.start < end):
            expected = "offsets 0 <= start < end: a passage is never empty"
            raise InvalidValueError("passage span", (self.start, end), expected)
        if not isinstance(self.text, str) or not self.text:
            raise InvalidValueError("passage text", self.text, "the text of the source there: a passage is never empty")

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

    id: str = attrs.field(validator=lambda _i, _a, v: check_id("evidence", v))
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
        """The quote as the historian wrote it, on one line: what reports, diagrams and the
        reading view print. Each elision (``...``, ``…``, ``[...]``) is one `` … `` between the
        parts, a period before it kept (``war. … The``); interpolations, ``[sic]`` and
        corrections of the source's slips as written.

        Examples:
            >>> src = Source(key="s", text="the Soviet Unioñ agreed. Kim's war, he said, was Kim's.")
            >>> from argmap.anchor import locate
            >>> Evidence("e", "t", "supports", "[T]he Soviet  Union", locate(src, "[T]he Soviet Union")).words
            '[T]he Soviet Union'
            >>> quote = "agreed.... Kim's war [...] was"
            >>> Evidence("e", "t", "supports", quote, locate(src, quote)).words
            "agreed. … Kim's war … was"
        """
        text = _FOUR_DOTS.sub(".\x00", " ".join(self.quote.split()))  # a sentence's period before an elision stays
        return _ELISION.sub(" \u2026 ", text).replace(".\x00", ".").strip()


_ELISION = re.compile(rf"\s*(?:\[\s*(?:{ELLIPSIS})\s*\]|{ELLIPSIS})\s*")
_FOUR_DOTS = re.compile(rf"(?<=[^\s.])\.(?=\s*(?:{ELLIPSIS}|\[\s*(?:{ELLIPSIS})\s*\]))")


@attrs.frozen
class Relation:
    """One thesis supports or contests another."""

    from_thesis: str
    to_thesis: str
    stance: Stance = attrs.field(converter=_stance)
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        _check_types(self)
