from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newsmirror.cli import app
from newsmirror.ingest.archives import ArchiveError
from newsmirror.jobs.importing import import_paths
from newsmirror.jobs.update import import_summary
from newsmirror.model import Article
from newsmirror.store import SearchQuery, Store, open_store
from tests.fixtures_archives import JEKYLL_POST, NAN_POST, make_archive, write


def test_import_both_formats_and_report_the_rest(tmp_path: Path, store: Store) -> None:
    archive = make_archive(tmp_path / "archive")
    seen: list[tuple[int, int]] = []
    report = import_paths(store, [archive], progress=lambda done, total, _path: seen.append((done, total)))
    assert report.counts() == {"new": 3, "updated": 0, "unchanged": 0, "duplicate": 0, "merged": 0,
                               "refreshed": 0, "failed": 0, "skipped": 4}
    assert report.imported == 3
    assert seen[-1] == (7, 7)
    assert store.count_articles() == 3
    assert {result.reason for result in report.skipped} >= {"not an article: channel-name table"}


def test_second_import_changes_nothing(tmp_path: Path, store: Store) -> None:
    archive = make_archive(tmp_path / "archive")
    import_paths(store, [archive])
    before = {article.id: len(store.versions(article.id)) for article in store.iter_articles()}
    again = import_paths(store, [archive])
    assert again.counts()["unchanged"] == 3 and again.counts()["new"] == again.counts()["updated"] == 0
    after = {article.id: len(store.versions(article.id)) for article in store.iter_articles()}
    assert before == after


def test_two_states_of_one_article_do_not_flip_flop(tmp_path: Path, store: Store) -> None:
    write(tmp_path, "a/_posts/2024-03-01-a.md", JEKYLL_POST)
    write(tmp_path, "a/_posts/2024-03-01-b.md", JEKYLL_POST.replace("下調兩成", "下調三成"))
    write(tmp_path, "a/_posts/2024-03-01-c.md", JEKYLL_POST + "\n")  # the first file again (other bytes, same text)
    first = import_paths(store, [tmp_path / "a"])
    # One article, on a fresh store: new, then its other text merged as a version and its copy a duplicate
    # (they said "1 updated, 1 unchanged", read as an edit and a re-import).
    assert first.counts()["new"] == 1 and first.counts()["updated"] == first.counts()["unchanged"] == 0
    assert first.counts()["merged"] == 1 and first.counts()["duplicate"] == 1
    assert first.imported == store.count_articles() == 1 and first.article_files == 3
    second = import_paths(store, [tmp_path / "a"])
    assert second.counts()["unchanged"] == 1 and second.counts()["duplicate"] == 2 and second.imported == 1
    (article,) = list(store.iter_articles())
    assert len(store.versions(article.id)) == 2


def test_an_edited_headline_is_said_to_be_an_edit_as_stats_counts_it(tmp_path: Path) -> None:
    # The demo's corpus holds one feed article crawled twice, its headline changed between the crawls (日日 -> 每天,
    # same body): a version, so `stats` counted an edited article that the import had called "other text".
    write(tmp_path, "a/_posts/2024-03-01-a.md", JEKYLL_POST)
    write(tmp_path, "a/_posts/2024-03-01-b.md", JEKYLL_POST.replace("公車票價下調", "公車票價將下調"))
    db = str(tmp_path / "s.sqlite")
    runner = CliRunner()
    result = runner.invoke(app, ["import", str(tmp_path / "a"), "--db", db])
    assert result.exit_code == 0, result.output
    with open_store(db) as store:
        (article,) = list(store.iter_articles())
        assert [version.title for version in store.versions(article.id)] == ["測試市長宣布新交通政策 公車票價下調",
                                                                             "測試市長宣布新交通政策 公車票價將下調"]
        assert store.stats()["edited_articles"] == 1
    output = " ".join(result.output.split())
    assert "edit (another title or text of an article, kept as a version) │ 1" in output
    assert f"1 article edited, what changed: `newsmirror history {article.id}`" in output
    stats = " ".join(runner.invoke(app, ["stats", "--db", db]).output.split())
    assert "edited articles (2+ versions: `newsmirror history ID`) │ 1" in stats
    # three more states of the same article: the first updates it, two are edit files of one edited article,
    # and the line under the table says both counts
    write(tmp_path, "b/_posts/2024-03-02-c.md", JEKYLL_POST.replace("公車票價下調", "公車票價再下調"))
    write(tmp_path, "b/_posts/2024-03-02-d.md", JEKYLL_POST.replace("公車票價下調", "公車票價又下調"))
    write(tmp_path, "b/_posts/2024-03-02-e.md", JEKYLL_POST.replace("公車票價下調", "公車票價還下調"))
    again = " ".join(runner.invoke(app, ["import", str(tmp_path / "b"), "--db", db]).output.split())
    assert "edit (another title or text of an article, kept as a version) │ 2" in again
    assert f"1 article edited by 2 edit files, what changed: `newsmirror history {article.id}`" in again
    report = import_paths(open_store(db), [tmp_path / "a"], reread=True)
    assert report.edited == [] and import_summary(report) == (  # read again: nothing is new
        "imported 1 article from 2 article files: 0 new, 0 updated, 1 unchanged; 1 file repeated one of these "
        "articles: 1 duplicate; 0 failed, 0 not articles")


