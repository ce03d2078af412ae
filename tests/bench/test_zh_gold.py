"""The Chinese gold's recipes still resolve against the saved pages (a broken recipe fails CI)."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from pathlib import Path

import pytest
from bench.zh_gold import (
    SPLITS,
    ZH_PAGES,
    DropMarker,
    ZhGoldError,
    cut_body,
    day_only_paths,
    load_annotations,
    load_zh_gold,
    page_text,
    split_of,
)


@pytest.fixture(scope="module")
def entries() -> list[dict]:
    return load_annotations()


def test_every_recipe_resolves_to_a_body() -> None:
    if not ZH_PAGES.is_dir():
        pytest.fail(f"the saved Chinese pages are missing: expected them at {ZH_PAGES}")
    gold = load_zh_gold()
    assert len(gold) == len(load_annotations())
    for page in gold:
        assert page.body.strip(), page.path
        assert page.path.is_file()
        assert page.title.strip(), page.path
        first_line = "".join(page.body.split("\n")[0].split())
        assert first_line != "".join(page.title.split()), f"{page.path}: headline left in the body"


def test_dates_carry_an_offset(entries: list[dict]) -> None:
    for entry in entries:
        if entry["published"] is not None:
            published = datetime.fromisoformat(entry["published"])
            assert published.utcoffset() is not None, entry["path"]
            if entry.get("date_only"):  # the page shows a day only: stored as local midnight
                assert (published.hour, published.minute, published.second) == (0, 0, 0), entry["path"]
        else:
            assert not entry.get("date_only"), entry["path"]


def test_split_is_by_site_and_follows_the_hash_rule(entries: list[dict]) -> None:
    sites_by_split: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        assert entry["split"] in SPLITS
        assert entry["split"] == split_of(entry["site"]), entry["path"]
        sites_by_split[entry["split"]].add(entry["site"])
    assert not sites_by_split["tune"] & sites_by_split["test"]


def test_paths_are_relative_and_unique(entries: list[dict]) -> None:
    paths = [entry["path"] for entry in entries]
    assert len(paths) == len(set(paths))
    assert all(not Path(path).is_absolute() and ".." not in Path(path).parts for path in paths)


def test_load_by_split_partitions_the_gold() -> None:
    everything = {page.path for page in load_zh_gold()}
    tune = {page.path for page in load_zh_gold("tune")}
    test = {page.path for page in load_zh_gold("test")}
    assert tune | test == everything
    assert not tune & test
    with pytest.raises(ValueError):
        load_zh_gold("train")


def test_missing_pages_folder_fails_with_a_clear_message(tmp_path: Path) -> None:
    with pytest.raises(ZhGoldError, match="zh-pages"):
        load_zh_gold(pages_dir=tmp_path / "nowhere")


# --- the generic text and cutting functions, on a small page of our own ---

_PAGE = (
    '<?xml version="1.0" encoding="gb2312"?>\n<html><head><meta charset="gb2312"><title>标题</title>'
    "<style>p{}</style></head><body><div>导航</div><h1>标题</h1><p>第一段开始了\u00ad。</p>"
    "<p>图片说明</p><script>var x = 1;</script><p>第二段<b>加粗</b>结束。</p><p>相关新闻</p></body></html>"
)


def test_page_text_decodes_declared_gbk_and_drops_invisible_parts() -> None:
    text = page_text(_PAGE.encode("gb18030"))
    assert text.split("\n") == ["导航", "标题", "第一段开始了。", "图片说明", "第二段加粗结束。", "相关新闻"]


def test_page_text_reads_big5() -> None:
    html = '<html><head><meta charset="big5"></head><body><p>臺灣新聞</p></body></html>'
    assert page_text(html.encode("big5")) == "臺灣新聞"


def test_cut_body_slices_between_markers_and_drops_lines() -> None:
    text = page_text(_PAGE.encode("gb18030"))
    assert cut_body(text, "第一段", "结束。", ["图片说明"]) == "第一段开始了。\n第二段加粗结束。"
    assert cut_body(text, "第一 段", "加粗 结束。") == "第一段开始了。\n图片说明\n第二段加粗结束。"


@pytest.mark.parametrize(
    ("start", "end", "drop", "message"),
    [
        ("第三段", "结束。", None, "not found"),
        ("段", "结束。", None, "more than once"),
        ("第二段", "开始了", None, "before the start"),
        ("第一段", "结束。", ["相关新闻"], "outside the body"),
    ],
)
def test_cut_body_rejects_bad_recipes(
    start: str, end: str, drop: list[DropMarker] | None, message: str
) -> None:
    text = page_text(_PAGE.encode("gb18030"))
    with pytest.raises(ZhGoldError, match=message):
        cut_body(text, start, end, drop)


def test_page_text_accepts_decoded_text_with_an_encoding_declaration() -> None:
    html = '<?xml version="1.0" encoding="GB18030"?>\n<!DOCTYPE html><html><body><p>正文</p></body></html>'
    assert page_text(html) == "正文"


def test_page_text_keeps_content_after_a_stray_end_of_document() -> None:
    html = "<html><body><div>页头</div></html><div>正文在后</div></body></html>"
    assert page_text(html.encode("utf-8")).split("\n") == ["页头", "正文在后"]


def test_cut_body_drops_every_line_equal_to_a_widget_label() -> None:
    text = "第一段。\n分享\n第二段。\n分享\n第三段。"
    assert cut_body(text, "第一段", "第三段。", [{"equal": "分享"}]) == "第一段。\n第二段。\n第三段。"
    with pytest.raises(ZhGoldError, match="matches no body line"):
        cut_body(text, "第一段", "第三段。", [{"equal": "收藏"}])


def test_day_only_pages_are_gold_pages_at_local_midnight() -> None:
    gold = {page.path: page for page in load_zh_gold()}
    day_only = day_only_paths()
    assert day_only <= gold.keys()
    for path in day_only:
        published = gold[path].published
        assert published is not None and published[10:19] == "T00:00:00", path
