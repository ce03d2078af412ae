""""Only X" is never said of a name another outlet gives in a short form or by surname alone, nor
when the fitted confidence model finds it unlikely (issue 14 item 5): own examples."""

from __future__ import annotations

import numpy as np
import pytest

import newsmirror.stories.compare as compare
import newsmirror.text.names as names
from newsmirror.stories.onlyx_confidence import FEATURES, MODEL_PATH, claim_features, confidence_model
from newsmirror.text.names import abbreviates, abbreviates_first_word, longer_name
from tests.stories.fixtures import only_x_article as _article
from tests.stories.fixtures import only_x_claims as _only
from tests.stories.fixtures import switch_only_x_model_off as _model_off


def test_a_short_form_may_begin_with_a_character_of_the_same_sound() -> None:
    # 麻州 shortens 麻萨诸塞州, the Taiwanese spelling of what the PRC writes 马萨诸塞州.
    assert abbreviates("麻州", "马萨诸塞州")
    assert abbreviates("新州", "新南威尔士州")
    assert not abbreviates("美州", "马萨诸塞州")  # another sound
    assert not abbreviates("麻州", "马来西亚")  # the rest is not in the name


def test_an_outlet_writing_the_short_form_names_the_full_name() -> None:
    full = _article("甲报", "起诉书称，黑客试图从马萨诸塞州一家生物科技公司窃取疫苗研究资料。")
    short = _article("乙社", "检察官表示，黑客试图从麻州一家生物科技公司窃取疫苗研究资料。")
    assert "马萨诸塞州" not in _only([full, short], "甲报")
    elsewhere = _article("乙社", "检察官表示，黑客试图从加州一家生物科技公司窃取疫苗研究资料。")
    assert "马萨诸塞州" in _only([full, elsewhere], "甲报")  # another state: still only 甲报


def test_an_outlet_naming_a_person_by_surname_names_his_given_name_too() -> None:
    # One minister: 哈马德·哈桑 in full, 哈桑 alone.
    full = _article("甲报", "黎巴嫩卫生部长哈马德·哈桑说，爆炸已造成至少50人死亡，2500多人受伤。")
    surname = _article("乙社", "黎巴嫩卫生部长哈桑说，爆炸已造成至少50人死亡，2500多人受伤。")
    assert "哈马德" not in _only([full, surname], "甲报")
    nobody = _article("乙社", "黎巴嫩卫生部说，爆炸已造成至少50人死亡，2500多人受伤。")
    assert "哈马德" in _only([full, nobody], "甲报")



def test_an_outlet_naming_a_person_by_given_name_names_his_surname_too(monkeypatch: pytest.MonkeyPatch) -> None:
    # One man: 萨达姆·侯赛因 in full and 侯赛因 alone in one outlet, 萨达姆 alone in the other.
    _model_off(monkeypatch)
    full = _article("甲报", "伊拉克前总统萨达姆·侯赛因的律师说，审判将在下周开始。侯赛因拒绝认罪。")
    given = _article("乙社", "伊拉克前总统萨达姆的律师说，审判将在下周开始，他拒绝认罪。")
    assert "侯赛因" not in _only([full, given], "甲报")
    nobody = _article("乙社", "伊拉克前总统的律师说，审判将在下周开始，他拒绝认罪。")
    assert "侯赛因" in _only([full, nobody], "甲报")


def test_an_original_name_glossing_an_institute_is_given_by_an_outlet_translating_it_otherwise() -> None:
    # One institute, two translations of its head; 甲报 alone adds the English name after its own.
    glossed = _article("甲报", "美国国务卿蓬佩奥获得国际共和研究所（International Republican Institute）颁发的自由奖，并在颁奖典礼上发表讲话。")
    other = _article("乙社", "美国国务卿蓬佩奥获得国际共和学会颁发的自由奖，并在颁奖典礼上发表讲话。")
    assert "International Republican Institute" not in _only([glossed, other], "甲报")
    unnamed = _article("乙社", "美国国务卿蓬佩奥获得一个美国团体颁发的自由奖，并在颁奖典礼上发表讲话。")
    assert "International Republican Institute" in _only([glossed, unnamed], "甲报")


def test_an_original_name_glossing_a_name_jieba_cuts_stands_for_the_whole_name() -> None:
    # 丰田汽车 is cut 丰田 + 汽车 with a modifier before it; the gloss stands for 新丰田汽车, which
    # 乙社 writes in its short form 新丰汽.
    from newsmirror.stories.compare import _tagged_name

    assert _tagged_name("本公司新丰田汽车") == "新丰田汽车"
    assert _tagged_name("治亚洲埃默里大学") == "埃默里大学"  # a place before a name is not part of it
    glossed = _article("甲报", "日本企业新丰田汽车(New Toyota Motor Corp)今天表示，将对法院扣押其资产的裁决提出上诉。")
    short = _article("乙社", "日本企业新丰汽今天表示，将对法院扣押其资产的裁决提出上诉，并称裁决违反国际法。")
    assert "New Toyota Motor Corp" not in _only([glossed, short], "甲报")
    unnamed = _article("乙社", "一家日本企业今天表示，将对法院扣押其资产的裁决提出上诉，并称裁决违反国际法。")
    assert "New Toyota Motor Corp" in _only([glossed, unnamed], "甲报")


def test_an_outlet_glossing_its_own_transliteration_names_the_others_transliteration() -> None:
    # One city, two transliterations; 乙社 adds the original, which 帕萨迪纳 reads as.
    from newsmirror.text.phonetic import reads_as

    assert reads_as("帕萨迪纳", "Pasadena")
    assert not reads_as("帕萨迪纳", "Glendale")
    assert not reads_as("北京", "Beijing")  # no transliteration: an ordinary word
    one = _article("甲报", "山火周五逼近洛杉矶以北的帕萨迪纳市郊，当局下令约两万名居民撤离家园。")
    other = _article("乙社", "山火周五逼近洛杉矶以北的巴沙迪那（Pasadena）市郊，当局下令约两万名居民撤离。")
    assert "帕萨迪纳" not in _only([one, other], "甲报")
    elsewhere = _article("乙社", "山火周五逼近洛杉矶以北的格伦代尔（Glendale）市郊，当局下令约两万名居民撤离。")
    assert "帕萨迪纳" in _only([one, elsewhere], "甲报")


def test_a_seat_of_power_names_the_body_it_houses() -> None:
    # 克里姆林宫 and 俄罗斯总统府 are one body: neither outlet alone names it.
    seat = _article("甲报", "克里姆林宫周三表示，总统将于下周出访中亚三国，并出席地区峰会。")
    body_ = _article("乙社", "俄罗斯总统府周三表示，总统将于下周出访中亚三国，并出席地区峰会。")
    assert "克里姆林宫" not in _only([seat, body_], "甲报")
    assert "俄罗斯总统府" not in _only([seat, body_], "乙社")
    other = _article("乙社", "俄罗斯外交部周三表示，总统将于下周出访中亚三国，并出席地区峰会。")
    assert "克里姆林宫" in _only([seat, other], "甲报")


def test_a_gloss_after_a_transliteration_jieba_cuts_is_read_by_its_last_three_characters_too() -> None:
    # jieba cuts 林德梅耶 as 林德梅 + 耶 and 林德梅尔 as 林 + 德梅尔: the tagged name (林德梅耶)
    # and the other spelling's word share too little, its last three characters (德梅耶) do not.
    glossed = _article("甲报", "世卫组织发言人林德梅耶(Christian Lindmeier)周二表示，专家组已与当地科学家完成讨论。")
    other = _article("乙社", "世卫组织发言人林德梅尔周二表示，专家组已与当地科学家完成讨论，并交换了意见。")
    assert "Christian Lindmeier" not in _only([glossed, other], "甲报")
    unnamed = _article("乙社", "世卫组织一名发言人周二表示，专家组已与当地科学家完成讨论，并交换了意见。")
    assert "Christian Lindmeier" in _only([glossed, unnamed], "甲报")


def test_an_original_name_glossing_a_name_before_a_word_of_relation_stands_for_that_name() -> None:
    # The gloss follows 之子 (son of), not the father's name it spells (one jieba does not know:
    # 金 + 秉 + 喆); 乙社 names the father.
    glossed = _article("甲报", "金明浩是东亚集团创始人金秉喆之子（Kim Byung-chul），他在2000年接掌集团并扩张海外业务。")
    other = _article("乙社", "金明浩是东亚集团创始人金秉喆的儿子，他在2000年接掌集团并扩张海外业务。")
    assert "Kim Byung-chul" not in _only([glossed, other], "甲报")
    unnamed = _article("乙社", "金明浩是东亚集团创始人的儿子，他在2000年接掌集团并扩张海外业务。")
    assert "Kim Byung-chul" in _only([glossed, unnamed], "甲报")


