"""The page-mirror format: Markdown pages a git host renders, as the banned-news family does.

``pages/<channel>/<id>.md`` (navigation, clean body, share link, QR code, original URL),
``indexes/<channel>.md`` (newest first, capped; older entries in month archives),
``indexes/热点推荐.md`` (multi-outlet stories and the latest articles) and ``README.md``.
Unlike the originals: no promotion blocks, no tracking pixel, QR codes linked relatively.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import UTC
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote, urlsplit

from newsmirror.model import Article
from newsmirror.publish.base import FormatBuilder
from newsmirror.publish.content import Entry, Prepared, StoryView, with_image_prefix
from newsmirror.publish.paths import unique_filename
from newsmirror.publish.qr import qr_png
from newsmirror.publish.safe import encode_url, md_line, md_url

SEPARATOR = "&nbsp;&nbsp;|&nbsp;&nbsp;"
HOT = "热点推荐"


# The outlet's own article id, as the last segment of its URL has it (a103642134, 202403010001).
_SOURCE_ID = re.compile(r"^(?=[^/]*\d)[A-Za-z0-9][A-Za-z0-9_-]{2,63}$")


def source_article_id(original_url: str) -> str:
    """The article id in the outlet's URL (``.../a103642134.html`` -> ``a103642134``), or ""."""
    try:
        path = urlsplit(original_url).path
    except ValueError:
        return ""
    stem = PurePosixPath(path).stem if path and not path.endswith("/") else ""
    return stem if _SOURCE_ID.match(stem) else ""


def _link(text: str, path: str) -> str:
    """A link to one of our own pages; the label is escaped, the path percent-encoded."""
    return f"[{md_line(text)}]({quote(path)})"


