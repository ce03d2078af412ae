""""Only X names N" is said only when a fitted model finds it likely true (issue 14 item 5, onlyx28):
own examples."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np

from newsmirror.model import Article
from newsmirror.stories.compare import compare_story
from newsmirror.stories.onlyx_confidence import FEATURES, MODEL_PATH, _model, claim_features, probability

WHEN = datetime(2024, 6, 1, tzinfo=UTC)


def _article(outlet: str, body: str) -> Article:
    return Article(outlet=outlet, title="报道", original_url=f"https://{ord(outlet[0])}.example/x",
                   published_at=WHEN, body_text=body)


def _only(articles: list[Article], outlet: str) -> set[str]:
    comparison = compare_story(articles)
    claims = set(comparison.unique_details()[outlet])
    for fact in [*comparison.shared, *comparison.partial]:
        claims.update(term for term, givers in fact.details.items() if givers == [outlet])
    return claims


def test_a_claim_the_silent_outlet_answers_with_a_like_spelling_is_withheld() -> None:
    # 金斯堡 and 金斯伯格 are one person spelled two ways: "only 乙社" would be false.
    long_form = _article("甲报", "官员说，金斯伯格方面已同意在下个月重新开放边境口岸，以恢复双边贸易往来。")
    short_form = _article("乙社", "官员说，金斯堡已同意下个月重新开放边境口岸，恢复双边贸易。")
    silent = _article("丙台", "官员表示，边境口岸下个月重新开放，双边贸易将恢复。")
    assert "金斯堡" not in _only([long_form, short_form, silent], "乙社")


def test_a_name_only_one_outlet_gives_is_still_claimed() -> None:
    named = _article("甲报", "外交部发言人华春莹说，中方坚决反对美方的无理指责。")
    unnamed = _article("乙社", "外交部发言人说，中方坚决反对美方的指责，华发言人表示中方将作出回应。")
    other = _article("丙台", "中国外交部说，中方坚决反对美方的指责。")
    assert "华春莹" in _only([named, unnamed, other], "甲报")


def test_the_packaged_model_is_small_and_fits_the_features() -> None:
    assert MODEL_PATH.stat().st_size < 50_000
    model = _model()
    assert model is not None
    weights, intercept, threshold = model
    assert len(weights) == len(FEATURES) and 0 < threshold < 1
    # More of the word's characters in a silent outlet's sentence of the fact: less likely true.
    texts = {"甲报": "金斯伯格", "乙社": "金斯堡"}
    shared = probability(claim_features("金斯堡", "乙社", texts, texts), weights, intercept)
    apart = {"甲报": "某国官员", "乙社": "金斯堡"}
    assert shared < probability(claim_features("金斯堡", "乙社", apart, apart), weights, intercept)
    assert np.isfinite(intercept)
