"""The web-page reader: the article's main text, metadata defaults, quotes outside the article, bad files.

The real pages in ``tests/data/documents/html`` are saved news and blog pages from the
article-extraction benchmark (with all their navigation, ads and comments); ``ground-truth.json``
holds the annotators' copy of each article (``articleBody``).
"""

from __future__ import annotations

import codecs
import functools
import json
import subprocess
import sys
from pathlib import Path

import pytest

import argmap
from argmap import Status
from argmap.model import Source
from argmap.sources import html

PAGES = Path(__file__).resolve().parent / "data" / "documents" / "html"
GROUND_TRUTH = json.loads((PAGES / "ground-truth.json").read_text(encoding="utf-8"))

BBC = "c7e39ac49fa1235f5d50f83bf2444248bd3aa4e6df044377916c812dd109ba23"  # BBC News, Assange
BLOG = "0e014df693f182824fe5e24030ddbe1d0b96ddb9685cf20d5766457ed32ffa2d"  # a WordPress family blog, one comment
INDONESIAN = "21486419bb109c5a62a68957f528e6ff29c92f58d8d3c1f2837c86ff3f3e11f9"  # kabarislamia.com
RUSSIAN = "c82b3d1d540bbbd6081bdfb78b4c068c583aa766bcaaefe7ad16d24e5413a829"  # wday.ru
HEALTHLINE = "e593d7fe88f9f5cd6587ac172be2db6055d40b6f071023f97ab1ce373534261e"  # custom elements in paragraphs
SNOPES = "8380689f358c1e3a0f6fca6e11ed13e5304a74060139f7a584347db213950446"  # a fact check

# Three sentences of each article's ground truth that occur exactly once in the page's visible
# text (picked by hand: near the start, the middle and the end of the article).
SENTENCES = {
    BBC: (
        "Prosecutors in Sweden have dropped an investigation into a rape allegation made against Wikileaks "
        "co-founder Julian Assange in 2010.",
        "If convicted, he could face decades in jail.",
        "Last month, a judge rejected Assange's attempt to delay the full extradition hearing, which is "
        "scheduled to take place at Westminster Magistrate's Court in London in February.",
    ),
    BLOG: (
        "This shop has been compensated by #CollectiveBias, Inc.",
        "Really, have you ever seen anything so gorgeous?",
        "How do you make sure that you stay hydrated?",
    ),
    INDONESIAN: (
        "Mudah2an kita bisa memahami dan mengamalkan Al Qur’an dan Hadits ini.",
        "Nabi dan para sahabat meng-Islam-kan Orang Kafir tanpa paksaan.",
        "Ada pula yang berlebihan dalam membenci satu kaum dan mereka pun binasa.”",
    ),
    RUSSIAN: (
        "В восьмидесятых годах чешская красавица заявила о себе на весь мир.",
        "Бывшая супермодель призналась, что боится: люди высмеивают то, как она выглядит сейчас.",
        "Да и кто бы не гордился такой красавицей-женой!",
    ),
    HEALTHLINE: (
        "Binge eating disorder (BED) is considered the most common feeding and eating disorder in the United "
        "States (1).",
        # the reference "(37)" is a custom element (<hl-trusted-source>), which trafilatura alone drops
        # together with the rest of the paragraph
        "Cognitive behavioral therapy, the most effective form of therapy, explores the connection between your "
        "thoughts, feelings, and eating patterns and then develops strategies to modify your behavior (37).",
        "However, it’s possible to overcome it with the right treatment plan and healthy lifestyle modifications.",
    ),
    SNOPES: (
        "Former U.S. ambassador to Ukraine Marie Yovanovitch has a net worth of $17 million.",
        "One possible explanation for the discrepancies in this claim is that there is no credible evidence for "
        "the estimates.",
        "In other words, this claim appears to have been conjured out of thin air.",
    ),
}

