// question: Which subnational levels of a country does a national law oblige to something, which does none, and which subnational governments oblige that level in their own territory by their own law?
// parameters: country (iso) — ISO 3166-1 alpha-2 code of the country, e.g. MX; as_of (int, optional) — judge every fact as of this year (default: the year of its source)
// columns: country, level, national_obligations, status, source, filled_by, filled_by_label, filled_by_mandate, filled_by_law, filled_by_article, filled_by_source
// no rows means: no subnational government of the country is recorded (at the year asked)
// A level of the country: a subnational level with a government of the country at it that
// exists at the reference year (as_of; else the latest year of the government's own sources:
// one that began after, or ended before, is not counted).
// A national obligation: a Mandate with modality obligation, assigned by a LegalAct enacted
// by the national government (or by one of its provisions), to the level or to a government
// at it; a law whose year is after as_of is not in force. national_obligations counts them.
// status (first that holds): no-gap, at least one national obligation; known-absent, a
// KnownAbsence (absent type Mandate, modality obligation or none) about the national
// government, one of its laws, provisions or instruments names the level; gap, a
// CoverageRecord of the country covers the level and a mandate domain (asked as_of: and
// cites a source of that year or later); else not-covered. source: the citations of the
// obligations, the absences or the coverage records (none for not-covered).
// filled_by (rows other than no-gap): a subnational government of the country whose own
// law (in force) obliges the level, or a government at it inside its territory; one row per
// such mandate, filled_by_source its citations.
MATCH (nation:Government {isoCode: $country, level: 'national'})
CALL (nation) {
  MATCH (g:Government)-[:PART_OF*1..]->(nation)
  WHERE g.level IS NOT NULL AND NOT g.level IN ['national', 'supranational']
    AND CASE WHEN $as_of IS NULL
             THEN (g.startYear IS NULL OR EXISTS { MATCH (s:Source) WHERE s.key IN g.source_ids AND s.year >= g.startYear })
                  AND (g.endYear IS NULL OR NOT EXISTS { MATCH (s:Source) WHERE s.key IN g.source_ids AND s.year > g.endYear })
             ELSE (g.startYear IS NULL OR g.startYear <= $as_of) AND (g.endYear IS NULL OR g.endYear >= $as_of) END
  RETURN DISTINCT g.level AS level
}
WITH nation, level,
     COLLECT { MATCH (m:Mandate {modality: 'obligation'})-[:ASSIGNED_BY]->(by)
               WHERE (m.toLevel = level OR EXISTS { (m)-[:ASSIGNED_TO]->(:Government {level: level}) })
                 AND EXISTS { MATCH (act:LegalAct)-[:HAS_PROVISION*0..1]->(by)
                              WHERE EXISTS { (act)-[:ENACTED_BY]->(nation) }
                                AND ($as_of IS NULL OR act.year IS NULL OR act.year <= $as_of) }
               RETURN DISTINCT m } AS obligations,
     COLLECT { MATCH (ka:KnownAbsence {absentClass: 'Mandate', toLevel: level})-[:ABOUT]->(about)
               WHERE (ka.modality IS NULL OR ka.modality = 'obligation')
                 AND (about = nation OR EXISTS { (about)-[:ENACTED_BY|ADOPTED_BY]->(nation) }
                      OR EXISTS { (about)<-[:HAS_PROVISION]-(:LegalAct)-[:ENACTED_BY]->(nation) })
               RETURN DISTINCT ka } AS absences,
     COLLECT { MATCH (coverage:CoverageRecord)-[:COUNTRY]->(nation)
               WHERE level IN coalesce(coverage.coversLevel, []) AND size(coalesce(coverage.coversMandateDomain, [])) > 0
                 AND ($as_of IS NULL
                      OR EXISTS { MATCH (s:Source) WHERE s.key IN coverage.source_ids AND s.year >= $as_of })
               RETURN DISTINCT coverage } AS coverage
WITH nation, level, size(obligations) AS national_obligations,
     CASE WHEN size(obligations) > 0 THEN 'no-gap' WHEN size(absences) > 0 THEN 'known-absent'
          WHEN size(coverage) > 0 THEN 'gap' ELSE 'not-covered' END AS status,
     CASE WHEN size(obligations) > 0 THEN obligations WHEN size(absences) > 0 THEN absences ELSE coverage END AS evidence
OPTIONAL MATCH (fm:Mandate {modality: 'obligation'})-[:ASSIGNED_BY]->(fby),
               (flaw:LegalAct)-[:ENACTED_BY]->(filler:Government)-[:PART_OF*1..]->(nation)
WHERE status <> 'no-gap' AND (fby = flaw OR (flaw)-[:HAS_PROVISION]->(fby))
  AND ($as_of IS NULL OR flaw.year IS NULL OR flaw.year <= $as_of)
  AND (fm.toLevel = level
       OR EXISTS { MATCH (fm)-[:ASSIGNED_TO]->(fg:Government {level: level})-[:PART_OF*0..]->(filler) })
WITH DISTINCT nation, level, national_obligations, status, evidence, fm, fby, flaw, filler
RETURN nation.isoCode AS country, level, national_obligations, status,
       reduce(cited = [], e IN evidence | cited + e.sources) AS source,
       filler.iri AS filled_by, filler.label_en AS filled_by_label, fm.iri AS filled_by_mandate,
       flaw.iri AS filled_by_law, CASE WHEN fby:Provision THEN fby.article END AS filled_by_article,
       fm.sources AS filled_by_source
ORDER BY level, filled_by, filled_by_mandate
