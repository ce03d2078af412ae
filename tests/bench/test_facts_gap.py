"""bench/facts_gap.py bands gold pairs by how alike their two quotes are and says what recall the
bands alone predict (own small quotes, none taken from the fact labels of bench/days)."""

from __future__ import annotations

from bench import facts_gap


def test_a_near_copy_and_other_words_fall_in_the_outer_bands() -> None:
    copy = facts_gap.wording_share("海港管理局宣布新码头明年启用", "海港管理局周一宣布新码头明年启用")
    other = facts_gap.wording_share("法官拒绝他的保释申请", "他不准取保，须继续羁押")
    assert facts_gap.band(copy) == "near copy"
    assert facts_gap.band(other) == "other words"
    assert facts_gap.band(0.12) == "some" and facts_gap.band(0.3) == "much"


def test_expected_recall_weights_each_band_by_the_reference() -> None:
    pairs = [("s/f", "海港管理局宣布新码头明年启用", "海港管理局周一宣布新码头明年启用", True),
             ("s/g", "法官拒绝他的保释申请", "他不准取保，须继续羁押", False)]
    counts = facts_gap.band_counts(pairs)
    assert counts["near copy"] == (1, 1) and counts["other words"] == (1, 0)
    reference = {"other words": (10, 1), "some": (0, 0), "much": (4, 2), "near copy": (10, 9)}
    # One pair found as often as 9 in 10, one as 1 in 10: half of the two expected.
    assert abs(facts_gap.expected_recall(counts, reference) - 0.5) < 1e-9
