"""A stranger's map can't hurt you: each class of attack (issue 16) as tests that failed before.

Classes: patterns that run away, paths out of the map's folder and files that are not files,
outputs that would destroy a file, values the API took and could not save, and the command's
last resort. Each test names what it guards against.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

import argmap
from argmap import pages
from argmap.cli import main
from argmap.errors import InputFileError, InvalidValueError, MapFileError, PathNotAllowedError, SourceFileError

TEXT = "the Rebels fired first upon the troops at Lexington"


def map_with(tmp_path: Path, source: str, *, name: str = "map.toml") -> Path:
    """A map file in ``tmp_path`` with one ``[[source]]`` table (its keys as TOML lines) and one quote."""
    path = tmp_path / name
    path.write_text(f'[[source]]\nkey = "s"\n{source}\n\n[[thesis]]\nid = "t"\nstatement = "T."\n\n'
                    '[[evidence]]\nthesis = "t"\nsource = "s"\nstance = "supports"\nquote = "the Rebels fired first"\n',
                    encoding="utf-8")  # fmt: skip
    return path


def problems(path: Path, **options: object) -> str:
    with pytest.raises(MapFileError) as info:
        argmap.load(path, **options)  # type: ignore[arg-type]
    return str(info.value)


# -- patterns that run away ------------------------------------------------------------------


class TestPatterns:
    @pytest.fixture(autouse=True)
    def _short_limit(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(pages, "PATTERN_TIMEOUT", 0.3)

    @pytest.mark.parametrize("field", ["page_pattern", "ignore"])
    def test_backtracking_pattern_is_refused_not_left_to_hang(self, field: str) -> None:
        """`(a|aa)+$` against a line of a's backtracks without end in Python's re: refused in time."""
        text = "a" * 60 + "b\n" + TEXT
        started = time.perf_counter()
        with pytest.raises(InvalidValueError, match=r"ran over 0.3 s.*simpler"):
            argmap.Source(key="s", text=text, **{field: r"(a|aa)+$"})  # type: ignore[arg-type]
        assert time.perf_counter() - started < 10

    def test_in_a_map_file_with_its_line(self, tmp_path: Path) -> None:
        (tmp_path / "s.txt").write_text("a" * 60 + "b\n" + TEXT, encoding="utf-8")
        message = problems(map_with(tmp_path, 'path = "s.txt"\nignore = ["(a|aa)+$"]'))
        assert "map.toml:4:" in message and "ran over" in message

    @pytest.mark.parametrize("pattern", ["a{4294967296}", "(" * 2000 + "a" + ")" * 2000, "[", "*a"])
    def test_pattern_that_cannot_be_compiled(self, pattern: str) -> None:
        """Overflowing repeats, nesting past the recursion limit: a clear error, not a traceback."""
        with pytest.raises(InvalidValueError, match="a regular expression") as info:
            argmap.Source(key="s", text=TEXT, page_pattern=pattern)
        assert len(str(info.value)) < 400  # the pattern is shown cut, with its length


# -- paths out of the map's folder, files that are not files ---------------------------------


class TestPaths:
    def test_path_out_of_the_folder(self, tmp_path: Path) -> None:
        """`../secret.txt` is refused by default, with how to allow it; allowed, it is read."""
        (tmp_path / "secret.txt").write_text(TEXT, encoding="utf-8")
        (tmp_path / "maps").mkdir()
        path = map_with(tmp_path / "maps", 'path = "../secret.txt"')
        message = problems(path)
        assert "map.toml:3:" in message and "outside the map's folder" in message and "--allow-path" in message
        assert argmap.load(path, allowed=[tmp_path]).source("s").text == TEXT

    def test_absolute_path(self, tmp_path: Path) -> None:
        """An absolute path elsewhere (`/etc/passwd`) is refused, and nothing of it is read."""
        message = problems(map_with(tmp_path, 'path = "/etc/passwd"'))
        assert "outside the map's folder" in message and "root:" not in message

    def test_symlink_out_of_the_folder(self, tmp_path: Path) -> None:
        """A symlink inside the folder that points out of it is judged by where it points."""
        (tmp_path / "outside.txt").write_text(TEXT, encoding="utf-8")
        (tmp_path / "maps").mkdir()
        (tmp_path / "maps" / "s.txt").symlink_to(tmp_path / "outside.txt")
        assert "outside the map's folder" in problems(map_with(tmp_path / "maps", 'path = "s.txt"'))

    def test_csl_file_out_of_the_folder(self, tmp_path: Path) -> None:
        (tmp_path / "items.json").write_text('[{"id": "s", "title": "T"}]', encoding="utf-8")
        (tmp_path / "maps").mkdir()
        path = tmp_path / "maps" / "map.toml"
        path.write_text('csl = "../items.json"\n' + map_with(tmp_path, f'text = "{TEXT}"', name="x").read_text())
        assert "outside the map's folder" in problems(path)

    @pytest.mark.parametrize("kind", ["fifo", "folder", "device"])
    def test_not_a_regular_file(self, tmp_path: Path, kind: str) -> None:
        """A FIFO (which would block reading), a folder, /dev/zero (read without end) as a source."""
        target = {"fifo": tmp_path / "pipe", "folder": tmp_path / "texts", "device": Path("/dev/zero")}[kind]
        if kind == "fifo":
            os.mkfifo(target)
        elif kind == "folder":
            target.mkdir()
        message = problems(map_with(tmp_path, f'path = "{target}"'), allowed=["/dev"])
        assert {"fifo": "a FIFO", "folder": "a folder", "device": "a character device"}[kind] in message

    def test_fifo_as_the_map(self, tmp_path: Path) -> None:
        os.mkfifo(tmp_path / "map.toml")
        with pytest.raises(MapFileError, match="a FIFO"):
            argmap.load(tmp_path / "map.toml")

    def test_file_too_large(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A file over the limit is refused with its size, before it is read."""
        (tmp_path / "s.txt").write_text(TEXT * 100, encoding="utf-8")
        monkeypatch.setenv("ARGMAP_MAX_FILE_MB", "0.001")
        assert "more than argmap reads" in problems(map_with(tmp_path, 'path = "s.txt"'))
        with pytest.raises(SourceFileError, match="ARGMAP_MAX_FILE_MB"):
            argmap.Source.from_file(tmp_path / "s.txt", key="s")

    def test_nul_in_a_path(self, tmp_path: Path) -> None:
        with pytest.raises(InputFileError):
            argmap.Source.from_file(str(tmp_path / "a\0b.txt"), key="s")

    def test_command_allow_path(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """`argmap check --allow-path DIR` reads a text there; without it, exit 1 and why."""
        (tmp_path / "secret.txt").write_text(TEXT, encoding="utf-8")
        (tmp_path / "maps").mkdir()
        path = map_with(tmp_path / "maps", 'path = "../secret.txt"')
        assert main(["check", str(path)]) == 1
        assert "outside the map's folder" in capsys.readouterr().err
        assert main(["check", str(path), "--allow-path", str(tmp_path)]) == 0

    def test_error_is_a_permission_error(self, tmp_path: Path) -> None:
        from argmap.files import input_file

        (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
        with pytest.raises(PermissionError):
            input_file(tmp_path / "a.txt", inside=[tmp_path / "maps"])
        assert issubclass(PathNotAllowedError, InputFileError)
