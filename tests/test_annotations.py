"""Importing annotations: Hypothesis, W3C Web Annotations and Zotero highlights become proven
evidence, added to a map file in place without losing what the historian wrote."""

from __future__ import annotations

import difflib
import json
import shutil
import sqlite3
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap.cli import main
from argmap.errors import AnnotationFileError, AnnotationImportError, MapEditError, UnknownSourceError
from argmap.formats.annotations import Annotation, read_annotations
from argmap.formats.editing import add_evidence, check_addition, comment_text, evidence_entry
from argmap.formats.importer import import_annotations, import_into_map_file
from argmap.formats.mapfile import dumps, loads

from .conftest import DATA, EXAMPLE
from .strategies import free_text, maps

FILES = DATA / "annotations"
WIKI = "https://en.wikipedia.org/wiki/Regression_testing"
PDF = "westad-brothers-in-arms-pp249-252.pdf"


def write_json(folder: Path, data: Any, name: str = "annotations.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def hypothesis_row(ident: str, exact: str, *, tags: Sequence[str] = (), uri: str = "https://ex.org/gage",
                   text: str = "", prefix: str | None = None, suffix: str | None = None,
                   page: tuple[int, str] | None = None) -> dict[str, Any]:  # fmt: skip
    """One annotation as Hypothesis's API returns it."""
    quote: dict[str, Any] = {"type": "TextQuoteSelector", "exact": exact}
    if prefix is not None:
        quote["prefix"] = prefix
    if suffix is not None:
        quote["suffix"] = suffix
    selectors = [quote] + ([{"type": "PageSelector", "index": page[0], "label": page[1]}] if page else [])
    return {"id": ident, "uri": uri, "text": text, "tags": list(tags),
            "target": [{"source": uri, "selector": selectors}], "document": {"title": ["Gage's report"]}}  # fmt: skip


GAGE = (
    "General Gage reported that the Rebels fired first upon the troops at Lexington. "
    "Later the Rebels fired first again, he wrote, near Concord bridge."
)


def gage_map() -> argmap.ArgumentMap:
    m = argmap.ArgumentMap(title="Lexington")
    m.add_source(argmap.Source(key="gage", text=GAGE, url="https://ex.org/gage", title="Gage's report"))
    m.add_thesis("regulars-first", "The regulars fired the first shot.")
    m.add_thesis("rebels-first", "The rebels fired the first shot.")
    return m


# -- a zotero.sqlite with Zotero's tables ----------------------------------------------------------


def zotero_db(path: Path, annotations: Sequence[dict[str, Any]], *, attachment: str = f"storage:{PDF}",
              title: str = "Chinese Politics and the Collapse of the Sino-Soviet Alliance") -> Path:  # fmt: skip
    """A Zotero database (Zotero's tables of schema 129) holding one book section, its PDF and
    ``annotations`` (dicts of itemAnnotations columns, plus ``key``, ``tags``, ``deleted``)."""
    db = sqlite3.connect(path)
    db.executescript((FILES / "zotero-tables.sql").read_text(encoding="utf-8"))
    db.execute("INSERT INTO libraries (libraryID, type, editable, filesEditable) VALUES (1, 'user', 1, 1)")
    db.executemany("INSERT INTO itemTypes (itemTypeID, typeName) VALUES (?, ?)",
                   [(5, "bookSection"), (3, "attachment"), (1, "annotation")])  # fmt: skip
    db.executemany("INSERT INTO fields (fieldID, fieldName) VALUES (?, ?)", [(1, "title"), (13, "url")])
    db.execute("INSERT INTO items (itemID, itemTypeID, libraryID, key) VALUES (1, 5, 1, 'CY98WBIA')")
    db.execute("INSERT INTO itemDataValues (valueID, value) VALUES (1, ?)", (title,))
    db.execute("INSERT INTO itemData (itemID, fieldID, valueID) VALUES (1, 1, 1)")
    db.execute("INSERT INTO items (itemID, itemTypeID, libraryID, key) VALUES (2, 3, 1, 'PDF7R3KQ')")
    db.execute("INSERT INTO itemAttachments (itemID, parentItemID, linkMode, contentType, path) "
               "VALUES (2, 1, 0, 'application/pdf', ?)", (attachment,))  # fmt: skip
    tag_ids: dict[str, int] = {}
    for n, a in enumerate(annotations, 10):
        db.execute("INSERT INTO items (itemID, itemTypeID, libraryID, key) VALUES (?, 1, 1, ?)", (n, a["key"]))
        db.execute(
            "INSERT INTO itemAnnotations (itemID, parentItemID, type, text, comment, color, pageLabel, sortIndex, "
            "position, isExternal) VALUES (?, 2, ?, ?, ?, ?, ?, ?, ?, 0)",
            (n, a.get("type", 1), a.get("text"), a.get("comment"), a.get("color", "#ffd400"), a.get("pageLabel"),
             f"{a.get('pageIndex', 0):05d}|{n:06d}|00000",
             json.dumps({"pageIndex": a.get("pageIndex", 0), "rects": [[72.0, 540.2, 523.9, 552.6]]})),
        )  # fmt: skip
        for tag in a.get("tags", ()):
            tag_id = tag_ids.setdefault(tag, len(tag_ids) + 1)
            db.execute("INSERT OR IGNORE INTO tags (tagID, name) VALUES (?, ?)", (tag_id, tag))
            db.execute("INSERT INTO itemTags (itemID, tagID, type) VALUES (?, ?, 0)", (n, tag_id))
        if a.get("deleted"):
            db.execute("INSERT INTO deletedItems (itemID) VALUES (?)", (n,))
    db.commit()
    db.close()
    return path


