"""Tables derived from big inputs, built once and kept in the user's cache folder.

Some tables a comparison needs are a scan of jieba's whole dictionary (``text.names``'s attested
index: 0.2-0.4 s each process, before the first story is compared). They depend only on their
inputs, so the first process stores them and later ones load them (~0.04 s).

A table is kept under a key made of everything it is computed from (the source of the code that
builds it, the data it reads): when any input changes the key does, and the table is built again,
never read stale. The folder is the user's own (pickle files: only that user should be able to
write there, as for any cache under the home folder). Nothing here is needed: a cache folder that cannot be read or written (a
read-only home, a full disk, a damaged file) means the table is built as before.

Where: ``$NEWSMIRROR_CACHE_DIR``, else ``$XDG_CACHE_HOME/newsmirror``, else ``~/.cache/newsmirror``;
``NEWSMIRROR_CACHE_DIR=off`` builds every table in every process.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

# Part of every key: a change of how tables are kept (not of what they hold) starts afresh.
LAYOUT = "1"


def cache_dir() -> Path | None:
    """The folder tables are kept in; None when caching is off."""
    chosen = os.environ.get("NEWSMIRROR_CACHE_DIR")
    if chosen:
        return None if chosen == "off" else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsmirror"


def source_of(module_file: str | None) -> bytes:
    """The bytes of a module's source file, as a key part (its code builds the table)."""
    return Path(module_file).read_bytes() if module_file else b""


def table_key(parts: Iterable[bytes | str]) -> str:
    digest = hashlib.sha256(LAYOUT.encode())
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))  # so parts cannot run into each other
        digest.update(data)
    return digest.hexdigest()[:32]


def cached_table(name: str, key_parts: Iterable[bytes | str], build: Callable[[], T]) -> T:
    """``build()``, or the table a previous process built from the same inputs (``key_parts``)."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{table_key(key_parts)}.pickle"
    try:
        if not _own_private(path):
            raise FileNotFoundError(path)  # loading a pickle runs code: only a file nobody else could write
        with path.open("rb") as file:
            table: T = pickle.load(file)
            return table
    except FileNotFoundError:
        pass
    except Exception:  # noqa: BLE001 - a damaged or foreign file: build the table again
        pass
    table = build()
    temporary: str | None = None
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        # Written whole, then renamed: a process reading meanwhile sees no file or the whole one.
        with tempfile.NamedTemporaryFile(dir=folder, prefix=f".{name}-", delete=False) as file:
            temporary = file.name
            pickle.dump(table, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        temporary = None
        for older in folder.glob(f"{name}-*.pickle"):  # built from inputs that have changed since
            if older != path:
                older.unlink(missing_ok=True)
    except OSError:
        pass  # not kept: the next process builds it too
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
    return table


def _own_private(path: Path) -> bool:
    """Whether ``path`` and its folder belong to this user and no one else may write them (a
    cache folder pointed at a shared place, /tmp say, must not load another user's pickle)."""
    if not hasattr(os, "getuid"):
        return True  # no owners to compare (Windows): the folder is the user's profile
    for item in (path.parent, path):
        status = item.stat()
        if status.st_uid != os.getuid() or status.st_mode & 0o022:
            return False
    return True