@pytest.mark.parametrize("names", [("a", "b"), ("b", "a")], ids=["read-in-time-order", "read-in-reverse"])
def test_an_archive_read_in_any_order_gives_one_history(tmp_path: Path, names: tuple[str, str]) -> None:
    # The demo's RFA item: archived twice, its `date` 37 s later in the copy whose headline changed. The file read
    # first was version 1, so the history depended on file names; it follows the copies' dates now.
    later = (JEKYLL_POST.replace("公車票價下調", "公車票價將下調").replace("04:05:06.000Z", "04:05:43.000Z")
             .replace("<!--1709265906000-->", "<!--1709265943000-->"))
    write(tmp_path, f"a/_posts/2024-03-01-{names[0]}.md", JEKYLL_POST)
    write(tmp_path, f"a/_posts/2024-03-01-{names[1]}.md", later)
    with open_store(tmp_path / "s.sqlite") as store:
        import_paths(store, [tmp_path / "a"], workers=1)
        (article,) = list(store.iter_articles())
        assert [(v.number, v.title) for v in store.versions(article.id)] == [
            (1, "測試市長宣布新交通政策 公車票價下調"), (2, "測試市長宣布新交通政策 公車票價將下調")]
        assert article.title == "測試市長宣布新交通政策 公車票價將下調"  # the later copy is the current text
        # Read again (every file): nothing changes, whatever the order.
        assert import_paths(store, [tmp_path / "a"], workers=1, reread=True).edited == []
        assert len(store.versions(article.id)) == 2


def test_the_demo_line_names_each_edit_as_stats_counts_it(tmp_path: Path, store: Store) -> None:
    write(tmp_path, "a/_posts/2024-03-01-a.md", JEKYLL_POST)
    write(tmp_path, "a/_posts/2024-03-01-b.md", JEKYLL_POST.replace("公車票價下調", "公車票價將下調"))
    write(tmp_path, "a/_posts/2024-03-01-c.md", JEKYLL_POST.replace("公車票價下調", "公車票價下調兩成"))
    write(tmp_path, "a/_posts/2024-03-02-a.md", NAN_POST)
    report = import_paths(store, [tmp_path / "a"])
    ids = {article.title: article.id for article in store.iter_articles()}
    edited = ids["測試市長宣布新交通政策 公車票價下調兩成"]
    assert report.edited == [edited] and store.stats()["edited_articles"] == 1
    assert import_summary(report) == (
        "imported 2 articles from 4 article files: 2 new, 0 updated, 0 unchanged; 2 files repeated one of these "
        f"articles: 2 edits of 1 article (another title or text, kept as versions: `newsmirror history {edited}`)"
        "; 0 failed, 0 not articles")


