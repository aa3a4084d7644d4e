"""Text from data, made safe for where it goes: input checks, terminals, spreadsheets, links.

One place for the rules every reader and writer shares:

- :func:`control_problem` says what is wrong with a name or text holding
  control characters, so readers refuse it at its line;
- :func:`printable` escapes what a terminal would act on, for error messages;
- :func:`spreadsheet_cell` neutralises a CSV cell a spreadsheet would run
  as a formula;
- :func:`web_url` accepts only http(s) addresses for links.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

__all__ = ["control_problem", "holds_control", "printable", "escape_controls", "spreadsheet_cell", "from_spreadsheet_cell", "web_url",
           "server_url", "port_problem", "FORMULA_STARTS"]

# C0 controls (but tab, newline and carriage return), DEL, C1 controls, the
# bidirectional overrides and isolates, and the non-characters U+FFFE/U+FFFF
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
# in a one-line value (a name, an id, a locator) tab and line breaks are controls too
_CONTROL_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# what control_problem refuses in a one-line value, but the line feed
_CONTROL_BETWEEN_LINES = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff"
                                    "\ud800-\udfff]")

#: first characters that make a spreadsheet read a cell as a formula
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def _describe(char: str) -> str:
    return f"U+{ord(char):04X}"


def control_problem(text: str, *, one_line: bool = True) -> str | None:
    """What is wrong with ``text`` for a reader, or None when nothing is.

    A one-line value (a name, a label, a locator) takes no control character
    at all; a text (a description) may hold tabs and line breaks.

    Examples
    --------
    >>> control_problem("Tromsø")
    >>> control_problem("Bad\\x1b[31mName")
    'holds a control character (U+001B at position 4); remove it'
    >>> control_problem("two\\nlines", one_line=False)
    >>> control_problem("two\\nlines")
    'holds a control character (U+000A at position 4); remove it'
    """
    found = (_CONTROL_LINE if one_line else _CONTROL).search(text) or _SURROGATE.search(text)
    if found is None:
        return None
    return f"holds a control character ({_describe(found.group())} at position {found.start() + 1}); remove it"


def holds_control(text: str, *, line_breaks: bool = False) -> bool:
    """Whether :func:`control_problem` would refuse ``text`` as a one-line value.

    With ``line_breaks``, line feeds are allowed: ``text`` is many one-line
    values, one or more a line (a whole file of them checked in one pass).

    Examples
    --------
    >>> holds_control("Tromsø"), holds_control("a\\nb"), holds_control("a\\nb", line_breaks=True)
    (False, True, False)
    >>> holds_control("a\\nb\\u202e", line_breaks=True)
    True
    """
    if not line_breaks:
        return control_problem(text) is not None
    return _CONTROL_BETWEEN_LINES.search(text) is not None


def printable(text: str) -> str:
    """``text`` with every control character written as an escape, for a terminal or a log.

    Examples
    --------
    >>> printable("Bad\\x1b[31mName\\x07")
    'Bad\\\\x1b[31mName\\\\x07'
    >>> printable("Tromsø, 北京")
    'Tromsø, 北京'
    """
    if text.isprintable():  # no control, separator but the space, or surrogate: the common case, at once
        return text

    def escape(match: re.Match) -> str:
        code = ord(match.group())
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    return _SURROGATE.sub(escape, _CONTROL_LINE.sub(escape, text))


def escape_controls(text: str) -> str:
    """``text`` with control characters written as escapes, tabs and line breaks kept (for prose).

    Examples
    --------
    >>> escape_controls("Lis\\x00bon\\x1b[31m\\nsecond line")
    'Lis\\\\x00bon\\\\x1b[31m\\nsecond line'
    """
    def escape(match: re.Match) -> str:
        return printable(match.group())
    return _SURROGATE.sub(escape, _CONTROL.sub(escape, text))


def spreadsheet_cell(value):
    """A CSV cell a spreadsheet shows as text, never runs as a formula.

    A text cell that begins with ``= + - @``, a tab or a carriage return gets
    a leading apostrophe, as spreadsheet tools expect; numbers (``-5``,
    ``+1.5e3``) and every other value are left as they are.

    Examples
    --------
    >>> spreadsheet_cell("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> spreadsheet_cell("-12.5"), spreadsheet_cell(-3), spreadsheet_cell("Jalisco")
    ('-12.5', -3, 'Jalisco')
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def from_spreadsheet_cell(value: str) -> str:
    """The text :func:`spreadsheet_cell` was given back, for a program that reads our CSV files.

    Examples
    --------
    >>> from_spreadsheet_cell(spreadsheet_cell("=SUM(1)")), from_spreadsheet_cell("'s-Hertogenbosch")
    ('=SUM(1)', "'s-Hertogenbosch")
    """
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(value[1:]):
        return value[1:]
    return value


def web_url(url: str) -> bool:
    """Whether ``url`` is an absolute http(s) address with a host (the only links we write).

    Examples
    --------
    >>> web_url("https://www.gob.mx/inecc"), web_url("javascript:alert(1)"), web_url("//evil")
    (True, False, False)
    """
    if not isinstance(url, str) or _CONTROL_LINE.search(url) or any(c.isspace() for c in url):
        return False
    parts = urlsplit(url)
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def port_problem(url: str) -> str | None:
    """What is wrong with the port of ``url``, or None when it has none or a port from 1 to 65535.

    Examples
    --------
    >>> port_problem("http://127.0.0.1:3030/cca"), port_problem("http://h/cca")
    (None, None)
    >>> port_problem("http://127.0.0.1:99999/cca"), port_problem("bolt://h:0")
    ('port 99999 is out of range (1-65535)', 'port 0 is out of range (1-65535)')
    >>> port_problem("http://h:30x0/cca")
    "port '30x0' is not a number"
    """
    try:
        netloc = urlsplit(url).netloc
    except ValueError:
        return None  # no address at all: for the check of the scheme and host to say
    host = netloc.rsplit("@", 1)[-1]
    # the port follows the last colon, unless that colon sits inside an IPv6 address's brackets
    written = host.rpartition(":")[2] if ":" in host.rpartition("]")[2] else ""
    if not written:
        return None
    if not written.isascii() or not written.isdigit():
        return f"port {written!r} is not a number"
    if not 1 <= int(written) <= 65535:
        return f"port {int(written)} is out of range (1-65535)"
    return None


def server_url(url: str, schemes: tuple[str, ...]) -> tuple[bool, bool]:
    """Whether ``url`` is SCHEME://HOST[:PORT]… with a scheme of ``schemes``, and whether it holds a user name
    or password (which a server address given to us never may).

    Raises
    ------
    CcaError
        When its port is no number or out of range, naming the port (and the URL, its password masked):
        a message about the scheme would send the reader looking in the wrong place.

    Examples
    --------
    >>> server_url("bolt://127.0.0.1:7687", ("bolt",)), server_url("ftp://h/x", ("http",))
    ((True, False), (False, False))
    >>> server_url("https://me:secret@db.example.org/cca", ("http", "https"))
    (True, True)
    >>> server_url("http://me:secret@h:99999/x", ("http",))
    Traceback (most recent call last):
    ...
    cca_graph.errors.CcaError: 'http://me:***@h:99999/x': port 99999 is out of range (1-65535)
    """
    why = port_problem(url)
    if why is not None:
        from .errors import CcaError

        raise CcaError(f"{_masked(url)!r}: {why}")
    parts = urlsplit(url)
    try:
        parts.port  # noqa: B018 - raises on what port_problem let through (a malformed address)
        fine = parts.scheme.lower() in schemes and bool(parts.hostname)
    except ValueError:
        fine = False
    return fine, fine and "@" in parts.netloc


def _masked(url: str) -> str:
    """``url`` with the password in it (if any) written ``***``."""
    scheme, sep, rest = url.partition("://")
    userinfo, at, host = rest.partition("/")[0].rpartition("@")
    if not at or ":" not in userinfo:
        return url
    return f"{scheme}{sep}{userinfo.split(':', 1)[0]}:***@{rest[len(userinfo) + 1:]}"
