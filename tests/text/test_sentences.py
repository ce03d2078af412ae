from __future__ import annotations

from newsmirror.text.sentences import split_sentences


def test_splits_on_terminal_punctuation_and_keeps_closing_quotes() -> None:
    text = "他说：“我们明天出发。”随后离开了会场！记者问：真的吗？「是的。」"
    assert split_sentences(text) == ["他说：“我们明天出发。”", "随后离开了会场！", "记者问：真的吗？", "「是的。」"]


def test_paragraph_breaks_end_a_sentence_without_punctuation() -> None:
    text = "（本台记者报道）\n\n第一段没有句号\n第二行。最后"
    assert split_sentences(text) == ["（本台记者报道）", "第一段没有句号", "第二行。", "最后"]


def test_ellipsis_semicolon_and_fragments() -> None:
    assert split_sentences("价格上涨……市场担忧；官员表示无碍。。 。") == ["价格上涨……", "市场担忧；", "官员表示无碍。。"]


def test_traditional_text_and_ascii_marks() -> None:
    assert split_sentences("他說可以!真的嗎?好的") == ["他說可以!", "真的嗎?", "好的"]


def test_a_long_sentence_is_cut_into_clauses_of_one_statement_each() -> None:
    from newsmirror.text.sentences import split_clauses

    sentence = "（本报讯）强烈地震周一清晨袭击了沿海的三个城镇，当地官员说，地震已造成至少十二人死亡和三百多人受伤，救援人员仍在倒塌的楼房中搜寻幸存者。"
    parts = split_clauses(sentence)
    assert "".join(parts) == sentence
    # Who said it stays with what was said; every part is a statement, none a fragment.
    assert parts == ["（本报讯）强烈地震周一清晨袭击了沿海的三个城镇，", "当地官员说，地震已造成至少十二人死亡和三百多人受伤，",
                     "救援人员仍在倒塌的楼房中搜寻幸存者。"]


def test_short_sentences_and_short_clauses_stay_whole() -> None:
    from newsmirror.text.sentences import split_clauses

    assert split_clauses("两国外长周一会面，讨论了贸易问题。") == ["两国外长周一会面，讨论了贸易问题。"]
    # A leading time or place clause goes with the clause it introduces.
    long = "今年5月8日，美方将签证停留期限缩短至九十天以内，每三个月要重新申请一次延期，这引起了很多驻美记者的不满。"
    assert split_clauses(long)[0] == "今年5月8日，美方将签证停留期限缩短至九十天以内，"


def test_a_clause_that_only_sets_the_scene_goes_with_the_clause_it_opens() -> None:
    from newsmirror.text.sentences import split_clauses

    # A made-up report: the first clause is long enough to stand alone (14+ letters) but states nothing of its own;
    # shown alone it read "5/6 在…前一天，" among the facts most outlets report (review46, 2020-10-28).
    sentence = "在这位外长抵达邻国首都访问的前一天，两国海军在争议海域附近举行了联合演习，邻国政府随后发表声明表示关切。"
    parts = split_clauses(sentence)
    assert "".join(parts) == sentence
    assert parts[0] == "在这位外长抵达邻国首都访问的前一天，两国海军在争议海域附近举行了联合演习，"
    when = "当这批救援物资运抵受灾最严重的山区村庄时，当地的供水和供电系统已经中断了整整三天，许多村民只能靠收集雨水维持生活。"
    assert split_clauses(when)[0] == "当这批救援物资运抵受灾最严重的山区村庄时，当地的供水和供电系统已经中断了整整三天，"
    # A clause that states something stays a unit of its own, even one that opens with 在.
    stated = "在野党领袖周一在国会发表了长达两小时的讲话，严厉批评政府今年以来的各项防疫措施，执政党议员则集体离席表示抗议。"
    assert split_clauses(stated)[0] == "在野党领袖周一在国会发表了长达两小时的讲话，"


def test_a_comma_or_colon_inside_a_number_or_clock_cuts_no_clause() -> None:
    from newsmirror.text.sentences import split_clauses

    sentence = "据本报统计，全国登记的志愿者周五已超过2,350万，其中约有一半在农村地区服务，截至当地时间18:30仍在增加。"
    parts = split_clauses(sentence)
    assert "".join(parts) == sentence
    # The figure and the clock stay whole: another outlet writes 2350万 in one clause.
    assert any("2,350万" in p for p in parts) and any("18:30" in p for p in parts)
    # An ASCII comma between words still ends a clause.
    assert len(split_clauses("市政府发言人周四表示,全市所有中小学和幼儿园将从下周一起全面恢复线下教学,"
                              "家长可以根据孩子的健康状况自愿选择是否送孩子返校。")) == 2


