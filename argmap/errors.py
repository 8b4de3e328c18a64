"""Every error argmap raises: one base class, one subclass per kind of mistake.

Each error carries the data it was raised with (so callers can act on it) and builds its own
message saying what was wrong, where, and how to fix it.
"""

from __future__ import annotations

import difflib
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Protocol


class _Span(Protocol):
    """What an error shows of a passage (:class:`argmap.Passage` is one): errors know no model."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def pages(self) -> tuple[str, ...]: ...


class ArgmapError(Exception):
    """Base class of every error argmap raises on purpose."""

    def __str__(self) -> str:
        # KeyError subclasses would otherwise show their message in quotes.
        return str(self.args[0]) if self.args else ""


_QUOTES = ("'", '"')


def shown(value: object, limit: int = 120) -> str:
    """``repr(value)``, cut to about ``limit`` characters with how long it was (a value in a
    message stays readable, whatever its size).

    Examples:
        >>> shown("(" * 1000)
        "'(((((((((((((((((((((((((((((((((((((((((((((((((((((((((((...' (1000 characters)"
    """
    text = repr(value)
    if len(text) <= limit:
        return text
    closing = text[-1] if text[-1] in "'\")]}" else ""
    return f"{text[: limit // 2]}...{closing} ({len(text) - 2 if closing in _QUOTES else len(text)} characters)"


def _pages(pages: Sequence[str]) -> str:
    if not pages:
        return "no page"
    return ("p. " if len(pages) == 1 else "pp. ") + ", ".join(pages)


class QuoteNotFoundError(ArgmapError):
    """A quote is not in its source (not even approximately, within the budget).

    Attributes:
        source: the key of the source searched.
        quote: the quote as given.
        nearest: the closest passage of the source, or ``None`` when nothing is close.
        similarity: how similar ``nearest`` is to the quote, in [0, 1].
        diff: a word-level description of the differences ("you wrote ..., the source says ...").
        part: for an elided quote (``...``), the part that failed, else ``None``.
        note: where the words are if they are in the source but cannot be this quote's (inside
            longer words, outside the source's pages, too far after the part before), else "".
    """

    def __init__(
        self,
        source: str,
        quote: str,
        nearest: _Span | None = None,
        similarity: float = 0.0,
        diff: str = "",
        part: str | None = None,
        note: str = "",
    ) -> None:
        self.source = source
        self.quote = quote
        self.nearest = nearest
        self.similarity = similarity
        self.diff = diff
        self.part = part
        self.note = note
        super().__init__(self._message())

    def _message(self) -> str:
        what = f"part {self.part!r} of the quote" if self.part is not None else "quote"
        lines = [f"{what} is not in source {self.source!r}: {_shorten(self.quote)!r}"]
        if self.note:
            lines.append(f"  {self.note}")
        if self.nearest is None and not self.note:
            lines.append("  nothing in the source comes close; check the source key and the text.")
        elif self.nearest is not None:
            lines.append(
                f"  nearest passage ({_pages(self.nearest.pages)}, offsets "
                f"{self.nearest.start}-{self.nearest.end}, {self.similarity:.0%} similar): "
                f"{_shorten(self.nearest.text)!r}"
            )
            if self.diff:
                lines.append(f"  {self.diff}")
        lines.append("  Fix: copy the passage verbatim from the source, or quote the nearest passage.")
        return "\n".join(lines)


class AmbiguousQuoteError(ArgmapError):
    """A quote occurs more than once in its source.

    Attributes:
        source: the key of the source searched.
        quote: the quote as given.
        occurrences: ``(start, end, pages)`` of each occurrence, in text order: the first
            :data:`KEPT_OCCURRENCES` of them when there are more (a word such as ``the`` occurs
            hundreds of thousands of times in a book).
        count: how many occurrences there are in all.
    """

    #: Occurrences the message lists; the rest are counted.
    SHOWN = 10

    def __init__(
        self,
        source: str,
        quote: str,
        occurrences: Sequence[tuple[int, int, tuple[str, ...]]],
        count: int | None = None,
        syntax: str = "python",
    ) -> None:
        self.source = source
        self.quote = quote
        self.occurrences = tuple(occurrences[:KEPT_OCCURRENCES])
        self.count = len(occurrences) if count is None else count
        self.syntax = syntax
        where = "; ".join(
            f"#{n} at {start}-{end} ({_pages(pages)})"
            for n, (start, end, pages) in enumerate(self.occurrences[: self.SHOWN], 1)
        )
        if self.count > self.SHOWN:
            where += f"; ... and {self.count - self.SHOWN:,} more"
        super().__init__(
            f"quote occurs {self.count:,} times in source {source!r}: "
            f"{_shorten(quote)!r}: {where}. Fix: quote a longer passage, or {_PICK[syntax]}."
        )

    def in_syntax(self, syntax: str) -> AmbiguousQuoteError:
        """The same error, its fix written in ``syntax``: ``"python"`` (the API's keyword
        arguments), ``"toml"`` (a map file's keys) or ``"json"`` (the JSON form's members)."""
        return AmbiguousQuoteError(self.source, self.quote, self.occurrences, self.count, syntax)


#: How each syntax picks one occurrence of a quote: the API's arguments, a map file's keys, JSON members.
_PICK = {
    "python": "pass occurrence=N (1 = first), or prefix=/suffix= with the words around the one you mean",
    "toml": 'add `occurrence = 2` to the entry (1 = the first), or `prefix = "..."` / `suffix = "..."` with the '
    "words just before / after the one you mean",
    "json": 'add "occurrence": 2 to the entry (1 = the first), or "prefix": "..." / "suffix": "..." with the '
    "words just before / after the one you mean",
}


#: Most occurrences an :class:`AmbiguousQuoteError` keeps (it counts them all).
KEPT_OCCURRENCES = 1000


class QuoteTooLongError(ArgmapError, ValueError):
    """A quote (or a part of an elided quote) that is not in its source word for word and too long
    to look for approximately: past :data:`MAX_QUOTE_LENGTH` characters, approximate matching
    would take as long as the text times the quote (minutes for a long quote in a book). A long
    quote that is in the source as written is found (that is quick).

    Attributes:
        source: the key of the source.
        quote: the quote as given.
        length: the characters of the part not found.
        limit: the most a part may have to be looked for approximately.
        evidence: the id of the evidence it is the quote of, when known.
    """

    def __init__(self, source: str, quote: str, length: int, limit: int, evidence: str | None = None) -> None:
        self.source = source
        self.quote = quote
        self.length = length
        self.limit = limit
        self.evidence = evidence
        of = f" of evidence {evidence!r}" if evidence is not None else ""
        super().__init__(
            f"the quote{of} is not in source {source!r} word for word, and at {length:,} characters without an "
            f"elision it is too long to look for approximately (at most {limit:,}): {_shorten(quote, 60)!r}. "
            "Fix: quote the words that matter and elide the rest ('first words ... last words': each elision "
            "may leave out up to 2,000 characters), or cite the parts that matter as separate pieces of evidence; "
            "each part is then found even with a slip."
        )

    def of(self, evidence: str | None) -> QuoteTooLongError:
        """The same error, naming the evidence the quote is of."""
        return QuoteTooLongError(self.source, self.quote, self.length, self.limit, evidence)


#: Most characters of a quote's part (the text between elisions) that is looked for approximately:
#: see :class:`QuoteTooLongError`.
MAX_QUOTE_LENGTH = 5000


class InvalidQuoteError(ArgmapError, ValueError):
    """A quote that cannot be located at all: empty, or only punctuation and ellipses."""

    def __init__(self, source: str, quote: str, reason: str) -> None:
        self.source = source
        self.quote = quote
        super().__init__(f"cannot locate quote {quote!r} in source {source!r}: {reason}")


class NameIndex:
    """Known ids (in the order given) and how to find the ones close to a misspelt id quickly.

    Among a few hundred ids every one is compared with the misspelling (:mod:`difflib`); among
    more, only the ids that share the most three-letter pieces with it, found through an index of
    those pieces and looked up in the rarest pieces first, within a fixed budget: one
    misspelling costs about the same in a map of 200 ids as in one of 200,000, and one index
    serves every misspelling of a map.

    Examples:
        >>> NameIndex([f"thesis-{i}" for i in range(5000)]).close("thesis-4999x")
        ['thesis-4999', 'thesis-499', 'thesis-4998']
    """

    #: Up to this many ids, every one is compared.
    SCAN = 300
    #: Postings of the index read per lookup, at most.
    BUDGET = 6000
    #: Ids compared with the misspelling, at most, when the index picks them.
    CANDIDATES = 25

    def __init__(self, names: Iterable[str]) -> None:
        self.names = tuple(names)
        self._grams: dict[str, list[int]] | None = None

    def __len__(self) -> int:
        return len(self.names)

    def close(self, key: str, n: int = 3, cutoff: float = 0.6) -> list[str]:
        """The ``n`` ids most like ``key`` (at least ``cutoff`` similar, :mod:`difflib`'s ratio), best first."""
        if len(self.names) <= self.SCAN:
            return difflib.get_close_matches(key, self.names, n=n, cutoff=cutoff)
        grams = self._index()
        pieces = sorted(set(_trigrams(key)), key=lambda g: len(grams.get(g, ())))
        votes: Counter[int] = Counter()
        budget = self.BUDGET
        for piece in pieces:
            posting = grams.get(piece, ())
            if len(posting) > budget:
                break  # the rest are commoner still: they tell few ids apart
            votes.update(posting)
            budget -= len(posting)
        best = votes.most_common(self.CANDIDATES)
        return difflib.get_close_matches(key, [self.names[i] for i, _ in best], n=n, cutoff=cutoff)

    def _index(self) -> dict[str, list[int]]:
        if self._grams is None:
            self._grams = {}
            for i, name in enumerate(self.names):
                for piece in set(_trigrams(name)):
                    self._grams.setdefault(piece, []).append(i)
        return self._grams


def _trigrams(name: str) -> list[str]:
    padded = f"\x02{name}\x03"
    return [padded[i : i + 3] for i in range(len(padded) - 2)]


class UnknownIdError(ArgmapError, KeyError):
    """An id that names nothing in the map.

    Attributes:
        key: the id given.
        known: the ids there are (a :class:`NameIndex` may be passed instead, to share one
            index among many errors).
    """

    kind = "id"

    def __init__(
        self, key: str, known: Sequence[str] | NameIndex = (), fix: str = "add it first or fix the spelling"
    ) -> None:
        self.key = key
        index = known if isinstance(known, NameIndex) else NameIndex(known)
        self.known = index.names
        close = index.close(key) if isinstance(key, str) else []
        if close:
            hint = "did you mean " + " or ".join(repr(k) for k in close) + "?"
        else:
            hint = "known: " + (", ".join(repr(k) for k in self.known[:10]) or "none yet")
            if len(self.known) > 10:
                hint += f", ... ({len(self.known)} in all)"
        super().__init__(f"unknown {self.kind} {key!r}; {hint} Fix: {fix}.")


class UnknownThesisError(UnknownIdError):
    """A thesis id that is not in the map."""

    kind = "thesis"


class UnknownSourceError(UnknownIdError):
    """A source key that is not in the map."""

    kind = "source"


class DuplicateIdError(ArgmapError, ValueError):
    """A thesis id, source key or evidence id that is already taken."""

    def __init__(self, kind: str, key: str, first: str | None = None) -> None:
        self.kind = kind
        self.key = key
        self.first = first
        fix = "relate the two theses once" if kind == "relation" else "choose another id"
        where = f" ({first})" if first else ""
        super().__init__(f"{kind} {key!r} already exists in the map{where}; {fix}.")


class InvalidValueError(ArgmapError, ValueError):
    """A value outside its vocabulary or shape (a stance, a slug, a page pattern, ...)."""

    def __init__(self, what: str, value: object, expected: str) -> None:
        self.what = what
        self.value = value
        self.expected = expected
        super().__init__(f"invalid {what}: {shown(value)}; expected {expected}.")


def expect(name: str, value: object, types: type | tuple[type, ...], expected: str) -> None:
    """Refuse an argument of the wrong type at the public API's door, naming it (``bool`` is no
    number unless ``types`` has it).

    Raises:
        InvalidTypeError: ``value`` is not one of ``types``.

    Examples:
        >>> expect("caption", 5, (str, type(None)), "text (a string) or None")
        Traceback (most recent call last):
        argmap.errors.InvalidTypeError: invalid caption: 5; expected text (a string) or None.
    """
    kinds = types if isinstance(types, tuple) else (types,)
    if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
        raise InvalidTypeError(name, value, expected)


def expect_path(name: str, value: object, optional: bool = False) -> None:
    """Refuse a file name that is neither text nor a path (``argmap.load(5)``).

    Raises:
        InvalidTypeError: naming the argument.
    """
    kinds: tuple[type, ...] = (str, os.PathLike, type(None)) if optional else (str, os.PathLike)
    expect(name, value, kinds, "a file name: text or a pathlib.Path" + (" (or None)" if optional else ""))


def expect_texts(name: str, value: object, optional: bool = True) -> None:
    """Refuse anything but a list or tuple of strings (a lone string, ``["a", 5]``)."""
    if value is None and optional:
        return
    if not (isinstance(value, list | tuple) and all(isinstance(item, str) for item in value)):
        raise InvalidTypeError(name, value, "a list of strings" + (" (or None)" if optional else ""))


class InputFileError(ArgmapError):
    """A file argmap will not or cannot read: missing, not a regular file (a FIFO, a device, a
    folder), too large, or outside the folder a map may read from."""

    def __init__(self, path: str, reason: str, what: str = "file") -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"cannot read {what} {path}: {reason}")


