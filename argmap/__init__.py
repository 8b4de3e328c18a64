"""argmap: claim-and-evidence argument maps over real texts.

Write down the theses at stake, attach evidence quoted verbatim from the sources (argmap proves
each quote is in the text and knows its page), relate theses, and ask where the sources
disagree.
"""

from argmap import report
from argmap.analysis import Comparison, ComparisonMatrix, Conflict, Row, Verdict
from argmap.anchor import locate
from argmap.argument_map import ArgumentMap
from argmap.check import CheckReport, CheckResult, Status
from argmap.dot import Style, to_dot
from argmap.errors import (
    AmbiguousQuoteError,
    ArgmapError,
    DiagramTooLargeError,
    DuplicateIdError,
    GraphvizNotFoundError,
    InvalidQuoteError,
    InvalidValueError,
    MapFileError,
    MapSaveError,
    OutputError,
    QuoteNotFoundError,
    RenderError,
    RenderTimeoutError,
    SourceChangedError,
    SourceChangedWarning,
    SourceFileError,
    StalePassageWarning,
    UnknownIdError,
    UnknownSourceError,
    UnknownThesisError,
)
from argmap.export import export, to_aif, to_argdown, to_graphml
from argmap.jsonform import from_json, to_json
from argmap.mapfile import load, save
from argmap.model import Evidence, Match, Passage, Position, Relation, Source, Stance, Thesis
from argmap.render import render

__all__ = [
    "AmbiguousQuoteError",
    "ArgmapError",
    "ArgumentMap",
    "CheckReport",
    "CheckResult",
    "Comparison",
    "ComparisonMatrix",
    "Conflict",
    "DiagramTooLargeError",
    "DuplicateIdError",
    "Evidence",
    "GraphvizNotFoundError",
    "InvalidQuoteError",
    "InvalidValueError",
    "MapFileError",
    "MapSaveError",
    "Match",
    "OutputError",
    "Passage",
    "Position",
    "QuoteNotFoundError",
    "Relation",
    "RenderError",
    "RenderTimeoutError",
    "Row",
    "Source",
    "SourceChangedError",
    "SourceChangedWarning",
    "SourceFileError",
    "StalePassageWarning",
    "Stance",
    "Status",
    "Style",
    "Thesis",
    "UnknownIdError",
    "UnknownSourceError",
    "UnknownThesisError",
    "Verdict",
    "export",
    "from_json",
    "load",
    "locate",
    "render",
    "report",
    "save",
    "to_aif",
    "to_argdown",
    "to_dot",
    "to_graphml",
    "to_json",
]
