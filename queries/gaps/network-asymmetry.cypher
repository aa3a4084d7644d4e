// question: In networks with national governments among their members (e.g. Under2 and its national endorsers), which of a country's subnational governments sit there without their national government, is the national government a member without any of its subnational governments, and how sure is each absence?
// parameters: country (iso) — ISO 3166-1 alpha-2 code of the country, e.g. US; as_of (int, optional) — judge every fact as of this year (default: the year of its source)
// columns: country, network, direction, government, government_label, level, role, missing, status, source
// no rows means: no government of the country is recorded as a member of a network that mixes national and subnational members (as of the reference year)
// One row per network, side and member government of the country; role: its roles there (a list).
// Memberships are the org:Membership records (any role). Rows:
//   a regional or local government of the country that is a member of a network with a national
//   government (of any country) among its members: direction "subnational member with its nation"
//   (status "no-gap") when the country's national government is a member too, else "subnational
//   member without its nation";
//   the national government, member of a network that admits subnational members (member level
//   regional or local, or a subnational government among its members): "national member with
//   subnational members" ("no-gap") when a government of the country below it is a member, else
//   "national member without subnational members".
// Only governments count on either side: the question is about a country's governments, so an
// organisation member (an association of regions or cities) is neither a subnational member nor
// stands in for one.
// status of a missing side: "gap" when a CoverageRecord with network (cca:coversNetwork) covers this
// network at the missing side's level (its full member list was read): the national level for a
// missing nation; for missing subnational members, a subnational level the network admits (any
// subnational level when it names none). Else "not-covered". No KnownAbsence can state a missing
// membership of one network (it names no network), so no row is "known-absent". A country's
// record with covers_relation membership does not say that a network's full list was read.
// Time: asked as_of Y, a membership counts only in force at Y (since at or before Y, until at or
// after Y), a government created after Y or dissolved before Y and a network started after Y are
// not in the rows, and a coverage record whose year (the latest year of its sources) is before Y
// covers nothing. Without as_of every recorded membership counts.
// source: one cell with the citations of the row's memberships, of the other side's memberships
// ("no-gap") and of the covering records ("gap").
MATCH (nation:Government {isoCode: $country, level: 'national'})
CALL (nation) {
  MATCH (g:Government)-[:PART_OF*1..]->(nation) WHERE g.level <> 'national'
  RETURN DISTINCT g, 'subnational' AS side
  UNION
  RETURN nation AS g, 'national' AS side
}
MATCH (g)-[ms:MEMBER_OF]->(net:Network)
WHERE $as_of IS NULL
   OR ((ms.since IS NULL OR ms.since <= $as_of) AND (ms.until IS NULL OR ms.until >= $as_of)
       AND (g.startYear IS NULL OR g.startYear <= $as_of) AND (g.endYear IS NULL OR g.endYear >= $as_of)
       AND (net.startYear IS NULL OR net.startYear <= $as_of))
WITH nation, g, side, net, collect(ms) AS own
// a subnational member's network has a national government among its members; a national
// member's network admits subnational members
WHERE (side = 'subnational'
       AND EXISTS { MATCH (:Government {level: 'national'})-[m:MEMBER_OF]->(net)
                    WHERE $as_of IS NULL OR ((m.since IS NULL OR m.since <= $as_of) AND (m.until IS NULL OR m.until >= $as_of)) })
   OR (side = 'national'
       AND (any(l IN coalesce(net.hasMemberLevel, []) WHERE l IN ['regional', 'local'])
            OR EXISTS { MATCH (s:Government)-[m:MEMBER_OF]->(net)
                        WHERE s.level <> 'national' AND ($as_of IS NULL OR ((m.since IS NULL OR m.since <= $as_of) AND (m.until IS NULL OR m.until >= $as_of))) }))
// the other side: the nation for a subnational member, a subnational government for the nation
WITH nation, g, side, net, own,
     CASE WHEN side = 'subnational'
          THEN COLLECT { MATCH (nation)-[m:MEMBER_OF]->(net)
                         WHERE $as_of IS NULL OR ((m.since IS NULL OR m.since <= $as_of) AND (m.until IS NULL OR m.until >= $as_of)) RETURN m }
          ELSE COLLECT { MATCH (s:Government)-[m:MEMBER_OF]->(net)
                         WHERE EXISTS { (s)-[:PART_OF*1..]->(nation) } AND ($as_of IS NULL OR ((m.since IS NULL OR m.since <= $as_of) AND (m.until IS NULL OR m.until >= $as_of)))
                         RETURN m } END AS other
WITH nation, g, side, net, own, other, size(other) > 0 AS both
// the records that read the network's full member list at the missing side's level
WITH nation, g, side, net, own, other, both,
     COLLECT { MATCH (r:CoverageRecord)-[:COVERS_NETWORK]->(net)
               WHERE NOT both
                 AND any(l IN coalesce(r.coversLevel, []) WHERE
                         CASE WHEN side = 'subnational' THEN l = 'national'
                              ELSE l IN ['regional', 'local']
                                   AND (l IN coalesce(net.hasMemberLevel, [])
                                        OR none(x IN coalesce(net.hasMemberLevel, []) WHERE x <> 'national')) END)
                 AND ($as_of IS NULL OR EXISTS { MATCH (src:Source) WHERE src.key IN r.source_ids AND src.year >= $as_of })
               RETURN r } AS records
WITH nation, g, side, net, own, both, records,
     CASE WHEN both THEN 'no-gap' WHEN size(records) > 0 THEN 'gap' ELSE 'not-covered' END AS status,
     [m IN own | m.sources] + CASE WHEN both THEN [m IN other | m.sources] ELSE [] END + [r IN records | r.sources] AS cited
RETURN nation.isoCode AS country, net.iri AS network,
       CASE WHEN side = 'subnational'
            THEN CASE WHEN both THEN 'subnational member with its nation' ELSE 'subnational member without its nation' END
            ELSE CASE WHEN both THEN 'national member with subnational members' ELSE 'national member without subnational members' END
       END AS direction,
       g.iri AS government, g.label_en AS government_label, g.level AS level, [m IN own | m.role] AS role,
       CASE WHEN both THEN null
            WHEN side = 'subnational' THEN 'the national government is not a member of this network'
            ELSE 'no regional or local government of the country is a member of this network' END AS missing,
       status, reduce(all = [], s IN cited | all + coalesce(s, [])) AS source
ORDER BY network, direction, government
