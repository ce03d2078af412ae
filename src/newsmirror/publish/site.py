"""The static HTML site (Jinja2): mobile first, readable without JavaScript.

Layout: ``index.html``; ``a/<YYYY-MM>/<id>.html`` articles; ``img/`` mirrored images;
``outlet/<name>/`` and ``channel/<outlet-channel>/`` listings with month archives and
Atom/RSS feeds; ``story/<id>/`` stories with members side by side, their comparison and
feeds; ``sitemap.xml``; ``style.css``; ``favicon.ico``, linked by every page; ``404.html``, which a static
host shows for an address with no page.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC
from importlib import resources
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

import jinja2
from markupsafe import Markup

from newsmirror.model import Article
from newsmirror.publish.base import FormatBuilder
from newsmirror.publish.content import (
    Entry,
    Prepared,
    StoryView,
    comparison_in_script,
    grid_parts,
    lazy_images,
    readable_url,
    story_summary,
    with_image_prefix,
)
from newsmirror.publish.feeds import FEED_WORDS, FeedItem, build_feeds, feed_title
from newsmirror.publish.front import SIZES_READ, front_stories, reported_span
from newsmirror.publish.labels import STORY_LABELS
from newsmirror.publish.manifest import STORY_KEY_PREFIX
from newsmirror.publish.parallel import RecordingWriter, Write, can_fork, fork_map
from newsmirror.publish.paths import relative_prefix, slug, unique_slug
from newsmirror.store.base import StorySize
from newsmirror.store.changes import HistoryMark
from newsmirror.text import times

LABELS = {
    "footer": "本站为新闻的只读存档，不含跟踪代码与外部资源。", "stories": "多家媒体报道", "latest": "最新",
    "outlets": "媒体", "channels": "栏目", "archive": "按月存档", "original": "原文地址（需翻墙访问）",
    "same_story": "同一事件的其他报道",
    # A story page's section headings and words, the reader's too (publish.labels; polish68). A summary's line, after
    # the outlet whose sentence it is, names the others that report the fact ("also"; polish74).
    **STORY_LABELS,
    "zone": times.ZONE_NOTE, "changes": "修改与删除", "nav": "导航",
    "biggest": "近两天报道最多", "newest": "最新报道",
    # Written in the templates until session 53, where a zh-Hant build left them in Simplified (polish72).
    "history": "修改与删除记录", "taken_down": "原网页已被删除。", "versions": "（{count} 个版本）",
    # 404.html; the reader's 404 page takes its title from here (web.app.ERROR_TITLES), its hint names a search box.
    "not_found": "找不到这个页面", "not_found_hint": "这个地址没有页面：链接可能有误，或者文章已不在本站。可以回首页找。",
    "home": "回首页",
    # A big story's reports, outlet by outlet, each closed (REPORTS_OPEN; reader81).
    "reports_closed": "{count}篇报道，来自{outlets}家媒体，按媒体收起：点击媒体名展开。", "outlet_reports": "{count}篇",
}
# Bump when a listing's index or feeds change while its entries do not, so that every listing is rendered again.
LISTING_VERSION = "3"  # 2: feed titles and subtitles in one form (publish.feeds.FEED_WORDS); 3: an original-script
# site's entries say their script (lang; reader80)
FRONT_STORIES = 30  # stories on the home page: the biggest recent ones, then the newest (publish.front)
SITEMAP_LIMIT = 50_000  # URLs per sitemap file, as sitemaps.org allows
PARALLEL_STORIES = 200  # story pages to render before workers are worth forking
# A story page lists up to this many reports (title, time, summary) open; a bigger story's reports are closed outlet by
# outlet (one click each, no script), so that its page opens with the summary and ends soon after, as the reader's
# does (REPORTS_OPEN_CHARS). 川普確診's 117 summaries made the page 38,352 px tall at 390 px (reader80), some 330 px a
# report. Of session 52's 5,907 stories of 2+ outlets the median has 2 reports, the 95th percentile 13 (reader81).
REPORTS_OPEN = 12


MARKED = ("zh-Hans", "zh-Hant")  # the scripts an original-script page marks its texts by (lang)


def lang_mark(code: str) -> Markup:
    return Markup(' lang="{}"').format(code) if code in MARKED else Markup("")


def no_mark(code: str) -> Markup:
    return Markup("")


@dataclass(slots=True)
class _Group:
    name: str
    path: str  # folder, ending with "/"
    entries: list[Entry]

    @property
    def count(self) -> int:
        return len(self.entries)


def _pair_hash(outlet: str, channel: str) -> str:
    return hashlib.sha1(f"{outlet}\n{channel}".encode()).hexdigest()[:8]


def _environment() -> jinja2.Environment:
    loader = jinja2.FileSystemLoader(str(resources.files("newsmirror.publish") / "templates"))
    env = jinja2.Environment(loader=loader, autoescape=True, trim_blocks=False, keep_trailing_newline=True)
    env.filters.update(times.FILTERS)  # the reader's zone and format: one day for one article everywhere
    env.filters["readable_url"] = readable_url  # an original address's words, not its escapes (the link keeps them)
    env.globals["reported"] = reported_span  # when a story was reported, in the reader's words (publish.front)
    env.globals["reports_open"] = REPORTS_OPEN
    env.globals["grid_parts"] = grid_parts  # a story's comparison's parts and counts, as the reader's page shows them
    return env


class SiteBuilder(FormatBuilder):
    name = "site"

    def __init__(self, *args: Any, history: dict[str, HistoryMark] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # --- recheck: articles with edits or takedowns link their history page (history/<id>.html)
        self.history = history or {}
        self.env = _environment()
        self.labels = {key: self.label(value) for key, value in LABELS.items()}
        self.lang = "zh" if self.options.script == "original" else self.options.script
        # A site in the original scripts (lang="zh") marks each report, title and sentence by the script it is
        # written in (the entry's lang): the style sheet then draws a Traditional one in TC glyphs (reader80). A
        # converted site is all in its script, said by the page's lang: nothing is marked. A global: macros see it.
        self.env.globals["mark"] = lang_mark if self.lang == "zh" else no_mark

    @staticmethod
    def page_path(entry: Entry) -> str:
        return f"a/{entry.month}/{entry.id}.html"

    @staticmethod
    def outlet_folder(name: str) -> str:
        return f"outlet/{unique_slug(name)}/"

    @staticmethod
    def channel_folder(entry: Entry) -> str:
        name = f"{entry.outlet}-{entry.channel}"
        if "-" in entry.outlet or "-" in entry.channel:
            # "a-b"+"c" and "a"+"b-c" read alike: the exact pair decides.
            return f"channel/{slug(name)}-{_pair_hash(entry.outlet, entry.channel)}/"
        return f"channel/{unique_slug(name)}/"

    def is_page(self, path: str) -> bool:
        return path.startswith("a/") and path.endswith(".html")

    def extra_fingerprint(self, entry: Entry, stories: dict[str, StoryView]) -> str:
        mark = self.history.get(entry.id)
        changes = mark.signature if mark else ""  # an edit or takedown re-renders the page
        story = stories.get(entry.story_id or "")
        if story is None:
            return changes
        # The article page lists the story's other members: re-render when they change.
        return hashlib.sha1("|".join(f"{m.id}:{m.title}" for m in story.members).encode("utf-8")).hexdigest() + changes

    def absolute(self, path: str) -> str:
        return self.share_url(path) or path

    def render(self, template: str, path: str, **context: Any) -> str:
        return self.env.get_template(template).render(
            root=relative_prefix(path), site_title=self.site_title, labels=self.labels,
            lang=context.pop("lang", self.lang), **context,
        )

    def page_for(self, entry: Entry, article: Article) -> str:
        return self.page_path(entry)

    def render_article(self, prepared: Prepared, stories: dict[str, StoryView], path: str | None = None) -> list[str]:
        entry = prepared.entry
        path = path or self.page_path(entry)
        written = self.write_images(prepared.image_names, "img/", entry.month)
        story = stories.get(entry.story_id or "")
        paths = {m.id: self.page_path(m) for m in story.members} if story else {}
        page = self.render(
            "article.html", path, title=entry.title, e=entry, authors=prepared.authors,
            body=lazy_images(with_image_prefix(prepared.html, relative_prefix(path) + "img/", prepared.image_token)),
            outlet_path=self.outlet_folder(entry.outlet) + "index.html",
            channel_path=self.channel_folder(entry) + "index.html" if entry.channel != entry.outlet else "",
            story=story if story and len(story.members) > 1 else None, paths=paths,
            history=self.history.get(entry.id), history_path=f"history/{entry.id}.html",
            lang=entry.lang if entry.lang not in ("und", "original") else self.lang,
        )
        self.writer.write(path, page, month=entry.month)
        self.paths[entry.id] = path
        return [*written, path]

    # -- listings ------------------------------------------------------------------
    def finish(self, entries: list[Entry], stories: list[StoryView]) -> None:
        listed = [e for e in entries if e.id in self.paths]
        outlets: dict[str, list[Entry]] = defaultdict(list)
        channels: dict[str, list[Entry]] = defaultdict(list)
        channel_names: dict[str, str] = {}
        for entry in listed:
            outlets[entry.outlet].append(entry)
            if entry.channel != entry.outlet:
                folder = self.channel_folder(entry)
                channels[folder].append(entry)
                channel_names[folder] = f"{entry.outlet} · {entry.channel}"
        outlet_groups = [_Group(name, self.outlet_folder(name), items) for name, items in sorted(outlets.items())]
        channel_groups = [_Group(channel_names[f], f, items) for f, items in sorted(channels.items())]
        shown = [s for s in stories if any(m.id in self.paths for m in s.members)]
        tick = self.finish_counter(len(outlet_groups) + len(channel_groups) + len(shown))
        for group in outlet_groups + channel_groups:
            self._listing(group)
            tick()
        self._stories(shown, tick)
        # Counted as a story's page shows it: its own reports and their outlets, a republished copy apart (polish68: the
        # front page named 中央社 beside 法广 for a story whose page lists 中央社's copy under 转载).
        multi = [s for s in shown if len(s.report_outlets) > 1]
        # The biggest recent stories first, then the newest, as the reader's front page (publish.front).
        front = front_stories([StorySize(id=s.id, outlets=len(s.report_outlets), reports=len(s.reports), newest=s.newest)
                               for s in multi[:SIZES_READ]], total=FRONT_STORIES)
        by_id = {s.id: s for s in multi}
        # A site-wide feed at the root: the one address a reader subscribes to first.
        self._feeds("", self.label(FEED_WORDS["latest"]), self.label(FEED_WORDS["latest_about"]),
                    listed[: self.options.feed_entries])
        self.writer.write("index.html", self.render(
            "index.html", "index.html", title=self.site_title, top_stories=[by_id[i] for i in front.biggest],
            stories=[by_id[i] for i in front.newest],
            latest=listed[: self.options.latest_count], paths=self.paths,
            outlets=[_Group(g.name, g.path + "index.html", g.entries) for g in outlet_groups],
            channels=[_Group(g.name, g.path + "index.html", g.entries) for g in channel_groups],
        ))
        shipped = resources.files("newsmirror.publish") / "templates"
        self.writer.write("style.css", (shipped / "style.css").read_bytes())
        # Every page links this icon (base.html): without it a browser asks the host's /favicon.ico, a 404 on
        # most mirror hosts and one outside the site when it is served under a path.
        self.writer.write("favicon.ico", (shipped / "favicon.ico").read_bytes())
        # A host answers an address with no page with its own page, in English, without a viewport line (drawn
        # 980 px wide on a phone) and with no way back; most static hosts show the root's 404.html instead
        # (reader79). It is served at the missing address, whatever its depth, so its links lead from the host's
        # root to the site's folder (the base URL's path; "/" without one): never to the base URL's host, which a
        # copy of the site served elsewhere, or read from disk, would then ask for its style sheet.
        root = urlsplit(self.options.base_url).path.rstrip("/") + "/"
        self.writer.write("404.html", self.env.get_template("404.html").render(
            root=root, site_title=self.site_title, labels=self.labels, lang=self.lang, title=self.labels["not_found"]))
        self._sitemap(listed, outlet_groups + channel_groups, shown)
        self.writer.finish()

    def _listing(self, group: _Group) -> None:
        # A channel or outlet whose entries did not change is not rendered again, its index,
        # feeds nor month pages (rendering them was a tenth of an incremental build).
        key = f"listing:{group.path}"
        index = group.path + "index.html"
        group_print = self.listing_print(f"{group.name}\x1e{LISTING_VERSION}", group.entries)
        if self.writer.input_unchanged(key, group_print, counted=False) and all(
                self.writer.keep_input(f"listing:{path}")
                for path in self.writer.recorded_paths(key) if path not in self._group_files(group)):
            return
        by_month: dict[str, list[Entry]] = defaultdict(list)
        for entry in group.entries:
            by_month[entry.month].append(entry)
        months = sorted(by_month, reverse=True)
        self.writer.write(index, self.render(
            "listing.html", index, title=group.name, heading=group.name, feeds=True,
            items=group.entries[: self.options.index_cap], paths=self.paths, months=months,
        ))
        month_paths = []
        for month in months:
            path = f"{group.path}{month}.html"
            month_paths.append(path)
            # A month page is rendered again only when its entries changed: most months of a
            # big archive do not, and rendering all of them was a tenth of an incremental build.
            month_key = f"listing:{path}"
            listing_print = self.listing_print(f"{group.name}\x1e{month}", by_month[month])
            if self.writer.input_unchanged(month_key, listing_print, counted=False):
                continue
            self.writer.write(path, self.render(
                "listing.html", path, title=f"{group.name} · {month}", heading=group.name, feeds=False,
                items=by_month[month], paths=self.paths, months=[],
            ), month=month)
            self.writer.record_input(month_key, listing_print, [path], counted=False)
        self._feeds(group.path, group.name, self.label(FEED_WORDS["listing_about"]).format(name=group.name),
                    group.entries[: self.options.feed_entries])
        self.writer.record_input(key, group_print, [*self._group_files(group), *month_paths], counted=False)

    @staticmethod
    def _group_files(group: _Group) -> tuple[str, str, str]:
        """A listing's own files (the rest of its record: its month pages)."""
        return group.path + "index.html", group.path + "atom.xml", group.path + "rss.xml"

    def _feeds(self, folder: str, title: str, description: str, entries: list[Entry]) -> None:
        items = [
            FeedItem(id=self.absolute(self.paths[e.id]), title=e.title, link=self.absolute(self.paths[e.id]),
                     published=e.published, author=e.outlet, summary=e.summary)
            for e in entries if e.id in self.paths
        ]
        atom, rss = build_feeds(
            feed_id=self.absolute(folder or "index.html"), title=feed_title(self.site_title, title),
            link=self.absolute(folder + "index.html"), self_link_atom=self.absolute(folder + "atom.xml"),
            self_link_rss=self.absolute(folder + "rss.xml"), items=items, language=self.lang, description=description,
        )
        self.writer.write(folder + "atom.xml", atom)
        self.writer.write(folder + "rss.xml", rss)

    def _stories(self, shown: list[StoryView], tick: Callable[[], None]) -> None:
        """Every story page whose inputs changed; in ``jobs`` processes when there are many."""
        due: list[StoryView] = []
        for story in shown:
            if story.fingerprint and self.writer.input_unchanged(f"{STORY_KEY_PREFIX}{story.id}", story.fingerprint):
                tick()  # the comparison, the costly part, is not computed again
            else:
                due.append(story)
        if self.jobs > 1 and len(due) >= PARALLEL_STORIES and can_fork():
            # The comparison is read from the store here (a worker never uses the store); the
            # workers render, this process writes, in order.
            # Every field but the comparer (a closure: not sent to a worker), so that no field is left behind (the
            # copies were, until reader68 named them here).
            plain = (replace(s, comparison=s.compare(), comparer=None) for s in due)
            for story, writes in zip(due, fork_map(self._story_writes, plain, self.jobs), strict=True):
                for write in writes:
                    self.writer.record_write(*write)
                self._record_story(story)
                tick()
            return
        for story in due:
            self._story(story)
            self._record_story(story)
            tick()

    def _story_writes(self, story: StoryView) -> list[Write]:
        """In a worker: write the files of a story page; what was written, for the parent's manifest."""
        if not isinstance(self.writer, RecordingWriter):
            self.writer = RecordingWriter(self.writer)
        self._story(story)
        return self.writer.take()

    def _story(self, story: StoryView) -> None:
        folder = f"story/{story.id}/"
        # Each outlet's script, for its sentences in the summary and the grid (the comparison names outlets as stored;
        # an original site's entries keep the names unconverted). An outlet with reports in both scripts: its last. A
        # report stored "und" by its title and text (Entry.text_lang), as the reader marks it.
        langs = {m.outlet: m.marked_lang for m in story.members}
        path = folder + "index.html"
        comparison = story.compare()
        rests = story.rests
        if comparison is not None and self.options.script != "original":
            comparison = comparison_in_script(comparison, self.convert)
            rests = rests.converted(self.convert)
        self.writer.write(path, self.render(
            "story.html", path, title=story.title, story=story, comparison=comparison, shown=self.convert,
            summary=story_summary(comparison), rests=rests, rested=rests.units, langs=langs,
            paths={m.id: self.paths.get(m.id) or self.page_path(m) for m in story.members},
        ))
        self._feeds(folder, story.title, self.label(FEED_WORDS["story_about"]),
                    list(reversed(story.members))[: self.options.feed_entries])

    def _record_story(self, story: StoryView) -> None:
        if story.fingerprint:
            folder = f"story/{story.id}/"
            self.writer.record_input(f"{STORY_KEY_PREFIX}{story.id}", story.fingerprint,
                                     [folder + "index.html", folder + "atom.xml", folder + "rss.xml"])

    def _sitemap(self, listed: list[Entry], groups: list[_Group], stories: list[StoryView]) -> None:
        urls: list[tuple[str, str]] = [(self.absolute("index.html"), "")]
        urls += [(self.absolute(g.path + "index.html"), "") for g in groups]
        urls += [(self.absolute(f"story/{s.id}/index.html"), "") for s in stories]
        urls += [
            (self.absolute(self.paths[e.id]), e.published.astimezone(UTC).strftime("%Y-%m-%d") if e.published else "")
            for e in listed
        ]
        chunks = [urls[i: i + SITEMAP_LIMIT] for i in range(0, len(urls), SITEMAP_LIMIT)] or [[]]
        if len(chunks) == 1:
            self.writer.write("sitemap.xml", _urlset(chunks[0]))
            return
        names = [f"sitemap-{n + 1}.xml" for n in range(len(chunks))]
        for name, chunk in zip(names, chunks, strict=True):
            self.writer.write(name, _urlset(chunk))
        index = "".join(f"<sitemap><loc>{escape(self.absolute(n))}</loc></sitemap>\n" for n in names)
        self.writer.write("sitemap.xml", '<?xml version="1.0" encoding="UTF-8"?>\n'
                          '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                          f"{index}</sitemapindex>\n")


def _urlset(urls: list[tuple[str, str]]) -> str:
    body = "".join(
        f"<url><loc>{escape(loc)}</loc>{f'<lastmod>{mod}</lastmod>' if mod else ''}</url>\n" for loc, mod in urls
    )
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{body}</urlset>\n')
