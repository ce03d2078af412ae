"""``bench/days_join_outlets.py`` on constructed captures: a capture folder must hold the join pass's own columns,
the plain arm reads ``JOIN_FEATURES``' columns of them, and a fold's model names the list it was fitted on."""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
import pytest
from bench.days_join_fit import Captured
from bench.days_join_outlets import load, plain, refit

from newsmirror.stories.joincomplete import COMPLETE_JOIN_FEATURES, JOIN_FEATURES, OUTLET_FEATURES


def captured(name: str, width: int) -> Captured:
    # Core c (3 reports of event e), side s (1 report of e), story t (2 reports of event f): c-s is one event.
    assigned = {"c1": "c", "c2": "c", "c3": "c", "s1": "s", "t1": "t", "t2": "t"}
    truth = {"c1": "e", "c2": "e", "c3": "e", "s1": "e", "t1": "f", "t2": "f"}
    # Column i of the right pair holds (i + 1) / 100 (small: the gap column keeps the pair in the pass's scope).
    features = np.array([(np.arange(width) + 1.0) / 100, np.zeros(width)])
    return Captured(name, assigned, {"c": 3, "s": 1, "t": 2}, [("c", "s"), ("c", "t")], features, truth)


def test_the_plain_arm_reads_the_shared_columns_and_each_fold_names_its_list(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"d{i}.pickle").write_bytes(pickle.dumps(captured(f"d{i}", len(COMPLETE_JOIN_FEATURES))))
    cache = load(tmp_path)
    day = plain(cache["d0"])
    assert day.features.shape == (2, len(JOIN_FEATURES))
    assert list(day.features[0]) == [(COMPLETE_JOIN_FEATURES.index(name) + 1.0) / 100 for name in JOIN_FEATURES]
    assert not set(OUTLET_FEATURES) & {COMPLETE_JOIN_FEATURES[round(v * 100) - 1] for v in day.features[0]}
    assert refit(list(cache.values()), COMPLETE_JOIN_FEATURES).features == COMPLETE_JOIN_FEATURES
    assert refit([plain(d) for d in cache.values()], JOIN_FEATURES, fixed=0.8).threshold == 0.8


def test_a_capture_of_other_columns_is_refused(tmp_path: Path) -> None:
    (tmp_path / "d0.pickle").write_bytes(pickle.dumps(captured("d0", len(JOIN_FEATURES))))
    with pytest.raises(SystemExit, match="capture again"):
        load(tmp_path)
    with pytest.raises(SystemExit, match="no captured day"):
        load(tmp_path / "none")
