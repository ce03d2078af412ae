"""What every output format shares: a writer, the script converter, the listing caps."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote

from newsmirror.model import Article
from newsmirror.publish.content import Entry, Prepared, StoryView, interface_converter
from newsmirror.publish.images import ImageMirror
from newsmirror.publish.manifest import OutputWriter

Item = TypeVar("Item")
FinishProgress = Callable[[int, int], None]  # (done, total) of the pages ``finish`` writes


def entry_key(entry: Entry) -> str:
    """Every field of ``entry`` a listing, an index or a feed may show, as one string."""
    published = entry.published.isoformat() if entry.published else ""
    return "\x1f".join((entry.id, entry.title, entry.outlet, entry.channel, published, entry.original_url,
                         entry.summary, entry.story_id or "", entry.lang))


@dataclass(slots=True)
class BuildOptions:
    base_url: str = ""  # where this output is served; share links and QR codes point here
    script: str = "original"
    site_title: str = "新闻镜像"
    index_cap: int = 100  # newest entries on an index page; older ones live in month archives
    latest_count: int = 50
    feed_entries: int = 30
    recent_days: int = 7  # Jekyll: newer posts in _posts/, older in archived/<date>/
    # Check every file of every unchanged page instead of trusting unchanged folders (a repair:
    # see OutputWriter._files_exist). Not part of the output, so not of the options key.
    verify: bool = False


class FormatBuilder:
    """Base class of the three formats; subclasses render articles, then listings."""

    name = ""
    jobs = 1  # processes ``finish`` may render pages in (the build sets it)

    def __init__(self, root: Path, options: BuildOptions, convert: Callable[[str], str],
                 mirror: ImageMirror | None, options_key: str) -> None:
        self.root = root
        self.options = options
        self.convert = convert
        self.mirror = mirror
        # The settings a later command writing into this output must follow (`changes --write-site`: built_settings).
        settings = {"script": options.script, "base_url": options.base_url, "site_title": options.site_title}
        self.writer = OutputWriter(root, f"{self.name}|{options_key}", verify=options.verify, settings=settings)
        self.paths: dict[str, str] = {}  # article id -> its page's path in this output
        # Our own words (labels): under zh-Hant in Taiwan's phrases, where ``convert`` (an outlet's text) changes
        # characters only (content.interface_converter). The site's name is a name, as an outlet's is: characters
        # only (s2twp made 新闻镜像 新聞映象, a disk image's word).
        self.words = interface_converter(options.script)
        self.site_title = convert(options.site_title)
        # Told how far ``finish`` got: story pages and listings can take minutes on a big store.
        self.finish_progress: FinishProgress | None = None
        # Article id -> everything a listing shows of it (see listing_print); set by the build.
        self.entry_keys: dict[str, str] = {}

    def listing_print(self, name: str, entries: list[Entry]) -> str:
        """What a listing of ``entries`` (a channel, a month of it) is made from: its name, the
        caps, and each entry's listed fields and page path. Equal prints render equal pages, so
        an unchanged listing is not rendered again (most of a big archive's, on every build)."""
        options = self.options
        digest = hashlib.sha1(f"{name}\x1e{options.index_cap}\x1e{options.feed_entries}\x1e{options.latest_count}"
                              .encode())
        keys, paths = self.entry_keys, self.paths
        digest.update("\x1e".join(f"{keys.get(e.id) or entry_key(e)}\x1f{paths.get(e.id)}" for e in entries)
                      .encode("utf-8"))
        return digest.hexdigest()

    def label(self, text: str) -> str:
        """A fixed interface string, written in Simplified Chinese, in the output script (never an outlet's text:
        ``convert``)."""
        return self.words(text)

    def share_url(self, path: str) -> str:
        base = self.options.base_url.rstrip("/")
        return f"{base}/{quote(path)}" if base else ""

    def article_key(self, entry: Entry) -> str:
        return f"article:{entry.id}"

    def extra_fingerprint(self, entry: Entry, stories: dict[str, StoryView]) -> str:
        return ""

    def skipped(self, entry: Entry) -> None:
        """The article is unchanged: learn its page path from the manifest."""
        for path in self.writer.recorded_paths(self.article_key(entry)):
            if self.is_page(path):
                self.paths[entry.id] = path

    def is_page(self, path: str) -> bool:
        raise NotImplementedError

    def page_for(self, entry: Entry, article: Article) -> str:
        """Choose (and hold) the path of the article's page, as ``render_article`` would.

        A build rendering in worker processes chooses every path in the parent, in article
        order: names that collide are settled by what earlier articles took."""
        raise NotImplementedError

    def render_article(self, prepared: Prepared, stories: dict[str, StoryView], path: str | None = None) -> list[str]:
        """Write the article's page (at ``path`` when ``page_for`` chose it) and its images;
        the paths written."""
        raise NotImplementedError

    def finish(self, entries: list[Entry], stories: list[StoryView]) -> None:
        raise NotImplementedError

    def finish_counter(self, total: int) -> Callable[[], None]:
        """A tick to call after each of ``total`` pages (or page groups) ``finish`` writes; each
        is reported to ``finish_progress`` as ``done/total`` (and ``0/total`` at once)."""
        report = self.finish_progress
        done = 0
        if report is not None:
            report(0, total)

        def tick() -> None:
            nonlocal done
            done += 1
            if report is not None:
                report(done, total)

        return tick

    def counted(self, items: Iterable[Item]) -> Iterator[Item]:
        """``items``, each reported to ``finish_progress`` once the loop body has handled it."""
        listed = list(items)
        tick = self.finish_counter(len(listed))
        for item in listed:
            yield item
            tick()

    def write_images(self, names: list[str], folder: str, month: str) -> list[str]:
        written: list[str] = []
        if self.mirror is None:
            return written
        for name in names:
            path = f"{folder}{name}"
            self.writer.write(path, self.mirror.read(name), month=month)
            written.append(path)
        return written
