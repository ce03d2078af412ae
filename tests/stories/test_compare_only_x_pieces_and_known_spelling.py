""""Only X names N" is not said of a piece of a whole name written as a run of glossed names (大不列颠|及|北爱尔兰|联合王国)
where another outlet writes a word whose English name by the dictionary holds every piece's (英国, "United Kingdom of
Great Britain and Northern Ireland"), nor of a Latin original glossed onto a Han name (辛赫（Ravi Singh）) where another
outlet's sentence of the same fact writes a form jieba's dictionary knows as a name (辛格) that the transducer reads both
as the Latin name and as the giver's Han form (session 67, onlyx113; issue 14 item 5). Own sentences, constructed; the
persons are made up."""

from __future__ import annotations

import pytest

import newsmirror.stories.compare as compare
from tests.stories.fixtures import only_x_article as _article
from tests.stories.fixtures import only_x_claims as _only

pytestmark = pytest.mark.usefixtures("only_x_model_off")


def _pair() -> list:
    giver = _article("甲报", "大不列颠及北爱尔兰联合王国驻某国大使周二召见该国官员，就渔船扣押事件提出交涉。")
    other = _article("乙社", "英国驻某国大使周二召见该国官员，就渔船扣押事件提出交涉。")
    return [giver, other]


def test_pieces_of_a_whole_name_the_other_writes_short(monkeypatch: pytest.MonkeyPatch) -> None:
    claimed = _only(_pair(), "甲报")
    assert not {"大不列颠", "北爱尔兰", "联合王国"} & set(claimed)
    monkeypatch.setattr(compare, "PIECES_OF_GLOSSED_WHOLE", False)
    assert {"大不列颠", "北爱尔兰", "联合王国"} & set(_only(_pair(), "甲报"))  # main's reading


def test_the_run_needs_two_glossed_pieces_and_one_word_holding_all() -> None:
    run = compare._glossed_run_around("北爱尔兰", "大不列颠及北爱尔兰联合王国驻某国大使")
    assert run is not None and run[0] == "大不列颠及北爱尔兰联合王国" and len(run[1]) == 3
    assert compare._glossed_run_around("北爱尔兰", "北爱尔兰议会周二开会") is None  # one piece: no whole
    assert compare._whole_glossed_in(run[1], {"英国", "大使"}) is True
    assert compare._whole_glossed_in(run[1], {"爱尔兰", "大使"}) is False  # no word's English name holds every piece


def test_a_latin_original_spelt_otherwise_in_the_fact(monkeypatch: pytest.MonkeyPatch) -> None:
    giver = _article("甲台", "印度内政部长辛赫（Ravi Singh）周一表示，边境部队已进入最高戒备状态。")
    other = _article("乙报", "印度内政部长辛格周一表示，边境部队已进入最高戒备状态。")
    assert "Ravi Singh" not in _only([giver, other], "甲台")
    monkeypatch.setattr(compare, "GLOSSED_KNOWN_SPELLING", False)
    assert "Ravi Singh" in _only([giver, other], "甲台")  # main's reading


def test_the_known_spelling_must_be_in_the_same_fact() -> None:
    giver = _article("甲台", "印度内政部长辛赫（Ravi Singh）周一表示，边境部队已进入最高戒备状态。")
    other = _article("乙报", "印度内政部长周一表示，边境部队已进入最高戒备状态。歌手辛格周末将在孟买举行演唱会。")
    assert "Ravi Singh" in _only([giver, other], "甲台")
