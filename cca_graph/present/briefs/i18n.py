"""The fixed words of a brief in the reader's language.

A brief in Chinese (``lang="zh"``) gets its headings, table column heads and
the fixed phrases of the templates from :data:`PHRASES`, a table written by
us with short, standard terms. A phrase the table does not hold stays
English, so a heading a section adds later is never lost, only untranslated.
Sentences built inside the sections stay English for now; the brief says so
(:data:`PHRASES` ``"brief-language-note"``).

Section titles are looked up by the section's key (:data:`SECTION_TITLES`),
so a section may reword its English title without losing the translation.

Examples
--------
>>> phrase("Contents", "zh"), phrase("Contents", "en"), phrase("No such phrase", "zh")
('目录', 'Contents', 'No such phrase')
"""
from __future__ import annotations

import dataclasses

from .model import Brief, Heading, Section, Table

__all__ = ["PHRASES", "SECTION_TITLES", "phrase", "localised", "html_lang"]

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
}


def phrase(text: str, lang: str) -> str:
    """``text`` in ``lang``: from :data:`PHRASES` for ``zh``, else ``text`` as it is."""
    return PHRASES.get(text, text) if lang == "zh" else text


def html_lang(lang: str) -> str:
    """The HTML ``lang`` of a brief's page: Chinese is written in simplified characters."""
    return "zh-Hans" if lang == "zh" else "en"


def _heading(block, lang: str):
    if isinstance(block, Heading):
        return Heading(phrase(block.text, lang))
    if isinstance(block, Table):
        return dataclasses.replace(block, columns=tuple(phrase(c, lang) for c in block.columns),
                                   caption=phrase(block.caption, lang))
    return block


def _section(section: Section, lang: str) -> Section:
    return dataclasses.replace(section, title=SECTION_TITLES.get(section.key, phrase(section.title, lang)),
                               blocks=[_heading(b, lang) for b in section.blocks])


def localised(brief: Brief) -> Brief:
    """``brief`` with its section titles, headings, column heads and captions in ``brief.lang``.

    Examples
    --------
    >>> from .model import Name
    >>> brief = Brief("PT", Name("葡萄牙", "zh"), "zh", [], [Section(9, "sources", "Sources",
    ...               [Heading("Framework laws"), Heading("A heading nobody translated")])], [], [])
    >>> section = localised(brief).sections[0]
    >>> section.title, [b.text for b in section.blocks]
    ('资料来源', ['框架法律', 'A heading nobody translated'])
    """
    if brief.lang != "zh":
        return brief
    return dataclasses.replace(brief, summary=[_heading(b, brief.lang) for b in brief.summary],
                               sections=[_section(s, brief.lang) for s in brief.sections])
