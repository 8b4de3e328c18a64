"""Verify every quote of a map at once and report on each, raising nothing halfway."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping

import attrs

from argmap.anchor import DEFAULT_MAX_ERROR_RATE, describe, locate
from argmap.errors import ArgmapError
from argmap.model import NAME_FIELDS, Evidence, Match, Passage, Source, check_rate
from argmap.names import name_doubt

__all__ = ["CheckReport", "CheckResult", "NameNote", "Status", "check", "judge", "name_notes"]


class Status(enum.StrEnum):
    """The verdict on one quote."""

    OK = "ok"  # found exactly or in normalized form
    FUZZY = "fuzzy"  # found, but the transcription differs (slips, emendations): a warning
    MOVED = "moved"  # found, but no longer where the map said
    UNPAGED = "unpaged"  # found, in a paged text, but before its first page: cited without a page
    OUTSIDE = "outside"  # found, but outside the main text (a web page's comments, sidebars)
    MISSING = "missing"  # not in the source (or ambiguous): an error


@attrs.frozen
class CheckResult:
    """What checking one piece of evidence found."""

    evidence: Evidence
    status: Status
    passage: Passage | None
    message: str = ""

    @property
    def problem(self) -> bool:
        """Whether this result is an error (the quote cannot be trusted)."""
        return self.status is Status.MISSING

    @property
    def moved(self) -> bool:
        """Whether the quote was found at other offsets than the evidence's stored passage."""
        stored = self.evidence.passage
        return self.passage is not None and (self.passage.start, self.passage.end) != (stored.start, stored.end)

    def describe(self, where: str = "") -> str:
        """This result as lines of text; ``where`` (``file:line``) goes first when given.

        A fuzzy quote that also moved says both.
        """
        ev, passage = self.evidence, self.passage
        label = "fuzzy+moved" if self.status is Status.FUZZY and self.moved else self.status.value
        if where:
            head = f"{where}: {label} {ev.id}: {ev.thesis} <- {ev.source}"
        else:
            head = f"{label:8} {ev.id:24} {ev.thesis} <- {ev.source}"
        if passage is not None:
            pages = passage.cite()
            head += f" [{passage.match.value} {passage.score:.2f}{', ' + pages if pages else ''}]"
        lines = [head, *("         " + line for line in self.message.splitlines())]
        if label == "fuzzy+moved" and passage is not None:
            lines.append(
                f"         moved: was at {ev.passage.start}-{ev.passage.end}, now at {passage.start}-{passage.end}"
            )
        return "\n".join(lines)


@attrs.frozen
class NameNote:
    """A name that argmap read one way but may mean another (a warning): ``Chen Jian`` read
    given name first, where Chen may be the family name; two people in one string.

    Attributes:
        source: the key of the source.
        field: ``"authors"`` or ``"editors"``.
        name: the name as written.
        message: what argmap read and how to write the name to be sure.
        line: the line of the field in the map file, when known.
    """

    source: str
    field: str
    name: str
    message: str
    line: int | None = None

    def describe(self, path: str | None = None) -> str:
        """One line: ``path:line: name source.authors: message``."""
        where = "" if path is None else f"{path}:{self.line}: " if self.line is not None else f"{path}: "
        return f"{where}name     {self.source}.{self.field}: {self.message}"


def name_notes(sources: Iterable[Source]) -> tuple[NameNote, ...]:
    """The names of ``sources`` that may not be read as meant (see :func:`argmap.names.name_doubt`):
    a family-first name read given name first, several people in one string.

    Examples:
        >>> (note,) = name_notes([Source(key="chen", text="", authors=("Chen Jian", "YANG Kuisong"))])
        >>> note.source, note.name
        ('chen', 'Chen Jian')
    """
    notes = []
    for source in sources:
        for field in NAME_FIELDS:
            for name in getattr(source, field):
                doubt = name_doubt(name)
                if doubt is not None:
                    notes.append(NameNote(source.key, field, name, doubt))
    return tuple(notes)


