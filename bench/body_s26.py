"""Body gold on saved Chinese news pages of a public web archive (``bench/zhgold/body-s26.json``).

The zh gold's test split (42 pages) is the only untouched body set, so issue 15's claim (newsmirror beats
trafilatura, readability-lxml and GNE on Chinese pages nobody wrote rules for) rests on one thin margin. This
is a second, independent body gold with a never-tuned part, from the archive of bench.dates_s24 (github
transTerminus/webpage_archive @ f987f5e, no licence file: pages a headless browser saved in late 2024), taking
only pages that none of the earlier draws (dates-s24/s24b/s24c, meta-s25 and its second draw) took.

The draw, fixed and committed before any of its pages was opened (only file names and ``page.yml`` addresses
were read):

* outlets: the news outlets of ``bench.meta_s25.OUTLETS`` (judged from host names only, every key on the zh
  tune side), keyed as dates-s24c keys them (``bench.dates_s24c.host_key``; the four folder outlets by their
  folder); a key's pool is ``bench.meta_s25.pools`` less every page meta-s25 exported;
* every key with a non-empty pool, in the order of the SHA-256 of ``"body-s26:" + key``; from each, the
  first page of its pool in the order of the SHA-256 of ``"body-s26:" + path``, a second one for pools of at
  least :data:`SECOND_PAGE_FROM` pages.

Split, on the exported counts (:func:`part_of`, fixed before any page was read): sites in the order of the
SHA-256 of ``"body-s26-split:" + key`` go to ``held`` while the held part stays within half the pages.
``held`` is never tuned on: ``bench.extract_eval`` prints its totals only. Body recipes are the zh gold's
(``bench.zh_gold.cut_body`` over ``page_text``); see bench/zhgold/README.md, "Session 26 body gold".
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from bench.zh_gold import GoldPage

BODY_S26 = Path(__file__).resolve().parent / "zhgold" / "body-s26.json"
SALT = "body-s26"
SECOND_PAGE_FROM = 10
PARTS = ("tune", "held")
__all__ = ["BODY_S26", "EXPORTED", "FILE_SITES", "PARTS", "draw", "export", "load_body_s26", "load_drawn_bodies", "part_of", "print_draw", "read_page",
           "take_pages"]

# Written by :func:`export` (its printout) before any page was read: each exported file's site key.
FILE_SITES: dict[str, str] = {
    "unclassify_news/news_特朗普禁止“变性人”参军引发争议_-_新华网.html": "xinhuanet",
    "unclassify_news/news_变性男子整形成瘾追求完美脸蛋与妻子似姐妹（组图）_-_新华网.html": "xinhuanet",
    "unclassify_news/sputniknews_媒体：五角大楼禁止大多数跨性别在美军服役-_2019年3月13日_.html": "sputniknews",
    "unclassify_news/udn_跨性別者免術換證？_難以手術與擔憂女性受害引正反論戰_聯合新聞網.html": "udn",
    "thepaper.cn/m_跨性别运动员引发的公平性争议背后，跨性别没你想的那么简单.html": "thepaper",
    "thepaper.cn/m_苏格兰将全面普及LGBTI平权教育，成全球首例.html": "thepaper",
    "unclassify_news/news_(组图)走进泰国人妖的畸形世界.html": "creaders",
    "unclassify_news/www_從天菜成為「菜渣」，他們如何長成一個跨性別？.html": "thenewslens",
    "unclassify_news/www_你所不知道的跨性別困境：為何過半民眾對於「免術換證」仍然難以_.html": "thenewslens",
    "unclassify_news/jining_南航大学惊现男扮女装腐尸下身穿女性紧身衣_-_大众网·济宁.html": "dzwww",
    "unclassify_news/news_DECCA签约有色音乐家乐团助力多样性发展_-_京报新闻_北京日报网.html": "bjd",
    "unclassify_news/chinese_報告稱美國是向青少年推行「極端性別意識形態」和變性手術_.html": "christianpost",
    "unclassify_news/www_「平等」是天賦人權讓我們一起來守護_-_PeoPo_公民新聞.html": "peopo",
    "unclassify_news/cnews_少年打麻药自宫：患严重易性癖“自宫”后出血不止[1]_-_中国日报.html": "chinadaily",
    "unclassify_news/news_鼓励跨性别者任选厕所纽约市推出首个公益广告_-_东南网.html": "fjsen",
    "unclassify_news/news_XX_XY未必能辨男女雙性人性別勿過早扑槌-_20241104_-_副刊_-_明報.html": "mingpao",
    "unclassify_news/news_出生定性为女娃长大却像男孩两性人变性后产子_-_长江网.html": "cjn",
    "unclassify_news/news_川普反跨性別廣告拉攏未表態選民專家警告恐釀反效果.html": "pchome",
    "unclassify_news/inews_实施变性手术者须年满20岁_-_内蒙古新闻.html": "nmgnews",
    "unclassify_news/m_泰变性手术费高得吓人泰国人妖姐妹花来厦整形_-_福州新闻网.html": "fznews",
    "unclassify_news/www_法國LGBT+大使訪台拜會人權會體驗同志遊行_生活_中央社CNA.html": "cna",
    "unclassify_news/www_男跨女跨性別者請生理假？勞動部：不可以_生活.html": "cna",
    "unclassify_news/moment_株洲双性人15岁来大姨妈_喜欢过女孩又看上小伙.html": "rednet",
    "unclassify_news/news_美国一对男女在同时接受变性手术后成为情侣(图).html": "cnhubei",
    "unclassify_news/news_不放過林郁婷！川普再批「女子拳擊變性人」奪金：沒看過這情況.html": "tvbs",
    "unclassify_news/hk_跨性别人士接连被杀团体吁政府加强保护.html": "on",
    "unclassify_news/news_跨性別人士謝浩霖獲男性身份證稱具重大意義-_RTHK_-_香港電台.html": "rthk",
    "unclassify_news/paper_安能辨我是雄雌？原来男人也可以很美_-_科学网.html": "sciencenet",
    "sohu.com/www_美媒：美今年至少32名跨性别者遇害_-_搜狐.html": "sohu",
    "sohu.com/www_“跨性别模特”雌雄莫辨的美丽瞬间_-_搜狐.html": "sohu",
    "unclassify_news/news_跨性別女運動員參賽掀公平性爭議研究：能力並未完勝一般女性.html": "pts",
    "unclassify_news/news_日本跨性別限制多變性須絕育最受爭議_-_公視新聞網.html": "pts",
    "sina.cn/blog_西方文化_Trans雪精灵_新浪博客.html": "sina",
    "sina.cn/news_22岁“医生”学视频给小伙做变性手术被判3年半.html": "sina",
    "unclassify_news/news_泰国人妖rose代言整形机构网友惊呼这人妖要逆天_-_新闻.html": "66wz",
    "unclassify_news/news_人妖皇后中国隆胸与姐妹热吻_社会新闻_-_温州网.html": "66wz",
    "unclassify_news/news_男子变性整容成翻版卡戴珊(15)_-_海外网.html": "haiwainet",
    "unclassify_news/news_变性人美照PK：河莉秀Poy美艳金星排第几？_-_娱乐_-_海外网.html": "haiwainet",
    "unclassify_news/www_反跨性别活动家在混乱中结束新西兰之行，引发多方激烈争论.html": "chineseherald",
    "unclassify_news/news_美国1对男女同时变性后成情侣_-_新闻-_鲁网.html": "sdnews",
    "unclassify_news/news_易性癖男子公开隐私寻求理解-新闻中心-中国宁波网.html": "cnnb",
    "unclassify_news/news_变性人莉莉被取消环球小姐参赛资格(图)_-_中国宁波网.html": "cnnb",
    "unclassify_news/www_上海有艺④__泥土和种子的关系.html": "jfdaily",
    "unclassify_news/hk_人妖一定要變性？變女聲靠食荷爾蒙？變性演員的八大迷思_-_Yahoo新聞.html": "yahoo",
    "unclassify_news/tw_川普反跨性別廣告拉攏未表態選民專家警告恐釀反效果_-_Yahoo奇摩新聞.html": "yahoo",
    "chinanews.com/www_印度法院裁定变性人为男性女性之外第三种性别.html": "chinanews",
    "chinanews.com/www_香港变性需求倍增威院增设“一条龙”服务（图）_-_中国新闻网.html": "chinanews",
    "unclassify_news/news_媒体揭密吉米变性细节坦言要找西方猛男(组图)_-_新闻频道.html": "cctv",
    "unclassify_news/news_[锐观察]本节观察：当“伪娘”成为流行符号_-_新闻频道-_央视网.html": "cctv",
    "unclassify_news/www_月薪1700欲买16万车车商傻眼：要求打折至10万-_国内_-_星洲日报.html": "sinchew",
    "unclassify_news/news_帅气男孩有难言之隐周期性“血尿”竟是来例假_-_北方网.html": "enorth",
    "unclassify_news/news_重庆男模变性后继续整容笑称自己仍是“处女”_-_北方网.html": "enorth",
    "unclassify_news/christiantimes_香港性文化學會對變性人改身份證性別案的聲明輕率打開潘_..._-_時代論壇.html": "christiantimes",
}
EXPORTED: dict[str, int] = {"xinhuanet": 2, "sputniknews": 1, "udn": 1, "thepaper": 2, "creaders": 1, "thenewslens": 2, "dzwww": 1, "bjd": 1, "christianpost": 1, "peopo": 1, "chinadaily": 1, "fjsen": 1, "mingpao": 1, "cjn": 1, "pchome": 1, "nmgnews": 1, "fznews": 1, "cna": 2, "rednet": 1, "cnhubei": 1, "tvbs": 1, "on": 1, "rthk": 1, "sciencenet": 1, "sohu": 2, "pts": 2, "sina": 2, "66wz": 2, "haiwainet": 2, "chineseherald": 1, "sdnews": 1, "cnnb": 2, "jfdaily": 1, "yahoo": 2, "chinanews": 2, "cctv": 2, "sinchew": 1, "enorth": 2, "christiantimes": 1}


def _order(value: str) -> str:
    return hashlib.sha256(f"{SALT}:{value}".encode()).hexdigest()


def _drawn_before() -> set[str]:
    from bench.meta_s25 import FILE_SITES as S25
    from bench.meta_s25 import FILE_SITES_B as S25B

    return {*S25, *S25B}  # meta_s25.pools already leaves out the date draws' pages


def draw(git_dir: Path, commit: str = "f987f5e") -> dict[str, str]:
    """Path under ``raw/`` -> site key of every page of this draw (nothing but names and addresses read)."""
    from bench.meta_s25 import OUTLETS, pools
    from bench.zh_gold import split_of

    if any(split_of(key) == "test" for key in OUTLETS):
        raise ValueError("an outlet key is on the zh test side")
    before = _drawn_before()
    by_key = {key: sorted((p for p in paths if p not in before), key=_order)
              for key, paths in pools(git_dir, commit).items()}
    return take_pages(by_key, _order, SECOND_PAGE_FROM)


def take_pages(by_key: dict[str, list[str]], order: Callable[[str], str], second_page_from: int) -> dict[str, str]:
    """Path -> key: every key with pages, in ``order``; its first page (each list is already in draw order), and
    a second one when it has at least ``second_page_from``. Shared by the drawn body golds."""
    chosen: dict[str, str] = {}
    for key in sorted((key for key, paths in by_key.items() if paths), key=order):
        paths = by_key[key]
        chosen |= {path: key for path in paths[:2 if len(paths) >= second_page_from else 1]}
    return chosen


def export(git_dir: Path, folder: Path, commit: str = "f987f5e") -> dict[str, str]:
    """Write the drawn pages to ``<folder>/s26/<path under raw/>``; returns the draw's map."""
    from bench.dates_s24 import export as export_drawn

    return export_drawn(git_dir, folder, commit, draw=draw, into="s26")


