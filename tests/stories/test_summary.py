from __future__ import annotations

from newsmirror.stories.compare import compare_story
from newsmirror.stories.comparison import Comparison, Fact, SentenceRef
from newsmirror.stories.summary import summarize
from tests.stories.fixtures import TRADE_HANS, TRADE_HANT


def test_summary_puts_shared_facts_first_then_each_outlets_own_facts() -> None:
    comparison = compare_story([TRADE_HANS, TRADE_HANT])
    summary = summarize(comparison, shared=2, own=1)
    assert summary.common and all(len(f.outlets) == 2 for f in summary.common)
    assert len(summary.common) <= 2
    # 乙社 alone reports the farmers' protest; with room for one own fact, the rest is counted.
    own = summary.own["乙社"]
    assert len(own) == 1
    total_own = len(comparison.unique["乙社"])
    assert summary.more_own["乙社"] == total_own - 1


def test_an_outlets_own_facts_are_ranked_lead_first() -> None:
    comparison = compare_story([TRADE_HANS, TRADE_HANT])
    ranked = summarize(comparison, own=10).own["甲报"]
    indexes = [fact.sentences[0].index for fact in ranked]
    assert indexes == sorted(indexes) or len(indexes) <= 1


def test_a_sentence_standing_in_two_facts_opens_only_one_of_them_in_the_summary() -> None:
    packed = SentenceRef("a1", "甲报", 0, "副外长2日至3日访俄，会见外长。")
    visit = SentenceRef("b1", "乙报", 0, "副外长2日至3日访俄。")
    meeting = SentenceRef("c1", "丙报", 2, "副外长会见了外长。")
    other = SentenceRef("b1", "乙报", 3, "双方同意加强合作。")
    echo = SentenceRef("c1", "丙报", 4, "两国同意加强合作。")
    comparison = Comparison(story_id="s1", outlets=["甲报", "乙报", "丙报"],
                            partial=[Fact([packed, visit]), Fact([packed, meeting]), Fact([other, echo])])
    common = summarize(comparison).common
    assert [fact.sentences[0].text for fact in common] == [packed.text, other.text]


def test_a_line_standing_for_two_facts_counts_the_outlets_of_both() -> None:
    # 丙报 reports a part of 甲报's packed sentence (the meeting): a line naming who leaves it out (除…外) must not
    # name 丙报, so the line counts 甲报, 乙报 and 丙报.
    packed = SentenceRef("a1", "甲报", 0, "副外长2日至3日访俄，会见外长。")
    visit = SentenceRef("b1", "乙报", 0, "副外长2日至3日访俄。")
    meeting = SentenceRef("c1", "丙报", 2, "副外长会见了外长。")
    comparison = Comparison(story_id="s1", outlets=["甲报", "乙报", "丙报", "丁报"],
                            partial=[Fact([packed, visit]), Fact([packed, meeting])])
    (line,) = summarize(comparison).common
    assert line.sentences[0] == packed
    assert line.outlets == ["丙报", "乙报", "甲报"]


def _three(common: list[Fact], unique: dict[str, list[Fact]] | None = None) -> Comparison:
    return Comparison(story_id="s1", outlets=["甲报", "乙报", "丙报"], partial=common, unique=unique or {})


def test_a_common_line_is_said_by_the_outlet_whose_unit_opens_its_sentence() -> None:
    # 甲报's unit is the second clause of its sentence (no subject alone); 乙报 wrote the fact as a sentence.
    head = SentenceRef("a1", "甲报", 0, "已解散的香港众志前秘书长黄之锋、周庭及林朗彦，")
    clause = SentenceRef("a1", "甲报", 1, "于去年6月21日号召群众包围警察总部。")
    whole = SentenceRef("b1", "乙报", 4, "黄之锋等三人去年6月21日号召群众包围警察总部。")
    comparison = _three([Fact([clause, whole])], {"甲报": [Fact([head])]})
    (line,) = summarize(comparison).common
    assert line.sentences[0] == whole
    assert line.outlets == ["乙报", "甲报"]


def test_a_common_line_no_outlet_wrote_whole_is_shown_with_its_sentences_head() -> None:
    head = SentenceRef("a1", "甲报", 0, "已解散的香港众志前秘书长黄之锋、周庭及林朗彦，")
    clause = SentenceRef("a1", "甲报", 1, "于去年6月21日号召群众包围警察总部。")
    head_b = SentenceRef("b1", "乙报", 3, "法院指出，")
    clause_b = SentenceRef("b1", "乙报", 4, "三人于去年6月21日号召群众包围警察总部。")
    comparison = _three([Fact([clause, clause_b])], {"甲报": [Fact([head])], "乙报": [Fact([head_b])]})
    (line,) = summarize(comparison).common
    assert line.sentences[0].text == head.text + clause.text
    assert (line.sentences[0].article_id, line.sentences[0].index) == ("a1", 1)


