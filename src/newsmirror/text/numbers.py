"""One way to write a number for matching: 六次 and 6次, 3万 and 30,000 are the same figure.

Outlets write figures in Han numerals or Arabic digits and count in 万 or in thousands; the
comparison matches characters, so it reads every figure in one form first. Matching keys only:
stored and displayed text is never changed.
"""

from __future__ import annotations

import re
from decimal import Decimal

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
# A Han numeral counts something when a measure word or a date unit follows it, or 第 precedes
# it (一直, 统一 are no numbers).
# 几 (十几人), and 成 where it stands alone (三成 is three tenths: ``_tenth``).
_MEASURE = "次年月日号个名人家艘架周天岁倍项所条座位件起批枚辆度万亿多余几成"
# Or it is the remainder of an amount (三万五千元, 三万零五六百, 一万五: a numeral and 万 or 亿 before it), a figure
# whatever follows it; it opens on a digit (百万千瓦, 数十万百姓: a word after the amount).
_HAN_NUMERALS = "零〇一二两三四五六七八九十百千"
_HAN_NUMBER = re.compile(rf"(?<=第)[{_HAN_NUMERALS}]+|[{_HAN_NUMERALS}]+(?=[{_MEASURE}])"
                         rf"|(?<=[{_HAN_NUMERALS}\d][万亿])[零〇一二两三四五六七八九][{_HAN_NUMERALS}]*")
# A remainder written without its place (一万五 is 15,000, 两万三四 23,000-24,000, 三亿五 3.5亿) counts the place below 万
# (千) or 亿 (千万). A pair reads so wherever it stands; one numeral only where nothing it could count follows (the end,
# money, a hedge: 一万二人民币, 一万五左右), since 八万一个月, 百万一瓶 count months and bottles after the amount, and
# never after 百万 or 千万 nor as 两 alone (一万两银子: taels).
_ABBREVIATED_AFTER = re.compile(r"$|[^\u4e00-\u9fff]|元|块|美元|人民币|港元|港币|欧元|英镑|左右|上下|多|余")
# 数十, 几百, 上千, 成百 are no figure but "tens of", "hundreds of": read as 10, 100 they would claim
# an exact count another outlet's 10人 or 100人 could match (and 数十万 would become 数100000).
_VAGUE = "数几上成"
_UNIT_FIRST = "十百千"
# "Two or three": two adjacent numerals (一两, 两三, 三四 … 八九; and 三五, three to five) count roughly, alone or before a
# unit (三四十 = 30-40, 两三百, 七八千, 三四万) or after the tens (十三四 = 13-14, 二十七八). Read as one numeral they were a
# figure nobody wrote (两三个 -> 23个, 三四十人 -> 40人): the count is the closed range of the two, written lo~hi as
# ``text.ranges`` writes a hedged figure (2~3个, 30~40人, 13~14岁; 三四万 -> 30000~40000, 两三亿 -> 2~3亿). After the
# hundreds or thousands (一百二三十 = 120-130, 两千三四百, 一百二三: the place below the last one, as 两万三四 is), or
# after 零 (一百零五六 = 105-106, 一千零五六十 = 1050-1060, 三万零五六百), the pair counts the place it stands in (main read
# 一百二三十 as 130).
_PAIRS = {"一两": (1, 2), "一二": (1, 2), "两三": (2, 3), "二三": (2, 3), "三四": (3, 4), "四五": (4, 5), "五六": (5, 6),
          "六七": (6, 7), "七八": (7, 8), "八九": (8, 9), "三五": (3, 5)}
_APPROXIMATE = re.compile(rf"((?:[一二两三四五六七八九]?千)?(?:[一二两三四五六七八九]?百)?零?(?:[一二三四五六七八九]?十)?)"
                          rf"({'|'.join(_PAIRS)})([十百千]?)")
_PLACE_BELOW = {"十": 1, "百": 10, "千": 100, "零": 1}  # the place a pair after the last one written counts
# A numeral run that a digit or a round zero (○, O: 二○一二年) precedes is one of a year's digits, no count.
_DIGIT_BEFORE = re.compile(r"[\d○OoＯ０-９]")
# Zero written with a look-alike among Han digits written one by one: ○ (U+25CB, a white circle; ◯ U+25EF), the
# letter O or the digit 0, full width or not (二○一九年, 二O三五年, 一九五○年代, 三九○海里), for 〇 (U+3007). Read as it
# stood, 二○一九年 was the figure 19年 (``text.normalize`` makes the circle, a symbol, a space: 二 一九年) and 二O一九年 二o19年.
# A run of Han digits that a nonzero digit opens (no number does with a zero; ○○○ and 王○○ hide a name) and no Latin
# letter or digit touches (Metoo两周年, 0比0一分); a letter or digit 0 may end it only before 年 (周一00:27 is a clock).
_ZERO_LOOKALIKES = "○◯OoＯｏ0０"
_ROUND_ZERO_RUN = re.compile(rf"(?<![A-Za-zＡ-Ｚａ-ｚ\d.{_ZERO_LOOKALIKES}〇零一二三四五六七八九])"
                             rf"[一二三四五六七八九][{_ZERO_LOOKALIKES}〇零一二三四五六七八九]+"
                             r"(?![A-Za-zＡ-Ｚａ-ｚ\d.])")
