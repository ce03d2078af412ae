"""Bodies named by a generic head (特区政府, 港府, 香港政府): own examples."""

from __future__ import annotations

from newsmirror.text.bodies import body, names_body, place_of, places_of, same_place


def test_a_name_is_a_qualifier_and_a_generic_head() -> None:
    assert body("特区政府") == ("特区", 0)
    assert body("港府") == ("港", 0)  # a one-character head after an abbreviation
    assert body("香港警方") == ("香港", body("港警")[1])  # type: ignore[index]
    assert body("首府") is None  # 首 is no place: 府 ends another word
    assert body("政府") is None  # a head alone names no body
    assert body("拜登") is None


def test_a_status_qualifier_names_no_place() -> None:
    assert place_of("香港") == "香港"
    assert place_of("港") == "港"
    assert place_of("特区") is None
    assert place_of("联邦") is None
    assert same_place("港", "香港")
    assert same_place("香港", "香港特区")
    assert not same_place("港", "美国")
    assert not same_place("香港", "澳门")


def test_the_places_a_text_writes_before_a_head_of_one_kind() -> None:
    text = "港府表示 香港当局已经交涉 美国政府回应 这个政府"
    assert {"港", "香港", "美国"} <= places_of(text, 0)
    assert places_of(text, body("香港警方")[1]) == set()  # type: ignore[index]


def test_another_form_of_the_same_body_names_it() -> None:
    assert names_body("香港政府", "", "港府要求美方撤回")
    assert names_body("香港政府", "", "香港当局正式提出交涉")
    assert not names_body("香港政府", "", "美国政府要求")
    assert not names_body("香港警方", "", "港府要求美方撤回")  # another kind of body
    # A status stands for the body its outlet also names with a place.
    assert names_body("特区政府", "特区政府强烈反对 港府要求", "香港政府要求")
    assert not names_body("特区政府", "特区政府强烈反对 港府要求", "澳门政府要求")
    # With no place of its own it may be any body of the kind the other outlet names.
    assert names_body("特区政府", "特区政府强烈反对", "澳门政府要求")
    assert not names_body("特区政府", "特区政府强烈反对", "赌场将暂停营业")
    assert not names_body("拜登", "", "拜登说")  # not a body: the other checks decide


def test_an_institute_translated_with_another_head_is_named() -> None:
    assert body("国际共和研究所") == ("国际共和", body("国际共和学会")[1])  # type: ignore[index]
    assert names_body("国际共和研究所", "", "美国国际共和学会颁奖")
    assert not names_body("国际共和研究所", "", "国际共和党人说")  # the qualifier without a head of the kind
    assert not names_body("国际共和研究所", "", "美国企业研究所认为")  # the kind without the qualifier
