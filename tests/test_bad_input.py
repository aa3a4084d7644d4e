"""Bad input: every problem reported as path:line: field: message, nothing published."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from cca_graph import open_store, run_sparql

from .conftest import DATA, run_cli

POLICY = Path("example") / "policy.yaml"
GOVS = Path("example") / "governments.yaml"


def _line_of(path: Path, needle: str) -> int:
    """The last line of ``path`` that contains ``needle`` (or equals it, stripped, for '= …')."""
    exact = needle.startswith("= ")
    found = [number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if (line.strip() == needle[2:] if exact else needle in line)]
    assert found, f"{needle!r} not in {path}"
    return found[-1]


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def previous(tmp_path_factory):
    """An output folder with a good build and export already in place."""
    out = tmp_path_factory.mktemp("previous") / "out"
    run_cli("build", "--graph", str(out), "--cases", str(DATA / "good"), "--quiet")
    run_cli("export", "--graph", str(out), "--format", "nquads")
    return out


def _governments(out: Path) -> int:
    return run_sparql(open_store(out), "SELECT (COUNT(?g) AS ?n) WHERE { ?g a cca:Government }").loc[0, "n"]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# kind -> (file, edit, text on the offending line, field named in the message, words in the message)
CASES = {
    "missing field": (POLICY, ("    modality: obligation\n    requires", "    requires"),
                      "id: fr-mandate-regional-plan", "modality", "required field is missing"),
    "wrong type": (POLICY, ("value: -3.5", "value: minus three"), "value: minus three", "value", "expected a number"),
    "year out of range": (POLICY, ("target_year: 2050", "target_year: 20500"), "target_year: 20500",
                          "target_year", "expected a year"),
    "unknown reference": (POLICY, ("adopted_by: FR-ARA", "adopted_by: FR-XXX"), "adopted_by: FR-XXX",
                          "adopted_by", "unknown id 'FR-XXX'"),
    "reference of the wrong type": (POLICY, ("implements: fr-mandate-regional-plan", "implements: FR"),
                                    "implements: FR", "implements", "is a Government; expected"),
    "duplicate id": (GOVS, ("id: FR-ARA.lyon", "id: FR-ARA"), "= - id: FR-ARA", "id", "duplicate id 'FR-ARA'"),
    "unknown source key": (POLICY, ('{doc: test-doc, locator: "table 1"}', '{doc: no-such-doc, locator: "table 1"}'),
                           "no-such-doc", "source", "unknown source key 'no-such-doc'"),
    "malformed yaml": (GOVS, ("label: Lyon", "label: [Lyon"), "label: [Lyon", "yaml", "malformed YAML"),
    "unknown concept": (POLICY, ("role: signatory", "role: boss"), "role: boss", "role", "not a role concept"),
    "bad iso code": (GOVS, ("iso: FR-ARA", "iso: FR-ZZZ"), "iso: FR-ZZZ", "iso", "not an ISO 3166"),
}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_bad_input_is_reported_and_loses_nothing(kind, good_cases, previous):
    file, (old, new), needle, field, words = CASES[kind]
    path = good_cases / file
    _replace(path, old, new)
    needle_line = _line_of(path, needle)
    before = (_governments(previous), _digest(previous / "export" / "graph.nq"), (previous / "store").resolve())

    proc = run_cli("build", "--graph", str(previous), "--cases", str(good_cases), check=False)

    assert proc.returncode != 0
    pattern = re.compile(rf"^(\S*{re.escape(file.name)}):(\d+): {re.escape(field)}: (.*)$", re.M)
    found = [(int(m.group(2)), m.group(3)) for m in pattern.finditer(proc.stderr)]
    assert found, f"no '{file.name}:LINE: {field}:' line in:\n{proc.stderr}"
    assert any(words in message for _, message in found), proc.stderr
    assert needle_line in [line for line, _ in found], proc.stderr
    assert "nothing was written" in proc.stderr
    after = (_governments(previous), _digest(previous / "export" / "graph.nq"), (previous / "store").resolve())
    assert after == before
    assert not list((previous / "stores").glob(".tmp-*"))


def test_every_problem_is_reported_not_just_the_first(good_cases, tmp_path):
    _replace(good_cases / POLICY, "target_year: 2050", "target_year: 1066")
    _replace(good_cases / POLICY, "role: signatory", "role: boss")
    _replace(good_cases / GOVS, "level: local", "level: county")
    _replace(good_cases / GOVS, "part_of: FR-ARA\n", "part_of: FR-NOPE\n")
    proc = run_cli("validate", "--cases", str(good_cases), check=False)
    assert proc.returncode != 0
    fields = re.findall(r"\.yaml:\d+: (\w+): ", proc.stderr)
    assert sorted(fields) == ["level", "part_of", "role", "target_year"], proc.stderr
    assert "4 problems found" in proc.stderr


def test_validate_accepts_good_cases():
    proc = run_cli("validate", "--cases", str(DATA / "good"))
    assert proc.stdout.startswith("OK: 12 records in 1 cases")


def test_unknown_record_type_and_field(good_cases):
    _replace(good_cases / GOVS, "type: Government\n    label: Lyon", "type: Goverment\n    label: Lyon")
    _replace(good_cases / POLICY, "start_year: 2015", "founded: 2015")
    proc = run_cli("validate", "--cases", str(good_cases), check=False)
    assert proc.returncode != 0
    assert re.search(r"governments\.yaml:\d+: type: unknown record type 'Goverment'", proc.stderr)
    assert re.search(r"policy\.yaml:\d+: founded: unknown field for Network", proc.stderr)


def test_undecodable_bytes_are_reported_with_their_line(good_cases):
    path = good_cases / GOVS
    path.write_bytes(path.read_bytes().replace(b"label: Lyon", b"label: Ly\xffon"))
    proc = run_cli("validate", "--cases", str(good_cases), check=False)
    assert proc.returncode != 0
    line = _line_of_bytes(path, b"Ly\xffon")
    assert f"governments.yaml:{line}: yaml: not valid UTF-8" in proc.stderr


def _line_of_bytes(path: Path, needle: bytes) -> int:
    data = path.read_bytes()
    return data[: data.index(needle)].count(b"\n") + 1


def test_shacl_violations_point_at_the_record(good_cases, tmp_path):
    """A graph the record checks let through but the shapes reject is reported per record."""
    from cca_graph.graph.build import check_cases, shacl_problems
    from cca_graph.resources import ontology_dir

    shapes = (ontology_dir() / "shapes.ttl").read_text(encoding="utf-8")
    # demand a Wikidata alignment of every government: the good cases have none
    shapes += """
shapes:AlignedShape a sh:NodeShape ; sh:targetClass cca:Government ;
    sh:property [ sh:path <http://www.w3.org/2002/07/owl#sameAs> ; sh:minCount 1 ;
                  sh:message "aligned to Wikidata" ] .
"""
    strict = tmp_path / "strict.ttl"
    strict.write_text(shapes, encoding="utf-8")
    nquads = tmp_path / "graph.nq"
    reader, _ = check_cases([good_cases], nquads)
    assert reader.problems == []
    assert shacl_problems(nquads, reader) == []
    problems = shacl_problems(nquads, reader, shapes=strict)
    assert len(problems) == 3
    assert {Path(p.path).name for p in problems} == {"governments.yaml"}
    lines = {_line_of(good_cases / GOVS, f"= - id: {gid}") for gid in ("FR", "FR-ARA", "FR-ARA.lyon")}
    assert {p.line for p in problems} == lines
    assert all("aligned to Wikidata" in p.message for p in problems)
