// question: Which types of instrument have the government's peers adopted that neither it nor any government it is part of has, where it has the competence, ranked by measured outcomes and number of adopters?
// parameters: government (entity) — id of a regional or local government, e.g. DE-BW (on the bundled graph most give no rows, MX-JAL among them: see no rows means); as_of (int, optional) — judge at this year: instruments started, memberships begun, laws passed and outcomes measured after it do not count, and coverage records of earlier material cover nothing
// columns: government, outcome_evidence, adopters, instrument_type, example_instrument, competence, status, why, source
// no rows means: no peer (same level; sharing a network of at most 400 members with it, or in the same country) has adopted an instrument of a type that neither the government nor its state or nation has, or it has no recorded mandate whose domain covers such a type (absent in the data, not a finding). status "known-absent": a source states the government has no instrument of that type; "gap": the material was surveyed for that type at its level in its country (a coverage record) and records none; "not-covered": it was not, so the row is a question to ask (it may well have one), not a lack. Rank: more outcome_evidence (measured outcomes only), then more adopters, is stronger (the runner sorts rows ascending, so the strongest come last). On the bundled graph few laws are recorded, so few governments get rows: seven German states (DE-BW among them) get one (partnership, adopted by four Under2 peers, in the domain of the Bundesrat's coordination power); CA-BC and Konstanz have no recorded mandate for them or their level, so no competence; MX-JAL's mandates (LGCC arts. 8 and 58) are in climate planning, and the types of that domain its peers adopted (a strategy) Mexico's ENCC and PECC already are, which count as Jalisco's
// The same rules as replication-candidates.rq (read its comments). The property graph holds concepts
// as keys, not the concept schemes: `domains` below is the skos:relatedMatch mapping of
// ontology/concepts.ttl from instrument types to mandate domains, written out
// (tests/test_replication.py checks that it equals the ontology's).
WITH {`advisory-service`: ['coordination'],
      `carbon-price`: ['finance', 'mitigation'],
      `carbon-tax`: ['finance', 'mitigation'],
      `certification`: ['mitigation', 'mrv'],
      `climate-action-plan`: ['climate-planning'],
      `consultation`: ['coordination'],
      `development-plan`: ['climate-planning'],
      `emergency-declaration`: ['climate-planning'],
      `emissions-trading`: ['mitigation'],
      `feed-in-tariff`: ['energy', 'finance'],
      `framework-law`: ['climate-planning', 'coordination'],
      `funding-programme`: ['finance'],
      `mrv-platform`: ['mrv'],
      `partnership`: ['coordination'],
      `regulation`: ['buildings', 'mitigation'],
      `strategy`: ['climate-planning'],
      `tool`: ['adaptation', 'climate-planning', 'mrv']} AS domains
MATCH (g:Government {iri: $government})-[:PART_OF*0..]->(nation:Government {level: 'national'})
WHERE $as_of IS NULL OR ((g.startYear IS NULL OR g.startYear <= $as_of) AND (g.endYear IS NULL OR g.endYear >= $as_of))
// the peers and the link each shares with it
CALL (g, nation) {
  // a network where the government's role is reporter (a reporting platform: CDP, the UNFCCC portal)
  // is no shared network; its reporters report side by side, they are not peers
  MATCH (g)-[gm:MEMBER_OF]->(network:Network)
  WHERE gm.role <> 'reporter'
    AND ($as_of IS NULL
         OR ((network.startYear IS NULL OR network.startYear <= $as_of)
             AND (gm.since IS NULL OR gm.since <= $as_of) AND (gm.until IS NULL OR gm.until >= $as_of)))
  WITH DISTINCT network
  // a network of more than 400 members is a campaign, no peer link (the header of the .rq); its size
  // is counted once per network
  WHERE COUNT { MATCH (sizeMember)-[sm:MEMBER_OF]->(network)
                WHERE $as_of IS NULL
                   OR ((sm.since IS NULL OR sm.since <= $as_of) AND (sm.until IS NULL OR sm.until >= $as_of))
                RETURN DISTINCT sizeMember } <= 400
  MATCH (network)<-[pm:MEMBER_OF]-(peer:Government)
  WHERE $as_of IS NULL OR ((pm.since IS NULL OR pm.since <= $as_of) AND (pm.until IS NULL OR pm.until >= $as_of))
  RETURN DISTINCT peer, network.id AS link
  UNION
  MATCH (peer:Government)-[:PART_OF*1..]->(nation)
  RETURN DISTINCT peer, 'same country' AS link
}
WITH domains, g, nation, peer, link
WHERE peer <> g AND peer.level = g.level
  AND ($as_of IS NULL OR ((peer.startYear IS NULL OR peer.startYear <= $as_of)
                          AND (peer.endYear IS NULL OR peer.endYear >= $as_of)))
