"""The meeting reading (``SURNAME_SHORT_FORMS``): review66's findings 13 and 14 (mend114). Own examples, constructed.

13: the guard reading 会 as "will" before a word (马云会成为) asked whether the two characters after 会 are a word even
where 会 itself begins one (会面, 会上), so 马习会面对 and 马习会上表示 read as no meeting.
14: a one-character short form in a meeting's name (特金会's 金) stands for the story's most written person of that
character: where a story names 金正恩 and 金永南, 特金会 names 金正恩 only (review66 probed 金与正 and 金永南)."""

from __future__ import annotations

import pytest

import newsmirror.stories.compare as compare
from tests.stories.fixtures import only_x_article as _article
from tests.stories.fixtures import only_x_claims as _only

pytestmark = pytest.mark.usefixtures("only_x_model_off")


def _meeting(name: str, text: str, nouns: list[str]) -> bool:
    return compare._meeting_short_form_in(name, compare.normalize(text), nouns)


def test_a_meeting_whose_meeting_word_begins_a_word_is_read() -> None:
    # 会面 and 会上 are words: the two characters after 会 (面对, 上表) are not asked.
    assert _meeting("习近平", "马英九说，他在马习会面对台湾问题时坚持九二共识。", ["马英九"])
    assert _meeting("习近平", "马英九说，他在马习会上表示坚持九二共识。", ["马英九"])
    # 会 and the next no word (会成): the word after it (成为) still reads 会 as "will", no meeting.
    assert not _meeting("习近平", "马英九说，他相信老马习会成为好朋友。", ["马英九"])


def test_only_x_withheld_where_the_receiver_writes_the_meeting_before_a_word(monkeypatch: pytest.MonkeyPatch) -> None:
    giver = _article("甲社", "民进党发言人颜若芳说，甚至在两岸会面时面对中国国家主席习近平，马英九政府只剩下一中而没有各表。")
    other = _article("乙报", "民进党发言人颜若芳则表示，反观马英九在马习会上表示的，让一中各表只剩下一中而没有各表。")
    assert "习近平" not in _only([giver, other], "甲社")
    monkeypatch.setattr(compare, "SURNAME_SHORT_FORMS", False)
    assert "习近平" in _only([giver, other], "甲社")


def test_the_short_form_stands_for_the_most_written_person_of_its_character() -> None:
    giver = _article("甲社", "朝鲜官员金永南周二发表谈话，批评美国总统特朗普。金正恩表示愿意无核化，金正恩同时警告美方。")
    other = _article("乙报", "朝鲜官员周二发表谈话，批评美国总统特朗普。第二次特金会的筹备仍在进行，朝方表示愿意无核化。")
    claims = _only([giver, other], "甲社")
    assert "金正恩" not in claims  # 特金会 names him
    assert "金永南" in claims  # and not another 金 the story names less
    texts, nouns = {"甲社": "金正恩，金正恩，金与正"}, {"甲社": {"金正恩", "金与正"}}
    assert compare._most_written_of_first("金正恩", texts, nouns)
    assert not compare._most_written_of_first("金与正", texts, nouns)
    # A name inside another (金正 of 金正恩) is no other person.
    assert compare._most_written_of_first("金正恩", {"甲社": "金正恩，金正"}, {"甲社": {"金正恩", "金正"}})
