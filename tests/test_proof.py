"""The proof of quotes: no misquote passes as a slip, every approximate occurrence counts, Unicode
folds, pages are honest, brackets are the historian's, and messages point at what to fix."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

import argmap
from argmap import Match, Source, locate
from argmap.check import Status
from argmap.slips import Judge, english_words, slip_distance, words_of

from .conftest import CHEN_PATTERNS, DATA, SEEDS, chen_source, corpus_source


def refused(source: Source, quote: str, **options: object) -> argmap.QuoteNotFoundError:
    with pytest.raises(argmap.QuoteNotFoundError) as info:
        locate(source, quote, **options)  # type: ignore[arg-type]
    return info.value


class TestMeaningChanges:
    """A changed word is a misquote whatever the budget; the message names the word."""

    @pytest.mark.parametrize(
        ("quote", "wrote", "says"),
        [
            ("tion in Korea in case the war turned against South Korea", "South", "North"),
            ("Mao virtually gave Kim's plan to invade the South a green light", "Mao", "Mao"),
            ("Max virtually gave Kim's plan to invade the South a green light", "Max", "Mao"),
            ("Tim Il Sung's war", "Tim", "Kim"),
            ("Stalin initially feared that such a war would result in direct military conflict", "would", "could"),
            ("By early August over 250,000 Chinese troops had taken up positions", "250,000", "260,000"),
        ],
    )
    def test_on_the_chen_chapter(self, chen: Source, quote: str, wrote: str, says: str) -> None:
        """Direction words, names, modal verbs and numbers changed in the chapter are refused, even at 0.5."""
        if wrote == says:  # the control: the quote as printed is found
            assert locate(chen, quote).match in (Match.EXACT, Match.NORMALIZED)
            return
        error = refused(chen, quote, max_error_rate=0.5)
        assert f"you wrote {wrote!r}, the source says {says!r}" in error.diff

    def test_number_word_in_gage(self) -> None:
        """`fifteen` for `fourteen` in Gage's account of Lexington is a misquote."""
        gage = Source.from_file(DATA / "gage-instructions-1779.txt", key="gage", ignore=["_"])
        error = refused(gage, "our soldiers returned the fire and killed about fifteen of them")
        assert "'fifteen'" in error.diff and "'fourteen'" in error.diff

    @pytest.mark.parametrize(
        ("quoted", "source", "reason"),
        [
            ("unlawful", "lawful", "a negation"), ("informed", "uninformed", "a negation"),
            ("possible", "impossible", "a negation"), ("likely", "unlikely", "a negation"),
            ("couldn't", "could", "a negation"), ("aggregated", "aggregative", "another word"),
            ("ratifies", "ratified", "another word"), ("could", "would", "another word"),
            ("Kim", "Tim", "another name"), ("Mokoyan", "Mikoyan", "another name"),
            ("Eighteen", "Nineteen", "another number"), ("first", "second", "another number"),
            ("1949", "1950", "another number"), ("before", "after", "another word"),
            ("more", "less", "another word"), ("and", "arid", "another word"),
            ("not", "", "a word added or left out"), ("", "never", "a word added or left out"),
            ("countryes", "country", "another form of the word"), ("Rheu", "Rhee", "another name"),
            ("Lechhere", "Lechmere", "another name"),
        ],
    )  # fmt: skip
    def test_pairs(self, quoted: str, source: str, reason: str) -> None:
        """Each kind of change the proof issue lists is named as such."""
        assert Judge(dict).change(quoted, source) == reason

    @pytest.mark.parametrize(
        ("quoted", "source"),
        [
            ("China's", "Chlna's"), ("Union", "Unioñ"), ("Union", "Unlon"), ("the", "tbe"), ("modern", "rnodern"),
            ("finished", "fiinishecl"), ("Second", "Secconnd"), ("Stalin", "Staln"), ("1950", "l950"),
            ("of the", "ofthe"), ("tomorrow,", "tomorrow"), ("CHINA", "China"), ("Cæsar", "Caesar"),
            ("Commmuists'", "Communists'"),
        ],
    )  # fmt: skip
    def test_slips(self, quoted: str, source: str) -> None:
        """OCR confusions, doubled or dropped letters that make no word, lost spaces, punctuation, case."""
        assert Judge(dict).change(quoted, source) is None

    def test_a_spelling_the_source_repeats_is_a_word(self) -> None:
        """`loyall`, printed twice in a 1605 letter, is the source's word: `loyally` changes it."""
        judge = Judge(lambda: {"loyall": 2})
        assert judge.change("loyally", "loyall") == "another word"
        assert Judge(dict).change("loyally", "loyall") is None  # once only: an OCR slip of the copy

    def test_korean_war_keeps_its_ocr_slip(self, korean_war: argmap.ArgumentMap) -> None:
        """The flagship map still loads, with its one fuzzy match: `China's` for the chapter's `Chlna's`."""
        fuzzy = [r for r in korean_war.check().results if r.status is Status.FUZZY]
        assert [r.evidence.id for r in fuzzy] == ["chen-14"]
        assert fuzzy[0].message == "you wrote \"China's\", the source says \"Chlna's\""