def test_a_short_form_names_a_full_name_the_tokenizer_cuts_into_words(monkeypatch: pytest.MonkeyPatch) -> None:
    # 越通社 shortens 越南通信社 (the Taiwanese form of 越南通讯社), which jieba cuts 越南|通信|社:
    # no one word of 乙社's text is the full name.
    short = _article("甲报", "越通社报道说，越南政府已经开始疏散沿海地区的居民。")
    full = _article("乙社", "越南通信社报道，越南政府已经开始疏散沿海地区居民。")
    assert "越通社" not in _only([short, full], "甲报")
    # The same characters in words that are no name of one body: the rule leaves it to 甲报 (model off).
    _model_off(monkeypatch)
    apart = _article("乙社", "越南与通信业者合作报道社区消息，越南政府已经开始疏散沿海地区居民。")
    assert "越通社" in _only([short, apart], "甲报")


def test_a_longer_original_name_sharing_two_words_in_a_row_is_the_same_person() -> None:
    # One commander: 甲报 glosses his full name, 乙社 a shorter form with another transliteration.
    # (its last word, which the other does not write, is no help).
    full = _article("甲报", "叛军领袖卡里姆·萨迪克·阿洪扎达（Karim Sadiq Akhundzada）周六在谈判开幕式上呼吁立即停火。")
    short = _article("乙社", "叛军领袖卡利姆·萨迪格（Karim Sadiq）周六在谈判开幕式上呼吁立即停火，并要求释放囚犯。")
    only = _only([full, short], "甲报")
    assert "Karim Sadiq Akhundzada" not in only and "阿洪扎达" not in only
    other = _article("乙社", "叛军领袖哈米德·拉希米（Hamid Rahimi）周六在谈判开幕式上呼吁立即停火，并要求释放囚犯。")
    assert "Karim Sadiq Akhundzada" in _only([full, other], "甲报")  # another man: still only 甲报


def test_an_original_name_with_middle_initials_and_a_suffix_is_the_name_without_them() -> None:
    # One official (made up): 甲报 glosses his full name with a middle initial and a suffix, 乙社 writes the name
    # without them in another fact of its report; either way round.
    def names(term: str, text: str) -> bool:
        return compare._names_in("乙社", term, {"乙社": text}, {})

    assert names("Ralph T. Morrison III", "去年 卫生部长 ralph morrison 曾经表示 疫苗不会强制接种")
    assert names("Ralph Morrison", "去年 卫生部长 ralph t morrison iii 曾经表示 疫苗不会强制接种")
    assert names("George H. W. Parker", "george parker 表示")
    assert not names("Ralph T. Morrison III", "去年 卫生部长 ralph morton 曾经表示")  # another man
    # A leading letter is no middle initial: the U.S. Army is not the Army of some "U".
    assert not names("U.S. Army", "u army")


def test_a_people_is_named_with_any_head_saying_people_descent_or_ethnic_group() -> None:
    def names(term: str, text: str) -> bool:
        return compare._names_in("乙社", term, {"乙社": text}, {})

    assert names("犹太人", "犹太裔的一名学者说")  # made up
    assert names("维吾尔族", "两名维吾尔人被捕")
    assert not names("发言人", "发言稿")  # no people
    assert not names("汉人", "汉族")  # a one-character name: 美裔 is no 美人; left alone


def test_a_body_glossed_with_its_initials_is_named_by_an_outlet_writing_them() -> None:
    glossed = _article("甲报", "据世界气象组织（WMO）周二发布的报告，今年极端高温事件的次数创下了新的纪录。")
    initials = _article("乙社", "WMO周二发布的报告说，今年极端高温事件的次数创下了新的纪录，各地灾情严重。")
    assert "世界气象组织" not in _only([glossed, initials], "甲报")
    other = _article("乙社", "IEA周二发布的报告说，今年极端高温事件的次数创下了新的纪录，各地灾情严重。")
    assert "世界气象组织" in _only([glossed, other], "甲报")


def test_a_transliteration_differing_in_one_character_of_like_sound_names_a_longer_name() -> None:
    from newsmirror.text.phonetic import same_name

    assert same_name("威斯康辛", "威斯康新州")  # 辛/新: one character, one sound
    assert not same_name("威斯康辛", "威斯顿州")
    one = _article("甲报", "选举官员说，威斯康辛的计票工作将在周三上午完成，结果预计当天公布。")
    other = _article("乙社", "选举官员说，威斯康新州的计票工作将在周三上午完成，结果预计当天公布。")
    assert "威斯康辛" not in _only([one, other], "甲报")


def test_a_transliteration_with_two_neighbouring_characters_swapped_is_the_same_name() -> None:
    from newsmirror.text.phonetic import same_name

    assert same_name("夏马尔", "夏尔马")
    assert not same_name("夏马尔", "马尔夏")  # not neighbours
    assert not same_name("中国人", "国中人")  # no transliteration


def test_a_string_of_common_words_the_dictionary_tags_as_a_person_is_no_name() -> None:
    from newsmirror.text.names import is_name_detail

    # 大大增加 and 安全措施 carry jieba's person tag (nr); neither part is a name.
    assert not is_name_detail("大大增加", "今年前三季度出口大大增加")
    assert not is_name_detail("安全措施", "工厂加强了安全措施")
    assert is_name_detail("马丁路德", "马丁路德发表了著名的演讲")  # names throughout: still a name
    one = _article("甲报", "海关周二公布，今年前三季度对东盟的出口大大增加，贸易顺差扩大至历史新高。")
    other = _article("乙社", "海关周二公布，今年前三季度对东盟的出口增长，贸易顺差扩大至历史新高。")
    assert "大大增加" not in _only([one, other], "甲报")


# The fitted only-X confidence model (stories/onlyx_confidence.py, onlyx28).


def test_a_claim_the_silent_outlet_answers_with_a_like_spelling_is_withheld() -> None:
    # 金斯堡 and 金斯伯格 are one person spelled two ways: "only 乙社" would be false.
    long_form = _article("甲报", "官员说，金斯伯格方面已同意在下个月重新开放边境口岸，以恢复双边贸易往来。")
    short_form = _article("乙社", "官员说，金斯堡已同意下个月重新开放边境口岸，恢复双边贸易。")
    silent = _article("丙台", "官员表示，边境口岸下个月重新开放，双边贸易将恢复。")
    assert "金斯堡" not in _only([long_form, short_form, silent], "乙社")


def test_a_name_only_one_outlet_gives_is_still_claimed() -> None:
    named = _article("甲报", "外交部发言人华春莹说，中方坚决反对美方的无理指责。")
    unnamed = _article("乙社", "外交部发言人说，中方坚决反对美方的指责，华发言人表示中方将作出回应。")
    other = _article("丙台", "中国外交部说，中方坚决反对美方的指责。")
    assert "华春莹" in _only([named, unnamed, other], "甲报")


def test_the_packaged_model_is_small_and_fits_the_features() -> None:
    assert MODEL_PATH.stat().st_size < 50_000
    model = confidence_model()
    assert model is not None
    weights, intercept, threshold = model.weights, model.bias, model.threshold
    assert len(weights) == len(FEATURES) and 0 < threshold < 1
    # More of the word's characters in a silent outlet's sentence of the fact: less likely true.
    texts = {"甲报": "金斯伯格", "乙社": "金斯堡"}
    shared = model.probability(tuple(claim_features("金斯堡", "乙社", texts, texts)))
    apart = {"甲报": "某国官员", "乙社": "金斯堡"}
    assert shared < model.probability(tuple(claim_features("金斯堡", "乙社", apart, apart)))
    assert np.isfinite(intercept)


def test_an_organisations_head_cut_from_its_name_stands_for_the_whole_name(monkeypatch: pytest.MonkeyPatch) -> None:
    # jieba cuts the agency's name 土耳其|阿纳多卢|通讯社: "only 甲报 names 通讯社" would claim a piece. The
    # country is where the agency is, not its name: the claim is 阿纳多卢通讯社.
    _model_off(monkeypatch)
    cited = _article("甲报", "据土耳其阿纳多卢通讯社报道，叙利亚北部一处市场周日发生汽车炸弹爆炸，造成至少十五人死亡。")
    silent = _article("乙社", "叙利亚北部一处市场周日发生汽车炸弹爆炸，造成至少十五人死亡，土耳其国防部谴责袭击。")
    claims = _only([cited, silent], "甲报")
    assert "通讯社" not in claims
    assert "阿纳多卢通讯社" in claims
    naming = _article("乙社", "阿纳多卢通讯社说，叙利亚北部一处市场周日发生汽车炸弹爆炸，造成至少十五人死亡。")
    assert not {"通讯社", "阿纳多卢通讯社"} & _only([cited, naming], "甲报")
    # A place alone before the head leaves the head as main read it: 台湾|外交部 is 外交部.
    assert longer_name("外交部", "台湾外交部周二说") is None
    assert longer_name("通讯社", "俄罗斯卫星通讯社周二说") == "卫星通讯社"