class InvalidTypeError(InvalidValueError, TypeError):
    """A value of the wrong type (``year="1998"``, ``statement=5``)."""


class SourceFileError(InputFileError):
    """A source text file that cannot be read (missing, not UTF-8, ...)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(path, reason, "source text")


class BibTeXError(InputFileError, ValueError):
    """A BibTeX or BibLaTeX file (Zotero's, Better BibTeX's export) that cannot be read, or an
    entry it does not have.

    Attributes:
        path: the .bib file.
        entry: the entry key concerned (``None``: the whole file).
        line: the line of the problem in the .bib file, when known.
        reason: what is wrong.
        fix: what to do.
    """

    def __init__(self, path: str, reason: str, fix: str, *, entry: str | None = None, line: int | None = None) -> None:
        self.entry = entry
        self.line = line
        self.fix = fix
        where = f"{path}:{line}" if line is not None else path
        what = f"entry {entry!r} of BibTeX file" if entry else "BibTeX file"
        super().__init__(where, f"{reason}; {fix}", what)
        self.path = path


class PathNotAllowedError(InputFileError, PermissionError):
    """A map names a file outside its own folder (after symlinks are followed)."""

    def __init__(self, path: str, real: str, folders: Sequence[str]) -> None:
        self.real = real
        self.folders = tuple(folders)
        where = folders[0] if len(folders) == 1 else "any of " + ", ".join(folders)
        super().__init__(
            path, f"it is outside the map's folder {where} (it is {real}); a map reads only files in its own folder: "
            "move the file there, or allow its folder (argmap --allow-path DIR, argmap.load(..., allowed=[DIR]))",
        )  # fmt: skip


class GraphvizNotFoundError(ArgmapError, RuntimeError):
    """Graphviz's ``dot`` program is not installed or not on PATH."""

    def __init__(self, program: str = "dot") -> None:
        self.program = program
        super().__init__(
            f"Graphviz's {program!r} program was not found on PATH; argmap needs it to render "
            "diagrams (to_dot() works without it). Install Graphviz: "
            "Debian/Ubuntu `sudo apt-get install graphviz`; macOS `brew install graphviz`; "
            "conda `conda install -c conda-forge graphviz`; Windows: the installer from "
            "graphviz.org, then add its bin folder to PATH."
        )


