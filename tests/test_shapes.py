"""Each SHACL shape rejects a graph crafted to break it, and accepts its repair."""
from __future__ import annotations

import pyshacl
import pytest
import rdflib

from cca_graph.resources import ontology_dir

PREFIXES = """
@prefix cca: <https://w3id.org/cca-graph/ontology#> .
@prefix id: <https://w3id.org/cca-graph/id/> .
@prefix src: <https://w3id.org/cca-graph/id/source/> .
@prefix cit: <https://w3id.org/cca-graph/id/citation/> .
@prefix level: <https://w3id.org/cca-graph/id/level/> .
@prefix modality: <https://w3id.org/cca-graph/id/modality/> .
@prefix role: <https://w3id.org/cca-graph/id/role/> .
@prefix fs: <https://w3id.org/cca-graph/id/figure-status/> .
@prefix cs: <https://w3id.org/cca-graph/id/commitment-status/> .
@prefix sk: <https://w3id.org/cca-graph/id/succession-kind/> .
@prefix cr: <https://w3id.org/cca-graph/id/contribution-role/> .
@prefix it: <https://w3id.org/cca-graph/id/instrument-type/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

# a minimal valid graph: every shape has a focus node here
BASE = PREFIXES + """
src:doc a cca:Source ; dcterms:title "Doc" ; dcterms:publisher "Pub" ; cca:year 2020 .
cit:c1 a cca:Citation ; dcterms:source src:doc ; cca:locator "p. 1" .
level:national a cca:GovernanceLevel .
level:regional a cca:GovernanceLevel .
modality:obligation a cca:Modality .
role:signatory a cca:MembershipRole .
id:XX a cca:Government ; rdfs:label "Country" ; cca:level level:national ;
    dcterms:source src:doc ; cca:citation cit:c1 .
id:XX-R a cca:Government ; rdfs:label "Region" ; cca:level level:regional ; cca:partOf id:XX ;
    dcterms:source src:doc ; cca:citation cit:c1 .
id:net a cca:Network ; rdfs:label "Net" ; dcterms:source src:doc ; cca:citation cit:c1 .
id:ms a cca:Membership ; org:member id:XX-R ; org:organization id:net ; org:role role:signatory ;
    dcterms:source src:doc ; cca:citation cit:c1 .
id:law a cca:LegalAct ; cca:hasProvision id:art1 ; dcterms:source src:doc ; cca:citation cit:c1 .
id:art1 a cca:Provision ; dcterms:source src:doc ; cca:citation cit:c1 .
id:m a cca:Mandate ; cca:modality modality:obligation ; cca:assignedBy id:art1 ; cca:toLevel level:regional ;
    dcterms:source src:doc ; cca:citation cit:c1 .
id:c a cca:Commitment ; cca:targetYear 2050 ; cca:committedBy id:XX-R ; cca:commitmentType id:ct ;
    cca:commitmentStatus cs:in-law ; dcterms:source src:doc ; cca:citation cit:c1 .
id:c30 a cca:Commitment ; cca:targetYear 2030 ; cca:committedBy id:XX-R ; cca:commitmentType id:ct ;
    cca:interimOf id:c ; dcterms:source src:doc ; cca:citation cit:c1 .
id:ct a cca:CommitmentType .
cs:in-law a cca:CommitmentStatus .
cs:proposed a cca:CommitmentStatus .
fs:measured a cca:FigureStatus .
fs:estimated a cca:FigureStatus .
sk:renamed-to a cca:SuccessionKind .
sk:merged-into a cca:SuccessionKind .
cr:founding-donor a cca:ContributionRole .
it:emissions-trading a cca:InstrumentType .
it:carbon-tax a cca:InstrumentType .
id:fund a cca:Instrument ; dcterms:source src:doc ; cca:citation cit:c1 .
id:out a cca:Outcome ; cca:value 70.0 ; cca:unit "percent" ; cca:figureStatus fs:measured ;
    cca:date "2015-05"^^xsd:gYearMonth ; dcterms:source src:doc ; cca:citation cit:c1 .
id:obs a cca:Observation ; cca:about id:net ; cca:measure "population" ; cca:value 1300000000.0 ;
    cca:unit "people" ; cca:figureStatus fs:measured ; cca:periodEnd 2017 ; dcterms:source src:doc ; cca:citation cit:c1 .
id:gift a cca:Contribution ; cca:donor id:XX-R ; cca:recipient id:fund ; cca:contributionRole cr:founding-donor ;
    cca:amount 2500000.0 ; dcterms:source src:doc ; cca:citation cit:c1 .
