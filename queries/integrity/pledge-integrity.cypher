// question: Which of the UN expert group's integrity criteria does each net-zero or carbon-neutrality pledge of a country's regional and local governments meet according to the data, and which have no record?
// parameters: country (iso) — ISO 3166-1 alpha-2 code of the country, e.g. KR
// columns: country, government, pledge, target_year, criterion, requirement, met, evidence, source
// no rows means: no regional or local government of this country has a recorded net-zero or carbon-neutrality pledge (absent in the data, not known absent)
// One row per pledge x criterion (IntegrityCriterion applying to the government's level; criterion = its
// checkKey) x requirement x evidence x source. requirement and how "met" is decided:
//   "target year Y" (one per requiresTargetYear): a Commitment of the same government with targetYear Y,
//       of a type in requiresCommitmentType when the criterion names any;
//   "instrument type T" (one per requiresInstrumentType): an Instrument of type T that the government
//       adopted (ADOPTED_BY) or reports via (REPORTS_VIA);
//   "net-zero or carbon-neutrality pledge" (a criterion naming only commitment types): the pledge itself;
//   the criterion's label_en (a criterion naming none of these): nothing in the data can show it.
// met: "yes" with evidence = the record, or "no record" with evidence = what is missing, in words.
// "no record" is absent in the data, never "not met". source: the evidence's sources for "yes" rows,
// the criterion's (the UN expert group's recommendation) for "no record" rows; one row per source.
MATCH (nation:Government {isoCode: $country, level: 'national'})<-[:PART_OF*1..]-(g:Government)
WHERE g.level IN ['regional', 'local']
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
     CASE WHEN crit.requiresCommitmentType IS NOT NULL AND crit.requiresTargetYear IS NULL
               AND crit.requiresInstrumentType IS NULL
          THEN [{kind: 'pledge', requirement: 'net-zero or carbon-neutrality pledge'}] ELSE [] END +
     CASE WHEN crit.requiresCommitmentType IS NULL AND crit.requiresTargetYear IS NULL
               AND crit.requiresInstrumentType IS NULL
          THEN [{kind: 'unchecked', requirement: crit.label_en}] ELSE [] END AS requirements
UNWIND requirements AS req
OPTIONAL MATCH (byYear:Commitment)-[:COMMITTED_BY]->(g)
WHERE req.kind = 'target-year' AND byYear.targetYear = req.year
  AND (crit.requiresCommitmentType IS NULL OR byYear.commitmentType IN crit.requiresCommitmentType)
OPTIONAL MATCH (g)-[:ADOPTED_BY|REPORTS_VIA]-(byType:Instrument)
WHERE req.kind = 'instrument' AND byType.instrumentType = req.itype
WITH nation, g, pledge, crit, req,
     coalesce(byYear, byType, CASE WHEN req.kind = 'pledge' THEN pledge END) AS found
WITH nation, g, pledge, crit, req, found,
     CASE WHEN found IS NOT NULL THEN found.iri
          WHEN req.kind = 'target-year' THEN 'no commitment with target year ' + toString(req.year) + ' recorded'
          WHEN req.kind = 'instrument' THEN 'no ' + req.itype + ' instrument adopted or reported via recorded'
          ELSE 'nothing recorded on this criterion' END AS evidence
UNWIND coalesce(found, crit).sources AS source
RETURN DISTINCT nation.isoCode AS country, g.iri AS government, pledge.iri AS pledge, pledge.targetYear AS target_year,
       crit.checkKey AS criterion, req.requirement AS requirement,
       CASE WHEN found IS NULL THEN 'no record' ELSE 'yes' END AS met, evidence, source
ORDER BY government, pledge, criterion, requirement, evidence, source
