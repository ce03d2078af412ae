"""bench/standing_furniture.py: the units an outlet's standing furniture cuts from a story's comparison are counted,
before and after, and kept for reading."""

from __future__ import annotations

from datetime import UTC, datetime

from bench.standing_furniture import Cut, new_tally, story_cuts

from newsmirror.model import Article

TAIL = "任何不当行为都将导致追偿，并受到刑事追究。"  # 德国之声's copyright tail (text/outlet_furniture.tsv)
FACT = "某国外交部周三宣布，将自下月起对进口钢铁加征百分之二十五的关税，为期一年。"


def _report(outlet: str, body: str, n: int) -> Article:
    return Article(outlet=outlet, title=f"标题{n}", original_url=f"https://example.com/{n}", body_text=body,
                   published_at=datetime(2020, 9, 25, tzinfo=UTC))


def test_a_story_holding_a_standing_tail_is_counted_with_its_cut_sentence() -> None:
    tally = new_tally()
    cuts: list[Cut] = []
    story_cuts("S1", [_report("德国之声", f"{FACT}\n\n{TAIL}", 1), _report("美国之音", f"{FACT}\n\n{TAIL}", 2)], tally, cuts)
    story_cuts("S2", [_report("德国之声", FACT, 3), _report("美国之音", FACT, 4)], tally, cuts)
    assert (tally.stories, tally.stories_cut, tally.units_cut) == (2, 1, 1)
    assert tally.units_before == tally.units_after + 1 == 6
    assert [(c.story, c.outlet, c.text, c.before) for c in cuts] == [("S1", "德国之声", TAIL, FACT)]
