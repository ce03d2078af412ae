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

import yaml

from newsmirror.model import Article
from newsmirror.publish.base import FormatBuilder
from newsmirror.publish.content import Entry, Prepared, StoryView, with_image_prefix
from newsmirror.publish.paths import safe_filename
from newsmirror.publish.safe import liquid_inert, md_line, md_link

CONFIG = """\
# Written by newsmirror; edit freely: once edited, it is never overwritten.
title: {title}
baseurl: "{baseurl}"
markdown: kramdown
permalink: /:year/:month/:day/:title.html
exclude: [".newsmirror-manifest.json"]
"""

DEFAULT_LAYOUT = """\
<!DOCTYPE html>
<html lang="{{ page.lang | default: 'zh' | escape }}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ page.title | default: site.title | escape }}</title>
<style>body{max-width:42rem;margin:auto;padding:1rem;font:1.05rem/1.7 sans-serif}img{max-width:100%;height:auto}</style>
</head>
<body><p><a href="{{ '/' | relative_url }}">{{ site.title | escape }}</a></p>{{ content }}</body>
</html>
"""

POST_LAYOUT = """\
---
layout: default
---
<article><h1>{{ page.title | escape }}</h1>
<p><small>{{ page.outlet | escape }}{% if page.author %} · {{ page.author | escape }}{% endif %} · {{ page.date | date: "%Y-%m-%d %H:%M" }}</small></p>
{{ content }}
{% if page.from %}<p><a href="{{ page.from | escape }}" rel="noopener noreferrer nofollow">{{ page.from | escape }}</a></p>{% endif %}</article>
"""

# One line of a listing: the outlet in its own key, the reporters (when known) in ``author``.
_ITEM = ('<li><a href="{{ post.url | relative_url }}">{{ post.title | escape }}</a> <small>{{ post.outlet | escape }}'
         '{% if post.author %} · {{ post.author | escape }}{% endif %} {{ post.date | date: "%Y-%m-%d" }}</small></li>')

# Posts in _posts/ first, then (up to the cap) the older ones Jekyll sees as pages under archived/,
# and a link to every archived day.
INDEX = """\
---
layout: default
title: {title}
---
{{% assign archived = site.pages | where: "layout", "post" | sort: "date" | reverse %}}
<ul>
{{% for post in site.posts limit:200 %}}ITEM
{{% endfor %}}{{% assign rest = 200 | minus: site.posts.size %}}{{% if rest > 0 %}}{{% for post in archived limit:rest %}}ITEM
{{% endfor %}}{{% endif %}}</ul>
{{% assign days = archived | group_by_exp: "p", "p.dir" | sort: "name" | reverse %}}
{{% if days.size > 0 %}}<h2>{earlier}</h2>
<ul>{{% for day in days %}}<li><a href="{{{{ day.name | append: 'index.html' | relative_url }}}}">{{{{ day.name | remove: '/archived/' | remove: '/' }}}}</a> <small>{{{{ day.size }}}}</small></li>
{{% endfor %}}</ul>{{% endif %}}
""".replace("ITEM", _ITEM.replace("{", "{{").replace("}", "}}"))

# archived/<day>/index.html: the posts of that day (Jekyll treats them as pages, not posts).
DAY_INDEX = """\
---
layout: default
title: {title}
---
{{% assign day_posts = site.pages | where: "layout", "post" | where: "dir", page.dir | sort: "date" | reverse %}}
<h1>{heading}</h1>
<ul>
{{% for post in day_posts %}}ITEM
{{% endfor %}}</ul>
""".replace("ITEM", _ITEM.replace("{", "{{").replace("}", "}}"))


