"""Incremental output: a manifest of output path -> content hash, per output folder.

A build renders what may have changed and hands every file to :class:`OutputWriter`; the
writer skips files whose bytes are unchanged, so a build of an unchanged store writes
nothing (not even the manifest). Inputs (an article, a story) are remembered with a
fingerprint and the paths they produced, so an unchanged input is not even rendered.
Files a previous build wrote that this build did not produce are removed; files the
manifest never listed (a CNAME, a README of your own) are never touched.

The manifest is a SQLite file in the output folder (``.newsmirror-manifest.sqlite``), rewritten
row by row for what changed: as one JSON file it was ~75 MB for the whole real archive, parsed
and written again in full by every build (a quarter of an incremental build that wrote 331
files). A JSON manifest of an older version (``.newsmirror-manifest.json``) is still read, and
replaced by the SQLite file at the end of the build.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsmirror.publish.outfiles import (
    ALL_FOLDERS,
    BAD_PARTS,
    DRIVE,
    OutputError,
    atomic_write,
    confined_map,
    confined_path,
    is_confined,
    prune_empty_parents,
)
from newsmirror.store.schema import foreign_schema

__all__ = ["OutputError", "OutputWriter", "built_settings", "confined_path", "foreign_schema", "load_months",
           "load_outputs", "open_ours", "updating"]

MANIFEST_NAME = ".newsmirror-manifest.sqlite"
LEGACY_MANIFEST_NAME = ".newsmirror-manifest.json"  # format 1, written by versions before the SQLite one
MANIFEST_FORMAT = 2
LEGACY_FORMAT = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS outputs (path TEXT PRIMARY KEY, digest TEXT NOT NULL, month TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS inputs (key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, paths TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS folders (path TEXT PRIMARY KEY, mtime_ns INTEGER NOT NULL) WITHOUT ROWID;
"""
# The paths of an input, joined: NUL never occurs in a path the writer accepts.
_JOIN = "\x00"
# A folder's modification time is trusted only when it is this much older than the moment it was
# read: on a file system with coarse timestamps (whole seconds), a deletion in the same second
# would leave it unchanged.
_MTIME_MARGIN_NS = 2_000_000_000


def open_ours(path: Path, schema: str, what: str, **kwargs: Any) -> sqlite3.Connection:
    """``path`` opened once its schema is found ours (:func:`foreign_schema`); else an OutputError naming it."""
    db = sqlite3.connect(path, **kwargs)
    try:
        # Functions a schema may call are limited to the harmless ones (defence in depth: ours calls none).
        db.execute("PRAGMA trusted_schema = OFF")
        why = foreign_schema(db, schema)  # newsmirror.store.schema: the one check, a store's too (safety73)
    except BaseException:
        db.close()
        raise
    if why is not None:
        db.close()
        raise OutputError(f"{what} {path} is not a file newsmirror wrote ({why}); nothing was read from it. "
                          "Delete it to rebuild everything")
    return db


@contextlib.contextmanager
def updating(path: Path, schema: str, what: str = "the build file") -> Iterator[sqlite3.Connection]:
    """One write transaction on a build's bookkeeping file (created with ``schema`` if new):
    committed when the block ends, rolled back if it raises, so a stopped build leaves the
    file as the last build wrote it. A file whose schema is not ours is refused (OutputError),
    never written through (a trigger would run on our writes)."""
    with contextlib.closing(open_ours(path, schema, what, isolation_level=None)) as db:
        db.executescript(schema)
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise


_MONTH = re.compile(r"^(\d{4}-\d{2}|undated)$")


# What input_unchanged knows of a folder: its files taken as there, each to be checked, or a
# folder that is not a plain relative path (none of its paths is trusted).
_TRUSTED, _CHECK_FILES, _REFUSED = object(), object(), object()


