"""Telling a transcription slip from a changed word.

A quote that is not in its source as written may still be the source's words with slips: an
OCR confusion (``Chlna's`` for ``China's``: ``l`` read for ``i``), a letter dropped or doubled
that makes no word, a lost space (``ofthe``), dropped punctuation, another case. Those are
forgiven. A changed word is a misquote, however small the edit:

- a word replaced by another word: both are words (the quote's word is an English word or
  occurs in the source; the source's is an English word): ``hoped``/``feared``, ``could``/
  ``would``, ``South``/``North``, ``ratified``/``ratifies``, ``arid``/``and``;
- a negation added or removed: ``un-``, ``in-``, ``im-``, ``il-``, ``ir-``, ``non-``, ``dis-``,
  ``-n't``, and any word added or left out (``not``, ``never``);
- another number, in figures or in words (``1949``/``1950``, ``Eighteen``/``Nineteen``,
  ``first``/``second``);
- a name (a capitalized word) changed by anything but an OCR confusion or a dropped or doubled
  letter: ``Kim``/``Tim``, ``Mikoyan``/``Mokoyan``.

English words are those of pyspellchecker's English dictionary (MIT licence; 160,000 words, each
seen at least 50 times in its corpus), read once when first needed; the words of the source
itself count as words of the quote too, so that ``hang'd`` or a German word is known where the
text uses it. An emendation (``emend={"arid": "and"}``: the source's word, the historian's
correction) lets a known error of the source be quoted as corrected.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import importlib.resources
import itertools
import json
import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator, KeysView, Mapping
from importlib import metadata

from rapidfuzz.distance import Levenshtein

from argmap.errors import ArgmapError
from argmap.files import cache_entry, write_atomic

__all__ = ["Judge", "english_words", "first_change", "slip_distance", "substitutions", "word_diff", "words_of"]

_WORD = re.compile(r"\S+")
_KEY_DROP = re.compile(r"[\W_]+")
_ASCII_DROP = re.compile(r"[^\w\n]+|_+")  # _KEY_DROP that keeps line breaks
_DIGITS = re.compile(r"\d+")

_CARDINALS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fourty fifty sixty seventy eighty ninety hundred thousand "
    "million billion dozen score half"
)
_ORDINALS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth thirtieth fortieth fiftieth sixtieth "
    "seventieth eightieth ninetieth hundredth thousandth millionth last once twice thrice"
)
NUMBER_WORDS = frozenset((_CARDINALS + " " + _ORDINALS).split())
_NEGATING_PREFIXES = ("un", "in", "im", "il", "ir", "non", "dis")
_NEGATING_SUFFIXES = ("nt", "not")  # couldn't -> "couldnt" as a key
#: How often a spelling must recur in a source to be its own word, not an OCR slip (``loyall``).
_SPELLING = 2
#: One-letter words: left out or added, they change the text.
_LETTER_WORDS = frozenset(["a", "i", "o"])

#: Letters OCR reads one for another (the long s read as f among them): each folds to the first.
_OCR_LETTERS = str.maketrans({c: group[0] for group in ("li1!|", "o0", "ce", "s5f", "nu", "hb") for c in group})
_SPELLED_OUT = str.maketrans({"æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "þ": "th"})


@functools.lru_cache(maxsize=1 << 14)  # words recur: every quote has its "the"
def _key(word: str) -> str:
    """A word as slips do not change it: case, punctuation and spaces gone, accents off, ``æ`` spelled out.

    Examples:
        >>> _key("China's,"), _key("Unioñ"), _key("of the"), _key("Cæsar")
        ('chinas', 'union', 'ofthe', 'caesar')
    """
    if word.isascii():
        lowered = word.lower()
        return lowered if lowered.isalnum() else _KEY_DROP.sub("", lowered)
    return _KEY_DROP.sub("", _unaccented(word.casefold()))


@functools.lru_cache(maxsize=1 << 14)
def slip_distance(a: str, b: str) -> int:
    """How far ``a`` is from ``b`` beyond OCR confusions: ``l``/``i``/``1``, ``rn``/``m``, ``cl``/``d``,
    ``e``/``c``, ``h``/``b``, ``u``/``n``, ``o``/``0``, ``vv``/``w``, long ``s`` read as ``f`` cost nothing,
    a letter added or dropped costs 1, another letter 2; doubled letters cost nothing when nothing
    else differs (``Secconnd``), a letter tripled is read as doubled (``Commmuists`` is one letter
    from ``Communists``).

    Examples:
        >>> slip_distance("chlna", "china"), slip_distance("secconnd", "second"), slip_distance("staln", "stalin")
        (0, 0, 1)
        >>> slip_distance("kim", "tim"), slip_distance("avenee", "avenue"), slip_distance("fiinishecl", "finished")
        (2, 2, 0)
        >>> slip_distance("commmuists", "communists"), slip_distance("rheu", "rhee")
        (1, 2)
    """
    distance = 2 * (len(a) + len(b))
    a, b = _runs(a, _TRIPLED, _two), _runs(b, _TRIPLED, _two)
    single_a, single_b = _runs(a, _DOUBLED, _one), _runs(b, _DOUBLED, _one)
    # A pair read as one letter (cl/d) or each letter on its own (cl/el): without pairs, one pass
    # (collapsing letter runs makes no pair).
    for pairs in (False, True) if _has_pair(a) or _has_pair(b) else (False,):
        ca, cb = _ocr(a, pairs), _ocr(b, pairs)
        if ca == cb or _ocr(single_a, pairs) == _ocr(single_b, pairs):
            return 0
        distance = min(distance, int(Levenshtein.distance(ca, cb, weights=(1, 1, 2))))
    return distance


_DOUBLED = re.compile(r"([^\W\d_])\1+")  # a letter doubled (not a digit: 110 is no 10)
_TRIPLED = re.compile(r"([^\W\d_])\1{2,}")


def _one(run: re.Match[str]) -> str:
    return run.group(1)


def _two(run: re.Match[str]) -> str:
    return run.group(1) * 2


def _runs(word: str, runs: re.Pattern[str], replacement: Callable[[re.Match[str]], str]) -> str:
    """``word`` with each of its ``runs`` of a letter replaced (searched first: most words have none;
    a function, as a template is expanded in Python)."""
    return runs.sub(replacement, word) if runs.search(word) else word


def _has_pair(key: str) -> bool:
    """Whether ``key`` holds letters OCR may read as one (``rn``, ``vv``, ``cl``)."""
    return "rn" in key or "vv" in key or "cl" in key


def _ocr(key: str, pairs: bool) -> str:
    """``key`` with the letters (and ``pairs``: first the pairs) that OCR confuses folded alike
    (a pair folds to a letter of no pair: the replacements make no new pair)."""
    if pairs:
        key = key.replace("rn", "m").replace("vv", "w").replace("cl", "d")
    return key.translate(_OCR_LETTERS)


_TEXT_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")


def words_of(text: str) -> dict[str, int]:
    """How often each word (as :func:`_key` writes it) occurs in ``text``: a plain dict of words
    and counts, which Python's garbage collector leaves alone (a book's words are kept).

    Examples:
        >>> words_of("Hang'd, HANG'D and hanged")["hangd"]
        2
    """
    folded = _NOT_ASCII.sub(lambda stretch: _unaccented(stretch.group()), text.casefold())  # a book has few
    counts: dict[str, int] = {}
    for word, count in Counter(_TEXT_WORD.findall(folded)).items():
        key = word.replace("'", "").replace("\u2019", "")
        counts[key] = counts.get(key, 0) + count
    return counts


_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")


def _unaccented(text: str) -> str:
    """``text`` (in lower case) with ``æ`` spelled out and accents off. Folding a text's stretches
    beyond ASCII alone is the same as folding it whole: NFKD decomposes each character on its own
    and reorders only combining marks, which are beyond ASCII (and dropped)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPELLED_OUT))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.cache
