"""Section 5, network engagement: memberships, asymmetries between levels, brokers.

From the country's membership records, the programmes its governments take
part in (``cca:participant`` on an instrument), and the catalogue questions
``network-asymmetry`` and ``brokers``.
"""
from __future__ import annotations

from collections import defaultdict

from pyoxigraph import NamedNode

from ....ingest import model
from ..annex import LIST_ITEMS, TABLE_ROWS, annex_files, annex_link
from ..data import (
    Q_CONTRIBUTIONS,
    Q_MEMBERSHIPS,
    Q_NETWORK_LEVELS,
    Rec,
    merge_citations,
    records,
    short,
)
from ..model import Bullets, Citation, Fact, Heading, Note, Row, Section, Table
from .context import LEVELS, Context
from .wording import rank, with_status

__all__ = ["build"]


def build(ctx: Context) -> Section:
    """The networks the governments of ``ctx.country`` belong to, and where the levels part ways."""
    section = ctx.section(4)
    if ctx.membership_counts:
        section.blocks += _memberships_counted(ctx)
    else:
        section.blocks += _memberships_listed(ctx)
    section.blocks += _programmes(ctx)
    section.blocks += _contributions(ctx)
    section.blocks.append(Heading("Asymmetries between levels"))
    section.blocks += _asymmetry(ctx)
    section.blocks += _brokers(ctx)
    return section


def _memberships_listed(ctx: Context) -> list:
    """Every membership, a row for each government and network."""
    grouped: dict[tuple[str, str], list[Rec]] = defaultdict(list)
    for rec in ctx.memberships:
        grouped[(str(rec.one("member")), str(rec.one("network")))].append(rec)
    rank = {level: i for i, level in enumerate(LEVELS)}
    rows = []
    for (member, network), recs in sorted(grouped.items(), key=lambda kv: (
            rank.get(str(kv[1][0].one("level")), 9), ctx.sort_key(ctx.name(kv[1][0], "member")), kv[0][1])):
        first = recs[0]
        # each role with its own year: a 2018 co-chair is not a co-chair of 2017
        years_of: dict[str, set[int]] = defaultdict(set)
        for r in recs:
            for v in r.all("role"):
                years_of[ctx.concept("role", v)].update(int(y) for k in ("since", "observed") for y in r.all(k))
        roles = [f"{role} ({', '.join(map(str, sorted(years)))})" if years else role
                 for role, years in sorted(years_of.items())]
        years = sorted({y for ys in years_of.values() for y in ys})
        rows.append(Row(((ctx.name(first, "member", member),), (ctx.level_short(str(first.one("level"))),),
                         (ctx.name(first, "network", network),), (", ".join(roles),),
                         (", ".join(map(str, years)),)),
                        ctx.cite(c for r in recs for c in r.cites)))
    blocks: list = [Heading("Memberships")]
    if rows:
        blocks.append(Table(("Government", "Level", "Network", "Role", "Since or listed in"), tuple(rows),
                            "Network memberships of the country's governments"))
    else:
        elsewhere = " Its participation in programmes is listed below." if ctx.participations else ""
        blocks.append(Note(("The data records no network membership of any government of ", ctx.nation,
                            " (not recorded: membership lists are incomplete)." + elsewhere)))
    return blocks


def counted(doc: str, records: int, where: str) -> Citation:
    """The citation of a count: the source, and where each of its ``records`` is listed with its locator."""
    return Citation(doc, f"{records:,} record{'s' if records != 1 else ''}, each with its locator in the "
                         f"brief's annex, {where}")


