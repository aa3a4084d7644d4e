"""The record model: which record types exist, their fields, and the RDF they map to.

Case files (``docs/case-format.md``) are lists of records. Each record type here
names the fields it accepts; a field knows its kind (text, year, number,
reference, concept…), whether it is required or may repeat, and the predicate it
becomes. The RDF terms come from :mod:`cca_graph.namespace`, generated from
``ontology/cca.ttl``, so a field cannot name a term the ontology lacks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..namespace import CCA, CONCEPT_SCHEMES, DCTERMS, ORG, OWL, RDF, RDFS, SKOS

__all__ = [
    "BASE",
    "ID",
    "GRAPH",
    "Field",
    "RecordType",
    "RECORD_TYPES",
    "ID_PATTERN",
    "YEAR_RANGE",
    "SCHEMES",
    "entity_iri",
    "concept_iri",
    "graph_iri",
    "source_iri",
    "citation_iri",
]

BASE = "https://w3id.org/cca-graph/"
ID = BASE + "id/"
GRAPH = BASE + "graph/"
WIKIDATA = "http://www.wikidata.org/entity/"

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
LANG_PATTERN = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
YEAR_RANGE = (1800, 2100)

#: concept scheme key -> the cca class its concepts belong to (the keys of CONCEPT_SCHEMES)
SCHEMES = {
    "level": CCA.GovernanceLevel,
    "modality": CCA.Modality,
    "role": CCA.MembershipRole,
    "instrument-type": CCA.InstrumentType,
    "mandate-domain": CCA.MandateDomain,
    "commitment-type": CCA.CommitmentType,
    "cooperation-area": CCA.CooperationArea,
    "figure-status": CCA.FigureStatus,
    "qualifier": CCA.Qualifier,
    "commitment-status": CCA.CommitmentStatus,
    "legal-force": CCA.LegalForce,
    "succession-kind": CCA.SuccessionKind,
    "contribution-role": CCA.ContributionRole,
    "relation-kind": CCA.RelationKind,
}
assert tuple(SCHEMES) == CONCEPT_SCHEMES


def entity_iri(record_id: str) -> str:
    """IRI of the record with id ``record_id`` (ids are unique across all types)."""
    return ID + record_id


def concept_iri(scheme: str, key: str) -> str:
    return f"{ID}{scheme}/{key}"


def graph_iri(name: str) -> str:
    return GRAPH + name


def source_iri(key: str) -> str:
    return f"{ID}source/{key}"


def citation_iri(digest: str) -> str:
    return f"{ID}citation/{digest}"


@dataclass(frozen=True)
class Field:
    """One field of a record type.

    ``kind`` is one of ``text``, ``year``, ``date`` (a day ``2021-11-10`` or a
    month ``2015-05``), ``number``, ``ref``, ``concept``, ``iso``, ``type-name``. ``inverse`` means the triple points from the
    referenced record to this one (a provision is the object of ``hasProvision``).
    """

    name: str
    predicate: str
    kind: str
    required: bool = False
    many: bool = False
    targets: tuple[str, ...] = ()
    scheme: str | None = None
    inverse: bool = False


@dataclass(frozen=True)
class RecordType:
    name: str
    rdf_class: str
    fields: tuple[Field, ...] = field(default_factory=tuple)

    def field(self, name: str) -> Field | None:
        for f in self.fields:
            if f.name == name:
                return f
        return None


def _ref(name, predicate, targets, **kw):
    return Field(name, str(predicate), "ref", targets=tuple(targets), **kw)


def _concept(name, predicate, scheme, **kw):
    return Field(name, str(predicate), "concept", scheme=scheme, **kw)


def _year(name, predicate, **kw):
    return Field(name, str(predicate), "year", **kw)


def _text(name, predicate, **kw):
    return Field(name, str(predicate), "text", **kw)


def _number(name, predicate, **kw):
    return Field(name, str(predicate), "number", **kw)


def _date(name, predicate, **kw):
    return Field(name, str(predicate), "date", **kw)


def _figure() -> tuple[Field, ...]:
    """The fields of a quantity: its value (or a range up to ``value_max``), how to read it,
    its currency and whether it was measured, is scheduled or is estimated."""
    return (
        _number("value", CCA.value, required=True),
        _number("value_max", CCA.maxValue),
        _concept("qualifier", CCA.qualifier, "qualifier"),
        _text("currency", CCA.currency),
        _text("currency_in_source", CCA.currencyInSource),
        _concept("status", CCA.figureStatus, "figure-status", required=True),
        _text("doubt", CCA.doubt),
    )


_GOV = ("Government",)
_ACT_OR_PROVISION = ("Provision", "LegalAct")
_BODY = ("Government", "Organization")
_ACTOR = ("Government", "Organization", "Network")

_TYPES = [
    RecordType("Government", str(CCA.Government), (
        _concept("level", CCA.level, "level", required=True),
        Field("iso", str(CCA.isoCode), "iso"),
        # a whole number: the shapes check it (cca:geonamesId), as the case reader has no integer kind yet
        _number("geonames_id", CCA.geonamesId),
        _text("locode", CCA.unLocode),
        _ref("part_of", CCA.partOf, _GOV),
        _ref("reports_via", CCA.reportsVia, ("Instrument",), many=True),
        _ref("funded_by", CCA.fundedBy, ("Instrument",), many=True),
        _concept("reports_via_of_level", CCA.reportsViaOfLevel, "level"),
        _year("start_year", CCA.startYear),
        _year("end_year", CCA.endYear),
    )),
    RecordType("Network", str(CCA.Network), (
        _year("start_year", CCA.startYear),
        _date("start_date", CCA.startDate),
        _ref("hosted_by", CCA.hostedBy, _BODY),
        _concept("legal_force", CCA.legalForce, "legal-force"),
        _number("review_cycle_years", CCA.reviewCycleYears),
        _text("secretariat", CCA.secretariat),
        _concept("cooperation_area", CCA.cooperationArea, "cooperation-area", many=True),
        _concept("member_level", CCA.hasMemberLevel, "level", many=True),
    )),
    RecordType("Membership", str(CCA.Membership), (
        _ref("member", ORG.member, _ACTOR, required=True),
        _ref("network", ORG.organization, ("Network",), required=True),
        _concept("role", ORG.role, "role", required=True),
        _year("since", CCA.since),
        _date("since_date", CCA.sinceDate),
        _year("until", CCA.until),
        _year("observed", CCA.observedYear),
    )),
    RecordType("LegalAct", str(CCA.LegalAct), (
        _ref("enacted_by", CCA.enactedBy, _GOV, required=True),
        _year("year", CCA.year, required=True),
        _date("date", CCA.date),
        _concept("legal_force", CCA.legalForce, "legal-force"),
    )),
    RecordType("Provision", str(CCA.Provision), (
        _ref("act", CCA.hasProvision, ("LegalAct",), required=True, inverse=True),
        _text("article", CCA.article, required=True),
    )),
    RecordType("Mandate", str(CCA.Mandate), (
        _ref("assigned_by", CCA.assignedBy, _ACT_OR_PROVISION, required=True),
        _ref("assigned_to", CCA.assignedTo, _GOV),
        _concept("to_level", CCA.toLevel, "level"),
        _concept("domain", CCA.domain, "mandate-domain", required=True),
        _concept("modality", CCA.modality, "modality", required=True),
        _concept("requires_instrument_type", CCA.requiresInstrumentType, "instrument-type"),
    )),
    RecordType("Instrument", str(CCA.Instrument), (
        _concept("instrument_type", CCA.instrumentType, "instrument-type", required=True),
        _ref("adopted_by", CCA.adoptedBy, _ACTOR, required=True, many=True),
        _ref("enacted_by", CCA.enactedBy, _GOV),
        _year("start_year", CCA.startYear),
        _date("start_date", CCA.startDate),
        _year("end_year", CCA.endYear),
        _date("end_date", CCA.endDate),
        _ref("implements", CCA.implements, ("Mandate", "Commitment"), many=True),
        _ref("scaled_up_from", CCA.scaledUpFrom, ("Instrument",), many=True),
        _ref("inspired_by", CCA.inspiredBy, ("Instrument",), many=True),
        _ref("funded_by", CCA.fundedBy, ("Instrument",), many=True),
        _ref("part_of", DCTERMS.isPartOf, ("Instrument",)),
        _ref("led_by", CCA.ledBy, _ACTOR),
        _ref("participants", CCA.participant, _ACTOR, many=True),
        _concept("applies_to_level", CCA.appliesToLevel, "level", many=True),
        _text("coverage", CCA.coverage),
        _concept("legal_force", CCA.legalForce, "legal-force"),
        _number("review_cycle_years", CCA.reviewCycleYears),
        _ref("hosted_by", CCA.hostedBy, _BODY),
        _concept("supports_instrument_type", CCA.supportsInstrumentType, "instrument-type", many=True),
    )),
    RecordType("Commitment", str(CCA.Commitment), (
        _ref("committed_by", CCA.committedBy, _ACTOR, required=True, many=True),
        _concept("commitment_type", CCA.commitmentType, "commitment-type", required=True),
        _year("target_year", CCA.targetYear),
        _date("target_date", CCA.targetDate),
        _year("base_year", CCA.baseYear),
        _number("value", CCA.targetValue),
        _number("value_max", CCA.maxValue),
        _concept("qualifier", CCA.qualifier, "qualifier"),
        _text("unit", CCA.unit),
        _concept("status", CCA.commitmentStatus, "commitment-status"),
        _concept("applies_to_level", CCA.appliesToLevel, "level", many=True),
        _text("scope", CCA.scope),
        _text("doubt", CCA.doubt),
        _ref("interim_of", CCA.interimOf, ("Commitment",)),
        _ref("alternative_to", CCA.alternativeTo, ("Commitment",), many=True),
        _ref("conflicts_with", CCA.conflictsWith, ("Commitment",), many=True),
        _concept("legal_force", CCA.legalForce, "legal-force"),
    )),
    RecordType("CoordinationBody", str(CCA.CoordinationBody), (
        _ref("coordinates", CCA.coordinates, _GOV, many=True),
        _concept("member_level", CCA.hasMemberLevel, "level", many=True),
        _ref("members", CCA.hasMember, _ACTOR, many=True),
        _ref("hosted_by", CCA.hostedBy, _BODY),
        _ref("established_by", CCA.establishedBy, _ACT_OR_PROVISION),
        _ref("country", CCA.country, _GOV),
        _year("start_year", CCA.startYear),
        _year("end_year", CCA.endYear),
    )),
    RecordType("Organization", str(CCA.Organization), (
        _ref("part_of", CCA.partOf, _BODY),
        _ref("country", CCA.country, _GOV),
        _text("kind", DCTERMS.type),
        _concept("represents_level", CCA.representsLevel, "level", many=True),
        _ref("hosted_by", CCA.hostedBy, _BODY),
        _year("start_year", CCA.startYear),
        _year("end_year", CCA.endYear),
    )),
    RecordType("Outcome", str(CCA.Outcome), (
        _ref("instrument", CCA.hasOutcome, ("Instrument",), required=True, inverse=True),
        _text("indicator", CCA.indicator, required=True),
        *_figure(),
        _text("unit", CCA.unit, required=True),
        _year("period_start", CCA.periodStart),
        _year("period_end", CCA.periodEnd),
        _date("date", CCA.date),
    )),
    RecordType("Observation", str(CCA.Observation), (
        _ref("about", CCA.about, (), required=True, many=True),
        _text("measure", CCA.measure, required=True),
        *_figure(),
        _text("unit", CCA.unit, required=True),
        _year("period_start", CCA.periodStart),
        _year("period_end", CCA.periodEnd),
        _date("date", CCA.date),
        _concept("applies_to_level", CCA.appliesToLevel, "level", many=True),
        _text("scope", CCA.scope),
    )),
    RecordType("Contribution", str(CCA.Contribution), (
        _ref("donor", CCA.donor, _ACTOR, required=True),
        _ref("recipient", CCA.recipient, ("Instrument", "Organization", "Network"), required=True),
        _concept("role", CCA.contributionRole, "contribution-role"),
        _number("amount", CCA.amount),
        _text("currency", CCA.currency),
        _concept("status", CCA.figureStatus, "figure-status"),
        _year("year", CCA.year),
        _date("date", CCA.date),
    )),
    RecordType("Succession", str(CCA.Succession), (
        _ref("predecessor", CCA.predecessor, (), required=True),
        _ref("successor", CCA.successor, (), required=True),
        _concept("kind", CCA.successionKind, "succession-kind", required=True),
        _year("year", CCA.year),
        _date("date", CCA.date),
    )),
    RecordType("ConceptScheme", str(CCA.ConceptScheme), ()),
    RecordType("Concept", str(CCA.Concept), (
        _ref("scheme", SKOS.inScheme, ("ConceptScheme",), required=True),
        _text("notation", SKOS.notation, required=True),
        _ref("broader", SKOS.broader, ("Concept",)),
    )),
    RecordType("IntegrityCriterion", str(CCA.IntegrityCriterion), (
        _text("check", CCA.checkKey, required=True),
        _ref("based_on", CCA.basedOn, ("Concept",), many=True),
        _concept("applies_to_level", CCA.appliesToLevel, "level", many=True),
        _concept("requires_commitment_type", CCA.requiresCommitmentType, "commitment-type", many=True),
        _year("requires_target_year", CCA.requiresTargetYear, many=True),
        _concept("requires_instrument_type", CCA.requiresInstrumentType, "instrument-type", many=True),
        _number("threshold", CCA.threshold),
        _number("threshold_max", CCA.maxValue),
        _concept("qualifier", CCA.qualifier, "qualifier"),
        _text("unit", CCA.unit),
    )),
    RecordType("CoverageRecord", str(CCA.CoverageRecord), (
        _ref("country", CCA.country, _GOV),
        _ref("network", CCA.coversNetwork, ("Network",), many=True),
        _concept("covers_level", CCA.coversLevel, "level", many=True),
        _concept("covers_instrument_type", CCA.coversInstrumentType, "instrument-type", many=True),
        _concept("covers_mandate_domain", CCA.coversMandateDomain, "mandate-domain", many=True),
        _concept("covers_relation", CCA.coversRelation, "relation-kind", many=True),
    )),
    RecordType("KnownAbsence", str(CCA.KnownAbsence), (
        _ref("about", CCA.about, (), required=True),
        Field("absent_type", str(CCA.absentClass), "type-name", required=True),
        _concept("to_level", CCA.toLevel, "level"),
        _concept("domain", CCA.domain, "mandate-domain"),
        _concept("modality", CCA.modality, "modality"),
        _concept("instrument_type", CCA.absentInstrumentType, "instrument-type"),
    )),
]

#: record type name -> RecordType
RECORD_TYPES: dict[str, RecordType] = {t.name: t for t in _TYPES}

#: fields every record may carry, besides its type's own
COMMON_FIELDS = ("id", "type", "label", "description", "curation_note", "note", "source", "wikidata")

#: predicates used for the common fields
LABEL = str(RDFS.label)
COMMENT = str(RDFS.comment)
DESCRIPTION = str(DCTERMS.description)
CURATION_NOTE = str(SKOS.editorialNote)
#: the prose fields and their predicates: description is for readers, curation_note for
#: curators only; note is the v1 spelling, kept as rdfs:comment and shown nowhere
PROSE_FIELDS = (("description", DESCRIPTION), ("curation_note", CURATION_NOTE), ("note", COMMENT))
TYPE = str(RDF.type)
SAME_AS = str(OWL.sameAs)
SOURCE = str(DCTERMS.source)
