"""Small hand-written feeds and article pages (our own short Chinese text, no corpus data)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

if TYPE_CHECKING:
    from tests.httpserver import LoopbackServer


@dataclass(frozen=True)
class FixtureItem:
    guid: str
    link: str
    title: str
    body: str  # plain text paragraphs separated by blank lines
    published: str = "Mon, 23 Nov 2026 08:00:00 +0800"


def paragraphs_html(body: str) -> str:
    return "".join(f"<p>{escape(p)}</p>" for p in body.split("\n\n") if p.strip())


def rss(items: list[FixtureItem], *, full_text: bool = True, title: str = "测试新闻",
        encoding: str = "utf-8") -> str:
    """RSS 2.0; full text in content:encoded, or only a one-line description."""
    entries = []
    for item in items:
        summary = escape(item.body.split("\n\n")[0][:30])
        content = f"<content:encoded><![CDATA[{paragraphs_html(item.body)}]]></content:encoded>" if full_text else ""
        entries.append(
            f"<item><title>{escape(item.title)}</title><link>{escape(item.link)}</link>"
            f"<guid isPermaLink=\"false\">{escape(item.guid)}</guid><pubDate>{item.published}</pubDate>"
            f"<description>{summary}</description>{content}</item>"
        )
    return (f'<?xml version="1.0" encoding="{encoding}"?>\n'
            '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>{escape(title)}</title><link>http://example.invalid/</link><description>测试</description>"
            + "".join(entries) + "</channel></rss>")


def article_page(item: FixtureItem, outlet: str = "测试台") -> str:
    return (
        "<!DOCTYPE html><html lang=\"zh\"><head><meta charset=\"utf-8\">"
        f"<title>{escape(item.title)} - {outlet}</title>"
        f"<link rel=\"canonical\" href=\"{escape(item.link)}\">"
        f"<meta property=\"og:title\" content=\"{escape(item.title)}\"></head><body>"
        "<nav><a href=\"/\">首页</a> <a href=\"/china\">中国</a></nav>"
        f"<article><h1>{escape(item.title)}</h1>{paragraphs_html(item.body)}</article>"
        "<footer>版权所有 测试台</footer></body></html>"
    )


def long_body(seed: int) -> str:
    """Several paragraphs, different for every seed, long enough to count as full text."""
    return "\n\n".join(
        f"第{seed}号新闻第{n}段：记者在现场看到，当地居民{seed * 7 + n}人聚集在广场上，"
        f"讨论最新公布的政策细节，官员表示将在{n + 1}周内给出答复。"
        for n in range(1, 5)
    )


def serve_feed(server: LoopbackServer, path: str = "/ok.xml", count: int = 3, pages: str = "/a") -> str:
    """A summary-only RSS feed of ``count`` items on the loopback server, each item's article page served too (under
    ``pages``: another feed's pages under another folder are other articles); the feed's URL."""
    items = [FixtureItem(f"{pages}/g{n}" if pages != "/a" else f"g{n}", server.url(f"{pages}/{n}.html"), f"新闻{n}",
                         long_body(n + (0 if pages == "/a" else 100))) for n in range(count)]
    server.route(path, body=rss(items, full_text=False), content_type="application/rss+xml")
    for item in items:
        server.route(item.link.removeprefix(server.base_url), body=article_page(item))
    return server.url(path)