def _memberships_counted(ctx: Context) -> list:
    """Memberships at registry scale: counted by network and level, the governments in the most networks,
    and where the full list is."""
    where = annex_files(ctx.annex)["memberships"]
    level_rank = {level: i for i, level in enumerate(LEVELS)}
    by_row: dict[tuple[str, str], dict] = {}
    for row in ctx.membership_counts:
        entry = by_row.setdefault((short(row["network"]), str(row["level"])), {"members": 0, "docs": {}})
        entry["members"] = ctx.members_by_network[short(row["network"]), str(row["level"])]
        if row.get("doc"):
            entry["docs"][row["doc"]] = int(row["memberships"])
    ordered = sorted(by_row.items(), key=lambda kv: (-kv[1]["members"], level_rank.get(kv[0][1], 9),
                                                    ctx.sort_key(ctx.label(kv[0][0]))))
    counts = [kv for kv in ordered if kv[1]["docs"]]
    # the nation listed as endorser only (Canada, Chile and Mexico and the Under2 Coalition) is no member
    nation_roles: dict[str, set[str]] = defaultdict(set)
    for rec in records(ctx.store, Q_MEMBERSHIPS, ctx.country, member=NamedNode(model.ID + ctx.nation_id)):
        nation_roles[str(rec.one("network"))].update(str(v) for v in rec.all("role"))
    endorsed = {n for n, roles in nation_roles.items() if roles == {"endorser"}}

    platforms = ctx.reporting_platforms

    # one row per network: its members counted by level, largest first (a platform's "members" report there)
    by_network: dict[str, list] = {}
    for (network, level), entry in counts:
        by_network.setdefault(network, []).append((level, entry))

    def by_level(network: str, levels: list) -> tuple:
        # each level and its count, the tool's words apart so that a brief in another language translates
        # them; the nation listed as endorser only is named, not counted
        parts: list = []
        for level, entry in levels:
            if not (level == "national" and network in endorsed):
                parts += [", "] * bool(parts) + [ctx.level_short(level), f" {entry['members']:,}"]
        if network in platforms:
            # a reporting platform (CDP): its governments report there, they do not belong to it
            parts.append("; they report there, they are not members")
        if any(level == "national" for level, _ in levels) and network in endorsed:
            parts += ["; "] * bool(parts) + [ctx.level_short("national"), ": endorses, not a member"]
        return tuple(parts)

    def members(network: str, levels: list) -> int:
        return sum(entry["members"] for level, entry in levels
                   if not (level == "national" and network in endorsed))

    # the largest networks, each with every level it has members at (a cut by network and level would
    # drop a network's smaller level from its row: Vancouver from the Under2 Coalition's)
    shown = sorted(by_network.items(), key=lambda kv: (-members(*kv), ctx.sort_key(ctx.label(kv[0]))))[:TABLE_ROWS]
    # one note per source for the whole table: each row's count is in its cells, each record in the annex
    totals: dict[str, int] = {}
    for _, levels in shown:
        for _, entry in levels:
            for doc, n in entry["docs"].items():
                totals[doc] = totals.get(doc, 0) + n
    # networks with one member of the country each are one row naming them, a line each otherwise (at
    # registry scale half a page): a platform or a network the nation endorses keeps its own row, which says so
    single = [(network, levels) for network, levels in shown if members(network, levels) == 1
              and network not in platforms and network not in endorsed]
    if len(single) < 2:
        single = []
    rows = tuple(Row(((ctx.label(network),), (f"{members(network, levels):,}",), by_level(network, levels)),
                     ctx.cite(counted(doc, totals[doc], where)
                              for doc in sorted({d for _, entry in levels for d in entry["docs"]})))
                 for network, levels in shown if (network, levels) not in single)
    if single:
        at: dict[str, int] = defaultdict(int)
        for _, levels in single:
            for level, entry in levels:
                at[level] += entry["members"]
        named = ctx.names_list([ctx.label(network) for network, _ in single], 12)
        rows += (Row(((f"{len(single)} networks with one member each: ", *named), ("1 each",),
                      tuple(part for i, level in enumerate(sorted(at, key=lambda lv: (LEVELS.index(lv) if lv in LEVELS else 9, lv)))
                            for part in ((", ",) if i else ()) + (ctx.level_short(level), f" {at[level]:,}"))),
                     ctx.cite(counted(doc, n, where) for doc, n in sorted(
                         _summed(entry["docs"] for _, levels in single for _, entry in levels).items()))),)
    networks = len({network for network, _ in by_row} - set(platforms))
    reports = sum(platforms.values())
    reporting = (f", and {reports:,} reports to {len(platforms):,} reporting platforms (such as CDP: its "
                 "governments report there, they are not members)" if platforms else "")
    blocks: list = [Heading("Memberships"), Note((
        f"The data records {ctx.counts['memberships'] - reports:,} network memberships of governments of ",
        ctx.nation, f", in {networks:,} networks{reporting}: too many to list in a brief. They are counted here "
        "by network and level"
        + (f" (the {TABLE_ROWS} largest of {len(by_network):,})" if len(by_network) > TABLE_ROWS else "")
        + "; the full list, every membership with its source and locator, is in the annex: ",
        annex_link(ctx.annex, "memberships"), " (and the workbook ", annex_link(ctx.annex, "workbook"), ")."))]
    if rows:
        blocks.append(Table(("Network", "Governments", "By level"), rows,
                            "Members of each network among the country's governments, and at which level"))
    top, cites = [], []
    for member in ctx.top_members:
        # the networks it belongs to: not the platforms where it only reports, nor those it only endorses
        mine = [r for r in ctx.memberships if str(r.one("member")) == short(member["member"])
                and not ({str(v).rsplit("/", 1)[-1] for v in r.all("role")} or {""}) <= {"reporter", "endorser"}]
        if not mine:
            continue
        first = mine[0]
        names = ctx.names_list([ctx.name(r, "network", r.one("network")) for r in mine], 6)
        top.append(((ctx.name(first, "member", short(member["member"])),),
                    (ctx.level_short(str(first.one("level"))),), (f"{int(member['networks'])}",), names))
        cites.append(merge_citations(c for r in mine for c in r.cites))
    top = [Row(cells, refs) for cells, refs in zip(top, ctx.cite_rows(cites, "memberships in this table"))]
    if top:
        blocks.append(Heading("Governments in the most networks"))
        blocks.append(Table(("Government", "Level", "Networks", "Among them"), tuple(top),
                            "The governments of the country that belong to the most networks"))
    return blocks


