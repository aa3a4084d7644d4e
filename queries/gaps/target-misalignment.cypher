// question: How does each regional government's earliest net-zero or carbon-neutrality target year compare with its national government's: missing, stronger (earlier), weaker (later) or aligned?
// parameters: country (iso) — ISO 3166-1 alpha-2 code of the country, e.g. KR
// columns: country, government, government_label, national_target_year, target_year, commitment, alignment, status, source
// no rows means: no regional government of this country is recorded (absent in the data, not known absent)
// Targets: Commitments of type net-zero or carbon-neutrality; each government's earliest target year.
// alignment: "missing" (the regional government has none: status "absent in the data", or
// "known absent" when a KnownAbsence about it has absent type Commitment), "stronger" (earlier
// than the national year), "weaker" (later), "aligned" (same year), "no national target" (the
// regional government has one, the national government none recorded).
// commitment and source: the regional commitment(s) with the earliest year and their citations;
// for a missing target, the citations of the national commitment it falls short of (empty when
// the nation has none either). national_target_year is empty when the nation has no such target.
WITH ['net-zero', 'carbon-neutrality'] AS types
MATCH (nation:Government {isoCode: $country, level: 'national'})
MATCH (g:Government {level: 'regional'})-[:PART_OF*1..]->(nation)
WITH DISTINCT types, nation, g
OPTIONAL MATCH (nc:Commitment)-[:COMMITTED_BY]->(nation) WHERE nc.commitmentType IN types
WITH types, nation, g, min(nc.targetYear) AS nationalYear
OPTIONAL MATCH (rc:Commitment)-[:COMMITTED_BY]->(g) WHERE rc.commitmentType IN types
WITH types, nation, g, nationalYear, min(rc.targetYear) AS year
OPTIONAL MATCH (earliest:Commitment)-[:COMMITTED_BY]->(g)
WHERE earliest.commitmentType IN types AND earliest.targetYear = year
OPTIONAL MATCH (expected:Commitment)-[:COMMITTED_BY]->(nation)
WHERE year IS NULL AND expected.commitmentType IN types AND expected.targetYear = nationalYear
WITH DISTINCT nation, g, nationalYear, year, earliest, expected
UNWIND CASE WHEN earliest IS NOT NULL THEN earliest.sources
            WHEN expected IS NOT NULL THEN expected.sources ELSE [null] END AS source
RETURN DISTINCT nation.isoCode AS country, g.iri AS government, g.label_en AS government_label,
       nationalYear AS national_target_year, year AS target_year, earliest.iri AS commitment,
       CASE WHEN year IS NULL THEN 'missing'
            WHEN nationalYear IS NULL THEN 'no national target'
            WHEN year < nationalYear THEN 'stronger'
            WHEN year > nationalYear THEN 'weaker'
            ELSE 'aligned' END AS alignment,
       CASE WHEN year IS NOT NULL THEN null
            WHEN EXISTS { (:KnownAbsence {absentClass: 'Commitment'})-[:ABOUT]->(g) } THEN 'known absent'
            ELSE 'absent in the data' END AS status,
       source
ORDER BY government, commitment, source
