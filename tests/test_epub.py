"""The EPUB reader: text in reading order, printed pages from the page list, markers or NCX, refusals."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

import argmap
import argmap.sources
from argmap.errors import InvalidValueError, SourceFileError
from argmap.sources import epub

CHILDRENS_LITERATURE = Path(__file__).resolve().parent / "data" / "documents" / "childrens-literature.epub"

CONTAINER = (
    '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
    '<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>'
    "</container>"
)
METADATA = (
    '<dc:title xmlns:dc="http://purl.org/dc/elements/1.1/">A Test Book</dc:title>'
    '<dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">Ann Author</dc:creator>'
)


def xhtml(body: str, doctype: str = "<!DOCTYPE html>") -> str:
    """An XHTML content document with ``body`` as its body."""
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n{doctype}\n<html xmlns="http://www.w3.org/1999/xhtml" '
        f'xmlns:epub="http://www.idpf.org/2007/ops"><head><title>head title</title></head><body>{body}</body></html>'
    )


def write_epub(
    path: Path,
    documents: dict[str, str | None],
    *,
    spine: list[str] | None = None,
    page_list: list[tuple[str, str]] | None = None,
    ncx_pages: list[tuple[str, str]] | None = None,
    metadata: str = METADATA,
    files: dict[str, str | bytes] | None = None,
    linear_no: tuple[str, ...] = (),
) -> Path:
    """Write an EPUB whose package is ``OEBPS/content.opf``: ``documents`` (href: XHTML, in manifest
    order; ``None``: listed but not in the zip) read in ``spine`` order, with an EPUB 3 ``page_list``
    and an NCX ``pageList`` of ``(label, href)`` if given, and other ``files`` (path in the zip: content)."""
    items = [f'<item id="d{i}" href="{href}" media-type="application/xhtml+xml"/>' for i, href in enumerate(documents)]
    ids = {href: f"d{i}" for i, href in enumerate(documents)}
    content: dict[str, str | bytes] = {f"OEBPS/{href}": text for href, text in documents.items() if text is not None}
    if page_list is not None:
        links = "".join(f'<li><a href="{href}">{label}</a></li>' for label, href in page_list)
        nav = '<nav epub:type="toc"><ol><li><a href="c1.xhtml">Contents</a></li></ol></nav>'
        nav += f'<nav epub:type="page-list" hidden=""><ol>{links}</ol></nav>'
        content["OEBPS/nav.xhtml"] = xhtml(nav)
        items.append('<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>')
    if ncx_pages is not None:
        targets = "".join(
            f'<pageTarget type="normal"><navLabel><text>{label}</text></navLabel><content src="{src}"/></pageTarget>'
            for label, src in ncx_pages
        )
        content["OEBPS/toc.ncx"] = (
            '<?xml version="1.0"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1"><navMap/>'
            f"<pageList>{targets}</pageList></ncx>"
        )
        items.append('<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>')
    linear = {href: ' linear="no"' if href in linear_no else "" for href in documents}
    refs = "".join(f'<itemref idref="{ids[href]}"{linear[href]}/>' for href in spine or documents)
    toc = ' toc="ncx"' if ncx_pages is not None else ""
    content["OEBPS/content.opf"] = (
        f'<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">'
        f"<metadata>{metadata}</metadata><manifest>{''.join(items)}</manifest>"
        f"<spine{toc}>{refs}</spine></package>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip")  # stored, first
        archive.writestr("META-INF/container.xml", CONTAINER, zipfile.ZIP_DEFLATED)
        for name, data in {**content, **(files or {})}.items():
            archive.writestr(name, data, zipfile.ZIP_DEFLATED)
    return path


def encryption_xml(algorithm: str, uri: str) -> str:
    """A META-INF/encryption.xml saying that the member ``uri`` is encrypted with ``algorithm``."""
    return (
        '<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
        'xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>'
        f'<enc:EncryptionMethod Algorithm="{algorithm}"/><enc:CipherData><enc:CipherReference URI="{uri}"/>'
        "</enc:CipherData></enc:EncryptedData></encryption>"
    )


@pytest.fixture(scope="module")
def curry() -> argmap.Source:
    return epub.read(CHILDRENS_LITERATURE, key="curry")


class TestText:
    def test_real_book_starts_with_its_first_heading(self, curry: argmap.Source) -> None:
        """The real EPUB's text starts with the section heading: the cover image and the navigation
        document's table of contents are not in it, and blocks are paragraphs."""
        assert curry.text.startswith("SECTION IV FAIRY STORIES—MODERN FANTASTIC TALES\n\nBIBLIOGRAPHY\n\nAlden,")
        assert "THE CONTENTS" not in curry.text
        assert curry.text.endswith("are still called by the people of the valley\n\nThe Black Brothers.")

    def test_real_book_has_no_markup(self, curry: argmap.Source) -> None:
        """No tag, entity, attribute or script of the XHTML is left in the real EPUB's text."""
        assert not re.search(r"<|>|&[#\w]+;|epub:type|pagebreak|getElementsByTagName", curry.text)
        assert "Rand McNally & Co." in curry.text

    def test_real_book_keeps_annotations_where_they_stand(self, curry: argmap.Source) -> None:
        """A transcriber's annotation stays in the text after the paragraph it annotates."""
        assert "For this day thou must die!\n\nTranscriber's Note: original reads 'warrier'\n\nAnd now" in curry.text

    def test_page_break_labels_are_not_words_of_the_text(self, curry: argmap.Source) -> None:
        """The text of each page-break marker ("172") is gone: the words on either side meet."""
        assert 'a "return to nature." Many modern writers' in curry.text
        layout = curry.page_layout
        for start, label in zip(layout.page_starts, layout.page_labels, strict=True):
            assert label not in curry.text[max(start - 10, 0) : start + 10], label

    def test_metadata_defaults_come_from_the_package(self, curry: argmap.Source) -> None:
        """Title (with subtitle), authors as written, date and year come from the OPF; the type is a book."""
        assert curry.title == "Children's Literature: A Textbook of Sources for Teachers and Teacher-Training Classes"
        assert curry.authors == ("Charles Madison Curry", "Erle Elsworth Clippinger")
        assert (curry.date, curry.year, curry.csl_type, curry.publisher) == ("2008-05-20", 2008, "book", None)

    def test_user_fields_override_the_metadata(self) -> None:
        """A title, year and type given by the user win over the EPUB's own."""
        source = epub.read(CHILDRENS_LITERATURE, key="curry", title="Children's Literature", year=1920,
                           csl_type="chapter")  # fmt: skip
        assert (source.title, source.year, source.csl_type) == ("Children's Literature", 1920, "chapter")
        assert source.authors == ("Charles Madison Curry", "Erle Elsworth Clippinger")

    def test_epub2_metadata_by_role_and_event(self, tmp_path: Path) -> None:
        """EPUB 2's opf:role sorts creators into authors and editors, and the publication date wins over
        a modification date; a bare year gives the year and no date."""
        metadata = (
            '<dc:title xmlns:dc="http://purl.org/dc/elements/1.1/">What Gunpowder Plot Was</dc:title>'
            '<dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf" '
            'opf:role="edt">Ed Itor</dc:creator><dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:opf="http://www.idpf.org/2007/opf" opf:role="aut">Samuel Rawson Gardiner</dc:creator>'
            '<dc:date xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf" '
            'opf:event="modification">2020-01-02</dc:date><dc:date xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:opf="http://www.idpf.org/2007/opf" opf:event="publication">1897</dc:date>'
            '<dc:publisher xmlns:dc="http://purl.org/dc/elements/1.1/">Longmans, Green, and Co.</dc:publisher>'
        )
        path = write_epub(tmp_path / "b.epub", {"c1.xhtml": xhtml("<p>x</p>")}, metadata=metadata)
        source = epub.read(path, key="b")
        assert source.title == "What Gunpowder Plot Was"
        assert (source.authors, source.editors) == (("Samuel Rawson Gardiner",), ("Ed Itor",))
        assert (source.year, source.date, source.publisher) == (1897, None, "Longmans, Green, and Co.")

    def test_blocks_inline_text_and_entities(self, tmp_path: Path) -> None:
        """Blocks become paragraphs, inline markup keeps words whole, whitespace folds, <br/> breaks the
        line, references are decoded, and the head, scripts and styles are dropped."""
        body = (
            "<h1>The   Title</h1><p>Em<em>per</em>or\n    said <b>hello</b><br/>\n  again &amp; &#233;&#160;!</p>"
            "<div>direct text<p>inner</p></div><script>var x = 1;</script><style>p {}</style>"
            "<ul><li>one</li><li>two</li></ul><pre>line one\n  line two</pre><p hidden=''>secret</p>"
        )
        source = epub.read(write_epub(tmp_path / "b.epub", {"c1.xhtml": xhtml(body)}), key="b")
        assert source.text == (
            "The Title\n\nEmperor said hello\nagain & é\u00a0!\n\ndirect text\n\ninner\n\none\n\ntwo\n\n"
            "line one\nline two"
        )

    def test_html_named_entity_without_dtd_is_decoded(self, tmp_path: Path) -> None:
        """An HTML named entity (&nbsp;, &mdash;) in an XHTML 1.1 document, whose DTD is not loaded, is decoded."""
        doctype = '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" "http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd">'
        document = xhtml("<p>war&nbsp;&mdash;peace</p>", doctype)
        assert epub.read(write_epub(tmp_path / "b.epub", {"c1.xhtml": document}), key="b").text == "war\u00a0—peace"

    def test_malformed_xhtml_is_read_as_html(self, tmp_path: Path) -> None:
        """A document that is not well-formed XML is read with the tolerant HTML parser, entities decoded."""
        document = "<html><body><p>unclosed paragraph &mdash; caf&eacute;<p>second<br>line</body></html>"
        source = epub.read(write_epub(tmp_path / "b.epub", {"c1.xhtml": document}), key="b")
        assert source.text == "unclosed paragraph — café\n\nsecond\nline"

    def test_text_follows_the_spine_not_the_manifest(self, tmp_path: Path) -> None:
        """Documents are read in spine order, whatever order the manifest lists them in."""
        documents = {"a.xhtml": xhtml("<p>listed first</p>"), "b.xhtml": xhtml("<p>read first</p>")}
        source = epub.read(write_epub(tmp_path / "b.epub", documents, spine=["b.xhtml", "a.xhtml"]), key="b")
        assert source.text == "read first\n\nlisted first"

    def test_non_linear_items_are_left_out(self, tmp_path: Path) -> None:
        """A spine item marked linear="no" (a pop-up note, a cover) is not part of the text."""
        documents = {"a.xhtml": xhtml("<p>main text</p>"), "b.xhtml": xhtml("<p>aside</p>")}
        source = epub.read(write_epub(tmp_path / "b.epub", documents, linear_no=("b.xhtml",)), key="b")
        assert source.text == "main text"

    def test_external_entity_is_not_expanded(self, tmp_path: Path) -> None:
        """An XML external entity naming /etc/passwd is not expanded: nothing of the file is in the text."""
        doctype = '<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        path = write_epub(tmp_path / "b.epub", {"c1.xhtml": xhtml("<p>before &xxe; after</p>", doctype)})
        source = epub.read(path, key="b")
        assert source.text == "before after"
        assert "root:" not in source.text

    def test_from_file_dispatches_to_the_reader(self, curry: argmap.Source) -> None:
        """The reader is what Source.from_file uses for an EPUB, read a second time from the cache of
        extracted texts, and the user's fields still win."""
        for _ in range(2):  # the second time from the cache of extracted texts
            source = argmap.Source.from_file(CHILDRENS_LITERATURE, key="curry", title="Children's Literature")
            assert (source.text, source.page_layout) == (curry.text, curry.page_layout)
            assert (source.title, source.authors, source.path) == ("Children's Literature", curry.authors,
                                                                   str(CHILDRENS_LITERATURE))  # fmt: skip


