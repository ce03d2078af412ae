"""Figures that do and do not conflict (own small examples, none taken from the fact labels of
bench/days)."""

from __future__ import annotations

from datetime import UTC, datetime

from newsmirror.model import Article
from newsmirror.stories.compare import _figures, _figures_differ, _match_text, _named_figures, compare_story
from newsmirror.text.normalize import normalize
from tests.stories.fixtures import fact_with

WHEN = datetime(2024, 6, 1, tzinfo=UTC)


def article(outlet: str, body: str, title: str = "案件") -> Article:
    return Article(outlet=outlet, title=title, original_url=f"https://{len(outlet)}.example/{hash(body)}",
                   published_at=WHEN, body_text=body)



def test_a_date_and_a_duration_do_not_conflict() -> None:
    # 2018年12月 dates the arrest, 近两年 measures the detention since: no different counts.
    one = article("甲报", "前外交官李明和商人张华于2018年12月在该国被捕，他们被控从事间谍活动。")
    two = article("乙社", "前外交官李明和商人张华在该国被拘押近两年，他们被控从事间谍活动。")
    assert sorted(fact_with(compare_story([one, two]), "被控从事间谍活动").outlets) == ["乙社", "甲报"]


def test_digits_of_a_model_name_are_no_figure() -> None:
    # SM-3 names the missile; it does not conflict with the day 11月16日.
    one = article("甲报", "美军驱逐舰11月16日在太平洋试射拦截导弹，成功击落了洲际弹道导弹靶弹。")
    two = article("乙社", "美军驱逐舰在太平洋使用SM-3拦截导弹，成功击落了洲际弹道导弹靶弹。")
    assert sorted(fact_with(compare_story([one, two]), "击落了洲际").outlets) == ["乙社", "甲报"]


def test_counts_of_one_kind_that_differ_are_two_facts() -> None:
    one = article("甲报", "卫生部长说，港口爆炸已造成至少50人死亡。")
    two = article("乙社", "卫生部长说，港口爆炸已造成至少27人死亡。")
    assert fact_with(compare_story([one, two]), "50人").outlets == ["甲报"]


def test_one_time_of_day_in_two_clock_forms_is_no_conflict() -> None:
    # 10:15 and 10时15分 are one time; 11时45分 is another.
    one = article("甲报", "当地上午10:15，全体与会者在广场上默哀一分钟，悼念地震中的遇难者。")
    two = article("乙社", "上午10时15分，全体与会者在广场上默哀一分钟，悼念地震中的遇难者。")
    three = article("丙台", "上午11时45分，全体与会者在广场上默哀一分钟，悼念地震中的遇难者。")
    fact = fact_with(compare_story([one, two, three]), "默哀一分钟")
    assert sorted(fact.outlets) == ["乙社", "甲报"]


LEAD = "某公司周一宣布裁员计划，涉及全球各地的工厂。"


def test_one_amount_the_story_seldom_gives_links_two_paraphrases() -> None:
    # The market value is worded apart (little overlap) and sits elsewhere in each report.
    one = article("甲报", LEAD + "工会代表表示将发起抗议活动。分析人士指出，该公司的市值约为450亿美元，比竞争对手小得多。")
    two = article("乙社", "这家企业目前估值大概450亿美元上下，远远比不上它的对手。" + LEAD)
    assert sorted(fact_with(compare_story([one, two]), "估值大概").outlets) == ["乙社", "甲报"]
    # Without the amount the same wording is too little.
    three = article("乙社", "这家企业目前估值大概远远比不上它的对手，规模有限。" + LEAD)
    assert fact_with(compare_story([one, three]), "估值大概").outlets == ["乙社"]


def test_an_amount_the_story_repeats_identifies_no_statement() -> None:
    one = article("甲报", LEAD + "该公司去年亏损450亿美元。分析人士指出，该公司的市值约为450亿美元，比竞争对手小得多。"
                  "公司计划明年投资450亿美元。")
    two = article("乙社", "这家企业目前估值大概450亿美元上下，远远比不上它的对手。" + LEAD)
    assert fact_with(compare_story([one, two]), "估值大概").outlets == ["乙社"]


def test_digits_of_a_name_glued_to_a_word_are_no_figure() -> None:
    # The 2019 of 2019冠状病毒疾病 names the disease: it is no count that 3000剂 contradicts.
    one = article("甲报", "卫生部长说，该国研发的2019冠状病毒疾病疫苗将于下月开始接种，首批为医护人员。")
    two = article("乙社", "卫生部长说，该国研发的新冠病毒疾病疫苗将于下月开始接种3000剂，首批为医护人员。")
    assert sorted(fact_with(compare_story([one, two]), "疫苗将于下月").outlets) == ["乙社", "甲报"]


