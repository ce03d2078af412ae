"""A day grouped after the days before it (``days_eval --history``, ``bench/days_history.py``; history68)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bench.days_eval import (
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
    assert history_dates("2020-08-04", 2) == (["2020-08-02", "2020-08-03"], 0)


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
