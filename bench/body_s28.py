"""A third body gold on saved Chinese news pages of a public web archive (``bench/zhgold/body-s28.json``).

Issue 15's claim (newsmirror's body beats trafilatura, readability-lxml and GNE on Chinese pages nobody wrote
rules for) rests on two untouched sets (zh test, body-s26 held) where the lead is inside page-to-page noise. This
is a third independent body gold with a never-tuned part, from the same archive (github
transTerminus/webpage_archive @ f987f5e, no licence file: pages a headless browser saved in late 2024), taking
only pages that no earlier draw (dates-s24/s24b/s24c, meta-s25 and its second draw, body-s26) exported.

The draw, fixed and committed before any of its pages was opened (only file names, ``page.yml`` addresses and
git blob ids were read):

* outlets: the news outlets of ``bench.meta_s25.OUTLETS`` (judged from host names only, every key on the zh
  tune side), keyed as dates-s24c keys them; a key's pool is ``bench.meta_s25.pools`` less every page meta-s25
  and body-s26 exported, and less every page whose saved bytes (git blob) equal those of a page an earlier draw
  exported or of a page ahead of it in this draw's order (the same page saved twice under two names);
* every key with a non-empty pool, in the order of the SHA-256 of ``"body-s28:" + key``; from each, the
  first page of its pool in the order of the SHA-256 of ``"body-s28:" + path``, a second one for pools of at
  least :data:`SECOND_PAGE_FROM` pages.

Split (:func:`part_of`): body-s26's rule on this draw's exported counts with the salt ``"body-s28-split"``, fixed
before any page was read; ``held`` (about half the pages) is never tuned on and ``bench.extract_eval`` prints only
its totals. Recipes and loader are body-s26's (``bench.body_s26.load_drawn_bodies``); see bench/zhgold/README.md,
"Session 28 body gold".
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from bench.body_s26 import PARTS
from bench.zh_gold import GoldPage

BODY_S28 = Path(__file__).resolve().parent / "zhgold" / "body-s28.json"
SALT = "body-s28"
SECOND_PAGE_FROM = 5
__all__ = ["BODY_S28", "EXPORTED", "FILE_SITES", "PARTS", "draw", "earlier_tune_sites", "export", "load_body_s28", "part_of"]

# Written by :func:`export` (its printout) before any page was read: each exported file's site key.
FILE_SITES: dict[str, str] = {
    "unclassify_news/udn_全台首件！未經變性手術爭取變更登記「女變男」_行政法院今_.html": "udn",
    "unclassify_news/udn_廣州拒變性藝人演出？金星：我只做自己與性別無關！_-_聯合報.html": "udn",
    "unclassify_news/news_组图：光怪陆离的泰国风俗--芭堤雅人妖表演-新闻中心-中国宁波网.html": "cnnb",
    "unclassify_news/news_出生时以为是男孩但看上去又不像5岁“双性人”手术成功_-_中国宁波网.html": "cnnb",
    "unclassify_news/news_你不知道的变装文化变装皇后：这不可耻（组图）_-_新华网.html": "xinhuanet",
    "unclassify_news/news_美国防部称正等待白宫关于跨性别者服兵役的正式指引.html": "xinhuanet",
    "unclassify_news/news_姐妹皆为“双性人”_有卵巢子宫却有男性特征_-_东南网.html": "fjsen",
    "unclassify_news/www_投特朗普是豪赌《经济学人》挺贺锦丽_-_星洲日报.html": "sinchew",
    "unclassify_news/www_【跌宕性别光谱／01】生活在砂拉越的跨性别者，等待自由的春天.html": "sinchew",
    "unclassify_news/news_28岁做变性手术无性人不男不女护照性别写不定_-_新闻频道.html": "cctv",
    "unclassify_news/news_CCTV.com-男大学生公开变性化身网络蝴蝶妹妹_-_新闻频道.html": "cctv",
    "unclassify_news/tw_影「跨性別角色」挑戰伊斯蘭教！《愛情美樂地》敏感劇情險遭禁播.html": "yahoo",
    "unclassify_news/hk_變性手術相關報導-_Yahoo奇摩新聞.html": "yahoo",
    "unclassify_news/news_一对孪生姐妹相约变性成为孪生兄弟_-_长江网.html": "cjn",
    "unclassify_news/news_18岁男生找网友做变性手术，主刀“医生”技术是看视频学的.html": "cjn",
    "unclassify_news/news_英国企业赠送婴宁假乳房隆胸手术年底进行_-_北方网.html": "enorth",
    "unclassify_news/news_易性癖男子公开隐私寻求理解(图).html": "enorth",
    "unclassify_news/news_“医生”学网络视频给小伙做变性手术被判3年半.html": "haiwainet",
    "unclassify_news/news_男子跳桥被救医院为其做变性手术(27)_-_海外网.html": "haiwainet",
    "unclassify_news/cnews_日本最美伪娘私照曝光揭娱乐圈变性人生存现状[1]_-_中国在线.html": "chinadaily",
    "unclassify_news/language_英国两男同相恋后双双变性欲结连理_-_英语点津.html": "chinadaily",
    "unclassify_news/www_新西兰的“性别酷儿”：这个世界难道是非黑即白的吗？_-_中文先驱报.html": "chineseherald",
    "unclassify_news/news_科学网—阐述中国跨性别男男性行为者艾滋病感染现状.html": "sciencenet",
    "unclassify_news/news_跨性别男性免疫反应差异需关注—新闻—科学网.html": "sciencenet",
    "unclassify_news/news_成都一整形机构实习医生为未成年人“变性”被批捕_-_荆楚网.html": "cnhubei",
    "unclassify_news/www_阿根廷LGBTQ大遊行抗議總統歧視性政策_國際_中央社CNA.html": "cna",
    "unclassify_news/www_首爾酷兒文化節申辦受阻性少數族群處境惡化.html": "cna",
    "unclassify_news/www_談跨性別者HRT的困境.html": "peopo",
    "thepaper.cn/m_【老专家口述历史】何清濂：中国变性手术之父_-_澎湃新闻.html": "thepaper",
    "thepaper.cn/m_荐书｜春天读诗_文化课.html": "thepaper",
    "unclassify_news/news_美国一变性女子斥资60万元整容欲变充气娃娃.html": "rednet",
    "sina.cn/k_卡迪雅灵魂被慢慢雌化！性转成女人，嫁给谁都想好了_-_新浪.html": "sina",
    "sina.cn/news_中国第一例变性人作客新浪谈20年情感经历(实录).html": "sina",
    "unclassify_news/www_《Her_Story：她的故事》——第一部屬於跨性別者的迷你影集.html": "thenewslens",
    "unclassify_news/www_酷兒-_TNL_The_News_Lens_關鍵評論網.html": "thenewslens",
    "unclassify_news/news_游客在泰国拒人妖服务被打致头破血流(图)_-_新闻.html": "66wz",
    "unclassify_news/news_“药娘”是个怎样的群体？_我们能为他们做些什么？_-_温州新闻网.html": "66wz",
    "unclassify_news/news_王陽明「不比娘炮動作」惹性平風波教育部：什麼樣子、該自己決定.html": "tvbs",
    "sohu.com/www_男子裸聊遇见“人妖”，被敲诈2000美元，求助警察：“帮帮我”_-_搜狐.html": "sohu",
    "sohu.com/news_天津变性人第一次接受采访称只想还原真我(图)_-_新闻-_搜狐.html": "sohu",
    "unclassify_news/m_日本最美变性人走红盘点全球变性人的坎坷故事_-_福州新闻网.html": "fznews",
    "unclassify_news/news_生活困擾：女性身分、男性外表飽受異樣目光-_20241104_-_副刊_-_明報.html": "mingpao",
    "unclassify_news/inews_“伪娘”现象：是心理疾患还是多元文化潮流？_-_内蒙古新闻网.html": "nmgnews",
    "unclassify_news/news_中国禁止荧屏出现“娘炮”形象，俄媒：应起立鼓掌.html": "bjd",
    "unclassify_news/chinese_法庭宣布跨性别活动家回避基督徒教师的上诉听证会.html": "christianpost",
    "unclassify_news/chinese_前变性人：要像对待精神疾病问题一样对待性别焦虑症_-_基督邮报.html": "christianpost",
    "unclassify_news/sputniknews_《黑客帝国》导演证实影片与跨性别者有关_-_俄罗斯卫星通讯社.html": "sputniknews",
    "unclassify_news/sputniknews_大型体育运动中有跨性别人士的位置吗？_-_俄罗斯卫星通讯社.html": "sputniknews",
    "unclassify_news/news_万圣节上海风声鹤唳逮捕、清查行为随处可见_-_万维读者网（电脑版）.html": "creaders",
    "unclassify_news/news_美国大选一场生死博弈--万维读者网.html": "creaders",
    "chinanews.com/www_女子嫌丈夫“娘娘腔”_网遇“真爷们”起诉离婚_-_中国新闻网.html": "chinanews",
    "chinanews.com/www_菲律宾变性人盛装游街庆祝第9届国际不再恐同日.html": "chinanews",
    "unclassify_news/news_首位變性人故事丹麥女孩情節感人_-_公視新聞網.html": "pts",
    "unclassify_news/news_佛州新法限縮醫療照護跨性別者募款籌措搬家費_-_公視新聞網.html": "pts",
    "unclassify_news/www_跨性别人士被拒改身份证性别案终审胜诉彩虹之约欢迎明光_.html": "christiantimes",
}
EXPORTED: dict[str, int] = {"udn": 2, "cnnb": 2, "xinhuanet": 2, "fjsen": 1, "sinchew": 2, "cctv": 2, "yahoo": 2, "cjn": 2, "enorth": 2, "haiwainet": 2, "chinadaily": 2, "chineseherald": 1, "sciencenet": 2, "cnhubei": 1, "cna": 2, "peopo": 1, "thepaper": 2, "rednet": 1, "sina": 2, "thenewslens": 2, "66wz": 2, "tvbs": 1, "sohu": 2, "fznews": 1, "mingpao": 1, "nmgnews": 1, "bjd": 1, "christianpost": 2, "sputniknews": 2, "creaders": 2, "chinanews": 2, "pts": 2, "christiantimes": 1}


def _order(value: str) -> str:
    return hashlib.sha256(f"{SALT}:{value}".encode()).hexdigest()


def _drawn_before() -> set[str]:
    from bench.body_s26 import FILE_SITES as S26
    from bench.dates_s24 import FILE_SITES as S24
    from bench.dates_s24b import FILE_SITES as S24B
    from bench.dates_s24c import FILE_SITES as S24C
    from bench.meta_s25 import FILE_SITES as S25
    from bench.meta_s25 import FILE_SITES_B as S25B

    return {*S24, *S24B, *S24C, *S25, *S25B, *S26}


def _blobs(git_dir: Path, commit: str) -> dict[str, str]:
    """Path under ``raw/`` -> git blob id of every saved file (names and ids only: no page is read)."""
    from bench.dates_s24 import _git

    blobs = {}
    for line in _git(git_dir, "ls-tree", "-r", commit, "raw/").decode().splitlines():
        meta, path = line.split("\t", 1)
        blobs[path.removeprefix("raw/")] = meta.split()[2]
    return blobs


def draw(git_dir: Path, commit: str = "f987f5e") -> dict[str, str]:
    """Path under ``raw/`` -> site key of every page of this draw (nothing but names, addresses and blob ids read)."""
    from bench.body_s26 import take_pages
    from bench.meta_s25 import OUTLETS, pools
    from bench.zh_gold import split_of

    if any(split_of(key) == "test" for key in OUTLETS):
        raise ValueError("an outlet key is on the zh test side")
    before = _drawn_before()
    blobs = _blobs(git_dir, commit)
    seen = {blobs[path] for path in before if path in blobs}
    by_key: dict[str, list[str]] = {}
    for key, paths in pools(git_dir, commit).items():
        kept = []
        for path in sorted((p for p in paths if p not in before), key=_order):
            if blobs[path] not in seen:
                seen.add(blobs[path])
                kept.append(path)
        by_key[key] = kept
    return take_pages(by_key, _order, SECOND_PAGE_FROM)


def export(git_dir: Path, folder: Path, commit: str = "f987f5e") -> dict[str, str]:
    """Write the drawn pages to ``<folder>/s28/<path under raw/>``; returns the draw's map."""
    from bench.dates_s24 import export as export_drawn

    return export_drawn(git_dir, folder, commit, draw=draw, into="s28")


