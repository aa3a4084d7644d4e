"""Files derived from the ontology are current."""
from __future__ import annotations

from cca_graph.devtools import render_namespace_module
from cca_graph.namespace import CCA
from cca_graph.resources import ontology_dir

from .conftest import REPO


def test_python_names_are_generated_from_the_ontology():
    generated = render_namespace_module(ontology_dir() / "cca.ttl")
    assert (REPO / "cca_graph" / "namespace" / "_cca.py").read_text(encoding="utf-8") == generated, "run `make generate`"


def test_unknown_terms_are_refused():
    import pytest

    assert str(CCA.Government) == "https://w3id.org/cca-graph/ontology#Government"
    with pytest.raises(AttributeError):
        CCA.Goverment  # noqa: B018
