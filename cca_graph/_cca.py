"""Python names of the cca vocabulary. Generated from ontology/cca.ttl by
``python -m cca_graph.devtools``; do not edit by hand."""
from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class CCA(DefinedNamespace):
    _NS = Namespace("https://w3id.org/cca-graph/ontology#")
    _fail = True

    Citation: URIRef
    Commitment: URIRef
    CommitmentType: URIRef
    CooperationArea: URIRef
    CoordinationBody: URIRef
    GovernanceLevel: URIRef
    Government: URIRef
    Instrument: URIRef
    InstrumentType: URIRef
    KnownAbsence: URIRef
    LegalAct: URIRef
    Mandate: URIRef
    MandateDomain: URIRef
    Membership: URIRef
    MembershipRole: URIRef
    Modality: URIRef
    Network: URIRef
    Outcome: URIRef
    Provision: URIRef
    Source: URIRef
    about: URIRef
    absentClass: URIRef
    adoptedBy: URIRef
    article: URIRef
    assignedBy: URIRef
    assignedTo: URIRef
    baseYear: URIRef
    citation: URIRef
    commitmentType: URIRef
    committedBy: URIRef
    cooperationArea: URIRef
    coordinates: URIRef
    coverage: URIRef
    domain: URIRef
    enactedBy: URIRef
    endYear: URIRef
    establishedBy: URIRef
    fundedBy: URIRef
    hasMemberLevel: URIRef
    hasOutcome: URIRef
    hasProvision: URIRef
    implements: URIRef
    indicator: URIRef
    inspiredBy: URIRef
    instrumentType: URIRef
    isoCode: URIRef
    level: URIRef
    locator: URIRef
    memberOf: URIRef
    modality: URIRef
    partOf: URIRef
    periodEnd: URIRef
    periodStart: URIRef
    reportsVia: URIRef
    requiresInstrumentType: URIRef
    scaledUpFrom: URIRef
    secretariat: URIRef
    since: URIRef
    startYear: URIRef
    targetValue: URIRef
    targetYear: URIRef
    toLevel: URIRef
    unit: URIRef
    until: URIRef
    value: URIRef
    year: URIRef