def _shorten(text: str, width: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


_VIEWS = (
    "view='overview' (theses only, with position badges)",
    "view='disagreements' (only the disputed theses)",
    "view='focus' with focus=THESIS_ID, radius=N (one thesis and its neighbours)",
    "view='compare' with sources=(A, B)",
)


def _smaller_views(besides: str | None = None) -> str:
    """The views to draw instead of ``besides`` (all of them if None)."""
    return "; ".join(v for v in _VIEWS if besides is None or not v.startswith(f"view={besides!r}"))


class DiagramTooLargeError(ArgmapError, ValueError):
    """A diagram view with more nodes than a useful (and timely) Graphviz layout allows.

    Attributes:
        view: the view asked for.
        nodes: how many nodes it would draw.
        limit: the ``max_nodes`` in force.
    """

    def __init__(self, view: str, nodes: int, limit: int) -> None:
        self.view = view
        self.nodes = nodes
        self.limit = limit
        super().__init__(
            f"the {view!r} view of this map has {nodes:,} nodes and relations, more than max_nodes={limit:,}: Graphviz "
            "would take very long and the picture would be unreadable. Draw a smaller view: "
            + _smaller_views(view)
            + f"; or pass max_nodes={nodes} to draw it anyway."
        )


class RenderError(ArgmapError, RuntimeError):
    """Graphviz ran but failed to draw the diagram.

    Attributes:
        format: the output format asked for.
        stderr: what Graphviz reported.
    """

    def __init__(self, format: str, stderr: str) -> None:
        self.format = format
        self.stderr = stderr
        super().__init__(
            f"Graphviz failed to render {format}: {stderr.strip() or 'no message'}. If the message names "
            "a format or plugin, your Graphviz build lacks it (try format='svg'); otherwise please report "
            "it with the DOT text from argmap.to_dot()."
        )


class RenderTimeoutError(ArgmapError, TimeoutError):
    """Graphviz did not finish a layout in the time allowed (the view is too large or dense).

    Attributes:
        format: the output format asked for.
        timeout: the seconds allowed.
        view: the view that was being drawn, if known (it is not suggested again).
        fix: what to do instead, when the caller knows better than "draw a smaller view" (the
            reading view: leave the diagram out).
    """

    def __init__(self, format: str, timeout: float, view: str | None = None, fix: str | None = None) -> None:
        self.format = format
        self.timeout = timeout
        self.view = view
        self.fix = fix
        what = f"the {view} view" if view else "the diagram"
        fix = fix or f"draw a smaller view: {_smaller_views(view)}; or allow more time with timeout="
        super().__init__(
            f"Graphviz did not finish laying out {what} within {timeout:g} s: the view is too large or its "
            f"relations too dense for a useful picture. Fix: {fix}."
        )


class MapFileError(ArgmapError, ValueError):
    """A map file (or JSON form) with problems; every problem is listed with its line.

    Attributes:
        path: the file read.
        problems: ``(line, message)`` pairs in file order; ``line`` is ``None`` when unknown.
    """

    def __init__(self, path: str, problems: Sequence[tuple[int | None, str]]) -> None:
        self.path = path
        self.problems = tuple(sorted(problems, key=lambda p: (p[0] is None, p[0] or 0)))
        count = f"{len(self.problems)} problem{'s' if len(self.problems) != 1 else ''}"
        lines = [f"{path}: {count}; nothing was loaded:"]
        for line, message in self.problems:
            where = f"{path}:{line}" if line is not None else path
            first, *rest = message.splitlines() or [""]
            lines.append(f"  {where}: {first}")
            lines += [f"      {more.strip()}" for more in rest]
        super().__init__("\n".join(lines))


class MapSaveError(ArgmapError, ValueError):
    """A map that cannot be written to the file asked for; nothing was written.

    Attributes:
        path: the file that was to be written.
        reason: what stands in the way and how to get past it.
    """

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"cannot save the map to {path}: {reason} Nothing was written.")