class TestEmendation:
    def test_real_word_error_of_the_source(self) -> None:
        """An OCR error that is a real word (`arid`) is a misquote until the quote names the emendation."""
        src = Source(key="s", text="the soldiers arid the sailors marched together to the harbour")
        assert "'and'" in refused(src, "the soldiers and the sailors marched").diff
        p = locate(src, "the soldiers and the sailors marched", emend={"arid": "and"})
        assert p.text == "the soldiers arid the sailors marched" and p.match is Match.FUZZY

    def test_check_lists_every_emendation(self) -> None:
        """`check` reports an emended quote with the emendation, as a warning."""
        m = argmap.ArgumentMap()
        m.add_source(Source(key="s", text="the soldiers arid the sailors marched together to the harbour"))
        m.add_thesis("t", "They marched.")
        m.cite("t", "s", "the soldiers and the sailors marched", "supports", emend={"arid": "and"})
        (result,) = m.check().results
        assert result.status is Status.FUZZY and "you wrote 'and', the source says 'arid'" in result.message

    def test_emend_survives_the_map_file(self, tmp_path: Path) -> None:
        """`emend = { arid = "and" }` is read from and written to the map file."""
        m = argmap.ArgumentMap()
        m.add_source(Source(key="s", text="the soldiers arid the sailors marched together"))
        m.add_thesis("t", "They marched.")
        m.cite("t", "s", "the soldiers and the sailors", "supports", emend={"arid": "and"})
        argmap.save(m, tmp_path / "map.toml")
        assert 'emend = { arid = "and" }' in (tmp_path / "map.toml").read_text(encoding="utf-8")
        assert argmap.load(tmp_path / "map.toml") == m


class TestBrackets:
    def test_changed_capital(self, chen: Source) -> None:
        """`[T]he` quotes `the` in mid-sentence."""
        p = locate(chen, "[T]he Korean War was, first of all, North Korean leader Kim Il Sung's war")
        assert p.text.startswith("the Korean War")

    def test_sic_is_skipped(self, chen: Source) -> None:
        """`[sic]` after the source's own slip is not part of the quote."""
        p = locate(chen, "The Alliance and Chlna's [sic] Entry into the Korean War")
        assert p.match is Match.NORMALIZED and "Chlna" in p.text

    def test_interpolation_stands_for_a_few_words(self, chen: Source) -> None:
        """`[the Chinese leaders]` stands for the source's words (here, none or `Mao`)."""
        p = locate(chen, "he insisted that Kim travel to Beijing to consult with [the Chinese leader] Mao Zedong")
        assert p.text.endswith("Mao Zedong")
        q = locate(chen, "he [Stalin] insisted that Kim travel to Beijing")
        assert q.text == "he insisted that Kim travel to Beijing"

    def test_brackets_the_source_prints_are_its_own(self, gerard: Source) -> None:
        """A quote of Gerard's own `[Dom. James I. xvi. 81]` with `91` is a misquote, not an interpolation."""
        quote = "Dunfermline wrote to Salisbury [Dom. James I. xvi. 81] recommending that the prisoners"
        assert locate(gerard, quote).match in (Match.EXACT, Match.NORMALIZED)
        error = refused(gerard, quote.replace("81", "91"))
        assert "'91]'" in error.diff or "'91'" in error.diff


