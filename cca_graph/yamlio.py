"""Reading YAML while keeping the line of every mapping and key.

Case files are reported on by line, so the mappings read here remember where
each of their keys stood.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from .errors import Problem

__all__ = ["LineDict", "read_yaml"]


class LineDict(dict):
    """A dict that knows its own line and the line of each key (1-based)."""

    line: int = 0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines: dict = {}
        self.duplicate_keys: list[tuple[str, int]] = []

    def line_of(self, key) -> int:
        return self.lines.get(key, self.line)


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
        if key in result:
            result.duplicate_keys.append((str(key), line))
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = line
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_yaml(path: Path, shown: str) -> tuple[object, list[Problem]]:
    """Parse ``path``; return its content and the problems found.

    Malformed YAML gives ``(None, [problem at the offending line])``; text that
    is not UTF-8 is reported the same way instead of raising.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        return None, [Problem(shown, line, "yaml", f"not valid UTF-8 (byte {exc.start})")]
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
    except yaml.YAMLError as exc:
        return None, [Problem(shown, 0, "yaml", f"malformed YAML: {exc}")]
