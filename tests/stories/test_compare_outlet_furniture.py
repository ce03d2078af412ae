"""A sentence an outlet writes in its reports of many different stories (its standing furniture, whatever its words:
text/outlet_furniture.tsv) is no unit of a comparison; a sentence two reports of one story share still is (boiler69)."""

from __future__ import annotations

from datetime import UTC, datetime

from newsmirror.model import Article
from newsmirror.stories.compare import _unit_texts, compare_story, outlet_furniture
from newsmirror.text.packaged import packaged_rows

# 德国之声's copyright tail, in 345 of its reports of the archive (made-up reports around it).
TAIL = "任何不当行为都将导致追偿，并受到刑事追究。"
SHARED = "某国外交部周三宣布，将自下月起对进口钢铁加征百分之二十五的关税，为期一年。"


def _report(outlet: str, body: str, n: int) -> Article:
    return Article(outlet=outlet, title=f"某国对进口钢铁加征关税 {n}", original_url=f"https://example.com/{n}",
                   body_text=body, published_at=datetime(2020, 9, 25, tzinfo=UTC))


def _texts(comparison_facts: list) -> list[str]:
    return [ref.text for fact in comparison_facts for ref in fact.sentences]


def test_an_outlets_standing_tail_is_no_fact_and_a_sentence_two_reports_share_is() -> None:
    dw = _report("德国之声", f"{SHARED}\n\n该国财政部长表示，新关税的收入将用于补贴本国钢铁企业。\n\n{TAIL}", 1)
    other = _report("美国之音", f"{SHARED}\n\n分析人士认为，此举可能引发主要贸易伙伴的报复措施。", 2)
    comparison = compare_story([dw, other])
    facts = [*comparison.shared, *comparison.partial, *(f for fs in comparison.unique.values() for f in fs)]
    assert not any("追偿" in text for text in _texts(facts))
    assert any({ref.outlet for ref in fact.sentences} == {"德国之声", "美国之音"} and "钢铁" in fact.sentences[0].text
               for fact in comparison.shared)
    assert any("补贴本国钢铁企业" in text for text in _texts(comparison.unique.get("德国之声", [])))


def test_the_tail_is_furniture_of_the_outlet_that_writes_it_only() -> None:
    # Another outlet writing the same words (a quotation, a report on the notice) keeps them: the table is per outlet.
    assert outlet_furniture("德国之声", TAIL)
    assert outlet_furniture("德国之声", "任何不當行為都將導致追償，並受到刑事追究。")  # read as its match key: either script
    assert not outlet_furniture("美国之音", TAIL)
    units = [text for _n, text in _unit_texts(_report("美国之音", f"{SHARED}\n\n{TAIL}", 3))]
    assert TAIL in units
    assert TAIL not in [text for _n, text in _unit_texts(_report("德国之声", f"{SHARED}\n\n{TAIL}", 4))]


def test_the_shipped_table_holds_what_its_miner_keeps() -> None:
    from bench.mine_furniture import MIN_DATES, MIN_STORIES

    rows = list(packaged_rows("outlet_furniture.tsv"))
    assert rows
    for outlet, key, stories, dates, reports in rows:
        assert outlet and key and " " not in key
        assert int(stories) >= MIN_STORIES and int(dates) >= MIN_DATES and int(reports) >= int(stories)
