""""Only X names N" neither lists a compound of common words jieba's dictionary tags as a name nor misses a people
named by the dictionary's other form (session 60, onlyx98; issue 14 item 5). Own examples, constructed. (onlyx98's
people-by-dictionary form, refused by its rule and shipped off, was removed in session 61, polish82: dead code.)"""

from __future__ import annotations

import pytest

import newsmirror.stories.compare as compare
import newsmirror.text.names as names
from newsmirror.text.names import is_name_detail as _is_name_detail
from newsmirror.text.normalize import normalize
from tests.stories.fixtures import only_x_article as _article
from tests.stories.fixtures import only_x_claims as _only


def is_name_detail(word: str, sentence: str) -> bool:
    return _is_name_detail(word, normalize(sentence))


pytestmark = pytest.mark.usefixtures("only_x_model_off")


def test_a_term_of_jiebas_tagged_text_that_cc_cedict_lacks_is_no_name(monkeypatch: pytest.MonkeyPatch) -> None:
    sentence = "一架反潜巡逻机周三在海峡上空飞行了两个小时"
    assert not is_name_detail("反潜巡逻机", sentence)
    assert not is_name_detail("无线电报", "船长用无线电报通知了岸上的港口")
    monkeypatch.setattr(names, "COMMON_TERMS", False)
    assert is_name_detail("反潜巡逻机", sentence)  # main's reading


def test_a_title_from_jiebas_bulk_list_or_a_named_term_stays_a_name() -> None:
    assert is_name_detail("苹果日报", "据苹果日报周三报道，该市将放宽防疫措施")  # nz of the bulk list: a paper's name
    # The sentence glosses the word with a Latin name: the text uses it as a name.
    assert is_name_detail("反潜巡逻机", "一架反潜巡逻机（Sea Hunter）周三在海峡上空飞行")


def test_a_generic_head_from_jiebas_bulk_list_that_cc_cedict_lacks_is_no_name(monkeypatch: pytest.MonkeyPatch) -> None:
    sentence = "她是邮电大学通信工程专业的学生"
    assert not is_name_detail("邮电大学", sentence)
    assert not is_name_detail("中级法院", "该案已移交当地中级法院审理，日期未定")
    assert not is_name_detail("秘密组织", "警方称他们组建了一个秘密组织并招募成员")
    monkeypatch.setattr(names, "GENERIC_BODIES", False)
    assert is_name_detail("邮电大学", sentence)  # main's reading


def test_a_body_cc_cedict_holds_or_a_name_qualifies_stays_a_name() -> None:
    assert is_name_detail("南华早报", "据南华早报周三报道，该市将放宽防疫措施")  # bulk-list nt that CC-CEDICT holds
    assert is_name_detail("中共军队", "中共军队周三在海峡附近举行演习")  # its cut begins with CC-CEDICT's 中共
    assert is_name_detail("浪潮集团", "浪潮集团的负责人周三表示，此事仍在调查")  # an enterprise with its legal form
    assert is_name_detail("国家卫生研究院", "国家卫生研究院的负责人周三表示，此事仍在调查")  # three words: specific


def test_a_people_another_outlet_names_by_the_dictionarys_other_form_is_a_known_false_claim() -> None:
    """Known and documented (docs/stories.md section 4): no table links 吉尔吉斯 and 柯尔克孜族, so the form tests
    let the claim through (the confidence model, off here, is left to withhold it). onlyx98's dictionary form for
    it, refused by its rule (1 claim of the tuning samples, under 3) and shipped off, was dead code: removed."""
    assert not hasattr(compare, "PEOPLE_BY_DICTIONARY") and not hasattr(compare, "_people_by_dictionary")
    giver = _article("甲报", "决议说，当局对维吾尔、哈萨克和吉尔吉斯等少数族裔的打压必须停止。")
    other = _article("乙社", "决议指出，当局对维吾尔族、哈萨克族和柯尔克孜族等少数民族的打压必须停止。")
    assert "吉尔吉斯" in _only([giver, other], "甲报")


def test_a_two_character_place_cc_cedict_lacks_is_no_name_unless_transliterated(monkeypatch: pytest.MonkeyPatch) -> None:
    sentence = "新旧总统交接之际，双方代表周三会面"
    assert not is_name_detail("新旧", sentence)
    assert is_name_detail("斐济", "斐济总理周三表示将加强合作")  # CC-CEDICT holds it
    monkeypatch.setattr(names, "SHORT_PLACES_HELD", False)
    assert is_name_detail("新旧", sentence)  # main's reading
