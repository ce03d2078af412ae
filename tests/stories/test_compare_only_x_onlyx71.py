""""Only X names N" is not said of (session 71, onlyx71; issue 14): a Latin name glossed after an enterprise's Han name
where another outlet writes its trade name alone and CC-CEDICT glosses that word with the Latin name's first word
(``GLOSSED_TRADE_NAME``); a long name another outlet writes by a short form CC-CEDICT
points at it that is a common word too (``POINTED_COMMON_SHORT_FORMS``). Own examples, constructed."""

from __future__ import annotations

import pytest

import newsmirror.stories.compare as compare
from newsmirror.text.dictionary_glosses import pointed_short_forms
from tests.stories.fixtures import only_x_article as _article
from tests.stories.fixtures import only_x_claims as _only

pytestmark = pytest.mark.usefixtures("only_x_model_off")


def test_a_glossed_enterprise_against_its_trade_name_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    # jieba cuts 大和 apart (大|和), so no other reader finds the trade name (丰田, kept whole, is found without this one)
    reports = [_article("甲社", "据报道，大和证券（Daiwa Securities Group）周三宣布在北方工厂裁减三千名员工，引起外界关注。"),
               _article("乙报", "据报道，大和周三宣布在北方工厂裁减三千名员工，引起外界关注。")]
    assert "Daiwa Securities Group" not in _only(reports, "甲社")
    monkeypatch.setattr(compare, "GLOSSED_TRADE_NAME", False)
    assert "Daiwa Securities Group" in _only(reports, "甲社")  # main's reading


def test_a_trade_name_is_no_place_nor_a_piece_of_a_word() -> None:
    assert compare._dictionary_trade_names("车企丰田汽车", "Toyota Motor Corporation") == ["丰田"]
    assert compare._dictionary_trade_names("日本航空", "Japan Airlines") == []  # 日本 is a place
    assert compare._dictionary_trade_names("丰田汽车", "Honda Motor") == []  # the dictionary's English differs
    assert compare._trade_name_alone_in("丰田", "车企丰田周三宣布") is True
    assert compare._trade_name_alone_in("大和", "要扩大和加强合作") is False  # 扩大 runs across its edge


def test_a_long_name_against_a_short_form_the_dictionary_points_at(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "央行" in pointed_short_forms("中国人民银行") and "故宫" in pointed_short_forms("故宫博物院")
    reports = [_article("甲社", "故宫博物院周二宣布，明年春天将展出一批修复完成的清代钟表，观众须提前预约。"),
               _article("乙报", "故宫周二宣布，明年春天展出一批刚刚修复的清代钟表，参观须提前预约。")]
    assert "故宫博物院" not in _only(reports, "甲社")
    monkeypatch.setattr(compare, "POINTED_COMMON_SHORT_FORMS", False)
    assert "故宫博物院" in _only(reports, "甲社")  # main's reading
