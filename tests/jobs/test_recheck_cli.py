"""`newsmirror recheck`, `changes` and `history` against a loopback site."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from typer.testing import CliRunner

from newsmirror.cli import app
from newsmirror.jobs.recheck import default_extractor
from newsmirror.model import Article, DocumentKind, RawDocument
from newsmirror.store import open_store
from tests.httpserver import LoopbackServer
from tests.jobs.test_recheck_loopback import ARTICLE_PATH, PARAGRAPHS, article_page


def store_loopback_article(server: LoopbackServer, location: str, folder: Path) -> tuple[Path, Article]:
    """Serve the article page on ``server``, store its extraction in ``location`` and write a
    config without politeness delays or retries: the set-up of the recheck CLI tests."""
    config = folder / "newsmirror.toml"
    # The article is stored without a source: its loopback site is allowed as an operator allows a LAN host.
    config.write_text('[fetch]\nper_host_delay_seconds = 0\nmax_retries = 0\nprivate_hosts = ["127.0.0.1"]\n',
                      encoding="utf-8")
    url = server.url(ARTICLE_PATH)
    server.route(ARTICLE_PATH, body=article_page())
    article = default_extractor()(RawDocument(kind=DocumentKind.WEB_PAGE, content=article_page(), url=url,
                                              outlet_hint="示例新闻网"))
    with open_store(location) as store:
        store.upsert_article(article)
    return config, article


def test_recheck_then_changes_and_history(loopback_server: LoopbackServer, tmp_path: Path) -> None:
    db = str(tmp_path / "store.sqlite")
    config, article = store_loopback_article(loopback_server, db, tmp_path)
    runner = CliRunner()
    base = ["--db", db, "--config", str(config), "--article", article.id]

    first = runner.invoke(app, ["recheck", *base])
    assert first.exit_code == 0, first.output
    assert "baseline" in first.output or "unchanged" in first.output

    loopback_server.route(ARTICLE_PATH, body=article_page(paragraphs=[*PARAGRAPHS, "新增加的一段说明文字。"]))
    second = runner.invoke(app, ["recheck", *base])
    assert second.exit_code == 0, second.output
    assert "edited" in second.output

    loopback_server.gone(ARTICLE_PATH)
    third = runner.invoke(app, ["recheck", *base])
    assert "deleted" in third.output and "网页已永久删除（HTTP 410）" in third.output and "Gone" not in third.output

    listed = runner.invoke(app, ["changes", "--db", db, "--json"])
    assert listed.exit_code == 0, listed.output
    data = json.loads(listed.output)
    assert [c["kind"] for c in data["changes"]] == ["deleted", "edited"]
    # The record as stored (the server's words), and what the reader's pages say of it.
    assert data["changes"][0]["detail"].startswith("HTTP 410 Gone")
    assert data["changes"][0]["reason"].startswith("网页已永久删除（HTTP 410）；最后一次在线：")
    # UTC as every --json and /api write it ("Z"), not isoformat()'s "+00:00" (ux42)
    assert all(c["seen_at"].endswith("Z") and "+00:00" not in c["seen_at"] for c in data["changes"])
    assert data["counts"]["示例新闻网"] == {"edited": 1, "deleted": 1, "deleted_now": 1}
    assert runner.invoke(app, ["changes", "--db", db, "--kind", "nonsense"]).exit_code == 1

    shown = runner.invoke(app, ["history", article.id, "--db", db])
    assert shown.exit_code == 0, shown.output
    assert "v2" in shown.output and "新增加的一段说明文字" in shown.output and "{+" in shown.output and "deleted" in shown.output
    assert "网页已永久删除（HTTP 410）" in shown.output and "Gone" not in shown.output


def test_recheck_with_nothing_due_says_so(tmp_path: Path) -> None:
    open_store(tmp_path / "empty.sqlite").close()  # reading commands do not create stores
    result = CliRunner().invoke(app, ["recheck", "--db", str(tmp_path / "empty.sqlite")])
    assert result.exit_code == 0 and "nothing is due" in result.output
    assert "next is due" not in result.output  # nothing stored: no next one either


def test_recheck_with_nothing_due_yet_says_when_the_next_is(tmp_path: Path) -> None:
    """Just after a fetch (a first check comes 30 minutes after it), "nothing is due for a re-check." alone left the
    walk's operator wondering whether the articles were scheduled at all."""
    from newsmirror.text import times

    db = tmp_path / "fetched.sqlite"
    fetched = Article(outlet="示例新闻网", title="标题", original_url="https://a.example/1", body_text="第一段。")
    with open_store(db) as store:
        store.upsert_article(fetched)
        article = store.get_article(fetched.id)
    assert article is not None
    result = CliRunner().invoke(app, ["recheck", "--db", str(db)])
    assert result.exit_code == 0, result.output
    due = times.stamp(article.fetched_at + timedelta(minutes=30))
    assert f"nothing is due for a re-check; the next is due at {due}" in " ".join(result.output.split())


