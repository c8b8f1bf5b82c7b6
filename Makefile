# Two commands do all the set-up on a fresh machine:
#   make figures   executes every notebook headlessly and writes figures/*.png
#   make test      runs the whole test suite
# Both create .venv and install the project into it unless a virtual environment is active.
# make figures CORPUS=path/to/corpus   runs the notebooks on your own corpus instead of seeds/
# make figures FIGURES=path/to/dir     writes the PNGs there instead of figures/
# Executed copies of the notebooks go to build/<corpus name>/ (build/seeds/ for the seeds; the
# name is analysis.paths.corpus_name), or under BUILD=path/to/dir instead of build/.

SHELL := /bin/bash
ifdef VIRTUAL_ENV
VENV := $(VIRTUAL_ENV)
else
VENV := .venv
endif
# Absolute: the notebooks run from notebooks/, and VIRTUAL_ENV is absolute already.
PY := $(abspath $(VENV))/bin/python
NOTEBOOKS := $(sort $(wildcard notebooks/*.ipynb))
NBCONVERT := $(PY) -m jupyter nbconvert --to notebook --execute \
	--ExecutePreprocessor.record_timing=False --ExecutePreprocessor.timeout=1800
BUILD_ROOT := $(abspath $(or $(BUILD),build))

ifdef CORPUS
export ANALYSIS_CORPUS := $(abspath $(CORPUS))
endif
ifdef FIGURES
export ANALYSIS_FIGURES := $(abspath $(FIGURES))
endif
FIGURES_OUT := $(or $(ANALYSIS_FIGURES),figures)

.PHONY: figures test lint lab bench clean-build

$(VENV)/bin/python:
	python3 -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

figures: $(VENV)/.installed
	out="$(BUILD_ROOT)/$$($(PY) -c 'from analysis.paths import corpus_name; print(corpus_name())')" \
		&& mkdir -p "$$out" "$(FIGURES_OUT)" && echo "executed notebooks -> $$out" \
		&& cd notebooks && for nb in $(notdir $(NOTEBOOKS)); do \
		echo "executing $$nb"; $(NBCONVERT) --output-dir "$$out" "$$nb" || exit 1; done
	@ls "$(FIGURES_OUT)"/*.png

test: $(VENV)/.installed
	$(PY) -m pytest

lint: $(VENV)/.installed
	$(PY) -m ruff check analysis tests bench

# Jupyter refuses to run as root (e.g. in a container) unless told to.
lab: $(VENV)/.installed
	$(PY) -m jupyter lab notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

clean-build:
	rm -rf build
