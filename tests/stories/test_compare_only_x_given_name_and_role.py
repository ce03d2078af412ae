""""Only X names N" is not said of a person another outlet names by the given name before the surname's dot (布拉希姆
of 布拉希姆·阿乌萨维, alone or with an initial), nor of a Latin name glossing a transliteration another outlet writes
otherwise after the same role word (检察官贾盖（Nicolas Jacquet）, 检察官亚盖) (session 63, onlyx108; issue 14 item 5).
Own examples, constructed."""

from __future__ import annotations

import pytest

import newsmirror.stories.compare as compare
from newsmirror.text.phonetic import same_final
from tests.stories.fixtures import only_x_article as _article
from tests.stories.fixtures import only_x_claims as _only

pytestmark = pytest.mark.usefixtures("only_x_model_off")


_GIVER = _article("甲台", "警方认定枪手是25岁的摩洛哥人阿卜杜拉希姆·卡萨维(Abdelrahim Kassaoui)。\n\n"
                          "据路透社报道，卡萨维在袭击发生前一天抵达马赛，随后前往火车站。")


def test_a_person_named_by_the_given_name_and_an_initial(monkeypatch: pytest.MonkeyPatch) -> None:
    other = _article("乙广", "调查人员对作案人阿卜杜拉希姆·K的行程有了更多了解。据路透社报道，他在袭击发生前一天抵达马赛。")
    claims = _only([_GIVER, other], "甲台")
    assert "卡萨维" not in claims and "Abdelrahim Kassaoui" not in claims
    monkeypatch.setattr(compare, "GIVEN_NAME_RUNS", False)
    claims = _only([_GIVER, other], "甲台")
    assert "卡萨维" in claims and "Abdelrahim Kassaoui" in claims  # main's reading


def test_a_person_named_by_the_given_name_alone() -> None:
    other = _article("乙广", "据路透社报道，阿卜杜拉希姆在袭击发生前一天抵达马赛，随后前往火车站。")
    assert "卡萨维" not in _only([_GIVER, other], "甲台")


def test_another_given_name_does_not_name_him() -> None:
    other = _article("乙广", "据路透社报道，阿卜杜拉在袭击发生前一天抵达马赛，随后前往火车站。")  # not the given name
    assert "卡萨维" in _only([_GIVER, other], "甲台")


def test_sound_finals() -> None:
    assert same_final("贾", "亚")  # jia, ya: ia
    assert not same_final("贾", "盖")


def test_a_latin_name_another_outlet_transliterates_otherwise_in_the_same_role(monkeypatch: pytest.MonkeyPatch) -> None:
    giver = _article("甲社", "里昂一名神父周六遭枪击受重伤。檢察官賈蓋（Nicolas Jacquet）表示，嫌疑人已遭警方拘留。")
    other = _article("乙广", "里昂一名神父周六遭枪击受重伤。里昂检察官亚盖表示，目前还没有任何线索。")
    assert "Nicolas Jacquet" not in _only([giver, other], "甲社")
    monkeypatch.setattr(compare, "SAME_ROLE_TRANSLITERATIONS", False)
    assert "Nicolas Jacquet" in _only([giver, other], "甲社")  # main's reading


def test_another_role_or_another_name_is_no_evidence() -> None:
    giver = _article("甲社", "里昂一名神父周六遭枪击受重伤。檢察官賈蓋（Nicolas Jacquet）表示，嫌疑人已遭警方拘留。")
    other_role = _article("乙广", "里昂一名神父周六遭枪击受重伤。里昂市长亚盖表示，目前还没有任何线索。")
    assert "Nicolas Jacquet" in _only([giver, other_role], "甲社")
    other_name = _article("乙广", "里昂一名神父周六遭枪击受重伤。里昂检察官马盖表示，目前还没有任何线索。")  # ma: a
    assert "Nicolas Jacquet" in _only([giver, other_name], "甲社")


def test_the_given_name_of_another_person_does_not_name_him() -> None:
    giver = _article("甲台", "与会将领包括海军作战部长查尔斯·布朗（Michael Gilday）和陆军参谋长。")
    other = _article("乙广", "与会将领包括海岸警卫队副司令查尔斯·雷和陆军参谋长。")  # another 查尔斯, another surname
    assert "Michael Gilday" in _only([giver, other], "甲台")


