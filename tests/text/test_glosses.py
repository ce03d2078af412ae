"""text.glosses: Han and Latin names the archive's glosses make one."""

from __future__ import annotations

from newsmirror.text.glosses import other_forms, writes_form


def test_a_latin_name_gives_its_han_names_and_a_han_name_its_gloss_and_the_other_han_names() -> None:
    assert "帕劳" in other_forms("Palau")
    assert {"fox news", "福克斯新闻"} <= set(other_forms("福斯新闻"))
    assert other_forms("没有这个名字") == ()


def test_a_latin_form_is_written_only_as_whole_words() -> None:
    assert writes_form("dominic raab", "英国外相 dominic raab 说")
    assert not writes_form("fox", "foxconn 工厂")
    assert writes_form("蓝韬文", "英国外相蓝韬文说")


def test_a_han_name_glossed_with_several_bearers_names_is_no_other_names_form() -> None:
    # 特朗普 is glossed Donald, Ivanka, Fred Trump...: an outlet writing 伊万卡 (Ivanka Trump) does not name 特朗普,
    # nor does one writing 特朗普 name Ivanka Trump; a longer writing of one name (Alex Azar II) is still one name.
    assert "伊万卡" not in other_forms("特朗普") and "donald trump" in other_forms("特朗普")
    assert "特朗普" not in other_forms("Ivanka Trump") and "伊万卡" in other_forms("Ivanka Trump")
    assert "艾萨" in other_forms("阿扎尔")
