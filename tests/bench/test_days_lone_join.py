"""``bench/days_lone_join.py`` on constructed captures: the lone reports' pairs add up to the census's kind (c); the
kind of a lone report (language, length, lateness, script); the lone pass's candidates follow each captured story to
its final story, and its step wants enough fragments of one final story and a noisy-or at the bar."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pytest
from bench.days_join_fit import Captured
from bench.days_lone_join import LONE_KINDS, Meta, lone_candidates, lone_kind, lone_pairs, lone_step
from bench.days_series_join import KINDS, loss_census

from newsmirror.stories.joincomplete import JOIN_FEATURES

_GAP = JOIN_FEATURES.index("gap")
START = datetime(2021, 1, 1)


def day() -> Captured:
    # Event e: b1, b2, b3 in three captured stories (s, t, u) the passes joined into s; c1 alone (v), a candidate of
    # all three; d1 alone (w), a candidate of s only. Event f: f1 alone (x), a candidate of s and t, over a day apart
    # from t.
    assigned = {"b1": "s", "b2": "t", "b3": "u", "c1": "v", "d1": "w", "f1": "x"}
    truth = {"b1": "e", "b2": "e", "b3": "e", "c1": "e", "d1": "e", "f1": "f"}
    sizes = dict.fromkeys(("s", "t", "u", "v", "w", "x"), 1)
    pairs = [("s", "v"), ("t", "v"), ("u", "v"), ("s", "w"), ("s", "x"), ("t", "x")]
    features = np.zeros((len(pairs), len(JOIN_FEATURES)))
    features[5, _GAP] = np.log1p(30.0)
    return Captured("d", assigned, sizes, pairs, features, truth)


OUTLET = {"b1": "B", "b2": "B", "b3": "B", "c1": "C", "d1": "D", "f1": "F"}
INTO = {"t": "s", "u": "s"}


def test_the_lone_pairs_are_the_census_kind_c() -> None:
    d = day()
    lost, _ = loss_census(d, INTO, OUTLET)
    pairs = lone_pairs(d, INTO, OUTLET)
    assert sum(p[2] for p in pairs) == pytest.approx(lost[KINDS[2]])
    assert {p[0] for p in pairs} == {"c1", "d1"}  # b1-b3 are together; f1 has no mate


def test_the_kind_of_a_lone_report() -> None:
    long, short = 1000, 200
    meta = {"m": Meta("zh-Hans", long, START), "l": Meta("zh-Hans", long, START + timedelta(hours=20)),
            "e": Meta("en", long, START), "b": Meta("zh-Hans", 50, START), "s": Meta("zh-Hans", short, START),
            "h": Meta("zh-Hant", long, START + timedelta(hours=1)), "o": Meta("zh-Hans", long, START + timedelta(hours=1))}
    assert lone_kind("e", ["m"], meta) == LONE_KINDS[0]
    assert lone_kind("b", ["m"], meta) == LONE_KINDS[1]
    assert lone_kind("s", ["m"], meta) == LONE_KINDS[2]
    assert lone_kind("l", ["m"], meta) == LONE_KINDS[3]
    assert lone_kind("h", ["m"], meta) == LONE_KINDS[4]
    assert lone_kind("o", ["m"], meta) == LONE_KINDS[5]
    assert lone_kind("zz", ["m"], meta) == "not in the store"


def test_the_lone_pass_counts_fragments_of_one_final_story() -> None:
    d = day()
    p = np.array([0.6, 0.6, 0.6, 0.99, 0.95, 0.99])
    found = lone_candidates(d, INTO, p)
    reach = {(r[0], r[1]): r[2] for r in found.rows}
    # v reaches s through s, t and u; w through s alone; x through s (t is over the gap); the stories joined are
    # never lone.
    assert reach == {("v", "s"): 3, ("w", "s"): 1, ("x", "s"): 1}
    noisy = {r[0]: r[3] for r in found.rows}
    assert noisy["v"] == pytest.approx(1 - 0.4 ** 3)
    after = lone_step(found, INTO, 0.9, 3)
    assert after == {**INTO, "v": "s"}  # w's .99 is one fragment only
    assert lone_step(found, INTO, 0.95, 3) == INTO
    assert lone_step(found, INTO, 0.9, 1, 4) == {**INTO, "w": "s", "x": "s"}  # max p, one fragment enough
    assert lone_step(found, INTO, 0.9, 3, 6) == {**INTO, "v": "s"}  # read floor .1: the same three
