// question: How does each regional government's earliest net-zero or carbon-neutrality target year compare with its national government's: stronger (earlier), weaker (later), aligned, or missing, and how sure is a missing target?
// parameters: country (iso) — ISO 3166-1 alpha-2 code of the country, e.g. KR; as_of (int, optional) — judge every fact as of this year (default: the year of its source)
// columns: country, government, government_label, national_target_year, target_year, commitment, alignment, status, source
// no rows means: no regional government of this country is recorded (as of the reference year)
// One row per regional government of the country. Targets: Commitments of type net-zero or
// carbon-neutrality; each government's earliest target year. A target without a year is a target
// (Tokyo's carbon neutrality, giz-cca §2.3) with no year to compare. commitment: the regional
// commitments with the earliest year, or all of them when none has a year (a list cell).
// alignment: "stronger" (earlier than the nation's earliest year), "weaker" (later), "aligned"
// (same year), "no national target" (the nation has none recorded), "no target year" (its targets
// name no year), "missing" (the regional government has none).
// status (queries/README.md, "Status"): "no-gap" when the government has a target; for a missing
// one "known-absent" when a KnownAbsence about the government has absent type Commitment, "gap"
// when a CoverageRecord of the country covers the regional level and the relation kind target
// (the material was read for regional targets), else "not-covered".
// Time: asked as_of Y, a government created after Y or dissolved before Y is not in the rows, and a
// coverage record whose year (the latest year of its sources) is before Y covers nothing. Without
// as_of, a government without a target is judged at the year of the coverage records covering
// regional targets (the latest), or, where none does, at the latest year of any coverage record of
// the country (the time the material speaks for): one created after it, or dissolved before it, is
// not in the rows.
// Commitments carry no date of their making, so a target counts whatever the year.
// source: one cell with the citations of the nation's earliest targets (the yardstick), the
// regional earliest targets, and, for a missing target, the known absence or the covering records.
WITH ['net-zero', 'carbon-neutrality'] AS types
MATCH (nation:Government {isoCode: $country, level: 'national'})
MATCH (g:Government {level: 'regional'})-[:PART_OF*1..]->(nation)
WITH DISTINCT types, nation, g
OPTIONAL MATCH (nc:Commitment)-[:COMMITTED_BY]->(nation) WHERE nc.commitmentType IN types
WITH types, nation, g, min(nc.targetYear) AS nationalYear
OPTIONAL MATCH (rc:Commitment)-[:COMMITTED_BY]->(g) WHERE rc.commitmentType IN types
WITH types, nation, g, nationalYear, min(rc.targetYear) AS year, count(rc) > 0 AS hasTarget
// the coverage records of (country, regional, target), each with its year (the latest of its sources)
OPTIONAL MATCH (cov:CoverageRecord)-[:COUNTRY]->(nation)
WHERE 'regional' IN coalesce(cov.coversLevel, []) AND 'target' IN coalesce(cov.coversRelation, [])
OPTIONAL MATCH (src:Source) WHERE src.key IN cov.source_ids
WITH types, nation, g, nationalYear, year, hasTarget, cov, max(src.year) AS covYear
WITH types, nation, g, nationalYear, year, hasTarget, max(covYear) AS coverageYear,
     [c IN collect({record: cov, year: covYear}) WHERE c.record IS NOT NULL] AS records
// the latest year of any coverage record of the country: the time the material speaks for
WITH types, nation, g, nationalYear, year, hasTarget, coverageYear, records,
     COLLECT { MATCH (any:CoverageRecord)-[:COUNTRY]->(nation) MATCH (s:Source) WHERE s.key IN any.source_ids
               RETURN max(s.year) }[0] AS materialYear
// the reference year: as_of, else (for a missing target) the coverage year or the material's
WITH types, nation, g, nationalYear, year, hasTarget, coverageYear, records,
     CASE WHEN $as_of IS NOT NULL THEN $as_of WHEN NOT hasTarget THEN coalesce(coverageYear, materialYear) END AS ref
WHERE ref IS NULL OR ((g.startYear IS NULL OR g.startYear <= ref) AND (g.endYear IS NULL OR g.endYear >= ref))
WITH types, nation, g, nationalYear, year, hasTarget, records,
     CASE WHEN hasTarget THEN 'no-gap'
          WHEN EXISTS { (:KnownAbsence {absentClass: 'Commitment'})-[:ABOUT]->(g) } THEN 'known-absent'
          WHEN coverageYear IS NOT NULL AND ($as_of IS NULL OR coverageYear >= $as_of) THEN 'gap'
          ELSE 'not-covered' END AS status
WITH nation, g, nationalYear, year, hasTarget, status,
     COLLECT { MATCH (c:Commitment)-[:COMMITTED_BY]->(g)
               WHERE c.commitmentType IN types AND (c.targetYear = year OR (year IS NULL AND c.targetYear IS NULL))
               RETURN c.iri } AS commitments,
     COLLECT { MATCH (c:Commitment)-[:COMMITTED_BY]->(nation)
               WHERE c.commitmentType IN types AND c.targetYear = nationalYear
               UNWIND c.sources AS s RETURN s } +
     COLLECT { MATCH (c:Commitment)-[:COMMITTED_BY]->(g)
               WHERE c.commitmentType IN types AND (c.targetYear = year OR (year IS NULL AND c.targetYear IS NULL))
               UNWIND c.sources AS s RETURN s } +
     COLLECT { MATCH (a:KnownAbsence {absentClass: 'Commitment'})-[:ABOUT]->(g)
               WHERE status = 'known-absent' UNWIND a.sources AS s RETURN s } +
     [r IN records WHERE status = 'gap' AND ($as_of IS NULL OR r.year >= $as_of) | r.record.sources] AS cited
RETURN nation.isoCode AS country, g.iri AS government, g.label_en AS government_label,
       nationalYear AS national_target_year, year AS target_year, commitments AS commitment,
       CASE WHEN NOT hasTarget THEN 'missing'
            WHEN year IS NULL THEN 'no target year'
            WHEN nationalYear IS NULL THEN 'no national target'
            WHEN year < nationalYear THEN 'stronger'
            WHEN year > nationalYear THEN 'weaker'
            ELSE 'aligned' END AS alignment,
       status, reduce(all = [], s IN cited | all + s) AS source
ORDER BY government