def _yaml_string(value: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar; it escapes quotes and backslashes.
    return json.dumps(value, ensure_ascii=False)


_SAFE_DUMPER: type = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter(fields: dict[str, object]) -> str:
    """YAML front matter dumped by a YAML emitter, never assembled from strings."""
    # libyaml's emitter (same output) when PyYAML has it: the pure-Python one was ~13 % of a build.
    dumped = yaml.dump(fields, Dumper=_SAFE_DUMPER, allow_unicode=True, sort_keys=False, default_flow_style=None,
                       width=1_000_000)
    return f"---\n{dumped}---"


def post_filename(entry: Entry, when: datetime | None = None, *, keep_invisible: bool = False) -> str:
    """``YYYY-MM-DD-<title>.md``; an undated article takes ``when`` (Jekyll skips undated names)."""
    day = entry.day if entry.published or when is None else when.astimezone(UTC).strftime("%Y-%m-%d")
    return f"{day}-{safe_filename(entry.title, keep_invisible=keep_invisible)}.md"


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

    def unique_path(self, entry: Entry, when: datetime | None = None) -> str:
        path = self.folder(entry) + post_filename(entry, when)
        earlier = self._published_with_invisible(entry, when, path)
        if earlier is not None:
            self._taken.add(earlier)
            return earlier
        owner = self.writer.previous_owner(path)
        if path in self._taken or (owner is not None and owner != self.article_key(entry)):
            path = path.removesuffix(".md") + f"-{entry.id[:8]}.md"
        self._taken.add(path)
        return path

    def _published_with_invisible(self, entry: Entry, when: datetime | None, path: str) -> str | None:
        """The post's name from a build that kept invisible characters in names, when that build published this
        article under it: a post's name is its address (shared links, feeds), so a re-rendered post keeps it; new
        posts and those never published so get names without them."""
        earlier = self.folder(entry) + post_filename(entry, when, keep_invisible=True)
        if earlier == path:
            return None
        names = {earlier, earlier.removesuffix(".md") + f"-{entry.id[:8]}.md"}
        return next((p for p in self.writer.recorded_paths(self.article_key(entry)) if p in names), None)

    def page_for(self, entry: Entry, article: Article) -> str:
        return self.unique_path(entry, entry.published or article.fetched_at)

    def render_article(self, prepared: Prepared, stories: dict[str, StoryView], path: str | None = None) -> list[str]:
        entry = prepared.entry
        published = entry.published or prepared.article.fetched_at
        path = path or self.unique_path(entry, published)
        written = self.write_images(prepared.image_names, "assets/img/", entry.month)
        date = published.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{published.microsecond // 1000:03d}Z"
        # ``author`` means the reporters only (absent when unknown); the outlet has its own key.
        fields: dict[str, object] = {
            "layout": "post", "title": entry.title, "date": date, "author": "、".join(prepared.authors),
            "outlet": entry.outlet, "from": entry.original_url, "tags": [entry.outlet], "comments": True,
            "categories": [entry.outlet], "lang": entry.lang, "story": entry.story_id or "",
            # Article text is never a template: Liquid in it ({{ site.* }}, {% include %}, an
            # unclosed {% raw %}) stays text (Jekyll 4.0+).
            "render_with_liquid": False,
        }
        for key in ("author", "from"):
            if not fields[key]:
                del fields[key]
        # Without Liquid the image folder is spelled out with the site's base path.
        base_path = urlparse(self.options.base_url).path.rstrip("/")
        body = with_image_prefix(liquid_inert(prepared.html), f"{base_path}/assets/img/", prepared.image_token)
        # The sanitized HTML goes in as an HTML block (kramdown leaves its text as it is);
        # the title line is Markdown, so it is escaped.
        title_link = md_link(entry.title, entry.original_url) if entry.original_url else md_line(entry.title)
        # The archivers' unquoted timestamp (our own digits, nothing to escape).
        front = front_matter(fields).replace(f"date: '{date}'\n", f"date: {date}\n", 1)
        lines = [front, f"<!--{int(published.timestamp() * 1000)}-->", title_link, "------", "",
                 "<div>", body, "</div>", ""]
        self.writer.write(path, "\n".join(lines), month=entry.month)
        self.paths[entry.id] = path
        return [*written, path]

    def finish(self, entries: list[Entry], stories: list[StoryView]) -> None:
        # Scaffolding is the site owner's once edited; until then each build keeps it current.
        scaffolding = {
            "_config.yml": CONFIG.format(title=_yaml_string(self.site_title),
                                         baseurl=urlparse(self.options.base_url).path.rstrip("/")),
            "_layouts/default.html": DEFAULT_LAYOUT,
            "_layouts/post.html": POST_LAYOUT,
            "index.html": INDEX.format(title=_yaml_string(self.site_title), earlier=self.label("更早内容")),
        }
        for path, text in scaffolding.items():
            # Brought up to date while untouched (older layouts printed titles unescaped).
            self.writer.write_unless_edited(path, text)
        days = sorted({path.split("/")[1] for path in self.paths.values() if path.startswith("archived/")})
        for day in self.counted(days):
            self.writer.write(f"archived/{day}/index.html",
                              DAY_INDEX.format(title=_yaml_string(day), heading=day), month=day[:7])
        self.writer.finish()
