"""The benchmark's gold set resolves against the corpus, and extraction meets the issue's targets on it."""

from __future__ import annotations

from pathlib import Path
from statistics import mean

import pytest
from bench.goldset import load_gold_set
from bench.metrics import body_prf, date_correct

from newsmirror.extract import extract_article
from newsmirror.model import DocumentKind, RawDocument


@pytest.mark.corpus
def test_gold_set_resolves_and_extraction_meets_targets(corpus_dir: Path) -> None:
    pages = load_gold_set(corpus_dir)
    assert len(pages) >= 150
    assert all(len(page.body_text) >= 30 for page in pages)
    f1s: list[float] = []
    dates: list[bool] = []
    for page in pages:
        raw = RawDocument(kind=DocumentKind.WEB_PAGE, content=page.document.html, url=page.document.url)
        article = extract_article(raw)
        f1s.append(body_prf(article.body_text, page.body_text).f1)
        if page.published_date is not None:
            dates.append(date_correct(article.published_at, page.published_date, page.timezone))
    assert mean(f1s) >= 0.97
    assert sum(dates) / len(dates) >= 0.98
