"""Every error argmap raises: one base class, one subclass per kind of mistake.

Each error carries the data it was raised with (so callers can act on it) and builds its own
message saying what was wrong, where, and how to fix it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argmap.model import Passage


class ArgmapError(Exception):
    """Base class of every error argmap raises on purpose."""

    def __str__(self) -> str:
        # KeyError subclasses would otherwise show their message in quotes.
        return str(self.args[0]) if self.args else ""


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
    """

    def __init__(
        self,
        source: str,
        quote: str,
        nearest: Passage | None = None,
        similarity: float = 0.0,
        diff: str = "",
        part: str | None = None,
    ) -> None:
        self.source = source
        self.quote = quote
        self.nearest = nearest
        self.similarity = similarity
        self.diff = diff
        self.part = part
        super().__init__(self._message())

    def _message(self) -> str:
        what = f"part {self.part!r} of the quote" if self.part is not None else "quote"
        lines = [f"{what} is not in source {self.source!r}: {_shorten(self.quote)!r}"]
        if self.nearest is None:
            lines.append("  nothing in the source comes close; check the source key and the text.")
        else:
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
        occurrences: ``(start, end, pages)`` of each occurrence, in text order.
    """

    def __init__(
        self, source: str, quote: str, occurrences: Sequence[tuple[int, int, tuple[str, ...]]]
    ) -> None:
        self.source = source
        self.quote = quote
        self.occurrences = tuple(occurrences)
        where = "; ".join(
            f"#{n} at {start}-{end} ({_pages(pages)})"
            for n, (start, end, pages) in enumerate(self.occurrences, 1)
        )
        super().__init__(
            f"quote occurs {len(self.occurrences)} times in source {source!r}: "
            f"{_shorten(quote)!r}: {where}. Fix: quote a longer passage, or pass "
            "occurrence=N (1 = first), or prefix=/suffix= with the words around the one you mean."
        )


class InvalidQuoteError(ArgmapError, ValueError):
    """A quote that cannot be located at all: empty, or only punctuation and ellipses."""

    def __init__(self, source: str, quote: str, reason: str) -> None:
        self.source = source
        self.quote = quote
        super().__init__(f"cannot locate quote {quote!r} in source {source!r}: {reason}")


class UnknownIdError(ArgmapError, KeyError):
    """An id that names nothing in the map."""

    kind = "id"

    def __init__(self, key: str, known: Sequence[str] = ()) -> None:
        self.key = key
        self.known = tuple(known)
        hint = ", ".join(repr(k) for k in self.known[:10]) or "none yet"
        if len(self.known) > 10:
            hint += f", ... ({len(self.known)} in all)"
        super().__init__(f"unknown {self.kind} {key!r}; known: {hint}. Add it first or fix the spelling.")


class UnknownThesisError(UnknownIdError):
    """A thesis id that is not in the map."""

    kind = "thesis"


class UnknownSourceError(UnknownIdError):
    """A source key that is not in the map."""

    kind = "source"


class DuplicateIdError(ArgmapError, ValueError):
    """A thesis id, source key or evidence id that is already taken."""

    def __init__(self, kind: str, key: str) -> None:
        self.kind = kind
        self.key = key
        super().__init__(f"{kind} {key!r} already exists in the map; choose another id.")


class InvalidValueError(ArgmapError, ValueError):
    """A value outside its vocabulary or shape (a stance, a slug, a page pattern, ...)."""

    def __init__(self, what: str, value: object, expected: str) -> None:
        self.what = what
        self.value = value
        super().__init__(f"invalid {what}: {value!r}; expected {expected}.")


class SourceFileError(ArgmapError):
    """A source text file that cannot be read (missing, not UTF-8, ...)."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        super().__init__(f"cannot read source text {path}: {reason}")


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
