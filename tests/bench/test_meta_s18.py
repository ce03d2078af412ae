"""The session-18 instant and author gold: well formed, tune side only, and refused when not."""

from __future__ import annotations

from pathlib import Path

from bench.meta_s18 import META_S18, SETS, load_meta_s18, site_of

from tests.bench.meta_items import assert_test_side_refused, well_formed_items


def test_items_are_tune_side_keyed_pages_with_an_aware_instant() -> None:
    for item in well_formed_items(META_S18, SETS):
        assert site_of(item["set"], item["file"]) == item["site"]


def test_unkeyed_pages_are_not_opened() -> None:
    assert site_of("cwced", "original/5acac71b-0000.html") is None  # a 163 page: test side
    assert site_of("gne", "visiable_test/163/1.html") is None


def test_a_test_side_site_is_refused(tmp_path: Path) -> None:
    assert_test_side_refused(lambda gold: load_meta_s18({}, gold), "cwced", "people", tmp_path)
