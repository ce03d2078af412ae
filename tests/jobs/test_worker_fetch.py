"""The worker's `fetch` handler runs the fetch stage on one source per job and reschedules it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from newsmirror.config import FetchSettings
from newsmirror.jobs.worker import HANDLERS, Worker, WorkerOptions, configure_fetching, schedule_sources
from newsmirror.model import Source, utcnow
from newsmirror.store import open_store
from tests.feedfixtures import FixtureItem, long_body, rss
from tests.httpserver import LoopbackServer
from tests.jobs.simple_extract import simple_extract


@pytest.fixture(autouse=True)
def quick_fetching() -> Iterator[None]:
    # Generous timeouts: every route answers at once, so they never make the test slow, and a 1 s
    # timeout failed the article fetches when the machine was loaded (load 13-17 on 2 cores).
    configure_fetching(FetchSettings(timeout_seconds=15.0, connect_timeout_seconds=15.0, max_retries=0,
                                     per_host_delay_seconds=0.0, respect_robots=False), extract=simple_extract)
    yield
    configure_fetching(FetchSettings())


def test_fetch_jobs_store_the_feed_and_come_back_after_the_interval(
        store_location: str, loopback_server: LoopbackServer) -> None:
    items = [FixtureItem(f"g-{n}", loopback_server.url(f"/a/{n}.html"), f"第{n}条新闻", long_body(n)) for n in range(3)]
    loopback_server.route("/feed.xml", body=rss(items), content_type="application/rss+xml")
    with open_store(store_location) as store:
        store.upsert_source(Source(id="good", url=loopback_server.url("/feed.xml"), outlet="测试台",
                                   interval_minutes=30))
        store.upsert_source(Source(id="broken", url=loopback_server.url("/missing.xml"), outlet="测试台",
                                   interval_minutes=30))
        assert schedule_sources(store) == 2
    worker = Worker(lambda: open_store(store_location), WorkerOptions(once=True, poll_seconds=0.02, per_host_limit=None),
                    handlers={"fetch": HANDLERS["fetch"]})
    worker.run()
    assert worker.report.completed == 2 and worker.report.failed == 0
    with open_store(store_location) as store:
        assert store.count_articles() == 3
        good, broken = store.get_job("fetch", "good"), store.get_job("fetch", "broken")
        assert good is not None and good.due_at is not None and good.done_at is None
        assert timedelta(minutes=29) < good.due_at - utcnow() <= timedelta(minutes=30)
        # A failing feed is not a failed job: the fetch stage records it and backs off.
        assert broken is not None and broken.done_at is None and broken.due_at is not None
        assert store.get_feed_state("broken").consecutive_failures == 1
        assert broken.due_at > utcnow() + timedelta(minutes=29)


def test_a_failed_feed_and_failed_items_are_in_the_workers_log(
        store_location: str, loopback_server: LoopbackServer, caplog: pytest.LogCaptureFixture) -> None:
    """`fetch` names each failing feed and item on stderr; a worker said nothing of either (a failing feed is no failed
    job, and a page that failed was in no log), so a fleet lost articles without a word."""
    items = [FixtureItem(f"p-{n}", loopback_server.url(f"/p/{n}.html"), f"第{n}条新闻", "摘要。") for n in range(2)]
    loopback_server.route("/summaries.xml", body=rss(items, full_text=False), content_type="application/rss+xml")
    loopback_server.gone("/p/0.html", status=404)
    loopback_server.gone("/p/1.html", status=404)
    with open_store(store_location) as store:
        store.upsert_source(Source(id="pages", url=loopback_server.url("/summaries.xml"), outlet="摘要台"))
        store.upsert_source(Source(id="broken", url=loopback_server.url("/missing.xml"), outlet="坏台"))
        schedule_sources(store)
    worker = Worker(lambda: open_store(store_location), WorkerOptions(once=True, poll_seconds=0.02, per_host_limit=None),
                    handlers={"fetch": HANDLERS["fetch"]})
    with caplog.at_level("WARNING", logger="newsmirror.jobs.worker"):
        worker.run()
    said = [r.getMessage() for r in caplog.records if r.name == "newsmirror.jobs.worker"]
    assert any(line.startswith("fetch failed: 坏台 (broken): ") and "404" in line for line in said), said
    assert any(line.startswith("fetch failed: 摘要台 (pages): the feed answered, but all 2 item(s)") for line in said)
    assert sum(line.startswith("item failed: 摘要台 (pages): ") and "/p/" in line and "404" in line
               for line in said) == 2, said


def test_stopping_a_worker_cuts_a_fetch_waiting_on_a_silent_feed_and_leaves_its_job_due(
        store_location: str, loopback_server: LoopbackServer) -> None:
    """SIGTERM let running jobs finish, and a fetch job waiting on a feed that never answers finished after its read
    timeouts and retries (85 s with the defaults, near systemd's 90 s before SIGKILL; 120 s here). The stop cuts the
    requests: no failure charged to the source, no failed attempt of the job, which is due again at once."""
    import threading
    import time

    configure_fetching(FetchSettings(timeout_seconds=120.0, connect_timeout_seconds=5.0, max_retries=0,
                                     per_host_delay_seconds=0.0, respect_robots=False), extract=simple_extract)
    loopback_server.route("/silent.xml", body="<rss/>", delay=300.0)
    with open_store(store_location) as store:
        store.upsert_source(Source(id="silent", url=loopback_server.url("/silent.xml"), outlet="测试台"))
        schedule_sources(store)
    worker = Worker(lambda: open_store(store_location), WorkerOptions(poll_seconds=0.02, per_host_limit=None),
                    handlers={"fetch": HANDLERS["fetch"]})
    thread = threading.Thread(target=worker.run, daemon=True)
    thread.start()
    for _ in range(600):  # until the feed was asked
        if loopback_server.requests_to("/silent.xml"):
            break
        time.sleep(0.05)
    assert loopback_server.requests_to("/silent.xml"), "the feed was never asked"
    worker.stop()
    thread.join(30.0)  # a hang guard far from both: the stop takes well under a second, the wait 120 s
    assert not thread.is_alive(), "the worker waited for the silent feed"
    assert worker.report.failed == 0 and worker.report.completed == 1
    with open_store(store_location) as store:
        state = store.get_feed_state("silent")
        assert state.consecutive_failures == 0 and not state.last_error
        job = store.get_job("fetch", "silent")
        assert job is not None and job.due_at is not None and job.due_at <= utcnow() and not job.last_error


def test_the_worker_command_logs_no_line_per_request(tmp_path: Path, loopback_server: LoopbackServer,
                                                     caplog: pytest.LogCaptureFixture) -> None:
    """httpx logs every request at INFO: a fleet's log had a line per feed, page and robots.txt ("HTTP Request: GET …
    200 OK") around the few that say what failed."""
    from typer.testing import CliRunner

    from newsmirror.cli import app

    items = [FixtureItem(f"l-{n}", loopback_server.url(f"/l/{n}.html"), f"第{n}条新闻", long_body(n)) for n in range(2)]
    loopback_server.route("/log.xml", body=rss(items), content_type="application/rss+xml")
    db = str(tmp_path / "w.sqlite")
    with open_store(db) as store:
        store.upsert_source(Source(id="log", url=loopback_server.url("/log.xml"), outlet="测试台"))
    config = tmp_path / "w.toml"
    config.write_text("[fetch]\nper_host_delay_seconds = 0.0\nrespect_robots = false\n", encoding="utf-8")
    with caplog.at_level("INFO"):
        result = CliRunner().invoke(app, ["worker", "--once", "--kinds", "fetch", "--db", db, "--config", str(config),
                                          "--poll", "0.05"])
    assert result.exit_code == 0, result.output
    assert loopback_server.requests_to("/log.xml")  # the feed was fetched
    assert not [r for r in caplog.records if r.name.startswith(("httpx", "httpcore"))], caplog.text


def test_the_workers_log_names_failures_without_a_feeds_control_characters(caplog: pytest.LogCaptureFixture) -> None:
    """review58: a feed's item link with ESC sequences failed as "invalid URL" naming it as given, and the worker's
    log line carried them to the operator's terminal, which `fetch` strips (cli.terminal.shown)."""
    from newsmirror.jobs.fetching import SourceReport
    from newsmirror.jobs.worker import _log_failures, _WarningsSaid

    source = Source(id="odd", url="https://example.org/feed.xml", outlet="台\u202e")
    failed = SourceReport(source, status="failed", error="HTTP 500 \x1b[2Jgone\nnext line")
    items = SourceReport(source, failed=1, item_errors=["http://example.org/a\x1b[31mRED\x1b[0m.html: invalid URL"])
    # A warning (another outlet's article the feed named, not stored) was logged by the fetcher itself, raw, and so
    # reached `fetch`'s stderr a second time; now the worker logs it from the report, as the failures.
    warned = SourceReport(source, warnings=["http://example.org/b\x1b]0;T\x07.html: stored already as 甲台's article"])
    with caplog.at_level("WARNING", logger="newsmirror.jobs.worker"):
        _log_failures(failed)
        _log_failures(items)
        _log_failures(warned, _WarningsSaid())  # a warning not said before in this process
    said = [r.getMessage() for r in caplog.records if r.name == "newsmirror.jobs.worker"]
    assert len(said) == 4 and all("\x1b" not in line and "\n" not in line and "\u202e" not in line for line in said), said
    assert "http://example.org/a[31mRED[0m.html: invalid URL" in said[-2]
    assert said[-1].startswith("warning: ") and "stored already as 甲台's article" in said[-1]


def test_a_feeds_unchanged_warnings_are_said_once_at_warning_then_at_info(
        store_location: str, loopback_server: LoopbackServer, caplog: pytest.LogCaptureFixture,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """review61: the worker said every warning of a report at WARNING on every poll, so a lenient feed's "malformed
    feed read leniently" filled an operator's journal every interval (`fetch --quiet` hides them for that reason).
    Now a source's warnings are said at WARNING when they change, and an unchanged poll says one INFO line; a poll
    that read nothing (304, a failure) keeps them, and a poll without warnings forgets them, so their return is said
    again."""
    from newsmirror.jobs import worker as worker_module

    monkeypatch.setattr(worker_module, "_warnings_said", worker_module._WarningsSaid())
    items = [FixtureItem(f"m-{n}", loopback_server.url(f"/m/{n}.html"), f"第{n}条新闻", long_body(n)) for n in range(2)]
    clean = rss(items)
    malformed = clean.replace("<title>第0条新闻</title>", "<title>第0条 & 新闻</title>")  # a bare ampersand
    assert malformed != clean
    loopback_server.route("/lenient.xml", body=malformed, content_type="application/rss+xml")
    with open_store(store_location) as store:
        store.upsert_source(Source(id="lenient", url=loopback_server.url("/lenient.xml"), outlet="宽容台"))
        schedule_sources(store)

    def poll() -> list[tuple[str, str]]:
        caplog.clear()
        with open_store(store_location) as store, caplog.at_level("INFO", logger="newsmirror.jobs.worker"):
            job = store.get_job("fetch", "lenient")
            assert job is not None
            HANDLERS["fetch"](job, store)
        return [(r.levelname, r.getMessage()) for r in caplog.records if r.name == "newsmirror.jobs.worker"]

    first = poll()
    assert [level for level, _ in first] == ["WARNING"], first
    assert first[0][1].startswith("warning: 宽容台 (lenient): malformed feed read leniently"), first
    again = poll()  # the same feed, the same warning: one INFO line, no WARNING
    assert again == [("INFO", "warning: 宽容台 (lenient): the same 1 warning(s) as at the last poll that read the feed")
                     ], again
    loopback_server.route("/lenient.xml", body=malformed, content_type="application/rss+xml", etag='"v1"')
    assert [level for level, _ in poll()] == ["INFO"]
    assert poll() == []  # 304: nothing read, nothing said, the warning kept
    assert loopback_server.requests_to("/lenient.xml")[-1].headers.get("if-none-match") == '"v1"'
    loopback_server.route("/lenient.xml", body=malformed, content_type="application/rss+xml")
    assert [level for level, _ in poll()] == ["INFO"]  # read again after the 304: still the same warning
    loopback_server.route("/lenient.xml", body=clean, content_type="application/rss+xml")
    assert poll() == []  # mended: nothing to say, and the warning forgotten
    loopback_server.route("/lenient.xml", body=malformed, content_type="application/rss+xml")
    back = poll()
    assert [level for level, _ in back] == ["WARNING"] and "malformed feed read leniently" in back[0][1], back


def test_a_warnings_return_after_a_clean_poll_in_another_process_is_said_at_warning(
        store_location: str, loopback_server: LoopbackServer, caplog: pytest.LogCaptureFixture,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """review62: the worker's memory of a source's warnings is per process, and a fleet's polls of one feed land in
    any process: after process A said a warning, B's clean poll, then A's poll with the warning back, A said "the same
    1 warning(s) as at the last poll" at INFO, although the last poll (B's) had none. A process whose memory the feed
    state shows stale (the source checked since its last poll) says the warnings at WARNING; two polls in a row in
    one process still say the same warnings at INFO."""
    from newsmirror.jobs import worker as worker_module

    process_a, process_b = worker_module._WarningsSaid(), worker_module._WarningsSaid()
    items = [FixtureItem(f"p-{n}", loopback_server.url(f"/p/{n}.html"), f"第{n}条新闻", long_body(n)) for n in range(2)]
    clean = rss(items)
    malformed = clean.replace("<title>第0条新闻</title>", "<title>第0条 & 新闻</title>")  # a bare ampersand
    with open_store(store_location) as store:
        store.upsert_source(Source(id="lenient", url=loopback_server.url("/lenient.xml"), outlet="宽容台"))
        schedule_sources(store)

    def poll(process: object, body: str) -> list[str]:
        loopback_server.route("/lenient.xml", body=body, content_type="application/rss+xml")
        monkeypatch.setattr(worker_module, "_warnings_said", process)
        caplog.clear()
        with open_store(store_location) as store, caplog.at_level("INFO", logger="newsmirror.jobs.worker"):
            job = store.get_job("fetch", "lenient")
            assert job is not None
            HANDLERS["fetch"](job, store)
        return [r.levelname for r in caplog.records if r.name == "newsmirror.jobs.worker"]

    assert poll(process_a, malformed) == ["WARNING"]
    assert poll(process_a, malformed) == ["INFO"]  # one process, twice the same: counted at INFO
    assert poll(process_b, clean) == []  # mended, in another process
    assert poll(process_a, malformed) == ["WARNING"]  # back: the last poll had none, whatever A remembers
    assert poll(process_b, malformed) == ["WARNING"]  # B never said it
    assert poll(process_b, malformed) == ["INFO"]


def test_a_fetch_job_reads_the_feed_state_once(store_location: str, loopback_server: LoopbackServer,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The worker read the source's feed state before the poll and again after it, besides the poll's own read, only
    for its last check (review of session 61): the poll's report carries the last check it read and the one it
    recorded, for a feed read, unchanged (304) or failed, and the feed state is read once a job."""
    items = [FixtureItem(f"o-{n}", loopback_server.url(f"/o/{n}.html"), f"第{n}条新闻", long_body(n)) for n in range(2)]
    loopback_server.route("/once.xml", body=rss(items), content_type="application/rss+xml", etag='"v1"')
    with open_store(store_location) as store:
        store.upsert_source(Source(id="once", url=loopback_server.url("/once.xml"), outlet="一次台"))
        store.upsert_source(Source(id="gone", url=loopback_server.url("/gone.xml"), outlet="一次台"))
        schedule_sources(store)
    from newsmirror.jobs import worker as worker_module

    checks: list[tuple[object, object]] = []
    log_failures = worker_module._log_failures
    monkeypatch.setattr(worker_module, "_log_failures", lambda report, said=None, checked=(None, None): (
        checks.append(checked), log_failures(report, said, checked))[1])
    for source_id in ("once", "once", "gone"):  # read, then 304, then a feed that fails
        with open_store(store_location) as store:
            before = store.get_feed_state(source_id).last_checked_at
            reads: list[str] = []
            plain = type(store).get_feed_state
            monkeypatch.setattr(type(store), "get_feed_state",
                                lambda self, key, plain=plain, reads=reads: (reads.append(key), plain(self, key))[1])
            job = store.get_job("fetch", source_id)
            assert job is not None
            HANDLERS["fetch"](job, store)
            monkeypatch.setattr(type(store), "get_feed_state", plain)
            assert reads == [source_id]
            after = store.get_feed_state(source_id).last_checked_at
            assert after is not None and after != before
            assert checks[-1] == (before, after)
    assert loopback_server.requests_to("/once.xml")[-1].headers.get("if-none-match") == '"v1"'