MATCH (inst:Instrument)-[:ADOPTED_BY]->(peer)
WHERE ($as_of IS NULL OR inst.startYear IS NULL OR inst.startYear <= $as_of)
  // it has none: neither it nor a government it is part of adopted one (an adopted instrument
  // applies across the territory), and it takes part in none itself (a participant of a
  // partnership or advisory programme has that kind of instrument; its nation's or state's
  // participation is theirs, not the government's)
  AND NOT EXISTS {
    MATCH (g)-[:PART_OF*0..]->(:Government)<-[:ADOPTED_BY]-(own:Instrument)
    WHERE own.instrumentType = inst.instrumentType
      AND ($as_of IS NULL OR own.startYear IS NULL OR own.startYear <= $as_of)
  }
  AND NOT EXISTS {
    MATCH (g)<-[:PARTICIPANT]-(own:Instrument)
    WHERE own.instrumentType = inst.instrumentType
      AND ($as_of IS NULL OR own.startYear IS NULL OR own.startYear <= $as_of)
  }
// competence: a mandate whose domain covers the type; a duty of conduct (an obligation in the domain
// coordination that requires no type of instrument) is none
MATCH (mandate:Mandate)-[:ASSIGNED_BY]->(by)
WHERE mandate.domain IN coalesce(domains[inst.instrumentType], [])
  AND mandate.modality IN ['obligation', 'power']
  AND (mandate.domain <> 'coordination' OR mandate.modality = 'power' OR mandate.requiresInstrumentType IS NOT NULL)
  AND (mandate.toLevel = g.level OR EXISTS { MATCH (mandate)-[:ASSIGNED_TO]->(g) })
  AND EXISTS {
    MATCH (by)<-[:HAS_PROVISION*0..1]-(act:LegalAct)-[:ENACTED_BY]->(:Government)<-[:PART_OF*0..]-(g)
    WHERE $as_of IS NULL OR act.year IS NULL OR act.year <= $as_of
  }
WITH domains, g, nation, inst.instrumentType AS instrument_type,
     collect(DISTINCT {peer: peer, inst: inst, link: link}) AS adoptions, collect(DISTINCT mandate) AS mandates,
     collect(DISTINCT inst) AS insts
// status: the material was surveyed for the type at its level in its country
OPTIONAL MATCH (coverage:CoverageRecord)-[:COUNTRY]->(nation)
WHERE g.level IN coverage.coversLevel AND instrument_type IN coverage.coversInstrumentType
  AND ($as_of IS NULL OR EXISTS { MATCH (s:Source) WHERE s.key IN coverage.source_ids AND s.year >= $as_of })
WITH domains, g, instrument_type, adoptions, mandates, insts, collect(DISTINCT coverage) AS coverages
// a source states it has none: an absence of an instrument about it that names no other type and no
// domain outside the type's
WITH g, instrument_type, adoptions, mandates, insts, coverages,
     COLLECT { MATCH (absence:KnownAbsence {absentClass: 'Instrument'})-[:ABOUT]->(g)
               WHERE (absence.absentInstrumentType IS NULL OR absence.absentInstrumentType = instrument_type)
                 AND (absence.domain IS NULL OR absence.domain IN coalesce(domains[instrument_type], []))
               RETURN DISTINCT absence } AS absences
WITH g, instrument_type, adoptions, mandates, insts, absences,
     CASE WHEN size(absences) > 0 THEN [] ELSE coverages END AS coverages
// measured outcomes of the peers' instruments of the type
OPTIONAL MATCH (outcomeOf:Instrument)-[:HAS_OUTCOME]->(outcome:Outcome {figureStatus: 'measured'})
WHERE outcomeOf IN insts
  AND ($as_of IS NULL
       OR CASE WHEN outcome.periodEnd IS NOT NULL THEN outcome.periodEnd <= $as_of
               ELSE outcome.periodStart IS NULL OR outcome.periodStart <= $as_of END)
WITH g, instrument_type, adoptions, mandates, insts, absences, coverages,
     collect(DISTINCT {outcome: outcome, inst: outcomeOf}) AS measured
WITH g, instrument_type, adoptions, mandates, insts, absences, coverages,
     [m IN measured WHERE m.outcome IS NOT NULL] AS measured
RETURN g.iri AS government,
       size(measured) AS outcome_evidence,
       size(reduce(seen = [], a IN adoptions | CASE WHEN a.peer IN seen THEN seen ELSE seen + a.peer END)) AS adopters,
       instrument_type,
       reduce(least = null, i IN insts | CASE WHEN least IS NULL OR i.iri < least THEN i.iri ELSE least END)
         AS example_instrument,
       [m IN mandates | 'mandate ' + m.id] AS competence,
       CASE WHEN size(absences) > 0 THEN 'known-absent' WHEN size(coverages) > 0 THEN 'gap' ELSE 'not-covered' END
         AS status,
       [a IN adoptions | a.inst.id + ' by ' + a.peer.id + ' (' + a.link + ')']
         + [m IN measured | 'measured ' + m.outcome.id + ' of ' + m.inst.id] AS why,
       reduce(cited = [], x IN insts + [m IN measured | m.outcome] + mandates + absences + coverages
              | cited + coalesce(x.sources, [])) AS source
ORDER BY outcome_evidence DESC, adopters DESC, instrument_type
