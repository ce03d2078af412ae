"""History pages, change indexes and feeds on the static site."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

from lxml import etree, html

from newsmirror.jobs.building import build
from newsmirror.jobs.change_pages import write_change_pages
from newsmirror.model import Article
from newsmirror.publish.base import BuildOptions
from newsmirror.store import Store, open_store
from newsmirror.store.changes import WORDING, ArticleEvent, EventKind

PUBLISHED = datetime(2026, 11, 20, 13, 0, tzinfo=UTC)


def article(slug: str, text: str, outlet: str = "示例报", title: str = "标题") -> Article:
    return Article(outlet=outlet, title=title, original_url=f"https://news.example/{slug}", body_text=text,
                   body_html="".join(f"<p>{p}</p>" for p in text.split("\n\n")), published_at=PUBLISHED)


def fill(store: Store) -> tuple[str, str, str]:
    edited = article("edited", "警方称有三人死亡。\n\n第二段不变。")
    store.upsert_article(edited)
    store.upsert_article(article("edited", "警方称有一人受伤。\n\n第二段不变。"))
    store.record_article_event(ArticleEvent(edited.id, EventKind.EDITED, PUBLISHED + timedelta(hours=5), version=2,
                                            detail="1 paragraph changed"))
    gone = article("gone", "这篇报道后来被删除了。", outlet="乙报", title="被删的报道")
    store.upsert_article(gone)
    store.record_article_event(ArticleEvent(gone.id, EventKind.DELETED, PUBLISHED + timedelta(hours=6),
                                            detail="HTTP 410 Gone"))
    quiet = article("quiet", "没有任何变化的文章。", title="平静")
    store.upsert_article(quiet)
    return edited.id, gone.id, quiet.id


def test_history_pages_indexes_and_feeds_are_written(tmp_path: Path) -> None:
    site = tmp_path / "site"
    with open_store(tmp_path / "s.sqlite") as store:
        edited, gone, quiet = fill(store)
        report = write_change_pages(store, site, base_url="https://mirror.example")
    assert report.histories == 2
    assert not (site / f"history/{quiet}.html").exists()
    page = html.fromstring((site / f"history/{edited}.html").read_text(encoding="utf-8"))
    assert page.xpath("//li/@data-kind") == ["edited", "first_seen"]
    assert "".join(page.xpath("//div[@class='nm-diff']//del/text()")) == "三人死亡"
    assert "".join(page.xpath("//div[@class='nm-diff']//ins/text()")) == "一人受伤"
    assert page.xpath("//link[@href='../style.css']") and page.xpath("//link[@href='../changes.css']")
    assert page.xpath(f"//a[@href='../a/2026-11/{edited}.html']")
    gone_page = (site / f"history/{gone}.html").read_text(encoding="utf-8")
    # Stored as the server said it ("HTTP 410 Gone"), shown in the page's language.
    assert 'data-status="deleted"' in gone_page and "：网页已永久删除（HTTP 410）。" in gone_page
    assert "Gone" not in gone_page

    index = html.fromstring((site / "changes/index.html").read_text(encoding="utf-8"))
    assert index.xpath("//li/@data-kind") == ["deleted", "edited"]
    assert index.xpath("//table//a/text()") == ["乙报", "示例报"]
    outlet = html.fromstring((site / "changes/乙报/index.html").read_text(encoding="utf-8"))
    assert outlet.xpath("//li/@data-kind") == ["deleted"]
    feed = etree.fromstring((site / "changes/乙报/atom.xml").read_bytes())
    links = feed.xpath("//a:entry/a:link/@href", namespaces={"a": "http://www.w3.org/2005/Atom"})
    assert links == [f"https://mirror.example/history/{gone}.html"]
    ns = {"a": "http://www.w3.org/2005/Atom"}
    everything = etree.fromstring((site / "changes/deleted.xml").read_bytes())
    assert everything.xpath("//a:entry/a:link/@href", namespaces=ns) == [f"https://mirror.example/history/{gone}.html"]
    edited_feed = etree.fromstring((site / "changes/示例报/edited.xml").read_bytes())
    assert edited_feed.xpath("//a:entry/a:link/@href", namespaces=ns) == [
        f"https://mirror.example/history/{edited}.html"]
    assert (site / "changes.css").is_file()


def test_a_traditional_build_converts_its_change_pages_and_feeds(tmp_path: Path) -> None:
    """A 繁 build's every other page and feed converts; its change pages and feeds stayed in Simplified (polish68).
    The pages' words, titles, outlets and reasons convert; the diffs are the stored text, as the page says; the
    folders keep the stored outlet's name, so the links of the rest of the site still reach them."""
    site = tmp_path / "site"
    with open_store(tmp_path / "s.sqlite") as store:
        edited, gone, _ = fill(store)
        write_change_pages(store, site, base_url="https://mirror.example", script="zh-Hant")
    history = (site / f"history/{gone}.html").read_text(encoding="utf-8")
    assert "被刪的報道" in history and "乙報" in history and "修改與刪除" in history and "網頁已永久刪除" in history
    assert 'lang="zh-Hant"' in history and "删" not in history.split("<details>")[0]  # the first version: as stored
    page = html.fromstring((site / f"history/{edited}.html").read_text(encoding="utf-8"))
    assert "".join(page.xpath("//div[@class='nm-diff']//ins/text()")) == "一人受伤"  # the stored text
    index = html.fromstring((site / "changes/index.html").read_text(encoding="utf-8"))
    assert index.xpath("//h1/text()") == ["被修改和刪除的文章"] and index.xpath("//table//a/text()") == ["乙報", "示例報"]
    assert index.xpath("//table//a/@href") == ["../changes/乙报/index.html", "../changes/示例报/index.html"]
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = etree.fromstring((site / "changes/乙报/atom.xml").read_bytes())
    assert feed.xpath("/a:feed/a:title/text()", namespaces=ns) == ["乙報 · 被修改和刪除的文章 · 新聞鏡像"]
    assert feed.xpath("//a:entry/a:title/text()", namespaces=ns) == ["[刪除] 被刪的報道"]
    assert "删" not in (site / "changes/乙报/atom.xml").read_text(encoding="utf-8")


