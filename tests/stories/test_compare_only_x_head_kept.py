""""Only X names N" is not said of a piece of a long name (波罗的海 of 北欧波罗的海司) that its giver writes only inside
it, where another outlet writes a short form keeping the long name's head and a character of each of its words
(北波司 of 北欧|波罗的海|司) (session 70, onlyx70; issue 14 item 5). The other way (a claimed short form, 文旅局, against
the long name written, 文化旅游局) is read only with ``HEAD_KEPT_SHORT_FORMS``, off. Own examples, constructed."""

from __future__ import annotations

import pytest

import newsmirror.stories.compare as compare
from newsmirror.model import Article
from newsmirror.text.names import keeps_head_of_each_word
from tests.stories.fixtures import only_x_article as _article
from tests.stories.fixtures import only_x_claims as _only

pytestmark = pytest.mark.usefixtures("only_x_model_off")


def _report(outlet: str, department: str) -> Article:
    return _article(outlet, f"外交部{department}司长周三在记者会上宣布了新的合作规定，引起外界关注。")


def test_a_piece_of_a_long_name_against_its_short_form(monkeypatch: pytest.MonkeyPatch) -> None:
    reports = [_report("甲社", "北欧波罗的海司"), _report("乙报", "北波司")]
    assert "波罗的海" not in _only(reports, "甲社")
    monkeypatch.setattr(compare, "HEAD_KEPT_PIECES", False)
    assert "波罗的海" in _only(reports, "甲社")  # main's reading


def test_a_short_form_must_be_a_word_with_the_head() -> None:
    assert compare._short_form_kept_in("文化旅游局", "该市文旅局负责人周三宣布") is True
    assert compare._short_form_kept_in("文化旅游局", "该市文旅活动周三开始") is False  # no head: 局


def test_every_word_keeps_a_character() -> None:
    assert keeps_head_of_each_word("北波司", ["北欧", "波罗的海", "司"])
    assert keeps_head_of_each_word("美大司", ["北美", "大洋洲", "司"])  # 美, the second of a place's two characters
    assert keeps_head_of_each_word("安局", ["国家", "安全局"]) is False  # the first word kept by nothing
    assert keeps_head_of_each_word("国家局", ["国家", "安全", "局"]) is False  # 安全 left out whole
    assert keeps_head_of_each_word("北波", ["北欧", "波罗的海", "司"]) is False  # no head
    assert keeps_head_of_each_word("北欧司", ["北欧", "司"]) is False  # a stretch of the name itself


def test_a_claimed_short_form_against_the_long_name_only_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    reports = [_article("甲社", "该市文旅局负责人周三在记者会上宣布了新的管理规定，引起外界关注。"),
               _article("乙报", "该市文化旅游局负责人周三在记者会上宣布了新的管理规定，引起外界关注。")]
    assert "文旅局" in _only(reports, "甲社")  # off: 衛健委 against another city's 卫生健康委 is another body
    monkeypatch.setattr(compare, "HEAD_KEPT_SHORT_FORMS", True)
    assert "文旅局" not in _only(reports, "甲社")
    assert compare._long_name_kept_in("旗歌", "升起国旗及国歌的仪式") is False  # 及 joins two things
    assert compare._long_name_kept_in("文旅局", "该市文化旅游局负责人") is True
