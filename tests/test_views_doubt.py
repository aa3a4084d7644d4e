"""The explorer and the site's pages show a target's doubt as the briefs do, and a curation note never.

Expected text is that of the shipped loaders/tables/registry-corrections.csv for Net Zero Tracker line 86
(../shared/data/openclimate/net_zero_tracker/Target.csv, header line 1): Mexico's 35 % by 2030, which the
row states below 2000 and the NDC update it cites states below a business-as-usual baseline.
"""
from __future__ import annotations

import pytest

from cca_graph import open_store
from cca_graph.ingest.imports import run_import
from cca_graph.present.site.graph import load
from cca_graph.present.site.pages import entity_page
from cca_graph.present.views import write_view

from .test_corrections import MX, _short_copy
from .test_targets_import import _canada
from .test_views import page_data

ID = "https://w3id.org/cca-graph/id/"
#: the correction's reason, then where it is read (the row's own document, its unconditional target)
DOUBT = ("The update of Mexico's NDC (2022) that the registry cites states the 35 % as a cut below the "
         "business-as-usual baseline it projects for 2030, not below the emissions of 2000 (the document the "
         "registry cites, its unconditional mitigation target)")


@pytest.mark.slow  # imports part of the real Net Zero Tracker file and draws it (about 4 s)
def test_mexicos_target_of_line_86_is_in_doubt_in_the_view_and_on_the_pages(tmp_path):
    # the first 86 lines of Net Zero Tracker: a graph small enough to draw whole
    out = tmp_path / "out"
    run_import("targets", _short_copy(tmp_path, "35"), out, [_canada(tmp_path)])
    store = open_store(out)
    page = tmp_path / "mx.html"
    write_view(store, page, focus=MX, depth=1)
    nodes = {n["id"]: n for n in page_data(page)["nodes"]}
    target = nodes[MX]
    # the doubt comes first, above what the registry states; the target is no plain fact in the tooltip either
    assert target["cca"]["props"][0] == ["in doubt", DOUBT]
    assert ["baseYear", "2000"] in target["cca"]["props"] and ["targetValue", "35"] in target["cca"]["props"]
    assert target["title"].endswith("\nCommitment, in doubt")
    # Mexico itself is in no doubt, and no node carries a curators' key
    assert nodes["MX"]["cca"]["props"][0][0] != "in doubt" and "in doubt" not in nodes["MX"]["title"]
    assert not any(key in ("doubt", "curation_note", "note") for n in nodes.values() for key, _ in n["cca"]["props"])
    # Mexico's page lists the target with its doubt; the target's own page says it first
    site = load(store)
    [entry] = [e for g in entity_page(site, ID + "MX")["groups"] for e in g.entries if e.href and MX in e.href]
    assert entry.detail == f"in doubt: {DOUBT}"
    assert entity_page(site, ID + MX)["properties"][0] == ("in doubt", DOUBT, None)
