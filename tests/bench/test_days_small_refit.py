"""``bench/days_small_refit.py`` on constructed captures: the small pass scores only the pairs production scores (no
outlet in both, meaning and lede at the floor, neither story touched by the join pass), posts' outlets are read from
their front matter by the id the importer gives them, and every arm scores every day."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from bench.days_join_fit import Captured
from bench.days_small_refit import FLOOR, arms, both, outlets_of, small_scope, story_outlets, table

from newsmirror.model import stable_id
from newsmirror.stories.joincomplete import JOIN_FEATURES

_MEANING, _LEDE, _GAP = (JOIN_FEATURES.index(n) for n in ("meaning", "lede", "gap"))


def row(meaning: float = 0.9, lede: float = 0.9, value: float = 1.0) -> list[float]:
    values = [value] * len(JOIN_FEATURES)
    values[_MEANING], values[_LEDE], values[_GAP] = meaning, lede, 0.0
    return values


def day(name: str = "d") -> Captured:
    # a, b: one report each of event e, outlets A and B; c: one report of e from outlet A; x, y: singles of f and g.
    assigned = {"a1": "a", "b1": "b", "c1": "c", "x1": "x", "y1": "y"}
    truth = {"a1": "e", "b1": "e", "c1": "e", "x1": "f", "y1": "g"}
    sizes = {"a": 1, "b": 1, "c": 1, "x": 1, "y": 1}
    pairs = [("a", "b"), ("a", "c"), ("x", "y"), ("b", "x")]
    features = np.array([row(), row(), row(), row(meaning=FLOOR - 0.01)])
    return Captured(name, assigned, sizes, pairs, features, truth)


OUTLETS = {"a1": "A", "b1": "B", "c1": "A", "x1": "C", "y1": "D"}


def test_the_scope_leaves_out_an_outlet_in_both_and_a_pair_under_the_floor() -> None:
    d = day()
    scoped = small_scope(d, story_outlets(d, OUTLETS))
    assert scoped.pairs == [("a", "b"), ("x", "y")]  # (a, c): outlet A in both; (b, x): meaning under the floor
    assert scoped.features.shape == (2, len(JOIN_FEATURES))


def test_the_small_pass_skips_a_story_the_join_pass_touched() -> None:
    d = day()
    main = Captured(d.name, d.assigned, {**d.sizes, "a": 3}, [("a", "x")], np.array([row()]), d.truth)
    small = Captured(d.name, d.assigned, d.sizes, [("x", "y"), ("b", "c")], np.array([row(), row()]), d.truth)
    into = both(main, np.array([0.95]), 0.81, small, np.array([0.99, 0.95]), 0.9)
    assert into == {"x": "a", "c": "b"} or into == {"x": "a", "b": "c"}  # (x, y) skipped: x was joined first


def test_outlets_are_read_from_front_matter_under_the_importers_id(tmp_path: Path) -> None:
    (tmp_path / "2020-08-04-t.md").write_text("---\nlayout: post\nauthor: 法广\nfrom: https://e.org/1\n---\nbody\n",
                                              encoding="utf-8")
    (tmp_path / "2020-08-04-u.md").write_text("---\ntitle: x\n---\nno address\n", encoding="utf-8")
    assert outlets_of(tmp_path) == {stable_id("https://e.org/1"): "法广"}


def test_every_arm_scores_every_day(tmp_path: Path) -> None:
    cache = {f"d{i}": day(f"d{i}") for i in range(4)}
    rows, chosen, in_scope, positive = arms(cache, {n: OUTLETS for n in cache})
    assert in_scope == 8 and positive == 4  # (a, b) and (x, y) each day; (a, b) of one event
    assert all(len(values) == len(cache) for values in rows.values())
    assert sum(chosen["shipped weights, threshold per fold"].values()) == len(cache)
    assert "4 tuning days" in table(list(cache), rows, chosen)