_ROUND_ZERO = str.maketrans({c: "〇" for c in _ZERO_LOOKALIKES})
# An approximate count's range times 万 or 亿 (2~3万 -> 20000~30000; 亿 stays the unit, as ``_written`` writes it).
_APPROXIMATE_SECTION = re.compile(r"(?<![\d.~])(\d+)~(\d+)(万亿|亿|万)")
# 星期二, 礼拜二 and 周二 are one weekday.
_WEEKDAY = re.compile(r"(?:星期|礼拜)(?=[一二三四五六日天])")
# The numeral of a weekday (周五) names a day, not a count: before a measure word it was read as one (周五批准 ->
# 周5批准; 周三一天 -> 周31天, one run with the count after it). After 每 or a count of weeks (每周三次, 两周三次)
# it may count, as before. Such a numeral stands in for itself while the counts are read.
_WEEKDAY_NUMERAL = re.compile(r"(?<![每几数零〇一二两三四五六七八九十百千\d])周([一二三四五六])")
# After a count of weeks with 个 (一个礼拜, 每一个星期, 两个星期) the numeral that begins a count (一两次, 三四次, 三次, 五天)
# counts too: 一个礼拜一两次 is "once or twice a week", not Monday (read 1个周一2次). Before anything else (一个星期一的
# 早晨, 三个星期六聚会, 一个星期一直), and after 第 or 首 (第二个星期三, 首个星期一), it names a day.
_WEEKS_COUNTED = re.compile(rf"(?<![第首{_HAN_NUMERALS}\d])(?:每|[几数{_HAN_NUMERALS}\d]+)个周$")
_COUNT_AFTER_WEEKDAY = re.compile(rf"[{_HAN_NUMERALS}]*[{_MEASURE.translate(str.maketrans('', '', '年月日号周'))}]")
# Such a 周 stands in for itself while the counts are read (so that no dictionary word 周一 splits 一两次 as 唯一 does 一两个).
_WEEKDAY_SHIELD = {c: chr(0xE000 + n) for n, c in enumerate("一二三四五六")}
_WEEKS = chr(0xE010)
_WEEKDAY_UNSHIELD = str.maketrans({**{v: k for k, v in _WEEKDAY_SHIELD.items()}, _WEEKS: "周"})
# An amount is read whole, its sections largest first (19亿5100万, 3亿零500万, 1.2万亿, 18万5982:
# the digits after 万, at most four and no year, are its remainder), and written in one form:
# digits below 一亿 (1.5万 -> 15000), a decimal of 亿 above (19亿5100万 -> 19.51亿, as outlets that
# round write it). Han numerals are digits by then; a library (cn2an) would reread those with its
# own notion of what is a number (一直, 统一), so this reads only sections of digits.
_SECTION = r"\d+(?:\.\d+)?(?:万亿|亿|万)"
# The remainder may be an approximate count's range (两万三四千 -> 2万3000~4000): the amount is then that range
# (23000~24000), not 23000 and a range running down to 4000.
_SECTIONS = re.compile(rf"(?<![\d.])(\d+(?:\.\d+)?)\s*(万亿|亿|万)((?:零?{_SECTION})*)(?:零?(\d{{1,4}})(?:~(\d{{1,4}}))?(?![\d年.]))?")
_SECTION_PARTS = re.compile(r"零?(\d+(?:\.\d+)?)(万亿|亿|万)")
_UNIT_VALUE = {"万": Decimal(10) ** 4, "亿": Decimal(10) ** 8, "万亿": Decimal(10) ** 12}
# 5千万, 3百万: a figure in digits with a Han unit is their product (5000万).
_DIGIT_UNIT = re.compile(rf"(?<![\d.])(\d+(?:\.\d+)?)([百千])(?=[{_MEASURE}])")
# A time of day: 11:02, 11时2分, 11点02分, 十一时二分 and 3点半 are written H时M分 (minutes
# unpadded), so that outlets' clock forms give one figure. Only with the minutes: 三点 alone may
# count points of a plan.
_CLOCK_COLON = re.compile(r"(?<![\d:：])([01]?\d|2[0-3])\s*[:：]\s*([0-5]\d)(?![\d:：])")
_HAN_CLOCK = "零〇一二两三四五六七八九十"
_CLOCK = re.compile(rf"(?<![\d{_HAN_CLOCK}])(\d{{1,2}}|[{_HAN_CLOCK}]{{1,3}})\s*[时点]\s*(?:(\d{{1,2}}|[{_HAN_CLOCK}]{{1,3}})\s*分|(半))")
# No clock where 一点 is "a point" (这一点十分重要: this point is very important; 最后一点, 有一点, 第一点) nor where the
# minutes after 点 are one Han digit (豆瓣开出八点九分: a score, 8.9分; a clock writes 八点零九分, 八点十分).
_POINT_BEFORE = tuple("这那哪有每另后第此该")
_ONE_DIGIT = frozenset("一二两三四五六七八九")
# A clock hour without its minutes (每晚八点, 凌晨五点, 晚上8時, 24日晚8点, 八点钟, 十时许) is written H时 as a clock with its
# minutes is, whatever its numerals and whether 点 or 时 marks it: 每晚八点 and 晚上8時 are one figure, 8时. The hour alone
# is read only where the text says it is a time of day, as 一点 is "a little" (多一点, 这一点), 一时 "a moment" (第一时间,
# 轰动一时), 两点, 五点 points of a list (五点共识, 4点呼吁, 江八点) and 七点五 a decimal: a part of the day or a day of
# the month before it (上午, 凌晨, 晚, 当地时间, 13日; 约 or 近 between), or 钟, 许 or 整 after it. A bare 早 or 晚 before
# 一点 is "a bit earlier / later" (晚一点), and 一点 before 儿, 点, 些, 都 or 也 "a little" whatever precedes it. Minutes
# written without 分 (八点四十, 八点零五) are read with the hour; one Han digit after 点 is a decimal's (七点五倍), no clock.
# 整 is "on the hour" only where it does not begin a word (整改, 整体, 整顿): 提出5点整改要求 counts five demands of a
# rectification, 三点整体部署 a plan's three points, no clock. The end of a range whose start is read (下午3点至5点, 上午九时到
# 十一时) is a clock hour too, written H时 whatever its mark, so that the clock past noon reads it as it reads 下午3时至5时.
_DAY_PART_WORDS = ("上午", "下午", "中午", "正午", "午夜", "晚上", "晚间", "夜间", "夜里", "深夜", "半夜", "凌晨", "早上", "早晨",
                   "清晨", "傍晚", "时间", "早", "晚", "夜")
