"""The continuity rounds' floor beyond the story's topic words (``compare.CONTINUITY_TOPIC``, session 43,
facts52): two units whose neighbours are one fact, that share only bigrams most of the story's outlets use,
are two statements (own small examples, none taken from the fact labels of bench/days)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsmirror.model import Article
from newsmirror.stories import compare
from newsmirror.stories.compare import compare_story
from tests.stories.fixtures import fact_with

WHEN = datetime(2024, 6, 1, tzinfo=UTC)


def article(outlet: str, body: str) -> Article:
    return Article(outlet=outlet, title="水库大坝", original_url=f"https://{len(outlet)}.example/{hash(body)}",
                   published_at=WHEN, body_text=body)


# One statement every outlet tells alike; then 甲报 and 乙社 each say something else that names only what the
# whole story is about (水库大坝, which every outlet writes).
SHARED = "省政府周三宣布，将在明年春季动工修建青石河水库大坝，总投资由中央财政承担。"
ONE = article("甲报", SHARED + "副省长表示，水库大坝的设计已经通过专家审查。")
TWO = article("乙社", SHARED + "反对者在网上发起联署，称水库大坝不该建在地震带上。")
THREE = article("丙台", SHARED + "天气预报说本周末全省有雨。")


@pytest.fixture(autouse=True)
def _no_shipped_round(monkeypatch: pytest.MonkeyPatch) -> None:
    """No pair-model round: these tests pin the continuity rounds."""
    monkeypatch.setattr(compare, "RESCUE_ROUND", False)


def test_neighbours_sharing_only_the_topic_words_stay_two_statements(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compare, "CONTINUITY_TOPIC", None)
    assert sorted(fact_with(compare_story([ONE, TWO, THREE]), "副省长表示").outlets) == ["乙社", "甲报"]
    monkeypatch.undo()
    monkeypatch.setattr(compare, "RESCUE_ROUND", False)
    # The shipped settings.
    assert compare.CONTINUITY_TOPIC == 0.0 and compare.TOPIC_REPEAT == 1.5
    assert fact_with(compare_story([ONE, TWO, THREE]), "副省长表示").outlets == ["甲报"]
    assert fact_with(compare_story([ONE, TWO, THREE]), "反对者在网上").outlets == ["乙社"]
    # The statement all three tell stays one fact.
    assert sorted(fact_with(compare_story([ONE, TWO, THREE]), "省政府周三宣布").outlets) == ["丙台", "乙社", "甲报"]


def test_two_outlets_have_no_topic_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """A bigram is a topic word only when three or more outlets give it: two reports alone share what they share."""
    monkeypatch.setattr(compare, "CONTINUITY_TOPIC", 0.0)
    assert sorted(fact_with(compare_story([ONE, TWO]), "副省长表示").outlets) == ["乙社", "甲报"]


def test_topic_grams_need_three_outlets_most_of_them_and_repetition(monkeypatch: pytest.MonkeyPatch) -> None:
    units = compare._story_units([ONE, TWO, THREE], dateline_matched=True)[1]
    topic = compare._topic_grams(units)
    # 大坝: five units of three outlets; 总投: the one statement all three tell, once each (no topic word).
    assert "大坝" in topic and "副省" not in topic and "总投" not in topic
    monkeypatch.setattr(compare, "TOPIC_REPEAT", None)
    assert "总投" in compare._topic_grams(units)
    assert compare._topic_grams(compare._story_units([ONE, TWO], dateline_matched=True)[1]) == frozenset()
