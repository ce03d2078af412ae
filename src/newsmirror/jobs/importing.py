"""Import archives into the store: walk, recognise, extract, upsert; one bad file never stops the run.

Large archives (64k posts) are imported in batches: files whose bytes the store has seen
before are skipped on their hash alone; the rest are read and extracted by a pool of
processes (extraction is pure CPU), and each batch is written in one transaction.
"""

from __future__ import annotations

import functools
import hashlib
import multiprocessing
import os
import signal
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from newsmirror.errors import ExtractionError, ImportFailure
from newsmirror.extract import extract_article
from newsmirror.ingest.archives import (
    DEFAULT_MAX_FILE_BYTES,
    ChannelNameTables,
    FileKind,
    iter_archive_files,
    read_archive_file,
)
from newsmirror.model import Article
from newsmirror.store.base import Store
from newsmirror.text.search_key import prime_search_keys, search_key


class FileOutcome(StrEnum):
    # What a file did to its article; the first file of each article in a run is new, updated or unchanged,
    # so these three count articles (what the store holds), the next two the files that repeat one.
    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    # A later file of an article an earlier file of this run gave (one article in two archives, or filed twice):
    # it added nothing (duplicate) or another text, stored as a version of that article (merged). A fresh store
    # used to report such a file as "updated" or "unchanged", which a new user read as an edit or a re-import.
    DUPLICATE = "duplicate"
    MERGED = "merged"
    # ``--reread``: an article whose title and text are unchanged, its other fields (date, authors, images, links)
    # rewritten in place as this version extracts them from its file; no version, no edit (Store.refresh_article).
    REFRESHED = "refreshed"
    FAILED = "failed"  # an article file that could not be imported; ``reason`` says why
    SKIPPED = "skipped"  # not an article (index, names table, QR image, README, Jekyll page ...)


# A later file of an article this run has seen: what its store outcome becomes.
_REPEATED = {FileOutcome.UNCHANGED: FileOutcome.DUPLICATE, FileOutcome.UPDATED: FileOutcome.MERGED}
_STORED = {FileOutcome.NEW, FileOutcome.UPDATED, FileOutcome.UNCHANGED, FileOutcome.DUPLICATE, FileOutcome.MERGED,
           FileOutcome.REFRESHED}


@dataclass(slots=True)
class FileResult:
    path: str
    outcome: FileOutcome
    reason: str = ""
    article_id: str = ""
    kind: str = ""  # page_mirror | jekyll_post | not_article


@dataclass(slots=True)
class ImportReport:
    results: list[FileResult] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)  # ids of the articles this run's files gave

    def add(self, result: FileResult) -> None:
        """Record a file's result in file order; a later file of an article already given is a duplicate or merged."""
        if result.outcome in _STORED and result.article_id:
            if result.article_id in self.articles:
                result.outcome = _REPEATED.get(result.outcome, result.outcome)
            self.articles.add(result.article_id)
        self.results.append(result)

    def counts(self) -> dict[str, int]:
        counted = Counter(result.outcome.value for result in self.results)
        return {outcome.value: counted.get(outcome.value, 0) for outcome in FileOutcome}

    @property
    def imported(self) -> int:
        """Articles the files gave (new, updated or already there unchanged), each counted once: on a fresh store,
        the articles stored."""
        return len(self.articles)

    @property
    def article_files(self) -> int:
        """Files that gave an article (duplicates and merged versions included)."""
        return sum(result.outcome in _STORED for result in self.results)

    @property
    def warning(self) -> str:
        """What to tell a user whose import found nothing to import ('' when articles were found)."""
        if not self.results:
            return "no files found: the folder is empty (or holds only hidden files); nothing was imported"
        counts = self.counts()
        if self.articles or counts["failed"]:
            return ""
        reasons = Counter(result.reason for result in self.skipped).most_common(3)
        listed = "; ".join(f"{count} × {reason}" for reason, count in reasons)
        return (f"no article files found among {len(self.results)} files ({listed}); expected page-mirror "
                "pages (pages/<channel>/<id>.md) or Jekyll posts (_posts/, archived/<date>/)")

    @property
    def edited(self) -> list[str]:
        """Ids of the articles a later file of this run gave another title or text (kept as a version, so `stats`
        counts the article as edited), in file order."""
        return list(dict.fromkeys(result.article_id for result in self.results if result.outcome is FileOutcome.MERGED))

    @property
    def failures(self) -> list[FileResult]:
        return [result for result in self.results if result.outcome is FileOutcome.FAILED]

    @property
    def skipped(self) -> list[FileResult]:
        return [result for result in self.results if result.outcome is FileOutcome.SKIPPED]


Progress = Callable[[int, int, str], None]  # (done, total, current path)

BATCH = 256  # files per transaction
POOL_THRESHOLD = 64  # fewer files than this are extracted in this process (a pool costs ~0.2 s)


@dataclass(slots=True)
class _Extracted:
    """What a worker made of one file (everything but the store's decision)."""

    path: str
    result: FileResult | None = None  # final already: skipped or failed
    article: Article | None = None
    kind: str = ""
    keys: tuple[str, str] = ("", "")  # search keys of title and body, computed beside extraction