def digest(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


@dataclass(slots=True)
class Manifest:
    """What a manifest holds, in either format (paths not yet checked)."""

    format: int = MANIFEST_FORMAT
    options: str = ""
    settings: dict[str, str] = field(default_factory=dict)  # what the build was asked for (OutputWriter.settings)
    outputs: dict[str, str] = field(default_factory=dict)  # path -> digest
    months: dict[str, str] = field(default_factory=dict)  # path -> YYYY-MM
    inputs: dict[str, list[Any]] = field(default_factory=dict)  # key -> [fingerprint, [paths]]
    folders: dict[str, int] = field(default_factory=dict)  # folder -> mtime_ns when last verified
    legacy: bool = False  # read from the JSON file of an older version


def read_manifest(root: Path) -> Manifest | None:
    """The manifest the last build left in ``root`` (None when there is none).

    The JSON file of an older version wins when both exist: this version deletes it once its
    SQLite file is written, so a JSON file beside it was written later, by an older version,
    and the SQLite file is stale. Raises :class:`OutputError` when the file cannot be read.
    """
    legacy, current = root / LEGACY_MANIFEST_NAME, root / MANIFEST_NAME
    if legacy.exists():
        return _read_legacy(legacy)
    if not current.exists():
        return None
    try:
        with contextlib.closing(open_ours(current, _SCHEMA, "the build manifest")) as db:
            meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
            manifest = Manifest(format=int(meta.get("format", 0)), options=str(meta.get("options", "")),
                                settings=_settings(meta.get("settings")))
            if manifest.format != MANIFEST_FORMAT:
                return manifest  # a format this version does not know: nothing in it is trusted
            for path, hashed, month in db.execute("SELECT path, digest, month FROM outputs"):
                manifest.outputs[path] = hashed
                if month is not None:
                    manifest.months[path] = month
            manifest.inputs = {key: [fingerprint, paths.split(_JOIN) if paths else []]
                               for key, fingerprint, paths in db.execute("SELECT key, fingerprint, paths FROM inputs")}
            manifest.folders = dict(db.execute("SELECT path, mtime_ns FROM folders").fetchall())
            return manifest
    except (sqlite3.Error, ValueError, TypeError) as exc:
        raise OutputError(
            f"the build manifest {current} is unreadable ({exc}); delete it to rebuild everything") from exc


def _settings(value: object) -> dict[str, str]:
    """The settings row as written by ``OutputWriter._save`` (JSON of strings); anything else counts as none."""
    try:
        data = json.loads(value) if isinstance(value, str) else None
    except ValueError:
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)} if isinstance(data, dict) else {}


def built_settings(root: Path) -> dict[str, str] | None:
    """The settings the last build of the output folder ``root`` was made with (for a site: its ``script``,
    ``base_url`` and ``site_title``), or None when no build of this version recorded them there. A command that
    writes into a built folder afterwards (`changes --write-site`) writes as that build would: it wrote the change
    pages in Simplified into a 繁 site (polish69)."""
    manifest = read_manifest(root)
    settings = (manifest.settings or None) if manifest is not None else None
    if settings:
        _check_settings(settings, f"the build manifest {root / MANIFEST_NAME}")
    return settings


def _check_settings(settings: dict[str, str], what: str) -> None:
    """The checks `build` makes of the same settings given on its command line or in the config (``served_url``,
    ``site_name``, a known script), made of what a manifest says: a manifest is a file anyone who can write the
    output folder can edit (a clone of a published mirror carries one), and its ``javascript:`` base URL became
    every change feed's links (safety71). A ConfigError naming the manifest; a new build writes the row again."""
    # Imported here: the converters and the Markdown escaper are not needed to read a manifest for a build.
    from newsmirror.errors import ConfigError
    from newsmirror.publish.content import OUTPUT_SCRIPTS
    from newsmirror.publish.safe import served_url, site_name

    again = "; build into the folder again (`newsmirror build`) to record its settings anew"
    try:
        served_url(settings.get("base_url", ""), f"{what}: base_url")
        site_name(settings.get("site_title", ""), f"{what}: site_title")
    except ConfigError as exc:
        raise ConfigError(f"{exc}{again}") from None
    if settings.get("script", "original") not in OUTPUT_SCRIPTS:
        raise ConfigError(f"{what}: unknown script {settings['script']!r}; choose one of "
                          f"{', '.join(OUTPUT_SCRIPTS)}{again}")