def english_words() -> KeysView[str]:
    """The words of pyspellchecker's English dictionary as :func:`_key` writes them (read once a
    process; made once, in 0.3 s, and kept as a list of words in argmap's cache folder).

    A set-like view of a dict of words alone, which Python's garbage collector leaves alone (a
    set of 140,000 words was walked at each full collection: 10-20 ms, every few thousand quotes).
    """
    entry = cache_entry(".words.txt", _WORDS_FORMAT, metadata.version("pyspellchecker"))
    with contextlib.suppress(OSError, UnicodeDecodeError):
        if entry is not None:
            kept = entry.read_text(encoding="utf-8").split("\n")
            if kept[0] == _WORDS_FORMAT and len(kept) > 1000:  # what argmap writes, whole
                return dict.fromkeys(kept[1:]).keys()
    resource = importlib.resources.files("spellchecker") / "resources" / "en.json.gz"
    with resource.open("rb") as handle:
        words: list[str] = json.loads(gzip.decompress(handle.read()))
    plain = "\n".join(word for word in words if word.isascii() and "\n" not in word)
    keys = set(_ASCII_DROP.sub("", plain.lower()).split("\n"))  # _key of each word, all at once
    keys |= {_key(word) for word in words if not word.isascii()}
    if entry is not None:
        with contextlib.suppress(ArgmapError, OSError):
            write_atomic(entry, "\n".join([_WORDS_FORMAT, *sorted(keys)]))
    return dict.fromkeys(sorted(keys)).keys()


