"""Locating quotes in real, messy sources: exact, normalized, fuzzy, ambiguous and missing."""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import argmap
from argmap import Match, Source, locate
from argmap.slips import NUMBER_WORDS, english_words, word_diff, words_of
from argmap.text import is_boundary

from .conftest import DATA, chen_source, corpus_source


def found(source: Source, quote: str, **options: object) -> argmap.Passage:
    passage = locate(source, quote, **options)  # type: ignore[arg-type]
    assert source.text[passage.start : passage.end] == passage.text
    return passage


class TestNormalizedMatching:
    def test_exact_quote(self, chen: Source) -> None:
        """A quote copied verbatim matches exactly, on its page."""
        p = found(chen, "Stalin initially feared that such a war could result in direct military conflict")
        assert (p.match, p.pages, p.score) == (Match.EXACT, ("251",), 1.0)
        assert chen.text.index("Stalin initially feared") == p.start

    def test_quote_across_hyphenated_page_break(self, chen: Source) -> None:
        """`interven-` / page marker / `tion` reads as `intervention` and cites both pages."""
        p = found(chen, "to prepare for military intervention in Korea in case the war turned against North Korea")
        assert p.match is Match.NORMALIZED
        assert p.pages == ("251", "252")
        assert "page_252<br/>" in p.text and p.text.endswith("against North Korea")

    def test_quote_across_page_break_between_words(self, chen: Source) -> None:
        """A sentence that runs on from page 250 to 251 is found and cites both."""
        p = found(chen, "the revolutionary situation existing on the Korean peninsula.")
        assert p.pages == ("250", "251")

    def test_quote_across_footnote_number(self, chen: Source) -> None:
        """A footnote number on its own line, and the space it leaves before `;`, are skipped."""
        p = found(chen, "Northeast and Xinjiang; in exchange, the Soviets agreed to provide more military")
        assert "\n19\n" in p.text
        assert p.pages == ("250",)

    def test_sentence_after_footnote_and_page_marker(self, chen: Source) -> None:
        """Footnote 23 between two sentences does not stop a quote spanning both."""
        p = found(chen, "Korean peninsula. Stalin initially feared")
        assert "23" in p.text and p.pages == ("251",)

    def test_straight_apostrophe_finds_curly(self, hanngill: Source) -> None:
        """A quote typed with ' finds the source's ’."""
        p = found(hanngill, "Stalin's objectives regarding the Soviet withdrawal")
        assert p.match is Match.NORMALIZED and "\u2019" in p.text

    def test_curly_apostrophe_finds_straight(self, chen: Source) -> None:
        """A quote pasted with ’ finds the source's '."""
        p = found(chen, "Liu\u2019s visit promoted Sino-Soviet strategic cooperation")
        assert "Liu's" in p.text

    def test_curly_double_quotes_and_newline_in_quote(self, chen: Source) -> None:
        """Curly double quotes and a line break in the quote match straight quotes and a space."""
        p = found(chen, "the Soviet Union would \u201ctry to provide\nair cover for these units.\u201d")
        assert p.text.endswith('units."')

    def test_no_break_space_in_source(self, chen: Source) -> None:
        """The no-break-space lines between pages fold into the surrounding whitespace."""
        p = found(chen, "Chinese Premier Zhou Enlai arrived in Moscow on January 20")
        assert "\xa0" in p.text and p.pages == ("249", "250")

    def test_korean_lines_around_english(self, hanngill: Source) -> None:
        """English between Korean lines is found, and a Korean gloss is found as written."""
        p = found(hanngill, "first, to demonstrate solidarity of the Soviet Union towards the new China.")
        gloss = found(hanngill, "모택동이 1949년 새운 중화인민공화국과의 유대를 공고히 하기 위해서.")
        assert p.end < gloss.start
        assert p.pages == ()

    def test_quote_ends_where_source_lacks_a_space(self, hanngill: Source) -> None:
        """`... Korean WarIn his telegram`, quoted up to `War`, ends at `War`."""
        p = found(hanngill, "actually wanted U.S. intervention in the Korean War")
        assert hanngill.text[p.end : p.end + 2] == "In"

    def test_ascii_dashes_find_em_dash_across_page_marker(self, gardiner: Source) -> None:
        """`--` and `'` typed in ASCII find an em dash and curly quotes in an 1897 book."""
        p = found(gardiner, "on the night of November 4, 1605--the opening of Parliament being fixed for the next day")
        assert "\u2014" in p.text

    def test_pages_of_gutenberg_markers_in_mid_sentence(self, gardiner: Source) -> None:
        """A quote over a `[Pg 3]` marker in mid-sentence cites pp. 2–3 and skips the marker."""
        p = found(gardiner, "regards as having been set forth")
        assert "[Pg 3]" in p.text
        assert p.pages == ("2", "3") or p.pages == ("3",)
        assert p.pages[-1] == "3"

    def test_footnote_anchor_is_skipped(self, gardiner: Source) -> None:
        """An inline `[14]` footnote anchor does not break a quote."""
        p = found(gardiner, "Fawkes, till, on the night of November 4, 1605")
        assert "[14]" in p.text

    def test_roman_page_numbers(self, gerard: Source) -> None:
        """Preface pages in roman numerals are cited as such, across a marker."""
        p = found(gerard, "fundamentally at variance with it")
        assert p.pages == ("v", "vi")
        assert p.cite() == "pp. v\u2013vi"

    def test_elided_quote(self, chen: Source) -> None:
        """An ellipsis marks an elision: both parts found in order, the passage spans them."""
        p = found(chen, "Stalin initially feared ... he did not endorse Kim's plans")
        assert p.text.startswith("Stalin initially feared") and p.text.endswith("endorse Kim's plans")

    @pytest.mark.parametrize("mark", ["....", ". ...", ". . . .", " ....", ". \u2026"])
    def test_elided_quote_with_four_dots(self, chen: Source, mark: str) -> None:
        """A sentence's period before an elision (four dots, Chicago's way) is part of the mark:
        the part after it is found as written, not with a stray period."""
        p = found(chen, f"he did not endorse Kim's plans{mark} U.S. Secretary of State Dean Acheson's statement")
        assert p.text.startswith("he did not endorse") and p.text.endswith("Acheson's statement")

    def test_elided_quote_with_unicode_ellipsis(self, chen: Source) -> None:
        """`…` works like `...` for elisions."""
        assert found(chen, "Mao favored dispatching troops to Korea\u2026 a long telegram").pages == ("252",)