# What each page declares, read by hand from its <head> (og:title, og:url, og:site_name,
# article:published_time or JSON-LD datePublished, JSON-LD author).
DECLARED = {
    BBC: dict(title="Sweden drops Assange rape investigation", url="https://www.bbc.com/news/world-europe-50473792",
              container_title="BBC News", date="2019-11-19", authors=("BBC News",), csl_type="article-newspaper"),
    BLOG: dict(title="Simple Hiking Survival Kit (with Kids)",  # og:title ends " - The Anti-June Cleaver"
               url="https://theantijunecleaver.com/2014/09/make-arrowhead-water-a-part-of-your-mountain-hike-survival-kit/",
               container_title="The Anti-June Cleaver", date="2014-09-15", authors=("Regan",), csl_type="post-weblog"),
    INDONESIAN: dict(title="Jangan Membenci Satu Kaum Secara Berlebihan",
                     url="https://kabarislamia.com/2015/03/30/jangan-membenci-satu-kaum-secara-berlebihan/",
                     container_title="Kabar tentang Dunia Islam", date="2015-03-30", authors=(), csl_type="webpage"),
    RUSSIAN: dict(title="53-летняя модель рассказала что больше всего боится стареть: новости, фото 2018",
                  url="https://www.wday.ru/krasota-zdorovie/novosty/53-letnyaya-model-posmotri-na-krasotku-kotoraya-"
                  "prevratilas-v-staruhu/", container_title=None, date="2018-10-11", authors=(), csl_type="webpage"),
    HEALTHLINE: dict(title="15 Tips to Overcome Binge Eating",  # <title> says "15 Helpful Tips ..."
                     url="https://www.healthline.com/nutrition/how-to-overcome-binge-eating",
                     container_title="Healthline", date="2019-11-14", authors=("Rachael Link",),  # "…, MS, RD"
                     csl_type="article-newspaper"),
    SNOPES: dict(title="Does Marie Yovanovitch Have a Net Worth of $17 Million?",
                 url="https://www.snopes.com/fact-check/marie-yovanovitch-net-worth/", container_title="Snopes.com",
                 date="2019-11-18", authors=("Snopes",), csl_type="webpage"),
}  # fmt: skip

# A small page with everything a news page has around its article.
BUILT = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>The Siege of Lucknow | Imperial Gazette</title>
<style>body::before { content: "STYLE TEXT" }</style><script>var leaked = "SCRIPT TEXT";</script></head>
<body>
<nav><a href="/">Home</a> <a href="/archive">Archive</a></nav>
<article>
<h1>The Siege of Lucknow</h1>
<p>The garrison held the Residency for eighty-seven days against an enemy who outnumbered it many times over,
and the relief column arrived only after the defenders had eaten the last of their grain.</p>
<p>Officers who survived the siege spoke afterwards of the heat, the sickness and the constant fire from the
houses that overlooked the entrenchment on every side.</p>
<p>When the column finally broke through, the soldiers found the women and children of the garrison alive,
though weakened by months of short rations and disease.</p>
</article>
<aside><h2>Related</h2><p>Readers of this page also studied the rising at Meerut, where the first shots of the
rebellion were fired in May.</p></aside>
<div class="comments"><h2>Comments</h2><div class="comment"><p>My great-grandfather was in the relief column
and wrote that the stench of the Residency could be smelled a mile away.</p></div></div>
<div hidden>Hidden attribute text.</div>
<div aria-hidden="true">Aria hidden text.</div>
<p style="color: grey; display : none">Inline display none text.</p>
<noscript>Noscript text.</noscript>
<template><p>Template text.</p></template>
<footer><p>Copyright the Imperial Gazette.</p></footer>
</body></html>
"""
ARTICLE = "Officers who survived the siege spoke afterwards of the heat, the sickness and the constant fire"
ASIDE = "Readers of this page also studied the rising at Meerut"
COMMENT = "My great-grandfather was in the relief column and wrote that the stench of the Residency"


@functools.cache
def page(name: str) -> Source:
    """The source read from a copied page (read once per test run)."""
    return html.read(PAGES / f"{name}.html", key="page")


def write(tmp_path: Path, content: str | bytes, name: str = "page.html") -> Path:
    """``content`` saved as a page (text as UTF-8)."""
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def main_end(source: Source) -> int:
    """Where the source's main text ends."""
    assert source.page_layout.main is not None
    return source.page_layout.main[1]


