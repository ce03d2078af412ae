"""The session-19 instant and author gold: well formed, tune-side hosts only, and no held-out htmldate host."""

from __future__ import annotations

from datetime import datetime

from bench.date_eval import htmldate_split
from bench.meta_s19 import META_S19

from tests.bench.meta_items import well_formed_items


def test_items_are_tune_side_htmldate_pages_with_an_aware_instant() -> None:
    items = well_formed_items(META_S19, {"htmldate"})
    assert len({item["file"] for item in items}) == len(items)
    assert len({item["site"] for item in items}) == len(items)  # one page per host
    for item in items:
        assert item["file"].startswith("test_set/")
        # the site key is the host: never one of htmldate's held-out hosts
        assert htmldate_split(f"https://{item['site']}/") == "tune"
        assert datetime.fromisoformat(item["published"]).tzinfo is not None
