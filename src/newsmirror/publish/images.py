"""Images: downloaded once, resized, stored beside the pages, linked relatively.

A reader opening a mirrored page must not contact an outlet's host, so an image that
cannot be fetched is dropped (its caption stays) instead of being hot-linked.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx
from PIL import Image as PILImage
from PIL import UnidentifiedImageError

from newsmirror.errors import FetchError
from newsmirror.fetch.addresses import only_public, pinned_client, refuse_private
from newsmirror.fetch.errors import PrivateAddress
from newsmirror.model import Article

Fetch = Callable[[str], bytes]

MAX_IMAGE_BYTES = 8 * 1024 * 1024
MAX_WIDTH = 960
# A decompression bomb guard: refuse images whose pixel count is absurd for a news photo.
PILImage.MAX_IMAGE_PIXELS = 60_000_000


# Politeness: at most this many downloads at once, and per host.
CONCURRENCY = 8
PER_HOST = 2
# A host that failed to answer (no connection, timeout) this many times is skipped for the rest
# of the build: without network, 76,446 image references cost 35-40 minutes of failed look-ups.
HOST_FAILURES = 2


class ImageFetchError(FetchError):
    def __init__(self, message: str, *, unreachable: bool = False, private: bool = False) -> None:
        super().__init__(message)
        self.unreachable = unreachable  # the host did not answer (rather than: answered no)
        self.private = private  # refused unasked: the address leads to a private network (fetch.addresses)


def httpx_fetcher(max_bytes: int = MAX_IMAGE_BYTES, timeout: float = 20.0,
                  user_agent: str = "newsmirror (+image mirror)", allowed: frozenset[str] = frozenset()) -> Fetch:
    """A fetch function: GET with a timeout, refusing bodies over ``max_bytes``. One HTTP client
    (connection pool, thread-safe) serves every call.

    An image address is an article's word: it and every redirect are fetched only from public addresses, but for the
    ``allowed`` hosts (fetch.addresses: the sources' hosts, ``[fetch] private_hosts``). An internal service answering
    an image would be published with the pages; the GET itself may change something there."""

    def checked(request: httpx.Request) -> None:
        # Each request, every redirect hop included, before it is sent: through a proxy (which resolves the name
        # itself, unpinned) this is the only check; direct, the connection is checked again (fetch.addresses).
        refuse_private(str(request.url), allowed)

    client = pinned_client(timeout=timeout, follow_redirects=True, headers={"User-Agent": user_agent},
                           limits=httpx.Limits(max_connections=CONCURRENCY * 2), event_hooks={"request": [checked]})

    def fetch(url: str) -> bytes:
        try:
            with only_public(allowed), client.stream("GET", url) as response:
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
        except PrivateAddress as exc:  # not remembered: an allowance added later lets the next build fetch it
            raise ImageFetchError(str(exc), private=True) from exc
        except (httpx.TransportError, httpx.InvalidURL) as exc:
            raise ImageFetchError(f"{url}: {exc or type(exc).__name__}", unreachable=True) from exc
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


Size = tuple[int, int]  # (width, height) in pixels


def image_size(path: Path) -> Size | None:
    """The pixel size of a stored picture, from its header alone (Pillow reads no pixel to tell it); None when the
    file is missing or no readable image."""
    try:
        with PILImage.open(path) as opened:
            width, height = opened.size
    except (OSError, UnidentifiedImageError, PILImage.DecompressionBombError, ValueError):
        return None
    return (width, height) if width > 0 and height > 0 else None


def read_sizes(folder: Path) -> dict[str, Size]:
    """The sizes an image cache recorded (``ImageMirror.SIZES``): file name -> (width, height); nothing unreadable."""
    try:
        loaded = json.loads((folder / ImageMirror.SIZES).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(loaded, dict):
        return {}
    return {str(name): (size[0], size[1]) for name, size in loaded.items()
            if isinstance(size, list) and len(size) == 2 and all(type(n) is int and n > 0 for n in size)}


class ImageMirror:
    """A cache of resized images keyed by URL, shared by every output format of a build.

    Failures are remembered too, so a missing image costs one attempt, not one per build. A
    host that does not answer is skipped for the rest of the build (not remembered: the next
    build, with network, tries it again). ``prefetch`` downloads many URLs concurrently within
    the politeness limits; ``local_name`` then finds them in the cache.
    """

    INDEX = "index.json"
    # Each stored picture's pixel size (file name -> [width, height]), recorded as it is stored: pages give an image
    # its width and height, so the browser keeps its place before a lazy picture arrives and the text below does
    # not jump (reader79). Beside the index, not in it: an older reader or build reads the index as before, and a
    # picture stored before the sizes were recorded is measured from its file once (``size_of``).
    SIZES = "sizes.json"

    def __init__(self, cache_dir: Path, fetch: Fetch | None = None, max_width: int = MAX_WIDTH) -> None:
        self.cache_dir = cache_dir
        self.fetch = fetch or httpx_fetcher()
        self.max_width = max_width
        self.fetched = 0
        self.failed = 0
        self.failures: list[str] = []
        self.skipped = 0  # references to hosts given up on in this build
        # This build's image addresses refused as private (url -> why), neither failures nor a host "not answering":
        # no network was tried, and the remedy is an allowance ([fetch] private_hosts), not --no-images or a wait.
        # Not remembered in the index: the next build asks again.
        self.refused: dict[str, str] = {}
        self._index: dict[str, str] = {}  # url -> file name, "" for a failure
        self._sizes: dict[str, Size] = read_sizes(cache_dir)
        self._dirty = False
        self._lock = threading.Lock()
        self._host_failures: dict[str, int] = defaultdict(int)
        try:
            self._index = json.loads((cache_dir / self.INDEX).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self._index = {}

    def _cached(self, url: str) -> tuple[bool, str | None]:
        """(known, name): whether the cache decides ``url`` without a download."""
        if url in self._index:
            name = self._index[url]
            if not name:
                return True, None
            if (self.cache_dir / name).exists():
                return True, name
        return False, None

    def _host_down(self, url: str) -> bool:
        return self._host_failures.get(urlsplit(url).hostname or "", 0) >= HOST_FAILURES

    def local_name(self, url: str) -> str | None:
        """The cached file name for ``url`` (fetched now if needed), or None when unavailable."""
        if not url.startswith(("http://", "https://")):
            return None
        known, name = self._cached(url)
        if known:
            return name
        if url in self.refused:  # prefetched, then asked again by its page: one refusal
            return None
        if self._host_down(url):
            with self._lock:
                self.skipped += 1
            return None
        try:
            data, ext = resize(self.fetch(url), self.max_width)
        except FetchError as exc:
            with self._lock:
                if isinstance(exc, ImageFetchError) and exc.private:
                    self.refused.setdefault(url, str(exc))
                    return None
                self.failed += 1
                self.failures.append(str(exc))
                if isinstance(exc, ImageFetchError) and exc.unreachable:
                    self._host_failures[urlsplit(url).hostname or ""] += 1
                else:
                    self._index[url] = ""
                    self._dirty = True
            return None
        name = f"{hashlib.sha1(url.encode('utf-8')).hexdigest()[:20]}.{ext}"
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        (self.cache_dir / name).write_bytes(data)
        size = image_size(self.cache_dir / name)
        with self._lock:
            self._index[url] = name
            if size:
                self._sizes[name] = size
            self._dirty = True
            self.fetched += 1
        return name

    def prefetch(self, urls: Iterable[str]) -> None:
        """Download the URLs not in the cache yet, several at once: at most ``CONCURRENCY`` in
        all and ``PER_HOST`` per host; hosts that stop answering are given up on."""
        by_host: dict[str, list[str]] = defaultdict(list)
        for url in dict.fromkeys(urls):
            if url.startswith(("http://", "https://")) and not self._cached(url)[0]:
                by_host[urlsplit(url).hostname or ""].append(url)
        if not by_host:
            return
        # Each host's URLs are split into PER_HOST queues taken one at a time, so a host never
        # sees more than PER_HOST requests at once.
        queues = [urls[i::PER_HOST] for urls in by_host.values() for i in range(min(PER_HOST, len(urls)))]

        def drain(queue: list[str]) -> None:
            for url in queue:
                self.local_name(url)

        with ThreadPoolExecutor(max_workers=CONCURRENCY) as pool:
            list(pool.map(drain, queues))

    @property
    def mostly_failing(self) -> bool:
        """Most downloads of this build failed (no network?): worth a hint to use --no-images."""
        attempted = self.fetched + self.failed + self.skipped
        return attempted >= 10 and (self.failed + self.skipped) > 0.5 * attempted

    def read(self, name: str) -> bytes:
        return (self.cache_dir / name).read_bytes()

    def size_of(self, name: str) -> Size | None:
        """The stored picture's (width, height): as recorded, else read from its file (a picture stored before
        sizes were recorded) and recorded; None when it cannot be read (the page shows it without a size)."""
        with self._lock:
            if name in self._sizes:
                return self._sizes[name]
        size = image_size(self.cache_dir / name)
        if size:
            with self._lock:
                self._sizes[name] = size
                self._dirty = True
        return size

    def save(self) -> None:
        if self._dirty:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            (self.cache_dir / self.INDEX).write_text(
                json.dumps(self._index, ensure_ascii=False, sort_keys=True), encoding="utf-8"
            )
            stored = set(self._index.values())
            sizes = {name: list(size) for name, size in self._sizes.items() if name in stored}
            (self.cache_dir / self.SIZES).write_text(json.dumps(sizes, sort_keys=True), encoding="utf-8")
            self._dirty = False


# The path of an image file (a link to the full-size picture around its smaller copy ends so).
_IMAGE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|bmp|avif|tiff?)$", re.I)


def links_image_file(href: str, sources: Iterable[str] = ()) -> bool:
    """Whether a link around an image leads to an image file (the full-size picture on the outlet's host, most
    often): its path ends as an image file's does, or it is one of the images it holds. Such a link around a
    mirrored image leads to the mirrored copy instead: the outlet's host may be blocked where the readers are."""
    href = href.strip()
    try:
        path = urlsplit(href).path
    except ValueError:
        return False
    return bool(_IMAGE_FILE.search(path)) or href in {s.strip() for s in sources}


_IMG_SRC = re.compile(r"""<img\b[^>]*?\bsrc\s*=\s*["']([^"']+)["']""", re.I)


def image_urls(article: Article) -> list[str]:
    """Every image URL the article's pages may show (as ``prepare`` resolves them)."""
    found = [urljoin(article.original_url, src) for src in _IMG_SRC.findall(article.body_html)]
    return found + [image.url for image in article.images]
