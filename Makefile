# Set-up is part of every target: a fresh clone needs only `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check
CHROMIUM ?= /usr/bin/chromium

.PHONY: site test check generate serve golden lock chromium clean

$(VENV)/.site: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --require-hashes -r requirements.txt
	touch $@

$(VENV)/.test: $(VENV)/.site requirements-dev.txt
	$(PIP) install --quiet --require-hashes -r requirements.txt -r requirements-dev.txt
	touch $@

# Browser tests drive Debian's Chromium (never a downloaded browser).
chromium:
	@test -x $(CHROMIUM) || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

check: $(VENV)/.site
	$(PY) -m generator check

generate: $(VENV)/.site
	$(PY) -m generator generate

site: $(VENV)/.site
	$(PY) -m generator build --out site

test: $(VENV)/.test chromium
	$(PY) -m pytest -q

golden: $(VENV)/.site
	$(PY) -m tests.golden

lock:
	uv pip compile --quiet --generate-hashes --python-version 3.11 requirements.in -o requirements.txt
	uv pip compile --quiet --generate-hashes --python-version 3.11 requirements-dev.in -o requirements-dev.txt

clean:
	rm -rf site build .pytest_cache

serve: $(VENV)/.site
	$(PY) -m generator serve
