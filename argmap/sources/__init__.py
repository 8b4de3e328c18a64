"""Readers: one per kind of file, each turning a file into a :class:`~argmap.Source` with its
pages as data (a :class:`~argmap.pages.Layout`).

:func:`read` picks the reader by the file's suffix: ``.pdf`` (:mod:`argmap.sources.pdf`); a file of
any other suffix is read as plain text (:mod:`argmap.sources.text`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from argmap.model import Source
from argmap.sources import pdf, text

__all__ = ["READERS", "read"]

#: The reader of each file suffix that is not plain text.
READERS: dict[str, Callable[..., Source]] = {".pdf": pdf.read}


def read(path: str | Path, *, key: str, **options: Any) -> Source:
    """Read the source in ``path`` with the reader its suffix calls for.

    Args:
        path: the file.
        key: the source's key.
        options: the reader's options (``encoding``, ``page_pattern``, ...) and the source's
            other fields (``title``, ``authors``, ...).

    Raises:
        SourceFileError: the file is missing, unreadable or not what its suffix says.
    """
    reader: Callable[..., Source] = READERS.get(Path(path).suffix.lower()) or text.read
    return reader(path, key=key, **options)
