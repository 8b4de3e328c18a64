"""How well argmap tells a misquote from a transcription slip, on real historical texts.

Quotes of 60-250 characters are cut at word boundaries from five real sources: Gardiner and
Gerard on the Gunpowder Plot (1897), Coburn on the battle of April 19, 1775 (1912), Gage's
instructions (1779) and four pages of *Brothers in Arms* (ed. Westad, 1998), each case from a
source drawn at random. Quotes are cut only from stretches of prose with no page marker, footnote
anchor, italics mark or ellipsis inside, so the true span is clean, and each quote occurs once in
its text. Each case changes one quote in one way, never in its first or last word (OCR noise:
never in its first or last 3 characters), and ``argmap.locate`` must judge it:

- meaning changes must be refused (QuoteNotFoundError); any passage returned is wrong:
  ``word`` (a lower-case word swapped for a word of the same text of about its length, 1-3
  letters apart where there is one: 'could'/'would'), ``negation`` (un-, in-, dis-, ... added or
  removed where that makes a real word, from a hand list of pairs; 'could'/"couldn't"; 'not' or
  'never' inserted or deleted), ``number`` (one digit changed by one: 1605/1606),
  ``number-word`` (eighteen/nineteen, first/second, hundred/thousand), ``name`` (a word that the
  text only prints capitalized, inside a sentence, changed by one letter into a non-word, not
  by an OCR confusion, or swapped for another such name), ``direction`` (north/south,
  before/after, more/less, ...) and
  ``inflection`` (was/were, has/had, or an ending swapped into another word of the same text or
  English: ratified/ratifies, ...);
- slips must be found: the passage must start and end within 3 characters of the true span.
  ``ocr-1-3%`` and ``ocr-3-5%`` put OCR-style noise on that share of the quote's characters
  (l/i/1, rn/m, cl/d, e/c, h/b, o/0, u/n, vv/w confusions, a letter dropped or doubled inside a
  long word, a lost space, a lost comma or period, a flipped case), counted per character
  touched. Noise sometimes makes another real word ('he' -> 'be'), and argmap may then rightly
  refuse the quote: those refusals are counted in a column of their own, not as right. Real
  words are the words of the same text, plus pyspellchecker's English dictionary as argmap's
  judge reads it (apostrophes dropped: ``howeer`` for ``however`` is ``howe'er``).

Run: ``python benchmarks/misquotes.py [--seed N] [--per-kind N] [--verbose]``; ``--verbose``
prints every wrong judgement. ``cases(seed, per_kind)`` gives the labelled cases to a test.
"""

from __future__ import annotations

import argparse
import bisect
import functools
import itertools
import math
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

import argmap

ROOT = Path(__file__).resolve().parent.parent
_GUTENBERG = {"page_pattern": r"\[Pg ([ivxlcdm]+|\d+)\]", "ignore": [r"\[\d+\]"]}
SOURCES: dict[str, tuple[str, dict[str, Any]]] = {
    "gardiner-1897": ("tests/data/gardiner-1897-what-gunpowder-plot-was.txt", _GUTENBERG),
    "gerard-1897": ("tests/data/gerard-1897-what-was-the-gunpowder-plot.txt", _GUTENBERG),
    "coburn-1912": ("tests/data/coburn-1912-battle-of-april-19-1775.txt", _GUTENBERG),
    "gage-1779": ("tests/data/gage-instructions-1779.txt", {"ignore": [r"_"]}),
    "westad-1998": (
        "examples/korean_war/sources/westad-brothers-in-arms-pp249-252.txt",
        {"page_pattern": r"^Page (\d+)$", "ignore": [r"^page_\d+<br/>$", r"^\d{1,3}$"]},
    ),
}
SHORTEST, LONGEST = 60, 250
OCR_RATES = {"ocr-1-3%": (0.01, 0.03), "ocr-3-5%": (0.03, 0.05)}
GOALS: dict[str, str] = {"ocr-1-3%": ">= 99 %", "ocr-3-5%": ">= 95 %"}