class TestPages:
    def test_real_book_has_every_page_of_its_page_list(self, curry: argmap.Source) -> None:
        """The 92 entries of the real EPUB's page list are 92 pages, labelled 169 to 260."""
        assert curry.page_layout.page_labels == tuple(str(n) for n in range(169, 261))
        assert len(curry.page_layout.page_starts) == 92
        assert curry.page_layout.page_indexes == ()

    def test_quote_across_a_page_break(self, curry: argmap.Source) -> None:
        """A sentence broken by the marker of p. 172 is found on pp. 171 and 172, and cited so."""
        passage = argmap.locate(curry, 'have preached crusades of a "return to nature." Many modern writers')
        assert passage.pages == ("171", "172")
        assert passage.cite() == "pp. 171–72"

    def test_quote_on_one_page(self, curry: argmap.Source) -> None:
        """The first sentence of "The Real Princess" is on p. 179 (the page before starts at p. 178's marker)."""
        passage = argmap.locate(curry, "There was once a Prince who wanted to marry a Princess.")
        assert passage.pages == ("179",)
        assert passage.cite() == "p. 179"

    def test_pages_from_pagebreak_markers(self, tmp_path: Path) -> None:
        """Without a page list, epub:type="pagebreak" and role="doc-pagebreak" markers give the pages,
        labelled by title, aria-label or text; an unlabelled one gets the inferred number in brackets."""
        body = (
            '<p>Before the pages. <span epub:type="pagebreak" id="p9" title="9"/>Ninth page</p>'
            '<p>more <span role="doc-pagebreak" aria-label="Page 10"/>tenth page</p>'
            '<p><span epub:type="pagebreak">11</span>eleventh <span epub:type="pagebreak"/>twelfth</p>'
        )
        source = epub.read(write_epub(tmp_path / "b.epub", {"c1.xhtml": xhtml(body)}), key="b")
        assert source.text == "Before the pages. Ninth page\n\nmore tenth page\n\neleventh twelfth"
        assert source.page_layout.page_labels == ("9", "10", "11", "[12]")
        assert [source.text[s : s + 5] for s in source.page_layout.page_starts] == ["Ninth", "tenth", "eleve", "twelf"]
        assert argmap.locate(source, "Before the pages").pages == ()
        assert argmap.locate(source, "eleventh twelfth").pages == ("11", "[12]")

    def test_pages_from_the_ncx_page_list(self, tmp_path: Path) -> None:
        """An EPUB 2 book with only an NCX pageList gets its pages from it, targets in two documents."""
        documents = {"c1.xhtml": xhtml('<p id="a">First page text</p>'),
                     "c2.xhtml": xhtml('<p>Still first. <a id="b"/>Second page text</p>')}  # fmt: skip
        path = write_epub(tmp_path / "b.epub", documents, ncx_pages=[("iv", "c1.xhtml#a"), ("v", "c2.xhtml#b")])
        source = epub.read(path, key="b")
        assert source.page_layout.page_labels == ("iv", "v")
        assert argmap.locate(source, "Still first.").pages == ("iv",)
        assert argmap.locate(source, "Second page").pages == ("v",)

    def test_page_list_wins_over_markers_and_ncx(self, tmp_path: Path) -> None:
        """With a page list, markers and an NCX that disagree, the EPUB 3 page list gives the pages."""
        body = '<p><span epub:type="pagebreak" id="x" title="1"/>one <span id="y"/>two</p>'
        path = write_epub(tmp_path / "b.epub", {"c1.xhtml": xhtml(body)}, page_list=[("7", "c1.xhtml#y")],
                          ncx_pages=[("30", "c1.xhtml#x")])  # fmt: skip
        source = epub.read(path, key="b")
        assert source.page_layout.page_labels == ("7",)
        assert source.text[source.page_layout.page_starts[0] :] == "two"

    def test_markers_win_over_the_ncx(self, tmp_path: Path) -> None:
        """Without a page list, the markers in the text give the pages rather than the NCX."""
        body = '<p><span epub:type="pagebreak" id="x" title="1"/>one <span id="y"/>two</p>'
        path = write_epub(tmp_path / "b.epub", {"c1.xhtml": xhtml(body)}, ncx_pages=[("30", "c1.xhtml#y")])
        assert epub.read(path, key="b").page_layout.page_labels == ("1",)

    def test_no_page_information_means_no_pages(self, tmp_path: Path) -> None:
        """An EPUB without page list, markers or NCX has no pages, and a quote located in it none either."""
        source = epub.read(write_epub(tmp_path / "b.epub", {"c1.xhtml": xhtml("<p>Some plain text.</p>")}), key="b")
        assert source.page_layout.page_starts == ()
        assert argmap.locate(source, "plain text").pages == ()

    def test_unresolved_backward_and_empty_pages_are_dropped(self, tmp_path: Path) -> None:
        """A target that is not in the text or goes backwards is dropped, and of two pages that begin at
        the same place (a blank page) only the later is kept, so page starts increase."""
        body = '<p id="a">alpha <span id="b"/><span id="c"/>beta <span id="d"/>gamma</p>'
        page_list = [("1", "c1.xhtml#a"), ("2", "c1.xhtml#b"), ("3", "c1.xhtml#c"), ("4", "c1.xhtml#nowhere"),
                     ("5", "c1.xhtml#a"), ("6", "missing.xhtml#d"), ("7", "c1.xhtml#d")]  # fmt: skip
        source = epub.read(write_epub(tmp_path / "b.epub", {"c1.xhtml": xhtml(body)}, page_list=page_list), key="b")
        assert source.page_layout.page_labels == ("1", "3", "7")
        assert [source.text[s:] for s in source.page_layout.page_starts] == ["alpha beta gamma", "beta gamma", "gamma"]

    def test_targets_are_url_decoded_and_may_name_a_whole_document(self, tmp_path: Path) -> None:
        """A page-list href to a file whose name is URL-encoded, without a fragment, starts at its first word."""
        documents = {"one.xhtml": xhtml("<p>first file</p>"), "chapter two.xhtml": xhtml("<p>second file</p>")}
        path = write_epub(tmp_path / "b.epub", documents, page_list=[("2", "chapter%20two.xhtml")])
        source = epub.read(path, key="b")
        assert source.text[source.page_layout.page_starts[0] :] == "second file"

    @pytest.mark.parametrize("option", ["page_pattern", "ignore"])
    def test_patterns_are_refused(self, option: str) -> None:
        """A page pattern or ignore pattern makes no sense for an EPUB, and is refused with a reason."""
        with pytest.raises(InvalidValueError, match="an EPUB's pages come from its page list"):
            epub.read(CHILDRENS_LITERATURE, key="curry", **{option: r"^Page (\d+)$"})


