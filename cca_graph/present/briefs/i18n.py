"""The fixed words of a brief in the reader's language.

A brief in Chinese (``lang="zh"``) gets its headings, table column heads and
the fixed phrases of the templates from :data:`PHRASES`, a table written by
us with short, standard terms. A phrase the table does not hold stays
English, so a heading a section adds later is never lost, only untranslated.
Sentences built inside the sections stay English for now; the brief says so
(:data:`PHRASES` ``"brief-language-note"``).

What cca-graph writes between the names of the data is in the reader's
language too (:func:`localised`): a table cell's fixed words ("not recorded",
"met"), the words that join a list of names (``A、B和C``, not ``A, B and C``),
and no English article before a Chinese name ("to have a 气候行动计划" reads
"to have 气候行动计划"). A section that builds a fixed phrase around a value
(a year, a level) says it with :func:`phrase` and the brief's language, the
value put in with ``str.format``; a list of words it joins with :func:`joined`.
Names and descriptions from the data (:class:`.model.Name`) are never changed.

Section titles are looked up by the section's key (:data:`SECTION_TITLES`),
so a section may reword its English title without losing the translation.

Examples
--------
>>> phrase("Contents", "zh"), phrase("Contents", "en"), phrase("No such phrase", "zh")
('目录', 'Contents', 'No such phrase')
"""
from __future__ import annotations

import dataclasses
import re

from .model import Brief, Bullets, Fact, Figure, Heading, Name, Note, Section, Table

__all__ = ["PHRASES", "SECTION_TITLES", "phrase", "joined", "localised", "html_lang"]

#: section key -> its title in Chinese
SECTION_TITLES = {
    "architecture": "治理架构",
    "mandates": "各级政府的职责",
    "instruments": "各级政府的政策工具",
    "targets": "目标与承诺",
    "networks": "网络参与",
    "gaps": "差距检查",
    "replication": "值得推广的政策",
    "completeness": "数据的完整性",
    "sources": "资料来源",
    "summary": "要点",
    "messages": "要点",
}

