"""A hostile archive: every field of every article carries an attack (our own payloads).

Reusable by any test that wants to prove an output or the reader cannot be turned against
its readers. Every script payload sets ``window.__pwned`` (or opens a dialog), so a browser
test only has to check that flag, listen for dialogs and watch which hosts were requested.
Remote resources point at ``evil.example`` (never resolvable, never contacted by a test that
intercepts requests).

``make_hostile_archive(root)`` writes both archive formats (Jekyll posts and page-mirror
pages with their ``indexes/names.csv``); ``hostile_feed_items()`` gives the same payloads as
feed items for the loopback fetch tests. ``LIQUID_MARKERS`` are texts that must appear
verbatim (Liquid not executed) and ``COLLIDING_OUTLETS``/``COLLIDING_CHANNELS`` names that
collapse to the same folder name with a naive slug.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PWN = "window.__pwned=1"
EVIL_HOST = "evil.example"

SCRIPT = f"<script>{PWN}</script>"
IMG_ONERROR = f"<img src=x onerror={PWN}>"
SVG_ONLOAD = f"<svg onload={PWN}>"
JS_URL = f"javascript:{PWN}"
ESCAPED_SCRIPT = f"&lt;script&gt;{PWN}&lt;/script&gt;"  # text the source had escaped: must stay text
ESCAPED_IMG = f"&lt;img src=x onerror={PWN}&gt;"

LIQUID_TIME = "{{ site.time }}"
LIQUID_LOOP = "{% for p in site.posts %}LOOPED{% endfor %}"
LIQUID_RAW_OPEN = "{% raw %}"
LIQUID_ENDRAW = "{% endraw %}"
LIQUID_INCLUDE = "{% include evil.html %}"
LIQUID_MARKERS = (LIQUID_TIME, LIQUID_INCLUDE)
KRAMDOWN_IAL = f'{{: onclick="{PWN}" onmouseover="{PWN}"}}'
MD_JS_LINK = f"[点我看详情]({JS_URL})"
MD_JS_IMAGE = f"![图]({JS_URL})"
MD_AUTOLINK = f"<{JS_URL}>"

# Names that a slug collapses onto each other ("新唐人/" and "新唐人" both become "新唐人").
COLLIDING_OUTLETS = ("恶意台", "恶意台/", "恶意台?")
COLLIDING_CHANNELS = ("国际", "国际/", "国际:")

CONTROL = "\x00\x01\x07\x08\x0b\x0c\x1b[31m\x7f"


def hostile_title(n: int) -> str:
    """A title with a script, an event handler, Markdown and Liquid; unique per ``n``."""
    return f"恶意标题{n}{SCRIPT}{IMG_ONERROR}[链接]({JS_URL}) {LIQUID_TIME} **粗** #{n}"


def hostile_body_html(n: int) -> str:
    """Article HTML with live markup (to be removed) and escaped markup (to stay inert text)."""
    return "\n".join([
        f"<p>第{n}篇正文：以下是原文转义过的代码 {ESCAPED_SCRIPT} 和 {ESCAPED_IMG} 应该显示为文字。</p>",
        f"<p>液体模板：{LIQUID_TIME} 与 {LIQUID_LOOP} 以及 {LIQUID_INCLUDE}。</p>",
        f"<p>未闭合：{LIQUID_RAW_OPEN} 后面的文字。</p>",
        f"<p>提前结束：{LIQUID_ENDRAW}{ESCAPED_SCRIPT}</p>",
        f"<p>{KRAMDOWN_IAL}</p>",
        f"<p>Markdown 链接 {MD_JS_LINK} 图片 {MD_JS_IMAGE} 自动链接 &lt;{JS_URL}&gt;</p>",
        f"<p>{{::options parse_block_html=\"true\" /}}&lt;div onclick={PWN}&gt;块&lt;/div&gt;</p>",
        "<p>* 星号 _下划线_ `反引号` | 竖线 | $$x$$ ~~~ &amp;lt;script&amp;gt;</p>",
        SCRIPT,
        IMG_ONERROR,
        SVG_ONLOAD,
        f'<a href="{JS_URL}">脚本链接</a>',
        f'<a href="https://ok.test/a)[x]({JS_URL})">括号链接</a>',
        f'<iframe src="{JS_URL}"></iframe>',
        f'<img src="https://{EVIL_HOST}/track{n}.png" alt="外链图片{n}">',
        f'<style>body{{background:url(https://{EVIL_HOST}/bg.png)}}</style>',
        f'<link rel="stylesheet" href="https://{EVIL_HOST}/x.css">',
        f'<div onmouseover="{PWN}" style="position:fixed;inset:0">覆盖层</div>',
        f"<pre><code>```\n{SCRIPT}\n```\n&lt;/code&gt;&lt;/pre&gt;{ESCAPED_SCRIPT}</code></pre>",
        f"<p>行内代码 <code>`{ESCAPED_SCRIPT}`</code> 结束。</p>",
        f'<form action="https://{EVIL_HOST}/"><input name=q></form>',
        f'<object data="https://{EVIL_HOST}/x.swf"></object>',
        f'<p>控制字符{CONTROL}结束。</p>',
    ])


def _yaml_quote(text: str) -> str:
    """A YAML double-quoted scalar with control characters as escapes (as a hostile feed writes them)."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\x{ord(char):02x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