def test_a_bad_file_is_reported_and_the_run_goes_on(tmp_path: Path, store: Store) -> None:
    archive = make_archive(tmp_path / "archive")
    write(archive, "feeds/_posts/2024-03-03-broken.md", "---\nlayout: post\ntitle: \"无链接\"\n---\n<p>正文</p>\n")
    write(archive, "feeds/_posts/2024-03-04-empty.md",
          JEKYLL_POST.split("<div>\n", 1)[0] + "<div><script>x()</script></div>")
    report = import_paths(store, [archive])
    failures = {Path(result.path).name: result.reason for result in report.failures}
    assert set(failures) == {"2024-03-03-broken.md"}
    assert "original URL" in failures["2024-03-03-broken.md"]
    # A post whose body is nothing but boilerplate is no article: skipped with its reason.
    skipped = {Path(result.path).name: result.reason for result in report.skipped}
    assert "no text left after cleaning" in skipped["2024-03-04-empty.md"]
    assert report.counts()["new"] == 3


def test_cli_import_again_says_how_many_articles_were_new(tmp_path: Path) -> None:
    """A folder imported again ended with "articles imported 3" though every article was stored already (safety70,
    polish67's walk: "articles imported 505" of 505 unchanged): the row says how many were new."""
    archive = make_archive(tmp_path / "archive")
    db = str(tmp_path / "again.sqlite")
    first = CliRunner().invoke(app, ["import", str(archive), "--db", db], env={"COLUMNS": "200"})
    assert "articles imported │ 3" in " ".join(first.output.split()) and "already stored" not in first.output
    write(archive, "feeds/_posts/2024-03-09-new.md", JEKYLL_POST.replace("202403010001", "202403090009").replace("公車票價下調", "捷運延長營運"))
    again = CliRunner().invoke(app, ["import", str(archive), "--db", db], env={"COLUMNS": "200"})
    assert "articles imported (1 new, 3 already stored) │ 4" in " ".join(again.output.split()), again.output


def test_stats_of_a_store_without_channels_prints_no_none_row(tmp_path: Path) -> None:
    """A store of Jekyll archives printed a "by channel" table whose one row was "(none) 505" (safety70, polish67's
    walk); a store with channels lists them, and its articles without one as "(no channel)"."""
    write(tmp_path, "a/_posts/2024-03-01-a.md", JEKYLL_POST)
    db = str(tmp_path / "s.sqlite")
    runner = CliRunner()
    runner.invoke(app, ["import", str(tmp_path / "a"), "--db", db])
    stats = " ".join(runner.invoke(app, ["stats", "--db", db]).output.split())
    assert "(none)" not in stats and "by channel: no article has one" in stats and "中央社 │ 1" in stats
    make_archive(tmp_path / "b")
    runner.invoke(app, ["import", str(tmp_path / "b"), "--db", db])
    stats = " ".join(runner.invoke(app, ["stats", "--db", db]).output.split())
    assert "大陆新闻 │ 1" in stats and "(no channel) │" in stats and "(none)" not in stats


def test_missing_path_stops_before_anything_is_stored(tmp_path: Path, store: Store) -> None:
    archive = make_archive(tmp_path / "archive")
    with pytest.raises(ArchiveError):
        import_paths(store, [archive, tmp_path / "missing"])
    assert store.count_articles() == 0


def test_cli_import(tmp_path: Path) -> None:
    archive = make_archive(tmp_path / "archive")
    write(archive, "feeds/_posts/2024-03-03-broken.md", "---\nlayout: post\ntitle: \"无链接\"\n---\n<p>正文</p>\n")
    db = str(tmp_path / "cli.sqlite")
    runner = CliRunner()
    result = runner.invoke(app, ["import", str(archive), "--db", db])
    assert result.exit_code == 0, result.output
    assert "articles imported" in result.output and "2024-03-03-broken.md" in result.output
    assert "duplicate" not in result.output  # its rows only when some file repeats an article
    missing = runner.invoke(app, ["import", str(tmp_path / "nope"), "--db", db])
    assert missing.exit_code == 1 and "path not found" in missing.output
    assert "Traceback" not in missing.output
    # A negative number of extraction processes was taken silently, as 1.
    negative = runner.invoke(app, ["import", str(archive), "--db", db, "--workers", "-3"], env={"COLUMNS": "200"})
    assert negative.exit_code == 2 and "Invalid value for '--workers'" in negative.output
    with open_store(db) as store:
        assert store.count_articles() == 3