#: English phrase -> Chinese; where unsure of a standard term we kept English (none below is a guess
#: at a legal term of art: "mandate" is 职责, a duty of a level of government, not 授权)
PHRASES = {
    # the templates
    "Country brief: ": "国别简报：",
    "Multi-level climate governance: who does what, at which level, under which law, with which instruments "
    "and targets, in which networks, and where the chain breaks. From the cca-graph knowledge graph.":
        "多层级气候治理：谁在哪一级、依据哪部法律、以哪些政策工具和目标、在哪些网络中做什么，以及链条在何处断开。"
        "来自 cca-graph 知识图谱。",
    "brief-language-note": "说明：标题、表头和固定用语为中文；各节中的句子暂为英文，名称在数据有中文时用中文。",
    "Contents": "目录",
    "Sources": "来源",
    "Notes": "注释",
    "Bibliography": "参考文献",
    "About the data:": "关于数据：",
    "Chart:": "图：",
    "Level:": "层级：",
    "law:": "法律：",
    "joined by:": "参与机构：",
    "Written by cca-graph from the knowledge graph. Edit freely; keep the notes with the statements they "
    "support.": "由 cca-graph 根据知识图谱生成。可自由编辑；请保留各陈述所附的注释。",
    # headings the sections give
    "Key messages": "要点",
    "As of {when}: ": "截至{when}年：",
    "What to raise": "建议提出的问题",
    "Data as of": "数据截至",
    "Levels of government": "政府层级",
    "Coordination bodies": "协调机构",
    "Framework laws": "框架法律",
    "Mandates a source says do not exist (known absent)": "资料来源指明不存在的职责（已知缺失）",
    "Outcomes measured": "已测得的成果",
    "Levels scheduled or planned, not yet measured": "已排定或计划、尚未测得的水平",
    "Estimates": "估计值",
    "Figures recorded about the country": "关于该国的已记录数值",
    "Figures set by the instrument's design": "由政策工具设计决定的数值",
    "Outcomes whose status the data does not record": "数据未记录其状态的成果",
    "Targets and pledges recorded": "已记录的目标与承诺",
    "National and subnational alignment": "国家与地方目标的一致性",
    "Pledge-integrity checklist": "承诺完整性核查表",
    "Memberships": "网络成员",
    "Asymmetries between levels": "层级之间的不对称",
    "Contributions to networks and funds": "对网络和基金的出资",
    "Governments that bridge networks": "连接多个网络的政府",
    "Programmes taken part in": "参与的项目",
    "Coordination between levels": "层级之间的协调",
    "Levels and obligations from national law": "国家法律规定的层级与义务",
    "Obligations and the instruments they require": "义务及其所需的政策工具",
    "Obligations and their funding": "义务及其资金",
    "Reporting channels into national MRV": "向国家 MRV（测量、报告与核查）报告的渠道",
    "Targets and networks": "目标与网络",
    "Scaled up or copied": "推广或复制",
    "Candidates: what peers adopted": "候选：同类政府采用的做法",
    "Surveyed and not found": "已调查，未发现",
    "Not looked at": "未调查",
    "What the data holds and lacks": "数据所含与所缺",
    "Known absences": "已知缺失",
    "Reading absences": "如何解读缺失",
    "Supranational level": "超国家层级",
    "National level": "国家层级",
    "Regional (states, provinces, regions) level": "区域层级（州、省、大区）",
    "Local (municipalities, cities) level": "地方层级（市、城市）",
    # table captions
    "Governments the data records, by level": "数据记录的政府（按层级）",
    "Instruments peers adopted, strongest evidence first": "同类政府采用的政策工具（证据最强者在前）",
    "Mandates the country's laws give to each level": "本国法律赋予各层级的职责",
    "Network memberships of the country's governments": "本国各级政府的网络成员资格",
    "Programmes and initiatives in which the country's governments take part": "本国各级政府参与的项目与倡议",
    "Targets and pledges of the country's governments": "本国各级政府的目标与承诺",
    "Coordination bodies between levels of government": "各级政府之间的协调机构",
    "Climate framework laws": "气候框架法律",
    # table column heads
    "Body": "机构",
    "Levels it joins": "连接的层级",
    "Set up by": "设立依据",
    "Since": "起始年份",
    "Law": "法律",
    "Year": "年份",
    "Enacted by": "颁布方",
    "Level": "层级",
    "Governments recorded": "已记录的政府",
    "Among them": "其中",
    "Mandate": "职责",
    "Modality": "方式",
    "Domain": "领域",
    "Law and provision": "法律及条款",
    "Instrument": "政策工具",
    "Type": "类型",
    "Adopted by": "采用方",
    "Years": "年份",
    "Outcome measured": "测得的成果",
    "Description": "说明",
    "Government": "政府",
    "Network": "网络",
    "Role": "角色",
    "Since or listed in": "加入时间或所列名单",
    "Programme": "项目",
    "Run by": "运营方",
    "Target or pledge": "目标或承诺",
    "Target year": "目标年份",
    "Amount": "数量",
    "Criterion": "标准",
    "Requirement": "要求",
    "Met?": "是否满足",
    "Evidence": "证据",
    "Type of instrument peers adopted": "同类政府采用的工具类型",
    "Peers that adopted it": "采用该工具的同类政府",
    "Measured outcomes": "已测得的成果",
    "Example": "示例",
    "Competence (mandate)": "权限（职责）",
    "Why": "理由",
    "Count": "数量",
    "Annex": "附件",
    # section 5 at registry scale: memberships counted, the governments in the most networks
    "Governments in the most networks": "参与网络最多的政府",
    "Governments": "政府数",
    "Networks": "网络数",
    "Members of each network among the country's governments, by level": "本国各级政府在各网络中的成员数（按层级）",
    "The governments of the country that belong to the most networks": "本国参与网络最多的政府",
    # the level cell of a network's count (networks.py), once these words are a part of the cell of their own
    ": endorses, not a member": "：仅表示支持，非成员",
    "; they report there, they are not members": "；均仅在此报告，非成员",
    "; ": "；",
    " (passed)": "（已过）",
    " (target year passed)": "（目标年份已过）",
    "Instruments adopted at the {level} level": "{level}采用的政策工具",
    " (target year {year})": "（目标年份：{year}）",
    # words of table cells
    "not recorded": "未记录",
    "none recorded": "无记录",
    "yes, see below": "有，见下文",
    "no; {statuses} figures below": "否；{statuses}数值见下文",
    "measured": "实测",
    "scheduled": "已排定",
    "estimated": "估计",
    "by-design": "由设计决定",
    "status not recorded": "状态未记录",
    "from {year}": "{year}年起",
    "to {year} (start not recorded)": "至{year}年（起始年份未记录）",
    # the pledge-integrity checklist (targets.py): whether a criterion is met, what it requires, what is missing
    "met": "满足",
    "a source states it is not met": "资料来源指明未满足",
    "surveyed and not found": "已调查，未发现",
    "not looked at: a question to ask": "未调查：有待询问",
    "partly met; the rest: ": "部分满足；其余：",
    "a pledge is recorded; what it covers and its path are not checked": "已记录承诺；其覆盖范围和路径未经核查",
    "its year, {year}, is later than {pathway}, when the pathways the criterion names reach net-zero CO2":
        "其年份{year}年晚于该标准所依据的路径实现二氧化碳净零排放的{pathway}年",
    "a net-zero or carbon-neutrality pledge": "净零或碳中和承诺",
    "not shown by any record the data holds": "数据中没有能表明这一点的记录",
    "a target for {year}": "{year}年的目标",
    "targets for {years}": "{years}年的目标",
    "no target for {year} recorded": "未记录{year}年的目标",
    "no {type} adopted or reported to": "未记录所采用或所报告的{type}",
    "no {type} that carries out the pledge recorded": "未记录实施该承诺的{type}",
    "disclosures in consecutive years": "连续年份的披露",
    "no {type} that carries out the pledge recorded: {a} serves the {year} target too, so it is not shown to be "
    "the pledge's plan": "未记录实施该承诺的{type}：{a}同时服务于{year}年的目标，不能表明它是该承诺的计划",
    "no {type} of its own or disclosure recorded: it reports to {a}, a system of {b}, which is not a public report "
    "of its own": "未记录其自身的{type}或披露：它向{b}的系统{a}报送，这并非其自身的公开报告",
    "annual reporting not shown: one year on record ({year})": "未显示年度报告：仅有一年的记录（{year}年）",
    "annual reporting not shown: {n} years on record, none consecutive ({first} to {last})":
        "未显示年度报告：有{n}年的记录，但均不连续（{first}年至{last}年）",
    "annual reporting not shown: no year of reporting on record": "未显示年度报告：没有任何年份的报告记录",
    "disclosures on record in consecutive years (the latest {first} and {last})":
        "有连续年份的披露记录（最近为{first}年和{last}年）",
    # a target whose sources disagree (targets.py): one row, what each source states
    "sources disagree": "各资料来源说法不一",
    " according to ": "，依据",
    "no amount": "未载明数量",
    # a candidate's reasons (replication.py): "<example> by <peer> (<networks>)"
    " by ": "，采用方：",
    # lists of names
    ", ": "、",
    " and ": "和",
    " and {n} more": "和另外{n}个",
}


