// question: Which of the UN expert group's integrity criteria does each net-zero or carbon-neutrality pledge of a country's regional and local governments meet according to the data, and how sure is each criterion that is not met?
// parameters: country (iso) — ISO 3166-1 alpha-2 code of the country, e.g. KR; as_of (int, optional) — judge every fact as of this year (default: the year of its source)
// columns: country, government, pledge, target_year, criterion, requirement, met, evidence, status, source
// no rows means: no regional or local government of this country has a recorded net-zero or carbon-neutrality pledge (as of the reference year)
// One row per pledge and criterion (cca:IntegrityCriterion applying to the government's level;
// criterion = its check key). requirement (a list cell) and what meets each:
//   "target year Y" (one per cca:requiresTargetYear): a Commitment of the same government with
//       target year Y, of a type in cca:requiresCommitmentType when the criterion names any;
//   "instrument type T" (one per cca:requiresInstrumentType): an Instrument of type T that the
//       government adopted or reports via (cca:reportsVia). A plan (T = climate-action-plan) meets
//       it only when it implements the pledge or one of its interim targets (cca:implements,
//       cca:interimOf): the UN expert group asks for a transition plan that shows how the pledge
//       itself will be met (Recommendation 4), so a climate plan that predates the pledge and
//       serves other targets (Seoul's One Less Nuclear Power Plant of 2012) is no such plan. A
//       plan that the pledge's own source documents (a target import reads one where the target's
//       URL names a plan) implements the pledge, unless it also implements a target of an earlier
//       year that is not an interim target of the pledge: the data then cannot tell a plan for the
//       pledge from a plan for the nearer target (Net Zero Tracker cites one page, Quebec's 2030
//       Plan for a Green Economy, for its 37%-by-2030 target, line 163, and its 2050 carbon
//       neutrality, line 913), so it does not meet the criterion and the evidence names it. A
//       reporting platform (T = mrv-platform) is met too by a membership (any role) of a network
//       that takes part in (cca:participant) an Instrument of type mrv-platform: such a network is
//       the platform's reporters (the governments disclosing to CDP or reporting to the carbonn
//       Climate Registry in the year the membership was observed), so the membership is the record
//       of a disclosure and is the evidence, cited with the platform. A platform that a government
//       the pledging one is part of adopted, and that the pledging one reports via, is not met by:
//       it feeds a national system (Indonesia's PEP-Online gathers the project data of the centre
//       and the provinces, giz-cca §4.6), which is no public report of its own emissions and
//       progress; the evidence names it in words;
//   "reports in consecutive years" (with every mrv-platform requirement): the UN expert group asks
//       for a public disclosure every year of emissions, targets, plans and progress (Recommendation
//       8, main recommendation, first and second bullets). A disclosure to a platform on record
//       for one year (ClimActor's CDP or carbonn tag of that year, cca:observedYear) shows that the
//       government disclosed once, not that it reports every year: the requirement is met when
//       disclosures are on record for two consecutive years (evidence: the latest two), else the
//       evidence says what is on record ("annual reporting not shown: one year on record (2022)").
//       Nothing was surveyed for it: missing, it is not-covered;
//   "net-zero or carbon-neutrality pledge" (a criterion naming only commitment types): the pledge;
//   the criterion's English label (a criterion naming none of these): nothing in the data can show it.
// met: "yes" (every requirement), "partly" (some), "no record" (none). evidence (a list cell): the
// records that meet a requirement, and what is missing, in words.
// status (queries/README.md, "Status"): "no-gap" when met; for a missing requirement
// "known-absent" when a KnownAbsence about the government has absent type Instrument and that
// instrument type, "gap" when a CoverageRecord of the country covers the government's level and
// the topic (the relation kind target for a target year, the instrument type for an instrument),
// else "not-covered" (always for a criterion nothing can show); the strongest of these when
// several requirements are missing.
// Time: asked as_of Y, a government created after Y or dissolved before Y is not in the rows, an
// instrument whose start year is after Y does not count, nor a membership of a reporting network
// observed or begun after Y or ended before Y (nor its year as a year on record), and a coverage record whose year (the latest year
// of its sources) is before Y covers nothing. Commitments carry no date of their making,
// so a pledge or a target counts whatever the year. Without as_of every recorded link counts.
// source: one cell with the citations of the criterion (the UN expert group's recommendation), of
// the records that meet it (and of the platform a reporting membership reports to), and of the
// known absence or the covering records of what is missing.
MATCH (nation:Government {isoCode: $country, level: 'national'})<-[:PART_OF*1..]-(g:Government)
WHERE g.level IN ['regional', 'local']
  AND ($as_of IS NULL OR ((g.startYear IS NULL OR g.startYear <= $as_of) AND (g.endYear IS NULL OR g.endYear >= $as_of)))