KOREAN_HIGHLIGHTS = [
    {"key": "HZ3MCQ7A", "text": "he never made the commitment to use Soviet military forces in Korea",
     "pageLabel": "251", "pageIndex": 2, "color": "#5fb236", "tags": ["thesis:stalin-feared-clash"]},
    {"key": "JK4NDR8B", "text": "they worried that that might complicate the situation in East Asia and jeopardize the "
     "CCP's effort to liberate Taiwan", "pageLabel": "251", "pageIndex": 2, "color": "#5fb236",
     "tags": ["thesis:mao-reluctant"], "comment": "The doubled <i>that</i> is the book's."},
    {"key": "LM5PES9C", "text": "All of this must have enhanced Beijing's belief that China's entry into the Korean "
     "War would warrant substantial Soviet military support.", "pageLabel": "252", "pageIndex": 3, "color": "#ffd400",
     "tags": ["supports", "thesis:china-counted-on-soviet-support"]},
    {"key": "NP6QFT0D", "text": "He became more determined than ever to avoid a direct military confrontation with the "
     "United States.", "pageLabel": "252", "pageIndex": 3, "color": "#ff6666",
     "tags": ["thesis:stalin-wanted-us-intervention"], "comment": "After Inchon: no wish for a clash."},
    {"key": "QR7SGU1E", "type": 4, "pageLabel": "250", "pageIndex": 1, "color": "#aaaaaa"},  # ink
    {"key": "ST8THV2F", "type": 1, "text": "the Soviet Union", "pageLabel": "249", "pageIndex": 0, "deleted": True},
]  # fmt: skip


def korean_copy(folder: Path) -> Path:
    """A copy of the flagship map with its sources, to import into."""
    shutil.copytree(EXAMPLE, folder / "korean_war", ignore=shutil.ignore_patterns("out", "__pycache__"))
    return folder / "korean_war" / "map.toml"


def inserted_only(old: str, new: str) -> list[str]:
    """The lines ``new`` adds to ``old``; fails when any line of ``old`` changed or went."""
    a, b = old.splitlines(), new.splitlines()
    added = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        assert tag in ("equal", "insert"), f"{tag}: {a[i1:i2]!r} -> {b[j1:j2]!r}"
        if tag == "insert":
            added += b[j1:j2]
    return added


# -- reading ------------------------------------------------------------------------------------


class TestReadHypothesis:
    def test_api_search_results_from_the_client(self) -> None:
        """The Hypothesis client's fixture of API search results reads as five quotes with their context."""
        found = read_annotations(FILES / "hypothesis-wikipedia-regression-testing.json", "hypothesis")
        assert [a.id for a in found] == ["LOCXbsOCEeaQl6f6fQh87Q", "Ic6rNsOCEeaQl--ofD7IUg", "0v-8NMOBEeaQl88x78UnFQ",
                                         "wy1stsOBEeaQlychltExbg", "rvTr_MOBEeaQl9tXcHfSkw"]  # fmt: skip
        first = found[0]
        assert (first.quote, first.note) == ("11 November 2016", "Footer")
        assert first.prefix == " This page was last modified on "
        assert first.urls == (WIKI,) and first.titles == ("Regression testing - Wikipedia",) and first.skip is None
        assert first.name == "Hypothesis annotation LOCXbsOCEeaQl6f6fQh87Q"

    def test_minimal_fixture(self) -> None:
        """The client's smallest fixture (no uri, no text) reads as its one quote."""
        (only,) = read_annotations(FILES / "hypothesis-minimal.json", "hypothesis")
        assert (only.id, only.quote, only.prefix, only.suffix, only.note) == ("test", "Two", "One ", " Three\n", None)

    def test_shapes_export_list_and_one(self, tmp_path: Path) -> None:
        """The client's export, a bare list and a single annotation read alike."""
        row = hypothesis_row("a1", "the Rebels fired first", page=(2, "xii"))
        for data in ({"annotations": [row]}, [row], row):
            (a,) = read_annotations(write_json(tmp_path, data), "hypothesis")
            assert (a.id, a.quote, a.page_label, a.page_index) == ("a1", "the Rebels fired first", "xii", 2)

    def test_replies_and_page_notes_are_kept_with_why(self, tmp_path: Path) -> None:
        """A reply and a page note quote nothing: they are read, each saying why it is no quote."""
        reply = {**hypothesis_row("r1", "x"), "references": ["a1"]}
        note = {"id": "n1", "uri": "https://ex.org/gage", "text": "a note", "target": [{"source": "https://ex.org/gage"}]}
        reply_read, note_read = read_annotations(write_json(tmp_path, {"rows": [reply, note]}), "hypothesis")
        assert (reply_read.kind, reply_read.quote) == ("reply", None) and "reply" in (reply_read.skip or "")
        assert (note_read.kind, note_read.note) == ("page note", "a note") and "page note" in (note_read.skip or "")

    @pytest.mark.parametrize(
        ("data", "fragment"),
        [(b"{not json", "not valid JSON: Expecting property name enclosed in double quotes (line 1, column 2)"),
         (b'{"rows": 3}', "not the JSON of Hypothesis annotations"), (b"\xff\xfe", "not UTF-8 at line 1")],
    )  # fmt: skip
    def test_unreadable_files(self, tmp_path: Path, data: bytes, fragment: str) -> None:
        """A file that is not Hypothesis's JSON is an AnnotationFileError saying what it is."""
        (tmp_path / "a.json").write_bytes(data)
        with pytest.raises(AnnotationFileError, match="Nothing was imported") as info:
            read_annotations(tmp_path / "a.json", "hypothesis")
        assert fragment in str(info.value) and str(tmp_path / "a.json") in str(info.value)


