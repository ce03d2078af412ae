from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image as PILImage

from newsmirror.fetch.addresses import allowance
from newsmirror.publish.images import ImageFetchError, ImageMirror, httpx_fetcher, resize
from tests.publish.conftest import LOOPBACK, ImageServer, png_bytes


def test_fetcher_downloads_and_refuses_oversized_and_missing(image_server: ImageServer) -> None:
    fetch = httpx_fetcher(allowed=LOOPBACK, max_bytes=200_000, timeout=5)
    assert fetch(image_server.url + "/photo1.png").startswith(b"\x89PNG")
    with pytest.raises(ImageFetchError, match="limit"):
        fetch(image_server.url + "/huge.png")
    with pytest.raises(ImageFetchError, match="404"):
        fetch(image_server.url + "/nothing.png")


def test_resize_caps_width_and_keeps_aspect() -> None:
    data, ext = resize(png_bytes(2000, 1000), max_width=500)
    assert ext == "jpg"
    with PILImage.open(io.BytesIO(data)) as image:
        assert image.size == (500, 250)
    with pytest.raises(ImageFetchError):
        resize(b"not an image")


def test_mirror_fetches_each_url_once_and_remembers_failures(tmp_path: Path, image_server: ImageServer) -> None:
    mirror = ImageMirror(tmp_path / "cache", httpx_fetcher(allowed=LOOPBACK, timeout=5))
    good, bad = image_server.url + "/photo.png", image_server.url + "/gone.png"
    name = mirror.local_name(good)
    assert name and (tmp_path / "cache" / name).is_file()
    assert mirror.local_name(good) == name
    assert mirror.local_name(bad) is None
    mirror.save()
    again = ImageMirror(tmp_path / "cache", httpx_fetcher(allowed=LOOPBACK, timeout=5))
    assert again.local_name(good) == name and again.local_name(bad) is None
    assert image_server.requests.count("/photo.png") == 1
    assert image_server.requests.count("/gone.png") == 1


def test_one_http_client_serves_every_download(monkeypatch: pytest.MonkeyPatch, image_server: ImageServer) -> None:
    import httpx

    made: list[object] = []
    real = httpx.Client

    def counting(*args: object, **kwargs: object) -> httpx.Client:
        client = real(*args, **kwargs)  # type: ignore[arg-type]
        made.append(client)
        return client

    monkeypatch.setattr(httpx, "Client", counting)
    fetch = httpx_fetcher(allowed=LOOPBACK, timeout=5)
    for n in range(3):
        assert fetch(f"{image_server.url}/photo{n}.png").startswith(b"\x89PNG")
    assert len(made) == 1


def test_a_host_that_does_not_answer_is_skipped_and_not_remembered(tmp_path: Path) -> None:
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    mirror = ImageMirror(tmp_path / "cache", httpx_fetcher(allowed=LOOPBACK, timeout=2))
    urls = [f"http://127.0.0.1:{port}/{n}.jpg" for n in range(12)]
    assert all(mirror.local_name(url) is None for url in urls)
    assert mirror.failed == 2 and mirror.skipped == 10  # two tries, then the host is given up on
    assert mirror.mostly_failing
    mirror.save()
    again = ImageMirror(tmp_path / "cache", httpx_fetcher(allowed=LOOPBACK, timeout=2))
    again.local_name(urls[0])
    assert again.failed == 1  # tried again by the next build: the network may be back


def test_prefetch_downloads_concurrently_within_the_per_host_limit(tmp_path: Path) -> None:
    import threading
    import time

    from newsmirror.publish.images import PER_HOST

    live: dict[str, int] = {}
    peak: dict[str, int] = {}
    overall = [0, 0]
    lock = threading.Lock()
    wide = threading.Event()  # more than PER_HOST at once were under way

    def fetch(url: str) -> bytes:
        host = url.split("/")[2]
        with lock:
            live[host] = live.get(host, 0) + 1
            overall[0] += 1
            peak[host] = max(peak.get(host, 0), live[host])
            overall[1] = max(overall[1], overall[0])
            if overall[1] > PER_HOST:
                wide.set()
        # Held until the downloads overlapped (10 s at most, a hang guard), not for a fixed 0.05 s that a loaded
        # machine could let pass before another thread started; a serial prefetch never sets it.
        if not wide.wait(10):
            wide.set()  # the others need not wait too: the assertion below says it
        time.sleep(0.05)
        with lock:
            live[host] -= 1
            overall[0] -= 1
        return png_bytes(20, 10)

    mirror = ImageMirror(tmp_path / "cache", fetch)
    urls = [f"https://host{h}.test/{n}.png" for h in range(3) for n in range(6)]
    mirror.prefetch(urls)
    assert mirror.fetched == 18 and all(mirror.local_name(url) for url in urls)
    assert max(peak.values()) <= PER_HOST and overall[1] > PER_HOST
    assert not mirror.mostly_failing


