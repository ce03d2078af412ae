"""A setting chosen leave one day out from ``days_eval`` tables (``bench/days_setting_lodo.py``)."""

from __future__ import annotations

from pathlib import Path

from bench.days_setting_lodo import DayScore, choose, lodo, read_table, summary

ROW = "│ {day} │ tuning │      200 │      190 │ 0.990 │ 0.900 │ {f1} │  0.500 │  {pure} (95%) │        0/9 │     150 │ 1.0 │        5.0 │                    2.0 │"


def test_reads_a_days_eval_table(tmp_path: Path) -> None:
    table = tmp_path / "days.txt"
    table.write_text("\n".join(["┏━━━┓", ROW.format(day="2020-10-18", f1="0.938", pure="27/28"), "└───┘"]),
                     encoding="utf-8")
    assert read_table(table) == {"2020-10-18": DayScore(0.938, 27, 28)}


def test_a_point_is_chosen_on_the_other_days_only_if_it_keeps_purity() -> None:
    main = {d: DayScore(0.90, 9, 10) for d in "abc"}
    # ``good`` gains F1 and keeps purity except on day c, where it makes an impure story.
    good = {"a": DayScore(0.95, 9, 10), "b": DayScore(0.95, 9, 10), "c": DayScore(0.95, 5, 10)}
    points = {"good": good}
    assert choose(main, points, ["a", "b"], 0.003) == "good"
    assert choose(main, points, ["a", "c"], 0.003) is None  # pure 14/20 against main's 18/20
    chosen, scores = lodo(main, points, 0.003)
    assert chosen == {"a": None, "b": None, "c": "good"}
    assert summary(scores)[2:] == (9 + 9 + 5, 30)


def test_off_may_compete_on_f1() -> None:
    main = {d: DayScore(0.90, 9, 10) for d in "ab"}
    worse = {d: DayScore(0.89, 10, 10) for d in "ab"}  # purer, lower F1
    assert choose(main, {"worse": worse}, ["a", "b"], 0.003) == "worse"
    assert choose(main, {"worse": worse}, ["a", "b"], 0.003, off=True) is None