class TestReadWebAnnotation:
    def test_the_w3c_collection(self) -> None:
        """All 41 examples of the W3C model, as an AnnotationCollection: the two with a TextQuoteSelector
        (one of them refining a FragmentSelector) are quotes; each other one says why it is not."""
        found = read_annotations(FILES / "w3c-collection1.json", "webanno")
        assert len(found) == 41 and [a.id for a in found][:2] == ["http://example.org/anno1", "http://example.org/anno2"]
        quotes = {a.id: (a.quote, a.prefix, a.suffix, a.urls) for a in found if a.skip is None}
        assert quotes == {
            "http://example.org/anno26": ("anotation", "this is an ", " that has some", ("http://example.org/page1",)),
            "http://example.org/anno32": ("Selected Text", "text before the ", " and text after it",
                                          ("http://example.org/page1",)),
        }  # fmt: skip
        assert all("TextQuoteSelector" in (a.skip or "") for a in found if a.quote is None)
        tagged = {a.id: (a.tags, a.note) for a in found}
        assert tagged["http://example.org/anno18"] == (("readme",), "A good description of the topic that bears "
                                                       "further investigation")  # fmt: skip
        assert tagged["http://example.org/anno6"] == ((), "Comment text")  # bodyValue
        assert tagged["http://example.org/anno5"] == ((), "j'adore !")  # a text/html body, as plain text
        assert tagged["http://example.org/anno41"][1] == ("I really love this particular bit of text in this XML. "
                                                          "No really.")  # fmt: skip

    def test_one_annotation_a_list_and_a_page(self, tmp_path: Path) -> None:
        """One annotation, a list of them and an AnnotationPage read alike; ``page=N`` is a physical page."""
        one = json.loads((FILES / "w3c-anno26.json").read_text(encoding="utf-8"))
        paged = {"id": "urn:a2", "type": ["Annotation"], "body": {"type": "TextualBody", "value": "pdf"},
                 "target": {"source": {"id": "https://ex.org/book.pdf"}, "selector": [
                     {"type": "FragmentSelector", "value": "page=10", "conformsTo": "http://tools.ietf.org/rfc/rfc3778"},
                     {"type": "TextQuoteSelector", "exact": "fired first"}]}}  # fmt: skip
        for data in ([one, paged], {"type": "AnnotationPage", "items": [one, paged]}):
            a, b = read_annotations(write_json(tmp_path, data), "webanno")
            assert (a.id, a.quote, b.quote, b.page_index, b.note, b.urls) == (
                "http://example.org/anno26", "anotation", "fired first", 9, "pdf", ("https://ex.org/book.pdf",))
        (single,) = read_annotations(FILES / "w3c-anno26.json", "webanno")
        assert single.tool == "Web Annotation" and single.quote == "anotation"

    def test_not_web_annotations(self, tmp_path: Path) -> None:
        """JSON of another shape is refused, naming the shapes expected."""
        with pytest.raises(AnnotationFileError, match="AnnotationCollection"):
            read_annotations(write_json(tmp_path, {"rows": []}), "webanno")


class TestReadZotero:
    def test_api_items(self) -> None:
        """Zotero API items: highlights with their page label, physical page, colour, tags and comment; the
        attachment and the parent item name the document; a note and an image say why they are no quotes."""
        found = read_annotations(FILES / "zotero-api-korean-war.json", "zotero")
        assert [a.id for a in found] == ["A1ST4L1N", "B2ACHSN0", "C3NOTE00", "D4IMAGE0"]
        first = found[0]
        assert (first.quote, first.page_label, first.page_index, first.color, first.tags, first.note) == (
            "Stalin's attitude regarding Soviet military assistance changed.", "252", 3, "#5fb236",
            ("thesis:stalin-withheld-support",), "After Inchon.")  # fmt: skip
        assert first.files == (PDF,)
        assert first.titles == ("Full Text PDF", "Chinese Politics and the Collapse of the Sino-Soviet Alliance")
        assert [a.skip for a in found[2:]] == ["a Zotero note annotation: it quotes no text",
                                               "a Zotero image annotation: it quotes no text"]  # fmt: skip

    def test_sqlite_with_zoteros_schema(self, tmp_path: Path) -> None:
        """A zotero.sqlite (Zotero's own tables) reads like the API: ink and trashed items say why they are
        skipped; rich text in comments is plain; the file is not changed by reading."""
        db = zotero_db(tmp_path / "my #1 zotero?.sqlite", KOREAN_HIGHLIGHTS)  # characters a file URI escapes
        before = db.read_bytes()
        found = read_annotations(db, "zotero")
        assert [a.id for a in found] == ["ST8THV2F", "QR7SGU1E", "HZ3MCQ7A", "JK4NDR8B", "LM5PES9C", "NP6QFT0D"]
        by_id = {a.id: a for a in found}
        assert by_id["JK4NDR8B"].note == "The doubled that is the book's."
        assert by_id["JK4NDR8B"].files == (PDF,) and by_id["JK4NDR8B"].page_index == 2
        assert by_id["LM5PES9C"].tags == ("supports", "thesis:china-counted-on-soviet-support")
        assert by_id["QR7SGU1E"].skip == "a Zotero ink annotation: it quotes no text"
        assert by_id["ST8THV2F"].skip == "in Zotero's trash"
        assert db.read_bytes() == before and [p.name for p in tmp_path.iterdir()] == [db.name]

    def test_sqlite_read_while_zotero_holds_it(self, tmp_path: Path) -> None:
        """Opened immutable, the database is read while another program holds an exclusive lock on it."""
        db = zotero_db(tmp_path / "zotero.sqlite", KOREAN_HIGHLIGHTS[:1])
        running = sqlite3.connect(db)
        try:
            running.execute("BEGIN EXCLUSIVE")
            assert [a.id for a in read_annotations(db, "zotero")] == ["HZ3MCQ7A"]
        finally:
            running.rollback()
            running.close()

    def test_not_a_zotero_database(self, tmp_path: Path) -> None:
        """An SQLite file without Zotero's tables, or given as another format, is refused with what to do."""
        other = tmp_path / "other.sqlite"
        sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
        with pytest.raises(AnnotationFileError, match="no table items, itemAnnotations, itemAttachments"):
            read_annotations(other, "zotero")
        with pytest.raises(AnnotationFileError, match="imported with the format zotero"):
            read_annotations(other, "hypothesis")
        with pytest.raises(AnnotationFileError, match="no Zotero annotation items"):
            read_annotations(write_json(tmp_path, [{"key": "X", "itemType": "book"}]), "zotero")


