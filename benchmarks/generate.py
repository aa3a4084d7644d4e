"""Deterministic synthetic registries at benchmark sizes, in the formats the loaders read.

``python benchmarks/generate.py --size M --to /tmp/bench-M`` writes

- ``cases/``: a case root (``sources.yaml`` and a ``synthetic/`` case folder of
  YAML files): countries, their ISO 3166-2 regions, cities, a climate law per
  country with its provisions and mandates, climate plans, outcomes, net-zero
  pledges and interim targets, regional carbon taxes some nations scaled up,
  national reporting platforms some regions report via, integrity criteria for
  pledges, and the networks;
- ``rosters/memberships.csv``: network memberships of cities, of regions and
  nations (the Under2 Coalition, mixing levels) in the roster CSV format
  (``cca-graph import roster``).

Every question of the catalogue finds rows in it, so the benchmark times
questions that do their whole work.

Sizes are counted in cities (GCoM alone lists over 13,000): S about the case
graph, M about 10^6 triples after the rosters are imported, L about 10^7.
The same size and seed always give the same files.
"""
from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

import pycountry

SIZES = {"S": 300, "M": 31_000, "L": 310_000}
NETWORKS = [("gcom", "Global Covenant of Mayors (synthetic)", 0.8), ("c40", "C40 (synthetic)", 0.01),
            ("iclei", "ICLEI (synthetic)", 0.15), ("race-to-zero", "Race to Zero (synthetic)", 0.2),
            ("under2-coalition", "Under2 Coalition (synthetic)", 0.0), ("climate-mayors", "Climate Mayors (synthetic)", 0.05)]
SOURCE = "synthetic-registry"
# integrity criteria for pledges, shaped like the UN expert group's: (check key, label, requirements)
CRITERIA = [("net-zero", "Public net-zero pledge", ", requires_commitment_type: net-zero"),
            ("interim-target", "Interim target for 2030", ", requires_commitment_type: emissions-reduction, "
                                                          "requires_target_year: [2030]"),
            ("plan", "A climate action plan", ", requires_instrument_type: climate-action-plan"),
            ("reporting", "Reports progress through a platform", ", requires_instrument_type: mrv-platform"),
            ("third-party-checks", "Checked by a third party", "")]
CITIES_PER_FILE = 5_000


def _cite(locator: str) -> str:
    return f'{{doc: {SOURCE}, locator: "{locator}"}}'


def _countries(count: int) -> list[tuple[str, str, list[str]]]:
    """(code, name, first-level subdivision codes) of countries with at least 5 subdivisions, by code."""
    found = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        subs = sorted(s.code for s in pycountry.subdivisions.get(country_code=country.alpha_2) or [] if not s.parent_code)
        if len(subs) >= 5:
            found.append((country.alpha_2, country.name.replace('"', "'"), subs[:40]))
        if len(found) == count:
            break
    return found


