"""What a figure of a match key (``text.numbers.fold_numbers`` done) may stand for: a point or a range.

An outlet writing 一百多人 states 100 to 199 people, 近百人 90 to 100, 约3万 27,000 to 33,000, 上千 1,000 to
9,999, 三成 a share of 25 to 35 %, 四分之一 25 %: read as the points 100, 100, 30000, none, none, they veto
another outlet's 150人 or 23.48 % as a conflicting figure, or (a symmetric range) let 一百多 agree with 75. A
hedge runs one way: 多, 余, 几 after a number, 逾, 超过, 至少 before it, fill the places below its last
significant digit (30多 = 30-39, 3万6500多 = 36500-36599); 近, 将近, 不到 come from below, by at most a tenth;
约, 左右 either way by a tenth. 数十, 几百 stay no figure (``fold_numbers`` leaves them words): "tens of" is no
count another outlet's figure could confirm or contradict.

A figure is written as before (``50人``, a bare ``5`` for a percentage) when it is a point, and as
``lo~hi`` + its kind (``100~199人``) when it is a closed range; ``bounds`` reads either.
"""

from __future__ import annotations

import re
from decimal import Decimal

from newsmirror.text.numbers import plain_decimal

# A hedge before the number, by the way it runs: up from it, down to it, either way.
_BEFORE_UP = ("超过", "多于", "高于", "至少", "多达", "逾", "超")
_BEFORE_DOWN = ("将近", "接近", "逼近", "不到", "不足", "少于", "近")
_BEFORE_BOTH = ("大约", "大概", "约")
_AFTER_UP = "多余几"
_AFTER_KIND_UP = ("以上",)
_AFTER_KIND_BOTH = ("左右", "上下")
_TENTH = Decimal("0.1")
# 上千, 上万, 上百万: "reaching the thousands", up to the next order.
_REACHING = re.compile(r"(?<![\d.])上([十百千万亿]+)")
_REACHING_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10 ** 4, "亿": 10 ** 8}
# 4分之1 (``fold_numbers`` writes 四分之一 so) is a share, read as a percentage like 25%.
FRACTION = re.compile(r"(?<![a-z\d.])(\d+)分之(\d+(?:\.\d+)?)(?![\d.])")
# 3成 is three tenths, a share rounded to tenths (``fold_numbers`` folds 三成 only where 成 stands alone); 6~7成 (六七成,
# ``fold_numbers``' range of two adjacent numerals) six or seven tenths.
TENTHS = re.compile(r"(?<![a-z\d.~])(\d+(?:\.\d+)?)(?:~(\d+))?成")
# A numeral before these counts no thing: 两位数 ("double digits"), 两倍数 (a multiple).
NO_COUNT = re.compile(r"(?<![a-z\d.])\d+(?:\.\d+)?(?=位数|倍数)")


def written(low: Decimal, high: Decimal) -> str:
    """A range as ``bounds`` reads it: a point when both ends are one."""
    return plain_decimal(low) if low == high else f"{plain_decimal(low)}~{plain_decimal(high)}"


def place(number: str) -> Decimal:
    """The value of a number's last significant place: 36500 -> 100, 30 -> 10, 1.5 -> 0.1."""
    if "." in number:
        return Decimal(1).scaleb(-len(number.split(".")[1]))
    zeros = len(number) - len(number.rstrip("0"))
    return Decimal(10) ** min(zeros, len(number) - 1)


def upward(value: Decimal, step: Decimal) -> tuple[Decimal, Decimal]:
    """From ``value`` up to (not including) the next ``step``: whole numbers end one below it."""
    return value, value + step - (1 if step >= 1 and value == value.to_integral_value() else 0)