MATCH (pledge:Commitment)-[:COMMITTED_BY]->(g)
WHERE pledge.commitmentType IN ['net-zero', 'carbon-neutrality']
MATCH (crit:IntegrityCriterion)
WHERE crit.appliesToLevel IS NULL OR g.level IN crit.appliesToLevel
WITH DISTINCT nation, g, pledge, crit
WITH nation, g, pledge, crit,
     [y IN coalesce(crit.requiresTargetYear, []) |
        {kind: 'target-year', year: y, requirement: 'target year ' + toString(y)}] +
     CASE WHEN crit.requiresTargetYear IS NULL
          THEN [t IN coalesce(crit.requiresInstrumentType, []) |
                  {kind: 'instrument', itype: t, requirement: 'instrument type ' + t}]
          ELSE [] END +
     CASE WHEN crit.requiresTargetYear IS NULL AND 'mrv-platform' IN coalesce(crit.requiresInstrumentType, [])
          THEN [{kind: 'annual', requirement: 'reports in consecutive years'}] ELSE [] END +
     CASE WHEN crit.requiresCommitmentType IS NOT NULL AND crit.requiresTargetYear IS NULL
               AND crit.requiresInstrumentType IS NULL
          THEN [{kind: 'pledge', requirement: 'net-zero or carbon-neutrality pledge'}] ELSE [] END +
     CASE WHEN crit.requiresCommitmentType IS NULL AND crit.requiresTargetYear IS NULL
               AND crit.requiresInstrumentType IS NULL
          THEN [{kind: 'unchecked', requirement: crit.label_en}] ELSE [] END AS requirements