def generate(size: str, to: Path, seed: int = 42) -> dict[str, int]:
    """Write the registry of ``size`` under ``to``; return counts of what was written."""
    rng = random.Random(seed)
    cities = SIZES[size]
    countries = _countries(max(3, min(60, cities // 400)))
    case = to / "cases" / "synthetic"
    rosters = to / "rosters"
    case.mkdir(parents=True, exist_ok=True)
    rosters.mkdir(parents=True, exist_ok=True)
    (to / "cases" / "sources.yaml").write_text(
        f"sources:\n  - key: {SOURCE}\n    title: Synthetic registry for benchmarks ({size})\n"
        f"    publisher: cca-graph benchmarks\n    year: 2026\n", encoding="utf-8")
    counts = {"countries": len(countries), "regions": 0, "cities": 0, "memberships": 0}
    regional_members: list[tuple[str, str, str]] = []   # Under2 members and endorsers above the cities

    with open(case / "countries.yaml", "w", encoding="utf-8") as fh:
        fh.write("records:\n")
        for code, name, subs in countries:
            fh.write(f'  - {{id: {code}, type: Government, label: "{name}", level: national, iso: {code}, '
                     f'source: {_cite("countries")}}}\n')
            fh.write(f'  - {{id: {code.lower()}-law, type: LegalAct, label: "Climate law of {name}", enacted_by: {code}, '
                     f'year: {rng.randint(2008, 2022)}, source: {_cite("laws")}}}\n')
            for article, level, modality, domain in (("7", "regional", "obligation", "climate-planning"),
                                                     ("9", "local", "power", "mitigation")):
                fh.write(f'  - {{id: {code.lower()}-law-art{article}, type: Provision, label: "Article {article}", '
                         f'act: {code.lower()}-law, article: "{article}", source: {_cite("laws")}}}\n')
                extra = ", requires_instrument_type: climate-action-plan" if modality == "obligation" else ""
                fh.write(f'  - {{id: {code.lower()}-mandate-{level}, type: Mandate, label: "{level} {modality}", '
                         f'assigned_by: {code.lower()}-law-art{article}, to_level: {level}, domain: {domain}, '
                         f'modality: {modality}{extra}, source: {_cite("laws")}}}\n')
            fh.write(f'  - {{id: {code.lower()}-net-zero, type: Commitment, label: "{name} net zero", committed_by: {code}, '
                     f'commitment_type: net-zero, target_year: {rng.choice([2050, 2060, 2070])}, source: {_cite("targets")}}}\n')
            platform = rng.random() < 0.5
            if platform:
                fh.write(f'  - {{id: {code.lower()}-mrv, type: Instrument, label: "Reporting platform of {name}", '
                         f'instrument_type: mrv-platform, adopted_by: {code}, start_year: {rng.randint(2012, 2020)}, '
                         f'source: {_cite("platforms")}}}\n')
            taxed = None
            for sub in subs:
                counts["regions"] += 1
                reports = f", reports_via: {code.lower()}-mrv" if platform and rng.random() < 0.6 else ""
                fh.write(f'  - {{id: {sub}, type: Government, label: "Region {sub}", level: regional, iso: {sub}, '
                         f'part_of: {code}{reports}, source: {_cite("regions")}}}\n')
                if rng.random() < 0.5:
                    fh.write(f'  - {{id: {sub.lower()}-plan, type: Instrument, label: "Plan of {sub}", '
                             f'instrument_type: climate-action-plan, adopted_by: {sub}, start_year: {rng.randint(2010, 2024)}, '
                             f'implements: {code.lower()}-mandate-regional, source: {_cite("plans")}}}\n')
                if rng.random() < 0.4:
                    fh.write(f'  - {{id: {sub.lower()}-net-zero, type: Commitment, label: "{sub} net zero", committed_by: {sub}, '
                             f'commitment_type: net-zero, target_year: {rng.choice([2040, 2045, 2050, 2060])}, '
                             f'source: {_cite("targets")}}}\n')
                if taxed is None and rng.random() < 0.1:
                    taxed = sub
                    fh.write(f'  - {{id: {sub.lower()}-carbon-tax, type: Instrument, label: "Carbon tax of {sub}", '
                             f'instrument_type: carbon-tax, adopted_by: {sub}, start_year: {rng.randint(2008, 2016)}, '
                             f'source: {_cite("carbon taxes")}}}\n')
                if rng.random() < 0.3:
                    regional_members.append((f"Region {sub}", code, "regional"))
            if taxed is not None and rng.random() < 0.5:
                fh.write(f'  - {{id: {code.lower()}-carbon-tax, type: Instrument, label: "Carbon tax of {name}", '
                         f'instrument_type: carbon-tax, adopted_by: {code}, start_year: {rng.randint(2017, 2024)}, '
                         f'scaled_up_from: {taxed.lower()}-carbon-tax, source: {_cite("carbon taxes")}}}\n')
            if rng.random() < 0.2:
                regional_members.append((name, code, "national"))
        for nid, label, _ in NETWORKS:
            fh.write(f'  - {{id: {nid}, type: Network, label: "{label}", source: {_cite("networks")}}}\n')
        for crit, label, extra in CRITERIA:
            fh.write(f'  - {{id: synthetic-crit-{crit}, type: IntegrityCriterion, label: "{label}", check: {crit}, '
                     f'applies_to_level: [regional, local]{extra}, source: {_cite("criteria")}}}\n')

    with open(rosters / "memberships.csv", "w", encoding="utf-8", newline="") as roster:
        writer = csv.writer(roster, lineterminator="\n")
        writer.writerow(["name", "country", "level", "network", "role", "since", "source"])
        for n, (member, code, level) in enumerate(regional_members):
            counts["memberships"] += 1
            writer.writerow([member, code, level, "under2-coalition", "member" if level == "regional" else "endorser",
                             rng.randint(2015, 2024), f"synthetic roster row u{n}"])
        out = None
        for n in range(cities):
            if n % CITIES_PER_FILE == 0:
                if out:
                    out.close()
                out = open(case / f"cities-{n // CITIES_PER_FILE:03d}.yaml", "w", encoding="utf-8")
                out.write("records:\n")
            code, name, subs = countries[n % len(countries)]
            region = subs[rng.randrange(len(subs))]
            cid = f"{region}.city-{n:06d}"
            counts["cities"] += 1
            out.write(f'  - {{id: {cid}, type: Government, label: "City {n:06d}", level: local, part_of: {region}, '
                      f'source: {_cite(f"city {n}")}}}\n')
            if rng.random() < 0.3:
                out.write(f'  - {{id: {cid}-plan, type: Instrument, label: "Climate plan of city {n:06d}", '
                          f'instrument_type: climate-action-plan, adopted_by: {cid}, start_year: {rng.randint(2010, 2024)}, '
                          f'source: {_cite(f"city {n}")}}}\n')
                if rng.random() < 0.2:
                    out.write(f'  - {{id: {cid}-plan-outcome, type: Outcome, label: "Emissions change, city {n:06d}", '
                              f'instrument: {cid}-plan, indicator: CO2 change, value: {rng.uniform(-30, 5):.1f}, '
                              f'unit: percent, status: measured, period_start: 2015, period_end: 2022, source: {_cite(f"city {n}")}}}\n')
            if rng.random() < 0.4:
                out.write(f'  - {{id: {cid}-net-zero, type: Commitment, label: "City {n:06d} net zero", committed_by: {cid}, '
                          f'commitment_type: net-zero, target_year: {rng.choice([2035, 2040, 2050])}, '
                          f'source: {_cite(f"city {n}")}}}\n')
                if rng.random() < 0.5:
                    out.write(f'  - {{id: {cid}-2030, type: Commitment, label: "City {n:06d} 2030 target", '
                              f'committed_by: {cid}, commitment_type: emissions-reduction, target_year: 2030, '
                              f'source: {_cite(f"city {n}")}}}\n')
            for nid, _, share in NETWORKS:
                if rng.random() < share:
                    counts["memberships"] += 1
                    writer.writerow([f"City {n:06d}", code, "local", nid, "member",
                                     rng.randint(2010, 2024), f"synthetic roster row {n}"])
        if out:
            out.close()
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="M")
    parser.add_argument("--to", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    print(generate(args.size, args.to, args.seed))


if __name__ == "__main__":
    main()
