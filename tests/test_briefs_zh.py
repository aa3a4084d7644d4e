"""A Chinese brief reads as Chinese and says what the English one says.

An adviser read Chinese briefs whose sentences mixed languages ("墨西哥国家气候变化法, art. 58 obliges
regional governments to have 气候行动计划") and whose lists put Latin names first, so that they named other
examples than the English brief. On the bundled build, for Mexico, Canada and Germany: what cca-graph
writes in the Chinese brief holds no run of two English words once every text the graph holds (names,
descriptions, locators) and every address is taken out; and both briefs name the same entities in the
same order, the Chinese names read back to English through the labels the store gives each entity.
"""
from __future__ import annotations

import html
import re
from collections import defaultdict

import pytest

from cca_graph import open_store, run_sparql
from cca_graph.present.briefs.diagram import to_svg
from cca_graph.present.briefs.gather import gather
from cca_graph.present.briefs.markdown import render_markdown
from cca_graph.present.briefs.model import Bullets, Fact, Figure, Name, Note, Table

COUNTRIES = ("MX", "CA", "DE")
#: two English words in a row ("obliges regional", "as of"): one word alone may be a code or a unit
ENGLISH_RUN = re.compile(r"\b[A-Za-z][a-z]+(?:'s)?[ ,;:]+[A-Za-z][a-z]+\b")
_URL = re.compile(r"<?https?://\S+")

