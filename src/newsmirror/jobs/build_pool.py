"""Article pages rendered in worker processes (``newsmirror build --jobs N``).

Rendering an article (sanitizing, Markdown, templates, QR codes) is most of a full build and
ran in one process, leaving the other cores idle. Here the parent keeps everything that is
order-dependent or shared: it loads the articles, fetches their images, chooses every page path
(names that collide are settled in article order) and keeps the manifests and the progress.
Workers get plain data (the article, its entry, its story as its page shows it, the chosen
paths), render and write the pages, and send back what each write did, in order; the parent
records exactly the writes a one-process build makes (``publish.parallel``): the output is
byte-identical whatever the number of workers.

Workers are forked once the builders exist (they inherit them, the templates and the converter),
and never touch the parent's store connection: SQLite must not be used across a fork.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field

from newsmirror.model import Article
from newsmirror.publish.base import FormatBuilder
from newsmirror.publish.content import Entry, StoryView, prepare
from newsmirror.publish.images import ImageMirror, image_urls
from newsmirror.publish.parallel import (
    QUEUED_PER_WORKER,
    RecordingWriter,
    Write,
    forked_executor,
    ignore_interrupts,
    result_of,
    submit,
)

CHUNK = 50  # articles per task: big enough that a task's overhead is small, small enough to balance
Due = list[tuple[FormatBuilder, str]]  # the builders that must render an article, with its page fingerprint
# An article to render, as loaded by the second pass: its entry, stories, due builders and image_token (None: unknown).
Loaded = tuple[Article | None, Entry, dict[str, StoryView], Due, str | None]
# What a worker did for one article, builder by builder: (builder index, its writes, the paths
# it reports when it finished, None when it failed); then the error that stopped it, if any.
Op = tuple[int, list[Write], list[str] | None]


def default_jobs() -> int:
    """One worker per core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


class _KnownImages(ImageMirror):
    """The parent's image cache as a worker sees it: the names of one task's images, decided
    (and fetched) by the parent; an image URL the parent did not foresee is looked up in the
    cache the worker inherited (and fetched there if new; the next build remembers it)."""

    def __init__(self, fallback: ImageMirror, names: dict[str, str | None]) -> None:  # no index to load
        self.cache_dir = fallback.cache_dir
        self._fallback = fallback
        self._names = names

    def local_name(self, url: str) -> str | None:
        if url in self._names:
            return self._names[url]
        return self._fallback.local_name(url)

    def read(self, name: str) -> bytes:
        return self._fallback.read(name)

    def size_of(self, name: str) -> tuple[int, int] | None:
        return self._fallback.size_of(name)  # recorded by the parent as it stored it, or read from the file here


@dataclass(slots=True)
class _Task:
    article: Article
    entry: Entry
    stories: dict[str, StoryView]
    due: list[tuple[int, str]]  # (builder index, page path)
    images: dict[str, str | None] | None  # image URL -> cached file name (None: dropped)
    image_token: str | None = None  # publish.content.image_token when the first pass computed it


@dataclass(slots=True)
class _WorkerState:
    builders: list[FormatBuilder]
    convert: Callable[[str], str]
    mirror: ImageMirror | None
    recorders: list[RecordingWriter] = field(default_factory=list)  # made in each worker


_STATE: _WorkerState | None = None  # set in the parent just before forking; the workers inherit it


def _start_worker() -> None:
    ignore_interrupts()
    state = _STATE
    assert state is not None
    state.recorders = [RecordingWriter(builder.writer) for builder in state.builders]
    for builder, recorder in zip(state.builders, state.recorders, strict=True):
        builder.writer = recorder


def _render_chunk(tasks: list[_Task]) -> list[tuple[list[Op], str | None]]:
    state = _STATE
    assert state is not None
    done: list[tuple[list[Op], str | None]] = []
    for task in tasks:
        ops: list[Op] = []
        failure: str | None = None
        mirror = _KnownImages(state.mirror, task.images) if state.mirror is not None and task.images is not None \
            else state.mirror
        index = -1
        try:
            prepared = prepare(task.article, task.entry, state.convert, mirror, task.image_token)
            for index, path in task.due:
                paths = state.builders[index].render_article(prepared, task.stories, path)
                ops.append((index, state.recorders[index].take(), paths))
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop the build; it is reported
            failure = str(exc)
            if index >= 0 and state.recorders[index].writes:  # what it wrote before it failed
                ops.append((index, state.recorders[index].take(), None))
        done.append((ops, failure))
    return done