_WORDS_FORMAT = "argmap-words-1"



class Judge:
    """Judges the word pairs of a quote and the passage it was found at, for one source.

    Args:
        vocabulary: how often each word key occurs in the source (the source's own words), made
            on first need.
        emend: the source's words the historian corrected, and how (``{"arid": "and"}``).

    Attributes:
        vocabulary: ``vocabulary``, counted once (a judge with other emendations for the same
            source may share it).
    """

    def __init__(self, vocabulary: Callable[[], Mapping[str, int]], emend: Mapping[str, str] | None = None) -> None:
        self.vocabulary = functools.cache(vocabulary)
        self._english = english_words()
        self.emend = {_key(wrong): _key(right) for wrong, right in (emend or {}).items()}

    def is_word(self, key: str, *, in_source: bool) -> bool:
        """Whether ``key`` is an English word, or (``in_source``) one of the source's words (of
        three letters or more: single letters in a text are as often debris as words)."""
        if len(key) < 2:
            return key in _LETTER_WORDS
        return key in self._english or (in_source and len(key) > 2 and self.vocabulary().get(key, 0) > 0)

    def change(self, quoted: str, source: str) -> str | None:
        """Why ``quoted`` (the quote's words) is not a slip of ``source`` (the passage's), or
        ``None`` when it is one.

        Examples:
            >>> judge = Judge(lambda: {"chlnas": 1})
            >>> judge.change("China's", "Chlna's"), judge.change("could", "would"), judge.change("Kim", "Tim")
            (None, 'another word', 'another name')
            >>> judge.change("unlikely", "likely"), judge.change("Eighteen", "Nineteen"), judge.change("1949", "1950")
            ('a negation', 'another number', 'another number')
        """
        ka, kb = _key(quoted), _key(source)
        if ka == kb or self.emend.get(kb) == ka:
            return None
        if not ka or not kb:  # a word added or left out
            left = ka or kb
            return "a word added or left out" if len(left) > 1 or left in _LETTER_WORDS or left.isdigit() else None
        if _SEPARATED.search(quoted.strip()) and _SEPARATED.search(source.strip()):
            words_a, words_b = _SEPARATED.split(quoted.strip()), _SEPARATED.split(source.strip())
            if len(words_a) == len(words_b):  # words (or parts of a compound) apart: each pair on its own
                return next((c for a, b in zip(words_a, words_b, strict=True) if (c := self.change(a, b))), None)
        digits_a, digits_b = _DIGITS.findall(ka), _DIGITS.findall(kb)
        numeric = (digits_a and digits_b) or ka.isdigit() or kb.isdigit()  # not a 1 read for an l in a word
        if digits_a != digits_b and numeric and slip_distance(ka, kb):
            return "another number"
        name = quoted[:1].isupper() or source[:1].isupper()
        quoted_word = self.is_word(ka, in_source=True)
        if quoted_word and self.is_word(kb, in_source=False):
            return self._which(ka, kb, name)
        # One of the two is no English word: a slip, if it is shaped like one.
        distance = slip_distance(ka, kb)
        if distance == 0:  # OCR confusions, letters doubled
            return None
        if quoted_word and self.vocabulary().get(kb, 0) >= _SPELLING:  # the source spells it so: "loyall"
            return self._which(ka, kb, name)
        if _negates(ka, kb):
            return "a negation"
        shortest, longest = sorted((len(ka), len(kb)))
        if distance == 1 and shortest >= 4:
            return None  # besides those, a letter dropped or added
        if _inflected(ka, kb):
            return "another form of the word"
        if distance == 2 == longest - shortest and shortest >= 3 and longest >= 5:
            return None  # two letters dropped or added
        if name or ka in NUMBER_WORDS or kb in NUMBER_WORDS:  # only those slips
            return "another name" if name else "another number"
        if not quoted_word and not self.is_word(kb, in_source=False):  # neither is a known word: a typo
            return None if Levenshtein.normalized_similarity(ka, kb) >= 0.6 else "another word"
        return None if distance <= (2 if shortest >= 3 else 1) else "another word"  # a letter changed

    @staticmethod
    def _which(ka: str, kb: str, name: bool) -> str:
        """What kind of change one word for another is."""
        if ka in NUMBER_WORDS or kb in NUMBER_WORDS:
            return "another number"
        return "a negation" if _negates(ka, kb) else "another name" if name else "another word"


