// question: Which obligations that a country's laws place on a level of government (or on a named government) have no funding programme for them in the data?
// parameters: country (iso) — ISO 3166-1 alpha-2 code of the country whose laws (national or subnational) are checked, e.g. MX
// columns: country, mandate, level, government, law, article, missing, status, source
// no rows means: every obligation of this country's laws has a funding programme recorded for it, or no obligation is recorded (absent in the data, not known absent)
// An obligation: a Mandate with modality obligation assigned by a LegalAct (or one of its
// provisions) enacted by a government of the country, to a level or to a government
// (government is then that government, level its level).
// It counts as funded when an Instrument of type funding-programme implements it, or applies to
// its level and is adopted by a government of the country, or funds (fundedBy) a government at
// its level within its reach (for a mandate to a level: inside the enacting government's
// territory; for a mandate to a government: that government).
// status: "known absent" when a KnownAbsence of absent type Instrument in the domain finance is
// about the mandate, its law or its provision. One row per citation of the mandate.
MATCH (nation:Government {isoCode: $country, level: 'national'})
MATCH (m:Mandate {modality: 'obligation'})-[:ASSIGNED_BY]->(by)
WHERE by:LegalAct OR by:Provision
OPTIONAL MATCH (parent:LegalAct)-[:HAS_PROVISION]->(by)
WITH nation, m, by, CASE WHEN by:LegalAct THEN by ELSE parent END AS law
MATCH (law)-[:ENACTED_BY]->(enactor:Government)-[:PART_OF*0..]->(nation)
CALL (m) {
  UNWIND CASE WHEN m.toLevel IS NULL THEN [] ELSE [m.toLevel] END AS level
  RETURN level, null AS assignee
  UNION
  MATCH (m)-[:ASSIGNED_TO]->(assignee:Government)
  RETURN assignee.level AS level, assignee
}
WITH DISTINCT nation, m, by, law, enactor, level, assignee
WHERE NOT EXISTS { (:Instrument {instrumentType: 'funding-programme'})-[:IMPLEMENTS]->(m) }
  AND NOT EXISTS { MATCH (f:Instrument {instrumentType: 'funding-programme'})-[:ADOPTED_BY]->()-[:PART_OF*0..]->(nation)
                   WHERE level IN coalesce(f.appliesToLevel, []) }
  AND NOT EXISTS { MATCH (funded:Government {level: level})-[:FUNDED_BY]->(:Instrument {instrumentType: 'funding-programme'})
                   WHERE (assignee IS NULL AND EXISTS { (funded)-[:PART_OF*1..]->(enactor) }) OR funded = assignee }
WITH nation, m, by, law, level, assignee,
     EXISTS { MATCH (absence:KnownAbsence {absentClass: 'Instrument', domain: 'finance'})-[:ABOUT]->(about)
              WHERE about = m OR about = law OR about = by } AS knownAbsent
UNWIND m.sources AS source
RETURN DISTINCT nation.isoCode AS country, m.iri AS mandate, level, assignee.iri AS government, law.iri AS law,
       CASE WHEN by:Provision THEN by.article END AS article,
       'no funding-programme implementing it, applying to its level or funding a government it obliges' AS missing,
       CASE WHEN knownAbsent THEN 'known absent' ELSE 'absent in the data' END AS status, source
ORDER BY mandate, level, government, source
