"""``make bench``: each stage of the pipeline beside a baseline measured in the same run.

Prints a table of seconds and ratios, and writes ``benchmarks/results.json``:

- build (read + check + RDF + load + SHACL) vs a raw ``pyoxigraph.Store.bulk_load``
  of the same N-Quads, with the build's own stage timings (where the rest goes);
- SHACL as SPARQL inside Oxigraph vs pySHACL on the same graph (M only: pySHACL
  needs the whole graph in rdflib's memory);
- importing the roster CSV (its graph added to a copy of the store) vs a raw bulk load of the
  quads it adds, then again (its graph replaced) vs again rebuilding the whole store; the real
  ClimActor file (rows per second);
- every SPARQL catalogue question through the runner vs the same text on pyoxigraph;
- a country brief (Markdown, its annex included) vs the bare catalogue questions it asks, on the
  generated graph and on a graph with the real ClimActor file imported (United States, Mexico);
- pushing to a real Neo4j vs a bare driver ``UNWIND … MERGE`` loop of the same rows, and to a real Fuseki by
  the Graph Store Protocol vs one ``PUT`` of the whole N-Quads export, each into a warm, emptied server;
- the WebGL overview of the graph with ClimActor imported: written, and its first paint in
  headless Chromium vs the vis-network explorer of the same graph at its node budget;
- peak memory (RSS) of the build, its worker processes included.

Speed lives here, never in the tests: nothing is asserted, everything is measured.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.generate import SIZES, generate  # noqa: E402

CLIMACTOR = REPO.parent / "shared" / "data" / "climactor" / "subnational_contextuals_database_Dec2022.csv"


def _tree_rss_kib(root: int) -> int:
    """Resident memory of ``root`` and all its descendants (worker processes included), in KiB."""
    parents, rss = {}, {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry.name}/statm", encoding="ascii") as fh:
                resident_pages = int(fh.read().split()[1])
        except (OSError, IndexError, ValueError):
            continue
        parents[int(entry.name)] = int(fields[1])
        rss[int(entry.name)] = resident_pages * (os.sysconf("SC_PAGE_SIZE") // 1024)
    seen = {root}
    for pid in sorted(parents):
        chain, node = [], pid
        while node in parents and node not in seen and node > 1:
            chain.append(node)
            node = parents[node]
        if node in seen:
            seen.update(chain)
    return sum(rss.get(pid, 0) for pid in seen)


def measured(args: list[str], cwd: Path | None = None) -> tuple[float, int, str]:
    """Run a command; return (seconds, peak RSS in MiB of it and its worker processes together, stdout)."""
    import threading

    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(args, cwd=cwd, stdout=out, stderr=err, text=True)
        peak, done = [0], threading.Event()

        def sample():
            # the kernel's accounting (wait4) gives the largest single process; workers run beside it
            while not done.wait(0.2):
                peak[0] = max(peak[0], _tree_rss_kib(proc.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode:
            raise RuntimeError(f"{' '.join(args)} failed:\n{err.read()}")
        return seconds, max(peak[0], usage.ru_maxrss) // 1024, out.read()


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "cca_graph", *args]


def bench_build(work: Path, results: dict) -> Path:
    out = work / "out"
    seconds, rss, stdout = measured(cli("build", "--graph", str(out), "--cases", str(work / "cases"), "--quiet", "--timings"))
    stages = dict(part.split() for part in stdout.split("Stages (s): ")[1].splitlines()[0].split(", "))
    quads = int(stdout.split("Built ")[1].split()[0])
    results["build"] = {"seconds": seconds, "peak_rss_mib": rss, "quads": quads,
                        "stages": {k: float(v) for k, v in stages.items()}}
    return out


def bench_raw_load(out: Path, results: dict) -> None:
    subprocess.run(cli("export", "--graph", str(out), "--format", "nquads"), check=True, capture_output=True)
    nq = out / "export" / "graph.nq"
    with tempfile.TemporaryDirectory() as tmp:
        code = ("import sys, pyoxigraph as ox; s = ox.Store(sys.argv[1]); "
                "s.bulk_load(path=sys.argv[2], format=ox.RdfFormat.N_QUADS); s.flush()")
        seconds, _, _ = measured([sys.executable, "-c", code, tmp + "/store", str(nq)])
    results["raw_bulk_load"] = {"seconds": seconds, "bytes": nq.stat().st_size}
    results.setdefault("ratios", {})["build_vs_bulk_load"] = results["build"]["seconds"] / seconds


def bench_shacl(out: Path, results: dict, with_pyshacl: bool) -> None:
    nq = out / "export" / "graph.nq"
    code = ("import sys, time; from pathlib import Path; from cca_graph.graph.build import shacl_problems; "
            "t = time.perf_counter(); p = shacl_problems(Path(sys.argv[1]), engine=sys.argv[2]); "
            "print(time.perf_counter() - t, len(p))")
    entry = {}
    engines = ["sparql", "pyshacl"] if with_pyshacl else ["sparql"]
    for engine in engines:
        _, rss, stdout = measured([sys.executable, "-c", code, str(nq), engine])
        seconds, violations = stdout.split()
        entry[engine] = {"seconds": float(seconds), "violations": int(violations), "peak_rss_mib": rss}
    results["shacl"] = entry


def bench_roster_import(work: Path, out: Path, results: dict) -> None:
    """The roster imported (its graph added to a copy of the store), again (replaced), and again rebuilding
    the store in full, beside a raw bulk load of the quads it adds."""
    roster = work / "rosters" / "memberships.csv"
    rows = sum(1 for _ in open(roster, encoding="utf-8")) - 1
    command = cli("import", "roster", str(roster), "--year", "2026", "--graph", str(out))
    seconds, rss, _ = measured(command)
    again, _, _ = measured(command)
    rebuilt, rebuild_rss, _ = measured(command + ["--rebuild"])
    nq = next((out / "imports").glob("roster-*.nq"))
    with tempfile.TemporaryDirectory() as tmp:
        code = ("import sys, pyoxigraph as ox; s = ox.Store(sys.argv[1]); "
                "s.bulk_load(path=sys.argv[2], format=ox.RdfFormat.N_QUADS); s.flush()")
        raw, _, _ = measured([sys.executable, "-c", code, tmp + "/store", str(nq)])
    quads = sum(1 for _ in open(nq, "rb"))
    results["import_roster"] = {"seconds": seconds, "rows": rows, "rows_per_second": rows / seconds,
                                "peak_rss_mib": rss, "quads": quads, "raw_bulk_load_seconds": raw,
                                "again_seconds": again, "rebuild_seconds": rebuilt, "rebuild_peak_rss_mib": rebuild_rss}
    results.setdefault("ratios", {}).update(import_vs_bulk_load=seconds / raw, import_rebuild_vs_replace=rebuilt / again)


def bench_imports(work: Path, out: Path, results: dict) -> None:
    bench_roster_import(work, out, results)
    if CLIMACTOR.exists():
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(cli("build", "--graph", tmp, "--quiet"), check=True, capture_output=True)
            seconds, rss, _ = measured(cli("import", "climactor", str(CLIMACTOR), "--lenient", "--graph", tmp))
            results["import_climactor"] = {"seconds": seconds, "rows": 14706, "rows_per_second": 14706 / seconds,
                                           "peak_rss_mib": rss}
            # a brief at registry scale: the country with the most imported governments, and one with little data
            results["briefs_climactor"] = {country: bench_brief(Path(tmp), country) for country in ("US", "MX")}
            results["overview"] = bench_overview(Path(tmp))


_OVERVIEW_PROBE = """
import json, statistics, sys, tempfile, time
from pathlib import Path
from playwright.sync_api import sync_playwright
from cca_graph import open_store
from cca_graph.present.overview import write_overview
from cca_graph.present.views import DEFAULT_BUDGET, write_view
from tests.servers import chromium
store, folder, runs = open_store(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
start = time.perf_counter()
overview = write_overview(store, folder / "overview.html")
written = time.perf_counter() - start
explorer = write_view(store, folder / "explorer.html")

def first_paint(context, path):
    # seconds from the start of navigation to the page's data-ready mark (the graph drawn), the median of runs
    times = []
    for _ in range(runs):
        page = context.new_page()
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-ready=true]", timeout=600_000)
        times.append(page.evaluate("(window.ccaTimings && ccaTimings.painted) || performance.now()") / 1000)
        page.close()
    return statistics.median(times)

