"""Import archives into the store: walk, recognise, extract, upsert; one bad file never stops the run."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from newsmirror.errors import ExtractionError, ImportFailure
from newsmirror.extract import extract_article
from newsmirror.ingest.archives import (
    DEFAULT_MAX_FILE_BYTES,
    ChannelNameTables,
    iter_archive_files,
    read_archive_file,
)
from newsmirror.model import Article
from newsmirror.store.base import Store


class FileOutcome(StrEnum):
    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    FAILED = "failed"  # an article file that could not be imported; ``reason`` says why
    SKIPPED = "skipped"  # not an article (index, names table, QR image, README ...)


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

    def counts(self) -> dict[str, int]:
        counted = Counter(result.outcome.value for result in self.results)
        return {outcome.value: counted.get(outcome.value, 0) for outcome in FileOutcome}

    @property
    def imported(self) -> int:
        """Article files stored (new, updated or already there unchanged)."""
        counts = self.counts()
        return counts["new"] + counts["updated"] + counts["unchanged"]

    @property
    def failures(self) -> list[FileResult]:
        return [result for result in self.results if result.outcome is FileOutcome.FAILED]

    @property
    def skipped(self) -> list[FileResult]:
        return [result for result in self.results if result.outcome is FileOutcome.SKIPPED]


Progress = Callable[[int, int, str], None]  # (done, total, current path)


def _seen_before(store: Store, article: Article) -> bool:
    """True when this exact content is already one of the article's stored versions.

    Archives can hold two states of one article (an edited title in two files); without this
    check every re-import would flip the article between them and add a version each time.
    """
    article_id = store.find_article_id(url=article.canonical_url) or store.find_article_id(url=article.original_url)
    if article_id is None:
        return False
    return any(version.content_hash == article.content_hash for version in store.versions(article_id))


def import_file(store: Store, path: Path, names: ChannelNameTables | None = None, *,
                max_file_bytes: int = DEFAULT_MAX_FILE_BYTES) -> FileResult:
    try:
        found = read_archive_file(path, names, max_file_bytes=max_file_bytes)
        if found.raw is None:
            return FileResult(str(path), FileOutcome.SKIPPED, reason=found.reason, kind=found.kind.value)
        article = extract_article(found.raw)
        if _seen_before(store, article):
            return FileResult(str(path), FileOutcome.UNCHANGED, article_id=article.id, kind=found.kind.value)
        outcome = store.upsert_article(article)
    except ImportFailure as exc:
        return FileResult(str(path), FileOutcome.FAILED, reason=exc.reason)
    except ExtractionError as exc:
        return FileResult(str(path), FileOutcome.FAILED, reason=str(exc).removeprefix(f"{path}: "))
    except Exception as exc:  # noqa: BLE001 - a parser bug on one file must not stop the archive
        return FileResult(str(path), FileOutcome.FAILED, reason=f"unexpected {type(exc).__name__}: {exc}")
    return FileResult(str(path), FileOutcome(outcome.value), article_id=article.id, kind=found.kind.value)


def import_paths(store: Store, paths: Iterable[str | Path], progress: Progress | None = None, *,
                 max_file_bytes: int = DEFAULT_MAX_FILE_BYTES) -> ImportReport:
    """Import every archive file under ``paths``. Raises ArchiveError only for unusable paths
    (checked before anything is stored); every per-file problem is recorded in the report,
    a bad channel-name table once under its own path (its articles still import)."""
    files = list(iter_archive_files(paths))
    report = ImportReport()
    names = ChannelNameTables()
    for done, path in enumerate(files, start=1):
        report.results.append(import_file(store, path, names, max_file_bytes=max_file_bytes))
        if progress is not None:
            progress(done, len(files), str(path))
    reported = {Path(result.path).resolve() for result in report.failures}
    for table, problem in names.problems.items():
        if table not in reported:  # a table above the imported folders, never walked itself
            report.results.append(FileResult(str(table), FileOutcome.FAILED, reason=problem, kind="names_table"))
    return report
