"""The one way argmap writes a file (whole or not at all), and the folder where it keeps what is
worth keeping between runs (its cache)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
from importlib import metadata
from pathlib import Path

from argmap.errors import OutputError

__all__ = ["CACHE_ENVIRONMENT", "cache_directory", "cache_entry", "write_atomic"]

#: The environment variable that moves argmap's cache (a folder) or turns it off (``off``).
CACHE_ENVIRONMENT = "ARGMAP_CACHE"


def cache_directory() -> Path | None:
    """argmap's cache folder (``platformdirs``: ``~/.cache/argmap`` on Linux, unless
    ``ARGMAP_CACHE`` names another), or ``None`` when the cache is off (``ARGMAP_CACHE=off``)."""
    setting = os.environ.get(CACHE_ENVIRONMENT, "")
    if setting.lower() in ("off", "0", "no", "false"):
        return None
    if setting:
        return Path(setting)
    import platformdirs  # only where the cache is used

    return Path(platformdirs.user_cache_dir("argmap"))


def cache_entry(suffix: str, *key: object, content: bytes = b"") -> Path | None:
    """The file of the cache folder that keeps what ``key`` (parts that JSON writes) and
    ``content`` name, for this version of argmap: named by their SHA-256, ending in ``suffix``.
    ``None`` when the cache is off."""
    folder = cache_directory()
    if folder is None:
        return None
    try:
        version = metadata.version("argmap")
    except metadata.PackageNotFoundError:  # run from a checkout without installing
        version = "checkout"
    head = json.dumps([version, *key], default=str).encode()
    return folder / f"{hashlib.sha256(head + hashlib.sha256(content).digest()).hexdigest()}{suffix}"


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