# Lines that are not prose: blank, footnote numbers, page headings of the Westad scrape.
_NOT_PROSE = re.compile(r"\s*(?:\d{1,3}|Page \d+|page_\d+<br/>)?\s*")
# What a clean span never crosses: page markers, footnote anchors, italics marks, ellipses.
_MARKER = re.compile(r"\[Pg [^\]]*\]|\[\d+\]|_|\.\.\.|…")
_TOKEN = re.compile(r"(?<![\w\[\]])(?>\w+(?:['’]\w+)*)(?![\w\[\]])")  # a word, not letters by an editor's [ster]
_NAME = re.compile(r"(?<=[a-z,;][ \n])[A-Z][a-z]{2,}\b")
_LETTERS = re.compile(r"[^\W\d_]+")
_VOWELS = "aeiou"
_CONSONANTS = "bcdfghjklmnprstvwz"


@dataclass(frozen=True)
class Case:
    """One labelled case: a quote cut from a source, changed one way, and what argmap must do.

    ``span`` is where ``original`` is in the source's raw text, given for slips (``expect ==
    "find"``) and ``None`` for meaning changes (``expect == "refuse"``). ``change`` says what was
    done; ``made_word`` is true when OCR noise turned a word into another real word.
    """

    kind: str
    source: str
    original: str
    quote: str
    span: tuple[int, int] | None
    expect: Literal["refuse", "find"]
    change: str
    made_word: bool = False


def dictionary() -> Collection[str]:
    """The English words argmap's judge knows: pyspellchecker's, as :mod:`argmap.slips` keys
    them (lower case, apostrophes and hyphens dropped: ``howe'er`` is ``howeer``, ``ague's``
    ``agues``), so that a slip that makes one counts as making a real word, as it does for argmap.
    (Imported here: ``versus.py`` runs this file's noise with argmap 0.1, which has no slips.)"""
    from argmap.slips import english_words

    return english_words()


