"""The session-25 instant and author gold: well formed, drawn keys only, split by site as drawn, both parts tuned on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bench.meta_s25 import EXPORTED, EXPORTED_B, FILE_SITES, FILE_SITES_B, META_S25, load_meta_s25, part_of

from tests.bench.meta_items import well_formed_items


def test_items_are_drawn_pages_split_by_site_as_drawn() -> None:
    from bench.dates_s24 import FILE_SITES as S24
    from bench.dates_s24b import FILE_SITES as S24B
    from bench.dates_s24c import FILE_SITES as S24C

    items = well_formed_items(META_S25, {"s25"})
    drawn = {**FILE_SITES, **FILE_SITES_B}
    assert all(drawn[item["file"]] == item["site"] for item in items)
    assert not set(drawn) & {*S24, *S24B, *S24C}  # no page a date draw took
    assert not set(EXPORTED) & set(EXPORTED_B)  # the second draw's outlets are new
    for sizes in (EXPORTED, EXPORTED_B):
        assert sum(size for key, size in sizes.items() if part_of(key) == "held") <= sum(sizes.values()) // 2
    parts = {part_of(item["site"]) for item in items}
    assert parts == {"tune", "held"} and len(items) == 41


def test_an_item_of_an_undrawn_or_test_side_site_is_refused(tmp_path: Path) -> None:
    gold = tmp_path / "gold.json"
    page = {"set": "s25", "file": next(iter(FILE_SITES)), "site": "163", "published": None, "date_only": False,
            "zone": "site", "author": None, "note": "n"}
    gold.write_text(json.dumps({"items": [page]}), encoding="utf-8")
    with pytest.raises(ValueError, match="drawn tune-side key"):
        load_meta_s25(tmp_path, "tune", gold)


def test_the_former_held_part_is_tuning_data_listed_by_pages(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Since session 28 the part drawn as held is tuned on: its row says so and ``--pages`` lists its pages."""
    from bench import meta_eval

    gold = tmp_path / "gold.json"
    held = next(file for file, key in FILE_SITES.items() if part_of(key) == "held")
    (tmp_path / "s25" / held).parent.mkdir(parents=True)
    (tmp_path / "s25" / held).write_text("<html><body><h1>标题</h1><p>正文。</p></body></html>", encoding="utf-8")
    page = {"set": "s25", "file": held, "site": FILE_SITES[held], "published": "2024-01-02T10:00:00+08:00",
            "date_only": False, "zone": "site", "author": None, "note": "n"}
    gold.write_text(json.dumps({"items": [page]}), encoding="utf-8")
    monkeypatch.setattr(meta_eval, "load_meta_s25", lambda folder, part: load_meta_s25(folder, part, gold))
    meta_eval.main(["--s25", str(tmp_path), "--pages", "--only", "newsmirror"])
    out = capsys.readouterr().out
    assert held[:20] in out and "never tuned on" not in out and "HELD" not in out


def test_date_view_opens_a_former_held_page(tmp_path: Path) -> None:
    from bench.date_view import load

    held = next(file for file, key in FILE_SITES.items() if part_of(key) == "held")
    (tmp_path / "s25" / held).parent.mkdir(parents=True)
    (tmp_path / "s25" / held).write_text("<html><body><h1>标题</h1></body></html>", encoding="utf-8")
    assert "标题" in load(f"s25:{tmp_path}:{held}")[0]
