"""``bench/days_join_refit.py`` on constructed captures: every arm scores every day, no day's threshold or L2 is
chosen on it, and a capture folder of one pickle per day reads as the whole capture."""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
from bench.days_join_fit import Captured
from bench.days_join_refit import L2_GRID, arms, inner_l2, load, table

from newsmirror.stories.joincomplete import JOIN_FEATURES


def captured(name: str, shift: float) -> Captured:
    # Core c (3 reports of event e), side s (1 report of e), story t (2 reports of event f): c-s is one event.
    assigned = {"c1": "c", "c2": "c", "c3": "c", "s1": "s", "t1": "t", "t2": "t"}
    truth = {"c1": "e", "c2": "e", "c3": "e", "s1": "e", "t1": "f", "t2": "f"}
    sizes = {"c": 3, "s": 1, "t": 2}
    features = np.array([[1.0 + shift] * len(JOIN_FEATURES), [shift] * len(JOIN_FEATURES)])
    return Captured(name, assigned, sizes, [("c", "s"), ("c", "t")], features, truth)


def test_each_arm_scores_each_day_and_the_folds_choose_from_their_grids(tmp_path: Path) -> None:
    cache = {f"d{i}": captured(f"d{i}", 0.1 * i) for i in range(6)}
    rows, chosen = arms(cache, grid=(0.3, 3.0))
    assert set(rows) >= {"no join pass", "shipped", "shipped, threshold per fold", "refit, L2 per fold"}
    assert all(len(values) == len(cache) for values in rows.values())
    assert sum(chosen["refit, L2 per fold"].values()) == len(cache)
    assert all(k.startswith(("L2 0.3 ", "L2 3 ")) for k in chosen["refit, L2 per fold"])
    assert inner_l2(list(cache.values())) in L2_GRID
    # The one-event pair joined by a refit: recall 1 on every day.
    assert all(r[2] == 1.0 for r in rows["refit, L2 0.3"])
    assert "6 tuning days" in table(list(cache), rows, chosen)
    for name, day in cache.items():
        (tmp_path / f"{name}.pickle").write_bytes(pickle.dumps(day))
    assert list(load(tmp_path)) == sorted(cache)


def test_the_extras_read_the_side_against_the_core_and_the_packaged_model_weighs_them_zero() -> None:
    from datetime import datetime, timedelta
    from types import SimpleNamespace

    from bench.days_join_refit import EXTRAS, pair_extras

    start = datetime(2020, 8, 4, 8)
    core = SimpleNamespace(members=[1, 2, 3], outlets={"A", "B", "C", "D"}, first=start, last=start + timedelta(hours=2))
    side = SimpleNamespace(members=[1], outlets={"A", "E"}, first=start + timedelta(hours=5), last=start)
    values = pair_extras(side, core)
    assert len(values) == len(EXTRAS) and values == pair_extras(core, side)  # either order: the same core
    assert values[0] == 0.5 and values[1] == 1.0 and abs(values[2] - np.log(4)) < 1e-12
    assert abs(values[3] - np.log1p(3.0)) < 1e-12  # three hours after the core's last report
    # A capture with extra columns: the shipped arm is the shipped model (the extras weighed 0), the refits read them.
    wide = {}
    for i in range(4):
        day = captured(f"d{i}", 0.1 * i)
        wide[day.name] = Captured(day.name, day.assigned, day.sizes, day.pairs,
                                  np.hstack([day.features, np.ones((len(day.pairs), len(EXTRAS)))]), day.truth)
    narrow = {f"d{i}": captured(f"d{i}", 0.1 * i) for i in range(4)}
    assert arms(wide, grid=(1.0,), per_fold_l2=False)[0]["shipped"] == arms(narrow, grid=(1.0,), per_fold_l2=False)[0]["shipped"]


def test_a_capture_folder_of_days_with_and_without_the_extras_is_refused_with_a_message(tmp_path: Path) -> None:
    """review62: a --cache folder holding days captured without --extras and days captured with them (a second
    --capture into the same folder) died in numpy at the first replay (a matmul's core dimension mismatch), naming
    neither the days nor what to do."""
    import pytest
    from bench.days_join_refit import EXTRAS

    narrow = captured("d0", 0.0)
    wide = captured("d1", 0.1)
    wide = Captured(wide.name, wide.assigned, wide.sizes, wide.pairs,
                    np.hstack([wide.features, np.ones((len(wide.pairs), len(EXTRAS)))]), wide.truth)
    for day in (narrow, wide):
        (tmp_path / f"{day.name}.pickle").write_bytes(pickle.dumps(day))
    with pytest.raises(SystemExit, match="d0.*d1|d1.*d0"):
        load(tmp_path)


def test_an_empty_or_missing_capture_is_refused_with_a_message(tmp_path: Path) -> None:
    """review62: an empty --cache folder (a capture not made yet, or a mistyped folder) printed "0 tuning days" and a
    table of nan means; a missing one died in a FileNotFoundError traceback."""
    import pytest

    for path in (tmp_path, tmp_path / "nowhere"):
        with pytest.raises(SystemExit, match="--capture"):
            load(path)


def test_either_order_of_a_full_tie_takes_one_core_and_a_story_without_times_is_no_error() -> None:
    """review62: on a full tie (as many members, the same first report) ``pair_extras(a, b)`` and ``(b, a)`` took
    different cores, so one pair had two rows of extras by its order; a story without times was a TypeError."""
    from datetime import datetime, timedelta
    from types import SimpleNamespace

    from bench.days_join_refit import pair_extras

    start = datetime(2020, 8, 4, 8)
    a = SimpleNamespace(id="s1", members=[1, 2], outlets={"A", "B", "C"}, first=start, last=start + timedelta(hours=1))
    b = SimpleNamespace(id="s2", members=[3, 4], outlets={"A"}, first=start, last=start + timedelta(hours=3))
    assert pair_extras(a, b) == pair_extras(b, a)
    assert pair_extras(a, b)[0] == 1.0  # s1 (the smaller id) is the core: its outlets hold s2's one
    untimed = SimpleNamespace(id="s3", members=[5, 6], outlets={"B"}, first=None, last=None)
    assert pair_extras(a, untimed) == pair_extras(untimed, a)
    assert pair_extras(a, untimed)[3] == 0.0  # no time: no hours after the core


def test_the_table_says_no_unseen_day_when_every_day_is_a_shipped_one() -> None:
    """review62: with every day among SHIPPED_DAYS the unseen days' column was nan, with numpy's RuntimeWarning."""
    import warnings

    from bench.days_join_refit import SHIPPED_DAYS

    cache = {name: captured(name, 0.1 * i) for i, name in enumerate(SHIPPED_DAYS[:4])}
    rows, chosen = arms(cache, grid=(0.3,))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        said = table(list(cache), rows, chosen)
    assert "nan" not in said and "F1 on the 0 days the shipped model never saw" in said
