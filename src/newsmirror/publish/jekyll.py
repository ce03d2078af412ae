"""The Jekyll format of the feed archivers (waimei family): posts with YAML front matter.

Recent posts go to ``_posts/YYYY-MM-DD-<title>.md``; older ones to
``archived/YYYY-MM-DD/YYYY-MM-DD-<title>.md`` as the archivers do. Front matter keeps
their fields (layout, title, date, author, from, tags, comments, categories) and adds
``lang`` and ``story``. A minimal ``_config.yml`` and layouts make the folder build as is.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from urllib.parse import urlparse

from newsmirror.publish.base import FormatBuilder
from newsmirror.publish.content import Entry, Prepared, StoryView, with_image_prefix
from newsmirror.publish.paths import safe_filename

CONFIG = """\
# Written by newsmirror when missing; edit freely, it is never overwritten.
title: {title}
baseurl: "{baseurl}"
markdown: kramdown
permalink: /:year/:month/:day/:title.html
exclude: [".newsmirror-manifest.json"]
"""

DEFAULT_LAYOUT = """\
<!DOCTYPE html>
<html lang="{{ page.lang | default: 'zh' }}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ page.title | default: site.title }}</title>
<style>body{max-width:42rem;margin:auto;padding:1rem;font:1.05rem/1.7 sans-serif}img{max-width:100%;height:auto}</style>
</head>
<body><p><a href="{{ '/' | relative_url }}">{{ site.title }}</a></p>{{ content }}</body>
</html>
"""

POST_LAYOUT = """\
---
layout: default
---
<article><h1>{{ page.title }}</h1>
<p><small>{{ page.author }} · {{ page.date | date: "%Y-%m-%d %H:%M" }}</small></p>
{{ content }}
<p><a href="{{ page.from }}" rel="noopener noreferrer nofollow">{{ page.from }}</a></p></article>
"""

INDEX = """\
---
layout: default
title: {title}
---
<ul>
{{% for post in site.posts limit:200 %}}<li><a href="{{{{ post.url | relative_url }}}}">{{{{ post.title }}}}</a> <small>{{{{ post.author }}}} {{{{ post.date | date: "%Y-%m-%d" }}}}</small></li>
{{% endfor %}}</ul>
"""


def _yaml_string(value: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar; it escapes quotes and backslashes.
    return json.dumps(value, ensure_ascii=False)


def post_filename(entry: Entry) -> str:
    return f"{entry.day}-{safe_filename(entry.title)}.md"


class JekyllBuilder(FormatBuilder):
    name = "jekyll"

    def __init__(self, *args: object, newest: datetime | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.newest = newest
        self._taken: set[str] = set()

    def is_page(self, path: str) -> bool:
        return path.endswith(".md") and (path.startswith("_posts/") or path.startswith("archived/"))

    def extra_fingerprint(self, entry: Entry, stories: dict[str, StoryView]) -> str:
        return self.folder(entry)

    def folder(self, entry: Entry) -> str:
        recent = self.newest is None or entry.published is None or (
            entry.published >= self.newest - timedelta(days=self.options.recent_days)
        )
        return "_posts/" if recent else f"archived/{entry.day}/"

    def skipped(self, entry: Entry) -> None:
        super().skipped(entry)
        if entry.id in self.paths:
            self._taken.add(self.paths[entry.id])

    def unique_path(self, entry: Entry) -> str:
        path = self.folder(entry) + post_filename(entry)
        if path in self._taken:
            path = path.removesuffix(".md") + f"-{entry.id[:8]}.md"
        self._taken.add(path)
        return path

    def render_article(self, prepared: Prepared, stories: dict[str, StoryView]) -> list[str]:
        entry = prepared.entry
        path = self.unique_path(entry)
        written = self.write_images(prepared.image_names, "assets/img/", entry.month)
        published = entry.published or prepared.article.fetched_at
        date = published.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{published.microsecond // 1000:03d}Z"
        author = "、".join(prepared.authors) if prepared.authors else entry.outlet
        front = [
            "---", "layout: post", f"title: {_yaml_string(entry.title)}", f"date: {date}",
            f"author: {_yaml_string(author)}", f"from: {_yaml_string(entry.original_url)}",
            f"tags: {json.dumps([entry.outlet], ensure_ascii=False)}", "comments: True",
            f"categories: {json.dumps([entry.outlet], ensure_ascii=False)}",
            f"lang: {entry.lang}", f"story: {_yaml_string(entry.story_id or '')}", "---",
        ]
        # Jekyll renders Liquid before Markdown, so relative_url resolves inside the HTML block.
        body = with_image_prefix(prepared.html, "{{ '/assets/img/' | relative_url }}")
        title_link = f"[{entry.title.replace('[', '【').replace(']', '】')}]({entry.original_url})" \
            if entry.original_url else entry.title
        lines = [*front, f"<!--{int(published.timestamp() * 1000)}-->", title_link, "------", "",
                 "<div>", body, "</div>", ""]
        self.writer.write(path, "\n".join(lines), month=entry.month)
        self.paths[entry.id] = path
        return [*written, path]

    def finish(self, entries: list[Entry], stories: list[StoryView]) -> None:
        # Scaffolding is written once and then left to the site owner.
        scaffolding = {
            "_config.yml": CONFIG.format(title=_yaml_string(self.site_title),
                                         baseurl=urlparse(self.options.base_url).path.rstrip("/")),
            "_layouts/default.html": DEFAULT_LAYOUT,
            "_layouts/post.html": POST_LAYOUT,
            "index.html": INDEX.format(title=_yaml_string(self.site_title)),
        }
        for path, text in scaffolding.items():
            if not self.writer.keep_existing(path):
                self.writer.write(path, text)
        self.writer.finish()