_SEPARATED = re.compile(r"[\s\-\u2010-\u2015/\[\]]+")
_ENDINGS = ("s", "es", "ed", "d", "ing", "er", "ers", "est", "ly", "y", "e", "ion", "ions", "ive", "ment")


def _inflected(a: str, b: str) -> bool:
    """Whether one key is the other with its ending swapped, or with an ending of two letters or
    more added (``countryes``/``country``; a last letter dropped, ``marche``, is a slip).

    Examples:
        >>> _inflected("countryes", "country"), _inflected("thinge", "things"), _inflected("marche", "marched")
        (True, True, False)
    """
    stem = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    ends = {a[stem:], b[stem:]}
    return stem >= 3 and ends <= {"", *_ENDINGS} and ("" not in ends or max(map(len, ends)) >= 2)


def _negates(a: str, b: str) -> bool:
    """Whether one key is the other with a negating prefix or suffix.

    Examples:
        >>> _negates("unlikely", "likely"), _negates("couldnt", "could"), _negates("inform", "form")
        (True, True, True)
    """
    short, long = sorted((a, b), key=len)
    if not short:
        return False
    prefix, suffix = long[: len(long) - len(short)], long[len(short) :]
    return (long.endswith(short) and prefix in _NEGATING_PREFIXES) or (
        long.startswith(short) and suffix in _NEGATING_SUFFIXES
    )


# -- word diffs ---------------------------------------------------------------------------------


def word_diff(quote: str, passage: str, judge: Judge | None = None) -> tuple[str, str | None]:
    """Describe word by word how ``quote`` differs from ``passage`` (both normalized).

    Returns the description (the first six differences) and why the quote is a misquote (the
    first changed word's reason, see :meth:`Judge.change`), or ``None`` when every difference
    is a slip.

    Examples:
        >>> word_diff("Stalin feared a war", "Stalin hoped for a war", Judge(dict))
        ("you wrote 'feared', the source says 'hoped for'", 'another word')
        >>> word_diff("the Soviet Unioñ", "the Soviet Union", Judge(dict))
        ("you wrote 'Unioñ', the source says 'Union'", None)
    """
    judge = judge or Judge(dict)
    notes: list[str] = []
    changed: str | None = None
    for a, b in _differences(quote, passage):
        changed = changed or judge.change(a, b)
        if len(notes) == _NOTES:  # enough to show, and the reason known if there is one
            notes.append("and more")
            if changed:
                break
        elif len(notes) < _NOTES:
            if not a:
                notes.append(f"the source has {b!r} where you have nothing")
            elif not b:
                notes.append(f"you wrote {a!r}, which the source does not have")
            else:
                notes.append(f"you wrote {a!r}, the source says {b!r}")
    return "; ".join(notes), changed


def substitutions(quote: str, passage: str) -> list[tuple[str, str]]:
    """The words the passage reads otherwise than the quote: ``(the quote's, the passage's)``,
    in order; words only one of them has (an elided stretch) are left out.

    Examples:
        >>> substitutions("China's leaders feared", "Chlna's leaders then feared")
        [("China's", "Chlna's")]
    """
    return [(a, b) for a, b in _differences(quote, passage) if a and b]


