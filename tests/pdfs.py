"""The PDF writer of the flagship example (``examples/korean_war/make_pdf.py``), for the tests."""

from __future__ import annotations

import importlib.util

from .conftest import EXAMPLE

_spec = importlib.util.spec_from_file_location("make_pdf", EXAMPLE / "make_pdf.py")
assert _spec is not None and _spec.loader is not None
_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_module)

chapter_pages = _module.chapter_pages
write_book = _module.write_book
