"""The worker loop in-process: handlers, retries, recurring jobs, and many workers at once."""

from __future__ import annotations

import threading
import time
from collections import Counter
from datetime import datetime, timedelta
from typing import Any

import pytest

from newsmirror.errors import NewsmirrorError
from newsmirror.jobs.worker import Worker, WorkerOptions, retry_delay, schedule_sources
from newsmirror.model import Source, utcnow
from newsmirror.store import Job, Store, open_store


def run_worker(location: str, handlers: dict, **options: object) -> Worker:
    worker = Worker(lambda: open_store(location), WorkerOptions(once=True, poll_seconds=0.05, **options),  # type: ignore[arg-type]
                    handlers=handlers)
    worker.run()
    return worker


def run_workers_at_once(location: str, handlers: dict, count: int, **options: object) -> list[Worker]:
    """``count`` workers (w0, w1, ...) of two job slots each, each in a thread of its own, run until none has a job."""
    workers = [Worker(lambda: open_store(location),
                      WorkerOptions(worker_id=f"w{i}", once=True, poll_seconds=0.02, concurrency=2,
                                    **options),
                      handlers=handlers)
               for i in range(count)]
    threads = [threading.Thread(target=w.run) for w in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return workers


def test_each_due_job_runs_and_failures_are_retried_later(store_location: str) -> None:
    ran: list[str] = []

    def echo(job: Job, store: Store) -> datetime | None:
        if job.key == "bad":
            raise NewsmirrorError("the page is gone")
        ran.append(job.key)
        return None

    with open_store(store_location) as store:
        for key in ("a", "b", "c", "bad"):
            store.enqueue_job("echo", key)
    worker = run_worker(store_location, {"echo": echo}, retry_base_seconds=600)
    assert sorted(ran) == ["a", "b", "c"]
    assert (worker.report.completed, worker.report.failed) == (3, 1)
    with open_store(store_location) as store:
        bad = store.get_job("echo", "bad")
        assert bad is not None and bad.done_at is None and "the page is gone" in bad.last_error
        assert bad.due_at is not None and bad.due_at > utcnow() + timedelta(seconds=500)
        assert store.job_counts()["done"] == 3


def test_recurring_job_is_rescheduled_and_a_hopeless_one_given_up(store_location: str) -> None:
    def poll(job: Job, store: Store) -> datetime | None:
        return utcnow() + timedelta(minutes=30)

    def broken(job: Job, store: Store) -> datetime | None:
        raise RuntimeError("bug")

    with open_store(store_location) as store:
        store.enqueue_job("poll", "feed-1")
        store.enqueue_job("broken", "x")
    worker = run_worker(store_location, {"poll": poll, "broken": broken}, max_attempts=1)
    assert (worker.report.completed, worker.report.given_up) == (1, 1)
    with open_store(store_location) as store:
        feed = store.get_job("poll", "feed-1")
        assert feed is not None and feed.done_at is None and feed.due_at is not None
        assert feed.due_at > utcnow() + timedelta(minutes=29)
        hopeless = store.get_job("broken", "x")
        assert hopeless is not None and hopeless.done_at is not None and "RuntimeError: bug" in hopeless.last_error


def test_many_workers_never_run_a_job_twice(store_location: str) -> None:
    """Four workers with two threads each drain 120 jobs: every job runs exactly once."""
    runs: list[tuple[str, str]] = []
    lock = threading.Lock()
    owners: set[str] = set()
    shared = threading.Event()

    def work(job: Job, store: Store) -> datetime | None:
        # Claims interleave because every job waits until two workers hold jobs (30 s at most, a hang guard):
        # a short sleep let one worker drain all 120 when a loaded machine started the others late.
        with lock:
            owners.add((job.lease_owner or "").split("/")[0])
            if len(owners) > 1:
                shared.set()
        if not shared.wait(30):
            shared.set()  # no second worker came: the rest need not wait, the assertion below says it
        with lock:
            runs.append((job.key, job.lease_owner or ""))
        return None

    with open_store(store_location) as store:
        for n in range(120):
            store.enqueue_job("work", f"job-{n}", host=f"host-{n % 7}")
    workers = run_workers_at_once(store_location, {"work": work}, 4, per_host_limit=None)
    counts = Counter(key for key, _ in runs)
    assert sorted(counts) == sorted(f"job-{n}" for n in range(120))
    assert set(counts.values()) == {1}
    assert len({owner.split("/")[0] for _, owner in runs}) > 1  # the work really was shared
    assert sum(w.report.completed for w in workers) == 120
    with open_store(store_location) as store:
        assert store.job_counts() == {"pending": 0, "due": 0, "leased": 0, "done": 120}


def test_per_host_limit_holds_across_workers(store_location: str) -> None:
    """With a limit of one lease per host, two jobs of the same host never run at the same time."""
    active: Counter[str] = Counter()
    worst: Counter[str] = Counter()
    lock = threading.Lock()

    def work(job: Job, store: Store) -> datetime | None:
        with lock:
            active[job.host] += 1
            worst[job.host] = max(worst[job.host], active[job.host])
        time.sleep(0.01)
        with lock:
            active[job.host] -= 1
        return None

    with open_store(store_location) as store:
        for n in range(30):
            store.enqueue_job("work", f"job-{n}", host=f"host-{n % 3}")
    workers = run_workers_at_once(store_location, {"work": work}, 3, per_host_limit=1)
    assert sum(w.report.completed for w in workers) == 30
    assert max(worst.values()) == 1


def test_unknown_kind_is_a_clear_error(store_location: str) -> None:
    with pytest.raises(NewsmirrorError, match="no handler for job kind"):
        Worker(lambda: open_store(store_location), WorkerOptions(kinds=["nope"]), handlers={})


def test_retry_delay_grows_and_is_capped() -> None:
    options = WorkerOptions(retry_base_seconds=60, retry_max_seconds=600)
    assert [retry_delay(n, options).total_seconds() for n in (1, 2, 3, 4, 5)] == [60, 120, 240, 480, 600]


def test_enabled_sources_get_one_fetch_job_each(store_location: str) -> None:
    with open_store(store_location) as store:
        store.upsert_source(Source(id="a", url="https://news.example.org/rss", outlet="甲"))
        store.upsert_source(Source(id="b", url="https://b.example.net/feed", outlet="乙", enabled=False))
        assert schedule_sources(store) == 1
        assert schedule_sources(store) == 0
        job = store.get_job("fetch", "a")
        assert job is not None and job.host == "news.example.org"
        assert store.get_job("fetch", "b") is None


def test_a_failing_database_call_does_not_kill_the_worker(store_location: str) -> None:
    """A claim that fails (database restarting, locked) is retried on a fresh connection."""
    opened: list[Store] = []

    def flaky_open() -> Store:
        store = open_store(store_location)
        if not opened:
            def broken_claim(*args: object, **kwargs: object) -> list[Job]:
                raise OSError("connection reset")
            store.claim_jobs = broken_claim  # type: ignore[method-assign]
        opened.append(store)
        return store

    done: list[str] = []
    with open_store(store_location) as store:
        store.enqueue_job("echo", "a")
    worker = Worker(flaky_open, WorkerOptions(once=True, poll_seconds=0.01),
                    handlers={"echo": lambda job, store: done.append(job.key)})  # type: ignore[arg-type,func-returns-value]
    worker.run()
    assert done == ["a"] and worker.report.completed == 1
    assert len(opened) >= 2


def test_periodic_tasks_run_while_the_worker_runs(store_location: str) -> None:
    calls: list[int] = []
    seen_twice_in_the_job = threading.Event()

    def slow(job: Job, store: Store) -> datetime | None:
        # The job lasts until the task ran twice while it held its lease (30 s at most, a hang guard): a fixed 0.5 s
        # let a loaded machine run the task fewer times.
        seen_twice_in_the_job.wait(30)
        return None

    def task(store: Store) -> None:
        calls.append(store.job_counts()["leased"])
        if calls.count(1) >= 2:
            seen_twice_in_the_job.set()

    with open_store(store_location) as store:
        store.enqueue_job("slow", "a")
    worker = Worker(lambda: open_store(store_location), WorkerOptions(once=True, poll_seconds=0.02),
                    handlers={"slow": slow}, periodic=[(0.1, task)])
    worker.run()
    assert seen_twice_in_the_job.is_set() and calls.count(1) >= 2  # it ran during the job, with its own connection


def test_an_idle_worker_says_why(store_location: str) -> None:
    from newsmirror.jobs.worker import idle_reason

    with open_store(store_location) as store:
        for n in range(3):
            store.enqueue_job("poll", f"k{n}", "one.example")
        store.enqueue_job("poll", "later", "two.example", utcnow() + timedelta(hours=2))
        store.claim_jobs("other/0", ["poll"], limit=2, per_host_limit=2)  # another worker holds two leases
        limited = idle_reason(store.queue_status(["poll"]), 2)
        assert "per-host limit reached" in limited and "one.example (2 running)" in limited
        assert "1 due job(s)" in limited
        assert "2 job(s) running under another worker's lease" in limited
        unlimited = idle_reason(store.queue_status(["poll"]), None)
        assert "per-host" not in unlimited and "1 due job(s)" in unlimited
        quiet = idle_reason(store.queue_status(["nothing-of-this-kind"]), 2)
        assert quiet == "nothing due"
        store.enqueue_job("rare", "x", "", utcnow() + timedelta(minutes=30))
        assert "next job due at" in idle_reason(store.queue_status(["rare"]), 2)


def test_an_idle_worker_says_why_once_not_at_every_poll(store_location: str, monkeypatch: pytest.MonkeyPatch,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    """The idle line was logged again whenever its text changed, and its countdown to the next job ("in 4 min 59 s")
    changed at every poll: an idle worker logged a line every 2 s (the walk's two workers on PostgreSQL). Here the
    worker's clock moves a second at every reading, so every poll's countdown differs."""
    import threading

    import newsmirror.jobs.worker as worker_module

    start = utcnow()
    ticks = iter(range(10**6))
    monkeypatch.setattr(worker_module, "utcnow", lambda: start + timedelta(seconds=next(ticks)))
    polls = threading.Semaphore(0)
    real_reason = worker_module.idle_reason

    def counted(*args: Any, **kwargs: Any) -> str:
        polls.release()
        return real_reason(*args, **kwargs)

    monkeypatch.setattr(worker_module, "idle_reason", counted)
    with open_store(store_location) as store:
        store.enqueue_job("rare", "x", "", utcnow() + timedelta(hours=1))
    worker = Worker(lambda: open_store(store_location), WorkerOptions(poll_seconds=0.01),
                    handlers={"rare": lambda job, store: None})
    with caplog.at_level("INFO", logger="newsmirror.jobs.worker"):
        thread = threading.Thread(target=worker.run, daemon=True)
        thread.start()
        for _ in range(20):  # twenty readings of the queue's state: ten polls or more
            assert polls.acquire(timeout=30.0)
        worker.stop()
        thread.join(30.0)
    idle = [r.getMessage() for r in caplog.records if " idle: " in r.getMessage()]
    assert len(idle) == 1, idle
    assert "next job due at" in idle[0] and " min " in idle[0]  # the countdown is still said, once
