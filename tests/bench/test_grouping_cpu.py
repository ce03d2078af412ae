"""bench/grouping_cpu.py's pure parts: the order runs are made in (trees interleaved, the first turning each
round), the slice ends, the spread, the table and the sampler's tally. No timed figure is asserted."""

from __future__ import annotations

import sys
from collections import Counter

from bench.grouping_cpu import Result, Run, Samples, run_order, spread, table, until_of


def test_two_trees_alternate_and_the_first_turns_each_round() -> None:
    order = run_order(["main", "new"], [1, 4], 2)
    assert [(r.round, r.weeks, r.tree) for r in order] == [
        (0, 1, "main"), (0, 1, "new"), (0, 4, "main"), (0, 4, "new"),
        (1, 1, "new"), (1, 1, "main"), (1, 4, "new"), (1, 4, "main")]


def test_every_tree_runs_every_size_once_per_round() -> None:
    order = run_order(["a", "b", "c"], [1, 2, 4], 5)
    assert len(order) == 3 * 3 * 5
    for number in range(5):
        runs = [r for r in order if r.round == number]
        assert sorted((r.weeks, r.tree) for r in runs) == sorted((w, t) for w in (1, 2, 4) for t in "abc")
    assert [r.tree for r in order if r.weeks == 1][:3] == ["a", "b", "c"]
    assert [r.tree for r in order if r.weeks == 1][3:6] == ["b", "c", "a"]


def test_one_tree_runs_its_sizes_in_turn() -> None:
    assert run_order(["this"], [1, 2], 2) == [Run(0, 1, "this"), Run(0, 2, "this"), Run(1, 1, "this"),
                                              Run(1, 2, "this")]


def test_a_slice_of_weeks_ends_the_day_after_its_last() -> None:
    assert until_of("2020-09-14", 1) == "2020-09-21"
    assert until_of("2020-09-14", 4) == "2020-10-12"


def test_spread_gives_median_range_and_quartiles() -> None:
    assert spread([5.0, 1.0, 3.0, 2.0, 4.0]) == (3.0, 1.0, 5.0, 2.0, 4.0)
    assert spread([2.5]) == (2.5, 2.5, 2.5, 2.5, 2.5)


def _result(tree: str, weeks: int, ms: float, sha: str = "aa") -> Result:
    return Result(tree, weeks, 1000, 700, sha, ms, ms * 2, 1.0, 2.0)  # 1,000 articles: cpu seconds = ms/article


def test_the_table_gives_median_spread_sha_and_load_per_size_and_tree() -> None:
    results = [_result("main", 4, ms) for ms in (4.0, 5.0, 4.5)] + [_result("new", 4, ms) for ms in (3.0, 3.2, 3.1)]
    text = table(results, ["main", "new"])
    assert "| 4 | main | 1,000 | 700 | 3 | 4.50 | 4.00-5.00 | 4.25-4.75 | aa | 1.0-2.0 |" in text
    assert "| 4 | new | 1,000 | 700 | 3 | 3.10 | 3.00-3.20 | 3.05-3.15 | aa | 1.0-2.0 |" in text
    assert "4 weeks: new -1.40 ms/article (-31.1 %) against main, whose spread is 1.00: a cut beyond it" in text


def test_a_change_inside_the_first_trees_spread_is_said_to_be_within_it() -> None:
    results = [_result("main", 1, ms) for ms in (4.0, 5.0)] + [_result("new", 1, ms) for ms in (4.0, 4.2)]
    assert "a cut within it" in table(results, ["main", "new"])


def test_identical_code_grouping_differently_shows_both_shas() -> None:
    text = table([_result("main", 1, 4.0, "aa"), _result("main", 1, 4.0, "bb")], ["main"])
    assert "| aa bb |" in text


def _inner(samples: Samples) -> None:
    samples.record(sys._getframe())


def _outer(samples: Samples) -> None:
    _inner(samples)
    _inner(samples)


def test_a_sample_counts_the_top_as_own_and_every_function_of_the_stack_once() -> None:
    samples = Samples()
    _outer(samples)
    assert samples.total == 2
    inner = next(key for key in samples.own if key.endswith("(_inner)"))
    assert samples.own == Counter({inner: 2})
    outer = next(key for key in samples.inclusive if key.endswith("(_outer)"))
    assert samples.inclusive[inner] == samples.inclusive[outer] == 2
    assert all(n <= 2 for n in samples.inclusive.values())
    report = samples.report(3)
    assert "2 samples, 5 ms of CPU apart" in report and f"100.0 %  {inner}" in report