UNWIND requirements AS req
// what meets the requirement
WITH nation, g, pledge, crit, req,
     CASE req.kind
       WHEN 'target-year' THEN COLLECT { MATCH (c:Commitment)-[:COMMITTED_BY]->(g)
                                         WHERE c.targetYear = req.year
                                           AND (crit.requiresCommitmentType IS NULL
                                                OR c.commitmentType IN crit.requiresCommitmentType)
                                         RETURN DISTINCT c }
       WHEN 'instrument' THEN COLLECT { MATCH (g)-[:ADOPTED_BY|REPORTS_VIA]-(i:Instrument)
                                        WHERE i.instrumentType = req.itype
                                          AND ($as_of IS NULL OR i.startYear IS NULL OR i.startYear <= $as_of)
                                          AND (EXISTS { (i)-[:ADOPTED_BY]->(g) }
                                               OR NOT EXISTS { (i)-[:ADOPTED_BY]->(:Government)<-[:PART_OF*1..]-(g) })
                                          AND (req.itype <> 'climate-action-plan'
                                               OR (EXISTS { (i)-[:IMPLEMENTS]->(pledge) }
                                                   AND NOT EXISTS { MATCH (i)-[:IMPLEMENTS]->(nearer:Commitment)
                                                                    WHERE nearer.targetYear < pledge.targetYear
                                                                      AND NOT (nearer)-[:INTERIM_OF]->(pledge) })
                                               OR EXISTS { (i)-[:IMPLEMENTS]->(:Commitment)-[:INTERIM_OF]->(pledge) })
                                        RETURN DISTINCT i }
                            + CASE WHEN req.itype = 'mrv-platform'
                                   THEN COLLECT { MATCH (g)-[m:MEMBER_OF]->(:Network)<-[:PARTICIPANT]-(p:Instrument)
                                                  WHERE p.instrumentType = 'mrv-platform'
                                                    AND ($as_of IS NULL OR ((m.observedYear IS NULL OR m.observedYear <= $as_of)
                                                         AND (m.since IS NULL OR m.since <= $as_of)
                                                         AND (m.until IS NULL OR m.until >= $as_of)))
                                                  RETURN DISTINCT m }
                                   ELSE [] END
       WHEN 'pledge' THEN [pledge]
       ELSE [] END AS found,
     CASE WHEN req.kind = 'annual'
          THEN COLLECT { MATCH (g)-[m:MEMBER_OF]->(:Network)<-[:PARTICIPANT]-(p:Instrument)
                         WHERE p.instrumentType = 'mrv-platform' AND m.observedYear IS NOT NULL
                           AND ($as_of IS NULL OR m.observedYear <= $as_of)
                         RETURN DISTINCT m.observedYear AS y ORDER BY y }
          ELSE [] END AS disclosed
// reporting in consecutive years: the later years of two disclosures a year apart
WITH nation, g, pledge, crit, req, disclosed,
     CASE WHEN req.kind = 'annual' THEN [y IN disclosed WHERE y - 1 IN disclosed] ELSE found END AS found
// a platform of a government it is part of, which it feeds (a national system), is no disclosure of its
// own; a plan that implements the pledge and a nearer target that is not one of its interim targets is
// not shown to be the pledge's plan: both named in the evidence of what is missing
WITH nation, g, pledge, crit, req, disclosed, found,
     CASE WHEN req.kind = 'instrument' AND req.itype = 'mrv-platform'
          THEN COLLECT { MATCH (g)-[:REPORTS_VIA]->(i:Instrument)-[:ADOPTED_BY]->(o:Government)<-[:PART_OF*1..]-(g)
                         WHERE i.instrumentType = req.itype
                         RETURN DISTINCT 'no mrv-platform of its own or disclosure recorded: it reports via '
                                + replace(i.iri, 'https://w3id.org/cca-graph/id/', '') + ', a system of '
                                + replace(o.iri, 'https://w3id.org/cca-graph/id/', '')
                                + ' it feeds, not a public report of its own' }
          WHEN req.kind = 'instrument' AND req.itype = 'climate-action-plan'
          THEN COLLECT { MATCH (i:Instrument)-[:IMPLEMENTS]->(pledge), (i)-[:IMPLEMENTS]->(t:Commitment)
                         WHERE i.instrumentType = req.itype AND t.targetYear < pledge.targetYear
                           AND NOT (t)-[:INTERIM_OF]->(pledge)
                         RETURN DISTINCT 'no climate-action-plan implementing the pledge recorded: '
                                + replace(i.iri, 'https://w3id.org/cca-graph/id/', '') + ' implements the '
                                + toString(t.targetYear) + ' target too: not shown to be the pledge\'s plan' }
          ELSE [] END AS notes
// the platforms the reporting memberships report to, cited beside them
WITH nation, g, pledge, crit, req, found, disclosed, notes,
     CASE WHEN req.kind = 'instrument' AND req.itype = 'mrv-platform'
          THEN COLLECT { MATCH (g)-[m:MEMBER_OF]->(:Network)<-[:PARTICIPANT]-(p:Instrument)
                         WHERE p.instrumentType = 'mrv-platform' AND m IN found RETURN DISTINCT p }
          ELSE [] END AS platforms
