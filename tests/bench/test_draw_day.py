"""bench/days/draw_day.py: which dates a fresh-day draw may choose, and the draw itself."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from bench.days import draw_day


def _day(root: Path, name: str, files: int, nested: int = 0) -> None:
    folder = root / "archived" / name
    folder.mkdir(parents=True)
    for number in range(files):
        (folder / f"{number}.md").write_text("x", encoding="utf-8")
    if nested:
        (folder / "sub").mkdir()
        for number in range(nested):
            (folder / "sub" / f"{number}.md").write_text("x", encoding="utf-8")


def test_sizes_count_files_in_subfolders_and_skip_folders_that_are_no_date(tmp_path: Path) -> None:
    _day(tmp_path, "2020-08-01", 60, nested=50)
    (tmp_path / "archived" / "images").mkdir()
    assert draw_day.day_sizes(tmp_path) == {"2020-08-01": 110}


def test_a_date_must_have_a_drawable_size_and_lie_more_than_the_gap_from_every_labelled_day() -> None:
    sizes = {"2020-08-01": 200, "2020-08-04": 200, "2020-08-05": 200, "2020-08-20": 99, "2020-08-21": 451,
             "2020-08-30": 450}
    labelled = ("2020-08-02",)
    assert draw_day.eligible_dates(sizes, labelled, gap=3) == ["2020-08-30"]
    # 08-05 lies three days from 08-02: eligible once the gap is two, 08-04 (two days) still not
    assert draw_day.eligible_dates(sizes, labelled, gap=2) == ["2020-08-05", "2020-08-30"]
    # the near rule (gap 1): 08-04 too; 08-01 (a day before the labelled one) never
    assert draw_day.eligible_dates(sizes, labelled, gap=draw_day.RULE_GAPS["near"]) == [
        "2020-08-04", "2020-08-05", "2020-08-30"]


def test_the_adjacent_rule_lets_a_date_touch_a_tuning_day_but_keeps_three_days_from_the_unseen_ones() -> None:
    sizes = {"2020-08-01": 200, "2020-08-03": 200, "2020-08-06": 200, "2020-08-07": 200, "2020-08-20": 200}
    labelled = ("2020-08-02", "2020-08-10")  # 08-02 a tuning day, 08-10 an unseen (test) day
    gap, unseen_gap = draw_day.RULE_GAPS["adjacent"], draw_day.UNSEEN_GAP["adjacent"]
    # 08-01 and 08-03 lie next to the tuning day: eligible; 08-07 is three days from the test day, 08-06 four
    assert draw_day.eligible_dates(sizes, labelled, gap, ("2020-08-10",), unseen_gap) == [
        "2020-08-01", "2020-08-03", "2020-08-06", "2020-08-20"]
    # a labelled date itself never
    assert "2020-08-02" not in draw_day.eligible_dates({**sizes, "2020-08-02": 200}, labelled, gap)
    # the earlier rules keep one gap from every labelled day, unseen or not
    assert "near" not in draw_day.UNSEEN_GAP and "wide" not in draw_day.UNSEEN_GAP


def test_the_draw_is_the_seeded_choice_over_the_sorted_dates_and_refuses_an_empty_list() -> None:
    dates = ["2020-11-04", "2020-08-19", "2020-09-09"]
    assert draw_day.draw(dates, 42) == random.Random(42).choice(sorted(dates))
    with pytest.raises(SystemExit, match="widen the rule"):
        draw_day.draw([], 42)


def test_session_38s_draw_is_what_the_s33_rule_gives_over_its_two_dates() -> None:
    # Session 38 drew 2020-08-19 by hand from 2020-08-19 and 2020-11-04 with seed 42: the tool agrees.
    assert draw_day.draw(["2020-08-19", "2020-11-04"], 42) == "2020-08-19"


def test_check_recomputes_a_past_draw_leaving_the_drawn_day_out_of_the_labelled_ones(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import bench.days_eval

    _day(tmp_path, "2019-01-10", 200)
    _day(tmp_path, "2019-02-10", 200)
    monkeypatch.setattr(bench.days_eval, "LABELLED_DAYS", ("2019-01-10",))
    dates = ["2019-01-10", "2019-02-10"]
    seed_for = {random.Random(seed).choice(dates): seed for seed in range(20)}
    draw_day.main([str(tmp_path), "--seed", str(seed_for["2019-01-10"]), "--check", "2019-01-10"])
    assert "drawn: 2019-01-10" in capsys.readouterr().out
    with pytest.raises(SystemExit, match="gives 2019-02-10"):
        draw_day.main([str(tmp_path), "--seed", str(seed_for["2019-02-10"]), "--check", "2019-01-10"])
    with pytest.raises(SystemExit, match="not a labelled day"):
        draw_day.main([str(tmp_path), "--seed", "1", "--check", "2019-02-10"])
    # without --check the labelled day keeps itself out: only the other date is left
    draw_day.main([str(tmp_path), "--seed", "1"])
    assert "drawn: 2019-02-10" in capsys.readouterr().out
