"""The values argmap works with: sources, passages, theses, evidence and relations.

All are frozen attrs classes; change one with :func:`attrs.evolve`. The mutable holder that
ties them together is :class:`argmap.ArgumentMap`.
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from argmap.errors import InvalidValueError, SourceFileError
from argmap.text import PageMap, TextView, find_all, normalize

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


def _compiles(_instance: Any, attribute: Any, value: Any) -> None:
    for pattern in _tuple(value):
        try:
            re.compile(pattern)
        except re.error as exc:
            raise InvalidValueError(attribute.name, pattern, f"a regular expression ({exc})") from None


@attrs.frozen
class Source:
    """One text with the metadata a citation needs.

    Only ``key`` and ``text`` are required. ``page_pattern`` is a regular expression, applied
    in multiline mode, that matches a page marker; its group 1 is the page label, which
    applies from the marker on (``first_page`` applies before the first marker). ``ignore``
    patterns match text that is not part of the prose: footnote numbers on their own line,
    inline anchors like ``[12]``, scraper debris. Both are skipped when quotes are located.

    ``csl_type`` is the CSL item type used for citations (``"chapter"``, ``"book"``,
    ``"post-weblog"``, ``"letter"``, ``"article-journal"``, ...); ``kind`` says whether the
    source is ``"primary"`` or ``"secondary"``. ``quoted_in`` is the key of the source in
    which this one is read (a letter known from the book or post that prints it); citations
    then say "quoted in" that source, with its pages.
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
    quoted_in: str | None = None
    path: str | None = None

    @classmethod
    def from_file(cls, path: str | Path, *, key: str, encoding: str = "utf-8", **metadata: object) -> Source:
        """Read a source's text from a file; ``metadata`` are the other fields.

        Raises:
            SourceFileError: the file is missing, unreadable or not in ``encoding``.
        """
        try:
            data = Path(path).read_bytes()
        except FileNotFoundError:
            raise SourceFileError(str(path), "no such file; check the path") from None
        except OSError as exc:
            raise SourceFileError(str(path), exc.strerror or str(exc)) from None
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            raise SourceFileError(
                str(path),
                f"not valid {encoding} at line {line} (byte {exc.start}); re-save the file as UTF-8 "
                "(any editor's 'Save as' offers it)",
            ) from None
        except LookupError:
            raise InvalidValueError("encoding", encoding, "a Python codec name such as 'utf-8' or 'latin-1'") from None
        return cls(key=key, text=text, path=str(path), **metadata)  # type: ignore[arg-type]

    @functools.cached_property
    def view(self) -> TextView:
        """The normalized view of the text (page markers and ignored spans skipped)."""
        return normalize(self.text, self._skipped)

    @functools.cached_property
    def page_map(self) -> PageMap:
        """Where each page of the text begins."""
        return PageMap.find(self.text, self.page_pattern, self.first_page)[0]

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
        for skip_start, skip_end in self._skipped:
            if skip_end <= pos or skip_start >= end:
                continue
            pieces += [self.text[pos:skip_start], "\n"]
            pos = skip_end
        pieces.append(self.text[pos:end])
        text = _HYPHEN_BREAK.sub("", "".join(pieces))
        return _BEFORE_CLOSING.sub(r"\1", " ".join(text.split()))

    def passage_words(self, passage: Passage) -> str:
        """The words of one of this source's passages as a reader sees them (:meth:`words`);
        the passage's own text, folded, if this source's text no longer holds it."""
        if self.text[passage.start : passage.end] != passage.text:
            return " ".join(passage.text.split())
        return self.words(passage.start, passage.end)

    @property
    def _skipped(self) -> list[tuple[int, int]]:
        markers = PageMap.find(self.text, self.page_pattern)[1]
        return sorted(markers + find_all(self.ignore, self.text))


@attrs.frozen
class Passage:
    """A located span of a source: offsets, the exact text there, its pages, how it matched.

    Passages are made by locating a quote (:func:`argmap.anchor.locate`), never by hand.
    ``source_text[start:end] == text`` always holds. ``score`` is the similarity of quote
    and passage in [0, 1] (1.0 unless ``match`` is fuzzy).
    """

    source: str
    start: int
    end: int
    text: str
    pages: tuple[str, ...] = ()
    match: Match = Match.EXACT
    score: float = 1.0

    def cite(self) -> str:
        """The page locator a historian writes: ``p. 251``, ``pp. 251–52``, ``pp. vi–vii``.

        Examples:
            >>> Passage("s", 0, 1, "x", ("251", "252")).cite()
            'pp. 251–52'
            >>> Passage("s", 0, 1, "x", ("vi", "vii")).cite(), Passage("s", 0, 1, "x").cite()
            ('pp. vi–vii', '')
        """
        return page_locator(self.pages)


def page_locator(pages: Sequence[str]) -> str:
    """Chicago-style page locator: ``p. 7``, ``pp. 101–8``, ``pp. 321–28``, ``pp. 250, 252–53``.

    ``pages`` come in page order (one passage's pages, or several passages' merged); runs of
    consecutive page numbers, arabic or roman, become ranges.

    Examples:
        >>> page_locator(("250", "252", "253")), page_locator(("v", "vi", "vii"))
        ('pp. 250, 252–53', 'pp. v–vii')
    """
    if not pages:
        return ""
    runs: list[list[str]] = []
    for page in pages:
        if runs and _follows(runs[-1][-1], page):
            runs[-1].append(page)
        else:
            runs.append([page])
    text = ", ".join(run[0] if len(run) == 1 else f"{run[0]}\u2013{_shorten_range(run[0], run[-1])}" for run in runs)
    return ("p. " if len(pages) == 1 else "pp. ") + text


def _follows(before: str, page: str) -> bool:
    """Whether ``page`` is the page after ``before`` (labels that are not numbers: assumed)."""
    a, b = _page_number(before), _page_number(page)
    return a is None or b is None or b == a + 1


_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def _page_number(label: str) -> int | None:
    """The number of an arabic or roman page label, else None."""
    if label.isdigit():
        return int(label)
    digits = [_ROMAN.get(c) for c in label.lower()]
    if not digits or None in digits:
        return None
    values = [d for d in digits if d is not None]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _shorten_range(first: str, last: str) -> str:
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


@attrs.frozen
class Thesis:
    """A proposition about the past, with a stable id (a slug)."""

    id: str = attrs.field(validator=lambda _i, _a, v: check_id("thesis", v))
    statement: str
    note: str | None = None


@attrs.frozen
class Evidence:
    """A passage of a source attached to a thesis, supporting or contesting it.

    ``quote`` is the quote as the user wrote it; ``passage`` is where it was found.
    ``prefix``/``suffix``/``occurrence`` are how the user picked one of several occurrences;
    ``max_error_rate`` is the budget of approximate matching the user allowed for this quote
    (``None``: the default), kept so that the quote is located again the same way.
    """

    id: str
    thesis: str
    stance: Stance = attrs.field(converter=_stance)
    quote: str
    passage: Passage
    note: str | None = None
    prefix: str | None = None
    suffix: str | None = None
    occurrence: int | None = None
    max_error_rate: float | None = None

    @property
    def source(self) -> str:
        """The key of the source the passage is from."""
        return self.passage.source


@attrs.frozen
class Relation:
    """One thesis supports or contests another."""

    from_thesis: str
    to_thesis: str
    stance: Stance = attrs.field(converter=_stance)
    note: str | None = None