class TestApproximateOccurrences:
    def test_every_approximate_occurrence_counts(self) -> None:
        """A slip of a phrase printed twice matches both: ambiguous, and occurrence/prefix/suffix pick."""
        src = Source(key="s", text="First the Soviet Union agreed. Later the Soviet Union refused.")
        with pytest.raises(argmap.AmbiguousQuoteError) as info:
            locate(src, "the Soviet Unlon", max_error_rate=0.2)
        assert len(info.value.occurrences) == 2
        second = locate(src, "the Soviet Unlon", max_error_rate=0.2, occurrence=2)
        assert second.start == src.text.index("the Soviet Union", 10) and second.match is Match.FUZZY
        assert locate(src, "the Soviet Unlon", max_error_rate=0.2, prefix="later").start == second.start
        assert locate(src, "the Soviet Unlon", max_error_rate=0.2, suffix="agreed").start < second.start
        with pytest.raises(argmap.InvalidQuoteError, match="occurs 2 time"):
            locate(src, "the Soviet Unlon", max_error_rate=0.2, occurrence=3)

    def test_in_a_book(self, gardiner: Source) -> None:
        """In an indexed book, an OCR slip of a name printed several times is ambiguous too."""
        with pytest.raises(argmap.AmbiguousQuoteError) as info:
            locate(gardiner, "Thomas Wlnter", max_error_rate=0.2)
        exact = len(re.findall(r"\bThomas Winter\b", gardiner.view.text))
        assert exact > 1 and len(info.value.occurrences) == exact

    def test_prefix_forgives_case_spacing_and_slips(self, chen: Source) -> None:
        """A prefix copied from a slightly different text still picks its occurrence."""
        p = locate(chen, "the Korean War", prefix="DISPATCH Chinese  troops to entre")
        assert chen.text[p.start - 11 : p.start] == "s to enter "


class TestUnicode:
    def test_nfd_source_and_nfc_quote(self) -> None:
        """A quote typed in NFC finds a source stored in NFD, and the reverse."""
        text = "le président de la République a parlé"
        nfd = Source(key="d", text=unicodedata.normalize("NFD", text))
        p = locate(nfd, "le président de la République")
        assert p.match is Match.NORMALIZED and nfd.text[p.start : p.end] == p.text
        nfc = Source(key="c", text=text)
        assert locate(nfc, unicodedata.normalize("NFD", "président de la République")).start == 3

    def test_a_combining_mark_is_inside_its_word(self) -> None:
        """A word with a mark no normal form composes (Hebrew shin's dot) is one word: an
        approximate match does not end after the mark, short of the word's last letter (found by
        hypothesis: the suffix after such a match then began with that letter, and was refused)."""
        src = Source(key="h", text="Aa Aaaaa Aaaaaa Ab \u201cAaaa\u201d Aaa \u01baa\u05e9\u05c1a Aaaaa Aaaaaa")
        quote = "aaaaa Aaaaaa Ab \u201cAaaa\u201d Aaa \u01baa\u05e9\u05c1e"
        p = locate(src, quote, suffix="Aaaaa Aaaaaa", emend={"\u01baa\u05e9\u05c1a": "\u01baa\u05e9\u05c1e"})
        assert src.text[p.end - 1 :].startswith("a Aaaaa") and p.start == 3

    def test_full_width_long_s_and_ligatures(self) -> None:
        """Full-width letters, the long s and ligatures read as the letters they are."""
        src = Source(key="s", text="the ＵＳ Army and a ſhip of war; the ﬁrst ﬂeet")
        assert locate(src, "the US Army").text == "the ＵＳ Army"
        assert locate(src, "a ship of war").match is Match.NORMALIZED
        assert locate(src, "the first fleet").match is Match.NORMALIZED

    def test_letter_spaced_words(self) -> None:
        """Letter-spaced print (`z o m b i e   i n`) reads as words."""
        src = Source(key="s", text="he was a   z o m b i e   i n   p o s s e s s i o n   of brains")
        p = locate(src, "zombie in possession")
        assert p.text == "z o m b i e   i n   p o s s e s s i o n"

    @given(st.sampled_from(["NFC", "NFD", "NFKC", "NFKD"]), st.data())
    def test_every_form_anchors_at_the_same_words(self, form: str, data: st.DataObject) -> None:
        """A text and quote in any normalization form anchor at the same words."""
        words = ["président", "élu", "Strasbourg", "ﬁnal", "naïve", "Zürich", "coöperation", "déjà", "vu"]
        chosen = data.draw(st.lists(st.sampled_from(words), min_size=3, max_size=6, unique=True))
        text = " ".join(["start", *chosen, "end"])
        src = Source(key="s", text=unicodedata.normalize(form, text))
        quote = unicodedata.normalize(data.draw(st.sampled_from(["NFC", "NFD", "NFKC"])), " ".join(chosen))
        p = locate(src, quote)
        assert src.text[p.start : p.end] == p.text
        assert p.text.split() == unicodedata.normalize(form, " ".join(chosen)).split()