def _named_only_by_naming_outlet(term: str, giver: str, naming: str, unnamed: str) -> None:
    """``term`` of 甲报's ``giver`` text is withheld beside 乙社's ``naming`` text and claimed beside ``unnamed``."""
    assert term not in _only([_article("甲报", giver), _article("乙社", naming)], "甲报")
    assert term in _only([_article("甲报", giver), _article("乙社", unnamed)], "甲报")


def test_a_name_glossed_with_one_latin_word_is_named_by_an_outlet_writing_that_word(monkeypatch: pytest.MonkeyPatch) -> None:
    # 甲报 glosses its transliteration with the company's one-word original; 乙社 writes the original only.
    _model_off(monkeypatch)
    report = "周二发布报告称，今年第三季度全球平板电脑出货量下降百分之五，苹果仍居首位。"
    _named_only_by_naming_outlet("科瑞达", f"市场调查公司科瑞达（Vintrel）{report}", f"据Vintrel{report}", f"据一家市场调查公司{report}")


def test_a_gloss_after_a_whole_name_names_its_given_name_too(monkeypatch: pytest.MonkeyPatch) -> None:
    # 甲报 glosses the whole name 安德烈·霍诺克; 乙社 writes another transliteration of the surname with the same gloss.
    _model_off(monkeypatch)
    report = "周二宣布，他将在下月的决选中挑战现任参议员。"
    _named_only_by_naming_outlet("安德烈", f"民主党候选人安德烈·霍诺克（Andrei Honock）{report}",
                                 f"民主党候选人奥诺克（Andrei Honock）{report}", f"民主党候选人{report}")


def test_a_transliteration_leaving_a_closing_r_unwritten_reads_as_its_original(monkeypatch: pytest.MonkeyPatch) -> None:
    # 亚历山大 writes Alexander without its closing r (l-z-l-d against l-z-l-d-l), in common characters.
    _model_off(monkeypatch)
    report = "周二在会上说，双方同意下月在日内瓦恢复谈判，并交换战俘名单。"
    _named_only_by_naming_outlet("亚历山大", f"代表团团长亚历山大{report}", f"代表团团长Alexander Petrov{report}", f"代表团团长{report}")


def test_a_short_form_is_not_read_into_a_longer_name_that_nests_it(monkeypatch: pytest.MonkeyPatch) -> None:
    # 联合报 and 联合早报 are two papers: the longer one holds the shorter's characters but is a name of its own.
    assert not abbreviates("联合报", "联合早报记者")
    assert abbreviates("朝中社", "朝鲜中央通信社")  # a short form of a name cut into words is still read
    _model_off(monkeypatch)
    cited = _article("甲报", "据联合报周二报道，台北市政府决定自下周起放宽室内聚会人数上限，餐厅可恢复内用。")
    other_paper = _article("乙社", "联合早报记者周二从台北报道，台北市政府决定自下周起放宽室内聚会人数上限，餐厅可恢复内用。")
    assert "联合报" in _only([cited, other_paper], "甲报")


def test_a_given_name_before_a_glossed_full_name_is_its_last_word_not_three_characters() -> None:
    # 教授大卫·科恩（David Cohen）: the given name is 大卫, not 授大卫; 学院的琼 is 琼, whose three
    # characters 院的琼 share a sound key with 犹他州 and kept a true claim of that state from being made.
    assert compare._given_name("教授大卫") == "大卫"
    assert compare._given_name("学院的琼") == "琼"
    assert compare._given_name("罗里达州的芭芭拉") == "芭芭拉"


def test_a_glossed_full_name_does_not_silence_a_place_of_the_same_sound(monkeypatch: pytest.MonkeyPatch) -> None:
    _model_off(monkeypatch)
    report = "周二说，参议院已有足够票数在大选前确认最高法院大法官的提名，听证会下周开始。"
    cited = _article("甲报", f"犹他州的共和党参议员{report}")
    glossing = _article("乙社", f"巡回上诉法院的琼·拉森（Joan Larsen）所在的参议院共和党人{report}")
    assert "犹他州" in _only([cited, glossing, _article("丙台", f"琼·拉森（Joan Larsen）{report}")], "甲报")


def test_a_long_short_form_of_several_words_names_the_full_name(monkeypatch: pytest.MonkeyPatch) -> None:
    # A short form of four characters or more keeps the first and last character and leaves out two
    # stretches or more; one stretch left out of the middle is mostly another body of the same kind.
    assert abbreviates("全国人大常委会", "全国人民代表大会常务委员会")
    assert abbreviates("国际奥委会", "国际奥林匹克委员会")
    assert not abbreviates("北京大学", "北京师范大学")
    assert not abbreviates("中国银行", "中国建设银行")
    _model_off(monkeypatch)
    report = "周六表决通过出口管制法，新法将于十二月一日起施行，商务部将公布管制清单。"
    _named_only_by_naming_outlet("全国人民代表大会常务委员会", f"全國人民代表大會常務委員會{report}",
                                 f"全国人大常委会{report}", f"立法机构{report}")


def test_a_name_misspelt_with_a_character_of_the_same_sound_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    # 世为组织: 为 and 卫 are both wei, a pinyin input slip for 世卫组织.
    assert compare._misspelt_in("世卫组织", "以及世为组织都被看做是热门候选人")
    assert not compare._misspelt_in("世卫组织", "以及世界组织都被看做是热门候选人")  # 界 jie is another sound
    assert not compare._misspelt_in("卫健委", "卫建委")  # three characters: as often another name
    _model_off(monkeypatch)
    report = "和瑞典环保少女都被看做是今年诺贝尔和平奖的热门候选人，评委会将于周五宣布得主。"
    _named_only_by_naming_outlet("世卫组织", f"世界卫生组织{report}", f"世为组织{report}", f"新闻自由组织{report}")


def test_an_outlet_writing_a_short_form_word_names_the_long_name() -> None:
    # 国新办 (a dictionary abbreviation, tagged j, not a name) shortens 国务院新闻办公室.
    assert compare._short_form_in("国务院新闻办公室", "中国国新办下午举行记者会")
    assert not compare._short_form_in("国务院新闻办公室", "据中国新闻网报道")  # 国新闻 is no word there
    assert not compare._short_form_in("国务院新闻办公室", "国务院总理周二说")  # a piece of the name


def test_a_hyphen_between_han_characters_joins_a_full_name() -> None:
    # 爱德华-斯诺登: the surname after a hyphen; a surname jieba cuts wrongly is the transliteration run.
    assert compare._surnames("爱德华", "承包商爱德华-斯诺登（Edward Snowden）说") == {"斯诺登"}
    assert compare._surnames("巴德尔", "露丝·巴德尔·金斯伯格合格的接班人") == {"金斯伯格"}
    assert compare._surnames("中国", "中国-东盟博览会") == set()


