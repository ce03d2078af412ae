"""Reader pages for edits and takedowns: history with diffs, the change log and its Atom feed."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from lxml import etree, html

from newsmirror.model import utcnow
from newsmirror.store import Store
from newsmirror.store.changes import WORDING, ArticleEvent, EventKind
from tests.web.conftest import EDITED_V2, SIMPLIFIED, TRADITIONAL, UNRELATED, article


def record(store: Store) -> None:
    now = utcnow()
    store.record_article_event(ArticleEvent(EDITED_V2.id, EventKind.EDITED, now - timedelta(hours=3), version=2,
                                            detail="title changed; 1 paragraph changed"))
    store.record_article_event(ArticleEvent(SIMPLIFIED.id, EventKind.DELETED, now - timedelta(hours=2),
                                            detail="HTTP 410 Gone", http_status=410))
    store.record_article_event(ArticleEvent(UNRELATED.id, EventKind.DELETED, now - timedelta(days=90),
                                            detail="HTTP 404 Not Found"))


def test_history_page_shows_each_version_with_an_inline_diff(client: TestClient, store: Store) -> None:
    record(store)
    response = client.get(f"/article/{EDITED_V2.id}/history")
    assert response.status_code == 200
    page = html.fromstring(response.text)
    kinds = page.xpath("//li[contains(@class, 'step')]/@data-kind")
    assert kinds == ["edited", "first_seen"]
    deleted = "".join(page.xpath("//li[@data-kind='edited']//div[@class='nm-diff']//del/text()"))
    inserted = "".join(page.xpath("//li[@data-kind='edited']//div[@class='nm-diff']//ins/text()"))
    # 第一版的说法。 -> 第二版改了说法。
    assert (deleted, inserted) == ("一版的", "二版改了")
    assert "初版" in "".join(page.xpath("//h3[@class='nm-diff-title']//del/text()"))


def test_taken_down_article_says_so_on_its_page_and_history(client: TestClient, store: Store) -> None:
    record(store)
    article = html.fromstring(client.get(f"/article/{SIMPLIFIED.id}").text)
    assert article.xpath("//p[@data-status='deleted']")
    history = client.get(f"/article/{SIMPLIFIED.id}/history").text
    # Stored as the server said it ("HTTP 410 Gone"), shown in the page's language.
    assert "网页已永久删除（HTTP 410）" in history and "Gone" not in history and 'data-kind="deleted"' in history
    untouched = html.fromstring(client.get(f"/article/{EDITED_V2.id}").text)
    assert not untouched.xpath("//p[@data-status='deleted']")


def test_change_log_filters_by_kind_outlet_and_time(client: TestClient, store: Store) -> None:
    record(store)
    page = html.fromstring(client.get("/changes").text)
    assert page.xpath("//li[contains(@class, 'item')]/@data-kind") == ["deleted", "edited"]
    deleted = html.fromstring(client.get("/changes?kind=deleted&days=365").text)
    assert deleted.xpath("//li[contains(@class, 'item')]/@data-kind") == ["deleted", "deleted"]
    by_outlet = html.fromstring(client.get("/changes?outlet=示例报").text)
    assert by_outlet.xpath("//li[contains(@class, 'item')]/@data-kind") == ["edited"]
    assert client.get("/changes?kind=bogus").status_code == 400


def test_change_feed_is_atom_linking_to_the_mirror_history(client: TestClient, store: Store) -> None:
    record(store)
    response = client.get("/changes.atom?kind=deleted")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/atom+xml")
    root = etree.fromstring(response.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    links = root.xpath("//a:entry/a:link/@href", namespaces=ns)
    assert links[0].endswith(f"/article/{SIMPLIFIED.id}/history") and len(links) == 2


def test_hostile_text_in_a_diff_is_escaped(client: TestClient, store: Store) -> None:
    from tests.web.conftest import article

    first = article("diff-hostile", title="标题", body_text="原来的一段话。")
    store.upsert_article(first)
    store.upsert_article(article("diff-hostile", title="标题", body_text='原来的<script>alert(1)</script>一段话。'))
    response = client.get(f"/article/{first.id}/history")
    assert "<script>alert(1)" not in response.text and "&lt;script&gt;" in response.text


def test_history_page_shows_no_date_change_that_differs_in_seconds_only(client: TestClient, store: Store) -> None:
    from datetime import datetime

    from tests.web.conftest import BEIJING, article

    stamp = datetime(2021, 1, 20, 9, 2, 5, tzinfo=BEIJING)
    store.upsert_article(article("seconds", title="秒差", body_text="原来的说法。", published_at=stamp))
    store.upsert_article(article("seconds", title="秒差", body_text="后来的说法。",
                                 published_at=stamp.replace(second=48)))
    page = client.get(f"/article/{article('seconds').id}/history").text
    assert 'data-kind="edited"' in page  # the text did change
    assert "nm-diff-date" not in page and "09:02 UTC+8 →" not in page and "date " not in page


def test_article_page_lists_versions_at_the_times_and_in_the_order_history_gives(client: TestClient,
                                                                                  store: Store) -> None:
    """Two archived copies of one article, the later-dated one stored first: the article page shows each version
    at its copy's time (as `newsmirror history` and the history page do), not when the store wrote it."""
    from datetime import UTC, datetime

    from newsmirror.text import times
    from tests.web.conftest import article

    early, late = datetime(2021, 1, 20, 9, 2, 0, tzinfo=UTC), datetime(2021, 1, 20, 9, 2, 37, tzinfo=UTC)
    later = article("observed", title="日日新增病例", body_text="正文。", published_at=late)
    store.upsert_article(later)
    store.upsert_article(article("observed", title="每天新增病例", body_text="正文。", published_at=early))
    page = html.fromstring(client.get(f"/article/{later.id}").text)
    summaries = [" ".join(s.text_content().split()) for s in page.xpath("//section[@class='versions']//summary")]
    assert [s.split(" · ")[:3] for s in summaries] == [["第2版", times.stamp(late), "日日新增病例"],
                                                       ["第1版", times.stamp(early), "每天新增病例"]]
    shown = page.xpath("//section[@class='versions']//summary/time/@datetime")
    history = html.fromstring(client.get(f"/article/{later.id}/history").text)
    assert shown == history.xpath("//li[contains(@class, 'step')]//time/@datetime") == [times.iso(late),
                                                                                        times.iso(early)]