_DAY_PART = "|".join(_DAY_PART_WORDS) + r"|[\d〇一二三四五六七八九十][日号]"
_MINUTES = "十[一二三四五六七八九]?|[二三四五]十[一二三四五六七八九]?|零[一二三四五六七八九]"
_WORD_AFTER_WHOLE = "[改数數体體顿頓合治理套编編]"
# A match begins with a part of the day's first character, a date's or the hour's digit: the lookahead spares trying
# the day's parts one by one at every other character of a long text (the scan three times faster, its matches the same).
_BARE_CLOCK_START = "".join(sorted({word[0] for word in _DAY_PART_WORDS})) + _HAN_CLOCK
_BARE_CLOCK = re.compile(rf"(?=[\d{_BARE_CLOCK_START}])(?P<before>(?:{_DAY_PART})\s*(?:大约|将近|[约近]){{0,2}}\s*)?"
                         rf"(?<![\d.{_HAN_CLOCK}百千])(?P<hour>\d{{1,2}}|[{_HAN_CLOCK}]{{1,3}})\s*(?P<mark>[时点時點])"
                         rf"(?:(?P<minute>{_MINUTES})(?![{_HAN_CLOCK}\d分])|(?![{_HAN_CLOCK}\d半]))"
                         rf"(?P<after>钟|鐘|许|許|整(?!{_WORD_AFTER_WHOLE}))?"
                         rf"(?:(?P<to>\s*(?:至|到|~|-|—|－)\s*)(?P<end>\d{{1,2}}|[{_HAN_CLOCK}]{{1,3}})\s*[时点時點]"
                         rf"(?:(?P<end_minute>{_MINUTES})(?![{_HAN_CLOCK}\d分])|(?![{_HAN_CLOCK}\d半]))"
                         rf"(?P<end_after>钟|鐘|许|許|整(?!{_WORD_AFTER_WHOLE}))?)?")
_A_LITTLE_AFTER = tuple("儿點点些都也")
# A clock hour after a part of the day past noon is read on the 24-hour clock, as another outlet may write it: 晚上8时 is
# 20时, 下午3时半 15时30分, 午夜12时 0时. Each part shifts only the hours it holds past noon: 晚上 and 晚 5-11 (晚上1时, 2时
# are mostly said of the small hours), 夜间, 夜里 and 夜 7-11, 深夜 and 半夜 10-11 (深夜2时 is 2 am), 中午 1-2 (中午12时 is
# noon, 中午11时 before it), 下午 and 傍晚 1-11; twelve after 晚上, 晚, 夜..., 午夜 or 凌晨 is midnight, 0时. A bare 晚 after
# 最, 较, 更, 稍, 早, 不, 过 or 太 is "late" (最晚8时: at the latest), no part of the day. The end of a range (晚上8时至10时) is
# read on the same clock as its start when it is the later hour; its 12 after an evening or night start is midnight. A
# range from noon (中午12时至2时) ends past noon: 12时至14时.
_PM_HOURS = {"下午": range(1, 12), "傍晚": range(1, 12), "中午": range(1, 3), "晚上": range(5, 12), "晚间": range(5, 12),
             "晚": range(5, 12), "夜间": range(7, 12), "夜里": range(7, 12), "夜": range(7, 12), "深夜": range(10, 12),
             "半夜": range(10, 12)}