class TestHonestPages:
    def test_unnumbered_page(self) -> None:
        """A marker whose label is missing starts a page cited with its inferred number in brackets."""
        text = "[Page 6]\nthe sixth page\n[unnumbered]\nthe seventh page\n[Page 8]\nthe eighth page"
        src = Source(key="s", text=text, page_pattern=r"^\[(?:Page (\d+)|unnumbered)\]$")
        p = locate(src, "the seventh page")
        assert p.pages == ("[7]",) and p.cite() == "p. [7]"

    def test_text_before_the_first_marker(self, chen: Source) -> None:
        """The scrape's header before `Page 249` has no page, and check says so, with the fix."""
        m = argmap.ArgumentMap()
        m.add_source(chen)
        m.add_thesis("t", "T.")
        m.cite("t", "chen", "Read Brothers in Arms Online", "supports")
        (result,) = m.check().results
        assert result.status is Status.UNPAGED and "first_page" in result.message
        assert result.passage is not None and result.passage.pages == ()

    def test_pattern_that_matches_nothing(self) -> None:
        """A page pattern that matches nothing is refused when the source is made."""
        with pytest.raises(argmap.InvalidValueError, match="matches nothing"):
            Source(key="s", text="no markers here", page_pattern=r"^\[Pg (\d+)\]$")

    def test_pattern_problems_have_their_line(self, tmp_path: Path) -> None:
        """In a map file, a page pattern that matches nothing and a broken ignore pattern are problems with lines."""
        (tmp_path / "map.toml").write_text(
            '[[source]]\nkey = "a"\ntext = "plain"\npage_pattern = "^Page (\\\\d+)$"\n\n'
            '[[source]]\nkey = "b"\ntext = "plain"\nignore = ["(unclosed"]\n',
            encoding="utf-8",
        )
        with pytest.raises(argmap.MapFileError) as info:
            argmap.load(tmp_path / "map.toml")
        assert [line for line, _ in info.value.problems] == [4, 9]

    def test_group_that_does_not_take_part(self) -> None:
        """`^\\[(?:Page (\\d+)|unnumbered page)\\]$` is no traceback: the unnumbered page is inferred."""
        text = "[Page 1]\none\n[unnumbered page]\ntwo"
        src = Source(key="s", text=text, page_pattern=r"^\[(?:Page (\d+)|unnumbered page)\]$")
        assert locate(src, "two").pages == ("[2]",)

    def test_quoted_in_takes_the_host_pages(self) -> None:
        """A letter printed in a book, read from the same file, is on the book's pages."""
        text = (SEEDS / "westad-brothers-in-arms-pp249-252.txt").read_text(encoding="utf-8")
        m = argmap.ArgumentMap()
        m.add_source(Source(key="book", text=text, path="x.txt", **CHEN_PATTERNS))  # type: ignore[arg-type]
        letter = m.add_source(Source(key="letter", text=text, path="x.txt", quoted_in="book"))
        assert letter.page_pattern == CHEN_PATTERNS["page_pattern"]
        assert locate(letter, "Stalin initially feared").pages == ("251",)

    def test_page_range(self) -> None:
        """A source limited to pp. 250-251 of its file finds nothing on p. 252, and says where it is."""
        chen = attrs.evolve(chen_source(), pages="250-251")
        assert locate(chen, "Stalin initially feared").pages == ("251",)
        error = refused(chen, "avoid a direct military confrontation with the United States")
        assert "the words are on p. 252, outside this source's pages 250-251" in str(error)

    def test_page_range_must_exist(self) -> None:
        """A page range the text does not have is an error naming the pages it has."""
        with pytest.raises(argmap.InvalidValueError, match="249, 250, 251, 252"):
            _ = attrs.evolve(chen_source(), pages="300-310").extent


