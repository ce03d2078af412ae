from __future__ import annotations

from newsmirror.stories.compare import compare_story
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
