"""The cache of extracted texts: read once, trusted never, and no error when it cannot be written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argmap import Source, locate
from argmap.cli import main
from argmap.sources import cache

from .pdfs import chapter_pages, write_book


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(cache.ENVIRONMENT, str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return write_book(tmp_path / "book.pdf", chapter_pages())


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json")) if folder.exists() else []


class TestCache:
    def test_second_read_from_the_cache(self, folder: Path, book: Path) -> None:
        """A PDF read twice is extracted once; both sources are equal, the user's fields on top."""
        first = Source.from_file(book, key="b", title="Mine")
        (entry,) = entries(folder)
        entry.write_text(entry.read_text(encoding="utf-8").replace("Stalin initially", "Stalin INITIALLY"))
        second = Source.from_file(book, key="b", title="Mine")
        assert "Stalin INITIALLY" in second.text  # proof that it came from the entry
        assert second.title == "Mine" and second.page_layout == first.page_layout

    def test_options_that_change_the_text_are_part_of_the_key(self, folder: Path, book: Path) -> None:
        """Another page offset is another entry, with other labels."""
        Source.from_file(book, key="b")
        shifted = Source.from_file(book, key="b", page_offset=100)
        assert len(entries(folder)) == 2 and locate(shifted, "Stalin initially feared").pages == ("103",)

    def test_a_changed_file_is_read_again(self, folder: Path, book: Path) -> None:
        """The key is the file's content: a new PDF under the same name is extracted anew."""
        Source.from_file(book, key="b")
        write_book(book, chapter_pages()[:2])
        assert Source.from_file(book, key="b").page_layout.page_labels == ("249", "250", "249", "250")

    @pytest.mark.parametrize("content", [
        "{not json", '{"format": "something else"}', '{"format": "argmap-extract-1"}',
        '{"format": "argmap-extract-1", "text": "x", "layout": {"page_starts": [5, 1]}, "offered": {}}',
    ])  # fmt: skip
    def test_broken_or_foreign_entries_are_ignored(self, folder: Path, book: Path, content: str) -> None:
        """An entry that is not what argmap writes is never trusted: the file is read again."""
        Source.from_file(book, key="b")
        (entry,) = entries(folder)
        entry.write_text(content, encoding="utf-8")
        assert locate(Source.from_file(book, key="b"), "Stalin initially feared").pages == ("251",)
        assert json.loads(entry.read_text(encoding="utf-8"))["format"] == "argmap-extract-1"  # made anew

    def test_unwritable_cache_is_no_error(self, tmp_path: Path, book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A cache folder that cannot be made (a file stands there) does not stop the reading."""
        (tmp_path / "blocked").write_text("a file, not a folder", encoding="utf-8")
        monkeypatch.setenv(cache.ENVIRONMENT, str(tmp_path / "blocked" / "cache"))
        assert Source.from_file(book, key="b").page_layout.page_labels[0] == "249"

    def test_turned_off(self, folder: Path, book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """`ARGMAP_CACHE=off` writes nothing."""
        monkeypatch.setenv(cache.ENVIRONMENT, "off")
        Source.from_file(book, key="b")
        assert cache.directory() is None and not entries(folder)

    def test_no_cache_option(self, folder: Path, book: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """`argmap check --no-cache` reads the PDF anew and writes no entry."""
        map_file = book.parent / "map.toml"
        map_file.write_text('[[source]]\nkey = "b"\npath = "book.pdf"\n', encoding="utf-8")
        assert main(["check", str(map_file), "--no-cache"]) == 0
        assert not entries(folder)
