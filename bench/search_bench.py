"""Search latency on synthetic Chinese articles (Simplified and Traditional mixed).

    python bench/search_bench.py              # 10k articles (about a minute)
    python bench/search_bench.py --articles 1000000 --db /tmp/search-1m.sqlite
    python bench/search_bench.py --length real --articles 250000 --db /tmp/search-real-250k.sqlite

Articles are written through Store.upsert_article (so the index is built exactly as in
production), from a fixed vocabulary with Zipf-like word frequencies, half of them in
Traditional script. ``--length short`` (the default, comparable with earlier runs) writes 50-90
words per article; ``--length real`` writes bodies as long as real news articles: lengths
drawn log-normally around a median of 1,500 characters (the issue's figure for the real
archive) with the spread measured on ../shared/days (standard deviation of log length 0.84),
clipped to 100-30,000 characters. Each query of the fixed set runs --repeat times; the table
shows how many articles match (the API's total), p50/p95 per query and per kind of query.
A store is built once and reused (resumed when it has fewer articles than asked for); build
it again (delete the file) after changing --length.

``--replicate`` grows a store to --articles by storing copies of the articles already in it
instead of drawing new ones: each copy is an article of its own (new URL, " ·k" after the title,
published k spans later, where a span is the time the existing articles cover), written through
Store.upsert_article like any other, with the body's search key computed once per original and
handed to the store (as the importer's workers do). A word's share of the articles, the body
lengths and the index rows per article are those of the distinct articles; what it saves is
drawing and folding a body again, so a 1M store takes well under an hour to build on a small
machine instead of several. Match counts then grow with the copies.

``--outlet`` measures search filtered by outlet on an existing store (a real archive's, say)
instead of building one: for each --word and each outlet (given with --outlet-name, or by
default the smallest, a middling and the largest outlets of the store, by article count) it
prints the matches (count_search), p50/p95 of a --limit page at offset 0 and at --offset,
and p50 of count_search, with the same words unfiltered for comparison. It only reads:

    python bench/search_bench.py --outlet --db /tmp/copy-of-a-real-store.sqlite
    python bench/search_bench.py --outlet --dsn postgresql://user@host/db   # PostgreSQL
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from newsmirror.model import Article
from newsmirror.store import ArticleQuery, SearchQuery, open_store
from newsmirror.text.script import to_traditional
from newsmirror.text.search_key import prime_search_keys, search_key

# Everyday news vocabulary; names, places and institutions, two to four characters.
WORDS_TEXT = (
    "香港 台湾 北京 上海 广州 深圳 莫斯科 华盛顿 东京 首尔 新加坡 乌克兰 俄罗斯 美国 日本 欧洲 "
    "选举 投票 议员 国会 政府 总统 总理 主席 部长 外交部 国防部 警方 法院 法官 律师 记者 "
    "经济 通胀 利率 股市 银行 贸易 关税 出口 进口 企业 工厂 工人 失业 房价 债务 货币 "
    "疫情 病毒 医院 医生 疫苗 口罩 学校 学生 老师 大学 考试 网络 手机 软件 芯片 电脑 "
    "气球 飞机 军舰 导弹 军队 演习 战争 和平 谈判 协议 制裁 抗议 示威 人权 自由 民主 审查 "
    "会见 访问 磋商 发表 声明 宣布 批评 支持 反对 呼吁 警告 调查 逮捕 判决 释放 报道 "
    "普京 习近平 拜登 马朝旭 王毅 泽连斯基 岸田文雄 李家超 蔡英文 布林肯 "
    "今天 昨天 周一 周二 上午 下午 晚上 表示 认为 指出 强调 可能 已经 继续 进一步 "
    "中国 大陆 两岸 台海 南海 边境 领空 领土 主权 安全 发展 合作 关系 问题 情况 消息 "
    "天气 台风 地震 洪水 火灾 事故 交通 铁路 机场 航班 旅客 游客 市民 居民 社区 "
    "人民币 美元 欧元 比特币 石油 天然气 粮食 农民 土地 环境 污染 气候 能源 电力 "
    "联合国 世卫组织 欧盟 北约 东盟 二十国集团 国际货币基金组织 中央社 法广 联合早报"
)
WORDS = WORDS_TEXT.split()
# Common characters for filler words, so the named words above have realistic frequencies
# among a few thousand others instead of each appearing in most articles.
FILLER_CHARS = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而"
    "方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好"
    "应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向"
    "道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特"
    "件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队"
    "南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风"
)
OUTLETS = ["新唐人", "中央社", "法广", "联合早报", "美国之音", "大纪元", "德国之声", "BBC中文"]
PUNCT = "，，，。、；"

# (kind, query, filters) -- kept fixed so runs compare; the table prints it.
QUERIES: list[tuple[str, str, dict[str, object]]] = [
    ("2-char word", "香港", {}),
    ("2-char word", "选举", {}),
    ("2-char word", "普京", {}),
    ("2-char word", "芯片", {}),
    ("3/4-char word", "马朝旭", {}),
    ("3/4-char word", "泽连斯基", {}),
    ("3/4-char word", "岸田文雄", {}),
    ("3/4-char word", "联合早报", {}),
    ("phrase", '"北京 宣布"', {}),
    ("phrase", "香港选举", {}),
    ("phrase", "外交部 磋商", {}),
    ("cross-script", "馬朝旭", {}),
    ("cross-script", "選舉", {}),
    ("cross-script", "澤連斯基", {}),
    ("cross-script", "國防部 導彈", {}),
    ("filtered", "香港", {"outlet": "中央社"}),
    ("filtered", "选举", {"since": datetime(2024, 6, 1, tzinfo=UTC), "until": datetime(2024, 7, 1, tzinfo=UTC)}),
    ("filtered", "馬朝旭", {"outlet": "法广", "since": datetime(2024, 1, 1, tzinfo=UTC)}),
]


def zipf_weights(n: int) -> list[float]:
    return [1.0 / (rank + 1) ** 0.9 for rank in range(n)]


REAL_MEDIAN_CHARS = 1500
REAL_LOG_SD = 0.84
REAL_CLIP = (100, 30_000)


def body_length(rng: random.Random, length: str) -> int:
    """Characters of body to write (``real``); 0 for the word-count rule of ``short``."""
    if length != "real":
        return 0
    drawn = int(rng.lognormvariate(math.log(REAL_MEDIAN_CHARS), REAL_LOG_SD))
    return min(max(drawn, REAL_CLIP[0]), REAL_CLIP[1])


def make_articles(count: int, seed: int = 7, length: str = "short"):  # type: ignore[no-untyped-def]
    rng = random.Random(seed)
    filler = sorted({a + b for a, b in zip(rng.choices(FILLER_CHARS, k=4000), rng.choices(FILLER_CHARS, k=4000),
                                         strict=True)} - set(WORDS))
    words = WORDS + filler
    rng.shuffle(words)  # which words are frequent is random, but fixed by the seed
    traditional = [to_traditional(w) for w in words]
    weights = zipf_weights(len(words))
    start = datetime(2023, 1, 1, tzinfo=UTC)
    for n in range(count):
        vocab = traditional if n % 2 else words
        target = body_length(rng, length)
        if target:
            parts: list[str] = []
            size = 0
            while size < target:  # words come in runs of 64: drawing them one by one is slow
                for i in rng.choices(range(len(words)), weights=weights, k=64):
                    part = vocab[i] + (rng.choice(PUNCT) if rng.random() < 0.25 else "")
                    parts.append(part)
                    size += len(part)
                    if size >= target:
                        break
                if size < target and rng.random() < 0.15:
                    parts.append("\n\n")  # paragraphs
            body = "".join(parts)
        else:
            picks = rng.choices(range(len(words)), weights=weights, k=rng.randint(50, 90))
            body = "".join(vocab[i] + (rng.choice(PUNCT) if rng.random() < 0.25 else "") for i in picks)
        title = "".join(vocab[i] for i in rng.choices(range(len(words)), weights=weights, k=4))
        yield Article(
            outlet=OUTLETS[n % len(OUTLETS)], title=title, original_url=f"https://bench.invalid/{n}",
            body_text=body, published_at=start + timedelta(minutes=n * 900_000 // max(count, 1)),
            script="zh-Hant" if n % 2 else "zh-Hans",
        )


def build(db: Path, count: int, console: Console, length: str = "short") -> float:
    store = open_store(db)
    have = store.count_articles()
    started = time.perf_counter()
    if have < count:
        with Progress(console=console) as progress:
            task = progress.add_task("storing and indexing", total=count, completed=have)
            batch = 2000
            articles = make_articles(count, length=length)
            for _ in range(have):
                next(articles)
            done = have
            while done < count:
                with store.transaction():  # type: ignore[attr-defined]
                    for article in articles:
                        store.upsert_article(article)
                        done += 1
                        if done % batch == 0:
                            break
                progress.update(task, completed=done)
    store.close()
    return time.perf_counter() - started


def replicate(db: Path, count: int, console: Console) -> float:
    """Grow the store at ``db`` to ``count`` articles with copies of the ones it holds (see the
    module's help)."""
    store = open_store(db)
    have = store.count_articles()
    started = time.perf_counter()
    if have < count:
        originals = [a.id for a in store.iter_articles(ArticleQuery(newest_first=False))
                     if " ·" not in a.title]  # copies of copies would repeat a body twice in one span
        oldest = next(iter(store.iter_articles(ArticleQuery(newest_first=False, limit=1))))
        newest = next(iter(store.iter_articles(ArticleQuery(limit=1))))
        span = (newest.published_at - oldest.published_at) + timedelta(minutes=1)  # type: ignore[operator]
        copies_each = math.ceil((count - len(originals)) / len(originals))
        done = have
        with Progress(console=console) as progress:
            task = progress.add_task(f"storing copies (up to {copies_each} of each)", total=count, completed=have)
            for start in range(0, len(originals), 500):
                with store.transaction():  # type: ignore[attr-defined]
                    for article_id in originals[start:start + 500]:
                        original = store.get_article(article_id)
                        if original is None:
                            continue
                        body = original.body_text or original.body_markdown
                        body_key = search_key(body)
                        for k in range(1, copies_each + 1):
                            copy = Article(
                                outlet=original.outlet, title=f"{original.title} ·{k}",
                                original_url=f"{original.original_url}/copy-{k}", body_text=original.body_text,
                                body_html=original.body_html, body_markdown=original.body_markdown,
                                published_at=original.published_at + span * k,  # type: ignore[operator]
                                script=original.script,
                            )
                            if store.find_article_id(url=copy.original_url) is not None:
                                continue  # stored by an earlier, interrupted run
                            prime_search_keys({body: body_key})
                            store.upsert_article(copy)
                            done += 1
                            if done >= count:
                                break
                        if done >= count:
                            break
                progress.update(task, completed=done)
                if done >= count:
                    break
    store.close()
    return time.perf_counter() - started


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _timed(run, repeat: int) -> list[float]:  # type: ignore[no-untyped-def]
    run()  # warm the page cache once
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def outlet_table(db: Path | str, words: list[str], outlets: list[str], repeat: int, limit: int, offset: int,
                 console: Console) -> int:
    """Outlet-filtered search on an existing store: one row per word and outlet."""
    store = open_store(db)
    sizes = store.stats()["by_outlet"]  # type: ignore[attr-defined]
    if not outlets:
        by_size = sorted(sizes, key=lambda name: (sizes[name], name))
        outlets = list(dict.fromkeys([by_size[0], by_size[len(by_size) // 3], by_size[2 * len(by_size) // 3],
                                      by_size[-1]]))
    table = Table(title=f"search by outlet, {store.count_articles():,} articles, {repeat} runs each, "
                        f"limit {limit}")
    for column in ("word", "outlet", "outlet articles", "matches", "hits", "p50 ms", "p95 ms",
                   f"offset {offset} p50", f"offset {offset} p95", "count p50 ms"):
        table.add_column(column, justify="left" if column in ("word", "outlet") else "right")
    everything: list[float] = []
    for word in words:
        for outlet in [None, *outlets]:
            query = SearchQuery(word, limit=limit, outlet=outlet)
            later = SearchQuery(word, limit=limit, offset=offset, outlet=outlet)
            hits = len(store.search(query))
            first = _timed(lambda q=query: store.search(q), repeat)
            second = _timed(lambda q=later: store.search(q), repeat)
            counts = _timed(lambda q=query: store.count_search(q), max(3, repeat // 4))
            if outlet is not None:
                everything.extend(first)
            table.add_row(word, outlet or "(all)", f"{sizes[outlet] if outlet else store.count_articles():,}",
                          f"{store.count_search(query):,}", str(hits),
                          f"{statistics.median(first):.1f}", f"{percentile(first, 0.95):.1f}",
                          f"{statistics.median(second):.1f}", f"{percentile(second, 0.95):.1f}",
                          f"{statistics.median(counts):.1f}")
    store.close()
    console.print(table)
    console.print(f"filtered pages at offset 0, all words and outlets: p50 {statistics.median(everything):.1f} ms, "
                  f"p95 {percentile(everything, 0.95):.1f} ms")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000, help="how many synthetic articles (default 10k)")
    parser.add_argument("--db", type=Path, help="database to build or reuse (default: a temporary file)")
    parser.add_argument("--repeat", type=int, default=20, help="runs per query (default 20)")
    parser.add_argument("--limit", type=int, default=20, help="hits per query, as a results page (default 20)")
    parser.add_argument("--length", choices=("short", "real"), default="short",
                        help="short: 50-90 words per article; real: real-length bodies (median 1,500 characters)")
    parser.add_argument("--replicate", action="store_true",
                        help="grow an existing store to --articles with copies of its articles (see above)")
    parser.add_argument("--outlet", action="store_true",
                        help="time outlet-filtered search on the existing store --db (see above)")
    parser.add_argument("--outlet-name", action="append", default=[],
                        help="outlet to time with --outlet (repeatable; default: smallest, middling, largest)")
    parser.add_argument("--word", action="append", default=[],
                        help="query word for --outlet (repeatable; default 中国 美国 香港 台湾 政府)")
    parser.add_argument("--dsn", help="with --outlet: a PostgreSQL store (postgresql://...) instead of --db")
    parser.add_argument("--offset", type=int, default=100, help="second page offset for --outlet (default 100)")
    args = parser.parse_args(argv)
    console = Console()
    if args.outlet:
        if args.dsn is None and (args.db is None or not args.db.exists()):
            parser.error("--outlet times an existing store: give it with --db (or --dsn)")
        return outlet_table(args.dsn or args.db, args.word or ["中国", "美国", "香港", "台湾", "政府"], args.outlet_name,
                            args.repeat, args.limit, args.offset, Console(width=max(console.width, 150)))
    suffix = "" if args.length == "short" else f"-{args.length}"
    db = args.db or Path(tempfile.gettempdir()) / f"newsmirror-search-bench-{args.articles}{suffix}.sqlite"
    if args.replicate:
        if not db.exists():
            parser.error(f"--replicate grows an existing store; {db} does not exist (build one first)")
        elapsed = replicate(db, args.articles, console)
    else:
        elapsed = build(db, args.articles, console, args.length)
    size_mb = sum(p.stat().st_size for p in db.parent.glob(db.name + "*")) / 1e6
    bodies = "copies of the store's articles added" if args.replicate else f"{args.length} bodies"
    console.print(f"{args.articles:,} articles ({bodies}) in {db.name} ({size_mb:,.0f} MB); "
                  f"build/resume took {elapsed:,.0f} s")

    store = open_store(db)
    per_query = Table(title=f"search latency, {args.articles:,} articles, {args.repeat} runs each, limit {args.limit}")
    for column in ("kind", "query", "filters", "matches", "hits", "p50 ms", "p95 ms"):
        per_query.add_column(column, justify="right" if column.endswith(("ms", "hits")) else "left")
    by_kind: dict[str, list[float]] = {}
    everything: list[float] = []
    for kind, text, filters in QUERIES:
        query = SearchQuery(text, limit=args.limit, **filters)  # type: ignore[arg-type]
        hits = len(store.search(query))  # warm the page cache once
        timings = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            store.search(query)
            timings.append((time.perf_counter() - started) * 1000)
        by_kind.setdefault(kind, []).extend(timings)
        everything.extend(timings)
        shown = ", ".join(f"{k}={v.date() if isinstance(v, datetime) else v}" for k, v in filters.items())
        matches = store.count_search(query)
        per_query.add_row(kind, text, shown, f"{matches:,}", str(hits), f"{statistics.median(timings):.1f}",
                          f"{percentile(timings, 0.95):.1f}")
    store.close()
    console.print(per_query)
    summary = Table(title="by kind of query")
    for column in ("kind", "p50 ms", "p95 ms"):
        summary.add_column(column, justify="left" if column == "kind" else "right")
    for kind, timings in [*by_kind.items(), ("all", everything)]:
        summary.add_row(kind, f"{statistics.median(timings):.1f}", f"{percentile(timings, 0.95):.1f}")
    console.print(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
