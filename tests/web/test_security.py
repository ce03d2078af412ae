"""Escaping, sanitizing on display, and a read-only reader unless an admin token is configured."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsmirror.model import Story
from newsmirror.store import Store
from newsmirror.web import create_app
from tests.web.conftest import HOSTILE, SIMPLIFIED

DANGEROUS = ("<script", "onclick", "onerror", "javascript:", "<iframe", "<style")
# The one script a page may load: the packaged keyboard shortcuts (static/keys.js).
OWN_SCRIPT = '<script src="/static/keys.js" defer></script>'


@pytest.mark.parametrize("path", [f"/article/{HOSTILE.id}", "/outlet/坏人报", "/search?q=危险正文"])
def test_hostile_stored_html_and_titles_are_neutralized(client: TestClient, path: str) -> None:
    page = client.get(path).text.replace(OWN_SCRIPT, "", 1).lower()
    assert "危险正文" in page or "恶意标题" in page
    for needle in DANGEROUS:
        assert needle not in page, (path, needle)


def test_feed_and_api_carry_only_sanitized_html(client: TestClient) -> None:
    from lxml import etree

    # The XML parser unescapes the content once: the HTML a feed reader would render
    # (feedparser is not used here because it sanitizes on its own).
    feed = etree.fromstring(client.get("/search.atom", params={"q": "危险正文"}).content)
    [feed_html] = feed.xpath("//*[local-name()='content']/text()")
    api_html = client.get(f"/api/articles/{HOSTILE.id}").json()["body_html"]
    for html in (feed_html, api_html):
        assert "危险正文" in html
        for needle in DANGEROUS:
            assert needle not in html.lower(), needle


def test_hostile_title_is_shown_as_text(client: TestClient) -> None:
    page = client.get(f"/article/{HOSTILE.id}").text
    assert "&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt;恶意标题" in page
    assert "危险正文" in page and "坏链接" in page  # the text survives, the behaviour does not


def test_query_is_escaped_where_it_is_echoed(client: TestClient) -> None:
    page = client.get("/search", params={"q": '"><script>alert(1)</script>'}).text
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


def test_pages_forbid_inline_and_foreign_scripts(client: TestClient) -> None:
    policy = client.get("/").headers["content-security-policy"]
    assert "script-src 'self';" in policy and "unsafe-inline" not in policy and "http" not in policy


@pytest.mark.parametrize("path", ["/", f"/article/{HOSTILE.id}", "/api/stats", "/atom.xml", "/no-such-page", "/docs"])
def test_no_answer_may_be_framed_or_sniffed(client: TestClient, path: str) -> None:
    # Browsers without CSP's frame-ancestors read X-Frame-Options only.
    headers = client.get(path).headers
    assert headers["x-frame-options"] == "DENY" and headers["x-content-type-options"] == "nosniff", path
    assert "frame-ancestors 'none'" in headers["content-security-policy"], path


def test_writes_are_refused_without_a_configured_token(client: TestClient) -> None:
    response = client.post("/api/admin/reindex")
    assert response.status_code == 403 and "--admin-token" in response.json()["detail"]
    assert client.post("/api/admin/reindex", headers={"Authorization": "Bearer guess"}).status_code == 403
    for method, path in [("post", "/"), ("put", f"/api/articles/{SIMPLIFIED.id}"),
                         ("delete", f"/api/articles/{SIMPLIFIED.id}"), ("post", "/api/search?q=x")]:
        assert getattr(client, method)(path).status_code == 405, (method, path)


def test_admin_action_needs_the_right_token(store: Store) -> None:
    client = TestClient(create_app(store, admin_token="s3cret-token"))
    assert client.post("/api/admin/reindex").status_code == 401
    assert client.post("/api/admin/reindex", headers={"Authorization": "Bearer wrong"}).status_code == 401
    done = client.post("/api/admin/reindex", headers={"Authorization": "Bearer s3cret-token"})
    assert done.status_code == 200 and done.json() == {"done": "reindex", "articles": store.count_articles()}
    ids = {h["article"]["id"] for h in client.get("/api/search", params={"q": "马朝旭"}).json()["hits"]}
    assert SIMPLIFIED.id in ids  # the rebuilt index still answers


@pytest.mark.parametrize("url", ["javascript:window.__pwned=1//https://x.test/", "data:text/html,<script>x</script>",
                                 "vbscript:msgbox(1)", " JaVaScRiPt:alert(1)"])
def test_an_original_url_that_is_not_http_is_shown_never_linked(tmp_path: Path, url: str) -> None:
    """An article stored with a non-http original URL (a feed item's link, as feeds gave it before they refused such
    items: ingest.feeds): the built pages link only http(s) ones (publish.content.make_entry); the reader's pages and
    its feed must not link it either (the page policy would stop a click, a feed reader showing the entry's HTML has
    no such policy), and the JSON API and `search --json` give "" as the built outputs' front matter does, not the
    URL a client would link (safety70)."""
    import json

    from lxml import etree
    from typer.testing import CliRunner

    from newsmirror.cli import app
    from newsmirror.model import Article
    from newsmirror.store import StoryMember, open_store

    article = Article(outlet="测试台", title="恶意原文链接", original_url=url, body_html="<p>危险正文，足够长的一段话。</p>",
                      body_text="危险正文，足够长的一段话。")
    db = tmp_path / "s.sqlite"
    with open_store(db, create=True) as store:
        store.upsert_article(article)
        store.save_story(Story(id="s1", title="故事"), [StoryMember(article.id, "s1")])
        client = TestClient(create_app(store))
        linked = re.compile(r"""(?:href|src)\s*=\s*["']?\s*(?:javascript|data|vbscript):""", re.I)
        for path in (f"/article/{article.id}", f"/article/{article.id}/history", "/story/s1"):
            page = client.get(path)
            assert page.status_code == 200 and "恶意原文链接" in page.text, path
            assert not linked.search(page.text), path
        feed = etree.fromstring(client.get("/atom.xml").content)
        [content] = feed.xpath("//*[local-name()='content']/text()")
        assert "危险正文" in content and not linked.search(content)
        assert not any(i.strip().lower().startswith(("javascript", "data", "vbscript"))
                       for i in feed.xpath("//*[local-name()='entry']/*[local-name()='id']/text()"))
        answers = [client.get(f"/api/articles/{article.id}").json(), *client.get("/api/articles").json(),
                   client.get("/api/search", params={"q": "危险正文"}).json()["hits"][0]["article"],
                   *client.get("/api/stories/s1").json()["articles"]]
        assert len(answers) == 4 and all(answer["original_url"] == "" for answer in answers), answers
    cli = json.loads(CliRunner().invoke(app, ["search", "危险正文", "--json", "--db", str(db)]).output)
    assert cli["hits"][0]["article"]["original_url"] == ""