def _summed(counts) -> dict[str, int]:
    """Document key -> records, summed over several such counts."""
    total: dict[str, int] = defaultdict(int)
    for each in counts:
        for doc, n in each.items():
            total[doc] += n
    return dict(total)


def _brokers(ctx: Context) -> list:
    """Governments that bridge networks: at most a list's budget, those in the most networks first."""
    # at scale the table of the governments in the most networks says the same: the question (over
    # every government of the graph) is not asked
    if ctx.top_members:
        return []
    brokers = ctx.run("brokers")
    if brokers is None:
        return []
    mine = sorted((r for r in brokers if r["country"] == ctx.country),
                  key=lambda r: (-int(r["networks"]), ctx.sort_key(ctx.label(r["government"]))))
    if not mine:
        return []
    items = []
    for row in mine[:LIST_ITEMS]:
        cites = [c for r in ctx.memberships if r.one("member") == row["government"] for c in r.cites]
        # the count is of networks it is in in any role: member, signatory, endorser (a nation endorsing
        # Under2) or reporter (a reporting platform)
        parts = (ctx.label(row["government"]), f" is in {row['networks']} networks (as member, signatory, "
                                               "endorser or reporter).")
        items.append(Fact(parts, ctx.cite(cites)) if cites else Note(parts))
    if len(mine) > LIST_ITEMS:
        where = (("every membership is in the annex, ", annex_link(ctx.annex, "memberships"), ".") if ctx.at_scale
                 else ("their memberships are in the table above.",))
        items.append(Note((f"{len(mine) - LIST_ITEMS:,} more governments of ", ctx.nation, " belong to more than "
                           "one network; ", *where)))
    return [Heading("Governments that bridge networks"), Bullets(tuple(items))]


