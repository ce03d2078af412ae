"""The reader and the static site are one product: the same times, design and navigation."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from fastapi.testclient import TestClient

from newsmirror.publish.base import BuildOptions
from newsmirror.store import Store
from tests.web.conftest import article

# 20:30 UTC on 1 May is 04:30 on 2 May in UTC+8: the day a careless output gets wrong.
LATE = article("late", outlet="夜报", title="深夜发布的消息", body_text="夜里发布的正文。",
               published_at=datetime(2024, 5, 1, 20, 30, tzinfo=UTC))


def build_site(store: Store, out: Path) -> Path:
    from newsmirror.jobs.building import build

    build(store, out, ["site"], BuildOptions(base_url="http://127.0.0.1/"), images=False)
    return out / "site"


def test_reader_and_static_site_show_one_zone_and_the_same_day(client: TestClient, store: Store,
                                                                  tmp_path: Path) -> None:
    store.upsert_article(LATE)
    listing = client.get("/outlet/夜报").text
    assert "2024-05-02 04:30" in listing and "2024-05-01" not in listing
    assert "UTC+8" in listing  # the zone is named on every page
    page = client.get(f"/article/{LATE.id}").text
    assert "2024-05-02 04:30 UTC+8" in page
    assert 'datetime="2024-05-02T04:30+08:00"' in page
    site = build_site(store, tmp_path / "out")
    site_article = next(site.rglob(f"{LATE.id}.html")).read_text(encoding="utf-8")
    assert "2024-05-02 04:30 UTC+8" in site_article
    index = (site / "index.html").read_text(encoding="utf-8")
    item = re.search(r"深夜发布的消息.*?</li>", index, re.S)
    assert item and "2024-05-02" in item.group(0) and "2024-05-01" not in item.group(0)
