"""Small pieces of wording the sections share: years, articles, counts, numbers."""
from __future__ import annotations

from ..data import missing as _missing

__all__ = ["year", "article", "plural", "number"]


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
