"""A setting chosen leave one day out from ``days_eval`` tables (``bench/days_setting_lodo.py``)."""

from __future__ import annotations

from pathlib import Path

from bench.days_setting_lodo import (
    DayRow,
    DayScore,
    bars,
    choose,
    choose_impure,
    lodo,
    lodo_impure,
    read_table,
    summary,
)

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


def row(day: str, f1: float, pure: int, multi: int, precision: float = 0.99, glued: int = 0) -> DayRow:
    return DayRow(day, "tuning", precision, 0.9, f1, pure, multi, glued)


def test_the_impure_bar_credits_a_right_merge_of_pure_fragments() -> None:
    main = {d: row(d, 0.90, 9, 10) for d in "abc"}
    # Two pure fragments merged on each day: the pure share falls (8/9 < 9/10), the impure count stays 1.
    merged = {d: row(d, 0.92, 8, 9) for d in "abc"}
    assert choose(  # the pooled pure share refuses it
        {d: DayScore(0.90, 9, 10) for d in "ab"}, {"m": {d: DayScore(0.92, 8, 9) for d in "ab"}}, ["a", "b"], 0) is None
    assert choose_impure(main, {"merged": merged}, ["a", "b"]) == "merged"
    chosen, rows = lodo_impure(main, {"merged": merged})
    assert set(chosen.values()) == {"merged"}
    assert bars(rows)[2] == 3


def test_the_impure_bar_refuses_a_new_impure_story_lost_precision_or_glue() -> None:
    main = {d: row(d, 0.90, 9, 10) for d in "ab"}
    impure = {d: row(d, 0.95, 8, 10) for d in "ab"}
    vague = {d: row(d, 0.95, 9, 10, precision=0.985) for d in "ab"}
    glued = {d: row(d, 0.95, 9, 10, glued=1) for d in "ab"}
    assert choose_impure(main, {"impure": impure, "vague": vague, "glued": glued}, ["a", "b"]) is None
    worse = {d: row(d, 0.89, 9, 10) for d in "ab"}
    assert choose_impure(main, {"worse": worse}, ["a", "b"]) is None  # main competes on F1
