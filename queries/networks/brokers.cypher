// question: Which governments bridge networks, being members of two or more networks, and at which level and in which country do they sit?
// parameters: none
// columns: government, government_label, level, country, networks
// no rows means: no government has a recorded membership in more than one network (absent in the data: membership lists are incomplete)
// networks: the number of distinct networks the government belongs to (MEMBER_OF, any role, any
// period); country: the isoCode of the national government reached by PART_OF*0.. (the government
// itself when it is national).
MATCH (g:Government)-[:MEMBER_OF]->(n:Network)
WITH g, count(DISTINCT n) AS networks
WHERE networks >= 2
OPTIONAL MATCH (g)-[:PART_OF*0..]->(nation:Government {level: 'national'})
WITH DISTINCT g, networks, nation.isoCode AS country
RETURN g.iri AS government, g.label_en AS government_label, g.level AS level, country, networks
ORDER BY networks DESC, government
