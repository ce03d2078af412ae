"""The reader and the static site are one product: the same times, design and navigation."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path

from fastapi.testclient import TestClient

from newsmirror.publish.base import BuildOptions
from newsmirror.store import Store
from tests.web.conftest import article

# 20:30 UTC on 1 May is 04:30 on 2 May in UTC+8: the day a careless output gets wrong.
LATE = article("late", outlet="夜报", title="深夜发布的消息", body_text="夜里发布的正文。",
               published_at=datetime(2024, 5, 1, 20, 30, tzinfo=UTC))


def build_site(store: Store, out: Path) -> Path:
    from newsmirror.jobs.building import build

    build(store, out, ["site"], BuildOptions(base_url="http://127.0.0.1/"), images=False)
    return out / "site"


def test_reader_and_static_site_show_one_zone_and_the_same_day(client: TestClient, store: Store,
                                                                  tmp_path: Path) -> None:
    store.upsert_article(LATE)
    listing = client.get("/outlet/夜报").text
    assert "2024-05-02 04:30" in listing and "2024-05-01" not in listing
    assert "UTC+8" in listing  # the zone is named on every page
    page = client.get(f"/article/{LATE.id}").text
    assert "2024-05-02 04:30 UTC+8" in page
    assert 'datetime="2024-05-02T04:30+08:00"' in page
    site = build_site(store, tmp_path / "out")
    site_article = next(site.rglob(f"{LATE.id}.html")).read_text(encoding="utf-8")
    assert "2024-05-02 04:30 UTC+8" in site_article
    index = (site / "index.html").read_text(encoding="utf-8")
    item = re.search(r"深夜发布的消息.*?</li>", index, re.S)
    assert item and "2024-05-02" in item.group(0) and "2024-05-01" not in item.group(0)


def header_of(page: str) -> tuple[str, list[str]]:
    from lxml import html

    header = html.fromstring(page).xpath("//header[@class='top']")[0]
    brand = header.xpath(".//a[@class='brand']")[0].text_content().strip()
    items = [node.text_content().strip() for node in header.xpath("./nav[@class='main']/a | ./nav[@class='main']/details/summary")]
    return brand, items


def test_one_stylesheet_and_one_header_for_reader_and_site(client: TestClient, store: Store, tmp_path: Path) -> None:
    site = build_site(store, tmp_path / "out")
    assert client.get("/static/style.css").content == (site / "style.css").read_bytes()
    reader_home = client.get("/").text
    site_home = (site / "index.html").read_text(encoding="utf-8")
    site_article = next((site / "a").rglob("*.html")).read_text(encoding="utf-8")
    assert header_of(reader_home) == header_of(site_home) == header_of(site_article)
    assert header_of(reader_home) == ("新闻镜像", ["多家媒体报道", "媒体", "修改与删除"])
    # The reader adds search and the script toggle; the site, written once, has neither.
    assert 'role="search"' in reader_home and "data-script-toggle" in reader_home
    assert 'role="search"' not in site_home


def test_outlet_menu_is_a_closed_disclosure(client: TestClient) -> None:
    from lxml import html

    page = html.fromstring(client.get("/").text)
    [menu] = page.xpath("//header//details[@class='outlets']")
    assert menu.get("open") is None
    assert {"新闻网", "中央社"} <= {a.text_content() for a in menu.xpath(".//a")}


def test_story_pages_have_jump_links_to_every_section_and_report(client: TestClient, store: Store,
                                                                 tmp_path: Path) -> None:
    from lxml import html

    from tests.web.conftest import SIMPLIFIED, STORY, TRADITIONAL

    page = html.fromstring(client.get(f"/story/{STORY.id}").text)
    targets = [href[1:] for href in page.xpath("//nav[@id='toc']//a/@href")]
    assert {f"report-{SIMPLIFIED.id}", f"report-{TRADITIONAL.id}", "reports"} <= set(targets)
    for target in targets:
        assert page.xpath(f"//*[@id='{target}']"), target  # every jump lands somewhere
    assert page.xpath("//a[@class='to-top'][@href='#toc']")
    site = build_site(store, tmp_path / "out")
    story = html.fromstring((site / "story" / STORY.id / "index.html").read_text(encoding="utf-8"))
    targets = [href[1:] for href in story.xpath("//nav[@id='toc']//a/@href")]
    assert f"report-{SIMPLIFIED.id}" in targets
    for target in targets:
        assert story.xpath(f"//*[@id='{target}']"), target


def test_dark_mode_is_in_the_shared_stylesheet(client: TestClient) -> None:
    css = client.get("/static/style.css").text
    assert "@media (prefers-color-scheme:dark)" in css and "--bg:" in css


def feed_links(page: str) -> list[str]:
    from lxml import html

    return html.fromstring(page).xpath("//head/link[@rel='alternate'][@type='application/atom+xml']/@href")


def test_every_page_advertises_a_feed_and_the_reader_has_outlet_and_story_feeds(
        client: TestClient, store: Store, tmp_path: Path) -> None:
    from lxml import etree

    from tests.web.conftest import SIMPLIFIED, STORY, TRADITIONAL

    for path in ("/", "/stories", f"/article/{SIMPLIFIED.id}", "/search?q=马朝旭", "/changes", f"/story/{STORY.id}"):
        assert "/atom.xml" in feed_links(client.get(path).text), path
    assert "/outlet/%E6%96%B0%E9%97%BB%E7%BD%91/atom.xml" in feed_links(client.get("/outlet/新闻网").text)
    assert f"/story/{STORY.id}/atom.xml" in feed_links(client.get(f"/story/{STORY.id}").text)

    def entry_links(path: str) -> list[str]:
        response = client.get(path)
        assert response.status_code == 200 and "atom" in response.headers["content-type"], path
        return etree.fromstring(response.content).xpath("//*[local-name()='entry']/*[local-name()='link']/@href")

    outlet = entry_links("/outlet/新闻网/atom.xml")
    assert outlet and all("127.0.0.1" in link or "testserver" in link for link in outlet)
    assert any(SIMPLIFIED.id in link for link in outlet) and not any(TRADITIONAL.id in link for link in outlet)
    story = entry_links(f"/story/{STORY.id}/atom.xml")
    assert {SIMPLIFIED.id, TRADITIONAL.id} == {link.rsplit("/", 1)[-1] for link in story}
    assert len(entry_links("/atom.xml")) >= 5
    assert client.get("/outlet/没有这家/atom.xml").status_code == 404
    assert client.get("/story/none/atom.xml").status_code == 404

    site = build_site(store, tmp_path / "out")
    root_feed = etree.fromstring((site / "atom.xml").read_bytes())
    assert len(root_feed.xpath("//*[local-name()='entry']")) >= 5
    assert (site / "rss.xml").is_file()
    for page in (site / "index.html", next((site / "a").rglob("*.html")), site / "story" / STORY.id / "index.html"):
        links = feed_links(page.read_text(encoding="utf-8"))
        assert any(link.endswith("atom.xml") and not link.startswith("http") for link in links), page
        assert (page.parent / [link for link in links if link.endswith("atom.xml")][0]).resolve().is_file(), page


def test_the_reader_answers_the_browsers_favicon_request_with_the_sites_icon(client: TestClient) -> None:
    # Browsers ask every site for /favicon.ico; a 404 was a console error in Chromium on every first visit.
    answer = client.get("/favicon.ico")
    shipped = resources.files("newsmirror.publish") / "templates" / "favicon.ico"
    assert answer.status_code == 200 and answer.headers["content-type"] == "image/x-icon"
    assert answer.content == shipped.read_bytes()


def feed_words(data: bytes) -> tuple[str, str]:
    """(title, subtitle) of an Atom feed, (title, description) of an RSS one."""
    from lxml import etree

    root = etree.fromstring(data)
    if root.tag == "rss":
        return root.findtext("channel/title") or "", root.findtext("channel/description") or ""
    atom = "{http://www.w3.org/2005/Atom}"
    return root.findtext(f"{atom}title") or "", root.findtext(f"{atom}subtitle") or ""


def test_every_feed_of_both_products_is_titled_in_one_form_in_the_sites_language(
        client: TestClient, store: Store, tmp_path: Path) -> None:
    # Session 51 (polish67 row 8): the search feed was "newsmirror: 衛生部長" with an English subtitle, the changes feed
    # "newsmirror: …" with none, the others "新闻镜像 · 最新", "X · 新闻镜像", the static site's own "新闻镜像": a feed
    # reader lists subscriptions by title. Now: what the feed lists, then the site; a Chinese subtitle saying so.
    from tests.web.conftest import STORY

    reader = {name: feed_words(client.get(path).content) for name, path in {
        "latest": "/atom.xml", "outlet": "/outlet/新闻网/atom.xml", "story": f"/story/{STORY.id}/atom.xml",
        "changes": "/changes.atom", "edited": "/changes.atom?kind=edited", "deleted": "/changes.atom?kind=deleted",
        "search": "/search.atom?q=馬朝旭", "outlet edits": "/changes.atom?kind=edited&outlet=新闻网"}.items()}
    site = build_site(store, tmp_path / "out")
    static = {name: feed_words((site / path).read_bytes()) for name, path in {
        "latest": "atom.xml", "latest rss": "rss.xml", "outlet": "outlet/新闻网/atom.xml",
        "outlet rss": "outlet/新闻网/rss.xml", "story": f"story/{STORY.id}/atom.xml", "changes": "changes/atom.xml",
        "edited": "changes/edited.xml", "deleted": "changes/deleted.xml"}.items()}
    for name, (title, subtitle) in [*reader.items(), *static.items()]:
        assert title.endswith(" · 新闻镜像") and "newsmirror" not in title.lower(), (name, title)
        assert subtitle and subtitle != title and not re.search("[A-Za-z]", subtitle), (name, subtitle)
    assert reader["latest"] == ("最新 · 新闻镜像", "各家媒体的最新文章，新的在前")
    assert reader["search"] == ("搜索：馬朝旭 · 新闻镜像", "标题或正文含“馬朝旭”的文章，最相关的在前")
    assert reader["outlet edits"][0] == "新闻网 · 被修改的文章 · 新闻镜像"
    # One feed, one name in both products (the RSS copy of a feed as its Atom one).
    for name in ("latest", "outlet", "story", "changes", "edited", "deleted"):
        assert reader[name] == static[name], name
    assert static["latest rss"] == static["latest"] and static["outlet rss"] == static["outlet"]


def test_the_readers_feeds_follow_the_script_its_pages_follow(client: TestClient, store: Store) -> None:
    # Session 52 (polish68, left alone): a reader who chose 繁 read every page in 繁 but got Simplified feed titles and
    # entries: the feeds ignored ?script= and the cookie, and the pages' feed links did not carry the choice (a feed
    # reader sends no cookie). Now one choice (web.render.display_script) for pages and feeds alike.
    from urllib.parse import parse_qs, urlsplit

    import feedparser

    from tests.web.conftest import SIMPLIFIED, STORY, TRADITIONAL
    from tests.web.test_changes_pages import record

    record(store)  # an edit and a takedown, for /changes.atom
    feeds = {"latest": "/atom.xml", "outlet": "/outlet/新闻网/atom.xml", "story": f"/story/{STORY.id}/atom.xml",
             "search": "/search.atom?q=马朝旭", "changes": "/changes.atom"}

    def read(path: str, cookie: str = "") -> feedparser.FeedParserDict:
        client.cookies.clear()  # a feed reader has none (a ?script= answer sets one)
        if cookie:
            client.cookies.set("script", cookie)
        response = client.get(path)
        assert response.status_code == 200, path
        return feedparser.parse(response.content)

    # A feed reader given the page's address with ?script= (no cookie), and a browser with the cookie only.
    for by_cookie in (False, True):
        for name, path in feeds.items():
            address = path if by_cookie else path + ("&" if "?" in path else "?") + "script=zh-Hant"
            feed = read(address, "zh-Hant" if by_cookie else "")
            chosen = "cookie" if by_cookie else "address"
            assert feed.feed.title.endswith(" · 新聞鏡像"), (name, chosen, feed.feed.title)
            titles = [entry.title for entry in feed.entries]
            assert titles, name
            if name != "changes":
                assert "北京派馬朝旭赴俄磋商" in titles and "北京派马朝旭赴俄磋商" not in titles, (name, titles)
                converted = next(e for e in feed.entries if e.title == "北京派馬朝旭赴俄磋商")
                assert "中國外交部副部長馬朝旭抵達莫斯科" in converted.content[0].value, name
                assert converted.author == "新聞網" and "原文" in converted.content[0].value, name
                # Its link opens the page in the same script, wherever the feed is read.
                assert parse_qs(urlsplit(converted.link).query) == {"script": ["zh-Hant"]}, (name, converted.link)
            else:
                assert any("北京派馬朝旭赴俄磋商" in title for title in titles), titles
                assert all("script=zh-Hant" in entry.link for entry in feed.entries), name
    assert read("/atom.xml", "zh-Hant").feed.subtitle == "各家媒體的最新文章，新的在前"
    assert read("/search.atom?q=马朝旭&script=zh-Hant").feed.title == "搜尋：马朝旭 · 新聞鏡像"  # the query as typed
    # 简 converts the Traditional report (馬朝旭先赴莫斯科磋商), as its pages do.
    assert TRADITIONAL.title.replace("馬", "马") in [e.title for e in read("/atom.xml?script=zh-Hans").entries]
    # The pages' feed links carry the choice made by the cookie, so a feed reader subscribed from them gets it too.
    client.cookies.clear()
    client.get("/?script=zh-Hant")  # the toggle: remembered in the cookie
    for page in ("/", "/outlet/新闻网", f"/story/{STORY.id}", "/search?q=马朝旭", "/changes"):
        links = feed_links(client.get(page).text)
        assert links and all("script=zh-Hant" in link for link in links), (page, links)
    # Without a choice nothing changes: the feeds and their links as before.
    client.cookies.clear()
    plain = read("/atom.xml")
    assert plain.feed.title == "最新 · 新闻镜像" and SIMPLIFIED.title in [e.title for e in plain.entries]
    assert "/atom.xml" in feed_links(client.get("/").text)


def front_stories_of(page: str) -> dict[str, list[str]]:
    """The front page's story links under each heading of its 多家媒体报道 section ("" before any)."""
    from lxml import html

    section = html.fromstring(page).xpath("//section[@id='stories' or @class='stories']")[0]
    found: dict[str, list[str]] = {}
    heading = ""
    for element in section.iter("h3", "a"):
        if element.tag == "h3":
            heading = element.text_content().strip()
        else:
            found.setdefault(heading, []).append(element.get("href").rstrip("/").removesuffix("/index.html")
                                                 .rsplit("/", 1)[-1])
    return found


