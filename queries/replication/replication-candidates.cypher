// question: Which types of instrument have the government's peers adopted that the government has none of, where it has the competence, ranked by outcome evidence and number of adopters?
// parameters: government (entity) — id of a regional or local government, e.g. MX-JAL
// columns: government, outcome_evidence, adopters, instrument_type, example_instrument, competence, source
// no rows means: no government at the same level that shares a network with it has adopted an instrument of a type it lacks, or mandates for its level are recorded and none gives it the competence (absent in the data; peers' instruments are as incomplete as the rest). competence is "mandate <id>" (a recorded obligation or power) or "no mandate recorded" (no mandate for its level recorded in its country: kept, not dropped). Rank: more outcome_evidence, then more adopters, is stronger (the runner sorts rows ascending, so within a government the strongest come last)
// peers: other governments at the same level that share at least one network (MEMBER_OF) with it.
// instrument_type: a type adopted by at least one peer and by no instrument the government adopted.
// Rank (higher is stronger; the runner sorts ascending, so read the strongest rows last):
//   outcome_evidence: measured Outcome records of the peers' instruments of that type (a scheduled level or an estimate is no evidence); adopters: peers adopting it.
// example_instrument: the peers' instrument of that type with the smallest IRI; source: its sources.
// competence: "mandate <id>" — the smallest-IRI Mandate (obligation or power) assigned to the government
//   or to its level (toLevel) by a law (or a provision of one) enacted by a government it is part of
//   (PART_OF*0..: itself, its state, its country); "no mandate recorded" — no mandate at all (toLevel its
//   level, or assigned to a government at its level) is recorded in a law enacted in its country.
//   Types where mandates for its level are recorded but none gives it the competence are left out.
MATCH (g:Government {iri: $government})-[:MEMBER_OF]->(:Network)<-[:MEMBER_OF]-(peer:Government)
WHERE peer <> g AND peer.level = g.level
MATCH (inst:Instrument)-[:ADOPTED_BY]->(peer)
WHERE NOT EXISTS { MATCH (own:Instrument)-[:ADOPTED_BY]->(g) WHERE own.instrumentType = inst.instrumentType }
OPTIONAL MATCH (inst)-[:HAS_OUTCOME]->(outcome:Outcome {figureStatus: 'measured'})
WITH g, inst.instrumentType AS instrument_type, count(DISTINCT outcome) AS outcome_evidence,
     count(DISTINCT peer) AS adopters, min(inst.iri) AS example
OPTIONAL MATCH (mandate:Mandate)-[:ASSIGNED_BY]->()<-[:HAS_PROVISION*0..1]-(:LegalAct)-[:ENACTED_BY]->(enactor:Government)<-[:PART_OF*0..]-(g)
WHERE mandate.modality IN ['obligation', 'power']
  AND (mandate.toLevel = g.level OR EXISTS { MATCH (mandate)-[:ASSIGNED_TO]->(g) })
  AND EXISTS { MATCH (g)-[:PART_OF*0..]->(nation:Government {level: 'national'})<-[:PART_OF*0..]-(enactor) }
WITH g, instrument_type, outcome_evidence, adopters, example, min(mandate.iri) AS granting
WITH g, instrument_type, outcome_evidence, adopters, example, granting,
     EXISTS {
       MATCH (g)-[:PART_OF*0..]->(nation:Government {level: 'national'})
       MATCH (m:Mandate)-[:ASSIGNED_BY]->()<-[:HAS_PROVISION*0..1]-(:LegalAct)-[:ENACTED_BY]->(:Government)-[:PART_OF*0..]->(nation)
       WHERE m.toLevel = g.level OR EXISTS { MATCH (m)-[:ASSIGNED_TO]->(:Government {level: g.level}) }
     } AS recorded
WITH g, instrument_type, outcome_evidence, adopters, example,
     CASE WHEN granting IS NOT NULL THEN 'mandate ' + substring(granting, size('https://w3id.org/cca-graph/id/'))
          WHEN NOT recorded THEN 'no mandate recorded' END AS competence
WHERE competence IS NOT NULL
MATCH (ex:Instrument {iri: example})
UNWIND ex.sources AS source
RETURN DISTINCT g.iri AS government, outcome_evidence, adopters, instrument_type, ex.iri AS example_instrument,
       competence, source
ORDER BY outcome_evidence DESC, adopters DESC, instrument_type, source