def test_a_question_is_no_line_of_the_summary() -> None:
    asked = SentenceRef("a1", "甲报", 5, "他还将继续治国理政吗？")
    asked_too = SentenceRef("b1", "乙报", 5, "接下来将发生什么？")
    told = SentenceRef("a1", "甲报", 2, "总统周五住进医院。")
    told_too = SentenceRef("b1", "乙报", 2, "总统周五入院治疗。")
    link = SentenceRef("c1", "丙报", 0, "时事大家谈：美印2+2会谈登场，华盛顿、新德里强势联手怼北京？")
    own = SentenceRef("c1", "丙报", 1, "美印签署基本交流与合作协定。")
    comparison = _three([Fact([asked, asked_too]), Fact([told, told_too])], {"丙报": [Fact([link]), Fact([own])]})
    summary = summarize(comparison)
    assert [line.sentences[0] for line in summary.common] == [told]
    assert [line.sentences for line in summary.own["丙报"]] == [[own]]
    assert summary.more_own["丙报"] == 1  # the question stays in the grid's list, counted under 另有N条


def test_an_outlets_own_clause_is_shown_after_its_sentences_head() -> None:
    head = SentenceRef("a1", "甲报", 3, "黄之锋周三被判入狱，")
    clause = SentenceRef("a1", "甲报", 4, "并被立即收押，为这座城市一个月以来第30宗逮捕。")
    before = SentenceRef("a1", "甲报", 2, "三人承认煽惑他人参与未经批准集结。")
    shared = SentenceRef("b1", "乙报", 0, "三人承认煽惑他人参与未经批准集结罪。")
    comparison = _three([Fact([before, shared])], {"甲报": [Fact([clause]), Fact([head])]})
    (line,) = summarize(comparison, own=1).own["甲报"]
    assert line.sentences == [head, clause]


def test_an_outlets_line_saying_again_what_the_summary_said_is_not_shown() -> None:
    # Two reports of one outlet hold the same paragraph; and one repeats a common line word for word.
    said = SentenceRef("a1", "甲报", 0, "惠勒原本打算於12月出访台湾。")
    said_again = SentenceRef("a2", "甲报", 0, "惠勒原本打算於12月出访台湾。")
    common = SentenceRef("a1", "甲报", 3, "她与相关官员会无畏无惧，坚定维护国安。")
    common_b = SentenceRef("b1", "乙报", 3, "她说会无畏无惧，坚定维护国安。")
    common_again = SentenceRef("a2", "甲报", 7, "她与相关官员会无畏无惧，坚定维护国安。")
    other = SentenceRef("a2", "甲报", 9, "行程曝光后引起各方瞩目。")
    comparison = _three([Fact([common, common_b])],
                        {"甲报": [Fact([said]), Fact([said_again]), Fact([common_again]), Fact([other])]})
    lines = summarize(comparison, own=3).own["甲报"]
    assert ["".join(ref.text for ref in line.sentences) for line in lines] == [said.text, other.text]


def test_a_unit_opening_on_a_comma_or_closing_a_quotation_it_does_not_open_is_not_a_lines_first_choice() -> None:
    comma = SentenceRef("a1", "甲报", 3, "，推动两国关系沿着正确轨道向前发展。")
    whole = SentenceRef("b1", "乙报", 5, "他希望推动两国关系沿着正确的轨道向前发展。")
    tail = SentenceRef("a1", "甲报", 8, "我们的敌对者总是在寻求利用我们的弱点。”")
    said = SentenceRef("c1", "丙报", 2, "史密斯警告说：“我们的对手一直在寻找可以利用的弱点。”")
    comparison = _three([Fact([comma, whole]), Fact([tail, said])])
    assert [line.sentences[0] for line in summarize(comparison).common] == [said, whole]