# -- importing ----------------------------------------------------------------------------------


class TestImport:
    def test_tags_give_thesis_and_stance(self, tmp_path: Path) -> None:
        """``thesis:ID`` and ``contests`` tags make the evidence; the comment is its note; the source is
        the one whose URL the annotation is on."""
        m = gage_map()
        row = hypothesis_row("a1", "the Rebels fired first upon the troops", tags=["thesis:regulars-first",
                             "Contests"], text="Gage's own account.")  # fmt: skip
        result = import_annotations(m, write_json(tmp_path, {"rows": [row]}), format="hypothesis")
        (ev,) = m.evidence
        assert (ev.id, ev.thesis, ev.source, ev.stance, ev.note) == ("gage-1", "regulars-first", "gage", "contests",
                                                                     "Gage's own account.")  # fmt: skip
        assert ev.passage.text == "the Rebels fired first upon the troops"
        assert result.applied and result.ok and [i.evidence for i in result.added] == [ev]

    def test_colours_then_defaults(self, tmp_path: Path) -> None:
        """Without stance tags, a mapped colour gives the stance, else the default; tags win over both."""
        annotations = [
            {"key": "AAAA1111", "text": "he never made the commitment to use Soviet military forces in Korea",
             "pageLabel": "251", "pageIndex": 2, "color": "#FF6666"},
            {"key": "BBBB2222", "text": "He thus asked the Chinese to dispatch their troops to Korea.",
             "pageLabel": "252", "pageIndex": 3, "color": "#2ea8e5"},
            {"key": "CCCC3333", "text": "Stalin's attitude regarding Soviet military assistance changed.",
             "pageLabel": "252", "pageIndex": 3, "color": "#ff6666", "tags": ["supports"]},
        ]  # fmt: skip
        m = argmap.load(korean_copy(tmp_path))
        before = len(m.evidence)
        db = zotero_db(tmp_path / "z.sqlite", annotations)
        result = import_annotations(m, db, format="zotero", thesis="stalin-feared-clash", stance="supports",
                                    colors={"red": "contests"})  # fmt: skip
        assert [(i.annotation.id, i.evidence.stance.value, i.evidence.source) for i in result.added] == [
            ("AAAA1111", "contests", "chen-pdf"), ("BBBB2222", "supports", "chen-pdf"),
            ("CCCC3333", "supports", "chen-pdf")]  # fmt: skip
        assert len(m.evidence) == before + 3

    @pytest.mark.parametrize(
        ("tags", "options", "why"),
        [(["thesis:regulars-frist", "supports"], {},
          "unknown thesis 'regulars-frist'; did you mean 'regulars-first' or 'rebels-first'? Fix: fix the tag "
          "thesis:regulars-frist"),
         (["supports"], {}, "no thesis: tag it thesis:ID, or give the thesis (--thesis ID)"),
         (["thesis:regulars-first"], {}, "no stance: tag it contests or supports"),
         (["thesis:regulars-first", "thesis:rebels-first", "supports"], {}, "tagged with 2 theses"),
         (["thesis:regulars-first", "supports", "contests"], {}, "both as supporting and as contesting"),
         (["pro", "T=regulars-first"], {"thesis_tag": "T=", "stance_tags": {"pro": "supports"}}, None)],
    )  # fmt: skip
    def test_thesis_and_stance_problems(self, tmp_path: Path, tags: list[str], options: dict[str, Any],
                                        why: str | None) -> None:  # fmt: skip
        """Each way a thesis or stance is missing or contradictory is a failure saying what to do;
        the tags themselves can be configured."""
        path = write_json(tmp_path, [hypothesis_row("a1", "the Rebels fired first upon", tags=tags)])
        m = gage_map()
        if why is None:
            assert import_annotations(m, path, format="hypothesis", **options).added[0].evidence.stance == "supports"
            return
        with pytest.raises(AnnotationImportError) as info:
            import_annotations(m, path, format="hypothesis", **options)
        (failure,) = info.value.result.failed  # type: ignore[attr-defined]
        assert failure.annotation.id == "a1" and why in failure.reason and why in str(info.value)
        assert m.evidence == ()

    def test_nothing_added_unless_partial(self, tmp_path: Path) -> None:
        """One misquote among good quotes: the error lists it with its id and why and the map is unchanged;
        with partial, the proven ones are added and the misquote is listed."""
        rows = [hypothesis_row("good", "the Rebels fired first upon the troops", tags=["thesis:rebels-first",
                               "supports"]),
                hypothesis_row("misquote", "the Rebels fired last upon the troops", tags=["thesis:rebels-first",
                               "supports"])]  # fmt: skip
        path = write_json(tmp_path, rows)
        m = gage_map()
        with pytest.raises(AnnotationImportError) as info:
            import_annotations(m, path, format="hypothesis")
        message = str(info.value)
        assert "Hypothesis annotation misquote: quote is not in source 'gage'" in message
        assert "you wrote 'last', the source says 'first'" in message and "--partial" in message
        assert m.evidence == () and not info.value.result.applied  # type: ignore[attr-defined]
        result = import_annotations(m, path, format="hypothesis", partial=True)
        assert [i.annotation.id for i in result.added] == ["good"] and [f.annotation.id for f in result.failed] == [
            "misquote"]
        assert [ev.id for ev in m.evidence] == ["gage-1"] and result.applied

    def test_dry_run_adds_nothing(self, tmp_path: Path) -> None:
        """A dry run proves and reports, and adds nothing."""
        path = write_json(tmp_path, [hypothesis_row("a1", "near Concord bridge", tags=["thesis:rebels-first"])])
        m = gage_map()
        result = import_annotations(m, path, format="hypothesis", stance="supports", dry_run=True)
        assert len(result.added) == 1 and not result.applied and m.evidence == ()
        assert "would add 1 piece(s) of evidence" in result.format()

    def test_prefix_suffix_then_page_pick_the_occurrence(self, tmp_path: Path) -> None:
        """A quote found twice is picked by its selector's prefix (its cut first word dropped) and the
        evidence keeps it; with words around it that do not help, the page picks, kept as occurrence."""
        m = gage_map()
        rows = [hypothesis_row("p", "the Rebels fired first", tags=["thesis:rebels-first", "supports"],
                               prefix="ral Gage reported that ", suffix=" upon the tr")]  # fmt: skip
        (item,) = import_annotations(m, write_json(tmp_path, rows), format="hypothesis").added
        assert (item.evidence.prefix, item.evidence.suffix, item.evidence.passage.start) == (
            "Gage reported that", None, GAGE.index("the Rebels"))  # the prefix alone picks it: no more is kept
        rows[0]["target"][0]["selector"][0]["prefix"] = "nothing like the source "
        (item,) = import_annotations(gage_map(), write_json(tmp_path, rows), format="hypothesis").added
        assert (item.evidence.prefix, item.evidence.suffix) == (None, "upon the")
        paged = argmap.ArgumentMap()
        text = "[p. 7]\nthe Rebels fired first, said one.\n[p. 8]\nthe Rebels fired first, said another."
        paged.add_source(argmap.Source(key="s", text=text, page_pattern=r"^\[p\. (\d+)\]$"))
        paged.add_thesis("t", "They fired.")
        rows = [hypothesis_row("q", "the Rebels fired first", prefix="xyz ", page=(1, "8"))]
        result = import_annotations(paged, write_json(tmp_path, rows), format="hypothesis", source="s", thesis="t",
                                    stance="supports")  # fmt: skip
        (ev,) = paged.evidence
        assert (ev.occurrence, ev.prefix, ev.passage.pages) == (2, None, ("8",)) and result.ok

    def test_page_must_agree(self, tmp_path: Path) -> None:
        """A page label that is not where the quote is fails; a label read differently on the same physical
        page of the PDF is a warning; a source without pages gets a warning that the page was not checked."""
        m = argmap.load(korean_copy(tmp_path))
        quote = "he never made the commitment to use Soviet military forces in Korea"
        db = zotero_db(tmp_path / "a.sqlite", [
            {"key": "WRONG001", "text": quote, "pageLabel": "250", "pageIndex": 1,
             "tags": ["thesis:stalin-feared-clash", "supports"]},
            {"key": "LABEL002", "text": quote, "pageLabel": "3", "pageIndex": 2,
             "tags": ["thesis:kims-war", "supports"]},
        ])  # fmt: skip
        with pytest.raises(AnnotationImportError) as info:
            import_annotations(m, db, format="zotero")
        (failure,) = info.value.result.failed  # type: ignore[attr-defined]
        assert failure.annotation.id == "WRONG001"
        assert "Zotero puts it on p. 250, but argmap finds the quote in source 'chen-pdf' on p. 251" in failure.reason
        (item,) = info.value.result.added  # type: ignore[attr-defined]
        assert item.warning is not None and "the same page 3 of the file" in item.warning
        unpaged = gage_map()
        rows = [hypothesis_row("u", "near Concord bridge", tags=["thesis:rebels-first", "supports"], page=(0, "5"))]
        (added,) = import_annotations(unpaged, write_json(tmp_path, rows), format="hypothesis").added
        assert added.warning == "the annotation gives p. 5; source 'gage' has no pages, so the page was not checked"

    def test_sources_by_url_file_name_and_title(self, tmp_path: Path) -> None:
        """The document names the source: by URL (any scheme, www., trailing slash), file name or title;
        several equal matches fail; none is skipped, saying how to name it; --source names it outright."""
        m = argmap.ArgumentMap()
        m.add_source(argmap.Source(key="web", text="alpha beta gamma", url="http://www.Ex.org/page/"))
        m.add_source(argmap.Source(key="pdf", text="alpha beta gamma", path="/x/Book.pdf", title="A Title"))
        m.add_source(argmap.Source(key="twin", text="alpha beta gamma", title="A title!"))
        m.add_thesis("t", "A thesis.")
        rows = [hypothesis_row("url", "alpha", uri="https://ex.org/page#top"),
                hypothesis_row("file", "beta", uri="file:///home/me/book.PDF"),
                {**hypothesis_row("title", "gamma", uri="urn:x-pdf:abc"), "document": {"title": ["A  Title"]}},
                hypothesis_row("none", "gamma", uri="https://elsewhere.org/")]  # fmt: skip
        result = import_annotations(m, write_json(tmp_path, rows), format="hypothesis", thesis="t", stance="supports",
                                    partial=True)  # fmt: skip
        assert [(i.annotation.id, i.evidence.source) for i in result.added] == [("url", "web"), ("file", "pdf")]
        assert [f.annotation.id for f in result.failed] == ["title"]
        assert "the title of several sources: pdf, twin" in result.failed[0].reason
        assert [s.annotation.id for s in result.skipped] == ["none"]
        assert "is no source of the map" in result.skipped[0].reason and "--source" in result.skipped[0].reason
        with pytest.raises(UnknownSourceError, match="did you mean 'twin'"):
            import_annotations(m, write_json(tmp_path, rows), format="hypothesis", source="twinn")

    def test_a_document_read_in_another_is_the_hosts(self, tmp_path: Path) -> None:
        """Sources read from the same file (a letter printed in a blog post) match the host."""
        m = argmap.load(korean_copy(tmp_path))
        row = hypothesis_row("h", "Stalin not only predicted but actually wanted U.S. intervention",
                             uri="file:///tmp/hanngill-2016-origin-of-the-korean-war.txt",
                             tags=["thesis:stalin-wanted-us-intervention", "supports"])  # fmt: skip
        result = import_annotations(m, write_json(tmp_path, [row]), format="hypothesis")
        assert [s.annotation.id for s in result.skipped] == ["h"] and "hanngill-1" in result.skipped[0].reason

    def test_importing_twice_adds_nothing_more(self, tmp_path: Path) -> None:
        """Evidence already in the map (same source, thesis and passage) is skipped, naming it."""
        path = write_json(tmp_path, [hypothesis_row("a1", "near Concord bridge", tags=["thesis:rebels-first"]),
                                     hypothesis_row("a2", "near Concord  bridge", tags=["thesis:rebels-first"])])
        m = gage_map()
        first = import_annotations(m, path, format="hypothesis", stance="supports")
        assert len(first.added) == 1 and "already in the map: evidence 'gage-1'" in first.skipped[0].reason
        second = import_annotations(m, path, format="hypothesis", stance="supports")
        assert second.added == () and len(second.skipped) == 2 and len(m.evidence) == 1

    def test_the_hypothesis_client_fixture_on_its_page(self) -> None:
        """The client's five annotations on the saved Wikipedia page: four are proven in the page's text;
        the heading, which the page repeats, is listed as ambiguous (its suffix is navigation the reader
        leaves out)."""
        m = argmap.ArgumentMap()
        m.add_source(argmap.Source.from_file(FILES / "wikipedia-regression-testing.html", key="wiki", url=WIKI))
        m.add_thesis("t", "Regression tests find old faults again.")
        result = import_annotations(m, FILES / "hypothesis-wikipedia-regression-testing.json", format="hypothesis",
                                    thesis="t", stance="supports", partial=True)  # fmt: skip
        assert [i.annotation.note for i in result.added] == ["Footer", "Body", "Quote", "Introduction"]
        assert [ev.passage.text[:24] for ev in m.evidence] == ["11 November 2016", "Therefore, in most softw",
                                                               "Also as a consequence of", "The purpose of regressio"]
        (failure,) = result.failed
        assert failure.annotation.note == "Heading" and "quote occurs 9 times in source 'wiki'" in failure.reason

    def test_the_w3c_collection_into_a_map(self, tmp_path: Path) -> None:
        """The W3C collection's two quotes are proven in a page that has them; the 39 annotations that quote
        nothing are skipped, each with why."""
        m = argmap.ArgumentMap()
        text = "Here this is an anotation that has some text before the Selected Text and text after it."
        m.add_source(argmap.Source(key="page1", text=text, url="http://example.org/page1"))
        m.add_thesis("t", "Typos are quoted as printed.")
        result = import_annotations(m, FILES / "w3c-collection1.json", format="webanno", thesis="t", stance="supports")
        assert [ev.passage.text for ev in m.evidence] == ["anotation", "Selected Text"]
        assert len(result.skipped) == 39 and result.ok


