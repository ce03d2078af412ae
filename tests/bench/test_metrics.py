from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from bench.goldset import GoldSetError, html_to_text, slice_between
from bench.metrics import body_prf, date_correct, names_correct, title_correct, tokens


def test_tokens_are_cjk_characters_and_latin_words() -> None:
    assert tokens("美国总统Joe Biden说，COVID-19！") == {
        "美": 1, "国": 1, "总": 1, "统": 1, "说": 1, "joe": 1, "biden": 1, "covid": 1, "19": 1,
    }  # fmt: skip


def test_full_width_and_case_are_normalized() -> None:
    assert tokens("ＡＢＣ abc") == {"abc": 2}


def test_prf_counts_repeated_tokens_as_a_bag() -> None:
    # gold has 好 twice, prediction once plus one junk character
    score = body_prf("好天", "好好")
    assert score.precision == pytest.approx(0.5)
    assert score.recall == pytest.approx(0.5)
    assert score.f1 == pytest.approx(0.5)


def test_prf_perfect_and_empty() -> None:
    assert body_prf("新闻 news", "news，新闻").f1 == 1.0
    assert body_prf("", "新闻").f1 == 0.0


def test_prf_precision_drops_with_junk() -> None:
    score = body_prf("今天下雨 广告广告", "今天下雨")
    assert score.recall == 1.0
    assert score.precision == pytest.approx(4 / 8)


def test_date_correct_in_outlet_time_zone() -> None:
    taipei_evening = datetime(2023, 2, 4, 17, 0, tzinfo=timezone(timedelta(hours=8)))
    assert date_correct(taipei_evening, date(2023, 2, 4), "Asia/Taipei")
    # 2023-02-04 20:00 UTC is already the 5th in Taipei
    assert not date_correct(datetime(2023, 2, 4, 20, 0, tzinfo=UTC), date(2023, 2, 4), "Asia/Taipei")
    assert date_correct("2023-02-04", date(2023, 2, 4), "Asia/Taipei")
    assert not date_correct(None, date(2023, 2, 4), "Asia/Taipei")
    assert not date_correct("not a date", date(2023, 2, 4), "Asia/Taipei")


def test_title_and_names() -> None:
    assert title_correct("美国 总统", "美国总统")
    assert not title_correct(None, "美国总统")
    assert names_correct(["林清", "历澄宇"], ["历澄宇", "林清"])
    assert not names_correct(["历澄宇"], ["历澄宇", "林清"])
    assert names_correct([], [])


def test_html_to_text_keeps_blocks_apart_and_joins_inline() -> None:
    html = "<html><body><p>第一\n段<a href='#'>链接</a>。</p><div>第二段</div><script>x()</script></body></html>"
    assert html_to_text(html) == "第一 段链接。\n第二段"


def test_slice_between_markers_ignores_whitespace() -> None:
    text = "导航\n正文 开始，这里\n是内容。结束句。\n页脚"
    assert slice_between(text, "正文开始", "结束句。") == "正文 开始，这里\n是内容。结束句。"
    with pytest.raises(GoldSetError):
        slice_between(text, "不存在", "结束句。")