def _texts_changed(path: str, changed: Sequence[str]) -> str:
    return f"{path}: the text of source(s) {', '.join(map(repr, changed))} changed since the map was saved"


class SourceChangedError(ArgmapError):
    """Source texts changed since the map was saved, and some quotes are no longer in them.

    Attributes:
        path: the file read (or ``"<json>"``).
        changed: the keys of the sources whose text changed.
        report: a :class:`argmap.CheckReport` on every quote of those sources.
    """

    def __init__(self, path: str, changed: Sequence[str], report: object) -> None:
        self.path, self.changed, self.report = path, tuple(changed), report
        super().__init__(
            f"{_texts_changed(path, changed)}, and quotes are missing now:\n{report}\nFix: correct the quotes "
            "(or the texts), or restore the texts the map was made from."
        )


class SourceChangedWarning(UserWarning):
    """Source texts changed since the map was saved; every quote was found again (some moved or fuzzy).

    Attributes:
        path: the file read (or ``"<json>"``).
        changed: the keys of the sources whose text changed.
        report: a :class:`argmap.CheckReport` on every quote of those sources.
    """

    def __init__(self, path: str, changed: Sequence[str], report: object) -> None:
        self.path, self.changed, self.report = path, tuple(changed), report
        super().__init__(f"{_texts_changed(path, changed)}; its quotes were located again:\n{report}")


