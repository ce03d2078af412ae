from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image as PILImage

from newsmirror.publish.images import ImageFetchError, ImageMirror, httpx_fetcher, resize
from tests.publish.conftest import ImageServer, png_bytes


def test_fetcher_downloads_and_refuses_oversized_and_missing(image_server: ImageServer) -> None:
    fetch = httpx_fetcher(max_bytes=200_000, timeout=5)
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
    mirror = ImageMirror(tmp_path / "cache", httpx_fetcher(timeout=5))
    good, bad = image_server.url + "/photo.png", image_server.url + "/gone.png"
    name = mirror.local_name(good)
    assert name and (tmp_path / "cache" / name).is_file()
    assert mirror.local_name(good) == name
    assert mirror.local_name(bad) is None
    mirror.save()
    again = ImageMirror(tmp_path / "cache", httpx_fetcher(timeout=5))
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
    fetch = httpx_fetcher(timeout=5)
    for n in range(3):
        assert fetch(f"{image_server.url}/photo{n}.png").startswith(b"\x89PNG")
    assert len(made) == 1


def test_a_host_that_does_not_answer_is_skipped_and_not_remembered(tmp_path: Path) -> None:
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    mirror = ImageMirror(tmp_path / "cache", httpx_fetcher(timeout=2))
    urls = [f"http://127.0.0.1:{port}/{n}.jpg" for n in range(12)]
    assert all(mirror.local_name(url) is None for url in urls)
    assert mirror.failed == 2 and mirror.skipped == 10  # two tries, then the host is given up on
    assert mirror.mostly_failing
    mirror.save()
    again = ImageMirror(tmp_path / "cache", httpx_fetcher(timeout=2))
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

    def fetch(url: str) -> bytes:
        host = url.split("/")[2]
        with lock:
            live[host] = live.get(host, 0) + 1
            overall[0] += 1
            peak[host] = max(peak.get(host, 0), live[host])
            overall[1] = max(overall[1], overall[0])
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
