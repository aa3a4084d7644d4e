""""What to raise" and the gap checks tell a funding question once (on the bundled build).

A brief's "What to raise" is the agenda for a meeting: it names what to ask and points to
section 6, where each obligation is told with its law, article, level and sources. A duty
of conduct (the spheres' duty to co-operate) is not something that gets funded, so it is
asked about nowhere.
"""
from __future__ import annotations

from cca_graph.present.briefs.model import plain
from cca_graph.present.briefs.sections import gaps, messages
from cca_graph.present.briefs.sections.context import Context

#: the status word of a finding the material did not look at (the legend above section 1 says what it means)
QUESTION = "not looked at"


def _sentences(section) -> list[str]:
    found = []
    for block in section.blocks:
        found += [plain(i.parts) for i in getattr(block, "items", ())]
        if getattr(block, "parts", None):
            found.append(plain(block.parts))
    return found


def _after(blocks: list, heading: str) -> list:
    """The blocks after the heading ``heading``, up to the next one."""
    names = [getattr(b, "text", None) for b in blocks]
    start = names.index(heading) + 1
    end = next((i for i in range(start, len(blocks)) if names[i] is not None), len(blocks))
    return blocks[start:end]


def test_mexicos_funding_is_one_question_that_points_to_section_6(store):
    asked = [plain(i.parts) for i in messages.to_raise(Context(store, "MX", "en"))]
    # giz-cca §4.3: the LGCC obliges the states to adopt a climate programme (art. 58) and Jalisco's
    # 2015 law obliges its municipalities to draw up plans; funding was not surveyed (mx-coverage)
    assert [t for t in asked if "funded" in t] == [
        "Ask how these 2 obligations are funded: Jalisco's municipalities must draw up climate plans; Mexican "
        f"states must adopt a state climate programme (section 6): {QUESTION}."]
    funding = [plain(i.parts) for b in _after(gaps.build(Context(store, "MX", "en")).blocks,
                                                   "Obligations and their funding") for i in getattr(b, "items", ())]
    # section 6 tells each obligation once, with its law (and article where the source gives one)
    assert funding == [
        "Is the obligation Jalisco's municipalities must draw up climate plans (Jalisco Law on Action against "
        f"Climate Change) on the local level funded? {QUESTION[0].upper()}{QUESTION[1:]}.",
        "Is the obligation Mexican states must adopt a state climate programme (General Law on Climate Change "
        f"(LGCC), art. 58) on the regional level funded? {QUESTION[0].upper()}{QUESTION[1:]}."]
    assert not set(asked) & set(funding)


def test_a_duty_to_co_operate_is_not_asked_about_funding(store):
    # giz-cca §2.2: South Africa's only recorded obligations are the spheres' duty to co-operate
    ctx = Context(store, "ZA", "en")
    assert not [t for t in (plain(i.parts) for i in messages.to_raise(ctx)) if "funded" in t or "co-operate" in t]
    told = _sentences(gaps.build(ctx))
    assert not [t for t in told if "co-operate" in t and "fund" in t]
    assert any(t.startswith("Nothing to show for this check: no obligation of this country's laws to produce or "
                            "deliver something") for t in told)


def test_a_duty_to_co_operate_makes_no_candidate(store):
    # giz-cca §2.2: the provinces' only mandate is the duty to co-operate, so Vermont's electric-vehicle
    # partnership (under2-2017-highlights §4), an Under2 peer's, is not offered to KwaZulu-Natal
    from cca_graph.present.briefs.model import Table
    from cca_graph.present.briefs.sections import replication

    blocks = _after(replication.build(Context(store, "ZA", "en")).blocks, "Candidates: what peers adopted")
    assert not any(isinstance(b, Table) for b in blocks)
    assert [plain(b.parts) for b in blocks][-1].endswith("(a duty to co-operate gives none).")