class TestAmbiguity:
    def test_repeated_quote_is_ambiguous_with_pages(self, chen: Source) -> None:
        """A quote found many times lists every occurrence with its page."""
        with pytest.raises(argmap.AmbiguousQuoteError) as info:
            locate(chen, "the Korean War")
        occurrences = info.value.occurrences
        assert len(occurrences) == len(re.findall(r"the Korean War\b", chen.text))
        assert [pages for *_, pages in occurrences][:1] == [("250",)]
        assert "occurrence=N" in str(info.value)

    def test_occurrence_picks_one(self, chen: Source) -> None:
        """occurrence=N takes the N-th occurrence, counted from 1."""
        first = found(chen, "the Korean War", occurrence=1)
        third = found(chen, "the Korean War", occurrence=3)
        assert first.start < third.start

    def test_occurrence_out_of_range(self, chen: Source) -> None:
        """Asking for an occurrence that does not exist says how many there are."""
        with pytest.raises(argmap.InvalidQuoteError, match="occurs 7 time"):
            locate(chen, "the Korean War", occurrence=99)

    def test_prefix_and_suffix_pick_one(self, chen: Source) -> None:
        """The words around a quote (TextQuoteSelector) pick its occurrence."""
        p = found(chen, "the Korean War", prefix="dispatch Chinese troops to enter")
        assert chen.text[p.start - 11 : p.start] == "s to enter "
        q = found(chen, "the Korean War", suffix="would warrant substantial")
        assert q.pages == ("252",) and chen.text[q.end : q.end + 14] == " would warrant"

    def test_prefix_that_matches_nothing(self, chen: Source) -> None:
        """A prefix found before no occurrence is an error that says so."""
        with pytest.raises(argmap.InvalidQuoteError, match=r"occurs 7 time\(s\) \(p. 250, .*never with the prefix"):
            locate(chen, "the Korean War", prefix="no such words")

    def test_short_quote_not_inside_longer_word(self) -> None:
        """A name does not anchor inside a longer word (`Stalin` in `Stalinism`)."""
        src = Source(key="s", text="Stalinism grew. Later Stalin spoke.")
        p = found(src, "Stalin")
        assert p.start == src.text.index("Later") + 6


