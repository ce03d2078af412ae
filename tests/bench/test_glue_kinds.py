"""The purity census charges each wrong pair to the join that first put it together (bench/days_glue_kinds.py)."""

from __future__ import annotations

import pytest
from bench.days_glue_kinds import Join, charge


def test_each_wrong_pair_goes_to_its_first_join() -> None:
    truth = {"a1": "A", "a2": "A", "b1": "B", "s": "solo:s"}
    joins = [
        Join("report", frozenset({"a1"}), frozenset({"a2"}), 0.9),  # right: charges nothing
        Join("report", frozenset({"a1", "a2"}), frozenset({"s"}), 0.72),  # s glued to A: 2 wrong pairs
        Join("event (pass)", frozenset({"a1", "a2", "s"}), frozenset({"b1"})),  # B glued: 3 wrong pairs
    ]
    cost, pairs, scores = charge(["a1", "a2", "b1", "s"], truth, joins)
    assert pairs == {"report": 2, "event (pass)": 3}
    # 2 / n per wrong pair: summed with the right pairs' shares, the story's B-cubed precision sum is exact.
    assert cost["report"] == pytest.approx(2 * 2 / 4)
    assert cost["event (pass)"] == pytest.approx(3 * 2 / 4)
    precision_sum = 2 / 4 + 2 / 4 + 1 / 4 + 1 / 4  # a1, a2: 2 of 4 share their label; b1, s: 1 of 4
    assert sum(cost.values()) == pytest.approx(4 - precision_sum)
    assert sorted(scores) == [("event (pass)", 0.0), ("report", 0.72)]


def test_a_pair_no_join_explains_is_unseen() -> None:
    cost, pairs, _ = charge(["x", "y"], {"x": "A", "y": "B"}, [])
    assert pairs == {"unseen": 1} and cost == {"unseen": pytest.approx(1.0)}
