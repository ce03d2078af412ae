"""Files of an output folder: paths that stay inside it, written whole or not at all.

Kept apart from the manifest because the git push stage checks its own recorded paths with the
same rules, and because these are the checks that keep an edited manifest from leading a build
to write or delete outside its folder.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from newsmirror.errors import NewsmirrorError


class OutputError(NewsmirrorError):
    """An output file cannot be written, or a recorded path leads outside its folder."""


DRIVE = re.compile(r"^[A-Za-z]:")
BAD_PARTS = frozenset({"", ".", ".."})


def confined_path(root: Path, relative: object, resolved: set[str] | None = None) -> Path | None:
    """``root/relative`` when it stays inside ``root``, else None.

    A manifest is a file anyone with write access to the output folder can edit: a path in it
    must never lead a build to delete (or publish) a file elsewhere. Refused: anything that is
    not a plain relative POSIX path (absolute, ``..``, empty or ``.`` segments, backslashes,
    drive letters, NUL) and any path whose folder resolves outside ``root`` through a symlink.
    ``resolved``: folders (relative) already found inside ``root``, not resolved again; a
    folder found inside is added.
    """
    return root / relative if is_confined(root, relative, resolved) else None  # type: ignore[operator]


def is_confined(root: Path, relative: object, resolved: set[str] | None = None) -> bool:
    """True when ``relative`` is a path ``confined_path`` accepts. String checks only, and a
    folder resolved once: a manifest of the whole archive holds ~500k paths, and building a
    Path for each one was a third of an incremental build."""
    if not isinstance(relative, str) or not relative or "\x00" in relative or "\\" in relative:
        return False
    if relative[0] == "/" or DRIVE.match(relative) or not BAD_PARTS.isdisjoint(relative.split("/")):
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


def confined_map(root: Path, mapping: object, resolve: bool = True) -> dict[str, str]:
    """The items of ``mapping`` whose key is a path ``confined_path`` accepts (and value a string).

    Each folder is checked once, not once per path: a manifest of the whole archive lists ~300k
    paths in ~40k folders, and checking every path whole was most of loading it (a folder that
    leads outside is refused with all its paths). ``resolve=False``: the string checks only, no
    symlink looked up (for a writer: it checks a path in full again before it writes or removes
    the file)."""
    if not isinstance(mapping, dict):
        return {}
    # Every folder taken as resolved inside: only the string checks of _confined are left.
    resolved: set[str] = set() if resolve else ALL_FOLDERS
    folders: dict[str, bool] = {}
    kept: dict[str, str] = {}
    for path, value in mapping.items():
        if not isinstance(path, str) or not isinstance(value, str):
            continue
        folder, slash, name = path.rpartition("/")
        if name in BAD_PARTS or "\x00" in name or "\\" in name:
            continue
        verdict = folders.get(folder) if slash else None
        if verdict is None:
            # The folder's first path is checked whole (the folder with it); the folder's verdict
            # then holds for every name in it that passed the checks above.
            verdict = is_confined(root, path, resolved)
            if slash and (verdict or not is_confined(root, f"{folder}/x", resolved)):
                folders[folder] = verdict
        if verdict:
            kept[path] = value
    return kept


class _AllFolders(set[str]):
    def __contains__(self, item: object) -> bool:
        return True


# Every folder taken as already resolved inside the root: only the string checks are left.
ALL_FOLDERS = _AllFolders()


def atomic_write(target: Path, data: bytes, made: set[Path] | None = None) -> None:
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


def prune_empty_parents(folder: Path, root: Path) -> None:
    while folder != root and folder.is_relative_to(root):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