def test_the_front_page_opens_with_the_biggest_recent_stories_then_the_newest(
        client: TestClient, store: Store, tmp_path: Path) -> None:
    # Session 51 (polish67 row 9): the front page listed the ten newest multi-outlet stories, two- and three-report
    # ones of the last hours, and not the day's 7-outlet stories readers come for.
    from newsmirror.model import Story
    from newsmirror.store import StoryMember

    noon = datetime(2024, 6, 10, 4, tzinfo=UTC)

    def story(story_id: str, outlets: int, when: datetime, reports: int = 0) -> None:
        names = [f"{n}号报" for n in range(max(outlets, reports))]
        members = [article(f"{story_id}-{n}", outlet=names[n % outlets], title=f"{story_id}的报道{n}",
                           body_text=f"{story_id}的第{n}篇。", published_at=when + timedelta(minutes=n))
                   for n in range(max(outlets, reports))]
        for member in members:
            store.upsert_article(member)
        store.save_story(Story(id=story_id, title=f"{story_id}的新闻"), [StoryMember(m.id, story_id) for m in members])

    story("big-old", 6, noon - timedelta(days=3))  # bigger, but 3 days before the newest story: not recent
    story("big", 4, noon - timedelta(days=1), reports=6)
    story("bigger", 5, noon - timedelta(days=1, hours=1))
    story("big-tie", 4, noon - timedelta(hours=20), reports=5)
    newest = [f"new-{n:02d}" for n in range(30)]
    for n, story_id in enumerate(newest):
        story(story_id, 2, noon + timedelta(minutes=30 * n))  # the newest at 14:30 past noon
    newest.reverse()
    expected = {"近两天报道最多": ["bigger", "big", "big-tie"]}
    assert front_stories_of(client.get("/").text) == {**expected, "最新报道": newest[:7]}
    site = build_site(store, tmp_path / "out")
    assert front_stories_of((site / "index.html").read_text(encoding="utf-8")) == {**expected, "最新报道": newest[:27]}


