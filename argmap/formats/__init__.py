"""Maps to and from files: one field table (:mod:`~argmap.formats.schema`), one loader
(:mod:`~argmap.formats.loader`), and a module per format: the TOML map file, the full JSON form,
CSL-JSON metadata, and the exports (Argdown, AIF, GraphML)."""