def phrase(text: str, lang: str) -> str:
    """``text`` in ``lang``: from :data:`PHRASES` for ``zh``, else ``text`` as it is."""
    return PHRASES.get(text, text) if lang == "zh" else text


def joined(words: list[str], lang: str, last: str = " and ") -> str:
    """``words`` as a list in ``lang``: "A, B and C" (``last`` between the last two), "A、B和C".

    Examples
    --------
    >>> joined(["国家层级", "区域层级", "地方层级"], "zh"), joined(["national", "local"], "en")
    ('国家层级、区域层级和地方层级', 'national and local')
    >>> joined(["气候规划", "协调"], "zh", last=", ")
    '气候规划、协调'
    """
    if len(words) < 2:
        return "".join(words)
    return phrase(", ", lang).join(words[:-1]) + phrase(last, lang) + words[-1]


def html_lang(lang: str) -> str:
    """The HTML ``lang`` of a brief's page: Chinese is written in simplified characters."""
    return "zh-Hans" if lang == "zh" else "en"


#: Chinese characters and punctuation (《》, full-width forms): no English article stands before them
_CJK_CLASS = "[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]"
_CJK = re.compile(_CJK_CLASS)
_ARTICLE = re.compile(rf"\b[Aa]n? (?={_CJK_CLASS})")
_ARTICLE_AT_END = re.compile(r"(?:^|(?<=\s))[Aa]n? $")
#: the end of a list cut short (:meth:`.sections.context.Context.names_list`)
_MORE = re.compile(r" and ([\d,]+) more")


