""""Only X names N" is not said where another outlet names N in a form normalizing or the glosses' reading blurred
(session 59, onlyx97; issue 14 item 5): a name dot put elsewhere, a Latin name with particles, the first word of a
Latin name glossed alone, a person by surname only, a body's name widened. Own examples, constructed."""

from __future__ import annotations

from typing import Any

import pytest

import newsmirror.stories.compare as compare
from newsmirror.stories.compare import compare_story
from tests.stories.fixtures import only_x_article as _article
from tests.stories.fixtures import only_x_claims as _only

pytestmark = pytest.mark.usefixtures("only_x_model_off")


def test_a_name_written_with_its_name_dot_elsewhere_is_the_same_name(monkeypatch: pytest.MonkeyPatch) -> None:
    giver = _article("甲报", "根據全國防疫主管機關羅伯特．科赫研究所（Robert Koch Institute）統計，德國13日一天新增16362起確診病例。")
    dotted = _article("乙社", "根据罗伯特科·赫研究所发布的数据，德国13日新增16362例确诊病例，疫情依旧十分严峻。")
    assert "Robert Koch Institute" not in _only([giver, dotted], "甲报")
    other = _article("乙社", "根据柏林夏里特医院发布的数据，德国13日新增16362例确诊病例，疫情依旧十分严峻。")
    assert "Robert Koch Institute" in _only([giver, other], "甲报")  # another body: still only 甲报's
    monkeypatch.setattr(compare, "UNDOTTED_NAMES", False)
    assert "Robert Koch Institute" in _only([giver, dotted], "甲报")  # main's reading


def test_the_dots_are_left_out_only_between_han_characters() -> None:
    assert compare._written_dotted_apart("科赫研究所", compare._Written("罗伯特科·赫研究所"))
    assert compare._written_dotted_apart("科赫研究所", compare._Written("羅伯特科．赫研究所"))
    assert not compare._written_dotted_apart("科赫研究所", compare._Written("罗伯特科，赫研究所"))  # a comma parts two words
    assert not compare._written_dotted_apart("科赫", compare._Written("科·赫"))  # too short to be read across a dot
    # review61: a name that is only a piece of another word (林德梅 of 林德梅耶) was found because the text held some
    # dotted name elsewhere: the name must lie across a dot's place.
    assert not compare._written_dotted_apart("林德梅", compare._Written("林德梅耶表示反对。约瑟夫·拜登说。"))
    assert not compare._written_dotted_apart("约瑟夫", compare._Written("约瑟夫·拜登说"))  # found whole: not this reading's to find


def test_a_latin_gloss_with_name_particles_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    giver = _article("甲报", "阿布扎比王储阿勒纳哈扬 (Sheikh Mohammed bin Zayed Al-Nahyan)在推特上确认了两国建交事宜。")
    latin = _article("乙社", "阿布达比王储穆罕默德（Mohammed bin Zayed Al-Nahyan）在推特上确认两国建交。")
    assert "阿勒纳哈扬" not in _only([giver, latin], "甲报")
    other = _article("乙社", "阿布达比外长阿卜杜拉（Abdullah bin Zayed）在推特上确认两国建交。")
    assert "阿勒纳哈扬" in _only([giver, other], "甲报")  # his brother: still only 甲报's
    monkeypatch.setattr(compare, "PARTICLE_GLOSSES", False)
    assert "阿勒纳哈扬" in _only([giver, latin], "甲报")


def test_a_latin_name_whose_first_word_another_outlet_glosses_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    giver = _article("甲报", "川普接受雷傑納隆藥廠（Regeneron Pharmaceuticals Inc.）的實驗性抗體療法，還服用地塞米松。")
    short = _article("乙社", "川普接受了再生元（Regeneron）公司的实验性抗体疗法，还服用了地塞米松。")
    assert "Regeneron Pharmaceuticals Inc." not in _only([giver, short], "甲报")
    unglossed = _article("乙社", "川普接受了一家药厂的实验性抗体疗法，其股票代码为Regeneron，还服用了地塞米松。")
    assert "Regeneron Pharmaceuticals Inc." in _only([giver, unglossed], "甲报")  # the word, but glossing nothing
    monkeypatch.setattr(compare, "FIRST_WORD_GLOSSES", False)
    assert "Regeneron Pharmaceuticals Inc." in _only([giver, short], "甲报")