def _read_legacy(path: Path) -> Manifest:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise OutputError(f"the build manifest {path} is unreadable ({exc}); delete it to rebuild everything") from exc
    if not isinstance(data, dict) or data.get("format") != LEGACY_FORMAT:
        return Manifest(format=0, legacy=True)
    outputs, months, inputs = data.get("outputs"), data.get("months"), data.get("inputs")
    return Manifest(
        format=LEGACY_FORMAT, options=str(data.get("options", "")), legacy=True,
        outputs={k: v for k, v in outputs.items() if isinstance(v, str)} if isinstance(outputs, dict) else {},
        months={k: v for k, v in months.items() if isinstance(v, str)} if isinstance(months, dict) else {},
        inputs={k: [v[0], [str(p) for p in v[1]]] for k, v in inputs.items()
                if isinstance(v, list) and len(v) == 2 and isinstance(v[1], list)} if isinstance(inputs, dict) else {},
    )


STORY_KEY_PREFIX = "story:"  # the input key of a story page: "story:<id>"


@dataclass(slots=True)
class WriteCounts:
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped_inputs: int = 0  # articles and stories (inputs counted) unchanged since the last build
    rendered_inputs: int = 0  # articles and stories rendered
    skipped_stories: int = 0  # of which stories (keys STORY_KEY_PREFIX...): `build`'s table says each apart
    rendered_stories: int = 0
    written_paths: list[str] = field(default_factory=list)


