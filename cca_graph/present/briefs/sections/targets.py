"""Section 4, targets and pledges: what is recorded, how it aligns, how pledges hold up.

From the country's commitment records, and the catalogue questions
``target-misalignment`` and ``pledge-integrity`` (with the criteria of
:data:`..data.Q_CRITERIA`).

Statements of one target that disagree (``cca:conflictsWith``: Net Zero Tracker
puts Nova Scotia's 53 % by 2030 below 1990, C2ES below 2005) are one row of the
table, which says that the sources disagree and what each states, with its
source and locator: as two rows they read as two targets of one year. Statements
that name different years (Illinois's 26 % below 2005, by 2025 in Net Zero Tracker,
by 2030 in C2ES) give each year in the row's target year and each claim.

The alignment compares target years; what a target covers (the whole territory or
the government's own operations) is said beside its year where its record says it
(``cca:scope``), and where the compared targets do not, a note says the data does
not record it: the registries have no column for it (North Dakota's 2030, Net Zero
Tracker line 989).

A target in doubt (``cca:doubt``: a curator found that the document the registry
cites states it otherwise, Net Zero Tracker's line 86 for Mexico) is never shown
plainly: the table prints the doubt beside it, the alignment does not compare it
with the national target year and says so, and no criterion of the pledge
checklist counts as met on it.
"""
from __future__ import annotations

import re
from collections import defaultdict

from ....graph.sparql import run_sparql
from ..annex import TABLE_ROWS, annex_link
from ..data import NATIONAL, Q_CRITERIA, Q_SOURCES, Rec, merge_citations, records, short
from ..i18n import SECTOR_ONLY, generated_name, joined, phrase
from ..model import Bullets, Fact, Heading, Name, Note, Row, Section, Table
from .completeness import left_out_words
from .context import LEVELS, Context
from .wording import number as _number
from .wording import with_status
from .wording import year as _year

__all__ = ["build", "doubts", "PLEDGES"]

#: the most pledges whose checklist a brief shows (each a table of the criteria)
PLEDGES = 3
#: the commitment type of a process's goals (meet, work together, set up a group)
PROCESS_GOAL = "process-goal"
#: the country's commitments linked with a statement of the same target that disagrees with them
Q_CONFLICTS = f"""SELECT DISTINCT ?e ?other WHERE {{
  ?nation cca:isoCode ?country ; cca:level <{NATIONAL}> .
  ?e a cca:Commitment ; cca:conflictsWith ?other ; cca:committedBy ?by . ?by cca:partOf* ?nation }}"""
#: the country's commitments in doubt, with the doubt (few: read from the doubt, then placed in the country)
Q_DOUBTS = f"""SELECT DISTINCT ?e ?doubt WHERE {{
  ?e a cca:Commitment ; cca:doubt ?doubt ; cca:committedBy ?by .
  ?nation cca:isoCode ?country ; cca:level <{NATIONAL}> . ?by cca:partOf* ?nation }}"""
#: what the table's target cell says of statements that disagree
DISAGREE = "sources disagree"
#: an ISO 3166 code a registry puts before a pledge's name ("US-CA: net zero by 2045")
_CODE = re.compile(r"[A-Z]{2}(-[A-Z0-9]{1,3})?")

#: how the pledge-integrity checklist words each status of a criterion
MET = {"no-gap": "met", "known-absent": "a source states it is not met", "gap": "surveyed and not found",
       "not-covered": "not looked at: a question to ask"}


#: what the checklist says of a criterion met only by a target in doubt
DOUBTED = "in doubt: what meets it is a target in doubt"
#: what it says of the interim-targets criterion where every target that meets it is in doubt or one sector's
NO_SURE_INTERIM = "no whole-territory interim target recorded that is not in doubt"
#: the requirement of a criterion that only a pledge's existence can show (queries/integrity/pledge-integrity.rq)
PLEDGE_REQUIREMENT = "net-zero or carbon-neutrality pledge"
#: the requirement of reporting every year that comes with an MRV platform (pledge-integrity.rq)
ANNUAL_REQUIREMENT = "reports in consecutive years"
#: what the checklist says of it when the pledge is recorded
PLEDGE_ONLY = "a pledge is recorded; what it covers and its path are not checked"
#: what it says of the transition-plan criterion where the government has a plan that no record links to the pledge
PLAN_ONLY = "a climate plan is recorded; whether it is a net-zero transition plan is not checked"
#: the year the 1.5 °C pathways of the UN expert group's criterion reach net-zero CO2 (R1, R2 main recommendations)
PATHWAY_YEAR = 2050


