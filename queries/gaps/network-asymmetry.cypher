// question: In networks with national governments among their members (e.g. Under2 and its national endorsers), which of a country's subnational members sit there without their national government, and is the national government a member without any of its subnational governments?
// parameters: country (iso) — ISO 3166-1 alpha-2 code of the country, e.g. US
// columns: country, network, direction, government, government_label, level, role, missing, status, source
// no rows means: the country's national and subnational governments are recorded in the same mixed networks (or in none); absent in the data, not known absent
// Memberships are the MEMBER_OF relationships (any role). direction:
// "subnational member without its nation": a regional or local government of the country is a
// member of a network that has at least one national government as member, and the country's
// national government is not a member of it;
// "national member without subnational members": the national government is a member of a
// network that admits subnational members (member level regional or local, or any subnational
// member recorded) and no government of the country below it is a member.
// One row per membership of the government named and citation of that membership. No
// KnownAbsence can state a missing membership of one network (it names no network), so status
// is always "absent in the data".
MATCH (nation:Government {isoCode: $country, level: 'national'})
CALL (nation) {
  MATCH (g:Government)-[ms:MEMBER_OF]->(net:Network)
  WHERE g.level <> 'national' AND EXISTS { (g)-[:PART_OF*1..]->(nation) }
    AND EXISTS { (:Government {level: 'national'})-[:MEMBER_OF]->(net) }
    AND NOT EXISTS { (nation)-[:MEMBER_OF]->(net) }
  RETURN net, g, ms, 'subnational member without its nation' AS direction,
         'the national government is not a member of this network' AS missing
  UNION
  MATCH (nation)-[ms:MEMBER_OF]->(net:Network)
  WHERE (any(l IN coalesce(net.hasMemberLevel, []) WHERE l IN ['regional', 'local'])
         OR EXISTS { MATCH (sub:Government)-[:MEMBER_OF]->(net) WHERE sub.level <> 'national' })
    AND NOT EXISTS { MATCH (sub:Government)-[:MEMBER_OF]->(net) WHERE EXISTS { (sub)-[:PART_OF*1..]->(nation) } }
  RETURN net, nation AS g, ms, 'national member without subnational members' AS direction,
         'no regional or local government of the country is a member of this network' AS missing
}
UNWIND ms.sources AS source
RETURN DISTINCT nation.isoCode AS country, net.iri AS network, direction, g.iri AS government,
       g.label_en AS government_label, g.level AS level, ms.role AS role, missing,
       'absent in the data' AS status, source
ORDER BY network, direction, government, role, source
