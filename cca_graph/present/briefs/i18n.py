"""The fixed words of a brief in the reader's language.

A brief in Chinese (``lang="zh"``) gets its headings, table column heads and
the fixed phrases of the templates from :data:`PHRASES`, a table written by
us with short, standard terms. A phrase the table does not hold stays
English, so a heading a section adds later is never lost, only untranslated.
The sentences the sections build are Chinese too: a part of a sentence that
cca-graph writes is looked up whole (:data:`SENTENCE_PARTS`), or matched by a
pattern whose values (a level, a count, a status word) are put into its Chinese
(:data:`SENTENCE_PATTERNS`, :data:`WORDS`, :data:`COUNTED`), or, failing both,
clause by clause; a part nothing matches stays English, and so does the
punctuation of its sentence. The parts fall in English order around the names,
so each Chinese part is written to read in that order.

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

__all__ = ["PHRASES", "SECTION_TITLES", "SENTENCE_PARTS", "SENTENCE_PATTERNS", "WORDS", "COUNTED", "SECTOR_ONLY", "phrase",
           "joined", "generated_name", "localised", "html_lang"]

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
    "brief-language-note": "说明：本简报由 cca-graph 写出的文字为中文；名称和说明取自数据，数据有中文时用中文，否则保留原文。",
    "Contents": "目录",
    "Sources": "来源",
    "Notes": "注释",
    "Bibliography": "参考文献",
    "About the data:": "关于数据：",
    "Chart:": "图：",
    "Level:": "层级：",
    "law:": "法律：",
    "joined by:": "参与机构：",
    # the chart (sections/architecture.py, diagram.py): its title, column heads and counts
    "Levels, laws and coordination bodies: {country}": "{country}的政府层级、法律与协调机构",
    "Laws": "法律",
    "{n} government": "{n}个政府",
    "{n} governments": "{n}个政府",
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
    "a climate plan is recorded; whether it is a net-zero transition plan is not checked":
        "已记录气候计划；是否为净零转型计划未经核查",
    "By level": "按层级",
    "Members of each network among the country's governments, and at which level": "本国各级政府在各网络中的成员及其层级",
    "in doubt: what meets it is a target in doubt": "存疑：满足该标准的是一个存疑的目标",
    "no whole-territory interim target recorded that is not in doubt": "未记录不存疑的全域中期目标",
    "; for the other years: ": "；其他年份：",
    " (in doubt, section 4)": "（存疑，见第4节）",
    # a candidate's reasons (replication.py): "<example> by <peer> (<networks>)"
    " by ": "，采用方：",
    # the candidates' headings (replication.py) and a cell of a candidate nobody looked at
    "Candidates: known absences": "候选：已知缺失",
    "Candidates: surveyed and not found": "候选：已调查，未发现",
    "Candidates: not looked at": "候选：未调查",
    " (whether one is in place is not known)": "（是否已有不得而知）",
    # lists of names
    ", ": "、",
    " and ": "和",
    " and {n} more": "和另外{n}个",
}


#: sentence parts written whole, without a value in them (sentences only: a table cell's words are above)
SENTENCE_PARTS = {
    ".": "。",
    "Of ": "在",
    " has a net-zero or carbon-neutrality pledge with no target year": "有一项没有目标年份的净零或碳中和承诺",
    "?": "？",
    ": ": "：",
    "; ": "；",
    "; its ": "；其",
    # a target in doubt (targets.py, messages.py)
    " (in doubt: ": "（存疑：",
    "; it is not compared with the national target year.": "；不与国家目标年份比较。",
    "The pledge is in doubt: ": "该承诺存疑：",
    "; no criterion counts as met on it.": "；任何标准均不因其而算作满足。",
    "share of emissions covered: ": "覆盖的排放份额：",
    " of ": "，所占对象：",
    " (": "（",
    ")": "）",
    "). ": "）。",
    "A source states: ": "有资料来源指出：",
    "A source states that ": "有资料来源指出，",
    " does not directly oblige the ": "未直接规定",
    " do not directly oblige the ": "未直接规定",
    "A source states that no national law obliges the ": "有资料来源指出，没有任何国家法律规定",
    " obliges it by a law of its own": "以其自身的法律作出了规定",
    " oblige it by laws of their own": "以其自身的法律作出了规定",
    "A coordination body exists: ": "存在协调机构：",
    "Targets of the national government: ": "国家政府的目标：",
    "Coverage: the material on ": "覆盖范围：关于",
    " was read for ": "的资料就以下方面作了查阅：",
    " was not read for this section's subject as a whole, so what it does not find here is a question to ask.":
        "的资料未就本节主题作整体查阅，因此此处未发现的内容是有待询问的问题。",
    "Chart: the levels of government (with how many governments the data records at each), the laws enacted at "
    "each level and the coordination bodies joined to the levels they bring together. Its sources are those of the "
    "table and lists above.": "图：各政府层级（及数据在每一层级记录的政府数量）、各层级颁布的法律，以及与其所连接的层级相连的"
                              "协调机构。其来源即上文表格和列表的来源。",
    " have a net-zero or carbon-neutrality target?": "是否有净零或碳中和目标？",
    " has a net-zero or carbon-neutrality target?": "是否有净零或碳中和目标？",
    " Not looked at.": "未调查。",
    "Not looked at.": "未调查。",
    "The checklist applies the UN expert group's criteria for net-zero pledges of cities and regions: ":
        "本核查表采用联合国专家组关于城市和地区净零承诺的标准：",
    "The data records no net-zero or carbon-neutrality pledge of a regional or local government of ":
        "数据未记录以下国家的区域或地方政府的净零或碳中和承诺：",
    ", so there is no pledge to check.": "，因此没有可核查的承诺。",
    ", which the national government, ": "，国家政府",
    ", endorses without being a member.": "对其表示支持，但并非成员。",
    ", and so is the national government, ": "，国家政府",
    "No gap: ": "无差距：",
    "In part: ": "部分：",
    " is ": "是",
    " are ": "是",
    " in ": "参与",
    " report into ": "是否向以下平台报告：",
    "a national MRV platform": "国家 MRV 平台",
    "the national MRV platform ": "国家 MRV 平台",
    "Is the obligation ": "以下义务是否有资金：",
    " funded?": "？",
    ") on ": "）对",
    "Targets missing or out of step with the national one are in section 4, asymmetries in network membership in "
    "section 5.": "缺失的目标或与国家目标不一致的目标见第4节，网络成员资格的不对称见第5节。",
    "The data records no instrument of ": "数据未记录",
    " scaled up from, or inspired by, a subnational one, and no subnational instrument of it that others took up "
    "(not recorded: diffusion the sources do not state is not in the data).":
        "有由地方政策工具推广而来或受其启发的政策工具，也未记录其地方政策工具被他方采用（未记录：资料来源未说明的扩散不在数据中）。",
    "Peers are governments at the same level in the same country or in a shared network of at most 400 members; a "
    "larger one (the Global Covenant of Mayors, Race to Zero) is a campaign anyone may sign, and sharing it makes "
    "no peers. The networks each candidate came through are named under Why. The example's sources are given. A "
    "candidate is a lead to check, not a recommendation.":
        "同类政府指同一国家中同一层级的政府，或同属一个成员不超过400个的网络的政府；更大的网络（全球市长盟约、"
        "奔向零碳）是任何人都可以签署的运动，同属其中不构成同类。每个候选所经由的网络列在“理由”下，并给出示例的来源。"
        "候选是有待核查的线索，而非建议。",
    "Questions to ask: the material did not look at these types of instrument for these governments, so they may "
    "well have one already (perhaps under another name); ask whether they do. This is not a finding that they lack "
    "one.": "有待询问的问题：资料未就这些政府查阅这些类型的政策工具，因此它们很可能已经有了（也许名称不同）；"
            "请询问是否如此。这并不是说它们缺少此类工具。",
    "The material on ": "关于",
    "Every statement ends with numbered notes to its source and the place in it (section 9). Sentences set apart as "
    "notes speak about the data itself. Where something is not found, the brief says how sure it is: \u201ca source "
    "states\u201d there is none (with the source); \u201csurveyed and not found\u201d (the material was read for it); "
    "or \u201cnot looked at\u201d: the material did not look at this \u2014 a question to ask, not a failing.":
        "每项陈述后均附有编号注释，指向其来源及来源中的位置（第9节）。作为说明单列的句子谈的是数据本身。"
        "未发现某项内容时，简报会说明把握程度：\u201c有资料来源指出\u201d不存在（附来源）；\u201c已调查，未发现\u201d"
        "（资料已就此查阅）；或\u201c未调查\u201d：资料未涉及这一点\u2014\u2014这是有待询问的问题，而非缺陷。",
    "The data holds little on ": "数据中关于",
    "Known absences: a source states that these governments have no instrument of these types; it is cited with "
    "each row.": "已知缺失：有资料来源指出，这些政府没有这些类型的政策工具；每行均注明该来源。",
    "Surveyed and not found: the material was read for these types of instrument at these governments' levels and "
    "holds none of them.": "已调查，未发现：资料已就这些政府所在层级查阅这些类型的政策工具，其中没有任何一项。",
    ", under the ": "，依据",
    " Not in the data, so not asked about: ": "数据中没有、因此未询问的：",
    " the ISO 3166-2 list gives for the country.": "（按 ISO 3166-2 列表中该国的数目计）。",
    " is not counted": "未计入",
    " are not counted": "未计入",
    "The data holds no candidate: for no government of ": "数据中没有候选：",
    " did a peer (same level, the same country or a shared network of at most 400 members) adopt a type of "
    "instrument that neither it nor its nation has and that one of its mandates gives it the competence for (a duty "
    "to co-operate gives none).": "的任何政府都没有同类政府（同一层级，同一国家或同属一个成员不超过400个的网络）采用过"
                                  "该政府及其国家都没有、而其某项职责赋予其权限的政策工具类型（合作义务不赋予此种权限）。",
    "the national members and endorsers of ": "已完整查阅",
    " were read in full: ": "的国家成员和支持方名单：",
    " in the network, the national government ": "是其成员，而国家政府",
    " is not.": "不是。",
    "Surveyed and not found: ": "已调查，未发现：",
    "; it names none of them. The data applies this to the ": "；它未列出其中任何一个。数据将此适用于",
    "Is there a coordination body that joins the levels of government of ": "是否有连接以下国家各政府层级的协调机构：",
    "Does ": "",
    "Do ": "",
    " have a climate framework law?": "是否有气候框架法律？",
    "Which mandates do the laws of ": "以下国家的法律赋予其各层级哪些职责：",
    " give its levels?": "？",
    "A policy that travelled: ": "一项传播开来的政策：",
    " was scaled up from ": "推广自",
    " was inspired by ": "受以下政策启发：",
    ", an instrument of ": "，该政策工具属于",
    "; outcomes recorded: ": "；已记录的成果：",
    "Figures recorded for ": "已记录的数值：",
    "Recorded figure, ": "已记录的数值，",
    " (outcomes below)": "（成果见下文）",
    "as the source states it, in doubt: ": "按资料来源所述，存疑：",
    "Descriptions are cut after their first words (\u2026); the figures recorded beside them are whole.":
        "说明只保留开头的文字（\u2026）；其旁记录的数值是完整的。",
    "No source in the data states that something does not exist for ": "数据中没有资料来源指明以下国家不存在某项内容：",
    "The data holds no candidate: a candidate is a type of instrument a government has the competence for, a mandate "
    "a law gives it, and the data records no such law of ":
        "数据中没有候选：候选是政府有权限（法律赋予的职责）采用的一类政策工具，而数据未记录以下国家的此类法律：",
    " (not recorded, which is not proof that there is none).": "（未记录，这并不证明不存在）。",
    " (the data does not say whether it was made under this obligation).": "（数据未说明它是否依该义务制定）。",
    " (the known absence in section 2).": "（见第2节的已知缺失）。",
    " obliges its local governments through its own ": "通过其自身的以下法律对其地方政府作出规定：",
    "What these targets cover, the whole territory or only the government's own operations, the data does not "
    "record; a target for its own operations does not compare with the national target year.":
        "这些目标覆盖的是整个辖区还是仅政府自身的运营，数据未记录；针对自身运营的目标不能与国家目标年份相比较。",
    "By level": "按层级",
    "The imports left out rows of their sources about ": "导入时略去了其来源中关于以下国家的行：",
    ", and all four in the workbook ": "，四者均见工作簿",
    " (and the workbook ": "（及工作簿",
    " (a statement from two sources has a line for each).": "（来自两个来源的陈述各占一行）。",
    "; the checklist is shown for the one that meets the most criteria, in whole or in part. The catalogue question "
    "pledge-integrity gives every one (cca-graph query pledge-integrity).":
        "；核查表只列出全部或部分满足标准最多的一项。目录问题 pledge-integrity 给出全部各项（cca-graph query "
        "pledge-integrity）。",
    "A candidate to replicate: peers of ": "值得推广的候选：以下政府的同类政府",
    " adopted a ": "采用了",
    ", as ": "，如",
    " for it.": "。",
    "Framework law: ": "框架法律：",
    ", enacted by ": "，颁布方：",
    " belong to ": "属于",
    " belongs to ": "属于",
    " endorses ": "支持",
    " endorse ": "支持",
    ", without being a member": "，但并非成员",
    ", without being members": "，但并非成员",
    "it": "该网络",
    "Ask whether ": "请询问",
    " has a ": "是否有",
    ", as its peers do": "，如其同类政府那样",
    "Ask how the obligation ": "请询问以下义务的资金来源：",
    " is funded": "",
    " (section 6): ": "（第6节）：",
    " (section 4).": "（第4节）。",
    "Surveyed and not found: the material on ": "已调查，未发现：关于",
    "The national government": "国家政府",
    "is": "",
    "For ": "关于",
    "are": "",
    ". Do ": "。",
    ". Does ": "。",
    " have one?": "是否有？",
    " has one?": "是否有？",
    # the rows the imports left out (leftout.py): why, in the words of the decision log's methods, then the detail
    " that the import left out, so their targets are not above: ": "的数据在导入时被略去，因此其目标未列于上文：",
    ". Each is in its import's report (the graph folder's imports/, <name>.report.html), with its reason; what they "
    "state is not in this brief.": "。每一行及其原因均见相应导入的报告（图谱文件夹的 imports/ 中的 <name>.report.html）；"
                                   "这些行所述内容不在本简报中。",
    "suspect, reported and not imported": "可疑，已报告但未导入",
    "the place could not be identified": "无法确定所指地点",
    "the name fits more than one place": "该名称符合多个地点",
    "left out by a curated correction": "因人工核定的更正而略去",
    "): their lines in section 4": "）：行号见第4节",
    "coordinates outside the stated country": "坐标位于所述国家之外",
    "namesakes share a small network's tag": "同名者共用一个小型网络的标签",
    "implausible population": "人口数不合理",
    "a county row with the figures of a namesake county's row": "县的行载有同名县的行的数值",
    "no name or entity type": "没有名称或实体类型",
    "country not in ISO 3166": "国家不在 ISO 3166 中",
    "one target id given to rows that state different targets, and which holds the file does not say":
        "同一目标编号用于表述不同目标的多行，文件未说明哪一行有效",
    "UN/LOCODE named neither by the dataset's Actor.csv, --locodes nor the UN/LOCODE code list":
        "数据集的 Actor.csv、--locodes 和 UN/LOCODE 代码表均未列出该 UN/LOCODE",
    "the base year is the target year: a reduction against a projection for that year, which the vocabulary cannot "
    "state": "基准年即目标年：这是相对于该年预测值的减排，词汇表无法表述",
    "a subdivision's target whose evidence is a country's NDC": "地方行政区的目标，其依据却是国家的国家自主贡献",
    "a subdivision's target whose evidence is another subdivision's site": "地方行政区的目标，其依据却是另一地方行政区的网站",
    "a company (LEI), not a government": "公司（LEI），而非政府",
    "Nothing to show for this check: no obligation of this country's laws to have a type of instrument is recorded "
    "(in force as of the year asked), or it reaches no government recorded at that time.":
        "此项检查无可显示的内容：未记录本国法律规定须有某类政策工具的义务（截至所问年份有效），或该义务不涉及当时记录的任何政府。",
    "Nothing to show for this check: no obligation of this country's laws to produce or deliver something is "
    "recorded (in force as of the year asked); a duty of conduct alone (to co-operate) is not asked about.":
        "此项检查无可显示的内容：未记录本国法律规定须产出或交付某项内容的义务（截至所问年份有效）；仅有行为义务（如合作）的不在此问。",
}

#: sentence parts with values in them, as regular expressions -> their Chinese, the values put in by name;
#: a value that is a word of :data:`WORDS` (a level, a status) or a count of :data:`COUNTED` is translated too
SENTENCE_PATTERNS = (
    (r", printed as (?P<currency>\w+) in the source", "（资料来源中印作{currency}）"),
    # a provision's locator (wording.article): ", art. 58" is 第58条, ", art. 38 ff." 第38条及以下各条
    (r", art\. (?P<article>[\w.-]+) ff\.", "第{article}条及以下各条"),
    (r", art\. (?P<article>[\w.-]+)", "第{article}条"),
    (r" \(code lists, read in the year given, cited for names and places only\)",
     "（代码表，按所列年份查阅，仅用于名称和地点）"),
    (r"(?P<level>\w+) level", "{level}层级"),
    (r"the (?P<level>\w+) level", "{level}层级"),
    (r" joins the (?P<levels>[\w ,]+) levels\.", "连接{levels}层级。"),
    (r"(?P<level>\w+) level in (?P<what>.+?)(?P<known> \(the known absence in section 2\))?\.",
     "{level}层级在{what}方面的义务{known}。"),
    (r"(?P<level>\w+) level in (?P<what>.+?)(?P<known> \(the known absence in section 2\))?",
     "{level}层级在{what}方面的义务{known}"),
    (r" in (?P<what>.+)", "在{what}方面的义务"),
    (r" obliges (?P<level>\w+) governments to have (?:an? )?(?P<kind>.+?)\. ", "规定{level}政府须有{kind}。"),
    (r" obliges (?P<level>\w+) governments to have (?:an? )?(?P<kind>.+?) \(", "规定{level}政府须有{kind}（"),
    (r"Not looked at for (?P<n>[\d,]+)", "未调查：{n}个"),
    (r"Surveyed and not found for (?P<n>[\d,]+)", "已调查，未发现：{n}个"),
    (r"'s (?P<level>\w+) governments the data records (?P<n>[\d,]+); (?P<status>not looked at|surveyed and not found) "
     r"for (?P<m>[\d,]+) of them: ask whether (?:they have|it has) one, and when it is due \(section 6\)\.",
     "的{level}政府中，数据记录了{n}个；其中{m}个{status}：请询问它们是否有，以及何时到期（第6节）。"),
    (r", which covers (?P<what>.+)", "，其覆盖范围为{what}"),
    (r"(?P<n>[\d,]+) regional governments have net-zero or carbon-neutrality pledges with no target year, not "
     r"compared with the national target year: ", "{n}个区域政府有没有目标年份的净零或碳中和承诺，未与国家目标年份比较："),
    (r" (?P<n>[\d,]+) more regional governments? the data records \(", "数据记录的另外{n}个区域政府（"),
    (r"\) (?:is|are) not counted: (?:it has|they have) no net-zero or carbon-neutrality pledge with a target year "
     r"\(section 4\)\.", "）未计入：没有带目标年份的净零或碳中和承诺（第4节）。"),
    (r" of the (?P<level>\w+) governments the data records: ask whether (?:they have|it has) one, and when it is "
     r"due \(section 6\)\.", "数据记录的{level}政府；请询问它们是否有，以及何时到期（第6节）。"),
    (r"Ask how these (?P<n>[\d,]+) obligations are funded: ", "请询问以下{n}项义务的资金来源："),
    (r"Ask whether the (?P<n>[\d,]+) (?P<level>\w+) governments the data records without a net-zero or "
     r"carbon-neutrality target \(", "请询问数据记录的、没有净零或碳中和目标的{n}个{level}政府（"),
    (r"\) have one", "）是否有此类目标"),
    (r"Ask whether the (?P<n>[\d,]+) (?P<level>\w+) governments the data records report into a national MRV "
     r"platform: (?P<status>[\w ]+)\.", "请询问数据记录的{n}个{level}政府是否向国家 MRV 平台报告：{status}。"),
    (r"Ask whether the (?P<level>\w+) government the data records reports into a national MRV platform: "
     r"(?P<status>[\w ]+)\.", "请询问数据记录的{level}政府是否向国家 MRV 平台报告：{status}。"),
    (r"Ask which body joins the (?P<upper>\w+) and (?P<lower>\w+) levels: (?P<status>[\w ]+)\.",
     "请询问哪个机构连接{upper}层级和{lower}层级：{status}。"),
    (r"Is there a body that joins the (?P<upper>\w+) and (?P<lower>\w+) levels\?",
     "是否有连接{upper}层级和{lower}层级的机构？"),
    (r"Does a national law oblige the (?P<level>\w+) level to anything\?", "是否有国家法律对{level}层级规定了任何义务？"),
    (r"(?P<status>not looked at|surveyed and not found)", "{status}"),
    (r"(?P<words>the levels|the links between levels|the mandate domains|the instrument types|the member lists of)"
     r": (?P<what>.*)", "{words}：{what}"),
    (r"; (?P<words>the levels|the links between levels|the mandate domains|the instrument types|the member lists "
     r"of): (?P<what>.*)", "；{words}：{what}"),
    (r" was read for (?P<what>.+)", "的资料就以下方面作了查阅：{what}"),
    (r"(?P<words>the levels|the links between levels|the mandate domains|the instrument types) (?P<what>.*)",
     "{words}：{what}"),
    (r"The data records an outcome \(measured, scheduled or estimated\) for (?P<n>[\d,]+) of the (?P<m>[\d,]+) "
     r"instruments; for (?P<k>[\d,]+) it records none \(not recorded, which is not proof that nobody measured "
     r"them\)\.", "数据为{m}项政策工具中的{n}项记录了成果（实测、已排定或估计）；其余{k}项没有记录（未记录并不证明无人测量）。"),
    (r" is in (?P<n>[\d,]+) networks \(as member, signatory, endorser or reporter\)\.",
     "参与{n}个网络（作为成员、签署方、支持方或报告方）。"),
    (r"national law obliges the (?P<level>\w+) level: (?P<n>[\d,]+) obligations? recorded\.",
     "国家法律对{level}层级作出了规定：记录了{n}项义务。"),
    (r"; of the governments it reaches, the data records (?P<n>[\d,]+), and (?P<m>[\d,]+) of them (?:has|have) one "
     r"on record: ", "；在其适用的政府中，数据记录了{n}个，其中{m}个有记录："),
    (r" the data holds: (?P<counts>.+)\.", "，数据所含：{counts}。"),
    (r"(?P<n>[\d,]+) notes point to (?P<m>[\d,]+) source documents; each note gives the place in the document "
     r"\(section, article, page\) and leads to the bibliography entry\.",
     "{n}条注释指向{m}份资料来源文件；每条注释给出文件中的位置（节、条、页），并对应参考文献条目。"),
    (r"Told in (?P<where>section \d+(?: and section \d+)*), not repeated here\.", "已在{where}中说明，此处不再重复。"),
    (r": no recorded facts for (?P<what>.+)\. Section 8 says what the material covers and what is missing\.",
     "的记录很少：{what}没有记录的事实。第8节说明资料涵盖什么、缺少什么。"),
    (r"Not looked at, so nothing is claimed either way: the (?P<levels>[\w ,]+) levels\.",
     "未调查，因此不作任何判断：{levels}层级。"),
    (r"(?P<n>[\d,]+) governments? below the national level \((?P<counts>[^)]*)\) (?:has targets of its own|have "
     r"targets of their own) recorded", "国家以下有{n}个政府记录了自身的目标（{counts}）"),
    (r", (?P<n>[\d,]+) of them a net-zero or carbon-neutrality pledge not limited to one sector",
     "，其中{n}个作出了不限于单一部门的净零或碳中和承诺"),
    (r", among them a net-zero or carbon-neutrality pledge", "，其中有一项净零或碳中和承诺"),
    (r"; and (?P<n>[\d,]+) more \(section 4\)\.", "；另有{n}项（第4节）。"),
    (r" \((?P<level>\w+) level\)", "（{level}层级）"),
    # key messages (messages.py), at registry scale
    (r" joins the (?P<levels>[\w ,]+) levels", "连接{levels}层级"),
    (r" of (?P<year>\d{4})", "（{year}年）"),
    (r"; (?P<n>[\d,]+) more in doubt, not shown here \(section 4\)\.", "；另有{n}项存疑，未在此列出（第4节）。"),
    (r" (?P<n>[\d,]+) more (?P<level>\w+) governments? the data records \(", "另有{n}个数据记录的{level}政府（"),
    (r": (?:they were|it was) created in (?P<created>\d{4}), after (?P<year>\d{4}), the year the material on the "
     r"country speaks for", "：设立于{created}年，晚于关于该国的资料所针对的{year}年"),
    (r": (?:they were|it was) created in (?P<created>\d{4}), after (?P<year>\d{4}), the year of the material read "
     r"on its regional governments' targets", "：设立于{created}年，晚于所查阅的关于其区域政府目标的资料的年份{year}年"),
    # the regional governments not in the data (architecture.py), by the kinds of the ISO 3166-2 list
    (r"(?P<n>[\d,]+) of the (?P<m>[\d,]+) (?P<kind>territories|territory|provinces|province|regions|region|states|"
     r"state|outlying areas|outlying area)", "{m}个{kind}中的{n}个"),
    # the gap checks (gaps.py)
    (r" joins? the (?P<levels>[\w ,]+) levels \(linked to each level; the source does not say that the levels sit "
     r"in it\)\.", "连接{levels}层级（与各层级相连；资料来源未说明这些层级的政府是其成员）。"),
    (r"a source states that the (?P<level>\w+) governments, as a class, report into ",
     "有资料来源指出，{level}政府作为一类向以下平台报告："),
    (r"(?P<n>[\d,]+) of the (?P<m>[\d,]+) (?P<level>\w+) governments(?P<later> \(the other \d+ recorded now are "
     r"not judged: they did not exist at the time of the sources\))?: ", "{m}个{level}政府中的{n}个{later}："),
    (r" \(the other (?P<k>\d+) recorded now are not judged: they did not exist at the time of the sources\)",
     "（现已记录的另外{k}个未作判断：资料来源成文时它们尚不存在）"),
    (r" \(the (?P<n>\d+) largest of (?P<m>[\d,]+)\)", "（{m}个中最大的{n}个）"),
    (r"Not looked at, so nothing is claimed either way: the (?P<level>\w+) level\.",
     "未调查，因此不作任何判断：{level}层级。"),
    (r" \((?P<status>set by design, not a measured result), from (?P<when>\d+)\)", "（{status}，{when}年起）"),
    (r" \((?P<status>scheduled, not measured|set by design, not a measured result|measured|estimated), "
     r"(?P<when>[\d–-]+)\)", "（{status}，{when}年）"),
    (r" \((?P<when>[\d–-]+); (?P<status>[\w ,]+)\)", "（{when}；{status}）"),
    (r" \((?P<when>[\d–-]+), (?P<status>[\w ,]+)\)", "（{when}，{status}）"),
    (r" \((?P<status>[\w ,]+), (?P<when>(?:from |to )?[\d–-]+)\)", "（{status}，{when}）"),
    (r" \((?P<status>set by design, not a measured result), from (?P<when>\d+)\)", "（{status}，{when}年起）"),
    (r" \((?P<when>[\d–-]+); ", "（{when}；"),
    (r" \((?P<year>\d{4})\)", "（{year}年）"),
    (r"the graph was built on (?P<day>[\d-]+)", "图谱构建于{day}"),
    (r"Data as of: (?P<rest>.+)", "数据截至：{rest}"),
    (r"the newest evidence this brief cites is from (?P<year>\d+) \((?P<docs>[^)]+)\)",
     "本简报引用的最新证据来自{year}年（{docs}）"),
    (r"(?P<docs>.+) \((?P<year>\d+)\) (?:is|are) cited for the pledge criteria only", "{docs}（{year}年）仅用于承诺标准"),
    (r"the sources by year: (?P<docs>.+?)(?P<lists> \(code lists, read in the year given, cited for names and places "
     r"only\))?\.", "各来源的年份：{docs}{lists}。"),
    (r"no source this brief cites records its year\.", "本简报引用的来源均未记录年份。"),
    (r"(?P<n>[\d,]+) networks with one member each: ", "{n}个网络各有一个成员："),
    (r"The national target year is (?P<year>\d+)\. ", "国家目标年份为{year}年。"),
    (r", beside the national target year (?P<year>\d+)", "，国家目标年份为{year}年"),
    (r" aims? for net zero or carbon neutrality by (?P<year>\d+), (?P<than>earlier than|later than|the same year as) "
     r"the national target year (?P<national>\d+)", "的净零或碳中和目标年份为{year}年，{than}国家目标年份{national}年"),
    (r" aims? for net zero or carbon neutrality (?P<than>earlier than|later than) the national target year "
     r"(?P<national>\d+)", "的净零或碳中和目标年份{than}国家目标年份{national}年"),
    (r" \((?P<n>[\d,]+) of them for one sector, such as buildings\)", "（其中{n}个仅针对单一部门，如建筑）"),
    (r"The data records (?P<n>[\d,]+) network memberships of governments of ", "数据记录了以下国家各政府的{n}个网络成员资格："),
    (r"The data records (?P<n>[\d,]+) net-zero or carbon-neutrality pledges? of regional and local governments of ",
     "数据记录了以下国家区域和地方政府的{n}项净零或碳中和承诺："),
    (r"The target registries hold (?P<n>[\d,]+) more rows? about ", "目标登记册中另有{n}行关于"),
    (r"; the target registries hold (?P<n>[\d,]+) more rows? about the country that the import left out",
     "；目标登记册中另有{n}行关于该国的数据在导入时被略去"),
    (r" \(the target registries hold (?P<n>[\d,]+) more rows? about the country that the import left out, listed in "
     r"section 4; some may be theirs\)", "（目标登记册中另有{n}行关于该国的数据在导入时被略去，列于第4节；其中一些可能属于它们）"),
    (r"A target year marked \u201cpassed\u201d is before (?P<day>[\d-]+), the day the graph was built: whether the "
     r"target was met the data do not say\.", "标为“已过”的目标年份早于图谱构建之日{day}：数据未说明目标是否实现。"),
    (r"(?P<n>[\d,]+) (?P<level>\w+) governments", "{n}个{level}政府"),
    (r"'s net-zero or carbon-neutrality target(?P<year> for \d+)? is in doubt: ", "的净零或碳中和目标{year}存疑："),
    (r" for (?P<year>\d{4})", "（{year}年）"),
    (r"The lists? of (?P<what>.+?) (?:is|are) too long for a table of (?P<rows>\d+) rows: the brief counts (?:it|them) "
     r"and shows the largest\. Every record of the (?P<all>.+), with its source and locator, is in the annex: ",
     "{what}过长，超出{rows}行的表格：简报只作计数并列出最大者。{all}的每条记录及其来源和位置均见附件："),
    (r", in (?P<n>[\d,]+) networks, and (?P<reports>[\d,]+) reports to (?P<platforms>[\d,]+) reporting platforms \(such "
     r"as CDP: its governments report there, they are not members\): too many to list in a brief\. They are counted "
     r"here by network and level(?P<largest> \(the \d+ largest of [\d,]+\))?; the full list, every membership with its "
     r"source and locator, is in the annex: ",
     "，分属{n}个网络，另有向{platforms}个报告平台提交的{reports}份报告（如 CDP：各政府在那里报告，并非成员）："
     "数量过多，无法在简报中逐一列出。此处按网络和层级计数{largest}；完整名单（每个成员资格及其来源和位置）见附件："),
    (r"The table shows the first (?P<n>\d+) of (?P<m>\d+) targets and pledges(?P<statements> \(\d+ statements: a "
     r"target on which sources disagree is one row giving each\))?, each government's own targets first \(national, "
     r"regional, local\), then goals shared with others and the goals of a process; every statement, with its source "
     r"and locator, is in the annex: ", "表中列出{m}项目标与承诺中的前{n}项{statements}，各政府自身的目标在前（国家、区域、地方），"
                                        "其后为与他方共有的目标和进程的目标；每项陈述及其来源和位置均见附件："),
    (r" \((?P<n>\d+) statements: a target on which sources disagree is one row giving each\)",
     "（共{n}项陈述：各来源说法不一的目标占一行，列出各方说法）"),
    (r" \((?P<status>[\w ,]+)\)", "（{status}）"),
    (r"; (?P<n>[\d,]+) more in doubt, not shown here", "；另有{n}项存疑，未在此列出"),
    (r"; (?P<n>[\d,]+) targets? in doubt not counted", "；{n}项存疑的目标未计入"),
    (r"(?P<what>\S+) to ", "{what}，出资对象："),
    # the rows the imports left out (leftout.py): "<import>, 6 rows of <file> (why): lines 311 (<code>), 312 …"
    (r", (?P<n>[\d,]+) rows? of ", "：{n}行，出自"),
    (r"\): lines? (?P<line>\d+)", "）：行号{line}"),
    (r"\), (?P<line>\d+)", "）、{line}"),
    (r"\) and (?P<n>[\d,]+) more", "）等，另有{n}行"),
    (r"the file states one target under (?P<n>\d+) codes of places named '(?P<name>[^']*)' in (?P<country>[A-Z]{2}): "
     r"(?P<places>.+); which one is meant is not told", "文件以{n}个名为“{name}”的地点（{country}）的代码表述同一目标："
                                                        "{places}；未说明所指为哪一个"),
    (r"a subdivision's target whose evidence is another subdivision's site: (?P<actor>\S+), on the site of "
     r"(?P<other>\S+) \((?P<host>[^)]+)\)", "地方行政区的目标，其依据却是另一地方行政区的网站：{actor}，见于{other}的网站（{host}）"),
    (r"no state; a county of this name in (?P<n>\d+) states", "未注明州；有{n}个州有此名称的县"),
)

#: the words the values of :data:`SENTENCE_PATTERNS` are made of
WORDS = {
    "national": "国家", "regional": "区域", "local": "地方", "supranational": "超国家",
    "not looked at": "未调查", "surveyed and not found": "已调查，未发现",
    "measured": "实测", "estimated": "估计", "scheduled, not measured": "已排定，未实测",
    "set by design, not a measured result": "由设计决定，非实测结果", "status not recorded": "状态未记录",
    "the levels": "层级", "the links between levels": "层级之间的联系", "the mandate domains": "职责领域",
    "the instrument types": "政策工具类型", "the member lists of": "以下网络的成员名单",
    " (the known absence in section 2)": "（见第2节的已知缺失）",
    "earlier than": "早于", "later than": "晚于", "the same year as": "与之相同，即",
    "territories": "地区", "territory": "地区", "provinces": "省", "province": "省", "regions": "大区", "region": "大区",
    "states": "州", "state": "州", "outlying areas": "海外属地", "outlying area": "海外属地",
}
# the sections as a sentence names them: "gap checks (section 6)"
WORDS.update({f"{en} (section {n})": f"{SECTION_TITLES[key]}（第{n}节）" for n, (key, en) in enumerate((
    ("architecture", "governance architecture"), ("mandates", "mandates by level"),
    ("instruments", "instruments by level"), ("targets", "targets and pledges"), ("networks", "network engagement"),
    ("gaps", "gap checks"), ("replication", "policies worth replicating")), start=1)})

#: counted things: English (one, many) -> the Chinese measure word and noun
COUNTED = {
    "government": "个政府", "law": "部法律", "mandate": "项职责", "instrument": "项政策工具",
    "outcome record": "条成果记录", "target or pledge": "项目标或承诺", "targets or pledges": "项目标或承诺",
    "network membership": "个网络成员资格", "programme taken part in": "个参与的项目",
    "programmes taken part in": "个参与的项目", "coordination body": "个协调机构", "coordination bodies": "个协调机构",
    "known absence": "项已知缺失", "regional": "个区域政府", "local": "个地方政府", "national": "个国家政府",
    "supranational": "个超国家政府", "membership": "个网络成员资格", "programme participation": "次项目参与",
}
_COUNT = re.compile(r"(?P<n>[\d,]+) (?P<what>.+)")
_SENTENCE_PATTERNS = tuple((re.compile(english), zh) for english, zh in SENTENCE_PATTERNS)


def _counted(text: str) -> str | None:
    found = _COUNT.fullmatch(text)
    if not found:
        return None
    what = found.group("what")
    zh = COUNTED.get(what) or (COUNTED.get(what[:-1]) if what.endswith("s") else None)
    return found.group("n") + zh if zh else None


_DOUBTED = re.compile(r"(?P<count>.+) \((?P<n>[\d,]+) of them in doubt, section 4\)")


def _doubted(text: str) -> str | None:
    """A count with how many of it are in doubt: "24 targets or pledges (1 of them in doubt, section 4)"."""
    found = _DOUBTED.fullmatch(text)
    counted = _counted(found["count"]) if found else None
    return f"{counted}（其中{found['n']}项存疑，见第4节）" if counted else None


def _value(text: str) -> str:
    """A value of a sentence part in Chinese: a word, a count, or a list of them ("national, regional and local")."""
    if text in WORDS:
        return WORDS[text]
    counted = _counted(text)
    if counted:
        return counted
    # "targets and pledges" is one counted thing, not two items of a list
    # "24 targets or pledges (1 of them in doubt, section 4)": the bracket is not a list's comma
    items = re.split(r", (?![^()]*\))| and ", text.replace("targets and pledges", "targets or pledges"))
    if len(items) > 1:
        done = [WORDS.get(item) or _counted(item) or _doubted(item) for item in items]
        if all(done):
            return "、".join(done)
    return _sentence_part(text)


def _sentence_part(text: str) -> str:
    """A part of a sentence written by cca-graph in Chinese: whole, by a pattern, or clause by clause; else as it is."""
    if text in SENTENCE_PARTS:
        return SENTENCE_PARTS[text]
    for pattern, zh in _SENTENCE_PATTERNS:
        found = pattern.fullmatch(text)
        if found:
            return zh.format(**{k: _value(v or "") for k, v in found.groupdict().items()})
    if "; " in text:
        clauses = [_sentence_part(c) for c in text.split("; ")]
        if clauses != text.split("; "):
            return "；".join(clauses)
    return text


#: the names cca-graph's target import writes (ingest.imports.openclimate: "<who>: <kind><amount> by <year>") and
#: the names the briefs give a plan known by its address; the words are ours, so they are put into Chinese
_TARGET_KINDS = {"absolute emission reduction": "绝对减排", "emission intensity reduction": "排放强度降低",
                 "relative emission reduction (kind not stated)": "相对减排（未说明类型）",
                 "net zero": "净零排放", "climate neutral": "气候中和"}
_TARGET_NAME = re.compile(r"(?P<who>.+: )?(?P<kind>" + "|".join(re.escape(k) for k in _TARGET_KINDS)
                          + r")(?: (?P<value>[\d.]+)(?P<unit>%| \S.*?))?(?: vs (?P<base>\d{4}))? by (?P<year>\d{4})")
_TARGET_RETURN = re.compile(r"(?P<who>.+: )?emissions back to the (?P<base>\d{4}) level(?: by (?P<year>\d{4}))?")
_PLAN_NAME = re.compile(r"Climate plan of (?P<who>.+)|(?P<owner>.+)'s climate plan")
#: a target's amount as the briefs write it (sections/targets.py): "53 percent (base year 1990)"
_AMOUNT = re.compile(r"(?P<n>[\d.,]+) percent(?: \(base year (?P<base>\d{4})\))?(?: by (?P<year>\d{4}))?")
#: the description the target import gives a plan it read from a target's row
_GENERATED = {"The plan document the dataset cites for these targets.": "数据集为这些目标引用的计划文件。"}
#: the mark of a target of one sector (sections/targets.py) after its name
SECTOR_ONLY = {"en": "sector target only)", "zh": "仅为部门目标）"}


def generated_name(text: str) -> str | None:
    """A name (a target's, a plan's) or description cca-graph wrote, in Chinese; None for a text from the data.

    The government before the colon stays as the data names it.

    Examples
    --------
    >>> generated_name("US-CA: absolute emission reduction 40% vs 1990 by 2030")
    'US-CA: 2030年前绝对减排40%（相对于1990年）'
    >>> generated_name("net zero by 2045"), generated_name("Calgary's climate plan")
    ('2045年前实现净零排放', 'Calgary的气候计划')
    >>> generated_name("53 percent (base year 1990)")
    '53%（基准年：1990年）'
    >>> generated_name("Climate Change Act") is None
    True
    """
    if text in _GENERATED:
        return _GENERATED[text]
    found = _AMOUNT.fullmatch(text)
    if found:
        return (f"{found['year']}年前" if found["year"] else "") + f"{found['n']}%" + \
            (f"（基准年：{found['base']}年）" if found["base"] else "")
    found = _TARGET_NAME.fullmatch(text)
    if found:
        kind = _TARGET_KINDS[found["kind"]]
        amount = f"{found['value']}{found['unit']}" if found["value"] else ""
        base = f"（相对于{found['base']}年）" if found["base"] else ""
        verb = "实现" if not amount else ""
        return f"{found['who'] or ''}{found['year']}年前{verb}{kind}{amount}{base}"
    found = _TARGET_RETURN.fullmatch(text)
    if found:
        by = f"{found['year']}年前" if found["year"] else ""
        return f"{found['who'] or ''}{by}排放回到{found['base']}年的水平"
    found = _PLAN_NAME.fullmatch(text)
    if found:
        return f"{found['who'] or found['owner']}的气候计划"
    return None


#: the fixed words of a note's place that cca-graph writes (a count of places, where the annex lists them)
_NOTE_WORDS = (
    (re.compile(r"(?P<n>[\d,]+) places, among them "), "{n}处，其中包括"),
    (re.compile(r" \(the annex lists each record with its place\)"), "（附件列出每条记录及其位置）"),
    (re.compile(r"(?P<n>[\d,]+) records?, each with its locator in the brief's annex, "), "{n}条记录，每条的位置见本简报附件："),
    (re.compile(r"^targets in this table: "), "本表中的目标："),
    (re.compile(r"^memberships in this table: "), "本表中的成员资格："),
)


def _note(footnote):
    """A note with cca-graph's own words in Chinese; the source's place as the source gives it."""
    locator = footnote.citation.locator
    for pattern, zh in _NOTE_WORDS:
        locator = pattern.sub(lambda m, zh=zh: zh.format(**m.groupdict()), locator)
    return dataclasses.replace(footnote, citation=dataclasses.replace(footnote.citation, locator=locator))


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
        part = PHRASES[part] if part in PHRASES else _sentence_part(part)
    else:
        part = _sentence_part(part)
    part = _ARTICLE.sub("", part)
    if _CJK.match(after if isinstance(after, str) else getattr(after, "text", "")):
        part = _ARTICLE_AT_END.sub("", part)
    return part


def _text(parts: tuple, cell: bool = False) -> tuple:
    return tuple(_part(parts, i, cell) for i in range(len(parts)))


#: the punctuation of a sentence, in Chinese only where the rest of the sentence is (a sentence the table does not
#: hold stays English, full stop and all)
_PUNCTUATION = frozenset({".", "?", ": ", "; ", " (", ")", "). "})
#: two English words in a row; codes in capitals ("DE EEN", "UN/LOCODE") are not words
_ENGLISH_WORDS = re.compile(r"\b[A-Za-z][a-z]+(?:'s)?[ ,;:]+[A-Za-z][a-z]+\b")


def _sentence(unit):
    if not isinstance(unit, (Fact, Note)):
        return unit
    parts = _text(unit.parts)
    if any(isinstance(p, str) and p not in _PUNCTUATION and _ENGLISH_WORDS.search(p) for p in parts):
        parts = tuple(old if isinstance(old, str) and old in _PUNCTUATION else new
                      for old, new in zip(unit.parts, parts))
    return dataclasses.replace(unit, parts=parts)


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
                               sections=[_section(s, brief.lang) for s in brief.sections],
                               footnotes=[_note(f) for f in brief.footnotes])