with sync_playwright() as playwright, tempfile.TemporaryDirectory() as profile:
    context = chromium(playwright, profile, 1400, 900)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    paint = first_paint(context, folder / "overview.html")
    baseline = first_paint(context, folder / "explorer.html")
    context.close()
print(json.dumps({"nodes": overview.nodes, "edges": overview.edges, "write_seconds": written, "paint_seconds": paint,
                  "bytes": (folder / "overview.html").stat().st_size, "explorer_nodes": explorer.shown,
                  "explorer_paint_seconds": baseline, "runs": runs}))
"""
OVERVIEW_RUNS = 3


def bench_overview(out: Path) -> dict:
    """The overview of a registry graph: written, then its first paint in headless Chromium.

    The baseline is the vis-network explorer of the same graph at its node budget, opened the same way.
    """
    if not Path("/usr/bin/chromium").exists():
        return {"skipped": "no /usr/bin/chromium (apt-get install chromium)"}
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.run([sys.executable, "-c", _OVERVIEW_PROBE, str(out), tmp, str(OVERVIEW_RUNS)], cwd=REPO,
                              capture_output=True, text=True, timeout=BRIEF_TIMEOUT, check=True)
    return json.loads(proc.stdout)


_QUERY_PROBE = """
import json, sys, time
from cca_graph import open_store
from cca_graph.query.catalogue import _sparql_params, get, run_query
from cca_graph.graph.sparql import PREFIXES, bind
store = open_store(sys.argv[1])
name, params = sys.argv[2], json.loads(sys.argv[3])
start = time.perf_counter()
rows = len(run_query(name, "sparql", store=store, **params))
ours = time.perf_counter() - start
q = get(name)
text = bind(q.text("sparql"), _sparql_params(q, params))
start = time.perf_counter()
list(store.query(text, prefixes=PREFIXES, use_default_graph_as_union=True))
raw = time.perf_counter() - start
print(json.dumps({"seconds": ours, "raw_seconds": raw, "rows": rows}))
"""
QUERY_TIMEOUT = 60


def bench_queries(out: Path, results: dict) -> None:
    """Each question in its own process, so that one slow question cannot stall the run."""
    from cca_graph import open_store
    from cca_graph.graph.sparql import run_sparql
    from cca_graph.query.catalogue import catalogue

    store = open_store(out)
    # the country with the most governments, and a network member with no instrument: the questions' heaviest work
    country = run_sparql(store, """
        SELECT ?iso WHERE {
          ?nation cca:isoCode ?iso ; cca:level <https://w3id.org/cca-graph/id/level/national> .
          ?government cca:partOf+ ?nation .
        } GROUP BY ?iso ORDER BY DESC(COUNT(?government)) ?iso LIMIT 1""")["iso"][0]
    government = run_sparql(store, """
        SELECT ?g WHERE {
          ?g cca:level <https://w3id.org/cca-graph/id/level/local> ; ^org:member/org:organization ?network .
          FILTER NOT EXISTS { ?instrument cca:adoptedBy ?g }
        } GROUP BY ?g ORDER BY DESC(COUNT(?network)) ?g LIMIT 1""")["g"][0].rsplit("/", 1)[-1]
    del store
    entries = {}
    for name, q in sorted(catalogue().items()):
        # the required parameters only: an optional one (as_of) is asked without, as a user would
        params = {p.name: country if p.kind == "iso" else government for p in q.parameters if not p.optional}
        try:
            proc = subprocess.run([sys.executable, "-c", _QUERY_PROBE, str(out), name, json.dumps(params)],
                                  capture_output=True, text=True, timeout=QUERY_TIMEOUT, check=True)
            entries[name] = {**json.loads(proc.stdout), "params": params}
        except subprocess.TimeoutExpired:
            entries[name] = {"timeout": QUERY_TIMEOUT, "params": params}
    results["queries"] = entries
    # the 95th percentile of the questions' times (interpolated between the two nearest, as numpy's
    # default): a stopped question counts as its timeout
    seconds = sorted(entry.get("seconds", entry.get("timeout")) for entry in entries.values())
    rank = 0.95 * (len(seconds) - 1)
    low = int(rank)
    p95 = seconds[low] + (seconds[min(low + 1, len(seconds) - 1)] - seconds[low]) * (rank - low)
    results.setdefault("ratios", {})[f"query_p95_seconds_{results['size']}"] = p95
    results["brief"] = {country: bench_brief(out, country)}


_BRIEF_PROBE = """
import json, sys, time
from pathlib import Path
from cca_graph import open_store
from cca_graph.graph.sparql import PREFIXES, bind
from cca_graph.present.briefs import write_brief
from cca_graph.query.catalogue import _sparql_params, catalogue, get
store = open_store(sys.argv[1])
country, path = sys.argv[2], Path(sys.argv[3])
start = time.perf_counter()
result = write_brief(store, country, "md", path)
ours = time.perf_counter() - start
# the baseline: the catalogue questions on the country the brief asks, as bare pyoxigraph queries
known = catalogue()
start = time.perf_counter()
for name in json.loads(sys.argv[4]):
    if name in known:
        q = get(name)
        text = bind(q.text("sparql"), _sparql_params(q, {"country": country}))
        list(store.query(text, prefixes=PREFIXES, use_default_graph_as_union=True))