def test_a_figure_before_a_measure_word_or_a_separator_stays_a_figure() -> None:
    def figures(text: str) -> frozenset[str]:
        return _figures(_match_text(_named_figures(normalize(text))))

    assert figures("东南亚15国签署协定，增至3000，其中50人受伤") == frozenset({"15", "3000", "50人"})
    # An amount in 万 is an amount whatever word follows it.
    assert figures("全球确诊总数突破1,500万大关") == frozenset({"15000000"})
    assert figures("美国第7舰队与2019冠状病毒疾病") == frozenset()


def test_one_count_of_people_with_two_measure_words_is_one_figure() -> None:
    # 12人 and 12名 count the same miners; 12名 and 30人 do not.
    one = article("甲报", "铁矿周日透水，井下12人被困，救援队正在抽水。")
    two = article("乙社", "铁矿周日透水，井下12名矿工被困，救援队正在抽水。")
    three = article("丙台", "铁矿周日透水，井下30人被困，救援队正在抽水。")
    assert sorted(fact_with(compare_story([one, two, three]), "12名").outlets) == ["乙社", "甲报"]
    assert _figures("井下12名矿工被困") == _figures("井下12人被困") == frozenset({"12人"})


def test_a_number_without_a_measure_word_agrees_with_that_number_counted() -> None:
    # 例 is no kind of _COUNTED: 8 of 8例 is a bare number, the same figure as 8人 (the 2人 beside it
    # made the two units give counts of people and share none).
    one = article("甲报", "卫生部门通报，新增8例确诊，均为入境旅客，另有2人无症状。")
    two = article("乙社", "卫生部门通报，新增确诊8人，均为入境旅客。")
    assert sorted(fact_with(compare_story([one, two]), "入境旅客").outlets) == ["乙社", "甲报"]


def test_a_currency_kind_only_before_its_currency() -> None:
    # 美, 英, 欧 stand for dollars, pounds, euros only as 美元/美金, 英镑, 欧元: 200美国人 counts people, and must
    # neither match nor contradict an amount of 2000美元.
    def figures(text: str) -> set[str]:
        return set(_figures(_match_text(_named_figures(normalize(text)))))

    assert figures("约200美国人被困") == {"180~220"}  # 约: a tenth either way (text.ranges)
    assert figures("援助2000美元") == {"2000美"}
    assert figures("罚款100英镑") == {"100英"}
    assert figures("10欧盟国家") == {"10"}
    assert figures("5欧元") == {"5欧"}


def _read(text: str) -> frozenset[str]:
    return _figures(_match_text(_named_figures(normalize(text))))


def test_a_numeral_that_counts_no_thing_is_no_figure() -> None:
    # 两位数 is "double digits": no count of two people (位 -> 人 made it 2人).
    assert _read("出口额出现两位数增长") == frozenset()
    assert _read("出口额出现2位数增长") == frozenset()


def test_shares_read_as_percentages() -> None:
    assert _read("四分之一的居民") == _read("25%的居民") == frozenset({"25"})
    assert _read("近四分之一的居民") == frozenset({"22.5~25"})
    assert _read("三分之一的选民") == frozenset({"33~34"})
    assert _read("三成民众支持") == frozenset({"25~35"})  # tenths: a share rounded to tenths
    assert _read("十三成员国") == frozenset()


def test_hedged_figures_are_one_way_ranges() -> None:
    assert _read("一百多名学生") == frozenset({"100~199人"})
    assert _read("十几名学生") == frozenset({"10~19人"})
    assert _read("近百名学生") == frozenset({"90~100人"})
    assert _read("逾3000名学生") == frozenset({"3000~3999人"})
    assert _read("上千名学生") == frozenset({"1000~9999人"})
    assert _read("10多万名学生") == frozenset({"100000~199999人"})
    assert _read("1200名以上学生") == frozenset({"1200~1299人"})
    assert _read("近3年") == frozenset({"2.7~3年"})  # "the last three years": a tenth below holds no other year count
    assert _read("数十名学生") == frozenset()  # "tens of" stays no figure
    # Up from 一百多, down to 近百: never the other way.
    assert _figures_differ(_read("一百多名学生"), _read("80名学生"))
    assert not _figures_differ(_read("一百多名学生"), _read("160名学生"))
    assert not _figures_differ(_read("近百名学生"), _read("96名学生"))
    assert _figures_differ(_read("近百名学生"), _read("104名学生"))
    assert not _figures_differ(_read("上千名学生"), _read("2500名学生"))
    assert _figures_differ(_read("上千名学生"), _read("600名学生"))


