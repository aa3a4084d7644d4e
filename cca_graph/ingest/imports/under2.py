"""The Under2 member list as printed in the 2017 highlights.

The list sits in the "about us" section of the report's text: headings of
continent and country in bold, members separated by the ideographic comma,
then the national endorsers. Each printed name is resolved through the
curated alias table ``loaders/tables/under2-aliases.csv`` (Chinese name →
English name, ISO 3166 code, level, parent); members become signatory
memberships observed in 2017, endorsers endorser memberships.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

from pyoxigraph import Quad

from ...safety import control_problem
from . import ImportContext
from .tables import shipped_table

__all__ = ["load_under2_roster", "parse_roster", "STATED_TOTAL"]

DOC = "under2-2017-highlights"
NETWORK = "under2-coalition"
#: the number of signatories and endorsers the report states for the end of 2017
STATED_TOTAL = 205
_SECTION_START = "关于我们"
_ENDORSERS = "国家背书"


def parse_roster(text: str) -> Iterator[tuple[int, str, str, str]]:
    """Yield ``(line, heading, name, kind)`` for each name in the printed list.

    ``heading`` is the country as printed (empty for endorsers); ``kind`` is
    ``member`` or ``endorser``.
    """
    lines = text.splitlines()
    start = next((i for i, l in enumerate(lines) if _SECTION_START in l and l.lstrip().startswith("#")), None)
    if start is None:
        return
    for number, line in enumerate(lines[start:], start + 1):
        if "**" not in line:
            continue
        # '**北美 - 加拿大:** a、b **美国:** c' → [('北美 - 加拿大:', ' a、b '), ('美国:', ' c')]
        for heading, names in re.findall(r"\*\*(.+?)\*\*([^*]*)", line):
            heading = heading.strip().rstrip(":：").strip()
            kind = "endorser" if heading.startswith(_ENDORSERS) else "member"
            country = "" if kind == "endorser" else heading.split("-")[-1].strip()
            for name in re.split(r"[、,，]", names):
                name = name.strip().strip("-").strip()
                name = re.sub(r"<sup>.*?</sup>", "", name).strip()
                if name:
                    yield number, country, name, kind


def _aliases() -> dict[tuple[str, str], dict]:
    with open(shipped_table("under2-aliases.csv"), encoding="utf-8", newline="") as fh:
        return {(row["zh"], row["country_zh"]): row for row in csv.DictReader(fh)}


def load_under2_roster(path: Path, ctx: ImportContext, **options) -> Iterator[Quad]:
    """Memberships of the Under2 Coalition from the report text at ``path``."""
    aliases = _aliases()
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        ctx.problem(0, "encoding", f"not valid UTF-8 (byte {exc.start})")
        return
    names = list(parse_roster(text))
    if not names:
        ctx.problem(0, "text", f"no member list found (a '{_SECTION_START}' section with bold country headings)")
        return
    members = sum(1 for n in names if n[3] == "member")
    distinct = len({(c, n) for _, c, n, _ in names})
    ctx.report.note(f"names printed: {len(names)} ({members} members, {len(names) - members} national endorsers; "
                    f"{distinct} distinct) against the {STATED_TOTAL} the report states")
    done: set[str] = set()
    for line, country_zh, name, kind in names:
        ctx.report.rows += 1
        faults = [(field, message) for field, text in (("heading", country_zh), ("name", name))
                  if (message := control_problem(text))]
        for field, message in faults:
            ctx.report.note("names holding control characters, left out", f"{ctx.shown}:{line}: {field}: {message}")
        if faults:
            ctx.decide(line, name, country_zh, None, "unresolved", "a control character in the printed list")
            continue
        alias = aliases.get((name, country_zh))
        if alias is None:
            ctx.report.note("names the alias table does not resolve", f"line {line}: {name} ({country_zh or 'endorser'})")
            ctx.decide(line, name, country_zh, None, "unresolved", "not in under2-aliases.csv")
            continue
        cite = {"doc": DOC, "locator": f"关于我们 (About us), member list, {country_zh or _ENDORSERS}: {name}"}
        country = alias["country"]
        ctx.report.countries[country] += 1
        yield from ctx.ensure_country(country, cite, line)
        label = {"en": alias["en"], "zh": name}
        if alias["level"] == "national":
            gid = country
            ctx.decide(line, name, country, gid, "iso-3166", f"under2-aliases.csv: {alias['en']}")
        elif alias["iso"]:
            gid = alias["iso"]
            yield from ctx.ensure_subdivision(gid, cite, line, label=label)
            ctx.decide(line, name, country, gid, "iso-3166", f"under2-aliases.csv: {alias['en']}")
        else:
            parent = alias["parent"] or country
            if parent != country:
                yield from ctx.ensure_subdivision(parent, cite, line)
            gid, quads = ctx.place(alias["en"], country, parent, alias["level"], cite, line, label=label)
            yield from quads
            if gid is None:
                continue
        role = "endorser" if kind == "endorser" else "signatory"
        mid = f"ms.{gid}.{NETWORK}.2017-{role}"
        if mid in done:
            ctx.report.note("names printed twice, one membership", f"line {line}: {name}")
            continue
        done.add(mid)
        if ctx.resolver.has_membership(gid, NETWORK, role):
            # the roster is case material too (loaders/under2/roster.yaml): one fact, one record
            ctx.report.note("memberships the graph already holds, not repeated", f"line {line}: {name}")
            continue
        ctx.report.memberships[f"{NETWORK} ({role})"] += 1
        yield from ctx.record({"id": mid, "type": "Membership", "label": {"en": f"{alias['en']}: Under2 {role} (2017 list)"},
                               "member": gid, "network": NETWORK, "role": role, "observed": 2017, "source": cite}, line)
