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
