"""Every outlet and channel the reader's menus link to has its page and feed, whatever its name holds (safety72):
a name with "/" (a hostile feed's outlet, or a real "国际/港澳") was a 404 the menus linked to, a name of dots a
link the browser resolved to another page."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from fastapi.testclient import TestClient
from lxml import etree
from lxml import html as lxml_html

from newsmirror.store import open_store
from newsmirror.web import create_app
from tests.web.conftest import article

NAMES = ["国际/港澳", "恶意台/", "中央社<script>x</script>", "/开头", "a//b", "..", ".", "...", "100%", "a%2Fb",
         "%E4%B8%AD", "空 格?#&", "a~2Fb", "新唐人"]


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    store = open_store(tmp_path / "names.sqlite")
    for number, name in enumerate(NAMES):
        store.upsert_article(article(f"n{number}", outlet=name, channel=name, title=f"第{number}篇"))
    return TestClient(create_app(store))


def browser_url(href: str) -> str:
    """What a browser requests for a link on the home page: dot segments resolved (``%2E`` counts as a dot)."""
    path = urlsplit(href).path
    parts = path.split("/")
    for part in parts:  # WHATWG URL: "." ".." "%2e" "%2E." ... are dot segments; urljoin knows the plain ones only
        assert unquote(part) not in (".", ".."), f"{href}: a browser would drop the segment {part!r}"
    return urljoin("http://testserver/", href)


@pytest.mark.parametrize("name", NAMES)
def test_a_segment_gives_back_its_name_in_one_piece(name: str) -> None:
    from newsmirror.web.root import name_of_segment, name_segment

    segment = name_segment(name)
    assert "/" not in unquote(segment) and unquote(segment) not in (".", "..")  # one segment after the server decodes
    assert name_of_segment(unquote(segment)) == name
    assert name_of_segment(unquote(unquote(segment))) == name  # a server, a proxy decoding again: the same name


def test_every_outlet_and_channel_linked_has_its_page_and_feed(client: TestClient) -> None:
    home = lxml_html.fromstring(client.get("/").text)
    outlet_links = {a.text_content(): a.get("href") for a in home.xpath('//a[contains(@href, "/outlet/")]')}
    channel_links = {a.text_content(): a.get("href") for a in home.xpath('//a[contains(@href, "/channel/")]')}
    assert set(NAMES) <= set(outlet_links) and set(NAMES) <= set(channel_links)
    for name in NAMES:
        for href in (outlet_links[name], channel_links[name]):
            response = client.get(browser_url(href))
            assert response.status_code == 200, (name, href, response.status_code)
            page = lxml_html.fromstring(response.text)
            assert page.xpath("string(//h1)").strip() == name, (name, href)
            assert f"第{NAMES.index(name)}篇" in response.text
        page = lxml_html.fromstring(client.get(browser_url(outlet_links[name])).text)
        feed_href = page.xpath('string(//link[@type="application/atom+xml"][contains(@href, "/outlet/")]/@href)')
        feed = client.get(browser_url(feed_href))
        assert feed.status_code == 200, (name, feed_href)
        titles = etree.fromstring(feed.content).xpath("//*[local-name()='entry']/*[local-name()='title']/text()")
        assert titles == [f"第{NAMES.index(name)}篇"], (name, feed_href)
        alternate = etree.fromstring(feed.content).xpath("string(/*/*[local-name()='link'][@rel='alternate']/@href)")
        assert urlsplit(alternate).path == urlsplit(outlet_links[name]).path, (name, alternate)
    # A name with neither "/" nor "%" nor only dots keeps the address it always had.
    assert outlet_links["新唐人"] == "/outlet/%E6%96%B0%E5%94%90%E4%BA%BA"