def _plain(stories: dict[str, StoryView]) -> dict[str, StoryView]:
    """A story as an article page shows it, without its comparer (a closure over the store)."""
    return {key: StoryView(id=story.id, title=story.title, members=story.members, fingerprint=story.fingerprint)
            for key, story in stories.items()}


@dataclass(slots=True)
class _Submitted:
    result: Future[list[tuple[list[Op], str | None]]]
    articles: list[tuple[Article, Entry, Due, dict[int, str]]]  # ..., builder index -> its page path
    done: int  # the progress count once this task is written


class RenderPool:
    """Renders loaded articles in ``jobs`` forked workers; started on the first ``submit``."""

    def __init__(self, builders: list[FormatBuilder], convert: Callable[[str], str], mirror: ImageMirror | None,
                 jobs: int, failures: list[str], progress: Callable[[int], None]) -> None:
        self.builders = builders
        self.convert = convert
        self.mirror = mirror
        self.jobs = jobs
        self.failures = failures
        self.progress = progress
        self._pool: ProcessPoolExecutor | None = None
        self.used = False  # workers were started (an incremental build of a few articles starts none)
        self._waiting: deque[_Submitted] = deque()

    @property
    def started(self) -> bool:
        return self._pool is not None

    def _start(self) -> ProcessPoolExecutor:
        global _STATE
        # Kept until the pool stops: the workers are forked at its first submit.
        _STATE = _WorkerState(self.builders, self.convert, self.mirror)
        self.used = True
        self._pool = forked_executor(self.jobs, _start_worker)
        return self._pool

    def submit(self, loaded: list[Loaded], done: int) -> None:
        """Render these articles (their images already fetched); ``done`` is reported when written."""
        pool = self._pool or self._start()
        tasks: list[_Task] = []
        articles: list[tuple[Article, Entry, Due, dict[int, str]]] = []
        index = {id(builder): n for n, builder in enumerate(self.builders)}
        for article, entry, stories, due, token in loaded:
            if article is None:
                continue
            images = None
            if self.mirror is not None:
                images = {url: self.mirror.local_name(url) for url in image_urls(article)}
            # Chosen here, in article order, as a one-process build chooses them.
            paths = [(index[id(builder)], builder.page_for(entry, article)) for builder, _ in due]
            tasks.append(_Task(article, entry, _plain(stories), paths, images, token))
            articles.append((article, entry, due, dict(paths)))
        for start in range(0, len(tasks), CHUNK):
            end = start + CHUNK
            last = end >= len(tasks)
            self._waiting.append(_Submitted(submit(pool, _render_chunk, tasks[start:end]),
                                            articles[start:end], done if last else -1))
            self._collect(limit=self.jobs * QUEUED_PER_WORKER)
        if not tasks:
            self.progress(done)

    def _collect(self, limit: int) -> None:
        """Write the finished tasks, in order; wait while more than ``limit`` are waiting."""
        while self._waiting and (len(self._waiting) > limit or self._waiting[0].result.done()):
            submitted = self._waiting.popleft()
            rendered: list[tuple[list[Op], str | None]] = result_of(submitted.result)
            for (article, entry, due, pages), (ops, failure) in zip(submitted.articles, rendered, strict=True):
                self._apply(article, entry, due, pages, ops, failure)
            if submitted.done >= 0:
                self.progress(submitted.done)

    def _apply(self, article: Article, entry: Entry, due: Due, pages: dict[int, str], ops: list[Op],
               failure: str | None) -> None:
        """What ``render_article`` and the one-process loop do with a rendered article, in order."""
        prints = {id(builder): page_print for builder, page_print in due}
        for index, writes, paths in ops:
            builder = self.builders[index]
            for write in writes:
                builder.writer.record_write(*write)
            if paths is not None:
                builder.paths[entry.id] = pages[index]
                builder.writer.record_input(builder.article_key(entry), prints[id(builder)], paths)
        if failure is not None:
            self.failures.append(f"{article.id} ({article.original_url or article.title}): {failure}")

    def finish(self) -> None:
        """Write what is still being rendered and stop the workers."""
        try:
            self._collect(limit=0)
        finally:
            self.close()

    def close(self) -> None:
        global _STATE
        if self._pool is not None:
            # Stopped by an error: what is still waiting is not wanted (a running task ends first).
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
            self._waiting.clear()
        _STATE = None
