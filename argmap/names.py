"""People's and bodies' names, split as citations need them.

Names are strings in :attr:`argmap.Source.authors` / ``editors``:

- ``"John Gerard"``: given name(s) first, the family name is the last word;
- ``"Gerard, John"``: family name, comma, given name(s);
- ``"CHEN Jian"``: a word in capitals marks the family name; written family name first
  (Chinese, Japanese, Korean, Hungarian names), the name keeps its order everywhere and is
  never inverted or given a comma (CMOS 8.14-8.17);
- ``"hanngill"``: one word, an organisation, a pseudonym: printed as written.
"""

from __future__ import annotations

from typing import Any

import attrs

from argmap.errors import InvalidValueError

__all__ = ["Name", "parse_name"]


@attrs.frozen
class Name:
    """A person's or body's name, split as a citation needs it.

    ``family_first`` names keep their order everywhere; ``given`` is empty for a name that is
    printed as written (one word, or a ``literal`` from CSL-JSON).
    """

    family: str
    given: str = ""
    family_first: bool = False

    @property
    def full(self) -> str:
        """The name as a note prints it (``John Gerard``, ``Chen Jian``)."""
        if not self.given:
            return self.family
        return f"{self.family} {self.given}" if self.family_first else f"{self.given} {self.family}"

    @property
    def inverted(self) -> str:
        """The name as a bibliography's first author (``Gerard, John``, ``Chen Jian``)."""
        if not self.given or self.family_first:
            return self.full
        return f"{self.family}, {self.given}"

    def to_csl(self) -> dict[str, Any]:
        """The CSL-JSON name object."""
        if not self.given:
            return {"literal": self.family}
        name: dict[str, Any] = {"family": self.family, "given": self.given}
        if self.family_first:
            name["static-ordering"] = True
        return name

    def __str__(self) -> str:
        """The canonical string form, which :func:`parse_name` reads back."""
        if not self.given:
            return self.family
        if self.family_first:
            return f"{self.family.upper()} {self.given}"
        return f"{self.family}, {self.given}"


def parse_name(name: str) -> Name:
    """Split a name string (see the module docs for the forms it accepts).

    Raises:
        InvalidValueError: an empty name.

    Examples:
        >>> parse_name("Odd Arne Westad").inverted, parse_name("CHEN Jian").full
        ('Westad, Odd Arne', 'Chen Jian')
        >>> parse_name("Gardiner, Samuel Rawson").full, parse_name("hanngill").inverted
        ('Samuel Rawson Gardiner', 'hanngill')
    """
    words = name.split()
    if not words:
        raise InvalidValueError("name", name, "a name such as 'John Gerard', 'Gerard, John' or 'CHEN Jian'")
    if "," in name:
        family, _, given = name.partition(",")
        return Name(" ".join(family.split()), " ".join(given.split()))
    if len(words) == 1:
        return Name(words[0])
    capitals = [i for i, w in enumerate(words) if len(w) > 1 and w.isalpha() and w.isupper()]
    if capitals and not all(w.isupper() for w in words):
        i = capitals[0]
        family = words[i].capitalize()
        rest = " ".join(words[:i] + words[i + 1 :])
        return Name(family, rest, family_first=i == 0)
    return Name(words[-1], " ".join(words[:-1]))
