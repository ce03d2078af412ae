"""``bench/days_small_shared.py`` on constructed captures: the shared-outlet step scores only the small pairs with an
outlet in both (the gate "others too": only when the outlet sets differ), after the shipped small pass and only of
stories neither pass touched; the outlet columns read the two stories' outlets; every arm scores every day."""

from __future__ import annotations

import numpy as np
from bench.days_join_fit import Captured
from bench.days_small_refit import FLOOR, small_scope, story_outlets
from bench.days_small_shared import OUTLET_COLUMNS, arms, shared_scope, table, three, with_outlets

from newsmirror.stories.joincomplete import JOIN_FEATURES

_MEANING, _LEDE, _GAP = (JOIN_FEATURES.index(n) for n in ("meaning", "lede", "gap"))


def row(meaning: float = 0.9, lede: float = 0.9) -> list[float]:
    values = [1.0] * len(JOIN_FEATURES)
    values[_MEANING], values[_LEDE], values[_GAP] = meaning, lede, 0.0
    return values


def day(name: str = "d") -> Captured:
    # a, c: outlet A's two reports of event e; b: outlet B's of e; d: a story of A and C (event e); x, y: C's of f, g;
    # z: a story of C and D (event h).
    assigned = {"a1": "a", "b1": "b", "c1": "c", "d1": "d", "d2": "d", "x1": "x", "y1": "y", "z1": "z", "z2": "z"}
    truth = {"a1": "e", "b1": "e", "c1": "e", "d1": "e", "d2": "e", "x1": "f", "y1": "g", "z1": "h", "z2": "h"}
    sizes = {"a": 1, "b": 1, "c": 1, "d": 2, "x": 1, "y": 1, "z": 2}
    pairs = [("a", "b"), ("a", "c"), ("c", "d"), ("a", "x"), ("b", "d"), ("x", "y"), ("x", "z")]
    features = np.array([row(), row(), row(), row(meaning=FLOOR - 0.01), row(), row(), row()])
    noise = np.random.default_rng(len(name)).normal(0.0, 0.05, features.shape)  # a fit needs columns that vary
    noise[:, [_MEANING, _LEDE, _GAP]] = 0.0
    return Captured(name, assigned, sizes, pairs, features + noise, truth)


OUTLETS = {"a1": "A", "b1": "B", "c1": "A", "d1": "A", "d2": "C", "x1": "C", "y1": "C", "z1": "C", "z2": "D"}


def test_the_shared_scope_is_the_pairs_with_an_outlet_in_both_and_the_gate_wants_other_outlets() -> None:
    d = day()
    outlets = story_outlets(d, OUTLETS)
    assert small_scope(d, outlets).pairs == [("a", "b"), ("b", "d")]
    assert shared_scope(d, outlets).pairs == [("a", "c"), ("c", "d"), ("x", "y"), ("x", "z")]  # (a, x): the floor
    assert shared_scope(d, outlets, "others too").pairs == [("c", "d"), ("x", "z")]  # (a, c): one and the same


def test_the_outlet_columns() -> None:
    d = day()
    outlets = story_outlets(d, OUTLETS)
    wide = with_outlets(shared_scope(d, outlets), outlets)
    assert wide.features.shape == (4, len(JOIN_FEATURES) + len(OUTLET_COLUMNS))
    extra = wide.features[:, len(JOIN_FEATURES):]
    assert extra[0].tolist() == [1.0, 0.0, 0.0]  # (a, c): A and A
    assert extra[1].tolist() == [1.0, 1.0, float(np.log(2))]  # (c, d): A against A, C


def test_the_shared_step_skips_stories_the_small_pass_joined() -> None:
    d = day()
    outlets = story_outlets(d, OUTLETS)
    main = Captured(d.name, d.assigned, d.sizes, [], np.zeros((0, len(JOIN_FEATURES))), d.truth)
    small, shared = small_scope(d, outlets), shared_scope(d, outlets)
    into = three(main, np.zeros(0), 0.81, small, np.array([0.95, 0.1]), 0.9, shared, np.array([0.99, 0.99, 0.5, 0.5]),
                 0.9)
    assert into == {"b": "a", "c": "d"}  # the small pass's (a, b), then (c, d); (a, c) skipped: a was joined
    none = three(main, np.zeros(0), 0.81, small, np.array([0.95, 0.1]), 0.9, shared, None, 0.9)
    assert none == {"b": "a"}


def test_every_arm_scores_every_day() -> None:
    cache = {f"d{i}": day(f"d{i}") for i in range(4)}
    rows, chosen, counts = arms(cache, {n: OUTLETS for n in cache})
    assert counts == {"all": (16, 8), "others too": (8, 4)}
    assert all(len(values) == len(cache) for values in rows.values())
    assert sum(chosen["all: shipped weights, threshold per fold"].values()) == len(cache)
    assert "4 tuning days" in table(list(cache), rows, chosen)
