"""Checks every tune-only instant/author gold file (``bench/zhgold/meta-s*.json``) must pass."""

from __future__ import annotations

import json
from collections.abc import Callable, Collection
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from bench.zh_gold import split_of


def well_formed_items(path: Path, sets: Collection[str]) -> list[dict[str, Any]]:
    """The file's items, asserting what every such gold holds: items keyed by (set, file) once,
    of a known set, on a tune-side site, with the zone's origin and a note, and an instant, when
    given, with its offset."""
    items: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["items"]
    assert items and len({(item["set"], item["file"]) for item in items}) == len(items)
    for item in items:
        assert item["set"] in sets and split_of(item["site"]) == "tune"
        assert item["zone"] in ("stated", "site") and item["note"]
        if item["published"] is not None:
            assert datetime.fromisoformat(item["published"]).tzinfo is not None
    return items


def assert_test_side_refused(load: Callable[[Path], object], set_name: str, site: str, tmp_path: Path) -> None:
    """A gold holding a page of a test-side site is refused by its loader."""
    gold = tmp_path / "gold.json"
    page = {"set": set_name, "file": "x.html", "site": site, "published": None, "date_only": False,
            "zone": "site", "author": None, "note": "n"}
    gold.write_text(json.dumps({"items": [page]}), encoding="utf-8")
    assert split_of(site) == "test"
    with pytest.raises(ValueError, match="test side"):
        load(gold)
