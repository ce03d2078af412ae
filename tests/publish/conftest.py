"""Synthetic articles (our own short Chinese texts) and a loopback image server."""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from PIL import Image as PILImage

from newsmirror.fetch.addresses import allowance
from newsmirror.model import Article, Image, Story
from newsmirror.publish.manifest import LEGACY_FORMAT, LEGACY_MANIFEST_NAME, read_manifest
from newsmirror.store.base import StoryMember
from newsmirror.store.sqlite import SQLiteStore

BASE_URL = "https://mirror.test/news"
# The loopback image servers of these tests, allowed as an operator allows a LAN host ([fetch] private_hosts): an
# image address is an article's word, fetched only from public hosts otherwise (fetch.addresses).
LOOPBACK = allowance(["127.0.0.1"])


def legacy_manifest(root: Path) -> dict[str, Any]:
    """The manifest a build left in ``root``, as the JSON file of the older format holds it
    (edit it, then :func:`save_legacy_manifest`: the next build reads it as an older version's)."""
    manifest = read_manifest(root)
    assert manifest is not None
    return {"format": LEGACY_FORMAT, "options": manifest.options, "outputs": dict(manifest.outputs),
            "months": dict(manifest.months), "inputs": dict(manifest.inputs)}


def save_legacy_manifest(root: Path, manifest: dict[str, Any]) -> None:
    (root / LEGACY_MANIFEST_NAME).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")


def png_bytes(width: int = 1600, height: int = 900, color: str = "navy") -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), color).save(buffer, "PNG")
    return buffer.getvalue()


class ImageServer:
    """Serves /photo*.png, /huge.png (over any sane cap) and 404 for the rest; counts requests."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server API
                outer.requests.append(self.path)
                if self.path.startswith("/photo"):
                    body = png_bytes()
                elif self.path == "/huge.png":
                    body = b"\x89PNG" + b"0" * 300_000
                else:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> ImageServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture()
def image_server() -> Iterator[ImageServer]:
    with ImageServer() as server:
        yield server


def make_article(n: int, outlet: str = "测试日报", channel: str = "国内", *, image_url: str = "",
                 when: datetime | None = None, title: str | None = None, body_extra: str = "") -> Article:
    published = when or datetime(2024, 3, 1, 8, 0, tzinfo=UTC) + timedelta(hours=n)
    image = f'<figure><img src="{image_url}" alt="第{n}张图片说明"/></figure>' if image_url else ""
    paragraphs = [f"第{n}篇报道的第一段：本市新建软件园区今天开放。", f"第{n}篇报道的第二段：居民表示欢迎。"]
    return Article(
        outlet=outlet, channel=channel, title=title or f"第{n}篇报道：软件园区开放",
        original_url=f"https://outlet.test/{outlet}/{n}.html", published_at=published,
        body_html=image + "".join(f"<p>{p}</p>" for p in paragraphs) + body_extra,
        body_text="\n\n".join(paragraphs), script="zh-Hans", authors=["记者甲"],
    )


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    with SQLiteStore(tmp_path / "store.sqlite") as opened:
        yield opened


def fill(store: SQLiteStore, count: int = 6, image_url: str = "") -> list[Article]:
    articles = []
    for n in range(count):
        outlet = "测试日报" if n % 2 == 0 else "樣本時報"
        channel = "国内" if n % 2 == 0 else "兩岸"
        article = make_article(n, outlet, channel, image_url=image_url if n == 0 else "")
        if n == 1:
            article.images = [Image(url=image_url.rsplit("/", 1)[0] + "/missing.jpg" if image_url else "https://gone.test/x.jpg",
                                    caption="独有的图片说明文字")]
        store.upsert_article(article)
        articles.append(article)
    story = Story(id="story-park", title="软件园区开放")
    store.save_story(story, [StoryMember(articles[0].id, story.id), StoryMember(articles[1].id, story.id)])
    return articles
