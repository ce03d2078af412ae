"""bench/stories_show_bench.py's table says what the day it timed is: a tuning day or an unlabelled one (its title
called every day "a tuning day"); a held-out, test or fresh day is refused before anything is read."""

from __future__ import annotations

import pytest

from bench import days_eval, stories_show_bench


def test_the_table_says_whether_the_day_is_a_tuning_day_or_unlabelled() -> None:
    assert stories_show_bench.day_kind("2020-10-14") == "a tuning day"
    assert stories_show_bench.day_kind("2021-01-07") == "an unlabelled day"  # the demo's day: no labels


@pytest.mark.parametrize("day", [days_eval.HELD_OUT_DAY, *days_eval.TEST_DAYS, *days_eval.FRESH_DAYS])
def test_a_held_out_test_or_fresh_day_is_refused(day: str) -> None:
    with pytest.raises(SystemExit, match="never read"):
        stories_show_bench.day_kind(day)


def test_the_refusal_comes_before_anything_is_read(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    monkeypatch.setattr("sys.argv", ["stories_show_bench", "--day", days_eval.TEST_DAY, "--days", str(tmp_path)])
    with pytest.raises(SystemExit, match="never read"):
        stories_show_bench.main()


@pytest.mark.parametrize("days, day", [("{tmp}", f"{days_eval.TEST_DAY}/"), ("{tmp}/" + days_eval.TEST_DAY, "."),
                                       ("{tmp}/other", f"../{days_eval.TEST_DAY}")])
def test_the_refusal_reads_the_folder_not_the_spelling(monkeypatch: pytest.MonkeyPatch, tmp_path: object, days: str,
                                                       day: str) -> None:
    """Review of session 62 (review63): the day is the folder read (``--days`` / ``--day``), so a test day written
    with a trailing slash, or as the folder itself, is refused too."""
    monkeypatch.setattr("sys.argv", ["stories_show_bench", "--day", day, "--days", days.format(tmp=tmp_path)])
    with pytest.raises(SystemExit, match="never read"):
        stories_show_bench.main()
