"""A dateline or byline opening a unit (路透华盛顿1月7日 - , （中央社…電）) is the wire's furniture: every unit a
comparison shows (summary, grid, reader) is shown without it, and the fact after it is kept whole."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from newsmirror.stories.compare import compare_story
from newsmirror.stories.summary import summarize
from tests.stories.fixtures import TRADE_HANS, TRADE_HANT

# 甲报's event again, as a wire files it (fictional text under a dateline of the shape 路透 gives its reports).
TRADE_WIRE = replace(TRADE_HANS, outlet="丁社", original_url="https://d.example/1", body_text=(
    "路透悉尼3月5日 - 新西兰总理希普金斯周二抵达悉尼，与澳大利亚总理阿尔巴尼斯就羊毛贸易协定举行会谈。\n\n"
    "路透悉尼3月5日 - 消息人士说，新西兰的牧场主担心明年的羊毛价格会继续下跌，要求政府提供补贴。"))


def _texts(articles: list) -> list[str]:
    comparison = compare_story(articles)
    facts = [*comparison.shared, *comparison.partial, *(f for own in comparison.unique.values() for f in own)]
    return [ref.text for fact in facts for ref in fact.sentences]


def test_a_bracketed_dateline_is_not_shown_with_the_unit_it_opens() -> None:
    texts = _texts([TRADE_HANS, TRADE_HANT])
    assert not any("乙社雪梨5日電" in text for text in texts)
    # The fact after it is kept whole.
    assert any(text.startswith("紐西蘭總理希普金斯今天抵達雪梨") for text in texts)


def test_a_wire_dateline_with_a_dash_is_not_shown_in_the_summary() -> None:
    summary = summarize(compare_story([TRADE_HANS, TRADE_WIRE]), own=10)
    shown = [ref.text for fact in [*summary.common, *summary.own.get("丁社", [])] for ref in fact.sentences]
    assert shown and not any(text.startswith("路透") for text in shown)
    assert any(text.startswith("消息人士说，新西兰的牧场主") for text in shown)


@pytest.mark.corpus
def test_the_demo_capitol_story_lists_no_reuters_dateline_under_only_reuters(corpus_dir: Path, tmp_path: Path) -> None:
    from newsmirror.jobs.importing import import_paths
    from newsmirror.store import open_store

    day = corpus_dir / "zhouxiang93123-waimei" / "archived" / "2021-01-07"
    files = [day / "2021-01-07-分析：民主党虽掌控美国国会 但优势微弱难助拜登施展身手.md",
             day / "2021-01-07-美国国会：拜登确认胜选 特朗普承诺“有序交接”.md"]
    with open_store(tmp_path / "d.sqlite") as store:
        report = import_paths(store, files, workers=1)
        articles = [store.get_article(r.article_id) for r in report.results if r.article_id]
    assert sorted(a.outlet for a in articles if a) == ["BBC中文", "路透"]
    summary = summarize(compare_story([a for a in articles if a]))
    reuters = [ref.text for fact in summary.own["路透"] for ref in fact.sentences]
    assert reuters[0].startswith("美国民主党在乔治亚州取得惊人的选举胜利之后")
    assert not any("路透华盛顿" in text for text in reuters)


def test_a_credit_line_standing_alone_is_furniture() -> None:
    from newsmirror.stories.compare import is_furniture

    # Writers joined by slashes with their sources in brackets, and a translator's credit in brackets.
    assert is_furniture("王小明/李大华 (综合报导)")
    assert is_furniture("王小明/李大华（德新社、路透社）")
    assert is_furniture("王小明/李大华/(路透社、纽约时报)")
    assert is_furniture("（譯者：王小明/核稿：李大華）")
    # Not a credit: a pair joined by a slash in a sentence, or a statement with a credit run on after it.
    assert not is_furniture("美元/人民币汇率周五升至6.5（路透社报道）。")
    assert not is_furniture("他只說希望能有一個兼顧包容的政府，並願意與各方談判（譯者：王小明/核稿：李大華）")