class OutputWriter:
    """Writes files under ``root`` only when their content changed.

    ``verify``: check that every file of every unchanged input exists (one ``stat`` per file),
    instead of trusting folders whose modification time is the one recorded (see
    :meth:`_check_folder`).
    """

    def __init__(self, root: Path, options_key: str = "", verify: bool = False,
                 settings: dict[str, str] | None = None) -> None:
        self.root = root
        self._root_prefix = os.path.join(str(root), "")
        self.options_key = options_key
        self.verify = verify
        # The options in a form others can read back (built_settings): the options key is a digest's input, not that.
        self.settings = dict(settings or {})
        self._recorded_settings: dict[str, str] = {}
        self.counts = WriteCounts()
        self._outputs: dict[str, str] = {}
        self._inputs: dict[str, list[Any]] = {}
        self._months: dict[str, str] = {}
        self._folder_marks: dict[str, int] = {}
        self._owners: dict[str, str] | None = None
        self._rewrite_all = True  # no manifest (or an older or foreign one): every row is written
        self._load()
        self._seen: set[str] = set()
        self._confined_folders: set[str] = set()
        self._made_folders: set[Path] = set()
        self._changed_outputs: dict[str, tuple[str, str | None]] = {}  # path -> (digest, month)
        self._kept_inputs: set[str] = set()
        self._new_inputs: dict[str, list[Any]] = {}
        self._folder_checked: dict[str, object] = {}  # folder -> _TRUSTED, _CHECK_FILES or _REFUSED, once per build
        self._folder_seen: dict[str, int] = {}  # folder -> mtime_ns read before its files were checked
        self._touched_folders: set[str] = set()  # folders this build wrote into or removed from

    @property
    def manifest_path(self) -> Path:
        return self.root / MANIFEST_NAME

    def _load(self) -> None:
        manifest = read_manifest(self.root)
        if manifest is None or manifest.format not in (MANIFEST_FORMAT, LEGACY_FORMAT):
            return
        # Not checked here, path by path (a third of loading a manifest of the whole archive):
        # a path is trusted only once input_unchanged found it plain (string checks, once per
        # folder), and write() and finish() check a path in full, symlinks too, before they
        # touch its file. So a path that leads outside is never written, removed nor linked.
        self._outputs = manifest.outputs
        self._months = manifest.months
        self._recorded_settings = manifest.settings
        # Other options (script, base URL, template version) render differently: re-render all.
        if manifest.options == self.options_key:
            self._inputs = manifest.inputs
            self._folder_marks = manifest.folders
        self._rewrite_all = manifest.legacy or manifest.options != self.options_key

    # -- writing -----------------------------------------------------------------
    def write(self, relative: str, content: str | bytes, month: str | None = None) -> bool:
        """Write ``content`` to ``root/relative`` unless it is already there; True when written."""
        data = content.encode("utf-8") if isinstance(content, str) else content
        # A folder resolved once in this build is not resolved again (resolving both paths of
        # every page was ~9 % of a build).
        target = confined_path(self.root, relative, self._confined_folders)
        if target is None:
            raise OutputError(f"refusing to write {relative!r}: it leads outside {self.root}")
        hashed = digest(data)
        written = not (self._outputs.get(relative) == hashed and target.exists())
        if written:
            atomic_write(target, data, self._made_folders)
        self._account(relative, hashed, month, written)
        return written

    def _account(self, relative: str, hashed: str, month: str | None, written: bool) -> None:
        self._seen.add(relative)
        month = month or None
        if self._outputs.get(relative) != hashed or self._months.get(relative) != month:
            self._changed_outputs[relative] = (hashed, month)
        elif relative in self._changed_outputs:  # written twice in one build: the last one counts
            del self._changed_outputs[relative]
        if written:
            self._touched_folders.add(relative.rpartition("/")[0])
            self.counts.written += 1
            self.counts.written_paths.append(relative)
        else:
            self.counts.unchanged += 1

    def record_write(self, relative: str, hashed: str, month: str | None, written: bool) -> None:
        """Account for a ``write`` another process made with a copy of this writer (a build's
        worker): ``hashed`` is the digest of the bytes, ``written`` what its ``write`` returned."""
        self._account(relative, hashed, month, written)

    def keep_existing(self, relative: str) -> bool:
        """Keep a file as it is (e.g. scaffolding a user may have edited); False when it is missing."""
        target = self.root / relative
        if not target.is_file():
            return False
        self._seen.add(relative)
        hashed = self._outputs.get(relative) or digest(target.read_bytes())
        if self._outputs.get(relative) != hashed or relative in self._months:
            self._changed_outputs[relative] = (hashed, None)
        self.counts.unchanged += 1
        return True

    def previous_owner(self, relative: str) -> str | None:
        """The input key (``article:<id>``) whose rendering wrote ``relative`` in the previous build."""
        if self._owners is None:
            self._owners = {str(path): key for key, record in self._inputs.items()
                            if isinstance(record, list) and len(record) == 2 for path in record[1]}
        return self._owners.get(relative)

    def had_output(self, relative: str) -> bool:
        """True when the previous build wrote ``relative`` (and it still exists)."""
        return relative in self._outputs and (self.root / relative).exists()

    def write_unless_edited(self, relative: str, content: str | bytes) -> bool:
        """Write scaffolding (a layout, a config) unless someone edited it since a build wrote it.

        A file this writer wrote and nobody touched is brought up to date (an older, unsafe
        layout is replaced); a file edited by the site owner, or one no build wrote, is kept.
        True when written.
        """
        target = confined_path(self.root, relative)
        if target is not None and target.is_file():
            recorded = self._outputs.get(relative)
            if recorded is None or digest(target.read_bytes()) != recorded:
                self.keep_existing(relative)
                return False
        return self.write(relative, content)

    def input_unchanged(self, key: str, fingerprint: str, counted: bool = True) -> bool:
        """True (and its outputs kept) when ``key`` was rendered with this fingerprint and its files exist."""
        record = self._inputs.get(key)
        if record is None or record[0] != fingerprint:
            return False
        paths: list[str] = record[1]
        # One loop, no generator: this runs for every article, story and listing of every format
        # (~250k times for the whole real archive).
        outputs, folders, root = self._outputs, self._folder_checked, self._root_prefix
        for path in paths:
            if path not in outputs:
                return False
            folder, _, name = path.rpartition("/")
            if name in BAD_PARTS or "\\" in name or "\x00" in name or (not folder and DRIVE.match(name)):
                return False  # not a plain relative path: never trusted
            state = folders.get(folder)
            if state is None:
                state = self._check_folder(folder)
            if state is _REFUSED or (state is _CHECK_FILES and not os.path.exists(root + path)):
                return False  # see _check_folder
        self._seen.update(paths)
        self._kept_inputs.add(key)
        self.counts.skipped_inputs += counted
        self.counts.skipped_stories += counted and key.startswith(STORY_KEY_PREFIX)
        return True

    def keep_input(self, key: str) -> bool:
        """Keep ``key``'s record as it is when all its files were already kept in this build (by
        an input whose record lists them, e.g. the listing of a channel and its month pages)."""
        record = self._inputs.get(key)
        if record is None or not all(p in self._seen for p in record[1]):
            return False
        self._kept_inputs.add(key)
        return True

    def _check_folder(self, folder: str) -> object:
        """Whether the files of ``folder`` listed in the manifest can be taken as there.

        A mirror must not lose a page someone deleted by hand, and a ``stat`` of each file of
        each unchanged input was a seventh of an incremental build of the whole archive. So a
        folder is trusted whole when its modification time is the one recorded the last time
        all its files were seen: removing or renaming a file always changes its folder's
        modification time (POSIX), and removing the folder makes it fail to ``stat``. The time
        is read *before* the files are checked and recorded only for folders this build did not
        write into, so a deletion during the build is seen by the next one; a folder whose
        time is too recent to tell a later change apart is checked file by file. What this
        does not see was never checked (a file edited in place); ``verify`` checks every file.
        """
        if folder and not is_confined(self.root, folder + "/x", ALL_FOLDERS):  # string checks only
            self._folder_checked[folder] = _REFUSED
            return _REFUSED
        try:
            mtime = os.stat(self._root_prefix + folder if folder else self.root).st_mtime_ns
        except OSError:
            self._folder_checked[folder] = _CHECK_FILES
            return _CHECK_FILES
        state = _TRUSTED if not self.verify and self._folder_marks.get(folder) == mtime else _CHECK_FILES
        self._folder_checked[folder] = state
        if time.time_ns() - mtime > _MTIME_MARGIN_NS:
            self._folder_seen[folder] = mtime
        return state

    def recorded_paths(self, key: str) -> list[str]:
        record = self._new_inputs.get(key) or self._inputs.get(key)
        return [str(p) for p in record[1]] if record else []

    def record_input(self, key: str, fingerprint: str, paths: list[str], counted: bool = True) -> None:
        """``counted``: an input the counts report (an article, a story; not a listing page)."""
        self._new_inputs[key] = [fingerprint, sorted(paths)]
        self._kept_inputs.discard(key)
        self.counts.rendered_inputs += counted
        self.counts.rendered_stories += counted and key.startswith(STORY_KEY_PREFIX)

    def months(self) -> dict[str, str]:
        """Output path -> ``YYYY-MM`` of the article it belongs to (for repositories split by month)."""
        return dict(self._months)

    # -- finishing ---------------------------------------------------------------
    def finish(self) -> WriteCounts:
        """Remove outputs this build no longer produces and save what changed in the manifest."""
        stale = sorted(set(self._outputs) - self._seen)
        for path in stale:
            target = confined_path(self.root, path)  # checked again: a symlink may have appeared since
            if target is not None and (target.exists() or target.is_symlink()):
                target.unlink()
                self.counts.removed += 1
                self._touched_folders.add(path.rpartition("/")[0])
                prune_empty_parents(target.parent, self.root)
        inputs = {key: self._inputs[key] for key in self._kept_inputs}
        inputs.update(self._new_inputs)
        changed_inputs = {k: v for k, v in self._new_inputs.items() if self._inputs.get(k) != v}
        dropped_inputs = [k for k in self._inputs if k not in inputs]
        folders = self._folders_to_record()
        changed_folders = {k: v for k, v in folders.items() if self._folder_marks.get(k) != v}
        dropped_folders = [k for k in self._folder_marks if k not in folders]
        if (self._rewrite_all or stale or self._changed_outputs or changed_inputs or dropped_inputs
                or changed_folders or dropped_folders or not self.manifest_path.exists()
                or self.settings != self._recorded_settings):  # a manifest an older version wrote gains them too
            self._save(stale, inputs, changed_inputs, dropped_inputs, folders, changed_folders, dropped_folders)
        for path in stale:
            self._outputs.pop(path, None)
            self._months.pop(path, None)
        for path, (hashed, month) in self._changed_outputs.items():
            self._outputs[path] = hashed
            if month is None:
                self._months.pop(path, None)
            else:
                self._months[path] = month
        self._inputs, self._folder_marks = inputs, folders
        self._recorded_settings = dict(self.settings)
        self._changed_outputs, self._kept_inputs, self._new_inputs = {}, set(), {}
        self._rewrite_all = False
        return self.counts

    def _folders_to_record(self) -> dict[str, int]:
        """Folders whose files were all seen in this build, with the time read before that: kept
        when trusted, recorded when checked file by file; never one this build wrote into or
        removed from (its time changed under us) nor one changed too recently to tell."""
        return {folder: mtime for folder, mtime in self._folder_seen.items() if folder not in self._touched_folders}

    def _save(self, stale: list[str], inputs: dict[str, list[Any]], changed_inputs: dict[str, list[Any]],
              dropped_inputs: list[str], folders: dict[str, int], changed_folders: dict[str, int],
              dropped_folders: list[str]) -> None:
        path = self.manifest_path
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            if path.is_symlink():  # never written through: it could lead anywhere
                path.unlink()
            with updating(path, _SCHEMA, "the build manifest") as db:
                if self._rewrite_all:
                    self._save_all(db, inputs, folders)
                else:
                    db.executemany("DELETE FROM outputs WHERE path = ?", ((p,) for p in stale))
                    db.executemany("INSERT OR REPLACE INTO outputs VALUES (?, ?, ?)",
                                   ((p, h, m) for p, (h, m) in self._changed_outputs.items()))
                    db.executemany("DELETE FROM inputs WHERE key = ?", ((k,) for k in dropped_inputs))
                    db.executemany("INSERT OR REPLACE INTO inputs VALUES (?, ?, ?)",
                                   ((k, v[0], _JOIN.join(v[1])) for k, v in changed_inputs.items()))
                    db.executemany("DELETE FROM folders WHERE path = ?", ((k,) for k in dropped_folders))
                    db.executemany("INSERT OR REPLACE INTO folders VALUES (?, ?)", changed_folders.items())
                db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                               [("format", str(MANIFEST_FORMAT)), ("options", self.options_key),
                                ("settings", json.dumps(self.settings, ensure_ascii=False, sort_keys=True))])
        except sqlite3.Error as exc:
            raise OutputError(f"cannot write the build manifest {path}: {exc}") from exc
        # The older JSON manifest, now replaced: left beside the SQLite file it would be taken for
        # the newer one (see read_manifest).
        (self.root / LEGACY_MANIFEST_NAME).unlink(missing_ok=True)

    def _save_all(self, db: sqlite3.Connection, inputs: dict[str, list[Any]], folders: dict[str, int]) -> None:
        outputs = {p: (h, self._months.get(p)) for p, h in self._outputs.items() if p in self._seen}
        outputs.update(self._changed_outputs)
        for table in ("meta", "outputs", "inputs", "folders"):
            db.execute(f"DELETE FROM {table}")
        db.executemany("INSERT INTO outputs VALUES (?, ?, ?)", ((p, h, m) for p, (h, m) in sorted(outputs.items())))
        db.executemany("INSERT INTO inputs VALUES (?, ?, ?)",
                       ((k, v[0], _JOIN.join(str(p) for p in v[1])) for k, v in sorted(inputs.items())))
        db.executemany("INSERT INTO folders VALUES (?, ?)", sorted(folders.items()))


def load_months(root: Path) -> dict[str, str]:
    """Output path -> month, as the last build recorded it in ``root`` (paths inside ``root`` only)."""
    manifest = _readable_manifest(root)
    months = confined_map(root, manifest.months) if manifest else {}
    return {path: month for path, month in months.items() if _MONTH.match(month)}


def load_outputs(root: Path) -> dict[str, str]:
    """Output path -> content hash, as the last build recorded it (paths inside ``root`` only)."""
    manifest = _readable_manifest(root)
    return confined_map(root, manifest.outputs) if manifest else {}


def _readable_manifest(root: Path) -> Manifest | None:
    try:
        manifest = read_manifest(root)
    except OutputError:
        return None
    return manifest if manifest is not None and manifest.format in (MANIFEST_FORMAT, LEGACY_FORMAT) else None
