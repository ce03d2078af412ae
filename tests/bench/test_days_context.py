"""A tuning day in the archive's context (``bench/days_context.py``) and the pairs it yields
(``bench/days_pair_fit.pairs(day, context=...)``), on the fictional reports of ``tests/stories/test_cluster_pair.py``."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.days_context import barred, context_ids, score_in_context
from bench.days_pair_fit import Day, pairs

from newsmirror.stories.cluster import Document
from tests.stories.test_cluster_pair import CRICKET, DAY, WINE_FOLLOW_UP

LABELLED = "2021-03-02"  # a made-up labelled day; its context is the day before
BEFORE = datetime(2021, 3, 1, 6, tzinfo=UTC)
WINE_AGAIN = ("wine", "自由亚洲", "澳大利亚葡萄酒出口商称反倾销保证金令对华出口停摆",
              "澳大利亚葡萄酒出口商协会说，中国商务部征收的反倾销保证金让对华葡萄酒出口停摆，滞留港口的红酒货柜无法清关。"
              "贸易部长伯明翰再次表示将向世界贸易组织申诉，多家酒庄已经开始裁员。"
              "出口商协会估计，葡萄酒行业今年将损失超过十亿澳元。")


def _doc(doc_id: str, item: tuple[str, str, str, str], at: datetime) -> Document:
    return Document(doc_id, item[1], at, item[2], item[3])


def _context() -> list[Document]:
    return [_doc(f"c{i}", item, BEFORE + timedelta(hours=i)) for i, item in enumerate(DAY)]


def test_a_context_never_reaches_a_barred_days_reports() -> None:
    # 2020-12-06's three days before reach 2020-12-03, the day after the test day 2020-12-02: cut there.
    assert barred(datetime(2020, 12, 3, 12, tzinfo=UTC))
    assert barred(datetime(2020, 12, 1, 0, tzinfo=UTC))
    # 2020-12-04 is a tuning day since session 65: no longer barred, nor the day after it
    assert not barred(datetime(2020, 12, 4, 0, tzinfo=UTC)) and not barred(datetime(2020, 12, 5, 23, tzinfo=UTC))
    # 2020-11-23 is a tuning day since session 66: no longer barred, nor the day after it
    assert not barred(datetime(2020, 11, 23, 0, tzinfo=UTC)) and not barred(datetime(2020, 11, 24, 23, tzinfo=UTC))
    # 2020-08-06 is a tuning day since session 67: no longer barred, nor the days either side
    assert not barred(datetime(2020, 8, 6, 0, tzinfo=UTC)) and not barred(datetime(2020, 8, 5, 0, tzinfo=UTC))
    # 2020-09-25 is a tuning day since session 68: no longer barred, nor the days either side
    assert not barred(datetime(2020, 9, 25, 0, tzinfo=UTC)) and not barred(datetime(2020, 9, 24, 0, tzinfo=UTC))
    # 2020-08-17 is a tuning day since session 69: no longer barred, nor the days either side
    assert not barred(datetime(2020, 8, 17, 0, tzinfo=UTC)) and not barred(datetime(2020, 8, 16, 0, tzinfo=UTC))
    # 2020-09-29 is a tuning day since session 70: no longer barred, nor the days either side
    assert not barred(datetime(2020, 9, 29, 0, tzinfo=UTC)) and not barred(datetime(2020, 9, 28, 0, tzinfo=UTC))
    # 2020-09-18 is a tuning day since session 72: no longer barred, nor the days either side
    assert not barred(datetime(2020, 9, 18, 0, tzinfo=UTC)) and not barred(datetime(2020, 9, 17, 0, tzinfo=UTC))
    # 2020-09-04 is a tuning day since session 73: no longer barred, nor the days either side
    assert not barred(datetime(2020, 9, 4, 0, tzinfo=UTC)) and not barred(datetime(2020, 9, 3, 0, tzinfo=UTC))
    # 2020-10-12 is a tuning day since session 74: no longer barred, nor the days either side
    assert not barred(datetime(2020, 10, 12, 0, tzinfo=UTC)) and not barred(datetime(2020, 10, 11, 0, tzinfo=UTC))
    # 2020-07-20 is a tuning day since session 75: no longer barred, nor the days either side
    assert not barred(datetime(2020, 7, 20, 0, tzinfo=UTC)) and not barred(datetime(2020, 7, 19, 0, tzinfo=UTC))
    # 2020-08-31 (fresh for session 76) and the days either side are barred; 2020-08-29, a tuning day, is not
    assert barred(datetime(2020, 8, 31, 0, tzinfo=UTC)) and barred(datetime(2020, 8, 30, 0, tzinfo=UTC))
    assert barred(datetime(2020, 9, 1, 23, tzinfo=UTC)) and not barred(datetime(2020, 8, 29, 12, tzinfo=UTC))
    assert not barred(datetime(2020, 9, 16, tzinfo=UTC))  # 2020-09-18's context
    assert barred(datetime(2020, 9, 16, tzinfo=UTC), barred_days=["2020-09-16"])


def test_the_context_is_the_stores_reports_of_the_days_before_oldest_first(tmp_path: Path) -> None:
    store = tmp_path / "store.sqlite"
    con = sqlite3.connect(store)
    con.execute("CREATE TABLE articles (id TEXT PRIMARY KEY, published_at TEXT, fetched_at TEXT NOT NULL)")
    con.executemany("INSERT INTO articles VALUES (?, ?, ?)", [
        ("late", "2020-10-17T23:00:00+00:00", "2020-10-18T01:00:00+00:00"),
        ("early", "2020-10-15T00:30:00+00:00", "2020-10-15T01:00:00+00:00"),
        ("local", "2020-10-16T07:00:00+08:00", "2020-10-16T00:00:00+00:00"),  # 2020-10-15 23:00 UTC
        ("undated", None, "2020-10-16T05:00:00+00:00"),  # counts from when it was fetched
        ("too-early", "2020-10-14T23:59:00+00:00", "2020-10-15T00:00:00+00:00"),
        ("the-day", "2020-10-18T03:00:00+00:00", "2020-10-18T03:00:00+00:00"),
        ("own-straggler", "2020-10-16T03:00:00+00:00", "2020-10-18T03:00:00+00:00"),  # in the day's folder
    ])
    con.commit()
    con.close()
    assert context_ids(str(store), "2020-10-18", 3, exclude=["own-straggler"]) == ["early", "local", "undated", "late"]
    assert context_ids(f"sqlite:{store}", "2020-10-18", 1) == ["late"]
    # A barred day's neighbourhood is left out, whatever the context's length.
    assert context_ids(str(store), "2020-10-18", 3, barred_days=["2020-10-15"]) == ["late"]


def test_pairs_after_a_context_are_taken_only_with_stories_holding_a_report_of_the_day() -> None:
    day_start = datetime(2021, 3, 2, 6, tzinfo=UTC)
    documents = [_doc("d0", WINE_FOLLOW_UP, day_start), _doc("d1", WINE_AGAIN, day_start + timedelta(hours=2))]
    day = Day(LABELLED, documents, {"d0": "wine", "d1": "wine"}, set())
    # Alone: the second wine report meets the first one's story, the same event.
    x, y = pairs(day)
    assert list(y) == [1.0]
    # After the context: both also meet the context's wine story (grouped live), whose label is unknown (the event
    # began the day before): not recorded, so the pairs are the same pair, its features read in context.
    x_context, y_context = pairs(day, context=_context())
    assert list(y_context) == [1.0]
    assert x_context.shape == x.shape


def test_a_day_in_context_is_scored_on_its_own_reports_only() -> None:
    day_start = datetime(2021, 3, 2, 6, tzinfo=UTC)
    documents = [_doc("d0", WINE_FOLLOW_UP, day_start), _doc("d1", CRICKET, day_start + timedelta(hours=1))]
    day = Day(LABELLED, documents, {"d0": "wine", "d1": "solo:cricket"}, set())
    score, truth, predicted = score_in_context(day, _context())
    assert set(truth) == set(predicted) == {"d0", "d1"}  # the context's reports are grouped, not scored
    assert predicted["d0"] != predicted["d1"]
    assert score[0] == 1.0 and score[3:] == (0, 0)
