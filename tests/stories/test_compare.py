from __future__ import annotations

from datetime import UTC, datetime

from newsmirror.model import Article
from newsmirror.stories.compare import compare_story

WHEN = datetime(2024, 6, 1, tzinfo=UTC)

HANS = Article(
    outlet="甲报", title="外长会谈", original_url="https://a.example/x", published_at=WHEN,
    body_text=(
        "新西兰外长周一在悉尼会见澳大利亚外长，双方讨论了太平洋岛国的安全合作。\n\n"
        "两国同意明年举行联合海上演习。"
        "会谈持续了三个小时。"
    ),
)
HANT = Article(
    outlet="乙社", title="外長會談", original_url="https://b.example/x", published_at=WHEN,
    body_text=(
        "紐西蘭外長週一在雪梨會見澳洲外長，雙方討論太平洋島國的安全合作。\n\n"
        "兩國同意明年舉行聯合海上演習，並邀請斐濟派員觀摩。"
        "消息人士說，澳方私下批評了索羅門群島的對華協議。"
    ),
)
THIRD = Article(
    outlet="丙网", title="外长会谈", original_url="https://c.example/x", published_at=WHEN,
    body_text="新西兰外长在悉尼会见澳大利亚外长，讨论太平洋岛国安全合作。双方未透露更多细节。",
)


def sentences(facts: list) -> list[list[tuple[str, str]]]:
    return [[(s.outlet, s.text) for s in f.sentences] for f in facts]


def test_two_scripts_align_sentence_by_sentence() -> None:
    comparison = compare_story([HANS, HANT], story_id="s1")
    assert comparison.story_id == "s1"
    assert comparison.outlets == ["甲报", "乙社"]
    shared = sentences(comparison.shared)
    assert [
        ("甲报", "新西兰外长周一在悉尼会见澳大利亚外长，双方讨论了太平洋岛国的安全合作。"),
        ("乙社", "紐西蘭外長週一在雪梨會見澳洲外長，雙方討論太平洋島國的安全合作。"),
    ] in shared
    assert any(("甲报", "两国同意明年举行联合海上演习。") in fact for fact in shared)
    assert [[s.text for s in f.sentences] for f in comparison.unique["甲报"]] == [["会谈持续了三个小时。"]]
    assert [[s.text for s in f.sentences] for f in comparison.unique["乙社"]] == [
        ["消息人士說，澳方私下批評了索羅門群島的對華協議。"]
    ]


def test_details_name_what_one_outlet_adds_to_a_shared_fact() -> None:
    comparison = compare_story([HANS, HANT])
    drill = next(f for f in comparison.shared if any("演习" in s.text for s in f.sentences))
    assert drill.details.get("斐济") == ["乙社"]


def test_three_outlets_shared_partial_unique() -> None:
    comparison = compare_story([HANS, HANT, THIRD])
    assert {frozenset(f.outlets) for f in comparison.shared} == {frozenset({"甲报", "乙社", "丙网"})}
    assert any(set(f.outlets) == {"甲报", "乙社"} for f in comparison.partial)
    assert [s.text for f in comparison.unique["丙网"] for s in f.sentences] == ["双方未透露更多细节。"]


def test_sentence_refs_point_back_to_their_article_and_position() -> None:
    comparison = compare_story([HANS, HANT])
    for fact in [*comparison.shared, *comparison.partial, *(f for fs in comparison.unique.values() for f in fs)]:
        for ref in fact.sentences:
            article = HANS if ref.article_id == HANS.id else HANT
            assert ref.outlet == article.outlet
            assert ref.text in article.body_text


def test_one_outlet_or_none() -> None:
    alone = compare_story([HANS])
    assert alone.shared == [] and alone.partial == []
    assert len(alone.unique["甲报"]) == 3
    empty = compare_story([])
    assert empty.outlets == [] and empty.shared == []
