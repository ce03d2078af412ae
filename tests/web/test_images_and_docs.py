"""The reader never makes a browser load anything from another host: article images are the
locally mirrored copies or nothing, and the API browser's Swagger UI comes from the package."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from lxml import etree

from newsmirror.model import Story
from newsmirror.store import Store, StoryMember
from newsmirror.web import create_app
from tests.web.conftest import article

MIRRORED = "https://img.outlet.example/2024/photo.jpg"
NOT_MIRRORED = "https://tracker.outlet.example/pixel.gif"
LOCAL_NAME = "0123456789abcdef0123.jpg"
PICTURE = article("pictures", title="有图的文章", body_text="配图的正文。", body_html=(
    f'<p>配图的正文。</p><img src="{MIRRORED}" alt="市长讲话"><img src="{NOT_MIRRORED}" alt="跟踪像素">'
    '<img src="//evil.example/relative.png" alt="协议相对"><img src="/images/../../etc/passwd" alt="穿越">'))


@pytest.fixture
def image_cache(tmp_path: Path) -> Path:
    """What `newsmirror build` leaves in OUT/.cache/images: the resized copy and the index."""
    folder = tmp_path / "out/.cache/images"
    folder.mkdir(parents=True)
    (folder / LOCAL_NAME).write_bytes(b"\xff\xd8\xff\xe0 a jpeg")
    (folder / "index.json").write_text(json.dumps({MIRRORED: LOCAL_NAME, NOT_MIRRORED: ""}), encoding="utf-8")
    (folder / "secret.txt").write_text("not an image", encoding="utf-8")
    return folder


def image_sources(html: str) -> list[str]:
    return re.findall(r'<img[^>]*\bsrc="([^"]*)"', html)


def test_without_an_image_cache_no_image_is_loaded(store: Store) -> None:
    store.upsert_article(PICTURE)
    client = TestClient(create_app(store))
    page = client.get(f"/article/{PICTURE.id}").text
    assert image_sources(page) == []
    assert "市长讲话" in page and "跟踪像素" in page  # the captions stay
    api = client.get(f"/api/articles/{PICTURE.id}").json()["body_html"]
    assert image_sources(api) == [] and "outlet.example" not in api.replace(PICTURE.original_url, "")


def test_an_image_not_shown_leaves_no_broken_picture_and_its_caption_once(store: Store) -> None:
    # Without `serve --images` every photo was an <img> without src: Chromium drew a broken picture with the alt
    # text beside it, and the figure's caption said the same again below (392 of 558 reader pages of two days).
    photo = "https://img.outlet.example/2020/azar.jpg"
    captioned = article("captioned", title="部长抵台", body_text="部长今天抵达。", body_html=(
        f'<figure><img src="{photo}" alt="部长下午抵达机场。（图取自网页）"><figcaption>部长下午抵达机场。（图取自网页）'
        '</figcaption></figure><p>部长今天抵达。</p>'
        '<p><img src="https://img.outlet.example/2.jpg" alt="只有图说的一句">后面的字。</p>'
        '<p><img src="https://img.outlet.example/3.jpg" alt="图片"><img src="https://img.outlet.example/4.jpg" '
        'alt="部长抵台"></p><p><a href="https://img.outlet.example/5-full.jpg"><img src="https://img.outlet.example/5.jpg">'
        '</a></p>'))
    store.upsert_article(captioned)
    store.save_story(Story(id="story-photo", title="部长抵台"), [StoryMember(captioned.id, "story-photo")])
    client = TestClient(create_app(store))
    page = client.get(f"/article/{captioned.id}").text
    story = client.get("/story/story-photo").text
    api = client.get(f"/api/articles/{captioned.id}").json()["body_html"]
    feed = etree.fromstring(client.get("/story/story-photo/atom.xml").content)
    [content] = feed.xpath("//*[local-name()='content']/text()")
    for shown in (page[page.index("<main"):], story[story.index("<main"):], api, content):
        assert "<img" not in shown  # no broken picture, no alt text drawn in its place
        assert shown.count("部长下午抵达机场") == 1  # the figure's caption, once
        assert '<span class="caption">只有图说的一句</span>后面的字。' in shown  # the only place it was said stays
        assert "img.outlet.example" not in shown  # nor a link (to the full-size file) left empty by its picture
        assert ">图片<" not in shown and "部长抵台</span>" not in shown  # a placeholder; the title again


def test_mirrored_copies_are_shown_and_served(store: Store, image_cache: Path) -> None:
    store.upsert_article(PICTURE)
    client = TestClient(create_app(store, images=image_cache))
    page = client.get(f"/article/{PICTURE.id}").text
    assert image_sources(page) == [f"/images/{LOCAL_NAME}"]
    served = client.get(f"/images/{LOCAL_NAME}")
    assert served.status_code == 200 and served.content.startswith(b"\xff\xd8")
    assert served.headers["content-type"] == "image/jpeg"
    for name in ("secret.txt", "index.json", "..%2Findex.json", "ffffffffffffffffffff.jpg"):
        assert client.get(f"/images/{name}").status_code == 404, name
    feed = etree.fromstring(client.get("/search.atom", params={"q": "配图的正文"}).content)
    [content] = feed.xpath("//*[local-name()='content']/text()")
    assert image_sources(content) == [f"http://testserver/images/{LOCAL_NAME}"]


def test_a_link_to_a_mirrored_images_full_size_file_leads_to_the_mirrored_copy(store: Store, image_cache: Path) -> None:
    # Epoch's and 维权网's photos link their full-size file on the outlet's image host: the photo was shown from
    # its mirrored copy, and a click still led to a host the readers may not reach.
    full = "https://img.outlet.example/2024/photo-full.jpg?size=l&amp;v=2"
    linked = article("linked", title="链接大图", body_text="配图的正文。", body_html=(
        f'<p>配图的正文。</p><p><a href="{full}"><img src="{MIRRORED}" alt="市长讲话"></a></p>'
        f'<p><a href="{NOT_MIRRORED}"><img src="{NOT_MIRRORED}" alt="跟踪像素"></a></p>'
        '<p><a href="https://outlet.example/news/2.html">相关报道</a></p>'))
    store.upsert_article(linked)
    client = TestClient(create_app(store, images=image_cache))

    def links(html: str) -> list[str]:
        return re.findall(r'<a[^>]*\bhref="([^"]*)"', html)

    page = client.get(f"/article/{linked.id}").text
    body = page[page.index("配图的正文"):]
    assert f"/images/{LOCAL_NAME}" in links(body) and "photo-full" not in page
    assert NOT_MIRRORED in links(body)  # not mirrored: an ordinary link, as a text link to the outlet is
    assert "https://outlet.example/news/2.html" in links(body)
    api = client.get(f"/api/articles/{linked.id}").json()["body_html"]
    assert links(api)[0] == f"/images/{LOCAL_NAME}" and "photo-full" not in api
    feed = etree.fromstring(client.get("/atom.xml").content)
    [content] = [c for c in feed.xpath("//*[local-name()='content']/text()") if "市长讲话" in c]
    assert links(content)[0] == f"http://testserver/images/{LOCAL_NAME}" and "photo-full" not in content


def test_a_mirrored_image_keeps_its_place_by_its_size(store: Store, image_cache: Path) -> None:
    """reader79: the reader's images had no width or height, so the text below a lazy picture moved when it loaded.
    Each says its size: as the build recorded it (sizes.json), else read from the stored file (a cache written
    before sizes were recorded), on the article page and the story page; an unreadable file is shown unsized,
    and the API's body_html stays as stored."""
    from PIL import Image as PILImage

    other = "https://img.outlet.example/2024/other.jpg"
    both = article("two-pictures", outlet="乙报", title="两张图", body_text="两张图的正文。", body_html=(
        f'<p>两张图的正文。</p><img src="{MIRRORED}" alt="一" width="100%"><img src="{other}" alt="二">'))
    store.upsert_article(PICTURE)
    store.upsert_article(both)
    store.save_story(Story(id="pictured", title="有图"), [StoryMember(a.id, "pictured") for a in (PICTURE, both)])
    PILImage.new("RGB", (640, 360)).save(image_cache / "00000000000000000001.jpg", "JPEG")  # stored, size unrecorded
    index = json.loads((image_cache / "index.json").read_text(encoding="utf-8"))
    (image_cache / "index.json").write_text(json.dumps({**index, other: "00000000000000000001.jpg"}), encoding="utf-8")
    client = TestClient(create_app(store, images=image_cache))

    def tags(path: str) -> dict[str, str]:
        return {src: tag for tag, src in re.findall(r'(<img[^>]*\bsrc="([^"]*)"[^>]*>)', client.get(path).text)}

    shown = tags(f"/article/{both.id}")
    assert 'width="640" height="360"' in shown["/images/00000000000000000001.jpg"]
    assert "width" not in shown[f"/images/{LOCAL_NAME}"].replace('width="100%"', "")  # not a readable picture
    (image_cache / "sizes.json").write_text(json.dumps({LOCAL_NAME: [960, 540]}), encoding="utf-8")  # a build's record
    for path in (f"/article/{both.id}", "/story/pictured"):
        shown = tags(path)
        assert 'width="960" height="540"' in shown[f"/images/{LOCAL_NAME}"] and "100%" not in shown[f"/images/{LOCAL_NAME}"]
        assert 'width="640" height="360"' in shown["/images/00000000000000000001.jpg"], path
    assert 'width="100%"' in client.get(f"/api/articles/{both.id}").json()["body_html"]


def test_pages_allow_images_from_this_site_only(client: TestClient) -> None:
    for path in ("/", "/search?q=马朝旭", "/stories", "/changes"):
        policy = client.get(path).headers["content-security-policy"]
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        assert directives["img-src"] == "'self' data:", path
        assert directives["default-src"] == "'none'" and directives["script-src"] == "'self'", path
        assert "https:" not in policy and "http:" not in policy


def test_api_docs_load_only_packaged_files(client: TestClient) -> None:
    response = client.get("/docs")
    assert response.status_code == 200
    html = response.text
    assert "cdn" not in html.lower() and "http://" not in html and "https://" not in html
    assets = re.findall(r'(?:src|href)="(/[^"]+)"', html)
    assert {"/docs/assets/swagger-ui-bundle.js", "/docs/assets/swagger-ui.css", "/static/docs-init.js"} <= set(assets)
    for asset in assets:
        assert client.get(asset).status_code == 200, asset
    policy = response.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "unsafe-eval" not in policy and "http" not in policy
    assert client.get("/openapi.json").json()["paths"]["/api/search"]
    assert client.get("/redoc").status_code == 404  # ReDoc would load from a CDN: not offered
    assert "validatorUrl: null" in client.get("/static/docs-init.js").text
