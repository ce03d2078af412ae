from __future__ import annotations

import pytest

from newsmirror.text.aliases import AliasTableError, alias_map, fold_aliases, parse_aliases
from newsmirror.text.normalize import match_key, normalize


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        ("蒲亭", "普京"), ("普丁", "普京"), ("川普", "特朗普"), ("龐皮歐", "蓬佩奥"), ("紐西蘭", "新西兰"),
        ("雪梨", "悉尼"), ("北韓", "朝鲜"), ("魯登科", "鲁坚科"), ("維爾新尼", "韦尔希宁"),
        ("拉夫羅夫", "拉夫罗夫"), ("賀錦麗", "哈里斯"), ("五角大廈", "五角大楼"),
    ],
)
def test_regional_names_fold_to_one_form(variant: str, canonical: str) -> None:
    assert normalize(f"据报道{variant}今天发表讲话") == f"据报道{canonical}今天发表讲话"


def test_traditional_and_simplified_reports_get_the_same_key() -> None:
    traditional = "俄國總統蒲亭（Vladimir Putin）與拉夫羅夫的副手魯登科會談。"
    simplified = "俄国总统普京（Vladimir Putin）与拉夫罗夫的副手鲁坚科会谈。"
    assert match_key(traditional) == match_key(simplified)


def test_longest_name_wins_and_canonical_forms_stay_whole() -> None:
    assert normalize("小布希與布希") == "小布什与布什"
    assert normalize("沙特阿拉伯和沙烏地阿拉伯") == "沙特阿拉伯和沙特阿拉伯"


def test_latin_aliases_only_match_whole_words() -> None:
    assert "脸书" in normalize("Facebook 宣布")
    assert normalize("facebooking") == "facebooking"


def test_full_width_forms_and_punctuation() -> None:
    assert normalize("ＡＢＣ１２３，「測試」！") == "abc123 测试"
    assert match_key("ＡＢＣ １２３，「測試」！") == "abc123测试"


def test_normalizing_leaves_the_input_untouched() -> None:
    stored = "川普支持者闖國會"
    normalize(stored)
    assert stored == "川普支持者闖國會"


def test_every_canonical_form_maps_to_itself() -> None:
    mapping = alias_map()
    for canonical in set(mapping.values()):
        assert mapping[canonical] == canonical
    assert fold_aliases("韦尔希宁") == "韦尔希宁"


def test_malformed_alias_line_is_reported_with_its_number() -> None:
    with pytest.raises(AliasTableError, match="line 2"):
        parse_aliases("person\t普京\t蒲亭\nbroken line\n")


def test_simplified_text_keeps_its_words() -> None:
    # Taiwan-phrase conversion (tw2sp) read Simplified words as Taiwan phrases: 拜登出任 became
    # 拜注销任 (出任 read across 登出), 建立 创建, 程序 进程.
    assert normalize("拜登出任总统后建立新的程序") == "拜登出任总统后建立新的程序"
    assert normalize("布林肯会见纽西兰外长") == "布林肯会见新西兰外长"


def test_traditional_text_still_gets_taiwan_phrases() -> None:
    assert normalize("這款軟體的影片功能") == "这款软件的视频功能"
    # A name keeps its canonical form in Traditional text, where its characters read as a phrase.
    assert normalize("美國國務卿布林肯與紐西蘭外長會談") == "美国国务卿布林肯与新西兰外长会谈"


def test_name_transliterations_fold_in_every_script() -> None:
    # OpenCC's Taiwan-phrase names reach Simplified text through the alias table (RFI writes
    # 密西根 in Simplified), while the phrase conversion itself stays off there (拜登出任).
    assert normalize("拜登出任总统，赢得密西根和威斯康辛") == "拜登出任总统 赢得密歇根和威斯康星"
    assert normalize("拜登贏得密西根州") == normalize("拜登赢得密西根州") == "拜登赢得密歇根州"
    # Pieces of longer names are not in the table: 理查德 and 尼日利亚 keep their characters.
    assert normalize("理查德访问尼日利亚") == "理查德访问尼日利亚"