class TestMessages:
    def test_diff_on_the_normalized_text(self, chen: Source) -> None:
        """A fuzzy match across a page break shows no page marker in its diff."""
        m = argmap.ArgumentMap()
        m.add_source(chen)
        m.add_thesis("t", "T.")
        m.cite("t", "chen", "to prepare for military intervantion in Korea in case the war turned", "supports")
        (result,) = m.check().results
        assert result.message == "you wrote 'intervantion', the source says 'intervention'"

    def test_nearest_passage_is_whole_words(self, chen: Source) -> None:
        """The nearest passage of a misquote starts and ends on word boundaries."""
        error = refused(chen, "Stalin initially hoped that such a war could result")
        assert error.nearest is not None and error.nearest.text.startswith("Stalin initially feared")
        assert error.nearest.text.endswith("result")

    def test_found_only_inside_longer_words(self) -> None:
        """A quote found only inside longer words says so: the source may have lost a space."""
        src = Source(key="s", text="a zombie in possession ofbrains and no more")
        error = refused(src, "rains", max_error_rate=0)
        assert "found only inside longer words: 'ofbrains'" in str(error)
        assert locate(src, "possession of brains").match is Match.FUZZY  # as a slip: a lost space

    def test_elided_part_too_far(self, chen: Source) -> None:
        """An elided part past the gap says how far it is and where."""
        error = refused(chen, "Brothers in Arms Online ... avoid a direct military confrontation", max_gap=100)
        assert "characters after the part before it (p. 252)" in str(error) and "max_gap" in str(error)


# -- properties ---------------------------------------------------------------------------------

_BOOK = corpus_source("gardiner-1897-what-gunpowder-plot-was", "gardiner")
_OCR = {"l": "1", "i": "l", "e": "c", "h": "b", "o": "0", "m": "rn", "d": "cl", "w": "vv", "n": "u"}


def _span(data: st.DataObject, low: int = 80, high: int = 200) -> tuple[int, int, str]:
    """A stretch of the book's view at word boundaries: its view offsets and text."""
    view = _BOOK.view
    start = data.draw(st.integers(0, len(view.text) - high - 1))
    while not view.is_boundary(start) or not view.text[start].isalpha():
        start += 1
    end = start + data.draw(st.integers(low, high))
    while not view.is_boundary(end):
        end += 1
    text = view.text[start:end]
    assume("..." not in text and "[" not in text and text[-1].isalnum() and view.text.count(text) == 1)
    return start, end, text


@given(st.data())
def test_ocr_slips_are_found_at_the_span(data: st.DataObject) -> None:
    """A quote cut from a book and hit by OCR slips (a few, in words of 5 letters or more, making no
    word) is found where it was cut (or, where the book prints nearly the same words elsewhere,
    is ambiguous between places that include it)."""
    start, end, clean = _span(data)
    words = [m for m in re.finditer(r"[a-z]{5,}", clean) if m.start() > 3 and m.end() < len(clean) - 3]
    assume(words)
    hit = data.draw(st.lists(st.sampled_from(words), min_size=1, max_size=3, unique_by=lambda m: m.start()))
    noisy = clean
    for m in sorted(hit, key=lambda m: -m.start()):
        spots = [i for i, c in enumerate(m.group()) if c in _OCR]
        assume(spots)
        i = data.draw(st.sampled_from(spots))
        word = m.group()[:i] + _OCR[m.group()[i]] + m.group()[i + 1 :]
        assume(word not in english_words())
        noisy = noisy[: m.start()] + word + noisy[m.end() :]
    truth = _BOOK.view.to_original(start, end)
    try:
        p = locate(_BOOK, noisy)
    except argmap.AmbiguousQuoteError as exc:
        assert truth in [(s, e) for s, e, _ in exc.occurrences]
        return
    assert (p.start, p.end) == truth


@given(st.data())
def test_a_word_replaced_by_another_of_the_text_is_refused(data: st.DataObject) -> None:
    """The same quote with one inner word replaced by another word the book uses is a misquote."""
    _, _, clean = _span(data)
    words = list(re.finditer(r"(?<![\w'])[a-z]{3,}(?![\w'])", clean))[1:-1]
    assume(words)
    m = data.draw(st.sampled_from(words))
    vocabulary = sorted({w for w in re.findall(r"\b[a-z]{3,}\b", _BOOK.view.text[:50_000]) if w in english_words()})
    other = data.draw(st.sampled_from([w for w in vocabulary if abs(len(w) - len(m.group())) <= 2]))
    assume(other != m.group() and slip_distance(other, m.group()) > 0)
    quote = clean[: m.start()] + other + clean[m.end() :]
    assume(quote not in _BOOK.view.text)
    with pytest.raises(argmap.QuoteNotFoundError):
        locate(_BOOK, quote, max_error_rate=0.3)


