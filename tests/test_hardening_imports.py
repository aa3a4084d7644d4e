"""Registry imports never lose data, never crash, never let a hostile cell through.

Each test imports a tiny file onto the ``namesakes/`` case (built once for the
module; it registers ``iso-3166``, so imports may create countries) and checks
the problem as ``path:line: field: message``, or what the report lists, and
that a failed import leaves the previous store and imports as they were.
"""
from __future__ import annotations

import csv
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cca_graph import open_store, run_sparql
from cca_graph.cli import cli
from cca_graph.errors import CcaError, InputError
from cca_graph.graph.build import build
from cca_graph.ingest.imports import run_import

from .conftest import DATA

CASE = DATA / "namesakes"
HERE = DATA / "hardening-imports"
ROSTER_HEADER = "name,country,level,network,role,since,source\n"
LYON = "Lyon,FR,local,Hardening Network,member,2020,p. 1\n"
CLIM_ACTOR_HEADER = ("name,iso,entity_type,country,area,num_commit,lat,lng,population,population_year,"
                    "state,admin_1,initiatives_committed,region\n")
LABELS = "SELECT ?g ?label WHERE { ?g a cca:Government ; rdfs:label ?label } ORDER BY ?g ?label"
ID = "https://w3id.org/cca-graph/id/"


@pytest.fixture(scope="module")
def graph(tmp_path_factory) -> Path:
    """The namesakes case built; tests that only fail share it, the others import onto a copy."""
    out = tmp_path_factory.mktemp("hardening-imports") / "out"
    build(out, [CASE])
    return out


@pytest.fixture
def copy(graph, tmp_path) -> Path:
    out = tmp_path / "out"
    shutil.copytree(graph, out, symlinks=True)
    return out


def _state(out: Path) -> tuple:
    """What a failed import must leave as it was: the store's answer and link, and the imports' bytes."""
    imports = out / "imports"
    files = {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
             for p in sorted(imports.iterdir())} if imports.is_dir() else {}
    labels = [tuple(row) for row in run_sparql(open_store(out), LABELS).itertuples(index=False)]
    return (out / "store").resolve(), files, labels


def _problems(kind: str, path: Path, out: Path, **options) -> list[tuple[str, int, str, str]]:
    """The problems of an import that must fail, as (file name, line, field, message); the store as it was."""
    before = _state(out)
    with pytest.raises(InputError) as err:
        run_import(kind, path, out, **options)
    assert _state(out) == before
    for problem in err.value.problems:
        assert str(problem) == f"{problem.path}:{problem.line}: {problem.field}: {problem.message}"
    return [(Path(p.path).name, p.line, p.field, p.message) for p in err.value.problems]


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")
    return path