def _seen_before(store: Store, article: Article) -> str | None:
    """The stored article's id when this exact content is already one of its stored versions, else None.

    Archives can hold two states of one article (an edited title in two files); without this
    check every re-import would flip the article between them and add a version each time.
    """
    article_id = store.find_article_id(url=article.canonical_url) or store.find_article_id(url=article.original_url)
    if article_id is None:
        return None
    # The hashes alone: every version's bodies were read (and inflated) to compare one column (review61).
    return article_id if article.content_hash in store.version_hashes(article_id) else None


def _read_from(store: Store, article_id: str, origin: str) -> bool:
    """Whether the file ``origin`` is the one the stored article was read from (the file of its current text), by
    its name: the same file under another folder or path spelling (``archived/<day>/`` and ``_posts/`` hold the
    same post; a relative path) is the same document. Another file of the same text is not: the waimei archive
    files a feed's re-dated item again on a later day, and its date is the re-post's, so a --reread of that day's
    folder moved a DW article of 2020-10-03 to 2020-11-10 (the first version of this refresh did)."""
    # Its origin alone: the whole stored article (its bodies inflated) was read to compare one name (review61).
    stored = store.article_origin(article_id)
    return stored is not None and bool(origin) and Path(stored).name == Path(origin).name


_NO_TEXT = "no article text left after cleaning"  # extract_article's words for an empty result
_NAMES = ChannelNameTables()  # per process: channel-name tables already read


def _extract(path_text: str, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES) -> _Extracted:
    """Read and extract one file (runs in a worker process); never raises."""
    path = Path(path_text)
    try:
        found = read_archive_file(path, _NAMES, max_file_bytes=max_file_bytes)
        if found.raw is None:
            return _Extracted(path_text, FileResult(path_text, FileOutcome.SKIPPED, reason=found.reason,
                                                    kind=found.kind.value))
        try:
            article = extract_article(found.raw)
        except ExtractionError as exc:
            if found.kind is FileKind.JEKYLL_POST and _NO_TEXT in str(exc):
                # A feed item whose body was only the feed's footer ("The post ... appeared
                # first on ...") or boilerplate: no article, not a failure.
                return _Extracted(path_text, FileResult(path_text, FileOutcome.SKIPPED, reason=(
                    "not an article: the post holds only its feed's footer or boilerplate "
                    "(no text left after cleaning)"), kind=FileKind.NOT_ARTICLE.value))
            raise
    except ImportFailure as exc:
        return _Extracted(path_text, FileResult(path_text, FileOutcome.FAILED, reason=exc.reason))
    except ExtractionError as exc:
        return _Extracted(path_text, FileResult(path_text, FileOutcome.FAILED,
                                                reason=str(exc).removeprefix(f"{path}: ")))
    except Exception as exc:  # noqa: BLE001 - a parser bug on one file must not stop the archive
        return _Extracted(path_text, FileResult(path_text, FileOutcome.FAILED,
                                                reason=f"unexpected {type(exc).__name__}: {exc}"))
    keys = (search_key(article.title), search_key(article.body_text or article.body_markdown))
    return _Extracted(path_text, article=article, kind=found.kind.value, keys=keys)


def _store(store: Store, extracted: _Extracted, refreshed: set[tuple[str, str]] | None = None) -> FileResult:
    """The store's part: unchanged, new or updated (or failed when the store refuses it). ``refreshed``: when given
    (``--reread``), an unchanged article's other fields are rewritten as this file gives them (refreshed), by the
    first file of the run with its text; the (id, content hash) of each are added to it."""
    if extracted.result is not None:
        return extracted.result
    article = extracted.article
    assert article is not None
    try:
        stored_id = _seen_before(store, article)
        if stored_id is not None:
            # The first file of this text only: a second copy would overwrite what the first gave, the reverse of a
            # first import, where the first file's reading is kept.
            key = (stored_id, article.content_hash)
            found = FileOutcome.UNCHANGED
            if refreshed is not None and key not in refreshed and _read_from(store, stored_id, article.origin):
                refreshed.add(key)
                if store.refresh_article(article):
                    found = FileOutcome.REFRESHED
            return FileResult(extracted.path, found, article_id=article.id, kind=extracted.kind)
        prime_search_keys({article.title: extracted.keys[0],
                           article.body_text or article.body_markdown: extracted.keys[1]})
        outcome = store.upsert_article(article)
    except Exception as exc:  # noqa: BLE001 - one article the store refuses must not stop the archive
        return FileResult(extracted.path, FileOutcome.FAILED, reason=f"not stored: {type(exc).__name__}: {exc}")
    return FileResult(extracted.path, FileOutcome(outcome.value), article_id=article.id, kind=extracted.kind)


def import_file(store: Store, path: Path, *, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES) -> FileResult:
    """Import one file in this process (no hash check: the file is always read)."""
    return _store(store, _extract(str(path), max_file_bytes))