_MIDNIGHT_PARTS = frozenset({"晚上", "晚间", "晚", "夜间", "夜里", "夜", "深夜", "半夜", "午夜", "凌晨"})
# The parts read, longest first (晚上 before 晚), from the two tables above, so that a part added to either is read.
_PM_PARTS = sorted({*_PM_HOURS, *_MIDNIGHT_PARTS}, key=lambda part: (-len(part), part))
_PM_PART_FIRSTS = "".join(sorted({part[0] for part in _PM_PARTS}))
_NOT_LATE = "(?<![最较更稍早不过太])"  # before a bare 晚: 最晚 is "at the latest"
_PM_PART = "|".join(_NOT_LATE + part if part == "晚" else part for part in _PM_PARTS)
_PM_CLOCK = re.compile(rf"(?=[{_PM_PART_FIRSTS}])(?P<part>{_PM_PART})"
                       r"(?P<about>\s*(?:大约|将近|[约近]){0,2}\s*)(?P<hour>\d{1,2})时(?P<minute>\d{1,2}分)?"
                       r"(?:(?P<to>\s*(?:至|到|~|-|—|－)\s*)(?P<end>\d{1,2})时)?")
# 百分之五 is 5% (matching keys drop the % sign, so both become the bare figure).
_PERCENT = re.compile(r"(?<![零〇一二两三四五六七八九十百千\d])百分之([零〇一二两三四五六七八九十百千]+|\d+(?:\.\d+)?)(?:点([零〇一二三四五六七八九]+))?")
# A Han decimal (十七点八亿, 七点五倍, 零点三个百分点, 四点五公斤) in digits (17.8亿): read as it stood, 十七点8亿 held a
# figure 8亿 nobody wrote. The digits after 点 are written one by one (三点十分, 两点四十五 are clocks, which ``_CLOCK``
# reads first where 分 or 半 follows) and a unit follows that measures in fractions (一点一滴, 两点一线, 这一点一直, 九点一刻
# are none); no numeral after the unit (少一点一万两多: "a little less", then 12,000). After 分之 (千分之一点五) whatever
# follows.
_DECIMAL_UNIT = ("万亿|亿|万|兆|倍|个百分点|百分点|[%％]|公里|公斤|公尺|公分|公顷|千米|千克|厘米|毫米|米|吨|克|度|岁|级|秒|英里|"
                 "美元|元|欧元|英镑|日元|港元|港币|人民币")
_HAN_DECIMAL = re.compile(rf"(?<![\d.点{_HAN_NUMERALS}])([{_HAN_NUMERALS}]+)点([零〇一二三四五六七八九]+)"
                          rf"(?=(?:{_DECIMAL_UNIT})(?![{_HAN_NUMERALS}]))")
_DECIMAL_AFTER_SHARE = re.compile(rf"(?<=[{_HAN_NUMERALS}\d]分之)([{_HAN_NUMERALS}]+)点([零〇一二三四五六七八九]+)")
# Any other fraction (四分之一, 三百分之一) in digits, 4分之1: ``text.ranges`` reads it as a share.
_HAN_OR_DIGITS = r"(?:[零〇一二两三四五六七八九十百千]+|\d+)"
_FRACTION = re.compile(rf"({_HAN_OR_DIGITS})分之({_HAN_OR_DIGITS}(?:\.\d+)?)")
_PERCENT_SIGN = re.compile(r"(\d)\s*[%％]")
# "30,000", or "30 000" once ``text.normalize`` has turned the comma into a space.
_THOUSANDS = re.compile(r"(?<=\d)[, ](?=\d{3}(?!\d))")
# Taiwan's outlets count years of the Republic (民国47年 is 1958年, 民国前1年 is 1911年): another
# outlet's 1958年 states the same year. Up to three digits: 民国1953年 is already a Western year.
_ROC_YEAR = re.compile(r"(?:中华)?民[国國]\s*(前)?\s*(\d{1,3})\s*年")
_ROC_EPOCH = 1911


def han_numeral_value(numeral: str) -> int | None:
    """The value of a Han numeral up to the thousands (十二 = 12, 三百零五 = 305, 二〇二〇 = 2020)."""
    if all(c in _DIGITS for c in numeral):  # digit by digit: 二〇二〇
        return int("".join(str(_DIGITS[c]) for c in numeral))
    total, digit = 0, None
    for char in numeral:
        if char in _DIGITS:
            digit = _DIGITS[char]
        elif char in _UNITS:
            total += (1 if digit is None else digit) * _UNITS[char]
            digit = None
        else:
            return None
    return total + (digit or 0)


