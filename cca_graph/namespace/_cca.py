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
    Concept: URIRef
    ConceptScheme: URIRef
    CooperationArea: URIRef
    CoordinationBody: URIRef
    CoverageRecord: URIRef
    GovernanceLevel: URIRef
    Government: URIRef
    Instrument: URIRef
    InstrumentType: URIRef
    IntegrityCriterion: URIRef
    KnownAbsence: URIRef
    LegalAct: URIRef
    Mandate: URIRef
    MandateDomain: URIRef
    Membership: URIRef
    MembershipRole: URIRef
    Modality: URIRef
    Network: URIRef
    Organization: URIRef
    Outcome: URIRef
    Provision: URIRef
    Source: URIRef
    about: URIRef
    absentClass: URIRef
    adoptedBy: URIRef
    appliesToLevel: URIRef
    article: URIRef
    assignedBy: URIRef
    assignedTo: URIRef
    baseYear: URIRef
    basedOn: URIRef
    checkKey: URIRef
    citation: URIRef
    commitmentType: URIRef
    committedBy: URIRef
    cooperationArea: URIRef
    coordinates: URIRef
    country: URIRef
    coverage: URIRef
    coversInstrumentType: URIRef
    coversLevel: URIRef
    coversMandateDomain: URIRef
    domain: URIRef
    enactedBy: URIRef
    endYear: URIRef
    establishedBy: URIRef
    fundedBy: URIRef
    hasMember: URIRef
    hasMemberLevel: URIRef
    hasOutcome: URIRef
    hasProvision: URIRef
    hostedBy: URIRef
    implements: URIRef
    indicator: URIRef
    inspiredBy: URIRef
    instrumentType: URIRef
    isoCode: URIRef
    ledBy: URIRef
    level: URIRef
    locator: URIRef
    memberOf: URIRef
    modality: URIRef
    observedYear: URIRef
    partOf: URIRef
    participant: URIRef
    periodEnd: URIRef
    periodStart: URIRef
    reportsVia: URIRef
    requiresCommitmentType: URIRef
    requiresInstrumentType: URIRef
    requiresTargetYear: URIRef
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
