// question: Is there a coordination body that joins a country's national level with its regional level, and one that joins it with its local level?
// parameters: country (iso) — ISO 3166-1 alpha-2 code of the country, e.g. MX
// columns: country, upper_level, lower_level, body, body_label, gap, missing, status, source
// no rows means: never empty for a known country: each level pair gets a row, with gap "yes" when no body joining it is recorded
// A body of the country: a CoordinationBody that coordinates, has as member or is hosted by a
// government of the country (or an organisation of it: cca:country, or part of a government of
// it), or that a law (or provision) of one of its governments establishes.
// It joins the national level with level L when it has both as member levels (hasMemberLevel),
// or coordinates / has as member governments of the country at them.
// One row per level pair and joining body (gap "no", source = the body's citations), or one row
// with gap "yes" (status "known absent" when a KnownAbsence of absent type CoordinationBody about
// the national government names the lower level or no level; source then its citations).
MATCH (nation:Government {isoCode: $country, level: 'national'})
UNWIND ['regional', 'local'] AS lower
OPTIONAL MATCH (body:CoordinationBody)
WHERE (EXISTS { MATCH (body)-[:COORDINATES|HAS_MEMBER|HOSTED_BY]->()-[:PART_OF*0..]->(y)
                WHERE y = nation OR EXISTS { (y)-[:COUNTRY]->(nation) } }
       OR EXISTS { MATCH (body)-[:ESTABLISHED_BY]->(e)
                   WHERE EXISTS { (e)-[:ENACTED_BY]->()-[:PART_OF*0..]->(nation) }
                      OR EXISTS { (e)<-[:HAS_PROVISION]-()-[:ENACTED_BY]->()-[:PART_OF*0..]->(nation) } })
  AND ('national' IN coalesce(body.hasMemberLevel, [])
       OR EXISTS { (body)-[:COORDINATES|HAS_MEMBER]->({level: 'national'})-[:PART_OF*0..]->(nation) })
  AND (lower IN coalesce(body.hasMemberLevel, [])
       OR EXISTS { (body)-[:COORDINATES|HAS_MEMBER]->({level: lower})-[:PART_OF*0..]->(nation) })
OPTIONAL MATCH (absence:KnownAbsence {absentClass: 'CoordinationBody'})-[:ABOUT]->(nation)
WHERE body IS NULL AND (absence.toLevel IS NULL OR absence.toLevel = lower)
WITH DISTINCT nation, lower, body, absence
UNWIND CASE WHEN body IS NOT NULL THEN body.sources
            WHEN absence IS NOT NULL THEN absence.sources ELSE [null] END AS source
RETURN DISTINCT nation.isoCode AS country, 'national' AS upper_level, lower AS lower_level,
       body.iri AS body, body.label_en AS body_label,
       CASE WHEN body IS NULL THEN 'yes' ELSE 'no' END AS gap,
       CASE WHEN body IS NULL THEN 'no coordination body joining the national and ' + lower + ' level recorded' END AS missing,
       CASE WHEN body IS NOT NULL THEN null WHEN absence IS NOT NULL THEN 'known absent'
            ELSE 'absent in the data' END AS status,
       source
ORDER BY lower_level, body, source