def _part(parts: tuple, i: int, cell: bool):
    """The part ``i`` of ``parts`` in Chinese: list words between names, a cell's fixed words, no article."""
    part = parts[i]
    if not isinstance(part, str):
        return part
    before = parts[i - 1] if i else None
    after = parts[i + 1] if i + 1 < len(parts) else None
    more = _MORE.fullmatch(part)
    if part in (", ", " and ") and isinstance(before, Name) and isinstance(after, Name):
        part = PHRASES[part]
    elif more and isinstance(before, Name):
        part = PHRASES[" and {n} more"].format(n=more.group(1))
    elif cell:
        part = PHRASES.get(part, part)
    part = _ARTICLE.sub("", part)
    if _CJK.match(after if isinstance(after, str) else getattr(after, "text", "")):
        part = _ARTICLE_AT_END.sub("", part)
    return part


def _text(parts: tuple, cell: bool = False) -> tuple:
    return tuple(_part(parts, i, cell) for i in range(len(parts)))


def _sentence(unit):
    return dataclasses.replace(unit, parts=_text(unit.parts)) if isinstance(unit, (Fact, Note)) else unit


def _block(block, lang: str):
    if isinstance(block, Heading):
        return Heading(phrase(block.text, lang))
    if isinstance(block, Table):
        rows = tuple(dataclasses.replace(row, cells=tuple(_text(cell, cell=True) for cell in row.cells))
                     for row in block.rows)
        return dataclasses.replace(block, columns=tuple(phrase(c, lang) for c in block.columns),
                                   caption=phrase(block.caption, lang), rows=rows)
    if isinstance(block, Bullets):
        return Bullets(tuple(_sentence(item) for item in block.items))
    if isinstance(block, Figure):
        return dataclasses.replace(block, caption=_sentence(block.caption))
    return _sentence(block)


def _section(section: Section, lang: str) -> Section:
    return dataclasses.replace(section, title=SECTION_TITLES.get(section.key, phrase(section.title, lang)),
                               blocks=[_block(b, lang) for b in section.blocks])


def localised(brief: Brief) -> Brief:
    """``brief`` with its section titles, headings, column heads, captions and fixed words in ``brief.lang``.

    Besides the headings: a table cell's parts written by cca-graph are looked up in
    :data:`PHRASES` whole; in every sentence and cell, ", " and " and " between two names
    join a list (、 and 和), " and 20 more" after a name ends one, and an English article
    before a Chinese word is left out. Names from the data are kept as they are.

    Examples
    --------
    >>> from .model import Name
    >>> brief = Brief("PT", Name("葡萄牙", "zh"), "zh", [], [Section(9, "sources", "Sources",
    ...               [Heading("Framework laws"), Heading("A heading nobody translated")])], [], [])
    >>> section = localised(brief).sections[0]
    >>> section.title, [b.text for b in section.blocks]
    ('资料来源', ['框架法律', 'A heading nobody translated'])
    >>> from .model import Row, plain
    >>> cells = ((Name("Campeche"), ", ", Name("尤卡坦州", "zh"), " and ", Name("金塔纳罗奥州", "zh")),
    ...          ("not recorded",), ("a 气候行动计划",))
    >>> brief.sections[0].blocks = [Table(("Adopted by", "Years", "Requirement"), (Row(cells, (1,)),))]
    >>> [plain(cell) for cell in localised(brief).sections[0].blocks[0].rows[0].cells]
    ['Campeche、尤卡坦州和金塔纳罗奥州', '未记录', '气候行动计划']
    """
    if brief.lang != "zh":
        return brief
    return dataclasses.replace(brief, summary=[_block(b, brief.lang) for b in brief.summary],
                               sections=[_section(s, brief.lang) for s in brief.sections])
