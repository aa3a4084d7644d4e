"""The brief as Markdown: footnotes as ``[^n]``, tables as pipe tables.

Rendered from ``templates/brief.md.j2``. Names from the data pass through
:func:`escape_md`, so a name cannot become markup (HTML, links, emphasis,
table cells) in whatever renders the Markdown. The chart becomes a nested
list. Headings and fixed phrases are in the brief's language (:mod:`.i18n`).
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ...atomic import atomic_write
from ...resources import templates_dir
from .i18n import localised, phrase
from .model import Brief, Link, Name, for_output

__all__ = ["escape_md", "render_markdown", "write_markdown"]

TEMPLATE = "brief.md.j2"
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#~&!])")


def escape_md(text: str) -> str:
    """``text`` with Markdown's special characters backslash-escaped and on one line.

    Examples
    --------
    >>> escape_md("<script>alert(1)</script> | *x*")
    '\\\\<script\\\\>alert(1)\\\\</script\\\\> \\\\| \\\\*x\\\\*'
    """
    return _SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", str(text)))


def _text(parts) -> str:
    return "".join(f"[{escape_md(p.text)}]({quote(p.href)})" if isinstance(p, Link)
                   else escape_md(p.text) if isinstance(p, Name) else escape_md(p) for p in parts)


def _refs(numbers) -> str:
    return "".join(f"[^{n}]" for n in numbers)


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(templates_dir()), autoescape=False, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["kind"] = lambda block: type(block).__name__
    env.filters["text"] = _text
    env.filters["refs"] = _refs
    env.filters["md"] = escape_md
    env.filters["url"] = lambda url: str(url).replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")
    return env


def render_markdown(brief: Brief) -> str:
    """The Markdown text of ``brief``."""
    brief = localised(for_output(brief))
    text = _environment().get_template(TEMPLATE).render(brief=brief, t=lambda text: phrase(text, brief.lang))
    return re.sub(r"\n{3,}", "\n\n", text)


def write_markdown(brief: Brief, path: Path | str) -> Path:
    """Write ``brief`` as Markdown to ``path`` (atomically); return the path."""
    path = Path(path)
    with atomic_write(path, newline="\n") as fh:
        fh.write(render_markdown(brief))
    return path
