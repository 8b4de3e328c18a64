"""People's and bodies' names, split as citations need them.

A name is a :class:`Name` (the parts CSL-JSON has: ``family``, ``given``, particles,
``suffix``, or a ``literal``) or a string in one of the forms people and catalogues write:

- ``"John Gerard"``: given name(s) first, the family name last; lowercase particles before it
  (``"Ludwig van Beethoven"``, ``"Charles de Gaulle"``) are kept with it, as are capitalized
  ones that start a family name (``"W. E. B. Du Bois"``, ``"Martin Van Buren"``);
- ``"Gerard, John"``: family name, comma, given name(s); ``"Beethoven, Ludwig van"`` puts the
  particle after the given names (a *dropping* particle, as CSL calls it);
- ``"CHEN Jian"``: a word in capitals marks the family name; written family name first
  (Chinese, Japanese, Korean, Hungarian names), the name keeps its order everywhere and is
  never inverted or given a comma (CMOS 8.14-8.17). ``"Chen Jian"`` without capitals is read
  given name first, as English names are: :func:`family_first_doubt` says when that is doubtful;
- a suffix (``Jr.``, ``Sr.``, ``III``) at the end, with or without a comma:
  ``"Martin Luther King Jr."``, ``"King, Martin Luther, Jr."``;
- library catalogue forms: life dates and degrees after commas are recognised and kept out
  of citations (``"Calef, Robert, 1648-1719."``, ``"Cotton Mather, D.D."``);
- a body or a pseudonym, printed as written: one word (``"hanngill"``), a name with a word such
  as *Department*, *Society*, *University* or a lowercase ``of``/``for``/``and``
  (``"U.S. Department of State"``, ``"BBC News"``), a ruler (``"James I"``), or any name in
  braces, as BibTeX writes it (``"{Mao Zedong Thought Study Group}"``).

The rules are argmap's own, written from CSL-JSON's name model (its particles, suffixes and
``literal``) and BibTeX's conventions; nameparser (LGPL) serves the tests as an oracle only.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any

import attrs

from argmap.errors import InvalidTypeError, InvalidValueError

__all__ = ["Name", "family_first_doubt", "name_doubt", "parse_name", "to_name"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Lowercase words that stand before a family name (CSL's particles; BibTeX's "von" part).
_PARTICLES = _words(
    "van von de du da di del della der den des la le ten ter dos das do d' zu vom zur af av ibn bin bint al el"
)
#: Capitalized particles that start a family name after the given names ("W. E. B. Du Bois").
_CAPITAL_PARTICLES = _words("Du De Van Von Da Di Del Della Des Le La Ten Ter Vander Van der Dos")
_SUFFIXES = _words("jr jr. sr sr. i ii iii iv v vi vii viii 2nd 3rd 4th")
#: Degrees, honours and Esq., as catalogues and title pages add them (compared without dots).
_DEGREES = _words(
    "dd phd md lld ma ba bd bs std stb stp dphil dlitt littd frs fsa esq sj osb op kbe obe mbe cbe jd ms msc bsc "
    "dsc edd dmin thd ll.d mp qc kc"
)
#: Words that make a name a body's (printed as written).
_BODY_WORDS = _words(
    "department ministry office bureau committee commission council society university college institute "
    "association agency academy company corporation inc. inc ltd ltd. library archive archives museum "
    "foundation government congress parliament senate news press times gazette tribune herald magazine review "
    "journal network broadcasting"
)
_FUNCTION_WORDS = _words("of for and the on in & at")
_DATES = re.compile(
    r"\(?(?:(?:b\.|d\.|fl\.|ca\.|approximately|active|born|died)\s*)?\d{3,4}\??(?:\s*[-\u2013]\s*(?:ca\.\s*)?"
    r"(?:\d{2,4}\??)?)?\)?"
)
#: Common East Asian family names (romanized): "Chen Jian" may mean family name Chen.
_EAST_ASIAN_FAMILIES = _words(
    "wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang xie song tang "
    "han feng deng cao peng zeng xiao tian dong yuan pan cai jiang yu du ye cheng wei su lu ding ren shen yao "
    "jin tan jia fu fang bai zou meng xiong qin qiu hou jiang xue yan lei long duan hao kong shao shi mao wan gu "
    "lai wen kang chang chan cheung chow chung ho hsu huang kwok lam lau lee leung liu lo mak ng tsang tse wong "
    "yip yeung kim park choi jung cho kang yoon jang lim shin oh seo kwon hwang ahn song hong yoo ko moon "
    "yang son bae baek heo nam sim noh ha kwak sung cha joo woo min ryu na jeon nguyen tran le pham hoang phan "
    "vu vo dang bui do ngo duong ly sato suzuki takahashi tanaka watanabe ito yamamoto nakamura kobayashi "
    "kato yoshida yamada sasaki yamaguchi matsumoto inoue kimura hayashi shimizu"
)
#: The keys of a CSL-JSON name object that argmap reads.
CSL_KEYS = ("family", "given", "non-dropping-particle", "dropping-particle", "suffix", "comma-suffix",
            "static-ordering", "literal", "parse-names")  # fmt: skip


def _plain(key: str) -> str:
    return key.replace(".", "").casefold()


@attrs.frozen(repr=False)
class Name:
    """A person's or body's name, split as a citation needs it (CSL-JSON's parts).

    ``family_first`` names keep their order everywhere (``Chen Jian``); a ``literal`` (a body,
    a pseudonym) is printed as written. ``non_dropping_particle`` stays before the family name
    everywhere (``de Gaulle``, ``van Gogh``); ``dropping_particle`` follows the given names when
    the name is inverted (``Beethoven, Ludwig van``). ``dates`` (``1648-1719``) and ``degrees``
    (``D.D.``) are what catalogues add; citations leave them out.

    Examples:
        >>> Name("King", "Martin Luther", suffix="Jr.").inverted
        'King, Martin Luther, Jr.'
        >>> Name(literal="U.S. Department of State").short
        'U.S. Department of State'
    """

    family: str = ""
    given: str = ""
    family_first: bool = False
    non_dropping_particle: str = attrs.field(default="", kw_only=True)
    dropping_particle: str = attrs.field(default="", kw_only=True)
    suffix: str = attrs.field(default="", kw_only=True)
    literal: str = attrs.field(default="", kw_only=True)
    dates: str = attrs.field(default="", kw_only=True)
    degrees: str = attrs.field(default="", kw_only=True)

    def __attrs_post_init__(self) -> None:
        for field in attrs.fields(Name):
            value = getattr(self, field.name)
            if field.name == "family_first":
                if not isinstance(value, bool):
                    raise InvalidTypeError("name family_first", value, "true or false")
                continue
            if not isinstance(value, str):
                raise InvalidTypeError(f"name {field.name}", value, "text (a string)")
            if value != " ".join(value.split()):
                expected = "words without leading, trailing or doubled spaces"
                raise InvalidValueError(f"name {field.name}", value, expected)
        if bool(self.literal) == bool(self.family):
            hint = "either a family name (with given names) or a literal name (a body, a pseudonym)"
            raise InvalidValueError("name", self._fields(), hint)
        parts = (self.given, self.non_dropping_particle, self.dropping_particle, self.suffix)
        if self.literal and any(parts):
            hint = "a literal name alone, without given name, particles or suffix"
            raise InvalidValueError("name", self._fields(), hint)

    def __repr__(self) -> str:
        """Only the parts the name has: ``Name(family='Chen', given='Jian', family_first=True)``."""
        return f"Name({', '.join(f'{k}={v!r}' for k, v in self._fields().items())})"

    def _fields(self) -> dict[str, Any]:
        return {k: v for k, v in attrs.asdict(self).items() if v}

    @property
    def short(self) -> str:
        """The name as prose and short notes give it: the family name with the particle that stays
        with it (``Gerard``, ``de Gaulle``, ``Chen``), or the literal."""
        if self.literal:
            return self.literal
        return f"{self.non_dropping_particle} {self.family}".strip()

    @property
    def full(self) -> str:
        """The name as a note prints it (``John Gerard``, ``Chen Jian``, ``Martin Luther King Jr.``)."""
        if self.literal:
            return self.literal
        if self.family_first:
            text = f"{self.short} {self.given}".strip()
        else:
            text = " ".join(p for p in (self.given, self.dropping_particle, self.short) if p)
        return f"{text} {self.suffix}" if self.suffix else text

    @property
    def inverted(self) -> str:
        """The name as a bibliography's first author (``Gerard, John``, ``Chen Jian``,
        ``King, Martin Luther, Jr.``, ``Beethoven, Ludwig van``)."""
        if self.literal or self.family_first or not self.given:
            return self.full
        given = " ".join(p for p in (self.given, self.dropping_particle) if p)
        return f"{self.short}, {given}" + (f", {self.suffix}" if self.suffix else "")

    @property
    def initials(self) -> str:
        """The given names' initials (``Cotton`` -> ``C.``, ``Odd Arne`` -> ``O. A.``,
        ``Jean-Paul`` -> ``J.-P.``)."""
        parts = []
        for word in self.given.split():
            pieces = [p for p in word.split("-") if p]
            parts.append("-".join(p if p.endswith(".") and len(p) <= 3 else p[0] + "." for p in pieces))
        return " ".join(parts)

    @property
    def sort_key(self) -> tuple[str, str, str]:
        """Where the name goes in a bibliography: family name (its particle after it, as CSL's
        Chicago style sorts), then given names, then suffix."""
        if self.literal:
            return (self.literal.casefold(), "", "")
        particles = " ".join(p for p in (self.non_dropping_particle, self.dropping_particle) if p)
        return (f"{self.family} {particles}".strip().casefold(), self.given.casefold(), self.suffix.casefold())

    def to_csl(self) -> dict[str, Any]:
        """The CSL-JSON name object."""
        if self.literal:
            return {"literal": self.literal}
        name: dict[str, Any] = {"family": self.family}
        if self.given:
            name["given"] = self.given
        if self.non_dropping_particle:
            name["non-dropping-particle"] = self.non_dropping_particle
        if self.dropping_particle:
            name["dropping-particle"] = self.dropping_particle
        if self.suffix:
            name["suffix"] = self.suffix
        if self.family_first:
            name["static-ordering"] = True
        return name

    @classmethod
    def from_csl(cls, name: Mapping[str, Any], where: str = "name") -> Name:
        """The name of a CSL-JSON name object (``{"family": "Chen", "given": "Jian"}``,
        ``{"literal": "U.S. Department of State"}``).

        A ``family`` alone with ``"parse-names": true`` or without ``given`` that holds a whole
        name is kept as written; ``static-ordering`` marks a family-first name.

        Raises:
            InvalidValueError: not an object, an unknown key, a part that is not text, or
                neither ``family`` nor ``literal``.
        """
        if not isinstance(name, Mapping):
            raise InvalidValueError(where, name, '{ family = "Chen", given = "Jian" } or { literal = "..." }')
        unknown = [k for k in name if k not in CSL_KEYS]
        if unknown:
            import difflib

            close = difflib.get_close_matches(str(unknown[0]), CSL_KEYS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise InvalidValueError(where, dict(name), f"a CSL name, whose keys are {', '.join(CSL_KEYS)}; "
                                    f"{unknown[0]!r} is not one{hint}")  # fmt: skip
        parts: dict[str, Any] = {}
        for key in ("family", "given", "non-dropping-particle", "dropping-particle", "suffix", "literal"):
            value = name.get(key)
            if value is None:
                continue
            if isinstance(value, int | float) and not isinstance(value, bool):
                value = str(value)
            if not isinstance(value, str):
                raise InvalidValueError(f"{where} {key}", value, "text (a string)")
            parts[key.replace("-", "_")] = " ".join(value.split())
        ordering = name.get("static-ordering", False)
        if not isinstance(ordering, bool):
            raise InvalidValueError(f"{where} static-ordering", ordering, "true or false")
        parts = {k: v for k, v in parts.items() if v}
        if not parts.get("family") and not parts.get("literal"):
            raise InvalidValueError(where, dict(name), 'a CSL name with "family" (and "given") or "literal"')
        if parts.get("literal") and len(parts) > 1:
            raise InvalidValueError(where, dict(name), 'either "literal" alone or "family" with "given", particles '
                                    'and "suffix"')  # fmt: skip
        return cls(family_first=ordering and bool(parts.get("given")), **parts)

    def __str__(self) -> str:
        """The canonical string form, which :func:`parse_name` reads back."""
        extras = [p for p in (self.suffix, self.degrees, self.dates) if p]
        if self.literal:
            written = ", ".join([self.literal, *extras])
            try:
                plain = parse_name(written) == self
            except InvalidValueError:
                plain = False
            return written if plain else ", ".join(["{" + self.literal + "}", *extras])
        if self.family_first and self.given and not self.non_dropping_particle:
            head = f"{self.family.upper()} {self.given}"
        else:
            given = " ".join(p for p in (self.given, self.dropping_particle) if p)
            head = f"{self.short}, {given}" if given or extras else f"{self.short},"
        return ", ".join([head, *extras])


def _is_suffix(part: str) -> bool:
    return part.casefold() in _SUFFIXES


def _is_degrees(part: str) -> bool:
    words = part.replace(",", " ").split()
    return bool(words) and all(_plain(w) in _DEGREES for w in words)


def _is_degree_word(word: str) -> bool:
    """A degree after a name without a comma: dotted or capitalized inside (``D.D.``, ``PhD``),
    not a family name that looks like one (``Ma``)."""
    return _plain(word) in _DEGREES and ("." in word or word[1:] != word[1:].lower())


def _is_dates(part: str) -> bool:
    return bool(_DATES.fullmatch(part.rstrip(".").strip()) and re.search(r"\d", part))


def _is_body(words: list[str]) -> bool:
    """Whether a name of several words names a body: an institution's word, or a lowercase
    word that is no particle (``of``, ``for``, ``and``)."""
    if any(w.casefold().strip(".,") in _BODY_WORDS for w in words):
        return True
    return any(w in _FUNCTION_WORDS for w in words[1:])


def parse_name(name: str) -> Name:
    """Split a name string (see the module docs for the forms it accepts). Read once a process:
    a Source checks its names when built, and every citation, label and sort reads them again.

    Raises:
        InvalidValueError: an empty name, or one that is only a suffix, degree or dates.

    Examples:
        >>> parse_name("Odd Arne Westad").inverted, parse_name("CHEN Jian").full
        ('Westad, Odd Arne', 'Chen Jian')
        >>> parse_name("Gardiner, Samuel Rawson").full, parse_name("hanngill").inverted
        ('Samuel Rawson Gardiner', 'hanngill')
        >>> parse_name("W. E. B. Du Bois").short, parse_name("Martin Luther King Jr.").inverted
        ('Du Bois', 'King, Martin Luther, Jr.')
        >>> parse_name("Calef, Robert, 1648-1719.").full, parse_name("Cotton Mather, D.D.").full
        ('Robert Calef', 'Cotton Mather')
        >>> parse_name("U.S. Department of State").short
        'U.S. Department of State'
    """
    if not isinstance(name, str):
        raise InvalidValueError("name", name, _EXAMPLE)
    return _parse(name)


_EXAMPLE = "a name such as 'John Gerard', 'Gerard, John', 'CHEN Jian' or '{U.S. Department of State}'"


@functools.lru_cache(maxsize=4096)
def _parse(name: str) -> Name:
    example = _EXAMPLE
    text = " ".join(name.split())
    if text.startswith("{") and "}" in text and "{" not in text[1 : text.index("}")]:
        # a body's name in braces, as BibTeX writes it, perhaps with a catalogue's dates after it
        close = text.index("}")
        literal, after = " ".join(text[1:close].split()), text[close + 1 :].strip()
        extras = [p.strip() for p in after[1:].split(",")] if after.startswith(",") else [after] if after else []
        dated = [p.rstrip(".").strip() for p in extras if _is_dates(p)]
        honours = [p for p in extras if _is_degrees(p)]
        if not literal or len(dated) + len(honours) != len(extras) or len(dated) > 1:
            raise InvalidValueError("name", name, example + " (in braces: the whole name, then perhaps ', DATES')")
        return Name(literal=literal, dates="".join(dated), degrees=", ".join(honours))
    if not text:
        raise InvalidValueError("name", name, example)
    if " " not in text and "," not in text and not (_is_suffix(text) or _is_dates(text)):
        return Name(literal=text)  # one word, printed as written: "hanngill", "Voltaire", "Ba" (no B.A.)
    if _is_suffix(text) or _is_degrees(text) or _is_dates(text):  # no name, only what follows one
        raise InvalidValueError("name", name, example)
    parts = [p.strip() for p in text.split(",")]
    suffix, dates = "", ""
    degrees: list[str] = []
    # catalogue additions and suffixes stand after the name, each after a comma
    while len(parts) > 1:
        last = parts[-1]
        if not last and len(parts) > 2:
            parts.pop()
        elif _is_dates(last):
            dates = last.rstrip(".").strip() if not last.endswith("?.") else last[:-1]
            parts.pop()
        elif _is_suffix(last):
            suffix = last
            parts.pop()
        elif _is_degrees(last) and (len(parts) > 2 or len(parts[0].split()) > 1):
            degrees.insert(0, last)
            parts.pop()
        else:
            break
    if len(parts) > 2:  # "Family, Given, something": the rest is not what we know; keep it given
        parts = [parts[0], ", ".join(parts[1:])]
    words = parts[0].split()
    if not words:
        raise InvalidValueError("name", name, example)
    degree = ", ".join(degrees)
    if len(parts) == 2:  # "Family, Given"
        given_words = parts[1].split()
        dropping: list[str] = []
        while given_words and given_words[-1] in _PARTICLES and len(given_words) > 1:
            dropping.insert(0, given_words.pop())
        particle = []
        while len(words) > 1 and words[0] in _PARTICLES:
            particle.append(words.pop(0))
        return Name(" ".join(words), " ".join(given_words), non_dropping_particle=" ".join(particle),
                    dropping_particle=" ".join(dropping), suffix=suffix, dates=dates, degrees=degree)  # fmt: skip
    # words in reading order: pull suffix and degrees from the end
    while len(words) > 2 or (len(words) == 2 and not (suffix or degrees)):
        if not suffix and _is_suffix(words[-1]):
            suffix = words.pop()
        elif len(words) > 2 and _is_degree_word(words[-1]):
            degrees.insert(0, words.pop())
        else:
            break
    degree = ", ".join(degrees)
    if len(words) == 1:
        if suffix:  # a ruler, a pope: "James I", "Elizabeth II", printed as written
            return Name(literal=f"{words[0]} {suffix}", dates=dates, degrees=degree)
        return Name(literal=words[0], dates=dates, degrees=degree)
    if _is_body(words) and not suffix:
        return Name(literal=" ".join(words), dates=dates, degrees=degree)
    capitals = [i for i, w in enumerate(words) if len(w) > 1 and w.isalpha() and w.isupper()]
    if capitals and not all(w.isupper() for w in words):
        i = capitals[0]
        family = words[i].capitalize()
        particle = []
        if i == 0:
            rest = words[1:]
        else:
            rest = words[:i] + words[i + 1 :]
            while len(rest) > 1 and rest[-1] in _PARTICLES and i == len(words) - 1:
                particle.insert(0, rest.pop())
        return Name(family, " ".join(rest), family_first=i == 0, non_dropping_particle=" ".join(particle),
                    suffix=suffix, dates=dates, degrees=degree)  # fmt: skip
    family_words = [words.pop()]
    particle = []
    while len(words) > 1 and words[-1] in _PARTICLES:
        particle.insert(0, words.pop())
    if not particle and len(words) > 1 and words[-1] in _CAPITAL_PARTICLES:
        family_words.insert(0, words.pop())
    return Name(" ".join(family_words), " ".join(words), non_dropping_particle=" ".join(particle), suffix=suffix,
                dates=dates, degrees=degree)  # fmt: skip


def to_name(name: str | Name | Mapping[str, Any]) -> Name:
    """A :class:`Name` from any form argmap takes: a Name, a string, a CSL-JSON name object.

    Raises:
        InvalidValueError: a malformed name.
    """
    if isinstance(name, Name):
        return name
    if isinstance(name, Mapping):
        return Name.from_csl(name)
    return parse_name(name)


def family_first_doubt(name: str | Name) -> str | None:
    """Why a name written as a string may have been read in the wrong order, else ``None``.

    A two-word name read given name first whose first word is a common East Asian family name
    (``"Chen Jian"``) may be written family name first: argmap cannot know, so it says how to
    make it sure.

    Examples:
        >>> print(family_first_doubt("Chen Jian").replace(": ", ":\\n"))
        read 'Chen Jian' as given name Chen, family name Jian:
        write 'CHEN Jian' or { family = "Chen", given = "Jian" } if Chen is the family name
        >>> family_first_doubt("CHEN Jian") is None, family_first_doubt("Jian, Chen") is None
        (True, True)
    """
    if not isinstance(name, str) or "," in name:
        return None
    words = name.split()
    if len(words) != 2 or not all(w.isalpha() for w in words):
        return None
    parsed = parse_name(name)
    if parsed.family_first or parsed.literal or words[0].casefold() not in _EAST_ASIAN_FAMILIES:
        return None
    first, second = words
    return (f"read {name!r} as given name {first}, family name {second}: write '{first.upper()} {second}' or "
            f'{{ family = "{first}", given = "{second}" }} if {first} is the family name')  # fmt: skip


def name_doubt(name: str | Name) -> str | None:
    """Why a name written as a string may not be read as meant, else ``None``: a family-first
    name read given name first (:func:`family_first_doubt`), or two people in one string
    (``"Chen Jian and Yang Kuisong"``, read as one body's name).

    Examples:
        >>> print(name_doubt("Cotton Mather and Increase Mather").replace("; ", ";\\n"))
        read 'Cotton Mather and Increase Mather' as one body's name, printed as written;
        if these are several people, list them apart: ["Cotton Mather", "Increase Mather"]
        >>> name_doubt("Smith and Sons Ltd.") is None
        True
    """
    if not isinstance(name, str):
        return None
    doubt = family_first_doubt(name)
    if doubt is not None or "," in name or "{" in name:
        return doubt
    people = [" ".join(p.split()) for p in re.split(r"\s+(?:and|&)\s+", name)]
    if len(people) < 2 or any(len(p.split()) < 2 for p in people):
        return None
    try:
        readings = [parse_name(p) for p in people]
    except InvalidValueError:
        return None
    if any(n.literal for n in readings) or not parse_name(name).literal:
        return None
    listed = ", ".join(f'"{p}"' for p in people)
    return (f"read {name!r} as one body's name, printed as written; if these are several people, list them "
            f"apart: [{listed}]")  # fmt: skip
