"""Property: hostile names either build and then export and brief in every format, or are refused at their line.

Names of a government, a network and a policy, labels in two languages, a
locator and a source title are drawn from arbitrary Unicode (control
characters, right-to-left marks and overrides, markup, quotes, ``|``,
backslashes, very long text); a tiny case folder holding them is built. Either
the build succeeds, and then every export format and every brief format is
written, or it fails with an :class:`InputError` whose every problem is
``path:line: field: message`` at a real line. Never another exception.
"""
from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st

from cca_graph import InputError, build, export, open_store, write_brief

pytestmark = pytest.mark.slow

#: text a name may hold: markup, quotes, pipes, backslashes, right-to-left text and marks, formulas, long runs
PRINTABLE = ["<script>alert(1)</script>", '"', "'", "|", "\\", "\\n", "\u200f", "&amp;", "${x}", "{{x}}",
             "=cmd|' /C calc'!A0", "@SUM(1)", "'; DROP TABLE x; --", "`id`", "Tromsø", "北京", "الرياض", "Ж" * 3000]
#: what no one-line name may hold: C0 and C1 controls, bidi overrides and isolates, line separators
CONTROLS = ["\x1b[31m", "\x00", "\x07", "\x85", "\x9b", "\t", "\n", "\u202e", "\u2066", "\u2028", "\x7f"]
FIELDS = ("government", "zh", "network", "policy", "locator", "title", "description")

_letters = st.characters(blacklist_categories=("Cs", "Cc"),
                         blacklist_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
                                              "\u2028\u2029\ufffe\uffff")
#: a name that may build: a word, then a few pieces of arbitrary printable text and hostile fragments
names = st.tuples(st.sampled_from(["Porto", "北京", "<b>x</b>", "a|b", "Ærø"]),
                  st.lists(st.one_of(st.text(_letters, max_size=12), st.sampled_from(PRINTABLE)), max_size=4)
                  ).map(lambda parts: parts[0] + "".join(parts[1]))
#: at most one field poisoned with a control character (in three examples of four, about: a refusal is
#: cheap, a build writes every export and brief format)
_poisoned = st.tuples(st.sampled_from(FIELDS), st.sampled_from(CONTROLS))
poison = st.one_of(st.none(), _poisoned, _poisoned, _poisoned)

PROBLEM = re.compile(r"^[^\n]+:(\d+): [^:\n]+: .+$")


def _case_root(root: Path, texts: dict[str, str]) -> Path:
    """A case root with one country, one network, its membership and a policy, named by ``texts``."""
    def dump(path: Path, data) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1 << 20), encoding="utf-8")

    cite = {"doc": "doc", "locator": texts["locator"]}
    dump(root / "sources.yaml", {"sources": [
        {"key": "doc", "title": texts["title"], "publisher": "tests", "year": 2024, "url": "https://example.org/d"}]})
    dump(root / "case" / "records.yaml", {"records": [
        {"id": "PT", "type": "Government", "label": {"en": texts["government"], "zh": texts["zh"]},
         "level": "national", "iso": "PT", "source": dict(cite)},
        {"id": "net", "type": "Network", "label": texts["network"], "start_year": 2015, "source": dict(cite)},
        {"id": "pt-in-net", "type": "Membership", "label": "PT in the network", "member": "PT", "network": "net",
         "role": "member", "source": dict(cite)},
        {"id": "pt-plan", "type": "Instrument", "label": texts["policy"], "instrument_type": "climate-action-plan",
         "adopted_by": "PT", "description": texts["description"], "source": dict(cite)},
    ]})
    return root


# no shrinking: each example builds, exports and writes briefs (seconds), so shrinking a failure takes
# minutes; the failing example is reported as found
@settings(max_examples=25, deadline=None, derandomize=True, phases=(Phase.explicit, Phase.generate),
          suppress_health_check=[HealthCheck.too_slow])
@given(st.fixed_dictionaries({name: names for name in FIELDS}), poison)
def test_hostile_names_build_and_write_everything_or_are_refused_at_their_line(texts, poisoned):
    if poisoned is not None:
        field, control = poisoned
        texts = {**texts, field: texts[field] + control}
    with tempfile.TemporaryDirectory(prefix="cca-property-") as tmp:
        root = _case_root(Path(tmp) / "cases", texts)
        out = Path(tmp) / "out"
        try:
            build(out, [root])
        except InputError as error:
            event("refused")
            assert error.problems
            for problem in error.problems:
                assert problem.line > 0, str(problem)
                assert PROBLEM.match(str(problem)), str(problem)
            return
        event("built")
        store = open_store(out)
        written = export(store, ["all"], out / "export")
        assert {path.name for path in written} >= {"graph.ttl", "graph.trig", "graph.nq", "graph.jsonld"}
        for fmt in ("html", "md", "docx"):
            path = out / "briefs" / f"PT.{fmt}"
            write_brief(store, "PT", fmt, path)
            assert path.stat().st_size > 0
