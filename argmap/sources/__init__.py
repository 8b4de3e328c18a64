"""Readers: one per kind of file, each turning a file into a :class:`~argmap.Source` with its
pages as data (a :class:`~argmap.pages.Layout`).

:func:`read` picks the reader by the file's suffix: ``.pdf`` (:mod:`argmap.sources.pdf`), ``.epub``
(:mod:`argmap.sources.epub`), ``.html``/``.htm`` (:mod:`argmap.sources.html`); a file of any
other suffix is read as plain text (:mod:`argmap.sources.text`). Each reader is imported when a
file of its kind is read (``import argmap`` stays light). What the readers of PDFs, EPUBs and web
pages extract is kept in a disk cache (:mod:`argmap.sources.cache`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from argmap.errors import SourceFileError
from argmap.files import input_file
from argmap.model import Source
from argmap.sources import text
from argmap.sources.cache import read_cached

__all__ = ["READERS", "read"]

#: The reader module of each file suffix that is not plain text, and the options that change what
#: it extracts (part of the cache's key).
READERS: dict[str, tuple[str, tuple[str, ...]]] = {
    ".pdf": ("argmap.sources.pdf", ("page_offset", "first_page")),
    ".epub": ("argmap.sources.epub", ()),
    ".html": ("argmap.sources.html", ("encoding",)),
    ".htm": ("argmap.sources.html", ("encoding",)),
}


def read(path: str | Path, *, key: str, inside: Sequence[str | Path] | None = None, **options: Any) -> Source:
    """Read the source in ``path`` with the reader its suffix calls for.

    Args:
        path: the file.
        key: the source's key.
        inside: the folders the file must be in (a map's folder and those allowed); ``None``: any.
        options: the reader's options (``encoding``, ``page_pattern``, ...) and the source's
            other fields (``title``, ``authors``, ...).

    Raises:
        SourceFileError: the file is missing, not a regular file (a FIFO, a device), larger than
            ``ARGMAP_MAX_FILE_MB``, unreadable or not what its suffix says.
        PathNotAllowedError: the file is outside the folders ``inside``.
    """
    input_file(path, inside=inside, error=SourceFileError)  # a regular file of a sane size: nothing blocks
    found = READERS.get(Path(path).suffix.lower())
    if found is None:
        return text.read(path, key=key, **options)
    module, extracting = found
    reader: Callable[..., Source] = importlib.import_module(module).read
    return read_cached(reader, path, key, options, extracting)
