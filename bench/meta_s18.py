"""Tune-only gold of publication instants and authors on more Chinese pages (``bench/zhgold/meta-s18.json``).

Saved pages of three public repositories, read in place from checkouts (never copied here); see
bench/zhgold/README.md, "Session 18 instant and author gold". Each item names its set, the file
under that set's folder, and the zh-gold site key (every key is on the tune side of ``split_of``).

* ``cwced``: github immortal-autumn/Chinese-Web-Content-Extraction-Dataset @ 99d0ef0 (MIT),
  ``original/`` (mostly 2000s mainland portals, papers, government and personal sites; its own
  author/date/text gold was not used);
* ``gne``: github GeneralNewsExtractor/GeneralNewsExtractor @ 3d5a67c (GPL-3.0),
  ``visiable_test/`` (pages not in its ``tests/`` folder, which the zh gold already holds);
* ``twnews``: github virus-warnning/twnews @ 9df525c (MIT), ``twnews/samples/`` as of that commit
  (older saves than the zh gold's, which took the newest).
"""

from __future__ import annotations

import gzip
from pathlib import Path

from bench.meta_gold import MetaCase, load_tune_items
from bench.zh_gold import decode_page

META_S18 = Path(__file__).resolve().parent / "zhgold" / "meta-s18.json"
SETS = ("cwced", "gne", "twnews")

# The site key of every cwced page, fixed from the hosts its links name (the most frequent news
# host; the outlet's zh-gold key where it has one) before any page was read. Pages whose key is
# on the test side of the split (163 ×5, people, cdp1998 ×2, cl2000 ×2, chinesenewsnet, newssc,
# myrice, bynr, joycode, wenxuecity ×2, beijingspring ×3, qianlong ×2, cnr, 263, nmg, hanspub),
# whose hosts name two outlets of which one is a test key (dahe + people, dahe + henandaily,
# china-pub + confucius2000, cclw + popcastle), and encyclopedia and forum pages (zh.wikipedia,
# bbs.sachina.pku, cn.bbs.yahoo) are never opened.
CWCED_SITES = {
    "064b591b": "yesky",
    "0d931936": "sina",
    "0ef8393b": "rfi",
    "2168485b": "pku",
    "2bac7fb2": "yahoo",
    "33a95b71": "sohu",
    "36efbc69": "yzwb",
    "3832838a": "yahoo",
    "3e1af229": "shjnet",
    "47f387e6": "cbzw",
    "4fa9dfe4": "bjmu",
    "658d9f03": "bilibili",
    "6dc2d508": "zol",
    "7c6d2080": "sohu",
    "8baa71e3": "sohu",
    "8cb7b39d": "sina",
    "93498c29": "sohu",
    "9890f458": "yndaily",
    "9b1e5dcb": "netsh",
    "a0cb0242": "xinhuanet",
    "a6e8b739": "cctv",
    "ab65832c": "blogchina",
    "aefcf136": "chinatibetnews",
    "b828b656": "donews",
    "bbdf5079": "yahoo",
    "c25d25c2": "yahoo",
    "c268c1b4": "yahoo",
    "c4d032a1": "tywbw",
    "d02c66a2": "joelonsoftware",
    "d7605742": "cclw",
    "d8d4c4ec": "sohu",
    "d96c76b7": "51offer",
    "e3f3b532": "sina",
    "e8847578": "jl",
    "ebe9df29": "sohu",
    "f51248cc": "yzwb",
}

# The gne and twnews pages, keyed the same way (GNE's folder name; twnews' outlet).
OTHER_SITES = {("gne", "visiable_test/021news/1.html"): "021news",
               ("twnews", "twnews/samples/udn.html.gz"): "udn"}


def site_of(set_name: str, file: str) -> str | None:
    """The fixed site key of a page, or None when the page is not to be opened."""
    if set_name == "cwced":
        stem = Path(file).stem
        return next((key for prefix, key in CWCED_SITES.items() if stem.startswith(prefix)), None)
    return OTHER_SITES.get((set_name, file))


def read_page(folder: Path, file: str) -> tuple[str, str]:
    """The decoded page (none of these sets records an address)."""
    data = (folder / file).read_bytes()
    if file.endswith(".gz"):
        data = gzip.decompress(data)
    return decode_page(data), ""


def load_meta_s18(folders: dict[str, Path], path: Path = META_S18) -> list[MetaCase]:
    """The items of the sets whose folder (a checkout at the commit above) is given."""
    return load_tune_items(path, folders, lambda _set, folder, file: read_page(folder, file))
