"""The whole pipeline run by a fleet: two worker processes fetch (and extract), group and publish
with no single-machine step, and grouping runs once at a time whoever asks for it."""

from __future__ import annotations

import copy
import os
import subprocess
import sys
import threading
from email.utils import format_datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsmirror.cli import app
from newsmirror.jobs.grouping import GROUP_KEY, GROUP_KIND, GroupingLeaseLost, group_articles, grouping_lease
from newsmirror.jobs.worker import HANDLERS, Worker, WorkerOptions
from newsmirror.model import Article, Source
from newsmirror.store import Store, open_store
from tests.feedfixtures import FixtureItem, article_page, rss
from tests.httpserver import LoopbackServer
from tests.stories.fixtures import ALL, FLOOD, FLOOD_HANT, TRADE_COPY, TRADE_HANS, TRADE_HANT, TRADE_LATER

REPO = Path(__file__).resolve().parents[2]


def add(store: Store, *articles: Article) -> None:
    for article in articles:
        store.upsert_article(copy.deepcopy(article))


def serve_outlet(server: LoopbackServer, outlet_articles: list[Article]) -> str:
    """A summary-only feed and the article pages it links (the workers extract them); its URL."""
    items = []
    for a in outlet_articles:
        path = "/" + a.original_url.split("//", 1)[1]
        item = FixtureItem(guid=a.original_url, link=server.url(path), title=a.title, body=a.body_text,
                           published=format_datetime(a.published_at) if a.published_at else "")
        server.route(path, body=article_page(item, a.outlet))
        items.append(item)
    feed = f"/feed-{abs(hash(outlet_articles[0].outlet))}.xml"
    server.route(feed, body=rss(items, full_text=False), content_type="application/rss+xml")
    return server.url(feed)


def start_worker(location: str, config: Path, worker_id: str, *extra: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO / "src"), str(REPO)]), COLUMNS="200")
    return subprocess.Popen(
        [sys.executable, "-m", "newsmirror", "worker", "--db", location, "--config", str(config),
         "--id", worker_id, "--once", "--poll", "0.1", "--concurrency", "2", *extra],
        env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )


def test_two_workers_fetch_group_and_publish(store_location: str, loopback_server: LoopbackServer,
                                             tmp_path: Path) -> None:
    by_outlet: dict[str, list[Article]] = {}
    for article in ALL:
        by_outlet.setdefault(article.outlet, []).append(article)
    with open_store(store_location) as store:
        for n, (outlet, articles) in enumerate(sorted(by_outlet.items())):
            store.upsert_source(Source(id=f"feed-{n}", url=serve_outlet(loopback_server, articles), outlet=outlet))
    config = tmp_path / "newsmirror.toml"
    config.write_text("[fetch]\nper_host_delay_seconds = 0\nmax_retries = 0\nrespect_robots = false\n",
                      encoding="utf-8")
    out = tmp_path / "out"
    publisher = start_worker(store_location, config, "publisher", "--out", str(out), "--no-images")
    helper = start_worker(store_location, config, "helper")
    outputs = {}
    for name, process in (("publisher", publisher), ("helper", helper)):
        try:
            outputs[name], _ = process.communicate(timeout=180)
        finally:
            if process.poll() is None:
                process.kill()
        assert process.returncode == 0, outputs[name]
    with open_store(store_location) as store:
        assert store.count_articles() == len(ALL), outputs["helper"] + outputs["publisher"]
        assert store.unassigned_article_ids() == []
        fetched = {a.title: a.id for a in store.iter_articles()}  # ids follow the loopback URLs
        story = {a.title: store.story_of(fetched[a.title]) for a in ALL}
        assert len(set(story.values())) == 3 and None not in story.values()
        assert story[TRADE_HANS.title] == story[TRADE_HANT.title] == story[TRADE_COPY.title]
        assert story[FLOOD.title] == story[FLOOD_HANT.title] != story[TRADE_HANS.title]
        assert story[TRADE_LATER.title] not in {story[TRADE_HANS.title], story[FLOOD.title]}
        for n in range(len(by_outlet)):
            fetch = store.get_job("fetch", f"feed-{n}")
            assert fetch is not None and fetch.done_at is None and fetch.attempts == 1  # recurring, ran once
        group = store.get_job(GROUP_KIND, GROUP_KEY)
        assert group is not None and group.done_at is None and not group.last_error  # recurring
        build = store.get_job("build", "*")
        assert build is not None and build.done_at is not None and not build.last_error
    site_pages = list((out / "site").rglob("*.html"))
    assert any(TRADE_HANS.title in page.read_text(encoding="utf-8") for page in site_pages)
    assert "helper" in outputs["helper"] and "done" in outputs["helper"]


