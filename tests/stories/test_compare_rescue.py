"""The pair model's last round after the rules (``compare_story(..., rescue=model)``): two units of two
outlets that the rules leave in different facts, that the model calls one fact, each the other's best
such partner, with no conflicting figures (own small examples, none taken from the fact labels of
bench/days)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsmirror.model import Article
from newsmirror.stories import compare
from newsmirror.stories.compare import compare_story
from newsmirror.stories.fact_model import PairModel
from newsmirror.stories.fact_pairs import FEATURES
from tests.stories.fixtures import fact_with

WHEN = datetime(2024, 6, 1, tzinfo=UTC)


def article(outlet: str, body: str) -> Article:
    return Article(outlet=outlet, title="水库大坝", original_url=f"https://{len(outlet)}.example/{hash(body)}",
                   published_at=WHEN, body_text=body)


def model(threshold: float = 0.5) -> PairModel:
    """A made-up model that trusts shared characters (not a fitted one)."""
    weights = {"char_cosine": 10.0}
    return PairModel(-3.0, tuple(weights.get(name, 0.0) for name in FEATURES), (0.0,) * len(FEATURES),
                     (1.0,) * len(FEATURES), threshold)


# Two statements are worded alike; a third is told in other words (few bigrams shared, many characters),
# at the end of one report and at the start of the other (no neighbours in one fact: the continuity
# rounds do not reach it).
BEFORE = "省政府周三宣布，将在明年春季动工修建青石河水库大坝，总投资由中央财政承担。"
AFTER = "环保团体批评说，大坝将淹没下游三个村庄的农田，要求重新进行环境评估。"
ONE = article("甲报", BEFORE + AFTER + "当地居民担忧，工程会迫使他们离开祖辈居住的土地。")
TWO = article("乙社", "住在那里的村民害怕，祖先留下的土地会因工程被迫离开。" + BEFORE + AFTER)


@pytest.fixture(autouse=True)
def _no_shipped_round(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without ``rescue=``, no round (whatever ``RESCUE_ROUND`` ships as): these tests pin the mechanism."""
    monkeypatch.setattr(compare, "RESCUE_ROUND", False)


def test_a_statement_in_other_words_is_one_fact_with_the_round() -> None:
    without = compare_story([ONE, TWO])
    assert fact_with(without, "当地居民担忧").outlets == ["甲报"]
    rescued = compare_story([ONE, TWO], rescue=model())
    assert sorted(fact_with(rescued, "当地居民担忧").outlets) == ["乙社", "甲报"]
    # The linked statements stay as they were.
    assert sorted(fact_with(rescued, "环保团体批评").outlets) == ["乙社", "甲报"]


def test_the_round_takes_nothing_below_its_threshold() -> None:
    rescued = compare_story([ONE, TWO], rescue=model(threshold=0.999))
    assert fact_with(rescued, "当地居民担忧").outlets == ["甲报"]


def test_conflicting_figures_are_never_rescued() -> None:
    def told(first: str, second: str) -> tuple[list[str], list[str]]:
        one = article("甲报", BEFORE + AFTER + f"当地居民担忧，工程会迫使他们离开祖辈居住的土地，涉及{first}个村。")
        two = article("乙社", f"住在那里的{second}个村的村民害怕，祖先留下的土地会因工程被迫离开。" + BEFORE + AFTER)
        return (fact_with(compare_story([one, two]), "当地居民担忧").outlets,
                fact_with(compare_story([one, two], rescue=model()), "当地居民担忧").outlets)

    assert told("3", "3") == (["甲报"], ["乙社", "甲报"])
    assert told("3", "8") == (["甲报"], ["甲报"])


# 甲报 names the county in the statement 乙社 tells in other words (joined by the round only); 丙台 tells it
# in the same words (joined by the rules) without the county.
NAMED = article("甲报", BEFORE + AFTER + "威宁县当地居民担忧，工程会迫使他们离开祖辈居住的土地。")
ALIKE = article("丙台", BEFORE + AFTER + "当地居民担忧，工程会迫使他们离开祖辈居住的土地。")


def test_no_only_x_claim_from_a_link_only_the_model_made() -> None:
    rescued = fact_with(compare_story([NAMED, TWO], rescue=model()), "居民担忧")
    assert sorted(rescued.outlets) == ["乙社", "甲报"]
    assert "威宁县" not in rescued.details  # 乙社 may have named it otherwise: only the model says it told this
    # The same statement in the same words: the rules join it, and the claim is made.
    told = article("乙社", BEFORE + AFTER + "当地居民担忧，工程会迫使他们离开祖辈居住的土地。")
    assert fact_with(compare_story([NAMED, told], rescue=model()), "居民担忧").details == {"威宁县": ["甲报"]}


def test_a_claim_the_rules_make_stays_when_the_round_widens_the_fact() -> None:
    rules = fact_with(compare_story([NAMED, TWO, ALIKE]), "居民担忧")
    assert sorted(rules.outlets) == ["丙台", "甲报"]
    assert rules.details == {"威宁县": ["甲报"]}
    rescued = fact_with(compare_story([NAMED, TWO, ALIKE], rescue=model()), "居民担忧")
    assert sorted(rescued.outlets) == ["丙台", "乙社", "甲报"]
    assert rescued.details == {"威宁县": ["甲报"]}


# 乙社 tells the residents' fear twice: once as 甲报 words it (the rules join the two) and once, first, in other words.
TWICE = article("乙社", "住在那里的村民害怕，祖先留下的土地会因工程被迫离开。" + BEFORE + AFTER
                + "当地居民担忧，工程会迫使他们离开祖辈居住的土地。")


def test_a_pair_the_round_finds_and_the_one_statement_rule_keeps_apart_is_a_second_telling(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # The round pairs 甲报's telling with 乙社's telling in other words; joining them would put two statements of
    # 乙社 in one fact, so the one-statement rule keeps them apart.
    monkeypatch.setattr(compare, "SECOND_RESCUE", None)
    apart = compare_story([ONE, TWICE], rescue=model())
    assert fact_with(apart, "住在那里的村民害怕").outlets == ["乙社"]
    assert sorted(fact_with(apart, "当地居民担忧").outlets) == ["乙社", "甲报"]
    # Shown as a second telling: 甲报's unit is in both facts, and the two facts stay apart.
    monkeypatch.setattr(compare, "SECOND_RESCUE", 0.4)
    shown = compare_story([ONE, TWICE], rescue=model())
    fear = fact_with(shown, "住在那里的村民害怕")
    assert sorted(fear.outlets) == ["乙社", "甲报"]
    assert not any("当地居民担忧" in ref.text for ref in fear.sentences if ref.outlet == "乙社")
    told_alike = [f for f in shown.facts() if any("当地居民担忧" in ref.text and ref.outlet == "乙社" for ref in f.sentences)]
    assert len(told_alike) == 1
    assert sorted(told_alike[0].outlets) == ["乙社", "甲报"]
    # Not below the threshold asked for.
    monkeypatch.setattr(compare, "SECOND_RESCUE", 0.9999)
    assert fact_with(compare_story([ONE, TWICE], rescue=model()), "住在那里的村民害怕").outlets == ["乙社"]