def fold_clock_colon(text: str) -> str:
    """``text`` with a time of day written with a colon (11:02) as 11时02分: the colon is gone
    once ``text.normalize`` has turned punctuation into spaces, so this reads the raw text."""
    return _CLOCK_COLON.sub(r"\1时\2分", text)


# A decimal comma (德国之声's 23,48% of a German source): a thousands separator is followed by three digits,
# so a comma followed by one or two and a percent sign can only be a decimal point.
_DECIMAL_COMMA = re.compile(r"(?<![\d,])(\d+),(\d{1,2})(?=\s*[%％])")


def fold_decimal_comma(text: str) -> str:
    """``text`` with a decimal comma before a percent sign (23,48%) written with a point (23.48%): the raw
    text, as ``text.normalize`` would make the comma a space."""
    return _DECIMAL_COMMA.sub(r"\1.\2", text) if "," in text else text


# A percentage written with its sign (1%, 12.5 %): the raw text, as ``text.normalize`` makes the sign a space that a
# match key drops, running the number into the word after it (最高 1% 年营业额 read as 1年, one year).
_PERCENT_RAW = re.compile(r"(?<![\d.,])(\d+(?:\.\d+)?)\s*[%％]")


def fold_percent_sign(text: str) -> str:
    """``text`` with a percentage written with its sign (1%) written in words (百分之1) and a space after it: the raw
    text, for a unit's figures only (``fold_numbers(text, percent_mark="%")`` then marks it where ``text.normalize``
    would have left a space)."""
    return _PERCENT_RAW.sub(r"百分之\1 ", text) if "%" in text or "％" in text else text


def fold_round_zero(text: str) -> str:
    """``text`` with a zero look-alike among Han digits written one by one (二○一九, 二O三五, 一九五○) as 〇: the raw
    text, as ``text.normalize`` makes the circle a space (``fold_numbers`` reads the other look-alikes itself)."""
    if not any(c in text for c in _ZERO_LOOKALIKES):
        return text
    return _ROUND_ZERO_RUN.sub(_round_zero, text)


def _round_zero(match: re.Match[str]) -> str:
    run = match.group(0)
    if run[-1] in _ZERO_LOOKALIKES and run[-1] not in "○◯" and not match.string.startswith("年", match.end()):
        return run  # a letter or digit 0 ending the run is a year's only before 年: 周一00:27 is a clock, 一o no digit
    return run.translate(_ROUND_ZERO)


def _bare_hour(text: str, end: int, before: str | None, hour_text: str, mark: str, minute_text: str | None,
               after: str | None) -> str | None:
    """A clock hour without its minutes (``_BARE_CLOCK``'s start, or a range's end, read as its start is: ``before``
    "") written H时 or H时M分, ``end`` where its match ends in ``text``; None where it is no clock."""
    if hour_text in ("一", "1") and mark in "点點" and (
            text.startswith(_A_LITTLE_AFTER, end)
            or (not after and before is not None and before.strip().rstrip("大约将近").strip() in ("早", "晚", "夜"))):
        return None  # 晚一点, 多一点都不: "a little"
    if before is None and after is None:
        return None
    hour = int(hour_text) if hour_text.isdigit() else han_numeral_value(hour_text)
    minute = han_numeral_value(minute_text) if minute_text else None
    if hour is None or hour > 24 or (minute_text and (minute is None or minute > 59)):
        return None
    return (before or "") + f"{hour}时" + (f"{minute}分" if minute is not None else "") + (after or "")


