"""What the adviser's trial of the registry-scale briefs asked to be said once, plainly and without contradiction.

On the graph with every real registry imported (tests/conftest.py ``registry_graph``), the
United States brief is written once as Markdown by the CLI. Expected values are read here
from the registry files themselves (ClimActor, C2ES) and the UN expert group's criterion.
"""
from __future__ import annotations

import csv
import re

import pytest

from .conftest import CLIMACTOR_FILE, TARGET_FOLDERS, run_cli

pytestmark = pytest.mark.slow

#: what "not looked at" means: said once, in the legend above section 1
MEANING = "a question to ask, not a failing"


@pytest.fixture(scope="module")
def us_text(registry_graph, tmp_path_factory):
    out, _ = registry_graph
    path = tmp_path_factory.mktemp("us-budget") / "US.md"
    run_cli("brief", "US", "--graph", str(out), "--to", str(path), timeout=1200)
    return path.read_text(encoding="utf-8")


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split(" | ")]


def test_what_not_looked_at_means_is_said_once(us_text):
    assert us_text.count(MEANING) == 1
    legend = next(line for line in us_text.splitlines() if MEANING in line)
    assert "\u201cnot looked at\u201d" in legend
    # the findings that were not looked at use the status word (the brief asks of MRV channels, section 6)
    assert len(re.findall(r"\bnot looked at\b", us_text, flags=re.IGNORECASE)) > 3


def test_annual_reporting_of_one_year_is_not_partly_met(us_text):
    # ClimActor line 2086: California's reporting tags are CDP's list of 2022 and an undated States and Regions
    # Annual Disclosure; the UN expert group asks for a disclosure every year (Recommendation 8), so one year
    # on record does not show the criterion in part
    with open(CLIMACTOR_FILE, encoding="cp1252", newline="") as fh:
        row = next(r for n, r in enumerate(csv.DictReader(fh), 2) if n == 2086)
    assert row["name"].strip() == "California"
    years = sorted({t.strip()[-4:] for t in row["initiatives_committed"].split(";") if re.search(r"CDP.*\d{4}$", t.strip())})
    assert years == ["2022"]
    checklist = us_text.split("### Pledge-integrity checklist", 1)[1].split("\n## ", 1)[0]
    assert re.search(r"^### California: ", checklist, flags=re.M)
    rows = [_cells(line) for line in checklist.splitlines() if line.startswith("| ") and " | " in line]
    annual = [r for r in rows if r[0] == "Annual public reporting of emissions and progress"]
    assert len(annual) == 1 and "partly" not in annual[0][2]
    for criterion, _, met, evidence, *_ in rows:
        assert not ("partly met" in met and "not shown" in evidence), (criterion, met, evidence)


def test_a_plan_is_named_by_its_government_not_its_address(us_text):
    # C2ES US Target.csv line 10: Delaware's 2025 target cites the Delaware Climate Action Plan of 2021 by its URL
    with open(TARGET_FOLDERS[1] / "Target.csv", encoding="utf-8", newline="") as fh:
        line10 = list(csv.reader(fh))[9]
    url = next(cell for cell in line10 if cell.startswith("https://"))
    assert line10[1] == "US-DE" and "Delaware-Climate-Action-Plan-2021" in url
    instruments = us_text.split("## 3. ", 1)[1].split("\n## 4. ", 1)[0]
    labels = [_cells(line)[0] for line in instruments.splitlines()
              if line.startswith("| ") and not line.startswith(("| Instrument |", "|---"))]
    assert labels and not [label for label in labels if "http" in label or "documented at" in label]
    assert "Delaware's climate plan" in labels
    # the address stays in the plan's note
    notes = [line for line in us_text.splitlines() if line.startswith("[^")]
    assert any(url.replace("_", "\\_") in note for note in notes)


@pytest.mark.parametrize("country, kinds, total", [
    # the Constitution Acts: ten provinces and three territories; the Basic Law's preamble: sixteen Länder
    ("CA", ("Province", "Territory"), 13),
    ("DE", ("Land",), 16),
])
def test_regional_governments_are_counted_of_how_many(registry_graph, country, kinds, total):
    import pycountry
    from pyoxigraph import Literal

    from cca_graph import open_store
    from cca_graph.graph.sparql import run_sparql
    from cca_graph.present.briefs.model import Table, plain
    from cca_graph.present.briefs.sections import architecture
    from cca_graph.present.briefs.sections.context import Context

    out, _ = registry_graph
    store = open_store(out)
    # the ISO 3166-2 list the graph cites holds as many subdivisions of those kinds
    assert sum(s.type in kinds for s in pycountry.subdivisions.get(country_code=country)) == total
    # the regional governments the graph records below the nation, counted here in SPARQL of our own
    found = run_sparql(store, """PREFIX cca: <https://w3id.org/cca-graph/ontology#>
      SELECT ?g WHERE { ?n cca:isoCode ?iso ; cca:level <https://w3id.org/cca-graph/id/level/national> .
        ?g cca:partOf ?n ; cca:level <https://w3id.org/cca-graph/id/level/regional> }""",
                       {"iso": Literal(country)})["g"].tolist()
    codes = {str(g).rsplit("/", 1)[1] for g in found}
    listed = len([c for c in codes if (pycountry.subdivisions.get(code=c) or None) is not None])
    table = next(b for b in architecture.build(Context(store, country, "en")).blocks if isinstance(b, Table))
    cell = next(plain(r.cells[1]) for r in table.rows if plain(r.cells[0]).startswith("regional"))
    assert cell == (f"{listed} of {total}" if listed == len(codes)
                    else f"{len(codes)} ({listed} of {total} ISO 3166-2 subdivisions)")
    assert 0 < listed <= total


def test_the_target_question_counts_the_rows_the_imports_left_out(registry_graph, us_text):
    """Net Zero Tracker names cities by UN/LOCODE; a row whose code the import cannot place is left out, and
    the brief then asks whether the states have a net-zero target: it must say that such rows exist."""
    out, _ = registry_graph
    left = 0
    for log in sorted((out / "imports").glob("targets-*.decisions.csv")):
        with open(log, encoding="utf-8", newline="") as fh:
            left += sum(1 for r in csv.DictReader(fh)
                        if r["country"] == "US" and r["method"] in ("suspect", "unresolved", "ambiguous"))
    assert left > 0
    question = next(line for line in us_text.splitlines() if "without a net-zero or carbon-neutrality target" in line)
    rows = "row" if left == 1 else "rows"  # one now that the UN/LOCODE list places the US cities
    assert f"the target registries hold {left:,} more {rows} about the country that the import left out" in question


def test_subdivisions_are_named_as_a_reader_writes_them(registry_graph, tmp_path):
    """The ISO 3166-2 list names the province of Barcelona "Barcelona [Barcelona]" (its name in the other
    language of the country, here the same); a brief writes "Barcelona", as the site does."""
    import pycountry

    assert pycountry.subdivisions.get(code="ES-B").name == "Barcelona [Barcelona]"
    out, _ = registry_graph
    path = tmp_path / "ES.md"
    run_cli("brief", "ES", "--graph", str(out), "--to", str(path), timeout=600)
    text = path.read_text(encoding="utf-8")
    assert "Barcelona" in text and "[Barcelona]" not in text
