"""``compare.shared_statements``: the facts two stories both state, by the comparison's rules (own small
examples, none taken from the labels of bench/days)."""

from __future__ import annotations

from datetime import UTC, datetime

from newsmirror.model import Article
from newsmirror.stories.compare import _Sentence, shared_statements, statement_units, statement_weights

WHEN = datetime(2024, 6, 1, tzinfo=UTC)


def units(outlet: str, body: str) -> list[_Sentence]:
    return statement_units(Article(outlet=outlet, title="新闻", original_url=f"https://{len(outlet)}.example/{hash(body)}",
                                   published_at=WHEN, body_text=body))


# One item told by two outlets in two scripts and two wordings.
SIMPLIFIED = units("甲报", "卫生部门11日通报，全国新增确诊病例27例，均为境外输入病例。当日新增治愈出院病例18例。")
TRADITIONAL = units("乙社", "衛生部門11日通報，全國新增確診病例27例，皆為境外移入病例。另新增治癒出院18例。")
# The same topic, another event.
OTHER = units("丙台", "该州周五报告新增确诊病例300例，另有8人死亡。州长表示封锁措施将继续实施。")


def test_one_item_in_two_scripts_shares_its_facts_and_their_figures() -> None:
    got = shared_statements([SIMPLIFIED], [TRADITIONAL])
    assert got.shared == 2
    assert got.specific == 2
    assert got.share == 1.0


def test_two_events_of_one_topic_share_no_fact() -> None:
    assert shared_statements([SIMPLIFIED], [OTHER]).shared == 0
    assert shared_statements([TRADITIONAL], [OTHER]).share == 0.0


def test_units_are_reused_unchanged_across_pairs() -> None:
    before = [(s.ref.outlet, s.key) for s in SIMPLIFIED]
    shared_statements([SIMPLIFIED], [TRADITIONAL])
    assert [(s.ref.outlet, s.key) for s in SIMPLIFIED] == before


def test_the_day_weights_make_wording_every_report_uses_weigh_little() -> None:
    template = "有关部门通报相关工作进展"
    first = units("甲报", f"{template}，该市地铁新线路已经正式启用。")
    day = [first, *(units(f"报{n}", f"{template}，第{n}件事情有了变化。") for n in range(12))]
    weight = statement_weights(day)
    assert weight["部门"] < weight["地铁"] / 3


def test_no_alignable_statement_shares_nothing() -> None:
    got = shared_statements([units("甲报", "短。")], [SIMPLIFIED])
    assert (got.shared, got.share, got.specific) == (0, 0.0, 0)