id:succ a cca:Succession ; cca:predecessor id:net ; cca:successor id:fund ; cca:successionKind sk:renamed-to ;
    dcterms:source src:doc ; cca:citation cit:c1 .
id:ka a cca:KnownAbsence ; cca:about id:XX ; cca:absentInstrumentType it:emissions-trading ;
    dcterms:source src:doc ; cca:citation cit:c1 .
id:crit a cca:IntegrityCriterion ; cca:threshold 10.0 ; dcterms:source src:doc ; cca:citation cit:c1 .
id:assoc a cca:Organization ; rdfs:label "Association" ; dcterms:source src:doc ; cca:citation cit:c1 .
id:ms2 a cca:Membership ; org:member id:assoc ; org:organization id:net ; org:role role:signatory ;
    dcterms:source src:doc ; cca:citation cit:c1 .
"""

# shape -> (triples to remove, triples to add) that break it
BREAKS = {
    "GovernmentShape: no level": ("id:XX-R cca:level level:regional .", ""),
    "GovernmentShape: two levels": ("", "id:XX-R cca:level level:national ."),
    "GovernmentShape: no label": ('id:XX-R rdfs:label "Region" .', ""),
    "GovernmentShape: reporting said of two levels": ("", "id:XX-R cca:reportsViaOfLevel level:regional , level:national ."),
    "InstrumentShape: supports a level, not an instrument type": ("", "id:fund cca:supportsInstrumentType level:local ."),
    "MembershipShape: no member": ("id:ms org:member id:XX-R .", ""),
    "MembershipShape: two networks": ("", "id:net2 a cca:Network . id:ms org:organization id:net2 ."),
    "MandateShape: no modality": ("id:m cca:modality modality:obligation .", ""),
    "MandateShape: no assigner": ("id:m cca:assignedBy id:art1 .", ""),
    "MandateShape: no assignee": ("id:m cca:toLevel level:regional .", ""),
    "CommitmentShape: two target years": ("", "id:c cca:targetYear 2060 ."),
    "CommitmentShape: a target date that is a year": ("", 'id:c cca:targetDate "2022"^^xsd:gYear .'),
    "CommitmentShape: two statuses": ("", "id:c cca:commitmentStatus cs:proposed ."),
    "CommitmentShape: interim of a government": ("id:c30 cca:interimOf id:c .", "id:c30 cca:interimOf id:XX ."),
    "CommitmentShape: conflicts with a government": ("", "id:c30 cca:conflictsWith id:XX ."),
    "CommitmentShape: no commitment type": ("id:c cca:commitmentType id:ct .", ""),
    "DoubtShape: two doubts of a commitment": ("", 'id:c cca:doubt "the NDC states another base" , "a second" .'),
    "DoubtShape: a doubt that is a number": ("", "id:out cca:doubt 3 ."),
    "MembershipShape: member is a provision": ("id:ms2 org:member id:assoc .", "id:ms2 org:member id:art1 ."),
    "OutcomeShape: no value": ("id:out cca:value 70.0 .", ""),
    "OutcomeShape: measured and estimated": ("", "id:out cca:figureStatus fs:estimated ."),
    "OutcomeShape: no status": ("id:out cca:figureStatus fs:measured .", ""),
    "ObservationShape: no status": ("id:obs cca:figureStatus fs:measured .", ""),
    "ObservationShape: no measure": ('id:obs cca:measure "population" .', ""),
    "ObservationShape: no subject": ("id:obs cca:about id:net .", ""),
    "ObservationShape: no year or date": ("id:obs cca:periodEnd 2017 .", ""),
    "ContributionShape: no donor": ("id:gift cca:donor id:XX-R .", ""),
    "ContributionShape: recipient is a provision": ("id:gift cca:recipient id:fund .", "id:gift cca:recipient id:art1 ."),
    "ContributionShape: two amounts": ("", "id:gift cca:amount 1.0 ."),
    "SuccessionShape: no successor": ("id:succ cca:successor id:fund .", ""),
    "SuccessionShape: two kinds": ("", "id:succ cca:successionKind sk:merged-into ."),
    "KnownAbsenceShape: absent type is a level": ("id:ka cca:absentInstrumentType it:emissions-trading .",
                                                  "id:ka cca:absentInstrumentType level:national ."),
    "IntegrityCriterionShape: threshold as text": ("id:crit cca:threshold 10.0 .", 'id:crit cca:threshold "ten" .'),
    "DatedShape: a date as plain text": ('id:out cca:date "2015-05"^^xsd:gYearMonth .', 'id:out cca:date "May 2015" .'),
    "CommitmentShape: no committing government": ("id:c cca:committedBy id:XX-R .", ""),
    "SourcedShape: no source": ("id:law dcterms:source src:doc .", ""),
    "SourcedShape: unregistered source": ("id:law dcterms:source src:doc .",
                                          "id:law dcterms:source src:elsewhere ."),
    "SourcedShape: no citation": ("id:art1 cca:citation cit:c1 .", ""),
    "CitationShape: no locator": ('cit:c1 cca:locator "p. 1" .', ""),
    "SourceShape: no title": ('src:doc dcterms:title "Doc" .', ""),
}


SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")


def _graph(remove: str, add: str) -> rdflib.Graph:
    data = rdflib.Graph().parse(data=BASE, format="turtle")
    if remove:
        for triple in rdflib.Graph().parse(data=PREFIXES + remove, format="turtle"):
            assert triple in data, f"{triple} not in the base graph"
            data.remove(triple)
    if add:
        data.parse(data=PREFIXES + add, format="turtle")
    return data


def _validate(remove: str, add: str) -> tuple[bool, set[str], str]:
    """Validate the base graph, edited, with pySHACL; return whether it conforms and which shapes it broke."""
    data = _graph(remove, add)
    shapes = rdflib.Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")
    conforms, report, text = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    broken = set()
    for result in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        shape = report.value(result, SH.sourceShape)
        owner = shapes.value(predicate=SH.property, object=shape) or shape
        broken.add(str(owner).rsplit("#", 1)[-1])
    return conforms, broken, text


def test_the_base_graph_conforms():
    conforms, broken, text = _validate("", "")
    assert conforms, text
    assert broken == set()


@pytest.mark.parametrize("name", sorted(BREAKS))
def test_each_shape_rejects_its_bad_graph(name):
    conforms, broken, text = _validate(*BREAKS[name])
    assert not conforms
    assert name.split(":")[0] in broken, text


def test_every_shape_is_exercised():
    shapes = rdflib.Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")
    names = {str(s).rsplit("#", 1)[-1] for s in shapes.subjects(rdflib.RDF.type, rdflib.URIRef("http://www.w3.org/ns/shacl#NodeShape"))}
    assert names == {name.split(":")[0] for name in BREAKS}


def _sparql_broken(remove: str, add: str) -> set[str]:
    """The shapes the SPARQL validator finds broken in the same edited graph."""
    from pyoxigraph import RdfFormat, Store

    from cca_graph.graph.shacl import validate_store

    store = Store()
    # the ontology supplies the subclass links that targets rely on, as in a build
    store.load(path=str(ontology_dir() / "cca.ttl"), format=RdfFormat.TURTLE)
    store.load(_graph(remove, add).serialize(format="nt").encode(), format=RdfFormat.N_TRIPLES)
    return {v.shape for v in validate_store(store, ontology_dir() / "shapes.ttl")}


@pytest.mark.parametrize("name", sorted(BREAKS))
def test_sparql_validator_gives_the_same_verdicts_as_pyshacl(name):
    _, broken, _ = _validate(*BREAKS[name])
    assert _sparql_broken(*BREAKS[name]) == broken


def test_sparql_validator_accepts_the_base_graph():
    assert _sparql_broken("", "") == set()


def test_unsupported_shacl_is_refused(tmp_path):
    from pyoxigraph import Store

    from cca_graph.graph.shacl import UnsupportedShape, validate_store

    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(PREFIXES + """