class TestErrors:
    def test_drm_encryption_is_refused(self, tmp_path: Path) -> None:
        """An EPUB whose encryption.xml names its content document is refused as DRM-encrypted."""
        encryption = encryption_xml("http://www.w3.org/2001/04/xmlenc#aes128-cbc", "OEBPS/c1.xhtml")
        files: dict[str, str | bytes] = {"META-INF/encryption.xml": encryption}
        path = write_epub(tmp_path / "b.epub", {"c1.xhtml": "\x8f\x02 ciphertext"}, files=files)
        with pytest.raises(SourceFileError, match=r"encrypted \(DRM\): argmap can only read DRM-free EPUBs"):
            epub.read(path, key="b")

    def test_font_obfuscation_is_not_drm(self, tmp_path: Path) -> None:
        """An encryption.xml that only obfuscates a font (IDPF's algorithm) does not stop the reading."""
        encryption = encryption_xml("http://www.idpf.org/2008/embedding", "OEBPS/font.otf")
        files: dict[str, str | bytes] = {"META-INF/encryption.xml": encryption, "OEBPS/font.otf": b"\x00font"}
        path = write_epub(tmp_path / "b.epub", {"c1.xhtml": xhtml("<p>readable</p>")}, files=files)
        assert epub.read(path, key="b").text == "readable"

    def test_rights_file_is_refused_as_drm(self, tmp_path: Path) -> None:
        """An Adobe rights.xml marks a DRM-protected book, which is refused."""
        files: dict[str, str | bytes] = {"META-INF/rights.xml": "<rights/>"}
        path = write_epub(tmp_path / "b.epub", {"c1.xhtml": xhtml("<p>x</p>")}, files=files)
        with pytest.raises(SourceFileError, match="DRM"):
            epub.read(path, key="b")

    def test_not_a_zip(self, tmp_path: Path) -> None:
        """A .epub file that is not a zip is refused as not an EPUB, saying how to get one."""
        path = tmp_path / "book.epub"
        path.write_text("just some text", encoding="utf-8")
        with pytest.raises(SourceFileError, match=r"not an EPUB \(a zip with META-INF/container.xml\); re-save"):
            epub.read(path, key="b")

    def test_zip_without_container(self, tmp_path: Path) -> None:
        """A zip without META-INF/container.xml is refused as not an EPUB."""
        path = tmp_path / "book.epub"
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("chapter.xhtml", xhtml("<p>x</p>"))
        with pytest.raises(SourceFileError, match="not an EPUB") as info:
            epub.read(path, key="b")
        assert info.value.path == str(path)

    def test_container_naming_no_package(self, tmp_path: Path) -> None:
        """A container whose package file is not in the zip is refused as not an EPUB."""
        path = write_epub(tmp_path / "b.epub", {"c1.xhtml": xhtml("<p>x</p>")})
        with zipfile.ZipFile(path) as old, zipfile.ZipFile(tmp_path / "c.epub", "w") as new:
            for info in old.infolist():
                if info.filename != "OEBPS/content.opf":
                    new.writestr(info, old.read(info))
        with pytest.raises(SourceFileError, match="not an EPUB"):
            epub.read(tmp_path / "c.epub", key="b")

    def test_missing_file(self, tmp_path: Path) -> None:
        """A path that does not exist is a SourceFileError that says so, with the OS error as its cause."""
        with pytest.raises(SourceFileError, match="no such file; check the path") as info:
            epub.read(tmp_path / "nowhere.epub", key="b")
        assert isinstance(info.value.__cause__, FileNotFoundError)

    def test_malformed_package_file(self, tmp_path: Path) -> None:
        """A package file (OPF) that is not well-formed XML is refused, naming it."""
        path = write_epub(tmp_path / "b.epub", {"c1.xhtml": xhtml("<p>x</p>")}, metadata="<dc:title>unclosed")
        with pytest.raises(SourceFileError, match=r"OEBPS/content\.opf in it is not well-formed XML"):
            epub.read(path, key="b")

    @pytest.mark.parametrize("href", ["../../../../etc/passwd", "/etc/passwd"])
    def test_paths_outside_the_zip_are_not_read(self, tmp_path: Path, href: str) -> None:
        """A manifest href that climbs out of the zip or is absolute names no member: nothing is read from disk."""
        path = write_epub(tmp_path / "b.epub", {href: None})
        with pytest.raises(SourceFileError, match="is missing from it") as info:
            epub.read(path, key="b")
        assert "root:" not in str(info.value)

    def test_member_too_large_is_refused(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A member that unpacks to more than the limit (200 MB; lowered here) is refused before it is unpacked."""
        monkeypatch.setattr(epub, "_MAX_MEMBER_SIZE", 10_000)
        path = write_epub(tmp_path / "b.epub", {"c1.xhtml": xhtml("<p>" + "zip bomb " * 2000 + "</p>")})
        too_large = r"OEBPS/c1\.xhtml in it unpacks to 18,\d+ bytes, more than the 10,000 argmap unpacks"
        with pytest.raises(SourceFileError, match=too_large):
            epub.read(path, key="b")
