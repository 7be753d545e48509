# Two commands for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run test check browser golden-update bench clean chromium tagger screenshots

$(PY):
	$(PYTHON) -m venv $(VENV)
	# A new venv's pip is too old to honour lxml[html_clean] (trafilatura needs it).
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.runtime: $(PY) requirements.txt pyproject.toml
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

run: $(VENV)/.runtime chromium
	$(VENV)/bin/streamlit run app.py --server.port $(PORT)

# Debian's Chromium for the browser test and static image export; playwright cannot
# download browsers here, so the system one is used.
chromium:
	command -v chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

test: $(VENV)/.dev chromium
	$(PY) -m pytest
	# Nothing may depend on the machine's time zone: run the time-sensitive suites again far from UTC.
	TZ=Pacific/Auckland $(PY) -m pytest -q -m "not browser and not slow"

check: $(VENV)/.dev
	$(VENV)/bin/ruff check src tests benchmarks tools scripts app.py pages
	$(VENV)/bin/ruff format --check src tests benchmarks tools scripts app.py pages

# The part-of-speech model shipped in src/timeline/language/data, rebuilt from the UD English
# Web Treebank (CC BY-SA 4.0; the model carries that licence, see the NOTICE beside it).
EWT ?= ../shared/corpora/ud-english-ewt
tagger: $(VENV)/.runtime
	$(PY) tools/train_tagger.py $(EWT)

golden-update: $(VENV)/.dev
	$(PY) -m tests.golden_update

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis

# PNGs of every page at 1440x900 for the README (docs/screenshots/).
screenshots: $(VENV)/.dev chromium
	$(PY) scripts/screenshots.py --out docs/screenshots

browser: $(VENV)/.dev chromium
	$(PY) -m pytest -m browser

bench: $(VENV)/.dev
	$(PY) benchmarks/te3.py ../shared/corpora/timebank
	$(PY) benchmarks/speed.py ../shared/corpora/timebank
