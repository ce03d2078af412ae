"""``bench/days_series_join.py`` on constructed captures: the census splits the B³ recall lost into one outlet's
reports apart, two outlets' apart and a report left alone (adding up to 1 - recall) and names the gate of the first;
the series pass's gate wants a single report, a same-outlet report in the other story and a rare title name both
titles hold; its step joins only untouched single reports, following a side to its core."""

from __future__ import annotations

import numpy as np
import pytest
from bench.days_eval import FRESH_DAYS
from bench.days_join_fit import Captured
from bench.days_series_join import (
    KINDS,
    SERIES_COLUMNS,
    allowed_date,
    background_dates,
    gate_of,
    loss_census,
    series_columns,
    series_pairs,
    with_series,
)
from bench.days_small_refit import scored, story_outlets

from newsmirror.stories.joincomplete import JOIN_FEATURES

_MEANING, _LEDE, _GAP = (JOIN_FEATURES.index(n) for n in ("meaning", "lede", "gap"))


def row(gap: float = 0.0) -> list[float]:
    values = [1.0] * len(JOIN_FEATURES)
    values[_MEANING], values[_LEDE], values[_GAP] = 0.9, 0.9, gap
    return values


def day() -> Captured:
    # Event e: outlet A's series a1 (in story s with B's b1), a2 and a3 alone; C's c1 alone. Event f: A's f1, alone,
    # naming the same person as a1 in its title but another event.
    assigned = {"a1": "s", "b1": "s", "a2": "t", "a3": "u", "c1": "v", "f1": "w"}
    truth = {"a1": "e", "b1": "e", "a2": "e", "a3": "e", "c1": "e", "f1": "f"}
    sizes = {"s": 2, "t": 1, "u": 1, "v": 1, "w": 1}
    pairs = [("s", "t"), ("s", "u"), ("s", "v"), ("s", "w"), ("t", "u")]
    features = np.array([row(), row(np.log1p(30.0)), row(), row(), row()])
    return Captured("d", assigned, sizes, pairs, features, truth)


OUTLET = {"a1": "A", "b1": "B", "a2": "A", "a3": "A", "c1": "C", "f1": "A"}
NAMES = {"a1": frozenset({"加利", "林明进"}), "b1": frozenset({"加利"}), "a2": frozenset({"加利"}),
         "a3": frozenset({"加利"}), "c1": frozenset({"加利"}), "f1": frozenset({"林明进"})}


def test_the_census_splits_the_recall_lost_by_kind() -> None:
    d = day()
    lost, same = loss_census(d, {}, OUTLET)
    recall = scored(d, {})[2]
    assert sum(lost.values()) == pytest.approx(1.0 - recall)
    # a1-a2, a1-a3, a2-a3 are one outlet's; c1 is alone against the others; b1 and a1 are together.
    assert sorted(same) == [("a1", "a2"), ("a1", "a3"), ("a2", "a3")]
    assert lost[KINDS[0]] == pytest.approx(6 / 5 / 6)
    # c1 with the four others, each of them with c1; b1 with a2 and a3, each of them with b1: all of them alone
    assert lost[KINDS[2]] == pytest.approx(12 / 5 / 6)
    assert lost[KINDS[1]] == 0.0


def test_the_gate_of_one_outlets_reports() -> None:
    d = day()
    index = {(min(a, b), max(a, b)): i for i, (a, b) in enumerate(d.pairs)}
    outlets = story_outlets(d, OUTLET)
    p = np.full(len(d.pairs), 0.2)
    assert gate_of(d, index, p, 0.81, outlets, "a1", "a2") == "small pass: an outlet in both"
    assert gate_of(d, index, p, 0.81, outlets, "a1", "a3") == "first reports > 24 h apart"
    assert gate_of(d, index, p, 0.81, outlets, "a2", "c1") == "not a candidate"


def test_the_series_gate() -> None:
    d = day()
    # t: A's single report shares 加利 with A's a1 in s; u: beyond the window; v: C's report, no A report in s
    # (with any outlet: b1's and a1's titles name 加利 too); w: 林明进 with a1, but df 2 is over k 1.
    assert series_pairs(d, OUTLET, NAMES, 5).pairs == [("s", "t"), ("s", "w"), ("t", "u")]
    assert series_pairs(d, OUTLET, NAMES, 1).pairs == []
    assert series_pairs(d, OUTLET, NAMES, 5, same_outlet=False).pairs == [("s", "t"), ("s", "v"), ("s", "w"),
                                                                         ("t", "u")]


def test_the_series_step_joins_untouched_singles_to_the_core() -> None:
    d = day()
    series = series_pairs(d, OUTLET, NAMES, 5)
    into = with_series({}, series, np.array([0.9, 0.3, 0.8]), 0.5)
    assert into == {"t": "s", "u": "s"}  # (t, u) after t joined s: u follows t to its core; (s, w) under .5
    # t already a side of s (the small pass's): the step follows it; w joins s's core.
    into = with_series({"t": "s"}, series, np.array([0.9, 0.9, 0.9]), 0.5)
    assert into["w"] == "s" and into["u"] == "s"
    assert with_series({}, series, None, 0.5) == {}


def test_the_new_name_gate_reads_the_week_before_not_the_day() -> None:
    d = day()
    # 加利 was in no title a week before (new), 林明进 in two a day: with the background, w's 林明进 is not new, and
    # 加利 counts however many of the day's titles hold it.
    background = {"林明进": 2.0}
    assert series_pairs(d, OUTLET, NAMES, -1, True, background, 0.0).pairs == [("s", "t"), ("t", "u")]
    assert series_pairs(d, OUTLET, NAMES, -1, True, background, 2.0).pairs == [("s", "t"), ("s", "w"), ("t", "u")]


def test_the_background_never_reads_a_barred_date() -> None:
    assert not allowed_date("2020-11-18") and not allowed_date("2020-12-05")
    assert not allowed_date(FRESH_DAYS[0]) and not allowed_date("2020-08-31")  # fresh for session 76
    assert not allowed_date("2020-09-01") and not allowed_date("2020-08-28")  # within 3 days of it
    assert allowed_date("2020-11-25") and allowed_date("2020-09-04")
    assert allowed_date("2020-10-12") and allowed_date("2020-07-20")  # fresh for sessions 74 and 75, tuning since
    assert background_dates("2020-09-04") == ["2020-08-27", "2020-08-26", "2020-08-25"]
    assert background_dates("2020-10-14") == [f"2020-10-{d:02d}" for d in range(10, 3, -1)]
    assert background_dates("2020-11-23") == []  # its week before touches the test days


def test_the_series_columns() -> None:
    d = day()
    wide = series_columns(d, OUTLET, NAMES, {"林明进": 2.0})
    assert wide.pairs == [("s", "t"), ("s", "v"), ("s", "w"), ("t", "u")]
    extra = np.expm1(wide.features[:, len(JOIN_FEATURES):])
    assert extra.shape == (4, len(SERIES_COLUMNS))
    assert np.round(extra[1]).tolist() == [1, 0, 1, 1, 1, 0, 2]  # v (C) against s: 加利, new, in no C report
    assert np.round(extra[2]).tolist() == [1, 1, 1, 0, 0, 1, 2]  # w against s: 林明进, day df 2, not new