def fold_numbers(text: str, percent_mark: str = "") -> str:
    """``text`` with Han numerals that count something in digits, thousands separators dropped,
    万 multiplied out (1.5万 -> 15000, 18万5982 -> 185982), times of day as H时M分, percentages as bare figures (百分之五, 5% -> 5) and
    weekdays written 周一 … 周日, years of the Republic as Western years (民国47年 -> 1958年). Vague counts (数十,
    几百) stay words. ``percent_mark`` follows each percentage (a figure reader's: 百分之五人口 is 5 %, not 5人)."""
    def han(match: re.Match[str]) -> str:
        start = match.start()
        if start >= 2 and match.string[start - 1] in "万亿" and match.string[start - 2] in _HAN_NUMERALS + "0123456789":
            remainder = _remainder(match.string, start, match.end())
            if remainder is not None:
                return remainder
            following = match.string[match.end():match.end() + 1]
            # 一万两银子: no count; nor at the text's end ('' is in every string: 抵押贷款200万两, its 。 normalized
            # away, read 2000002).
            if not following or following not in _MEASURE:
                return match.group(0)
        if match.group(0)[0] in _UNIT_FIRST and start and match.string[start - 1] in _VAGUE:
            return match.group(0)
        if _fixed_word(match.string, start, match.end()):
            return match.group(0)
        if match.string[match.end():match.end() + 1] == "成" and not _tenth(match.string, start, match.end()):
            return match.group(0)
        approximate = _approximate(match.string, start, match.end())
        if approximate is not None:
            return approximate
        if _first_ends_word(match.string, start, match.end()):  # 唯一|一个: only the count after the word
            value = han_numeral_value(match.group(0)[1:])
            return match.group(0) if value is None else match.group(0)[0] + str(value)
        value = han_numeral_value(match.group(0))
        return match.group(0) if value is None else str(value)

    def amount(match: re.Match[str]) -> str:
        sections = [(match.group(1), match.group(2)), *_SECTION_PARTS.findall(match.group(3))]
        value, last = Decimal(0), None
        for at, (number, unit) in enumerate(sections):
            if last is not None and _UNIT_VALUE[unit] >= _UNIT_VALUE[last]:  # 5万3万: two amounts
                rest = "".join(n + u for n, u in sections[at:]) + (match.string[match.start(4):match.end()]
                                                                    if match.group(4) else "")
                return _written(value, match.group(0)) + _SECTIONS.sub(amount, rest)
            value += Decimal(number) * _UNIT_VALUE[unit]
            last = unit
        remainder, high = match.group(4), match.group(5)
        if remainder and last == "万" and high:  # 2万3000~4000 (两万三四千): 23000~24000
            return f"{plain_decimal(value + int(remainder))}~{plain_decimal(value + int(high))}"
        if remainder and last == "万":
            value += int(remainder)
        elif remainder:  # 3亿5000: not a remainder of 亿
            cut = match.start(4) - match.start()
            return _written(value, match.group(0)[:cut]) + match.group(0)[cut:]
        return _written(value, match.group(0))

    def clock(match: re.Match[str]) -> str:
        if "点" in match.group(0) and (match.group(2) in _ONE_DIGIT or (
                match.group(1) == "一" and match.string.endswith(_POINT_BEFORE, 0, match.start()))):
            return match.group(0)
        hour, minute = (int(part) if part.isdigit() else han_numeral_value(part)
                        for part in (match.group(1), match.group(2) or "30"))
        if hour is None or minute is None or hour > 24 or minute > 59:
            return match.group(0)
        return f"{hour}时{minute}分"

    def bare_clock(match: re.Match[str]) -> str:
        start = _bare_hour(match.string, match.start("to") if match.group("to") is not None else match.end(),
                           match.group("before"), match.group("hour"), match.group("mark"), match.group("minute"),
                           match.group("after"))
        if match.group("to") is None:
            return start if start is not None else match.group(0)
        rest = match.string[match.start("to"):match.end()]
        if start is None:  # the start no clock (五点至七点钟): the rest read on its own
            return match.string[match.start():match.start("to")] + _BARE_CLOCK.sub(bare_clock, rest)
        end = _bare_hour(match.string, match.end(), "", match.group("end"), "时", match.group("end_minute"),
                         match.group("end_after") or "")
        return start + match.group("to") + (end if end is not None else rest[len(match.group("to")):])

    def pm_clock(match: re.Match[str]) -> str:
        part, hour = match.group("part"), int(match.group("hour"))
        if hour == 12 and part in _MIDNIGHT_PARTS:
            read = 0
        elif hour in _PM_HOURS.get(part, ()):
            read = hour + 12
        elif hour == 12 and part in _PM_HOURS and match.group("end") is not None:
            read = 12  # 中午12时至2时: a range from noon, whose end is past noon
        else:
            return match.group(0)
        written = part + match.group("about") + f"{read}时" + (match.group("minute") or "")
        if match.group("end") is not None:
            end = int(match.group("end"))
            if (read > 12 and hour < end < 12) or (read == 12 and 0 < end < 12):
                end += 12
            elif read > 12 and end == 12 and part in _MIDNIGHT_PARTS:
                end = 0  # 晚上8时至12时: an evening's range ends at midnight, as 午夜12时 does, not at noon
            written += match.group("to") + f"{end}时"
        return written

    def percent(match: re.Match[str]) -> str:
        whole = match.group(1)
        value = whole if whole[0].isdigit() else han_numeral_value(whole)
        if value is None:
            return match.group(0)
        decimals = match.group(2)
        if decimals:
            return f"{value}.{''.join(str(_DIGITS[c]) for c in decimals)}{percent_mark}"
        return f"{value}{percent_mark}"

    def decimal(match: re.Match[str]) -> str:
        whole = han_numeral_value(match.group(1))
        if whole is None:
            return match.group(0)
        return f"{whole}.{''.join(str(_DIGITS[c]) for c in match.group(2))}"

    def fraction(match: re.Match[str]) -> str:
        parts = [part if part[0].isdigit() else han_numeral_value(part) for part in match.groups()]
        return match.group(0) if None in parts else f"{parts[0]}分之{parts[1]}"

    def approximate_section(match: re.Match[str]) -> str:
        low, high, unit = int(match.group(1)), int(match.group(2)), match.group(3)
        if unit == "亿":
            return match.group(0)
        return f"{low * 10 ** 4}~{high * 10 ** 4}" + ("亿" if unit == "万亿" else "")

    def weekday(match: re.Match[str]) -> str:
        start = match.start()
        if (_WEEKS_COUNTED.search(match.string, max(start - 8, 0), start + 1)
                and _COUNT_AFTER_WEEKDAY.match(match.string, start + 1)):  # 一个周一两次: weeks counted
            return _WEEKS + match.group(1)
        return "周" + _WEEKDAY_SHIELD[match.group(1)]

    def roc_year(match: re.Match[str]) -> str:
        years = int(match.group(2))
        return f"{_ROC_EPOCH + 1 - years if match.group(1) else _ROC_EPOCH + years}年"

    text = fold_round_zero(text)
    text = _CLOCK.sub(clock, text)
    if any(mark in text for mark in "点时點時"):
        text = _BARE_CLOCK.sub(bare_clock, text)
    if "时" in text:
        text = _PM_CLOCK.sub(pm_clock, text)
    text = _PERCENT.sub(percent, text)
    if "点" in text:
        text = _DECIMAL_AFTER_SHARE.sub(decimal, _HAN_DECIMAL.sub(decimal, text))
    text = _PERCENT_SIGN.sub(rf"\1{percent_mark}", _FRACTION.sub(fraction, text))
    text = _DIGIT_UNIT.sub(lambda m: plain_decimal(Decimal(m.group(1)) * _UNITS[m.group(2)]), text)
    text = _WEEKDAY_NUMERAL.sub(weekday, _WEEKDAY.sub("周", text))
    text = _HAN_NUMBER.sub(han, text).translate(_WEEKDAY_UNSHIELD)
    text = _ROC_YEAR.sub(roc_year, text)
    text = _THOUSANDS.sub("", text)
    if "~" in text:
        text = _APPROXIMATE_SECTION.sub(approximate_section, text)
    return _SECTIONS.sub(amount, text)


