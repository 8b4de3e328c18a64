"""The written comparison: Markdown a historian pastes into an essay draft.

A summary (how many theses, where the sources agree, where they part), then one section per
disagreement with what each source holds, the quoted evidence with Chicago footnotes (the
first note of a source in full, later ones short) and, for conflicts through related theses,
the chain thesis by thesis; optionally the agreements and the theses one source alone
addresses, with their evidence, and the parallel passages that no evidence cites yet
("Passages not yet mapped"); a bibliography closes.

Quotes are printed as the historian wrote them, not as the digital text has them: elisions
as `` … ``, interpolations and ``[sic]`` kept; where a quote was found approximately (the
transcription's slips), its note says what the text reads. Every text from the map goes
through :func:`~argmap.outputs.citation.escape_markdown` (URLs through
:func:`~argmap.outputs.citation.markdown_url`): nothing a map holds becomes markup. The
output depends only on its inputs, so the same comparison gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from argmap.analysis import Comparison, Conflict, Row, Verdict
from argmap.anchor import readings
from argmap.errors import InvalidValueError, expect
from argmap.files import write_atomic
from argmap.model import Evidence, Match, Passage, Position, Source, Stance
from argmap.outputs.citation import Citations, escape_markdown, source_labels
from argmap.parallels import Parallels

__all__ = ["markdown", "write_markdown"]

_VERB = {
    Position.AFFIRMS: ("affirms", "affirm"),
    Position.DENIES: ("denies", "deny"),
    Position.MIXED: ("is divided on", "are divided on"),
    Position.SILENT: ("is silent on", "are silent on"),
}
_HEADINGS = (
    (Verdict.DISAGREE, "Disagree"),
    (Verdict.TENSION, "In tension"),
    (Verdict.INDIRECT, "At odds through related theses"),
    (Verdict.AGREE, "Agree"),
)


def _plural(source: Source) -> bool:
    return len(source.authors) > 1


def _verb(position: Position, source: Source) -> str:
    return _VERB[position][_plural(source)]


def _thesis_ref(statement: str, thesis_id: str) -> str:
    return f"\u201c{escape_markdown(statement.rstrip('.'))}\u201d (`{thesis_id}`)"


class _Writer:
    def __init__(self, comparison: Comparison, parallels: Parallels | None = None, everything: bool = False) -> None:
        self.c = comparison
        self.parallels = parallels
        self.everything = everything
        self.notes = Citations(library=(comparison.a, comparison.b, *comparison.hosts))
        self.sources = {comparison.a.key: comparison.a, comparison.b.key: comparison.b}
        labels = source_labels(list(self.sources.values()))  # "C. Mather" and "I. Mather", not "Mather" twice
        self.names = {key: escape_markdown(labels[key]) for key in self.sources}
        self.statements = {row.thesis.id: row.thesis.statement for row in comparison.rows}

    def note(self, source: Source, evidence: Sequence[Evidence], comment: str = "") -> str:
        """A footnote citing ``source`` at the pages of ``evidence``, merged in page order."""
        order = source.page_layout.page_order  # made once a layout: a book has thousands of pages
        pages = {p: None for ev in evidence for p in ev.passage.pages}
        ordered = sorted(pages, key=lambda p: order.get(p, len(order)))
        return f"[^{self.notes.cite(source, ordered, comment=comment)}]"

    def reading(self, source: Source, ev: Evidence) -> str:
        """What the digital text reads where a quote found approximately differs from it: the
        sentence its note ends with (``The source text reads “Chlna's” for “China's”.``)."""
        if ev.passage.match is not Match.FUZZY:
            return ""
        pairs = readings(source, ev.quote, ev.passage)
        if not pairs:
            return ""
        listed = ", ".join(f"\u201c{escape_markdown(b)}\u201d for \u201c{escape_markdown(a)}\u201d" for a, b in pairs)
        return f"The source text reads {listed}."

    def summary(self) -> list[str]:
        c, a, b = self.c, self.names[self.c.a.key], self.names[self.c.b.key]
        n = {v: len(c.where(v)) for v in Verdict}
        lines = [
            f"{len(c.rows)} {'thesis' if len(c.rows) == 1 else 'theses'} compared. {a} and {b} agree on "
            f"{n[Verdict.AGREE]}, disagree on "
            f"{n[Verdict.DISAGREE]}, are in tension on {n[Verdict.TENSION]} and at odds through related "
            f"theses on {n[Verdict.INDIRECT]}; {n[Verdict.ONE_SIDED]} are addressed by one source only "
            f"and {n[Verdict.SILENT]} by neither.",
            "",
        ]
        groups = [(label, c.where(v)) for v, label in _HEADINGS]
        if c.a.key != c.b.key:
            for key, side in ((c.a.key, "position_b"), (c.b.key, "position_a")):
                rows = tuple(r for r in c.one_sided if getattr(r, side) is Position.SILENT)
                groups.append((f"Only {self.names[key]}", rows))
        for label, rows in groups:
            if rows:
                listed = "; ".join(_thesis_ref(r.thesis.statement, r.thesis.id) for r in rows)
                lines.append(f"- **{label}:** {listed}.")
        return lines

    def side(self, row: Row, source: Source, position: Position, evidence: tuple[Evidence, ...]) -> list[str]:
        name = self.names[source.key]
        if position is Position.SILENT:
            return [f"{name} {_verb(position, source)} it.", ""]
        lines = [f"{name} {_verb(position, source)} it:", ""]
        for stance in (Stance.SUPPORTS, Stance.CONTESTS):
            quoted = [ev for ev in evidence if ev.stance is stance]
            if position is Position.MIXED and quoted:
                lines += [f"*{'For' if stance is Stance.SUPPORTS else 'Against'}:*", ""]
            for ev in quoted:
                words = escape_markdown(ev.words)
                lines += [f"> {words}{self.note(source, [ev], self.reading(source, ev))}", ""]
                if ev.note:
                    lines += [f"*Note:* {escape_markdown(ev.note)}", ""]
        return lines

    def chain(self, conflict: Conflict) -> list[str]:
        holder, other = self.sources[conflict.source], self.sources[conflict.against]
        origin = _thesis_ref(self.statements[conflict.origin], conflict.origin)
        note = self.note(holder, conflict.origin_evidence) if conflict.origin_evidence else ""
        text = f"{self.names[holder.key]} {_verb(Position.AFFIRMS, holder)} {origin}{note}"
        for rel in conflict.path:
            target = (
                "this thesis"
                if rel.to_thesis == conflict.thesis
                else _thesis_ref(self.statements[rel.to_thesis], rel.to_thesis)
            )
            why = f" ({escape_markdown(rel.note.rstrip('.'))})" if rel.note else ""
            text += f", which {rel.stance.value} {target}{why}"
        return [f"- {text}; yet {self.names[other.key]} {_verb(conflict.position, other)} it.", ""]

    def section(self, number: int, row: Row) -> list[str]:
        c = self.c
        lines = [f"### {number}. {escape_markdown(row.thesis.statement)}", ""]
        speaker = c.a if row.position_b is Position.SILENT else c.b
        verdict = {
            Verdict.DISAGREE: "they disagree",
            Verdict.TENSION: "they are in tension",
            Verdict.INDIRECT: "they are at odds through related theses",
            Verdict.AGREE: "they agree",
            Verdict.ONE_SIDED: f"only {self.names[speaker.key]} addresses it",
            Verdict.SILENT: "neither source addresses it",
        }[row.verdict]
        if c.a.key == c.b.key:  # a source against itself
            verdict = {Verdict.INDIRECT: "the source is at odds with itself through related theses",
                       Verdict.AGREE: "the source takes one position on it"}.get(row.verdict, verdict)  # fmt: skip
        lines += [f"Thesis `{row.thesis.id}`: {verdict}.", ""]
        if row.thesis.note:
            lines += [f"*{escape_markdown(row.thesis.note)}*", ""]
        lines += self.side(row, c.a, row.position_a, row.evidence_a)
        if c.a.key != c.b.key:
            lines += self.side(row, c.b, row.position_b, row.evidence_b)
        if row.conflicts:
            label = "Through related theses" if row.verdict is Verdict.INDIRECT else "Also through related theses"
            lines += [f"{label}:", ""]
            for conflict in row.conflicts:
                lines += self.chain(conflict)
        return lines

    def unmapped(self, found: Parallels) -> list[str]:
        """The section "Passages not yet mapped": the pairs of ``found`` that no evidence cites."""
        a, b = self.names[self.c.a.key], self.names[self.c.b.key]
        pairs = found.unmapped
        lines = ["## Passages not yet mapped", ""]
        lines += [
            f"Passages of {a} and {b} that treat the same matter (they share words rare in both texts) and "
            f"that no evidence of the map cites yet: places where they may agree or disagree that nobody "
            f"has mapped. {len(pairs)} of the {len(found)} best pairs found.",
            "",
        ]
        for number, pair in enumerate(pairs, 1):
            lines += [f"### {number}. Shared: {escape_markdown(', '.join(pair.shared))}", ""]
            for passage in (pair.a, pair.b):
                source = self.sources[passage.source]
                lines += [f"{self.names[source.key]}:", "", f"> {self.quoted(source, passage)}", ""]
            if pair.differences:
                lines += [f"*Differs:* {escape_markdown('; '.join(pair.differences))}.", ""]
        return lines

    def quoted(self, source: Source, passage: Passage) -> str:
        """A passage's words as a reader sees them, with a footnote citing its pages."""
        words = escape_markdown(source.words(passage.start, passage.end))
        return f"{words}[^{self.notes.cite(source, list(passage.pages))}]"

    def write(self) -> str:
        c = self.c
        a, b = self.names[c.a.key], self.names[c.b.key]
        title = f"Where {a} and {b} disagree" if c.a.key != c.b.key else f"Where {a} is at odds with itself"
        lines = [f"# {title}", ""]
        if c.title:
            lines += [f"*{escape_markdown(c.title)}*", ""]
        lines += ["## Summary", "", *self.summary(), ""]
        rows = c.disagreements
        lines += ["## Disagreements", ""]
        if not rows:
            lines += ["None: on every thesis the sources agree, or only one of them speaks.", ""]
        for number, row in enumerate(rows, 1):
            lines += self.section(number, row)
        if self.everything:
            number = len(rows)
            for heading, more, none in (
                ("Agreements", c.agreements, "None: the sources agree on no thesis."),
                ("Addressed by one source only", c.one_sided, "None: every thesis is addressed by both or neither."),
            ):
                lines += [f"## {heading}", ""]
                if not more:
                    lines += [none, ""]
                for row in more:
                    number += 1
                    lines += self.section(number, row)
        if self.parallels is not None:
            lines += self.unmapped(self.parallels)
        if self.notes.notes:
            lines += ["## Notes", ""]
            lines += [f"[^{n}]: {text}" for n, text in enumerate(self.notes.notes, 1)]
            lines.append("")
        lines += ["## Bibliography", ""]
        for entry in self.notes.bibliography(extra=(c.a, c.b)):
            lines += [entry, ""]
        return "\n".join(lines).rstrip("\n") + "\n"


