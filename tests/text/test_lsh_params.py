"""The LSH index's bands and rows: looked up (or searched once) instead of searched per clusterer,
and always what datasketch's own search answers."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from datasketch import MinHashLSH
from datasketch.lsh import _optimal_param

from newsmirror.text import fingerprint
from newsmirror.text.fingerprint import LSH_PARAMS, key_minhash, lsh_index, lsh_params


@pytest.mark.parametrize("setting", sorted(LSH_PARAMS))
def test_the_table_is_datasketchs_own_search(setting: tuple[float, int, tuple[float, float]]) -> None:
    # A datasketch whose search answers otherwise fails here: the table is then out of date.
    threshold, num_perm, (false_positive, false_negative) = setting
    assert LSH_PARAMS[setting] == _optimal_param(threshold, num_perm, false_positive, false_negative)
    searched = MinHashLSH(threshold=threshold, num_perm=num_perm, weights=(false_positive, false_negative))
    assert LSH_PARAMS[setting] == (searched.b, searched.r)


def test_a_tabled_setting_searches_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    def search(*_: object) -> tuple[int, int]:
        raise AssertionError("searched for the bands and rows of a tabled setting")

    monkeypatch.setattr("datasketch.lsh._optimal_param", search)
    for (threshold, num_perm, weights), (bands, rows) in LSH_PARAMS.items():
        index = lsh_index(threshold, num_perm, weights)
        assert (index.b, index.r, index.h) == (bands, rows, num_perm)


def test_another_setting_is_searched_once() -> None:
    lsh_params.cache_clear()
    assert (0.8, 32, (0.5, 0.5)) not in LSH_PARAMS
    index = lsh_index(0.8, 32)
    assert (index.b, index.r) == _optimal_param(0.8, 32, 0.5, 0.5)
    lsh_index(0.8, 32)
    assert lsh_params.cache_info().misses == 1


def test_the_index_finds_what_datasketchs_finds() -> None:
    ours, theirs = lsh_index(0.6), MinHashLSH(threshold=0.6, num_perm=fingerprint.DEFAULT_PERMUTATIONS)
    keys = ["美国总统大选投票今天开始", "美国总统大选投票明天开始", "日本首相访问北京", "美国总统大选投票今天开始了"]
    for i, key in enumerate(keys):
        ours.insert(i, key_minhash(key))
        theirs.insert(i, key_minhash(key))
    for key in keys:
        assert sorted(ours.query(key_minhash(key))) == sorted(theirs.query(key_minhash(key)))


def test_importing_the_grouping_loads_no_datasketch() -> None:
    # datasketch imports scipy.integrate (~0.4 s): a run that builds no clusterer need not pay for it.
    code = ("import sys, newsmirror.stories.cluster; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('datasketch', 'scipy')))")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    loaded = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"