def test_an_outlets_line_is_told_apart_from_one_shown_after_its_head_in_either_width() -> None:
    # Two reports of one outlet: the second's clause, shown after its head, repeats the first's line ((EDWA) / （EDWA）).
    first = SentenceRef("a1", "甲报", 0, "检察官办公室(EDWA)周二起诉两名黑客，在全球范围内进行大规模的计算机入侵活动。")
    head = SentenceRef("a2", "甲报", 0, "检察官办公室（EDWA）周二起诉两名黑客，")
    clause = SentenceRef("a2", "甲报", 1, "在全球范围内进行大规模的计算机入侵活动。")
    other = SentenceRef("a2", "甲报", 6, "司法部2018年底开展了中国行动计划。")
    comparison = _three([], {"甲报": [Fact([first]), Fact([clause]), Fact([other]), Fact([head])]})
    lines = summarize(comparison, own=2).own["甲报"]
    assert [line.sentences for line in lines] == [[first], [other]]


def test_a_quotation_no_unit_says_whose_is_neither_a_lines_first_choice_nor_an_outlets_line() -> None:
    quoted = SentenceRef("a1", "甲报", 4, "「我們期待他趕快展現自己真正的實力，早日遏制住國內疫情」。")
    said = SentenceRef("b1", "乙报", 2, "赵立坚讽刺道：“我们期待他赶快展现自己真正的实力，早日遏制住国内的疫情。”")
    tail = SentenceRef("c1", "丙报", 9, "我们会依法处置这些人。”")
    own = SentenceRef("c1", "丙报", 3, "内部安全局将对他进行问询。")
    comparison = _three([Fact([quoted, said])], {"丙报": [Fact([tail]), Fact([own])]})
    summary = summarize(comparison)
    assert [line.sentences[0] for line in summary.common] == [said]
    assert [line.sentences for line in summary.own["丙报"]] == [[own]]


def test_an_outlets_line_holding_another_reports_line_shown_already_is_not_shown() -> None:
    short = SentenceRef("a1", "甲报", 0, "惠勒原定12月初率团造访台湾。")
    longer = SentenceRef("a2", "甲报", 0, "美国环保署长惠勒原定12月初率团造访台湾，但行程已取消。")
    other = SentenceRef("a2", "甲报", 5, "上次美国环保署长访台是在2014年。")
    comparison = _three([], {"甲报": [Fact([short]), Fact([longer]), Fact([other])]})
    lines = summarize(comparison, own=2).own["甲报"]
    assert [line.sentences for line in lines] == [[short], [other]]


def test_a_quotation_standing_alone_is_no_outlets_line() -> None:
    heading = SentenceRef("a1", "甲报", 6, "「中国已成黑客天堂」")
    own = SentenceRef("a1", "甲报", 7, "助理司法部长德梅尔斯在声明中表示，中国已成为窝藏黑客的天堂。")
    comparison = _three([], {"甲报": [Fact([heading]), Fact([own])]})
    assert [line.sentences for line in summarize(comparison, own=2).own["甲报"]] == [[own]]


def test_a_common_lines_sentence_is_not_shown_again_as_the_head_of_the_next() -> None:
    head = SentenceRef("a1", "甲报", 2, "我们正转向仅限合作伙伴的模式，")
    clause = SentenceRef("a1", "甲报", 3, "这些公司能在中国大陆地区提供更好的地方支持。")
    head_b = SentenceRef("b1", "乙报", 5, "Zoom表示正转向仅限合作伙伴的模式。")
    clause_b = SentenceRef("b1", "乙报", 7, "合作伙伴能在中国大陆提供更好的支持，")
    comparison = _three([Fact([head, head_b]), Fact([clause, clause_b]),
                         Fact([SentenceRef("a1", "甲报", 9, "服务转型将于8月23日生效。"),
                               SentenceRef("b1", "乙报", 9, "转型8月23日生效。")])],
                        {"乙报": [Fact([SentenceRef("b1", "乙报", 6, "声明说，")])]})
    common = summarize(comparison).common
    texts = [line.sentences[0].text for line in common]
    assert texts == [head.text, "服务转型将于8月23日生效。"]


def test_a_fact_told_only_in_a_pictures_caption_is_no_outlets_line_of_a_report_with_text() -> None:
    caption = SentenceRef("a1", "甲报", 0, "人们骑车路过位于北京中央商业区的央视大楼。")
    told = SentenceRef("a1", "甲报", 1, "美国将四家中国媒体列为外国使团。")
    told_b = SentenceRef("b1", "乙报", 0, "美国把四家中国媒体定为外国使团。")
    own = SentenceRef("a1", "甲报", 5, "这些媒体须向国务院申报人员名单。")
    photo = SentenceRef("c1", "丙报", 0, "登山队队员在珠峰峰顶开展测量工作。")  # a photo story: its captions are its text
    comparison = _three([Fact([told, told_b])], {"甲报": [Fact([caption]), Fact([own])], "丙报": [Fact([photo])]})
    comparison.captions = {"a1": [0], "c1": [0]}
    summary = summarize(comparison)
    assert [line.sentences for line in summary.own["甲报"]] == [[own]]
    assert [line.sentences for line in summary.own["丙报"]] == [[photo]]
    assert summary.more_own["甲报"] == 1


