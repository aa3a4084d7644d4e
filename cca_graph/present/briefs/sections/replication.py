"""Section 7, policies worth replicating: diffusion recorded, and what peers adopted.

From the catalogue questions ``scaled-up`` and ``replication-candidates``
(asked for every government of the country with a network membership, and the
nation itself).
"""
from __future__ import annotations

import re

from ..model import Bullets, Heading, Name, Note, Row, Section, Table
from .context import Context, group_rows
from .instruments import STATUS_WORDS, figure, observation_parts, observations, period
from .wording import with_status

__all__ = ["build", "origin_figures"]

#: the most replication candidates a brief shows
CANDIDATES = 15


def build(ctx: Context) -> Section:
    """What ``ctx.country`` scaled up or copied, and the instruments its peers adopted, by status."""
    section = ctx.section(6)
    section.blocks.append(Heading("Scaled up or copied"))
    rows = ctx.run("scaled-up")
    if rows is None:
        section.blocks.append(ctx.unavailable("scaled-up"))
    else:
        mine = [r for r in rows if r["country"] == ctx.country or r["origin_government"] in ctx.gov_ids]
        items = []
        for (instrument, link, origin, origin_gov, country), group in sorted(
                group_rows(mine, "instrument", "link", "origin", "origin_government", "country")):
            verb = "was scaled up from" if link == "scaled-up-from" else "was inspired by"
            where = "" if country == ctx.country else f" ({country})"
            why, cites = origin_figures(ctx, str(origin))
            items.append(ctx.fact_or_note(
                (ctx.label(instrument), where, f" {verb} ", ctx.label(origin), ", an instrument of ",
                 ctx.label(origin_gov), f" ({ctx.level_word(str(group[0]['origin_level']))} level)", *why, "."),
                ctx.sources_of(group) + cites))
        section.blocks.append(Bullets(tuple(items)) if items else Note((
            "The data records no instrument of ", ctx.nation, " scaled up from, or inspired by, a subnational "
            "one, and no subnational instrument of it that others took up (not recorded: diffusion the "
            "sources do not state is not in the data).")))
    candidates = _candidates(ctx)
    # a heading over the tables of candidates would stand empty above theirs ("Candidates: not looked at"):
    # it is printed only over the note that says why there are none
    if not any(isinstance(b, Heading) for b in candidates):
        section.blocks.append(Heading("Candidates: what peers adopted"))
    section.blocks += candidates
    return section


def origin_figures(ctx: Context, origin: str) -> tuple[tuple, list]:
    """What the data records of a scaled-up instrument's origin, as the clauses of a sentence, and their sources.

    The figures observed about it (the share of emissions it covers) and its outcomes, each
    labelled measured, scheduled or estimated, with units and periods as recorded: the reasons
    a story of diffusion is worth telling, kept with it.
    """
    parts: list = []
    cites: list = []
    for obs in observations(ctx).get(origin, ()):
        parts += ["; its ", *observation_parts(obs)]
        cites += obs.cites
    outcomes = sorted((o for o in ctx.outcomes if str(o.one("instrument")) == origin),
                      key=lambda o: (str(o.one("status")), str(o.one("indicator"))))
    for i, out in enumerate(outcomes):
        when = period(out)
        parts += ["; outcomes recorded: " if i == 0 else ", ", Name(str(out.one("indicator"))), " ",
                  *figure(out), f" ({when + '; ' if when else ''}{STATUS_WORDS.get(str(out.one('status')), 'status not recorded')})"]
        cites += out.cites
    return tuple(parts), cites


#: the candidates of each status, strongest first: heading, and what the status means for a candidate
KINDS = (("known-absent", "Known absences", "Known absences: a source states that these governments have no "
          "instrument of these types; it is cited with each row."),
         ("gap", "Surveyed and not found", "Surveyed and not found: the material was read for these types of "
          "instrument at these governments' levels and holds none of them."),
         ("not-covered", "Not looked at", "Questions to ask: the material did not look at these types of "
          "instrument for these governments, so they may well have one already (perhaps under another name); "
          "ask whether they do. This is not a finding that they lack one."))

#: who counts as a peer (queries/replication/replication-candidates.rq, "peer" and "network size")
PEERS = ("Peers are governments at the same level in the same country or in a shared network of at most 400 "
         "members; a larger one (the Global Covenant of Mayors, Race to Zero) is a campaign anyone may sign, "
         "and sharing it makes no peers. The networks each candidate came through are named under Why.")


