"""argmap: claim-and-evidence argument maps over real texts.

Write down the theses at stake, attach evidence quoted verbatim from the sources (argmap proves
each quote is in the text and knows its page), relate theses, and ask where the sources
disagree.
"""

from argmap.anchor import locate
from argmap.argument_map import ArgumentMap
from argmap.check import CheckReport, CheckResult, Status
from argmap.errors import (
    AmbiguousQuoteError,
    ArgmapError,
    DuplicateIdError,
    GraphvizNotFoundError,
    InvalidQuoteError,
    InvalidValueError,
    QuoteNotFoundError,
    SourceFileError,
    UnknownIdError,
    UnknownSourceError,
    UnknownThesisError,
)
from argmap.model import Evidence, Match, Passage, Position, Relation, Source, Stance, Thesis

__all__ = [
    "AmbiguousQuoteError",
    "ArgmapError",
    "ArgumentMap",
    "CheckReport",
    "CheckResult",
    "DuplicateIdError",
    "Evidence",
    "GraphvizNotFoundError",
    "InvalidQuoteError",
    "InvalidValueError",
    "Match",
    "Passage",
    "Position",
    "QuoteNotFoundError",
    "Relation",
    "Source",
    "SourceFileError",
    "Stance",
    "Status",
    "Thesis",
    "UnknownIdError",
    "UnknownSourceError",
    "UnknownThesisError",
    "locate",
]