def test_change_log_names_the_versions_an_import_kept_with_links_to_their_history(client: TestClient,
                                                                                    store: Store) -> None:
    """EDITED_V1 then EDITED_V2 stored, no re-check: `stats` counts an edited article and `newsmirror changes`
    names it (versions_kept); the reader's log says so too, linking to its history, and stops once a re-check
    recorded the edit."""
    from tests.web.conftest import article

    hostile = article("kept-hostile", title="<script>alert(1)</script>旧标题", body_text="一。")
    store.upsert_article(hostile)
    store.upsert_article(article("kept-hostile", title="<script>alert(1)</script>新标题", body_text="二。"))
    response = client.get("/changes")
    page = html.fromstring(response.text)
    (note,) = page.xpath("//p[@class='kept-versions']")
    assert note.get("data-count") == "2" and WORDING.kept_note in note.text_content()
    links = dict(zip(note.xpath(".//a/@href"), note.xpath(".//a/text()"), strict=True))
    assert links == {f"/article/{EDITED_V2.id}/history": "修改后的标题",
                     f"/article/{hostile.id}/history": "<script>alert(1)</script>新标题"}
    assert "<script>alert(1)" not in response.text and "&lt;script&gt;alert(1)" in response.text
    assert html.fromstring(client.get(f"/article/{hostile.id}/history").text).xpath("//li[@data-kind='edited']")
    for query in ("kind=deleted", "outlet=新闻网"):  # not an edit; another outlet's log
        assert not html.fromstring(client.get(f"/changes?{query}").text).xpath("//p[@class='kept-versions']")
    assert html.fromstring(client.get("/changes?kind=edited&outlet=示例报").text).xpath(
        "//p[@class='kept-versions'][@data-count='2']")
    record(store)  # a re-check recorded EDITED_V2's edit: an event now, no longer named apart
    (note,) = html.fromstring(client.get("/changes").text).xpath("//p[@class='kept-versions']")
    assert note.get("data-count") == "1" and note.xpath(".//a/@href") == [f"/article/{hostile.id}/history"]


def no_events_then_kept(page: html.HtmlElement) -> list[tuple[str, str]]:
    """The change log's text after its filters, as (tag, text): what a reader reads in order."""
    main = page.xpath("//p[@class='no-events'] | //h2[@class='kept-versions'] | //p[@class='kept-versions']")
    return [(element.tag, " ".join(element.text_content().split())) for element in main]


def test_a_log_with_no_events_does_not_read_as_if_kept_versions_were_found_after_all(tmp_path: Path) -> None:
    """No re-check recorded anything, an import kept another title: the log says what re-checks found (nothing),
    then the kept versions under a heading of their own, not "none found... also 1 article" in one breath."""
    from newsmirror.store import open_store
    from newsmirror.web import create_app
    from tests.web.conftest import article

    with open_store(tmp_path / "kept.sqlite") as store:
        store.upsert_article(article("kept-only", title="每天新增病例", body_text="一。"))
        store.upsert_article(article("kept-only", title="日日新增病例", body_text="二。"))
        page = html.fromstring(TestClient(create_app(store)).get("/changes").text)
    read = no_events_then_kept(page)
    assert [tag for tag, _ in read] == ["p", "h2", "p"]
    assert read[0][1] == f"这段时间里，{WORDING.no_events}。" and read[1][1] == WORDING.kept_heading
    assert read[2][1] == f"1 篇{WORDING.kept_note}（不限时间）：日日新增病例。"
    assert "newsmirror stats" not in page.text_content()  # a CLI command means nothing to a reader of the page


def test_the_changes_and_history_pages_mark_each_article_by_its_script(store: Store, client: TestClient) -> None:
    """The change log and an article's history were not marked by script (reader80's leftover): on a 原文 page each
    entry says its article's stored script, as every list of articles does; an unknown script is not marked."""
    now = utcnow()
    store.record_article_event(ArticleEvent(TRADITIONAL.id, EventKind.DELETED, now - timedelta(hours=2),
                                            detail="HTTP 404 Not Found"))
    store.record_article_event(ArticleEvent(SIMPLIFIED.id, EventKind.DELETED, now - timedelta(hours=1),
                                            detail="HTTP 404 Not Found"))
    unknown = article("und", title="标题", body_text="正文。")
    store.upsert_article(unknown)
    store.record_article_event(ArticleEvent(unknown.id, EventKind.DELETED, now, detail="HTTP 404 Not Found"))
    page = html.fromstring(client.get("/changes").text)
    marks = {item.xpath("a/@href")[0].split("/")[2]: item.get("lang") for item in page.xpath("//li[contains(@class, 'item')]")}
    assert marks == {TRADITIONAL.id: "zh-Hant", SIMPLIFIED.id: "zh-Hans", unknown.id: None}
    history = html.fromstring(client.get(f"/article/{TRADITIONAL.id}/history").text)
    assert history.xpath("//article")[0].get("lang") == "zh-Hant"
    converted = html.fromstring(client.get("/changes", params={"script": "zh-Hans"}).text)
    assert not converted.xpath("//li[@lang]")