def _asymmetry(ctx: Context) -> list:
    rows = ctx.run("network-asymmetry", country=ctx.country)
    if rows is None:
        return [ctx.unavailable("network-asymmetry")]
    if not rows:
        return [Note(("The data records no network in which only some levels of ", ctx.nation,
                      " are members: the governments of it that are recorded sit together or not at all.",))]
    grouped: dict[tuple, list] = defaultdict(list)
    for row in with_status(rows, lambda r: not r.get("direction")):
        grouped[(row["network"], str(row.get("direction") or ""), row["status"])].append(row)
    # the nation's own role: endorsing a network (a nation and the Under2 Coalition) is not membership
    endorses = {row["network"] for row in rows if not str(row.get("direction") or "").startswith("subnational")
                and {str(v) for v in str(row.get("role") or "").split("\x1f") if v} == {"endorser"}}
    # networks that admit no national government (C40, a covenant of mayors) or that list reporters
    # (CDP): "is the national government a member too?" makes no sense there
    admits: dict[str, set[str]] = defaultdict(set)
    for rec in records(ctx.store, Q_NETWORK_LEVELS):
        admits[ctx.id_of(rec)].update(str(v) for v in rec.all("level"))
    no_nation = {n for n, levels in admits.items() if "national" not in levels} | ctx.reporting_networks
    items = []
    for (network, direction, status), group in sorted(grouped.items(),
                                                      key=lambda kv: (str(kv[0][0]), kv[0][1], rank(kv[0][2]))):
        if status == "not-covered" and direction.startswith("subnational") and network in no_nation:
            continue
        names = ctx.names_list([ctx.label(r["government"]) for r in group])
        cites = ctx.sources_of(group)
        one = len({r["government"] for r in group}) == 1
        subnational = direction.startswith("subnational")
        if status == "no-gap" and not subnational:
            continue  # the nation's side of the same link: the subnational row says it
        if status == "no-gap":
            items.append(ctx.fact_or_note((*names, " ", "is" if one else "are", " in ", ctx.label(network), *(
                (", which the national government, ", ctx.nation, ", endorses without being a member.")
                if network in endorses else (", and so is the national government, ", ctx.nation, "."))), cites))
        elif status == "known-absent":
            items.append(ctx.fact_or_note(
                (*names, " ", "is" if one else "are", " in ", ctx.label(network), "; a source states that ",
                 ctx.nation, " is not.") if subnational else
                (ctx.nation, " is in ", ctx.label(network), "; a source states that none of its subnational "
                 "governments is."), cites))
        elif status == "gap":
            items.append(ctx.surveyed(
                ("the national members and endorsers of ", ctx.label(network), " were read in full: ", *names, " ",
                 "is" if one else "are", " in the network, the national government ", ctx.nation, " is not.")
                if subnational else
                ("the full member list of ", ctx.label(network), " was read: ", ctx.nation, " is in it, none of its "
                 "subnational governments is."), cites))
        else:
            items.append(ctx.ask(
                (*names, " ", "is" if one else "are", " in ", ctx.label(network), ". Is the national government ",
                 ctx.nation, " a member too?") if subnational else
                (ctx.nation, " is in ", ctx.label(network), ". Are any of its subnational governments members "
                 "too?"), cites))
    return [Bullets(tuple(items))]


def _contributions(ctx: Context) -> list:
    """What the country's governments give to networks and funds: a donor is not thereby a member."""
    recs = records(ctx.store, Q_CONTRIBUTIONS, ctx.country)
    if not recs:
        return []
    grouped: dict[tuple[str, str], list[Rec]] = defaultdict(list)
    for rec in recs:
        grouped[(str(rec.one("recipient")), str(rec.one("role") or ""))].append(rec)
    items = []
    for (recipient, role), group in sorted(grouped.items()):
        donors = ctx.names_list([ctx.name(r, "donor", r.one("donor")) for r in group])
        what = ctx.concept("contribution-role", role) if role else "contributor"
        one = len({str(r.one("donor")) for r in group}) == 1
        items.append(ctx.fact_or_note((*donors, " is " if one else " are ", f"{what}{'' if one or ctx.lang == 'zh' else 's'} to ",
                                       ctx.name(group[0], "recipient", recipient), "."),
                                      [c for r in group for c in r.cites]))
    return [Heading("Contributions to networks and funds"), Bullets(tuple(items))]


def _programmes(ctx: Context) -> list:
    """Programmes (instruments) that governments of the country take part in: engagement as much as
    a membership."""
    rank_of = {level: i for i, level in enumerate(LEVELS)}
    rows = []
    for rec in sorted(ctx.participations, key=lambda r: ctx.sort_key(ctx.name(r))):
        mine = sorted({str(p) for p in rec.all("participant")},
                      key=lambda p: (rank_of.get(str(rec.one("level")), 9), ctx.sort_key(ctx.label(p))))
        # a programme its only participants here also adopted is among their instruments (section 3)
        if set(mine) <= {str(b) for b in rec.all("by")}:
            continue
        by = ctx.names_list([ctx.label(str(b)) for b in rec.all("by")], 4)
        rows.append(Row((ctx.names_list([ctx.label(p) for p in mine]), (ctx.name(rec),),
                         (ctx.concept("instrument-type", rec.one("type")),), by or ("not recorded",)),
                        ctx.cite(rec.cites)))
    if not rows:
        return []
    blocks = [Heading("Programmes taken part in"),
              Table(("Government", "Programme", "Type", "Run by"), tuple(rows[:TABLE_ROWS]),
                    "Programmes and initiatives in which the country's governments take part")]
    if len(rows) > TABLE_ROWS:
        blocks.append(Note((f"{len(rows) - TABLE_ROWS:,} more programmes; every programme and government taking "
                            "part is in the annex, ", annex_link(ctx.annex, "programmes"), ".")))
    return blocks