class TestFuzzy:
    def test_ocr_slip_in_source(self, chen: Source) -> None:
        """`China's` finds the source's OCR slip `Chlna's` as a fuzzy match with a score."""
        p = found(chen, "The Alliance and China's Entry into the Korean War")
        assert p.match is Match.FUZZY and 0.9 < p.score < 1
        assert "Chlna" in p.text

    def test_accent_slip(self, chen: Source) -> None:
        """`Union` finds `Unioñ`, keeping the true ends of the span."""
        p = found(chen, "a strategic alliance with the Soviet Union culminated in December")
        assert p.text.startswith("a strategic") and p.text.endswith("December")
        assert p.match is Match.FUZZY

    def test_dropped_comma(self, chen: Source) -> None:
        """A dropped comma is a slip, not a misquote."""
        p = found(chen, "give the Chinese Communists substantial political, military and other material support")
        assert p.match is Match.FUZZY and p.text.endswith("military, and other material support")

    def test_changed_word_is_a_misquote(self, chen: Source) -> None:
        """A changed meaning-bearing word is rejected, showing the nearest passage and the diff."""
        with pytest.raises(argmap.QuoteNotFoundError) as info:
            locate(chen, "Stalin initially hoped that such a war could result in direct military conflict")
        error = info.value
        assert error.nearest is not None and error.nearest.pages == ("251",)
        assert error.nearest.text.startswith("Stalin initially feared")
        assert "'hoped'" in error.diff and "'feared'" in error.diff
        assert "p. 251" in str(error)

    def test_dropped_not_is_a_misquote(self, chen: Source) -> None:
        """Leaving out `not` changes the meaning: rejected even though it is a small edit."""
        with pytest.raises(argmap.QuoteNotFoundError, match="'never'"):
            locate(chen, "First, he made the commitment to use Soviet military forces in Korea.")

    def test_changed_number_is_a_misquote(self, chen: Source) -> None:
        """A different number is never a transcription slip."""
        with pytest.raises(argmap.QuoteNotFoundError):
            locate(chen, "By early August over 250,000 Chinese troops had taken up positions")

    def test_budget_zero_turns_fuzzy_off(self, chen: Source) -> None:
        """max_error_rate=0 accepts only exact and normalized matches."""
        with pytest.raises(argmap.QuoteNotFoundError):
            locate(chen, "The Alliance and China's Entry into the Korean War", max_error_rate=0)

    def test_elided_part_that_fails_is_named(self, chen: Source) -> None:
        """For an elided quote, the error says which part is not there."""
        with pytest.raises(argmap.QuoteNotFoundError) as info:
            locate(chen, "Stalin initially feared ... Truman wanted peace")
        assert info.value.part == "Truman wanted peace"

    def test_nothing_close(self) -> None:
        """A quote from another text altogether reports that nothing comes close or a weak match."""
        src = Source(key="s", text="The quick brown fox jumps over the lazy dog.")
        with pytest.raises(argmap.QuoteNotFoundError, match="not in source 's'"):
            locate(src, "Stalin wanted the United States to intervene in Korea")

    def test_empty_quote(self, chen: Source) -> None:
        """An empty quote or a bare ellipsis is an InvalidQuoteError."""
        for quote in ("", "   ", "...", "\u2026"):
            with pytest.raises(argmap.InvalidQuoteError):
                locate(chen, quote)

    def test_word_diff_names_the_words(self) -> None:
        """The diff says what the user wrote and what the source says."""
        text, changed = word_diff("he feared a war", "he hoped for a war")
        assert changed and text == "you wrote 'feared', the source says 'hoped for'"


# -- properties ---------------------------------------------------------------------------------

_CHEN = chen_source()
_BOOK = corpus_source("gardiner-1897-what-gunpowder-plot-was", "gardiner")
_BOOK_WORDS = frozenset(word for word in words_of(_BOOK.text) if len(word) > 2)  # as the judge counts them
_ASCII = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2014": "--", "\u2013": "-"})


_WORD_END = re.compile(r"\w(?!\w)")