def test_the_next_due_named_is_a_schedule_before_a_first_check(tmp_path: Path) -> None:
    """An article checked before and due again in 10 minutes comes before a new one's first check (30 minutes after
    it was first seen): main named the new one's, the first row ordered by its first sighting (review59)."""
    from newsmirror.store.changes import CheckState
    from newsmirror.text import times

    db = tmp_path / "fetched.sqlite"
    checked = Article(outlet="示例新闻网", title="旧", original_url="https://a.example/0", body_text="旧的一段。")
    with open_store(db) as store:
        store.upsert_article(checked)
        first_seen = store.due_checks(checked.fetched_at + timedelta(days=1))[0].first_seen_at
        soon = first_seen + timedelta(minutes=10)
        store.save_check_state(CheckState(checked.id, next_check_at=soon))
        store.upsert_article(Article(outlet="示例新闻网", title="新", original_url="https://a.example/1",
                                     body_text="新的一段。"))
    result = CliRunner().invoke(app, ["recheck", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert f"the next is due at {times.stamp(soon)}" in " ".join(result.output.split())


def test_history_of_an_unknown_article_is_a_clear_error(tmp_path: Path) -> None:
    open_store(tmp_path / "empty.sqlite").close()  # reading commands do not create stores
    result = CliRunner().invoke(app, ["history", "nope", "--db", str(tmp_path / "empty.sqlite")])
    assert result.exit_code == 1 and "no article" in result.output


def test_recheck_queue_adds_the_worker_job_once(tmp_path: Path) -> None:
    db = str(tmp_path / "q.sqlite")
    open_store(db).close()  # reading commands do not create stores
    runner = CliRunner()
    first = runner.invoke(app, ["recheck", "--db", db, "--queue", "--outlet", "示例新闻网"])
    second = runner.invoke(app, ["recheck", "--db", db, "--queue", "--outlet", "示例新闻网"])
    assert first.exit_code == 0 and "queued the recheck job" in first.output
    assert "already queued" in second.output
    with open_store(db) as store:
        assert store.get_job("recheck", "示例新闻网") is not None


def test_history_agrees_with_the_reader_on_seconds_and_zone(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from newsmirror.model import Article

    db = str(tmp_path / "store.sqlite")
    stamp = datetime(2021, 1, 20, 1, 2, 5, tzinfo=UTC)

    def version(text: str, second: int) -> Article:
        return Article(outlet="示例报", title="秒差", original_url="https://example.org/s", body_text=text,
                       published_at=stamp.replace(second=second))

    with open_store(db) as store:
        store.upsert_article(version("原来的说法。", 5))
        store.upsert_article(version("后来的说法。", 48))
        article_id = version("", 0).id
    result = CliRunner().invoke(app, ["history", article_id, "--db", db])
    assert result.exit_code == 0, result.output
    assert "edited" in result.output and "UTC+8" in result.output
    assert "date" not in result.output  # 09:02 -> 09:02 is no change


def test_changes_with_nothing_recorded_is_one_sentence_not_an_empty_table(tmp_path: Path) -> None:
    db = str(tmp_path / "quiet.sqlite")
    with open_store(db):
        pass
    result = CliRunner().invoke(app, ["changes", "--db", db])
    assert result.exit_code == 0, result.output
    assert "┃" not in result.output and "no edits or takedowns recorded" in result.output
    assert "newsmirror recheck" in result.output


def test_changes_after_an_import_names_the_versions_it_kept_as_stats_counts_them(tmp_path: Path) -> None:
    # A fresh demo store: `stats` counted 1 edited article (a headline changed between two archived copies) while
    # `changes` said "no edits or takedowns recorded". The two agree now: changes says what the import kept, where.
    from datetime import UTC, datetime

    from newsmirror.store.changes import ArticleEvent, EventKind
    from tests.fixtures_archives import JEKYLL_POST, write

    write(tmp_path, "a/_posts/2024-03-01-a.md", JEKYLL_POST)
    write(tmp_path, "a/_posts/2024-03-01-b.md", JEKYLL_POST.replace("公車票價下調", "公車票價將下調"))
    db = str(tmp_path / "s.sqlite")
    runner = CliRunner()
    assert runner.invoke(app, ["import", str(tmp_path / "a"), "--db", db]).exit_code == 0
    with open_store(db) as store:
        (article,) = list(store.iter_articles())
        assert store.stats()["edited_articles"] == 1
    said = " ".join(runner.invoke(app, ["changes", "--db", db]).output.split())
    assert "no edits or takedowns recorded by `newsmirror recheck` in the last 30 days" in said
    assert (f"Also 1 article with another title or text kept as a version by an import or a fetch (edited articles "
            f"in `newsmirror stats`, not events): `newsmirror history {article.id}`.") in said
    listed = json.loads(runner.invoke(app, ["changes", "--db", db, "--json"]).output)
    assert listed["versions_kept"] == {"articles": 1, "latest": [article.id]} and listed["changes"] == []
    assert "Also" not in runner.invoke(app, ["changes", "--db", db, "--kind", "deleted"]).output
    assert "Also" not in runner.invoke(app, ["changes", "--db", db, "--outlet", "某报"]).output
    # A re-check's edit is an event: listed as one, no longer among the versions an import kept.
    with open_store(db) as store:
        store.record_article_event(ArticleEvent(article.id, EventKind.EDITED, datetime.now(UTC), version=2))
    said = " ".join(runner.invoke(app, ["changes", "--db", db]).output.split())
    assert "latest changes" in said and "Also" not in said


def _rechecking(loopback_server: LoopbackServer, tmp_path: Path) -> tuple[str, Article, CliRunner, Callable[[], str]]:
    """A store holding the loopback article, a wide runner, and `recheck` of that article (its output; exit 0)."""
    db = str(tmp_path / "store.sqlite")
    config, article = store_loopback_article(loopback_server, db, tmp_path)
    runner = CliRunner(env={"COLUMNS": "400"})
    base = ["--db", db, "--config", str(config), "--article", article.id]

    def recheck() -> str:
        result = runner.invoke(app, ["recheck", *base])
        assert result.exit_code == 0, result.output
        return result.output

    return db, article, runner, recheck


def test_recheck_says_each_change_as_the_pages_and_changes_say_it(loopback_server: LoopbackServer,
                                                                   tmp_path: Path) -> None:
    # `recheck` printed the stored English detail ("HTTP 404 Not Found", "back online") while the pages, the feeds,
    # `history` and `changes` say each event in Chinese from its fields (store.changes.event_reason); its table now
    # says what they say, and the stored record stays the job's own words.
    db, article, runner, recheck = _rechecking(loopback_server, tmp_path)

    def latest() -> dict[str, str]:
        return json.loads(runner.invoke(app, ["changes", "--db", db, "--json"]).output)["changes"][0]

    recheck()  # the first look: a baseline
    loopback_server.route(ARTICLE_PATH, body=article_page(title="化工厂爆炸后市民聚集要求公布死伤人数"))
    edited = recheck()
    assert latest()["kind"] == "edited" and latest()["reason"] in edited and "标题已改" in edited
    loopback_server.gone(ARTICLE_PATH, status=404)
    deleted = recheck()
    record = latest()
    assert record["kind"] == "deleted" and record["detail"].startswith("HTTP 404 Not Found")  # the record, kept
    assert record["reason"].startswith("找不到网页（HTTP 404）；最后一次在线：") and record["reason"] in deleted
    assert "Not Found" not in deleted and "last seen" not in deleted
    loopback_server.route(ARTICLE_PATH, body=article_page(title="化工厂爆炸后市民聚集要求公布死伤人数"))
    restored = recheck()
    assert latest()["kind"] == "restored" and "网页已恢复" in restored and "back online" not in restored


def test_recheck_of_a_store_with_records_of_an_earlier_release(loopback_server: LoopbackServer,
                                                                  tmp_path: Path) -> None:
    # A store kept across releases holds events in the English forms of before session 45 (review51, session 47):
    # `recheck`'s table says only what this run recorded, in the pages' words, while `changes` says the old records
    # in the same words (store.changes.event_reason reads both forms).
    from datetime import UTC, datetime

    from newsmirror.store.changes import ArticleEvent, EventKind

    db = str(tmp_path / "store.sqlite")
    config, article = store_loopback_article(loopback_server, db, tmp_path)
    with open_store(db) as store:  # an earlier release: an edit, then a takedown it found, in its own words
        store.record_article_event(ArticleEvent(article.id, EventKind.EDITED, datetime(2026, 11, 19, tzinfo=UTC),
                                                detail="2 paragraphs changed (+40 −12 chars)"))
        store.record_article_event(ArticleEvent(
            article.id, EventKind.DELETED, datetime(2026, 11, 21, tzinfo=UTC), http_status=404,
            detail="HTTP 404 Not Found (last seen online 2026-11-20 08:00 UTC)"))
    runner = CliRunner(env={"COLUMNS": "400"})
    restored = runner.invoke(app, ["recheck", "--db", db, "--config", str(config), "--article", article.id])
    assert restored.exit_code == 0, restored.output
    said = [line for line in restored.output.splitlines() if article.id in line]
    assert len(said) == 1 and "restored" in said[0] and "网页已恢复" in said[0], restored.output
    assert "找不到网页" not in restored.output and "paragraphs" not in restored.output  # the old records not again
    listed = json.loads(runner.invoke(app, ["changes", "--db", db, "--json"]).output)["changes"]
    assert [change["kind"] for change in listed] == ["restored", "deleted", "edited"]
    assert listed[1]["reason"].startswith("找不到网页（HTTP 404）；最后一次在线：")
    assert listed[1]["detail"].startswith("HTTP 404 Not Found (last seen")  # the old record, kept as stored
    assert "paragraphs" not in listed[2]["reason"]


def test_recheck_names_a_new_address_once_when_a_page_is_back_edited(loopback_server: LoopbackServer,
                                                                      tmp_path: Path) -> None:
    # One check can record two events: the page is back (restored) and its text or title changed (edited). Both
    # events keep where the page now is (each is listed and fed alone), but `recheck`'s one row per article named
    # the new address twice ("网页已恢复，现位于 URL；标题已改；现位于 URL"; session 47's left-over): each fact once.
    db, article, runner, recheck = _rechecking(loopback_server, tmp_path)

    recheck()  # the first look: a baseline
    loopback_server.gone(ARTICLE_PATH, status=404)
    assert "找不到网页（HTTP 404）" in recheck()
    # An address longer than the 80 characters the tables cut a reason at: a cut address is a wrong address.
    new_path = "/news/2026/11/21/a1001-the-page-came-back-at-a-longer-address-than-before.html"
    new_url = loopback_server.url(new_path)
    loopback_server.route(new_path, body=article_page(title="化工厂爆炸后市民聚集要求公布死伤人数"))
    loopback_server.route(ARTICLE_PATH, redirect_to=new_path, status=301)
    back = recheck()
    (row,) = [line for line in back.splitlines() if article.id in line]
    assert "restored" in row and "网页已恢复" in row and "标题已改" in row, back
    assert row.count("现位于") == 1 and back.count("现位于") == 1 and f"现位于 {new_url}；标题已改" in row, back
    listed = json.loads(runner.invoke(app, ["changes", "--db", db, "--json"]).output)["changes"]
    kinds = {change["kind"]: change for change in listed if change["kind"] != "deleted"}
    # The records and what `changes` lists, event by event, still say where each happened.
    assert set(kinds) == {"restored", "edited"}
    assert all(new_url in change["reason"] for change in kinds.values())
    table = runner.invoke(app, ["changes", "--db", db]).output
    assert [line.count(new_url) for line in table.splitlines() if article.id in line] == [1, 1, 0], table


def test_a_check_report_says_each_fact_once() -> None:
    from datetime import UTC, datetime

    from newsmirror.jobs.recheck import CheckReport
    from newsmirror.store.changes import ArticleEvent, CheckOutcome, EventKind

    at = datetime(2026, 11, 21, tzinfo=UTC)
    url = "https://example.org/news/moved.html"

    def report(*events: ArticleEvent) -> str:
        return CheckReport("a", "https://example.org/a", "某报", "题", CheckOutcome.RESTORED, events=list(events)).reason

    back_at = ArticleEvent("a", EventKind.RESTORED, at, detail=f"现位于 {url}")
    edited_at = ArticleEvent("a", EventKind.EDITED, at, detail=f"标题已改；1 段已改（+3 −0 字）；现位于 {url}")
    assert report(back_at, edited_at) == f"网页已恢复，现位于 {url}；标题已改；1 段已改（+3 −0 字）"
    assert report(edited_at) == f"标题已改；1 段已改（+3 −0 字）；现位于 {url}"  # alone, as before
    back = ArticleEvent("a", EventKind.RESTORED, at)
    edited = ArticleEvent("a", EventKind.EDITED, at, detail="标题已改")
    assert report(back, edited) == "网页已恢复；标题已改"
    assert report(back, ArticleEvent("a", EventKind.EDITED, at, detail=f"现位于 {url}")) == f"网页已恢复；现位于 {url}"
    assert CheckReport("a", "u", "某报", "题", CheckOutcome.ERROR, "HTTP 503").reason == "HTTP 503"


def test_a_recheck_refused_everywhere_names_the_private_address_not_the_network(loopback_server: LoopbackServer,
                                                                                tmp_path: Path) -> None:
    """Every due article on a private address (no source, no [fetch] private_hosts): each is refused unasked, and the
    error said "none could be checked (network down?)", the wrong cause and the wrong remedy."""
    db = str(tmp_path / "store.sqlite")
    config, article = store_loopback_article(loopback_server, db, tmp_path)
    config.write_text("[fetch]\nper_host_delay_seconds = 0\nmax_retries = 0\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["recheck", "--db", db, "--config", str(config), "--article", article.id])
    assert result.exit_code == 1, result.output
    assert "private address" in result.output and "private_hosts" in result.output
    assert "network down" not in result.output
    assert loopback_server.hits(ARTICLE_PATH) == 0


def test_ctrl_c_stops_a_recheck_waiting_on_a_page_that_never_answers(
        loopback_server: LoopbackServer, tmp_path: Path) -> None:
    """The command cuts its fetcher's requests when stopped: `recheck` the function no longer waits for the pages in
    flight (nor stops a caller's fetcher), and without the command's cut the interpreter's exit after Ctrl-C waited for
    the page's read timeout (120 s here; SIGTERM ends the process by the signal, which waits for nothing). A hang guard
    far from both: the stop takes well under a second."""
    import os
    import signal
    import subprocess
    import sys
    import time

    db = str(tmp_path / "store.sqlite")
    config, article = store_loopback_article(loopback_server, db, tmp_path)
    config.write_text(config.read_text(encoding="utf-8") + "timeout_seconds = 120.0\n", encoding="utf-8")
    loopback_server.route(ARTICLE_PATH, body=article_page(), delay=300.0)
    src = Path(__file__).resolve().parents[2] / "src"
    # Python's own SIGINT handler, as a terminal's shell gives it (a shell with no job control starts a background
    # command with SIGINT ignored, and the child would inherit that).
    code = ("import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
            "from newsmirror.cli import app; sys.argv = ['newsmirror', *sys.argv[1:]]; app()")
    process = subprocess.Popen(
        [sys.executable, "-c", code, "recheck", "--db", db, "--config", str(config), "--article", article.id],
        env={**os.environ, "PYTHONPATH": str(src)}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(600):  # until the page was asked
            if loopback_server.requests_to(ARTICLE_PATH):
                break
            time.sleep(0.05)
        assert loopback_server.requests_to(ARTICLE_PATH), "the page was never asked"
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode != 0
    assert "interrupted" in err, err
    with open_store(db) as store:  # nothing recorded: the article is due as it was
        assert store.get_check_state(article.id).check_count == 0