# jieba's tags of idioms and fixed expressions (i, l), other proper nouns (nz), abbreviations (j), adverbs (d) and
# distinguishing words (b): not its numerals (m, mq), times (t) or common nouns (n: 两辆车, a count, is one).
_FIXED_TAGS = frozenset({"i", "l", "nz", "j", "d", "b"})
# What may follow a count inside a numeral phrase the dictionary lists (两万人, 六岁时, 两岁半, 一年多来, 八日晚上).
_COUNT_GOES_ON = set(_MEASURE) | set(_DIGITS) | set(_UNITS) | set("半多余来时前后内间上下左右晚早初底中末份")
_LONGEST_FIXED_WORD = 8


def _fixed_word(text: str, start: int, end: int) -> bool:
    """Whether the numeral ``text[start:end]`` and the measure word after it begin a fixed word of jieba's dictionary
    that runs on with other words (三位一体 "trinity", 四人帮, 一次性, 三个代表): such a numeral counts nothing (核三位一体
    is no three people)."""
    from newsmirror.text.tokenize import dictionary_tag  # jieba's dictionary, loaded on first use

    for stop in range(min(len(text), start + _LONGEST_FIXED_WORD), end + 1, -1):
        word = text[start:stop]
        if dictionary_tag(word) in _FIXED_TAGS and not set(text[end + 1:stop]) <= _COUNT_GOES_ON:
            return True
    return False


def _tenth(text: str, start: int, end: int) -> bool:
    """Whether the numeral ``text[start:end]`` and the 成 after it are tenths (三成民众): not when
    the numeral ends a word (统一成, 唯一成员), nor 成 begins one (十三成员国, 三成年人, 一成不变)."""
    from newsmirror.text.tokenize import in_dictionary  # jieba's dictionary, loaded on first use

    after = text[end + 1:end + 4]
    if start and in_dictionary(text[start - 1:start + 1]):
        return False
    words = (head + "成" + after[:k] for head in ("", text[end - 1]) for k in range(1, len(after) + 1))
    return not any(in_dictionary(word) for word in words)


def _first_ends_word(text: str, start: int, end: int) -> bool:
    """Whether the first character of the numeral ``text[start:end]``, digits written one by one (一一, 二〇二〇),
    ends a word the character before it begins (唯一一个, 统一一个, 之一一项): then the numeral is two, the word's and
    the count's, and read whole it would be a figure nobody wrote (唯一一个 is one, not eleven). A numeral with a
    unit (第十一次) reads whole, as Han numbers with units never run on from a word this way. The two characters
    being a dictionary word is not enough (比如一九四九年 holds 如一, 也许二〇二〇年 许二: years, read whole): jieba's cut
    must put them in one word (``_cut_after_first``)."""
    from newsmirror.text.tokenize import in_dictionary  # jieba's dictionary, loaded on first use

    numeral = text[start:end]
    return (len(numeral) > 1 and start > 0 and not set(numeral) & set(_UNITS)
            and in_dictionary(text[start - 1:start + 1]) and _cut_after_first(text, start))