def _word_span(source: Source, data: st.DataObject, low: int, high: int) -> tuple[int, int, str]:
    """A span of the view cut at word boundaries: its original offsets and its view text."""
    view = source.view.text
    starts = [m.start() for m in re.finditer(r"(?<!\w)\w", view)]
    start = starts[data.draw(st.integers(0, len(starts) - 60))]
    ends = [m.end() for m in _WORD_END.finditer(view, start, min(len(view), start + high + 1))]
    ends = [e for e in ends if low <= e - start <= high and e < start + high + 1 and is_boundary(view, e)]
    assume(ends)
    end = data.draw(st.sampled_from(ends))
    assume("..." not in view[start:end])  # an ellipsis in a quote marks an elision
    return (*source.view.to_original(start, end), view[start:end])


def _reflow(quote: str, data: st.DataObject) -> str:
    words = quote.translate(_ASCII).split()
    seps = data.draw(st.lists(st.sampled_from([" ", "\n", "  ", " \n "]), min_size=len(words), max_size=len(words)))
    return "".join(w + s for w, s in zip(words, seps, strict=True)).strip()


class TestProperties:
    @given(st.data())
    def test_span_cut_from_seed_is_found_exactly_there(self, data: st.DataObject) -> None:
        """Any word-bounded span of the Chen text, reflowed and ASCII-fied, locates to its own span."""
        start, end, clean = _word_span(_CHEN, data, 20, 240)
        quote = _reflow(clean, data)
        try:
            p = locate(_CHEN, quote)
        except argmap.AmbiguousQuoteError as exc:
            assert (start, end) in [(s, e) for s, e, _ in exc.occurrences]
            return
        assert (p.start, p.end) == (start, end)
        assert p.match in (Match.EXACT, Match.NORMALIZED)

    @given(st.data())
    def test_span_cut_from_book_is_found_exactly_there(self, data: st.DataObject) -> None:
        """Same on a 400 kB book with `[Pg N]` markers and `[N]` anchors (seed index path)."""
        start, end, clean = _word_span(_BOOK, data, 40, 300)
        quote = _reflow(clean, data)
        assume(len(quote) > 30)
        try:
            p = locate(_BOOK, quote)
        except argmap.AmbiguousQuoteError as exc:
            assert (start, end) in [(s, e) for s, e, _ in exc.occurrences]
            return
        assert (p.start, p.end) == (start, end)
        assert p.pages == _BOOK.pages_of(start, end)

    @given(st.data())
    def test_noisy_quote_is_found_at_its_true_span(self, data: st.DataObject) -> None:
        """OCR-like noise (3-5 % of the characters, inside the quote) is a fuzzy match at the true span."""
        start, end, clean = _word_span(_BOOK, data, 120, 300)
        assume(len(clean) >= 100)
        noisy = list(clean)
        # at most one slip a word (away from the ends), so that each word stays recognisable
        words = [m for m in re.finditer(r"[^\W\d_]{3,}", clean) if m.start() >= 8 and m.end() <= len(clean) - 8]
        count = max(1, round(len(clean) * data.draw(st.floats(0.03, 0.05))))
        assume(len(words) >= count)
        hit = data.draw(st.lists(st.sampled_from(words), min_size=count, max_size=count, unique_by=lambda m: m.start()))
        spots = sorted(data.draw(st.integers(m.start(), m.end() - 1)) for m in hit)
        for i in reversed(spots):
            kind = data.draw(st.sampled_from(["sub", "del", "ins"]))
            if kind == "sub":
                noisy[i] = "x" if noisy[i] != "x" else "y"
            elif kind == "del":
                del noisy[i]
            else:
                noisy.insert(i, "e")
        quote = "".join(noisy)
        pairs = [(a, b) for a, b in zip(re.findall(r"\w+", clean), re.findall(r"\w+", quote), strict=False) if a != b]
        try:
            p = locate(_BOOK, quote)
        except argmap.QuoteNotFoundError as exc:
            # rejected only where a word took several slips, or a slip made a name into another
            # name or a word into another word: those are misquotes, not slips
            assert exc.nearest is not None
            # the nearest passage is the true span, or the same words printed elsewhere too
            assert abs(exc.nearest.start - start) <= 3 or _BOOK.view.text.count(clean) > 1
            known = english_words() | NUMBER_WORDS | _BOOK_WORDS  # a slip that makes a word of the book is a misquote
            assert len(pairs) < count or any(
                a[:1].isupper() or re.sub(r"\W", "", b.casefold()) in known or a.casefold() in NUMBER_WORDS
                for a, b in pairs
            ), pairs
            return
        assert p.match is Match.FUZZY
        assert abs(p.start - start) <= 3 and abs(p.end - end) <= 3

    @given(st.data())
    def test_changed_word_is_rejected_with_right_nearest(self, data: st.DataObject) -> None:
        """Replacing a long word by an unrelated one is a misquote whose nearest passage is the original."""
        start, end, clean = _word_span(_BOOK, data, 60, 200)
        assume("[" not in clean)  # brackets in a quote mark the historian's own words, not matched
        words = clean.split(" ")
        long_words = [i for i, w in enumerate(words[1:-1], 1) if re.fullmatch(r"[a-z]{7,}", w)]
        assume(long_words)
        i = data.draw(st.sampled_from(long_words))
        words[i] = "zebra" if words[i] != "zebra" else "quagga"
        with pytest.raises(argmap.QuoteNotFoundError) as info:
            locate(_BOOK, " ".join(words))
        nearest = info.value.nearest
        assert nearest is not None
        view = _BOOK.view  # the book prints some passages twice (its publisher's lists): any copy is the original
        copies = [view.to_original(*m.span()) for m in re.finditer(re.escape(clean), view.text)]
        assert (start, end) in copies
        assert any(nearest.start <= s + 3 and nearest.end >= e - 3 for s, e in copies)
        assert "'zebra'" in info.value.diff or "'quagga'" in info.value.diff