def build(ctx: Context) -> Section:
    """The targets and pledges of ``ctx.country``, their alignment and the pledge-integrity checklist."""
    section = ctx.section(3)
    rank = {level: i for i, level in enumerate(LEVELS)}
    rows = []
    groups = _disagreeing(ctx)
    doubted = doubts(ctx)
    titles = {str(r.one("key")): str(r.one("title") or r.one("key"))
              for r in records(ctx.store, Q_SOURCES, key="key")} if groups else {}
    # each government's own targets first, by level: they are what an adviser raises; a goal several
    # governments share (China and the US in their declaration) and a process's goals come after
    for rec in sorted(ctx.commitments, key=lambda r: (shared(r) or str(r.one("type")) == PROCESS_GOAL,
                                                      rank.get(str(r.one("by_level")), 9),
                                                      ctx.sort_key(ctx.name(r, "by")), ctx.id_of(r))):
        group = groups.get(ctx.id_of(rec))
        if group is not None and ctx.id_of(rec) != ctx.id_of(group[0]):
            continue  # shown in the row of its group, at the place of the group's first statement
        committers = [ctx.label(str(w)) for w in sorted(set(rec.all("with")) | set(rec.all("by")), key=str)]
        name = ctx.name(rec)
        by = ctx.name(rec, "by")
        # "Vancouver: 100% renewable energy" reads "100% renewable energy" beside 温哥华市 too
        what: tuple = (Name(own_title(ctx.english(by), own_title(by.text, name.text)), name.lang),
                       *_in_doubt(doubted.get(ctx.id_of(rec))))
        amount: tuple = (_amount_name(_amount(rec), ctx.lang) if _amount(rec) else "",)
        cites = set(rec.cites)
        year = target_year(ctx, rec)
        if group is not None:
            what, amount, year = (DISAGREE,), _claims(group, titles, ctx.lang), _years(ctx, group)
            cites = {c for r in group for c in r.cites}
        rows.append(((ctx.names_list(committers, 4), (ctx.level_short(str(rec.one("by_level"))),),
                      what, (ctx.concept("commitment-type", rec.one("type")),), year, amount),
                     cites))
    section.blocks.append(Heading("Targets and pledges recorded"))
    limit = TABLE_ROWS
    shown = rows[:limit]
    table = tuple(Row(cells, refs) for (cells, _), refs in
                  zip(shown, ctx.cite_rows((cites for _, cites in shown), "targets in this table")))
    if rows:
        section.blocks.append(Table(("Government", "Level", "Target or pledge", "Type", "Target year", "Amount"),
                                    table, "Targets and pledges of the country's governments",
                                    (15, 8, 24, 11, 9, 28)))
        # a target whose statements disagree is one row: the count of statements says so where it differs
        statements = ctx.counts.get("targets", len(rows))
        told = (f" ({statements:,} statements: a target on which sources disagree is one row giving each)"
                if statements > len(rows) else "")
        if len(rows) > limit:
            section.blocks.append(Note((f"The table shows the first {limit} of {len(rows):,} targets and pledges"
                                        f"{told}, each government's own targets first (national, regional, local), "
                                        "then goals shared with others and the goals of a process; every statement, "
                                        "with its source and locator, is in the annex: ", annex_link(ctx.annex, "targets"),
                                        " (a statement from two sources has a line for each).")))
        elif told:
            section.blocks.append(Note((f"{len(rows):,} targets and pledges{told}.",)))
        if any(" (passed)" in cells[4] for cells, _ in rows):
            section.blocks.append(Note((f"A target year marked \u201cpassed\u201d is before {ctx.built}, the day the graph "
                                        "was built: whether the target was met the data do not say.",)))
    else:
        section.blocks.append(Note(("The data records no target or pledge of any government of ", ctx.nation,
                                    " (not recorded, which is not proof that there is none).")))
    # what the target registries hold on the country but the import could not take: said, never dropped
    missed = [g for g in ctx.left_out if g.targets]
    if missed:
        rows = sum(len(g.lines) for g in missed)
        section.blocks.append(Note((f"The target registries hold {rows:,} more row{'s' if rows != 1 else ''} about ",
                                    ctx.nation, " that the import left out, so their targets are not above: ",
                                    *left_out_words(missed), ".")))
    section.blocks.append(Heading("National and subnational alignment"))
    section.blocks += _alignment(ctx)
    section.blocks.append(Heading("Pledge-integrity checklist"))
    section.blocks += _integrity(ctx)
    return section


