""""Only X names N" is not said of a body's short form made of one character of each word of its long name, the first
word (a place) kept by its second character (北高行, where another outlet writes 台北高等行政法院 whole), nor of a company's Latin
name glossed after its trade name and an industry word (大立光电（Largan Precision）) where another outlet writes the
trade name running on into the industry word, with a legal form (大立光公司), nor of a name an outlet's own statement gives as
another of one bearer's names (原名李大海，笔名李青山、“小飞侠”) where another outlet writes one of the others
(session 66, onlyx112; issue 14 item 5). Own sentences, constructed; the persons are made up."""

from __future__ import annotations

import pytest

import newsmirror.stories.compare as compare
from tests.stories.fixtures import only_x_article as _article
from tests.stories.fixtures import only_x_claims as _only

pytestmark = pytest.mark.usefixtures("only_x_model_off")


def test_a_short_form_of_one_character_per_word(monkeypatch: pytest.MonkeyPatch) -> None:
    giver = _article("甲社", "某电视公司不服主管机关的处分，北高行今天裁定驳回该公司的停止执行声请。")
    other = _article("乙报", "某电视公司不服主管机关的处分，台北高等行政法院今天裁定驳回该公司的停止执行声请。")
    assert "北高行" not in _only([giver, other], "甲社")
    monkeypatch.setattr(compare, "SHORT_FORM_WORD_BY_WORD", False)
    assert "北高行" in _only([giver, other], "甲社")  # main's reading


def test_word_by_word_needs_one_word_per_character() -> None:
    assert compare._long_name_word_by_word_in("北检", "民众向台北地检署告发") is True
    assert compare._long_name_word_by_word_in("北高行", "公司不服，向台北高等行政法院递诉状") is True
    # The first word not whole at the short form's first character, or a later word a place: no long name.
    assert compare._long_name_word_by_word_in("北检", "民众向北地检署告发") is False
    assert compare._long_name_word_by_word_in("北海行", "台北上海行政区") is False
    # The short form's last character not in the word after the first: no long name (台北|市议会 holds no 检).
    assert compare._long_name_word_by_word_in("北检", "民众向台北市议会检举") is False


def test_a_trade_name_running_on_into_the_industry_word(monkeypatch: pytest.MonkeyPatch) -> None:
    giver = _article("甲报", "镜头制造商大立光电（Largan Precision）周三公布的季度营收较上季减少一成。")
    other = _article("乙社", "大立光公司周三公布的季度营收较上季减少一成，法人看淡后市。")
    assert "Largan Precision" not in _only([giver, other], "甲报")
    monkeypatch.setattr(compare, "TRADE_NAME_RUN_ON", False)
    assert "Largan Precision" in _only([giver, other], "甲报")  # main's reading


def test_run_on_needs_a_legal_form() -> None:
    assert compare._trade_name_in("大立光电", "图为大立光公司外观。") is True
    assert compare._trade_name_in("大立光电", "大立光受到订单冲击。") is False


def test_names_an_outlet_states_as_one_bearers(monkeypatch: pytest.MonkeyPatch) -> None:
    giver = _article("甲网", "作家李青山，原名李大海，笔名李青山、“小飞侠”，近日在家中被警方带走。")
    other = _article("乙台", "作家李青山近日在家中被警方带走，其家人至今未获通知。")
    assert "小飞侠" not in _only([giver, other], "甲网")
    monkeypatch.setattr(compare, "NAME_STATEMENTS", False)
    assert "小飞侠" in _only([giver, other], "甲网")  # main's reading


def test_stated_names_need_a_row_of_two_names() -> None:
    assert compare._stated_names("李青山，原名李大海，笔名李青山、“小飞侠”，近日") == [("李大海", "李青山", "小飞侠")]
    assert compare._stated_names("诗人李青山（本名李大海）和他的妻子") == []  # one name: whose, the bracket reading says
    assert compare._stated_names("原名李大海的李青山是作家") == []  # no clause mark after the name
    assert compare._stated_names("香港国安法（下称国安法）") == []
