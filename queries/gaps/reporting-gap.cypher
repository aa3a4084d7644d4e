// question: Which regional (and local) governments of a country report into a national MRV (reporting) platform, which are known not to, and for which was the material read without finding a channel or not read at all?
// parameters: country (iso) — ISO 3166-1 alpha-2 code of the country, e.g. ID; as_of (int, optional) — judge every fact as of this year (default: the year of its source)
// columns: country, government, government_label, level, national_platform, basis, status, source
// no rows means: no regional government of this country is recorded (that existed in the reference year), and no local government reports or was surveyed for reporting
// One row per regional government of the country, and per local government that reports via
// anything or whose level a CoverageRecord of the country covers for reporting.
// A national MRV platform: an Instrument of type mrv-platform adopted by the national government
// (asked as_of, one that starts later does not count).
// status (first that holds): no-gap, the government reports via national platforms (listed in
// national_platform); known-absent, a KnownAbsence of absent type Instrument in the domain mrv
// (or of instrument type mrv-platform) is about the government, or about the nation when it has
// no platform; gap, a CoverageRecord of the country covers the government's level and the
// relation kind reporting (asked as_of, only one citing a source of that year or later); else
// not-covered.
// Time: a row is judged at the reference year: $as_of; else the latest year of the sources of
// what decides it (the platform, the absence, the coverage record; for not-covered, the
// material on the country: its coverage records and national platforms). A government that began after it or ended before it is not in the rows:
// a coverage record cannot speak for a government formed after its sources, so such a
// government is no gap (nor not-covered) where its level was surveyed.
// basis (no-gap only): 'government' when the source says it of this government, 'level' when the
// link applies what the source says of the government's level as a class (reportsViaOfLevel:
// "the provinces report into PEP-Online", no province named); empty for the other statuses.
// source: the citations of the reporting government and its platforms (no-gap), of the absence
// or of the coverage records (none for not-covered).
MATCH (nation:Government {isoCode: $country, level: 'national'})
MATCH (g:Government)-[:PART_OF*1..]->(nation)
WHERE g.level = 'regional'
   OR (g.level = 'local'
       AND (EXISTS { (g)-[:REPORTS_VIA]->() }
            OR EXISTS { MATCH (c:CoverageRecord)-[:COUNTRY]->(nation)
                        WHERE 'local' IN coalesce(c.coversLevel, []) AND 'reporting' IN coalesce(c.coversRelation, [])
                          AND ($as_of IS NULL
                               OR EXISTS { MATCH (s:Source) WHERE s.key IN c.source_ids AND s.year >= $as_of }) }))
WITH DISTINCT nation, g
CALL (nation, g) {
  MATCH (g)-[via:REPORTS_VIA]->(platform:Instrument {instrumentType: 'mrv-platform'})-[:ADOPTED_BY]->(nation)
  WHERE $as_of IS NULL OR coalesce(platform.startYear, $as_of) <= $as_of
  CALL (platform) { MATCH (s:Source) WHERE s.key IN platform.source_ids RETURN max(s.year) AS platformYear }
  WITH g, via, platform, coalesce($as_of, platformYear) AS year
  WHERE year IS NULL OR (coalesce(g.startYear, year) <= year AND coalesce(g.endYear, year) >= year)
  RETURN collect(DISTINCT platform.iri) AS platforms,
         reduce(cited = [], s IN collect(coalesce(via.sources, []) + coalesce(platform.sources, [])) | cited + s)
           AS platformSources
}
CALL (nation, g, platforms) {
  MATCH (absence:KnownAbsence {absentClass: 'Instrument'})-[:ABOUT]->(about)
  WHERE size(platforms) = 0
    AND (absence.domain = 'mrv' OR absence.absentInstrumentType = 'mrv-platform')
    AND (about = g
         OR (about = nation
             AND NOT EXISTS { MATCH (p:Instrument {instrumentType: 'mrv-platform'})-[:ADOPTED_BY]->(nation)
                              WHERE $as_of IS NULL OR coalesce(p.startYear, $as_of) <= $as_of }))
  CALL (absence) { MATCH (s:Source) WHERE s.key IN absence.source_ids RETURN max(s.year) AS absenceYear }
  WITH g, absence, coalesce($as_of, absenceYear) AS year
  WHERE year IS NULL OR (coalesce(g.startYear, year) <= year AND coalesce(g.endYear, year) >= year)
  RETURN collect(absence) AS absences
}
CALL (nation, g, platforms, absences) {
  MATCH (coverage:CoverageRecord)-[:COUNTRY]->(nation)
  WHERE size(platforms) = 0 AND size(absences) = 0
    AND g.level IN coalesce(coverage.coversLevel, []) AND 'reporting' IN coalesce(coverage.coversRelation, [])
  CALL (coverage) { MATCH (s:Source) WHERE s.key IN coverage.source_ids RETURN max(s.year) AS coverageYear }
  // the material cannot speak for a year after its sources
  WITH g, coverage, coverageYear, coalesce($as_of, coverageYear) AS year
  WHERE $as_of IS NULL OR $as_of <= coverageYear
  RETURN collect({record: coverage,
                  existed: year IS NULL OR (coalesce(g.startYear, year) <= year AND coalesce(g.endYear, year) >= year)})
           AS coverages
}
// not-covered: judged at the year of the material on the country (the latest year of its
// coverage records and national platforms), when there is any
CALL (nation) {
  MATCH (material)-[link:COUNTRY|ADOPTED_BY]->(nation)
  WHERE (material:CoverageRecord AND type(link) = 'COUNTRY')
     OR (material:Instrument AND material.instrumentType = 'mrv-platform' AND type(link) = 'ADOPTED_BY')
  MATCH (s:Source) WHERE s.key IN material.source_ids
  RETURN max(s.year) AS materialYear
}
WITH nation, g, platforms, platformSources, absences, [c IN coverages WHERE c.existed | c.record] AS surveyed,
     coalesce($as_of, materialYear) AS year,
     CASE WHEN size(platforms) > 0 THEN 'no-gap' WHEN size(absences) > 0 THEN 'known-absent'
          WHEN size(coverages) > 0 THEN 'gap' ELSE 'not-covered' END AS status
// a gap only for a government that existed in the year of the record (a record cannot speak for
// a government formed after its sources): otherwise it is not in the rows
WHERE (status <> 'gap' OR size(surveyed) > 0)
  AND (status <> 'not-covered' OR year IS NULL
       OR (coalesce(g.startYear, year) <= year AND coalesce(g.endYear, year) >= year))
RETURN nation.isoCode AS country, g.iri AS government, g.label_en AS government_label, g.level AS level,
       platforms AS national_platform,
       CASE WHEN status = 'no-gap' THEN CASE WHEN g.reportsViaOfLevel IS NULL THEN 'government' ELSE 'level' END
       END AS basis, status,
       platformSources + reduce(cited = [], record IN absences + surveyed | cited + coalesce(record.sources, []))
         AS source
ORDER BY government
