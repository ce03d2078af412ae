"""The same-fact pair model: features on small made-up reports, and the fitted model's shape."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pytest

from newsmirror.model import Article
from newsmirror.stories.compare import SameFact, compare_story, story_pair_features
from newsmirror.stories.fact_model import FITTED, PairModel
from newsmirror.stories.fact_pairs import FEATURES
from tests.stories.fixtures import fact_with

WHEN = datetime(2020, 8, 4, tzinfo=UTC)


def report(outlet: str, body: str) -> Article:
    return Article(outlet=outlet, title="贝鲁特爆炸", original_url=f"https://{outlet}.example/x", published_at=WHEN,
                   body_text=body)


CNA = report("甲报", "黎巴嫩首都貝魯特港區今天發生大爆炸。\n\n衛生部長宣布，爆炸造成至少50人喪生和2700人受傷。\n\n"
                   "總理表示必須向造成災難的人究責。")
RFI = report("乙社", "黎巴嫩首都贝鲁特港区今天发生大爆炸。\n\n卫生部长宣布，爆炸造成至少50人丧生和2700人受伤。\n\n"
                   "总理表示必须向造成灾难的人究责。")
BBC = report("丙网", "贝鲁特港口附近发生剧烈爆炸，火光冲天。\n\n黎巴嫩卫生部长说，已有至少27人死亡，2500人受伤。\n\n"
                   "目击者说，爆炸声在几十公里外都能听到。")


def features_of(articles: list[Article], left: str, right: str) -> tuple[dict[str, float], float]:
    refs, pairs, features = story_pair_features(articles)
    probability = FITTED.probability(features)
    for k, (i, j) in enumerate(pairs.tolist()):
        texts = {refs[i].text, refs[j].text}
        if any(left in t for t in texts) and any(right in t for t in texts):
            return dict(zip(FEATURES, features[k].tolist(), strict=True)), float(probability[k])
    raise AssertionError(f"no candidate pair {left} ~ {right}")


def test_the_same_toll_in_two_scripts_shares_its_figures_and_is_one_fact() -> None:
    same, p_same = features_of([CNA, RFI, BBC], "50人喪生", "50人丧生")
    assert same["shared_numbers"] >= 2 and same["number_conflict"] == 0
    assert p_same >= FITTED.threshold
    other, p_other = features_of([CNA, RFI, BBC], "50人丧生", "27人死亡")
    assert other["number_conflict"] == 1 and other["shared_numbers"] == 0
    assert p_other < p_same


@pytest.mark.parametrize("same_fact", ["rules", "model"])
def test_different_tolls_are_not_one_fact_but_the_same_blast_is(same_fact: SameFact) -> None:
    comparison = compare_story([CNA, RFI, BBC], same_fact=same_fact)
    toll = fact_with(comparison, "50人丧生")
    assert toll.outlets == ["乙社", "甲报"]
    blast = fact_with(comparison, "发生大爆炸")
    assert {"乙社", "甲报"} <= set(blast.outlets)


def test_features_are_bounded_and_one_row_per_pair_of_different_outlets() -> None:
    refs, pairs, features = story_pair_features([CNA, RFI, BBC])
    assert features.shape == (len(pairs), len(FEATURES))
    assert all(refs[i].outlet != refs[j].outlet and i < j for i, j in pairs.tolist())
    for name in ("dice", "char_cosine", "best_ratio", "length_ratio", "position_gap", "neighbours"):
        column = features[:, FEATURES.index(name)]
        assert np.all(column >= 0) and np.all(column <= 1 + 1e-9), name


def test_a_model_needs_one_coefficient_per_feature() -> None:
    assert len(FITTED.coefficients) == len(FEATURES) and 0 < FITTED.threshold < 1
    with pytest.raises(ValueError, match="one coefficient per feature"):
        PairModel(0.0, (1.0,), (0.0,), (1.0,), 0.5)


def test_a_stricter_model_links_less() -> None:
    strict = PairModel(FITTED.intercept, FITTED.coefficients, FITTED.means, FITTED.scales, 0.999)
    linked = compare_story([CNA, RFI, BBC], same_fact="model")
    unlinked = compare_story([CNA, RFI, BBC], same_fact="model", model=strict)
    assert len(unlinked.shared) + len(unlinked.partial) < len(linked.shared) + len(linked.partial)