class TestBookLength:
    def test_short_quote_in_a_book(self, gardiner: Source) -> None:
        """A quote shorter than the index's n-grams is still found in an indexed book."""
        with pytest.raises(argmap.AmbiguousQuoteError):
            locate(gardiner, "Fawkes")
        assert found(gardiner, "Knyvet", occurrence=1).text == "Knyvet"

    def test_changed_words_in_a_book_are_rejected(self, gardiner: Source) -> None:
        """A misquote whose rare n-grams are intact is still a misquote (candidates are verified)."""
        with pytest.raises(argmap.QuoteNotFoundError) as info:
            locate(
                gardiner, "on the night of November 4, 1605--the closing of Parliament being fixed for the next week"
            )
        assert info.value.nearest is not None and "opening" in info.value.nearest.text

    def test_seed_index_is_compact(self, gardiner: Source) -> None:
        """The seed index holds about one byte a character of the text (an n-gram every 8 characters)."""
        from argmap.anchor import _seed_index

        index = _seed_index(gardiner.view)
        assert index is not None
        assert index.nbytes <= 1.01 * len(gardiner.view.text)


class TestLexington:
    def test_british_account_without_pages(self) -> None:
        """Gage's account has no page markers: passages have no pages, and cite() says nothing."""
        gage = Source.from_file(DATA / "gage-instructions-1779.txt", key="gage")
        p = found(gage, "one of the rebels fired a shot, our soldiers returned the fire")
        assert p.pages == () and p.cite() == ""

    def test_italics_markers_ignored_by_pattern(self) -> None:
        """`_underscores_` (italics) can be ignored like any debris, so a plain quote finds them."""
        gage = Source.from_file(DATA / "gage-instructions-1779.txt", key="gage", ignore=[r"(?<!\w)_|_(?!\w)"])
        p = found(gage, "every thing would succeed with them--quotes Caesar and Pompey, brigadiers Putnam and Ward")
        assert "_Cæsar_" in p.text and p.match is Match.FUZZY  # Cæsar typed as Caesar: one slip

    def test_american_account_across_page_and_footnotes(self, coburn: Source) -> None:
        """Coburn's 1912 account: a quote over `[Pg 10]` with `[18]` anchors cites pp. 9–10."""
        p = found(coburn, 'annoyance of this province." And they should have the power to alarm, muster and cause')
        assert p.pages == ("9", "10")
        q = found(coburn, "such of the militia as they shall deem necessary for its defence. And it was also resolved")
        assert "[18]" in q.text and q.cite() == "p. 10"


