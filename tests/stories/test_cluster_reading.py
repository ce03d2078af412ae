"""Session 26's exact savings in reading a report (``StoryClusterer._analyse``, speed18): blank lines skip
the cut but still count against the body's budget, and one table of token records serves the filter and the
terms' records, per word vectors. The texts are made up here (no labelled day)."""

from __future__ import annotations

import numpy as np

from newsmirror.stories import cluster
from newsmirror.stories.cluster import ClusterConfig, StoryClusterer
from newsmirror.text.tokenize import idf, is_name, is_term, search_tokens
from newsmirror.text.vectors import WordVectors


def _body(blank_lines: int) -> str:
    # 1,990 characters that hold no term (single-character tokens), its newline, blank lines, then a name.
    return "的" * 1990 + "\n" + "\n" * blank_lines + "特朗普"


def test_blank_lines_count_against_the_body_budget() -> None:
    clusterer = StoryClusterer(ClusterConfig(event_link=False))
    # 2,000 characters: 1,991 for the first line and its newline, one per blank line, the rest for the name.
    assert "特朗普" in clusterer.features("标题", _body(6))[0]  # 3 characters left: the whole name
    assert "特朗普" not in clusterer.features("标题", _body(9))[0]  # the budget ends on the blank lines


def test_token_records_are_the_terms_records_and_none_for_other_tokens() -> None:
    clusterer = StoryClusterer(ClusterConfig(event_link=False))
    records = clusterer._records
    rows = clusterer.word_vectors.index if clusterer.word_vectors is not None else {}
    for token in search_tokens("美国总统特朗普周三在白宫说 2020年 covid-19 的 了 , 12 ab"):
        record = records[token]
        if is_term(token):
            assert record == (idf(token), int(is_name(token)), rows.get(token, -1)), token
        else:
            assert record is None, token


def test_clusterers_of_other_word_vectors_read_their_own_rows() -> None:
    packaged = StoryClusterer(ClusterConfig(event_link=False))
    vectors = WordVectors(["总统", "白宫"], np.eye(2, 4, dtype=np.float32), np.array([3, 5]), 10)
    own = StoryClusterer(ClusterConfig(event_link=False), vectors=vectors)
    assert own._records is not packaged._records
    assert own._records["白宫"] == (idf("白宫"), int(is_name("白宫")), 1)
    assert StoryClusterer(ClusterConfig(event_link=False))._records is packaged._records  # shared, as _NAMES is
    assert any(records is own._records for records in cluster._RECORDS)


def test_commonness_factors_follow_the_recent_reports_count() -> None:
    # The factors are kept per count of uses while the number of recent reports stays; it grows (the
    # first ``local_df_docs`` reports), so the kept factors must be made again: the same word at the
    # same count weighs differently at 100 and at 2,000 recent reports.
    from tests.stories.test_cluster_shortcuts import full_weights

    clusterer = StoryClusterer(ClusterConfig(event_link=False))
    counts = {"疫苗": 1.0, "中国": 2.0, "声明": 1.0}
    for seen in (100, 2000):
        clusterer._recent.extend(("x",) for _ in range(seen - len(clusterer._recent)))
        clusterer._df = {"疫苗": 60, "中国": 90, "声明": 1}
        got = clusterer._weights(counts, {"中国"})
        assert list(got.items()) == list(full_weights(clusterer, counts, {"中国"}).items()), seen
