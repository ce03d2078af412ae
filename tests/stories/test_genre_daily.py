"""Daily programmes and daily series (``stories.genre``), and how grouping keeps them apart."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from newsmirror.stories.cluster import ClusterConfig, Document, StoryClusterer
from newsmirror.stories.genre import DailyProgrammes, DailySeries, column_label, series_template
from tests.stories.fixtures import FLOOD, TRADE_HANS, TRADE_HANT

DAY = datetime(2021, 3, 1, 8, tzinfo=UTC)


@pytest.mark.parametrize(("title", "label"), [
    ("【晨间看点】港口罢工 油价上涨", "晨间看点"),
    ("早\u200c安\u200c世界》新内阁上路", "早安世界"),
    ("【晨间\u00ad看点】港口罢工", "晨间看点"),  # a soft hyphen, invisible as the zero-width joiner is (text.invisible)
    ("外长：不接受任何指责", None),  # a speaker, not a label
    ("香港《某法》：警方拘捕多人", None),
    ("港口罢工进入第三天", None),
])
def test_column_labels_are_read_from_the_start_of_a_title(title: str, label: str | None) -> None:
    assert column_label(title) == label


def test_a_label_filed_once_a_day_on_four_days_of_six_is_a_daily_programme() -> None:
    programmes = DailyProgrammes()
    seen = [programmes.add("甲台", f"【晨间看点】第{day}天的头条", DAY + timedelta(days=day)) for day in (0, 1, 2, 5, 6)]
    assert seen == [False, False, False, True, True]  # a weekend off does not stop it


@pytest.mark.parametrize(("title", "label"), [
    ("【疫情更新12·30】港口罢工 油价上涨", "疫情更新"),  # a programme's label dated anew each day
    ("【疫情1.19】港口罢工", "疫情"),
    ("【12·30】港口罢工", "12·30"),  # nothing but a date: kept as written
    ("G7》峰会开幕", "G7"),  # fewer than two Han characters without it: kept as written
])
def test_a_labels_date_or_number_is_left_out_when_a_name_remains(title: str, label: str | None) -> None:
    assert column_label(title) == label


def test_a_programme_whose_label_carries_its_date_is_recognised() -> None:
    # Epoch's daily 【疫情更新12·30】, 【疫情更新12·31】, ...: one label, not a new one every day.
    programmes = DailyProgrammes()
    seen = [programmes.add("甲台", f"【疫情更新12·{day + 20}】第{day}天的头条", DAY + timedelta(days=day))
            for day in (0, 1, 2, 5, 6)]
    assert seen == [False, False, False, True, True]


def test_a_label_filed_many_times_a_day_or_with_a_gap_is_not() -> None:
    programmes = DailyProgrammes()
    many = [programmes.add("甲台", f"【独家】消息{n}", DAY + timedelta(days=day, hours=n))
            for day in range(5) for n in range(3)]
    assert not any(many)
    rare = [programmes.add("乙台", "【晨间看点】头条", DAY + timedelta(days=day)) for day in (0, 3, 6, 9)]
    assert not any(rare)
    assert not programmes.add("丙台", "外长：头条", DAY)


@pytest.mark.parametrize(("title", "template"), [
    ("甲市新增12例确诊 3例源头不明", "甲市新增#例确诊"),
    ("人民币中间价料开在6.7050元附近", "人民币中间价料开在#元附近"),
    ("Covid-19：乙国宣布封城", None),  # a number inside a name is no slot
    ("2020大选：投票开始", None),  # a year neither
    ("增12例", None),  # too short to be a template
])
def test_series_templates_mask_the_figures_of_the_first_numbered_clause(title: str, template: str | None) -> None:
    assert series_template(title) == template


def test_a_template_used_on_three_days_is_a_daily_series() -> None:
    series = DailySeries()
    days = [DAY + timedelta(days=day) for day in range(4)]
    keys = [series.add("甲台", f"甲市新增{10 + n}例确诊", day) for n, day in enumerate(days)]
    assert keys == [("甲台", "甲市新增#例确诊")] * 4
    assert [series.recognised(keys[0], day.date()) for day in days] == [False, False, True, True]
    other = series.add("乙台", "甲市新增9例确诊", days[3])  # another outlet's
    assert other is not None and not series.recognised(other, days[3].date())
    assert series.add("甲台", "港口罢工进入第三天", days[3]) is None


def _report(id_: str, outlet: str, time: datetime, title: str, text: str) -> Document:
    return Document(id_, outlet, time, title, text)


def test_a_daily_programme_led_by_an_event_stays_out_of_its_story() -> None:
    def placed(config: ClusterConfig) -> tuple[str, str]:
        clusterer = StoryClusterer(config)
        for day in range(3):
            clusterer.add(_report(f"show{day}", "甲台", DAY + timedelta(days=day), f"【晨间看点】第{day}天",
                                  FLOOD.body_text))
        day3 = DAY + timedelta(days=3)
        trade = clusterer.add(_report("trade", "乙台", day3, TRADE_HANS.title, TRADE_HANS.body_text))
        show = clusterer.add(_report("show3", "甲台", day3 + timedelta(hours=1), "【晨间看点】" + TRADE_HANT.title,
                                     TRADE_HANT.body_text))
        return trade.story_id, show.story_id

    trade, show = placed(ClusterConfig(daily_programmes=False))
    assert trade == show  # without the rhythm, the show's lead item makes it a member
    trade, show = placed(ClusterConfig())
    assert trade != show


def test_items_of_one_series_of_different_days_never_share_a_story() -> None:
    def stories(config: ClusterConfig) -> list[str]:
        clusterer = StoryClusterer(config)
        out = []
        for day in range(4):
            text = TRADE_HANS.body_text + f"\n\n甲市卫生局公布，当日新增{10 + day}例确诊病例，累计{100 + day}例。"
            out.append(clusterer.add(_report(f"count{day}", "甲台", DAY + timedelta(days=day),
                                             f"甲市新增{10 + day}例确诊 {TRADE_HANS.title}", text)).story_id)
        return out

    assert len(set(stories(ClusterConfig(daily_series=False))[2:])) == 1  # look-alikes of two days glue
    series = stories(ClusterConfig())
    # Recognised from the third day on; then no item of another day is in its story, the first two included.
    assert series[2] not in series[:2] and series[3] not in series[:3]
