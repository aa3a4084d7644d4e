"""The one-record-per-line reader gives exactly what PyYAML gives, or steps aside."""
from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
import yaml

from cca_graph.ingest.yamlio import _Loader, read_flow_records, read_yaml

REPO = Path(__file__).resolve().parents[1]


def _pyyaml(text: str):
    return yaml.load(text, Loader=_Loader)


def _shape(value):
    """Values with their types, lines and duplicate keys, for comparing two readings."""
    if isinstance(value, dict):
        return ("map", value.line, sorted(map(repr, value.lines.items())), value.duplicate_keys,
                [(repr(k), _shape(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ["seq", *(_shape(v) for v in value)]
    return (type(value).__name__, repr(value))


def _agree(text: str) -> bool:
    """True when the fast reader read ``text``; fails the test when it read it differently."""
    fast = read_flow_records(text)
    try:
        slow = _pyyaml(text)
    except yaml.YAMLError:
        assert fast is None, f"PyYAML refuses this text, the fast reader did not:\n{text}"
        return False
    if fast is None:
        return False
    assert _shape(fast) == _shape(slow), f"readings differ for:\n{text}"
    return True


TYPICAL = [
    '  - {id: MX-JAL, type: Government, label: "Jalisco", level: regional, part_of: MX, source: {doc: a, locator: "p. 3"}}',
    "  - {id: mx-law, type: LegalAct, label: 'General Law on Climate Change', year: 2012, source: [{doc: a, locator: 'Art. 7'}]}",
    "  - {id: o1, type: Outcome, indicator: CO2 change, value: -12.5, unit: percent, status: measured, period_start: 2015}",
    "  - {id: x, label: {en: Seoul, zh: 首尔, ko: 서울}, tags: [a, b, c], empty: [], none: {}}",
    "  - {id: x, wikidata: Q96, value: 1_000, ratio: 1.5e3, neg: -3, note: \"it's, {fine}: #1\"}  # trailing comment",
    "  - {id: x, id: y}",
    "  - {id: São-Paulo, label: São Paulo, level: local}",
]


@pytest.mark.parametrize("line", TYPICAL)
def test_typical_lines_are_read_fast_and_the_same(line):
    text = f"# a comment\n\nrecords:\n{line}\n\n  # between\n{line}\n"
    assert _agree(text)


def test_lines_and_duplicate_keys_are_those_of_pyyaml():
    data = read_flow_records("# head\nrecords:\n  - {id: a}\n\n  - {id: b, label: x, label: y}\n")
    assert data.line == 2 and data.line_of("records") == 2
    assert [r.line for r in data["records"]] == [3, 5]
    assert data["records"][1].duplicate_keys == [("label", 5)]
    assert data["records"][1]["label"] == "y"


@pytest.mark.parametrize("scalar", ["yes", "No", "on", "OFF", "true", "Null", "~", "0x1F", "0o17", "017", "1_000",
                                    "2020-01-01", "2020-01-01 10:00:00", "12e3", "1.5", "-3", "+4", "-.5", ".inf",
                                    ".NaN", "1:20", "y", "n", "=", "<<", "null x", "True story"])
def test_resolved_scalars_match_pyyaml(scalar):
    for text in (f"records:\n  - {{id: a, v: {scalar}}}\n", f"records:\n  - {{{scalar}: v}}\n",
                 f"records:\n  - {{id: a, v: [{scalar}, x]}}\n"):
        _agree(text)


@pytest.mark.parametrize("text", [
    "records:\n  - id: a\n    type: Government\n",            # block records
    "records:\n  - {id: a}\n  - id: b\n",                      # mixed
    "records:\n  - {id: &x a, b: *x}\n",                       # anchors
    "records:\n  - {id: !!str 12}\n",                          # tags
    'records:\n  - {id: "a\\tb"}\n',                           # escapes
    "records:\n  - {id: a,\n     type: b}\n",                  # a record over two lines
    "records:\n  - {id: a}\n - {id: b}\n",                     # indentation changes
    "records:\n\t- {id: a}\n",                                 # tabs
    "records:\r\n  - {id: a}\r\n",                             # CRLF
    "sources:\n  - {key: a}\n",                                # another top-level key
    "records:\n  - {id: a, b: }\n",                            # empty value
    "records:\n  - {id: a,}\n",                                # trailing comma
    "records:\n  - {id: a} extra\n",                           # text after the record
    "records: []\n",
])
def test_other_shapes_are_left_to_pyyaml(text):
    assert read_flow_records(text) is None


_WORDS = ["a", "Government", "São Paulo", "CO2 change", "yes", "No", "on", "null", "~", "0x1F", "1_000", "2012",
          "-3", "+4", "1.5", "1e3", "2020-01-01", "1:20", ".5", "x#y", "a b", "O'Brien", "é", "首尔", "-", "?x",
          "@a", "%a", "a:b", "http://x.org/a", "1.2.3", "_x", "x-y.z/w", "Q96", "0", "00", "-0", "+.inf", "TRUE"]
_PUNCT = ["{", "}", "[", "]", ",", ": ", ":", " ", "  ", "#", " #c", "'", '"', "''", '\\"']


def _random_value(rng: random.Random, depth: int = 0) -> str:
    roll = rng.random()
    if roll < 0.12 and depth < 2:
        return "{" + ", ".join(f"{rng.choice(_WORDS)}: {_random_value(rng, depth + 1)}"
                               for _ in range(rng.randint(0, 3))) + "}"
    if roll < 0.22 and depth < 2:
        return "[" + ", ".join(_random_value(rng, depth + 1) for _ in range(rng.randint(0, 3))) + "]"
    if roll < 0.35:
        return '"' + rng.choice(_WORDS) + rng.choice(_PUNCT) + rng.choice(_WORDS) + '"'
    if roll < 0.45:
        return "'" + rng.choice(_WORDS) + rng.choice(_PUNCT) + rng.choice(_WORDS) + "'"
    if roll < 0.5:
        return rng.choice(_PUNCT)
    return rng.choice(_WORDS)


def test_random_records_agree_with_pyyaml():
    rng = random.Random(7)
    read_fast = 0
    for _ in range(6000):
        pairs = [f"{rng.choice(_WORDS)}: {_random_value(rng)}" for _ in range(rng.randint(1, 4))]
        line = "  - {" + ", ".join(pairs) + "}" + rng.choice(["", "", " ", "  # note", rng.choice(_PUNCT)])
        read_fast += _agree(f"records:\n{line}\n  - {{id: b}}\n")
    # the comparison means something only if the fast reader took a good share of them
    assert read_fast > 600


def test_generated_registry_files_are_read_fast(tmp_path):
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from generate import generate
    finally:
        sys.path.pop(0)
    generate("S", tmp_path)
    files = sorted((tmp_path / "cases").rglob("*.yaml"))
    assert len(files) >= 2
    for path in files:
        text = path.read_text(encoding="utf-8")
        if path.name == "sources.yaml":
            continue
        assert _agree(text), path
        assert read_yaml(path, path.name)[0] == _pyyaml(text)


def test_a_mapping_as_key_is_a_problem_at_its_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("records:\n  - id: a\n  - {{a: b}: c}\n", encoding="utf-8")
    data, problems = read_yaml(path, "bad.yaml")
    assert data is None
    assert [(p.path, p.line, p.field) for p in problems] == [("bad.yaml", 3, "yaml")]
    assert "a key must be a single value" in problems[0].message
