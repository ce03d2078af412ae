"""The JSON API and its OpenAPI schema."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.conftest import EDITED_V1, SIMPLIFIED, STORY, TRADITIONAL, UNRELATED


def test_search_api_matches_across_scripts_with_filters(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "馬朝旭"}).json()
    assert body["query"] == "馬朝旭"
    assert {h["article"]["id"] for h in body["hits"]} == {SIMPLIFIED.id, TRADITIONAL.id}
    assert all(h["score"] > 0 and "朝旭" in h["snippet"] for h in body["hits"])
    only = client.get("/api/search", params={"q": "马朝旭", "outlet": "新闻网"}).json()["hits"]
    assert [h["article"]["id"] for h in only] == [SIMPLIFIED.id]
    assert client.get("/api/search", params={"q": "马朝旭", "until": "2024-04-30"}).json()["hits"] == []
    assert client.get("/api/search").status_code == 422  # q is required


def test_search_api_returns_the_total_whatever_the_page(client: TestClient) -> None:
    first = client.get("/api/search", params={"q": "马朝旭", "limit": 1}).json()
    assert first["total"] == 2 and len(first["hits"]) == 1
    second = client.get("/api/search", params={"q": "马朝旭", "limit": 1, "offset": 1}).json()
    assert second["total"] == 2 and second["hits"][0]["article"]["id"] != first["hits"][0]["article"]["id"]
    assert client.get("/api/search", params={"q": "不存在的词语"}).json()["total"] == 0


def test_articles_api_lists_newest_first_and_filters(client: TestClient) -> None:
    ids = [a["id"] for a in client.get("/api/articles", params={"outlet": "新闻网"}).json()]
    assert ids == [SIMPLIFIED.id, UNRELATED.id]
    detail = client.get(f"/api/articles/{EDITED_V1.id}").json()
    assert detail["versions"] == 2 and detail["title"] == "修改后的标题"
    assert client.get("/api/articles/nope").status_code == 404
    assert client.get("/api/articles/nope").json()["detail"].startswith("no article")


def test_stories_api(client: TestClient) -> None:
    stories = client.get("/api/stories").json()
    assert [s["id"] for s in stories] == [STORY.id]
    assert [a["id"] for a in stories[0]["articles"]] == [SIMPLIFIED.id, TRADITIONAL.id]
    assert client.get("/api/stories", params={"min_outlets": 3}).json() == []
    assert client.get("/api/stories/nope").status_code == 404


def test_openapi_schema_documents_the_api(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    for path in ("/api/search", "/api/articles", "/api/articles/{article_id}", "/api/stories",
                 "/search.atom", "/api/admin/reindex"):
        assert path in schema["paths"], path
    assert "/" not in schema["paths"]  # HTML pages are not API
