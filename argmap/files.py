"""The one way argmap writes a file: whole or not at all."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from argmap.errors import OutputError

__all__ = ["write_atomic"]


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file beside it, then rename it into place.

    Text is written as UTF-8 with ``\\n`` line ends. Missing parent folders are created. A
    failure leaves ``path`` as it was (absent, or its old content).

    Returns:
        The path written.

    Raises:
        OutputError: the file cannot be written.
    """
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    # open(..., "xb") rather than mkstemp: the file gets the usual permissions (umask), not 0600
    temp = target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with temp.open("xb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())  # the data is on disk before the name points at it
        os.replace(temp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(str(target), exc.strerror or str(exc)) from exc
        raise
    return target
