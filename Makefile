# Set-up is part of every target: a fresh clone needs only `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check
CHROMIUM ?= /usr/bin/chromium
# Zensical, Material's successor, in a venv of its own (under build/, which git ignores).
ZENSICAL_VENV := build/zensical-venv

.PHONY: site test check new generate serve golden lock chromium java clean zensical lint-workflows lock-zensical bench messages lint

$(VENV)/.site: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --require-hashes -r requirements.txt
	touch $@

$(VENV)/.test: $(VENV)/.site requirements-dev.txt
	$(PIP) install --quiet --require-hashes -r requirements.txt -r requirements-dev.txt
	touch $@

$(ZENSICAL_VENV)/.installed: requirements-zensical.txt
	$(PYTHON) -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/python -m pip --disable-pip-version-check install --quiet --require-hashes -r requirements-zensical.txt
	touch $@

# Debian packages the tests need, installed only when missing (with sudo unless root).
APT_INSTALL = if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq

# Browser tests drive Debian's Chromium (never a downloaded browser).
chromium:
	@test -x $(CHROMIUM) || { echo "installing Debian's chromium for the browser tests"; $(APT_INSTALL) chromium >/dev/null; }

# The Nu Html Checker (tests/test_html.py): vnu-jar at the version package-lock.json pins, run by
# Debian's Java. --ignore-scripts: its install script would download a Java runtime.
java:
	@command -v java >/dev/null || { echo "installing Debian's Java runtime for the HTML checker"; $(APT_INSTALL) default-jre-headless >/dev/null; }

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "installing Debian's npm for the HTML checker"; $(APT_INSTALL) npm >/dev/null; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

check: $(VENV)/.site
	$(PY) -m generator check

# A commented skeleton record: `make new KIND=explainer ID=who-says-the-dam-broke` (or actor, source).
# KIND, ID and ADDRESS reach the commands as environment variables, never as shell code.
new: $(VENV)/.site
	@test -n "$$KIND" -a -n "$$ID" || { echo "usage: make new KIND=explainer|actor|source ID=the-new-id" >&2; exit 2; }
	$(PY) -m generator new "$$KIND" "$$ID"

generate: $(VENV)/.site
	$(PY) -m generator generate

site: $(VENV)/.site
	$(PY) -m generator build --out site

test: $(VENV)/.test $(ZENSICAL_VENV)/.installed chromium java node_modules/.installed
	$(MAKE) --no-print-directory lint
	$(PY) -m pytest -q

golden: $(VENV)/.site
	$(PY) -m tests.golden

lock: lock-zensical
	uv pip compile --quiet --generate-hashes --python-version 3.11 requirements.in -o requirements.txt
	uv pip compile --quiet --generate-hashes --python-version 3.11 requirements-dev.in -o requirements-dev.txt

clean:
	rm -rf site build .pytest_cache

# The live preview, on http://127.0.0.1:8000 or `make serve ADDRESS=127.0.0.1:8001`.
serve: $(VENV)/.site
	$(PY) -m generator serve --address "$${ADDRESS:-127.0.0.1:8000}"

# The same site_config.yml rendered by Zensical into site/, every edition with the configuration
# `generate` derives for it (the first edition first: it renders into site/ itself), as CI does.
zensical: $(VENV)/.site $(ZENSICAL_VENV)/.installed
	$(PY) -m generator generate
	for config in $$($(PY) -m generator editions); do $(ZENSICAL_VENV)/bin/zensical build -f $$config || exit 1; done

# What tests/test_workflows.py runs first: actionlint (with shellcheck) over every workflow.
lint-workflows: $(VENV)/.test
	$(VENV)/bin/actionlint -shellcheck $(VENV)/bin/shellcheck -pyflakes= .github/workflows/*.yml

# The code's guards (pyproject.toml): ruff (with bugbear and complexity rules) and mypy.
lint: $(VENV)/.test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

# The interface's messages: extract them from the code and templates into theme/locales/messages.pot
# and merge it into every catalog (new messages are left empty for a translator; the tests fail
# until each has a translation).
messages: $(VENV)/.site
	$(VENV)/bin/pybabel extract -F theme/locales/babel.cfg -k N_ -k ngettext:1,2 --no-location --sort-output --omit-header -o theme/locales/messages.pot .
	$(VENV)/bin/pybabel update -i theme/locales/messages.pot -d theme/locales --ignore-obsolete --no-fuzzy-matching

lock-zensical:
	uv pip compile --quiet --generate-hashes --python-version 3.11 requirements-zensical.in -o requirements-zensical.txt

# Benchmarks (synthetic content at N = 100, 1,000, 10,000): figures are printed, never asserted.
bench: $(VENV)/.site
	$(PY) -m bench.cores
	$(PY) -m bench.run
	$(PY) -m bench.history --explainers 1000 --commits 20
