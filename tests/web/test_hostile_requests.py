"""Requests an attacker sends to the reader: none may answer 500, and none may make the reader
name a host the client chose."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from fastapi.testclient import TestClient
from lxml import etree
from lxml import html as lxml_html

from newsmirror.store import Store
from newsmirror.web import create_app
from newsmirror.web.guard import InputHygiene, strip_controls
from tests.web.conftest import SIMPLIFIED, article

HUGE = "99999999999999999999"  # past any 64-bit integer


@pytest.fixture
def lenient(store: Store) -> TestClient:
    """A client that shows a server error as a 500 response instead of raising it."""
    return TestClient(create_app(store), raise_server_exceptions=False)


@pytest.mark.parametrize("url", [
    "/search.atom?q=%E9%A9%AC%01%1b%5B31m",  # control characters and an escape sequence in q
    "/search.atom?q=%00",
    "/search?q=%00%07",
    "/api/search?q=a%0b%0cb",
    "/changes.atom?outlet=%00",
    "/changes.atom?outlet=%E5%9D%8F%01",
    "/changes?outlet=%00&kind=all",
])
def test_control_characters_in_parameters_are_dropped(lenient: TestClient, url: str) -> None:
    response = lenient.get(url)
    assert response.status_code == 200, response.text[:300]
    if url.split("?")[0].endswith(".atom"):
        etree.fromstring(response.content)  # well-formed XML
    assert "\x00" not in response.text and "\x01" not in response.text and "\x1b" not in response.text


@pytest.mark.parametrize("url", [
    f"/?page={HUGE}", "/?page=9223372036854775807", f"/outlet/示例报?page={HUGE}",
    f"/channel/要闻?page={HUGE}", f"/search?q=马朝旭&page={HUGE}",
])
def test_huge_page_numbers_are_refused_on_pages(lenient: TestClient, url: str) -> None:
    response = lenient.get(url)
    assert response.status_code == 400 and "page" in response.text
    assert "text/html" in response.headers["content-type"]


@pytest.mark.parametrize("url", [
    f"/api/articles?offset={HUGE}", f"/api/search?q=x&offset={HUGE}", f"/api/stories?min_outlets={HUGE}",
    "/api/articles?offset=-1", "/api/search?q=" + "长" * 600,
])
def test_huge_numbers_and_queries_are_refused_by_the_api(lenient: TestClient, url: str) -> None:
    assert lenient.get(url).status_code == 422


@pytest.mark.parametrize("url", [
    "/search?q=马朝旭&until=9999-12-31", "/api/search?q=马朝旭&until=9999-12-31",
    "/search.atom?q=马朝旭&until=9999-12-31", "/api/search?q=马朝旭&since=0001-01-01&until=9999-12-31",
])
def test_the_last_possible_day_means_no_limit(lenient: TestClient, url: str) -> None:
    response = lenient.get(url)
    assert response.status_code == 200
    assert SIMPLIFIED.id in response.text


def test_stored_control_characters_never_break_the_search_feed(store: Store) -> None:
    store.upsert_article(article("controls", title="控制\x00字符\x1b[2J标题", outlet="坏\x07人报",
                                 body_html="<p>控制字符\x01正文</p>", body_text="控制字符\x01正文"))
    client = TestClient(create_app(store), raise_server_exceptions=False)
    response = client.get("/search.atom", params={"q": "控制字符"})
    assert response.status_code == 200
    titles = etree.fromstring(response.content).xpath("//*[local-name()='entry']/*[local-name()='title']/text()")
    assert "控制字符[2J标题" in titles


@pytest.mark.parametrize("path", ["/stories/", "/article/x/history/", "/search/"])
def test_slash_redirects_never_name_the_requested_host(client: TestClient, path: str) -> None:
    response = client.get(path + "?q=1", headers={"Host": "evil.example"}, follow_redirects=False)
    assert response.status_code == 308
    location = response.headers["location"]
    assert location == path.rstrip("/") + "?q=1" and "evil" not in location


def asgi_redirect(path: str) -> dict[str, str]:
    """Run InputHygiene on a raw path (clients normalise some paths before sending them)."""
    sent: list[dict[str, Any]] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        raise AssertionError("the redirect is answered by the middleware")

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b""}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "path": path, "query_string": b"", "headers": [(b"host", b"evil.example")]}
    asyncio.run(InputHygiene(app)(scope, receive, send))
    return {k.decode(): v.decode() for k, v in sent[0]["headers"]}


@pytest.mark.parametrize("path, expected", [
    ("//evil.example/", "/evil.example"),  # never protocol-relative
    ("/outlet/新\r\nSet-Cookie: x=1/", "/outlet/%E6%96%B0%0D%0ASet-Cookie:%20x=1"),  # no header injection
])
def test_redirect_locations_stay_on_this_site(path: str, expected: str) -> None:
    assert asgi_redirect(path)["location"] == expected


def test_feeds_link_to_the_configured_or_listening_address_not_the_host_header(store: Store) -> None:
    for app, base in ((create_app(store), "http://testserver"),
                      (create_app(store, public_url="https://news.example.org/reader/"),
                       "https://news.example.org/reader")):
        client = TestClient(app)
        for url in ("/search.atom?q=马朝旭", "/changes.atom"):
            feed = client.get(url, headers={"Host": "evil.example"}).text
            assert "evil.example" not in feed, url
            assert f'href="{base}/' in feed, url


def test_strip_controls_keeps_text_and_blanks() -> None:
    assert strip_controls("马\x00朝\x1b[31m旭\t新闻\r\n\x85\u200b") == "马朝[31m旭 新闻  \u200b"


def test_a_story_page_compares_a_bounded_number_of_outlets(lenient: TestClient) -> None:
    from tests.web.conftest import STORY

    many = [("outlet", f"报{i}") for i in range(3000)]
    assert lenient.get(f"/story/{STORY.id}", params=many).status_code == 400
    assert lenient.get(f"/story/{STORY.id}", params=[("outlet", "新闻网"), ("outlet", "中央社")]).status_code == 200


def test_a_query_of_many_words_is_searched_for_its_first_ones_and_says_the_rest(lenient: TestClient) -> None:
    """Up to the 500 characters a query may have, each word was required and looked up on its own: a query of
    many words, typed with spaces or without (cut by jieba), took seconds on the whole archive (safety71). The
    first words are searched (``search_key.MAX_QUERY_WORDS``); the page names the others, as typed and escaped."""
    held = "北京 马朝旭 赴俄 磋商 中国 外交部 部长 抵达 莫斯科 双方 讨论 领导人"
    rest = "<script>alert(1)</script> 西瓜 " + "火车" * 200
    response = lenient.get("/search", params={"q": f"{held} {rest}"})
    assert response.status_code == 200 and SIMPLIFIED.id in response.text
    note = lxml_html.fromstring(response.text).xpath("//p[contains(@class, 'left-out')]")
    assert note and "<script>alert(1)</script> 西瓜" in note[0].text_content()
    assert "<script>alert(1)" not in response.text
    for url in ("/search.atom", "/api/search"):
        answer = lenient.get(url, params={"q": f"{held} {rest}"})
        assert answer.status_code == 200 and SIMPLIFIED.id in answer.text, url
    assert 'class="meta left-out"' not in lenient.get("/search", params={"q": held}).text
