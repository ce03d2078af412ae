"""The session-18 instant and author gold: well formed, tune side only, and refused when not."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from bench.meta_s18 import META_S18, SETS, load_meta_s18, site_of
from bench.zh_gold import split_of


def test_items_are_tune_side_keyed_pages_with_an_aware_instant() -> None:
    items = json.loads(META_S18.read_text(encoding="utf-8"))["items"]
    assert items and len({(item["set"], item["file"]) for item in items}) == len(items)
    for item in items:
        assert item["set"] in SETS and split_of(item["site"]) == "tune"
        assert site_of(item["set"], item["file"]) == item["site"]
        assert item["zone"] in ("stated", "site") and item["note"]
        if item["published"] is not None:
            assert datetime.fromisoformat(item["published"]).tzinfo is not None


def test_unkeyed_pages_are_not_opened() -> None:
    assert site_of("cwced", "original/5acac71b-0000.html") is None  # a 163 page: test side
    assert site_of("gne", "visiable_test/163/1.html") is None


def test_a_test_side_site_is_refused(tmp_path: Path) -> None:
    gold = tmp_path / "gold.json"
    page = {"set": "cwced", "file": "x.html", "site": "people", "published": None, "date_only": False,
            "zone": "site", "author": None, "note": "n"}
    gold.write_text(json.dumps({"items": [page]}), encoding="utf-8")
    assert split_of("people") == "test"
    with pytest.raises(ValueError, match="test side"):
        load_meta_s18({}, gold)
