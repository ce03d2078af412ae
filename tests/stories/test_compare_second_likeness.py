"""A unit ``second_facts`` shows in a second fact is shown beside every outlet's telling there: with
``SECOND_LIKENESS`` it is shown only if it is alike (Dice of bigram weight at least the bar) some unit of each other
outlet of the fact (session 47, facts63). Own small example, none taken from the fact labels of bench/days."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsmirror.model import Article
from newsmirror.stories import compare

WHEN = datetime(2024, 6, 1, tzinfo=UTC)

# 甲报 and 乙社 tell the bridge's opening alike; 丙台's first unit tells it too, 丙台's second is another statement
# that shares only the bridge's name with 乙社's telling (and the toll with 甲报's).
JIA = "跨江大桥周五上午正式通车，市长在仪式上剪彩，大桥全长十二公里。"
YI = "跨江大桥周五上午举行通车仪式，市长亲自剪彩，全长十二公里的大桥正式启用。"
BING_ALIKE = "市长周五上午为跨江大桥通车剪彩，大桥正式通车。"
BING_OTHER = "跨江大桥的建设曾因拆迁纠纷停工两年，当地居民多次抗议。"


def linker_with_fact() -> tuple[compare._Linker, dict[str, int], int]:
    """A linker over the three outlets' units, 甲报's and 乙社's tellings joined into one fact."""
    bodies = [("甲报", JIA), ("乙社", YI), ("丙台", BING_ALIKE + BING_OTHER)]
    articles = [Article(outlet=outlet, title="大桥通车", original_url=f"https://{n}.example/{n}", published_at=WHEN,
                        body_text=body) for n, (outlet, body) in enumerate(bodies)]
    _outlets, units, weight = compare._story_units(articles, True)
    mass = {i: sum(weight[g] for g in s.grams) for i, s in enumerate(units)}
    linker = compare._Linker(units, weight, mass)
    index = {s.ref.text: i for i, s in enumerate(units)}
    linker._union(linker.links.find(index[JIA]), linker.links.find(index[YI]))
    return linker, index, linker.links.find(index[JIA])


def test_off_every_unit_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compare, "SECOND_LIKENESS", None)
    linker, index, root = linker_with_fact()
    assert linker._alike_each(index[BING_OTHER], root)


def test_a_unit_alike_each_outlets_telling_is_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compare, "SECOND_LIKENESS", 0.1)
    linker, index, root = linker_with_fact()
    assert linker._alike_each(index[BING_ALIKE], root)


def test_a_unit_sharing_only_the_subject_with_an_outlets_telling_is_not_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compare, "SECOND_LIKENESS", 0.1)
    linker, index, root = linker_with_fact()
    assert not linker._alike_each(index[BING_OTHER], root)


def test_a_units_own_outlet_is_not_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    # An outlet's repeat is checked against the fact's other outlets only: 乙社's telling in the fact of 甲报 and 乙社
    # is asked about 甲报 alone.
    monkeypatch.setattr(compare, "SECOND_LIKENESS", 0.1)
    linker, index, root = linker_with_fact()
    assert linker._alike_each(index[YI], root)
