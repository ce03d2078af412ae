"""A day grouped after the days before it (``days_eval --history``, ``bench/days_history.py``; history68)."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from bench.days_eval import (
    FRESH_DAYS,
    HELD_OUT_DAY,
    History,
    evaluate_day,
    feeding_recognisers,
    history_dates,
    load_day_labels,
)
from bench.days_history import pairs, parts

from tests.fixtures_archives import write

BODY = ("（中央社記者陳小華台北{day}日電）測試市衛生局今天公布，本市新增{n}例確診病例，均為境外移入，"
        "累計確診人數持續增加。衛生局表示，新增病例分別來自測試國家與另一測試國家，入境後即在防疫旅館隔離，"
        "目前無社區傳播風險。衛生局呼籲民眾持續配戴口罩、勤洗手，並遵守各項防疫措施，共同守護社區健康。"
        "衛生局並說明，明日將再公布最新疫情數字，請民眾留意官方訊息，切勿轉傳來源不明的消息。")


def _item(day: int, n: int, hour: int = 8) -> str:
    stamp = f"2024-03-{day:02d}T{hour:02d}:00:00.000Z"
    return f"""---
layout: post
title: "測試市新增{n}例確診 均為境外移入"
date: {stamp}
author: 中央社CNA
from: https://www.cna.com.tw/news/ahel/2024030{day}{n:04d}.aspx
tags: [ 中央社CNA ]
categories: [ 中央社CNA ]
---
<!--0-->
[測試市新增{n}例確診 均為境外移入](https://www.cna.com.tw/news/ahel/2024030{day}{n:04d}.aspx)
------

<div>
<p>{BODY.format(day=day, n=n)}</p>
</div>"""


def _archive(root: Path) -> Path:
    """Dates 03-03 and 03-04 hold an outlet's daily count; the day 03-06 holds the count of 03-05 (filed late) and its
    own: a template on two dates of the day's folder alone, on four with the days before."""
    archived = root / "archived"
    write(archived, "2024-03-03/2024-03-03-a.md", _item(3, 9))
    write(archived, "2024-03-04/2024-03-04-b.md", _item(4, 11))
    write(archived, "2024-03-06/2024-03-06-c.md", _item(5, 12, hour=20))
    write(archived, "2024-03-06/2024-03-06-d.md", _item(6, 15))
    return archived


def _labels(root: Path) -> Path:
    return write(root, "labels.toml", '[[event]]\nid = "count-0305"\nfiles = ["2024-03-06-c.md"]\n\n'
                                      '[[event]]\nid = "count-0306"\nfiles = ["2024-03-06-d.md"]\n')


def test_the_dates_before_skip_the_held_out_test_and_fresh_days() -> None:
    dates, skipped = history_dates("2020-11-20", 3)
    assert HELD_OUT_DAY == "2020-11-18" and dates == ["2020-11-17", "2020-11-19"] and skipped == 1
    assert history_dates("2020-09-16", 2) == (["2020-09-14", "2020-09-15"], 0)
    assert history_dates("2020-08-04", 2) == (["2020-08-02", "2020-08-03"], 0)  # 2020-08-02: tuning since session 64
    assert history_dates("2020-12-06", 2) == (["2020-12-04", "2020-12-05"], 0)  # 2020-12-04: tuning since session 65
    assert history_dates("2020-11-25", 2) == (["2020-11-23", "2020-11-24"], 0)  # 2020-11-23: tuning since session 66
    assert history_dates("2020-08-09", 3) == (["2020-08-06", "2020-08-07", "2020-08-08"], 0)  # tuning since session 67
    assert history_dates("2020-09-27", 2) == (["2020-09-25", "2020-09-26"], 0)  # tuning since session 68
    assert history_dates("2020-08-19", 2) == (["2020-08-17", "2020-08-18"], 0)  # tuning since session 69
    assert history_dates("2020-10-01", 2) == (["2020-09-29", "2020-09-30"], 0)  # tuning since session 70
    assert history_dates("2020-12-27", 2) == (["2020-12-25", "2020-12-26"], 0)  # tuning since session 71
    assert history_dates("2020-09-20", 2) == (["2020-09-18", "2020-09-19"], 0)  # tuning since session 72
    assert history_dates("2020-09-06", 2) == (["2020-09-04", "2020-09-05"], 0)  # tuning since session 73
    assert history_dates("2020-10-14", 2) == (["2020-10-12", "2020-10-13"], 0)  # tuning since session 74
    assert history_dates("2020-07-22", 2) == (["2020-07-20", "2020-07-21"], 0)  # tuning since session 75
    # a tuning day's days before skip the fresh day too (2020-08-31, fresh for session 76)
    assert "2020-08-31" in FRESH_DAYS and history_dates("2020-09-02", 2) == (["2020-09-01"], 1)


def test_the_history_is_read_as_the_day_is_imported_oldest_first(tmp_path: Path) -> None:
    history = History(_archive(tmp_path), back=3)
    rows = history.reports("2024-03-06")  # 03-03 (3 back), 03-04; 03-05 has no folder: a day without reports
    assert [title for _, _, title, _ in rows] == ["測試市新增9例確診 均為境外移入", "測試市新增11例確診 均為境外移入"]
    assert [when.date().isoformat() for *_, when in rows] == ["2024-03-03", "2024-03-04"]


def test_a_series_is_recognised_only_with_the_days_before(tmp_path: Path) -> None:
    from newsmirror.stories.cluster import StoryClusterer

    rows = History(_archive(tmp_path), back=3).reports("2024-03-06")
    outlet = rows[0][1]  # as the importer names it
    day = [("c", outlet, "測試市新增12例確診 均為境外移入", datetime(2024, 3, 5, 20, tzinfo=UTC)),
           ("d", outlet, "測試市新增15例確診 均為境外移入", datetime(2024, 3, 6, 8, tzinfo=UTC))]

    def recognised(clusterer: StoryClusterer) -> bool:
        series = clusterer._series
        assert series is not None
        keys = [series.add(outlet, title, when) for _, outlet, title, when in day]
        return keys[-1] is not None and series.recognised(keys[-1], day[-1][3].date())

    assert not recognised(StoryClusterer())
    with feeding_recognisers(rows):
        fed = StoryClusterer()
    assert recognised(fed)
    assert not recognised(StoryClusterer())  # the feeding ends with its context


def test_the_day_grouped_with_its_history_keeps_two_days_counts_apart(tmp_path: Path) -> None:
    archived = _archive(tmp_path)
    labels = load_day_labels(_labels(tmp_path))
    alone = evaluate_day(archived / "2024-03-06", labels)
    fed = evaluate_day(archived / "2024-03-06", labels, history=History(archived, back=3))
    whole = evaluate_day(archived / "2024-03-06", labels, history=History(archived, back=3, whole=True))
    assert alone.truth == fed.truth == whole.truth and len(alone.truth) == 2  # the day's articles alone are scored
    assert alone.pure == 0 and alone.multi == 1  # alone: the two days' counts read as one report's copies
    assert fed.multi == 0 and fed.precision == 1.0  # with the days before: a daily series, two events
    assert whole.multi == 0 and whole.precision == 1.0
    scored = sorted(alone.truth)
    changed = parts(alone.predicted, fed.predicted, scored)
    assert changed == [scored] or changed == [scored[::-1]]
    assert pairs(scored, alone.predicted, alone.truth) == (0, 1) and pairs(scored, fed.predicted, fed.truth) == (0, 0)


def test_the_leads_unseen_sitting_reads_held_out_and_test_dates_as_history_but_never_a_fresh_one() -> None:
    from bench.days_eval import FRESH_DAYS, TEST_DAYS, UNSEEN_NOT_HISTORY

    # 2020-11-21 (a test day): its days before hold 2020-11-15 (test) and 2020-11-18 (held-out), which production saw.
    assert "2020-11-21" in TEST_DAYS
    tuning_view, skipped = history_dates("2020-11-21", 6)
    assert "2020-11-18" not in tuning_view and "2020-11-15" not in tuning_view and skipped == 2
    unseen_view, skipped = history_dates("2020-11-21", 6, UNSEEN_NOT_HISTORY)
    assert unseen_view[0] == "2020-11-15" and "2020-11-18" in unseen_view and skipped == 0 and len(unseen_view) == 6
    fresh = FRESH_DAYS[0]
    from datetime import date, timedelta

    after_fresh = (date.fromisoformat(fresh) + timedelta(days=1)).isoformat()
    assert fresh not in history_dates(after_fresh, 6, UNSEEN_NOT_HISTORY)[0]


def test_days_eval_refuses_history_on_a_test_day_unless_the_lead_asks(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bench import days_eval

    monkeypatch.setattr(sys, "argv", ["days_eval", "--days", str(tmp_path), "--day", "2020-11-21", "--history", "6",
                                      "--no-labels"])
    (tmp_path / "2020-11-21").mkdir()
    with pytest.raises(SystemExit, match="not grouped with history"):
        days_eval.main()
    monkeypatch.setattr(sys, "argv", ["days_eval", "--days", str(tmp_path), "--day", "2020-11-21", "--unseen-history"])
    with pytest.raises(SystemExit):  # --unseen-history without --history is a usage error
        days_eval.main()
    fresh = days_eval.FRESH_DAYS[0]
    (tmp_path / fresh).mkdir()
    monkeypatch.setattr(sys, "argv", ["days_eval", "--days", str(tmp_path), "--day", fresh, "--history", "6",
                                      "--unseen-history", "--no-labels"])
    with pytest.raises(SystemExit, match="not grouped with history"):
        days_eval.main()


def test_the_unseen_sitting_groups_a_test_day_after_its_days_before(tmp_path: Path) -> None:
    from bench.days_eval import UNSEEN_NOT_HISTORY

    # A constructed archive named with a test day's date: the lead's history reads its days before as the tuning one.
    archived = tmp_path / "archived"
    for name, text in (("2020-11-18/2020-11-18-h.md", _item(2, 7)),  # the held-out day: production has seen it
                       ("2020-11-19/2020-11-19-a.md", _item(3, 9)), ("2020-11-20/2020-11-20-b.md", _item(4, 11)),
                       ("2020-11-21/2020-11-21-c.md", _item(5, 12, hour=20)),
                       ("2020-11-21/2020-11-21-d.md", _item(6, 15))):
        write(archived, name, text)
    history = History(archived, back=3, skip=UNSEEN_NOT_HISTORY)
    assert [folder.name for folder in history.folders("2020-11-21")] == ["2020-11-18", "2020-11-19", "2020-11-20"]
    assert len(history.reports("2020-11-21")) == 3
    assert [folder.name for folder in History(archived, back=3).folders("2020-11-21")] == ["2020-11-19", "2020-11-20"]