class TestScripts:
    def test_more_than_256_distinct_characters(self) -> None:
        """Approximate matching works past edlib's 256-symbol alphabet (a text of 600 syllables)."""
        syllables = "".join(chr(0xAC00 + 7 * i) for i in range(600))
        text = " ".join(syllables[i : i + 5] for i in range(0, 600, 5))
        src = Source(key="k", text=text)
        quote = text[300:419]
        typo = quote[:50] + "X" + quote[51:]
        p = found(src, typo)
        assert (p.start, p.end, p.match) == (300, 419, Match.FUZZY)

    def test_korean_typo_found_fuzzily(self, hanngill: Source) -> None:
        """A Korean gloss with one slip (드러내기 for the source's 들어내기) is found fuzzily."""
        p = found(
            hanngill, "중공 대신에 장개석 정부가 안보리에 들어오는 것을 허락한 미국의 모순을 강력히 드러내기 위해서."
        )
        assert p.match is Match.FUZZY and p.text.startswith("중공 대신에")


@given(st.permutations(range(6)))
def test_results_do_not_depend_on_citing_order(order: list[int]) -> None:
    """Citing the same quotes in any order gives the same passage for each."""
    quotes = [
        "Stalin initially feared that such a war could result in direct military conflict",
        "prepare for military intervention in Korea",
        "The Alliance and China's Entry into the Korean War",
        "Northeast and Xinjiang; in exchange",
        "the Korean War",
        "Mao favored dispatching troops to Korea",
    ]
    m = argmap.ArgumentMap()
    m.add_source(_CHEN)
    m.add_thesis("t", "A thesis.")
    passages = {}
    for i in order:
        ev = m.cite("t", "chen", quotes[i], "supports", occurrence=2 if i == 4 else None)
        passages[i] = ev.passage
    assert [passages[i] for i in range(6)] == [
        locate(_CHEN, q, occurrence=2 if i == 4 else None) for i, q in enumerate(quotes)
    ]


def test_quote_after_a_line_end_hyphen() -> None:
    """A quote may start after a hyphen at a line's end (`mouth-` / `shaped hole`): the join counts as a word break."""
    src = Source(key="w", text="A mouth was originally written as a mouth-\nshaped hole, and is now squared.")
    p = found(src, "shaped hole, and is now squared")
    assert p.start == src.text.index("shaped") and p.match is Match.EXACT


@given(st.data())
def test_seed_index_finds_every_occurrence(data: st.DataObject) -> None:
    """The seed index's occurrences of any piece of the text hold every place it stands (a
    superset: the caller checks each), whatever part of the piece the index looks at."""
    from argmap.index import GRAM, STRIDE, SeedIndex

    text = data.draw(st.sampled_from([_REPEATS, _BOOK.view.text[:20_000], _CYRILLIC, _MIXED]))
    index = SeedIndex(text)
    start = data.draw(st.integers(0, len(text) - GRAM - STRIDE))
    needle = text[start : start + data.draw(st.integers(GRAM + STRIDE, 300))]
    places, at = [], text.find(needle)
    while at >= 0:
        places.append(at)
        at = text.find(needle, at + 1)
    assert set(places) <= set(index.occurrences(needle))


_REPEATS = "the plot was known; " * 40 + "the plot was not known to the king; " * 30 + "the end."
# Characters beyond Latin-1 hash by their low byte: 'а' (U+0430) like '0', '阿' (U+963F) like '?'
_CYRILLIC = "заговор был раскрыт 5 ноября 1605 года; " * 60 + "заговорщики 0 и ?. " * 40
_MIXED = "Fawkes (Гай Фокс, 福克斯) – 1605 — «заговор»; " * 80


@given(st.data())
def test_long_quote_with_a_slip_is_found_at_any_offset(data: st.DataObject) -> None:
    """A quote of 300-900 characters with one slip is found at its span, whatever its offset
    modulo the index's stride (the seed index once looked up every other n-gram of such a
    quote, and missed it wherever it started at an odd offset)."""
    start, end, clean = _word_span(_BOOK, data, 300, 900)
    words = [m for m in re.finditer(r"[^\W\d_]{6,}", clean) if m.start() >= 20 and m.end() <= len(clean) - 20]
    assume(words)
    word = data.draw(st.sampled_from(words))
    quote = clean[: word.start() + 2] + clean[word.start() + 2] + clean[word.start() + 2 :]  # a letter doubled
    doubled = quote[word.start() : word.end() + 1].casefold()
    # 'riding' -> 'ridding' makes another word: a misquote, refused
    assume(doubled not in english_words() and doubled not in _BOOK_WORDS)
    assume(_BOOK.view.text.count(clean) == 1)
    p = locate(_BOOK, quote)
    assert abs(p.start - start) <= 3 and abs(p.end - end) <= 3
