# Set-up is part of every target: a fresh clone needs only `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check
CHROMIUM ?= /usr/bin/chromium
# Zensical, Material's successor, in a venv of its own (under build/, which git ignores).
ZENSICAL_VENV := build/zensical-venv

.PHONY: site test check new generate serve golden lock chromium clean zensical lint-workflows lock-zensical bench

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

# Browser tests drive Debian's Chromium (never a downloaded browser).
chromium:
	@test -x $(CHROMIUM) || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

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

test: $(VENV)/.test $(ZENSICAL_VENV)/.installed chromium
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

# The same site_config.yml rendered by Zensical into site/ (its default site_dir), as CI does.
zensical: $(VENV)/.site $(ZENSICAL_VENV)/.installed
	$(PY) -m generator generate
	$(ZENSICAL_VENV)/bin/zensical build -f site_config.yml

# What tests/test_workflows.py runs first: actionlint (with shellcheck) over every workflow.
lint-workflows: $(VENV)/.test
	$(VENV)/bin/actionlint -shellcheck $(VENV)/bin/shellcheck -pyflakes= .github/workflows/*.yml

lock-zensical:
	uv pip compile --quiet --generate-hashes --python-version 3.11 requirements-zensical.in -o requirements-zensical.txt

# Benchmarks (synthetic content at N = 100, 1,000, 10,000): figures are printed, never asserted.
bench: $(VENV)/.site
	$(PY) -m bench.cores
	$(PY) -m bench.run
