// question: Which subnational levels of a country does no national law oblige to anything, and which subnational governments oblige that level in their own territory by their own law?
// parameters: country (iso) — ISO 3166-1 alpha-2 code of the country, e.g. MX
// columns: country, level, national_obligations, status, source, filled_by, filled_by_label, filled_by_mandate, filled_by_law, filled_by_article, filled_by_source
// no rows means: every subnational level of the country that the data knows of (governments recorded at it, a coverage record or a known absence naming it) carries at least one obligation from a national law
// A level of the country: one with a government of the country at it, one the country's
// CoverageRecord covers, or one a KnownAbsence about the national side names.
// A national obligation: a Mandate with modality obligation, assigned by a LegalAct enacted
// by the national government (or by one of its provisions), to the level or to a government at it.
// status is "known absent" when a KnownAbsence (absent type Mandate, modality obligation or none)
// about the national government, one of its laws, provisions or instruments names the level;
// source then holds its citations (one row each). filled_by: a subnational government of the
// country whose own law obliges the level (or a government at it inside its territory);
// filled_by_source holds the citations of that mandate (one row each).
MATCH (nation:Government {isoCode: $country, level: 'national'})
CALL (nation) {
  MATCH (g:Government)-[:PART_OF*1..]->(nation)
  RETURN g.level AS level
  UNION
  MATCH (coverage:CoverageRecord)-[:COUNTRY]->(nation)
  UNWIND coverage.coversLevel AS level
  RETURN level
  UNION
  MATCH (ka:KnownAbsence {absentClass: 'Mandate'})-[:ABOUT]->(about)
  WHERE ka.toLevel IS NOT NULL
    AND (about = nation OR EXISTS { (about)-[:ENACTED_BY|ADOPTED_BY]->(nation) }
         OR EXISTS { (about)<-[:HAS_PROVISION]-(:LegalAct)-[:ENACTED_BY]->(nation) })
  RETURN ka.toLevel AS level
}
WITH nation, level
WHERE level <> 'national' AND level <> 'supranational'
  AND NOT EXISTS {
    MATCH (m:Mandate {modality: 'obligation'})-[:ASSIGNED_BY]->(by)
    WHERE ((by:LegalAct AND EXISTS { (by)-[:ENACTED_BY]->(nation) })
           OR (by:Provision AND EXISTS { (by)<-[:HAS_PROVISION]-(:LegalAct)-[:ENACTED_BY]->(nation) }))
      AND (m.toLevel = level OR EXISTS { (m)-[:ASSIGNED_TO]->(:Government {level: level}) })
  }
OPTIONAL MATCH (absence:KnownAbsence {absentClass: 'Mandate', toLevel: level})-[:ABOUT]->(about)
WHERE (absence.modality IS NULL OR absence.modality = 'obligation')
  AND (about = nation OR EXISTS { (about)-[:ENACTED_BY|ADOPTED_BY]->(nation) }
       OR EXISTS { (about)<-[:HAS_PROVISION]-(:LegalAct)-[:ENACTED_BY]->(nation) })
WITH DISTINCT nation, level, absence
UNWIND CASE WHEN absence IS NULL THEN [null] ELSE absence.sources END AS source
OPTIONAL MATCH (fm:Mandate {modality: 'obligation'})-[:ASSIGNED_BY]->(fby),
               (flaw:LegalAct)-[:ENACTED_BY]->(filler:Government)-[:PART_OF*1..]->(nation)
WHERE (fby = flaw OR (flaw)-[:HAS_PROVISION]->(fby))
  AND (fm.toLevel = level
       OR EXISTS { MATCH (fm)-[:ASSIGNED_TO]->(fg:Government {level: level})-[:PART_OF*0..]->(filler) })
WITH DISTINCT nation, level, source, fm, fby, flaw, filler
UNWIND CASE WHEN fm IS NULL THEN [null] ELSE fm.sources END AS filled_by_source
RETURN DISTINCT nation.isoCode AS country, level, 0 AS national_obligations,
       CASE WHEN source IS NULL THEN 'absent in the data' ELSE 'known absent' END AS status, source,
       filler.iri AS filled_by, filler.label_en AS filled_by_label, fm.iri AS filled_by_mandate,
       flaw.iri AS filled_by_law, CASE WHEN fby:Provision THEN fby.article END AS filled_by_article,
       filled_by_source
ORDER BY level, source, filled_by, filled_by_mandate, filled_by_source