class TestMainText:
    def test_copied_pages_are_the_ground_truths_pages(self) -> None:
        """The ground truth kept here has an entry for each copied page, and only those."""
        assert set(GROUND_TRUTH) == {path.stem for path in PAGES.glob("*.html")} == set(SENTENCES)

    @pytest.mark.parametrize("name", sorted(SENTENCES))
    def test_article_sentences_are_found_once_in_the_main_text(self, name: str) -> None:
        """Sentences of the annotators' article are located, unambiguously, inside the main text."""
        source = page(name)
        for sentence in SENTENCES[name]:
            assert sentence in GROUND_TRUTH[name]["articleBody"]
            passage = argmap.locate(source, sentence)  # AmbiguousQuoteError if the rest repeated it
            assert 0 <= passage.start < passage.end <= main_end(source), sentence

    def test_main_text_comes_first_then_the_rest(self, tmp_path: Path) -> None:
        """The text is the article's paragraphs, a blank line apart, then a blank line and the page's other text."""
        source = html.read(write(tmp_path, BUILT), key="built")
        end = main_end(source)
        assert source.page_layout.main == (0, end)
        main, rest = source.text[:end], source.text[end:]
        assert main.startswith("The Siege of Lucknow\n\nThe garrison held the Residency for eighty-seven days")
        assert main.endswith("weakened by months of short rations and disease.")
        assert "\n\nOfficers who survived the siege" in main and "\n\n\n" not in source.text
        assert rest.startswith("\n\n") and ASIDE in rest and COMMENT in rest and "Copyright the Imperial" in rest

    def test_article_paragraphs_are_not_repeated_in_the_rest(self, tmp_path: Path) -> None:
        """A paragraph of the article is in the text once: the rest leaves out what the main text holds."""
        source = html.read(write(tmp_path, BUILT), key="built")
        assert source.text.count(ARTICLE) == 1
        assert source.text.count("The Siege of Lucknow") == 1  # the <h1>, in the article (the <title> is not shown)
        bbc = page(BBC)
        assert bbc.text.count("If convicted, he could face decades in jail.") == 1

    def test_what_no_reader_sees_is_left_out(self, tmp_path: Path) -> None:
        """Scripts, styles, noscript, templates and hidden elements give no text."""
        text = html.read(write(tmp_path, BUILT), key="built").text
        for invisible in ("STYLE TEXT", "SCRIPT TEXT", "leaked", "Hidden attribute", "Aria hidden",
                          "Inline display none", "Noscript text", "Template text"):  # fmt: skip
            assert invisible not in text

    def test_words_inside_unusual_elements_are_kept(self, tmp_path: Path) -> None:
        """Custom elements, <wbr> and a <time> in a paragraph keep their words and the rest of their paragraph."""
        filler = "".join(f"<p>Paragraph {n} of a long article about the harvest of 1846.</p>" for n in range(4))
        body = (
            "<p>The famine reached the county on <time datetime='1846-09-14'>14 September</time>, when the "
            "crop failed (<x-ref><a href='#n3'>3</a></x-ref>) and the work<wbr>houses filled within a week.</p>"
        )
        source = html.read(write(tmp_path, f"<html><body><article>{filler}{body}</article></body></html>"), key="x")
        quote = "on 14 September, when the crop failed (3) and the workhouses filled within a week."
        assert argmap.locate(source, quote).end <= main_end(source)

    def test_page_without_an_article_is_all_outside(self, tmp_path: Path) -> None:
        """When trafilatura finds no article the main text is empty and the text is all the visible text."""
        source = html.read(write(tmp_path, "<html><body><aside><p>Only a sidebar note.</p></aside></body></html>"),
                           key="x")  # fmt: skip
        assert source.text == "Only a sidebar note."
        assert source.page_layout.main == (0, 0)

    def test_table_cells_are_paragraphs_without_markup(self, tmp_path: Path) -> None:
        """A table in the article is its cells' words, each cell a paragraph, with no "|" the page does not show."""
        filler = "".join(f"<p>Paragraph {n} of a long article about the harvests of the 1840s.</p>" for n in range(4))
        table = ("<table><tr><th>Year</th><th>Harvest</th></tr><tr><td>1845</td><td>poor</td></tr>"
                 "<tr><td>1846</td><td>failed, <b>entirely</b></td></tr></table>")  # fmt: skip
        source = html.read(write(tmp_path, f"<html><body><article>{filler}{table}</article></body></html>"), key="x")
        main = source.text[: main_end(source)]
        assert "1845\n\npoor\n\n1846\n\nfailed, entirely" in main and "|" not in source.text
        assert argmap.locate(source, "1846 failed, entirely").end <= main_end(source)

    def test_the_extractor_is_imported_only_to_read_a_page(self) -> None:
        """Importing the reader does not import trafilatura (half a second): reading a page does."""
        code = "import sys, argmap.sources.html; print('trafilatura' in sys.modules, 'htmldate' in sys.modules)"
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        assert run.stdout.split() == ["False", "False"]


