"""The tune-only date gold (bench/zhgold/dates-extra.json): every item resolves and is well formed."""

from __future__ import annotations

import json
from datetime import datetime
from urllib.parse import urlsplit

import pytest
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


def test_htmldate_sets_split_by_site_and_skip_undated_and_test_split_pages(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from bench.date_eval import day_correct, htmldate_split, load_htmldate

    (tmp_path / "test_set").mkdir()
    records = {}
    for index, host in enumerate(["a.example", "b.example", "c.example", "d.example", "news.ltn.com.tw"]):
        (tmp_path / "test_set" / f"{index}.html").write_text(f"<html><body><p>page {index}</p></body></html>")
        records[f"https://{host}/story"] = {"file": f"{index}.html", "date": "2020-05-0" + str(index + 1)}
    records["https://e.example/x"] = {"file": "0.html", "date": float("nan")}
    (tmp_path / "eval_mediacloud_2020.json").write_text(json.dumps(records))
    tune = load_htmldate(tmp_path, "htmldate-news-tune")
    held = load_htmldate(tmp_path, "htmldate-news-held")
    urls = {case.url for case in tune + held}
    assert urls == {f"https://{h}.example/story" for h in "abcd"}  # no NaN page, no test-split outlet
    assert all(htmldate_split(case.url) == "tune" for case in tune)
    assert all(htmldate_split(case.url) == "held" for case in held)
    gold = tune[0].published if tune else held[0].published
    assert day_correct(datetime.combine(gold, datetime.min.time()).isoformat() + "+08:00", gold)
    assert not day_correct(None, gold)


def test_dates_s22_items_are_well_formed_and_split_by_site_as_drawn() -> None:
    from bench.dates_s22 import EXPORTED, load_items, part_of

    items = load_items()  # refuses a zh test-side key or a key other than the fixed one
    assert len(items) == 25
    for item in items:
        published = datetime.fromisoformat(str(item["published"]))
        assert published.utcoffset() is not None and item["zone"] in ("stated", "site") and item["note"]
    # whole sites on one side; the held part within a third of the exported pages
    assert {str(item["site"]) for item in items if item["part"] == "held"} == {"bcc", "wechat", "sohu", "tvbs"}
    assert sum(EXPORTED[key] for key in EXPORTED if part_of(key) == "held") <= sum(EXPORTED.values()) // 3


def test_dates_s22_refuses_an_item_of_a_zh_test_side_site(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from bench.dates_s22 import SITES, load_items

    SITES["newsdiff"]["Chinatimes"] = "chinatimes"
    try:
        item = {"set": "newsdiff", "file": "tests/models/Crawler/Chinatimes/data/1.html", "site": "chinatimes",
                "published": "2014-12-12T10:00:00+08:00", "date_only": False, "zone": "site", "note": "x"}
        path = tmp_path / "gold.json"
        path.write_text(json.dumps({"items": [item]}), encoding="utf-8")
        with pytest.raises(ValueError, match="test side"):
            load_items(path)
    finally:
        del SITES["newsdiff"]["Chinatimes"]


def test_dates_s23_items_are_well_formed_and_split_by_site_as_drawn() -> None:
    from bench.dates_s23 import EXPORTED, load_items, part_of

    items = load_items()  # refuses a zh test-side key or a key other than the fixed one
    assert len(items) == 20 and len({str(item["site"]) for item in items}) == 8
    for item in items:
        published = datetime.fromisoformat(str(item["published"]))
        assert published.utcoffset() is not None and item["zone"] in ("stated", "site") and item["note"]
    # whole sites on one side, drawn on the counts exported before reading; held within a third of them
    assert {str(item["site"]) for item in items if item["part"] == "held"} == {"hket", "orientaldaily", "technews"}
    assert sum(EXPORTED[key] for key in EXPORTED if part_of(key) == "held") <= sum(EXPORTED.values()) // 3


def test_dates_s23_keys_come_from_the_fixture_names() -> None:
    from bench.dates_s23 import site_of

    assert site_of("newspaper", "b7a7deb/mobile/src/debug/assets/oriental_daily_details.html") == "orientaldaily"
    assert site_of("hknews", "952e5e0/src/test/resources/testdata/skypost_details.html") == "skypost"
    with pytest.raises(KeyError):
        site_of("hknews", "952e5e0/src/test/resources/testdata/singtao_details.html")  # never exported


class _Response:  # stands in for requests' Response in a pickled fixture
    pass


def test_technews_export_reads_the_pickle_without_running_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import pickle

    from bench.dates_s23 import export_technews

    page, api = _Response(), _Response()
    page.__dict__.update({"url": "http://technews.tw/2016/01/04/x/", "_content": b"<html>x</html>"})
    api.__dict__.update({"url": "https://api.facebook.com/method/x", "_content": b"{}"})
    data = pickle.dumps({"a": page, "b": api}, protocol=3)
    assert export_technews(data, tmp_path) == ["http://technews.tw/2016/01/04/x/"]
    assert (tmp_path / "technews" / "1.html").read_bytes() == b"<html>x</html>"
    assert b"_Response" in data  # the class was named, and not imported on reading


def test_pages_reads_the_former_held_date_parts_since_session_23_but_refuses_htmldate_held(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from bench.date_eval import HELD_SETS, main

    for former in ("dates-s22-held", "dates-s23-held"):  # tuning parts from session 23 (zhgold/README)
        assert former not in HELD_SETS
    with pytest.raises(SystemExit):  # refused before any page is loaded
        main(["--set", "htmldate-news-held", "--pages", "--htmldate", str(tmp_path)])


def test_dates_s24_items_are_well_formed_and_split_by_site_as_drawn() -> None:
    from bench.dates_s24 import EXPORTED, FILE_SITES, load_items, part_of

    items = load_items()  # refuses a zh test-side key or a key other than the one fixed at export
    assert len(items) == 26 and len({str(item["site"]) for item in items}) == 15
    for item in items:
        published = datetime.fromisoformat(str(item["published"]))
        assert published.utcoffset() is not None and item["zone"] in ("stated", "site") and item["note"]
        if item["date_only"]:
            assert (published.hour, published.minute) == (0, 0)
    assert sum(EXPORTED.values()) == len(FILE_SITES) == 28  # two exported pages were left out on reading
    assert {str(item["site"]) for item in items if item["part"] == "held"} == {
        "udn", "takungpao", "cctv", "malaysiakini", "chinadaily", "cjn", "hkej", "cqnews"}
    assert sum(EXPORTED[key] for key in EXPORTED if part_of(key) == "held") <= sum(EXPORTED.values()) // 3


def test_dates_s24_keys_are_the_ones_fixed_at_export() -> None:
    from bench.dates_s24 import site_of

    assert site_of("polymorph", "sina.cn/news_申请变性手术须年满20岁.html") == "sina"
    with pytest.raises(KeyError):
        site_of("polymorph", "163.com/any.html")  # a test-side folder: never exported


def test_pages_refuses_the_held_parts_of_dates_s24(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from bench.date_eval import main

    for held in ("dates-s24-held", "dates-s24b-held", "dates-s24c-held"):
        with pytest.raises(SystemExit):  # refused before any page is loaded
            main(["--set", held, "--pages", "--s24", str(tmp_path)])


def test_dates_s24b_items_are_well_formed_and_split_by_site_as_drawn() -> None:
    from bench.dates_s24 import FILE_SITES as FIRST_DRAW
    from bench.dates_s24b import EXPORTED, FILE_SITES, load_items, part_of

    items = load_items()
    assert len(items) == 23 and len({str(item["site"]) for item in items}) == 18
    assert not set(FILE_SITES) & set(FIRST_DRAW) and not set(FILE_SITES.values()) & set(FIRST_DRAW.values())
    for item in items:
        published = datetime.fromisoformat(str(item["published"]))
        assert published.utcoffset() is not None and item["zone"] in ("stated", "site") and item["note"]
    assert {str(item["site"]) for item in items if item["part"] == "held"} == {
        "sputniknews", "hebei", "thenewslens", "xinhuanet"}
    assert sum(EXPORTED[key] for key in EXPORTED if part_of(key) == "held") <= sum(EXPORTED.values()) // 3


def test_dates_s24c_items_are_well_formed_split_by_site_and_new_outlets() -> None:
    from bench.dates_s24 import FILE_SITES as FIRST_DRAW
    from bench.dates_s24b import FILE_SITES as SECOND_DRAW
    from bench.dates_s24c import EXPORTED, FILE_SITES, load_items, part_of
    from bench.zh_gold import split_of

    items = load_items()
    assert len(items) == 12 and len({str(item["site"]) for item in items}) == 10
    earlier = set(FIRST_DRAW.values()) | set(SECOND_DRAW.values())
    assert not set(FILE_SITES.values()) & earlier and all(split_of(key) == "tune" for key in EXPORTED)
    for item in items:
        published = datetime.fromisoformat(str(item["published"]))
        assert published.utcoffset() is not None and item["zone"] in ("stated", "site") and item["note"]
    assert {str(item["site"]) for item in items if item["part"] == "held"} == {"ydn", "on"}
    assert sum(EXPORTED[key] for key in EXPORTED if part_of(key) == "held") <= sum(EXPORTED.values()) // 3


@pytest.mark.parametrize(("url", "key"), [
    ("https://www.chineseherald.co.nz/news/a/", "chineseherald"), ("https://newslab.pts.org.tw/video/1", "pts"),
    ("https://hk.on.cc/hk/bkn/a.html", "on"), ("https://newtalk.tw/news/view/1", "newtalk"),
    ("https://news.sina.cn/a.html", "sina"),  # not a lumped key: magic_html_site's
])
def test_dates_s24c_keys_lumped_country_keys_by_host(url: str, key: str) -> None:
    from bench.dates_s24c import host_key

    assert host_key(url) == key
