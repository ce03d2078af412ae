"""No captions among facts and no junk among details (issue 14): own examples."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsmirror.model import Article, Image
from newsmirror.stories.compare import compare_story, is_furniture
from newsmirror.text.names import is_name_detail
from newsmirror.text.normalize import normalize

WHEN = datetime(2024, 6, 1, tzinfo=UTC)


def _article(outlet: str, body: str) -> Article:
    return Article(outlet=outlet, title="报道", original_url=f"https://{ord(outlet[0])}.example/x",
                   published_at=WHEN, body_text=body)


def _details(articles: list[Article]) -> dict[str, list[str]]:
    comparison = compare_story(articles)
    return {term: outlets for fact in [*comparison.shared, *comparison.partial]
            for term, outlets in fact.details.items()}


def test_a_caption_placing_people_is_furniture() -> None:
    assert is_furniture("外长王毅（左）与到访的法国外长勒德里昂（右）在北京会谈，双方讨论了气候合作。")
    assert is_furniture("前排左起：（左二）为新任主席，其余为委员会成员及家属代表。")
    assert not is_furniture("中国外长王毅周一在北京与法国外长勒德里昂举行会谈，双方讨论了气候合作。")


def test_a_photo_credit_naming_where_the_picture_was_taken_from_is_furniture() -> None:
    # A credit, not a statement: its site (推特, 官网) is no detail of the event.
    assert is_furniture("（圖取自美國聯邦調查局推特twitter.com/FBI）")
    assert not is_furniture("联邦调查局在推特上公布了五名被告的照片，并悬赏征集线索。")


def test_a_credit_word_used_as_an_ordinary_word_leaves_the_statement_a_fact() -> None:
    # 摄影, 编辑, 翻译, 出处, 相关报道 and an agency's Latin name are credits only in a credit's form.
    assert not is_furniture("场外不少路人举起手机拍照摄影，想记录领馆关闭前的最后一刻。")
    assert not is_furniture("该报总编辑周一在微博发文，呼吁大幅增加军费开支。")
    assert not is_furniture("当局已对涉事药厂做出處分，并撤销其生产许可；")
    assert not is_furniture("据当地媒体的相关报道，市长周二已向议会提交辞呈。")
    assert not is_furniture("不过，这种毒剂中毒可用 diazepam 等药物治疗。")
    assert not is_furniture("路透社(Reuters)的一项分析表明，该国的检测率仍然偏低。")


def test_a_credit_in_its_own_form_is_furniture() -> None:
    assert is_furniture("（实习编译：王小明/核稿：李大华）")
    assert is_furniture("（摄影：张三 / 新华社）")
    assert is_furniture("（来源：某市政府官方微博截图）")
    assert is_furniture("相关报道：公司再次被起诉")
    assert is_furniture("（Jane Doe/AFP via Getty Images）")
    assert is_furniture("水位上涨后的城区街道（图/新华社）")


def test_a_statement_with_a_credit_word_is_matched_across_outlets() -> None:
    one = _article("甲报", "领馆将于周一关闭。场外不少路人举起手机拍照摄影，想记录领馆关闭前的最后一刻。")
    two = _article("乙台", "领馆周一关闭。很多路人在领馆外拍照摄影，想记录领馆关闭前的最后一刻。")
    comparison = compare_story([one, two])
    photographed = [f for f in comparison.shared if any("最后一刻" in r.text for r in f.sentences)]
    assert photographed and set(photographed[0].outlets) == {"甲报", "乙台"}


def test_a_caption_is_in_no_fact() -> None:
    with_photo = _article("丙网", "外长王毅（左）与到访的法国外长勒德里昂（右）周一在北京会谈。\n\n"
                                 "中国外长王毅周一在北京与法国外长勒德里昂举行会谈，双方讨论了气候合作。")
    other = _article("丁台", "法国外长勒德里昂周一在北京与中国外长王毅会谈，双方讨论了气候合作。")
    comparison = compare_story([with_photo, other])
    texts = [s.text for f in [*comparison.shared, *comparison.partial, *comparison.unique.get("丙网", [])]
             for s in f.sentences]
    assert not any("（左）" in text for text in texts)
    assert any("举行会谈" in text for text in texts)  # the report's own sentence still aligns


def test_a_phrase_the_dictionary_tags_as_a_name_is_no_detail() -> None:
    first = _article("甲报", "国际专家组已结束在武汉为期三周的实地调查。\n\n专家组成员将在下周公布初步结论。")
    second = _article("乙社", "国际专家组结束了在武汉为期三周的实地调查。\n\n"
                              "专家组将在日内瓦举行记者会，在中美关系紧张之际公布初步结论。")
    details = _details([first, second])
    assert "中美关系" not in details
    assert details.get("日内瓦") == ["乙社"]  # a name one outlet adds still is one


def test_pieces_of_a_name_spelled_two_ways_are_no_details() -> None:
    # jieba cuts the two spellings differently: 林德梅 + 耶, 林 + 德梅尔.
    first = _article("甲报", "世卫组织发言人林德梅耶周二表示，国际专家组已结束在武汉为期三周的实地调查。")
    second = _article("乙社", "世卫组织发言人林德梅尔周二说，国际专家组结束了在武汉为期三周的实地调查。")
    third = _article("丙网", "世卫组织周二表示，国际专家组结束了在武汉为期三周的实地调查。")
    details = _details([first, second, third])
    assert not {"林德梅", "德梅尔"} & set(details)


def test_whole_names_pass_and_phrases_and_pieces_do_not() -> None:
    sentence = "美军从马绍尔群岛附近发射导弹，克瑞布斯与胡锡进均未置评，由北向南航行"
    assert is_name_detail("马绍尔群岛", sentence)  # a place ending in a kind of place
    assert is_name_detail("克瑞布斯", sentence)  # a transliteration jieba does not know
    assert is_name_detail("胡锡进", sentence)  # a Chinese name the tagger reads as one
    assert not is_name_detail("克瑞布", sentence)  # a piece of the transliteration
    assert not is_name_detail("由北向南", sentence)  # the dictionary's nr, but a phrase
    assert not is_name_detail("达成协议", "双方大致达成协议")
    assert not is_name_detail("延后", "审批将会延后")  # two characters, tagged nr


@pytest.fixture
def cut_names_off_the_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("newsmirror.text.names.CUT_FROM_TRANSLITERATION", True)  # off by default (not shipped on)


@pytest.mark.usefixtures("cut_names_off_the_list")
def test_a_name_jieba_cut_from_a_longer_transliteration_is_no_name_alone() -> None:
    # 安|托诺夫: jieba's dictionary holds 托诺夫, so it leaves 安 of 安托诺夫 (Antonov) a word of its own.
    plane = normalize("一架安托諾夫26式運輸機（Antonov 26）週五晚間在東部墜毀")
    assert not is_name_detail("托诺夫", plane)
    assert not is_name_detail("托诺夫", normalize("空军的一架安托诺夫运输机在降落前坠毁"))  # no gloss either
    assert is_name_detail("托诺夫", normalize("俄罗斯外交官托诺夫当天表示反对"))  # the name alone
    # A neighbour that is a name itself, or a function word, is no piece of the name.
    assert is_name_detail("安倍晋三", normalize("据报道安倍晋三将于下周访问"))


@pytest.mark.usefixtures("cut_names_off_the_list")
def test_only_x_never_lists_a_cut_of_a_longer_name() -> None:
    first = _article("甲台", "（甲台基輔3日電）烏克蘭空軍一架安托諾夫26式運輸機（Antonov 26）3日晚間在東部墜毀，"
                     "機上28人中至少22人罹難，多為空軍學校學員。")
    second = _article("乙网", "乌克兰空军一架安-26运输机3日晚间在东部坠毁，机上28人中至少22人遇难，多为空军学校学员。")
    details = _details([first, second])
    assert "托诺夫" not in details


def test_a_piece_jieba_cut_from_a_name_a_latin_gloss_follows_is_no_name() -> None:
    # Made-up names: the gloss says the whole run before it is one name, so the known word jieba cut from it is a piece.
    after = normalize("代表团抵达新港迪（Newport Dee）后举行会谈")  # 新港 | 迪: the name runs on to the gloss
    before = normalize("舰队停泊在卡塔马南港（Katamanang）外海")  # 卡塔马 | 南港: the name ends at the gloss
    assert not is_name_detail("新港", after)
    assert not is_name_detail("南港", before)
    # The rest a name of its own: a word of the dictionary (沙特), or a run long enough to be a foreign name.
    assert is_name_detail("利雅得", normalize("他飞往沙特利雅得（Riyadh）会见王储"))
    assert is_name_detail("新港", normalize("新港博索纳塔（Bosonata）当天表示"))
    # No gloss after the name: the word stands as it is.
    assert is_name_detail("南港", normalize("舰队停泊在南港外海"))
    # An organisation's head a name qualifies stands for the whole name (阿迪达新闻社), the detail there.
    assert is_name_detail("新闻社", normalize("他向阿迪达新闻社（Adida News）表示"))


def test_a_common_word_with_a_one_character_ending_is_no_name() -> None:
    assert not is_name_detail("商务网", "他在商务网上看到了这则消息")  # nz, but 新闻 + 网 like 交通网
    assert not is_name_detail("蘑菇云", "核爆后升起巨大的蘑菇云")  # 云 is ns (云南) alone
    assert is_name_detail("外交部", "中国外交部周一表示反对")  # 部: the dictionary is split
    assert is_name_detail("朝鲜人", "许多朝鲜人认为")  # a name plus the ending


def test_a_word_glued_to_a_character_the_dictionary_lacks_is_a_piece() -> None:
    assert not is_name_detail("文攻武", "对岸的文攻武吓，不会让台湾屈服")  # bulk-list nr
    assert is_name_detail("宋忠平", "军事评论员宋忠平说，美军当天试射成功")  # unknown: not asked


def test_a_cloud_is_no_detail_of_an_explosion() -> None:
    first = _article("甲报", "黎巴嫩首都贝鲁特港口周二发生剧烈爆炸，现场升起巨大的蘑菇云，造成大量伤亡。")
    second = _article("乙社", "黎巴嫩首都贝鲁特港口周二发生剧烈爆炸，造成大量伤亡。")
    assert "蘑菇云" not in _details([first, second])


def test_a_common_word_the_dictionary_tags_as_a_name_is_none_when_news_uses_it_as_common() -> None:
    # jieba tags 治安 and 嘉宾 ns, 黑名单 nr; news text uses them where common words stand (text.name_usage).
    assert not is_name_detail("治安", "当地社会治安持续恶化")
    assert not is_name_detail("嘉宾", "节目邀请多位嘉宾出席")
    assert not is_name_detail("黑名单", "美国将这家公司列入黑名单")
    assert is_name_detail("台北", "代表团周一抵达台北")  # used where places stand: the tag stands
    assert is_name_detail("叙利亚", "联合国特使前往叙利亚")


def test_a_word_the_bilingual_dictionary_holds_only_as_a_common_word_is_no_name_unless_glossed_as_one() -> None:
    # jieba tags 攸关 as a name; CC-CEDICT holds it only with lower-case pinyin (you1 guan1, "at stake").
    assert not is_name_detail("攸关", "这是生死攸关的问题")
    # A Latin name right after it (normalized: brackets and capitals gone) glosses it as a name.
    assert is_name_detail("攸关", normalize("攸关（Youguan）公司周二宣布"))
    assert is_name_detail("万象", "代表团周一抵达万象")  # also Vientiane in the dictionary: the tag stands
    # 商学院 is a common word ("business school"); qualified by a name it heads the whole name (longer_name).
    assert is_name_detail("商学院", "他就读于汇丰商学院")


def test_a_word_tagged_as_a_person_that_begins_with_a_common_word_is_no_name() -> None:
    # jieba tags 道德风尚, 麻醉品 and 顾问团 nr; each begins with a word CC-CEDICT holds only as a common word
    # (道德, 麻醉, 顾问), as a person's name never does.
    assert not is_name_detail("道德风尚", "评论说这座城市的道德风尚正在败坏")
    assert not is_name_detail("麻醉品", "警方查获一批走私麻醉品")
    assert not is_name_detail("顾问团", "总统的顾问团周二开会")
    # A person's name begins with a surname or a foreign name's first syllables: the tag stands.
    assert is_name_detail("蓬佩奥", "美国国务卿蓬佩奥周二表示")
    assert is_name_detail("汪文斌", "外交部发言人汪文斌周二表示")
    # Papers' and bodies' names are made of common words: the test is for the person's tag alone.
    assert is_name_detail("苹果日报", "香港苹果日报周二报道")


def test_an_unknown_word_the_tagger_cuts_otherwise_is_a_piece() -> None:
    # jieba-rs cuts 布琼次|仁 and 抗冠毒|疫苗 where the tagger's own model cuts 布琼次仁 and 抗冠|毒|疫苗: the
    # dictionary knows neither word, and the two models disagree on where it ends.
    assert not is_name_detail("布琼次", "副主席布琼次仁周二表示")
    assert not is_name_detail("抗冠毒", "德国生物技术公司的抗冠毒疫苗明年上市")
    # An unknown name both cut alike stands, and one the tagger cuts into pieces it tags all as names
    # (林克维|丘斯, both nr): the same name read in parts.
    assert is_name_detail("博雷利", "欧盟外长博雷利周二表示")
    assert is_name_detail("林克维丘斯", "外长林克维丘斯已接受病毒检测")


def test_an_organisation_head_written_onto_a_common_noun_is_no_name() -> None:
    # jieba's dictionary lacks the bodies' whole names and cuts them into a common noun and a head it tags nt
    # (劳动|福利部, 计划|财务司): the head alone names no body.
    assert not is_name_detail("福利部", "根据劳动福利部的统计")
    assert not is_name_detail("财务司", "该省教育厅计划财务司周三发文")
    # A place before the head is where the body is (台湾|外交部), a name before it makes the whole name the detail
    # (俄罗斯|卫星|通讯社), and a head standing alone once in the sentence stands.
    assert is_name_detail("外交部", "台湾外交部周二表示")
    assert is_name_detail("通讯社", "据俄罗斯卫星通讯社报道")
    assert is_name_detail("安全部", "能源安全部周二表示，安全部将调查此事")
    # A head CC-CEDICT holds as a proper name (民进党, 新华社), or whose first part it holds as one (波音 of 波音公司),
    # is a name of its own written after a common noun in apposition (执政党, 官媒, 制造商).
    assert is_name_detail("民进党", "执政党民进党周二表示")
    assert is_name_detail("新华社", "据官媒新华社报道")
    assert is_name_detail("波音公司", "飞机制造商波音公司周二表示")


def test_an_organisation_head_used_as_a_common_noun_still_heads_the_name_that_qualifies_it() -> None:
    # 新闻社 is used as a common noun (text.name_usage); qualified by a name it stands for the whole name.
    assert is_name_detail("新闻社", "据彭博新闻社报道，苹果公司周一发布新品")
    assert not is_name_detail("新闻社", "法新社和美联社都是新闻社")


def test_an_outlet_writing_the_latin_gloss_the_archive_gives_a_han_name_names_it() -> None:
    # The archive's outlets gloss 蓝韬文 as Dominic Raab (text.glosses): an outlet writing the Latin name names him.
    from newsmirror.stories.compare import _names_in
    texts = {"甲": "英国外相蓝韬文周一说", "乙": "英国外相 dominic raab 周一说", "丙": "英国外相周一说"}
    assert _names_in("乙", "蓝韬文", texts, {})
    assert not _names_in("丙", "蓝韬文", texts, {})


def _pictured(outlet: str, caption: str, body: str) -> Article:
    article = _article(outlet, f"{caption}\n\n{body}")
    article.images = [Image(url=f"https://{ord(outlet[0])}.example/photo.jpg", caption=caption)]
    return article


def _units(comparison_articles: list[Article], outlet: str) -> list[str]:
    comparison = compare_story(comparison_articles)
    return [s.text for f in [*comparison.shared, *comparison.partial, *comparison.unique.get(outlet, [])]
            for s in f.sentences if s.outlet == outlet]


def test_a_caption_closing_on_a_file_photos_date_is_in_no_fact() -> None:
    # What a file photo shows, dated in brackets years before the report: not a statement of it, though it reads like one.
    caption = "日本首相在东京会晤到访的某国外长，两人在会晤前握手致意。（2020年11月25日）"
    with_photo = _pictured("丙网", caption, "日本首相周二在东京与到访的某国外长举行会谈，双方同意重启经济对话。")
    other = _article("丁台", "某国外长周二在东京与日本首相会谈，双方同意重启经济对话。")
    texts = _units([with_photo, other], "丙网")
    assert not any("握手致意" in text or "会晤到访" in text for text in texts)
    assert any("重启经济对话" in text for text in texts)  # the report's own sentence still aligns


def test_only_a_file_photos_caption_closing_on_its_date_leaves_a_paragraph_out() -> None:
    # A caption closing on its credit states the report's news (a wire's lead caption is the story's summary), and the
    # same dated line in body text, not a caption, is the report's: both stay units.
    credited = "某国国防部14日表示，一艘驱逐舰由南向北航经海峡，全程受到监控。（圖取自某舰队脸书）"
    with_credit = _pictured("丙网", credited, "国防部说，驱逐舰航经海峡期间，周边海空域状况均正常。")
    assert any("航经海峡，" in text or "由南向北" in text for text in _units([with_credit], "丙网"))
    dated = "某国外长与日本首相在东京会晤，双方同意重启中断两年的经济对话。（2020年11月25日）"
    plain = _article("丙网", f"{dated}\n\n日本首相周二在东京与到访的某国外长举行会谈。")
    assert any("重启中断两年" in text for text in _units([plain], "丙网"))
    # A photo of the report's day (or the day before) pictures the news event itself: it stays a telling of it.
    for day in ("2024年6月1日", "2024年5月31日"):
        same_day = _pictured("丙网", f"某国外长与日本首相在东京会晤，双方同意重启中断两年的经济对话。（{day}）",
                             "日本首相周二在东京与到访的某国外长举行会谈。")
        assert any("重启中断两年" in text for text in _units([same_day], "丙网"))
    # A month without its day is the month's last day; two days before the report is old enough.
    for caption in ("某国外长与日本首相在东京会晤，双方同意重启中断两年的经济对话。（2024年4月）",
                    "某国外长与日本首相在东京会晤，双方同意重启中断两年的经济对话。（2024年5月30日）"):
        old = _pictured("丙网", caption, "日本首相周二在东京与到访的某国外长举行会谈。")
        assert not any("重启中断两年" in text for text in _units([old], "丙网"))


def test_a_file_photos_date_beside_its_credit_in_the_bracket_leaves_the_caption_out() -> None:
    # 美国之音 writes the credit or a note in the date's bracket (（路透社2019年5月15日资料照）): the date still dates the photo
    # (compare71). The same bracket closing a body paragraph, and a photo of the report's day with its credit, stay units.
    for bracket in ("（路透社2024年4月3日）", "（2023年8月15日资料照）", "（摄于2024年4月）", "(2015年7月23日 Reuters)"):
        old = _pictured("丙网", f"某国外长与日本首相在东京会晤，双方同意重启中断两年的经济对话。{bracket}",
                        "日本首相周二在东京与到访的某国外长举行会谈。")
        assert not any("重启中断两年" in text for text in _units([old], "丙网")), bracket
    same_day = _pictured("丙网", "某国外长与日本首相在东京会晤，双方同意重启中断两年的经济对话。（路透社2024年6月1日）",
                         "日本首相周二在东京与到访的某国外长举行会谈。")
    assert any("重启中断两年" in text for text in _units([same_day], "丙网"))
    body = _article("丙网", "某国外长与日本首相在东京会晤，双方同意重启中断两年的经济对话。（路透社2024年4月3日）\n\n"
                    "日本首相周二在东京与到访的某国外长举行会谈。")
    assert any("重启中断两年" in text for text in _units([body], "丙网"))
    # Two dates or a sentence in the bracket are no photo's date.
    two = _pictured("丙网", "某国外长与日本首相在东京会晤，双方同意重启中断两年的经济对话。（2024年4月3日与2024年4月5日）",
                    "日本首相周二在东京与到访的某国外长举行会谈。")
    assert any("重启中断两年" in text for text in _units([two], "丙网"))
