# Two commands (see README.md):
#   make serve   set up everything on a fresh machine, then serve the site at http://127.0.0.1:8000
#   make test    set up everything (browser included), then run all tests
# Everything else here is what those two need.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup setup-site serve preview test test-fast build site-build check index figures review-report browser clean

# setup-site: what building and serving need (requirements.txt); setup: that plus the test tools.
setup-site: $(VENV)/.installed-site node_modules/.installed docs/assets/vendor/katex/VERSION
setup: setup-site $(VENV)/.installed

$(VENV)/.installed-site: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python >= 3.11 is required (Material for MkDocs 9.8)")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed: $(VENV)/.installed-site requirements-test.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

docs/assets/vendor/katex/VERSION: $(VENV)/.installed-site node_modules/.installed scripts/vendor_assets.py
	$(BIN)/python scripts/vendor_assets.py

serve: setup-site
	$(BIN)/mkdocs serve --livereload --dev-addr 127.0.0.1:8000

# Like serve, but keeps serving while the content has findings (they are listed as warnings on every rebuild).
preview: setup-site
	KB_STRICT=false $(BIN)/mkdocs serve --livereload --dev-addr 127.0.0.1:8000

# Builds into site.tmp/ and swaps it in only on success: a failed build never leaves a broken site/ behind.
# (CONFIG and SITE let the tests run the same recipe on a fixture: tests/test_faults.py.)
CONFIG ?= mkdocs.yml
SITE   ?= site
build: setup-site site-build

site-build:
	rm -rf $(SITE).tmp
	$(BIN)/mkdocs build --strict -f $(CONFIG) -d $(SITE).tmp || { rm -rf $(SITE).tmp; exit 1; }
	rm -rf $(SITE) && mv $(SITE).tmp $(SITE)

check: setup-site
	$(BIN)/python -m kb.checks --coverage
	$(BIN)/python scripts/gen_index.py --check
	$(BIN)/python scripts/gen_figures.py --check

index: setup-site
	$(BIN)/python scripts/gen_index.py

figures: setup-site
	$(BIN)/python scripts/gen_figures.py

# Pages whose facts were last reviewed more than 6 months ago (a report for maintainers, never a failure).
review-report: setup-site
	$(BIN)/python -m kb.checks --review-report

browser:
	@bash scripts/install_browser.sh

test: setup browser
	$(BIN)/python -m pytest

# The pre-push path: content checks plus every test that needs neither a site build nor a browser (~1-2 min).
test-fast: check
	$(BIN)/python -m pytest -m "not build and not browser" -q

clean:
	rm -rf site site.tmp .pytest_cache
