"""Instant and AUTHOR gold on saved Chinese news pages of a public web archive (``bench/zhgold/meta-s25.json``).

The archive of bench.dates_s24 (github transTerminus/webpage_archive @ f987f5e, no licence file: pages a
headless browser saved in late 2024) was used only for dates so far (dates-s24/s24b/s24c, 60 pages); its
other pages were never opened. This draw, fixed and committed before any of its pages was opened (only
file names and ``page.yml`` addresses were read), takes pages none of those draws took:

* outlets: the news outlets of :data:`OUTLETS`, keyed as dates-s24c keys them
  (``bench.dates_s24c.host_key``; the four folder outlets by their folder), judged from host names only,
  every key on the zh tune side (test-side keys and ``stheadline``, the outlet of ``singtao``, left out);
* pool of a key: its saved pages under ``raw/unclassify_news/`` plus, for the folder outlets, the pages of
  its folder (``sohu.com`` ...), less every page dates-s24/s24b/s24c exported;
* the first :data:`KEYS` keys in the order of the SHA-256 of ``"meta-s25:" + key``; from each, the first
  page of its pool in the order of the SHA-256 of ``"meta-s25:" + path``, a second one for pools of at
  least :data:`SECOND_PAGE_FROM` pages.

A second draw (:func:`draw_b`, fixed and committed after the first draw's labels and before any of its
pages was opened, because 5 of the first 37 pages were unreadable): the next :data:`KEYS_B` keys of the same
order, pages chosen the same way; its own split (salt ``"meta-s25b-split"``) on its own counts, so no site
of the first draw changes side.

Split, on the exported counts (:func:`part_of`): sites in the order of the SHA-256 of
``"meta-s25-split:" + key`` go to ``held`` while the held part stays within half the pages. ``held`` was
never tuned on through session 27 (only its totals were read); since session 28 (meta28) it is **tuning
data** like the tune part (``bench.meta_eval --s25 --pages`` lists its pages, ``bench.date_view`` opens
them); the split is kept so its figures stay comparable with the earlier held totals. The extractor
gets the saved document without an address (the condition of dates-s24's first figure). See
bench/zhgold/README.md, "Session 25 instant and author gold".
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path

from bench.dates_s24 import _git
from bench.meta_gold import MetaCase

META_S25 = Path(__file__).resolve().parent / "zhgold" / "meta-s25.json"
SALT = "meta-s25"
KEYS = 30
KEYS_B = 10
SECOND_PAGE_FROM = 10
FOLDERS = {"sohu.com": "sohu", "sina.cn": "sina", "thepaper.cn": "thepaper", "chinanews.com": "chinanews"}
# News outlets among the tune-side keys of the archive, from host names only (portals, papers, broadcasters,
# agencies; not schools, governments, NGOs, game or shop sites, content farms, or hosts unknown to the drawer).
OUTLETS = ("yahoo", "cctv", "xinhuanet", "thenewslens", "66wz", "cna", "pts", "cnnb", "sina", "haiwainet",
           "enorth", "udn", "sohu", "chinadaily", "thepaper", "sciencenet", "sinchew", "chinanews", "cjn",
           "nmgnews", "tvbs", "sputniknews", "creaders", "cnhubei", "christiantimes", "christianpost", "peopo",
           "fznews", "fjsen", "bjd", "mingpao", "sdnews", "rthk", "rednet", "pchome", "chineseherald",
           "mingpaocanada", "newtalk", "on", "dzwww", "cqnews", "zynews", "guancha", "jfdaily", "kankanews",
           "sznews", "takungpao", "hkej", "malaysiakini", "koreastardaily", "taiwan", "hnr", "sh",
           "caijingmobile")
__all__ = ["EXPORTED", "EXPORTED_B", "FILE_SITES", "FILE_SITES_B", "draw_b", "META_S25", "draw", "export", "load_meta_s25", "part_of", "read_page"]

# Written by :func:`export` (its printout) before any page was read: each exported file's site key.
FILE_SITES: dict[str, str] = {
    "unclassify_news/news_泰国人妖的“正常”校园生活（组图）_-_鲁网新闻中心.html": "sdnews",
    "sohu.com/qd_揭秘电影《泰囧》最美人妖直击整容过程(组图)_-_搜狐青岛.html": "sohu",
    "sohu.com/www_高中生自费拍“跨性别”电影未能入选电影节，校方认为题材太超前_-_搜狐.html": "sohu",
    "unclassify_news/tw_密州反性別確認健康照顧跨性別者從台灣網購藥自救.html": "yahoo",
    "unclassify_news/hk_《闇龍紀元：紗障守護者》可以在遊戲內透過看鏡子解鎖跨性別稱謂_.html": "yahoo",
    "unclassify_news/newtalk_中國跨性別者悲歌：手術要家人同意百度訊息不真實或偏差.html": "newtalk",
    "unclassify_news/cnews_日本最美伪娘私照曝光揭娱乐圈变性人生存现状[17]_-_中国在线.html": "chinadaily",
    "unclassify_news/news_阿根廷LGBTQ大遊行抗議總統歧視性政策_-_PChome_Online_新聞.html": "pchome",
    "unclassify_news/news_争议十足！奥运拳击“变性”选手46秒KO女选手疑鼻梁被打断，公平吗？.html": "cqnews",
    "unclassify_news/www_倡导设立首个官方跨性别小组br槟州“环保议员”7月提呈建议.html": "malaysiakini",
    "unclassify_news/www_不敢相信！养了15年的女儿竟然是“男孩”_-_深圳新闻网.html": "sznews",
    "unclassify_news/inews_利菁变性过程被医生揭底爆细节_-_内蒙古新闻网.html": "nmgnews",
    "unclassify_news/christiantimes_香港性文化学会对变性人改身份证性别案的声明轻率打开潘朵拉盒子_.html": "christiantimes",
    "unclassify_news/www_表演藝術新潮流不為人知的變裝藝術家_-_PeoPo_公民新聞.html": "peopo",
    "unclassify_news/news_日本罕見未經手術男跨女高等法院判准免術換證_-_公視新聞網.html": "pts",
    "unclassify_news/news_台灣跨性別者倡議免術換證，人權與治安能否平衡？【獨立特派_.html": "pts",
    "unclassify_news/news_跨性別人士被拒更改身份證性別案終院上訴得直-_RTHK_-_香港電台.html": "rthk",
    "unclassify_news/news_太正！「偽娘」混入電競女團1年多才被抓包_-_TVBS新聞.html": "tvbs",
    "unclassify_news/www_新疆古墓博物馆获获2024年缪斯设计金奖-_国际_-_星洲日报.html": "sinchew",
    "unclassify_news/www_异装癖“男扮女装”行窃百密一疏没换鞋露马脚_-_看看新闻网.html": "kankanews",
    "unclassify_news/m_“中国版河莉秀”变性人陈莉莉公开征婚想在家当贵妇_-_荆楚网.html": "cnhubei",
    "unclassify_news/www_《魔鬼对决》中至今未公开的角色！朴正民变身跨性别者＋母爱喷发.html": "koreastardaily",
    "unclassify_news/www_跨性別生活不自在調查：32%寧願憋尿不去公廁_-_中央社.html": "cna",
    "unclassify_news/www_印變性校長籲重視性別少數團體工作權_-_中央社.html": "cna",
    "unclassify_news/news_图揭让人心酸的人妖文化教你分辨真女人与变性人_-_中原网.html": "zynews",
    "chinanews.com/www_台湾变性模特甜美可爱现身斗艳妩媚河莉秀(图)(3)_-_中国新闻网.html": "chinanews",
    "chinanews.com/www_图：沈阳变性人老陈与金星同过“母亲节”(2).html": "chinanews",
    "unclassify_news/news_CCTV.com-[视频]被称人妖受歧视变性女艺人欲自杀_-_新闻频道.html": "cctv",
    "unclassify_news/news_成都小伙接受变性手术变成女人完成多年夙愿_-_新闻频道.html": "cctv",
    "unclassify_news/news_跨性别男性免疫反应差异需关注—论文_-_科学网.html": "sciencenet",
    "unclassify_news/www_美跨性别泳将无缘奥运赛场_-_大公网.html": "takungpao",
    "unclassify_news/www_游客拒人妖服务被打人妖：虎背熊腰游客：来自爱尔兰-观察者网.html": "guancha",
    "unclassify_news/www_性別重置手術_-_關鍵評論網.html": "thenewslens",
    "unclassify_news/www_網民瘋傳「少年娘則國娘」，中國3大官媒同天對「娘炮」開砲.html": "thenewslens",
    "unclassify_news/www_新竹男孩爱反串女性能歌善舞盼专业演出(组图)_-_中国台湾网.html": "taiwan",
    "unclassify_news/news_性别选择与跨性别者_《财经》客户端.html": "caijingmobile",
    "unclassify_news/m_泰国人妖学生的大学生活（图）_天下_-_福州新闻网.html": "fznews",
}
FILE_SITES_B: dict[str, str] = {
    "unclassify_news/news_揭秘泰国变性手术旅游背后的秘密(图)_-_长江网.html": "cjn",
    "unclassify_news/news_香港允许变性人婚姻登记_-_东南网.html": "fjsen",
    "unclassify_news/news_老公异装癖吓到妻子虹口法院判决不予离婚_-_上海热线.html": "sh",
    "unclassify_news/news_“人妖表演”活动受查处演出者昨被拘留_-_北方网.html": "enorth",
    "unclassify_news/news_两男子街头穿女装举牌要求变性(组图)_-_北方网.html": "enorth",
    "unclassify_news/www1_跨性別普通科醫生陳明昕細說「出櫃」心路歷程及生活變化_-_HKEJ.html": "hkej",
    "unclassify_news/news_抵制“娘炮”文化刻不容缓！古人如何看待它？明清两代均受困扰.html": "bjd",
    "unclassify_news/news_5个变性之后的故事-_图片-_资讯-_海外网.html": "haiwainet",
    "unclassify_news/news_中国两男泰国见网友发现对方是人妖起冲突被打_-_海外网.html": "haiwainet",
    "unclassify_news/www_Ming_Pao_Canada_Vancouver_Chinese_Newspaper_-_中國.html": "mingpaocanada",
    "unclassify_news/news_巴黎奧運︱兩女拳手掀「跨性別」爭議《哈利波特》作者怒轟國際奧_.html": "mingpao",
    "unclassify_news/5g_困在“身体”里的人女子被诊断真两性畸形无法正常工作.html": "hnr",
}
EXPORTED_B: dict[str, int] = {"cjn": 1, "fjsen": 1, "sh": 1, "enorth": 2, "hkej": 1, "bjd": 1, "haiwainet": 2, "mingpaocanada": 1, "mingpao": 1, "hnr": 1}
EXPORTED: dict[str, int] = {"sdnews": 1, "sohu": 2, "yahoo": 2, "newtalk": 1, "chinadaily": 1, "pchome": 1, "cqnews": 1, "malaysiakini": 1, "sznews": 1, "nmgnews": 1, "christiantimes": 1, "peopo": 1, "pts": 2, "rthk": 1, "tvbs": 1, "sinchew": 1, "kankanews": 1, "cnhubei": 1, "koreastardaily": 1, "cna": 2, "zynews": 1, "chinanews": 2, "cctv": 2, "sciencenet": 1, "takungpao": 1, "guancha": 1, "thenewslens": 2, "taiwan": 1, "caijingmobile": 1, "fznews": 1}


def _order(value: str) -> str:
    return hashlib.sha256(f"{SALT}:{value}".encode()).hexdigest()


def _drawn_before() -> set[str]:
    from bench.dates_s24 import FILE_SITES as S24
    from bench.dates_s24b import FILE_SITES as S24B
    from bench.dates_s24c import FILE_SITES as S24C

    return {*S24, *S24B, *S24C}


def pools(git_dir: Path, commit: str = "f987f5e") -> dict[str, list[str]]:
    """Key -> saved pages (paths under ``raw/``) not drawn before, for every key of :data:`OUTLETS`."""
    import yaml

    from bench.dates_s24c import host_key

    before = _drawn_before()
    found: dict[str, list[str]] = {key: [] for key in OUTLETS}
    links = yaml.safe_load(_git(git_dir, "show", f"{commit}:raw/unclassify_news/page.yml"))
    saved = {Path(line).name for line in _git(git_dir, "ls-tree", "--name-only", commit, "raw/unclassify_news/")
             .decode().splitlines()}
    for name, record in links.items():
        if isinstance(record, dict) and record.get("link") and name in saved:
            key = host_key(str(record["link"]))
            if key in found:
                found[key].append(f"unclassify_news/{name}")
    for folder, key in FOLDERS.items():
        found[key] += [f"{folder}/{Path(line).name}" for line in _git(
            git_dir, "ls-tree", "--name-only", commit, f"raw/{folder}/").decode().splitlines() if line.endswith(".html")]
    return {key: sorted((p for p in paths if p not in before), key=_order) for key, paths in found.items()}


def draw(git_dir: Path, commit: str = "f987f5e", keys: slice = slice(0, KEYS)) -> dict[str, str]:
    """Path under ``raw/`` -> site key of every page of this draw (nothing but names and addresses read)."""
    from bench.zh_gold import split_of

    if any(split_of(key) == "test" for key in OUTLETS):
        raise ValueError("an outlet key is on the zh test side")
    by_key = {key: paths for key, paths in pools(git_dir, commit).items() if paths}
    chosen: dict[str, str] = {}
    for key in sorted(by_key, key=_order)[keys]:
        paths = by_key[key]
        chosen |= {path: key for path in paths[:2 if len(paths) >= SECOND_PAGE_FROM else 1]}
    return chosen


def draw_b(git_dir: Path, commit: str = "f987f5e") -> dict[str, str]:
    """The second draw: the next :data:`KEYS_B` keys of the first draw's order."""
    return draw(git_dir, commit, slice(KEYS, KEYS + KEYS_B))