def test_a_latin_full_stop_between_han_text_ends_a_sentence_but_not_inside_latin_text() -> None:
    text = "他说：“很荣幸任职”. 他在上周已预料到结果。U.S. 官员和 3.5 亿人。"
    assert split_sentences(text) == ["他说：“很荣幸任职”.", "他在上周已预料到结果。", "U.S. 官员和 3.5 亿人。"]


def test_datelines_and_bylines_opening_a_sentence_are_stripped() -> None:
    from newsmirror.text.sentences import strip_dateline

    assert strip_dateline("（中央社記者林宏翰台北17日電）行政院今天通過預算。") == "行政院今天通過預算。"
    assert strip_dateline("【大紀元2020年11月18日訊】（大紀元記者李辰報導）參議員提出議案。") == "參議員提出議案。"
    assert strip_dateline("路透旧金山11月17日 - 美国总统周二发推文。") == "美国总统周二发推文。"
    assert strip_dateline("（德国之声中文网）在美国大选两周过后，") == "在美国大选两周过后，"
    # A bracket in the middle, or one that is no dateline, stays.
    assert strip_dateline("他说（大意）这是对的。") == "他说（大意）这是对的。"
    assert strip_dateline("（完）") == "（完）"


def test_a_series_label_run_into_a_dateline_goes_with_it() -> None:
    from newsmirror.text.sentences import strip_dateline

    # A heading the page had no break after, then the dateline: neither is the fact.
    assert strip_dateline("令和大叔新紀元（中央社東京16日綜合外電報導）日本新任首相今天獲國會確認。") == "日本新任首相今天獲國會確認。"
    assert strip_dateline("LINE TV執行長專訪1（中央社記者吳家豪台北23日電）草案正進行預告。") == "草案正進行預告。"
    # A name with a bracket after it that is no dated dateline stays.
    assert strip_dateline("莫里森（左）與菅義偉會談。") == "莫里森（左）與菅義偉會談。"
    assert strip_dateline("美國總統川普（Donald Trump）6日表示，他將出席。") == "美國總統川普（Donald Trump）6日表示，他將出席。"
    assert strip_dateline("他在1月6日（美东时间）的报道中说明。") == "他在1月6日（美东时间）的报道中说明。"


def test_a_semicolon_inside_brackets_ends_no_sentence() -> None:
    # A gloss's parts (空客（Airbus；又译空中巴士）) are no two statements; a semicolon outside brackets still ends one.
    text = "欧洲空客（Airbus；又译“空中巴士”）今天宣布裁员五千人。美国波音也宣布裁员；但人数没有公布。"
    assert split_sentences(text) == ["欧洲空客（Airbus；又译“空中巴士”）今天宣布裁员五千人。", "美国波音也宣布裁员；", "但人数没有公布。"]
    # A bracket that never closes cuts as before.
    assert split_sentences("他说（未完；另见下文。") == ["他说（未完；", "另见下文。"]


def test_a_comma_inside_a_bracketed_gloss_cuts_no_clause() -> None:
    from newsmirror.text.sentences import split_clauses

    # The gloss's comma (Co., Ltd.) parts a name, not two statements; commas outside brackets still cut.
    sentence = "美国商务部周五宣布，将深圳某电子科技有限公司（Shenzhen Example Electronics Co., Ltd.）列入出口管制实体清单，该公司此后须申请许可才能购买美国零部件。"
    parts = split_clauses(sentence)
    assert "".join(parts) == sentence
    assert parts == ["美国商务部周五宣布，将深圳某电子科技有限公司（Shenzhen Example Electronics Co., Ltd.）列入出口管制实体清单，",
                     "该公司此后须申请许可才能购买美国零部件。"]


def test_only_a_unit_cut_at_a_clause_mark_runs_on() -> None:
    from newsmirror.text.sentences import runs_on, split_clauses

    # review57: every unit the splitters make ends its sentence but the clauses cut before a clause mark. A sentence
    # ended by a Latin full stop between Han text, and a paragraph's last line without a mark (a heading), were read
    # as running on, so a summary line took the next sentence or paragraph as its sentence's rest.
    text = ("他当天表示会再来. 随后记者离开了会场。\n疫情最新进展\n"
            "澳大利亚卫生部门周三公布的最新数据显示全国新增确诊病例一百二十例，其中绝大多数是来自海外的境外输入病例。")
    sentences = split_sentences(text)
    units = [unit for sentence in sentences for unit in split_clauses(sentence)]
    assert len(units) == 5
    assert [unit for unit in units if runs_on(unit)] == ["澳大利亚卫生部门周三公布的最新数据显示全国新增确诊病例一百二十例，"]
    assert runs_on("他说：“我们明天出发，”") and runs_on("新加坡,")
    assert not runs_on("他说：“我们明天出发。”") and not runs_on("")
