"""Reading YAML while keeping the line of every mapping and key.

Case files are reported on by line, so the mappings read here remember where
each of their keys stood.

Registry-sized case files are usually written one record per line, as a flow
mapping (``  - {id: x, type: Government, ...}``). Building PyYAML's node tree
for those costs about a second per megabyte, so :func:`read_yaml` first tries
:func:`read_flow_records`, a reader for exactly that shape that resolves every
scalar with PyYAML's own resolver and constructors; a file with anything else
in it (block records, anchors, tags, escapes, multi-line values) is read by
PyYAML as before. Both give the same values, lines and duplicate keys.

What a curator could not see in the file is refused at its line, never
skipped or expanded: aliases (a few lines of aliases can expand to gigabytes;
an anchor no alias uses changes nothing and is read), a key given twice in any mapping (the first value would be lost)
and control characters in any key or value (:func:`tree_problems`).
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..errors import Problem
from ..safety import control_problem, holds_control

__all__ = ["LineDict", "LineList", "read_yaml", "read_flow_records", "parse_yaml", "tree_problems"]


class LineDict(dict):
    """A dict that knows its own line and the line of each key (1-based).

    ``clean`` is set on the top of a file read by :func:`read_flow_records`
    when no key is given twice anywhere below it and its text holds no
    control character: :func:`tree_problems` has nothing to look for there.
    """

    line: int = 0
    clean: bool = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines: dict = {}
        self.duplicate_keys: list[tuple[str, int]] = []

    def line_of(self, key) -> int:
        return self.lines.get(key, self.line)


class LineList(list):
    """A list that knows its own line and the line of each item (1-based)."""

    line: int = 0

    def __init__(self, *args):
        super().__init__(*args)
        self.lines: list[int] = []

    def line_of(self, index: int) -> int:
        return self.lines[index] if index < len(self.lines) else self.line


_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_FLOAT = re.compile(r"^[-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+]?[0-9]+)?$|^[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+$")
_WORDS = {"true": "bool", "True": "bool", "TRUE": "bool", "false": "bool", "False": "bool", "FALSE": "bool",
          "null": "null", "Null": "null", "NULL": "null", "~": "null", "": "null"}


# libyaml's parser when the wheel has it: the same nodes and marks, ten times faster
class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    def resolve(self, kind, value, implicit):
        # most plain scalars in case files are words; decide those without
        # running every implicit resolver's pattern (the usual cost of loading)
        if kind is yaml.ScalarNode and implicit[0] and value:
            first = value[0]
            if not (first.isdigit() or first in "-+.~nNtTfFyYoO<=") and value not in _WORDS:
                return yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG
        return super().resolve(kind, value, implicit)


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if isinstance(key, (dict, list)):
            raise yaml.constructor.ConstructorError(None, None, "a key must be a single value, not a mapping or list",
                                                    key_node.start_mark)
        if key in result:
            result.duplicate_keys.append((str(key), line))
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = line
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList()
    result.line = node.start_mark.line + 1
    for item in node.value:
        result.append(loader.construct_object(item, deep=True))
        result.lines.append(item.start_mark.line + 1)
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


# -- the one-record-per-line fast path -------------------------------------------

_TOP = re.compile(r"^records:[ ]*(?:#.*)?$")
_ITEM = re.compile(r"^([ ]*)- (?=\{)")
_SKIP = re.compile(r"^[ ]*(?:#.*)?$")
_END = re.compile(r"[ ]*(?:[ ]#.*)?$")
# a plain scalar this reader is sure about: word characters and . + / - inside,
# words separated by spaces; anything else is left to PyYAML
_SCALAR = r"""(?:"(?P<{p}dq>[^"\\]*)"|'(?P<{p}sq>(?:[^']|'')*)'|(?P<{p}plain>(?:\w|-(?=[0-9]))[\w.+/-]*(?:[ ]+[\w.+/-]+)*))"""
# one entry of a flow mapping: key, colon, then a scalar and what follows it, or the opening of a collection
_ENTRY = re.compile(r"[ ]*" + _SCALAR.format(p="k") + r":[ ]+(?:" + _SCALAR.format(p="v")
                    + r"[ ]*(?P<sep>[,}])|(?P<open>[{\[]))")
# one item of a flow sequence
_ITEM_VALUE = re.compile(r"[ ]*(?:" + _SCALAR.format(p="v") + r"[ ]*(?P<sep>[,\]])|(?P<open>[{\[]))")
_CLOSE_MAP = re.compile(r"[ ]*(?P<sep>[,}])")
_CLOSE_SEQ = re.compile(r"[ ]*(?P<sep>[,\]])")
# the loops below unpack the groups by position
assert list(_ENTRY.groupindex) == ["kdq", "ksq", "kplain", "vdq", "vsq", "vplain", "sep", "open"]
assert list(_ITEM_VALUE.groupindex) == ["vdq", "vsq", "vplain", "sep", "open"]
assert _ENTRY.groups == 8 and _ITEM_VALUE.groups == 5
_EMPTY_MAP = re.compile(r"[ ]*\}")
_EMPTY_SEQ = re.compile(r"[ ]*\]")
_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE
_PLAIN_CACHE: dict[str, object] = {}
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_RESOLVER = yaml.resolver.Resolver()


