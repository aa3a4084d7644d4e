// question: Which governments does a law oblige to have a type of instrument (e.g. Mexican states: a state climate programme), and does each have one, is it known to lack one, or was the material not read for it?
// parameters: country (iso) — ISO 3166-1 alpha-2 code of the country whose laws (national or subnational) are checked, e.g. MX; as_of (int, optional) — judge every fact as of this year (default: the year of its source)
// columns: country, government, government_label, level, mandate, law, article, required_instrument_type, instrument, status, source
// no rows means: no obligation of this country's laws to have a type of instrument is recorded (in force as of the year asked), or it reaches no government recorded at that time
// Reach of a mandate: a mandate to a level reaches the governments at that level inside the
// territory of the government that enacted the law (for a national law: the whole country;
// for e.g. Jalisco's law: Jalisco's municipalities); a mandate assigned to a government
// reaches that government. One row per government, mandate and required type.
// Time: the reference year is as_of, else the latest year of the mandate's sources. A law
// after as_of is not in force; a government that began after the reference year (or ended
// before it) is not reached; an instrument that starts after as_of is not had.
// status (first that holds): no-gap, it adopted an instrument of the type (listed in
// instrument); known-absent, a KnownAbsence of absent type Instrument about the government
// names no other domain and no other instrument type; gap, a CoverageRecord of the country
// covers the government's level and the type (and, asked as_of, cites a source of that
// year or later); else not-covered. source: the mandate's citations and those of the
// instruments, absences or coverage records that decide the status.
MATCH (nation:Government {isoCode: $country, level: 'national'})
MATCH (m:Mandate {modality: 'obligation'})-[:ASSIGNED_BY]->(by)
WHERE m.requiresInstrumentType IS NOT NULL AND (by:LegalAct OR by:Provision)
OPTIONAL MATCH (parent:LegalAct)-[:HAS_PROVISION]->(by)
WITH nation, m, by, CASE WHEN by:LegalAct THEN by ELSE parent END AS law
MATCH (law)-[:ENACTED_BY]->(enactor:Government)-[:PART_OF*0..]->(nation)
WHERE $as_of IS NULL OR law.year IS NULL OR law.year <= $as_of
CALL (m, enactor) {
  MATCH (g:Government)-[:PART_OF*1..]->(enactor)
  WHERE m.toLevel IS NOT NULL AND g.level = m.toLevel
  RETURN g
  UNION
  MATCH (m)-[:ASSIGNED_TO]->(g:Government)
  RETURN g
}
CALL (m) {
  MATCH (s:Source) WHERE s.key IN m.source_ids
  RETURN max(s.year) AS mandateYear
}
// requiresInstrumentType is a list where a mandate requires several types
UNWIND CASE WHEN m.requiresInstrumentType IS :: LIST<ANY> THEN m.requiresInstrumentType
            ELSE [m.requiresInstrumentType] END AS type
WITH DISTINCT nation, m, by, law, g, type, coalesce($as_of, mandateYear) AS year
WHERE (g.startYear IS NULL OR g.startYear <= year) AND (g.endYear IS NULL OR g.endYear >= year)
WITH nation, m, by, law, g, type,
     COLLECT { MATCH (i:Instrument {instrumentType: type})-[:ADOPTED_BY]->(g)
               WHERE $as_of IS NULL OR i.startYear IS NULL OR i.startYear <= $as_of
               RETURN DISTINCT i } AS instruments,
     COLLECT { MATCH (ka:KnownAbsence {absentClass: 'Instrument'})-[:ABOUT]->(g)
               WHERE (ka.domain IS NULL OR ka.domain = m.domain)
                 AND (ka.absentInstrumentType IS NULL OR ka.absentInstrumentType = type)
               RETURN DISTINCT ka } AS absences,
     COLLECT { MATCH (coverage:CoverageRecord)-[:COUNTRY]->(nation)
               WHERE g.level IN coalesce(coverage.coversLevel, []) AND type IN coalesce(coverage.coversInstrumentType, [])
                 AND ($as_of IS NULL
                      OR EXISTS { MATCH (s:Source) WHERE s.key IN coverage.source_ids AND s.year >= $as_of })
               RETURN DISTINCT coverage } AS coverage
WITH nation, m, by, law, g, type, instruments,
     CASE WHEN size(instruments) > 0 THEN 'no-gap' WHEN size(absences) > 0 THEN 'known-absent'
          WHEN size(coverage) > 0 THEN 'gap' ELSE 'not-covered' END AS status,
     CASE WHEN size(instruments) > 0 THEN instruments WHEN size(absences) > 0 THEN absences ELSE coverage END AS evidence
RETURN nation.isoCode AS country, g.iri AS government, g.label_en AS government_label, g.level AS level,
       m.iri AS mandate, law.iri AS law, CASE WHEN by:Provision THEN by.article END AS article,
       type AS required_instrument_type, [i IN instruments | i.iri] AS instrument, status,
       reduce(cited = m.sources, e IN evidence | cited + e.sources) AS source
ORDER BY government, mandate, required_instrument_type
