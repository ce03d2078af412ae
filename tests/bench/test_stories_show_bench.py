"""bench/stories_show_bench.py's table says what the day it timed is: a tuning day or an unlabelled one (its title
called every day "a tuning day"); a held-out, test or fresh day is refused before anything is read. And its main path
runs (reader69): a smoke test on a tiny store of one story, its table's rows checked, no time asserted."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bench import days_eval, stories_show_bench
from newsmirror.model import Article, Story
from newsmirror.store import Store, StoryMember, open_store


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


def test_a_day_missing_from_the_folder_is_said_plainly(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "2020-10-14").mkdir()
    monkeypatch.setattr("sys.argv", ["stories_show_bench", "--day", "2021-01-07", "--days", str(tmp_path)])
    with pytest.raises(SystemExit) as stopped:
        stories_show_bench.main()
    assert stopped.value.code == 2
    said = capsys.readouterr().err
    assert "no folder" in said and "2021-01-07" in said and "holds 2020-10-14" in said and "Traceback" not in said


@pytest.mark.parametrize("days, day", [("{tmp}", f"{days_eval.TEST_DAY}/"), ("{tmp}/" + days_eval.TEST_DAY, "."),
                                       ("{tmp}/other", f"../{days_eval.TEST_DAY}")])
def test_the_refusal_reads_the_folder_not_the_spelling(monkeypatch: pytest.MonkeyPatch, tmp_path: object, days: str,
                                                       day: str) -> None:
    """Review of session 62 (review63): the day is the folder read (``--days`` / ``--day``), so a test day written
    with a trailing slash, or as the folder itself, is refused too."""
    monkeypatch.setattr("sys.argv", ["stories_show_bench", "--day", day, "--days", days.format(tmp=tmp_path)])
    with pytest.raises(SystemExit, match="never read"):
        stories_show_bench.main()


def _one_story(store: Store) -> None:
    """One story of three reports of two outlets: a fact both report, and one each alone."""
    shared = "外交部长周一抵达堪培拉，开始为期三天的正式访问。"
    bodies = [("甲报", shared + "甲报记者在机场看到欢迎仪式规模不大。"), ("乙社", shared + "乙社援引官员说会谈气氛友好。"),
              ("甲报", "双方将签署贸易和教育领域的五项合作协议。" + shared)]
    reports = [Article(outlet=outlet, title=f"外长访问堪培拉{n}", original_url=f"https://e.org/{n}", body_text=body,
                       published_at=datetime(2024, 5, 6, n, tzinfo=UTC), script="zh-Hans")
               for n, (outlet, body) in enumerate(bodies, start=1)]
    for report in reports:
        store.upsert_article(report)
    store.save_story(Story(id="tiny", title="外长访澳"), [StoryMember(r.id, "tiny") for r in reports])


def test_the_benchmarks_main_path_prints_a_row_for_each_thing_it_times(tmp_path: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """reader69: the benchmark was run by no test, so a refactor could break it unseen. Its main path on a tiny store of
    one story (repeat 1): computing the comparison, the quotations' rests, then `stories show`, the reader's page and
    the static site's page from the stored comparison, each a row of the table it prints. No time is asserted."""
    db = tmp_path / "show.sqlite"
    with open_store(db) as store:
        _one_story(store)
        rows = stories_show_bench.story_rows(store, db, [("tiny", 0.5)], 1, tmp_path / "site")
    assert [row[:4] for row in rows] == [("tiny", "3", "2", what) for what in (
        "compute (once, when grouping)", "quotation rests (per request, part of each page)", "stories show",
        "reader page", "static site page")]
    assert [row[6] for row in rows] == ["", "", "0.5", "0.5", "0.5"]
    for row in rows:  # wall and CPU seconds, as numbers
        assert all(float(figure) >= 0 for figure in row[4:6]), row
    assert (tmp_path / "site" / "story" / "tiny" / "index.html").is_file()
    stories_show_bench.print_table("story page with the stored comparison (tiny)", rows)
    printed = capsys.readouterr().out
    assert "story page with the stored comparison (tiny)" in printed
    for column in stories_show_bench.COLUMNS:
        assert column in printed
    lines = [line for line in printed.splitlines() if "tiny" in line and "│" in line]
    assert len(lines) == 5, printed
    for line, row in zip(lines, rows, strict=True):
        assert [cell.strip() for cell in line.strip()[1:-1].split("│")] == list(row), line


def test_the_reports_timed_are_one_of_each_outlet_then_the_next_fifty() -> None:
    ordered = [(f"a{n}", f"outlet{n % 12}") for n in range(80)]
    ten, fifty = stories_show_bench.pick_reports(ordered)
    assert ten == [f"a{n}" for n in range(10)]
    assert fifty == [f"a{n}" for n in range(10, 60)]
    assert stories_show_bench.pick_reports([("x", "甲"), ("y", "甲"), ("z", "乙")]) == (["x", "z"], ["y"])
