// question: Which mandates does a country's national law give to each level of government, and under which article?
// parameters: country (iso) — ISO 3166-1 alpha-2 code of the country, e.g. MX
// columns: country, level, mandate, mandate_label, modality, domain, article, law, law_label, source
// no rows means: no national law of this country with mandates is recorded (the material may not cover its laws: see the coverage records)
// One row per mandate that a national law assigns, through one of its articles or as a whole
// (article empty), to a level or to a government (its level); the mandate's citations in one cell.
MATCH (state:Government {isoCode: $country, level: 'national'})<-[:ENACTED_BY]-(act:LegalAct)
CALL (act) {
  MATCH (m:Mandate)-[:ASSIGNED_BY]->(act)
  RETURN m, null AS article
  UNION
  MATCH (act)-[:HAS_PROVISION]->(provision:Provision)<-[:ASSIGNED_BY]-(m:Mandate)
  RETURN m, provision.article AS article
}
OPTIONAL MATCH (m)-[:ASSIGNED_TO]->(assignee:Government)
WITH DISTINCT state, act, m, article, coalesce(m.toLevel, assignee.level) AS level
WHERE level IS NOT NULL
RETURN state.isoCode AS country, level, m.iri AS mandate, m.label_en AS mandate_label, m.modality AS modality,
       m.domain AS domain, article, act.iri AS law, act.label_en AS law_label, m.sources AS source
ORDER BY level, article, mandate