# -- editing the map file -----------------------------------------------------------------------


class TestMapFile:
    def test_korean_war_map_keeps_everything(self, tmp_path: Path) -> None:
        """Highlights from a zotero.sqlite go into a copy of the flagship map: every old line stays; each
        entry follows its thesis's other evidence with a comment naming its annotation; the file loads back
        as the old map plus the new evidence."""
        path = korean_copy(tmp_path)
        old = path.read_text(encoding="utf-8")
        db = zotero_db(tmp_path / "zotero.sqlite", KOREAN_HIGHLIGHTS)
        result = import_into_map_file(path, db, format="zotero", colors={"green": "supports", "red": "contests"})
        new = path.read_text(encoding="utf-8")
        added = inserted_only(old, new)
        assert [line for line in added if line.startswith("[[")] == [  # in the file's order of theses
            "[[evidence]]  # imported from Zotero annotation NP6QFT0D, p. 252",
            "[[evidence]]  # imported from Zotero annotation JK4NDR8B, p. 251",
            "[[evidence]]  # imported from Zotero annotation LM5PES9C, p. 252",
            "[[evidence]]  # imported from Zotero annotation HZ3MCQ7A, p. 251",
        ]  # fmt: skip
        assert [s.annotation.id for s in result.skipped] == ["ST8THV2F", "QR7SGU1E"]
        entries = tomllib.loads(new)["evidence"]
        for item in result.added:  # each right after the last old evidence of its thesis
            at = [e["id"] for e in entries].index(item.evidence.id)
            old_of_thesis = [e["id"] for e in tomllib.loads(old)["evidence"] if e["thesis"] == item.evidence.thesis]
            assert entries[at - 1]["id"] == old_of_thesis[-1]
        old_map = argmap.load(EXAMPLE / "map.toml")
        new_map = argmap.load(path)
        assert {ev.id: ev for ev in new_map.evidence if ev.id in {e.id for e in old_map.evidence}} == {
            ev.id: ev for ev in old_map.evidence}
        assert sorted(ev.id for ev in new_map.evidence if ev.source == "chen-pdf") == [
            "chen-pdf-1", "chen-pdf-2", "chen-pdf-3", "chen-pdf-4", "chen-pdf-5", "chen-pdf-6", "chen-pdf-7"]
        assert new_map.position("chen-pdf", "stalin-wanted-us-intervention") == argmap.Position.DENIES

    def test_section_comments_stay_with_their_section(self) -> None:
        """A new entry after the last evidence of a group goes before the comment that opens the next group."""
        text = ('[[source]]\nkey = "s"\ntext = "alpha beta gamma delta"\n\n[[thesis]]\nid = "a"\nstatement = "A."\n\n'
                '[[thesis]]\nid = "b"\nstatement = "B."\n\n# -- on A\n[[evidence]]\nid = "s-1"\nthesis = "a"\n'
                'source = "s"\nstance = "supports"\nquote = "alpha"\n\n# -- on B\n[[evidence]]\nid = "s-2"\n'
                'thesis = "b"\nsource = "s"\nstance = "supports"\nquote = "beta"\n')  # fmt: skip
        m = loads(text)
        ev = m.cite("a", "s", "gamma", "contests")
        new = add_evidence(text, [(ev, "imported from X")])
        assert inserted_only(text, new) == ['[[evidence]]  # imported from X', 'id = "s-3"', 'thesis = "a"',
                                            'source = "s"', 'stance = "contests"', 'quote = "gamma"', ""]
        assert new.index('quote = "gamma"') < new.index("# -- on B")
        check_addition(text, new, [evidence_entry(ev)], name="m.toml")

    def test_automatic_ids_put_new_entries_last(self) -> None:
        """Where old entries have no id (their ids count from the file's order), new ones go last, so no old
        entry's id changes."""
        text = ('[[source]]\nkey = "s"\ntext = "alpha beta gamma delta"\n\n[[thesis]]\nid = "a"\nstatement = "A."\n\n'
                '[[evidence]]\nthesis = "a"\nsource = "s"\nstance = "supports"\nquote = "alpha"\n\n'
                '[[evidence]]\nthesis = "a"\nsource = "s"\nstance = "supports"\nquote = "beta"\n\n'
                '[[relation]]\nfrom = "a"\nto = "a"\nstance = "supports"\n')  # fmt: skip
        data = tomllib.loads(text)
        data.pop("relation")
        m = loads(text.split("[[relation]]")[0])
        ev = m.cite("a", "s", "gamma", "supports")
        new = add_evidence(text, [(ev, "c")])
        assert new.index('quote = "gamma"') > new.index('quote = "beta"')
        assert [e.get("id") for e in tomllib.loads(new)["evidence"]] == [None, None, "s-3"]

    def test_a_map_without_evidence(self) -> None:
        """A map file with no evidence yet gets its first [[evidence]] entry."""
        text = '# my map\n[[source]]\nkey = "s"\ntext = "alpha beta"\n\n[[thesis]]\nid = "a"\nstatement = "A."\n'
        m = loads(text)
        ev = m.cite("a", "s", "beta", "supports")
        new = add_evidence(text, [(ev, "first")])
        assert inserted_only(text, new)[:2] == ["", "[[evidence]]  # first"]
        assert [e.id for e in loads(new).evidence] == ["s-1"]

    def test_evidence_written_inline_is_refused(self) -> None:
        """Evidence written as an inline list cannot be added to in place: a MapEditError says what to do."""
        text = 'evidence = []\n[[source]]\nkey = "s"\ntext = "alpha"\n[[thesis]]\nid = "a"\nstatement = "A."\n'
        ev = gage_map().cite("regulars-first", "gage", "the Rebels fired first upon", "contests")
        with pytest.raises(MapEditError, match=r"\[\[evidence\]\] tables"):
            add_evidence(text, [(ev, "x")])

    def test_hostile_text_stays_data(self, tmp_path: Path) -> None:
        """Annotation ids, comments and quotes with line breaks, quotes of every kind, backslashes and control
        characters land as TOML data: the file loads back with exactly those values, and a comment stays one line."""
        text = 'He said: """no""" \\n and \'\'\'yes\'\'\' \\ then\n[[evidence]]\nquote = "x" # left.'
        m = argmap.ArgumentMap()
        m.add_source(argmap.Source(key="s", text=text, url="https://ex.org/s"))
        m.add_thesis("t", "T.")
        path = tmp_path / "map.toml"
        path.write_text(dumps(m), encoding="utf-8")
        rows = [hypothesis_row('x\n[[evidence]]\nid = "evil"\r\x00', "\"\"\"no\"\"\" \\n and '''yes''' \\ then\n"
                               "[[evidence]]\nquote", uri="https://ex.org/s", text="note '''\n\"\"\"\\u0000 \x07",
                               tags=["thesis:t", "supports"])]  # fmt: skip
        result = import_into_map_file(path, write_json(tmp_path, rows), format="hypothesis")
        again = argmap.load(path)
        (ev,) = again.evidence
        assert (ev.quote, ev.note) == (rows[0]["target"][0]["selector"][0]["exact"], "note '''\n\"\"\"\\u0000 \x07")
        assert result.added[0].evidence == ev
        comments = [line for line in path.read_text(encoding="utf-8").splitlines() if "imported from" in line]
        assert comments == ['[[evidence]]  # imported from Hypothesis annotation x [[evidence]] id = "evil"']

    def test_windows_line_ends_and_bom_are_kept(self, tmp_path: Path) -> None:
        """A map file saved on Windows (CRLF, a byte-order mark) keeps both; the new lines end the same way."""
        path = tmp_path / "map.toml"
        m = gage_map()
        m.cite("rebels-first", "gage", "General Gage reported that", "supports", note="one\ntwo")
        path.write_bytes(("\ufeff" + dumps(m).replace("\n", "\r\n")).encode("utf-8"))
        quote = "the Rebels fired first upon the troops at Lexington. Later the Rebels fired first again, he wrote,"
        rows = [hypothesis_row("a1", quote, text="a\nlong\nnote", tags=["thesis:rebels-first", "supports"])]
        import_into_map_file(path, write_json(tmp_path, rows), format="hypothesis")
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\n") == raw.count(b"\r\n") > 20
        assert [ev.note for ev in argmap.load(path).evidence] == ["one\ntwo", "a\nlong\nnote"]

    def test_a_json_form_is_written_anew(self, tmp_path: Path) -> None:
        """A map kept as its JSON form gets the new evidence too (the form is written anew: it has no comments)."""
        path = tmp_path / "map.json"
        argmap.save(gage_map(), path, embed_texts=True)
        rows = [hypothesis_row("a1", "near Concord bridge", tags=["thesis:rebels-first", "supports"])]
        result = import_into_map_file(path, write_json(tmp_path, rows), format="hypothesis")
        assert [ev.quote for ev in argmap.load(path).evidence] == ["near Concord bridge"] and result.applied

    @given(st.text())
    def test_any_comment_stays_a_comment(self, text: str) -> None:
        """Whatever an annotation's id holds, its comment is one line of TOML comment."""
        line = comment_text(text)
        assert "\n" not in line and tomllib.loads(f"a = 1  # {line}\nb = 2\n") == {"a": 1, "b": 2}

    def test_failed_import_writes_nothing(self, tmp_path: Path) -> None:
        """When an annotation fails, the map file is left byte for byte as it was."""
        path = tmp_path / "map.toml"
        path.write_text(dumps(gage_map()), encoding="utf-8")
        before = path.read_bytes()
        rows = [hypothesis_row("ok", "near Concord bridge", tags=["thesis:rebels-first", "supports"]),
                hypothesis_row("bad", "near Lexington bridge", tags=["thesis:rebels-first", "supports"])]
        with pytest.raises(AnnotationImportError):
            import_into_map_file(path, write_json(tmp_path, rows), format="hypothesis")
        assert path.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["annotations.json",
                                                                                              "map.toml"]

    @given(maps(max_sources=2, max_evidence=10), st.integers(0, 10), st.sampled_from(["thesis", "end"]),
           st.lists(free_text, min_size=10, max_size=10))  # fmt: skip
    def test_edited_map_loads_back_with_old_entries_and_new(
        self, m: argmap.ArgumentMap, split: int, placement: str, comments: list[str]
    ) -> None:
        """Any map file with evidence added in place loads back with the old entries unchanged plus the new
        ones, and no old line of the file changes."""
        old = argmap.ArgumentMap(m.title, description=m.description)
        for source in m.sources:
            old.add_source(source)
        for thesis in m.theses:
            old.add_thesis(thesis.id, thesis.statement, note=thesis.note)
        for ev in m.evidence[:split]:
            old.add_evidence(ev)
        for rel in m.relations:
            old.relate(rel.from_thesis, rel.to_thesis, rel.stance, note=rel.note)
        text = dumps(old)
        new_entries = [(ev, comments[n]) for n, ev in enumerate(m.evidence[split:])]
        new = add_evidence(text, new_entries, placement=placement)
        inserted_only(text, new)
        check_addition(text, new, [evidence_entry(ev) for ev, _ in new_entries], name="map.toml")
        again = loads(new)
        assert {ev.id: ev for ev in again.evidence} == {ev.id: ev for ev in m.evidence}
        assert (again.sources, again.theses, again.relations) == (m.sources, m.theses, m.relations)


