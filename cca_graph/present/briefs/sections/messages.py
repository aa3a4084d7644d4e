"""The top of a brief: key messages, what to raise, data as of, and a coverage line per section.

Key messages are three to five cited sentences, chosen by this rule, in this
order, until there are five:

1. what the gap questions found missing, strongest status first: a known absence
   (a source states there is none), then "surveyed and not found" (``gap``), the
   lowest level first (local, then regional: where obligations have to be carried
   out); at most two;
2. the coordination body that joins the levels (``coordination-gap``, ``no-gap``), where the
   levels sit in it (its member levels recorded);
3. the replication story: an instrument of the country scaled up from, or inspired
   by, another, with the figures recorded about its origin; else the strongest
   candidate the material was read for (``gap``) by measured outcomes;
4. the figures of one instrument not told yet, measured first (each labelled measured,
   scheduled or estimated, with its unit, currency and period as recorded);
5. to reach three: the framework law, then network memberships.

Each key message opens with the year of what it rests on (:func:`dated`): "As of 2020:" when
the evidence it cites is of one year, "As of 2017–2022:" when its sources span years. The sources
are 2017–2022 documents and registries, so a message is what held then, not a statement about
today; code lists (:data:`REFERENCE_LISTS`) do not date a message.

A ``not-covered`` finding is never a key message: it is a question, and goes to
"What to raise" (two to four items): "surveyed and not found" findings to ask
about, then the questions of the gap checks (instruments an obligation requires,
funding, reporting, coordination), then candidates the material did not look at
whose peers' instruments have a measured outcome; those that cite a source come
before those about the data alone. A question on a gap check names what to ask and
points to section 6, which tells each finding with its law and sources: the brief
says it once (the funding of several obligations is one question).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from pyoxigraph import NamedNode

from ....ingest import model
from ..data import Q_LIFETIMES, Q_MATERIAL_YEARS, Q_MEMBERSHIPS, records
from ..i18n import joined, phrase
from ..model import Bullets, Document, Fact, Heading, Name, Note, Section
from .architecture import not_in_data
from .context import LEVELS, Context, group_rows
from .instruments import STATUS_WORDS, figure, period
from .replication import origin_figures
from .targets import doubts, own_title, shared, target_year
from .wording import NOT_COVERED, SURVEYED, rank, with_status
from .wording import article as _article
from .wording import year as _year

__all__ = ["build", "key_messages", "to_raise", "data_as_of", "coverage_line", "MESSAGES", "RAISE"]

#: the most key messages, and the fewest the rule tries to reach
MESSAGES = (3, 5)
#: the most items of "What to raise"
RAISE = 4
#: the most obligations one question of "What to raise" names (the rest are counted, section 6 has them all)
RAISE_NAMES = 4
#: a UN/LOCODE as a target registry writes a place ("DE ESS", Essen): a city's code, never a regional government's
LOCODE = re.compile(r"[A-Z]{2} [A-Z0-9]{3}")
#: levels, lowest first: where an obligation has to be carried out matters most
_LOWEST = {level: i for i, level in enumerate(reversed(LEVELS))}


def build(ctx: Context) -> list:
    """The blocks above section 1: key messages and what to raise (the data-as-of line: :func:`data_as_of`)."""
    blocks: list = [Heading("Key messages")]
    messages = key_messages(ctx)
    blocks.append(Bullets(tuple(messages)) if messages else Note((
        "No key message: the data holds too little on ", ctx.nation, " to draw one (section 8).",)))
    raise_ = to_raise(ctx)
    if raise_:
        blocks += [Heading("What to raise"), Bullets(tuple(raise_))]
    return blocks


# -- key messages ---------------------------------------------------------------------------

def key_messages(ctx: Context) -> list[Fact]:
    """Three to five cited sentences, by the rule of this module."""
    found: list[Fact] = []
    for part in (_missing, _coordination, _replication):
        found += [f for f in part(ctx) if f.parts not in {m.parts for m in found}]
    found += _targets(ctx)
    found += _outcomes(ctx, found)
    for part in (_framework, _networks):
        if len(found) < MESSAGES[0]:
            found += part(ctx)
    return [dated(ctx, fact) for fact in found[:MESSAGES[1]]]


def dated(ctx: Context, fact: Fact, undated: frozenset[str] = frozenset()) -> Fact:
    """``fact`` opened by the years of the evidence it cites ("As of 2020: "), unchanged when none is known or
    it is dated already. The documents ``undated`` date nothing: the sentence gives their year itself."""
    opening = phrase("As of {when}: ", ctx.lang).split("{when}")[0]
    if fact.parts and isinstance(fact.parts[0], str) and fact.parts[0].startswith(opening):
        return fact
    by_number = {n: c for c, n in ctx.numbers.items()}
    years = sorted({year for n in fact.refs if (c := by_number.get(n)) is not None and c.doc not in REFERENCE_LISTS
                    and c.doc not in undated and (year := ctx.doc_years.get(c.doc)) is not None})
    if not years:
        return fact
    when = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
    return Fact((phrase("As of {when}: ", ctx.lang).format(when=when),) + tuple(fact.parts), fact.refs)


def _missing(ctx: Context) -> list[Fact]:
    findings = []
    levels = with_status(ctx.run("level-without-mandate", country=ctx.country))
    for (level, status), group in group_rows(levels, "level", "status"):
        if status not in ("known-absent", "gap"):
            continue
        fillers = sorted({r["filled_by"] for r in group if r.get("filled_by")})
        absences, said = ctx.mandate_absences(level)
        if status == "known-absent":
            parts: list = [*said, f"{ctx.level_word(level)} level"]
        else:
            parts = [f"{SURVEYED.capitalize()}: no national law obliges the {ctx.level_word(level)} level"]
        domains = sorted({str(d) for r in absences for d in r.all("domain")})
        if status == "known-absent" and domains:
            parts.append(" in " + joined([ctx.concept("mandate-domain", d) for d in domains], ctx.lang, ", "))
        if fillers:
            parts += ["; ", *ctx.names_list([ctx.label(f) for f in fillers]),
                      " obliges it by a law of its own" if len(fillers) == 1 else " oblige it by laws of their own"]
        cites = ctx.sources_of(group) + ctx.sources_of([r for r in group if r.get("filled_by")], "filled_by_source")
        findings.append((rank(status), _LOWEST.get(str(level), 9), tuple(parts) + (".",), cites))
    instruments = with_status(ctx.run("mandate-without-instrument", country=ctx.country))
    for (law, article, itype, level, status), group in group_rows(
            instruments, "law", "article", "required_instrument_type", "level", "status"):
        if status not in ("known-absent", "gap"):
            continue
        count = len({r["government"] for r in group})
        says = "a source states that" if status == "known-absent" else "surveyed and not found:"
        findings.append((rank(status), _LOWEST.get(str(level), 9), (
            ctx.label(law), _article(article), f" obliges {ctx.level_word(level)} governments to have a "
            f"{ctx.concept('instrument-type', itype)}; {says} {count} of them {'has' if count == 1 else 'have'} none: ",
            *ctx.names_list([ctx.label(r["government"]) for r in group], 6), "."), ctx.sources_of(group)))
    findings.sort(key=lambda f: (f[0], f[1]))
    return [f for f in (_fact(ctx, parts, cites) for _, _, parts, cites in findings) if f][:2]


def _coordination(ctx: Context) -> list[Fact]:
    # a body the levels sit in (its member levels recorded: Mexico's SNCC, South Africa's IGCCC): one
    # that only gathers their data (Indonesia's RAN-GRK secretariat, whose members the source does not
    # name) is told in section 6, not as a key message that it "joins" the levels
    rows = [r for r in with_status(ctx.run("coordination-gap", country=ctx.country),
                                   lambda r: r.get("gap") == "no") if r["status"] == "no-gap" and r.get("body")
            and str(r["body"]) in ctx.seated_bodies]
    found = []
    for (body,), group in group_rows(rows, "body"):
        levels = {str(r.get(c) or "national") for r in group for c in ("upper_level", "lower_level")}
        words = [ctx.level_word(lvl) for lvl in LEVELS if lvl in levels]
        joined = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
        # its legal basis with the law's year, so that the law's text (the Basic Law of 1949) dates the sentence
        # in it, not in an "As of 1949–2020" that reads as if the body were of that span
        rec = next((r for r in ctx.bodies if ctx.id_of(r) == str(body)), None)
        law = next((r for r in ctx.laws if rec is not None and ctx.id_of(r) == str(rec.one("law"))), None)
        basis: tuple = ()
        if law is not None:
            year = f" of {law.one('year')}" if law.one("year") and str(law.one("year")) not in ctx.name(law).text else ""
            basis = (", under the ", ctx.name(law), year, _article(rec.one("article")))
        end = "" if basis and basis[-1].endswith(".") else "."   # "art. 38 ff." ends the sentence itself
        fact = _fact(ctx, (ctx.label(body), f" joins the {joined} levels", *basis, end), ctx.sources_of(group))
        if fact and law is not None and law.one("year"):
            fact = dated(ctx, fact, frozenset(c.doc for c in law.cites
                                              if ctx.doc_years.get(c.doc) == int(law.one("year"))))
        found.append(fact)
    return [f for f in found if f][:1]


def _replication(ctx: Context) -> list[Fact]:
    rows = ctx.run("scaled-up") or []
    mine = [r for r in rows if r["country"] == ctx.country or r["origin_government"] in ctx.gov_ids]
    for (instrument, link, origin, origin_gov), group in group_rows(mine, "instrument", "link", "origin",
                                                                    "origin_government"):
        why, cites = origin_figures(ctx, str(origin))
        verb = "was scaled up from" if link == "scaled-up-from" else "was inspired by"
        fact = _fact(ctx, ("A policy that travelled: ", ctx.label(instrument), f" {verb} ", ctx.label(origin), " (",
                           ctx.label(origin_gov), ")", *why, "."), ctx.sources_of(group) + cites)
        if fact:
            return [fact]
    best = None
    members = ctx.candidate_governments()
    if "replication-candidates" in ctx.known_queries:
        for government in members:
            for row in with_status(ctx.run("replication-candidates", government=government)):
                if row["status"] == "gap" and (best is None or int(row.get("outcome_evidence") or 0)
                                               > int(best.get("outcome_evidence") or 0)):
                    best = row
    if best is None:
        return []
    example = (", as ", ctx.label(best["example_instrument"])) if best.get("example_instrument") else ()
    fact = _fact(ctx, ("A candidate to replicate: peers of ", ctx.label(best["government"]), " adopted a ",
                       ctx.concept("instrument-type", best["instrument_type"]), *example, " (",
                       f"{int(best.get('outcome_evidence') or 0)} measured outcomes); ", SURVEYED,
                       " for it."), ctx.sources_of([best]))
    return [fact] if fact else []


#: commitment types by how much they say about a government's own ambition, most first
_AMBITION = ("net-zero", "carbon-neutrality", "emissions-reduction", "temperature-limit", "clean-power",
             "end-fossil-support",
             "renewable-energy", "coal-phase-down", "methane", "intensity", "relative-reduction", "adaptation",
             "finance",
             "ndc-submission")


def _missed(ctx: Context) -> str:
    """", and 4 more rows of the target registries the import left out" where there are such rows."""
    rows = sum(len(g.lines) for g in ctx.left_out if g.targets)
    return (f"; the target registries hold {rows:,} more row{'s' if rows != 1 else ''} about the country that the "
            "import left out" if rows else "")


def _unsure(ctx: Context, unsure: set[str], national: bool) -> str:
    """"; 1 more in doubt, not shown here" for the targets in doubt of the national government (``national``)
    or of the governments below it, which the key message leaves out; "" when there are none."""
    count = sum((str(r.one("by")) == ctx.nation_id) == national for r in ctx.commitments if ctx.id_of(r) in unsure)
    if not count:
        return ""
    return f"; {count} more in doubt, not shown here" if national else \
        f"; {count} target{'' if count == 1 else 's'} in doubt not counted"


def _targets(ctx: Context) -> list[Fact]:
    """The national government's own targets (never a process's goals), then how many of the other
    governments have targets of their own, by level."""
    found = []
    # a target in doubt is no key message's evidence: counted, and told with its doubt in section 4
    doubted = doubts(ctx)
    unsure = {ctx.id_of(r) for r in ctx.commitments if ctx.id_of(r) in doubted and str(r.one("type")) in _AMBITION}
    # the nation's own: not a goal it shares with another government (China and the US recalling 2 °C)
    mine = [r for r in ctx.commitments if str(r.one("by")) == ctx.nation_id and not shared(r)
            and ctx.id_of(r) not in doubted]
    mine = sorted((r for r in mine if str(r.one("type")) in _AMBITION),
                  key=lambda r: (_AMBITION.index(str(r.one("type"))), str(r.one("target") or 9999), ctx.id_of(r)))
    if mine:
        shown = mine[:3]
        parts: list = ["Targets of the national government: "]
        for i, rec in enumerate(shown):
            name = ctx.name(rec)   # "MX: climate neutral by 2050" reads "climate neutral by 2050" here
            title = own_title(ctx.english(ctx.nation), own_title(ctx.nation.text, name.text))
            parts += ["; " if i else "", Name(title, name.lang)]
            # a target year before the day the graph was built has passed (as the targets table marks it)
            if len(target_year(ctx, rec)) > 1:
                parts.append(" (target year passed)")
        more = len(mine) - len(shown)
        doubtful = _unsure(ctx, unsure, True)
        parts.append((f"; and {more} more" if more else "") + doubtful + (" (section 4)." if more or doubtful else "."))
        fact = _fact(ctx, tuple(parts), [c for r in shown for c in r.cites])
        if fact:
            found.append(fact)
    others = [r for r in ctx.commitments if str(r.one("by")) != ctx.nation_id
              and str(r.one("type")) in _AMBITION and ctx.id_of(r) not in doubted]
    if others:
        by_level: dict[str, set] = {}
        pledging: set = set()
        for rec in others:
            by_level.setdefault(str(rec.one("by_level")), set()).add(str(rec.one("by")))
            if str(rec.one("type")) in ("net-zero", "carbon-neutrality") and rec.one("scope") is None:
                pledging.add(str(rec.one("by")))
        counts = [f"{len(by_level[lvl])} {ctx.level_word(lvl)}" for lvl in LEVELS if lvl in by_level]
        governments = sum(len(v) for v in by_level.values())
        one = governments == 1
        parts = [f"{governments} government{'' if one else 's'} below the national level "
                 f"({', '.join(counts)}) {'has targets of its own' if one else 'have targets of their own'} recorded",
                 ("" if not pledging else ", among them a net-zero or carbon-neutrality pledge" if one else
                  f", {len(pledging)} of them a net-zero or carbon-neutrality pledge not limited to one sector"),
                 _missed(ctx), _unsure(ctx, unsure, False), " (section 4)."]
        fact = _fact(ctx, tuple(parts), [c for r in others for c in r.cites])
        if fact:
            found.append(fact)
    return found


def _outcomes(ctx: Context, told: list[Fact]) -> list[Fact]:
    """The figures of one instrument not told yet, measured first, each labelled by its status."""
    named = {p for fact in told for p in fact.parts if isinstance(p, Name)}
    order = {"measured": 0, "scheduled": 1, "estimated": 2, "by-design": 3}
    outcomes = sorted(ctx.outcomes, key=lambda o: (order.get(str(o.one("status")), 3), str(o.one("instrument")),
                                                   str(o.one("indicator")), str(o.one("start"))))
    for instrument in dict.fromkeys(str(o.one("instrument")) for o in outcomes):
        outs = [o for o in outcomes if str(o.one("instrument")) == instrument]
        if all(Name(str(o.one("indicator"))) in named for o in outs):      # told with the replication story
            continue
        parts: list = ["Figures recorded for ", ctx.label(instrument), ": "]
        for i, out in enumerate(outs):
            when = period(out)
            status = STATUS_WORDS.get(str(out.one("status")), "status not recorded")
            parts += ["; " if i else "", Name(str(out.one("indicator"))), " ", *figure(out),
                      f" ({when + '; ' if when else ''}{status})"]
        fact = _fact(ctx, tuple(parts) + (".",), [c for o in outs for c in o.cites])
        if fact:
            return [fact]
    return []


def _unjudged(ctx: Context, rows: list[dict]) -> tuple[tuple, list]:
    """" 4 more regional governments … are not counted: they were created in 2022, after 2020, …", and its
    sources: the regional governments the target question leaves out (none: ``()``), so that its count and
    the levels table's add up.

    The question judges a missing target as of the latest year of the material read for regional targets,
    or else of any material on the country, and leaves out a government that did not exist then (the
    four Papua provinces of 2022 in a brief whose material on Indonesia is of 2020).
    """
    judged = {str(r["government"]).rsplit("/", 1)[-1] for r in rows}
    left = [r for r in ctx.governments if str(r.one("level")) == "regional" and ctx.id_of(r) not in judged]
    if not left:
        return (), []
    material = records(ctx.store, Q_MATERIAL_YEARS, ctx.country)
    covering = [r for r in material if "regional" in map(str, r.all("level")) and "target" in map(str, r.all("relation"))]
    years = [int(y) for r in covering or material for y in r.all("year")]
    lives = {ctx.id_of(r): r for r in records(ctx.store, Q_LIFETIMES, ctx.country)}
    one = len(left) == 1
    parts: list = [f" {len(left)} more regional government{'' if one else 's'} the data records (",
                   *ctx.names_list([ctx.name(r) for r in left], 6), ")",
                   f" {'is' if one else 'are'} not counted"]
    if years:
        year = max(years)
        spans = [(int(lives[i].one("start") or 0), int(lives[i].one("end") or 9999)) if i in lives else (0, 9999)
                 for i in map(ctx.id_of, left)]
        what = ("the year of the material read on its regional governments' targets" if covering else
                "the year the material on the country speaks for")
        they = "it was" if one else "they were"
        if len({s for s, _ in spans}) == 1 and spans[0][0] > year:
            parts.append(f": {they} created in {spans[0][0]}, after {year}, {what}")
        elif all(s > year or e < year for s, e in spans):
            parts.append(f": {'it' if one else 'they'} did not exist in {year}, {what}")
    parts.append(".")
    return tuple(parts), [c for r in left for c in r.cites]


def _undated(ctx: Context, rows: list[dict]) -> tuple[tuple, list]:
    """" 1 more regional government the data records (District of Columbia) is not counted: it has no net-zero
    or carbon-neutrality pledge with a target year (section 4).", and its sources: the regional governments
    whose pledge has no year to compare (none: ``()``), in neither the list of section 4 nor the question.

    The District of Columbia's only pledge is a buildings commitment (ClimActor line 13698): without it the
    question's count and section 4's would not add up to the levels table's.
    """
    group = [r for r in rows if r["status"] == "no-gap" and r.get("alignment") == "no target year"]
    if not group:
        return (), []
    one = len(group) == 1
    return ((f" {len(group)} more regional government{'' if one else 's'} the data records (",
             *ctx.names_list([ctx.label(r["government"]) for r in group], 6),
             f") {'is' if one else 'are'} not counted: {'it has' if one else 'they have'} no net-zero or "
             "carbon-neutrality pledge with a target year (section 4)."),
            ctx.sources_of(group))


def _framework(ctx: Context) -> list[Fact]:
    # the newest national law: a climate framework law is younger than the constitution it rests on
    national = sorted([r for r in ctx.laws if str(r.one("by_level")) == "national"] or list(ctx.laws),
                      key=lambda r: -int(r.one("year") or 0))
    return [f for f in (_fact(ctx, ("Framework law: ", ctx.name(r), f" ({r.one('year')})" if r.one("year") and
                                    str(r.one("year")) not in ctx.name(r).text else "", ", enacted by ",
                                    ctx.name(r, "by", r.one("by")), "."), list(r.cites)) for r in national[:1]) if f]


def _networks(ctx: Context) -> list[Fact]:
    if ctx.members_by_network:
        # at scale the brief holds the memberships of a few governments only: count in the store,
        # then read the memberships of the one network the message is about
        by_network: Counter = Counter()
        for (network, _), members in ctx.members_by_network.items():
            by_network[network] += members
    else:
        by_network = Counter(str(r.one("network")) for r in ctx.memberships)
    # a reporting platform's "members" disclosed to it (CDP): they do not belong to it
    for platform in ctx.reporting_networks:
        by_network.pop(platform, None)
    if not by_network:
        return []
    network, _ = min(by_network.items(), key=lambda kv: (-kv[1], kv[0]))
    if ctx.members_by_network:
        rows = records(ctx.store, Q_MEMBERSHIPS, ctx.country, network=NamedNode(model.ID + network))
    else:
        rows = [r for r in ctx.memberships if str(r.one("network")) == network]
    # a government that only endorses the network (a nation endorsing the Under2 Coalition) is no member
    roles: dict[str, set] = {}
    for r in rows:
        roles.setdefault(str(r.one("member")), set()).update(str(v) for v in r.get("role", ()))
    endorsers = sorted(m for m, held in roles.items() if held == {"endorser"})
    members = {m: r for r in rows if (m := str(r.one("member"))) not in endorsers}
    levels = Counter(str(r.one("level")) for r in members.values())
    counts = ", ".join(f"{levels[lvl]} {ctx.level_word(lvl)}" for lvl in LEVELS if levels[lvl])
    # the years the member lists were read (a registry's 2019 and 2022 lists of Climate Mayors): a count
    # over several years is not the network's size in any one of them
    listed = sorted({int(y) for r in rows if str(r.one("member")) not in endorsers for y in r.all("observed")})
    if listed:
        counts += (f"; on the list of {listed[0]}" if len(listed) == 1 else
                   f"; on the lists of {', '.join(map(str, listed[:-1]))} or {listed[-1]}, not one year's")
    parts: list = []
    if members:
        parts += [f"{len(members)} government{'s' if len(members) != 1 else ''} of ", ctx.nation,
                  " belong to " if len(members) != 1 else " belongs to ", ctx.label(network), f" ({counts})"]
    if endorsers:
        names = ctx.names_list([ctx.label(m) for m in endorsers])
        parts += ["; " if members else "", *names, " endorses " if len(endorsers) == 1 else " endorse ",
                  ctx.label(network) if not members else "it", ", without being a member" if len(endorsers) == 1
                  else ", without being members"]
    fact = _fact(ctx, tuple(parts) + (".",), [c for r in rows for c in r.cites])
    return [fact] if fact else []


def _fact(ctx: Context, parts: tuple, cites: list) -> Fact | None:
    refs = ctx.cite(cites)
    return Fact(tuple(parts), refs) if refs else None


# -- what to raise ---------------------------------------------------------------------------

def to_raise(ctx: Context) -> list[Fact | Note]:
    """Two to four questions for the ministry, from what was not found and what was not looked at."""
    items: list = []
    for row_parts, cites in _questions(ctx):
        item = ctx.fact_or_note(row_parts, cites)
        if item.parts not in {i.parts for i in items}:
            items.append(item)
    # a question that stands on a source (a law's obligation, a peer's instrument) before one about the
    # data alone (which body joins two levels): in the order above within each
    items.sort(key=lambda i: not isinstance(i, Fact))
    return items[:RAISE]


def _questions(ctx: Context):
    rows = with_status(ctx.run("mandate-without-instrument", country=ctx.country), lambda r: bool(r.get("instrument")))
    # the governments each obligation binds that the data records, whatever their status, and who made each law
    bound: dict = defaultdict(set)
    for r in rows:
        bound[(r["law"], r["article"], r["required_instrument_type"], r["level"])].add(r["government"])
    makers = {ctx.id_of(r): r for r in ctx.laws}
    for wanted in ("gap", "not-covered"):
        for (law, article, itype, level, status), group in group_rows(
                rows, "law", "article", "required_instrument_type", "level", "status"):
            if status != wanted:
                continue
            count = len({r["government"] for r in group})
            kind = ctx.concept("instrument-type", itype)
            lead = (f"{SURVEYED.capitalize()} for {count}" if status == "gap" else
                    f"Not looked at for {count}")
            # section 6 names the governments: the question counts them and points there
            maker = makers.get(str(law))
            if maker is not None and str(maker.one("by_level")) != "national":
                # a law below the nation binds that government's own: "17 of the local governments the data
                # records" read as if Jalisco had 18 municipalities (it has 125; the data records 18)
                total = len(bound[(law, article, itype, level)])
                yield ((ctx.label(law), _article(article), f" obliges {ctx.level_word(level)} governments to have a "
                        f"{kind}. ", "Of ", ctx.name(maker, "by"),
                        f"'s {ctx.level_word(level)} governments the data records {total:,}; "
                        f"{SURVEYED if status == 'gap' else NOT_COVERED} for {count:,} of them: ask whether "
                        f"{'they have' if count > 1 else 'it has'} one, and when it is due (section 6)."),
                       ctx.sources_of(group))
                continue
            yield ((ctx.label(law), _article(article), f" obliges {ctx.level_word(level)} governments to have a {kind}. ",
                    # "of them" read as if the law's maker had that many (Jalisco has 125 municipalities, the data 18)
                    lead, f" of the {ctx.level_word(level)} governments the data records: ask whether "
                    f"{'they have' if count > 1 else 'it has'} one, and when it is due (section 6)."),
                   ctx.sources_of(group))
    # each obligation is told with its law, article and level in section 6 ("Obligations and their
    # funding"): one question per status names them and points there, not a second copy of each
    funding = with_status(ctx.run("unfunded-mandate", country=ctx.country), lambda r: bool(r.get("funding")))
    for wanted in ("gap", "not-covered"):
        group = [r for r in funding if r["status"] == wanted]
        labels = sorted({ctx.label(str(r["mandate"])) for r in group}, key=ctx.sort_key)
        if not labels:
            continue
        named: list = []
        for i, label in enumerate(labels[:RAISE_NAMES]):
            named += ["; " if i else "", label]
        if len(labels) > RAISE_NAMES:
            named.append(f"; and {len(labels) - RAISE_NAMES} more")
        ask = (("Ask how the obligation ", *named, " is funded") if len(labels) == 1 else
               (f"Ask how these {len(labels)} obligations are funded: ", *named))
        yield (ask + (" (section 6): ", SURVEYED if wanted == "gap" else NOT_COVERED, "."), ctx.sources_of(group))
    targets = with_status(ctx.run("target-misalignment", country=ctx.country),
                          lambda r: r.get("target_year") is not None)
    # a row left out under a city's code (Essen's, Net Zero Tracker lines 311, 312, 314, 1031, 1032, 1034) is
    # no regional government's: only the others may be theirs
    missed = sum(len(g.lines) - sum(bool(LOCODE.fullmatch(n)) for n in g.names) for g in ctx.left_out if g.targets)
    unjudged, unjudged_cites = _unjudged(ctx, targets)
    undated, undated_cites = _undated(ctx, targets)
    unjudged += undated + not_in_data(ctx)
    unjudged_cites = unjudged_cites + undated_cites
    for status in ("gap", "not-covered"):
        group = [r for r in targets if r["status"] == status]
        if not group:
            continue
        national = next((r["national_target_year"] for r in group if r.get("national_target_year")), None)
        count = len({r["government"] for r in group})
        yield ((f"Ask whether the {count} regional governments the data records without a net-zero or "
                "carbon-neutrality target (" if count > 1 else "Ask whether ", *ctx.names_list([ctx.label(r["government"]) for r in group], 6),
                ") have one" if count > 1 else " has a net-zero or carbon-neutrality target",
                f", beside the national target year {_year(national)}" if national else "",
                # rows an import could not place under a code that is not a city's may be theirs
                f" (the target registries hold {missed:,} more row{'s' if missed != 1 else ''} about the country "
                "that the import left out, listed in section 4; some may be theirs)" if missed else "",
                ": ", SURVEYED if status == "gap" else NOT_COVERED, ".", *unjudged),
               ctx.sources_of(group) + unjudged_cites)
        unjudged, unjudged_cites = (), []   # said once, with the first question
    reporting = with_status(ctx.run("reporting-gap", country=ctx.country))
    for (level,), group in group_rows([dict(r, level=r.get("level") or "regional") for r in reporting
                                        if r["status"] in ("gap", "not-covered")], "level"):
        count = len({r["government"] for r in group})
        # "the 5 regional governments" of Canada, which has 13: the ones the data records
        who = f"the {count} {ctx.level_word(level)} governments the data records report" if count > 1 else \
            f"the {ctx.level_word(level)} government the data records reports"
        yield ((f"Ask whether {who} into a national MRV platform: {NOT_COVERED}.",), ctx.sources_of(group))
    coordination = with_status(ctx.run("coordination-gap", country=ctx.country), lambda r: r.get("gap") == "no")
    for (upper, lower), group in group_rows([dict(r, upper_level=r.get("upper_level") or "national")
                                             for r in coordination if r["status"] in ("gap", "not-covered")],
                                            "upper_level", "lower_level"):
        yield ((f"Ask which body joins the {ctx.level_word(upper)} and {ctx.level_word(lower)} levels: "
                f"{NOT_COVERED if group[0]['status'] == 'not-covered' else SURVEYED}.",), ctx.sources_of(group))
    # candidates the material did not look at: the government may well have one (under another name);
    # worth a minister's time only where a peer's instrument of the type has a measured outcome (a
    # development plan every government has is no question to raise)
    if "replication-candidates" in ctx.known_queries:
        for government in ctx.candidate_governments():
            for row in with_status(ctx.run("replication-candidates", government=government)):
                if row["status"] != "not-covered" or not int(row.get("outcome_evidence") or 0):
                    continue
                example = (" (", ctx.label(row["example_instrument"]), ")") if row.get("example_instrument") else ()
                yield (("Ask whether ", ctx.label(row["government"]), " has a ",
                        ctx.concept("instrument-type", row["instrument_type"]), ", as its peers do", *example, ": ",
                        NOT_COVERED, "."), ctx.sources_of([row]))


# -- data as of, coverage ----------------------------------------------------------------------

#: sources cited for names, codes and where a place lies, not as evidence: their year is the year
#: they were read (loaders/sources.yaml), so they never make the evidence look newer than it is
REFERENCE_LISTS = frozenset({"iso-3166", "wikidata"})


def data_as_of(documents: list[Document], built: str | None, evidence: set[str] | None = None) -> Note:
    """"Data as of": the build date (when known) and the years of the sources the brief cites.

    The newest year is that of the evidence on the country: code lists (:data:`REFERENCE_LISTS`) and
    documents cited only for a method (``evidence`` leaves them out; None: every document is evidence)
    are named apart.
    """
    dated = sorted((d for d in documents if d.year), key=lambda d: (d.year, d.key))
    method = [d for d in dated if evidence is not None and d.key not in evidence and d.key not in REFERENCE_LISTS]
    proof = [d for d in dated if d.key not in REFERENCE_LISTS and d not in method]
    parts = ["Data as of: "]
    parts.append(f"the graph was built on {built}; " if built else "")
    if dated:
        if proof:
            newest = [d.key for d in proof if d.year == proof[-1].year]
            parts.append(f"the newest evidence this brief cites is from {proof[-1].year} ({', '.join(newest)}); ")
        if method:
            parts.append(", ".join(f"{d.key} ({d.year})" for d in method)
                         + (" is" if len(method) == 1 else " are") + " cited for the pledge criteria only; ")
        parts.append("the sources by year: " + ", ".join(f"{d.key} {d.year}" for d in dated)
                     + (" (code lists, read in the year given, cited for names and places only)"
                        if any(d.key in REFERENCE_LISTS for d in dated) else "") + ".")
    else:
        parts.append("no source this brief cites records its year.")
    return Note(("".join(parts),))


#: section key -> what its coverage line names: (column of the coverage records, scheme, words)
_COVERS = {
    "architecture": (("level", "level", "the levels"), ("relation", "relation-kind", "the links between levels")),
    "mandates": (("domain", "mandate-domain", "the mandate domains"),),
    "instruments": (("itype", "instrument-type", "the instrument types"),),
    "targets": (("level", "level", "the levels"),),
    "networks": (("network", None, "the member lists of"),),
    "gaps": (("relation", "relation-kind", "the links between levels"),
             ("domain", "mandate-domain", "the mandate domains")),
    "replication": (("itype", "instrument-type", "the instrument types"),),
}


def coverage_line(ctx: Context, section: Section) -> Note | None:
    """One line on what the material was read for, as far as ``section`` is concerned (None: nothing to say)."""
    if section.key not in _COVERS or not ctx.coverage:
        return None
    what: list = []
    cites = []
    for column, scheme, words in _COVERS[section.key]:
        keys = sorted(ctx.covered(column), key=lambda k: (LEVELS.index(k) if k in LEVELS else 9, k))
        if not keys:
            continue
        if scheme is None:
            what += ["; " if what else "", f"{words}: ", *ctx.names_list([ctx.label(k) for k in keys])]
        else:
            shown = [ctx.concept(scheme, k) if scheme != "level" or ctx.lang == "zh" else k for k in keys]
            what.append(("; " if what else "") + f"{words}: {joined(shown, ctx.lang, ', ')}")
        cites += [c for k in keys for c in ctx.coverage_cites(column, k)]
    if not what:
        return Note(("Coverage: the material on ", ctx.nation, " was not read for this section's subject as a "
                     "whole, so what it does not find here is a question to ask.",))
    return Note(("Coverage: the material on ", ctx.nation, " was read for ", *what, "."), ctx.cite(cites))
