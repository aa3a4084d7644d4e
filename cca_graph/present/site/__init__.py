"""The static site of the graph: a page per entity, search, and the overview."""
