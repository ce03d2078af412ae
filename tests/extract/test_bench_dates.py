"""The tune-only date gold (bench/zhgold/dates-extra.json): every item resolves and is well formed."""

from __future__ import annotations

import json
from datetime import datetime
from urllib.parse import urlsplit

from bench.date_eval import DATES_EXTRA, load_dates_extra


def test_every_date_item_names_a_page_and_an_aware_instant() -> None:
    items = json.loads(DATES_EXTRA.read_text(encoding="utf-8"))["items"]
    cases = load_dates_extra()  # raises when a page or its address is missing
    assert len(cases) == len(items) >= 40
    for item, case in zip(items, cases, strict=True):
        published = datetime.fromisoformat(item["published"])
        assert published.utcoffset() is not None, item["file"]
        assert item["zone"] in ("stated", "site") and item["note"], item["file"]
        if item["date_only"]:
            assert (published.hour, published.minute, published.second) == (0, 0, 0), item["file"]
        assert case.html.strip(), item["file"]


def test_one_page_per_site() -> None:
    hosts = [urlsplit(case.url).hostname for case in load_dates_extra()]
    assert len(set(hosts)) == len(hosts)