def export(git_dir: Path, folder: Path, commit: str = "f987f5e", second: bool = False) -> dict[str, str]:
    """Write the drawn pages to ``<folder>/s25/<path under raw/>``; returns the draw's map."""
    chosen = (draw_b if second else draw)(git_dir, commit)
    for file in chosen:
        target = folder / "s25" / file
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(_git(git_dir, "show", f"{commit}:raw/{file}"))
    return chosen


def part_of(site: str, sizes: dict[str, int] | None = None, salt: str = f"{SALT}-split") -> str:
    """``held`` or ``tune`` (whole sites), drawn on the exported counts before any page was read; a site of the
    second draw by its own counts and salt."""
    if sizes is None and site in EXPORTED_B:
        return part_of(site, EXPORTED_B, "meta-s25b-split")
    sizes = EXPORTED if sizes is None else sizes
    held: set[str] = set()
    count = 0
    for key in sorted(sizes, key=lambda key: hashlib.sha256(f"{salt}:{key}".encode()).hexdigest()):
        if count + sizes[key] <= sum(sizes.values()) // 2:
            held.add(key)
            count += sizes[key]
    return "held" if site in held else "tune"


def read_page(folder: Path, file: str) -> str:
    from bench.zh_gold import decode_page

    return decode_page((folder / "s25" / file).read_bytes())


