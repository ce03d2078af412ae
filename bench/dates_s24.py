"""Publication-date gold on saved Chinese news pages of a public web archive (``bench/zhgold/dates-s24.json``).

github transTerminus/webpage_archive @ f987f5e (no licence file): pages a headless browser saved in
late 2024 (the rendered document) under ``raw/<folder>/<name>.html``, each folder's ``page.yml``
naming every page's address. Exported once by :func:`export` into a folder outside this repository
(``<folder>/polymorph/<folder>/<name>.html``, the path under ``raw/``); see bench/zhgold/README.md,
"Session 24 date gold". Scored by ``bench.date_eval`` as ``dates-s24-tune`` and ``dates-s24-held``.
Item format, key check and split rule are bench.dates_s22's.

The draw, fixed before any page was opened (only folder names, file names and the addresses of
``page.yml`` were read):

* four outlet folders: ``sohu.com`` -> ``sohu``, ``sina.cn`` -> ``sina``, ``thepaper.cn`` ->
  ``thepaper``, ``chinanews.com`` -> ``chinanews``; from each, the first 4 pages in the order of
  the SHA-256 of ``"date18-s24:" + name``;
* ``unclassify_news`` (pages of many hosts): each page keyed by its address with
  ``bench.meta_gold.magic_html_site``; of the news-outlet keys in :data:`OUTLETS` (chosen from the
  host names alone), the first 12 in the order of the SHA-256 of ``"date18-s24:" + key``, one
  page each (the first of that key's pages in the order above).

Never exported or opened: the folders ``163.com``, ``ifeng.com``, ``news.qq.com`` (zh test-side
keys) and ``douban.com`` (not news), and every other ``unclassify_news`` page.
"""

from __future__ import annotations

import contextlib
import hashlib
import subprocess
from collections.abc import Callable
from functools import partial
from pathlib import Path

from bench.dates_s22 import load_items as load_gold
from bench.dates_s22 import part_of as draw_part
from bench.dates_s22 import read_page

DATES_S24 = Path(__file__).resolve().parent / "zhgold" / "dates-s24.json"
SALT = "date18-s24"
FOLDERS = {"sohu.com": "sohu", "sina.cn": "sina", "thepaper.cn": "thepaper", "chinanews.com": "chinanews"}
PER_FOLDER = 4
OUTLET_SITES = 12
# News outlets among the tune-side keys of unclassify_news, judged from host names only. Left out:
# keys that lump several outlets (hk, my, nz, tw), aggregators (6parknews), the folder outlets
# above, and stheadline (星島, the outlet of the test-side key singtao).
OUTLETS = ("cctv", "xinhuanet", "thenewslens", "66wz", "cnnb", "enorth", "haiwainet", "udn", "chinadaily",
           "cjn", "nmgnews", "seehua", "sputniknews", "creaders", "cnhubei", "fjsen", "fznews", "bjd",
           "mingpao", "sdnews", "rednet", "takungpao", "hkej", "malaysiakini", "dzwww", "cqnews", "zynews",
           "hket", "hebei", "beijingreview", "mingpaocanada", "taiwan", "yahoo")
__all__ = ["DATES_S24", "EXPORTED", "addresses", "FILE_SITES", "export", "load_items", "outlet_pages", "part_of", "read_page", "site_in",
           "site_of"]

# Written by :func:`export` (its printout) before any page was read: each exported file's site key.
FILE_SITES: dict[str, str] = {
    "sohu.com/news_“变性”状告四川大学华西医院案昨二审_-_新闻-_搜狐.html": "sohu",
    "sohu.com/www_变性人Camille__短故事_手机搜狐网.html": "sohu",
    "sohu.com/sports_做男人好还是做女人好？那些变性人真的过上自己想要的生活了吗？.html": "sohu",
    "sohu.com/fashion_变性后能过性生活吗？揭变性手术那些事｜名医专访_-_时尚-_搜狐.html": "sohu",
    "sina.cn/news_【紫牛头条】主动公布双性人身份的“他”：想勇敢面对，感谢网友的善意.html": "sina",
    "sina.cn/sd_变装皇后坦诚同性恋异装癖：不想做女人_-_新浪山东.html": "sina",
    "sina.cn/news_韩国法院首次允许变性人变更户籍性别_-_新浪新闻.html": "sina",
    "sina.cn/news_申请变性手术须年满20岁.html": "sina",
    "thepaper.cn/m_《蝴蝶》：看看欧洲TVB在放什么剧_-_澎湃新闻.html": "thepaper",
    "thepaper.cn/m_难以跨越的“隐形门”：跨性别者职场生存记.html": "thepaper",
    "thepaper.cn/m_特朗普取消奥巴马“跨性别厕所令”，要留给各州自己决定.html": "thepaper",
    "thepaper.cn/m_性别辨认的奥运规则｜跨性别运动员人权与公平竞技的平衡.html": "thepaper",
    "chinanews.com/www_64岁变性高球手欲战LPGA_励志演讲邀约不断(图).html": "chinanews",
    "chinanews.com/www_泰国举办世界变性人选美比赛冠军期盼社会接纳.html": "chinanews",
    "chinanews.com/www_42岁女子自曝是变性人曾与千名男子发生性关系.html": "chinanews",
    "chinanews.com/www_小伙希望变性6年服用雌激素为攒钱去舞厅跳艳舞.html": "chinanews",
    "unclassify_news/inews_誤以為是跨性別13歲時切除乳房事主成年後控告醫生.html": "hket",
    "unclassify_news/udn_當男當女不須醫療評估德國性別自決法11月上路.html": "udn",
    "unclassify_news/www_巴黎奥运拳击赛掀性别争议_-_大公网.html": "takungpao",
    "unclassify_news/news_CCTV.com-吉米铁定做变性手术：我觉得潘金莲都不如我_-_新闻频道.html": "cctv",
    "unclassify_news/www_选区首办彩虹之夜反应不俗br郑雨周再促正视跨性者权益.html": "malaysiakini",
    "unclassify_news/language_异装癖者transvestite_-_英语点津.html": "chinadaily",
    "unclassify_news/news_77岁双性人拥两套生殖器白天当爹晚上当妓女.html": "cjn",
    "unclassify_news/www2_關注團體對身份證轉性別要求感失望_-_信報.html": "hkej",
    "unclassify_news/news_困在身体里的人：两性畸形罕见病患者的33年_-_华龙网.html": "cqnews",
    "unclassify_news/news_男人做变性手术泰国人妖竟是为生活所迫_-_海外网.html": "haiwainet",
    "unclassify_news/news_情人节、七夕都过了，最后发现“男友”竟然是个女的.html": "bjd",
    "unclassify_news/news_台湾2名男子变性为女人结婚获当局承认.html": "rednet",
}
EXPORTED: dict[str, int] = {"sohu": 4, "sina": 4, "thepaper": 4, "chinanews": 4, "hket": 1, "udn": 1, "takungpao": 1, "cctv": 1, "malaysiakini": 1, "chinadaily": 1, "cjn": 1, "hkej": 1, "cqnews": 1, "haiwainet": 1, "bjd": 1, "rednet": 1}