class OutputError(ArgmapError, OSError):
    """A file argmap was asked to write (map, report, diagram, export) that cannot be written;
    nothing was written.

    Attributes:
        path: the file that was to be written.
        reason: what the system said.
    """

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(
            f"cannot write {path}: {reason}. Nothing was written. Fix: check that the folder is "
            "writable, or choose another path."
        )


class StalePassageWarning(SourceChangedWarning):
    """A JSON form whose stored passages are not where their quotes are, although the source
    texts are unchanged (the file was edited by hand); every quote was located again.

    Attributes:
        path: the file read (or ``"<json>"``).
        changed: the keys of the sources whose quotes had stale passages.
        report: a :class:`argmap.CheckReport` on those quotes.
    """

    def __init__(self, path: str, changed: Sequence[str], report: object) -> None:
        self.path = path
        self.changed = tuple(changed)
        self.report = report
        UserWarning.__init__(
            self,
            f"{path}: the passages stored for some quotes of source(s) {', '.join(map(repr, self.changed))} are "
            "not where the quotes are, although the texts are unchanged (the JSON form was edited by hand); "
            f"the quotes were located again:\n{report}",
        )


class AnnotationFileError(ArgmapError, ValueError):
    """A file of annotations (Hypothesis, Web Annotation, Zotero) that cannot be read; nothing was imported.

    Attributes:
        path: the file.
        reason: what is wrong with it and what to do.
    """

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"cannot import annotations from {path}: {reason}. Nothing was imported.")