def test_two_adjacent_numerals_are_one_range() -> None:
    # 两三个 is 2 to 3 (main read 23个), 三四十人 30 to 40 (main: 40人), 六七成 six or seven tenths (main: 67成).
    assert _read("有两三个人受伤") == frozenset({"2~3个"})
    assert _read("三四十名学生") == frozenset({"30~40人"})
    assert _read("两三个月") == frozenset({"2~3个月"})
    assert _read("约两三万人") == frozenset({"20000~30000人"})  # a hedge widens no range
    assert _read("六七成民众反对") == frozenset({"55~75"})
    assert not _figures_differ(_read("有两三个人受伤"), _read("有3个人受伤"))
    assert _figures_differ(_read("有两三个人受伤"), _read("有23个人受伤"))
    assert not _figures_differ(_read("三四十名学生"), _read("35名学生"))
    assert _figures_differ(_read("三四十名学生"), _read("60名学生"))
    assert not _figures_differ(_read("六七成民众反对"), _read("65%民众反对"))
    # A range after 万 (两万三四千) holds the counts it names (review52: main read 23000~4000 and vetoed 23000).
    assert _read("两万三四千人参加") == frozenset({"23000~24000人"})
    assert not _figures_differ(_read("两万三四千人参加"), _read("23000人参加"))


def test_an_approximate_count_and_a_count_it_holds_are_one_fact() -> None:
    # 三四个 is 3 or 4: another outlet's 4个 is the same count (main read 34个 and vetoed the pair).
    one = article("甲报", "警方在现场查获三四个爆炸装置，当局正在调查事件原因。")
    two = article("乙社", "警方在现场查获4个爆炸装置，当局正在调查事件原因。")
    assert sorted(fact_with(compare_story([one, two]), "爆炸装置").outlets) == ["乙社", "甲报"]


def test_a_hedged_count_and_a_count_it_holds_are_one_fact() -> None:
    # 30多名 is 30 to 39: 35名 is no other toll (main vetoed the pair as conflicting counts).
    one = article("甲报", "工厂昨日发生爆炸，30多名工人受伤，当局正在调查事故原因。")
    two = article("乙社", "工厂昨日发生爆炸，35名工人受伤，当局正在调查事故原因。")
    assert sorted(fact_with(compare_story([one, two]), "工人受伤").outlets) == ["乙社", "甲报"]
    three = article("乙社", "工厂昨日发生爆炸，45名工人受伤，当局正在调查事故原因。")
    assert len(fact_with(compare_story([one, three]), "30多名").outlets) == 1


def test_a_decimal_glued_to_a_latin_word_is_no_figure() -> None:
    # 5.81oled: the number is read whole or not at all, as 5g is no figure (main backed off to 5).
    assert _figures("5.81oled屏幕") == frozenset()


def test_two_numbers_kept_apart_by_punctuation_are_two_figures() -> None:
    # 2008-2010年 is two years (main ran them into 20082010年, which no year contradicts);
    # 7%-9% two rates (main read 79, which 9% contradicts).
    one = article("甲报", "这位前国脚在2008-2010年担任国家队主教练，但球队成绩不佳。")
    two = article("乙社", "这位前国脚在2012年担任国家队主教练，但球队成绩不佳。")
    assert len(fact_with(compare_story([one, two]), "主教练").outlets) == 1
    three = article("乙社", "这位前国脚在2010年担任国家队主教练，但球队成绩不佳。")
    assert sorted(fact_with(compare_story([one, three]), "主教练").outlets) == ["乙社", "甲报"]
    rates = article("甲报", "调查显示，分析师预计今年秋季经济增长7%-9%，高于上季度。")
    other = article("乙社", "调查显示，分析师预计今年秋季经济增长12%，高于上季度。")
    same = article("乙社", "调查显示，分析师预计今年秋季经济增长9%，高于上季度。")
    assert len(fact_with(compare_story([rates, other]), "经济增长").outlets) == 1
    assert sorted(fact_with(compare_story([rates, same]), "经济增长").outlets) == ["乙社", "甲报"]


def test_a_decimal_comma_before_a_percent_sign_is_a_decimal_point() -> None:
    # 23,48% (a German source's decimal comma) is 23.48%, which 约23% holds; main read 2348, which it does not.
    one = article("甲报", "研究人员在检测中发现，23,48%的受检者血清中有新冠病毒抗体。")
    two = article("乙社", "研究人员在检测中发现，约23%的受检者血清中有新冠病毒抗体。")
    assert sorted(fact_with(compare_story([one, two]), "抗体").outlets) == ["乙社", "甲报"]


def test_a_share_in_words_and_its_bracketed_percentage_stay_two_figures() -> None:
    # 三分之二（65%）: folded, the match key runs 3 and 65 together (3分之265, a share of 8833 %), which
    # conflicts with the 65 % another outlet gives.
    one = article("甲报", "民调显示，约三分之二（65%）的受访选民支持这项新的移民法案。")
    two = article("乙社", "民调显示，65%的受访选民表示支持这项新的移民法案。")
    assert sorted(fact_with(compare_story([one, two]), "受访选民").outlets) == ["乙社", "甲报"]


