"""The session-17 instant and author gold: well formed, tune side only, and refused when not."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from bench.meta_s17 import META_S17, SETS, load_meta_s17, nsa_site
from bench.zh_gold import split_of


def test_items_are_tune_side_with_an_aware_instant() -> None:
    items = json.loads(META_S17.read_text(encoding="utf-8"))["items"]
    assert items and len({(item["set"], item["file"]) for item in items}) == len(items)
    for item in items:
        assert item["set"] in SETS and split_of(item["site"]) == "tune"
        assert item["zone"] in ("stated", "site") and item["note"]
        if item["published"] is not None:
            assert datetime.fromisoformat(item["published"]).tzinfo is not None
        if item["set"] == "nsa":
            assert nsa_site(item["file"]) == item["site"]


def test_a_test_side_site_is_refused(tmp_path: Path) -> None:
    gold = tmp_path / "gold.json"
    page = {"set": "nsa", "file": "x.html", "site": "163", "published": None, "date_only": False,
            "zone": "site", "author": None, "note": "n"}
    gold.write_text(json.dumps({"items": [page]}), encoding="utf-8")
    assert split_of("163") == "test"
    with pytest.raises(ValueError, match="test side"):
        load_meta_s17({}, gold)