class Text:
    """A source with what the cases need: its clean stretches of prose and its words."""

    def __init__(self, source: argmap.Source) -> None:
        self.source = source
        text = source.text
        self.flat = " ".join(text.split())
        self.stretches = _stretches(text)
        self.starts = [start for start, _ in self.stretches]
        self.weights = [end - start for start, end in self.stretches]
        letters = _LETTERS.findall(text)
        self.words = frozenset(w.lower() for w in letters)
        self.lower = frozenset(w for w in letters if w.islower() and len(w) > 1)
        self.by_length: dict[int, list[str]] = {}
        for word in sorted(self.lower):
            self.by_length.setdefault(len(word), []).append(word)
        self._triggers: dict[re.Pattern[str], list[tuple[int, int]]] = {}
        counts = Counter(text[start:end] for start, end in self.triggers(_NAME))
        self.names = sorted(name for name, n in counts.items() if n > 1 and self.is_name(name))

    def is_name(self, word: str) -> bool:
        """Whether a capitalized word is a name: the text never prints it in lower case."""
        return word.lower() not in self.lower

    def triggers(self, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
        """Spans of the matches of ``pattern`` that lie inside a clean stretch."""
        if pattern not in self._triggers:
            self._triggers[pattern] = [m.span() for m in pattern.finditer(self.source.text) if self._inside(*m.span())]
        return self._triggers[pattern]

    def _inside(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start) - 1
        return i >= 0 and end <= self.stretches[i][1]

    def cut(self, rng: random.Random, around: tuple[int, int] | None = None) -> tuple[int, int] | None:
        """A word-bounded span of 60-250 characters inside one stretch (and around ``around``)
        whose text occurs once in the source, or ``None`` when this draw gave none."""
        text = self.source.text
        if around is None:
            low, high = rng.choices(self.stretches, weights=self.weights)[0]
            length = rng.randint(SHORTEST, LONGEST)
            start = rng.randint(low, max(low, high - length))
        else:
            low, high = self.stretches[bisect.bisect_right(self.starts, around[0]) - 1]
            length = rng.randint(SHORTEST, LONGEST)
            start = rng.randint(max(low, around[1] - length), around[0])
        end = min(high, start + length)
        while start > low and _wordy(text[start - 1]) and _wordy(text[start]):
            start -= 1
        while start < end and not text[start].isalnum():
            start += 1
        while end < high and _wordy(text[end - 1]) and _wordy(text[end]):
            end += 1
        while end > start and not text[end - 1].isalnum():
            end -= 1
        if not SHORTEST <= end - start <= LONGEST or (around and not start <= around[0] < around[1] <= end):
            return None
        raw = text[start:end]
        if not _prose(raw) or text.count(raw) != 1 or self.flat.count(" ".join(raw.split())) != 1:
            return None
        return start, end


def _prose(span: str) -> bool:
    """Mostly letters, and at least half its words in lower case: not a table, an index or a list of titles."""
    chars = [c for c in span if not c.isspace()]
    words = _TOKEN.findall(span)
    return sum(c.isalpha() for c in chars) >= 0.85 * len(chars) and sum(w[0].islower() for w in words) >= len(words) / 2


def _wordy(char: str) -> bool:
    return char.isalnum() or char in "'’"


def _stretches(text: str) -> list[tuple[int, int]]:
    """Runs of prose lines in the book's body, split at markers; those long enough for a quote
    and mostly in lower case (no headings)."""
    body_start = text.find("*** START OF")
    body_end = text.find("*** END OF")
    low = text.find("\n", body_start) + 1 if body_start >= 0 else 0
    high = body_end if body_end >= 0 else len(text)
    runs: list[tuple[int, int]] = []
    run_start = None
    offset = low
    for line in text[low:high].splitlines(keepends=True):
        prose = not _NOT_PROSE.fullmatch(line)
        if prose and run_start is None:
            run_start = offset
        elif not prose and run_start is not None:
            runs.append((run_start, offset))
            run_start = None
        offset += len(line)
    if run_start is not None:
        runs.append((run_start, offset))
    stretches = []
    for run_start, run_end in runs:
        cuts = [run_start, *(i for m in _MARKER.finditer(text, run_start, run_end) for i in m.span()), run_end]
        for piece in zip(cuts[::2], cuts[1::2], strict=True):
            start, end = _whole_words(text, *piece)
            letters = [c for c in text[start:end] if c.isalpha()]
            if end - start >= SHORTEST and sum(c.islower() for c in letters) >= 0.8 * len(letters):
                stretches.append((start, end))
    return stretches


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """The piece, stripped, without a word that a page break or a marker may have cut in two: its
    first word when it begins in lower case, its last when it ends in a letter, digit or hyphen."""
    piece = text[start:end]
    start += len(piece) - len(piece.lstrip())
    piece = piece.strip()
    spaces = [m.start() for m in re.finditer(r"\s", piece)]
    if not spaces:
        return start, start
    first = spaces[0] + 1 if piece[0].islower() else 0
    last = spaces[-1] if piece[-1].isalnum() or piece[-1] == "-" else len(piece)
    return start + first, start + max(first, last)


@functools.cache
def texts() -> tuple[Text, ...]:
    """The five sources, read once."""
    return tuple(
        Text(argmap.Source.from_file(ROOT / path, key=key, **options)) for key, (path, options) in SOURCES.items()
    )


@functools.cache
def known_words() -> frozenset[str]:
    """Every word of the five sources, in lower case: what a misspelt name must not be."""
    return frozenset().union(*(t.words for t in texts()))


# -- meaning changes --------------------------------------------------------------------------

Mutation = Callable[[str, random.Random, Text], tuple[str, str] | None]


@dataclass(frozen=True)
class Recipe:
    """One way to change a quote: the words a quote needs (``None``: any quote will do) and the
    change, which returns the changed quote and what it did, or ``None`` when it cannot."""

    trigger: re.Pattern[str] | None
    mutate: Mutation


def _inner(quote: str) -> list[re.Match[str]]:
    """The quote's words but its first and last."""
    return list(_TOKEN.finditer(quote))[1:-1]


def _key(match: re.Match[str]) -> str:
    return match.group().lower().replace("’", "'")


def _cased(old: str, new: str) -> str:
    if len(old) > 1 and old.isupper():
        return new.upper()
    return new[0].upper() + new[1:] if old[0].isupper() else new


def _replace(quote: str, match: re.Match[str], new: str) -> tuple[str, str]:
    return quote[: match.start()] + new + quote[match.end() :], f"{match.group()!r} -> {new!r}"


def _table(pairs: str) -> dict[str, list[str]]:
    """'a/b c/d' -> each word mapped to the words it may become, both ways."""
    table: dict[str, list[str]] = {}
    for pair in pairs.split():
        one, other = pair.split("/")
        table.setdefault(one, []).append(other)
        table.setdefault(other, []).append(one)
    return table


def _pattern(words: Iterable[str]) -> re.Pattern[str]:
    alternatives = sorted((re.escape(w).replace("'", "['’]") for w in words), key=len, reverse=True)
    return re.compile(rf"\b(?:{'|'.join(alternatives)})\b", re.IGNORECASE)


def swap(table: dict[str, list[str]]) -> Recipe:
    """Swap one word of ``table`` for one of the words it maps to."""

    def mutate(quote: str, rng: random.Random, _text: Text) -> tuple[str, str] | None:
        found = [m for m in _inner(quote) if _key(m) in table]
        if not found:
            return None
        match = rng.choice(found)
        return _replace(quote, match, _cased(match.group(), rng.choice(table[_key(match)])))

    return Recipe(_pattern(table), mutate)


def _near_word(quote: str, rng: random.Random, text: Text) -> tuple[str, str] | None:
    """A lower-case word swapped for another of the text, of similar length (±2 letters) and 1-3
    letters apart (at most half its length) where the text has one."""
    found = [m for m in _inner(quote) if m.group().isalpha() and m.group().islower() and len(m.group()) > 2]
    if not found:
        return None
    match = rng.choice(found)
    word = match.group()
    pool = [w for n in range(len(word) - 2, len(word) + 3) for w in text.by_length.get(n, []) if w != word]
    most = min(3, max(1, len(word) // 2))
    near = [w for w, _, _ in process.extract(word, pool, scorer=Levenshtein.distance, score_cutoff=most, limit=None)]
    return _replace(quote, match, rng.choice(sorted(near) or pool))


_AFFIXES = _table(
    "possible/impossible possibly/impossibly likely/unlikely lawful/unlawful lawfully/unlawfully "
    "informed/uninformed known/unknown able/unable regular/irregular legal/illegal legally/illegally "
    "agree/disagree agreed/disagreed certain/uncertain willing/unwilling willingly/unwillingly "
    "fortunate/unfortunate fortunately/unfortunately necessary/unnecessary necessarily/unnecessarily "
    "usual/unusual true/untrue just/unjust justly/unjustly important/unimportant probable/improbable "
    "consistent/inconsistent credible/incredible complete/incomplete correct/incorrect "
    "correctly/incorrectly sufficient/insufficient significant/insignificant competent/incompetent "
    "dependent/independent direct/indirect directly/indirectly formal/informal accurate/inaccurate "
    "justice/injustice patient/impatient perfect/imperfect perfectly/imperfectly proper/improper "
    "prudent/imprudent logical/illogical relevant/irrelevant responsible/irresponsible "
    "honest/dishonest loyal/disloyal approve/disapprove approved/disapproved appear/disappear "
    "appeared/disappeared obey/disobey obeyed/disobeyed like/dislike liked/disliked "
    "satisfied/dissatisfied aware/unaware armed/unarmed connected/unconnected noticed/unnoticed "
    "observed/unobserved questioned/unquestioned suspected/unsuspected founded/unfounded "
    "successful/unsuccessful popular/unpopular reasonable/unreasonable safe/unsafe happy/unhappy "
    "friendly/unfriendly welcome/unwelcome common/uncommon conscious/unconscious fair/unfair "
    "equal/unequal official/unofficial natural/unnatural naturally/unnaturally protected/unprotected "
    "wise/unwise worthy/unworthy guarded/unguarded finished/unfinished changed/unchanged "
    "disturbed/undisturbed doubtedly/undoubtedly moral/immoral mortal/immortal material/immaterial "
    "moderate/immoderate partial/impartial tolerable/intolerable effective/ineffective "
    "adequate/inadequate capable/incapable convenient/inconvenient active/inactive "
    "advisable/inadvisable appropriate/inappropriate discreet/indiscreet secure/insecure valid/invalid "
    "visible/invisible voluntary/involuntary rational/irrational religious/irreligious "
    "legitimate/illegitimate credit/discredit credited/discredited honour/dishonour honor/dishonor "
    "content/discontent trust/distrust believe/disbelieve belief/disbelief order/disorder "
    "advantage/disadvantage agreeable/disagreeable similar/dissimilar interested/disinterested "
    "sense/nonsense existent/nonexistent combatant/noncombatant resident/nonresident "
    "essential/nonessential"
)
_CONTRACTIONS = _table(
    "could/couldn't would/wouldn't should/shouldn't was/wasn't were/weren't did/didn't does/doesn't "
    "do/don't is/isn't are/aren't had/hadn't has/hasn't have/haven't can/cannot will/won't must/mustn't"
)
_AUXILIARIES = frozenset(
    {"was", "were", "is", "are", "had", "has", "have", "could", "would", "should", "will", "shall", "did", "does",
     "do", "may", "might", "must", "can"}
)  # fmt: skip
_NEGATORS = frozenset({"not", "never"})


def _insert_not(quote: str, rng: random.Random, _text: Text) -> tuple[str, str] | None:
    tokens = list(_TOKEN.finditer(quote))
    found = [m for m, after in itertools.pairwise(tokens[1:]) if _key(m) in _AUXILIARIES
             and _key(after) not in _NEGATORS]  # fmt: skip
    if not found:
        return None
    match = rng.choice(found)
    return _replace(quote, match, f"{match.group()} not")


def _delete_negator(quote: str, rng: random.Random, _text: Text) -> tuple[str, str] | None:
    found = [m for m in _inner(quote) if _key(m) in _NEGATORS]
    if not found:
        return None
    match = rng.choice(found)
    start, end = match.span()
    if quote[end : end + 1] == " ":
        end += 1
    elif quote[start - 1 : start] == " ":
        start -= 1
    return quote[:start] + quote[end:], f"{match.group()!r} deleted"


def _change_digit(quote: str, rng: random.Random, _text: Text) -> tuple[str, str] | None:
    found = [m for m in _inner(quote) if m.group().isdigit()]
    if not found:
        return None
    match = rng.choice(found)
    number = match.group()
    i = rng.randrange(len(number))
    digit = int(number[i])
    step = rng.choice([-1, 1])
    new = digit + step
    if not 0 <= new <= 9 or (new == 0 and i == 0 and len(number) > 1):
        new = digit - step
    return _replace(quote, match, number[:i] + str(new) + number[i + 1 :])


def _neighbours(words: str) -> dict[str, list[str]]:
    """Each word of a sequence mapped to the words next to it."""
    seq = words.split()
    return {w: [seq[j] for j in (i - 1, i + 1) if 0 <= j < len(seq)] for i, w in enumerate(seq)}


_NUMBER_WORDS = {
    **_neighbours(
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety"
    ),
    **_neighbours(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
        "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
    ),
    **_neighbours("hundred thousand million"),
}
del _NUMBER_WORDS["one"]  # mostly a pronoun ('no one', 'one of them')
_DIRECTIONS = _table(
    "north/south east/west northern/southern eastern/western northward/southward before/after "
    "more/less above/below up/down first/last increase/decrease increased/decreased greater/lesser "
    "earlier/later higher/lower upper/lower most/least inside/outside"
)
_TENSES = _table("was/were has/had is/was are/were have/had does/did do/did is/are has/have")
_ENDINGS = ("", "s", "es", "ed", "d", "ing", "er", "ers", "ion", "ions", "ive", "ly", "ment", "ments", "ies", "ied",
            "y", "e", "ation", "ations", "ative")  # fmt: skip


def forms(word: str, real: frozenset[str]) -> list[str]:
    """The real words that ``word`` becomes when one of its endings is swapped for another.

    >>> forms("ratified", frozenset({"ratifies", "ratify", "ratifier"}))
    ['ratifier', 'ratifies', 'ratify']
    """
    found: set[str] = set()
    for old in _ENDINGS:
        stem = word[: len(word) - len(old)]
        if word.endswith(old) and len(stem) >= 3:
            found.update(stem + new for new in _ENDINGS if stem + new != word and stem + new in real)
    return sorted(found)


def _reinflect(quote: str, rng: random.Random, text: Text) -> tuple[str, str] | None:
    real = text.lower | dictionary()  # a word of this text, or an English word: not a slip
    found = [(m, f) for m in _inner(quote) if m.group().isalpha() and m.group().islower() and len(m.group()) > 3
             and (f := forms(m.group().lower(), real))]  # fmt: skip
    if not found:
        return None
    match, options = rng.choice(found)
    return _replace(quote, match, _cased(match.group(), rng.choice(options)))


def _names(quote: str, text: Text) -> list[re.Match[str]]:
    """The names inside a sentence of the quote, but its last word."""
    return [m for m in _NAME.finditer(quote) if m.end() < len(quote) and text.is_name(m.group())]


def _misspell_name(quote: str, rng: random.Random, text: Text) -> tuple[str, str] | None:
    found = _names(quote, text)
    if not found:
        return None
    match = rng.choice(found)
    name = match.group()
    for _ in range(20):
        i = rng.randrange(len(name))
        letters = _VOWELS if name[i].lower() in _VOWELS else _CONSONANTS
        # not an OCR confusion (l/i, e/c, h/b, o/0, u/n, the long s read as f): a slip, which argmap forgives
        letter = rng.choice(letters.replace(name[i].lower(), "").translate(_OCR_PARTNERS[name[i].lower()]))
        new = name[:i] + (letter.upper() if i == 0 else letter) + name[i + 1 :]
        if new.lower() not in known_words():
            return _replace(quote, match, new)
    return None


_OCR_PARTNERS = {c: str.maketrans("", "", g) for g in ("li", "ce", "hb", "o", "un", "sf") for c in g} | {
    c: {} for c in "abcdefghijklmnopqrstuvwxyz" if c not in "licehbounsf"
}  # fmt: skip


def _other_name(quote: str, rng: random.Random, text: Text) -> tuple[str, str] | None:
    found = _names(quote, text)
    if not found:
        return None
    match = rng.choice(found)
    others = [n for n in text.names if n != match.group()]
    alike = [n for n in others if abs(len(n) - len(match.group())) <= 2]
    return _replace(quote, match, rng.choice(alike or others))


MEANING_CHANGES: dict[str, list[Recipe]] = {
    "word": [Recipe(None, _near_word)],
    "negation": [  # the affixes twice: they make two cases in five
        swap(_AFFIXES),
        swap(_AFFIXES),
        swap(_CONTRACTIONS),
        Recipe(_pattern(_AUXILIARIES), _insert_not),
        Recipe(_pattern(_NEGATORS), _delete_negator),
    ],
    "number": [Recipe(re.compile(r"\b\d+\b"), _change_digit)],
    "number-word": [swap(_NUMBER_WORDS)],
    "name": [Recipe(_NAME, _misspell_name), Recipe(_NAME, _other_name)],
    "direction": [swap(_DIRECTIONS)],
    "inflection": [swap(_TENSES), Recipe(None, _reinflect)],
}


# -- slips --------------------------------------------------------------------------------------

_CONFUSIONS = {
    "l": ["i", "1"], "i": ["l", "1"], "1": ["l", "i"], "rn": ["m"], "m": ["rn"], "cl": ["d"], "d": ["cl"],
    "e": ["c"], "c": ["e"], "h": ["b"], "b": ["h"], "o": ["0"], "0": ["o"], "u": ["n"], "n": ["u"],
    "vv": ["w"], "w": ["vv"],
}  # fmt: skip
Edit = tuple[int, int, str]


def _slips(quote: str, room: int) -> dict[str, list[Edit]]:
    """Every OCR slip that the quote allows, by type, as (start, end, replacement) on the quote,
    touching at most ``room`` characters; the first and last 3 characters are never touched."""
    slips: dict[str, list[Edit]] = {
        "confusion": [(i, i + len(old), new) for i in range(len(quote)) for old, news in _CONFUSIONS.items()
                      if quote.startswith(old, i) and len(old) <= room for new in news],
        "dropped letter": [],
        "doubled letter": [],
        "lost space": [(m.start(), m.end(), "") for m in re.finditer(r"(?<=[^\W\d_]) (?=[^\W\d_])", quote)],
        "lost comma or period": [(m.start(), m.end(), "") for m in re.finditer(r"[,.]", quote)],
        "case": [(i, i + 1, c.swapcase()) for i, c in enumerate(quote) if c.isalpha()],
    }  # fmt: skip
    for word in re.finditer(r"[^\W\d_]{5,}", quote):
        for i in range(word.start() + 1, word.end() - 1):
            slips["dropped letter"].append((i, i + 1, ""))
            slips["doubled letter"].append((i, i + 1, quote[i] * 2))
    return {
        kind: kept
        for kind, edits in slips.items()
        if (kept := [(s, e, new) for s, e, new in edits if s >= 3 and e <= len(quote) - 3])
    }


def ocr_noise(quote: str, rng: random.Random, low: float, high: float) -> tuple[str, str] | None:
    """The quote with OCR slips on a share of its characters drawn from [low, high] (at least
    one slip), and what was done; ``None`` when the quote has too few places for them."""
    n = len(quote)
    most = math.floor(n * high)
    target = max(1, math.ceil(n * low), min(most, math.ceil(n * rng.uniform(low, high))))
    edits: list[Edit] = []
    touched: set[int] = set()
    while (chars := sum(e - s for s, e, _ in edits)) < target:
        options = {
            kind: kept
            for kind, slips in _slips(quote, most - chars).items()
            if (kept := [(s, e, new) for s, e, new in slips if touched.isdisjoint(range(s, e))])
        }
        if not options:
            return None
        start, end, new = rng.choice(options[rng.choice(sorted(options))])
        edits.append((start, end, new))
        touched.update(range(start, end))
    noisy = quote
    for start, end, new in sorted(edits, reverse=True):
        noisy = noisy[:start] + new + noisy[end:]
    return noisy, f"{len(edits)} slip(s) on {chars} of {n} characters ({chars / n:.1%})"


def made_word(original: str, noisy: str, words: frozenset[str]) -> bool:
    """Whether the noise made a word of the noisy quote that is a real word (of ``words`` or the
    dictionary) and not in the original."""
    new = Counter(re.findall(r"\w+", noisy.lower())) - Counter(re.findall(r"\w+", original.lower()))
    return any(w.isalpha() and (len(w) > 1 or w in "ai") and (w in words or w in dictionary()) for w in new)


# -- cases ----------------------------------------------------------------------------------------

KINDS = [*MEANING_CHANGES, *OCR_RATES]


def cases(seed: int = 1605, per_kind: int = 50) -> list[Case]:
    """Up to ``per_kind`` labelled cases of each kind, in :data:`KINDS` order (fewer only when
    the texts run out); the same ``seed`` gives the same cases."""
    rng = random.Random(seed)
    made = []
    for kind in KINDS:
        seen: set[tuple[str, str]] = set()
        for _ in range(per_kind * 200):
            if len(seen) == per_kind:
                break
            text = rng.choice(texts())
            recipe = rng.choice(MEANING_CHANGES[kind]) if kind in MEANING_CHANGES else None
            around = None
            if recipe and recipe.trigger:
                spots = text.triggers(recipe.trigger)
                if not spots:
                    continue
                around = rng.choice(spots)
            span = text.cut(rng, around)
            if span is None:
                continue
            original = " ".join(text.source.text[span[0] : span[1]].split())
            if (text.source.key, original) in seen:
                continue
            if recipe:
                changed = recipe.mutate(original, rng, text)
                if changed is None or changed[0] in text.flat:
                    continue
                case = Case(kind, text.source.key, original, changed[0], None, "refuse", changed[1])
            else:
                noisy = ocr_noise(original, rng, *OCR_RATES[kind])
                if noisy is None:
                    continue
                case = Case(kind, text.source.key, original, noisy[0], span, "find", noisy[1],
                            made_word(original, noisy[0], text.words))  # fmt: skip
            seen.add((text.source.key, original))
            made.append(case)
    return made


# -- judging ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Judgement:
    """What argmap did with a case: whether that was right, whether it refused the quote, and
    what it returned (or the first two lines of its message)."""

    right: bool
    refused: bool
    said: str


def judge(case: Case) -> Judgement:
    source = next(t.source for t in texts() if t.source.key == case.source)
    try:
        passage = argmap.locate(source, case.quote)
    except argmap.QuoteNotFoundError as exc:
        return Judgement(case.expect == "refuse", True, _first_lines(exc))
    except argmap.ArgmapError as exc:
        return Judgement(False, False, f"{type(exc).__name__}: {_first_lines(exc)}")
    said = (f"{passage.match} match, score {passage.score:.3f}, at {passage.start}-{passage.end}: "
            f"{' '.join(passage.text.split())!r}")  # fmt: skip
    if case.span is None:
        return Judgement(False, False, said)
    start, end = case.span
    right = abs(passage.start - start) <= 3 and abs(passage.end - end) <= 3
    return Judgement(right, False, said if right else f"{said} (the quote is at {start}-{end})")


def _first_lines(exc: Exception) -> str:
    return " / ".join(str(exc).splitlines()[:2])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1605, help="random seed; default 1605")
    parser.add_argument("--per-kind", type=int, default=100, help="cases per kind; default 100")
    parser.add_argument("--verbose", action="store_true", help="print every wrong judgement")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    made = cases(args.seed, args.per_kind)
    built = time.perf_counter() - started
    started = time.perf_counter()
    judged = [(case, judge(case)) for case in made]
    took = time.perf_counter() - started

    if args.verbose:
        for case, judgement in judged:
            if not judgement.right:
                print(f"[{case.kind}] {case.source}: {case.change}")
                print(f"  cut:     {case.original}")
                print(f"  changed: {case.quote}")
                print(f"  argmap:  {judgement.said}\n")

    rows: list[tuple[str, ...]] = [
        ("kind", "cases", "judged right", "%", "refused: noise made a real word", "% of the others", "goal")
    ]
    totals: dict[str, list[int]] = {"meaning changes": [0, 0], "slips": [0, 0]}
    for kind in KINDS:
        mine = [(c, j) for c, j in judged if c.kind == kind]
        right = sum(j.right for _, j in mine)
        group = "slips" if kind in OCR_RATES else "meaning changes"
        totals[group][0] += len(mine)
        totals[group][1] += right
        row = [kind, str(len(mine)), str(right), _percent(right, len(mine)), "", "", GOALS.get(kind, "none accepted")]
        if group == "slips":  # a word the noise made into another word is a misquote, rightly refused
            real = sum(c.made_word and j.refused for c, j in mine)
            row[4:6] = [str(real), _percent(right, len(mine) - real)]
        rows.append(tuple(row))
    for group, (n, right) in totals.items():
        rows.append((f"all {group}", str(n), str(right), _percent(right, n), "", "", ""))
    n, right = len(judged), sum(j.right for _, j in judged)
    rows.append(("total", str(n), str(right), _percent(right, n), "", "", ""))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for i, line in enumerate(rows):
        if i in (1, len(KINDS) + 1):
            print("  ".join("-" * w for w in widths))
        print("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip())
    words = f"pyspellchecker ({len(dictionary())} words as argmap keys them)"
    print(f"\nseed {args.seed}; cases built in {built:.1f} s, judged in {took:.1f} s "
          f"({took / max(1, n) * 1e3:.1f} ms a case); real words: each text's own + {words}")  # fmt: skip
    return 0


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}" if whole else "-"


if __name__ == "__main__":
    sys.exit(main())