// what is said of a missing requirement: a source saying there is none, or a record of what was read
WITH nation, g, pledge, crit, req, CASE WHEN req.kind = 'annual' THEN [] ELSE found END + platforms AS cites, found,
     disclosed, notes,
     CASE WHEN size(found) = 0 AND req.kind = 'instrument'
          THEN COLLECT { MATCH (a:KnownAbsence)-[:ABOUT]->(g)
                         WHERE a.absentClass = 'Instrument' AND a.absentInstrumentType = req.itype RETURN a }
          ELSE [] END AS absences
WITH nation, g, pledge, crit, req, found, cites, absences, disclosed, notes,
     CASE WHEN size(found) = 0 AND size(absences) = 0 AND req.kind IN ['target-year', 'instrument']
          THEN COLLECT { MATCH (r:CoverageRecord)-[:COUNTRY]->(nation)
                         WHERE g.level IN coalesce(r.coversLevel, [])
                           AND CASE req.kind WHEN 'target-year' THEN 'target' IN coalesce(r.coversRelation, [])
                                             ELSE req.itype IN coalesce(r.coversInstrumentType, []) END
                           AND ($as_of IS NULL
                                OR EXISTS { MATCH (src:Source) WHERE src.key IN r.source_ids AND src.year >= $as_of })
                         RETURN r }
          ELSE [] END AS records
WITH nation, g, pledge, crit, req, found, cites, absences, records, disclosed, notes,
     CASE WHEN size(found) > 0 THEN 0 WHEN size(absences) > 0 THEN 3 WHEN size(records) > 0 THEN 2 ELSE 1 END AS code,
     CASE WHEN size(found) > 0 AND req.kind = 'annual'
            THEN ['disclosures on record in consecutive years (the latest ' + toString(found[-1] - 1) + ' and '
                  + toString(found[-1]) + ')']
          WHEN size(found) > 0 THEN [f IN found | f.iri]
          WHEN req.kind = 'target-year' THEN ['no commitment with target year ' + toString(req.year) + ' recorded']
          WHEN size(notes) > 0 THEN notes
          WHEN req.kind = 'instrument' AND req.itype = 'climate-action-plan'
            THEN ['no ' + req.itype + ' implementing the pledge recorded']
          WHEN req.kind = 'instrument' THEN ['no ' + req.itype + ' instrument adopted or reported via recorded']
          WHEN req.kind = 'annual' AND size(disclosed) = 1
            THEN ['annual reporting not shown: one year on record (' + toString(disclosed[0]) + ')']
          WHEN req.kind = 'annual' AND size(disclosed) > 1
            THEN ['annual reporting not shown: ' + toString(size(disclosed)) + ' years on record, none consecutive ('
                  + toString(disclosed[0]) + ' to ' + toString(disclosed[-1]) + ')']
          WHEN req.kind = 'annual' THEN ['annual reporting not shown: no year of reporting on record']
          ELSE ['nothing recorded on this criterion'] END AS evidence
WITH nation, g, pledge, crit, collect(req.requirement) AS requirement, min(code) AS best, max(code) AS worst,
     reduce(all = [], e IN collect(evidence) | all + e) AS evidence,
     reduce(all = [], n IN collect(cites + absences + records) | all + n) AS cited
RETURN nation.isoCode AS country, g.iri AS government, pledge.iri AS pledge, pledge.targetYear AS target_year,
       crit.checkKey AS criterion, requirement,
       CASE WHEN worst = 0 THEN 'yes' WHEN best = 0 THEN 'partly' ELSE 'no record' END AS met, evidence,
       CASE worst WHEN 0 THEN 'no-gap' WHEN 3 THEN 'known-absent' WHEN 2 THEN 'gap' ELSE 'not-covered' END AS status,
       coalesce(crit.sources, []) + reduce(all = [], n IN cited | all + coalesce(n.sources, [])) AS source
ORDER BY government, pledge, criterion
