"""Incremental output: a manifest of output path -> content hash, per output folder.

A build renders what may have changed and hands every file to :class:`OutputWriter`; the
writer skips files whose bytes are unchanged, so a build of an unchanged store writes
nothing (not even the manifest). Inputs (an article, a story) are remembered with a
fingerprint and the paths they produced, so an unchanged input is not even rendered.
Files a previous build wrote that this build did not produce are removed; files the
manifest never listed (a CNAME, a README of your own) are never touched.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsmirror.errors import NewsmirrorError

MANIFEST_NAME = ".newsmirror-manifest.json"
MANIFEST_FORMAT = 1


class OutputError(NewsmirrorError):
    pass


_DRIVE = re.compile(r"^[A-Za-z]:")
_MONTH = re.compile(r"^(\d{4}-\d{2}|undated)$")


def confined_path(root: Path, relative: object, resolved: set[str] | None = None) -> Path | None:
    """``root/relative`` when it stays inside ``root``, else None.

    A manifest is a file anyone with write access to the output folder can edit: a path in it
    must never lead a build to delete (or publish) a file elsewhere. Refused: anything that is
    not a plain relative POSIX path (absolute, ``..``, empty or ``.`` segments, backslashes,
    drive letters, NUL) and any path whose folder resolves outside ``root`` through a symlink.
    ``resolved``: folders (relative) already found inside ``root``, not resolved again; a
    folder found inside is added.
    """
    return root / relative if _confined(root, relative, resolved) else None  # type: ignore[operator]


_BAD_PARTS = frozenset({"", ".", ".."})


def _confined(root: Path, relative: object, resolved: set[str] | None = None) -> bool:
    """True when ``relative`` is a path ``confined_path`` accepts. String checks only, and a
    folder resolved once: a manifest of the whole archive holds ~500k paths, and building a
    Path for each one was a third of an incremental build."""
    if not isinstance(relative, str) or not relative or "\x00" in relative or "\\" in relative:
        return False
    if relative[0] == "/" or _DRIVE.match(relative) or not _BAD_PARTS.isdisjoint(relative.split("/")):
        return False
    return _folder_inside(root, relative.rpartition("/")[0], set() if resolved is None else resolved)


def _folder_inside(root: Path, folder: str, resolved: set[str]) -> bool:
    """True when ``root/folder`` stays inside ``root``: its parent does and it is no symlink
    (one ``lstat`` per new folder; a symlink is resolved in full)."""
    if not folder or folder in resolved:
        return True
    if not _folder_inside(root, folder.rpartition("/")[0], resolved):
        return False
    target = root / folder
    try:
        if target.is_symlink() and not target.resolve().is_relative_to(root.resolve()):
            return False
    except (OSError, RuntimeError):
        return False
    resolved.add(folder)
    return True


def _confined_map(root: Path, mapping: object) -> dict[str, str]:
    if not isinstance(mapping, dict):
        return {}
    # Each folder is resolved once, not once per path: a manifest of the whole archive lists
    # ~300k paths in a few thousand folders, and resolving every one took most of an
    # incremental build (a folder that leads outside is never cached, so all its paths fail).
    resolved: set[str] = set()
    return {k: v for k, v in mapping.items() if isinstance(v, str) and _confined(root, k, resolved)}


def digest(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


@dataclass(slots=True)
class WriteCounts:
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped_inputs: int = 0
    rendered_inputs: int = 0
    written_paths: list[str] = field(default_factory=list)


class OutputWriter:
    """Writes files under ``root`` only when their content changed."""

    def __init__(self, root: Path, options_key: str = "") -> None:
        self.root = root
        self._root_prefix = os.path.join(str(root), "")
        self.options_key = options_key
        self.counts = WriteCounts()
        self._outputs: dict[str, str] = {}
        self._inputs: dict[str, list[Any]] = {}
        self._months: dict[str, str] = {}
        self._owners: dict[str, str] | None = None
        self._load()
        self._seen: set[str] = set()
        self._confined_folders: set[str] = set()
        self._made_folders: set[Path] = set()
        self._new_outputs: dict[str, str] = {}
        self._new_inputs: dict[str, list[Any]] = {}
        self._new_months: dict[str, str] = {}

    @property
    def manifest_path(self) -> Path:
        return self.root / MANIFEST_NAME

    def _load(self) -> None:
        try:
            data = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return
        except (OSError, ValueError) as exc:
            raise OutputError(
                f"the build manifest {self.manifest_path} is unreadable ({exc}); delete it to rebuild everything"
            ) from exc
        if data.get("format") != MANIFEST_FORMAT:
            return
        # Paths leading outside the folder are ignored: never deleted, never trusted.
        self._outputs = _confined_map(self.root, data.get("outputs", {}))
        self._months = {k: v for k, v in _confined_map(self.root, data.get("months", {})).items() if _MONTH.match(v)}
        # Other options (script, base URL, template version) render differently: re-render all.
        inputs = data.get("inputs", {})
        if data.get("options") == self.options_key and isinstance(inputs, dict):
            self._inputs = dict(inputs)

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
        self._seen.add(relative)
        self._new_outputs[relative] = hashed
        if month:
            self._new_months[relative] = month
        if self._outputs.get(relative) == hashed and target.exists():
            self.counts.unchanged += 1
            return False
        _atomic_write(target, data, self._made_folders)
        self.counts.written += 1
        self.counts.written_paths.append(relative)
        return True

    def record_write(self, relative: str, hashed: str, month: str | None, written: bool) -> None:
        """Account for a ``write`` another process made with a copy of this writer (a build's
        worker): ``hashed`` is the digest of the bytes, ``written`` what its ``write`` returned."""
        self._seen.add(relative)
        self._new_outputs[relative] = hashed
        if month:
            self._new_months[relative] = month
        if written:
            self.counts.written += 1
            self.counts.written_paths.append(relative)
        else:
            self.counts.unchanged += 1

    def keep_existing(self, relative: str) -> bool:
        """Keep a file as it is (e.g. scaffolding a user may have edited); False when it is missing."""
        target = self.root / relative
        if not target.is_file():
            return False
        self._seen.add(relative)
        self._new_outputs[relative] = self._outputs.get(relative) or digest(target.read_bytes())
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
        if not isinstance(record, list) or len(record) != 2 or record[0] != fingerprint:
            return False
        paths = [str(p) for p in record[1]]
        # os.path on strings: a Path per file was a seventh of an incremental build.
        root = self._root_prefix
        if any(p not in self._outputs or not os.path.exists(root + p) for p in paths):
            return False
        for path in paths:
            self._seen.add(path)
            self._new_outputs[path] = self._outputs[path]
            if path in self._months:
                self._new_months[path] = self._months[path]
        self._new_inputs[key] = record
        self.counts.skipped_inputs += counted
        return True

    def recorded_paths(self, key: str) -> list[str]:
        record = self._new_inputs.get(key) or self._inputs.get(key)
        return [str(p) for p in record[1]] if record else []

    def record_input(self, key: str, fingerprint: str, paths: list[str], counted: bool = True) -> None:
        """``counted``: an input the counts report (an article, a story; not a listing page)."""
        self._new_inputs[key] = [fingerprint, sorted(paths)]
        self.counts.rendered_inputs += counted

    def months(self) -> dict[str, str]:
        """Output path -> ``YYYY-MM`` of the article it belongs to (for repositories split by month)."""
        return dict(self._months)

    # -- finishing ---------------------------------------------------------------
    def finish(self) -> WriteCounts:
        """Remove outputs this build no longer produces and save the manifest if anything changed."""
        for stale in sorted(set(self._outputs) - self._seen):
            target = confined_path(self.root, stale)  # checked again: a symlink may have appeared since
            if target is not None and (target.exists() or target.is_symlink()):
                target.unlink()
                self.counts.removed += 1
                _prune_empty_parents(target.parent, self.root)
        changed = (
            self._new_outputs != self._outputs
            or self._new_inputs != self._inputs
            or self._new_months != self._months
        )
        if changed or not self.manifest_path.exists():
            payload = {
                "format": MANIFEST_FORMAT,
                "options": self.options_key,
                "outputs": dict(sorted(self._new_outputs.items())),
                "months": dict(sorted(self._new_months.items())),
                "inputs": dict(sorted(self._new_inputs.items())),
            }
            _atomic_write(self.manifest_path, json.dumps(payload, ensure_ascii=False).encode("utf-8"))
        self._outputs, self._inputs, self._months = self._new_outputs, self._new_inputs, self._new_months
        return self.counts


def _load_manifest(root: Path) -> dict[str, object]:
    try:
        data = json.loads((root / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def load_months(root: Path) -> dict[str, str]:
    """Output path -> month, as the last build recorded it in ``root`` (paths inside ``root`` only)."""
    months = _confined_map(root, _load_manifest(root).get("months", {}))
    return {path: month for path, month in months.items() if _MONTH.match(month)}


def load_outputs(root: Path) -> dict[str, str]:
    """Output path -> content hash, as the last build recorded it (paths inside ``root`` only)."""
    return _confined_map(root, _load_manifest(root).get("outputs", {}))


def _atomic_write(target: Path, data: bytes, made: set[Path] | None = None) -> None:
    """Write through a temporary file so an interrupted build never leaves half a page.

    ``made``: folders this build already created or found, not asked for again (``mkdir`` of an
    existing folder raises and checks inside; with the file object around the descriptor it was
    a fifth of writing a page, ~3 % of a whole-archive build)."""
    folder = target.parent
    try:
        if made is None or folder not in made:
            folder.mkdir(parents=True, exist_ok=True)
            if made is not None:
                made.add(folder)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc}") from exc


def _prune_empty_parents(folder: Path, root: Path) -> None:
    while folder != root and folder.is_relative_to(root):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
