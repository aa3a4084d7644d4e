// question: Is there a coordination body that joins a country's national level with its regional level, and one that joins it with its local level, or is it known that there is none, or was the material not read for it?
// parameters: country (iso) — ISO 3166-1 alpha-2 code of the country, e.g. MX; as_of (int, optional) — judge every fact as of this year (default: the year of its source)
// columns: country, upper_level, lower_level, body, body_label, status, source
// no rows means: never empty for a known country (that existed in the year asked): each lower level gets a row per joining body (no-gap), or one row known-absent, gap or not-covered
// A body of the country: a CoordinationBody whose COUNTRY is the nation, or that coordinates,
// has as member or is hosted by a government or organisation of it (part of it, or of something
// whose COUNTRY it is), or that a law (or provision) of one of its governments establishes.
// It joins level L when it has L as a member level, coordinates or has as member a government
// of the country at L, or has as member an organisation of the country that represents L.
// Time: a body counts when it existed in the reference year: $as_of, else the latest year of
// the body's own sources. Asked as_of, a country that did not exist then has no rows.
// status (first that holds): no-gap, one row per body joining the national level with the
// lower level; known-absent, a KnownAbsence of absent type CoordinationBody about the nation
// names the lower level or no level; gap, a CoverageRecord of the country covers the lower
// level and the relation kind coordination (asked as_of, only one citing a source of that year
// or later); else not-covered. source: the citations of the bodies, absences or coverage
// records that decide the status (none for not-covered).
MATCH (nation:Government {isoCode: $country, level: 'national'})
WHERE $as_of IS NULL OR (coalesce(nation.startYear, $as_of) <= $as_of AND coalesce(nation.endYear, $as_of) >= $as_of)
UNWIND ['regional', 'local'] AS lower
CALL (nation, lower) {
  MATCH (body:CoordinationBody)
  WHERE (EXISTS { (body)-[:COUNTRY]->(nation) }
         OR EXISTS { MATCH (body)-[:COORDINATES|HAS_MEMBER|HOSTED_BY]->()-[:PART_OF*0..]->(y)
                     WHERE y = nation OR EXISTS { (y)-[:COUNTRY]->(nation) } }
         OR EXISTS { MATCH (body)-[:ESTABLISHED_BY]->(e)
                     WHERE EXISTS { (e)-[:ENACTED_BY]->()-[:PART_OF*0..]->(nation) }
                        OR EXISTS { (e)<-[:HAS_PROVISION]-()-[:ENACTED_BY]->()-[:PART_OF*0..]->(nation) } })
    AND ('national' IN coalesce(body.hasMemberLevel, [])
         OR EXISTS { (body)-[:COORDINATES|HAS_MEMBER]->({level: 'national'})-[:PART_OF*0..]->(nation) }
         OR EXISTS { MATCH (body)-[:HAS_MEMBER]->(o:Organization)-[:PART_OF*0..]->(y)
                     WHERE 'national' IN coalesce(o.representsLevel, [])
                       AND (y = nation OR EXISTS { (y)-[:COUNTRY]->(nation) }) })
    AND (lower IN coalesce(body.hasMemberLevel, [])
         OR EXISTS { MATCH (body)-[:COORDINATES|HAS_MEMBER]->(m)-[:PART_OF*0..]->(nation) WHERE m.level = lower }
         OR EXISTS { MATCH (body)-[:HAS_MEMBER]->(o:Organization)-[:PART_OF*0..]->(y)
                     WHERE lower IN coalesce(o.representsLevel, [])
                       AND (y = nation OR EXISTS { (y)-[:COUNTRY]->(nation) }) })
  CALL (body) { MATCH (s:Source) WHERE s.key IN body.source_ids RETURN max(s.year) AS bodyYear }
  WITH body, coalesce($as_of, bodyYear) AS year
  WHERE year IS NULL OR (coalesce(body.startYear, year) <= year AND coalesce(body.endYear, year) >= year)
  RETURN collect(body) AS bodies
}
CALL (nation, lower, bodies) {
  MATCH (absence:KnownAbsence {absentClass: 'CoordinationBody'})-[:ABOUT]->(nation)
  WHERE size(bodies) = 0 AND (absence.toLevel IS NULL OR absence.toLevel = lower)
  RETURN collect(absence) AS absences
}
CALL (nation, lower, bodies, absences) {
  MATCH (coverage:CoverageRecord)-[:COUNTRY]->(nation)
  WHERE size(bodies) = 0 AND size(absences) = 0
    AND lower IN coalesce(coverage.coversLevel, []) AND 'coordination' IN coalesce(coverage.coversRelation, [])
    // the material cannot speak for a year after its sources
    AND ($as_of IS NULL OR EXISTS { MATCH (s:Source) WHERE s.key IN coverage.source_ids AND s.year >= $as_of })
  RETURN collect(coverage) AS coverages
}
UNWIND CASE WHEN size(bodies) > 0 THEN bodies ELSE [null] END AS body
RETURN nation.isoCode AS country, 'national' AS upper_level, lower AS lower_level,
       body.iri AS body, body.label_en AS body_label,
       CASE WHEN body IS NOT NULL THEN 'no-gap' WHEN size(absences) > 0 THEN 'known-absent'
            WHEN size(coverages) > 0 THEN 'gap' ELSE 'not-covered' END AS status,
       CASE WHEN body IS NOT NULL THEN body.sources
            ELSE reduce(cited = [], record IN absences + coverages | cited + coalesce(record.sources, [])) END AS source
ORDER BY lower_level, body
