"""The session-17 instant and author gold: well formed, tune side only, and refused when not."""

from __future__ import annotations

from pathlib import Path

from bench.meta_s17 import META_S17, SETS, load_meta_s17, nsa_site

from tests.bench.meta_items import assert_test_side_refused, well_formed_items


def test_items_are_tune_side_with_an_aware_instant() -> None:
    for item in well_formed_items(META_S17, SETS):
        if item["set"] == "nsa":
            assert nsa_site(item["file"]) == item["site"]


def test_a_test_side_site_is_refused(tmp_path: Path) -> None:
    assert_test_side_refused(lambda gold: load_meta_s17({}, gold), "nsa", "163", tmp_path)