def own_title(government: str, title: str) -> str:
    """``title`` without the government's name or code a registry puts before it: a table or heading
    names the government already ("US-CA: net zero by 2045" under California reads "net zero by 2045")."""
    prefix, colon, rest = title.partition(": ")
    if colon and (prefix.casefold().startswith(government.casefold()) or _CODE.fullmatch(prefix)):
        return rest
    return title


def doubts(ctx: Context) -> dict[str, str]:
    """Commitment id -> its doubt (``cca:doubt``), for the commitments of the country in doubt."""
    found = run_sparql(ctx.store, Q_DOUBTS, {"country": ctx.country})
    return {} if found.empty else {short(e): str(d) for e, d in sorted(zip(found["e"], found["doubt"]))}


def _in_doubt(doubt: str | None) -> tuple:
    """The parts that follow a target in doubt, or none."""
    return (" (in doubt: ", Name(doubt), ")") if doubt else ()


def target_year(ctx: Context, rec: Rec) -> tuple:
    """A target's year as a table cell, marked "passed" when it is before the day the graph was built."""
    if rec.one("target") is None:
        return ("",)
    year = _year(rec.one("target"))
    if ctx.built and year.isdigit() and int(year) < int(ctx.built[:4]):
        return (year, " (passed)")
    return (year,)


def _years(ctx: Context, group: list[Rec]) -> tuple:
    """The target year cell of statements that disagree: each year they state ("2025 (passed) or 2030"),
    as Illinois's 26 % below 2005 is by 2025 in one registry and by 2030 in another."""
    years = sorted({_year(r.one("target")) for r in group if r.one("target") is not None})
    cells = [target_year(ctx, next(r for r in group if _year(r.one("target")) == y)) for y in years]
    return tuple(part for i, cell in enumerate(cells) for part in ((" or ",) if i else ()) + cell) or ("",)


def _amount(rec: Rec) -> str:
    """A target's amount as the table shows it: "53 percent (base year 1990)"."""
    amount = ""
    if rec.one("value") is not None:
        amount = f"{_number(rec.one('value'))} {rec.one('unit') or ''}".strip()
        # a cut of nothing against a base year: emissions back to that year's level (California's AB 32)
        if amount == "0 percent" and rec.one("base") is not None:
            return f"emissions back to the {_year(rec.one('base'))} level"
    if rec.one("base") is not None:
        amount += f" (base year {_year(rec.one('base'))})"
    return amount


def _amount_name(amount: str, lang: str) -> Name:
    """An amount as a cell gives it: its words ("percent", "base year") are ours, so in Chinese where they are."""
    zh = generated_name(amount) if lang == "zh" else None
    return Name(zh, "zh") if zh else Name(amount)