class _NotFlow(Exception):
    """The text is not in the one-record-per-line shape; PyYAML reads it."""


def _plain(text: str):
    if not (text[0].isdigit() or text[0] in "-+.~nNtTfFyYoO<=") and text not in _WORDS:
        return text
    value = _PLAIN_CACHE.get(text, _PLAIN_CACHE)
    if value is _PLAIN_CACHE:
        tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))
        value = _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, yaml.ScalarNode(tag, text))
        if len(_PLAIN_CACHE) > 100_000:
            _PLAIN_CACHE.clear()
        _PLAIN_CACHE[text] = value
    return value


def _scalar(dq: str | None, sq: str | None, plain: str | None):
    """The value of a scalar from the groups of ``_SCALAR`` (one of them matched)."""
    if plain is not None:
        return _plain(plain)
    if dq is not None:
        return dq
    return sq.replace("''", "'")


def _flow_mapping(text: str, pos: int, line: int, repeated: list) -> tuple[LineDict, int]:
    """The flow mapping opened just before ``pos``, and the position after its closing brace.

    A key given twice is noted in the mapping and in ``repeated``.
    """
    result = LineDict()
    result.line = line
    lines = result.lines
    empty = _EMPTY_MAP.match(text, pos)
    if empty is not None:
        return result, empty.end()
    while True:
        entry = _ENTRY.match(text, pos)
        if entry is None:
            raise _NotFlow
        # all groups in one call: this loop runs for every field of every record
        kdq, ksq, kplain, vdq, vsq, vplain, sep, opening = entry.groups()
        key = _scalar(kdq, ksq, kplain)
        if key in result:
            result.duplicate_keys.append((str(key), line))
            repeated.append(key)
        if opening is None:
            result[key] = _scalar(vdq, vsq, vplain)
            pos = entry.end()
        else:
            result[key], sep, pos = _collection(opening, text, entry.end(), line, _CLOSE_MAP, repeated)
        lines[key] = line
        if sep == "}":
            return result, pos


def _flow_sequence(text: str, pos: int, line: int, repeated: list) -> tuple[LineList, int]:
    """The flow sequence opened just before ``pos``, and the position after its closing bracket."""
    result = LineList()
    result.line = line
    empty = _EMPTY_SEQ.match(text, pos)
    if empty is not None:
        return result, empty.end()
    while True:
        item = _ITEM_VALUE.match(text, pos)
        if item is None:
            raise _NotFlow
        vdq, vsq, vplain, sep, opening = item.groups()
        if opening is None:
            result.append(_scalar(vdq, vsq, vplain))
            pos = item.end()
        else:
            value, sep, pos = _collection(opening, text, item.end(), line, _CLOSE_SEQ, repeated)
            result.append(value)
        result.lines.append(line)
        if sep == "]":
            return result, pos


def _collection(opening: str, text: str, pos: int, line: int, closing: re.Pattern,
                repeated: list) -> tuple[object, str, int]:
    """The mapping or sequence opened just before ``pos``, the separator after it and the position after that."""
    value, pos = (_flow_mapping if opening == "{" else _flow_sequence)(text, pos, line, repeated)
    close = closing.match(text, pos)
    if close is None:
        raise _NotFlow
    return value, close.group("sep"), close.end()


def read_flow_records(text: str) -> LineDict | None:
    r"""Read ``records:`` followed by one flow mapping per line; ``None`` for any other text.

    Gives what PyYAML gives for the same text (values, lines, duplicate keys);
    returning ``None`` means "not sure": the caller reads the text with PyYAML.

    Examples
    --------
    >>> data = read_flow_records("records:\n  - {id: mx, year: 2012}\n")
    >>> data["records"][0], data["records"][0].line
    ({'id': 'mx', 'year': 2012}, 2)
    >>> read_flow_records("records:\n  - id: mx\n") is None
    True
    """
    # PyYAML counts these as line breaks too, or strips them: leave such text to it
    if any(c in text for c in "\t\r\x85\u2028\u2029\ufeff") or _NON_PRINTABLE.search(text):
        return None
    records = LineList()
    top = None
    indent = None
    repeated: list = []
    try:
        for number, line in enumerate(text.split("\n"), 1):
            if top is not None:
                item = _ITEM.match(line)
                if item is not None and indent in (None, item.group(1)):
                    indent = item.group(1)
                    record, end = _flow_mapping(line, item.end() + 1, number, repeated)
                    records.append(record)
                    records.lines.append(number)
                    if not _END.fullmatch(line, end):
                        return None
                    continue
            if _SKIP.match(line):
                continue
            if top is None and _TOP.match(line):
                top = LineDict(records=records)
                top.line = top.lines["records"] = number
                records.line = number
                continue
            return None
    except (_NotFlow, yaml.YAMLError, ValueError):
        return None
    if not records:
        return None
    # every key and text read here is a piece of one line of ``text`` (no escapes are read), so a text
    # without control characters between its line breaks holds none in any key or value, prose or not
    top.clean = not repeated and not holds_control(text, line_breaks=True)
    return top