def test_a_glossed_name_another_outlet_spells_with_a_vowel_syllable_more_in_the_same_fact(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # 葛兰姆（Lindsey Graham）and 格雷厄姆 are one senator: g-l-m, 厄 has no consonant. Only in one fact.
    from newsmirror.text.phonetic import sounds_alike

    assert sounds_alike("葛兰姆", "格雷厄姆", glossed=True)
    assert not sounds_alike("葛兰姆", "格雷厄姆")  # 葛 is no transliteration character: not known foreign
    assert not sounds_alike("吉立亚", "吉利德")
    _model_off(monkeypatch)
    cited = _article("甲报", "在参议院司法委员会担任主席的共和党参议员葛兰姆（Lindsey Graham）周一说，听证会将在十月十二日开始。")
    other = _article("乙社", "参议院司法委员会主席格雷厄姆周一说，听证会将在十月十二日开始，共和党人已有足够票数。")
    assert "Lindsey Graham" not in _only([cited, other], "甲报")
    nobody = _article("乙社", "参议院司法委员会主席周一说，听证会将在十月十二日开始，共和党人已有足够票数。")
    assert "Lindsey Graham" in _only([cited, nobody], "甲报")


def test_a_glossed_name_another_outlet_spells_otherwise_anywhere_when_both_sound_tests_agree(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # 乙社 writes 格雷厄姆 in another fact: it sounds like 葛兰姆 (g-l-m) and reads as Graham with its h unsounded.
    from newsmirror.text.phonetic import reads_loosely

    assert reads_loosely("格雷厄姆", "lindsey graham")
    assert not reads_loosely("特朗普", "donald trump")
    _model_off(monkeypatch)
    cited = _article("甲报", "在参议院司法委员会担任主席的共和党参议员葛兰姆（Lindsey Graham）周一说，听证会将在十月十二日开始。")
    later = ("参议院司法委员会主席周一说，听证会将在十月十二日开始，共和党人已有足够票数。"
             "南卡罗来纳州参议员林赛·{}此前表示支持尽快投票。")
    assert "Lindsey Graham" not in _only([cited, _article("乙社", later.format("格雷厄姆"))], "甲报")
    assert "Lindsey Graham" in _only([cited, _article("乙社", later.format("米勒"))], "甲报")


def test_a_transliteration_another_outlet_writes_with_other_characters_of_the_same_sound_class() -> None:
    # 范德赖恩 and 冯德莱恩 (von der Leyen): two characters differ, each of the same class; jieba may cut the
    # other outlet's form apart, so its text is read, not only its nouns.
    assert compare._transliterated_otherwise("范德赖恩", "欧盟执委会主席冯德莱恩进行居家隔离")
    assert not compare._transliterated_otherwise("阿拉伯海", "阿拉伯国家")  # 国 and 海 differ in class
    assert not compare._transliterated_otherwise("台湾大学", "台湾地区")  # no transliteration


def test_a_glossed_two_character_name_and_a_known_foreign_name_of_the_same_consonants_in_one_fact(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # 韓特（Hunter Biden）and 亨特 (the dictionary's foreign name): f-d both; the gloss says it is a person.
    from newsmirror.text.phonetic import sounds_alike

    assert sounds_alike("韩特", "亨特", glossed=True)
    assert not sounds_alike("韩特", "亨特")
    _model_off(monkeypatch)
    cited = _article("甲报", "網上近期流傳一份長達64頁的文件，內容涉及韓特（Hunter Biden）與中共的關係，作者身分是偽造的。")
    other = _article("乙社", "网上近期流传一份长达64页的文件，内容涉及亨特与中共的关系，作者身份是伪造的。")
    assert "Hunter Biden" not in _only([cited, other], "甲报")
    nobody = _article("乙社", "网上近期流传一份长达64页的文件，内容涉及他与中共的关系，作者身份是伪造的。")
    assert "Hunter Biden" in _only([cited, nobody], "甲报")


def test_a_short_form_the_dictionary_tags_as_an_abbreviation_may_leave_out_the_first_character() -> None:
    # 央视 (j) of 中央电视台; 国新办 keeps the first character; 中国新闻网's 国新闻 is no word of the text.
    assert compare._short_form_in("中央电视台", "据央视报道")
    assert compare._short_form_in("国务院新闻办公室", "中国国新办下午举行记者会")
    assert not compare._short_form_in("中央电视台", "据中央社报道")


def test_a_glossed_transliteration_jieba_cuts_apart_is_read_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    # 范因斯坦（Dianne Feinstein）: the sentence's nouns hold none of it; 乙社's 范恩斯坦 is one character otherwise.
    _model_off(monkeypatch)
    cited = _article("甲报", "民主党议员范因斯坦（Dianne Feinstein）指，特朗普曾经说过他任命的任何大法官都会推翻医保法案。")
    later = ("特朗普曾经说过他任命的任何大法官都会推翻医保法案，民主党人对此表示担忧。"
             "民主党参议员{}说，这场听证会对美国人民来说非常重要。")
    assert "Dianne Feinstein" not in _only([cited, _article("乙社", later.format("范恩斯坦"))], "甲报")
    assert "Dianne Feinstein" in _only([cited, _article("乙社", later.format("舒默"))], "甲报")


def test_a_name_written_with_other_characters_is_found_in_overlapping_stretches_and_only_with_han() -> None:
    from newsmirror.stories.compare import _written_with_others

    # Every stretch, overlapping ones too (a non-overlapping scan missed the second).
    assert list(_written_with_others("世卫组织", "世卫世为组织", (1,))) == ["世为组织"]
    assert list(_written_with_others("哈哈哈哈", "哈哈哈哈哈", (0,))) == ["哈哈哈哈", "哈哈哈哈"]
    # The free position takes a Han character only.
    assert list(_written_with_others("世卫组织", "世a组织 世\n组织", (1,))) == []


def test_a_middle_initial_does_not_hide_a_full_names_surname(monkeypatch: pytest.MonkeyPatch) -> None:
    # 小罗伯特·J·韦伯斯特: the given name 罗伯特's surname is 韦伯斯特, past the initial J.
    assert compare._surnames("罗伯特", "州长小罗伯特·J·韦伯斯特周二说") == {"韦伯斯特"}
    _model_off(monkeypatch)
    report = "周二说，州政府将从下月起为中小企业提供总额五亿元的低息贷款，以缓解疫情冲击。"
    _named_only_by_naming_outlet("罗伯特", f"州长小罗伯特·J·韦伯斯特{report}", f"州长韦伯斯特{report}", f"州长{report}")


def test_a_piece_of_a_name_glossed_in_latin_is_named_by_an_outlet_writing_the_latin_name(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # 甲报's 鲍尔丁（Christopher Balding）: jieba reads 鲍尔 + 丁 (a piece folding no longer makes 鲍威尔丁 of),
    # and the name is claimed where 甲报 writes it again without its gloss; 乙社 writes the same man
    # 巴尔德（Christopher Balding）.
    assert compare._glossed_pieces("撰写人之一鲍威尔丁", ["鲍威尔", "报告"]) == ["鲍威尔"]
    assert compare._glossed_pieces("的韦斯特伍兹", ["韦斯特"]) == ["韦斯特"]
    assert compare._glossed_pieces("俄罗斯卫星社", ["俄罗斯"]) == []  # a place before another word
    _model_off(monkeypatch)
    said = "表示，这份报告是由苹果日报委托撰写的，内容涉及候任总统之子。"
    denied = "苹果日报发表声明说，并无委托{}或任何人士撰写任何文件或报告。"
    giver = f"报告撰写人之一鲍尔丁（Christopher Balding）{said}{denied.format('鲍尔丁')}"
    other = "学者{}{}{}"
    claimed = _only([_article("甲报", giver), _article(
        "乙社", other.format("巴尔德（Christopher Balding）", said, denied.format("巴尔德")))], "甲报")
    assert not {"鲍尔", "鲍尔丁"} & claimed
    assert "鲍尔丁" in _only([_article("甲报", giver), _article("乙社", other.format("", said, denied.format("该学者")))], "甲报")


def test_a_short_form_of_its_names_words_first_characters_names_the_long_form(monkeypatch: pytest.MonkeyPatch) -> None:
    # 卫健局 of 卫生|健康|局: jieba cuts the long form into common words, so no noun of it is the name.
    assert compare._initials_in("卫健委", "国家卫生健康委员会表示")
    assert not compare._initials_in("外交部", "外国记者交流部负责人说")  # words not in a row
    _model_off(monkeypatch)
    report = "周五通报，该区新增一例无症状感染者，已在定点医院隔离观察，其密切接触者均已管控。"
    _named_only_by_naming_outlet("卫健局", f"花都区卫健局{report}", f"花都区卫生健康局{report}", f"花都区政府{report}")


def test_a_given_name_with_a_courtesy_title_names_the_person(monkeypatch: pytest.MonkeyPatch) -> None:
    # 經國先生: the surname left out as a mark of respect, as Taiwanese writing names 蒋经国.
    _model_off(monkeypatch)
    report = "的接班人周日安葬于五指山军人公墓，总统率领文武百官迎灵，家属在墓前献花致意。"
    _named_only_by_naming_outlet("蒋经国", f"作为蒋经国{report}", f"作为經國先生{report}", f"作为前总统{report}")


def test_a_transliteration_jieba_cuts_into_known_words_answers_an_unknown_name_in_one_fact(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # 赖海哲 and 莱特希泽 (Lighthizer) in one fact; jieba reads 莱特|希泽, so no noun of 乙社's sentence is unknown.
    _model_off(monkeypatch)
    said = "与中国副总理刘鹤上周五通电话，双方同意下月在华盛顿举行第一阶段贸易协议的半年评估会谈。"
    _named_only_by_naming_outlet("赖海哲", f"美国贸易代表赖海哲{said}", f"美国贸易代表莱特希泽{said}", f"美国贸易代表{said}")
    # A run of another first sound is another foreign name, not an answer (德斯特罗: d, 赖海哲: l).
    assert "赖海哲" in _only([_article("甲报", f"美国贸易代表赖海哲{said}"), _article("乙社", f"美国贸易代表和德斯特罗{said}")], "甲报")


def test_a_name_glossed_after_a_space_is_named_by_an_outlet_writing_its_latin_name(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # 甲报 writes 鲍尔丁 (Christopher Balding) with a space before a half-width bracket; 乙社 writes the
    # same man 包定（Christopher Balding）, or only his Latin name: either names 鲍尔丁.
    _model_off(monkeypatch)
    said = "表示，这家公司搜集了上百万名各国人士的公开资料，并建立了一个庞大的数据库。"
    giver = f"美国学者鲍尔丁 (Christopher Balding){said}鲍尔丁说，这些资料可能被用于情报工作。"
    for other in ("美国学者包定（Christopher Balding）", "美国学者Christopher Balding"):
        assert "鲍尔丁" not in _only([_article("甲报", giver), _article("乙社", f"{other}{said}")], "甲报")
    assert "鲍尔丁" in _only([_article("甲报", giver), _article("乙社", f"美国学者{said}")], "甲报")
    assert compare._GLOSS.findall("学者鲍尔丁 (Christopher Balding)说") == [("学者鲍尔丁", "Christopher Balding")]


def test_a_gloss_writer_gets_its_last_three_characters_only_outside_a_noun_ending_the_name() -> None:
    # a title before the gloss: 机主教 is no name (and sounds like another outlet's 夏志诚)
    assert "机主教" not in compare._writers_pieces("国务卿帕罗林枢机主教", ["帕罗林", "枢机主教"])
    assert "特雷斯" not in compare._writers_pieces("秘书长古特雷斯", ["古特雷斯"])
    # a transliteration jieba does not know, or reads as a short word (施 + 治安): its last three characters
    assert "者包定" in compare._writers_pieces("美国学者包定", ["美国"])
    assert "施治安" in compare._writers_pieces("议员施治安", ["治安"])


def test_another_name_a_naming_policy_gives_a_disease_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    # One disease: the PRC's 新冠, Singapore's press 冠病, Taiwan's CNA 2019冠狀病毒疾病 (text.namings).
    _model_off(monkeypatch)
    report = "卫生部周二说，当地新增15起{}病例，全部为境外输入，另有两人出院。"
    _named_only_by_naming_outlet("新冠", report.format("新冠"), report.format("冠病"), report.format("输入"))
    _named_only_by_naming_outlet("新冠", report.format("新冠"), report.format("2019冠狀病毒疾病（COVID-19）"),
                                 report.format("输入"))


def test_another_han_name_a_dictionary_glosses_with_the_same_english_name_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    # 斯坦福 and Taiwan's 史丹佛 are both Stanford by CC-CEDICT (text.dictionary_glosses); no sound key joins them.
    # Whether the mined name_usage.tsv reads 斯坦福 as used like a common word (its probability moves with each
    # rebuild: .160, then .140 in session 35) is not what this test is about: the word is taken as a name.
    _model_off(monkeypatch)
    monkeypatch.setattr("newsmirror.text.names.used_as_common_word", lambda word: False)
    report = "周二发表研究报告说，新药在临床试验中使重症患者的死亡率降低了三分之一。"
    _named_only_by_naming_outlet("斯坦福", f"美国斯坦福的学者{report}", f"美国史丹佛的学者{report}",
                                 f"美国一所大学的学者{report}")


def test_the_english_name_a_dictionary_glosses_a_han_name_with_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    _model_off(monkeypatch)
    report = "周二宣布，边境将在下月重新开放，入境者须隔离十四天，违者罚款。"
    _named_only_by_naming_outlet("昆士兰", f"澳洲总理说，昆士兰{report}", f"澳洲总理说，Queensland{report}",
                                 f"澳洲总理说，一个州{report}")


def test_a_latin_name_written_without_its_diacritics_is_the_same_name(monkeypatch: pytest.MonkeyPatch) -> None:
    # 甲报 glosses the mayor's name without its accents, 乙社 writes it with them.
    _model_off(monkeypatch)
    report = "周二表示，市议会将投票决定是否与台北市缔结姐妹城市关系，预计下月生效。"
    _named_only_by_naming_outlet("Radomir Stastny", f"市长施达尼（Radomir Stastny）{report}", f"市长Radomír Šťastný{report}",
                                 f"市长{report}")


def test_a_three_character_transliteration_jieba_cuts_apart_in_the_other_text_is_found_there() -> None:
    # 萨勒诺 and 萨莱诺 (Salerno): one character differs, of the same sound class (l); the other outlet's
    # form stands in a longer run that jieba cuts apart, so its nouns do not hold it.
    assert compare._transliterated_otherwise("萨勒诺", "球队随后前往意大利南部的萨莱诺市进行集训")
    assert not compare._transliterated_otherwise("萨勒诺", "球队随后前往意大利南部的萨克诺市进行集训")  # 克: another class
    assert not compare._transliterated_otherwise("萨勒诺", "球队随后前往意大利南部的萨了诺市进行集训")  # no run of a name
    assert not compare._transliterated_otherwise("台湾人", "台湾地区")  # no transliteration


def test_an_outlet_writing_a_gloss_with_other_punctuation_names_the_glossed_name() -> None:
    # One person glossed "Anne B.Keller" (no space after the initial) by one outlet and written "Anne B. Keller"
    # in Latin by the other: the texts are normalized, so the gloss is read as they are.
    assert compare._writes_gloss("Anne B.Keller", "律师anne b keller表示")
    assert compare._writes_gloss("Conan O'Brien", "主持人conan o brien说")
    assert compare._writes_gloss("Prayut Chan-o-cha", "总理prayut chan o cha说")
    assert not compare._writes_gloss("Prayut Chan-o-cha", "总理说 cha")  # the whole surname, not its last piece
    assert not compare._writes_gloss("Mips Technologies Inc.", "另一家公司acme inc表示")  # an abbreviation is no surname
    assert not compare._writes_gloss("Anne B.Keller", "律师anne b kelly表示")


def test_a_short_name_written_with_a_homophone_standing_alone_is_the_same_name() -> None:
    # 瑙鲁 (Nauru), which the alias table also spells 诺鲁; another outlet types 诺卢 (鲁/卢, both lu): the
    # stretch is no word and jieba cuts it apart from its neighbours.
    assert compare._misspelt_in("瑙鲁", "美方表示已与斐济、诺卢建立防卫关系")
    # A sound shared across two words is a coincidence: 普竞 of 特朗普|竞选 is no 普京.
    assert not compare._misspelt_in("普京", "伊朗方面对特朗普竞选相关人士发动攻击")
    assert not compare._misspelt_in("德粮食", "澳大利亚最大的粮食出口商")


def test_a_short_form_the_dictionary_points_to_the_name_with_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    # CC-CEDICT: 德州 "abbr. for 德克萨斯州, Texas"; 德克萨斯 "Texas". No sound key or abbreviation test joins them.
    _model_off(monkeypatch)
    report = "大学担任客座教授时被捕，检察官说他以学术研究为由获取了华为所需的技术。"
    _named_only_by_naming_outlet("德克萨斯", f"毛波去年在德克萨斯{report}", f"毛波去年在德州{report}",
                                 f"毛波去年在一所{report}")


def test_a_piece_of_a_dictionary_name_is_named_by_the_whole_names_short_form(monkeypatch: pytest.MonkeyPatch) -> None:
    # jieba cuts 维多利亚公园 (Victoria Park, CC-CEDICT) into 维多利亚|公园; 乙社 writes the park's short form 维园.
    _model_off(monkeypatch)
    report = "举行六四烛光晚会，今年警方以防疫为由首次禁止，仍有数千人到场。"
    _named_only_by_naming_outlet("维多利亚", f"每年6月4日晚，支联会都会在维多利亚公园{report}",
                                 f"每年6月4日晚，支联会都会在维园{report}", f"每年6月4日晚，支联会都会在公园{report}")


def test_a_whole_name_is_named_by_a_short_form_the_dictionary_does_not_hold_only() -> None:
    # 维园 is no entry of CC-CEDICT: a made short form of 维多利亚公园. 国安 is one ("national security"): no
    # short form of 国土安全部. A sound key or a common word inside the name (广播公司) is not asked of a whole name.
    texts = {"乙社": "支联会都会在维园举行烛光晚会", "丙台": "白宫国安顾问欧布莱恩发布声明",
             "丁报": "他在广播公司的节目中说"}
    assert compare._whole_named_in("乙社", "维多利亚公园", texts)
    assert not compare._whole_named_in("丙台", "国土安全部", texts)
    assert not compare._whole_named_in("丁报", "哥伦比亚广播公司", texts)


def test_a_piece_of_a_four_character_dictionary_name_is_named_by_a_short_form_the_cut_keeps_apart(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Constructed: 庆尚北道 (North Gyeongsang, CC-CEDICT), which jieba cuts 庆尚|北道, and its short form 庆北, which
    # no dictionary holds: a whole of four characters (``_short_form_in`` reads five or more).
    _model_off(monkeypatch)
    monkeypatch.setattr(compare, "WHOLE_SHORT_FORMS", True)
    report = "的一家化工厂周三凌晨发生爆炸，造成三名工人死亡，另有十多人受伤送医。"
    # Since session 60 (onlyx98's SHORT_PLACES_HELD) the piece 北道, a two-character place CC-CEDICT lacks, is no name
    # detail at all; the short-form reading is pinned with that filter off.
    assert "北道" not in _only([_article("甲报", f"韩国庆尚北道{report}"), _article("乙社", f"韩国南部{report}")], "甲报")
    monkeypatch.setattr(names, "SHORT_PLACES_HELD", False)
    _named_only_by_naming_outlet("北道", f"韩国庆尚北道{report}", f"韩国庆北{report}", f"韩国南部{report}")


def test_a_piece_of_a_run_of_nouns_is_named_by_the_runs_short_form_the_cut_keeps_apart(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Constructed: a club no dictionary holds, 托雷多|竞技队 in jieba's cut, and its made short form 托竞, which the
    # other outlet's cut leaves in single characters (效力|托|竞|期间).
    _model_off(monkeypatch)
    monkeypatch.setattr(compare, "WHOLE_SHORT_FORMS", True)
    report = "也曾与一家手机厂商合作，推出过一款联名品牌的手机，在球迷中颇受欢迎。"
    _named_only_by_naming_outlet("托雷多", f"他此前在西甲托雷多竞技队效力期间{report}",
                                 f"他效力托竞期间{report}", f"他效力前东家期间{report}")


def test_a_short_form_kept_apart_is_no_dictionary_word_nor_a_stretch_a_word_runs_into() -> None:
    assert compare._kept_apart_short_form_in("庆尚北道", "韩国庆北的一家化工厂")
    assert compare._kept_apart_short_form_in("托雷多竞技队", "他效力托竞期间也曾与一家手机厂商合作")  # 托|竞
    assert compare._kept_apart_short_form_in("维罗纳竞技队", "他效力维竞期间也曾与一家手机厂商合作")  # 维竞, one word
    assert not compare._kept_apart_short_form_in("托雷多竞技队", "他在托竞队效力期间")  # 竞队: a word runs on
    assert not compare._kept_apart_short_form_in("卡萨布兰卡竞技队", "他效力卡竞期间")  # 兰|卡竞|技: a stretch of it
    assert not compare._kept_apart_short_form_in("庆尚北道", "韩国庆尚的一家化工厂")  # a stretch of the name
    assert not compare._kept_apart_short_form_in("中华民国", "中国的一家化工厂")  # 中国: a dictionary word
    assert not compare._kept_apart_short_form_in("卡萨布", "他效力卡布期间")  # a whole of three characters


def test_a_homophone_misprint_of_a_name_the_cut_splits_by_a_name_stretch_is_the_name(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Constructed: a businessman 张嘉伟, misprinted 张家伟 (家 and 嘉 both jia) by the other outlet, which jieba cuts
    # 张家|伟 (张家 is in its dictionary as a person's name, nrfg, and no CC-CEDICT word).
    _model_off(monkeypatch)
    monkeypatch.setattr(compare, "HOMOPHONE_CUT_APART", True)
    report = "旗下的港口公司周三宣布，将出售其在欧洲的三座集装箱码头，交易金额约为二十亿美元。"
    _named_only_by_naming_outlet("张嘉伟", f"香港富商张嘉伟{report}", f"香港富商张家伟{report}",
                                 f"香港一名富商{report}")


def test_a_homophone_run_cut_apart_inside_is_no_name_when_a_word_holds_it_or_runs_across_its_edge(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compare, "HOMOPHONE_CUT_APART", True)
    assert compare._homophone_spelling_in("陈佳强", "富商陈家强出席")  # 陈家|强: 陈家 nrfg, no CC-CEDICT word
    assert not compare._homophone_spelling_in("王佳辉", "富商王家辉出席")  # 王家|辉: 王家 (royal family) a word
    assert not compare._homophone_spelling_in("张嘉伟", "张家伟大")  # 张家|伟大: a word runs across its edge
    monkeypatch.setattr(compare, "HOMOPHONE_CUT_APART", False)
    assert not compare._homophone_spelling_in("陈佳强", "富商陈家强出席")  # main: 陈家 holds two of its characters


def test_a_name_another_outlet_writes_otherwise_in_the_same_place_of_the_fact_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    # Two outlets tell one launch with the same words around the launch site, which each names in its own way: the
    # Jiuquan centre and the town it lies in, in Inner Mongolia (no table, dictionary or sound joins 酒泉卫星发射中心
    # and 内蒙古东风航天城).
    # An outlet writing nothing in that place, or words that hold no name (当地), is silent about it.
    _model_off(monkeypatch)
    report = "发射了一枚新型运载火箭，将三颗气象卫星送入预定轨道，航天局称发射取得圆满成功。"
    giver = f"航天局周三在酒泉卫星发射中心{report}"
    _named_only_by_naming_outlet("酒泉卫星发射中心", giver, f"航天局周三在内蒙古东风航天城{report}", f"航天局周三{report}")
    assert "酒泉卫星发射中心" in _only([_article("甲报", giver), _article("乙社", f"航天局周三在当地{report}")], "甲报")


def test_a_latin_gloss_another_outlet_translates_in_the_same_place_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    # 甲报 glosses its Han name with the Latin one; 乙社 translates it in other common words in the same place of the
    # fact. Names the dictionary glosses otherwise in that place (海南, Hainan; 文昌) are another place.
    _model_off(monkeypatch)
    report = "发射了一枚新型运载火箭，将三颗气象卫星送入预定轨道，航天局称发射取得圆满成功。"
    giver = f"航天局周三在滨海发射场（Coastal Launch Site）{report}"
    _named_only_by_naming_outlet("Coastal Launch Site", giver, f"航天局周三在海滨航天基地{report}", f"航天局周三{report}")
    assert "Coastal Launch Site" in _only([_article("甲报", giver), _article("乙社", f"航天局周三在海南文昌{report}")], "甲报")


def test_the_same_place_needs_the_same_words_on_both_sides_and_a_name_between() -> None:
    own = "航天局周三在酒泉卫星发射中心发射了一枚新型运载火箭"
    assert compare._other_in_same_place("酒泉卫星发射中心", own, "航天局周三在内蒙古东风航天城发射了一枚新型运载火箭") == "内蒙古东风航天城"
    # Common nouns in that place (东风|基地) say the place otherwise; a person there may be another person.
    assert compare._other_in_same_place("酒泉卫星发射中心", own, "航天局周三在东风基地发射了一枚新型运载火箭") is None
    # The words after it differ: no place in common.
    assert compare._other_in_same_place("酒泉卫星发射中心", own, "航天局周三在内蒙古东风航天城附近海域回收了火箭") is None
    assert compare._other_in_same_place("酒泉卫星发射中心", own, "航天局周三在当地发射了一枚新型运载火箭") is None
    # Too long for a name: a clause.
    assert compare._other_in_same_place("酒泉卫星发射中心", own, "航天局周三在内蒙古东风航天城以北两百公里的戈壁发射了一枚") is None
    glossed = "航天局周三在酒泉卫星发射中心 jiuquan satellite launch center 发射了一枚火箭"
    assert compare._other_in_same_place("Jiuquan Satellite Launch Center", glossed, "航天局周三在内蒙古东风航天城发射了一枚火箭",
                                        ("酒泉卫星发射中心",)) == "内蒙古东风航天城"


def test_an_enterprise_is_named_by_its_trade_name_and_a_legal_form() -> None:
    # A Chinese enterprise's name is its trade name, an industry word and its legal form (made-up names).
    def names(term: str, text: str) -> bool:
        return compare._names_in("乙社", term, {"乙社": text}, {})

    assert compare._trade_names("鑫岚科技有限公司") == ["鑫岚"]
    assert names("鑫岚科技有限公司", "业内人士说，看看鑫岚公司的情况")  # the industry word left out
    assert names("鑫岚科技", "他说香港鑫岚技术有限公司隐瞒了关系")  # another industry word, a legal form
    assert not names("鑫岚科技有限公司", "他说鑫岚的产品")  # the trade name alone says no enterprise
    assert not names("中国银行", "中国电信集团说")  # a place is no trade name
    assert not names("美国通用汽车公司", "美国通用电气公司说")  # 通用电气 runs on from inside the trade name


def test_a_latin_gloss_of_an_enterprise_is_named_by_its_trade_name_and_a_legal_form(monkeypatch: pytest.MonkeyPatch) -> None:
    _model_off(monkeypatch)
    # The gloss's Han name is cut from the run before it (与子公司鑫岚科技): the enterprise's name is from its trade name on.
    assert compare._enterprise_names("与子公司鑫岚科技") == ["鑫岚科技"]
    glossed = _article("甲报", "美国检方指控孟晚舟向汇丰银行隐瞒了华为与子公司鑫岚科技（Xinlan Tech）的关系，加拿大警方随后在温哥华机场将她拘捕。")
    whole = _article("乙社", "美国检方指控孟晚舟向汇丰银行隐瞒了华为与香港鑫岚技术有限公司的关系，加拿大警方随后在温哥华机场将她拘捕。")
    assert "Xinlan Tech" not in _only([glossed, whole], "甲报")
    other = _article("乙社", "美国检方指控孟晚舟向汇丰银行隐瞒了华为与另一家公司的关系，加拿大警方随后在温哥华机场将她拘捕。")
    assert "Xinlan Tech" in _only([glossed, other], "甲报")


def test_a_shop_glossed_in_the_possessive_is_named_by_an_outlet_writing_the_latin_name(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # 甲报 glosses its transliteration with the shop's own name, possessive and all; 乙社 writes only that.
    _model_off(monkeypatch)
    glossed = _article("甲报", "英国连锁超市莫里森 (Lowerby's)警告说，如果货运不能恢复，部分新鲜蔬菜将在圣诞节前断货。")
    latin = _article("乙社", "连锁超市Lowerby's警告说，如果货运不能恢复，部分新鲜蔬菜将在圣诞节前断货。")
    assert "莫里森" not in _only([glossed, latin], "甲报")
    unnamed = _article("乙社", "一家连锁超市警告说，如果货运不能恢复，部分新鲜蔬菜将在圣诞节前断货。")
    assert "莫里森" in _only([glossed, unnamed], "甲报")


def test_a_glossed_name_written_with_a_homophone_jieba_cut_apart_is_the_same_name(monkeypatch: pytest.MonkeyPatch) -> None:
    # A made-up spokesman 赛博隆 (Lukas Seboron); another outlet types 伯 for 博 (both bo), and jieba, not knowing the
    # spelling, cuts it 赛伯|隆说: a word begins with it, no word runs into it from before.
    _model_off(monkeypatch)
    assert compare._homophone_begun_in("赛博隆", "发言人赛伯隆说，")
    assert not compare._homophone_spelling_in("赛博隆", "发言人赛伯隆说，")  # "stands alone" fails on the cut
    assert not compare._homophone_begun_in("赛博隆", "发言人赛贝隆说，")  # 贝 bei: a sound class, no homophone
    assert not compare._homophone_begun_in("赛博隆", "哈萨伯隆说，")  # a word (哈萨) runs into it from before
    assert not compare._homophone_begun_in("实验室", "公共卫生试验室")  # a common word: no name a gloss follows
    report = "周一在柏林对记者表示，政府要求莫斯科对这起投毒案进行彻底调查，并将与欧盟伙伴协商下一步措施。"
    glossed = _article("甲报", f"德国政府发言人赛博隆（Lukas Seboron）{report}")
    homophone = _article("乙社", f"德国政府发言人赛伯隆{report}")
    assert "Lukas Seboron" not in _only([glossed, homophone], "甲报")
    other = _article("乙社", f"德国政府发言人{report}")
    assert "Lukas Seboron" in _only([glossed, other], "甲报")


def test_the_run_a_gloss_follows_written_with_one_homophone_is_the_same_name(monkeypatch: pytest.MonkeyPatch) -> None:
    # The whole Han run before a body's gloss (州公共卫生实验室), which another outlet writes with 试 for 实 (both shi).
    _model_off(monkeypatch)
    report = "这名患者两次感染的病毒基因序列差异明显，再次感染的可能性将影响人们对免疫的了解。"
    glossed = _article("甲报", f"美国蒙大拿州公共卫生实验室（Montana State Public Health Laboratory）研究人员说，{report}")
    homophone = _article("乙社", f"该研究报告的作者、蒙大拿大学蒙大拿州公共卫生试验室主任写道，{report}")
    assert "Montana State Public Health Laboratory" not in _only([glossed, homophone], "甲报")
    other = _article("乙社", f"该研究报告的作者、蒙大拿大学的一名主任写道，{report}")
    assert "Montana State Public Health Laboratory" in _only([glossed, other], "甲报")


def test_a_foreign_name_another_outlet_writes_otherwise_in_the_same_fact(monkeypatch: pytest.MonkeyPatch) -> None:
    # Constructed: one diplomat, 柯瑞斯朵森（Anders Kristoffersen）and 克里斯托弗森, whose consonants are the Latin
    # name's with one left out; and a city glossed with one Latin word, 蒙泰列（Montreal）, and 蒙特利尔 (m-d-l both:
    # 列 is no transliteration character, so only its gloss says 蒙泰列 is a foreign name). Worded otherwise, so that
    # no other check (the same place of the same words) joins them.
    _model_off(monkeypatch)
    cited = _article("甲报", "挪威外交官柯瑞斯朵森（Anders Kristoffersen）周二抵达北京，与中方官员会谈贸易问题。")
    said = "挪威外交部说，{}将与中方官员会谈贸易问题，他周二抵达北京。"
    assert "Anders Kristoffersen" not in _only([cited, _article("乙社", said.format("克里斯托弗森"))], "甲报")
    assert "Anders Kristoffersen" in _only([cited, _article("乙社", said.format("卡斯特罗"))], "甲报")
    city = _article("甲报", "加拿大的研究重镇蒙泰列（Montreal）、多伦多和温哥华都有地利之便，吸引了大批学生。")
    listed = "吸引大批学生的城市包括多伦多、温哥华和{}，它们有地利之便。"
    assert "蒙泰列" not in _only([city, _article("乙社", listed.format("蒙特利尔"))], "甲报")
    assert "蒙泰列" in _only([city, _article("乙社", listed.format("渥太华"))], "甲报")


def test_a_transliteration_the_consonant_rules_miss_is_read_by_the_fitted_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    # 克里斯托弗·雷 and Christopher Wray (ch read as k, ph as f), 皮亚斯 and Pearce (two consonants only): one name each by
    # the transducer fitted on the archive's glosses, which the consonant rules (reads_as) do not read. Texts as
    # normalized (the name's dot a space).
    texts = {"乙社": "联邦调查局长克里斯托弗 雷表示", "丙社": "首席经济学家brian pearce表示"}
    assert compare._names_in("乙社", "christopher wray", texts, {})
    assert compare._names_in("丙社", "皮亚斯", texts, {})
    monkeypatch.setattr(compare, "TRANSLITERATION_READER", False)
    assert not compare._names_in("乙社", "christopher wray", texts, {})
    assert not compare._names_in("丙社", "皮亚斯", texts, {})


def test_two_translations_of_one_latin_name(monkeypatch: pytest.MonkeyPatch) -> None:
    # A body's descriptive Latin name translated word by word by two outlets: the same modifiers (欧洲|太空), each its
    # own head (总署, 局). Texts as normalized.
    assert compare._translated_alike("欧洲太空总署", "欧洲太空局周五发射一枚火箭")
    # Too little shared (瑞典 of 瑞典国防军 and 瑞典军方), or the glossed run holds nothing after the shared words
    # (国家安全 is a word two texts share, not a rendering of the name), or a title before a person's name.
    assert not compare._translated_alike("瑞典国防军", "根据瑞典军方的评估")
    assert not compare._translated_alike("国家安全", "日本国家安全委员会成立")
    assert not compare._translated_alike("美国国务卿蓬佩奥", "美国国务卿办公室表示")
    monkeypatch.setattr(compare, "TRANSLATED_ALIKE", False)
    assert not compare._translated_alike("欧洲太空总署", "欧洲太空局周五发射一枚火箭")


def test_a_surname_after_the_name_dot_runs_to_the_end_of_the_name_jieba_reads_inside_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # 史蒂夫·姆努钦: jieba reads 努钦 (not at the start), and the run of transliteration characters stops at 钦, so the
    # surname is 姆 + 努钦; an outlet naming the secretary by his surname alone names 史蒂夫 too (Z05).
    monkeypatch.setattr(compare, "SURNAME_AFTER_DOT", True)
    assert compare._surnames("史蒂夫", "美国财政部长史蒂夫·姆努钦（Steven Mnuchin）说") == {"姆努钦"}
    assert compare._surnames("哈马德", "卫生部长哈马德·哈桑说") == {"哈桑"}  # jieba's name at the start, as before
    _model_off(monkeypatch)
    report = "周二说，财政部将在本周内向国会提交新一轮经济纾困方案，规模约一万亿美元。"
    _named_only_by_naming_outlet("史蒂夫", f"财政部长史蒂夫·姆努钦{report}", f"财政部长姆努钦{report}", f"财政部长{report}")
    monkeypatch.setattr(compare, "SURNAME_AFTER_DOT", False)
    assert compare._surnames("史蒂夫", "美国财政部长史蒂夫·姆努钦（Steven Mnuchin）说") == set()


def test_a_surname_with_a_title_is_named_by_the_same_surname_with_a_kin_term(monkeypatch: pytest.MonkeyPatch) -> None:
    # 郑先生 and 郑父 ("Zheng's father"), one man (AB31: 法广 writes 郑父 a clause after the fact's sentence); not a full
    # name of the surname (李先生 is not the detainee 李子贤, his son), not another surname (王父), not a term of another
    # kind (郑太太), not a word a surname begins (老先生, 王母).
    monkeypatch.setattr(compare, "SURNAME_WITH_TITLE", True)
    assert compare._titled_surname("郑先生") == ("郑", 0) == compare._titled_surname("郑父")
    assert compare._titled_surname("老先生") is None and compare._titled_surname("王母") is None
    _model_off(monkeypatch)
    said = "周三向警方报案，称儿子在海上被捕后已一个多月没有音讯，家人至今无法为他聘请律师。"
    later = "他说警方拒绝受理。"
    _named_only_by_naming_outlet("郑先生", f"郑先生{said}", f"被捕港人的父亲{said}郑父{later}", f"被捕港人的父亲{said}")
    for other in ("郑子豪的父亲", "王父", "郑太太"):
        assert "郑先生" in _only([_article("甲报", f"郑先生{said}"), _article("乙社", f"{other}{said}")], "甲报")
    monkeypatch.setattr(compare, "SURNAME_WITH_TITLE", False)
    assert "郑先生" in _only([_article("甲报", f"郑先生{said}"), _article("乙社", f"郑父{said}")], "甲报")


def test_a_bodys_glossed_part_is_named_by_an_outlet_naming_the_body(monkeypatch: pytest.MonkeyPatch) -> None:
    # 甲报 glosses the broadcaster's news service (澳大利亚广播公司|新闻网: an organisation and a common noun); 乙社 names the
    # broadcaster: its readers learn whose service it is. Not a noun that is a name itself, nor a short organisation.
    monkeypatch.setattr(compare, "GLOSSED_PART_OF_BODY", True)
    assert compare._glossed_part_bodies("ABC News", "澳大利亚广播公司新闻网 abc news 周三报道") == ["澳大利亚广播公司"]
    assert compare._glossed_part_bodies("Mike Pompeo", "美国国务卿蓬佩奥 mike pompeo 说") == []
    _model_off(monkeypatch)
    report = "中国驻澳大使周三在全国新闻俱乐部发表讲话时表示，澳方未事先知会中方便呼吁展开独立调查。"
    _named_only_by_naming_outlet("ABC News", f"澳大利亚广播公司新闻网（ABC News）报道，{report}",
                                 f"据澳大利亚广播公司报道，{report}", f"据当地媒体报道，{report}")
    monkeypatch.setattr(compare, "GLOSSED_PART_OF_BODY", False)
    assert compare._glossed_part_bodies("ABC News", "澳大利亚广播公司新闻网 abc news 周三报道") == []
    assert "ABC News" in _only([_article("甲报", f"澳大利亚广播公司新闻网（ABC News）报道，{report}"),
                                _article("乙社", f"据澳大利亚广播公司报道，{report}")], "甲报")


def test_a_name_a_bracket_gives_is_named_by_an_outlet_writing_another_name_of_it(monkeypatch: pytest.MonkeyPatch) -> None:
    # 甲报 gives the State Council's other name in a bracket after it; 乙社 writes the first only: its readers learn of
    # the same body. Likewise a drug's trade name beside its code in one bracket (an outlet writing the code names it).
    monkeypatch.setattr(compare, "BRACKET_ALIASES", True)
    assert compare._bracket_aliases("国务院（中央人民政府）周三宣布") == [("中央人民政府", "国务院")]
    assert compare._bracket_aliases("该药物（XRB2091、暂定名“康泰”）效力") == [("康泰", "xrb2091")]
    # Not a person's party, a list of members, a note, a credit closing a caption, nor the gloss of a name's last word.
    assert compare._bracket_aliases("议员林昶佐（民进党）表示") == []
    assert compare._bracket_aliases("五眼联盟（美国、英国、加拿大）") == []
    assert compare._bracket_aliases("张三（化名）说") == []
    assert compare._bracket_aliases("国务院大楼（路透社）\n") == []
    assert compare._bracket_aliases("滨海集成电路（积体电路）在建的工厂") == []
    _model_off(monkeypatch)
    report = "周三宣布开除一名退休教师的党籍，并取消其退休待遇，称她发表了严重违反政治纪律的言论。"
    _named_only_by_naming_outlet("中央人民政府", f"国务院（中央人民政府）{report}", f"国务院{report}", f"当局{report}")
    monkeypatch.setattr(compare, "BRACKET_ALIASES", False)
    assert compare._bracket_aliases("国务院（中央人民政府）周三宣布") == []
    assert "中央人民政府" in _only([_article("甲报", f"国务院（中央人民政府）{report}"), _article("乙社", f"国务院{report}")],
                                 "甲报")


def test_a_short_form_keeping_the_first_word_by_its_second_character_names_the_name(monkeypatch: pytest.MonkeyPatch) -> None:
    # 港交所 keeps 香港 by 港, 共军 keeps 中共 by 共: short forms of 香港联交所 and 中共军队 that ``abbreviates`` (the
    # first character kept) does not read.
    monkeypatch.setattr(compare, "ABBREVIATED_FIRST_WORD", True)
    assert abbreviates_first_word("港交所", "香港联交所")
    assert abbreviates_first_word("共军", "中共军队")
    assert abbreviates_first_word("港大", "香港大学")
    assert not abbreviates_first_word("明报", "光明日报")  # 光明 is no name: 明报 is another paper
    assert not abbreviates_first_word("国会", "中国人大常委会")  # the dictionary's congress, diet: no 中国
    assert not abbreviates_first_word("俄罗斯", "白俄罗斯通讯社")  # the first word is 白俄罗斯
    assert not abbreviates_first_word("国务院", "美国国务院")  # the name without its qualifier, not a short form
    _model_off(monkeypatch)
    report = "周五在{}发布公告称，公司将出售旗下多个地产项目以偿还到期债务，股价随即大跌。"
    _named_only_by_naming_outlet("香港联交所", "恒大" + report.format("香港联交所"), "恒大" + report.format("港交所"),
                                 "恒大" + report.format("深交所"))
    drill = "近日{}在台湾海峡附近举行大规模军事演习，台湾国防部表示正密切监视，并称已派出舰机应对。"
    _named_only_by_naming_outlet("中共军队", drill.format("中共军队"), drill.format("共军"), drill.format("对方"))
    monkeypatch.setattr(compare, "ABBREVIATED_FIRST_WORD", False)
    assert "香港联交所" in _only([_article("甲报", "恒大" + report.format("香港联交所")),
                              _article("乙社", "恒大" + report.format("港交所"))], "甲报")


def test_two_writings_of_one_foreign_name_in_one_fact_are_read_by_the_transducer(monkeypatch: pytest.MonkeyPatch) -> None:
    # 戴维斯 and 戴韦兹 (Davis: d-_-z against d-_-z, too short a key for the sound-class readers, and 戴维斯 a word of
    # jieba's dictionary), and a Latin name whose last word another outlet transliterates in two syllables (贝利 of
    # Mateo Belli), each in one fact of two outlets.
    monkeypatch.setattr(compare, "SPELT_OTHERWISE_IN_FACT", True)
    _model_off(monkeypatch)
    vote = "周二在议会发表讲话，称政府将在下月就新宪法草案举行全民公投，反对派表示将抵制。"
    _named_only_by_naming_outlet("戴维斯", f"总理戴维斯{vote}", f"总理戴韦兹{vote}", f"总理{vote}")
    _named_only_by_naming_outlet("Mateo Belli", f"议长洛伦佐（Mateo Belli）{vote}", f"议长贝利{vote}", f"议长{vote}")
    # Not where an outlet of the story writes both: then they are two people.
    assert "戴维斯" in _only([_article("甲报", f"总理戴维斯{vote}副总理戴韦兹表示支持。"), _article("乙社", f"总理戴韦兹{vote}")],
                          "甲报")
    monkeypatch.setattr(compare, "SPELT_OTHERWISE_IN_FACT", False)
    assert "戴维斯" in _only([_article("甲报", f"总理戴维斯{vote}"), _article("乙社", f"总理戴韦兹{vote}")], "甲报")
    assert "Mateo Belli" in _only([_article("甲报", f"议长洛伦佐（Mateo Belli）{vote}"), _article("乙社", f"议长贝利{vote}")], "甲报")