def load_meta_s25(folder: Path, part: str, path: Path = META_S25) -> list[MetaCase]:
    """The items of one part (``tune`` or ``held``, the former held part: both tuned on since session 28); an item whose site is not its page's drawn key, or is on
    the zh test side, is refused."""
    from bench.zh_gold import split_of

    cases = []
    for item in json.loads(path.read_text(encoding="utf-8"))["items"]:
        if item["site"] != {**FILE_SITES, **FILE_SITES_B}.get(item["file"]) or split_of(item["site"]) == "test":
            raise ValueError(f"{item['file']}: site {item['site']!r} is not a drawn tune-side key")
        if part_of(item["site"]) != part:
            continue
        published = datetime.fromisoformat(item["published"]) if item["published"] else None
        cases.append(MetaCase("s25", item["file"], read_page(folder, item["file"]), "", published,
                              item["date_only"], item["author"]))
    return cases


if __name__ == "__main__":  # python -m bench.meta_s25 <webpage_archive git dir> <pages folder> [--second]
    import sys

    chosen = export(Path(sys.argv[1]), Path(sys.argv[2]), second="--second" in sys.argv)
    counts: dict[str, int] = {}
    for key in chosen.values():
        counts[key] = counts.get(key, 0) + 1
    print(json.dumps(chosen, ensure_ascii=False, indent=1))
    print(json.dumps(counts))
    salt = "meta-s25b-split" if "--second" in sys.argv else f"{SALT}-split"
    print(json.dumps({key: part_of(key, counts, salt) for key in counts}))