def read_yaml(path: Path, shown: str) -> tuple[object, list[Problem]]:
    """Parse ``path``; return its content and the problems found.

    Malformed YAML gives ``(None, [problem at the offending line])``; text that
    is not UTF-8, a file that cannot be read and an alias are reported the same
    way instead of raising.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        return None, [Problem(shown, line, "yaml", f"not valid UTF-8 (byte {exc.start})")]
    except OSError as exc:
        return None, [Problem(shown, 0, "file", f"cannot read: {exc.strerror or exc}")]
    return parse_yaml(text, shown)


def parse_yaml(text: str, shown: str) -> tuple[object, list[Problem]]:
    """Parse ``text`` (the content of the file ``shown``); return its content and the problems found."""
    flow = read_flow_records(text)
    if flow is not None:
        return flow, []
    alias = _first_alias(text)
    if alias is not None:
        return None, [Problem(shown, alias, "yaml", "an alias (*name) is not read in case material; "
                                                    "write the value out where it is used")]
    try:
        return yaml.load(text, Loader=_Loader), []
    except yaml.MarkedYAMLError as exc:
        # the construct left open (a bracket, a quote) is where the mistake
        # usually is; the place the parser gave up is said in the message
        mark = exc.context_mark or exc.problem_mark
        line = mark.line + 1 if mark else 0
        message = f"malformed YAML: {exc.problem or exc}"
        if exc.context_mark and exc.problem_mark:
            message += f" (line {exc.problem_mark.line + 1}, {exc.context} at line {line})"
        return None, [Problem(shown, line, "yaml", message)]
    except yaml.reader.ReaderError as exc:
        # libyaml counts the position in bytes: find the character again
        found = _NON_PRINTABLE.search(text)
        position = found.start() if found else exc.position
        line = text[:position].count("\n") + 1
        return None, [Problem(shown, line, "yaml", f"holds a control character (U+{exc.character:04X}); remove it")]
    except yaml.YAMLError as exc:
        return None, [Problem(shown, 0, "yaml", f"malformed YAML: {exc}")]
    except RecursionError:
        return None, [Problem(shown, 0, "yaml", "nested too deeply to read")]


def _first_alias(text: str) -> int | None:
    """The line of the first alias in ``text``, or None.

    Aliases are refused before anything is built from the text: nested ones
    expand exponentially (a "billion laughs" of a few lines takes gigabytes).
    """
    if "*" not in text:
        return None
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                return event.start_mark.line + 1
    except yaml.YAMLError:
        return None  # malformed: the loader says where
    return None


def tree_problems(data, shown: str, prose: frozenset[str] | set[str] = frozenset()) -> list[Problem]:
    r"""Keys given twice and control characters anywhere in ``data``, at their lines.

    Fields are named by their path below a record (``label.zh``,
    ``source.locator``); the items of a top-level list (the records, the
    sources) are the records. Strings under a field named in ``prose`` may
    hold tabs and line breaks; every other key and string is one line.

    Examples
    --------
    >>> data, _ = parse_yaml('records:\n  - {id: x, label: {en: A, en: "B\\e"}}\n', "f.yaml")
    >>> [str(p) for p in tree_problems(data, "f.yaml")]  # doctest: +NORMALIZE_WHITESPACE
    ['f.yaml:2: label.en: given twice in one mapping; the first value would be lost',
     'f.yaml:2: label.en: holds a control character (U+001B at position 2); remove it']
    """
    if isinstance(data, LineDict) and data.clean:
        return []
    problems: list[Problem] = []
    # (value, field path, line, is prose, at the top of the file): a stack, not recursion
    stack = [(data, "", getattr(data, "line", 0), False, True)]
    while stack:
        value, name, line, is_prose, top = stack.pop()
        if isinstance(value, str):
            problem = control_problem(value, one_line=not is_prose)
            if problem:
                problems.append(Problem(shown, line, name or "yaml", problem))
        elif isinstance(value, LineDict):
            for key, key_line in value.duplicate_keys:
                problems.append(Problem(shown, key_line, _joined(name, key),
                                        "given twice in one mapping; the first value would be lost"))
            for key, item in value.items():
                field = _joined(name, key)
                if isinstance(key, str) and control_problem(key):
                    problems.append(Problem(shown, value.line_of(key), field, control_problem(key)))
                stack.append((item, "" if top and isinstance(item, list) else field, value.line_of(key),
                              is_prose or (not name and key in prose), False))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                stack.append((item, name, value.line_of(index) if isinstance(value, LineList) else line,
                              is_prose, False))
    return sorted(problems)


def _joined(name: str, key) -> str:
    return f"{name}.{key}" if name else str(key)

