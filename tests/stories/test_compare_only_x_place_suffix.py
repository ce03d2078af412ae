""""Only X names N" is not said of a place named with its administrative suffix (孝感市) where another outlet writes it
without (湖北孝感) (session 64, onlyx110; issue 14 item 5). Own examples, constructed."""

from __future__ import annotations

import pytest

import newsmirror.stories.compare as compare
from tests.stories.fixtures import only_x_article as _article
from tests.stories.fixtures import only_x_claims as _only

pytestmark = pytest.mark.usefixtures("only_x_model_off")


_GIVER = _article("甲社", "這家公司週三宣布，將在湖北省孝感市興建一座物流園區，預計明年投入使用。")


def test_a_place_written_without_its_suffix(monkeypatch: pytest.MonkeyPatch) -> None:
    other = _article("乙报", "这家公司周三宣布，将在中国湖北孝感兴建一座物流园区，预计明年投入使用。")
    assert "孝感市" not in _only([_GIVER, other], "甲社")
    monkeypatch.setattr(compare, "PLACE_WITHOUT_SUFFIX", False)
    assert "孝感市" in _only([_GIVER, other], "甲社")  # main's reading


def test_another_level_or_a_longer_word_is_no_evidence() -> None:
    county = _article("乙报", "这家公司周三宣布，将在中国湖北孝感县兴建一座物流园区，预计明年投入使用。")
    assert "孝感市" in _only([_GIVER, county], "甲社")
    assert compare._place_without_suffix_in("孝感市", "将在中国湖北孝感县兴建") is False
    assert compare._place_without_suffix_in("南京市", "他们在上海南京路开了一家店") is False
    assert compare._place_without_suffix_in("纽约州", "他们在纽约开了一家店") is False  # 州: the state is not the city
    assert compare._place_without_suffix_in("孝感市", "将在中国湖北孝感兴建") is True
