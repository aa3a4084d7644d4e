// question: Which governments does a law oblige to have a type of instrument (e.g. Mexican states: a state climate programme) without any instrument of that type adopted by them in the data?
// parameters: country (iso) — ISO 3166-1 alpha-2 code of the country whose laws (national or subnational) are checked, e.g. MX
// columns: country, government, government_label, level, mandate, law, article, required_instrument_type, missing, status, source
// no rows means: every government within reach of an obligation to have an instrument has one of that type recorded, or no such obligation of this country is recorded (absent in the data, not known absent)
// Reach of a mandate: a mandate to a level reaches the governments at that level inside the
// territory of the government that enacted the law (national law: the whole country; e.g.
// Jalisco's law: Jalisco's municipalities); a mandate assigned to a government reaches it.
MATCH (nation:Government {isoCode: $country, level: 'national'})
MATCH (m:Mandate {modality: 'obligation'})-[:ASSIGNED_BY]->(by)
WHERE m.requiresInstrumentType IS NOT NULL AND (by:LegalAct OR by:Provision)
OPTIONAL MATCH (parent:LegalAct)-[:HAS_PROVISION]->(by)
WITH nation, m, by, CASE WHEN by:LegalAct THEN by ELSE parent END AS law
MATCH (law)-[:ENACTED_BY]->(enactor:Government)-[:PART_OF*0..]->(nation)
CALL (m, enactor) {
  MATCH (g:Government)-[:PART_OF*1..]->(enactor)
  WHERE m.toLevel IS NOT NULL AND g.level = m.toLevel
  RETURN g
  UNION
  MATCH (m)-[:ASSIGNED_TO]->(g:Government)
  RETURN g
}
UNWIND m.requiresInstrumentType AS type
WITH DISTINCT nation, m, by, law, g, type
WHERE NOT EXISTS { MATCH (i:Instrument {instrumentType: type})-[:ADOPTED_BY]->(g) }
WITH nation, m, by, law, g, type,
     EXISTS { MATCH (ka:KnownAbsence {absentClass: 'Instrument'})-[:ABOUT]->(g)
              WHERE ka.domain IS NULL OR ka.domain = m.domain } AS knownAbsent
UNWIND m.sources AS source
RETURN DISTINCT nation.isoCode AS country, g.iri AS government, g.label_en AS government_label, g.level AS level,
       m.iri AS mandate, law.iri AS law, CASE WHEN by:Provision THEN by.article END AS article,
       type AS required_instrument_type, 'no ' + type + ' adopted' AS missing,
       CASE WHEN knownAbsent THEN 'known absent' ELSE 'absent in the data' END AS status, source
ORDER BY government, mandate, required_instrument_type, source
