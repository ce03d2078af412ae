"""`newsmirror build` and `newsmirror publish`: store -> page mirror, Jekyll, HTML site -> git remotes.

Configuration comes from the ``[publish]`` table of the config file (``--config``,
``$NEWSMIRROR_CONFIG`` or ``./newsmirror.toml``)::

    [publish]
    base_url = "https://example.org/news"    # where readers reach the output; share links and QR codes
    site_title = "新闻镜像"
    script = "original"                      # original | zh-Hans | zh-Hant | zh-TW | zh-HK
    branch = "main"
    [publish.remotes]
    github = "git@github.com:me/news.git"
    backup = "/srv/git/news.git"
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import importlib
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from newsmirror.config import config_file_text, config_tables
from newsmirror.errors import ConfigError, NewsmirrorError
from newsmirror.fetch.addresses import allowance, source_hosts
from newsmirror.jobs.build_pool import Due, Loaded, RenderPool, default_jobs
from newsmirror.jobs.listing_cache import ListingCache, Row
from newsmirror.model import Article, Story, Version
from newsmirror.publish.absent import DayCounts, absent_outlets, story_days
from newsmirror.publish.base import BuildOptions, FormatBuilder, entry_key
from newsmirror.publish.content import (
    OUTPUT_SCRIPTS,
    RENDER_VERSION,
    STORY_PAGE_VERSION,
    Entry,
    StoryView,
    fingerprint,
    image_token,
    make_entry,
    prepare,
    script_converter,
)
from newsmirror.publish.gitpush import PublishReport, Say, publish_folder, publish_split, silent
from newsmirror.publish.images import Fetch, ImageMirror, httpx_fetcher, image_urls
from newsmirror.publish.jekyll import JekyllBuilder
from newsmirror.publish.manifest import WriteCounts
from newsmirror.publish.pagemirror import PageMirrorBuilder
from newsmirror.publish.parallel import can_fork
from newsmirror.publish.safe import served_url, site_name
from newsmirror.publish.site import SiteBuilder
from newsmirror.store.base import ArticleQuery, Store
from newsmirror.store.changes import ArticleEvent, EventKind, HistoryMark, history_marks, visible_versions
from newsmirror.stories.comparison import ALIGNMENT_VERSION, Comparison
from newsmirror.stories.quoted import Rests, quotation_rests
from newsmirror.text.script import report_script

FORMATS = ("pagemirror", "jekyll", "site")
Comparer = Callable[[Story, list[Article]], Comparison | None]
Progress = Callable[[int, int, str], None]  # (done, total, phase): each phase has its own total
READING, RENDERING, HISTORY = "reading articles", "rendering articles", "history pages"
BATCH = 500
# An article page lists at most this many other reports of its story (its first ones);
# the story page lists them all. Unbounded, every member page of a 700-article story listed
# the 699 others: output quadratic in the story's size, and every new member re-rendered all.
STORY_LINKS = 10
# An article the second pass renders: its entry, its story as its page shows it, the builders due, and the first
# pass's (content hash, image_token) when it read the article (_Listed.image_token).
Pending = tuple[Entry, dict[str, StoryView], Due, tuple[str, str] | None]


NO_BASE_URL_FEEDS = ("no base URL: the Atom/RSS feeds link pages relatively, which feed readers cannot follow, and "
                     "404.html links the host's root (/index.html), wrong for a site served under a path; "
                     "give --base-url or set base_url in the [publish] table of the config file")


@dataclass(slots=True)
class BuildReport:
    out_dir: Path
    articles: int = 0
    stories: int = 0
    formats: dict[str, WriteCounts] = field(default_factory=dict)
    images_fetched: int = 0
    images_failed: int = 0
    images_skipped: int = 0  # references to image hosts that stopped answering
    images_refused: int = 0  # image addresses leading to a private network: never asked (fetch.addresses)
    images_mostly_failed: bool = False  # worth suggesting --no-images
    failures: list[str] = field(default_factory=list)  # one an article whose pages failed to render
    articles_due: int = 0  # articles whose pages had to be rendered (the others were unchanged): what failures are of
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    workers: int = 1  # processes that rendered article pages

    @property
    def written(self) -> int:
        return sum(c.written for c in self.formats.values())


def default_comparer(store: Store | None = None) -> Comparer | None:
    """With ``store``: the story's stored comparison (computed when grouping) while it is fresh,
    else computed and stored (``stories.stored.comparison_of``). Without: ``compare_story``
    when that module is installed, else None (no comparison columns)."""
    if store is not None:
        from newsmirror.stories.stored import comparison_of

        def stored(story: Story, reports: list[Article]) -> Comparison | None:
            return comparison_of(store, story.id, reports)

        return stored
    try:
        module = importlib.import_module("newsmirror.stories.compare")
    except ImportError:
        return None
    compare_story = getattr(module, "compare_story", None)
    if compare_story is None:
        return None

    def comparer(story: Story, articles: list[Article]) -> Comparison | None:
        result = compare_story(articles, story_id=story.id)
        return result if isinstance(result, Comparison) else None

    return comparer


def resolve_formats(names: Iterable[str]) -> list[str]:
    chosen: list[str] = []
    for name in names:
        if name == "all":
            return list(FORMATS)
        if name not in FORMATS:
            raise ConfigError(f"unknown output format {name!r}; choose from {', '.join(FORMATS)} or all")
        if name not in chosen:
            chosen.append(name)
    return chosen or list(FORMATS)


def _batches(store: Store, batch: int = BATCH) -> Iterator[list[Article]]:
    """Newest first, in batches, so 100k articles never sit in memory at once."""
    offset = 0
    while True:
        page = list(store.iter_articles(ArticleQuery(limit=batch, offset=offset)))
        yield page
        if len(page) < batch:
            return
        offset += batch


def _articles(store: Store, batch: int = BATCH) -> Iterator[Article]:
    for page in _batches(store, batch):
        yield from page


@dataclass(slots=True)
class _Listed:
    """What the build keeps of every article between its two passes (not the body)."""

    entry: Entry
    content_print: str  # publish.content.fingerprint of the article alone
    signature: str  # id:content mark:title, for the fingerprint of its story
    listing_key: str = ""  # publish.base.entry_key of the entry, when made from the cache's row
    # (content hash, publish.content.image_token) of the article the first pass read, for the second pass's prepare:
    # scanning the body for the token was done twice an article (~14-45 µs each). None: the first pass did not read it.
    image_token: tuple[str, str] | None = None


def _story_views(store: Store, stories: list[Story], report_hashes: dict[str, list[tuple[str, str, str]]] | None,
                 listed: dict[str, _Listed], convert: Callable[[str], str],
                 comparer: Comparer | None) -> dict[str, StoryView]:
    # story id -> ids of its own reports (copies left out: compared, they would make every one of their sentences look
    # confirmed; on the page they are listed apart); None when the backend cannot tell (then every member counts).
    own = {story_id: [key[0] for key in keys] for story_id, keys in report_hashes.items()} \
        if report_hashes is not None else None
    views: dict[str, StoryView] = {}
    # Each day's articles per outlet, once from the listed entries: a story's page names the outlets with articles on
    # its days and none in it (publish.absent), with no query a story.
    day_counts = DayCounts((item.entry.outlet, item.entry.published) for item in listed.values())
    # Each stored comparison's mark: a page is made again when the comparison it shows was replaced, also under the
    # same reports (a received store; safety76), not only when its reports change.
    marks: dict[str, str] | None = None  # None: the store keeps no comparisons
    if comparer is not None:
        with contextlib.suppress(NotImplementedError):
            marks = store.story_comparison_marks()
    for story in stories:
        members = [listed[i].entry for i in story.article_ids if i in listed]
        if not members:
            continue
        for member in members:
            # A report stored without a script ("und"), its entry from the listing cache's row (no text): marked on
            # the story page by its title and text, as make_entry marks it and the reader does (report_script). Only
            # "und" needs its text: a stored zh-Hans, zh-Hant or en is the mark as it stands, and a build into one
            # script (lang the output script, never "und") marks nothing, so no report is read again for it.
            if not member.text_lang and member.lang == "und":
                stored = store.get_article(member.id)
                member.text_lang = report_script(stored.script, stored.title, stored.body_text) if stored else member.lang
        signature = "|".join(listed[m.id].signature for m in members)
        days = story_days(m.published for m in members)
        absent = absent_outlets((m.outlet for m in members), days, day_counts.between(*days)) if days else None
        run_compare: Callable[[], Comparison | None] | None = None
        rests = Rests()
        reports = own.get(story.id, []) if own is not None else story.article_ids
        # Its republished copies, listed apart on its page (StoryView.copies): the members that are no own report.
        mine = set(own.get(story.id, [])) if own is not None else set()
        copies = frozenset(m.id for m in members if m.id not in mine) if mine else frozenset[str]()
        # The page changes when another outlet's article on the story's days comes or goes: the absent list is in it.
        inputs = (f"{RENDER_VERSION}|{STORY_PAGE_VERSION}|{ALIGNMENT_VERSION}|{story.title}|{signature}|{comparer is not None}"
                  f"|{absent}|{sorted(copies)}")
        # One outlet has nothing to compare with: no comparison (and no cost) for its stories.
        if comparer is not None and len({listed[i].entry.outlet for i in reports if i in listed}) > 1:
            def run_compare(story: Story = story, reports: list[str] = reports, rests: Rests = rests,
                            inputs: str = inputs) -> Comparison | None:
                loaded = [a for a in (store.get_article(i) for i in reports) if a is not None]
                comparison = comparer(story, loaded)
                # Display only: the rest of a quotation a unit leaves open, read while the reports are loaded.
                rests.fill(quotation_rests(comparison, {a.id: a.body_text for a in loaded}))
                if marks is not None:
                    # The page is recorded under the mark of the comparison it shows, which the comparer may have
                    # computed and stored just now (none stored, or a stale one): under the mark read before, the
                    # next build made the page again for nothing (review60).
                    views[story.id].fingerprint = _story_fingerprint(
                        inputs, store.story_comparison_marks([story.id]).get(story.id, ""))
                return comparison
        views[story.id] = StoryView(
            id=story.id, title=convert(story.title) or members[0].title, members=members,
            fingerprint=_story_fingerprint(inputs, (marks or {}).get(story.id, "")),
            comparer=run_compare, rests=rests, absent=absent, copies=copies,
        )
    return views


def _story_fingerprint(inputs: str, mark: str) -> str:
    """A story page's fingerprint: what it is made from (``inputs``) and its stored comparison's ``mark``."""
    return hashlib.sha1(f"{inputs}|{mark}".encode()).hexdigest()


MARKS_CACHE = "history-marks.json"  # article id -> [what its versions were, how many a reader can tell apart]


def _history_marks(store: Store, cache: Path) -> dict[str, HistoryMark]:
    """``store.changes.history_marks``, with the count of visible versions remembered per article:
    deciding it diffs every pair of versions, which was a twelfth of an incremental build."""
    try:
        known = json.loads(cache.read_text(encoding="utf-8"))
        known = known if isinstance(known, dict) else {}
    except (OSError, ValueError):
        known = {}
    remembered: dict[str, list[Any]] = {}

    def count_visible(article_id: str, versions: Sequence[Version], events: Sequence[ArticleEvent]) -> int:
        edited = sorted(e.version for e in events if e.kind is EventKind.EDITED and e.version is not None)
        signature = hashlib.sha1(repr(([(v.number, v.content_hash, v.title, v.body_text, v.published_at) for v in versions],
                                       edited)).encode("utf-8")).hexdigest()
        before = known.get(article_id)
        if isinstance(before, list) and len(before) == 2 and before[0] == signature and isinstance(before[1], int):
            visible = before[1]
        else:
            visible = len(visible_versions(versions, events))
        remembered[article_id] = [signature, visible]
        return visible

    marks = history_marks(store, count_visible)
    if remembered != known:
        cache.parent.mkdir(parents=True, exist_ok=True)
        temporary = cache.with_suffix(".tmp")
        temporary.write_text(json.dumps(remembered), encoding="utf-8")
        os.replace(temporary, cache)
    return marks


HISTORY_CACHE = "history.json"  # what each history page was made from (jobs.change_pages)


def _entry_row(item: _Listed, mark: str) -> Row:
    e = item.entry
    return [mark, e.title, e.outlet, e.channel, e.published.isoformat() if e.published else None,
            e.original_url, e.summary, e.lang, item.content_print, item.signature]


def _entry_from_row(article_id: str, values: Row, story_id: str | None) -> _Listed:
    _hash, title, outlet, channel, published, url, summary, lang, content_print, signature = values[:10]
    entry = Entry(id=article_id, title=title, outlet=outlet, channel=channel,
                  published=datetime.fromisoformat(published) if published else None, original_url=url,
                  summary=summary, story_id=story_id, lang=lang)
    # entry_key from the row's own strings (the row holds published as isoformat() gave it).
    key = "\x1f".join((article_id, title, outlet, channel, published or "", url, summary, story_id or "", lang))
    return _Listed(entry, content_print, signature, key)


def _list_articles(store: Store, convert: Callable[[str], str], script: str, story_of: dict[str, str],
                   progress: Callable[[int], None], cache_folder: Path, options_key: str) -> dict[str, _Listed]:
    """Pass 1: every article's entry and content fingerprint, newest first. An article whose
    content mark is the one cached by the last build (with the same options) is not read:
    upserts change a stored article only together with its content hash, and a refresh in place
    (``import --reread``) changes the mark too (``Store.article_hashes``)."""
    cache = ListingCache(cache_folder, options_key)
    known = cache.rows
    listed: dict[str, _Listed] = {}
    hashes = store.article_hashes()
    marks = dict(hashes)
    stale = [article_id for article_id, mark in hashes if article_id not in known or known[article_id][0] != mark]
    fresh: dict[str, _Listed] = {}
    for start in range(0, len(stale), BATCH):
        for article_id in stale[start : start + BATCH]:
            article = store.get_article(article_id)
            if article is None:
                continue
            entry = make_entry(article, convert, script, story_of.get(article.id))
            token = image_token(article)
            # The mark, not the hash alone: a story's page lists its members' dates, which a refresh may change.
            fresh[article_id] = _Listed(entry, fingerprint(article, token=token),
                                        f"{article.id}:{marks.get(article_id, article.content_hash)}:{article.title}",
                                        image_token=(article.content_hash, token))
            progress(len(fresh))
    saved: dict[str, Row] = {}
    for article_id, mark in hashes:
        item = fresh.get(article_id)
        if item is None:
            row = known.get(article_id)
            if row is None:
                continue
            item = _entry_from_row(article_id, row, story_of.get(article_id))
            saved[article_id] = row
        else:
            saved[article_id] = _entry_row(item, mark)
        listed[article_id] = item
    progress(len(hashes))
    cache.save(saved, list(fresh))
    return listed


P = ParamSpec("P")
T = TypeVar("T")


def _fewer_collections(function: Callable[P, T]) -> Callable[P, T]:
    """``function`` run with the cyclic garbage collector's first threshold raised. A build holds
    ~1M long-lived objects (entries, manifests, caches) and every full collection walks them all:
    eight or nine per incremental build of the whole real archive, ~0.6 s of ~8. Cycles are still
    collected, less often; the threshold is restored after."""
    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        before = gc.get_threshold()
        gc.set_threshold(max(before[0], 50_000), *before[1:])
        try:
            return function(*args, **kwargs)
        finally:
            gc.set_threshold(*before)

    return wrapper


@_fewer_collections
def build(
    store: Store,
    out_dir: Path,
    formats: Iterable[str] = ("all",),
    options: BuildOptions | None = None,
    images: bool = True,
    fetch: Fetch | None = None,
    comparer: Comparer | None = None,
    progress: Progress | None = None,
    jobs: int | None = None,
    private_hosts: Iterable[str] = (),
) -> BuildReport:
    """Render every chosen format into ``out_dir/<format>/``, rewriting only what changed.

    ``jobs``: processes rendering article pages (default: one per available core; 1 renders in
    this process). The output is the same whatever the number. ``private_hosts``: the config's ``[fetch]
    private_hosts``, the hosts on a private network images may come from besides the sources' own (fetch.addresses);
    ``fetch`` given: it decides."""
    started = time.perf_counter()
    jobs = default_jobs() if jobs is None else jobs
    if jobs < 1:
        raise ConfigError(f"--jobs must be 1 or more, not {jobs}")
    if out_dir.exists() and not out_dir.is_dir():  # said "Not a directory: FILE/.cache" once the build had begun
        raise ConfigError(f"the output folder {out_dir} is a file: give --out a folder (it is made if missing)")
    options = options or BuildOptions()
    if options.script not in OUTPUT_SCRIPTS:
        raise ConfigError(f"unknown output script {options.script!r}; choose one of {', '.join(OUTPUT_SCRIPTS)}")
    # What every door checks (--base-url, the config, a site's manifest), for a caller that made its own options.
    served_url(options.base_url, "the base URL")
    site_name(options.site_title, "the site title")
    convert = script_converter(options.script)
    chosen = resolve_formats(formats)
    if images and fetch is None:
        # An image address is an article's word: only public hosts, but the ones the operator named.
        allowed = source_hosts(source.url for source in store.list_sources()) | allowance(private_hosts)
        fetch = httpx_fetcher(allowed=allowed)
    mirror = ImageMirror(out_dir / ".cache" / "images", fetch) if images else None
    options_key = "|".join([RENDER_VERSION, options.script, options.base_url, str(images), options.site_title])
    newest_article = next(iter(store.iter_articles(ArticleQuery(limit=1))), None)
    classes: dict[str, type[FormatBuilder]] = {
        "pagemirror": PageMirrorBuilder, "jekyll": JekyllBuilder, "site": SiteBuilder,
    }
    builders: list[FormatBuilder] = []
    for name in chosen:
        extra: dict[str, Any] = {"newest": newest_article.published_at if newest_article else None} \
            if name == "jekyll" else {}
        if name == "site":  # --- recheck: which article pages link a history page
            extra = {"history": _history_marks(store, out_dir / ".cache" / MARKS_CACHE)}
        builders.append(classes[name](out_dir / name, options, convert, mirror, options_key, **extra))
        builders[-1].jobs = jobs if can_fork() else 1

    report = BuildReport(out_dir=out_dir)
    if not options.base_url and "site" in chosen:
        report.warnings.append(NO_BASE_URL_FEEDS)
    # Two passes: the first reads every article once for what listings, story pages and
    # fingerprints need; the second loads only the articles whose pages must be rendered
    # again, so an incremental build does not decode the whole store twice.
    stored_stories, report_hashes = store.stories_and_reports(min_outlets=1)
    story_of = {i: story.id for story in stored_stories for i in story.article_ids}
    total = store.count_articles()
    _progress(progress, 0, total, READING)
    listed = _list_articles(store, convert, options.script, story_of,
                            lambda done: _progress(progress, done, total, READING),
                            out_dir / ".cache", options_key)
    stories = _story_views(store, stored_stories, report_hashes, listed, convert, comparer)
    entries = [item.entry for item in listed.values()]
    total = len(entries)
    _progress(progress, 0, total, RENDERING)
    # Workers start with the first full batch: an incremental build of a few articles forks none.
    pool = RenderPool(builders, convert, mirror, jobs, report.failures,
                      lambda done: _progress(progress, done, total, RENDERING)) if jobs > 1 and can_fork() else None
    try:
        _render_all(store, entries, listed, stories, builders, pool, convert, mirror, report, progress)
        if pool is not None:
            pool.finish()
    finally:
        if pool is not None:
            pool.close()
    report.workers = jobs if pool is not None and pool.used else 1
    _progress(progress, total, total, RENDERING)

    ordered = sorted(stories.values(), key=lambda s: (s.newest is not None, s.newest), reverse=True)
    report.stories = len(ordered)
    entry_keys = {entry.id: listed[entry.id].listing_key or entry_key(entry) for entry in entries}
    for builder in builders:
        builder.entry_keys = entry_keys
        phase = f"story pages and listings ({builder.name})"
        builder.finish_progress = lambda done, total, phase=phase: _progress(progress, done, total, phase)
        builder.finish(entries, ordered)
        report.formats[builder.name] = builder.writer.counts
    if "site" in chosen:  # --- recheck: history pages with diffs, change indexes and feeds
        from contextlib import suppress

        from newsmirror.jobs.change_pages import write_change_pages

        _progress(progress, 0, 1, HISTORY)
        with suppress(NotImplementedError):  # a store backend without edit tracking: no change pages
            write_change_pages(store, out_dir / "site", base_url=options.base_url, site_title=options.site_title,
                               script=options.script, cache=out_dir / ".cache" / HISTORY_CACHE)
        _progress(progress, 1, 1, HISTORY)
    if mirror is not None:
        mirror.save()
        report.images_fetched, report.images_failed = mirror.fetched, mirror.failed
        report.images_skipped, report.images_mostly_failed = mirror.skipped, mirror.mostly_failing
        report.images_refused = len(mirror.refused)
        if mirror.refused:
            # Said with its remedy, as `fetch` and `recheck` name a refused address: counted among the failures it read
            # "unavailable", then "host not answering" and "no network?", none of them the cause.
            report.warnings.append(f"{len(mirror.refused)} image(s) not downloaded (dropped, captions kept): "
                                   f"{next(iter(mirror.refused.values()))}")
    report.seconds = time.perf_counter() - started
    return report


def _render_all(store: Store, entries: list[Entry], listed: dict[str, _Listed], stories: dict[str, StoryView],
                builders: list[FormatBuilder], pool: RenderPool | None, convert: Callable[[str], str], mirror: ImageMirror | None,
                report: BuildReport, progress: Progress | None) -> None:
    """Pass 2: every article whose pages changed is rendered, in batches (in ``pool`` when given)."""
    total = len(entries)
    pending: list[Pending] = []
    for entry in entries:
        nearby = _nearby(stories, entry.story_id, entry.id)
        due: Due = []
        for builder in builders:
            prints = _page_print(listed[entry.id].content_print, builder.extra_fingerprint(entry, nearby))
            if builder.writer.input_unchanged(builder.article_key(entry), prints):
                builder.skipped(entry)
            else:
                due.append((builder, prints))
        report.articles += 1
        if due:
            report.articles_due += 1
            pending.append((entry, nearby, due, listed[entry.id].image_token))
        elif pool is None or not pool.started:
            _progress(progress, report.articles, total, RENDERING)
        if len(pending) >= BATCH:
            _render_batch(store, pending, convert, mirror, report, pool, progress, total)
            pending.clear()
    _render_batch(store, pending, convert, mirror, report, pool, progress, total, last=True)


def _progress(progress: Progress | None, done: int, total: int, phase: str) -> None:
    if progress is not None:
        progress(done, total, phase)


def _page_print(content_print: str, extra: str) -> str:
    """What a page of an article depends on: the article's content and the builder's extra."""
    return hashlib.sha1(f"{content_print}|{extra}".encode()).hexdigest() if extra else content_print


def _render_batch(store: Store, pending: list[Pending], convert: Callable[[str], str],
                  mirror: ImageMirror | None, report: BuildReport, pool: RenderPool | None = None,
                  progress: Progress | None = None, total: int = 0, last: bool = False) -> None:
    """Load the articles of a batch that need rendering, fetch their images at once, render
    (in the pool when it is running, or when the batch is a full one)."""
    loaded: list[Loaded] = []
    for entry, nearby, due, known in pending:
        article = store.get_article(entry.id)
        # The first pass's token only for the version it was computed from: a fetch may store another between passes.
        token = known[1] if known and article is not None and article.content_hash == known[0] else None
        loaded.append((article, entry, nearby, due, token))
    if mirror is not None:
        mirror.prefetch(url for article, *_ in loaded if article is not None for url in image_urls(article))
    if pool is not None and (pool.started or (len(loaded) >= BATCH and not last)):
        pool.submit(loaded, report.articles)
        return
    for article, entry, nearby, due, token in loaded:
        if article is None:
            continue
        try:
            prepared = prepare(article, entry, convert, mirror, token)
            for builder, prints in due:
                paths = builder.render_article(prepared, nearby)
                builder.writer.record_input(builder.article_key(entry), prints, paths)
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop the build; it is reported
            report.failures.append(f"{article.id} ({article.original_url or article.title}): {exc}")
    if loaded:
        _progress(progress, report.articles, total, RENDERING)


def _nearby(stories: dict[str, StoryView], story_id: str | None, article_id: str,
            limit: int = STORY_LINKS) -> dict[str, StoryView]:
    """The article's story as its page shows it: the article and the story's first ``limit``
    other reports (the story page, linked from there, lists them all). The first reports, not
    the nearest: a report added later changes no page of a story that already has ``limit``."""
    story = stories.get(story_id or "")
    if story is None:
        return {}
    if len(story.members) <= limit + 1:
        return {story.id: story}
    # The first ``limit`` others and the article itself, in the story's order, in one pass (a
    # sort by list.index compared whole entries field by field, for every member of a big story).
    members: list[Entry] = []
    others = 0
    own_seen = False
    for member in story.members:
        if member.id == article_id:
            members.append(member)
            own_seen = True
        elif others < limit:
            members.append(member)
            others += 1
        if own_seen and others >= limit:
            break
    return {story.id: StoryView(id=story.id, title=story.title, members=members, fingerprint=story.fingerprint)}


# -- configuration and publishing -----------------------------------------------------------
@dataclass(slots=True)
class PublishSettings:
    base_url: str = ""
    site_title: str = "新闻镜像"
    script: str = "original"
    branch: str = "main"
    remotes: dict[str, str] = field(default_factory=dict)


def load_publish_settings(path: str | Path | None = None) -> PublishSettings:
    """The ``[publish]`` table of the config file (``config.config_file_text``'s); defaults when there is none."""
    found = config_file_text(path)
    if found is None:
        return PublishSettings()
    chosen, text = found
    table = config_tables(text, str(chosen)).get("publish", {})
    if not isinstance(table, dict):
        raise ConfigError(f"{chosen}: [publish] must be a table")
    settings = PublishSettings()
    for key, value in table.items():
        if key == "remotes":
            if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
                raise ConfigError(f"{chosen}: [publish.remotes] maps a name to a git URL")
            settings.remotes = dict(value)
        elif key in ("base_url", "site_title", "script", "branch"):
            if not isinstance(value, str):
                raise ConfigError(f"{chosen}: [publish] {key} must be a string")
            if key == "base_url":
                served_url(value, f"{chosen}: [publish] base_url")
            elif key == "site_title":
                site_name(value, f"{chosen}: [publish] site_title")
            setattr(settings, key, value)
        else:
            raise ConfigError(f"{chosen}: unknown [publish] setting {key!r}; known: base_url, site_title, "
                              "script, branch, remotes")
    return settings


def parse_remotes(values: Iterable[str]) -> dict[str, str]:
    """``name=url`` (or a bare URL, named remote1, remote2, ...)."""
    remotes: dict[str, str] = {}
    for n, value in enumerate(values, 1):
        name, sep, url = value.partition("=")
        if not sep or "/" in name or ":" in name:
            name, url = f"remote{n}", value
        if not url.strip():
            raise ConfigError(f"--remote {value!r}: give NAME=URL or a URL")
        remotes[name.strip()] = url.strip()
    return remotes


def publish(out_dir: Path, formats: Iterable[str], remotes: dict[str, str], message: str,
            branch: str = "main", split_by_month: bool = False, say: Say = silent) -> list[PublishReport]:
    """Commit each built format and push it to every remote (``{format}`` in a URL is replaced). ``say``: told each
    step as it starts ("site: committing", "site: pushing to NAME")."""
    if not remotes:
        raise ConfigError("no remotes: give --remote NAME=URL or set [publish.remotes] in the config file")
    reports: list[PublishReport] = []
    chosen = resolve_formats(formats)
    for name in chosen:
        folder = out_dir / name
        if not folder.is_dir():
            if len(chosen) == len(FORMATS):
                continue  # `all` publishes whatever was built
            raise NewsmirrorError(f"{folder} does not exist; run `newsmirror build --format {name}` first")
        named = {r: url.replace("{format}", name) for r, url in remotes.items()}
        if len(chosen) > 1 and all("{format}" not in url for url in remotes.values()):
            raise ConfigError("several formats go to different repositories: put {format} in each remote URL, "
                              "e.g. git@host:me/news-{format}.git, or choose one with --format")
        def told(step: str, name: str = name) -> None:
            say(f"{name}: {step}")

        if split_by_month:
            parts = publish_split(folder, out_dir / ".publish" / name, named, message, branch, say=told)
            for report in parts:
                report.part = f"{name}/{report.part}"
            reports += parts
        else:
            report = publish_folder(folder, named, message, branch, say=told)
            report.part = name
            reports.append(report)
    if not reports:
        raise NewsmirrorError(f"nothing to publish in {out_dir}; run `newsmirror build` first")
    return reports