def _decisions(out: Path, name: str) -> list[dict]:
    with open(out / "imports" / f"{name}.decisions.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _labels(out: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for gid, label in run_sparql(open_store(out), LABELS).itertuples(index=False):
        found.setdefault(gid[len(ID):], set()).add(label)
    return found


# -- control characters ---------------------------------------------------------------------------

@pytest.mark.parametrize("column, cells", [
    ("name", "Bad\x1b[31mName,FR,local,Hardening Network,member,2020,p. 2"),
    ("network", "Nice,FR,local,Hardening\x00Network,member,2020,p. 2"),
    ("source", "Nice,FR,local,Hardening Network,member,2020,p. 2\x07"),
    ("region", "Nice,FR,local,Hardening Network,member,2020,p. 2,Provence\u202e"),
])
def test_a_control_character_in_a_roster_cell_fails_the_import_at_its_line(graph, tmp_path, column, cells):
    header = ROSTER_HEADER.replace("source", "source,region") if column == "region" else ROSTER_HEADER
    lyon = LYON.replace("p. 1", "p. 1,") if column == "region" else LYON
    path = _write(tmp_path / "roster.csv", header + lyon + cells + "\n")
    problems = _problems("roster", path, graph, year=2024)
    assert [(name, line, field) for name, line, field, _ in problems] == [("roster.csv", 3, column)]
    assert "control character" in problems[0][3]


def _targets_folder(tmp_path, source_name: str, *rows: str):
    """An OpenClimate-shaped folder: one data source named ``source_name``, and target ``rows``."""
    folder = tmp_path / "targets"
    _write(folder / "DataSource.csv", "datasource_id,name,publisher,published,URL\n"
                                      f"ds1,{source_name},Pub,2023-01-01,https://example.org/ds\n")
    _write(folder / "Target.csv", "target_id,actor_id,target_type,baseline_year,target_year,target_value,"
                                  "target_unit,URL,datasource_id\n" + "".join(row + "\n" for row in rows))
    return folder


def test_a_control_character_in_a_target_or_its_data_source_fails_the_import(graph, tmp_path):
    folder = _targets_folder(tmp_path, "Data\x07set", "t1,FR,net zero,,2050,,percent\x1b[2J,https://example.org/t1,ds1")
    problems = _problems("targets", folder, graph)
    assert [(name, line, field) for name, line, field, _ in problems] == [
        ("DataSource.csv", 2, "name"), ("Target.csv", 2, "target_unit")]
    # U+0007 is the fifth character of "Data\x07set", U+001B the eighth of "percent\x1b[2J"
    assert problems[0][3] == "holds a control character (U+0007 at position 5); remove it"
    assert problems[1][3] == "holds a control character (U+001B at position 8); remove it"


def test_a_unit_the_import_does_not_know_is_a_problem_not_a_target_of_its_own(graph, tmp_path):
    # "percnt" for "percent": imported, it made target …50-percnt, which no other dataset's 50 percent meets
    folder = _targets_folder(tmp_path, "Dataset",
                             "t1,FR,Absolute emission reduction,1990,2030,40,percent,https://example.org/t1,ds1",
                             "t2,FR,Absolute emission reduction,1990,2040,50,percnt,https://example.org/t2,ds1")
    assert _problems("targets", folder, graph) == [
        ("Target.csv", 3, "target_unit", "'percnt' is not a unit the import reads; known: percent, tCO2e")]


def test_a_control_character_in_the_under2_list_is_listed_and_left_out(copy, tmp_path):
    # the importer's way with a name it cannot read (as with one its alias table lacks): listed, left out
    path = _write(tmp_path / "under2.txt", "# 关于我们\n\n**北美 - 加拿大:** 魁北\x1b克\n")
    report = run_import("under2-roster", path, copy)
    assert report.notes["names holding control characters, left out"] == 1
    assert report.details["names holding control characters, left out"] == [
        f"{path}:3: name: holds a control character (U+001B at position 3); remove it"]
    assert [row["name"] for row in _decisions(copy, "under2-roster")] == ["魁北\\x1b克"]
    assert not any("\x1b" in label for labels in _labels(copy).values() for label in labels)


@pytest.mark.slow(reason="loads the gazetteer of the ClimActor import")
def test_climactor_rows_with_control_characters_or_bad_coordinates_are_listed(copy, tmp_path):
    path = _write(tmp_path / "hostile_Dec2022.csv", CLIM_ACTOR_HEADER
                  + "Lyon,FRA,City,France,NA,1,north,4.83,NA,NA,NA,NA,GCoM2022,Europe\n"
                  + "Nice,FRA,City,France,NA,1,43.7,700,NA,NA,NA,NA,GCoM2022,Europe\n"
                  + "Bad\x1bName,FRA,City,France,NA,1,NA,NA,NA,NA,NA,NA,GCoM2022,Europe\n"
                  + "Lille,FRA,City,France,NA,1,NA,NA,NA,NA,Nord\x07,NA,GCoM2022,Europe\n"
                  + "Rouen<U+0007>,FRA,City,France,NA,1,NA,NA,NA,NA,NA,NA,GCoM2022,Europe\n")
    report = run_import("climactor", path, copy)
    # ClimActor's way with a row it cannot read: listed at its line and field, left out; coordinates only
    # check a row, so one that is no number in range is listed and read as missing
    assert report.details["rows holding control characters, left out"] == [
        f"{path}:4: name: holds a control character (U+001B at position 4); remove it",
        f"{path}:5: state: holds a control character (U+0007 at position 5); remove it",
        f"{path}:6: name: holds a control character (U+0007 at position 6); remove it"]  # R's escape decoded
    assert report.details["coordinates that are not numbers in range, read as missing"] == [
        f"{path}:2: lat: 'north' is not a number from -90 to 90",
        f"{path}:3: lng: '700' is not a number from -180 to 180"]
    nodes = {row["name"]: row["node"] for row in _decisions(copy, "climactor-2022-12")}
    assert nodes["Lyon"] == "FR-ARA.lyon" and nodes["Nice"] == "FR.nice"
    assert nodes["Bad\\x1bName"] == nodes["Lille"] == nodes["Rouen\\x07"] == ""
    labels = _labels(copy)
    assert labels["FR.nice"] == {"Nice"} and "FR.lille" not in labels


# -- what the file is --------------------------------------------------------------------------------

def test_climactor_without_a_vintage_names_the_file_name_or_the_option(graph, tmp_path):
    path = _write(tmp_path / "registry.csv", CLIM_ACTOR_HEADER
                  + "Lyon,FRA,City,France,NA,1,NA,NA,NA,NA,NA,NA,GCoM2022,Europe\n")
    [(name, line, field, message)] = _problems("climactor", path, graph)
    assert (name, line, field) == ("registry.csv", 0, "file name")
    assert "--name 2022-12" in message
    [(name, line, field, message)] = _problems("climactor", path, graph, name="soon")
    assert (line, field) == (0, "--name") and message.startswith("--name 'soon' does not say")


# a quote opened on line 3 and never closed: its cell holds "\n" from line 3, then 100 characters a line
# (99 'y' and "\n"); after 3 + k lines it holds 1 + 100 k, over 131,072 (128 KiB) first at k = 1311
UNCLOSED = ROSTER_HEADER + LYON + 'Nice,FR,local,"\n' + ("y" * 99 + "\n") * 1400


@pytest.mark.parametrize("text, line, field", [
    (ROSTER_HEADER + LYON + "Nice,FR,local,Hardening Network,member,2020," + "x" * 140_000 + "\n", 3, "source"),
    (UNCLOSED, 1314, "network"),
])
def test_a_cell_over_128_kib_is_an_error_at_its_line_and_column(graph, tmp_path, text, line, field):
    path = _write(tmp_path / "roster.csv", text)
    [problem] = _problems("roster", path, graph, year=2024)
    assert problem[:3] == ("roster.csv", line, field)
    assert problem[3].startswith("cell over 128 KiB")


@pytest.mark.parametrize("encoding", ["nope-8", "base64"])
def test_an_unknown_encoding_is_refused_before_anything_is_written(graph, tmp_path, encoding):
    path = tmp_path / "roster.csv"
    path.write_bytes((ROSTER_HEADER + LYON).encode() + "Besançon,FR,local,x,member,2020,p. 2\n".encode("cp1252"))
    before = _state(graph)
    with pytest.raises(CcaError, match=f"unknown encoding '{encoding}'"):
        run_import("roster", path, graph, year=2024, fallback=encoding)
    result = CliRunner().invoke(cli, ["import", "roster", str(path), "--year", "2024", "--encoding", encoding,
                                      "--graph", str(graph)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: unknown encoding '{encoding}' (--encoding)")
    assert "Traceback" not in result.output
    assert _state(graph) == before


@pytest.mark.parametrize("kind, what", [("climactor", "folder"), ("roster", "folder"), ("under2-roster", "folder"),
                                        ("targets", "file")])
def test_a_folder_or_a_file_of_the_wrong_kind_is_one_clear_error(graph, tmp_path, kind, what):
    path = tmp_path / "given_Dec2022"
    path.mkdir() if what == "folder" else path.write_text("name\nLyon\n", encoding="utf-8")
    expected = {"climactor": "not a file; climactor reads ClimActor's CSV file",
                "roster": "not a file; roster reads a roster CSV file",
                "under2-roster": "not a file; under2-roster reads the report's text file",
                "targets": "not a folder; targets reads an OpenClimate-shaped folder (Target.csv, DataSource.csv)"}
    assert _problems(kind, path, graph, year=2024) == [("given_Dec2022", 0, "path", expected[kind])]
    result = CliRunner().invoke(cli, ["import", kind, str(path), "--graph", str(graph)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.splitlines() == [f"{path}:0: path: {expected[kind]}",
                                          "Error: 1 problem found; nothing was written."]


def test_a_targets_folder_without_target_csv_names_the_folder(graph, tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    assert _problems("targets", folder, graph) == [
        ("empty", 0, "path", "holds no Target.csv; targets reads an OpenClimate-shaped folder (Target.csv, "
                             "DataSource.csv)")]


def test_a_header_only_file_is_nothing_to_import(graph, tmp_path):
    assert _problems("roster", _write(tmp_path / "roster.csv", ROSTER_HEADER), graph, year=2024) == [
        ("roster.csv", 1, "rows", "a header and no rows below it: nothing to import")]
    folder = tmp_path / "targets"
    _write(folder / "DataSource.csv", "datasource_id,name,publisher,published,URL\n"
                                      "ds1,Dataset,Pub,2023-01-01,https://example.org/ds\n")
    _write(folder / "Target.csv", "target_id,actor_id,target_type,baseline_year,target_year,target_value,"
                                  "target_unit,URL,datasource_id\n\n")
    assert _problems("targets", folder, graph) == [
        ("Target.csv", 1, "rows", "a header and no rows below it: nothing to import")]
    assert not (graph / "imports").exists()  # the first import of the folder failed: no empty imports/ is left


# -- names -------------------------------------------------------------------------------------------------

#: line -> (name, id): transliterated by hand; 尚海 makes the id 上海 makes ('shanghai') and gets one of its own
NON_ASCII = {2: ("Tromsø", "NO.tromso"), 3: ("Ærø", "DK.aero"), 4: ("Łódź", "PL.lodz"), 5: ("Straße", "DE.strasse"),
             6: ("Αθήνα", "GR.athina"), 7: ("北京市", "CN.beijingshi"), 8: ("上海", "CN.shanghai"),
             9: ("尚海", "CN.shanghai-2")}


def test_non_ascii_names_get_ascii_ids_stable_and_distinct_and_keep_their_labels(copy):
    for _ in range(2):  # imported again (a network it made included), the ids stay
        report = run_import("roster", HERE / "non-ascii.csv", copy, year=2024)
        assert report.rows == 8
        decided = {int(row["line"]): (row["name"], row["node"]) for row in _decisions(copy, "roster-non-ascii")}
        assert decided == NON_ASCII
    labels = _labels(copy)
    for name, gid in NON_ASCII.values():
        assert labels[gid] == {name}
    members = run_sparql(open_store(copy), "SELECT ?m WHERE { ?x org:organization id:hardening-network ; "
                                           "org:member ?m }")["m"]
    assert sorted(m[len(ID):] for m in members) == sorted(gid for _, gid in NON_ASCII.values())


def test_formula_cells_are_neutralised_in_the_decision_log_and_report_csv(copy):
    run_import("roster", HERE / "formulas.csv", copy, year=2024)
    # a spreadsheet runs a cell starting with = + - @ unless it is a number: an apostrophe makes it text
    shown = ["'=HYPERLINK(\"http://evil.example/\",\"click\")", "'@SUM(1)", "'-2+3", "-12"]
    assert [row["name"] for row in _decisions(copy, "roster-formulas")] == shown
    with open(copy / "imports" / "roster-formulas.report.csv", encoding="utf-8", newline="") as fh:
        examples = [row["name"] for row in csv.DictReader(fh) if row["section"] == "method example"]
    assert examples == shown
    # the page a person reads shows them as written, with no apostrophe
    page = (copy / "imports" / "roster-formulas.report.html").read_text(encoding="utf-8")
    assert "@SUM(1)" in page and "'@SUM(1)" not in page and "&#39;@SUM(1)" not in page
    # the graph keeps the names as written
    labels = set().union(*_labels(copy).values())
    assert {'=HYPERLINK("http://evil.example/","click")', "@SUM(1)", "-2+3", "-12"} <= labels


# -- a killed import -----------------------------------------------------------------------------------------

@pytest.mark.slow(reason="runs a ClimActor import of 3,000 rows in a process of its own and kills it")
def test_temporaries_of_a_killed_import_are_removed_by_the_next(copy, tmp_path):
    path = _write(tmp_path / "generated_Dec2022.csv", CLIM_ACTOR_HEADER + "".join(
        f"Town {n:04d},FRA,City,France,NA,1,NA,NA,NA,NA,NA,NA,GCoM2022,Europe\n" for n in range(3000)))
    before = _state(copy)
    proc = subprocess.Popen([sys.executable, "-m", "cca_graph", "import", "climactor", str(path), "--graph", str(copy)],
                            env=dict(os.environ, PYTHONIOENCODING="utf-8"), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    log = copy / "imports" / f".climactor-2022-12.decisions.csv.tmp-{proc.pid}"
    try:
        deadline = time.monotonic() + 240
        # mid-way: the decision log holds some hundreds of its 3,000 rows
        while not (log.exists() and log.stat().st_size > 16_384) and time.monotonic() < deadline:
            assert proc.poll() is None, "the import ended before it was killed"
            time.sleep(0.02)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    left = sorted(p.name for p in (copy / "imports").iterdir())
    assert left == sorted(f".climactor-2022-12.{s}.tmp-{proc.pid}" for s in ("nq", "decisions.csv"))
    assert _state(copy)[0] == before[0] and _state(copy)[2] == before[2]

    run_import("roster", _write(tmp_path / "after.csv", ROSTER_HEADER + LYON), copy, year=2024)
    assert sorted(p.name for p in (copy / "imports").iterdir() if p.name.startswith(".")) == []
    memberships = run_sparql(open_store(copy), "SELECT ?m WHERE { ?x org:organization id:hardening-network ; "
                                               "org:member ?m }")["m"]
    assert list(memberships) == [ID + "FR-ARA.lyon"]


# -- names and headers ----------------------------------------------------------------------------

def _members(out: Path, graph_name: str) -> set[tuple[str, str]]:
    df = run_sparql(open_store(out), "SELECT ?m ?n WHERE { GRAPH ?g { ?x org:member ?m ; org:organization ?n } "
                    f"FILTER(STR(?g) = '{ID.replace('/id/', '/graph/')}{graph_name}') }}")
    return {(m[len(ID):], n[len(ID):]) for m, n in df.itertuples(index=False)}


def test_a_second_file_with_the_same_default_name_is_refused_and_the_first_kept(copy, tmp_path):
    first = _write(tmp_path / "a" / "roster.csv", ROSTER_HEADER + LYON)
    second = _write(tmp_path / "b" / "Roster.csv", ROSTER_HEADER + LYON.replace("Lyon", "Nice").replace("2020", "2021"))
    run_import("roster", first, copy, year=2020)
    lyon = {("FR-ARA.lyon", "hardening-network")}
    assert _members(copy, "import-roster-roster") == lyon
    problems = _problems("roster", second, copy, year=2021)
    assert len(problems) == 1 and problems[0][:3] == ("Roster.csv", 0, "name")
    assert str(first.resolve()) in problems[0][3] and "--name" in problems[0][3]
    assert _members(copy, "import-roster-roster") == lyon
    # the same file again is an update: it replaces its own import
    _write(first, ROSTER_HEADER + LYON.replace("Lyon", "Nice"))
    run_import("roster", first, copy, year=2020)
    assert {m for m, _ in _members(copy, "import-roster-roster")} == {"FR.nice"}  # Lyon replaced


def test_a_header_naming_a_column_twice_is_refused(graph, tmp_path):
    path = _write(tmp_path / "roster.csv", ROSTER_HEADER.replace("name,", "name,name,") + "Lyon," + LYON)
    assert _problems("roster", path, graph, year=2020) == [("roster.csv", 1, "header", "column 'name' given twice")]


# -- targets: numbers and addresses ---------------------------------------------------------------

TARGET_HEADER = ("target_id,actor_id,target_type,baseline_year,target_year,target_value,target_unit,URL,"
                 "datasource_id\n")
DATA_SOURCE = "datasource_id,name,publisher,published,URL\nds1,Dataset,Pub,2023-01-01,https://example.org/ds\n"


@pytest.mark.parametrize("value", ["NaN", "1e400", "-inf"])
def test_a_target_value_that_is_not_a_finite_number_fails_at_its_line(graph, tmp_path, value):
    folder = tmp_path / "targets"
    _write(folder / "DataSource.csv", DATA_SOURCE)
    _write(folder / "Target.csv", TARGET_HEADER + f"t1,FR,Absolute emission reduction,2005,2030,{value},percent,,ds1\n")
    assert _problems("targets", folder, graph) == [
        ("Target.csv", 2, "target_value", f"not a finite number: {value!r}")]


def test_a_target_url_that_is_not_http_is_listed_in_the_report_and_not_cited(copy, tmp_path):
    folder = tmp_path / "targets"
    _write(folder / "DataSource.csv", DATA_SOURCE.replace("https://example.org/ds", "file:///etc/passwd"))
    _write(folder / "Target.csv", TARGET_HEADER
           + "t1,FR,Absolute emission reduction,2005,2030,40,percent,javascript:alert(1),ds1\n"
           + "t2,DE,Absolute emission reduction,2005,2030,50,percent,\"data:text/html,<b>x</b>\",ds1\n"
           + "t3,IT,Absolute emission reduction,2005,2030,55,percent,https://example.org/t3,ds1\n")
    report = run_import("targets", folder, copy)
    assert report.records["Commitment"] == 3
    assert report.details["URLs that are not http(s) addresses, not cited"] == [
        f"{folder / 'DataSource.csv'}:2: 'file:///etc/passwd'",
        f"{folder / 'Target.csv'}:2: 'javascript:alert(1)'",
        f"{folder / 'Target.csv'}:3: 'data:text/html,<b>x</b>'"]
    urls = run_sparql(open_store(copy), "SELECT DISTINCT ?u WHERE { ?s ?p ?u FILTER(isLiteral(?u) || isIRI(?u)) "
                      "FILTER(REGEX(STR(?u), '^(javascript|data|file):')) }")
    assert urls.empty, urls
