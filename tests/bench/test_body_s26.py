"""The session-26 body gold: drawn pages only, split by site as drawn, recipes that resolve, held part unlisted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bench.body_s26 import BODY_S26, EXPORTED, FILE_SITES, PARTS, load_body_s26, part_of
from bench.zh_gold import ZhGoldError, split_of


def _gold() -> dict:
    return json.loads(BODY_S26.read_text(encoding="utf-8"))


def test_items_are_drawn_pages_no_earlier_draw_took_split_by_site_as_drawn() -> None:
    from bench.dates_s24 import FILE_SITES as S24
    from bench.dates_s24b import FILE_SITES as S24B
    from bench.dates_s24c import FILE_SITES as S24C
    from bench.meta_s25 import FILE_SITES as S25
    from bench.meta_s25 import FILE_SITES_B as S25B

    gold = _gold()
    listed = [entry["file"] for entry in gold["items"] + gold["skipped"]]
    assert sorted(listed) == sorted(FILE_SITES)  # every drawn page is labelled or skipped with a reason
    assert all(FILE_SITES[entry["file"]] == entry["site"] for entry in gold["items"] + gold["skipped"])
    assert all(entry["reason"].strip() for entry in gold["skipped"])
    assert not set(FILE_SITES) & {*S24, *S24B, *S24C, *S25, *S25B}
    assert all(split_of(site) == "tune" for site in EXPORTED)  # no zh test-side outlet
    assert sum(size for site, size in EXPORTED.items() if part_of(site) == "held") <= sum(EXPORTED.values()) // 2
    assert {part_of(entry["site"]) for entry in gold["items"]} == set(PARTS)
    assert all(entry["title"].strip() and entry["note"].strip() for entry in gold["items"])


def _fixture(tmp_path: Path, part: str) -> tuple[Path, Path, str]:
    """One drawn page of ``part`` replaced by a small page of our own, and a gold naming it."""
    file = next(file for file, site in FILE_SITES.items() if part_of(site) == part)
    page = tmp_path / "s26" / file
    page.parent.mkdir(parents=True)
    page.write_text("<html><body><div>导航 首页</div><h1>标题</h1><p>第一段正文开始。</p><p>广告</p>"
                    "<p>第二段正文结束。</p><div>相关新闻</div></body></html>", encoding="utf-8")
    gold = tmp_path / "gold.json"
    item = {"file": file, "site": FILE_SITES[file], "title": "标题", "start": "第一段", "end": "正文结束。",
            "drop": ["广告"], "note": "n"}
    gold.write_text(json.dumps({"items": [item], "skipped": []}), encoding="utf-8")
    return gold, page, file


def test_a_recipe_cuts_the_body_and_parts_are_exclusive(tmp_path: Path) -> None:
    gold, page, _ = _fixture(tmp_path, "tune")
    [cut] = load_body_s26(tmp_path, "tune", gold)
    assert cut.body == "第一段正文开始。\n第二段正文结束。" and cut.path == page and cut.split == "tune"
    assert load_body_s26(tmp_path, "held", gold) == []


def test_missing_pages_and_undrawn_sites_fail_clearly(tmp_path: Path) -> None:
    with pytest.raises(ZhGoldError, match="s26"):
        load_body_s26(tmp_path / "nowhere", "tune")
    gold, _, file = _fixture(tmp_path, "tune")
    item = {"file": file, "site": "163", "title": "t", "start": "a", "end": "b", "note": "n"}
    gold.write_text(json.dumps({"items": [item], "skipped": []}), encoding="utf-8")
    with pytest.raises(ValueError, match="drawn tune-side key"):
        load_body_s26(tmp_path, "tune", gold)


# The tune part scored page by page and the held part unlisted: tests/bench/test_body_s28.py, for every drawn gold.


def test_versus_prints_a_paired_interval_and_no_page(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from bench import body_s26, extract_eval

    gold, _, file = _fixture(tmp_path, "held")
    original = body_s26.load_body_s26
    monkeypatch.setattr(body_s26, "load_body_s26", lambda folder, part: original(folder, part, gold))
    extract_eval.main(["--set", "body-s26-held", "--s26", str(tmp_path), "--only", "newsmirror", "readability",
                       "--versus", "newsmirror"])
    out = capsys.readouterr().out
    assert "body F newsmirror - readability = " in out and "90% paired bootstrap" in out
    assert Path(file).name[:12] not in out


def test_paired_interval_brackets_the_mean() -> None:
    from bench.extract_eval import paired_interval

    low, high = paired_interval([0.1, -0.05, 0.2, 0.0, 0.05])
    assert low <= 0.06 <= high and paired_interval([0.3] * 4) == (0.3, 0.3)
