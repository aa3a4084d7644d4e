// question: Which pairs of networks share member governments, how many, and how many members does each network have?
// parameters: none
// columns: network_a, network_a_label, network_b, network_b_label, shared_members, members_a, members_b
// no rows means: no two networks share a recorded member government (absent in the data: membership lists are incomplete, especially outside the Under2 roster)
// One row per pair with at least one shared member, network_a < network_b by IRI. A member is a
// Government with a MEMBER_OF relationship, in any role and any period; counts are of distinct governments.
MATCH (a:Network)<-[:MEMBER_OF]-(g:Government)-[:MEMBER_OF]->(b:Network)
WHERE a.iri < b.iri
WITH a, b, count(DISTINCT g) AS shared_members
MATCH (a)<-[:MEMBER_OF]-(ga:Government)
WITH a, b, shared_members, count(DISTINCT ga) AS members_a
MATCH (b)<-[:MEMBER_OF]-(gb:Government)
WITH a, b, shared_members, members_a, count(DISTINCT gb) AS members_b
RETURN a.iri AS network_a, a.label_en AS network_a_label, b.iri AS network_b, b.label_en AS network_b_label,
       shared_members, members_a, members_b
ORDER BY shared_members DESC, network_a, network_b