def _candidates(ctx: Context) -> list:
    if "replication-candidates" not in ctx.known_queries:
        return [ctx.unavailable("replication-candidates")]
    if not ctx.competence_recorded():
        return [Note(("The data holds no candidate: a candidate is a type of instrument a government has the "
                      "competence for, a mandate a law gives it, and the data records no such law of ", ctx.nation,
                      " (not recorded, which is not proof that there is none).",))]
    members = ctx.candidate_governments()
    found = []
    for government in members:
        rows = with_status(ctx.run("replication-candidates", government=government))
        for key, group in group_rows(rows, "government", "instrument_type", "status"):
            found.append((key, group))
    if not found:
        return [Note(("The data holds no candidate: for no government of ", ctx.nation, " did a peer (same level, "
                      "the same country or a shared network of at most 400 members) adopt a type of instrument that "
                      "neither it nor its nation has and that one of its mandates gives it the competence for (a "
                      "duty to co-operate gives none).",))]

    def strength(kg):
        first = kg[1][0]
        return (-int(first.get("outcome_evidence") or 0), -int(first.get("adopters") or 0),
                ctx.sort_key(ctx.label(kg[0][0])), str(kg[0][1]))

    found.sort(key=strength)
    # who counts as a peer, under the first heading, after what its status means
    peers = Note((PEERS + " The example's sources are given. A candidate is a lead to check, not a recommendation.",))
    blocks: list = []
    shown = 0
    for status, heading, meaning in KINDS:
        mine = [kg for kg in found if kg[0][2] == status][:max(CANDIDATES - shown, 0)]
        shown += len(mine)
        if not mine:
            continue
        # governments offered the same thing for the same reasons (seven Länder, one partnership, one
        # mandate) share a row: the candidate is said once, with every government it is for
        merged: dict[tuple, tuple[list, list]] = {}
        for (government, itype, _), group in mine:
            # nobody looked: whether the government has one is not known, which the cell says (Mexico may
            # well have a development plan under its own name)
            unknown = (" (whether one is in place is not known)",) if status == "not-covered" else ()
            rest = ((ctx.concept("instrument-type", itype), *unknown),
                    (f"{int(group[0].get('adopters') or 0)}",), (f"{int(group[0].get('outcome_evidence') or 0)}",),
                    (ctx.label(group[0]["example_instrument"]) if group[0].get("example_instrument") else "",),
                    _competence(ctx, group[0].get("competence")), _why(ctx, group[0].get("why")))
            governments, groups = merged.setdefault(rest, ([], []))
            governments.append(ctx.label(government))
            groups.extend(group)
        rows = [Row((ctx.names_list(governments, 8), *rest), ctx.cite(ctx.sources_of(groups)))
                for rest, (governments, groups) in merged.items()]
        blocks.append(Heading(f"Candidates: {heading[0].lower()}{heading[1:]}"))
        blocks += [Note((meaning,))] + ([] if peers in blocks else [peers])
        blocks.append(Table(("Government", "Type of instrument peers adopted", "Peers that adopted it",
                             "Measured outcomes", "Example", "Competence (mandate)", "Why"), tuple(rows),
                            "Instruments peers adopted, strongest evidence first"))
    if len(found) > shown:
        left = sorted({kg[0][0] for kg in found[shown:]})
        commands = "; ".join(f"cca-graph query replication-candidates --government {g}" for g in left[:3])
        blocks.append(Note((f"{len(found) - shown} more candidates are not shown here; list them with "
                            f"{commands}{' and so on' if len(left) > 3 else ''}.",)))
    return blocks


def _competence(ctx: Context, value) -> tuple:
    """The mandates that give the competence: a list cell of "mandate <id>" items (or bare ids), by name."""
    ids = [item.strip().removeprefix("mandate ").strip() for item in str(value or "").split(";") if item.strip()]
    if ids and all(" " not in m for m in ids):
        return tuple(part for i, m in enumerate(sorted(dict.fromkeys(ids))) for part in
                     ((", ",) if i else ()) + (ctx.label(m),))
    return (Name(str(value).strip()),) if ids else ("none recorded",)


_REASON = re.compile(r"^(\S+) by (\S+) \((.+)\)$")


def _why(ctx: Context, value) -> tuple:
    """Why a candidate is proposed: the peers that adopted it, by how they are peers ("Vermont, South
    Australia and California (Under2 Coalition)"); the Example column names one of their instruments, the
    question replication-candidates every one."""
    parts: list = []
    peers: dict[str, list[str]] = {}
    others: list[str] = []
    for reason in dict.fromkeys(r.strip() for r in str(value or "").split(";") if r.strip()):
        found = _REASON.match(reason)
        if found:
            _, peer, via = found.groups()
            if peer not in peers.setdefault(via, []):
                peers[via].append(peer)
        else:
            others.append(reason)
    for i, (via, who) in enumerate(peers.items()):
        parts += ["; "] if i else []
        parts += [*ctx.names_list([ctx.label(p) for p in who], 6), " ("]
        parts.append(ctx.label(via) if " " not in via else Name(via))
        parts.append(")")
    for reason in others:
        parts += ["; "] if parts else []
        parts.append(Name(reason))
    return tuple(parts) or ("",)