def test_the_readers_and_the_sites_traditional_are_one_spelling(client: TestClient, store: Store,
                                                                  tmp_path: Path) -> None:
    """The static site's zh-Hant was OpenCC's s2t (此行或爲習近平, 衆, 裏, 着), the reader's 繁 s2tw (為, 眾, 裡, 著): a reader
    switching between the two products saw one sentence two ways (polish70's walk). Both are now the Taiwan forms the
    Traditional outlets of these archives write (text.script.HANT), the change pages of the site too."""
    from newsmirror.jobs.building import build

    report = article("hant-forms", outlet="简报", title="此行或为习近平首次出访", script="zh-Hans",
                     body_text="众人在会场里等着他。", published_at=datetime(2024, 5, 4, 9, tzinfo=UTC))
    store.upsert_article(report)
    reader = client.get(f"/article/{report.id}", params={"script": "zh-Hant"}).text
    build(store, tmp_path / "out", ["site"], BuildOptions(base_url="http://127.0.0.1/", script="zh-Hant"), images=False)
    site = next((tmp_path / "out" / "site").rglob(f"{report.id}.html")).read_text(encoding="utf-8")
    index = (tmp_path / "out" / "site" / "index.html").read_text(encoding="utf-8")
    for page in (reader, site):
        assert "此行或為習近平首次出訪" in page and "眾人在會場裡等著他。" in page
        assert not {"爲", "衆", "裏", "着"} & set(page)
    assert "此行或為習近平首次出訪" in index