def test_two_workers_racing_to_group_group_once(store_location: str) -> None:
    with open_store(store_location) as store:
        add(store, *ALL)
        store.enqueue_job(GROUP_KIND, GROUP_KEY)
    start = threading.Barrier(2)
    workers = [Worker(lambda: open_store(store_location),
                      WorkerOptions(worker_id=f"w{n}", once=True, poll_seconds=0.02, concurrency=2),
                      handlers={GROUP_KIND: HANDLERS[GROUP_KIND]}) for n in range(2)]

    def run(worker: Worker) -> None:
        start.wait()
        worker.run()

    threads = [threading.Thread(target=run, args=(w,)) for w in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert sum(w.report.completed for w in workers) == 1  # one lease: one grouping
    with open_store(store_location) as store:
        assert store.unassigned_article_ids() == []
        trade = store.story_of(TRADE_HANS.id)
        assert {m.article_id for m in store.story_members(trade or "")} == {TRADE_HANS.id, TRADE_HANT.id,
                                                                           TRADE_COPY.id}
        assert store.story_of(FLOOD_HANT.id) == store.story_of(FLOOD.id)
        assert len(store.list_stories()) == 3


def test_cli_grouping_waits_for_nobody_and_says_who_holds_the_lease(store_location: str) -> None:
    with open_store(store_location) as store:
        add(store, *ALL)
        store.enqueue_job(GROUP_KIND, GROUP_KEY)
        [held] = store.claim_jobs("busy-worker/0", [GROUP_KIND], lease_seconds=60)
        result = CliRunner().invoke(app, ["stories", "group", "--db", store_location])
        assert result.exit_code == 1
        assert "busy-worker/0" in result.output and "Traceback" not in result.output
        assert len(store.unassigned_article_ids()) == len(ALL)
        assert store.complete_job(held, None)
    result = CliRunner().invoke(app, ["stories", "group", "--db", store_location])
    assert result.exit_code == 0, result.output
    with open_store(store_location) as store:
        assert store.unassigned_article_ids() == []
        with grouping_lease(store) as lease:  # released after the CLI run: claimable again
            assert lease.lease_owner is not None


def test_a_commands_grouping_leaves_the_workers_recurring_grouping_due(store_location: str, tmp_path: Path) -> None:
    """`stories group` and `run` take the workers' group job as their lease: they leave it due when the workers'
    schedule had it (completed as done, the workers' 5-minute grouping stopped until a fetch stored new articles),
    sooner when a fetch asked for a grouping meanwhile; with no schedule (no workers) it stays done."""
    from datetime import timedelta

    from newsmirror.jobs.update import group_and_build
    from newsmirror.model import utcnow

    later = (utcnow() + timedelta(minutes=4)).replace(microsecond=0)
    with open_store(store_location) as store:
        add(store, TRADE_HANS, TRADE_HANT)
        store.enqueue_job(GROUP_KIND, GROUP_KEY, due_at=later)  # as a worker's group job leaves it
    result = CliRunner().invoke(app, ["stories", "group", "--db", store_location])
    assert result.exit_code == 0, result.output
    with open_store(store_location) as store:
        job = store.get_job(GROUP_KIND, GROUP_KEY)
        assert job is not None and job.done_at is None and job.due_at == later and job.lease_owner is None
        add(store, FLOOD, FLOOD_HANT)
        report = group_and_build(store, tmp_path / "out", images=False)  # `run`'s and `demo`'s grouping
        assert report.grouping.assigned == 2 and not report.not_grouped
        job = store.get_job(GROUP_KIND, GROUP_KEY)
        assert job is not None and job.done_at is None and job.due_at == later
        with grouping_lease(store):
            store.enqueue_job(GROUP_KIND, GROUP_KEY)  # a fetch stored new articles meanwhile: group them now
        job = store.get_job(GROUP_KIND, GROUP_KEY)
        assert job is not None and job.done_at is None and job.due_at <= utcnow()
        [claimed] = store.claim_jobs("worker/0", [GROUP_KIND])
        assert store.complete_job(claimed, None)  # no recurring grouping any more (no workers)
        with grouping_lease(store):
            pass
        job = store.get_job(GROUP_KIND, GROUP_KEY)
        assert job is not None and job.done_at is not None  # a command schedules nothing


def test_a_grouper_that_lost_its_lease_saves_nothing(store_location: str) -> None:
    with open_store(store_location) as store:
        add(store, *ALL)
        with pytest.raises(GroupingLeaseLost):
            group_articles(store, still_ours=lambda: False)
        assert len(store.unassigned_article_ids()) == len(ALL)
