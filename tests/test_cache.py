"""The cache of extracted texts: read once, trusted never, and no error when it cannot be written."""

from __future__ import annotations

import base64
import json
import pickle
from array import array
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from argmap import Source, locate
from argmap.cli import main
from argmap.files import CACHE_ENVIRONMENT, cache_directory
from argmap.index import seed_index
from argmap.slips import english_words
from argmap.sources import cache

from .conftest import corpus_source
from .pdfs import chapter_pages, write_book


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(CACHE_ENVIRONMENT, str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return write_book(tmp_path / "book.pdf", chapter_pages())


def views(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.view.json")) if folder.exists() else []


def entries(folder: Path) -> list[Path]:
    return sorted(set(folder.glob("*.json")) - set(views(folder))) if folder.exists() else []


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
        monkeypatch.setenv(CACHE_ENVIRONMENT, str(tmp_path / "blocked" / "cache"))
        assert Source.from_file(book, key="b").page_layout.page_labels[0] == "249"

    def test_turned_off(self, folder: Path, book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """`ARGMAP_CACHE=off` writes nothing."""
        monkeypatch.setenv(CACHE_ENVIRONMENT, "off")
        Source.from_file(book, key="b")
        assert cache_directory() is None and not entries(folder)

    def test_no_cache_option(self, folder: Path, book: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """`argmap check --no-cache` reads the PDF anew and writes no entry."""
        map_file = book.parent / "map.toml"
        map_file.write_text('[[source]]\nkey = "b"\npath = "book.pdf"\n', encoding="utf-8")
        assert main(["check", str(map_file), "--no-cache"]) == 0
        assert not entries(folder)


GARDINER = "gardiner-1897-what-gunpowder-plot-was"  # 428 kB: a text long enough to keep its view


class TestViews:
    """The normalized view of a long text is kept too: made once, read back equal, trusted never."""

    def test_read_back_equal(self, folder: Path) -> None:
        """A second source of the same text takes its view from the entry, and maps the same."""
        first = corpus_source(GARDINER, "g").view
        (entry,) = views(folder)
        data = json.loads(entry.read_text(encoding="utf-8"))
        entry.write_text(json.dumps({**data, "text": data["text"].replace("Gunpowder", "GUNPOWDER")}), "utf-8")
        second = corpus_source(GARDINER, "g").view
        assert "GUNPOWDER" in second.text  # proof that it came from the entry
        for start in range(0, len(first.text) - 100, 9973):
            assert second.to_original(start, start + 100) == first.to_original(start, start + 100)
            assert second.from_original(start, start + 100) == first.from_original(start, start + 100)

    def test_short_texts_are_not_kept(self, folder: Path, chen: Source) -> None:
        """A chapter's view takes milliseconds to make: no entry."""
        assert len(chen.text) < cache.VIEWS_FROM
        Source.from_file(chen.path or "", key="c").view  # noqa: B018
        assert not views(folder)

    @pytest.mark.parametrize("damage", ["{not json", "foreign", "byteorder", "shuffled", "out of bounds", "lengths"])
    def test_broken_or_foreign_views_are_made_anew(self, folder: Path, damage: str) -> None:
        """An entry that is not a consistent view of this text is ignored and written anew."""
        made = corpus_source(GARDINER, "g").view
        (entry,) = views(folder)
        data = json.loads(entry.read_text(encoding="utf-8"))
        norm = array("q", base64.b64decode(data["norm"]))
        broken = {
            "foreign": {"format": "something else"},
            "byteorder": {**data, "byteorder": "middle"},
            "shuffled": {**data, "norm": base64.b64encode(array("q", reversed(norm)).tobytes()).decode()},
            "out of bounds": {**data, "orig_end": base64.b64encode(array("q", [10**9] * len(norm)).tobytes()).decode()},
            "lengths": {**data, "verbatim": base64.b64encode(b"\x01").decode()},
        }
        entry.write_text("{not json" if damage == "{not json" else json.dumps(broken[damage]), encoding="utf-8")
        again = corpus_source(GARDINER, "g").view
        assert again.text == made.text and again.to_original(1000, 2000) == made.to_original(1000, 2000)
        assert json.loads(entry.read_text(encoding="utf-8")) == data  # written anew

    def test_turned_off(self, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """`ARGMAP_CACHE=off` keeps no view either."""
        monkeypatch.setenv(CACHE_ENVIRONMENT, "off")
        assert corpus_source(GARDINER, "g").view.text
        assert not views(folder)


class TestEnglishWords:
    """The dictionary's words, as slips compare them, are made once and kept as a list."""

    @pytest.fixture(autouse=True)
    def _fresh(self) -> Iterator[None]:
        english_words.cache_clear()
        yield
        english_words.cache_clear()  # no test's words for the next test

    def test_kept_and_read_back(self, folder: Path) -> None:
        made = english_words()
        (entry,) = folder.glob("*.words.txt")
        entry.write_text(entry.read_text(encoding="utf-8") + "\nzzqxv", encoding="utf-8")
        english_words.cache_clear()
        assert english_words() == made | {"zzqxv"}  # proof that it came from the entry
        assert {"intervention", "hanged", "chinas"} <= made  # keys: lower case, no apostrophe

    @pytest.mark.parametrize("content", ["", "not argmap's\nwords", "argmap-words-1\nonly\nthree"])
    def test_broken_list_made_anew(self, folder: Path, content: str) -> None:
        made = english_words()
        (entry,) = folder.glob("*.words.txt")
        entry.write_text(content, encoding="utf-8")
        english_words.cache_clear()
        assert english_words() == made
        assert entry.read_text(encoding="utf-8").startswith("argmap-words-1\n")


class TestSeedIndexes:
    """The seed index of a long text is kept too, read back whole, and checked before use."""

    def test_read_back_and_used(self, folder: Path) -> None:
        """A second view of the same text finds the index on disk: no build, same arrays."""
        first = seed_index(corpus_source(GARDINER, "g").view)
        (entry,) = folder.glob("*.seeds.npy")
        view = corpus_source(GARDINER, "g").view
        again = seed_index(view, build=False)  # would be None without the kept one
        assert again is not None and again is not first
        assert np.array_equal(again.to_arrays(), first.to_arrays())
        hits = list(first.occurrences("the Gunpowder Plot"))
        assert hits and list(again.occurrences("the Gunpowder Plot")) == hits
        assert entry.stat().st_size == first.nbytes + 128  # the two arrays and numpy's header

    @pytest.mark.parametrize("damage", ["truncated", "pickle", "dtype", "unsorted", "another text"])
    def test_broken_or_foreign_index_is_not_used(self, folder: Path, damage: str) -> None:
        made = seed_index(corpus_source(GARDINER, "g").view).to_arrays()
        (entry,) = folder.glob("*.seeds.npy")
        other = seed_index(corpus_source("gerard-1897-what-was-the-gunpowder-plot", "o").view).to_arrays()
        broken = {
            "dtype": made.astype(np.int64),
            "unsorted": made[:, ::-1],
            "another text": other[:, : made.shape[1]] if other.shape[1] >= made.shape[1] else made[:, ::-1],
        }
        if damage == "truncated":
            entry.write_bytes(entry.read_bytes()[:1000])
        elif damage == "pickle":
            entry.write_bytes(pickle.dumps(made))
        else:
            np.save(entry, broken[damage], allow_pickle=False)
        view = corpus_source(GARDINER, "g").view
        assert seed_index(view, build=False) is None  # not trusted
        assert np.array_equal(seed_index(view).to_arrays(), made)  # made anew
