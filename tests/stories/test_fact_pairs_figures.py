"""The linker reads a figure one way (session 59, recall85).

Made-up reports (fictional events). On main 087dd1c8 these fail (71万多 against 71.6万 was a conflict to the model and
agreement to the veto). recall85's Latin-name fold was refused by its rule; its tests stay on branch recall85.
"""

from __future__ import annotations

from datetime import UTC, datetime

from newsmirror.model import Article
from newsmirror.stories import compare, fact_pairs
from newsmirror.stories.compare import story_pair_features
from newsmirror.stories.fact_pairs import FEATURES

WHEN = datetime(2024, 3, 5, tzinfo=UTC)


def report(outlet: str, body: str) -> Article:
    return Article(outlet=outlet, title="报道", original_url=f"https://{outlet}.example/x", published_at=WHEN,
                   body_text=body)


def features_of(articles: list[Article], left: str, right: str) -> dict[str, float]:
    refs, pairs, features = story_pair_features(articles)
    for k, (i, j) in enumerate(pairs.tolist()):
        texts = (refs[i].text, refs[j].text)
        if (left in texts[0] and right in texts[1]) or (left in texts[1] and right in texts[0]):
            return dict(zip(FEATURES, features[k].tolist(), strict=True))
    raise AssertionError(f"no candidate pair {left} ~ {right}")


# One count, hedged by one outlet (71万多 = 710,000 to 719,999) and given exactly by the other (71.6万).
HEDGED = report("甲报", "该市已有71万多人预约接种疫苗。\n\n市长说，接种站将延长开放时间。")
EXACT = report("乙社", "市政府说，全市已有71.6万名市民预约接种。\n\n接种站将延长开放时间至晚上十点。")
# The same wording with another count: a conflict, as the figure veto reads it.
OTHER = report("丙网", "当局说，全市已有52万名市民预约接种。\n\n全市另有不少市民排队等候预约接种。")


def test_a_hedged_count_and_the_exact_count_it_holds_are_shared_figures() -> None:
    same = features_of([HEDGED, EXACT], "71万多人", "71.6万名")
    # As the veto reads them (compare._figures_differ: 710000~719999人 holds 716000人), not as digit strings (71 ~ 71.6).
    assert same["shared_numbers"] == 1 and same["number_conflict"] == 0


def test_counts_that_do_not_overlap_still_conflict() -> None:
    other = features_of([EXACT, OTHER], "71.6万名", "52万名")
    assert other["shared_numbers"] == 0 and other["number_conflict"] == 1
    # A unit with no figure neither shares nor conflicts.
    bare = features_of([EXACT, OTHER], "71.6万名", "排队等候")
    assert bare["shared_numbers"] == 0 and bare["number_conflict"] == 0


def test_the_figure_features_agree_with_the_figure_veto() -> None:
    """One reading: a pair the veto lets through is never a conflict to the model, and one it vetoes always is."""
    _outlets, sentences, weight = compare._story_units([HEDGED, EXACT, OTHER], dateline_matched=False)
    pairs, features = fact_pairs.pair_features(compare._pair_units(sentences), weight)
    conflict = features[:, FEATURES.index("number_conflict")]
    assert len(pairs)
    for (i, j), c in zip(pairs.tolist(), conflict.tolist(), strict=True):
        assert bool(c) == compare._figures_differ(sentences[i].figures, sentences[j].figures)


def test_a_number_the_veto_reads_as_no_figure_is_still_shared() -> None:
    """The veto reads no figure in 48小时 (and 2起/2次 as two kinds): the digit strings both keys give still count."""
    clash = [report("甲报", "两国军队在48小时内发生2起冲突。\n\n双方均表示克制。"),
             report("乙社", "最近48小时内，双方在边境两次发生冲突。\n\n外交部呼吁冷静。")]
    shared = features_of(clash, "48小时内发生", "最近48小时内")
    assert shared["shared_numbers"] >= 1 and shared["number_conflict"] == 0