def _order(value: str) -> str:
    return hashlib.sha256(f"{SALT}:{value}".encode()).hexdigest()


def site_in(file_sites: dict[str, str], set_name: str, file: str) -> str:
    """The fixed site key of an exported page (``KeyError`` for a page that was not exported)."""
    if set_name != "polymorph":
        raise KeyError(set_name)
    return file_sites[file]


site_of = partial(site_in, FILE_SITES)


part_of = partial(draw_part, sizes=EXPORTED, salt=SALT)


def load_items(path: Path = DATES_S24) -> list[dict[str, object]]:
    """The gold items, each with its ``part``; an item of a zh test-side site is refused."""
    return load_gold(path, site_key=site_of, part=part_of)


def _git(git_dir: Path, *args: str) -> bytes:
    return subprocess.run(["git", "-C", str(git_dir), "-c", "core.quotepath=off", *args],
                          check=True, capture_output=True).stdout


def outlet_pages(git_dir: Path, commit: str, site_key: Callable[[str], str] | None = None
                 ) -> tuple[dict[str, list[str]], list[str]]:
    """``unclassify_news`` page names by site key (from ``page.yml``'s addresses; ``site_key`` maps an
    address to its key, ``magic_html_site`` unless given), and the drawn order of the news-outlet keys of
    :data:`OUTLETS` on the zh tune side."""
    import yaml

    from bench.meta_gold import magic_html_site
    from bench.zh_gold import split_of

    key_of = site_key or magic_html_site

    links = yaml.safe_load(_git(git_dir, "show", f"{commit}:raw/unclassify_news/page.yml"))
    by_key: dict[str, list[str]] = {}
    for name, record in links.items():
        if isinstance(record, dict) and record.get("link"):
            by_key.setdefault(key_of(str(record["link"])), []).append(str(name))
    return by_key, sorted((key for key in OUTLETS if key in by_key and split_of(key) == "tune"), key=_order)


def addresses(git_dir: Path, commit: str = "f987f5e") -> dict[str, str]:
    """Path under ``raw/`` -> the address ``page.yml`` gives for it, for every folder (the page's real
    address: passed to the extractor only for a second figure, a different condition than the gold's)."""
    import yaml

    found: dict[str, str] = {}
    for line in _git(git_dir, "ls-tree", "--name-only", commit, "raw/").decode().splitlines():
        folder = Path(line).name
        with contextlib.suppress(subprocess.CalledProcessError):
            links = yaml.safe_load(_git(git_dir, "show", f"{commit}:raw/{folder}/page.yml")) or {}
            found |= {f"{folder}/{name}": str(record["link"]) for name, record in links.items()
                      if isinstance(record, dict) and record.get("link")}
    return found


def draw(git_dir: Path, commit: str = "f987f5e") -> dict[str, str]:
    """Path under ``raw/`` -> site key of every page the rule above exports (nothing is opened but
    the ``page.yml`` address lists)."""
    chosen: dict[str, str] = {}
    for folder, key in FOLDERS.items():
        names = [Path(line).name for line in _git(git_dir, "ls-tree", "--name-only", commit, f"raw/{folder}/")
                 .decode().splitlines() if line.endswith(".html")]
        chosen |= {f"{folder}/{name}": key for name in sorted(names, key=_order)[:PER_FOLDER]}
    by_key, keys = outlet_pages(git_dir, commit)
    for key in keys[:OUTLET_SITES]:
        chosen[f"unclassify_news/{sorted(by_key[key], key=_order)[0]}"] = key
    return chosen


def export(git_dir: Path, folder: Path, commit: str = "f987f5e",
           draw: Callable[[Path, str], dict[str, str]] = draw, into: str = "polymorph") -> dict[str, str]:
    """Write the drawn pages to ``<folder>/<into>/<path under raw/>``; returns the draw's map."""
    chosen = draw(git_dir, commit)
    for file in chosen:
        target = folder / into / file
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(_git(git_dir, "show", f"{commit}:raw/{file}"))
    return chosen


if __name__ == "__main__":  # python -m bench.dates_s24 <webpage_archive git dir> <pages folder>
    import json
    import sys

    print(json.dumps(export(Path(sys.argv[1]), Path(sys.argv[2])), ensure_ascii=False, indent=1))
