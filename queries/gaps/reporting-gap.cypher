// question: Which regional governments of a country have no channel into a national MRV (reporting) platform: they report via none of the national government's MRV platforms, or the nation has none recorded?
// parameters: country (iso) — ISO 3166-1 alpha-2 code of the country, e.g. ID
// columns: country, government, government_label, national_platform, missing, status, source
// no rows means: every regional government of this country recorded reports via a national MRV platform, or none is recorded (absent in the data, not known absent)
// A national MRV platform: an Instrument of type mrv-platform adopted by the national government.
// A regional government has a channel when it reportsVia one of them. Without a channel: one row
// per national platform it does not report via, with the platform's citations as source; when
// the nation has no platform recorded, one row with national_platform and source empty.
// status: "known absent" when a KnownAbsence with absent type Instrument in the domain mrv is
// about the regional government (or, with no national platform, about the national government).
MATCH (nation:Government {isoCode: $country, level: 'national'})
MATCH (g:Government {level: 'regional'})-[:PART_OF*1..]->(nation)
WITH DISTINCT nation, g
WHERE NOT EXISTS { (g)-[:REPORTS_VIA]->(:Instrument {instrumentType: 'mrv-platform'})-[:ADOPTED_BY]->(nation) }
OPTIONAL MATCH (platform:Instrument {instrumentType: 'mrv-platform'})-[:ADOPTED_BY]->(nation)
WITH DISTINCT nation, g, platform
UNWIND CASE WHEN platform IS NULL THEN [null] ELSE platform.sources END AS source
RETURN DISTINCT nation.isoCode AS country, g.iri AS government, g.label_en AS government_label,
       platform.iri AS national_platform,
       CASE WHEN platform IS NULL THEN 'no national MRV platform recorded'
            ELSE 'no reports_via to the national MRV platform' END AS missing,
       CASE WHEN EXISTS { (:KnownAbsence {absentClass: 'Instrument', domain: 'mrv'})-[:ABOUT]->(g) }
              OR (platform IS NULL AND EXISTS { (:KnownAbsence {absentClass: 'Instrument', domain: 'mrv'})-[:ABOUT]->(nation) })
            THEN 'known absent' ELSE 'absent in the data' END AS status,
       source
ORDER BY government, national_platform, source
