"""Short synthetic reports written for these tests (fictional events, no corpus text)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

import newsmirror.stories.compare as compare
from newsmirror.model import Article
from newsmirror.stories.compare import compare_story
from newsmirror.stories.comparison import Comparison, Fact
from newsmirror.text.script import to_traditional

DAY = datetime(2024, 3, 5, 8, 0, tzinfo=UTC)

# Event 1, Simplified, PRC names.
TRADE_HANS = Article(
    outlet="甲报", title="新西兰总理抵达悉尼 与澳大利亚讨论羊毛贸易协定", original_url="https://a.example/1",
    published_at=DAY,
    body_text=(
        "新西兰总理希普金斯周二抵达悉尼，与澳大利亚总理阿尔巴尼斯就羊毛贸易协定举行会谈。\n\n"
        "双方同意在年底前取消羊毛关税，并成立联合工作组。"
        "希普金斯表示，羊毛出口占新西兰农业收入的一成。\n\n"
        "会谈后两国发表联合声明，称将加强在太平洋地区的合作。"
    ),
)

# Event 1, Traditional, Taiwan names (紐西蘭, 雪梨, 澳洲), written independently.
TRADE_HANT = Article(
    outlet="乙社", title="紐西蘭總理訪雪梨 澳紐商談羊毛貿易", original_url="https://b.example/1",
    published_at=DAY.replace(hour=12),
    body_text=(
        "（乙社雪梨5日電）紐西蘭總理希普金斯今天抵達雪梨，與澳洲總理阿爾巴尼斯會談羊毛貿易協定。\n\n"
        "兩國同意年底前取消羊毛關稅。"
        "消息人士透露，澳洲農民團體在會場外抗議，要求保護本地牧場。\n\n"
        "會談後兩國發表聯合聲明，表示將加強太平洋地區合作。"
    ),
)

# Event 1 again: outlet 丙 republishes 甲报's wire copy, converted to Traditional.
TRADE_COPY = Article(
    outlet="丙网", title=to_traditional(TRADE_HANS.title), original_url="https://c.example/1",
    published_at=DAY.replace(hour=14), body_text=to_traditional(TRADE_HANS.body_text),
)

# Event 2, same day, unrelated: a flood.
FLOOD = Article(
    outlet="甲报", title="暴雨引发山洪 云南三个村庄被淹", original_url="https://a.example/2",
    published_at=DAY.replace(hour=9),
    body_text=(
        "云南西部连日暴雨，周二凌晨引发山洪，三个村庄被淹。\n\n"
        "当地政府已疏散两千名村民，救援人员正在搜寻五名失踪者。"
        "气象部门预计降雨还将持续三天。"
    ),
)

FLOOD_HANT = Article(
    outlet="乙社", title="雲南暴雨成災 山洪沖毀村莊五人失蹤", original_url="https://b.example/2",
    published_at=DAY.replace(hour=15),
    body_text=(
        "（乙社台北5日電）中國雲南西部連日暴雨，山洪沖毀三個村莊，五人失蹤。\n\n"
        "當地政府疏散約兩千名村民，搜救人員持續搜尋失蹤者。"
    ),
)

# Event 3, two weeks later, shares words with event 1 (新西兰, 羊毛) but is a different event.
TRADE_LATER = Article(
    outlet="甲报", title="新西兰羊毛价格创新低 牧场主呼吁政府补贴", original_url="https://a.example/3",
    published_at=DAY.replace(day=20),
    body_text=(
        "新西兰羊毛拍卖价格本周跌至十年来最低，牧场主呼吁政府提供补贴。\n\n"
        "行业协会表示，合成纤维的竞争是价格下跌的主要原因。"
    ),
)

ALL = [TRADE_HANS, FLOOD, TRADE_HANT, TRADE_COPY, FLOOD_HANT, TRADE_LATER]


def fact_with(comparison: Comparison, text: str) -> Fact:
    """The first fact of the comparison (``Comparison.facts`` order) with a sentence containing ``text``."""
    return next(f for f in comparison.facts() if any(text in s.text for s in f.sentences))


# "Only X names N" tests (test_compare_only_x*.py): a bare report of one outlet, and what a comparison says that
# outlet alone gives.
ONLY_X_WHEN = datetime(2024, 6, 1, tzinfo=UTC)


def only_x_article(outlet: str, body: str, title: str = "报道") -> Article:
    return Article(outlet=outlet, title=title, original_url=f"https://{ord(outlet[0])}.example/x",
                   published_at=ONLY_X_WHEN, body_text=body)


def only_x_claims(articles: list[Article], outlet: str) -> set[str]:
    """What the comparison says ``outlet`` alone gives: its list and its facts' one-outlet details."""
    comparison = compare_story(articles)
    claims = set(comparison.unique_details()[outlet])
    for fact in [*comparison.shared, *comparison.partial]:
        claims.update(term for term, givers in fact.details.items() if givers == [outlet])
    return claims


def switch_only_x_model_off(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every one-outlet detail kept, as before the only-X confidence model (onlyx28): the form tests alone decide."""
    monkeypatch.setattr(compare, "likely_true", lambda *_args: True)