class TestMetadata:
    @pytest.mark.parametrize("name", sorted(DECLARED))
    def test_defaults_are_what_the_page_declares(self, name: str) -> None:
        """Title, URL, site, date, year, authors and type are what the page's metadata says."""
        source = page(name)
        declared = DECLARED[name]
        got = {field: getattr(source, field) for field in declared}
        assert got == declared
        assert source.year == int(str(declared["date"])[:4])
        assert source.accessed is None  # when the page was saved is not in it

    def test_fields_given_override_the_page(self) -> None:
        """The caller's fields win over the page's metadata; a date given brings its own year."""
        path = PAGES / f"{BBC}.html"
        source = html.read(path, key="x", title="Mine", authors=["A. Historian"], csl_type="webpage",
                           date="2019-12-01", container_title=None)  # fmt: skip
        assert (source.title, source.authors, source.csl_type) == ("Mine", ("A. Historian",), "webpage")
        assert (source.date, source.year, source.container_title) == ("2019-12-01", 2019, None)
        assert source.url == "https://www.bbc.com/news/world-europe-50473792"  # not given: the page's
        assert html.read(path, key="y", date="1857").year is None  # not a date the reader can read a year from

    def test_byline_only_in_the_text_gives_no_authors(self) -> None:
        """A byline that only the page's text shows (no author metadata) does not become an author."""
        source = page(RUSSIAN)
        assert "Текст: Лида Буслаева" in source.text
        assert source.authors == ()

    @pytest.mark.parametrize(
        ("head", "authors"),
        [
            ('<meta name="author" content="By Jane Roe and John Doe">', ("Jane Roe", "John Doe")),
            ('<meta name="author" content="Ann Lee, Bo Chen &amp; Cy Young">', ("Ann Lee", "Bo Chen", "Cy Young")),
            ('<meta name="author" content="Smith, John">', ("Smith, John",)),
            ('<meta property="article:author" content="https://www.facebook.com/someone">', ()),
            ('<meta property="article:author" content="Mary Beard">', ("Mary Beard",)),
            (
                '<script type="application/ld+json">{"@type": "NewsArticle", "author": [{"@type": "Person", "name": '
                '"Ann Lee"}, {"@type": "Organization", "name": "Wire Service"}]}</script>'
                '<meta name="author" content="Publisher Inc">',
                ("Ann Lee",),
            ),
            (
                '<script type="application/ld+json">{"@type": "NewsArticle", "author": {"@type": "Organization", '
                '"name": "Gazette Staff"}}</script>',
                ("Gazette Staff",),
            ),
            (
                '<script type="application/ld+json">{"@graph": [{"@type": "Article", "author": {"@id": "#p"}}, '
                '{"@type": "Person", "@id": "#p", "name": "Rosa Luxemburg"}]}</script>',
                ("Rosa Luxemburg",),
            ),
            ('<meta name="author" content="admin">', ()),
        ],
    )
    def test_authors_come_only_from_explicit_metadata(self, tmp_path: Path, head: str, authors: tuple[str]) -> None:
        """Authors are the named persons of the metadata, split into names; URLs and account names are not."""
        page_html = f"<html><head>{head}</head><body><p>By Someone Else, staff writer.</p></body></html>"
        assert html.read(write(tmp_path, page_html), key="x").authors == authors

    def test_malformed_json_ld_is_ignored(self, tmp_path: Path) -> None:
        """A broken JSON-LD block is skipped and a good one still read."""
        head = ('<script type="application/ld+json">{"@type": "NewsArticle", "author": </script>'
                '<script type="application/ld+json">[[[[[[[[[[</script>'
                '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "1914-06-28T10:00",'
                ' "publisher": {"@type": "Organization", "name": "Sarajevo Daily"}}</script>')  # fmt: skip
        source = html.read(write(tmp_path, f"<html><head>{head}</head><body><p>News.</p></body></html>"), key="x")
        assert (source.date, source.year, source.container_title) == ("1914-06-28", 1914, "Sarajevo Daily")

    def test_date_from_a_time_in_the_article(self, tmp_path: Path) -> None:
        """Without date metadata, the <time datetime> of the article gives the date (not one in a sidebar)."""
        body = (
            '<aside><time datetime="2001-01-01">Older story</time></aside><article><p>Posted '
            '<time datetime="1857-11-17T09:00">17 November 1857</time></p><p>The relief.</p></article>'
        )
        source = html.read(write(tmp_path, f"<html><body>{body}</body></html>"), key="x")
        assert (source.date, source.year) == ("1857-11-17", 1857)

    def test_date_found_by_htmldate_as_a_last_resort(self, tmp_path: Path) -> None:
        """A page with no date metadata and no <time> gets the date its canonical URL gives (htmldate)."""
        head = '<link rel="canonical" href="https://example.org/2003/03/20/war-declared/">'
        source = html.read(write(tmp_path, f"<html><head>{head}</head><body><p>War.</p></body></html>"), key="x")
        assert (source.date, source.year, source.url) == (
            "2003-03-20",
            2003,
            "https://example.org/2003/03/20/war-declared/",
        )
        undated = html.read(write(tmp_path, "<html><body><p>No date anywhere.</p></body></html>"), key="x")
        assert (undated.date, undated.year) == (None, None)

    def test_title_loses_the_site_name_only(self, tmp_path: Path) -> None:
        """A trailing " | Site" is cut from the title when it names the site or follows the headline, else kept."""
        assert html.read(write(tmp_path, BUILT), key="x").title == "The Siege of Lucknow"  # the <h1> before " | "
        kept = "<html><head><title>Bread - A History</title></head><body><p>Flour and water.</p></body></html>"
        assert html.read(write(tmp_path, kept), key="x").title == "Bread - A History"