def first_change(quote: str, passage: str, judge: Judge) -> str | None:
    """Why ``quote`` is a misquote of ``passage`` (the first changed word's reason), or ``None``
    when every difference is a slip; stops at the first changed word."""
    return next((reason for a, b in _differences(quote, passage) if (reason := judge.change(a, b))), None)


_NOTES = 6  # differences a diff spells out
_Op = tuple[str, int, int, int, int]  # an edit: its tag, where in the quote, where in the passage


def _differences(quote: str, passage: str) -> Iterator[tuple[str, str]]:
    """The words that differ: ``(what the quote has, what the passage has)``, in order.

    Words are paired through the character alignment of the two texts, so that a word with
    slips (``xHE`` for ``THE``) still faces its original, and words that run together or
    apart (``tomake`` / ``to make``) form one pair. Lazy: a caller may stop early.
    """
    # (tag, quote start, end, passage start, end): as_list gives plain tuples (its stub says Opcode)
    ops: list[_Op] = Levenshtein.opcodes(quote, passage).as_list()  # type: ignore[assignment]
    left_out = list(_left_out(passage, ops))  # words the quote may have left out (few): in their places
    waiting = 0
    for a, b, at in _changed_words(quote, passage, ops):
        while waiting < len(left_out) and left_out[waiting][2] < at:
            yield left_out[waiting][:2]
            waiting += 1
        if a != b:
            yield a, b
    for a, b, _ in left_out[waiting:]:
        yield a, b


def _changed_words(quote: str, passage: str, ops: list[_Op]) -> Iterator[tuple[str, str, int]]:
    """Each quote word an edit touches, with the passage words it was aligned with (words
    that run into the same passage word go together), in order."""
    spans = [op for op in ops if op[2] > op[1]]  # what each quote character became
    firsts = [op[1] for op in spans]
    if quote and " ".join(quote.split()) == quote:  # words one space apart (a quote as folded): at once
        lengths = [len(word) for word in quote.split(" ")]
        word_starts = list(itertools.accumulate((n + 1 for n in lengths[:-1]), initial=0))
        word_ends = [start + n for start, n in zip(word_starts, lengths, strict=True)]
    else:
        words = [w.span() for w in _WORD.finditer(quote)]
        word_starts = [start for start, _ in words]
        word_ends = [end for _, end in words]
    size = len(passage)
    group: list[int] | None = None  # quote start, quote end, passage start, passage end
    done = -1  # the last word touched so far (edits are in order)
    for tag, src_start, src_end, _, _ in ops:
        if tag == "equal":
            continue
        first = max(done + 1, bisect_right(word_starts, src_start) - 1, 0)
        last = bisect_right(word_starts, src_end) - 1
        for index in range(first, last + 1):
            word_start, word_end = word_starts[index], word_ends[index]
            # where the word's first and last characters went
            op = spans[bisect_right(firsts, word_start) - 1]
            start = op[3] if op[0] == "delete" else op[3] + min(word_start - op[1], op[4] - op[3] - 1)
            op = spans[bisect_right(firsts, word_end - 1) - 1]
            end = op[3] if op[0] == "delete" else op[3] + min(word_end - 1 - op[1], op[4] - op[3] - 1) + 1
            if end > start:
                while start > 0 and not passage[start - 1].isspace():
                    start -= 1
                while end < size and not passage[end].isspace():
                    end += 1
            if group is not None and start < group[3]:
                group[1], group[3] = word_end, max(end, group[3])
                continue
            if group is not None:
                yield quote[group[0] : group[1]], passage[group[2] : group[3]], group[2]
            group = [word_start, word_end, start, end]
        done = max(done, last)
    if group is not None:
        yield quote[group[0] : group[1]], passage[group[2] : group[3]], group[2]


def _left_out(passage: str, ops: list[_Op]) -> Iterator[tuple[str, str, int]]:
    """Passage words inside what the alignment inserted: words the quote left out, in order."""
    for tag, _, _, dest_start, dest_end in ops:
        if tag != "insert":
            continue
        gap = passage[dest_start:dest_end]
        for w in _WORD.finditer(gap):
            opens = w.start() > 0 or dest_start == 0 or passage[dest_start - 1].isspace()
            closes = w.end() < len(gap) or dest_end == len(passage) or passage[dest_end].isspace()
            if opens and closes:
                yield "", w.group(), dest_start + w.start()
