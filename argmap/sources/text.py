"""Plain text: a UTF-8 (or other encoding) file whose pages are marked in the text itself.

The layout comes from the source's ``page_pattern`` and ``ignore`` patterns
(:meth:`argmap.pages.Layout.from_patterns`), computed once when the source is made; the view of a
long text is kept in the disk cache (:func:`argmap.sources.cache.normalize_cached`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from argmap.errors import InvalidValueError, SourceFileError
from argmap.model import Source
from argmap.sources.cache import normalize_cached

__all__ = ["read", "read_text"]


def read_text(path: str | Path, encoding: str = "utf-8") -> str:
    """The text of a file in ``encoding``.

    Raises:
        SourceFileError: the file is missing, unreadable or not in ``encoding``.
        InvalidValueError: ``encoding`` is not a codec Python knows.
    """
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise SourceFileError(str(path), "no such file; check the path") from exc
    except OSError as exc:
        raise SourceFileError(str(path), exc.strerror or str(exc)) from exc
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise SourceFileError(
            str(path),
            f"not valid {encoding} at line {line} (byte {exc.start}); re-save the file as UTF-8 "
            "(any editor's 'Save as' offers it)",
        ) from exc
    except LookupError:
        raise InvalidValueError("encoding", encoding, "a Python codec name such as 'utf-8' or 'latin-1'") from None


def read(path: str | Path, *, key: str, encoding: str = "utf-8", **fields: Any) -> Source:
    """A source whose text is the file's; ``fields`` are the source's other fields.

    Examples:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = Path(folder) / "letter.txt"
        ...     _ = path.write_text("Page 7\\nDear Sir,", encoding="utf-8")
        ...     read(path, key="letter", page_pattern=r"^Page (\\d+)$").pages_of(7, 10)
        ('7',)
    """
    return Source(key=key, text=read_text(path, encoding), path=str(path), normalizer=normalize_cached, **fields)