def test_months_counted_with_ge_are_a_duration_not_a_count_of_things() -> None:
    # 一个月 measures the time since the law; 两个团伙 counts gangs: no conflict. Two durations still differ.
    month = _figures(_match_text(normalize("新法实施一个月以来，警方破获两宗案件")))
    gangs = _figures(_match_text(normalize("警方一举打掉了两个团伙")))
    assert not _figures_differ(month, gangs)
    assert _figures_differ(month, _figures(_match_text(normalize("新法实施三个月以来"))))


def test_an_amount_of_people_counted_with_ming_or_ren_is_one_amount() -> None:
    # 3800名 and 3800人: one amount the story seldom gives, in paraphrases that share little.
    one = article("甲报", LEAD + "工会代表表示将发起抗议活动。据悉，此次共有3800名员工将失去工作，多数在欧洲。")
    two = article("乙社", "这一决定令3800人丢掉饭碗，大部分位于欧洲的厂区。" + LEAD)
    assert sorted(fact_with(compare_story([one, two]), "丢掉饭碗").outlets) == ["乙社", "甲报"]


def test_days_counted_with_ri_beyond_a_month_are_a_number_of_days_not_a_date() -> None:
    # 180日 can be no day of a month: it counts days, as 180天 does, and does not conflict with it; 20日 stays a date.
    counted = _figures(_match_text(normalize("该市连续180日没有新增病例的纪录就此中断")))
    assert counted == {"180天"}
    dated = _figures(_match_text(normalize("卫生局5月20日公布一宗新病例，该市连续180天零病例的纪录中断")))
    assert "20日" in dated
    assert not _figures_differ(counted, dated)
    assert _figures_differ(counted, _figures(_match_text(normalize("该市连续90天没有新增病例"))))


def test_the_nuclear_triad_is_no_count_of_people() -> None:
    # 核三位一体 read as 3人 vetoed a link with any other count of people of the same fact.
    assert _read("美国正在加强核三位一体") == frozenset()
    assert _read("三位官员证实") == frozenset({"3人"})


def test_figures_written_with_a_look_alike_or_in_rough_places_read_as_written() -> None:
    # numbers70: 二○一九年 (○, a white circle, for 〇) read 19年, a count of years no other outlet's year 2018年 vetoed;
    # 一百二三十名 read 130名 and 一个礼拜一两次 Monday and 2次, figures nobody wrote, which vetoed the other outlet's 120名
    # and 一次.
    year = article("甲报", "该公司二○一九年在当地建成了新的工厂，此后产量逐年增长。")
    other = article("乙社", "该公司2018年在当地建成了新的工厂，此后产量逐年增长。")
    same = article("乙社", "该公司2019年在当地建成了新的工厂，此后产量逐年增长。")
    assert fact_with(compare_story([year, other]), "新的工厂").outlets == ["甲报"]
    assert sorted(fact_with(compare_story([year, same]), "新的工厂").outlets) == ["乙社", "甲报"]
    rough = article("甲报", "据目击者说，当晚有一百二三十名示威者聚集在市政府门前抗议。")
    count = article("乙社", "据目击者说，当晚有120名示威者聚集在市政府门前抗议。")
    assert sorted(fact_with(compare_story([rough, count]), "示威者").outlets) == ["乙社", "甲报"]
    weekly = article("甲报", "他说，那些村民一个礼拜一两次到镇上的诊所领取药物。")
    once = article("乙社", "他说，那些村民每周一次到镇上的诊所领取药物。")
    assert sorted(fact_with(compare_story([weekly, once]), "诊所领取药物").outlets) == ["乙社", "甲报"]


def test_a_percentage_counts_no_thing_after_it() -> None:
    # 最高 1% 年营业额: the sign made a space the match key dropped, so main read 1年 (one year) and no figure veto saw
    # 1 % against another outlet's 10 %; 百分之五人口 read 5人.
    one = article("甲报", "根据新的规定，违规的公司最高可被处以 1% 年营业额的罚款。")
    two = article("乙社", "根据新的规定，违规的公司最高可被处以年营业额10%的罚款。")
    same = article("乙社", "根据新的规定，违规的公司最高可被处以年营业额1%的罚款。")
    assert len(fact_with(compare_story([one, two]), "罚款").outlets) == 1
    assert sorted(fact_with(compare_story([one, same]), "罚款").outlets) == ["乙社", "甲报"]
    from newsmirror.stories.compare import _sentences
    for body, figures in (("约有百分之五人口受到影响，主要在北部地区。", {"5"}),
                          ("调查显示，超过10%以上的人口受到影响。", {"10~19"})):
        units = _sentences(article("甲报", body), True)
        assert units[0].figures == figures