def test_an_outlets_clause_of_a_common_lines_sentence_is_not_shown_again_with_its_head() -> None:
    # The common line stops on its comma; the outputs show its sentence's rest after it, 甲报's own clause.
    head = SentenceRef("a1", "甲报", 2, "美国国防部批准联邦政府采购并使用五种美国制造的小型无人机，")
    clause = SentenceRef("a1", "甲报", 3, "防范中国产品可能对美国国家安全构成的威胁。")
    head_b = SentenceRef("b1", "乙报", 0, "美国国防部批准采购五种美国制造的小型无人机。")
    other = SentenceRef("a1", "甲报", 8, "这五家公司的无人机可从9月起供联邦政府采购。")
    comparison = _three([Fact([head, head_b])], {"甲报": [Fact([clause]), Fact([other])]})
    summary = summarize(comparison)
    assert [line.sentences for line in summary.own["甲报"]] == [[other]]


def test_one_outlets_two_reports_copies_of_a_sentence_make_one_line() -> None:
    first = SentenceRef("a1", "甲报", 0, "日本內閣官房長官菅義偉2日宣布參選執政黨自民黨黨魁選舉，若於14日勝選，16日將被選為首相。")
    copy = SentenceRef("a2", "甲报", 0, "日本內閣官房長官菅義偉今天傍晚宣布參選執政黨自民黨黨魁選舉，若14日勝選，16日將被選為首相。")
    other = SentenceRef("a2", "甲报", 4, "黨內最大派閥細田派等召開記者會表示支持。")
    comparison = _three([], {"甲报": [Fact([first]), Fact([copy]), Fact([other])]})
    assert [line.sentences for line in summarize(comparison).own["甲报"]] == [[first], [other]]
    # One report's two sentences alike are two statements (its list of figures): both stay.
    a = SentenceRef("a3", "乙报", 0, "大型企业采购经理指数为52.0，比上月回落0.1个百分点。")
    b = SentenceRef("a3", "乙报", 1, "中型企业采购经理指数为51.0，比上月上升0.8个百分点。")
    comparison = _three([], {"乙报": [Fact([a]), Fact([b])]})
    assert len(summarize(comparison).own["乙报"]) == 2


def test_words_of_a_quotation_whose_speaker_the_line_does_not_give_are_no_line() -> None:
    opening = SentenceRef("a1", "甲报", 4, "许章润称，“我家门前探头多，心里甭提多舒服。")
    inside = SentenceRef("a1", "甲报", 5, "有时候不免瞎想，那可能是双倦怠浑浊的眼睛。")
    closing = SentenceRef("a1", "甲报", 6, "也可能明眸清澈，自认为明白这份工作的意义。”")
    opens = SentenceRef("a2", "甲报", 2, "“根据第13871号行政令，我们采取了今天的行动。")
    own = SentenceRef("a2", "甲报", 9, "制裁将冻结这些公司在美国的财产。")
    comparison = _three([], {"甲报": [Fact([inside]), Fact([opens]), Fact([closing]), Fact([own]), Fact([opening])]})
    lines = summarize(comparison, own=3).own["甲报"]
    assert sorted(line.sentences[0].text for line in lines) == sorted([own.text, opening.text])
    # A quotation a page never closes is nobody's words after it: the lines after it are the report's.
    slip = SentenceRef("b1", "乙报", 5, "他在紙條上寫下「李總統遺留的民主資產，將永遠推動美台關係向前進。")
    after = SentenceRef("b1", "乙报", 6, "結束追思行程後，他趕往參訪口罩工廠。")
    comparison = _three([], {"乙报": [Fact([after]), Fact([slip])]})
    assert [after] in [line.sentences for line in summarize(comparison).own["乙报"]]


def test_a_quotation_closed_in_straight_quotes_is_not_a_lines_first_choice() -> None:
    tail = SentenceRef("a1", "甲报", 8, '各民族都有使用和发展自己的语言文字的自由……"')
    whole = SentenceRef("b1", "乙报", 3, "中华人民共和国宪法规定各民族有使用和发展自己语言文字的自由。")
    comparison = _three([Fact([tail, whole])])
    assert [line.sentences[0] for line in summarize(comparison).common] == [whole]
