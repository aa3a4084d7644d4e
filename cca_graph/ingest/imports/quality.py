"""The data-quality report of an import, for a data steward: an HTML page and a CSV.

Placeholder until the report is written: the CSV lists the report's counts.
"""
from __future__ import annotations

import csv
from pathlib import Path

from ...atomic import temporary_name

__all__ = ["write_report"]


def write_report(report, stem: Path) -> dict[Path, Path]:
    final = stem.with_name(stem.name + ".report.csv")
    tmp = temporary_name(final)
    with open(tmp, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["section", "key", "count", "example"])
        for section, counter in (("methods", report.methods), ("governments", report.governments),
                                 ("notes", report.notes)):
            for key, n in sorted(counter.items()):
                out.writerow([section, key, n, ""])
    return {tmp: final}
