"""The pair model's round keeps each unit's mutual best partner only; a unit packing two statements has one best
partner in an outlet, and that outlet's unit telling its other statement loses the choice. With ``SECOND_RUNNER``
(session 50, recall73) such a runner-up pair shows the packed unit as a second telling of its partner's fact, when
the partner chooses the packed unit and the packed unit's own partner of that outlet matches another part of it
(``SECOND_PART``). Own small example, none taken from the fact labels of bench/days."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsmirror.model import Article
from newsmirror.stories import compare, fact_model

WHEN = datetime(2024, 6, 1, tzinfo=UTC)

# 甲报 packs the bridge's opening and its stoppage into one sentence; 乙社 tells them as two (or tells the opening again
# in other words: the same part of 甲报's sentence as its first telling); 甲报 may tell the detour after.
PACKED = "跨江大桥周五正式通车，此前工程曾因拆迁纠纷停工两年。"
OPENING = "跨江大桥周五上午正式通车。"
STOPPAGE = "大桥工程此前因为拆迁纠纷停工长达两年。"
OPENING_AGAIN = "周五上午跨江大桥举行仪式后正式通车。"
DETOUR = "停工两年期间附近居民只能绕行旧桥。"


def linker(bodies: list[tuple[str, str]]) -> tuple[compare._Linker, dict[str, int]]:
    articles = [Article(outlet=outlet, title="大桥通车", original_url=f"https://{n}.example/{n}", published_at=WHEN,
                        body_text=body) for n, (outlet, body) in enumerate(bodies)]
    _outlets, units, weight = compare._story_units(articles, True)
    mass = {i: sum(weight[g] for g in s.grams) for i, s in enumerate(units)}
    return compare._Linker(units, weight, mass), {s.ref.text: i for i, s in enumerate(units)}


def test_the_packed_unit_is_shown_in_its_runner_ups_fact() -> None:
    made, index = linker([("甲报", PACKED), ("乙社", OPENING + STOPPAGE)])
    packed, opening, stoppage = index[PACKED], index[OPENING], index[STOPPAGE]
    made._union(made.links.find(packed), made.links.find(opening))
    # The round's pairs: the packed unit's best in 乙社 is the opening (linked); the stoppage chooses the packed unit.
    scored = [(0.7, packed, opening), (0.5, packed, stoppage)]
    made.rescue_runners = made.runners(scored, 0.3)
    assert made.rescue_runners == [(0.5, packed, stoppage)]
    second = made.second_facts([], {})
    assert second == {made.links.find(stoppage): {packed}}
    assert made.shown_by[packed][0] == "runner"
    # The facts stay apart: nothing chains through the shown unit.
    assert made.links.find(stoppage) != made.links.find(packed)


def test_not_below_the_floor_nor_when_the_partner_chooses_another() -> None:
    made, index = linker([("甲报", PACKED + DETOUR), ("乙社", OPENING + STOPPAGE)])
    packed, opening, stoppage = index[PACKED], index[OPENING], index[STOPPAGE]
    made._union(made.links.find(packed), made.links.find(opening))
    assert made.runners([(0.7, packed, opening), (0.5, packed, stoppage)], 0.6) == []
    # The stoppage's best in 甲报 is another unit of 甲报: it does not choose the packed one.
    assert made.runners([(0.7, packed, opening), (0.5, packed, stoppage), (0.6, index[DETOUR], stoppage)], 0.3) == []


def test_a_unit_telling_the_same_part_is_no_runner_up() -> None:
    # 乙社 tells the opening twice: its second telling matches the part of 甲报's sentence that its first (the packed
    # unit's partner) matches already, so the packed unit is not shown beside it (乙社's repeat may be, as main does).
    made, index = linker([("甲报", PACKED), ("乙社", OPENING + OPENING_AGAIN)])
    packed, opening, again = index[PACKED], index[OPENING], index[OPENING_AGAIN]
    made._union(made.links.find(packed), made.links.find(opening))
    made.rescue_runners = made.runners([(0.7, packed, opening), (0.5, packed, again)], 0.3)
    assert made.rescue_runners == [(0.5, packed, again)]
    assert not any(packed in units for units in made.second_facts([], {}).values())
    assert packed not in made.shown_by


def test_off_nothing_is_offered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compare, "SECOND_RUNNER", None)
    articles = [Article(outlet=outlet, title="大桥通车", original_url=f"https://{n}.example/{n}", published_at=WHEN,
                        body_text=body) for n, (outlet, body) in enumerate([("甲报", PACKED),
                                                                             ("乙社", OPENING + STOPPAGE)])]
    _outlets, units, weight = compare._story_units(articles, True)
    linked, _blocked, _scores = compare._linked(units, ["甲报", "乙社"], weight, "rules", None,
                                                rescue=fact_model.RESCUE)
    assert linked.rescue_runners == []
