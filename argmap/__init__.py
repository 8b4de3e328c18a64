"""argmap: claim-and-evidence argument maps over real texts.

Write down the theses at stake, attach evidence quoted verbatim from the sources (argmap proves
each quote is in the text and knows its page), relate theses, and ask where the sources
disagree.
"""

from argmap.analysis import Comparison, ComparisonMatrix, Conflict, Row, Verdict
from argmap.anchor import locate
from argmap.argument_map import ArgumentMap
from argmap.check import CheckReport, CheckResult, Status
from argmap.errors import (
    AmbiguousQuoteError,
    AnnotationFileError,
    AnnotationImportError,
    ArgmapError,
    BibTeXError,
    DiagramTooLargeError,
    DuplicateIdError,
    GraphvizNotFoundError,
    InvalidQuoteError,
    InvalidValueError,
    MapEditError,
    MapFileError,
    MapSaveError,
    OutputError,
    QuoteNotFoundError,
    QuoteTooLongError,
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
from argmap.formats.aif import to_aif
from argmap.formats.argdown import to_argdown
from argmap.formats.export import export
from argmap.formats.graphml import to_graphml
from argmap.formats.importer import ImportResult, import_annotations, import_into_map_file
from argmap.formats.jsonform import from_json, to_json
from argmap.formats.mapfile import load, save
from argmap.model import Evidence, Match, Passage, Position, Relation, Source, Stance, Thesis
from argmap.names import Name
from argmap.outputs import report
from argmap.outputs.dot import Style, to_dot
from argmap.outputs.reading import html
from argmap.outputs.render import render
from argmap.pages import Layout

__all__ = [
    "AmbiguousQuoteError",
    "AnnotationFileError",
    "AnnotationImportError",
    "ArgmapError",
    "ArgumentMap",
    "BibTeXError",
    "CheckReport",
    "CheckResult",
    "Comparison",
    "ComparisonMatrix",
    "Conflict",
    "DiagramTooLargeError",
    "DuplicateIdError",
    "Evidence",
    "GraphvizNotFoundError",
    "ImportResult",
    "InvalidQuoteError",
    "InvalidValueError",
    "Layout",
    "MapEditError",
    "MapFileError",
    "MapSaveError",
    "Match",
    "Name",
    "OutputError",
    "Passage",
    "Position",
    "QuoteNotFoundError",
    "QuoteTooLongError",
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
    "html",
    "import_annotations",
    "import_into_map_file",
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
