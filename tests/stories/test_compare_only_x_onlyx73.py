""""Only X names N" is not said of a name where another outlet's unit of the same fact names the referent by a name
too common to be a detail (session 73, onlyx73; issue 14): onlyx72's reader of another name (``ONE_OTHER_NAME_EACH``)
reads each unit's names from every proper noun, whatever its idf (``EVERY_PROPER_NOUN``). Own examples, constructed."""

from __future__ import annotations

import pytest

import newsmirror.stories.compare as compare
from tests.stories.fixtures import only_x_article as _article
from tests.stories.fixtures import only_x_claims as _only

_OWN = "{}在北部山区与邻国军队一道击退了一支武装分子，缴获大批武器弹药和三辆卡车。"
_OTHER = "周二凌晨，{}在北部山区击退武装分子，并与邻国军队一起缴获三辆卡车。"


pytestmark = pytest.mark.usefixtures("only_x_model_off")


def test_a_common_name_in_the_other_unit_is_another_name_of_the_detail(monkeypatch: pytest.MonkeyPatch) -> None:
    # 国务院 (idf below DETAIL_IDF) is never a detail; read as a name, it is 乙报's name of the body 甲社 names
    assert compare.idf("国务院") < compare.DETAIL_IDF <= compare.idf("国防委员会")
    reports = [_article("甲社", _OWN.format("国防委员会")), _article("乙报", _OTHER.format("国务院"))]
    assert "国防委员会" not in _only(reports, "甲社")
    monkeypatch.setattr(compare, "EVERY_PROPER_NOUN", False)  # onlyx72's reader: detail names alone
    assert "国防委员会" in _only(reports, "甲社")
    monkeypatch.setattr(compare, "EVERY_PROPER_NOUN", True)
    monkeypatch.setattr(compare, "ONE_OTHER_NAME_EACH", False)  # main's reading before this session
    assert "国防委员会" in _only(reports, "甲社")


def test_a_common_name_both_outlets_write_is_no_other_name() -> None:
    # 甲社 writes 国务院 elsewhere: two bodies to it, the claim on its unit stands as before
    reports = [_article("甲社", _OWN.format("国防委员会") + "国务院周三另行开会。"),
               _article("乙报", _OTHER.format("国务院"))]
    assert "国防委员会" in _only(reports, "甲社")


def test_a_second_common_name_in_the_other_unit_says_nothing() -> None:
    reports = [_article("甲社", _OWN.format("国防委员会")),
               _article("乙报", "周二凌晨，国务院与欧盟在北部山区击退武装分子，并与邻国军队一起缴获三辆卡车。")]
    assert "国防委员会" in _only(reports, "甲社")


def test_a_common_name_of_another_kind_is_no_other_name() -> None:
    assert compare._name_kind("中国") == "ns"
    reports = [_article("甲社", _OWN.format("国防委员会")), _article("乙报", _OTHER.format("中国"))]
    assert "国防委员会" in _only(reports, "甲社")
