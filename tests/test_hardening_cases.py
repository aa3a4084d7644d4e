"""Case material is read whole, or refused at its line: nothing skipped in silence."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from cca_graph import InputError, build, open_store, run_sparql, validate

from .conftest import DATA, run_cli

GOVS = Path("example") / "governments.yaml"
POLICY = Path("example") / "policy.yaml"
SOURCES = Path("sources.yaml")


@pytest.fixture(scope="module")
def previous(tmp_path_factory):
    """An output folder holding a good build of tests/data/good (three governments)."""
    out = tmp_path_factory.mktemp("previous") / "out"
    build(out, [DATA / "good"])
    return out


def _answers_as_before(out: Path) -> None:
    """The store of ``out`` is still the good build: its three governments by name."""
    frame = run_sparql(open_store(out), "SELECT ?l WHERE { ?g a cca:Government ; rdfs:label ?l FILTER(lang(?l) = 'en') }")
    assert sorted(frame["l"]) == ["Auvergne-Rhône-Alpes", "France", "Lyon"]


def _problems(cases: Path, out: Path | None = None) -> list:
    """The problems a build of ``cases`` into ``out`` (or a validation) refuses with."""
    with pytest.raises(InputError) as caught:
        if out is None:
            validate([cases], shacl=False)
        else:
            build(out, [cases])
    return caught.value.problems


def _where(problems, field: str) -> list[tuple[str, int, str]]:
    return [(Path(p.path).name, p.line, p.message) for p in problems if p.field == field]


def _line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    found = [number for number, line in enumerate(lines, 1) if needle in line]
    assert len(found) == 1, (needle, found)
    return found[0]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# -- 1. a folder that cannot be read -------------------------------------------------

def _unreadable(root: Path, kind: str) -> Path:
    """Make the case root ``root`` hold a path of ``kind`` that cannot be read; return it."""
    if kind == "dangling case folder":
        link = root / "portugal"
        link.symlink_to(root / "no-such-folder")
    elif kind == "symlink loop":
        link = root / "loop"
        link.symlink_to(link)
    elif kind == "link back inside a case folder":
        link = root / "example" / "again"
        link.symlink_to(root / "example")
    else:
        link = root / "example"
        link.chmod(0)
        if os.access(link, os.R_OK):
            # run as root, where a mode denies nothing: a dangling link inside the case instead
            link.chmod(0o755)
            link = root / "example" / "more"
            link.symlink_to(root / "gone")
    return link


@pytest.mark.parametrize("kind", ["dangling case folder", "symlink loop", "link back inside a case folder",
                                  "unreadable case folder"])
def test_a_folder_that_cannot_be_read_is_an_error(kind, good_cases, previous):
    link = _unreadable(good_cases, kind)
    try:
        problems = _problems(good_cases, previous)
    finally:
        (good_cases / "example").chmod(0o755)
    found = [p for p in problems if p.field == "folder"]
    assert [(p.path.endswith(str(link.relative_to(good_cases))), p.line) for p in found] == [(True, 0)], problems
    assert found[0].message.startswith("cannot read"), found[0]
    _answers_as_before(previous)


def test_a_case_file_that_is_a_dangling_link_is_an_error(good_cases):
    (good_cases / "example" / "more.yaml").symlink_to(good_cases / "gone.yaml")
    problems = _problems(good_cases)
    assert [(Path(p.path).name, p.line, p.field) for p in problems] == [("more.yaml", 0, "file")], problems
    assert problems[0].message.startswith("cannot read"), problems[0]


# -- 2. every spelling of YAML, every sub-folder ----------------------------------------

def test_yml_yaml_and_subfolder_files_are_all_read():
    reader = validate([DATA / "hardening" / "layout"], shacl=False)
    assert reader.records_per_case == {"alpha": 3}
    where = {rid: Path(reader.where(rid)[0]).resolve().relative_to(DATA.resolve() / "hardening" / "layout").as_posix()
             for rid in ("PT", "PT-13", "PT-13.porto")}
    assert where == {"PT": "alpha/countries.yml", "PT-13": "alpha/regions.YAML", "PT-13.porto": "alpha/more/cities.yaml"}


# -- 3. a key given twice -------------------------------------------------------------

def test_a_second_records_key_is_an_error_at_its_line(good_cases):
    path = good_cases / POLICY
    text = path.read_text(encoding="utf-8")
    head, tail = text.split("\n  - id: fr-ara-plan\n")
    path.write_text(head + "\nrecords:\n  - id: fr-ara-plan\n" + tail, encoding="utf-8")
    second = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line == "records:"][1]
    problems = _problems(good_cases)
    assert ("policy.yaml", second, "records") in \
        [(Path(p.path).name, p.line, p.field) for p in problems], problems


@pytest.mark.parametrize("shape", ["block", "flow"])
def test_a_key_given_twice_in_a_label_or_source_is_an_error_at_its_line(shape, good_cases):
    path = good_cases / GOVS
    if shape == "block":
        _edit(path, "label: {en: France, zh: 法国}", "label:\n      en: France\n      zh: 法国\n      en: Frankreich")
        _edit(path, 'source: {doc: test-doc, locator: "p. 3"}',
              'source:\n      doc: test-doc\n      locator: "p. 3"\n      locator: "p. 9"')
        label, locator = _line_of(path, "en: Frankreich"), _line_of(path, 'locator: "p. 9"')
    else:
        path.write_text(
            "records:\n"
            "  - {id: FR, type: Government, label: {en: France, en: Frankreich}, level: national, iso: FR,"
            " source: {doc: test-doc, locator: p. 1}}\n"
            "  - {id: FR-ARA, type: Government, label: Auvergne, level: regional, iso: FR-ARA, part_of: FR,"
            " source: {doc: test-doc, locator: p. 2}}\n"
            "  - {id: FR-ARA.lyon, type: Government, label: Lyon, level: local, part_of: FR-ARA,"
            " source: {doc: test-doc, locator: p. 3, locator: p. 9}}\n", encoding="utf-8")
        label, locator = 2, 4
    problems = _problems(good_cases)
    assert [(name, line) for name, line, _ in _where(problems, "label.en")] == [("governments.yaml", label)], problems
    assert [(name, line) for name, line, _ in _where(problems, "source.locator")] == [("governments.yaml", locator)]
    assert all("given twice" in p.message for p in problems), problems


# -- 4. control characters ------------------------------------------------------------

# (file, text replaced, its replacement, needle on the offending line, field named)
CONTROLS = {
    "ESC in a label": (GOVS, "label: Lyon", r'label: "Ly\e[31mon"', "Ly\\e[31mon", "label"),
    "NUL in a zh label": (GOVS, "zh: 法国}", r'zh: "法\0国"}', "法\\0国", "label.zh"),
    "BEL in a locator": (POLICY, 'locator: "table 1"', r'locator: "table\a 1"', "table\\a 1", "source.locator"),
    "C1 in a text field": (POLICY, "unit: percent", r'unit: "per\x9bcent"', "per\\x9bcent", "unit"),
    "bidi override in a source title": (SOURCES, "title: A test document about Ruritania",
                                        r'title: "\u202eA test document"', "\\u202eA test", "title"),
    "ESC in a source key": (SOURCES, "key: test-doc", r'key: "test-doc\e"', "test-doc\\e", "key"),
    "ESC in a field name": (POLICY, "unit: percent", r'"un\eit": percent', "un\\eit", "un\x1bit"),
    "ESC in a description": (POLICY, "unit: percent", 'unit: percent\n    description: "two\\n\\tlines\\e"',
                             "two\\n\\tlines\\e", "description"),
}


@pytest.mark.parametrize("kind", sorted(CONTROLS))
def test_a_control_character_is_refused_at_its_line(kind, good_cases):
    file, old, new, needle, field = CONTROLS[kind]
    path = good_cases / file
    _edit(path, old, new)
    problems = _problems(good_cases)
    assert (file.name, _line_of(path, needle)) in [(name, line) for name, line, _ in _where(problems, field)], problems
    assert any("control character" in p.message for p in problems if p.field == field), problems


def test_a_description_may_hold_tabs_and_line_breaks(good_cases):
    _edit(good_cases / POLICY, "unit: percent", 'unit: percent\n    description: "two\\n\\tlines"')
    assert validate([good_cases], shacl=False).records_per_case == {"example": 12}


# -- 5. an alias bomb ------------------------------------------------------------------

def test_an_alias_bomb_is_refused_fast_at_its_line(good_cases, previous):
    layers = ['    x0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    layers += [f"    x{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    path = good_cases / GOVS
    _edit(path, "label: Lyon", "curation_note: a bomb\n    bomb:\n" + "\n".join(layers) + "\n    label: *a9")
    started = time.perf_counter()
    problems = _problems(good_cases, previous)
    seconds = time.perf_counter() - started
    assert seconds < 1, seconds
    assert [(name, line) for name, line, _ in _where(problems, "yaml")] == [("governments.yaml", _line_of(path, "x1:"))]
    assert "alias" in problems[0].message, problems
    _answers_as_before(previous)


# -- 6. links ----------------------------------------------------------------------------

@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
                                 "file:///etc/passwd", "docs/test-doc.html", "//example.org/x"])
def test_a_source_url_that_is_not_http_is_refused_at_its_line(url, good_cases):
    path = good_cases / SOURCES
    _edit(path, "url: https://example.org/test-doc", f"url: '{url}'")
    _edit(good_cases / POLICY, 'locator: "table 1"}', f'locator: "table 1", url: "{url}"}}')
    problems = _problems(good_cases)
    assert _where(problems, "url") == [("sources.yaml", _line_of(path, "url:"), _where(problems, "url")[0][2])]
    assert "http(s)" in _where(problems, "url")[0][2]
    assert [(Path(p.path).name, p.line) for p in problems if p.field == "source" and "http(s)" in p.message] == \
        [("policy.yaml", _line_of(good_cases / POLICY, "url:"))], problems


# -- 7. nothing to read, and lines for everything ----------------------------------------

def test_an_empty_cases_folder_is_an_error(tmp_path, previous):
    (tmp_path / "empty").mkdir()
    problems = _problems(tmp_path / "empty", previous)
    assert [(p.line, p.field) for p in problems] == [(0, "cases")]
    assert "holds no case material" in problems[0].message
    _answers_as_before(previous)


def test_an_empty_cases_folder_fails_the_command(tmp_path):
    (tmp_path / "empty").mkdir()
    proc = run_cli("build", "--graph", str(tmp_path / "out"), "--cases", str(tmp_path / "empty"), check=False)
    assert proc.returncode == 1
    assert f"{tmp_path / 'empty'}:0: cases: holds no case material" in proc.stderr
    assert not (tmp_path / "out" / "store").exists()


def test_a_record_that_is_not_a_mapping_is_reported_at_its_line(good_cases):
    path = good_cases / GOVS
    _edit(path, "  - id: FR-ARA.lyon", "  - just a line of text\n\n  - id: FR-ARA.lyon")
    problems = _problems(good_cases)
    assert [(name, line) for name, line, _ in _where(problems, "record")] == \
        [("governments.yaml", _line_of(path, "just a line"))]


def test_a_source_that_is_not_a_mapping_is_reported_at_its_line(good_cases):
    path = good_cases / SOURCES
    _edit(path, "sources:\n", "sources:\n  - a loose line\n")
    problems = _problems(good_cases)
    assert ("sources.yaml", _line_of(path, "a loose line")) in [(n, line) for n, line, _ in _where(problems, "sources")]


def test_raw_control_bytes_are_reported_at_their_line(good_cases):
    path = good_cases / GOVS
    _edit(path, "label: Lyon", "label: Ly\x07on")
    problems = _problems(good_cases)
    assert [(name, line) for name, line, _ in _where(problems, "yaml")] == [("governments.yaml", _line_of(path, "Ly\x07on"))]



# -- 8. a missing sources.yaml, files that are no files, lines that add nothing ---------------------

def test_a_missing_sources_yaml_is_said_once_at_the_root(good_cases, previous):
    (good_cases / SOURCES).unlink()
    problems = _problems(good_cases, previous)
    assert [str(p) for p in problems] == [
        f"{good_cases / SOURCES}:0: file: missing; every case root registers its sources there"]
    _answers_as_before(previous)


@pytest.mark.parametrize("kind", ["fifo", "link to /dev/zero"])
def test_a_yaml_name_that_is_no_regular_file_is_an_error(kind, good_cases):
    path = good_cases / "example" / "more.yaml"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    problems = _problems(good_cases)
    assert [(Path(p.path).name, p.line, p.field, p.message) for p in problems] == [
        ("more.yaml", 0, "file", "not a regular file")]


def test_a_sources_yaml_that_is_a_fifo_is_an_error_not_a_hang(good_cases):
    (good_cases / SOURCES).unlink()
    os.mkfifo(good_cases / SOURCES)
    problems = _problems(good_cases)
    assert ("sources.yaml", 0, "file", "not a regular file") in \
        [(Path(p.path).name, p.line, p.field, p.message) for p in problems], problems


def test_malformed_yaml_is_one_line_without_a_references_note(good_cases):
    path = good_cases / GOVS
    _edit(path, "label: Lyon", "label: [Lyon")
    problems = _problems(good_cases)
    assert [(Path(p.path).name, p.field) for p in problems] == [("governments.yaml", "yaml")], problems


def test_an_anchor_without_an_alias_is_read_as_the_docs_say(good_cases):
    _edit(good_cases / GOVS, "label: Lyon", "label: &city Lyon")
    docs = (Path(__file__).parents[1] / "docs" / "case-format.md").read_text(encoding="utf-8")
    assert "an anchor `&name` no alias uses is harmless" in docs
    reader = validate([good_cases], shacl=False)
    assert reader.problems == [] and reader.where("FR-ARA.lyon")[0].endswith("governments.yaml")