def test_an_image_on_a_private_address_is_never_asked(tmp_path: Path, image_server: ImageServer) -> None:
    """An image address is an article's word: one on a service of the machine or its network (here a loopback server,
    standing for http://169.254.169.254/) was asked by the build, and an internal service answering an image would have
    been published. Refused before any request, and after a redirect from an allowed host too; not remembered as a
    failure (an operator allowance added later lets the next build fetch it)."""
    from tests.httpserver import LoopbackServer

    photo = image_server.url + "/photo.png"
    with pytest.raises(ImageFetchError, match="private address"):
        httpx_fetcher(timeout=5)(photo)
    with LoopbackServer() as allowed_host:
        allowed_host.route("/hop.png", redirect_to=photo)
        fetch = httpx_fetcher(timeout=5, allowed=allowance([allowed_host.base_url]))
        with pytest.raises(ImageFetchError, match="private address"):
            fetch(allowed_host.url("/hop.png"))
        assert allowed_host.hits("/hop.png") == 1  # the allowed host is asked; where it points is not
    assert image_server.requests == []

    mirror = ImageMirror(tmp_path / "cache", httpx_fetcher(timeout=5))
    assert mirror.local_name(photo) is None and mirror.local_name(photo) is None  # prefetched, then by its page
    # One refusal, neither a failure nor a host "not answering" (whose count skips a host and hints at no network).
    assert list(mirror.refused) == [photo] and mirror.failed == 0 and mirror.skipped == 0
    mirror.save()
    again = ImageMirror(tmp_path / "cache", httpx_fetcher(allowed=LOOPBACK, timeout=5))
    assert again.local_name(photo) is not None
    assert image_server.requests == ["/photo.png"]


def test_the_mirror_records_each_pictures_size_and_measures_one_stored_before(tmp_path: Path) -> None:
    """reader79: images had no width or height, so the text below a lazy picture moved when it arrived. The cache
    records each picture's size as it stores it (sizes.json, beside the index an older reader reads as before); a
    picture stored before sizes were recorded is measured from its file; an unreadable one has no size."""
    import json

    mirror = ImageMirror(tmp_path, lambda url: png_bytes(1600, 900), max_width=960)
    name = mirror.local_name("https://cdn.test/wide.png")
    assert name and mirror.size_of(name) == (960, 540)  # the stored copy's size, not the original's
    mirror.save()
    assert json.loads((tmp_path / ImageMirror.SIZES).read_text()) == {name: [960, 540]}
    assert json.loads((tmp_path / ImageMirror.INDEX).read_text()) == {"https://cdn.test/wide.png": name}
    (tmp_path / name).write_bytes(b"")  # the record is read, not the file
    assert ImageMirror(tmp_path, lambda url: b"").size_of(name) == (960, 540)

    older = tmp_path / "older"  # a cache of an earlier build: pictures and index, no sizes
    older.mkdir()
    PILImage.new("RGB", (300, 500)).save(older / "0123456789abcdef0123.jpg", "JPEG")
    (older / "0123456789abcdef0124.jpg").write_bytes(b"\xff\xd8 not a picture")
    (older / ImageMirror.INDEX).write_text(json.dumps({"https://a.test/1.jpg": "0123456789abcdef0123.jpg",
                                                       "https://a.test/2.jpg": "0123456789abcdef0124.jpg"}))
    kept = ImageMirror(older, lambda url: b"")
    assert kept.size_of("0123456789abcdef0123.jpg") == (300, 500)
    assert kept.size_of("0123456789abcdef0124.jpg") is None
    kept.save()
    assert json.loads((older / ImageMirror.SIZES).read_text()) == {"0123456789abcdef0123.jpg": [300, 500]}
