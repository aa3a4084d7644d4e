// question: Which instruments of a national government were scaled up from, or inspired by, an instrument of a regional or local government?
// parameters: none
// columns: country, instrument, instrument_label, link, origin, origin_label, origin_government, origin_level, source
// no rows means: no national instrument with a recorded scaled_up_from or inspired_by link to a subnational instrument (absent in the data: diffusion the sources do not state is not recorded)
// link: "scaled-up-from" (SCALED_UP_FROM) or "inspired-by" (INSPIRED_BY); the origin's government sits
// below the national level (regional or local), in the same country or not; source: the national
// instrument's sources, which state the link (one row per source).
MATCH (nation:Government {level: 'national'})<-[:ADOPTED_BY]-(i:Instrument)-[r:SCALED_UP_FROM|INSPIRED_BY]->(o:Instrument)
MATCH (o)-[:ADOPTED_BY]->(og:Government)
WHERE og.level IN ['regional', 'local']
UNWIND i.sources AS source
RETURN DISTINCT nation.isoCode AS country, i.iri AS instrument, i.label_en AS instrument_label,
       CASE type(r) WHEN 'SCALED_UP_FROM' THEN 'scaled-up-from' ELSE 'inspired-by' END AS link,
       o.iri AS origin, o.label_en AS origin_label, og.iri AS origin_government, og.level AS origin_level, source
ORDER BY country, instrument, origin, source