class TestOutside:
    def test_a_blog_comment_is_found_outside_the_main_text(self) -> None:
        """A reader's comment under a real blog post is located past the main text, and check says so."""
        source = page(BLOG)
        comment = "We also fill our refillable bottles before heading out for a family adventure."
        assert comment not in GROUND_TRUTH[BLOG]["articleBody"]
        assert argmap.locate(source, comment).start >= main_end(source)
        m = argmap.ArgumentMap()
        m.add_source(source)
        m.add_thesis("water", "Families carry their own water on hikes.")
        m.cite("water", "page", comment, "supports", id="comment")
        m.cite("water", "page", SENTENCES[BLOG][2], "supports", id="article")
        statuses = {result.evidence.id: result.status for result in m.check().results}
        assert statuses == {"comment": Status.OUTSIDE, "article": Status.OK}

    def test_sidebar_and_comment_of_a_page_are_outside(self, tmp_path: Path) -> None:
        """Sentences of an <aside> and of a comments block are outside; the article's are ok."""
        m = argmap.ArgumentMap()
        source = m.add_source(html.read(write(tmp_path, BUILT), key="gazette"))
        m.add_thesis("siege", "The Residency was held for months.")
        for evidence, quote in (("aside", ASIDE), ("comment", COMMENT), ("article", ARTICLE)):
            m.cite("siege", "gazette", quote, "supports", id=evidence)
        report = m.check()
        assert {r.evidence.id: r.status for r in report.results} == {
            "aside": Status.OUTSIDE, "comment": Status.OUTSIDE, "article": Status.OK}  # fmt: skip
        assert "outside the main text" in report.format()
        assert m.evidence[0].passage.start >= main_end(source)