def part_of(site: str, sizes: dict[str, int] | None = None) -> str:
    """``held`` or ``tune`` (whole sites), drawn on the exported counts before any page was read."""
    from bench.meta_s25 import part_of as split_by_counts

    return split_by_counts(site, EXPORTED if sizes is None else sizes, f"{SALT}-split")


def print_draw(chosen: dict[str, str], part_of: Callable[[str, dict[str, int]], str]) -> None:
    """What an export prints (and a draw's commit records): path -> key, pages a key, each key's part."""
    counts: dict[str, int] = {}
    for key in chosen.values():
        counts[key] = counts.get(key, 0) + 1
    print(json.dumps(chosen, ensure_ascii=False, indent=1))
    print(json.dumps(counts))
    print(json.dumps({key: part_of(key, counts) for key in counts}))


def read_page(folder: Path, file: str) -> bytes:
    return (folder / "s26" / file).read_bytes()


def load_body_s26(folder: Path, part: str, path: Path = BODY_S26) -> list[GoldPage]:
    """The gold pages of one part (``tune`` or ``held``), bodies cut from ``<folder>/s26/<file>``.

    Fails with a message naming the folder when the exported pages are missing, and names the page and marker
    when a recipe no longer resolves; an item whose site is not its page's drawn key, or is on the zh test side,
    is refused."""
    return load_drawn_bodies(folder, part, path, name="body-s26", file_sites=FILE_SITES, part_of=part_of)