raw = time.perf_counter() - start
print(json.dumps({"seconds": ours, "questions_seconds": raw, "words": len(path.read_text().split()),
                  "notes": result.notes, "annex_files": len(result.annex)}))
"""
#: the questions on one country that a brief asks (it also asks replication-candidates for the governments it shows)
BRIEF_QUESTIONS = ("levels-and-mandates", "level-without-mandate", "mandate-without-instrument", "coordination-gap",
                   "unfunded-mandate", "reporting-gap", "network-asymmetry", "target-misalignment", "pledge-integrity")
BRIEF_TIMEOUT = 900


def bench_brief(out: Path, country: str) -> dict:
    """One brief (Markdown) in its own process, beside the bare questions it asks."""
    with tempfile.TemporaryDirectory() as tmp:
        try:
            proc = subprocess.run([sys.executable, "-c", _BRIEF_PROBE, str(out), country, str(Path(tmp) / "brief.md"),
                                   json.dumps(BRIEF_QUESTIONS)], capture_output=True, text=True,
                                  timeout=BRIEF_TIMEOUT, check=True)
        except subprocess.TimeoutExpired:
            return {"timeout": BRIEF_TIMEOUT}
    return json.loads(proc.stdout)


#: timed runs of each push and its baseline, in alternating order; the median is reported
PUSH_RUNS = 3


def _alternating(runs: int, ours, baseline, before) -> tuple[list[float], list[float]]:
    """Seconds of ``ours()`` and ``baseline()``, each run ``runs`` times, the first of each pair alternating.

    ``before()`` empties the server before every timed run (not timed): each side writes into the same
    empty, warm server, and neither always goes first.
    """
    times: dict[str, list[float]] = {"ours": [], "baseline": []}
    for run in range(runs):
        for name, work in ((("ours", ours), ("baseline", baseline)) if run % 2 == 0 else
                           (("baseline", baseline), ("ours", ours))):
            before()
            start = time.perf_counter()
            work()
            times[name].append(time.perf_counter() - start)
    return times["ours"], times["baseline"]


def bench_push(out: Path, results: dict) -> None:
    """The Bolt push vs a bare driver loop of the same rows computed beforehand, both into a warm, empty Neo4j."""
    import statistics
    from itertools import islice

    from cca_graph import open_store
    from cca_graph.graph.store import store_path
    from cca_graph.project.bolt import connect, push, server_counts
    from cca_graph.project.property_graph import project
    from tests.servers import start_neo4j

    store = open_store(out)
    graph = project(store)
    nodes: dict[str, list] = {}
    for n in graph.nodes():
        nodes.setdefault(n.labels[-1], []).append({"iri": n.iri, "props": n.properties})
    rels: dict[str, list] = {}
    for r in graph.relationships():
        rels.setdefault(r.type, []).append({"s": r.start, "e": r.end, "props": r.properties})

    def bare(session) -> None:
        # what a user would write by hand: MERGE on iri under the push's constraint, 5,000 rows a transaction
        for label, rows in nodes.items():
            it = iter(rows)
            while batch := list(islice(it, 5000)):
                session.run(f"UNWIND $rows AS row MERGE (n:Entity {{iri: row.iri}}) SET n = row.props, n:{label}",
                            rows=batch).consume()
        for rel_type, rows in rels.items():
            it = iter(rows)
            while batch := list(islice(it, 5000)):
                session.run(f"UNWIND $rows AS row MATCH (a:Entity {{iri: row.s}}) MATCH (b:Entity {{iri: row.e}}) "
                            f"MERGE (a)-[r:{rel_type} {{iri: row.props.iri}}]->(b) SET r = row.props",
                            rows=batch).consume()

    with tempfile.TemporaryDirectory() as tmp:
        server = start_neo4j(Path(tmp) / "neo4j")
        driver = connect(server.url)
        try:
            with driver.session() as session:
                def empty() -> None:
                    session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()

                # a first push warms the server (its page cache, its compiled queries) and makes the constraint
                start = time.perf_counter()
                # as `cca-graph push` does: the store's folder given, a process of its own projects it
                result = push(store, server.url, wipe=True, store_path=store_path(out))
                cold = time.perf_counter() - start
                again_start = time.perf_counter()
                push(store, server.url, store_path=store_path(out))
                again = time.perf_counter() - again_start
                ours, baseline = _alternating(PUSH_RUNS, lambda: push(store, server.url, wipe=True, store_path=store_path(out)),
                                              lambda: bare(session), empty)
                bare_nodes, bare_rels = server_counts(session)
        finally:
            driver.close()
            server.stop()
    if bare_nodes != result.nodes or bare_rels != result.relationships:
        raise RuntimeError(f"the bare loop wrote {bare_nodes} {bare_rels}, the push {result.nodes} {result.relationships}")
    results["push"] = {"seconds": statistics.median(ours), "baseline_seconds": statistics.median(baseline),
                       "runs": ours, "baseline_runs": baseline, "cold_seconds": cold, "again_seconds": again,
                       "batch_size": result.batch_size, "nodes": result.nodes.get("Entity", 0),
                       "relationships": sum(result.relationships.values())}
    results.setdefault("ratios", {})["push_vs_bare_driver"] = results["push"]["seconds"] / results["push"]["baseline_seconds"]


def bench_push_sparql(out: Path, results: dict) -> None:
    """The Graph Store push to Fuseki vs one HTTP PUT of the whole N-Quads export to the dataset, both warm."""
    import statistics
    import urllib.request
    from collections import Counter

    from pyoxigraph import RdfFormat

    from cca_graph import open_store
    from cca_graph.project.sparql_http import graph_counts, push
    from tests.servers import start_fuseki

    store = open_store(out)
    with tempfile.TemporaryDirectory() as tmp:
        nq = Path(tmp) / "graph.nq"
        store.dump(str(nq), format=RdfFormat.N_QUADS)
        # TDB2 on disk, as a real deployment runs it (in memory the M graph outgrows the launcher's 1 GiB heap)
        server = start_fuseki(Path(tmp), data_dir=Path(tmp) / "tdb2")

        def send(method: str, url: str, body=None, content_type: str | None = None) -> None:
            request = urllib.request.Request(url, data=body, method=method,
                                             headers={"Content-Type": content_type} if content_type else {})
            with urllib.request.urlopen(request, timeout=1800) as response:
                response.read()

        def bulk() -> None:
            # what a user would do by hand: the whole export in one request, streamed from the file
            with open(nq, "rb") as body:
                request = urllib.request.Request(server.url + "/data", data=body, method="PUT", headers={
                    "Content-Type": "application/n-quads", "Content-Length": str(nq.stat().st_size)})
                with urllib.request.urlopen(request, timeout=1800) as response:
                    response.read()

        def empty() -> None:
            send("POST", server.url + "/update", b"update=DROP%20ALL", "application/x-www-form-urlencoded")

        try:
            start = time.perf_counter()
            result = push(store, server.url, wipe=True)
            cold = time.perf_counter() - start
            ours, baseline = _alternating(PUSH_RUNS, lambda: push(store, server.url, wipe=True), bulk, empty)
            # the baseline went last: it left the same triples in each graph as the push sends
            stored = graph_counts(server.url + "/query")
        finally:
            server.stop()
        size = nq.stat().st_size
    if stored != +Counter({g: n for g, n in result.sent.items() if g}):
        raise RuntimeError(f"the bulk load left {stored}, the push sends {result.sent}")
    results["push_sparql"] = {"seconds": statistics.median(ours), "baseline_seconds": statistics.median(baseline),
                              "runs": ours, "baseline_runs": baseline, "cold_seconds": cold,
                              "triples": sum(result.sent.values()), "graphs": len(result.sent),
                              "requests": result.requests, "bytes": size}
    results.setdefault("ratios", {})["push_sparql_vs_bulk_load"] = \
        results["push_sparql"]["seconds"] / results["push_sparql"]["baseline_seconds"]


def table(results: dict) -> str:
    rows = [("stage", "ours (s)", "baseline (s)", "ratio")]
    b, raw = results["build"], results["raw_bulk_load"]["seconds"]
    rows.append((f"build, {b['quads']:,} quads", f"{b['seconds']:.1f}", f"{raw:.1f} raw bulk_load", f"{b['seconds'] / raw:.2f}"))
    for stage, seconds in b["stages"].items():
        rows.append((f"  of which {stage}", f"{seconds:.1f}", "", f"{seconds / raw:.2f}"))
    shacl = results.get("shacl", {})
    if "pyshacl" in shacl:
        rows.append(("SHACL as SPARQL vs pySHACL", f"{shacl['sparql']['seconds']:.1f}", f"{shacl['pyshacl']['seconds']:.1f}",
                     f"{shacl['sparql']['seconds'] / shacl['pyshacl']['seconds']:.2f}"))
    for key in ("import_roster", "import_climactor"):
        if key in results:
            r = results[key]
            baseline = (f"{r['raw_bulk_load_seconds']:.1f} raw bulk_load", f"{r['seconds'] / r['raw_bulk_load_seconds']:.2f}") \
                if "raw_bulk_load_seconds" in r else ("", "")
            rows.append((f"{key.replace('_', ' ')} ({r['rows']:,} rows, {r['rows_per_second']:.0f}/s)", f"{r['seconds']:.1f}",
                         *baseline))
            if "again_seconds" in r:
                rows.append(("  again, its graph replaced", f"{r['again_seconds']:.1f}", "", ""))
                rows.append(("  again, the store rebuilt (--rebuild)", f"{r['rebuild_seconds']:.1f}",
                             f"{r['again_seconds']:.1f} replaced", f"{r['rebuild_seconds'] / r['again_seconds']:.2f}"))
    for name, q in results.get("queries", {}).items():
        if "timeout" in q:
            rows.append((f"query {name}", f"> {q['timeout']} (stopped)", "", ""))
            continue
        rows.append((f"query {name} ({q['rows']} rows)", f"{q['seconds']:.3f}", f"{q['raw_seconds']:.3f} pyoxigraph",
                     f"{q['seconds'] / max(q['raw_seconds'], 1e-6):.2f}"))
    briefs = [(f"brief {c}", b) for c, b in results.get("brief", {}).items()]
    briefs += [(f"brief {c}, ClimActor imported", b) for c, b in results.get("briefs_climactor", {}).items()]
    for what, b in briefs:
        if "timeout" in b:
            rows.append((what, f"> {b['timeout']} (stopped)", "", ""))
            continue
        rows.append((f"{what} ({b['words']:,} words, {b['notes']} notes)", f"{b['seconds']:.1f}",
                     f"{b['questions_seconds']:.1f} its questions, bare", f"{b['seconds'] / max(b['questions_seconds'], 1e-6):.2f}"))
    o = results.get("overview", {})
    if "paint_seconds" in o:
        rows.append((f"overview written ({o['nodes']:,} nodes, {o['edges']:,} links, {o['bytes'] / 2**20:.1f} MiB)",
                     f"{o['write_seconds']:.1f}", "", ""))
        rows.append((f"overview first paint, WebGL ({o['nodes']:,} nodes)", f"{o['paint_seconds']:.2f}",
                     f"{o['explorer_paint_seconds']:.2f} explorer, {o['explorer_nodes']:,} nodes",
                     f"{o['paint_seconds'] / o['explorer_paint_seconds']:.2f}"))
    if "push" in results:
        p = results["push"]
        rows.append((f"push to Neo4j, warm ({p['nodes']:,} nodes, {p['relationships']:,} rels, batch {p['batch_size']})",
                     f"{p['seconds']:.1f}", f"{p['baseline_seconds']:.1f} bare UNWIND loop",
                     f"{p['seconds'] / p['baseline_seconds']:.2f}"))
        if "again_seconds" in p:
            rows.append(("  again, onto the same graph (MERGE)", f"{p['again_seconds']:.1f}", "", ""))
    if "push_sparql" in results:
        p = results["push_sparql"]
        rows.append((f"push to Fuseki, warm ({p['triples']:,} triples, {p['graphs']} graphs, {p['requests']} requests)",
                     f"{p['seconds']:.1f}", f"{p['baseline_seconds']:.1f} one PUT of the N-Quads",
                     f"{p['seconds'] / p['baseline_seconds']:.2f}"))
    rows.append(("peak RSS of the build, with its workers (MiB)", str(results["build"]["peak_rss_mib"]), "", ""))
    width = [max(len(r[i]) for r in rows) for i in range(4)]
    return "\n".join("  ".join(cell.ljust(width[i]) for i, cell in enumerate(r)) for r in rows)


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark the pipeline at a registry size.")
    parser.add_argument("--size", choices=sorted(SIZES), default=os.environ.get("BENCH", "M"))
    parser.add_argument("--json", type=Path, default=REPO / "benchmarks" / "results.json")
    parser.add_argument("--skip-push", action="store_true", help="Do not start Neo4j or Fuseki.")
    args = parser.parse_args()
    results = {"size": args.size, "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                                               "system": platform.platform()}}
    with tempfile.TemporaryDirectory(prefix=f"cca-bench-{args.size}-") as tmp:
        work = Path(tmp)
        results["generated"] = generate(args.size, work)
        out = bench_build(work, results)
        bench_raw_load(out, results)
        bench_shacl(out, results, with_pyshacl=args.size != "L")
        bench_imports(work, out, results)
        bench_queries(out, results)
        if not args.skip_push:
            bench_push(out, results)
            bench_push_sparql(out, results)
    # the measurements first: a table that cannot be drawn loses nothing
    args.json.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(table(results))
    print(f"\nwrote {args.json}")


if __name__ == "__main__":
    main()
