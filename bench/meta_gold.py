"""Tune-only gold of publication instants and authors (``bench/zhgold/meta-extra.json``).

Pages of ``../shared/extraction/trafilatura-eval`` (continuing the site order of
``dates-extra.json``) and Chinese news pages of the magic-html project's article benchmark
(github opendatalab/magic-html, Apache-2.0, ``benchmark/data/article``: read in place from a
checkout, never copied here). See bench/zhgold/README.md, "Instant and author gold".
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from bench.extract_eval import TRAFILATURA_EVAL, _decode_like_trafilatura

META_EXTRA = Path(__file__).resolve().parent / "zhgold" / "meta-extra.json"

# Outlets that already have a key in the zh gold keep it, so a site is on one side of the split.
_KNOWN_KEYS = {"news.cn": "xinhuanet", "xinhuanet.com": "xinhuanet", "weixin.qq.com": "wechat",
               "163.com": "163", "qq.com": "qq", "people.com.cn": "people", "gmw.cn": "gmw",
               "youth.cn": "youth", "ifeng.com": "ifeng", "toutiao.com": "toutiao", "sina.cn": "sina",
               "sina.com.cn": "sina", "csdn.net": "csdn", "huanqiu.com": "huanqiu"}


def magic_html_site(url: str) -> str:
    """The zh-gold site key of a page (fixed before any page was read): the outlet's known key,
    else the main label of its domain (``economy.caijing.com.cn`` -> ``caijing``)."""
    host = urlsplit(url).hostname or ""
    for domain, key in _KNOWN_KEYS.items():
        if host == domain or host.endswith("." + domain):
            return key
    labels = [label for label in host.split(".") if label not in ("www", "com", "cn", "org", "net", "gov")]
    return labels[-1] if labels else host


@dataclass(frozen=True, slots=True)
class MetaCase:
    source: str  # "trafilatura-eval" or "magic-html"
    name: str
    html: str
    url: str
    published: datetime | None
    date_only: bool
    author: str | None  # "、"-joined names; None: the page names nobody


def load_meta_extra(magic_html: Path | None, path: Path = META_EXTRA) -> list[MetaCase]:
    """The items; magic-html items only when ``magic_html`` (its benchmark/data/article folder) is given."""
    records = json.loads((TRAFILATURA_EVAL / "evaldata.json").read_text(encoding="utf-8"))
    url_of = {record["file"]: url for url, record in records.items()}
    magic = json.loads((magic_html / "base.json").read_text("utf-8")) if magic_html else {}
    cases = []
    for item in json.loads(path.read_text(encoding="utf-8"))["items"]:
        if item["set"] == "trafilatura-eval":
            with gzip.open(TRAFILATURA_EVAL / "pages" / f"{item['file']}.gz", "rb") as handle:
                html, url = _decode_like_trafilatura(handle.read()), url_of[item["file"]]
        elif magic_html is not None:
            html = (magic_html / "htmls" / item["file"]).read_bytes().decode("utf-8", "replace")
            url = magic[item["file"].removesuffix(".html")]["url"]
        else:
            continue
        published = datetime.fromisoformat(item["published"]) if item["published"] else None
        cases.append(MetaCase(item["set"], item["file"], html, url, published, item["date_only"], item["author"]))
    return cases


def load_tune_items(path: Path, folders: dict[str, Path],
                    read_page: Callable[[str, Path, str], tuple[str, str]]) -> list[MetaCase]:
    """The items of a tune-only instant/author gold (``meta-s17.json``, ``meta-s18.json``) whose set's
    folder is given; ``read_page(set, folder, file)`` gives the decoded page and its address. An item
    of a test-side site is refused: these files must never hold one."""
    from bench.zh_gold import split_of

    cases = []
    for item in json.loads(path.read_text(encoding="utf-8"))["items"]:
        if split_of(item["site"]) != "tune":
            raise ValueError(f"{item['file']}: site {item['site']!r} is on the test side")
        folder = folders.get(item["set"])
        if folder is None:
            continue
        html, url = read_page(item["set"], folder, item["file"])
        published = datetime.fromisoformat(item["published"]) if item["published"] else None
        cases.append(MetaCase(item["set"], item["file"], html, url, published, item["date_only"], item["author"]))
    return cases