def _disagreeing(ctx: Context) -> dict[str, list[Rec]]:
    """Commitment id -> the statements of its target that disagree (itself among them), sorted by id.

    The statements are the country's commitments joined by ``cca:conflictsWith``, directly or
    through another (three registries, three base years): one group, one row.
    """
    found = run_sparql(ctx.store, Q_CONFLICTS, {"country": ctx.country})
    if found.empty:
        return {}
    by_id = {ctx.id_of(r): r for r in ctx.commitments}
    parent = {i: i for i in by_id}

    def root(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for e, other in zip(found["e"], found["other"]):
        e, other = short(e), short(other)
        if e in parent and other in parent:
            parent[root(e)] = root(other)
    members: dict[str, list[str]] = defaultdict(list)
    for i in sorted(by_id):
        members[root(i)].append(i)
    return {i: [by_id[j] for j in group] for group in members.values() if len(group) > 1 for i in group}


def _claims(group: list[Rec], titles: dict[str, str], lang: str) -> tuple:
    """What each statement of a disagreeing target says, with where: "53 percent (base year 1990) according
    to Net Zero Tracker (Target.csv line 160, …); 53 percent (base year 2005) according to …".

    The row's notes cite them all; at registry scale they are one note for the table, so the cell names
    each statement's source (by its title in ``titles``, source key -> title) and locator itself.
    """
    parts: list = []
    # where the statements name different years, each says its own
    years = len({str(r.one("target")) for r in group}) > 1
    for i, rec in enumerate(group):
        parts += ["; "] if i else []
        by = f" by {_year(rec.one('target'))}" if years and rec.one("target") is not None else ""
        said = (_amount(rec) or "no amount") + by
        parts += [_amount_name(said, lang), " according to "]
        for j, cite in enumerate(sorted(rec.cites)):
            parts += [" and "] if j else []
            parts += [Name(titles.get(cite.doc, cite.doc)), " (", Name(cite.locator), ")"]
    return tuple(parts)


def shared(rec) -> bool:
    """Whether a commitment is made by several governments together (a bilateral declaration's goal)."""
    return len(set(rec.all("with")) | set(rec.all("by"))) > 1


def _alignment(ctx: Context) -> list:
    rows = ctx.run("target-misalignment", country=ctx.country)
    if rows is None:
        return [ctx.unavailable("target-misalignment")]
    if not rows:
        return [Note(("The data records no regional government of ", ctx.nation,
                      ", so there is nothing to align.",))]
    words = {"stronger": "earlier than", "weaker": "later than", "aligned": "in the same year as"}
    # a target that exists is no-gap whatever the question of the day calls it
    rows = with_status(rows, lambda r: r.get("target_year") is not None)
    blocks, items = [], []
    # a government whose compared targets are all in doubt is said apart: its year is not compared
    doubted = doubts(ctx)
    unsure = [r for r in rows if r["status"] == "no-gap" and _ids(r.get("commitment"))
              and all(c in doubted for c in _ids(r.get("commitment")))]
    rows = [r for r in rows if r not in unsure]
    scopes = _scopes(ctx)
    # the compared governments whose targets do not say what they cover (no registry has a column for it)
    unstated = {r["government"] for r in rows if r["status"] == "no-gap" and r.get("alignment") in words
                and not any(scopes.get(c) for c in _ids(r.get("commitment")))}
    # one sentence per kind of alignment, the governments named with their years: at registry scale
    # a sentence per government runs to a page
    for alignment in ("stronger", "aligned", "weaker", "no national target"):
        group = [r for r in rows if r["status"] == "no-gap" and r.get("alignment") == alignment]
        if not group:
            continue
        refs = ctx.cite(c for r in group for c in ctx.parse_source(r["source"]))
        years = {r["government"]: _year(r["target_year"]) for r in group}
        national = next((_year(r["national_target_year"]) for r in group if r.get("national_target_year")), None)
        aim = "aims" if len(years) == 1 else "aim"
        if len(years) == 1:
            (gov, year), = years.items()
            names: tuple = (ctx.label(gov),)
            when = f" by {year}"
        else:
            names = (f"{len(years)} regional governments",)
            when = f" by {national}" if alignment == "aligned" else ""
        # a target that says what it covers says it beside its year: a government's own operations are not its
        # territory, which the national target year is read against
        covers = {r["government"]: "; ".join(sorted({scopes[c] for c in _ids(r.get("commitment")) if scopes.get(c)}))
                  for r in group}

        def named(gov: str, year: str) -> Name:
            said = ([] if alignment == "aligned" else [year]) + ([covers[gov]] if covers[gov] else [])
            label = ctx.label(gov)
            return Name(f"{label.text} ({', '.join(said)})", label.lang) if said else label

        listed = () if len(years) == 1 else (": ", *ctx.names_list([named(g, y) for g, y in years.items()], 20))
        if len(years) == 1 and covers[gov]:
            when += f" (what it covers: {covers[gov]})"
        if alignment == "aligned":
            compare = f", the same year as the national target year {national}"
        elif alignment in words:
            compare = f"{',' if len(years) == 1 else ''} {words[alignment]} the national target year {national}"
        else:
            compare = ""
        parts = names + (f" {aim} for net zero or carbon neutrality{when}{compare}",) + listed
        if alignment == "no national target":
            parts += ("; the data records no national net-zero or carbon-neutrality target to compare "
                      + ("it" if len(years) == 1 else "them") + " with.",)
        else:
            parts += (".",)
        items.append(Fact(parts, refs) if refs else Note(parts))
    # a pledge with no target year (the District of Columbia's buildings commitment, ClimActor line 13698) has
    # no year to compare: said apart, so that every regional government is in a list here or in the question
    undated = [r for r in rows if r["status"] == "no-gap" and r.get("alignment") not in (*words, "no national target")]
    if undated:
        what = {r["government"]: "; ".join(sorted({scopes[c] for c in _ids(r.get("commitment")) if scopes.get(c)}))
                for r in undated}
        (first, covered), = list(what.items())[:1]
        parts = ((ctx.label(first), " has a net-zero or carbon-neutrality pledge with no target year",
                  f", which covers {covered}" if covered else "", "; it is not compared with the national target year.")
                 if len(what) == 1 else
                 (f"{len(what)} regional governments have net-zero or carbon-neutrality pledges with no target year, "
                  "not compared with the national target year: ", *ctx.names_list([ctx.label(g) for g in what], 20), "."))
        refs = ctx.cite(c for r in undated for c in ctx.parse_source(r["source"]))
        items.append(Fact(parts, refs) if refs else Note(parts))
    for row in unsure:
        year = f" for {_year(row['target_year'])}" if row.get("target_year") is not None else ""
        said = "; ".join(sorted({doubted[c] for c in _ids(row.get("commitment"))}))
        parts = (ctx.label(row["government"]), f"'s net-zero or carbon-neutrality target{year} is in doubt: ",
                 Name(said), "; it is not compared with the national target year.")
        refs = ctx.cite(ctx.parse_source(row["source"]))
        items.append(Fact(parts, refs) if refs else Note(parts))
    if items:
        blocks.append(Bullets(tuple(items)))
    if unstated:
        # Net Zero Tracker and C2ES have no column for it: North Dakota's 2030 (line 989) may be the state's
        # own operations or the state, and the comparison would read alike
        compared = {r["government"] for r in rows if r["status"] == "no-gap" and r.get("alignment") in words}
        which = ("these targets" if unstated == compared else
                 f"the targets of {len(unstated)} of these {len(compared)} governments")
        blocks.append(Note((f"What {which} cover, the whole territory or only the government's own operations, "
                            "the data does not record; a target for its own operations does not compare with the "
                            "national target year.",)))
    for status in ("known-absent", "gap", "not-covered"):
        without = [r for r in rows if r["status"] == status]
        if not without:
            continue
        count = len({r["government"] for r in without})
        names = ctx.names_list([ctx.label(r["government"]) for r in without])
        total = len(ctx.governments_at("regional"))
        national = next((r["national_target_year"] for r in without if r.get("national_target_year")), None)
        cites = ctx.sources_of(without)
        if status == "known-absent":
            blocks.append(ctx.fact_or_note((f"A source states that {count} regional governments have no net-zero or "
                                            "carbon-neutrality target: ", *names, "."), cites))
        elif status == "gap":
            blocks.append(ctx.surveyed((f"the material was read for the targets of regional governments and holds "
                                        f"no net-zero or carbon-neutrality target for {count} of the {total}: ",
                                        *names, "."), cites, [("relation", "target")]))
        else:
            context = (f"The national target year is {_year(national)}. ",) if national else ()
            blocks.append(ctx.ask(context + ("Do " if count > 1 else "Does ", *names,
                                             " have a net-zero or carbon-neutrality target?"), cites))
    return blocks


def _scopes(ctx: Context) -> dict[str, str]:
    """Commitment id -> what it covers, in the words of its record (``cca:scope``), where it says."""
    return {ctx.id_of(r): str(r.one("scope")) for r in ctx.commitments if r.one("scope") is not None}


def _ids(cell) -> list[str]:
    """The commitment ids of a catalogue answer's list cell (a list, or one id)."""
    if cell is None:
        return []
    return [short(str(c)) for c in (cell if isinstance(cell, (list, tuple)) else str(cell).split("\u001f"))]


def _integrity(ctx: Context) -> list:
    criteria = records(ctx.store, Q_CRITERIA)
    blocks = []
    if criteria:
        names = ctx.names_list([ctx.name(r) for r in criteria], 20)
        blocks.append(Fact(("The checklist applies the UN expert group's criteria for net-zero pledges of cities "
                            "and regions: ", *names, "."),
                           ctx.cite(merge_citations(c for r in criteria for c in r.cites), method=True)))
    rows = ctx.run("pledge-integrity", country=ctx.country)
    if rows is None:
        return blocks + [ctx.unavailable("pledge-integrity")]
    if not rows:
        return blocks + [Note(("The data records no net-zero or carbon-neutrality pledge of a regional or local "
                               "government of ", ctx.nation, ", so there is no pledge to check.",))]
    criterion_names = {str(r.one("check")): ctx.name(r) for r in criteria}
    rows = with_status([annual_not_shown(r) for r in rows], lambda r: r.get("met") == "yes")
    pledges = sorted({r["pledge"] for r in rows})
    # at scale one checklist shows what good looks like; the annex and the question give the rest
    limit = 1 if ctx.at_scale else PLEDGES
    # a pledge of one sector (a buildings commitment) is not one for the whole territory, which is
    # what the criteria ask of: its checklist is shown only when no territory-wide pledge is recorded
    scopes = {ctx.id_of(r): str(r.one("scope")) for r in ctx.commitments if r.one("scope") is not None}
    doubted = doubts(ctx)
    if len(pledges) > limit:
        # territory-wide pledges that meet the most criteria first: the checklist shows what good looks like
        # (met in whole counts twice, in part once; the pledge criterion, which every pledge meets, not at all)
        met = {p: sum({"yes": 2, "partly": 1}.get(str(r.get("met")), 0) for r in rows
                      if r["pledge"] == p and r.get("criterion") != "net-zero") for p in pledges}
        # among those meeting as many, the earliest target year (a 2080 pledge is no model of the criteria)
        years = {r["pledge"]: int(r["target_year"]) for r in rows if r.get("target_year") is not None}
        # a pledge in doubt shows no model of the criteria either
        shown = sorted(sorted(pledges, key=lambda p: (p in scopes, p in doubted, -met[p], years.get(p, 9999)))[:limit])
        sector = sum(p in scopes for p in pledges)
        # "the one that meets the most" only where one meets any: else the earliest is shown, and said so
        chosen = ("the " + ("one that meets" if limit == 1 else f"{limit} that meet")
                  + " the most criteria, in whole or in part"
                  if any(met[p] for p in shown) else
                  "the " + ("one" if limit == 1 else f"{limit}") + " with the earliest target year (none of them "
                  "meets a criterion on the data recorded; most criteria were not looked at)")
        blocks.append(Note((f"The data records {len(pledges):,} net-zero or carbon-neutrality pledges of regional "
                            f"and local governments of ", ctx.nation,
                            f" ({sector:,} of them for one sector, such as buildings)" if sector else "",
                            f"; the checklist is shown for {chosen}. The catalogue question pledge-integrity gives "
                            "every one (cca-graph query pledge-integrity).",)))
        pledges = shown
    for pledge in pledges:
        mine = [r for r in rows if r["pledge"] == pledge]
        first = mine[0]
        year = (phrase(" (target year {year})", ctx.lang).format(year=_year(first["target_year"]))
                if first.get("target_year") is not None else "")
        government = ctx.label(first["government"])
        title = own_title(ctx.english(government), own_title(government.text, ctx.label(pledge).text))
        heading = f"{government.text}: {title}"
        blocks.append(Heading(f"{heading}{year}"))
        if pledge in scopes:
            blocks.append(Note(("The pledge covers one sector, not the whole territory the criteria ask about: ",
                                Name(scopes[pledge]), ".")))
        if pledge in doubted:
            blocks.append(Note(("The pledge is in doubt: ", Name(doubted[pledge]),
                                "; no criterion counts as met on it.")))
        grouped: dict[tuple, list] = defaultdict(list)
        for row in mine:
            grouped[(row["criterion"], row["requirement"], row["status"], row.get("evidence"))].append(row)
        table = []
        for (criterion, requirement, status, evidence), group in sorted(grouped.items(), key=lambda kv: [str(v) for v in kv[0]]):
            partly = any(r.get("met") == "partly" for r in group)
            # a target of one sector (Baden-Württemberg's 40% CO2 cut of its transport targets, giz-cca §4.2) is
            # no interim target of the whole territory: said beside it, and it alone meets no part of the criterion
            ids = [i for i in str(evidence or "").split("; ") if i and " " not in i]
            sectoral = {i for i in ids if i in scopes} if criterion == "interim-targets" else set()
            partly = partly and not (sectoral and sectoral == set(ids))
            # a criterion the material did not look at has no evidence either way, unless part of it is met
            # or the evidence names a record that does not meet it (a plan serving an earlier target, a
            # national system the government feeds): the reader sees why it does not count
            if status == "not-covered" and not partly and not sectoral and not _NAMES_A_RECORD.search(str(evidence or "")):
                evidence = None
            # a plan of the government's that no record links to the pledge (Prince Edward Island's, C2ES
            # Canada line 18): "not looked at" would hide it, "met" would call it the pledge's plan
            plans = (_plans(ctx, first["government"], str(requirement))
                     if criterion == "transition-plan" and status == "not-covered" and not evidence else [])
            evidence = "; ".join(plans) or evidence
            # a list cell: the records that meet it (ids) and what is missing (words)
            items = [item for item in str(evidence or "").split("; ") if item]
            shown = tuple(part for i, item in enumerate(items)
                          for part in ((", ",) if i else ()) + ((_sector(ctx.label(item), ctx.lang) if item in sectoral
                                                                else ctx.label(item),) if " " not in item
                                                               else _evidence_words(ctx, item)))
            # a registry's code before a target's name reads as the government's name ("DE-BW: …" under
            # Baden-Württemberg), and a target in doubt says so where it is named
            renamed = {ctx.label(i): _evidence_target(ctx, ctx.label(i), government, i in doubted)
                       for i in items if " " not in i and i not in sectoral}
            shown = tuple(renamed.get(part, part) for part in shown)
            # the data holds that a pledge exists, not what it covers nor how it gets there (a sector's
            # commitment counts as a pledge): "met" would claim the 1.5 °C path the criterion asks for
            met: tuple = (PLEDGE_ONLY if status == "no-gap" and str(requirement) == PLEDGE_REQUIREMENT
                          else PLAN_ONLY if plans else MET[status],)
            # the pathways the criterion names reach net-zero CO2 by 2050 (un-hleg R1, R2): a later year
            # is said, not judged (the criterion asks of a path, which the data does not hold)
            if met == (PLEDGE_ONLY,) and first.get("target_year") is not None \
                    and int(first["target_year"]) > PATHWAY_YEAR:
                met = (PLEDGE_ONLY, "; ", phrase("its year, {year}, is later than {pathway}, when the pathways the "
                                                 "criterion names reach net-zero CO2", ctx.lang).format(
                    year=int(first["target_year"]), pathway=PATHWAY_YEAR))
            if partly:   # "partly": some requirements met, the status is that of the rest
                met = ("partly met; the rest: ", MET[status])
            # what rests on a target in doubt (the pledge itself, or the only targets the evidence names) is not met
            named = [item for item in items if " " not in item]
            # the targets that can meet it are neither in doubt nor one sector's: Baden-Württemberg's 25% by 2030
            # (Net Zero Tracker line 166) is in doubt, its 40% a transport target, so no part of it is met
            sure = [i for i in named if i not in doubted and i not in sectoral]
            if (status == "no-gap" or partly) and (pledge in doubted or named and not sure):
                met = ((NO_SURE_INTERIM,) + (("; for the other years: ", MET[status]) if status != "no-gap" else ())
                       if criterion == "interim-targets" and pledge not in doubted else (DOUBTED,))
            name = criterion_names.get(criterion, Name(str(criterion)))
            table.append(Row(((name,), _requirement(ctx, str(requirement)), met, shown or ("",)),
                             ctx.cite(ctx.sources_of(group) + [c for r in ctx.instruments if ctx.id_of(r) in plans
                                                                for c in r.cites])))
        blocks.append(Table(("Criterion", "Requirement", "Met?", "Evidence"), tuple(table),
                            "Pledge-integrity checklist"))
    return blocks


def _sector(name: Name, lang: str) -> Name:
    """A target's name marked as one sector's: "40% CO2 reduction by 2030 (transport targets; sector target only)"."""
    zh = lang == "zh"
    text = name.text[:-1] + ("；" if zh else "; ") if name.text.endswith((")", "）") if zh else ")") \
        else name.text + ("（" if zh else " (")
    return Name(text + SECTOR_ONLY[lang], name.lang)


def _evidence_target(ctx: Context, name: Name, government: Name, doubt: bool) -> Name:
    """A record's name as the checklist's evidence gives it: the government's name for a registry's code
    before it ("DE-BW: climate neutral by 2040" under Baden-Württemberg), and "(in doubt, section 4)" after a
    target in doubt."""
    prefix, colon, rest = name.text.partition(": ")
    who = government.text if government.lang == name.lang else ctx.english(government)
    text = f"{who}: {rest}" if colon and _CODE.fullmatch(prefix) else name.text
    return Name(text + (phrase(" (in doubt, section 4)", ctx.lang) if doubt else ""), name.lang)


def _plans(ctx: Context, government: str, requirement: str) -> list[str]:
    """The ids of the instruments of the type ``requirement`` names ("instrument type climate-action-plan")
    that ``government`` adopted, or none."""
    kind = requirement.removeprefix("instrument type ")
    return sorted(ctx.id_of(r) for r in ctx.instruments if str(r.one("type")) == kind and government in r.all("by"))


def _requirement(ctx: Context, requirement: str) -> tuple:
    """The Requirement cell in words: "targets for 2025, 2030 and 2035", "an MRV platform".

    The brief's own words, each item a part of its own (:func:`..i18n.localised` puts a part it
    knows in the brief's language); an instrument type is named by its concept's label.
    """
    years, words = [], []
    for item in (i for i in requirement.split("; ") if i):
        if item.startswith("target year "):
            years.append(item.removeprefix("target year "))
        elif item.startswith("instrument type "):
            kind = ctx.concept("instrument-type", item.removeprefix("instrument type "))
            words.append(("an " if kind[:1] in "aeiouAEIOU" or kind.startswith("MRV") else "a ") + kind)
        elif item == PLEDGE_REQUIREMENT:
            words.append("a " + item)
        elif item == ANNUAL_REQUIREMENT:
            words.append("disclosures in consecutive years")
        else:   # the criterion's own words: nothing in the data can show it
            words.append("not shown by any record the data holds")
    if years:
        words.insert(0, phrase("a target for {year}", ctx.lang).format(year=years[0]) if len(years) == 1 else
                     phrase("targets for {years}", ctx.lang).format(years=joined(years, ctx.lang)))
    return tuple(part for i, word in enumerate(words) for part in (("; ",) if i else ()) + (word,))


#: the catalogue's words for what is found or missing (queries/integrity/pledge-integrity.rq), with keys
#: in them: ``type`` an instrument type's key, ``a``/``b`` record ids (named by their labels)
_MISSING = ((re.compile(r"no commitment with target year (?P<year>\d+) recorded"), "no target for {year} recorded"),
            (re.compile(r"no (?P<type>\S+) instrument adopted or reported via recorded"),
             "no {type} adopted or reported to"),
            (re.compile(r"no (?P<type>\S+) implementing the pledge recorded"),
             "no {type} that carries out the pledge recorded"),
            (re.compile(r"no (?P<type>\S+) implementing the pledge recorded: (?P<a>\S+) implements the "
                        r"(?P<year>\d+) target too: not shown to be the pledge's plan"),
             "no {type} that carries out the pledge recorded: {a} serves the {year} target too, so it is not "
             "shown to be the pledge's plan"),
            (re.compile(r"no (?P<type>\S+) of its own or disclosure recorded: it reports via (?P<a>\S+), a system "
                        r"of (?P<b>\S+) it feeds, not a public report of its own"),
             "no {type} of its own or disclosure recorded: it reports to {a}, a system of {b}, which is not a "
             "public report of its own"),
            (re.compile(r"annual reporting not shown: one year on record \((?P<year>\d+)\)"),
             "annual reporting not shown: one year on record ({year})"),
            (re.compile(r"annual reporting not shown: (?P<n>\d+) years on record, none consecutive "
                        r"\((?P<first>\d+) to (?P<last>\d+)\)"),
             "annual reporting not shown: {n} years on record, none consecutive ({first} to {last})"),
            (re.compile(r"annual reporting not shown: no year of reporting on record"),
             "annual reporting not shown: no year of reporting on record"),
            (re.compile(r"disclosures on record in consecutive years \(the latest (?P<first>\d+) and (?P<last>\d+)\)"),
             "disclosures on record in consecutive years (the latest {first} and {last})"))


#: evidence of a missing requirement that names a record which does not meet it, or says which part of the
#: criterion is not shown (pledge-integrity.rq): the checklist keeps it beside "not looked at"
_NAMES_A_RECORD = re.compile(r"not shown to be the pledge's plan|it reports via \S+, a system of"
                             r"|annual reporting not shown")
#: evidence of pledge-integrity that disclosures are not on record in consecutive years
_NOT_ANNUAL = re.compile(r"(?:^|\u001f|; )annual reporting not shown\b")


def annual_not_shown(row: dict) -> dict:
    """A pledge-integrity row as the checklist reads it: annual reporting not shown is the criterion not met.

    The UN expert group's criterion asks for a disclosure every year on a public platform
    (Recommendation 8, main recommendation, first and second bullets). The question says "partly"
    when a platform is on record and disclosures in consecutive years are not; a checklist that
    printed "partly met" beside "annual reporting not shown: one year on record (2022)" would
    contradict itself. What the criterion asks is not shown, so the row counts as not met (its
    evidence, which says why, stays).

    Examples
    --------
    >>> annual_not_shown({"met": "partly", "evidence": "annual reporting not shown: one year on record (2022)"})["met"]
    'no record'
    >>> annual_not_shown({"met": "partly", "evidence": "x"})["met"]
    'partly'
    """
    if row.get("met") == "partly" and _NOT_ANNUAL.search(str(row.get("evidence") or "")):
        return dict(row, met="no record")
    return row


def _evidence_words(ctx: Context, item: str) -> tuple:
    """An evidence item of pledge-integrity in words: instrument types and records by their names.

    What is found or missing is said in the brief's words (and language), the records it names by
    their labels; an item the catalogue words otherwise is shown as it came.
    """
    for pattern, words in _MISSING:
        found = pattern.fullmatch(item)
        if not found:
            continue
        values = found.groupdict()
        if values.get("type"):
            values["type"] = ctx.concept("instrument-type", values["type"])
        names = {key: ctx.label(values.pop(key)) for key in ("a", "b") if values.get(key)}
        text = phrase(words, ctx.lang).format(**values, **{key: "\x00" + key for key in names})
        parts: list = []
        for piece in re.split(r"(\x00[ab])", text):
            parts.append(names[piece[1]] if piece.startswith("\x00") else piece)
        return tuple(p for p in parts if p != "")
    return (Name(item),)
