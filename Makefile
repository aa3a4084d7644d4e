# Every target sets itself up on a fresh machine: its own virtual environment,
# the package and its dependencies.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
OUT    ?= out
STAMP  := $(VENV)/.installed

NEO4J_CP := tools/neo4j/target/classpath.txt
# where make neo4j-import finds the export (the folder given to cca-graph export --to)
EXPORT ?= $(OUT)/export
NEO4J_PORT ?= 7687
FUSEKI_CP := tools/fuseki/target/classpath.txt
FUSEKI_PORT ?= 3030
OVERVIEW_LIB := cca_graph/present/bundled/overview-draw.js

BENCH ?= M

.PHONY: demo test venv generate clean neo4j neo4j-import fuseki bench overview-lib

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

## demo: build the graph from the bundled case material, print its summary, export it, write the explorer views and the Mexico brief
demo: $(STAMP)
	$(BIN)/cca-graph build --graph $(OUT)
	$(BIN)/cca-graph export --graph $(OUT) --format all
	$(BIN)/cca-graph view --graph $(OUT) --to $(OUT)/views/explorer.html
	$(BIN)/cca-graph view --graph $(OUT) --country MX --to $(OUT)/views/mexico.html
	$(BIN)/cca-graph brief MX --graph $(OUT) --format html --to $(OUT)/briefs/MX.html
	$(BIN)/cca-graph brief MX --graph $(OUT) --format md --to $(OUT)/briefs/MX.md
	$(BIN)/cca-graph brief MX --graph $(OUT) --format docx --to $(OUT)/briefs/MX.docx
	@echo "Outputs: $(OUT)/store (Oxigraph), $(OUT)/export (Turtle, TriG, N-Quads, JSON-LD, CSV), $(OUT)/views (HTML explorer), $(OUT)/briefs (Mexico brief: HTML, Markdown, Word)"

# the Neo4j launcher: Neo4j Community from Maven Central, built once (cached in ~/.m2)
$(NEO4J_CP): tools/neo4j/pom.xml $(wildcard tools/neo4j/src/main/java/org/ccagraph/neo4j/*.java)
	mvn -q -B -f tools/neo4j/pom.xml package
	touch $@  # Maven leaves an unchanged classpath file as it was

# the Fuseki launcher: Apache Jena Fuseki from Maven Central, built once (cached in ~/.m2)
$(FUSEKI_CP): tools/fuseki/pom.xml $(wildcard tools/fuseki/src/main/java/org/ccagraph/fuseki/*.java) \
             tools/fuseki/src/main/resources/simplelogger.properties
	mvn -q -B -f tools/fuseki/pom.xml package
	touch $@  # Maven leaves an unchanged classpath file as it was

# the overview's drawing library: sigma.js and graphology from the npm registry (tools/overview),
# bundled into one script of the package; built here, never committed
$(OVERVIEW_LIB): tools/overview/package.json tools/overview/package-lock.json tools/overview/build.mjs \
                 tools/overview/src/entry.js
	command -v npm >/dev/null || (apt-get update && apt-get install -y nodejs npm)
	cd tools/overview && npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(dir $@)
	cd tools/overview && node build.mjs ../../$@

## overview-lib: build the overview page's drawing library (sigma.js and graphology, from the npm registry)
overview-lib: $(OVERVIEW_LIB)

## test: the whole test suite, against the real parts (Debian's chromium and a Chinese font installed when missing)
test: $(STAMP) $(NEO4J_CP) $(FUSEKI_CP) $(OVERVIEW_LIB)
	command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)
	fc-list :lang=zh 2>/dev/null | grep -q . || (apt-get update && apt-get install -y fonts-wqy-microhei)
	$(BIN)/python -m pytest --durations=30

## test-fast: the tests that start no Neo4j, Chromium, wheel, notebook or cca-graph process and read no real registry file (under a minute; tests/conftest.py marks the others slow)
.PHONY: test-fast
test-fast: $(STAMP) $(OVERVIEW_LIB)
	$(BIN)/python -m pytest -m "not slow"

## neo4j: start a local Neo4j (Bolt on 127.0.0.1:$(NEO4J_PORT), no auth, data in $(OUT)/neo4j) until Ctrl-C
neo4j: $(NEO4J_CP)
	java -cp tools/neo4j/target/classes:$$(cat $(NEO4J_CP)) org.ccagraph.neo4j.Launcher $(NEO4J_PORT) $(OUT)/neo4j

## neo4j-import: load $(EXPORT)/neo4j-admin with Neo4j's own bulk importer (the command in its README.txt) into a fresh $(OUT)/neo4j-import, then serve it like make neo4j until Ctrl-C
neo4j-import: $(NEO4J_CP)
	rm -rf $(OUT)/neo4j-import
	cd $(EXPORT)/neo4j-admin && $(PYTHON) $(CURDIR)/tools/neo4j/admin_arguments.py README.txt \
	  | xargs -0 java -cp $(CURDIR)/tools/neo4j/target/classes:$$(cat $(CURDIR)/$(NEO4J_CP)) \
	    org.ccagraph.neo4j.ImportLauncher $(NEO4J_PORT) $(abspath $(OUT))/neo4j-import

## fuseki: start a local Fuseki serving the dataset /cca (query, update, Graph Store Protocol) on 127.0.0.1:$(FUSEKI_PORT), TDB2 data in $(OUT)/fuseki, until Ctrl-C
fuseki: $(FUSEKI_CP)
	java -cp tools/fuseki/target/classes:$$(cat $(FUSEKI_CP)) org.ccagraph.fuseki.Launcher $(FUSEKI_PORT) $(OUT)/fuseki

## bench: time each stage beside a baseline from the same run (BENCH=M or L; Neo4j and Fuseki are started for the push stages); writes benchmarks/results.json
bench: $(STAMP) $(NEO4J_CP) $(FUSEKI_CP) $(OVERVIEW_LIB)
	$(BIN)/python benchmarks/run.py --size $(BENCH)

## generate: rewrite the files derived from the ontology (Python names, vocabulary page)
generate: $(STAMP)
	$(BIN)/python -m cca_graph.devtools

clean:
	rm -rf $(OUT) dist build *.egg-info
