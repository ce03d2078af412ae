"""Job handlers for the worker subprocess tests (loaded with `newsmirror worker --plugin`).

`stall` writes one line per start to $NEWSMIRROR_TEST_JOURNAL, then hangs on its first attempt
(the test kills the worker there) and finishes on a later one, writing a `done` line.
`slow` takes a second, so that a SIGTERM arrives while it runs."""

from __future__ import annotations

import os
import time
from datetime import datetime

from newsmirror.jobs.worker import register_handler
from newsmirror.store import Job, Store


def _journal(line: str) -> None:
    with open(os.environ["NEWSMIRROR_TEST_JOURNAL"], "a", encoding="utf-8") as journal:
        journal.write(line + "\n")
        journal.flush()
        os.fsync(journal.fileno())


@register_handler("stall")
def stall(job: Job, store: Store) -> datetime | None:
    _journal(f"start {job.key} {job.lease_owner} {job.attempts}")
    if job.attempts == 1:
        time.sleep(3600)
    _journal(f"done {job.key} {job.lease_owner}")
    return None


@register_handler("slow")
def slow(job: Job, store: Store) -> datetime | None:
    _journal(f"start {job.key} {job.lease_owner}")
    time.sleep(1.0)
    _journal(f"done {job.key} {job.lease_owner}")
    return None