def _words_plainly(text: str) -> Counter[str]:
    """How words_of counts words, written plainly: every character folded in turn."""
    spelled_out = str.maketrans({"æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "þ": "th"})
    folded = unicodedata.normalize("NFKD", text.casefold().translate(spelled_out))
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return Counter(w.replace("'", "").replace("\u2019", "") for w in re.findall(r"\w+(?:['\u2019]\w+)*", folded))


_LETTERS_TO_FOLD = "ae\u0301\u0308ÉéæŒøßİ\u2019' -Ꮳﬁ1ſ한글\u05e9\u05c1"


@given(st.text(st.sampled_from(_LETTERS_TO_FOLD), max_size=40) | st.text(max_size=40))
def test_words_of_counts_as_written_plainly(text: str) -> None:
    """The source's words, counted from the stretches beyond ASCII only, are what folding every
    character gives (accents off, æ spelled out, apostrophes inside words dropped)."""
    assert words_of(text) == _words_plainly(text)


@pytest.mark.parametrize("path", [*SEEDS.glob("*.txt"), *DATA.glob("*.txt")], ids=lambda path: path.stem)
def test_words_of_real_texts_count_as_written_plainly(path: Path) -> None:
    text = Source.from_file(path, key="s").view.text
    assert words_of(text) == _words_plainly(text)


def _slip_distance_plainly(a: str, b: str) -> int:
    """slip_distance as its docstring defines it, written plainly: runs of a letter tripled read
    as doubled, OCR letters alike, both passes (pairs read as one letter, or not) always made."""
    ocr = str.maketrans({c: group[0] for group in ("li1!|", "o0", "ce", "s5f", "nu", "hb") for c in group})
    pairs = {"rn": "m", "vv": "w", "cl": "d"}

    def folded(key: str, paired: bool) -> str:
        return (re.sub("rn|vv|cl", lambda m: pairs[m.group()], key) if paired else key).translate(ocr)

    a, b = re.sub(r"([^\W\d_])\1{2,}", r"\1\1", a), re.sub(r"([^\W\d_])\1{2,}", r"\1\1", b)
    single_a, single_b = re.sub(r"([^\W\d_])\1+", r"\1", a), re.sub(r"([^\W\d_])\1+", r"\1", b)
    distance = 2 * (len(a) + len(b))
    for paired in (False, True):
        if folded(a, paired) == folded(b, paired) or folded(single_a, paired) == folded(single_b, paired):
            return 0
        distance = min(distance, int(Levenshtein.distance(folded(a, paired), folded(b, paired), weights=(1, 1, 2))))
    return distance


_OCR_ALPHABET = st.text(st.sampled_from("rnmvwcldlie1ohbus5f0aé"), max_size=8)
_CONFUSED = {"rn": "m", "m": "rn", "vv": "w", "w": "vv", "cl": "d", "d": "cl", "l": "i", "e": "c", "ll": "l", "s": "f"}


@given(_OCR_ALPHABET, st.data())
def test_slip_distance_is_as_defined_plainly(a: str, data: st.DataObject) -> None:
    """The quick slip distance (one pass for words without OCR pairs) is the plain one, on words
    and their OCR misreadings (pairs read as one letter, letters alike, doubled, dropped)."""
    b = a
    for _ in range(data.draw(st.integers(0, 3))):
        found = [(m.start(), m.group()) for m in re.finditer("|".join(sorted(_CONFUSED, key=len, reverse=True)), b)]
        if found:
            at, seen = data.draw(st.sampled_from(found))
            b = b[:at] + _CONFUSED[seen] + b[at + len(seen) :]
    b = data.draw(st.sampled_from([b, b + b[-1:], b[1:], data.draw(_OCR_ALPHABET)]))
    assert slip_distance.__wrapped__(a, b) == _slip_distance_plainly(a, b)
    assert slip_distance.__wrapped__(b, a) == _slip_distance_plainly(b, a)