def _approximate(text: str, start: int, end: int) -> str | None:
    """The numeral ``text[start:end]`` as the range it counts (``lo~hi``) when it is two adjacent numerals, "two or
    three" (两三 -> 2~3, 三四十 -> 30~40, 十三四 -> 13~14); its text when it may be a year's last two digits (八九年 is
    1989 as often as eight or nine years: no figure, as 数十 is none); None when it is no such pair. A year's digits
    written one by one (二〇二〇, 一九八九, 二○一二) and three numerals in a row (六七八号) are no pair, nor is a numeral
    whose first character ends a word before it in jieba's cut (唯一|两个, 周一|两次: ``_first_ends_word``, which asks
    the cut, as 比如|一两天, 也许|两三个, 桌上|三四天 hold a dictionary word 如一, 许两, 上三 too), except after 第 (第二三名)."""
    found = _APPROXIMATE.fullmatch(text, start, end)
    if found is None:
        return None
    places, pair, unit = found.groups()
    if places:  # the pair counts the place below the last one written (一百二三十, 一百二三: tens; 一百零五六: ones)
        scale = _UNITS[unit] if unit and places[-1] == "零" else _PLACE_BELOW[places[-1]]  # 一千零五六十: tens
        if (unit and _UNITS[unit] != scale or pair == "三五"  # 一百二三千 is no numeral; 十三五 names a plan
                or places[-1] == "十" and "两" in pair):  # 十两三 is no numeral
            return None
        base = han_numeral_value(places.rstrip("零")) if places != "零" else 0  # 一年零三四个月: 3~4个月
    else:
        scale, base = _UNITS.get(unit, 1), 0
    if start and (_DIGIT_BEFORE.match(text, start - 1)
                  or text[start - 1] != "第" and not places and _first_ends_word(text, start, end)):
        return None
    if not places and not unit and "两" not in pair and text[end:end + 1] == "年":
        return text[start:end]
    low, high = _PAIRS[pair]
    return f"{(base or 0) + low * scale}~{(base or 0) + high * scale}"


def _remainder(text: str, start: int, end: int) -> str | None:
    """The numeral ``text[start:end]`` after an amount's 万 or 亿 (三万五千, 三万零五六百, 一万五) in digits, the place
    it counts written out (5000, 500~600, 5000): None where it is no remainder (the amount is vague, 数十万一出; one
    numeral that may count what follows, 八万一个月; 两 alone, 一万两银子; a pair after 亿) or no numeral."""
    numeral, unit = text[start:end], text[start - 1]
    first = start - 1
    while first > 0 and text[first - 1] in _HAN_NUMERALS:
        first -= 1
    if first > 0 and text[first - 1] in _VAGUE:  # 数十万一出, 几十万二十来岁: the amount is no figure
        return None
    if set(numeral) & set(_UNITS) or numeral[0] in "零〇":  # 五千, 零八百, 五六千, 零五六百: the place is written
        approximate = _approximate(text, start, end)
        if approximate is not None:
            return approximate
        value = han_numeral_value(numeral)
        return None if value is None else str(value)
    place = 1000 if unit == "万" else 10 ** 7
    if numeral in _PAIRS and unit == "万":  # 两万三四: 23,000 to 24,000
        low, high = _PAIRS[numeral]
        return f"{low * place}~{high * place}"
    if (len(numeral) == 1 and numeral != "两" and text[start - 2] not in "百千"
            and _ABBREVIATED_AFTER.match(text, end)):  # 一万五, 三亿五 (written 5000万: 3亿5000万 is 3.5亿)
        value = _DIGITS[numeral] * place
        return str(value) if unit == "万" else f"{value // 10 ** 4}万"
    return None


def _cut_after_first(text: str, start: int) -> bool:
    """Whether jieba's cut of ``text`` around ``start`` puts the character there in one word with the one before it
    (唯一|两个: yes; 也许|两三个: no)."""
    from newsmirror.text.tokenize import placed_words  # jieba, loaded on first use

    for position, piece in placed_words(text, max(start - 6, 0), start + 6):
        if position < 0 or position >= start:
            return False
        if position + len(piece) > start:
            return True
    return False


def plain_decimal(value: Decimal) -> str:
    """``value`` in digits, without a trailing zero fraction (1.5 x 1000 = 1500)."""
    return f"{value.normalize():f}"


def _written(value: Decimal, written: str) -> str:
    """An amount in the one form of ``fold_numbers`` (``written`` if a fraction of one is left)."""
    if value >= _UNIT_VALUE["亿"]:
        return f"{(value / _UNIT_VALUE['亿']).normalize():f}亿"
    return str(int(value)) if value == value.to_integral_value() else written
