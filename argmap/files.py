"""The one way argmap writes a file (whole or not at all), and the folder where it keeps what is
worth keeping between runs (its cache)."""

from __future__ import annotations

import contextlib
import glob
import hashlib
import json
import os
import re
import secrets
import stat
import sys
import time
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path

from argmap.errors import InputFileError, OutputError, PathNotAllowedError

__all__ = [
    "CACHE_ENVIRONMENT", "MAX_INPUT_MB", "cache_directory", "cache_entry", "input_file", "stream_of", "write_atomic",
]  # fmt: skip

#: The largest file argmap reads (a map, a source, a CSL file), in megabytes; the environment
#: variable ``ARGMAP_MAX_FILE_MB`` changes it.
MAX_INPUT_MB = 200
_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))  # fmt: skip


def input_file(path: str | os.PathLike[str], *, inside: Sequence[str | os.PathLike[str]] | None = None,
               error: Callable[[str, str], InputFileError] = InputFileError) -> Path:  # fmt: skip
    """The regular file that ``path`` names, symlinks followed, checked before anything opens it
    (so that nothing blocks on a FIFO or reads a device without end).

    Args:
        path: the file.
        inside: the folders the file must be in (after symlinks are followed); ``None``: anywhere.
        error: the error to raise, given the path and the reason (:class:`SourceFileError` for a
            source text).

    Raises:
        InputFileError: (or ``error``) missing, not a regular file, or larger than ``ARGMAP_MAX_FILE_MB``.
        PathNotAllowedError: outside every folder of ``inside``.
    """
    shown = os.fspath(path)
    try:
        real = Path(path).resolve(strict=True)
        status = real.stat()
    except FileNotFoundError:
        raise error(shown, "no such file; check the path") from None
    except (OSError, RuntimeError, ValueError) as exc:  # a symlink loop, a NUL byte, no permission
        raise error(shown, getattr(exc, "strerror", None) or str(exc)) from None
    if inside is not None:
        folders = [Path(folder).resolve() for folder in inside]
        if not any(real.is_relative_to(folder) for folder in folders):
            raise PathNotAllowedError(shown, str(real), [str(folder) for folder in folders])
    for test, kind in _KINDS:
        if test(status.st_mode):
            raise error(shown, f"it is {kind}, not a regular file")
    limit = _max_input_mb()
    if status.st_size > limit * 1024 * 1024:
        size = status.st_size / 1024 / 1024
        why = f"it is {size:.0f} MB, more than argmap reads ({limit:g} MB); split it, or raise ARGMAP_MAX_FILE_MB"
        raise error(shown, why)
    return real


def _max_input_mb() -> float:
    try:
        return float(os.environ.get("ARGMAP_MAX_FILE_MB", MAX_INPUT_MB))
    except ValueError:
        return MAX_INPUT_MB


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
    failure leaves ``path`` as it was (absent, or its old content). A symlink is written through
    (the file it points to is replaced, not the link); a device or a pipe (``/dev/null``,
    ``/dev/stdout``) is written to directly, never renamed over; the temporary files that killed
    runs left beside the target are removed.

    Returns:
        The path written.

    Raises:
        OutputError: the file cannot be written (a folder stands there, the disk is full, ...).
    """
    target = Path(path)
    if not os.fspath(path) or target.name in ("", ".", ".."):
        raise OutputError(os.fspath(path) or "''", "name a file to write, not a folder or nothing")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    stream = stream_of(path)
    if stream is not None:  # /dev/stdout and the like: written to, at its place, never replaced
        try:
            if stream in (1, 2):
                (sys.stdout if stream == 1 else sys.stderr).flush()  # what was printed comes first
            rest = memoryview(payload)
            while rest:
                rest = rest[os.write(stream, rest[: 1 << 16]) :]
        except OSError as exc:
            raise OutputError(str(target), exc.strerror or str(exc)) from exc
        return target
    try:
        status = target.stat() if target.exists() else None  # (symlinks followed)
        if status is not None and stat.S_ISDIR(status.st_mode):
            raise OutputError(str(target), "it is a folder; name a file inside it")
        if status is not None and not stat.S_ISREG(status.st_mode):
            with target.open("wb") as handle:  # a device or a pipe: it takes the data, it is not replaced
                handle.write(payload)
                handle.flush()
            return target
        target = target.resolve() if target.is_symlink() else target  # replace the file a link points to
    except OSError as exc:
        raise OutputError(str(target), exc.strerror or str(exc)) from exc
    _remove_stale(target)
    # open(..., "xb") rather than mkstemp: the file gets the usual permissions (umask), not 0600
    temp = target.with_name(f"{_TEMP_PREFIX}{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
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


def stream_of(path: str | os.PathLike[str]) -> int | None:
    """The file descriptor a path such as ``/dev/stdout`` or ``/dev/fd/3`` stands for."""
    name = os.fspath(path)
    if name in ("/dev/stdout", "/dev/stderr"):
        return 1 if name.endswith("out") else 2
    found = re.fullmatch(r"/(?:dev/fd|proc/self/fd)/(\d+)", name)
    return int(found.group(1)) if found else None


_TEMP_PREFIX = ".argmap-"
_STALE_AFTER = 24 * 3600  # seconds after which a temporary file is stale whoever left it


def _remove_stale(target: Path) -> None:
    """Remove the temporary files of ``target`` that runs killed midway left (their process is
    gone, or they are a day old)."""
    with contextlib.suppress(OSError):
        for temp in target.parent.glob(f"{glob.escape(_TEMP_PREFIX + target.name)}.*.tmp"):
            pid = temp.name[len(_TEMP_PREFIX + target.name) + 1 :].split(".")[0]
            if not pid.isdigit() or not _alive(int(pid)) or time.time() - temp.stat().st_mtime > _STALE_AFTER:
                temp.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process
    return True
