"""Real worker processes: one is killed mid-job, another finishes the job exactly once; a
SIGTERM lets the running job finish before the worker exits."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from newsmirror.store import open_store

REPO = Path(__file__).resolve().parents[2]


def start_worker(location: str, journal: Path, worker_id: str, *extra: str) -> subprocess.Popen[bytes]:
    env = dict(os.environ, NEWSMIRROR_TEST_JOURNAL=str(journal),
               PYTHONPATH=os.pathsep.join([str(REPO / "src"), str(REPO)]))
    return subprocess.Popen(
        [sys.executable, "-m", "newsmirror", "worker", "--db", location, "--id", worker_id,
         "--plugin", "tests.jobs.crash_handlers", "--no-schedule", "--poll", "0.1", "--concurrency", "1",
         *extra],
        env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )


def wait_for(condition, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def lines(journal: Path) -> list[str]:
    return journal.read_text(encoding="utf-8").splitlines() if journal.exists() else []


def test_killed_worker_job_is_completed_once_by_another(store_location: str, tmp_path: Path) -> None:
    journal = tmp_path / "journal.txt"
    with open_store(store_location) as store:
        store.enqueue_job("stall", "job-1")
    first = start_worker(store_location, journal, "first", "--kinds", "stall", "--lease", "1.5")
    try:
        wait_for(lambda: any(line.startswith("start job-1") for line in lines(journal)))
        time.sleep(2.0)  # longer than the lease: the heartbeat must keep it while the worker lives
        with open_store(store_location) as store:
            job = store.get_job("stall", "job-1")
            assert job is not None and job.lease_owner == "first/0" and job.done_at is None
            # Renewed, not merely left as claimed: an expired lease keeps its owner's name until another claim, so the
            # owner alone held without any heartbeat (reader69). A lease of 1.5 s taken 2 s ago is live only if it
            # was renewed since, and then no other worker can take the job.
            assert job.lease_expires_at is not None and job.lease_expires_at > datetime.now(UTC), job
            assert store.claim_jobs("thief", kinds=["stall"]) == []
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    finally:
        if first.poll() is None:
            first.kill()
    # `--once` exits when nothing is due, so start the second worker only after the dead one's lease ran out.
    with open_store(store_location) as store:
        job = store.get_job("stall", "job-1")
    assert job is not None and job.lease_expires_at is not None
    time.sleep(max(0.0, (job.lease_expires_at - datetime.now(UTC)).total_seconds()) + 0.3)
    second = start_worker(store_location, journal, "second", "--kinds", "stall", "--lease", "1.5", "--once")
    output, _ = second.communicate(timeout=60)
    assert second.returncode == 0, output.decode()
    assert lines(journal) == ["start job-1 first/0 1", "start job-1 second/0 2", "done job-1 second/0"]
    with open_store(store_location) as store:
        job = store.get_job("stall", "job-1")
        assert job is not None and job.done_at is not None and job.lease_owner is None
        assert store.job_counts() == {"pending": 0, "due": 0, "leased": 0, "done": 1}


def test_sigterm_finishes_the_running_job_then_exits(store_location: str, tmp_path: Path) -> None:
    journal = tmp_path / "journal.txt"
    with open_store(store_location) as store:
        store.enqueue_job("slow", "job-1")
        store.enqueue_job("slow", "job-2")
    worker = start_worker(store_location, journal, "w", "--kinds", "slow")
    try:
        wait_for(lambda: bool(lines(journal)))
        worker.send_signal(signal.SIGTERM)
        output, _ = worker.communicate(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert worker.returncode == 0, output.decode()
    assert lines(journal) == ["start job-1 w/0", "done job-1 w/0"]  # finished, and took no more
    with open_store(store_location) as store:
        finished, untouched = store.get_job("slow", "job-1"), store.get_job("slow", "job-2")
        assert finished is not None and finished.done_at is not None
        assert untouched is not None and untouched.done_at is None and untouched.attempts == 0
