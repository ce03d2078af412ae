""""Only X names N" is not said of a person's whole name (习近平) where another outlet writes the surname alone as that
person's short form: in a meeting's name beside another named person's first character (马习会, 联合早报 naming 马英九)
(session 65, onlyx111; issue 14 item 5). Own examples, constructed."""

from __future__ import annotations

import pytest

import newsmirror.stories.compare as compare
from tests.stories.fixtures import only_x_article as _article
from tests.stories.fixtures import only_x_claims as _only

pytestmark = pytest.mark.usefixtures("only_x_model_off")


_GIVER = _article("甲社", "民进党发言人颜若芳说，甚至在两岸会面时面对中国国家主席习近平，马英九政府只剩下一中而没有各表。")


def test_a_meeting_named_by_the_two_surnames(monkeypatch: pytest.MonkeyPatch) -> None:
    other = _article("乙报", "民进党发言人颜若芳则表示，反观马英九执政时的“马习会”，让一中各表只剩下一中而没有各表。")
    assert "习近平" not in _only([_GIVER, other], "甲社")
    monkeypatch.setattr(compare, "SURNAME_SHORT_FORMS", False)
    assert "习近平" in _only([_GIVER, other], "甲社")  # main's reading


def test_no_evidence_where_the_characters_read_otherwise() -> None:
    # The meeting's other character no named person's, or another person of the same first character named.
    assert compare._meeting_short_form_in("习近平", "反观执政时的“马习会”，让一中", ["颜若芳"]) is False
    assert compare._meeting_short_form_in("习近平", "反观执政时的学习会，让一中", ["马英九"]) is False
    assert compare._meeting_short_form_in("习近平", "反观马英九执政时的马习会，让一中", ["马英九", "马习"]) is True
    assert compare._meeting_short_form_in("习近平", "反观马英九执政时的习马会，让一中", ["马英九"]) is True
    # 马云会 is 马云 and 会 ("will") where 马云 is written elsewhere too: no meeting.
    assert compare._meeting_short_form_in("云天明", "马云说，马云会去", ["马云"]) is False
    assert compare._meeting_short_form_in("马歇尔", "2015年习马会之后", ["习近平", "马英九"]) is False
    # The pair a word (罗马), 会 beginning one (会见, 会面), the character and 会 one (大会).
    assert compare._meeting_short_form_in("马克龙", "罗冠聪赶往罗马会见意大利外长", ["罗冠聪"]) is False
    assert compare._meeting_short_form_in("马克龙", "迪马尤会面", ["迪马尤"]) is False
    assert compare._meeting_short_form_in("大卫", "民主党全国代表大会", ["表哥"]) is False
    assert compare._full_person_name("中共军队") is False


def test_three_characters_partly_inside_a_name_are_no_meeting() -> None:
    # review66 (constructed; the two kinds seen on tuning texts of 2020-11-25): 蓬佩奥会在 is "Pompeo will", not a
    # meeting of 佩 and 奥 (奥巴马 named); 儿子刘会明 holds 子刘会 inside the name 刘会明, no meeting of 子 and 刘.
    meeting, normalize = compare._meeting_short_form_in, compare.normalize
    assert not meeting("佩林", normalize("奥巴马说，蓬佩奥会在下周访问以色列。"), ["奥巴马", "蓬佩奥"])
    assert not meeting("子华", normalize("董事长的儿子刘会明到场，刘会明表示。"), ["刘会明"])
    # A meeting's name beside a name stays one, and a name inside the three (jieba's 马习) does not hide it.
    assert meeting("习近平", normalize("反观马英九执政时的“马习会”，"), ["马英九", "马习"])
    assert meeting("陈水扁", normalize("马英九称，刘会华出席，陈刘会后离开。"), ["马英九", "刘会华"])
