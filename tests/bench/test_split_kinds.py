"""group28's census by kind (``bench/days_split_kinds.py``) and the small-story join replay (``bench/days_join_small.py``)."""

from __future__ import annotations

import numpy as np
import pytest
from bench.days_eval import purity
from bench.days_join_fit import Captured
from bench.days_join_small import both_passes, figures, small
from bench.days_split_kinds import Report, kind_of, shingles
from bench.stories_eval import bcubed

from newsmirror.stories.joincomplete import JOIN_FEATURES


def _report(body: str, script: str = "zh-Hans", hours: float = 0.0) -> Report:
    return Report("t", "o", script, hours, len(body), body[:90], shingles(body))


WIRE = "中国大陆昨天新增十二起冠病确诊病例，均为境外输入病例。据中国国家卫生健康委员会官网发布的信息，这些病例来自四川四例、上海两例。"
OTHER = "台湾中油公司今天宣布，七日凌晨零时起，汽油和柴油价格都不调整，国内发油量最大的九五无铅汽油维持每公升二十四元。" * 4


def test_kinds_in_order() -> None:
    reports = {"a": _report(WIRE), "b": _report(OTHER), "c": _report(OTHER, hours=20.0), "t": _report(WIRE, "zh-Hant"),
               "s": _report("短讯。", hours=1.0)}
    assert kind_of(["a"], ["b"], reports, closed={"b"}, pulled={"b"}) == "genre"  # the first kind that holds
    assert kind_of(["a"], ["b"], reports, closed=set(), pulled={"a"}) == "pulled"
    assert kind_of(["a"], ["t"], reports, set(), set()) == "script"  # the same text in the other script
    assert kind_of(["b"], ["c"], reports, set(), set()) == "copy"  # a copy before a gap
    assert kind_of(["a"], ["c"], reports, set(), set()) == "gap"
    assert kind_of(["a"], ["s"], reports, set(), set()) == "short"
    assert kind_of(["a"], ["b"], reports, set(), set()) == "side, small"
    assert kind_of(["a", "t", "s"], ["b"], reports, set(), set()) == "side, core >= 3"


def test_pair_costs_sum_to_the_recall_lost() -> None:
    # one event of 5 in fragments 3 + 1 + 1, one singleton: recall (3*3/5 + 1/5 + 1/5 + 1) / 6
    truth = {"a1": "e", "a2": "e", "a3": "e", "b": "e", "c": "e", "x": "solo"}
    predicted = {"a1": "A", "a2": "A", "a3": "A", "b": "B", "c": "C", "x": "X"}
    costs = [2 * 3 * 1 / 5 / 6, 2 * 3 * 1 / 5 / 6, 2 * 1 * 1 / 5 / 6]  # days_split_kinds' 2|A||B|/|E|/N per pair
    assert 1 - bcubed(truth, predicted)[1] == pytest.approx(sum(costs))


def _day() -> Captured:
    # stories: core K (3 reports, event e), singletons s1 (e), s2 (f), s3 (f), s4 (f)
    assigned = {"k1": "K", "k2": "K", "k3": "K", "a": "s1", "b": "s2", "c": "s3", "d": "s4"}
    truth = {"k1": "e", "k2": "e", "k3": "e", "a": "e", "b": "f", "c": "f", "d": "f"}
    sizes = {"K": 3, "s1": 1, "s2": 1, "s3": 1, "s4": 1}
    pairs = [("K", "s1"), ("s2", "s3"), ("s3", "s4"), ("s1", "s2")]
    features = np.zeros((len(pairs), len(JOIN_FEATURES)))
    return Captured("d", assigned, sizes, pairs, features, truth)


def test_small_pass_joins_only_small_pairs_after_the_first_pass() -> None:
    day = _day()
    part = small(day)
    assert part.pairs == [("s2", "s3"), ("s3", "s4"), ("s1", "s2")]
    main = Captured(day.name, day.assigned, day.sizes, [("K", "s1")], day.features[:1], day.truth)
    first = both_passes(main, part, np.array([0.9]), 0.85, None, 1.0)
    assert first == {"s1": "K"}
    # s1 was taken by the first pass: the small pass never joins it again (its .99 pair is passed over); star: s2
    # takes s3 (of one size, the first named is the core), and s3, a side, never takes s4
    both = both_passes(main, part, np.array([0.9]), 0.85, np.array([0.95, 0.9, 0.99]), 0.85)
    assert both == {"s1": "K", "s3": "s2"}
    predicted = {k: both.get(v, v) for k, v in day.assigned.items()}
    assert purity(day.truth, predicted) == (2, 2)


def test_figures_are_counts_not_dates_times_or_years() -> None:
    # 2020年, 15日, 11时 and the single digit are left out; 1,500万 is read whole; Traditional is folded
    assert figures("中國新增12例確診", "2020年9月15日11時，全球累計突破1,500萬例，另有3例。") == {"12", "15000000"}


def test_statements_are_read_only_for_the_top_pairs_and_only_between_outlets() -> None:
    from datetime import UTC, datetime

    from bench.days_join_small import DayText, report_units, topped

    from newsmirror.stories.cluster import Document

    when = datetime(2024, 6, 1, tzinfo=UTC)
    item = "卫生部门11日通报，全国新增确诊病例27例，均为境外输入病例。当日新增治愈出院病例18例。"
    told = "衛生部門11日通報，全國新增確診病例27例，皆為境外移入病例。另新增治癒出院18例。"
    documents = [Document("a", "甲报", when, "新闻", item), Document("b", "乙社", when, "新闻", told),
                 Document("c", "甲报", when, "新闻", told), Document("d", "丙台", when, "新闻", item)]
    assigned = {"a": "A", "b": "B", "c": "C", "d": "D"}
    pairs = [("A", "B"), ("A", "C"), ("B", "D")]
    day = Captured("d", assigned, dict.fromkeys("ABCD", 1), pairs, np.zeros((3, len(JOIN_FEATURES))), {})
    units, seconds = report_units(documents, assigned)
    members = {s: [a for a, t in assigned.items() if t == s] for s in "ABCD"}
    text = DayText(units, seconds, {d.id: d.outlet for d in documents}, members)
    got, (unit_seconds, _) = topped(day, text, np.array([0.9, 0.6, 0.4]), 0.5)
    assert got.pairs == [("A", "B"), ("A", "C")]  # B-D is under the top: never read
    assert got.features.shape == (2, len(JOIN_FEATURES) + 3)
    shared, same_outlet = got.features[:, len(JOIN_FEATURES):]
    assert shared[0] > 0 and shared[2] > 0  # two outlets state the same facts
    assert not same_outlet.any()  # one outlet (甲报) on both sides: no statement evidence
    assert unit_seconds == sum(seconds[r] for r in "abc")  # the candidates' reports only
