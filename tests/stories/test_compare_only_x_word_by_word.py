""""Only X names N" is not said of a Latin name another outlet translates word by word, each word by CC-CEDICT's
senses or by its sound (福克斯商业频道 for Fox Business Network, 东盟峰会 for ASEAN Summit) (session 62, onlyx107;
issue 14 item 5). Own examples, constructed."""

from __future__ import annotations

import pytest

import newsmirror.stories.compare as compare
from newsmirror.text.dictionary_glosses import translations
from newsmirror.text.normalize import normalize
from newsmirror.text.word_by_word import reads_word_by_word
from tests.stories.fixtures import only_x_article as _article
from tests.stories.fixtures import only_x_claims as _only

pytestmark = pytest.mark.usefixtures("only_x_model_off")


def _reads(name: str, text: str) -> bool:
    return reads_word_by_word(name, normalize(text))


def test_the_dictionary_translates_words_by_short_senses() -> None:
    assert "商业" in translations("business")  # "business/trade/commerce"
    assert "峰会" in translations("summit")  # "summit meeting": each word and the pair
    assert "武装部队" in translations("armed forces")
    assert "新闻" in translations("news") and "新" not in translations("news")  # news is no plural of new
    assert "部队" in translations("forces")  # a plural read as its singular where no sense has it


def test_a_latin_name_translated_word_by_word_is_read() -> None:
    assert _reads("ASEAN Summit", "东盟峰会周日在河内以视频方式举行")
    assert _reads("Fox Business Network", "他接受美国福克斯商业频道访问时说")  # the head translated loosely
    assert _reads("Fox Business Network", "他接受福斯商业新闻访问时说")  # Fox by its sound
    assert _reads("National Security Council", "国家安全委员会周五开会")  # every word read, none a name


def test_a_name_read_in_part_or_out_of_order_is_not() -> None:
    assert not _reads("ASEAN Summit", "东盟外长会议周日举行")  # a name of two words is read whole
    assert not _reads("Fox Business Network", "他接受福克斯新闻访问时说")  # Fox News, another channel
    assert not _reads("National Security Agency", "国家安全委员会周五开会")  # the head unread, and no word a name's
    assert not _reads("Business Network Fox", "他接受福克斯商业频道访问时说")
    assert not _reads("Fox Business Network", "他接受商业频道访问时说")


def test_only_x_is_not_said_of_a_latin_name_another_outlet_translates(monkeypatch: pytest.MonkeyPatch) -> None:
    giver = _article("甲社", "商务部长周五接受福斯财经新闻网（Fox Business Network）访问时说，实体清单将扩大到更多企业。")
    other = _article("乙报", "商务部长周五接受美国福克斯商业频道访问时说，实体清单将扩大到更多企业。")
    assert "Fox Business Network" not in _only([giver, other], "甲社")
    monkeypatch.setattr(compare, "LATIN_WORD_BY_WORD", False)
    assert "Fox Business Network" in _only([giver, other], "甲社")  # main's reading


def test_a_piece_of_a_body_named_by_its_initials_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    giver = _article("甲台", "纽约证交所和摩根士丹利资本国际(MSCI)等指数提供商周三已将这些中国公司从基准指数中剔除。")
    other = _article("乙报", "纽约证券交易所和明晟（MSCI）等指数供应商周三已将这些中国公司从基准指数中剔除。")
    assert "摩根士丹利" not in _only([giver, other], "甲台")
    monkeypatch.setattr(compare, "PIECE_OF_INITIALLED", False)
    assert "摩根士丹利" in _only([giver, other], "甲台")  # main's reading


def test_a_piece_the_giver_also_writes_alone_is_still_its_own() -> None:
    giver = _article("甲台", "纽约证交所和摩根士丹利资本国际(MSCI)等指数提供商周三已将这些中国公司从基准指数中剔除。"
                             "\n\n摩根士丹利的分析师认为，这对市场的影响有限。")
    other = _article("乙报", "纽约证券交易所和明晟（MSCI）等指数供应商周三已将这些中国公司从基准指数中剔除。")
    assert "摩根士丹利" in _only([giver, other], "甲台")


def test_initials_written_in_full_width_letters_are_read() -> None:
    """Review of session 62 (review63): the initials' pattern read only ASCII capitals, so 美国在台协会（ＡＩＴ）, as the
    archive's Taiwanese and Hong Kong outlets write it, left the piece to its givers."""
    giver = _article("甲台", "纽约证交所和摩根士丹利资本国际（ＭＳＣＩ）等指数提供商周三已将这些中国公司从基准指数中剔除。")
    other = _article("乙报", "纽约证券交易所和明晟（MSCI）等指数供应商周三已将这些中国公司从基准指数中剔除。")
    assert "摩根士丹利" not in _only([giver, other], "甲台")
