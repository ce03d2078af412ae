"""Article images in the reader: the copy a build already mirrored, or none.

An outlet's image URL must never reach a reader's browser: the outlet's host is blocked where
the readers live, and a request to it tells the outlet (or a tracker) who reads what. The
reader therefore shows only images that ``newsmirror build`` downloaded into its image cache
(``OUT/.cache/images``, given as ``newsmirror serve --images``); every other ``<img>`` is removed, its
alt text kept as a caption where nothing else says it (``render.clean_html``). The reader itself never fetches
anything.
"""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path

from newsmirror.publish.images import ImageMirror, Size, image_size, read_sizes

ROUTE = "/images"
_NAME = re.compile(r"^[0-9a-f]{20}\.(?:jpg|png)$")  # what ImageMirror writes; nothing else is served


class LocalImages:
    """The image cache of a build, read-only: original URL -> served path."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._index: dict[str, str] = {}
        self._stamp: float | None = None
        self._sizes: dict[str, Size] = {}  # recorded by the build (ImageMirror.SIZES), or read from the file here
        self._sizes_stamp: float | None = None
        self._lock = threading.Lock()

    def _current(self) -> dict[str, str]:
        if self.folder is None:
            return {}
        index = self.folder / ImageMirror.INDEX
        try:
            stamp = index.stat().st_mtime
        except OSError:
            return {}
        with self._lock:
            if stamp != self._stamp:  # a new build may have added images
                try:
                    loaded = json.loads(index.read_text(encoding="utf-8"))
                except (OSError, ValueError):
                    loaded = {}
                self._index = {str(url): str(name) for url, name in loaded.items()
                               if isinstance(name, str) and _NAME.match(name)} if isinstance(loaded, dict) else {}
                self._stamp = stamp
            return self._index

    def url_for(self, src: str) -> str | None:
        """The reader's URL of the mirrored copy of ``src``, or None (then the image is not shown)."""
        name = self._current().get(src.strip())
        if name and self.folder is not None and (self.folder / name).is_file():
            return f"{ROUTE}/{name}"
        return None

    def size_of(self, url: str) -> Size | None:
        """(width, height) of the picture this reader serves at ``url`` (``…/images/<name>``, as ``url_for`` gives
        it, under any prefix): as the build recorded it, else read from the file's header once (a cache written
        before sizes were recorded). None for any other address or an unreadable file: the page shows the picture
        without a size, as before."""
        name = url.rsplit("/", 1)[-1]
        if self.folder is None or not url.endswith(f"{ROUTE}/{name}") or not _NAME.match(name):
            return None
        try:
            stamp: float | None = (self.folder / ImageMirror.SIZES).stat().st_mtime
        except OSError:
            stamp = None
        with self._lock:
            if stamp != self._sizes_stamp:  # a new build may have recorded more
                self._sizes = read_sizes(self.folder) if stamp is not None else {}
                self._sizes_stamp = stamp
            if name in self._sizes:
                return self._sizes[name]
        size = image_size(self.folder / name) if name in self._current().values() else None
        if size:
            with self._lock:
                self._sizes[name] = size
        return size

    def path_of(self, name: str) -> Path | None:
        """The file to serve for ``/images/<name>``; None unless it is a mirrored image."""
        if self.folder is None or not _NAME.match(name) or name not in self._current().values():
            return None
        path = self.folder / name
        return path if path.is_file() else None