def test_the_change_feeds_say_the_script_they_are_in_as_the_other_feeds(client: TestClient, store: Store,
                                                                          tmp_path: Path) -> None:
    """The change feeds said <language>zh in both products whatever script they were in, where every other feed says
    the one it is in (polish70's walk): a 繁 reader's /changes.atom, and a zh-Hant build's changes/atom.xml."""
    import feedparser

    from newsmirror.jobs.building import build
    from newsmirror.jobs.change_pages import write_change_pages
    from tests.web.test_changes_pages import record

    record(store)
    for script, language in (("orig", "zh"), ("zh-Hant", "zh-Hant"), ("zh-Hans", "zh-Hans")):
        client.cookies.clear()
        changes = feedparser.parse(client.get("/changes.atom", params={"script": script}).content).feed
        latest = feedparser.parse(client.get("/atom.xml", params={"script": script}).content).feed
        assert changes.language == latest.language == language, script
    for script in ("original", "zh-Hant"):
        out = tmp_path / script
        build(store, out, ["site"], BuildOptions(base_url="http://127.0.0.1/", script=script), images=False)
        write_change_pages(store, out / "site", base_url="http://127.0.0.1/", script=script)
        site = feedparser.parse((out / "site" / "atom.xml").read_bytes()).feed.language
        assert site == ("zh" if script == "original" else script)
        for name in ("atom.xml", "edited.xml", "deleted.xml"):
            assert feedparser.parse((out / "site" / "changes" / name).read_bytes()).feed.language == site, name