def test_unchanged_files_are_skipped_on_their_hash_without_extraction(
        tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    archive = make_archive(tmp_path / "archive")
    import_paths(store, [archive], workers=1)

    def refuse(raw: object) -> None:
        raise AssertionError("an unchanged file was extracted again")

    monkeypatch.setattr("newsmirror.jobs.importing.extract_article", refuse)
    again = import_paths(store, [archive], workers=1)
    assert again.counts() == {"new": 0, "updated": 0, "unchanged": 3, "duplicate": 0, "merged": 0,
                              "refreshed": 0, "failed": 0, "skipped": 4}
    assert {r.reason for r in again.skipped} >= {"not an article: channel-name table"}
    # A changed file is read again (and here refused, so it fails: it was not skipped).
    post = next(archive.rglob("2024-03-01-*.md"))
    post.write_text(post.read_text(encoding="utf-8").replace("下調兩成", "下調三成"), encoding="utf-8")
    changed = import_paths(store, [archive], workers=1)
    assert changed.counts()["failed"] == 1 and changed.counts()["unchanged"] == 2
    forced = import_paths(store, [archive], workers=1, reread=True)
    assert forced.counts()["failed"] == 3


def test_a_pool_of_workers_imports_the_same_as_one_process(tmp_path: Path) -> None:
    for n in range(70):  # above the pool threshold
        write(tmp_path, f"a/_posts/2024-03-01-{n}.md",
              JEKYLL_POST.replace("202403010001", f"2024030100{n:02d}").replace("下調兩成", f"下調{n}成"))
    write(tmp_path, "a/404.md", "---\nlayout: page\ntitle: 404\n---\n找不到。\n")
    with open_store(tmp_path / "one.sqlite") as one, open_store(tmp_path / "pool.sqlite") as pooled:
        alone = import_paths(one, [tmp_path / "a"], workers=1)
        together = import_paths(pooled, [tmp_path / "a"], workers=2)
        assert alone.counts() == together.counts() == {
            "new": 70, "updated": 0, "unchanged": 0, "duplicate": 0, "merged": 0, "refreshed": 0, "failed": 0,
            "skipped": 1}
        assert [r.path for r in alone.results] == [r.path for r in together.results]
        assert sorted(a.content_hash for a in one.iter_articles()) == sorted(
            a.content_hash for a in pooled.iter_articles())
        assert pooled.count_search(SearchQuery("公車")) == 70


def test_cli_import_of_a_missing_path_leaves_no_store_behind(tmp_path: Path) -> None:
    # A mistyped path stopped the import but left an empty store at ./data/newsmirror.sqlite (or a PostgreSQL store's
    # tables): `stats` then counted 0 articles where it had said there was no store. The paths are checked first.
    archive = make_archive(tmp_path / "archive")
    db = tmp_path / "data" / "never.sqlite"
    runner = CliRunner()
    missing = runner.invoke(app, ["import", str(archive), str(tmp_path / "archve"), "--db", str(db)])
    assert missing.exit_code == 1 and f"path not found: {tmp_path / 'archve'}" in missing.output
    assert not db.exists() and not db.parent.exists()
    stats = runner.invoke(app, ["stats", "--db", str(db)])
    assert stats.exit_code == 1 and "no store at" in stats.output


def _older_extractor(monkeypatch: pytest.MonkeyPatch) -> None:
    """The import's extractor as an older version read the same files: the date 8 hours off (a zone guessed), no
    author, links joined to their host (polish79's two fixes that reached no stored article)."""
    from newsmirror.jobs import importing

    real = importing.extract_article

    def older(raw: Any) -> Article:
        article = real(raw)
        return replace(article, authors=[],
                       published_at=article.published_at + timedelta(hours=8) if article.published_at else None,
                       body_html=article.body_html.replace('href="https://', 'href="https://www.economist.comhttps://'))

    monkeypatch.setattr(importing, "extract_article", older)


def test_reread_refreshes_an_unchanged_article_in_place(
        tmp_path: Path, store_location: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """An extraction fix that moves only dates, authors, images or links reached no stored article: `import
    --reread` compared the content hash of title and text and called the article unchanged (polish79). Now it is
    refreshed in place: what a fresh import gives, with no version, no edit, its id and first sighting kept."""
    archive = make_archive(tmp_path / "archive")
    with open_store(tmp_path / "fresh.sqlite") as fresh:
        import_paths(fresh, [archive], workers=1)
        wanted = {a.id: (a.published_at, a.authors, a.body_html) for a in fresh.iter_articles()}
    assert any(authors for _, authors, _ in wanted.values())
    with open_store(store_location) as store:
        with monkeypatch.context() as patched:
            _older_extractor(patched)
            import_paths(store, [archive], workers=1)
        later = datetime.now(UTC) + timedelta(days=3650)
        first_seen = {d.article_id: d.first_seen_at for d in store.due_checks(later)}
        assert {a.id: (a.published_at, a.authors, a.body_html) for a in store.iter_articles()} != wanted
        plain = import_paths(store, [archive], workers=1)  # unchanged files, skipped on their bytes
        assert plain.counts()["unchanged"] == 3 and plain.counts()["refreshed"] == 0
        again = import_paths(store, [archive], workers=1, reread=True)
        assert again.counts()["refreshed"] == 3 and again.counts()["unchanged"] == 0 and again.imported == 3
        assert {a.id: (a.published_at, a.authors, a.body_html) for a in store.iter_articles()} == wanted
        assert all(len(store.versions(i)) == 1 and store.article_events(i) == [] for i in wanted)
        assert {d.article_id: d.first_seen_at for d in store.due_checks(later)} == first_seen
        assert store.stats()["edited_articles"] == 0
        third = import_paths(store, [archive], workers=1, reread=True)
        assert third.counts()["refreshed"] == 0 and third.counts()["unchanged"] == 3



def test_reread_reads_a_stored_articles_origin_and_version_hashes_not_the_article(
        tmp_path: Path, store_location: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """review61: every file of a `--reread` read its stored article whole (bodies inflated) to compare one name
    (``_read_from``: the origin), and every version whole to compare their hashes (``_seen_before``), before
    ``refresh_article`` read the article once more. Now the two read one column each: a reread of a current archive
    reads each article once (the refresh's own comparison) and no version."""
    archive = make_archive(tmp_path / "archive")
    with open_store(store_location) as store:
        import_paths(store, [archive], workers=1)
        calls = {"get_article": 0, "versions": 0}
        for name in calls:
            real = getattr(store, name)

            def counted(*args: Any, _real: Any = real, _name: str = name) -> Any:
                calls[_name] += 1
                return _real(*args)

            monkeypatch.setattr(store, name, counted)
        again = import_paths(store, [archive], workers=1, reread=True)
        assert again.counts()["unchanged"] == 3 and again.counts()["refreshed"] == 0
        assert calls == {"get_article": 3, "versions": 0}, calls
        for article in store.iter_articles():
            assert store.article_origin(article.id) == article.origin and article.origin
            assert store.version_hashes(article.id) == [v.content_hash for v in store.versions(article.id)]
        assert store.article_origin("no-such-article") is None and store.version_hashes("no-such-article") == []

def test_reread_refreshes_an_article_by_the_first_file_of_its_text(
        tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """One post in two folders (``_posts/`` and ``archived/<day>/``, as the waimei export holds them), the copies
    read otherwise: the first file's reading is kept, as a first import keeps it; the second is a duplicate, not a
    second refresh that would overwrite the first's and flip them on every run."""
    write(tmp_path, "a/_posts/2024-03-01-a.md", JEKYLL_POST)
    write(tmp_path, "a/archived/2024-03-01/2024-03-01-a.md", JEKYLL_POST.replace("/800/bus.jpg", "/800/bus-2.jpg"))
    with monkeypatch.context() as patched:
        _older_extractor(patched)
        import_paths(store, [tmp_path / "a"], workers=1)
    again = import_paths(store, [tmp_path / "a"], workers=1, reread=True)
    assert again.counts()["refreshed"] == 1 and again.counts()["duplicate"] == 1
    (article,) = list(store.iter_articles())
    assert [i.url for i in article.images] == ["https://img.example.tw/800/bus.jpg"] and article.authors
    assert len(store.versions(article.id)) == 1
    assert import_paths(store, [tmp_path / "a"], workers=1, reread=True).counts()["refreshed"] == 0


def test_a_re_dated_copy_of_a_post_is_no_refresh(
        tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """The archive files a feed's re-dated item again on a later day (another file, the same text): its date is the
    re-post's. Rereading that day's folder alone moved the stored article to it (a DW article of 2020-10-03 to
    2020-11-10 on the whole archive); only the file the article was read from refreshes it."""
    write(tmp_path, "a/archived/2024-03-01/2024-03-01-a.md", JEKYLL_POST)
    later = JEKYLL_POST.replace("date: 2024-03-01T04:05:06.000Z", "date: 2024-03-09T04:05:06.000Z")
    write(tmp_path, "a/archived/2024-03-09/2024-03-09-a.md", later)
    with monkeypatch.context() as patched:
        _older_extractor(patched)
        import_paths(store, [tmp_path / "a"], workers=1)
    (stored,) = list(store.iter_articles())
    alone = import_paths(store, [tmp_path / "a" / "archived" / "2024-03-09"], workers=1, reread=True)
    assert alone.counts()["refreshed"] == 0 and alone.counts()["unchanged"] == 1
    (article,) = list(store.iter_articles())
    assert article.published_at == stored.published_at and article.authors == []
    both = import_paths(store, [tmp_path / "a"], workers=1, reread=True)
    assert both.counts()["refreshed"] == 1 and both.counts()["duplicate"] == 1
    (article,) = list(store.iter_articles())
    assert article.published_at == datetime(2024, 3, 1, 4, 5, 6, tzinfo=UTC) and article.authors


def test_cli_import_reread_says_how_many_were_refreshed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archive = make_archive(tmp_path / "archive")
    db = str(tmp_path / "s.sqlite")
    runner = CliRunner()
    with monkeypatch.context() as patched:
        _older_extractor(patched)
        first = runner.invoke(app, ["import", str(archive), "--db", db], env={"COLUMNS": "200"})
    assert first.exit_code == 0 and "refreshed" not in first.output  # no row unless --reread or some
    again = runner.invoke(app, ["import", str(archive), "--db", db, "--reread"], env={"COLUMNS": "200"})
    assert again.exit_code == 0, again.output
    assert "refreshed (text unchanged; date, authors, images, links read again) │ 3" in " ".join(again.output.split())
    third = runner.invoke(app, ["import", str(archive), "--db", db, "--reread"], env={"COLUMNS": "200"})
    assert "refreshed (text unchanged; date, authors, images, links read again) │ 0" in " ".join(third.output.split())
    assert "refreshed in place" in " ".join(runner.invoke(app, ["import", "--help"], env={"COLUMNS": "200"}).output.split())


def test_a_refresh_that_fails_leaves_the_article_as_it_was(
        tmp_path: Path, store_location: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A refresh that fails half way (here the search index, after the article's row was written) is a failed file;
    its article keeps every field as stored, the batch's others are refreshed, and the next --reread refreshes it."""
    archive = make_archive(tmp_path / "archive")
    with open_store(store_location) as store:
        with monkeypatch.context() as patched:
            _older_extractor(patched)
            import_paths(store, [archive], workers=1)
        before = {a.id: (a.published_at, a.authors, a.body_html) for a in store.iter_articles()}
        marks = dict(store.article_hashes())
        name = "_index_for_search" if hasattr(store, "_index_for_search") else "_index"  # SQLite's, PostgreSQL's
        index = getattr(store, name)
        failing = next(iter(before))

        def refuse(article: Article, *previous: Any) -> None:
            if article.id == failing:
                raise RuntimeError("disk full")
            index(article, *previous)

        with monkeypatch.context() as patched:
            patched.setattr(store, name, refuse)
            report = import_paths(store, [archive], workers=1, reread=True)
        assert report.counts()["failed"] == 1 and report.counts()["refreshed"] == 2
        assert "disk full" in report.failures[0].reason
        after = {a.id: (a.published_at, a.authors, a.body_html) for a in store.iter_articles()}
        assert after[failing] == before[failing] and dict(store.article_hashes())[failing] == marks[failing]
        assert [v.published_at for v in store.versions(failing)] == [before[failing][0]]
        assert all(after[i] != before[i] for i in before if i != failing)
        assert import_paths(store, [archive], workers=1, reread=True).counts()["refreshed"] == 1
