"""Publication-date gold on saved Chinese news pages not used before (``bench/zhgold/dates-s22.json``).

Test fixtures of four public repositories, exported once and read from a folder outside this
repository (``<folder>/<set>/<file>``, the file path as in the repository); see
bench/zhgold/README.md, "Session 22 date gold". Scored by ``bench.date_eval`` as
``dates-s22-tune`` and ``dates-s22-held`` (never tuned on in sessions 22-23, scored as held three
times; a tuning part from session 23, see the README).

* ``newsdiff``: github ronnywang/newsdiff @ ac509fd (no licence file; g0v project), the crawler
  tests' saved pages ``tests/models/Crawler/<outlet>/data/<id>.html`` (Taiwan outlets, 2013-2014);
* ``twparser``: github lulalala/taiwanese_news_parser @ fccbc79 (MIT), the parser specs' samples
  ``spec/taiwanese_news_parser/parser/<outlet>_s<n>.html`` (Taiwan outlets, 2013-2014);
* ``wechatsogou``: github chyroc/WechatSogou @ 4573152 (Apache-2.0), ``test/file/article_detail_*.html``
  (WeChat public-account articles);
* ``pageanalysis``: github qwang2505/page_analysis @ 6be462c (no licence file), ``tests/sina.html``
  (a 2012 搜狐 story, despite its name; ``tests/news.ori.html`` is another save of it, left out).

Pages of outlets whose zh-gold site key is on the test side of ``split_of`` (appledaily,
chinatimes, ettoday, ltn, nownews, setn, ttv) were never exported or opened.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

DATES_S22 = Path(__file__).resolve().parent / "zhgold" / "dates-s22.json"

# The zh-gold site key of every page, fixed from the outlet folder or file name (the only page of
# pageanalysis from the hosts its links name) before any page was read.
SITES = {
    "newsdiff": {"BCC": "bcc", "CNA": "cna", "CTS": "cts", "FTV": "ftv", "Newtalk": "newtalk", "PTS": "pts",
                 "StormMediaGroup": "storm", "TVBS": "tvbs", "UDN": "udn"},
    "twparser": {"cna": "cna", "cts": "cts", "tvbs": "tvbs", "udn": "udn"},
    "wechatsogou": {"article": "wechat"},
    "pageanalysis": {"sina": "sohu"},
}


def site_of(set_name: str, file: str) -> str:
    """The fixed site key of a page of a set (``KeyError`` for a page that is not in the gold)."""
    if set_name == "newsdiff":
        return SITES[set_name][file.split("/")[3]]
    return SITES[set_name][Path(file).stem.split("_")[0]]


# Pages exported per site (before any was read): the split is drawn on these counts, so a page
# skipped while labelling does not move a site to the other side.
EXPORTED = {"cna": 6, "udn": 3, "tvbs": 3, "cts": 3, "pts": 2, "wechat": 3, "sohu": 1, "bcc": 1, "ftv": 1,
            "newtalk": 1, "storm": 1}


def part_of(site: str, sizes: dict[str, int] = EXPORTED, salt: str = "date14-s22") -> str:
    """``held`` or ``tune``, drawn once before any page was read: sites in the order of the SHA-256
    of ``salt + ":" + key`` go to ``held`` while the held part stays within a third of the
    pages (a site that would overflow it is skipped), the rest to ``tune``. Whole sites to one side."""
    order = sorted(sizes, key=lambda key: hashlib.sha256(f"{salt}:{key}".encode()).hexdigest())
    held: set[str] = set()
    count = 0
    for key in order:
        if count + sizes[key] <= sum(sizes.values()) // 3:
            held.add(key)
            count += sizes[key]
    return "held" if site in held else "tune"


def load_items(path: Path = DATES_S22, site_key: Callable[[str, str], str] = site_of,
               part: Callable[[str], str] = part_of) -> list[dict[str, object]]:
    """The gold items, each with its ``part``; an item whose site is not the fixed key of its page,
    or is a zh test-side site, is refused. Later date sets pass their own key and part rules."""
    from bench.zh_gold import split_of

    items = json.loads(path.read_text(encoding="utf-8"))["items"]
    for item in items:
        if item["site"] != site_key(item["set"], item["file"]):
            raise ValueError(f"{item['file']}: site {item['site']!r} is not the fixed key")
        if split_of(item["site"]) == "test":
            raise ValueError(f"{item['file']}: site {item['site']!r} is on the zh test side")
    return [{**item, "part": part(str(item["site"]))} for item in items]


def read_page(folder: Path, set_name: str, file: str) -> str:
    """The decoded page (none of these sets records an address)."""
    from bench.zh_gold import decode_page

    return decode_page((folder / set_name / file).read_bytes())
