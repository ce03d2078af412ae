from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from newsmirror.extract.datelines import Dateline, disagree, find_dateline, parse_stamp, resolve_dateline

TAIPEI = ZoneInfo("Asia/Taipei")


def test_cna_day_only_dateline_takes_month_from_feed_date() -> None:
    dateline = find_dateline("（中央社台北4日電）立法院今天三讀通過一項測試法案。")
    assert dateline == Dateline(day=4)
    feed_date = datetime(2023, 2, 4, 9, 34, 6, tzinfo=UTC)  # 17:34 in Taipei, same day
    resolved = resolve_dateline(dateline, "Asia/Taipei", feed_date)
    assert resolved == feed_date
    assert resolved is not None and resolved.astimezone(TAIPEI).date().isoformat() == "2023-02-04"


def test_day_only_dateline_before_a_month_boundary() -> None:
    # Filed on the 31st, the feed saw it on the 1st of the next month.
    dateline = find_dateline("（中央社記者王小明東京31日專電）日本政府今天宣布新措施。")
    assert dateline == Dateline(day=31)
    resolved = resolve_dateline(dateline, "Asia/Taipei", datetime(2023, 2, 1, 2, 0, tzinfo=UTC))
    assert resolved == datetime(2023, 1, 31, tzinfo=TAIPEI)


def test_ntd_dateline_states_beijing_time() -> None:
    dateline = find_dateline("【新唐人北京时间2023年02月05日讯】某地今日发生测试事件。")
    assert dateline == Dateline(5, 2, 2023, "Asia/Shanghai")
    resolved = resolve_dateline(dateline, "America/New_York")
    assert resolved == datetime(2023, 2, 5, tzinfo=ZoneInfo("Asia/Shanghai"))


def test_full_dateline_without_zone_uses_the_outlet_zone() -> None:
    dateline = find_dateline("【大纪元2020年10月16日讯】（大纪元记者张三报导）测试内容。")
    assert dateline == Dateline(16, 10, 2020, None)
    resolved = resolve_dateline(dateline, "America/New_York")
    assert resolved is not None and resolved.utcoffset() is not None
    assert resolved.astimezone(ZoneInfo("America/New_York")).date().isoformat() == "2020-10-16"


def test_agency_month_day_dateline() -> None:
    dateline = find_dateline("路透北京1月7日 - 中国央行周四公布数据。")
    assert dateline == Dateline(day=7, month=1)
    resolved = resolve_dateline(dateline, "Asia/Shanghai", datetime(2021, 1, 7, 3, 0, tzinfo=UTC))
    assert resolved is not None and resolved.date().isoformat() == "2021-01-07"


def test_day_only_without_reference_is_unknown() -> None:
    assert resolve_dateline(Dateline(day=4), "Asia/Taipei", None) is None


def test_no_dateline_in_plain_text() -> None:
    assert find_dateline("今天天气很好，大家都出门了。") is None


def test_stamps() -> None:
    assert parse_stamp("Sat, 04 Feb 2023 03:26:18 GMT", "UTC") == datetime(2023, 2, 4, 3, 26, 18, tzinfo=UTC)
    assert parse_stamp("04/02/2023 - 13:51", "Europe/Paris") == datetime(2023, 2, 4, 13, 51, tzinfo=ZoneInfo("Europe/Paris"))
    assert parse_stamp("2021-01-20T01:41:02Z", "UTC") == datetime(2021, 1, 20, 1, 41, 2, tzinfo=UTC)
    assert parse_stamp("这不是日期", "UTC") is None


def test_disagree_counts_calendar_days_in_the_zone() -> None:
    a = datetime(2021, 1, 7, 23, 0, tzinfo=UTC)
    assert not disagree(a, datetime(2021, 1, 8, 12, 0, tzinfo=UTC), "UTC")
    assert disagree(a, datetime(2021, 1, 10, tzinfo=UTC), "UTC")


def test_a_body_date_far_from_the_files_own_date_is_ignored() -> None:
    from newsmirror.extract.datelines import publication_date

    feed = datetime(2020, 8, 5, 3, 0, tzinfo=UTC)
    for text in ("【大纪元1664年12月17日讯】旧事重提。", "【大纪元2018年08月05日讯】旧闻。"):
        found = publication_date(page_date=None, container_date=feed, text=text, stamps=[], url_date=None,
                                 zone="Asia/Shanghai")
        assert found == feed
    # A few days' correction still wins (a feed that re-dated an old item) ...
    corrected = publication_date(page_date=None, container_date=feed, text="【大纪元2020年07月30日讯】正文。",
                                 stamps=[], url_date=None, zone="Asia/Shanghai")
    assert corrected is not None and corrected.date().isoformat() == "2020-07-30"
    # ... and the zone's offset is the real one, never local mean time.
    assert corrected.utcoffset() is not None and corrected.utcoffset().total_seconds() == 8 * 3600
    # Without a file date, an impossible body date is no date at all.
    assert publication_date(page_date=None, container_date=None, text="【大纪元1664年12月17日讯】旧事。",
                            stamps=[], url_date=None, zone="Asia/Shanghai") is None
