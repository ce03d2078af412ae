"""``bench/days_impure_stage.py``: each impure story put under the first decision that mixed two events in it."""

from __future__ import annotations

from bench.days_impure_stage import Mix, first_mixes


def test_each_impure_story_is_put_under_its_first_mix() -> None:
    truth = {"a": "e1", "b": "e1", "c": "e2", "d": "e3", "e": "e3", "f": "solo:f"}
    predicted = {"a": "s1", "b": "s1", "c": "s1", "d": "s2", "e": "s2", "f": "s3", "x": "s1"}
    mixes = [Mix("report join", frozenset({"a", "c"}), 1, 1), Mix("event layer", frozenset({"a", "b", "c"}), 2, 1)]
    found = first_mixes(mixes, truth, predicted)
    assert found == [(mixes[0], 3)]  # s2 is pure, s3 a single; x is not labelled (a multi-event report)


def test_an_impure_story_no_recorded_mix_reaches_is_counted_unfound() -> None:
    truth = {"a": "e1", "c": "e2"}
    assert first_mixes([], truth, {"a": "s", "c": "s"}) == [(None, 2)]
