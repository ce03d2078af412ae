"""Column bulletins (``genre.ColumnLabels``, ``genre.leaves_title``): a show under a recurring label whose
body leaves its lead item is about several events; a column report about one event is not."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from newsmirror.stories.cluster import ClusterConfig, Document, StoryClusterer
from newsmirror.stories.genre import (
    ColumnLabels,
    label_named_by,
    leaves_title,
    opens_with_label,
    opens_with_unnamed_label,
    title_label,
)
from tests.stories.fixtures import FLOOD, TRADE_HANS, TRADE_HANT

DAY = datetime(2021, 3, 1, 8, tzinfo=UTC)
# Other subjects a bulletin moves on to after its lead item (fictional), two paragraphs each: their names
# recur, so the body is no list of one-paragraph items (``digest.is_list_of_items``).
OTHER_ITEMS = [
    "另据报道，德国议会周二以微弱多数通过新的预算案，德国反对党批评开支过高。",
    "德国财政部长表示，预算案将优先用于铁路和学校，明年赤字可望缩小。",
    "在金融方面，日本央行宣布维持利率不变，分析人士预计年内还有一次降息。",
    "日本首相表示支持央行的决定，并称将在下月公布新的经济刺激方案。",
]
BULLETIN_TEXT = TRADE_HANT.body_text + "\n\n" + "\n\n".join(OTHER_ITEMS)


@pytest.mark.parametrize(("title", "label"), [
    ("【晚间新闻】港口罢工 油价上涨", "晚间新闻"),
    ("[国际] 港口罢工进入第三天", "国际"),
    ("白宫要义: 发言人谈港口罢工", "白宫要义"),
    ("墙外文摘：港口罢工为何持续", "墙外文摘"),
    ("早安世界》港口罢工", "早安世界"),
    ("吴言乱语｜港口的夜", "吴言乱语"),
    ("港口罢工进入第三天", None),
])
def test_title_labels_are_read_whatever_their_separator(title: str, label: str | None) -> None:
    assert title_label(title) == label


@pytest.mark.parametrize(("title", "labelled"), [
    ("【重播】港口罢工进入第三天", True), ("[视频] 港口罢工", True), ("早安世界》港口罢工", True),
    ("吴言乱语｜港口的夜", True), ("二湘的九维空间 | 港口的夜", True), ("\u200b【直播】港口罢工", True),
    ("工会主席：罢工将持续", False),  # a speaker's quote heads a good story title
    ("港口罢工：油价上涨", False), ("港口罢工进入第三天", False), ("", False),
])
def test_a_story_title_is_poor_when_it_opens_with_a_column_or_source_label(title: str, labelled: bool) -> None:
    assert opens_with_label(title) is labelled


@pytest.mark.parametrize(("title", "unnamed"), [
    ("独家：欧中投资协议内容曝光", True), ("焦点：港口罢工进入第三天", True), ("港媒：港口罢工", True),
    ("獨家：港口罷工", True), ("工会主席：罢工将持续", True), ("港口罢工：油价上涨", True),
    ("王毅：罢工将持续", False), ("習近平：港口", False), ("中国外交部：回应罢工", False),  # a speaker named
    ("新冠疫苗：港口工人接种", False), ("白宫要义: 发言人谈港口罢工", False),  # a named subject
    ("【重播】港口罢工", False), ("港口罢工进入第三天", False), ("", False),
])
def test_a_colon_label_naming_no_one_is_a_genre_or_a_source(title: str, unnamed: bool) -> None:
    assert opens_with_unnamed_label(title) is unnamed


def test_a_colon_label_another_title_names_is_their_subject() -> None:
    assert label_named_by("港口罢工：油价上涨", "港口工人罢工进入第三天")
    assert not label_named_by("独家：港口罢工", "港口工人罢工进入第三天")
    assert not label_named_by("港口罢工进入第三天", "港口罢工进入第三天")  # no colon label
    # the other title's own label or the source it credits at its end is no naming of the subject
    assert not label_named_by("独家：港口罢工", "路透社独家：港口罢工进入第三天")
    assert not label_named_by("消息人士：港口罢工", "港口罢工进入第三天--消息人士")
    assert not label_named_by("消息人士：港口罢工", "港口罢工进入第三天——消息人士")


def test_a_label_used_on_three_days_of_six_is_a_column_any_number_a_day() -> None:
    columns = ColumnLabels()
    seen = [columns.add("甲台", f"【晚间新闻】第{day}条", DAY + timedelta(days=day, hours=n))
            for day in (0, 1, 4) for n in range(3)]
    assert seen[:6] == [None] * 6 and seen[6:] == ["晚间新闻"] * 3
    assert columns.add("乙台", "【晚间新闻】头条", DAY + timedelta(days=4)) is None  # another outlet's
    rare = ColumnLabels()
    assert not any(rare.add("甲台", "外长：头条", DAY + timedelta(days=day)) for day in (0, 6, 12))  # too far apart


def test_a_body_that_leaves_its_title_is_a_bulletin_one_that_keeps_to_it_is_not() -> None:
    assert leaves_title("【晚间新闻】" + TRADE_HANT.title, BULLETIN_TEXT, "晚间新闻")
    one_event = TRADE_HANS.body_text + "\n\n" + "\n\n".join(
        f"{n}. 羊毛贸易协定的第{n}项条款涉及新西兰对澳大利亚的出口配额与检疫安排。" for n in range(1, 5))
    assert not leaves_title("【晚间新闻】" + TRADE_HANS.title, one_event, "晚间新闻")
    assert not leaves_title("【晚间新闻】" + TRADE_HANT.title, TRADE_HANT.body_text, "晚间新闻")  # too short to tell


def test_a_column_bulletin_led_by_an_event_stays_out_of_its_story_a_column_report_joins() -> None:
    def placed(config: ClusterConfig, text: str) -> tuple[str, str]:
        clusterer = StoryClusterer(config)
        for day in range(3):  # twice a day: a column, not a once-a-day programme
            for n in range(2):
                clusterer.add(Document(f"show{day}{n}", "甲台", DAY + timedelta(days=day, hours=n),
                                       f"【晚间新闻】第{day}天第{n}条", FLOOD.body_text))
        day3 = DAY + timedelta(days=3)
        trade = clusterer.add(Document("trade", "乙台", day3, TRADE_HANS.title, TRADE_HANS.body_text))
        show = clusterer.add(Document("show3", "甲台", day3 + timedelta(hours=1), "【晚间新闻】" + TRADE_HANT.title,
                                      text))
        return trade.story_id, show.story_id

    trade, show = placed(ClusterConfig(column_bulletins=False), BULLETIN_TEXT)
    assert trade == show  # without the body's evidence, the bulletin's lead item makes it a member
    trade, show = placed(ClusterConfig(), BULLETIN_TEXT)
    assert trade != show
    trade, show = placed(ClusterConfig(), TRADE_HANT.body_text)
    assert trade == show