@attrs.frozen
class CheckReport:
    """Per evidence, how its quote matched; fuzzy matches are warnings, missing ones errors.
    ``names`` are warnings about names whose order is in doubt."""

    results: tuple[CheckResult, ...]
    names: tuple[NameNote, ...] = ()

    @property
    def ok(self) -> bool:
        """True when every quote was found (fuzzy matches included)."""
        return not self.errors

    @property
    def errors(self) -> tuple[CheckResult, ...]:
        """Quotes not found (or no longer unique) in their source."""
        return tuple(r for r in self.results if r.problem)

    @property
    def warnings(self) -> tuple[CheckResult, ...]:
        """Quotes found only approximately, somewhere else than recorded, or without a page."""
        return tuple(r for r in self.results if r.status not in (Status.OK, Status.MISSING))

    def counts(self) -> dict[str, int]:
        """How many results have each status."""
        return {status.value: sum(r.status is status for r in self.results) for status in Status}

    def format(
        self, *, path: str | None = None, lines: Mapping[str, int] | None = None, everything: bool = True
    ) -> str:
        """The report as text, one result after another, then the counts.

        Args:
            path: the map file; each result then starts with ``path:line:`` (the line from
                ``lines``, evidence id -> line, when it is there).
            lines: the line of each evidence entry in ``path``.
            everything: list every result; otherwise only those that are not ``ok``.
        """
        out = []
        for r in self.results:
            if everything or r.status is not Status.OK:
                line = (lines or {}).get(r.evidence.id)
                where = "" if path is None else path if line is None else f"{path}:{line}"
                out.append(r.describe(where))
        out += [note.describe(path) for note in self.names]
        out.append(f"{path + ': ' if path else ''}{self.summary()}")
        return "\n".join(out)

    def summary(self) -> str:
        """One line: how many quotes, and how many of each status (ok, fuzzy and missing always;
        the other kinds of warning when there are some)."""
        shown = {k: n for k, n in self.counts().items() if n or k in (Status.OK, Status.FUZZY, Status.MISSING)}
        text = f"{len(self.results)} quotes checked: " + ", ".join(f"{n} {status}" for status, n in shown.items())
        if self.names:
            text += f"; {len(self.names)} name{'s' if len(self.names) > 1 else ''} to confirm"
        return text

    def __str__(self) -> str:
        return self.format()


def judge(evidence: Evidence, found: Passage, source: Source) -> CheckResult:
    """How a quote located again in ``source`` (``found``) compares with the passage ``evidence`` records.

    ``fuzzy`` when found only approximately (the word diff, on the normalized text, as message),
    ``moved`` when found at other offsets (the text changed) or when the recorded passage is not
    what is there, ``unpaged`` when found before the first page of a paged text, else ``ok``.
    """
    stored = evidence.passage
    if found.match is Match.FUZZY:
        diff = describe(source, evidence.quote, found, evidence.emend)
        return CheckResult(evidence, Status.FUZZY, found, diff)
    if (found.start, found.end) != (stored.start, stored.end):
        where = f"was at {stored.start}-{stored.end}, now at {found.start}-{found.end}"
        return CheckResult(evidence, Status.MOVED, found, where)
    if found != stored:
        where = f"the stored passage at {stored.start}-{stored.end} was not the text there"
        return CheckResult(evidence, Status.MOVED, found, where)
    main = source.page_layout.main
    if main is not None and not (main[0] <= found.start and found.end <= main[1]):
        return CheckResult(evidence, Status.OUTSIDE, found, "it is outside the main text of the page (in its comments, "
                           "sidebars or navigation): check that the page's author wrote it")  # fmt: skip
    starts = source.page_layout.page_starts
    if not found.pages and starts and found.start < starts[0]:
        return CheckResult(evidence, Status.UNPAGED, found, "it stands before the first page marker of the text and "
                           "has no page; give the source first_page (the label of that page)")  # fmt: skip
    return CheckResult(evidence, Status.OK, found)


def check(
    evidence: Iterable[Evidence],
    source: Callable[[str], Source],
    *,
    max_error_rate: float = DEFAULT_MAX_ERROR_RATE,
) -> CheckReport:
    """Locate each evidence's quote in its source again; collect every result, raising nothing.

    Args:
        evidence: the evidence to check (a map's: ``m.evidence``).
        source: the source of a key (a map's: ``m.source``).
        max_error_rate: the budget of quotes cited without one of their own.

    A quote is ``ok`` when found exactly or normalized where the map records it, ``moved``
    when found elsewhere (the source text changed), ``fuzzy`` when found only approximately
    (with the word diff as message), ``missing`` when not found or no longer unique.

    Raises:
        InvalidValueError: ``max_error_rate`` is no number from 0 to 0.5 (a mistake of the
            caller, not of any quote).
    """
    check_rate(max_error_rate)
    results = []
    for ev in evidence:
        src = source(ev.source)
        try:
            passage = locate(
                src, ev.quote, prefix=ev.prefix, suffix=ev.suffix, occurrence=ev.occurrence, emend=ev.emend,
                max_error_rate=max_error_rate if ev.max_error_rate is None else ev.max_error_rate,
            )  # fmt: skip
        except ArgmapError as exc:
            results.append(CheckResult(ev, Status.MISSING, None, str(exc)))
            continue
        results.append(judge(ev, passage, src))
    return CheckReport(tuple(results))