@prefix sh: <http://www.w3.org/ns/shacl#> .
<urn:s> a sh:NodeShape ; sh:targetClass cca:Government ;
    sh:property [ sh:path rdfs:label ; sh:pattern "^A" ] .
""", encoding="utf-8")
    with pytest.raises(UnsupportedShape, match="pattern"):
        validate_store(Store(), shapes)


def test_worker_processes_find_the_same_violations(tmp_path, monkeypatch):
    """Shared out to processes that open the store read-only, the constraints find what they find here."""
    from pyoxigraph import RdfFormat, Store

    from cca_graph.graph import shacl

    store = Store(str(tmp_path / "store"))
    store.load(path=str(ontology_dir() / "cca.ttl"), format=RdfFormat.TURTLE)
    for name in sorted(BREAKS):
        # every bad graph at once: what one removes another restores, what each adds stays
        store.load(_graph(*BREAKS[name]).serialize(format="nt").encode(), format=RdfFormat.N_TRIPLES)
    store.flush()
    here = shacl.validate_store(store, ontology_dir() / "shapes.ttl")
    monkeypatch.setattr(shacl, "PARALLEL_QUADS", 0)
    shared = shacl.validate_store(store, ontology_dir() / "shapes.ttl", tmp_path / "store")
    assert len({v.shape for v in here}) >= 3
    assert shared == here
