"""Writing files: whole or not at all."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import argmap
from argmap.files import write_atomic


class TestWriteAtomic:
    def test_writes_text_and_bytes_creating_folders(self, tmp_path: Path) -> None:
        """Text goes out as UTF-8 with LF line ends, bytes as they are; missing folders are made."""
        assert write_atomic(tmp_path / "a" / "b.md", "Unioñ\n").read_bytes() == "Unioñ\n".encode()
        assert write_atomic(tmp_path / "c.png", b"\x89PNG").read_bytes() == b"\x89PNG"

    def test_failure_keeps_the_old_file_and_leaves_no_temporary(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """When the final rename fails, the old content stays and no temporary file is left."""
        target = tmp_path / "map.toml"
        target.write_text("old")

        def fail(*_: object) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, "replace", fail)
        with pytest.raises(argmap.OutputError, match="No space left on device"):
            write_atomic(target, "new")
        assert target.read_text() == "old"
        assert [p.name for p in tmp_path.iterdir()] == ["map.toml"]
