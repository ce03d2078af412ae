"""A number of days written N日 after a word that makes it a span is no date (own constructed sentences, none taken
from the fact labels or texts of bench/days)."""

from __future__ import annotations

from newsmirror.stories.compare import _figures, _figures_differ, _match_text
from newsmirror.text.normalize import normalize


def figures(text: str) -> frozenset[str]:
    return _figures(_match_text(normalize(text)))


def test_a_span_of_days_after_a_word_of_time_past_counts_days() -> None:
    # On main 21日 was read as the 21st of a month, another kind than the 21天 of an outlet writing it in days.
    assert figures("距今 21 日，他仍下落不明。") == {"21天"}
    assert figures("该市过去14日新增病例。") == {"14天"}
    assert figures("該市過去一日新增病例。") == {"1天"}
    # On main the span (21日) and the other outlet's date (12日) were two days of a month: a disagreement.
    assert not _figures_differ(figures("距今21日，仍无他的消息。"), figures("他12日被带走，21天来没有消息。"))
    assert _figures_differ(figures("距今21日仍无消息。"), figures("已有20天没有消息。"))


def test_a_date_stays_a_date() -> None:
    assert figures("他21日抵达。") == {"21日"}
    assert figures("他已经在21日抵达。") == {"21日"}  # 在 between: a date
    assert figures("网站已经4日上线。") == {"4日"}  # 已经 "already": a date as often as a span, left a date
    assert figures("过去4月11日的最高值。") == {"4月", "11日"}
