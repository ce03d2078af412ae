"""A format builder's pages rendered and written in forked processes, recorded by the parent.

Workers are forked when the work starts, so they see the builder as it is then (its page
paths, templates, converter, its writer with the last build's manifest); they get plain data,
render, write the files through their copy of the writer (same bytes to the same paths as one
process would), and send back what each write did. The parent records that in its writer, in
the order of the items, so the output and the manifest are the same whatever the number of
processes. (File creation was half of the parent's time when it wrote everything.) A forked
worker never uses a database connection of its parent (SQLite must not be used across a fork):
whatever needs the store is read by the parent and handed over.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Any, TypeVar

from newsmirror.errors import NewsmirrorError
from newsmirror.publish.manifest import OutputWriter, digest

Item = TypeVar("Item")
Result = TypeVar("Result")
Write = tuple[str, str, str | None, bool]  # (path, digest, month, written): ``OutputWriter.record_write``
QUEUED_PER_WORKER = 3  # tasks waiting per worker: keeps workers busy while the parent writes


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


class WorkerDied(NewsmirrorError):
    pass


def forked_executor(jobs: int, initializer: Callable[[], None] | None = None) -> ProcessPoolExecutor:
    """``jobs`` worker processes, all forked at the first ``submit`` (so they see this process
    as it is then). A worker that dies (killed for memory) breaks the pool: ``result`` raises
    instead of waiting forever, as ``multiprocessing.Pool`` would."""
    return ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"), initializer=initializer)


_DIED = ("a build worker process died (out of memory?); try fewer processes with --jobs, "
         "or --jobs 1 to render in one process")


def submit(executor: ProcessPoolExecutor, func: Callable[[Item], Result], argument: Item) -> Future[Result]:
    try:
        return executor.submit(func, argument)
    except BrokenProcessPool as exc:
        raise WorkerDied(_DIED) from exc


def result_of(future: Future[Result]) -> Result:
    try:
        return future.result()
    except BrokenProcessPool as exc:
        raise WorkerDied(_DIED) from exc


class RecordingWriter(OutputWriter):
    """A worker's writer: it writes through its copy of the format's writer (the parent's as it
    was at the fork: same manifest, same folder) and keeps what it did for the parent's
    ``OutputWriter.record_write``, so the parent keeps the manifest without writing the files."""

    def __init__(self, real: OutputWriter) -> None:  # the manifest is the real writer's
        self.real = real
        self.writes: list[Write] = []

    def write(self, relative: str, content: str | bytes, month: str | None = None) -> bool:
        data = content.encode("utf-8") if isinstance(content, str) else content
        written = self.real.write(relative, data, month)
        self.writes.append((relative, digest(data), month, written))
        return written

    def take(self) -> list[Write]:
        writes, self.writes = self.writes, []
        return writes


_CALL: Callable[[Any], Any] | None = None  # set just before forking; the workers inherit it
def ignore_interrupts() -> None:
    """A worker's first step: Ctrl-C reaches the whole process group; the parent stops the
    pool, workers stay quiet."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run(items: list[Any]) -> list[Any]:
    assert _CALL is not None
    return [_CALL(item) for item in items]


def fork_map(func: Callable[[Item], Result], items: Iterable[Item], jobs: int, chunk: int = 20) -> Iterator[Result]:
    """``func(item)`` for every item, in ``jobs`` processes forked now; results in item order.
    Items are taken (in this thread) only as the workers need them."""
    global _CALL
    _CALL = func
    executor = forked_executor(jobs, ignore_interrupts)
    waiting: deque[Future[list[Result]]] = deque()
    try:
        iterator = iter(items)
        while batch := list(islice(iterator, chunk)):
            waiting.append(submit(executor, _run, batch))
            _CALL = None  # every worker was forked at the first submit
            while len(waiting) > jobs * QUEUED_PER_WORKER or (len(waiting) > 1 and waiting[0].done()):
                yield from result_of(waiting.popleft())
        while waiting:
            yield from result_of(waiting.popleft())
    finally:
        _CALL = None
        executor.shutdown(wait=True, cancel_futures=True)
