"""An outlet that tells one statement twice, in other words, in two facts the one-statement rule keeps apart: with
``SECOND_REPEAT`` a telling is shown in the other's fact as the outlet's second telling (session 44, facts54), when
the fact's other outlets match it best there (``SECOND_REPEAT_BEST``), when it is no short piece of the longer unit
(``SECOND_REPEAT_FLOOR``), when it gives no figure conflicting with any unit of the fact, and without only-X claims of
its own (session 45, facts56). Own small example, none taken from the fact labels of bench/days."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsmirror.model import Article
from newsmirror.stories import compare
from newsmirror.stories.compare import Comparison, Fact, compare_story

WHEN = datetime(2024, 6, 1, tzinfo=UTC)

# 甲报 and 乙社 tell the dam's start alike (with its cost); 乙社's second report and 丙台 tell it in other words (丙台
# with another cost, so 丙台's and 甲报's tellings are no pair; 乙社 with the minister 王建国, whom no other outlet names).
# 乙社's two tellings share less than ``REPEATED``: the linker keeps the two facts apart, and no offer of session 44's
# main shows a unit where its outlet already is. 乙社 also asks, in a heading, when the dam is begun.
TOLD = "省政府周三宣布将在明年春季动工修建青石河水库大坝，总投资20亿元。"
RETOLD = "青石河水库大坝的工程明年春季动工，省政府周三对外公布了这个消息。"
MINISTER = "水利厅长王建国表示，"
QUESTION = "青石河水库大坝何时动工？"
CRITICS = "环保团体批评说大坝将淹没下游三个村庄的农田。"


def reports() -> list[Article]:
    bodies = [("甲报", TOLD + CRITICS), ("乙社", TOLD + "当地居民担忧工程会迫使他们离开祖辈居住的土地。"),
              ("乙社", MINISTER + RETOLD + "工程总投资由中央财政承担。"),
              ("乙社", QUESTION + "当地农民说他们从没听说过补偿方案。"),
              ("丙台", RETOLD[:-1] + "，投资30亿元。" + CRITICS)]
    return [Article(outlet=outlet, title="水库大坝", original_url=f"https://{n}.example/{n}", published_at=WHEN,
                    body_text=body) for n, (outlet, body) in enumerate(bodies)]


def fact_with(comparison: Comparison, outlet: str, opening: str) -> Fact:
    """The one fact of two or more outlets holding a unit of ``outlet`` that opens with ``opening``, and more than
    that unit's outlet."""
    found = [fact for fact in comparison.facts() if len(fact.outlets) > 1
             and any(ref.outlet == outlet and ref.text.startswith(opening) for ref in fact.sentences)]
    assert len(found) == 1, found
    return found[0]


def told(fact: Fact) -> list[str]:
    return sorted(ref.outlet + ":" + ref.text[:3] for ref in fact.sentences)


@pytest.fixture
def repeats(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compare, "SECOND_REPEAT", 0.4)
    monkeypatch.setattr(compare, "SECOND_REPEAT_BEST", True)
    monkeypatch.setattr(compare, "SECOND_REPEAT_FLOOR", 0.4)
    monkeypatch.setattr(compare, "SECOND_REPEAT_BEYOND", False)


def test_off_an_outlets_repeat_is_not_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compare, "SECOND_REPEAT", None)
    assert told(fact_with(compare_story(reports()), "甲报", "省政府")) == ["乙社:省政府", "甲报:省政府"]


@pytest.mark.usefixtures("repeats")
def test_an_outlets_repeat_in_other_words_is_its_second_telling() -> None:
    shown = compare_story(reports())
    assert told(fact_with(shown, "甲报", "省政府")) == ["乙社:水利厅", "乙社:省政府", "甲报:省政府"]
    # The facts stay apart: 丙台's telling is not joined to 甲报's.
    assert "甲报" not in fact_with(shown, "丙台", "青石河").outlets


@pytest.mark.usefixtures("repeats")
def test_a_repeat_giving_a_figure_the_fact_contradicts_is_not_shown() -> None:
    # 乙社's first telling repeats its telling in 丙台's fact, and agrees with it in figures (it gives none); but it
    # says 20亿 where 丙台 says 30亿: not shown there.
    assert told(fact_with(compare_story(reports()), "丙台", "青石河")) == ["丙台:青石河", "乙社:水利厅"]


@pytest.mark.usefixtures("repeats")
def test_a_short_piece_of_a_longer_sentence_is_no_repeat(monkeypatch: pytest.MonkeyPatch) -> None:
    # The heading lies inside 乙社's telling in 丙台's fact; without the floor it is shown there.
    monkeypatch.setattr(compare, "SECOND_REPEAT_FLOOR", None)
    assert "乙社:青石河" in told(fact_with(compare_story(reports()), "丙台", "青石河"))
    monkeypatch.setattr(compare, "SECOND_REPEAT_FLOOR", 0.4)
    assert "乙社:青石河" not in told(fact_with(compare_story(reports()), "丙台", "青石河"))


@pytest.mark.usefixtures("repeats")
def test_a_repeat_brings_no_only_x_claim() -> None:
    shown = compare_story(reports())
    fact = fact_with(shown, "甲报", "省政府")
    # Read over the fact's units as they stand, 王建国 (named by 乙社's repeat only) is a claim ...
    units = {ref.text: ref for ref in fact.sentences}
    sentences = [s for s in compare._story_units(reports(), True)[1] if s.ref.text in units]
    assert compare._details(sentences, shown.outlets, {o: "" for o in shown.outlets}, {}).get("王建国") == ["乙社"]
    # ... but the repeat joined for its likeness to 乙社's own telling: the fact makes none.
    assert "王建国" not in fact.details
    # Where 乙社's telling is an ordinary member, the claim stands.
    assert fact_with(shown, "丙台", "青石河").details.get("王建国") == ["乙社"]


def test_not_above_the_threshold_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compare, "SECOND_REPEAT", 0.9999)
    monkeypatch.setattr(compare, "SECOND_REPEAT_BEST", True)
    monkeypatch.setattr(compare, "SECOND_REPEAT_FLOOR", 0.4)
    monkeypatch.setattr(compare, "SECOND_REPEAT_BEYOND", False)
    assert told(fact_with(compare_story(reports()), "甲报", "省政府")) == ["乙社:省政府", "甲报:省政府"]


def test_the_shipped_setting_shows_the_retelling() -> None:
    # Session 45, facts58: on by default (.2 counted beyond the story's topic bigrams and shared names, floor .3,
    # best-in-fact): 乙社's retelling in other words is shown in 甲报's fact, without the minister's only-X claim.
    assert (compare.SECOND_REPEAT, compare.SECOND_REPEAT_FLOOR, compare.SECOND_REPEAT_BEYOND) == (0.2, 0.3, True)
    fact = fact_with(compare_story(reports()), "甲报", "省政府")
    assert told(fact) == ["乙社:水利厅", "乙社:省政府", "甲报:省政府"]
    assert "王建国" not in fact.details