def load_drawn_bodies(folder: Path, part: str, path: Path, *, name: str, file_sites: dict[str, str],
                      part_of: Callable[[str], str]) -> list[GoldPage]:
    """The pages of one part of a drawn body gold ``name`` (``body-sNN``), cut from ``<folder>/sNN/<file>``
    (where ``python -m bench.body_sNN`` exported them); shared by every drawn body gold."""
    from bench.zh_gold import ZhGoldError, cut_body, page_text, split_of

    if part not in PARTS:
        raise ValueError(f"part must be one of {PARTS}, not {part!r}")
    into = folder / name.removeprefix("body-")
    if not into.is_dir():
        raise ZhGoldError(f"the exported {name} pages are missing: expected them under {into} "
                          f"(python -m bench.{name.replace('-', '_')} <webpage_archive git dir> <folder> writes them)")
    pages = []
    for item in json.loads(path.read_text(encoding="utf-8"))["items"]:
        if item["site"] != file_sites.get(item["file"]) or split_of(item["site"]) == "test":
            raise ValueError(f"{item['file']}: site {item['site']!r} is not a drawn tune-side key")
        if part_of(item["site"]) != part:
            continue
        file = into / item["file"]
        if not file.is_file():
            raise ZhGoldError(f"{name} names {item['file']}, which is not in {into}")
        try:
            body = cut_body(page_text(file.read_bytes()), item["start"], item["end"], item.get("drop"))
        except ZhGoldError as error:
            raise ZhGoldError(f"{item['file']}: {error}") from error
        pages.append(GoldPage(file, item["site"], part, item["title"], None, None, body))
    return pages


if __name__ == "__main__":  # python -m bench.body_s26 <webpage_archive git dir> <pages folder>
    import sys

    print_draw(export(Path(sys.argv[1]), Path(sys.argv[2])), part_of)
