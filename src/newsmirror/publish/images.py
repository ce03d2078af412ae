"""Images: downloaded once, resized, stored beside the pages, linked relatively.

A reader opening a mirrored page must not contact an outlet's host, so an image that
cannot be fetched is dropped (its caption stays) instead of being hot-linked.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable
from pathlib import Path

import httpx
from PIL import Image as PILImage
from PIL import UnidentifiedImageError

from newsmirror.errors import FetchError

Fetch = Callable[[str], bytes]

MAX_IMAGE_BYTES = 8 * 1024 * 1024
MAX_WIDTH = 960
# A decompression bomb guard: refuse images whose pixel count is absurd for a news photo.
PILImage.MAX_IMAGE_PIXELS = 60_000_000


class ImageFetchError(FetchError):
    pass


def httpx_fetcher(max_bytes: int = MAX_IMAGE_BYTES, timeout: float = 20.0,
                  user_agent: str = "newsmirror (+image mirror)") -> Fetch:
    """A fetch function: GET with a timeout, refusing bodies over ``max_bytes``."""

    def fetch(url: str) -> bytes:
        try:
            with httpx.Client(timeout=timeout, follow_redirects=True,
                              headers={"User-Agent": user_agent}) as client, client.stream("GET", url) as response:
                if response.status_code != 200:
                    raise ImageFetchError(f"{url}: HTTP {response.status_code}")
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > max_bytes:
                    raise ImageFetchError(f"{url}: {declared} bytes is over the {max_bytes}-byte limit")
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > max_bytes:
                        raise ImageFetchError(f"{url}: over the {max_bytes}-byte limit")
                    chunks.append(chunk)
                return b"".join(chunks)
        except httpx.HTTPError as exc:
            raise ImageFetchError(f"{url}: {exc}") from exc

    return fetch


def resize(data: bytes, max_width: int = MAX_WIDTH) -> tuple[bytes, str]:
    """(bytes, extension): at most ``max_width`` wide, metadata (EXIF, GPS) stripped.

    Photos become JPEG; images with transparency stay PNG.
    """
    try:
        with PILImage.open(io.BytesIO(data)) as opened:
            opened.load()
            image = opened.copy()
    except (UnidentifiedImageError, OSError, PILImage.DecompressionBombError, ValueError) as exc:
        raise ImageFetchError(f"not a readable image: {exc}") from exc
    if image.width > max_width:
        height = max(1, round(image.height * max_width / image.width))
        image = image.resize((max_width, height), PILImage.Resampling.LANCZOS)
    out = io.BytesIO()
    has_alpha = image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)
    if has_alpha:
        image.save(out, format="PNG", optimize=True)
        return out.getvalue(), "png"
    image.convert("RGB").save(out, format="JPEG", quality=80, optimize=True, progressive=True)
    return out.getvalue(), "jpg"


class ImageMirror:
    """A cache of resized images keyed by URL, shared by every output format of a build.

    Failures are remembered too, so an unreachable host costs one attempt, not one per build.
    """

    INDEX = "index.json"

    def __init__(self, cache_dir: Path, fetch: Fetch | None = None, max_width: int = MAX_WIDTH) -> None:
        self.cache_dir = cache_dir
        self.fetch = fetch or httpx_fetcher()
        self.max_width = max_width
        self.fetched = 0
        self.failed = 0
        self.failures: list[str] = []
        self._index: dict[str, str] = {}  # url -> file name, "" for a failure
        self._dirty = False
        try:
            self._index = json.loads((cache_dir / self.INDEX).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self._index = {}

    def local_name(self, url: str) -> str | None:
        """The cached file name for ``url`` (fetched now if needed), or None when unavailable."""
        if not url.startswith(("http://", "https://")):
            return None
        if url in self._index:
            name = self._index[url]
            if not name:
                return None
            if (self.cache_dir / name).exists():
                return name
        try:
            data, ext = resize(self.fetch(url), self.max_width)
        except FetchError as exc:
            self.failed += 1
            self.failures.append(str(exc))
            self._index[url] = ""
            self._dirty = True
            return None
        name = f"{hashlib.sha1(url.encode('utf-8')).hexdigest()[:20]}.{ext}"
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        (self.cache_dir / name).write_bytes(data)
        self._index[url] = name
        self._dirty = True
        self.fetched += 1
        return name

    def read(self, name: str) -> bytes:
        return (self.cache_dir / name).read_bytes()

    def save(self) -> None:
        if self._dirty:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            (self.cache_dir / self.INDEX).write_text(
                json.dumps(self._index, ensure_ascii=False, sort_keys=True), encoding="utf-8"
            )
            self._dirty = False