def part_of(site: str, sizes: dict[str, int] | None = None) -> str:
    """``held`` or ``tune`` (whole sites), drawn on the exported counts before any page was read."""
    from bench.meta_s25 import part_of as split_by_counts

    return split_by_counts(site, EXPORTED if sizes is None else sizes, f"{SALT}-split")


def earlier_tune_sites() -> frozenset[str]:
    """Site keys on a body tune part drawn before this gold (zh gold tune split, body-s26 tune part): outlets whose
    pages extraction may already have been fitted to. The split above was drawn on this gold's own counts, so some
    held sites are among them; ``bench.extract_eval`` also prints the held totals without them."""
    from bench.body_s26 import EXPORTED as S26
    from bench.body_s26 import part_of as part_of_s26
    from bench.zh_gold import load_annotations

    zh_tune = {entry["site"] for entry in load_annotations() if entry["split"] == "tune"}
    return frozenset(zh_tune | {site for site in S26 if part_of_s26(site) == "tune"})


def load_body_s28(folder: Path, part: str, path: Path = BODY_S28) -> list[GoldPage]:
    """The gold pages of one part (``tune`` or ``held``), bodies cut from ``<folder>/s28/<file>``; fails naming
    the folder, or the page and marker, as ``bench.body_s26.load_body_s26`` does, and refuses an item whose site
    is not its page's drawn key or is on the zh test side."""
    from bench.body_s26 import load_drawn_bodies

    return load_drawn_bodies(folder, part, path, name="body-s28", file_sites=FILE_SITES, part_of=part_of)


if __name__ == "__main__":  # python -m bench.body_s28 <webpage_archive git dir> <pages folder>
    import sys

    from bench.body_s26 import print_draw

    print_draw(export(Path(sys.argv[1]), Path(sys.argv[2])), part_of)
