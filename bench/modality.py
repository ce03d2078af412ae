"""Whether a unit tells its event as foreseen (to come, planned, expected) or as done.

Mandarin has no tense; what a sentence says of an event's time is carried by a closed class of words
(Li & Thompson, *Mandarin Chinese: A Functional Reference Grammar*, ch. 6 on aspect and ch. 6-7 on
auxiliaries and time adverbs; 吕叔湘《现代汉语八百词》's entries 将 / 将要 / 即将, 预计, 拟, 已 / 已经, 曾经, 了):

- **foreseen**: the future adverb 将 where it cannot be the object marker 将 (= 把: 将其逮捕), i.e. before
  于 / 会 / 要 / 在 / 是 / 成为 / 被 / 不 / 对 / 与 / 向 / 由 / 从 / 继续 / 进行 / 可 / 能 / 首次; 即将, 行将;
  verbs of expecting and planning (预计, 预料, 预期, 预定, 预估, 料将, 料于, 有望, 可望, 计划, 拟于 / 拟将,
  打算, 定于); and the future time nouns 明天 / 明日 / 明年 / 后天 / 下周 / 下星期 / 下个月 / 下月.
- **done**: the completive adverbs 已 / 已经 / 业已 / 曾经 and the completion verbs 完成 / 成功 / 结束, and 了 as an
  aspect or sentence-final particle (not in 为了, 除了, 了解, 不了, 罢了, 了不起, 末了).

The list was taken from grammar, not from labelled text (bench/days_results.md, session 47, facts62). A unit may
carry both (他已宣布将于明年访问: a done announcement of a foreseen event): that is ``both``, which conflicts with
nothing. ``foreseen`` against ``done`` is the one conflict: one outlet says the event is to come, the other that it
happened.
"""

from __future__ import annotations

import re
from typing import Literal

Marking = Literal["foreseen", "done", "both", "none"]

_FORESEEN = re.compile(
    "将(?=于|会|要|在|是|成为|被|不|对|与|向|由|从|继续|进行|可|能|首次)"
    "|即将|行将|预计|预料|预期|预定|预估|料将|料于|有望|可望|计划|拟于|拟将|打算|定于"
    "|明天|明日|明年|后天|下周|下星期|下个月|下月"
)
_DONE = re.compile(
    "(?<!而)(?<!不得)已(?!婚|知|故)|业已|曾经|完成|成功|结束"
    "|(?<![为除罢末])(?<!不)了(?![解不])"
)


def markers(normalized: str) -> tuple[list[str], list[str]]:
    """The foreseen and the done markers of a unit's ``normalize``d text."""
    return _FORESEEN.findall(normalized), _DONE.findall(normalized)


def marking(normalized: str) -> Marking:
    """How a unit (its ``normalize``d text: Simplified script) tells its event."""
    foreseen, done = (bool(found) for found in markers(normalized))
    if foreseen and done:
        return "both"
    return "foreseen" if foreseen else "done" if done else "none"


def conflict(first: str, second: str) -> bool:
    """Whether one unit tells its event as foreseen and the other as done."""
    return {marking(first), marking(second)} == {"foreseen", "done"}
