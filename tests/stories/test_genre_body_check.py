"""A title genre word does not close a report whose body keeps to its title (``genre.paragraphs_stay``,
``ClusterConfig.genre_body_check``, session 67; off by default, its decision rule failed): a market word naming one company's stock moves after one event is
one event's report; a market wrap-up whose paragraphs move from market to market stays closed. Fictional texts."""

from __future__ import annotations

from newsmirror.stories.cluster import ClusterConfig, StoryClusterer
from newsmirror.stories.genre import paragraphs_stay

ONE_EVENT_TITLE = "被美列入制裁清单 星海电子港股一度大跌7%"
ONE_EVENT_TEXT = "\n\n".join([
    "星海电子今天被美国商务部列入制裁清单，星海电子在港股开盘后一度大跌7%，随后暂停交易。",
    "美国商务部声明说，星海电子与军方关系密切，美国企业今后向星海电子出口须申请许可。",
    "星海电子发表声明，否认与军方有任何关系，并表示将与美国商务部沟通，维护公司权益。",
    "分析人士指出，星海电子近半数设备来自美国供应商，制裁清单可能拖累星海电子的扩产计划。",
    "星海电子的客户表示正在评估制裁清单的影响，部分订单可能转往其他代工厂商。",
    "星海电子下午恢复交易后跌幅收窄，收盘下跌4%，成交量为平日的三倍。",
    "这是美国今年第三次把中国企业列入制裁清单，星海电子是其中规模最大的一家。",
])
WRAP_TITLE = "亚股收盘 日经指数创新高 港股走低"
WRAP_TEXT = "\n\n".join([
    "亚洲股市周二涨跌互见，日经指数创下三十年新高，港股则连续第三天走低。",
    "东京股市方面，出口类股受日圆走弱带动全面上扬，丰田汽车和索尼分别上涨2%和3%。",
    "韩国首尔综合指数小幅收高，三星电子获外资买进，半导体类股表现抢眼。",
    "台湾加权指数下跌0.5%，台积电受获利了结卖压拖累，终场收在平盘以下。",
    "澳大利亚基准指数持平，矿业类股随铁矿砂价格回落而走软，银行类股则小幅上扬。",
    "新加坡海峡时报指数上涨0.3%，房地产投资信托受到资金青睐，成交金额较前一日增加。",
    "印度孟买敏感指数收低，投资人关注央行本周稍后的利率决议，科技类股普遍走弱。",
])


def digest(title: str, text: str, check: bool = True) -> bool:
    return bool(StoryClusterer(ClusterConfig(genre_body_check=check))._analyse(title, text)[1])


def test_a_market_word_over_one_company_s_event_does_not_close_the_report() -> None:
    assert not digest(ONE_EVENT_TITLE, ONE_EVENT_TEXT)
    assert digest(ONE_EVENT_TITLE, ONE_EVENT_TEXT, check=False)  # the default: main's reading


def test_a_market_wrap_up_still_closes() -> None:
    assert digest(WRAP_TITLE, WRAP_TEXT)


def test_the_check_is_off_by_default() -> None:
    assert ClusterConfig().genre_body_check is False


def test_a_short_body_keeps_the_title_s_verdict() -> None:
    short = "\n\n".join(ONE_EVENT_TEXT.split("\n\n")[:4])
    assert digest(ONE_EVENT_TITLE, short)


def test_paragraphs_stay_asks_six_paragraphs_and_four_fifths_after_the_lead() -> None:
    title = {"星海"}
    assert paragraphs_stay(title, [{"星海"}] * 6)
    assert not paragraphs_stay(title, [{"星海"}] * 5)
    assert paragraphs_stay(title, [set(), set()] + [{"星海"}] * 4 + [set()])  # 4 of the 5 after the lead
    assert not paragraphs_stay(title, [{"星海"}] * 2 + [{"星海"}] * 3 + [set()] * 2)  # 3 of 5
