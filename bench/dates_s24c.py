"""A third draw from the archive of bench.dates_s24: overseas outlets (``bench/zhgold/dates-s24c.json``).

``magic_html_site`` keys a host by the last label of its name that is not ``www``/``com``/``org``/...,
so ``unclassify_news`` pages of many overseas outlets share a country key (``hk``, ``my``, ``nz``,
``tw``, ``sg``, ``ca``, ``cc``): dates-s24 and s24b left those keys out, though outlets abroad are where
a page's zone is least obvious. This draw keys the pages of those lumped keys by HOST (:func:`host_key`:
the label before the registered suffix, ``news.pts.org.tw`` -> ``pts``, ``hk.on.cc`` -> ``on``) and
takes the news outlets of :data:`HOSTS` (judged from host names only, before any page was opened) whose
key is on the zh tune side: one page each (the first saved one in the order of the SHA-256 of
``"date18-s24:" + name``, as dates-s24b), a second one for hosts listing at least 10 pages. Its own split
(salt ``date19-s24c``); scored by ``bench.date_eval`` as ``dates-s24c-tune`` and ``dates-s24c-held``.
See bench/zhgold/README.md, "Session 24 date gold".

Left out from host names: government, school, hospital, church-group and game sites, magazines, portals
and content farms; the keys ``jp`` (Japanese-language outlets) and ``news`` (aggregators); the outlets
of dates-s24/s24b; and hosts whose key is on the zh test side (``pm-news``, ``orangenews``, ``chnet``,
``rti``, ``ebc``, ``ctee``, ``peoplemedia``, ``taronews``, ``newspeople``, ``healthnews``, ``ipcf``,
``ccnews``, ``zaobao``; ``ltn`` and ``singtao`` too).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

from bench.dates_s22 import load_items as load_gold
from bench.dates_s22 import part_of as draw_part
from bench.dates_s22 import read_page
from bench.dates_s24 import export as export_drawn
from bench.dates_s24 import outlet_pages, site_in
from bench.dates_s24b import saved_pages
from newsmirror.extract.zones import registered_domain

DATES_S24C = Path(__file__).resolve().parent / "zhgold" / "dates-s24c.json"
# magic_html_site keys that lump several overseas outlets in this archive (read from page.yml's hosts)
LUMPED = ("hk", "my", "nz", "tw", "sg", "ca", "cc")
# Second-level labels under a country domain: the outlet's name is the label before them.
# News outlets among the hosts of the lumped keys, from host names only (tune-side keys).
HOSTS = ("rthk", "christiantimes", "gospelherald", "orientaldaily", "sinchew", "chineseherald", "rnz", "pts",
         "tvbs", "cna", "ftvnews", "newtalk", "cts", "ydn", "on")
__all__ = ["DATES_S24C", "EXPORTED", "FILE_SITES", "draw", "export", "host_key", "load_items", "part_of", "read_page",
           "site_of"]

# Written by :func:`export` (its printout) before any page was read: each exported file's site key.
FILE_SITES: dict[str, str] = {
    "unclassify_news/gbcode_English_in_News.html": "rthk",
    "unclassify_news/christiantimes_伦理与法律之间的平衡－－认同为变性人订立明确的性别身份.html": "christiantimes",
    "unclassify_news/www_变性手术_-_东方日报.html": "orientaldaily",
    "unclassify_news/www_美国总统大选专题（完结篇）_性别投票差异加剧美Z世代“女向左.html": "sinchew",
    "unclassify_news/www_德国“性别自决”法案生效一年可“变性”一次-_国际_-_星洲日报.html": "sinchew",
    "unclassify_news/www_彩虹团体的申请被高等法院驳回，反跨性别活动家Posie_Parker今天将_.html": "chineseherald",
    "unclassify_news/www_[视频]_多彩之虹：华裔酷儿的自我探索之旅.html": "rnz",
    "unclassify_news/news_台灣首例跨性別男性免術換證高等法院判勝訴_-_公視新聞網.html": "pts",
    "unclassify_news/newslab_人妖、變性、吃禁藥？被惡意中傷的林郁婷如何渡過性別認同_.html": "pts",
    "unclassify_news/news_變性人相關新聞報導第1頁-_TVBS新聞網.html": "tvbs",
    "unclassify_news/www_女跨男懷孕生子跨性別伴侶成親生父母創印度首例[影].html": "cna",
    "unclassify_news/www_台灣首例跨性別免術免診斷申請變性案815宣判_生活.html": "cna",
    "unclassify_news/newtalk_台灣首例！申請免變性手術換證勝訴跨性別者赴戶政成功改性別.html": "newtalk",
    "unclassify_news/news_為打造搖錢樹泰國人妖從小就被這樣養_-_華視新聞.html": "cts",
    "unclassify_news/www_生活-_戲曲學院《湖光山色藝術季》_京劇折子好戲接連上陣_-_青年日報.html": "ydn",
    "unclassify_news/hk_拨乱反正：性别争议也涉政治｜评论｜港澳｜on.cc东网.html": "on",
}
EXPORTED: dict[str, int] = {"rthk": 1, "christiantimes": 1, "orientaldaily": 1, "sinchew": 2, "chineseherald": 1, "rnz": 1, "pts": 2, "tvbs": 1, "cna": 2, "newtalk": 1, "cts": 1, "ydn": 1, "on": 1}


def host_key(url: str) -> str:
    """The outlet key of an address of a lumped key (``magic_html_site``'s key for any other)."""
    from bench.meta_gold import magic_html_site

    key = magic_html_site(url)
    if key not in LUMPED:
        return key
    host = urlsplit(url).hostname or ""
    return registered_domain(host).split(".")[0] if "." in host else key


site_of = partial(site_in, FILE_SITES)
part_of = partial(draw_part, sizes=EXPORTED, salt="date19-s24c")


def load_items(path: Path = DATES_S24C) -> list[dict[str, object]]:
    """The gold items, each with its ``part``; an item of a zh test-side site is refused."""
    return load_gold(path, site_key=site_of, part=part_of)


def draw(git_dir: Path, commit: str = "f987f5e") -> dict[str, str]:
    """Path under ``raw/`` -> site key of every page of this draw (only ``page.yml`` is read)."""
    from bench.zh_gold import split_of

    by_key, _ = outlet_pages(git_dir, commit, site_key=host_key)
    for key in HOSTS:
        if split_of(key) == "test":
            raise ValueError(f"{key} is on the zh test side")
    return saved_pages(git_dir, commit, by_key, list(HOSTS))

def export(git_dir: Path, folder: Path, commit: str = "f987f5e") -> dict[str, str]:
    """Write this draw's pages as :func:`bench.dates_s24.export` writes its own."""
    return export_drawn(git_dir, folder, commit, draw=draw)


if __name__ == "__main__":  # python -m bench.dates_s24c <webpage_archive git dir> <pages folder>
    import json
    import sys

    print(json.dumps(export(Path(sys.argv[1]), Path(sys.argv[2])), ensure_ascii=False, indent=1))