@dataclass(frozen=True)
class HostileArticle:
    title: str
    url: str
    outlet: str
    author: str
    body_html: str


def hostile_articles() -> list[HostileArticle]:
    """One article per colliding outlet name, all payloads in every field."""
    articles = []
    for n, outlet in enumerate(COLLIDING_OUTLETS):
        articles.append(HostileArticle(
            title=hostile_title(n) + (CONTROL if n == 0 else ""),
            url=f'https://{EVIL_HOST}/news/{n}.html?q="><script>{PWN}</script>&x=\'onmouseover=\'{PWN}',
            outlet=f"{outlet}",
            author=f"记者{n}{SVG_ONLOAD}{LIQUID_TIME}{CONTROL if n == 1 else ''}",
            body_html=hostile_body_html(n),
        ))
    return articles


def jekyll_post(article: HostileArticle, day: int) -> str:
    return "\n".join([
        "---",
        "layout: post",
        f"title: {_yaml_quote(article.title)}",
        f"date: 2024-03-{day:02d}T04:05:06.000Z",
        f"author: {_yaml_quote(article.author)}",
        f"from: {_yaml_quote(article.url)}",
        f"tags: [ {_yaml_quote(article.outlet)} ]",
        "comments: True",
        f"categories: [ {_yaml_quote(article.outlet)} ]",
        "---",
        f"<!--{1709265906000 + day * 86_400_000}-->",
        f"[{article.title}]({article.url})",
        "------",
        "",
        "<div>",
        article.body_html,
        "</div>",
        "",
    ])


def page_mirror_page(title: str, channel_key: str, page_id: str, url: str, body_html: str) -> str:
    return "\n".join([
        f"### {title}",
        "------------------------",
        "",
        f"#### [首页](../../README.md) &nbsp;|&nbsp; [频道](../../indexes/{channel_key}.md)",
        "",
        "<div><div class=\"post_content\">",
        body_html,
        "</div></div>",
        "<hr/>",
        "手机上长按并复制下列链接或二维码分享本文章：<br/>",
        f"https://mirror.test/m/blob/master/pages/{channel_key}/{page_id}.md <br/>",
        f"原文地址（需翻墙访问）：{url}",
        "",
    ])


def make_hostile_archive(root: Path) -> Path:
    """Write the hostile archive under ``root`` (``feeds/`` Jekyll posts, ``mirror/`` page mirror)."""
    for day, article in enumerate(hostile_articles(), start=1):
        _write(root / f"feeds/_posts/2024-03-{day:02d}-hostile-{day}.md", jekyll_post(article, day))
    # Page mirror: channel display names from names.csv carry the payloads and collide.
    names = [f"ch{n},{name}{SCRIPT if n == 0 else ''}" for n, name in enumerate(COLLIDING_CHANNELS)]
    names.append(f"chx,[频道]({JS_URL}){IMG_ONERROR}{LIQUID_TIME}")
    _write(root / "mirror/indexes/names.csv", "\n".join(names) + "\n")
    keys = [f"ch{n}" for n in range(len(COLLIDING_CHANNELS))] + ["chx"]
    for n, key in enumerate(keys):
        page_id = f"a{9000 + n}"
        url = f"https://{EVIL_HOST}/mirror/{n}.html?a=<script>{PWN}</script>"
        title = hostile_title(100 + n) + ("\x07\x1b[2J" if n == 0 else "")
        _write(root / f"mirror/pages/{key}/{page_id}.md",
               page_mirror_page(title, key, page_id, url, hostile_body_html(100 + n)))
    return root


@dataclass(frozen=True)
class HostileFeedItem:
    guid: str
    link: str
    title: str
    author: str
    content_html: str


def hostile_feed_items(base: str = f"https://{EVIL_HOST}") -> list[HostileFeedItem]:
    """The same payloads as RSS items (title, author, content:encoded) for a loopback feed."""
    return [
        HostileFeedItem(guid=f"hostile-{n}", link=f"{base}/feed/{n}.html",
                        title=hostile_title(200 + n).replace("\x00", ""),
                        author=f"记者{n}{SVG_ONLOAD}", content_html=hostile_body_html(200 + n).replace("\x00", ""))
        for n in range(2)
    ]


def hostile_rss(items: list[HostileFeedItem], channel_title: str = f"恶意频道{SCRIPT}") -> str:
    from xml.sax.saxutils import escape

    def cdata(text: str) -> str:
        return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"

    def xml_text(text: str) -> str:
        # XML 1.0 cannot carry most control characters even escaped; a feed would drop them too.
        return escape("".join(c for c in text if c in "\t\n\r" or ord(c) >= 0x20))

    entries = "".join(
        f"<item><title>{xml_text(item.title)}</title><link>{escape(item.link)}</link>"
        f"<guid isPermaLink=\"false\">{escape(item.guid)}</guid><pubDate>Mon, 04 Mar 2024 08:00:00 +0000</pubDate>"
        f"<author>{xml_text(item.author)}</author><dc:creator>{xml_text(item.author)}</dc:creator>"
        f"<description>{cdata(xml_text(item.content_html)[:200])}</description>"
        f"<content:encoded>{cdata(''.join(c for c in item.content_html if c in chr(10) or ord(c) >= 0x20))}"
        "</content:encoded></item>"
        for item in items
    )
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
            f"<title>{escape(channel_title)}</title><link>http://example.invalid/</link>"
            f"<description>hostile</description>{entries}</channel></rss>")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