class TestErrors:
    @pytest.mark.parametrize("content", [b"", b"  \n\t \n"])
    def test_empty_file(self, tmp_path: Path, content: bytes) -> None:
        """An empty (or blank) file is refused, saying it is empty."""
        with pytest.raises(argmap.SourceFileError, match="empty"):
            html.read(write(tmp_path, content), key="x")

    def test_binary_file(self, tmp_path: Path) -> None:
        """A binary file saved as .html is refused as binary, not decoded into rubbish."""
        png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa"
        with pytest.raises(argmap.SourceFileError, match="binary"):
            html.read(write(tmp_path, png), key="x")

    def test_missing_file(self, tmp_path: Path) -> None:
        """A path to no file says so."""
        with pytest.raises(argmap.SourceFileError, match="no such file"):
            html.read(tmp_path / "gone.html", key="x")

    @pytest.mark.parametrize(
        "head",
        ['<meta charset="windows-1252">', "<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'>"],
    )
    def test_legacy_encoding_declared_in_the_page(self, tmp_path: Path, head: str) -> None:
        """A windows-1252 page (curly quotes, accents) is decoded by its meta charset, even one saying Latin-1."""
        body = "<p>\u201cLiberty,\u201d said the caf\u00e9\u2019s owner, \u201cor nothing.\u201d</p>"
        content = f"<html><head>{head}</head><body>{body}</body></html>".encode("cp1252")
        assert b"\x93" in content
        source = html.read(write(tmp_path, content), key="x")
        assert "\u201cLiberty,\u201d said the caf\u00e9\u2019s owner, \u201cor nothing.\u201d" in source.text

    def test_byte_order_mark(self, tmp_path: Path) -> None:
        """A UTF-16 page with its byte-order mark is decoded by the mark."""
        page_html = "<html><body><p>Stra\u00dfe und Br\u00fccke.</p></body></html>"
        content = codecs.BOM_UTF16_LE + page_html.encode("utf-16-le")
        assert html.read(write(tmp_path, content), key="x").text == "Stra\u00dfe und Br\u00fccke."

    def test_wrong_declared_encoding_says_which_and_how_to_fix(self, tmp_path: Path) -> None:
        """A page that says UTF-8 but is not is refused naming the encoding; encoding= then reads it."""
        page_html = '<html><head><meta charset="utf-8"></head><body><p>caf\xe9</p></body></html>'
        path = write(tmp_path, page_html.encode("cp1252"))
        with pytest.raises(argmap.SourceFileError, match=r"not valid utf-8 \(the charset 'utf-8' it declares\)"):
            html.read(path, key="x")
        assert html.read(path, key="x", encoding="cp1252").text == "caf\u00e9"
        with pytest.raises(argmap.InvalidValueError, match="codec"):
            html.read(path, key="x", encoding="no-such-codec")

    def test_no_entity_script_or_style_leaks_into_the_text(self, tmp_path: Path) -> None:
        """External entities are not resolved, and script and style text never reaches the source."""
        secret = tmp_path / "secret.txt"
        secret.write_text("TOPSECRET")
        page_html = (f'<?xml version="1.0" encoding="utf-8"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
                     '<html><head><title>T</title><style>p::after { content: "STYLE-LEAK" }</style></head><body>'
                     "<article><p>The treaty was signed at the palace after long negotiation between the envoys of "
                     "both crowns &xxe; and sealed.</p><script>document.write('SCRIPT-LEAK')</script>"
                     f'<iframe src="{secret.as_uri()}">IFRAME-LEAK</iframe></article></body></html>')  # fmt: skip
        text = html.read(write(tmp_path, page_html), key="x").text
        assert "The treaty was signed at the palace" in text
        for leak in ("TOPSECRET", "STYLE-LEAK", "SCRIPT-LEAK", "IFRAME-LEAK", "document.write"):
            assert leak not in text

    @pytest.mark.parametrize("field", ["page_pattern", "ignore"])
    def test_page_markers_are_refused(self, field: str) -> None:
        """page_pattern and ignore make no sense for a web page and are refused, saying why."""
        with pytest.raises(argmap.InvalidValueError, match="a web page has no printed pages"):
            html.read(PAGES / f"{BBC}.html", key="x", **{field: r"^Page (\d+)$"})

    def test_too_large_a_file(self, tmp_path: Path) -> None:
        """A file over 50 MB is refused with its size, before it is read."""
        path = tmp_path / "huge.html"
        with path.open("wb") as file:
            file.truncate(html.MAX_BYTES + 1)  # sparse: no 50 MB written
        with pytest.raises(argmap.SourceFileError, match=r"52\.4 MB"):
            html.read(path, key="x")

    @pytest.mark.parametrize(
        "content",
        ["<<<>>><p>Unclosed <div><b>bold <i>text", "</body></html><p>Ends before it starts.", "<p>a<p>b</table></tr>c",
         "<html><body><p>\x0b\x0c form feeds</p>", "<!-- only a comment -->", "<script>only()</script>",
         '<html><body><p>\x00</p><script type="application/ld+json">{"@graph": 5, "author": [[[]]]}</script></body>'],
    )  # fmt: skip
    def test_malformed_html_gives_a_source_or_a_clear_error(self, tmp_path: Path, content: str) -> None:
        """Malformed HTML is read or refused with a SourceFileError, never a traceback."""
        try:
            source = html.read(write(tmp_path, content), key="x")
        except argmap.SourceFileError as exc:
            assert "no text" in str(exc) or "binary" in str(exc)
        else:
            assert source.text and "<" not in source.text.replace("<<<>>>", "")

    def test_deep_nesting(self, tmp_path: Path) -> None:
        """300 unclosed tags (old pages have them) are read to the end; 3,000 levels are refused, saying why."""
        unclosed = "<html><body><p>Start.</p>" + "<font>" * 300 + "The end of the letter.</body></html>"
        assert html.read(write(tmp_path, unclosed), key="x").text.endswith("The end of the letter.")
        deep = "<html><body>" + "<div>" * 3000 + "deep" + "</div>" * 3000 + "</body></html>"
        with pytest.raises(argmap.SourceFileError, match="2,048 levels deep"):
            html.read(write(tmp_path, deep), key="x")