@pytest.mark.parametrize("dot", ["·", "•", "・", "‧", "･", "∙"])
def test_the_given_name_in_traditional_script_and_any_name_dot(dot: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # The giver's name dot and the other outlet's may be any of the six, and either report Traditional (review64; ･ and
    # ∙ since session 64, onlyx110: 塞巴斯蒂安･科, 埃隆∙马斯克 in tuning days' files).
    giver = _article("甲台", f"警方認定槍手是25歲的摩洛哥人阿卜杜拉希姆{dot}卡薩維(Abdelrahim Kassaoui)。\n\n"
                             "據路透社報導，卡薩維在襲擊發生前一天抵達馬賽，隨後前往火車站。")
    other = _article("乙广", f"調查人員對作案人阿卜杜拉希姆{dot}K的行程有了更多了解。據路透社報導，他在襲擊發生前一天抵達馬賽。")
    claims = _only([giver, other], "甲台")
    assert "卡萨维" not in claims and "Abdelrahim Kassaoui" not in claims
    monkeypatch.setattr(compare, "GIVEN_NAME_RUNS", False)
    assert "卡萨维" in _only([giver, other], "甲台")


def test_one_set_of_name_dots_for_every_reading() -> None:
    # Every name dot ``normalize`` folds to a space is read as one by each reading of a dotted name (review64's
    # finding 3: ･ and ∙ were in none of compare's sets).
    from newsmirror.text.normalize import normalize
    for dot in compare.NAME_DOTS:
        assert normalize(f"埃隆{dot}马斯克") == "埃隆 马斯克"
        assert compare._NAME_JOIN.split(f"埃隆{dot}马斯克") == ["埃隆", "马斯克"]
        assert compare._NAME_DOT.split(f"埃隆{dot}马斯克") == ["埃隆", "马斯克"]
        assert compare._FULL_NAME_GLOSS.findall(f"据埃隆{dot}马斯克（Elon Musk）说") == [(f"据埃隆{dot}马斯克", "Elon Musk")]
        assert compare._DOTTED_RUN.fullmatch(f"埃隆{dot}马斯克")
        assert compare._dotted_whole(f"埃隆{dot}马斯克说", 0, 2) == f"埃隆{dot}马斯克"


@pytest.mark.parametrize("dot", ["·", "･"])
def test_the_given_name_ending_another_dotted_name_is_his_name(dot: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # 穆罕默德·阿卜杜拉希姆 is another person (normalized 穆罕默德 阿卜杜拉希姆: the dot a space, as a comma is): it does not
    # name 阿卜杜拉希姆·卡萨维 (review64's finding 1; session 64, onlyx110).
    other = _article("乙广", f"据路透社报道，枪手在袭击发生前一天抵达马赛，随后前往火车站。内政部长穆罕默德{dot}阿卜杜拉希姆"
                              "表示，警方仍在调查。")
    assert "卡萨维" in _only([_GIVER, other], "甲台")
    monkeypatch.setattr(compare, "GIVEN_NAME_AFTER_DOT", False)
    assert "卡萨维" not in _only([_GIVER, other], "甲台")  # main's reading


def test_the_given_name_after_a_comma_still_names_him() -> None:
    # A comma before the given name is a space too once normalized: written so, alone, it names him, as before, and so
    # does one more time alone than after another name's dot.
    other = _article("乙广", "据路透社报道，阿卜杜拉希姆在袭击发生前一天抵达马赛，随后前往火车站。")
    assert "卡萨维" not in _only([_GIVER, other], "甲台")
    both = _article("乙广", "据路透社报道，阿卜杜拉希姆在袭击发生前一天抵达马赛，随后前往火车站。内政部长穆罕默德·阿卜杜拉希姆"
                             "表示，警方仍在调查。")
    assert "卡萨维" not in _only([_GIVER, both], "甲台")


def test_a_given_name_that_is_another_persons_last_name(monkeypatch: pytest.MonkeyPatch) -> None:
    # 勒布朗·詹姆斯 is not 詹姆斯·霍尔登 named by his given name (review64's finding 1).
    giver = _article("甲台", "警方认定枪手是25岁的美国人詹姆斯·霍尔登(James Holden)。\n\n"
                             "据路透社报道，霍尔登在袭击发生前一天抵达马赛，随后前往火车站。")
    other = _article("乙广", "据路透社报道，枪手在袭击发生前一天抵达马赛，随后前往火车站。球星勒布朗·詹姆斯对此表示震惊。")
    assert "霍尔登" in _only([giver, other], "甲台")
    monkeypatch.setattr(compare, "GIVEN_NAME_AFTER_DOT", False)
    assert "霍尔登" not in _only([giver, other], "甲台")  # main's reading


def test_every_middle_dot_of_punctuation_is_a_name_dot() -> None:
    # review65's finding 13: ⸱ (U+2E31) and ⋅ (U+22C5), folded to a space by ``normalize`` as the others, were no
    # name dot. Every middle dot Unicode names among punctuation and operators is one (the letters with a dot, Ŀ, are not).
    import unicodedata

    from newsmirror.text.normalize import normalize
    dots = [chr(code) for code in range(0x10000) if unicodedata.category(chr(code)) in ("Po", "Sm") and (
        unicodedata.name(chr(code), "").endswith("MIDDLE DOT")
        or unicodedata.name(chr(code), "") in ("BULLET", "BULLET OPERATOR", "DOT OPERATOR", "HYPHENATION POINT"))]
    assert len(dots) == 8
    for dot in dots:
        assert dot in compare.NAME_DOTS, hex(ord(dot))
        assert normalize(f"埃隆{dot}马斯克") == "埃隆 马斯克"