#: every text the graph holds, read by the store itself: labels in both languages, descriptions, locators
_TEXTS = """
SELECT DISTINCT ?text WHERE {
  { GRAPH ?g { ?s ?p ?text } } UNION { ?s ?p ?text }
  FILTER(isLiteral(?text) && CONTAINS(STR(?text), " "))
}
"""
#: the keys of the graph's terms (a measure: "public-transport-volume-change-target"), which a
#: brief writes with spaces when the graph gives no label
_KEYS = """
SELECT DISTINCT ?key WHERE {
  { GRAPH ?g { ?s ?p ?key } } UNION { ?s ?p ?key }
  FILTER((isIRI(?key) || isLiteral(?key)) && CONTAINS(STR(?key), "-"))
}
"""
#: each entity's Chinese and English labels
_LABELS = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?zh ?en WHERE {
  { GRAPH ?g { ?e rdfs:label|skos:prefLabel ?zh } } UNION { ?e rdfs:label|skos:prefLabel ?zh }
  { GRAPH ?h { ?e rdfs:label|skos:prefLabel ?en } } UNION { ?e rdfs:label|skos:prefLabel ?en }
  FILTER(LANG(?zh) = "zh" && LANG(?en) = "en")
}
"""


@pytest.fixture(scope="module")
def briefs(built):
    store = open_store(built)
    texts = {str(t) for t in run_sparql(store, _TEXTS)["text"]}
    texts |= {re.split(r"[/#]", str(k))[-1].replace("-", " ") for k in run_sparql(store, _KEYS)["key"]}
    texts = sorted(texts, key=len, reverse=True)
    english = defaultdict(set)
    for row in run_sparql(store, _LABELS).to_dict("records"):
        english[str(row["zh"])].add(str(row["en"]))
    return {c: (gather(store, c, "en"), gather(store, c, "zh")) for c in COUNTRIES}, texts, english


def _prose(md: str, texts: list[str]) -> str:
    """The Chinese brief as cca-graph writes it: without the notes' lines (they quote the sources), the
    bibliography, addresses and every text from the graph."""
    body = md.split("\n## 9.", 1)[0]
    body = "\n".join(line for line in body.splitlines() if not line.startswith("[^"))
    body = _URL.sub(" ", body)
    # a description cut after its first words ("Charge on fuel …"): the start of a text of the graph
    starts = {t[:40] for t in texts}
    body = re.sub(r"(?<=\| )[^|]+?\u2026", lambda m: "\u2022" if m.group(0)[:40] in starts else m.group(0), body)
    for text in texts:
        body = body.replace(text, "\u2022")
    return body


@pytest.mark.slow  # gathers six briefs from the bundled build
@pytest.mark.parametrize("country", COUNTRIES)
def test_a_chinese_brief_writes_no_english_sentence(briefs, country):
    pairs, texts, _ = briefs
    zh = pairs[country][1]
    found = set()
    for line in _prose(render_markdown(zh), texts).splitlines():
        found.update(m.group(0) for m in ENGLISH_RUN.finditer(line))
    assert not found, sorted(found)
    # the chart as the HTML brief draws it: its title, column heads and counts are Chinese too
    [chart] = [b.diagram for s in zh.sections for b in s.blocks if isinstance(b, Figure)]
    drawn = [html.unescape(t) for t in re.findall(r"<(?:text|title)[^>]*>([^<]*)</", to_svg(chart))]
    assert drawn[:4] == [f"{zh.name.text}的政府层级、法律与协调机构", "法律", "政府层级", "协调机构"]
    # each level's count, and the names of a level of three governments at most ("1个政府：墨西哥")
    details = [str(d) for _, _, ds in chart.levels for d in ds]
    assert all(re.fullmatch(r"[\d,]+个政府(：.+)?", d) for d in details) and set(details) <= set(drawn), details
    for text in details:
        found.update(m.group(0) for m in ENGLISH_RUN.finditer(_prose(text, texts)))
    assert not found, sorted(found)


def _names(blocks) -> list[list[str]]:
    """The names from the data in each sentence and table cell of ``blocks``, in the order written."""
    out = []
    for block in blocks:
        if isinstance(block, Table):
            out += [[p.text for p in cell if isinstance(p, Name)] for row in block.rows for cell in row.cells]
        elif isinstance(block, Bullets):
            out += _names(block.items)
        elif isinstance(block, Figure):
            out += _names([block.caption])
        elif isinstance(block, (Fact, Note)):
            out.append([p.text for p in block.parts if isinstance(p, Name)])
    return out


def _in_english(name: str, english: dict[str, set[str]]) -> set[str]:
    """The English labels the store gives the entity named ``name`` in Chinese (a law named with its
    state, 哈利斯科州《气候变化行动法》, by the law's own label); ``name`` itself when it has none."""
    if name in english:
        return english[name]
    own = re.fullmatch(r".+《(.+)》", name)
    return english.get(own.group(1), english.get(f"《{own.group(1)}》", {name})) if own else {name}


def _same_amount(en: str, zh: str) -> bool:
    """A target's amount in both languages: the same figures ('53 percent (base year 1990)', '53%（基准年：1990年）')."""
    return ("percent" in en or "level" in en) and re.findall(r"[\d.]+", en) == re.findall(r"[\d.]+", zh)


@pytest.mark.slow  # gathers six briefs from the bundled build
@pytest.mark.parametrize("country", COUNTRIES)
def test_both_briefs_name_the_same_entities_in_the_same_order(briefs, country):
    pairs, _, english = briefs
    en, zh = pairs[country]
    en_names = _names(en.summary) + [n for s in en.sections for n in _names(s.blocks)]
    zh_names = _names(zh.summary) + [n for s in zh.sections for n in _names(s.blocks)]
    assert len(en_names) == len(zh_names) > 30
    differ = []
    for mine, theirs in zip(en_names, zh_names):
        if len(mine) != len(theirs) or any(e not in _in_english(z, english) and e != z and not _same_amount(e, z)
                                           for e, z in zip(mine, theirs)):
            differ.append((mine, theirs))
    assert not differ, differ[:3]
    # the states of Mexico the Under2 Coalition lists, which the nation endorses (under2-2017-highlights,
    # member list): in English order, Aguascalientes, Baja California, Chiapas … Yucatán
    if country == "MX":
        md = render_markdown(zh)
        assert ("阿瓜斯塔连特斯州、下加利福尼亚州、恰帕斯州、科利马州、伊达尔戈州、哈利斯科州、墨西哥城、米却肯州、"
                "金塔纳罗奥州、墨西哥州、塔巴斯科州和尤卡坦州") in md


@pytest.mark.slow  # gathers the briefs on Mexico from the bundled build
def test_the_mexican_obligations_read_in_chinese(briefs):
    """giz-cca §4.3: the LGCC (art. 58) obliges the states to adopt a state climate programme, does not
    directly oblige the municipalities to plan, and Jalisco's law does; the data records 32 states."""
    zh = briefs[0]["MX"][1]
    md = render_markdown(zh)
    assert ("- 墨西哥国家气候变化法第58条规定区域政府须有气候行动计划。未调查：32个数据记录的区域政府；"
            "请询问它们是否有，以及何时到期（第6节）。[^") in md
    assert ("：有资料来源指出，墨西哥国家气候变化法未直接规定地方层级在气候规划方面的义务；"
            "哈利斯科州以其自身的法律作出了规定。[^") in md
    assert ", art. " not in md


#: a source's key, a code or a command ("net-zero-tracker", "MX-BCN", "cca-graph query pledge-integrity"): not words
_CODED = re.compile(r"\S*\w-\w\S*")
#: what cca-graph writes in a note beside the source's place (a count of places, where the annex lists them)
_NOTE_PHRASES = ("places, among them", "the annex lists each record with its place", "each with its locator in the",
                 "in this table")


@pytest.fixture(scope="module")
def registry_brief(registry_graph):
    store = open_store(registry_graph[0])
    texts = {str(t) for t in run_sparql(store, _TEXTS)["text"]}
    return render_markdown(gather(store, "CA", "zh")), sorted((t for t in texts if len(t) > 3), key=len, reverse=True)


def test_a_chinese_brief_at_registry_scale_writes_no_english_sentence(registry_brief):
    """Canada with every registry imported: the targets' names the import writes ('CA-BC: absolute emission
    reduction 40% vs 2007 by 2030'), their amounts, the plans named by their government, the checklist's
    criteria (the UN expert group's Chinese text) and the notes' own words read as Chinese."""
    md, texts = registry_brief
    found = set()
    for line in _CODED.sub(" ", _prose(md.replace("\\_", "_"), texts)).splitlines():
        found.update(m.group(0) for m in ENGLISH_RUN.finditer(line))
    # a note's place ("Target.csv line 117", "§8 About us") is the source's: only its own words are ours
    notes = [line for line in md.splitlines() if line.startswith("[^")]
    found.update(p for p in _NOTE_PHRASES for line in notes if p in line)
    assert not found, sorted(found)
    assert "2050年前实现净零排放" in md and "艾伯塔省的气候计划" in md
    # the criteria of the checklist, as un-hleg recommendations 8 and 3 word them
    assert "| 每年详细地公开报告其进展情况 |" in md
    assert "处，其中包括" in md and "（附件列出每条记录及其位置）" in md
