"""The search index of the site: every entity with a page, by every name the data gives it.

A page opened from ``file://`` may not ``fetch()`` a JSON file in Chromium, so the
index is a script, ``assets/search.js``, that assigns it to ``window.CCA_SEARCH``.
It is kept small for registry-sized graphs (16,500 entities: about 1 MB): each
entry is an array ``[local id, [names…], what, country]``, where ``what`` and
``country`` index two short tables. The first name is the one the site shows (the
English label, else another); the others are the labels in other languages and any
``skos:altLabel``. Entries are sorted the way results are ranked among equals:
nations and networks first, cities last, then by name.

The JSON is written with ``<``, ``>`` and ``&`` (and the line separators that
older JavaScript reads as line ends) escaped, so a name cannot end the script.
"""
from __future__ import annotations

import json

from .graph import SiteGraph, kind_of, labels_of, name_of, what_of
from .paths import local_id

__all__ = ["search_examples", "search_index", "search_script"]

#: properties of alternative names (``skos:altLabel`` in the property graph)
ALIASES = ("altLabel",)
_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def _names(node) -> list[str]:
    names = [name_of(node), *labels_of(node).values()]
    for key in ALIASES:
        value = node.properties.get(key, [])
        names += [str(v) for v in (value if isinstance(value, list) else [value])]
    return list(dict.fromkeys(name.strip() for name in names if str(name).strip()))


def search_examples(site: SiteGraph) -> list[str]:
    """Names the home page's search box offers as examples, each one the site finds.

    The most linked state or region (and its Chinese name, where the data gives
    one), network and local government with a page; among as linked, the first
    by name. A site without one of them offers the others.
    """
    def most_linked(wanted) -> str | None:
        links = {iri: len(site.outgoing.get(iri, ())) + len(site.incoming.get(iri, ())) for iri in site.paged}
        found = sorted((-links[iri], name_of(site.node(iri)).casefold(), iri)
                       for iri in site.paged if wanted(site.node(iri)))
        return found[0][2] if found else None

    def level(name):
        return lambda node: kind_of(node) == "Government" and str(node.properties.get("level", "")) == name

    examples = []
    region = most_linked(level("regional"))
    if region is not None:
        node = site.node(region)
        examples += [name_of(node)] + [text for lang, text in labels_of(node).items()
                                       if lang.startswith("zh") and text != name_of(node)][:1]
    for iri in (most_linked(lambda node: kind_of(node) == "Network"), most_linked(level("local"))):
        if iri is not None:
            examples.append(name_of(site.node(iri)))
    return examples


def search_index(site: SiteGraph) -> dict:
    """The index as a dict: ``whats``, ``countries`` (code, name) and ``entries``."""
    whats: dict[str, int] = {}
    codes = sorted({code for iri in site.paged for code in site.countries.get(iri, ())},
                   key=lambda c: (site.country_name(c).casefold(), c))
    country_index = {code: i for i, code in enumerate(codes)}
    rows = []
    for iri in site.paged:
        node = site.node(iri)
        what = what_of(node)
        code = site.country_of(iri)
        rows.append(((site.rank(iri), name_of(node).casefold(), iri),
                     [local_id(iri), _names(node), whats.setdefault(what, len(whats)),
                      country_index[code] if code is not None else -1]))
    # the table of kinds in a fixed order, whatever order the entities were met in
    order = sorted(whats)
    remap = {whats[w]: i for i, w in enumerate(order)}
    entries = []
    for _, entry in sorted(rows, key=lambda r: r[0]):
        entry[2] = remap[entry[2]]
        entries.append(entry)
    return {"whats": order, "countries": [[code, site.country_name(code)] for code in codes], "entries": entries}


def _json(value) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for char, escape in _ESCAPES.items():
        text = text.replace(char, escape)
    return text


def search_script(index: dict) -> str:
    """The text of ``assets/search.js`` for ``index``: one entry a line, so that it reads and diffs well."""
    head = ",\n".join(f"{_json(key)}:{_json(index[key])}" for key in ("countries", "whats"))
    entries = ",\n".join(_json(entry) for entry in index["entries"])
    return f"window.CCA_SEARCH = {{{head},\n\"entries\":[\n{entries}\n]}};\n"