def hedged(key: str, start: int, end: int, value: Decimal, step: Decimal,
           after: str = "") -> tuple[Decimal, Decimal] | None:
    """The range the hedge around ``key[start:end]`` (the number, of ``value``, its last place
    ``step``) gives it, or None for none. ``after`` is the key after the figure's kind, where 以上 and 左右
    stand (100人以上, 30岁左右)."""
    head = key[:start]
    follows = key[end:end + 1]
    if follows and follows in _AFTER_UP or head.endswith(_BEFORE_UP) or after.startswith(_AFTER_KIND_UP):
        return upward(value, step)
    if head.endswith(_BEFORE_BOTH) or after.startswith(_AFTER_KIND_BOTH):
        return value * (1 - _TENTH), value * (1 + _TENTH)
    if head.endswith(_BEFORE_DOWN):
        return value * (1 - _TENTH), value
    return None


def reaching(key: str) -> list[tuple[int, int, Decimal]]:
    """Each 上千 / 上万 / 上百万 of ``key``: its span and the order it reaches (1000, 10000, 1000000)."""
    found = []
    for match in _REACHING.finditer(key):
        value = Decimal(1)
        for unit in match.group(1):
            value *= _REACHING_UNITS[unit]
        found.append((match.start(), match.end(), value))
    return found


def fraction_share(denominator: str, numerator: str) -> tuple[Decimal, Decimal] | None:
    """A fraction as a percentage: exact when it has at most two decimals (4分之1 = 25), else the
    whole percentages either side (3分之1 = 33-34)."""
    if int(denominator) == 0:
        return None
    share = Decimal(numerator) * 100 / Decimal(denominator)
    if share == share.quantize(Decimal("0.01")):
        return share, share
    return share.to_integral_value(rounding="ROUND_FLOOR"), share.to_integral_value(rounding="ROUND_CEILING")


def bounds(number: str) -> tuple[Decimal, Decimal]:
    """The closed range of a figure's number part (``50`` or ``100~199``)."""
    low, _, high = number.partition("~")
    return Decimal(low), Decimal(high or low)


def overlap(first: str, second: str) -> bool:
    """Whether two figures' number parts (points or ranges) may be one value."""
    (a, b), (c, d) = bounds(first), bounds(second)
    return a <= d and c <= b


def kind(figure: str) -> str:
    """What a figure (``stories.compare._figures``' ``50人``, ``100~199人``, ``2018Y``) counts. A range's kind follows its
    ``~``; a single decimal keeps the digits after its point in its kind (19.5亿: ".5亿"), as before ranges. Read as 亿
    it would conflict with every whole figure of its kind: on the tuning fact files that vetoes two details of one fact
    (a premium of 1.06元, a payout of 3万元) and links nothing new (session 35, facts39's V1)."""
    return figure.lstrip("0123456789" if "~" not in figure else "0123456789.~")


def number_part(figure: str) -> str:
    """A figure's number: ``50`` of ``50人``, ``100~199`` of ``100~199人``."""
    return figure[: len(figure) - len(kind(figure))]


def agree(one: str, other: str) -> bool:
    """Whether two figures may state one count: of one kind, or one of them bare (14 of 14例 is the figure 14人 is), and
    their numbers (points or ranges) overlapping (100多人 with 150人, not with 75人)."""
    kinds = kind(one), kind(other)
    return (kinds[0] == kinds[1] or not all(kinds)) and overlap(number_part(one), number_part(other))


def figures_differ(first: frozenset[str], second: frozenset[str]) -> bool:
    """Both units give figures of one kind and share no figure (a toll of 50 and 2700 dead is
    not one of 27 and 2500). Figures of different kinds do not conflict: 2018年12月 and 近两年,
    近两年 and 六百多天 may date one event. A number without a measure word (14 of 14例) is the
    same figure as that number counting anything (14人). A range agrees with the figures it holds
    (100多人 with 150人, not with 75人)."""
    if not first or not second or not first.isdisjoint(second):
        return False
    if any(agree(one, other) for one in first for other in second):
        return False
    return not {kind(f) for f in first}.isdisjoint({kind(f) for f in second})


def figures_agreeing(first: frozenset[str], second: frozenset[str]) -> int:
    """How many figures two units give alike, as ``figures_differ`` reads them: the figures of the unit giving fewer
    such that a figure of the other agrees with it (``agree``; 71万多人 and 71.6万人 are one)."""
    return min(sum(any(agree(one, other) for other in second) for one in first),
               sum(any(agree(other, one) for one in first) for other in second))