def test_a_person_named_by_surname_only_is_not_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    giver = _article("甲报", "根据该公司的声明，死者1998年出生，22岁。网友说，她的名字叫张若菲。")
    surname = _article("乙社", "公司声明说，去世的张姓女员工1998年出生，2019年7月入职。网友说，她生前工作繁重。")
    masked = _article("乙社", "公司声明说，张*霏1998年出生，2019年7月入职。网友说，她生前工作繁重。")
    for other in (surname, masked):
        assert "张若菲" not in _only([giver, other], "甲报")
    another = _article("乙社", "公司声明说，去世的李姓女员工1998年出生，2019年7月入职。网友说，她生前工作繁重。")
    assert "张若菲" in _only([giver, another], "甲报")  # another surname
    some = _article("乙社", "公司声明说，死者1998年出生，属于某些部门。网友说，她生前工作繁重。")
    assert not compare._surname_left_unnamed("于若菲", compare._Written("属于某些部门"))  # 某些 is "some", no person
    assert "张若菲" in _only([giver, some], "甲报")
    monkeypatch.setattr(compare, "SURNAME_LEFT_UNNAMED", False)
    assert "张若菲" in _only([giver, surname], "甲报")


def test_a_body_named_with_its_head_widened(monkeypatch: pytest.MonkeyPatch) -> None:
    giver = _article("甲报", "中国外交部部长王毅1月2日在官媒新华社和中央广播电台采访时称，疫情很可能是全球多地多点爆发。")
    wider = _article("乙社", "王毅接受中国新华社和中央广播电视总台联合采访时称，疫情很可能是全球多地多点爆发。")
    assert "中央广播电台" not in _only([giver, wider], "甲报")
    monkeypatch.setattr(compare, "BODY_WIDENED", False)
    assert "中央广播电台" in _only([giver, wider], "甲报")


def test_a_body_opening_and_head() -> None:
    assert compare._opening_and_head("中央广播电台") == ("中央广播", "电台")
    assert compare._widened_body_in(("中央广播", "电台"), "接受新华社和中央广播电视总台联合采访")
    assert not compare._widened_body_in(("中央广播", "电台"), "接受新华社和中央广播电视新闻联合采访")
    assert compare._opening_and_head("台湾大学") is None  # its opening is a place alone
    assert compare._widened_body_in(("联合国安", "理会"), "联合国安全理事会周五开会")
    assert not compare._widened_body_in(("美国联邦", "调查局"), "美国联邦储备局宣布加息")  # another body


def test_an_outlets_texts_are_read_once_a_story_and_kept_by_no_cache_after_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """review61: ``_undotted`` and ``_simplified`` were ``lru_cache(64)``s keyed by whole outlet texts (each outlet's
    title and bodies), so up to 64 of them and their forms stayed alive after their stories, in every process that
    compares. They are the story's own now (``_Written``): read once per outlet text asked in a story, again in the
    next story, and the comparison the same."""
    reads: list[str] = []

    class Counted:
        def finditer(self, text: str) -> Any:
            reads.append(text)
            return real.finditer(text)

    real = compare._DOTTED_RUN
    monkeypatch.setattr(compare, "_DOTTED_RUN", Counted())
    giver = _article("甲报", "根據全國防疫主管機關羅伯特．科赫研究所（Robert Koch Institute）統計，德國13日一天新增16362起確診病例。")
    dotted = _article("乙社", "根据罗伯特科·赫研究所发布的数据，德国13日新增16362例确诊病例，疫情依旧十分严峻。")
    first = compare_story([giver, dotted])
    assert reads and len(reads) == len(set(reads)), reads  # each text asked about read once
    once = len(reads)
    assert compare_story([giver, dotted]) == first
    assert len(reads) == 2 * once  # read again: nothing kept from the story before