def _hash_file(path: Path, max_file_bytes: int) -> str | None:
    try:
        if path.stat().st_size > max_file_bytes:
            return None  # refused unread by the reader, with its reason
        return hashlib.sha1(path.read_bytes()).hexdigest()
    except OSError:
        return None  # reported when the file is read for real


def _leave_stopping_to_the_parent() -> None:
    """A worker's first step: Ctrl-C and `systemctl stop` signal the whole process group; the parent rolls back its
    open batch and shuts the pool down, the workers finish their files quietly (each printed a traceback on Ctrl-C,
    and a worker dead of SIGTERM broke the pool under the parent)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


def _pool(workers: int) -> Executor:
    # fork: workers start at once and share the loaded modules (OpenCC dictionaries, lxml).
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method),
                               initializer=_leave_stopping_to_the_parent)


def _batches(files: list[Path], size: int) -> Iterator[list[Path]]:
    for start in range(0, len(files), size):
        yield files[start : start + size]


def import_paths(store: Store, paths: Iterable[str | Path], progress: Progress | None = None,
                 workers: int | None = None, reread: bool = False,
                 max_file_bytes: int = DEFAULT_MAX_FILE_BYTES) -> ImportReport:
    """Import every archive file under ``paths``. Raises ArchiveError only for unusable paths
    (checked before anything is stored); every per-file problem is recorded in the report,
    a bad channel-name table once under its own path (its articles still import).

    ``workers`` extraction processes (default: one per CPU; 0 or 1 extracts in this process).
    ``reread`` reads every file again, even those whose bytes were imported before (after an
    extraction fix), and refreshes an article whose title and text are unchanged: its date,
    authors, images, links ... as this version extracts them, in place (``FileOutcome.REFRESHED``).
    """
    global _NAMES
    _NAMES = ChannelNameTables()  # tables may have changed since the last import in this process
    files = list(iter_archive_files(paths))
    report = ImportReport()
    if workers is None:
        workers = os.cpu_count() or 1
    pool = _pool(workers) if workers > 1 and len(files) >= POOL_THRESHOLD else None
    extract = functools.partial(_extract, max_file_bytes=max_file_bytes)
    try:
        pending: Iterator[_Extracted] | None = None
        pending_batch: list[Path] = []
        known: dict[str, tuple[str | None, str, str]] = {}
        hashes: dict[Path, str | None] = {}
        refreshed: set[tuple[str, str]] | None = set() if reread else None
        for batch in [*_batches(files, BATCH), []]:
            # Hash and look up this batch, start extracting what is new, then store the
            # previous batch while the workers extract this one.
            batch_hashes = {path: _hash_file(path, max_file_bytes) for path in batch}
            batch_known = (store.known_files([h for h in batch_hashes.values() if h])
                           if batch and not reread else {})
            fresh = [str(p) for p in batch if batch_hashes[p] is None or batch_hashes[p] not in batch_known]
            started: Iterator[_Extracted] = (pool.map(extract, fresh, chunksize=8) if pool is not None
                                             else map(extract, fresh))
            if pending is not None:
                _finish_batch(store, report, pending_batch, pending, hashes, known, progress, len(files), refreshed)
            pending, pending_batch, hashes, known = started, batch, batch_hashes, batch_known
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    _report_name_tables(report, files)
    return report


def _report_name_tables(report: ImportReport, files: list[Path]) -> None:
    """A channel-name table that cannot be used, once, under its own path (the workers that met
    it are other processes; a table above the imported folders is never walked itself)."""
    names = ChannelNameTables()
    for folder in {path.parent for path in files}:
        names.for_article(folder / "article")
    reported = {Path(result.path).resolve() for result in report.failures}
    for table, problem in names.problems.items():
        if table not in reported:
            report.results.append(FileResult(str(table), FileOutcome.FAILED, reason=problem, kind="names_table"))


def _finish_batch(store: Store, report: ImportReport, batch: list[Path], extracted: Iterator[_Extracted],
                  hashes: dict[Path, str | None], known: dict[str, tuple[str | None, str, str]],
                  progress: Progress | None, total: int, refreshed: set[tuple[str, str]] | None = None) -> None:
    results: dict[str, FileResult] = {}
    remembered: list[tuple[str, str | None, str, str]] = []
    with store.batch():
        for item in extracted:
            result = _store(store, item, refreshed)
            results[item.path] = result
            file_hash = hashes.get(Path(item.path))
            if file_hash and result.outcome is not FileOutcome.FAILED:
                remembered.append((file_hash, result.article_id or None,
                                   result.reason if result.outcome is FileOutcome.SKIPPED else "", result.kind))
        store.remember_files(remembered)
    prime_search_keys(None)  # keys primed for articles that turned out unchanged
    for path in batch:
        text = str(path)
        found = results.get(text)
        if found is not None:
            result = found
        else:  # seen before: decided by its hash alone
            article_id, reason, kind = known[hashes[path] or ""]
            result = (FileResult(text, FileOutcome.UNCHANGED, article_id=article_id, kind=kind) if article_id
                      else FileResult(text, FileOutcome.SKIPPED, reason=reason, kind=kind))
        report.add(result)
        if progress is not None:
            progress(len(report.results), total, text)