# -- the command --------------------------------------------------------------------------------


class TestCommand:
    def test_import_korean_war(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """``argmap import`` adds Hypothesis annotations to the map file (exit 0), reporting each; the quote
        that occurs three times in the blog is picked by its prefix, which the entry keeps."""
        path = korean_copy(tmp_path)
        old = path.read_text(encoding="utf-8")
        code = main(["import", "hypothesis", str(FILES / "hypothesis-korean-war.json"), "--map", str(path),
                     "--source", "hanngill"])  # fmt: skip
        out = capsys.readouterr().out
        assert code == 0, out
        assert "added 3 piece(s) of evidence" in out and "a page note: it quotes nothing" in out
        added = inserted_only(old, path.read_text(encoding="utf-8"))
        assert 'prefix = "from Europe and the Far East."' in added and not any(a.startswith("suffix") for a in added)
        assert argmap.load(path).source("hanngill") is not None

    def test_failures_exit_1_and_write_nothing(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A failing annotation: exit 1, each failure on stderr, the file untouched; --partial writes the rest;
        --dry-run writes nothing."""
        path = tmp_path / "map.toml"
        path.write_text(dumps(gage_map()), encoding="utf-8")
        before = path.read_bytes()
        rows = [hypothesis_row("ok", "near Concord bridge", tags=["thesis:rebels-first", "supports"]),
                hypothesis_row("bad", "near Lexington bridge", tags=["thesis:rebels-first", "supports"])]
        annotations = str(write_json(tmp_path, rows))
        assert main(["import", "hypothesis", annotations, "--map", str(path)]) == 1
        err = capsys.readouterr().err
        assert "! Hypothesis annotation bad: quote is not in source 'gage'" in err and "nothing was written" in err
        assert path.read_bytes() == before
        assert main(["import", "hypothesis", annotations, "--map", str(path), "--dry-run", "--partial"]) == 1
        assert path.read_bytes() == before and "would add 1" in capsys.readouterr().out
        assert main(["import", "hypothesis", annotations, "--map", str(path), "--partial"]) == 1
        assert [ev.quote for ev in argmap.load(path).evidence] == ["near Concord bridge"]

    @pytest.mark.parametrize(
        ("extra", "fragment"),
        [(["--color", "red"], "--color 'red': write it as COLOR=supports or =contests"),
         (["--color", "puce=supports"], "invalid colour: 'puce'"),
         (["--source", "gaeg"], "unknown source 'gaeg'; did you mean 'gage'?"),
         (["--thesis", "nope"], "unknown thesis 'nope'")],
    )  # fmt: skip
    def test_usage_errors_exit_2(self, tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str],
                                 fragment: str) -> None:  # fmt: skip
        """Options that name nothing in the map, or are malformed, are usage errors (exit 2)."""
        path = tmp_path / "map.toml"
        path.write_text(dumps(gage_map()), encoding="utf-8")
        annotations = str(write_json(tmp_path, [hypothesis_row("a", "near Concord bridge")]))
        assert main(["import", "hypothesis", annotations, "--map", str(path), *extra]) == 2
        assert fragment in capsys.readouterr().err

    def test_nothing_matched_exits_1(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Annotations on documents that are no source of the map: nothing added, exit 1, saying how to fix."""
        path = tmp_path / "map.toml"
        path.write_text(dumps(gage_map()), encoding="utf-8")
        row = {**hypothesis_row("a", "x", uri="https://elsewhere.org/"), "document": {"title": ["Elsewhere"]}}
        annotations = str(write_json(tmp_path, [row]))
        assert main(["import", "hypothesis", annotations, "--map", str(path)]) == 1
        assert "no source of the map" in capsys.readouterr().out


def test_annotation_is_frozen() -> None:
    """An Annotation is a frozen value, named in messages by its tool and id."""
    a = Annotation("k", "Zotero", "q", tags=["x"])
    assert a.tags == ("x",) and a.name == "Zotero annotation k" and a.document == "no document named"
    with pytest.raises(AttributeError):
        a.id = "other"  # type: ignore[misc]