class AnnotationImportError(ArgmapError):
    """Annotations whose quotes could not be proven (or whose thesis, stance, source or page is
    wrong); nothing of the import was added to the map or written.

    Attributes:
        path: the file of annotations.
        result: the :class:`argmap.formats.importer.ImportResult`, with what would have been
            added and what failed, each failure with the annotation's id and why.
    """

    def __init__(self, path: str, result: object) -> None:
        self.path = path
        self.result = result
        failed = getattr(result, "failed", ())
        proven = len(getattr(result, "added", ()))
        lines = [f"{path}: {len(failed)} annotation(s) could not be imported; nothing was added:"]
        for item in failed:
            first, *rest = str(item.reason).splitlines() or [""]
            lines.append(f"  {item.annotation.name}: {first}")
            lines += [f"      {more.strip()}" for more in rest]
        lines.append(
            "Fix: correct the annotations (or tag them), give --source/--thesis/--stance, or import the "
            f"{proven} proven one(s) alone with --partial (partial=True)."
        )
        super().__init__("\n".join(lines))


class MapEditError(ArgmapError):
    """A map file that argmap cannot add to in place without changing what was there; nothing was written.

    Attributes:
        path: the map file.
        reason: what stands in the way and what to do.
    """

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"cannot add to the map file {path} in place: {reason} Nothing was written.")
