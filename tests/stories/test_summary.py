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
