"""Small pieces of wording the sections share: years, articles, counts, numbers."""
from __future__ import annotations

from ..data import missing as _missing

__all__ = ["year", "article", "plural", "number", "STATUSES", "NOT_COVERED", "NOT_COVERED_MEANS", "SURVEYED", "status", "with_status",
           "rank"]


def year(value) -> str:
    return str(int(value)) if isinstance(value, (int, float)) and not _missing(value) else str(value)


def article(value) -> str:
    """", art. 58" for a provision's article; nothing when the source states none."""
    text = "" if _missing(value) else str(value).strip()
    if not text or text in ("None", "not stated in source"):
        return ""
    return f", art. {text}"


def plural(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n:,} {singular if n == 1 else plural or singular + 's'}"


def number(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    return f"{value:,}" if isinstance(value, (int, float)) else str(value)


# -- how sure a finding is -----------------------------------------------------------------
#: the status of a gap question's row (queries/README.md), strongest first
STATUSES = ("no-gap", "known-absent", "gap", "not-covered")
# the words the questions used before the status contract: "absent in the data" claimed no
# survey, so it is read as not-covered
_EARLIER = {"known absent": "known-absent", "absent in the data": "not-covered"}
#: what a brief says of a not-covered finding, a question, never a lack: the short status word, which the
#: legend above section 1 explains once (:data:`NOT_COVERED_MEANS`)
NOT_COVERED = "not looked at"
#: what "not looked at" means, said once in a brief
NOT_COVERED_MEANS = "the material did not look at this \u2014 a question to ask, not a failing"
#: what a brief says of a gap finding
SURVEYED = "surveyed and not found"


def status(row: dict, exists: bool = False) -> str:
    """The status of a catalogue row, one of :data:`STATUSES`.

    ``exists`` says whether the row's own evidence shows the link: a question
    of the time before the status contract left the status of such a row blank.

    Examples
    --------
    >>> status({"status": "gap"}), status({"status": "known absent"}), status({"status": "absent in the data"})
    ('gap', 'known-absent', 'not-covered')
    >>> status({"status": None}, exists=True), status({})
    ('no-gap', 'not-covered')
    """
    value = str(row.get("status") or "").strip()
    if value in STATUSES:
        return value
    if value in _EARLIER:
        return _EARLIER[value]
    return "no-gap" if exists else "not-covered"


def with_status(rows: list[dict], exists=lambda row: False) -> list[dict]:
    """``rows`` with their ``status`` read by :func:`status` (``exists(row)`` for a blank one)."""
    return [dict(row, status=status(row, bool(exists(row)))) for row in rows or ()]


def rank(value: str) -> int:
    """Where the status ``value`` comes in :data:`STATUSES` (strongest first)."""
    return STATUSES.index(value) if value in STATUSES else len(STATUSES)
