"""A figure in doubt (``cca:doubt``) says so wherever its status is shown.

giz-cca §4.5 counts, in its Canada box, more than seventy local authorities with carbon pricing and
about a fifth of "the country's" emissions; the passage may give worldwide figures. The figures stay
``measured``, as the source gives them, and every reader is told of the doubt.
"""
from pathlib import Path

import yaml

from cca_graph.graph.sparql import run_sparql
from cca_graph.present.briefs import write_brief

REPO = Path(__file__).resolve().parents[1]
DOUBTED = ("ca-local-carbon-pricing-2019", "ca-local-carbon-pricing-emissions-share-2019")


def curated() -> dict[str, dict]:
    records = yaml.safe_load((REPO / "loaders" / "canada" / "carbon-pricing.yaml").read_text(encoding="utf-8"))["records"]
    return {r["id"]: r for r in records}


def test_the_doubt_is_a_value_of_the_figure_not_a_sentence_of_its_description(store):
    records = curated()
    rows = run_sparql(store, "SELECT ?e ?doubt ?description WHERE { ?e cca:doubt ?doubt ; dcterms:description ?description }")
    found = {str(e).rsplit("/", 1)[-1]: (str(d), str(text)) for e, d, text in zip(rows["e"], rows["doubt"], rows["description"])}
    # the two Canada figures, and no other record of the bundled material, are in doubt
    assert set(found) == set(DOUBTED)
    for key in DOUBTED:
        doubt, description = found[key]
        assert doubt == records[key]["doubt"]
        assert records[key]["status"] == "measured"
        # the description no longer carries the doubt
        assert doubt not in description and "uncertain" not in description and "instead" not in description


def test_a_brief_never_shows_a_figure_in_doubt_as_plainly_measured(store, tmp_path):
    records = curated()
    path = tmp_path / "ca.md"
    write_brief(store, "CA", "md", path)
    lines = path.read_text(encoding="utf-8").splitlines()
    for key in DOUBTED:
        label = records[key]["label"]
        line = next(line for line in lines if line.startswith(f"- {label}:"))
        # given as the source states it, with the doubt, and never called measured
        assert f"(2019; as the source states it, in doubt: {records[key]['doubt']})." in line
        assert "measured" not in line
