"""A real `newsmirror serve --public-url http://127.0.0.1:P/news` behind a tiny reverse proxy that
strips /news (as nginx's ``location /news/ { proxy_pass http://127.0.0.1:8000/; }`` does), both on
127.0.0.1: a reader following links through the proxy reaches every page, style and feed."""

from __future__ import annotations

import http.client
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.request import urlopen

from newsmirror.store import Store
from tests.web.live import free_port
from tests.web.test_root_path import links

SRC = Path(__file__).resolve().parents[2] / "src"


@contextmanager
def stripping_proxy(prefix: str, backend_port: int) -> Iterator[int]:
    """GET /news/x -> http://127.0.0.1:backend/x; anything else 404, as a proxy serving one location."""

    class Forward(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            if not self.path.startswith(prefix + "/"):
                self.send_error(404)
                return
            upstream = http.client.HTTPConnection("127.0.0.1", backend_port, timeout=30)
            upstream.request("GET", self.path[len(prefix):], headers={"Host": f"127.0.0.1:{backend_port}"})
            answer = upstream.getresponse()
            body = answer.read()
            self.send_response(answer.status)
            for name, value in answer.getheaders():
                if name.lower() not in ("connection", "transfer-encoding", "content-length"):
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            upstream.close()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Forward)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield int(server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()


def wait_for(port: int, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"newsmirror serve exited: {process.communicate()}")
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("HEAD", "/")
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("newsmirror serve did not start")


def test_serve_behind_a_proxy_under_a_path(store: Store, tmp_path: Path) -> None:
    store.close()
    db = tmp_path / "web.sqlite"  # the conftest store, filled
    backend = free_port()
    with stripping_proxy("/news", backend) as proxy_port:
        public = f"http://127.0.0.1:{proxy_port}/news"
        process = subprocess.Popen(
            [sys.executable, "-m", "newsmirror", "serve", "--db", str(db), "--port", str(backend),
             "--public-url", public], env={**os.environ, "PYTHONPATH": str(SRC)},
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            wait_for(backend, process)
            home = f"{public}/"
            with urlopen(home, timeout=30) as answer:  # noqa: S310 - our own 127.0.0.1 proxy
                page = answer.read().decode("utf-8")
            reached = set()
            for link in links(page):
                target = urljoin(home, link)
                if urlsplit(target).netloc != f"127.0.0.1:{proxy_port}":
                    continue
                assert target.startswith(public + "/"), link
                with urlopen(target, timeout=30) as answer:  # noqa: S310 - our own 127.0.0.1 proxy
                    assert answer.status == 200, link
                reached.add(urlsplit(target).path)
            assert {"/news/static/style.css", "/news/static/keys.js", "/news/atom.xml", "/news/stories",
                    "/news/docs"} <= reached
            with urlopen(f"{public}/atom.xml", timeout=30) as answer:  # noqa: S310
                feed = answer.read().decode("utf-8")
            assert re.search(rf'href="{re.escape(public)}/article/\w+"', feed)
        finally:
            process.terminate()
            process.wait(timeout=30)
