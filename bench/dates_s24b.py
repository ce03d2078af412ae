"""A second draw from the archive of bench.dates_s24 (``bench/zhgold/dates-s24b.json``).

``dates-s24`` scored 1.000 on both parts before any change, so it showed nothing to fix. This draw,
fixed before any of its pages was opened and after dates-s24 was scored, takes the news-outlet keys of
``bench.dates_s24.OUTLETS`` that the first draw did not reach (positions 13 on in the same key order):
one page each (the first in the order of the SHA-256 of ``"date18-s24:" + name`` of those saved as a
file: ``page.yml`` also lists failed downloads), a second one for keys listing at least 10 pages. Its own split (salt ``date18-s24b``); scored by ``bench.date_eval`` as
``dates-s24b-tune`` and ``dates-s24b-held``. See bench/zhgold/README.md, "Session 24 date gold".
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from bench.dates_s22 import load_items as load_gold
from bench.dates_s22 import part_of as draw_part
from bench.dates_s22 import read_page
from bench.dates_s24 import OUTLET_SITES, _git, _order, outlet_pages, site_in
from bench.dates_s24 import export as export_drawn

DATES_S24B = Path(__file__).resolve().parent / "zhgold" / "dates-s24b.json"
SECOND_PAGE_FROM = 10
__all__ = ["DATES_S24B", "EXPORTED", "FILE_SITES", "draw", "export", "load_items", "part_of", "read_page", "saved_pages",
           "site_of"]

# Written by :func:`export` (its printout) before any page was read: each exported file's site key.
FILE_SITES: dict[str, str] = {
    "unclassify_news/sputniknews_中国禁止电视台播放“娘娘腔”男性形象_-_俄罗斯卫星通讯社.html": "sputniknews",
    "unclassify_news/news_长发黑丝女贼被抓现真身异装癖小伙男扮女玩伪装者_-_中原网.html": "zynews",
    "unclassify_news/news_泰国一名人妖选美皇后出家和尚-新闻频道_-_长城网.html": "hebei",
    "unclassify_news/www_陈焕然：那还不能算真正的“换脸”手术_-_北京周报.html": "beijingreview",
    "unclassify_news/news_“药娘QQ群”一步步诱骗15岁儿子打针吃药“变性”_-_温州新闻网.html": "66wz",
    "unclassify_news/news_美国5岁女孩做变性手术3岁时称“我是男孩”_-_新闻-_温州网.html": "66wz",
    "unclassify_news/tw_全台首例未經變性手術「女變男」法院今判准了.html": "yahoo",
    "unclassify_news/tw_免做變性手術換證再惹議！台灣第5位免術換證者誕生她舉「這」國外_.html": "yahoo",
    "unclassify_news/news_“伪娘”成日本文化新特色-在一定程度上,越来越多,年轻人,的世界,实际_.html": "enorth",
    "unclassify_news/news_泰国禁止通过阉割睾丸变“人妖”(图)-新闻中心_-_北方网.html": "enorth",
    "unclassify_news/m_重庆男子患假两性畸形过22年“双性”生活(图)_-_福州新闻网.html": "fznews",
    "unclassify_news/news_廣州拒變性舞者金星演出稱合規會批-_20241024_-_中國_-_明報新聞網.html": "mingpao",
    "unclassify_news/inews_【网评】警惕跨性别人权保护陷阱_-_内蒙古新闻网.html": "nmgnews",
    "unclassify_news/www_台湾男子变性后想当女兵被判定“性心理异常”免役.html": "taiwan",
    "unclassify_news/news_印尼人妖秀舞者求职艰难异装表演为生(组图)_-_新闻-_鲁网.html": "sdnews",
    "unclassify_news/www_香港變性手術第一人____袁維昌醫生_-_關鍵評論網.html": "thenewslens",
    "unclassify_news/www_台灣人應該最能了解並同理跨性別處境，因為台灣／中華民國也是_.html": "thenewslens",
    "unclassify_news/m_(图文)厦门医生为泰国第一绝色人妖“变脸”.html": "creaders",
    "unclassify_news/jining_男人穿橡胶衣变女人满足变性者和异装癖客户需求_-_大众网·济宁.html": "dzwww",
    "unclassify_news/news_韩国将对首例变性军官作出决定：强制退伍-新闻中心.html": "cnnb",
    "unclassify_news/news_“跨性别”给奥林匹克出了道难题.html": "cnnb",
    "unclassify_news/news_盘点2014年10大假新闻.html": "xinhuanet",
    "unclassify_news/news_首届世界媒体峰会全球新闻奖颁奖仪式将于1月底在京举行.html": "xinhuanet",
    "unclassify_news/www_Ming_Pao_Canada_Toronto_Chinese_Newspaper_-_中國.html": "mingpaocanada",
    "unclassify_news/news_揭泰国人妖夹缝生活多数以卖淫求生活不过40岁.html": "cnhubei",
    "unclassify_news/fjnews_宁德清秀小女娃同时拥有男、女两套生殖器官_-_福建.html": "fjsen",
}
EXPORTED: dict[str, int] = {"sputniknews": 1, "zynews": 1, "hebei": 1, "beijingreview": 1, "66wz": 2, "yahoo": 2, "enorth": 2, "fznews": 1, "mingpao": 1, "nmgnews": 1, "taiwan": 1, "sdnews": 1, "thenewslens": 2, "creaders": 1, "dzwww": 1, "cnnb": 2, "xinhuanet": 2, "mingpaocanada": 1, "cnhubei": 1, "fjsen": 1}


site_of = partial(site_in, FILE_SITES)
part_of = partial(draw_part, sizes=EXPORTED, salt="date18-s24b")


def load_items(path: Path = DATES_S24B) -> list[dict[str, object]]:
    """The gold items, each with its ``part``; an item of a zh test-side site is refused."""
    return load_gold(path, site_key=site_of, part=part_of)


def saved_pages(git_dir: Path, commit: str, by_key: dict[str, list[str]], keys: list[str]) -> dict[str, str]:
    """Path under ``raw/`` -> key: for each key its first page in the drawn order, a second one for keys listing
    at least ``SECOND_PAGE_FROM``; pages ``page.yml`` lists but the archive never saved (failed downloads) are
    passed over."""
    saved = {Path(line).name for line in _git(git_dir, "ls-tree", "--name-only", commit, "raw/unclassify_news/")
             .decode().splitlines()}
    chosen: dict[str, str] = {}
    for key in keys:
        names = sorted((name for name in by_key.get(key, []) if name in saved), key=_order)
        chosen |= {f"unclassify_news/{name}": key
                   for name in names[:2 if len(by_key.get(key, [])) >= SECOND_PAGE_FROM else 1]}
    return chosen


def draw(git_dir: Path, commit: str = "f987f5e") -> dict[str, str]:
    """Path under ``raw/`` -> site key of every page of this draw (only ``page.yml`` is read)."""
    by_key, keys = outlet_pages(git_dir, commit)
    return saved_pages(git_dir, commit, by_key, keys[OUTLET_SITES:])

def export(git_dir: Path, folder: Path, commit: str = "f987f5e") -> dict[str, str]:
    """Write this draw's pages as :func:`bench.dates_s24.export` writes its own."""
    return export_drawn(git_dir, folder, commit, draw=draw)


if __name__ == "__main__":  # python -m bench.dates_s24b <webpage_archive git dir> <pages folder>
    import json
    import sys

    print(json.dumps(export(Path(sys.argv[1]), Path(sys.argv[2])), ensure_ascii=False, indent=1))
