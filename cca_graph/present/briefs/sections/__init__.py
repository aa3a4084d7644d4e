"""The sections of a country brief, one module each.

Every module has ``build(ctx)``, which returns its :class:`..model.Section`
from a :class:`.context.Context` shared by all of them (the country's records,
names in the brief's language, the footnotes cited so far, the catalogue).
:func:`..gather.gather` calls them in the order of :data:`.context.SECTIONS`.
"""
