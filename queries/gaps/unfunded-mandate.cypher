// question: Which obligations to produce or deliver something (a plan, a programme, a service, an inventory) do a country's laws place on a level of government (or on a named government), and does a funding programme pay for each, is funding known to be absent, or was the material not read for it?
// parameters: country (iso) — ISO 3166-1 alpha-2 code of the country whose laws (national or subnational) are checked, e.g. MX; as_of (int, optional) — judge every fact as of this year (default: the year of its source)
// columns: country, mandate, level, government, law, article, funding, status, source
// no rows means: no obligation of this country's laws to produce or deliver something is recorded (in force as of the year asked); a duty of conduct alone (to co-operate) is not asked about
// An obligation: a Mandate with modality obligation assigned by a LegalAct (or one of its
// provisions) enacted by a government of the country, to a level or to a government
// (government is then that government, level its level). One row per obligation and level.
// Only an obligation to produce or deliver something: one that names the type of instrument it
// requires, or one in any domain but coordination. An obligation in the domain coordination that
// requires no type of instrument is a duty of conduct (South Africa's spheres must co-operate,
// giz-cca §2.2): nothing to fund, not in the rows.
// Time: a law whose year is after as_of is not in force; a government the obligation is
// assigned to that began after the reference year (as_of, else the latest year of the
// mandate's sources) or ended before it is not in the rows; a funding programme that starts
// after as_of does not count.
// funding: the Instruments of type funding-programme that implement it. A programme that only
// applies to the obligation's level or funds a government it obliges pays for something, not
// for this duty (South Africa's EEPBIP funds energy efficiency in public buildings of all three
// spheres, giz-cca §4.4, not their constitutional duty to co-operate): it is no evidence here.
// status (first that holds): no-gap, some funding; known-absent, a KnownAbsence of absent
// type Instrument in the domain finance is about the mandate, its law or its provision; gap,
// a CoverageRecord of the country covers the level and the relation funding (asked as_of:
// and cites a source of that year or later); else not-covered. source: the mandate's
// citations and those of the funding programmes, absences or coverage records that decide it.
MATCH (nation:Government {isoCode: $country, level: 'national'})
MATCH (m:Mandate {modality: 'obligation'})-[:ASSIGNED_BY]->(by)
WHERE (by:LegalAct OR by:Provision)
  // not a duty of conduct (header)
  AND (m.requiresInstrumentType IS NOT NULL OR m.domain <> 'coordination')
OPTIONAL MATCH (parent:LegalAct)-[:HAS_PROVISION]->(by)
WITH nation, m, by, CASE WHEN by:LegalAct THEN by ELSE parent END AS law
MATCH (law)-[:ENACTED_BY]->(enactor:Government)-[:PART_OF*0..]->(nation)
WHERE $as_of IS NULL OR law.year IS NULL OR law.year <= $as_of
CALL (m) {
  UNWIND CASE WHEN m.toLevel IS NULL THEN [] ELSE [m.toLevel] END AS level
  RETURN level, null AS assignee
  UNION
  MATCH (m)-[:ASSIGNED_TO]->(assignee:Government)
  RETURN assignee.level AS level, assignee
}
CALL (m) {
  MATCH (s:Source) WHERE s.key IN m.source_ids
  RETURN max(s.year) AS mandateYear
}
WITH DISTINCT nation, m, by, law, enactor, level, assignee, coalesce($as_of, mandateYear) AS year
WHERE assignee IS NULL
   OR ((assignee.startYear IS NULL OR assignee.startYear <= year) AND (assignee.endYear IS NULL OR assignee.endYear >= year))
WITH nation, m, by, law, level, assignee,
     COLLECT { MATCH (f:Instrument {instrumentType: 'funding-programme'})
               WHERE ($as_of IS NULL OR f.startYear IS NULL OR f.startYear <= $as_of)
                 AND EXISTS { (f)-[:IMPLEMENTS]->(m) }
               RETURN DISTINCT f } AS funds,
     COLLECT { MATCH (ka:KnownAbsence {absentClass: 'Instrument', domain: 'finance'})-[:ABOUT]->(about)
               WHERE about = m OR about = law OR about = by
               RETURN DISTINCT ka } AS absences,
     COLLECT { MATCH (coverage:CoverageRecord)-[:COUNTRY]->(nation)
               WHERE level IN coalesce(coverage.coversLevel, []) AND 'funding' IN coalesce(coverage.coversRelation, [])
                 AND ($as_of IS NULL
                      OR EXISTS { MATCH (s:Source) WHERE s.key IN coverage.source_ids AND s.year >= $as_of })
               RETURN DISTINCT coverage } AS coverage
WITH nation, m, by, law, level, assignee, funds,
     CASE WHEN size(funds) > 0 THEN 'no-gap' WHEN size(absences) > 0 THEN 'known-absent'
          WHEN size(coverage) > 0 THEN 'gap' ELSE 'not-covered' END AS status,
     CASE WHEN size(funds) > 0 THEN funds WHEN size(absences) > 0 THEN absences ELSE coverage END AS evidence
RETURN nation.isoCode AS country, m.iri AS mandate, level, assignee.iri AS government, law.iri AS law,
       CASE WHEN by:Provision THEN by.article END AS article, [f IN funds | f.iri] AS funding, status,
       reduce(cited = m.sources, e IN evidence | cited + e.sources) AS source
ORDER BY mandate, level, government