def test_changes_write_site_writes_as_the_sites_build_did(tmp_path: Path) -> None:
    """`changes --write-site` was given a site folder, not the build's options: into a 繁 site built with a base URL it
    wrote the change pages in Simplified and the feeds without the base URL until the next `build` (polish69). It
    now writes them as that build would (the settings its manifest records), byte for byte."""
    from typer.testing import CliRunner

    from newsmirror.cli import app

    out, db = tmp_path / "out", tmp_path / "s.sqlite"
    options = BuildOptions(script="zh-Hant", base_url="https://mirror.example/", site_title="我的镜像")
    with open_store(db) as store:
        edited, gone, _ = fill(store)
        build(store, out, formats=["site"], options=options, images=False)
        built = {path: path.read_bytes() for path in (out / "site").rglob("*")
                 if path.is_file() and path.parts[len(out.parts) + 1] in ("changes", "history")}
        shutil.rmtree(out / "site" / "changes")
        shutil.rmtree(out / "site" / "history")
    result = CliRunner().invoke(app, ["changes", "--db", str(db), "--write-site", str(out / "site")])
    assert result.exit_code == 0, result.output
    index = html.fromstring((out / "site/changes/index.html").read_text(encoding="utf-8"))
    assert index.xpath("//h1/text()") == ["被修改和刪除的文章"]
    feed = etree.fromstring((out / "site/changes/乙报/atom.xml").read_bytes())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert feed.xpath("/a:feed/a:title/text()", namespaces=ns) == ["乙報 · 被修改和刪除的文章 · 我的鏡像"]
    assert feed.xpath("//a:entry/a:link/@href", namespaces=ns) == [f"https://mirror.example/history/{gone}.html"]
    assert "被刪的報道" in (out / f"site/history/{gone}.html").read_text(encoding="utf-8")
    rewritten = {path: path.read_bytes() for path in built}
    assert rewritten == built and (out / f"site/history/{edited}.html") in built
    assert "warning" not in result.output
    # A folder no build of this version recorded settings in: written as before, and said so.
    bare = CliRunner().invoke(app, ["changes", "--db", str(db), "--write-site", str(tmp_path / "bare")])
    assert bare.exit_code == 0 and "records no build" in bare.output
    assert "被修改和删除的文章" in (tmp_path / "bare/changes/index.html").read_text(encoding="utf-8")


def test_a_second_run_without_news_rewrites_nothing(tmp_path: Path) -> None:
    site = tmp_path / "site"
    with open_store(tmp_path / "s.sqlite") as store:
        fill(store)
        first = write_change_pages(store, site)
        again = write_change_pages(store, site)
    assert first.written > 0 and again.written == 0