def markdown(comparison: Comparison, *, parallels: Parallels | None = None, everything: bool = False) -> str:
    """The written comparison of two sources, as Markdown with Chicago footnotes.

    Args:
        comparison: from :meth:`argmap.ArgumentMap.compare`.
        everything: also the sections "Agreements" and "Addressed by one source only", each
            thesis with its evidence (``False``: the report keeps to the disagreements).
        parallels: from :meth:`argmap.ArgumentMap.parallels` of the same two sources (in either
            order): its pairs that no evidence cites are appended as "Passages not yet mapped",
            each passage quoted with a footnote and what differs (``None``: no such section).

    Returns:
        The Markdown text, ending with a newline; byte-identical for equal inputs.

    Raises:
        InvalidValueError: ``parallels`` is of other sources than the comparison.

    Examples:
        >>> from argmap import ArgumentMap
        >>> m = ArgumentMap()
        >>> _ = m.add_source(Source(key="gage", text="the Rebels fired first", authors=["Thomas Gage"]))
        >>> _ = m.add_source(Source(key="coburn", text="the regulars fired first", authors=["Frank Coburn"]))
        >>> _ = m.add_thesis("regulars-first", "The regulars fired the first shot.")
        >>> _ = m.cite("regulars-first", "gage", "the Rebels fired first", "contests")
        >>> _ = m.cite("regulars-first", "coburn", "the regulars fired first", "supports")
        >>> print(markdown(m.compare("gage", "coburn")).split("## Disagreements")[1].split("## Notes")[0].strip())
        ### 1. The regulars fired the first shot.
        <BLANKLINE>
        Thesis `regulars-first`: they disagree.
        <BLANKLINE>
        Gage denies it:
        <BLANKLINE>
        > the Rebels fired first[^1]
        <BLANKLINE>
        Coburn affirms it:
        <BLANKLINE>
        > the regulars fired first[^2]
    """
    expect("comparison", comparison, Comparison, "a Comparison (from ArgumentMap.compare)")
    if parallels is not None and {parallels.a, parallels.b} != {comparison.a.key, comparison.b.key}:
        raise InvalidValueError(
            "parallels", f"{parallels.a} and {parallels.b}",
            f"the parallels of the two sources compared, {comparison.a.key} and {comparison.b.key}",
        )  # fmt: skip
    return _Writer(comparison, parallels, everything).write()


def write_markdown(
    comparison: Comparison, path: str | Path, *, parallels: Parallels | None = None, everything: bool = False
) -> Path:
    """Write :func:`markdown` of ``comparison`` (and ``parallels``; ``everything``: agreements
    and one-sided theses too) to ``path`` atomically (UTF-8, LF line ends).

    Raises:
        OutputError: the file cannot be written.
        InvalidValueError: ``parallels`` is of other sources than the comparison.
    """
    return write_atomic(path, markdown(comparison, parallels=parallels, everything=everything))