def test_under_hant_our_words_are_taiwans_and_an_outlets_stay_as_it_wrote_them(client: TestClient, store: Store,
                                                                                tmp_path: Path) -> None:
    """Under 繁 the interface's own words read 搜索, 搜索說明 (s2tw, characters only) where a reader in Taiwan reads 搜尋,
    搜尋說明 (polish72). Ours now get Taiwan's phrases too (publish.content.interface_converter, both products); an
    outlet's words keep characters only (text.script.HANT): its 搜索 stays 搜索, its 代码 becomes 代碼 where our footer's
    代码 reads 程式碼."""
    from lxml import html

    from newsmirror.jobs.building import build

    report = article("search-words", outlet="简报", title="新的搜索引擎上线", script="zh-Hans",
                     body_text="用户可以搜索信息，代码已经公开。", published_at=datetime(2024, 5, 4, 9, tzinfo=UTC))
    store.upsert_article(report)
    search = html.fromstring(client.get("/search", params={"q": "搜索引擎", "script": "zh-Hant"}).text)
    assert [b.text_content() for b in search.xpath("//button[@type='submit']")] == ["搜尋", "搜尋"]
    assert search.xpath("//header//input[@type='search']/@placeholder") == ["搜尋標題和正文"]
    assert search.xpath("//details[@class='search-help']/summary")[0].text_content() == "搜尋說明"
    assert "標題和正文都會搜尋" in search.xpath("//details[@class='search-help']")[0].text_content()
    assert search.xpath("//li[@class='hit']//a[@class='title']")[0].text_content() == "新的搜索引擎上線"
    page = html.fromstring(client.get(f"/article/{report.id}", params={"script": "zh-Hant"}).text)
    assert page.xpath("//header//button")[0].text_content() == "搜尋"
    assert page.xpath("//h1")[0].text_content() == "新的搜索引擎上線"
    assert "用戶可以搜索信息，代碼已經公開。" in page.xpath("//div[@class='body']")[0].text_content()
    # The reader's search feed is titled in our words; the query stays as typed.
    assert "<title>搜尋：搜索 · 新聞鏡像</title>" in client.get("/search.atom", params={"q": "搜索", "script": "zh-Hant"}).text
    build(store, tmp_path / "out", ["site"], BuildOptions(base_url="http://127.0.0.1/", script="zh-Hant"), images=False)
    site = html.fromstring(next((tmp_path / "out" / "site").rglob(f"{report.id}.html")).read_text(encoding="utf-8"))
    assert "新的搜索引擎上線" in site.xpath("//h1")[0].text_content()
    assert "用戶可以搜索信息，代碼已經公開。" in site.xpath("//main")[0].text_content()
    assert "不含跟蹤程式碼與外部資源" in site.xpath("//footer")[0].text_content()
    assert site.xpath("//header//a[@class='brand']")[0].text_content() == "新聞鏡像"  # a name: characters only