def test_the_site_build_writes_the_change_pages(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.sqlite") as store:
        edited, _, _ = fill(store)
        build(store, tmp_path / "out", formats=["site"], options=BuildOptions(), images=False)
    assert (tmp_path / "out/site/history" / f"{edited}.html").is_file()
    assert (tmp_path / "out/site/changes/index.html").is_file()
    assert (tmp_path / "out/site/a/2026-11" / f"{edited}.html").is_file()
    index = html.fromstring((tmp_path / "out/site/index.html").read_text(encoding="utf-8"))
    assert index.xpath("//a[@href='changes/index.html']")


def test_site_article_pages_link_their_history_and_show_takedowns(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with open_store(tmp_path / "s.sqlite") as store:
        edited, gone, quiet = fill(store)
        build(store, out, formats=["site"], options=BuildOptions(), images=False)

        def page(article_id: str) -> html.HtmlElement:
            return html.fromstring((out / "site/a/2026-11" / f"{article_id}.html").read_text(encoding="utf-8"))

        assert page(edited).xpath(f"//p[@class='history']/a[@href='../../history/{edited}.html']")
        assert not page(edited).xpath("//p[@data-status='deleted']")
        assert page(gone).xpath("//p[@data-status='deleted']")
        assert not page(quiet).xpath("//p[@class='history']")
        # A takedown after the first build re-renders the article page (incremental builds).
        store.record_article_event(ArticleEvent(quiet, EventKind.DELETED, PUBLISHED + timedelta(days=1),
                                                detail="HTTP 404"))
        build(store, out, formats=["site"], options=BuildOptions(), images=False)
        assert page(quiet).xpath("//p[@data-status='deleted']")
        assert (out / "site/history" / f"{quiet}.html").is_file()


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_with_a_cache_only_changed_histories_are_diffed_and_pages_stay_the_same(tmp_path: Path, monkeypatch) -> None:
    import newsmirror.jobs.change_pages as change_pages

    cached, fresh, cache = tmp_path / "cached", tmp_path / "fresh", tmp_path / "history.json"
    diffed: list[int] = []
    real_history = change_pages.history
    monkeypatch.setattr(change_pages, "history", lambda v, e: diffed.append(len(v)) or real_history(v, e))
    with open_store(tmp_path / "s.sqlite") as store:
        edited, _, _ = fill(store)
        write_change_pages(store, cached, cache=cache)
        first = len(diffed)
        write_change_pages(store, cached, cache=cache)
        assert len(diffed) == first  # nothing changed: nothing diffed again
        store.upsert_article(article("edited", "警方称有两人受伤。\n\n第二段不变。"))
        store.record_article_event(ArticleEvent(edited, EventKind.EDITED, PUBLISHED + timedelta(hours=9), version=3))
        write_change_pages(store, cached, cache=cache)
        assert len(diffed) == first + 1  # only the edited article
        write_change_pages(store, fresh)  # no cache: everything from scratch
    assert _tree(cached) == _tree(fresh)
    assert "第3版" in (cached / f"history/{edited}.html").read_text(encoding="utf-8")


def test_the_build_s_remembered_history_marks_equal_the_store_s(tmp_path: Path) -> None:
    from newsmirror.jobs.building import _history_marks
    from newsmirror.store.changes import history_marks

    cache = tmp_path / "marks.json"
    with open_store(tmp_path / "s.sqlite") as store:
        edited, gone, _ = fill(store)
        assert _history_marks(store, cache) == history_marks(store) != {}
        assert _history_marks(store, cache) == history_marks(store)  # from the cache
        store.upsert_article(article("edited", "警方称有两人受伤。\n\n第二段不变。"))
        store.record_article_event(ArticleEvent(gone, EventKind.RESTORED, PUBLISHED + timedelta(hours=9)))
        after = _history_marks(store, cache)
        assert after == history_marks(store)
        assert after[edited].versions == 3 and not after[gone].deleted


def test_change_indexes_name_the_versions_an_import_kept_with_links_to_their_history(tmp_path: Path) -> None:
    """Two copies of one article stored, no re-check: an edited article to `stats`, no event. The change indexes
    name it as `newsmirror changes` does (versions_kept), linking its history page; its title is escaped."""
    site = tmp_path / "site"
    with open_store(tmp_path / "s.sqlite") as store:
        edited, _, _ = fill(store)
        kept = article("kept", "原来的说法。", title="<b>旧</b>标题")
        store.upsert_article(kept)
        store.upsert_article(article("kept", "后来的说法。", title="<b>新</b>标题"))
        assert store.stats()["edited_articles"] == 2
        write_change_pages(store, site)
    assert (site / f"history/{kept.id}.html").is_file()
    for index in ("changes/index.html", "changes/示例报/index.html"):
        text = (site / index).read_text(encoding="utf-8")
        (note,) = html.fromstring(text).xpath("//p[@class='kept-versions']")
        assert note.get("data-count") == "1" and WORDING.kept_note in note.text_content()
        assert note.xpath(".//a/@href") == [f"../{'../' * index.count('示例报')}history/{kept.id}.html"]
        assert note.xpath(".//a/text()") == ["<b>新</b>标题"] and "&lt;b&gt;新" in text
        assert f"history/{edited}.html" not in html.tostring(note, encoding="unicode")  # recorded: an event
    assert not html.fromstring((site / "changes/乙报/index.html").read_text(encoding="utf-8")).xpath(
        "//p[@class='kept-versions']")


def test_an_index_with_no_events_does_not_read_as_if_kept_versions_were_found_after_all(tmp_path: Path) -> None:
    """No event, one article with a version an import kept: "re-checks found nothing", then the kept versions under
    a heading of their own (the reader's /changes reads the same: store.changes.WORDING)."""
    site = tmp_path / "site"
    with open_store(tmp_path / "s.sqlite") as store:
        store.upsert_article(article("kept", "原来的说法。", title="旧标题"))
        store.upsert_article(article("kept", "后来的说法。", title="新标题"))
        write_change_pages(store, site)
    page = html.fromstring((site / "changes/index.html").read_text(encoding="utf-8"))
    read = [(e.tag, " ".join(e.text_content().split())) for e in page.xpath(
        "//p[@class='no-events'] | //h2[@class='kept-versions'] | //p[@class='kept-versions']")]
    assert read == [("p", f"{WORDING.no_events}。"), ("h2", WORDING.kept_heading),
                    ("p", f"1 篇{WORDING.kept_note}：新标题。")]
    assert "newsmirror stats" not in page.text_content()


def test_an_original_script_sites_change_pages_say_each_articles_script(tmp_path: Path) -> None:
    """The change log and history pages were not marked by script (reader80's leftover): on an original-script site
    each entry says its article's stored script and a history page is in its article's, as the site's article pages
    and listings are; a converted site's pages are all in its script and mark nothing."""
    with open_store(tmp_path / "s.sqlite") as store:
        edited, gone, _ = fill(store)
        taiwan = Article(outlet="丙報", title="被刪的報導", original_url="https://news.example/hant", script="zh-Hant",
                         body_text="這篇報導後來被刪除了。", body_html="<p>這篇報導後來被刪除了。</p>", published_at=PUBLISHED)
        store.upsert_article(taiwan)
        store.record_article_event(ArticleEvent(taiwan.id, EventKind.DELETED, PUBLISHED + timedelta(hours=7),
                                                detail="HTTP 404 Not Found"))
        write_change_pages(store, tmp_path / "orig")
        write_change_pages(store, tmp_path / "hans", script="zh-Hans")
    index = html.fromstring((tmp_path / "orig" / "changes/index.html").read_text(encoding="utf-8"))
    assert [(li.xpath("a/@href")[0], li.get("lang")) for li in index.xpath("//li[@data-kind]")] == [
        (f"../history/{taiwan.id}.html", "zh-Hant"), (f"../history/{gone}.html", None), (f"../history/{edited}.html", None)]
    history = html.fromstring((tmp_path / "orig" / f"history/{taiwan.id}.html").read_text(encoding="utf-8"))
    assert history.get("lang") == "zh-Hant"
    assert html.fromstring((tmp_path / "orig" / f"history/{gone}.html").read_text(encoding="utf-8")).get("lang") == "zh"
    converted = html.fromstring((tmp_path / "hans" / "changes/index.html").read_text(encoding="utf-8"))
    assert not converted.xpath("//li[@lang]")
    assert html.fromstring((tmp_path / "hans" / f"history/{taiwan.id}.html").read_text(encoding="utf-8")).get("lang") == "zh-Hans"
