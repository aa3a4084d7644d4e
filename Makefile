# Every target sets itself up on a fresh machine: its own virtual environment,
# the package and its dependencies.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
OUT    ?= out
STAMP  := $(VENV)/.installed

.PHONY: demo test venv generate clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

## demo: build the graph from the bundled case material, print its summary, export it
demo: $(STAMP)
	$(BIN)/cca-graph build --out $(OUT)
	$(BIN)/cca-graph export --out $(OUT) --format all
	@echo "Outputs: $(OUT)/store (Oxigraph), $(OUT)/export (Turtle, TriG, N-Quads, JSON-LD, CSV)"

## test: the whole test suite, against the real parts
test: $(STAMP)
	$(BIN)/python -m pytest

## generate: rewrite the files derived from the ontology (Python names, vocabulary page)
generate: $(STAMP)
	$(BIN)/python -m cca_graph.devtools

clean:
	rm -rf $(OUT) dist build *.egg-info
