"""Tune-only gold of publication instants and authors on more Chinese pages (``bench/zhgold/meta-s17.json``).

Saved pages of three public repositories, read in place from checkouts (never copied here); see
bench/zhgold/README.md, "Session 17 instant and author gold". Each item names its set, the file
under that set's folder, and the zh-gold site key (every key is on the tune side of ``split_of``).

* ``nsa``: github ChiaYuChang/NewsSentimentAnalyzer @ dcff14f, ``internal/server/parser/example``
  (Taiwan and overseas Chinese outlets; the repository has no licence file);
* ``gerapy``: github Gerapy/GerapyAutoExtractor @ d65ddd0 (Apache-2.0), ``samples``;
* ``htmldate``: github adbar/htmldate @ b895282 (Apache-2.0), ``tests``.
"""

from __future__ import annotations

import json
from pathlib import Path

from bench.extract_eval import _decode_like_trafilatura
from bench.meta_gold import MetaCase, load_tune_items
from bench.zh_gold import decode_page

META_S17 = Path(__file__).resolve().parent / "zhgold" / "meta-s17.json"
SETS = ("nsa", "gerapy", "htmldate")

# The site key of each folder of the nsa set, fixed before any page was read; folders whose key is
# on the test side of the split (bbc, ct = chinatimes, ettoday, ltn, nhk, nytimes, setn, up =
# upmedia) and yna (Korean, no Chinese text) are never opened.
NSA_SITES = {"cna": "cna", "pts": "pts", "rfi": "rfi", "tvbs": "tvbs", "udn": "udn", "xinhua": "xinhuanet"}


def nsa_site(file: str) -> str | None:
    return NSA_SITES.get(file.split("/")[0])


def page_url(set_name: str, folder: Path, file: str) -> str:
    """The page's address when its set records one (htmldate's evaluation files); else empty, as
    for the zh gold's pages."""
    if set_name != "htmldate":
        return ""
    records = {**json.loads((folder / "eval_default.json").read_text("utf-8")),
               **json.loads((folder / "eval_mediacloud_2020.json").read_text("utf-8"))}
    name = Path(file).name
    return next((url for url, record in records.items() if record["file"] == name), "")


def read_page(set_name: str, folder: Path, file: str) -> tuple[str, str]:
    data = (folder / file).read_bytes()
    html = _decode_like_trafilatura(data) if set_name == "htmldate" else decode_page(data)
    return html, page_url(set_name, folder, file)


def load_meta_s17(folders: dict[str, Path], path: Path = META_S17) -> list[MetaCase]:
    """The items of the sets whose folder is given (``{"nsa": <example folder>, ...}``)."""
    return load_tune_items(path, folders, read_page)
