""""Only X names N" is not said of a place another outlet writes by its one-character short form in a run of such
short forms (港澳 for 澳门), nor of a name whose short form the dictionary gives inside a sense (大湾区 for 粤港澳大湾区)
(session 61, onlyx106; issue 14 item 5). Own examples, constructed."""

from __future__ import annotations

import pytest

import newsmirror.stories.compare as compare
import newsmirror.text.dictionary_glosses as dictionary_glosses
from newsmirror.text.dictionary_glosses import abbreviated_by, abbreviations, dictionary_forms
from tests.stories.fixtures import only_x_article as _article
from tests.stories.fixtures import only_x_claims as _only

pytestmark = pytest.mark.usefixtures("only_x_model_off")


def test_the_dictionary_gives_one_character_short_forms_of_places() -> None:
    assert set(abbreviations()["澳"]) == {"澳门", "澳大利亚"}  # "Macao (abbr. for 澳門)", "Australia (abbr. for ...)"
    assert "广东" in abbreviations()["粤"]  # "short name for Guangdong 廣東|广东"
    assert "北京" in abbreviations()["京"]  # "abbr. for Beijing": the Han name spelt so
    assert "湖北" in abbreviations()["鄂"]  # 湖北省 without its rank's word
    assert abbreviated_by("澳门") == ("澳",)


def test_a_place_another_outlet_writes_in_a_run_of_short_forms_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    giver = _article("甲报", "澳门新闻局周二表示，澳门特首贺一诚将于下周访问北京，与中央官员会面。")
    other = _article("乙社", "主管港澳事务的副总理周二表示，特首将于下周访问北京，与中央官员会面。")
    assert "澳门" not in _only([giver, other], "甲报")
    monkeypatch.setattr(compare, "ABBREVIATION_RUNS", False)
    assert "澳门" in _only([giver, other], "甲报")  # main's reading


def test_a_short_form_of_another_place_or_one_inside_a_word_names_nothing() -> None:
    giver = _article("甲报", "澳门新闻局周二表示，澳门特首贺一诚将于下周访问北京，与中央官员会面。")
    # 澳 of 中澳 is Australia where the outlet names Australia; 新台 of 新台币 is no run of places.
    australia = _article("乙社", "中澳关系紧张之际，澳洲总理周二表示，特首将于下周访问北京，与中央官员会面。")
    assert "澳门" in _only([giver, australia], "甲报")
    assert not compare._abbreviation_run_in("新加坡", "他用新台币支付了全部费用")
    assert not compare._abbreviation_run_in("法国", "这种做法是非法的")  # 非法: a common word of two short forms
    # 巴西 is Brazil, not 巴 (Pakistan) and 西 (Spain): the dictionary's entry of the word names neither.
    assert not compare._abbreviation_run_in("巴基斯坦", "疫苗目前在巴西进行第三阶段试验")
    assert compare._abbreviation_run_in("河北", "京津冀协同发展")
    assert compare._abbreviation_run_in("澳门", "中港澳三地")


def test_a_short_form_the_dictionary_gives_inside_a_sense_is_another_form(monkeypatch: pytest.MonkeyPatch) -> None:
    # "Greater Bay Area, ... (abbr. for 粵港澳大灣區|粤港澳大湾区)": the pointer follows the English name.
    assert "大湾区" in dictionary_forms("粤港澳大湾区")
    assert "世界银行" in dictionary_forms("世银")
    assert "南京" not in dictionary_forms("江苏")  # "abbr. 蘇|苏, capital Nanjing 南京": the capital is no form
    # "港珠澳: Hong Kong, Zhuhai and Macau (abbr. for 香港 + 珠海 + 澳門)": the run names each place, no place the run.
    assert "港珠澳" in dictionary_forms("澳门")
    assert "香港" not in dictionary_forms("港珠澳")
    monkeypatch.setattr(dictionary_glosses, "INNER_POINTERS", False)
    dictionary_forms.cache_clear()
    try:
        assert "大湾区" not in dictionary_forms("粤港澳大湾区")  # main's forms
    finally:
        monkeypatch.undo()
        dictionary_forms.cache_clear()


def test_a_piece_of_a_name_whose_short_form_another_outlet_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    giver = _article("甲报", "她周二说，两地的科技企业可以在粤港澳大湾区设立研发中心并共享人才。")
    other = _article("乙社", "她周二说，两地的科技企业可以在大湾区设立研发中心并共享人才。")
    assert "粤港澳" not in _only([giver, other], "甲报")
    monkeypatch.setattr(dictionary_glosses, "INNER_POINTERS", False)
    dictionary_forms.cache_clear()
    try:
        assert "粤港澳" in _only([giver, other], "甲报")  # main's reading
    finally:
        monkeypatch.undo()
        dictionary_forms.cache_clear()


def test_one_reading_of_where_the_cut_begins_and_ends_words_serves_both_checks() -> None:
    """``_word_edges``: whether a word of jieba's cut begins at a place and whether one ends at another, read by the
    short-form runs (both edges: 港澳 of 港澳|事务, not 新台 of 新台币) and by the homophone of a glossed name (a word
    begins with it: 赛伯|隆说)."""
    text = "主管港澳事务的副总理"
    start = text.index("港澳")
    assert compare._word_edges(text, start, start + 2) == (True, True)
    money = "新台币贬值"
    assert compare._word_edges(money, 0, 2) == (True, False)  # 新台币 begins there and runs on past 台
    said = "发言人赛伯隆说，"
    at = said.index("赛伯隆")
    assert compare._word_edges(said, at, at + 3)[0]
    assert compare._homophone_begun_in("赛博隆", said)
