# make demo: set up and run the flagship example.  make test: set up and run every check.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

ARGDOWN := tests/interop/argdown

.PHONY: demo test setup graphviz argdown bench docs clean chromium pandoc

demo: setup graphviz
	$(PY) examples/korean_war/run.py out/korean_war

test: setup graphviz argdown chromium pandoc
	$(VENV)/bin/ruff check argmap tests examples benchmarks
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports
	$(PY) -m pytest

# The real Argdown parser (@argdown/core, pinned by its lockfile) proves the Argdown export.
argdown: $(ARGDOWN)/node_modules/.package-lock.json

$(ARGDOWN)/node_modules/.package-lock.json: $(ARGDOWN)/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "Node.js and npm are needed for the Argdown interop tests: apt-get install nodejs npm" >&2; exit 1; }
	cd $(ARGDOWN) && npm ci --silent --no-audit --no-fund

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Graphviz's `dot` comes from the system: installed with apt when we may (root or sudo),
# otherwise stop with the command to run.
graphviz:
	@command -v dot >/dev/null 2>&1 || { \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    echo "installing Graphviz (apt-get install graphviz)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null; \
	  elif command -v apt-get >/dev/null 2>&1 && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then \
	    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null; \
	  else \
	    echo "Graphviz's 'dot' is missing. Install it: apt-get install graphviz | brew install graphviz | conda install -c conda-forge graphviz" >&2; \
	    exit 1; \
	  fi; }
	@dot -V

# Chromium and its driver, from the system as Graphviz is: the reading view's tests run in a real browser.
chromium:
	@{ command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; } || { \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    echo "installing Chromium (apt-get install chromium chromium-driver)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium chromium-driver >/dev/null; \
	  elif command -v apt-get >/dev/null 2>&1 && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then \
	    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium chromium-driver >/dev/null; \
	  else \
	    echo "Chromium is missing: the reading view's browser tests will be skipped. Install it: apt-get install chromium chromium-driver" >&2; \
	  fi; }

# pandoc, from the system as Chromium is: its Markdown reader proves that the report's footnotes
# become real footnotes in Word or LaTeX (pandoc report.md -o report.docx).
pandoc:
	@command -v pandoc >/dev/null 2>&1 || { \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    echo "installing pandoc (apt-get install pandoc)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq pandoc >/dev/null; \
	  elif command -v apt-get >/dev/null 2>&1 && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then \
	    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq pandoc >/dev/null; \
	  else \
	    echo "pandoc is missing: the report's pandoc tests will be skipped. Install it: apt-get install pandoc | brew install pandoc | conda install -c conda-forge pandoc" >&2; \
	  fi; }

# The map-file reference, generated from the field table (a test keeps it equal).
docs: setup
	$(PY) -c "from argmap.formats.schema import reference; print(reference(), end='')" > docs/map-file.md

bench: setup graphviz chromium
	$(PY) benchmarks/misquotes.py
	$(PY) benchmarks/anchor.py
	$(PY) benchmarks/compare.py
	$(PY) benchmarks/render.py
	$(PY) benchmarks/check.py
	$(PY) benchmarks/pdf.py
	$(PY) benchmarks/web_pages.py
	$(PY) benchmarks/reading.py
	$(PY) benchmarks/suggest.py
	$(PY) benchmarks/versus.py
	$(PY) benchmarks/load.py

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache .hypothesis $(ARGDOWN)/node_modules
