"""The Jekyll output builds with Debian's jekyll as it is, mirrored images included."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import html as lxml_html

from newsmirror.jobs.building import build
from newsmirror.publish.base import BuildOptions
from newsmirror.publish.images import httpx_fetcher
from newsmirror.store.sqlite import SQLiteStore
from tests.publish.conftest import LOOPBACK, ImageServer, fill


@pytest.mark.jekyll
def test_jekyll_builds_the_output(store: SQLiteStore, tmp_path: Path, image_server: ImageServer) -> None:
    jekyll = shutil.which("jekyll")
    if jekyll is None:
        pytest.fail("jekyll is missing: install Debian's jekyll (apt-get install --no-install-recommends jekyll)")
    articles = fill(store, 4, image_url=image_server.url + "/photo0.png")
    out = tmp_path / "out"
    build(store, out, ["jekyll"], BuildOptions(base_url="https://mirror.test/news"), fetch=httpx_fetcher(allowed=LOOPBACK, timeout=5))
    site = tmp_path / "site"
    done = subprocess.run([jekyll, "build", "--safe", "-s", str(out / "jekyll"), "-d", str(site)],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    pages = {p.read_text(encoding="utf-8"): p for p in site.rglob("*.html")}
    first = next(p for text, p in pages.items() if articles[0].title in text and "<article>" in text)
    tree = lxml_html.fromstring(first.read_bytes())
    assert "第0篇报道的第一段" in tree.text_content()
    src = tree.xpath("//article//img/@src")[0]
    assert src.startswith("/news/assets/img/")
    assert (site / src.removeprefix("/news/")).is_file()
    index = (site / "index.html").read_text(encoding="utf-8")
    assert all(a.title in index for a in articles)
