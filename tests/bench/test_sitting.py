"""bench/sitting.py reads days_eval's table and onlyx_audit's score lines as they are printed."""

from __future__ import annotations

import io
from dataclasses import replace

from bench.days_eval import DayResult, print_table
from bench.days_setting_lodo import read_day_rows
from bench.sitting import pool_samples, summarize_days
from rich.console import Console


def _table(rows: list[tuple[str, DayResult]]) -> str:
    out = io.StringIO()
    print_table(Console(file=out, width=200), rows, "test")
    return out.getvalue()


def test_day_rows_are_read_from_the_printed_table_and_averaged_by_role() -> None:
    first = DayResult("2020-10-18", 200, 1.0, 150, 0.4, labelled=190, precision=0.99, recall=0.9, f1=0.9, pure=27,
                      multi=28, multi_reports=9)
    second = DayResult("2020-10-04", 100, 1.0, 80, 0.2, labelled=90, precision=0.97, recall=0.8, f1=0.8, pure=3,
                       multi=4, multi_reports=1)
    rows = read_day_rows(_table([("tuning days", first), ("tuning days", second)]))
    assert [(r.day, r.pure, r.multi, r.f1) for r in rows] == [("2020-10-18", 27, 28, 0.9), ("2020-10-04", 3, 4, 0.8)]
    summary = summarize_days(rows)
    assert "2 days, mean B³ P 0.9800 R 0.8500 F1 0.8500; pure 30/32" in summary[0]
    assert summary[0].endswith("cluster CPU 2.00 ms/article")
    # production's path (days --history: days_eval --history-whole) times no clustering: said, not a figure of 0
    untimed = [("tuning days", replace(r, cluster_cpu=0.0)) for r in (first, second)]
    assert summarize_days(read_day_rows(_table(untimed)))[0].endswith("glued 0/10, cluster CPU not timed")


def test_sample_scores_are_pooled_by_verdict() -> None:
    output = ("  true: A01 | 中央社 | 推特\nsample A: 3 claims: false 1, true 2\n"
              "sample B: 4 claims: false 2, not-a-name 1, true 1\n")
    assert pool_samples(output) == {"claims": 7, "false": 3, "true": 3, "not-a-name": 1}


def test_the_days_sitting_can_ask_for_productions_path_and_the_unseen_one_says_so() -> None:
    import argparse
    from pathlib import Path

    import pytest
    from bench.sitting import days_command, main

    def args(**given: object) -> argparse.Namespace:
        return argparse.Namespace(**{"extra": Path("x"), "unseen": False, "history": 0, "archive": None, **given})

    assert "--history" not in days_command(args())
    tuning = days_command(args(history=6, archive=Path("whole/archived")))
    assert tuning[tuning.index("--history") + 1] == "6" and "--history-whole" in tuning
    assert tuning[tuning.index("--archive") + 1] == str(Path("whole/archived")) and "--unseen-history" not in tuning
    unseen = days_command(args(unseen=True, history=6, archive=Path("whole/archived")))
    assert "--unseen-history" in unseen and "--test" in unseen
    with pytest.raises(SystemExit):  # the history is read from the whole archive: it must be named
        main(["days", "--extra", "x", "--history", "6"])
