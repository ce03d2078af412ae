""""Only X names N" is not said of (session 72, onlyx72; issue 14): a name where another outlet's unit of the same
fact writes exactly one name of its own, of the same kind, and each outlet writes nowhere the other's name
(``ONE_OTHER_NAME_EACH``: another name of one body, place or thing). The reader was refused by session 72's rule and
left off; session 73 (onlyx73) switched it on with every proper noun read (``EVERY_PROPER_NOUN``). Own examples,
constructed."""

from __future__ import annotations

import pytest

import newsmirror.stories.compare as compare
from tests.stories.fixtures import only_x_article as _article
from tests.stories.fixtures import only_x_claims as _only

_OWN = "{}在北部山区与邻国军队一道击退了一支武装分子，缴获大批武器弹药和三辆卡车。"
_OTHER = "周二凌晨，{}在北部山区击退武装分子，并与邻国军队一起缴获三辆卡车。"


pytestmark = pytest.mark.usefixtures("only_x_model_off")


@pytest.fixture
def _reader_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compare, "ONE_OTHER_NAME_EACH", True)


def test_the_reader_is_on_since_session_73(monkeypatch: pytest.MonkeyPatch) -> None:
    # refused alone in session 72; shipped in session 73 with its names read from every proper noun (onlyx73)
    reports = [_article("甲社", _OWN.format("国防军")), _article("乙报", _OTHER.format("国防委员会"))]
    assert compare.ONE_OTHER_NAME_EACH is True
    assert "国防军" not in _only(reports, "甲社")
    monkeypatch.setattr(compare, "ONE_OTHER_NAME_EACH", False)
    assert "国防军" in _only(reports, "甲社")  # the reading before session 73


@pytest.mark.usefixtures("_reader_on")
def test_two_bodies_one_each_in_one_fact_are_one_body(monkeypatch: pytest.MonkeyPatch) -> None:
    reports = [_article("甲社", _OWN.format("国防军")), _article("乙报", _OTHER.format("国防委员会"))]
    assert "国防军" not in _only(reports, "甲社")
    assert "国防委员会" not in _only(reports, "乙报")
    monkeypatch.setattr(compare, "ONE_OTHER_NAME_EACH", False)
    assert "国防军" in _only(reports, "甲社")  # main's reading
    assert "国防委员会" in _only(reports, "乙报")


@pytest.mark.usefixtures("_reader_on")
def test_an_outlet_writing_both_names_tells_them_apart() -> None:
    reports = [_article("甲社", _OWN.format("国防军") + "国防委员会周三另行开会。"),
               _article("乙报", _OTHER.format("国防委员会"))]
    assert "国防军" in _only(reports, "甲社")


@pytest.mark.usefixtures("_reader_on")
def test_names_of_two_kinds_are_not_read_as_one() -> None:
    # a body (nt) against a place (ns): not one referent
    reports = [_article("甲社", _OWN.format("国防军")), _article("乙报", _OTHER.format("大阪"))]
    assert "国防军" in _only(reports, "甲社")
    assert compare._name_kind("国防军") == "nt" and compare._name_kind("大阪") == "ns"
    assert compare._name_kind("武汉肺炎") is None  # two words to jieba: no kind


@pytest.mark.usefixtures("_reader_on")
def test_a_unit_with_two_names_the_other_lacks_says_nothing() -> None:
    reports = [_article("甲社", "国防军与国民军在北部山区一道击退了一支武装分子，缴获大批武器弹药和三辆卡车。"),
               _article("乙报", _OTHER.format("国防委员会"))]
    assert "国防军" in _only(reports, "甲社")


@pytest.mark.usefixtures("_reader_on")
def test_an_item_of_a_list_is_no_other_name(monkeypatch: pytest.MonkeyPatch) -> None:
    reports = [_article("甲社", "周二凌晨，国防军、邻国军队在北部山区击退武装分子，并一起缴获三辆卡车。"),
               _article("乙报", "周二凌晨，国防委员会同邻国军队在北部山区击退武装分子，并一起缴获三辆卡车。")]
    assert "国防军" in _only(reports, "甲社")
    assert compare._listed("二十国集团", "加强在聯合國、二十國集團、世贸组织等多边框架内的协调")
    assert not compare._listed("国防委员会", "决定是在国防委员会的建议下做出的")
    monkeypatch.setattr(compare, "_listed", lambda *_args: False)
    assert "国防军" not in _only(reports, "甲社")  # read as one body but for the list
