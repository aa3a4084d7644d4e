// question: Which mandates does a country's national law give to each level of government, and under which article?
// parameters: country (iso) — ISO 3166-1 alpha-2 code of the country, e.g. MX
// columns: country, level, mandate, modality, domain, article, law, source
// no rows means: no national law of this country with mandates is recorded (absent in the data, not known absent)
MATCH (state:Government {isoCode: $country, level: 'national'})<-[:ENACTED_BY]-(act:LegalAct)
MATCH (act)-[:HAS_PROVISION]->(provision:Provision)<-[:ASSIGNED_BY]-(m:Mandate)
OPTIONAL MATCH (m)-[:ASSIGNED_TO]->(assignee:Government)
WITH state, act, provision, m, coalesce(m.toLevel, assignee.level) AS level
UNWIND m.sources AS source
RETURN state.isoCode AS country, level, m.label_en AS mandate, m.modality AS modality, m.domain AS domain,
       provision.article AS article, act.label_en AS law, source
ORDER BY level, article, mandate, source
