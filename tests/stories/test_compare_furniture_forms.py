"""Furniture known by its form (furn42): captions closing on a bracket, asides wholly in brackets, web addresses
with at most a label, photo lines (date, place, act), and clauses cut as if the opening dateline were not there."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsmirror.model import Article
from newsmirror.stories import codec
from newsmirror.stories.compare import _sentences, is_furniture
from newsmirror.stories.comparison import Comparison


def test_a_line_wholly_in_brackets_with_no_closing_mark_inside_is_furniture() -> None:
    assert is_furniture("（某国司法部起诉书截图）")
    assert is_furniture("(截图自某党发言人脸书)")
    assert is_furniture("（2020年10月28日）")
    assert is_furniture("（某县卫生局提供）")
    # a bracketed sentence of the report closes inside
    assert not is_furniture("（该法于2006年再次修改。）")


def test_a_caption_closing_on_its_source_in_brackets_is_furniture() -> None:
    assert is_furniture("某国外长与另一国防长2020年10月27日出席联合记者会后离席（某通讯社）")
    assert is_furniture("某国国家安全顾问王某某（Robert Example）（视频截图）")
    assert is_furniture("某型新式侦查吊舱（MS-110） （图片来自网络）")
    # a statement that lost its full stop before a credit run on, and a statement closed before its source
    assert not is_furniture("他只說希望能有一個兼顧包容的政府，並願意與各方談判（譯者：王小明/核稿：李大華）")
    assert not is_furniture("美元/人民币汇率周五升至6.5（路透社报道）。")


def test_a_web_address_with_at_most_a_label_is_furniture() -> None:
    assert is_furniture("（https://twitter.com/example_5）")
    assert is_furniture("https://www.youtube.com/embed/abcdefghijk?")
    assert is_furniture("某某新闻网：https://www.example.com/gb/nf1334917.htm")
    assert not is_furniture("他在推文中说，选举结果已经确定，并附上了选举委员会的网页https://www.example.com/results。")


def test_a_photo_line_of_date_place_and_act_is_furniture() -> None:
    assert is_furniture("2020年10月27日，印度新德里，某国外长与另一国防长出席联合记者会。")
    assert is_furniture("2020年7月21日，英国伦敦，某国外长访问期间讲话。")
    # a sentence of the report says what happened in its second clause
    assert not is_furniture("1962年11月20日，中国单方宣布停火，并撤至麦克马洪线后20公里处。")
    assert not is_furniture("2019年10月8日，央視體育頻道宣布，立即暫停NBA賽事轉播安排。")


def _article(body: str) -> Article:
    return Article(outlet="大纪元", title="t", original_url="https://example.com/a", body_text=body,
                   published_at=datetime(2020, 10, 28, tzinfo=UTC))


def test_a_short_opening_clause_after_a_dateline_is_not_shown_alone() -> None:
    body = ("【大纪元2020年10月29日讯】（大纪元记者某某报导）周三（10月28日），某国国务院指定一个受控制的团体为外国使团，"
            "并撤掉一项促进两国之间地方合作的协议。")
    shown = [s.ref.text for s in _sentences(_article(body), dateline_matched=True)]
    assert shown[0].startswith("周三（10月28日），某国国务院"), shown
    assert all(len(text) > len("周三（10月28日），") for text in shown)


def test_an_embedded_posts_credit_line_and_its_foreign_text_are_no_units() -> None:
    body = ("特朗普周五凌晨在推特上宣布，他和第一夫人的病毒检测呈阳性。\n\n"
            "Tonight, @FLOTUS and I tested positive for COVID-19. We will get through this TOGETHER!\n\n"
            "— Donald J. Trump (@realDonaldTrump) October 2, 2020\n\n"
            "美国之音中文网发推说，美国国务卿蓬佩奥将访问印度。\n\n"
            "— 美国之音中文网 (@VOAChinese) October 2, 2020\n\n"
            "白宫随后证实总统将前往医院接受治疗。")
    shown = [s.ref.text for s in _sentences(_article(body), dateline_matched=True)]
    assert not any("Trump" in text or "@" in text or "TOGETHER" in text for text in shown), shown
    # A post written in Chinese stays: the outlet quotes it, often as the news itself.
    assert "美国之音中文网发推说，美国国务卿蓬佩奥将访问印度。" in shown
    assert shown[0].startswith("特朗普周五凌晨") and shown[-1] == "白宫随后证实总统将前往医院接受治疗。"


def test_the_pages_note_on_itself_in_brackets_is_furniture() -> None:
    assert is_furniture("（本文稍后将有更新，敬请关注。）")
    assert is_furniture("（如果要了解这38家企业，请在本文后面附加的企业名单中查找。）")
    assert is_furniture("（本文仅代表作者个人观点。")  # its closing bracket cut off after the full stop
    assert not is_furniture("（他说本文件已经于2006年失效，不再适用。）")  # 本文件: a document of the report
    assert not is_furniture("（它于2006年再次修改，以适应新的形势。）")


def test_a_writers_bio_closing_a_report_is_no_unit() -> None:
    body = ("美国国务院周三宣布新规，限制某国执政党党员赴美旅行。\n\n"
            "新规将党员的旅游签证有效期缩短至一个月。\n\n"
            "Raymond Zhong是《纽约时报》科技记者。在2017年加入时报前，他在新德里为《华尔街日报》报道印度经济。"
            "欢迎在Twitter上关注他 @zhonggg。\n\n"
            "Choe Sang-Hun是《纽约时报》首尔分社社长，主要报道朝韩新闻。\n\n"
            "翻译：纽约时报中文网")
    shown = [s.ref.text for s in _sentences(_article(body), dateline_matched=True)]
    assert shown == ["美国国务院周三宣布新规，限制某国执政党党员赴美旅行。", "新规将党员的旅游签证有效期缩短至一个月。"], shown
    # Not far from the report's end, or naming a writer inside a statement: the report's own sentences.
    told = ("储百亮是《纽约时报》记者，他本周被要求离境。\n\n" + "\n\n".join(f"第{n}段说明了驱逐的后果和各方的反应。" for n in range(7)))
    assert [s.ref.text for s in _sentences(_article(told), dateline_matched=True)][0].startswith("储百亮是《纽约时报》记者")


def test_a_short_line_closing_on_a_quoted_word_is_a_heading() -> None:
    assert is_furniture("中国航运人员被查“身份”")  # a subheading
    assert is_furniture("欧中完成投资协定谈判 北京的承诺“史无前例”")  # a related article's title
    assert not is_furniture("他说：“我们不会接受这样的要求”")  # a speaker before a colon
    assert not is_furniture("外交部表示，这是“赤裸裸的霸权行径”")
    assert not is_furniture("“我们不会接受这样的无理要求。”")


def test_a_latin_line_closing_on_no_sentences_mark_is_furniture() -> None:
    assert is_furniture("U.S. Secretary of Health and Human Services")
    assert not is_furniture("President Lee's democratic legacy will forever propel the relationship forward.")


def test_the_units_of_a_pictures_caption_are_listed_and_stay_units() -> None:
    from newsmirror.model import Image
    from newsmirror.stories.compare import compare_story

    caption = "3月，纽约肯尼迪国际机场的入境检查区域。一项新政策限制了某些公民的停留时间。"
    first = Article(outlet="甲报", title="t", original_url="https://example.com/a",
                    body_text=caption + "\n\n美国国务院周三发布新规，限制某国执政党党员赴美旅行。\n\n新规即日生效，签证有效期为一个月。",
                    images=[Image(url="https://example.com/a.jpg", caption=caption)],
                    published_at=datetime(2020, 12, 3, tzinfo=UTC))
    second = Article(outlet="乙报", title="t", original_url="https://example.com/b",
                     body_text="美国国务院周三发布新规，限制某国执政党党员前往美国旅行。\n\n这项新规即日生效。",
                     published_at=datetime(2020, 12, 3, tzinfo=UTC))
    comparison = compare_story([first, second])
    units = {ref.index: ref.text for fact in comparison.facts() for ref in fact.sentences if ref.article_id == first.id}
    assert comparison.captions == {first.id: [0, 1]}
    assert units[0].startswith("3月") and units[2].startswith("美国国务院")


def test_a_tables_row_is_furniture() -> None:
    assert is_furniture("2020年7月 6月 5月 4月 3月 2月 1月 19年/12月 11月 10月 9月 8月 7月")
    assert is_furniture("制造业PMI 51.1 50.9 50.6 50.8 52.0")
    assert not is_furniture("美国 日本 德国三国外长周三在东京会面。")


def test_a_comparisons_caption_units_are_read_back_and_checked() -> None:
    """``Comparison.captions`` is what the summary leaves out of an outlet's lines: a stored comparison must give it
    back (``codec._cleaned`` rebuilds the comparison field by field, and dropping it there failed no test), and a
    received store's of other types is refused, as ``read_in_part`` is (review61)."""
    comparison = Comparison(story_id="s", outlets=["甲报", "乙社"], unique={"甲报": [], "乙社": []},
                            captions={"a1": [0, 3]})
    assert codec.decode(codec.encode(comparison)).captions == {"a1": [0, 3]}
    for received in ({"a1": [True]}, {"a1": ["0"]}, {"a1": 0}, [["a1", [0]]]):
        comparison.captions = received  # type: ignore[assignment]  # a received store's
        with pytest.raises(codec.UnreadableComparison):
            codec.decode(codec.encode(comparison))