class PageMirrorBuilder(FormatBuilder):
    name = "pagemirror"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._taken: dict[str, str] = {}  # page path -> article id holding it

    def skipped(self, entry: Entry) -> None:
        super().skipped(entry)
        if entry.id in self.paths:
            self._taken[self.paths[entry.id]] = entry.id

    def channel_folder(self, entry: Entry) -> str:
        return self.index_name(entry.channel)

    def page_path(self, entry: Entry) -> str:
        """``pages/<channel>/<the outlet's id>.md`` as the page mirrors name them, else our id.

        Two articles with the same outlet id in one channel folder: the one holding the name
        (a page of an earlier build, or else the newer one) keeps it; the other gets our id
        appended.
        """
        folder = f"pages/{self.channel_folder(entry)}/"
        own = source_article_id(entry.original_url)
        if own and self.writer.had_output(f"{folder}{entry.id}.md"):
            own = ""  # published before under our id: its shared links and QR code keep working
        path = f"{folder}{own}.md" if own else f"{folder}{entry.id}.md"
        # Held in this build, or by an unchanged page of the last one that comes later (oldest last).
        holder = self._taken.get(path) or (self.writer.previous_owner(path) or "").removeprefix("article:") or None
        if holder is not None and holder != entry.id:
            path = f"{folder}{own}-{entry.id}.md"
        self._taken[path] = entry.id
        return path

    def index_name(self, channel: str) -> str:
        # Collision-free: "国际/" and "国际" get their own folders, and no channel takes the hot list.
        return unique_filename(channel, fallback="other", reserved=frozenset({self.label(HOT)}))

    def is_page(self, path: str) -> bool:
        return path.startswith("pages/") and path.endswith(".md")

    def nav(self, entry: Entry) -> str:
        links = [
            _link(self.label("首页"), "../../README.md"),
            _link(entry.channel, f"../../indexes/{self.index_name(entry.channel)}.md"),
            _link(self.label(HOT), f"../../indexes/{self.label(HOT)}.md"),
        ]
        return "#### " + f" {SEPARATOR} ".join(links)

    def page_for(self, entry: Entry, article: Article) -> str:
        return self.page_path(entry)

    def render_article(self, prepared: Prepared, stories: dict[str, StoryView], path: str | None = None) -> list[str]:
        entry = prepared.entry
        path = path or self.page_path(entry)
        folder = path.rsplit("/", 1)[0] + "/"
        written = self.write_images(prepared.image_names, folder + "img/", entry.month)
        meta = [f"{self.label('来源')}：{md_line(entry.outlet)}"]
        if entry.published:
            meta.append(f"{self.label('发表')}：{entry.published.astimezone(UTC):%Y-%m-%d %H:%M} UTC")
        if prepared.authors:
            meta.append(f"{self.label('作者')}：{md_line('、'.join(prepared.authors))}")
        lines = [
            f"### {md_line(entry.title)}", "------------------------", "", self.nav(entry), "",
            " &nbsp;|&nbsp; ".join(meta), "",
            with_image_prefix(prepared.markdown, "img/", prepared.image_token), "", "<hr/>",
        ]
        share = self.share_url(path)
        if share:
            qr_name = path.rsplit("/", 1)[1] + ".png"
            self.writer.write(folder + qr_name, qr_png(share), month=entry.month)
            written.append(folder + qr_name)
            lines += [
                f"{self.label('手机上长按并复制下列链接或二维码分享本文章')}：<br/>",
                f"{encode_url(share)} <br/>",
                f"<a href='{encode_url(share)}'><img src='{qr_name}' alt='QR'/></a> <br/>",
            ]
        if md_url(entry.original_url):
            lines.append(f"{self.label('原文地址（需翻墙访问）')}：{md_url(entry.original_url)}")
        lines += ["", "", "------------------------", self.nav(entry), ""]
        self.writer.write(path, "\n".join(lines), month=entry.month)
        self.paths[entry.id] = path
        return [*written, path]

    # -- listings ------------------------------------------------------------------
    def entry_line(self, entry: Entry, prefix: str) -> str:
        outlet = md_line(entry.outlet)
        when = f" <sub>{outlet} {entry.day}</sub>" if entry.published else f" <sub>{outlet}</sub>"
        return f"#### {_link(entry.title, prefix + self.paths[entry.id])}{when}"

    def finish(self, entries: list[Entry], stories: list[StoryView]) -> None:
        listed = [e for e in entries if e.id in self.paths]
        by_channel: dict[str, list[Entry]] = defaultdict(list)
        for entry in listed:
            by_channel[entry.channel].append(entry)
        hot_name = self.label(HOT)
        for channel in self.counted(by_channel):
            self._channel_index(channel, by_channel[channel], hot_name)
        self._hot_list(listed, stories, hot_name)
        self._readme(listed, by_channel, hot_name)
        self.writer.finish()

    def _channel_index(self, channel: str, members: list[Entry], hot_name: str) -> None:
        name = self.index_name(channel)
        index = f"indexes/{name}.md"
        # A channel whose entries did not change is not rendered again, its index nor its
        # month archives (rendering them on every build was a tenth of an incremental build).
        key = f"listing:{index}"
        channel_print = self.listing_print(f"{channel}\x1e{hot_name}", members)
        if self.writer.input_unchanged(key, channel_print, counted=False) and all(
                self.writer.keep_input(f"listing:{path}") for path in self.writer.recorded_paths(key) if path != index):
            return
        head = "#### " + f" {SEPARATOR} ".join(
            [_link(self.label("首页"), "../README.md"), _link(hot_name, f"{hot_name}.md")]
        )
        lines = [head, "", f"### {md_line(channel)}", ""]
        lines += [self.entry_line(e, "../") + "\n" for e in members[: self.options.index_cap]]
        by_month: dict[str, list[Entry]] = defaultdict(list)
        for entry in members:
            by_month[entry.month].append(entry)
        if by_month:
            lines += ["----", f"#### {self.label('更早内容')}", ""]
            lines.append(" &nbsp;|&nbsp; ".join(
                _link(month, f"archive/{name}/{month}.md") for month in sorted(by_month, reverse=True)
            ))
        self.writer.write(index, "\n".join(lines) + "\n")
        month_paths = []
        for month, month_entries in by_month.items():
            path = f"indexes/archive/{name}/{month}.md"
            month_paths.append(path)
            # Rendered again only when its entries changed (most months of an archive do not).
            month_key = f"listing:{path}"
            listing_print = self.listing_print(f"{channel}\x1e{month}", month_entries)
            if self.writer.input_unchanged(month_key, listing_print, counted=False):
                continue
            archive = [
                "#### " + f" {SEPARATOR} ".join(
                    [_link(self.label("首页"), "../../../README.md"), _link(channel, f"../../{name}.md")]
                ),
                "", f"### {md_line(channel)} · {month}", "",
            ]
            archive += [self.entry_line(e, "../../../") for e in month_entries]
            self.writer.write(path, "\n".join(archive) + "\n", month=month)
            self.writer.record_input(month_key, listing_print, [path], counted=False)
        self.writer.record_input(key, channel_print, [index, *month_paths], counted=False)

    def _hot_list(self, listed: list[Entry], stories: list[StoryView], hot_name: str) -> None:
        lines = ["#### " + _link(self.label("首页"), "../README.md"), "", f"### {hot_name}", ""]
        multi = [s for s in stories if len(s.outlets) > 1 and any(m.id in self.paths for m in s.members)]
        if multi:
            lines += [f"#### {self.label('多家媒体报道')}", ""]
            for story in multi[:20]:
                lines.append(f"- **{md_line(story.title)}**")
                lines += [f"  - {_link(m.title, '../' + self.paths[m.id])} <sub>{md_line(m.outlet)}</sub>"
                          for m in story.members if m.id in self.paths]
            lines += ["", "----", ""]
        lines += [self.entry_line(e, "../") for e in listed[: self.options.latest_count]]
        self.writer.write(f"indexes/{hot_name}.md", "\n".join(lines) + "\n")

    def _readme(self, listed: list[Entry], by_channel: dict[str, list[Entry]], hot_name: str) -> None:
        lines = [f"### {md_line(self.site_title)}", "",
                 "#### " + _link(hot_name, f"indexes/{hot_name}.md"), ""]
        by_outlet: dict[str, list[str]] = defaultdict(list)
        for channel, members in sorted(by_channel.items()):
            by_outlet[members[0].outlet].append(channel)
        for outlet, channels in sorted(by_outlet.items()):
            links = f" {SEPARATOR} ".join(
                _link(c, f"indexes/{self.index_name(c)}.md") for c in channels
            )
            lines.append(f"#### {md_line(outlet)} &nbsp;-&nbsp; {links}\n")
        lines += ["----", f"### {self.label('最新')}", ""]
        lines += [self.entry_line(e, "") for e in listed[:30]]
        self.writer.write("README.md", "\n".join(lines) + "\n")
