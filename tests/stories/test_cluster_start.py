"""A clusterer's start: its near-duplicate index takes its bands and rows from the table, not from
datasketch's search (numerical integration over every split) run again for each clusterer."""

from __future__ import annotations

import pytest

from newsmirror.stories.cluster import ClusterConfig, StoryClusterer
from newsmirror.text.fingerprint import DEFAULT_WEIGHTS, LSH_PARAMS


def test_the_shipped_setting_is_tabled() -> None:
    config = ClusterConfig()
    assert (config.duplicate_jaccard, config.num_perm, DEFAULT_WEIGHTS) in LSH_PARAMS


def test_a_clusterer_searches_no_lsh_parameters(monkeypatch: pytest.MonkeyPatch) -> None:
    def search(*_: object) -> tuple[int, int]:
        raise AssertionError("datasketch searched for the bands and rows")

    monkeypatch.setattr("datasketch.lsh._optimal_param", search)
    clusterer = StoryClusterer()
    config = clusterer.config
    index = clusterer._lsh
    assert (index.b, index.r) == LSH_PARAMS[(config.duplicate_jaccard, config.num_perm, DEFAULT_WEIGHTS)]
