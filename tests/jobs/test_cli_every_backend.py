"""Every CLI command end to end on every backend (PostgreSQL when NEWSMIRROR_TEST_PG_DSN is set):
import a handful of real archive posts, group, build, serve, recheck, changes, history, stats
and worker, each as the user types it."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from newsmirror.cli import app
from newsmirror.store import open_store
from tests.httpserver import LoopbackServer
from tests.jobs.test_recheck_cli import store_loopback_article
from tests.jobs.test_recheck_loopback import ARTICLE_PATH, PARAGRAPHS, article_page

REPO = Path(__file__).resolve().parents[2]
BACKENDS = [pytest.param("sqlite")] + (
    [pytest.param("postgres", marks=pytest.mark.postgres)] if os.environ.get("NEWSMIRROR_TEST_PG_DSN") else []
)
# Six posts of a real Jekyll feed archive, two of them on the same event (Biden's inauguration).
POSTS = [
    "2021-01-20-YouTube将特朗普频道的封禁期再延长一周 担心拜登就职期间出现暴力.md",
    "2021-01-20-怎样做一个前任美国总统？.md",
    "2021-01-20-北京大兴每天新增病例    北方疫情令当局高度紧张.md",
    "2021-01-20-中国新型磁浮列车 追求低成本.md",
    "2021-01-20-Netflix全球订户超越2亿大关 称不再需要借钱制播节目.md",
    "2021-01-20-90岁访民上海市政府维权 被十余警察带走.md",
]


@pytest.fixture(params=BACKENDS)
def location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:{tmp_path / 'store.sqlite'}"
    from tests.store.pg_util import fresh_schema_dsn

    return fresh_schema_dsn(os.environ["NEWSMIRROR_TEST_PG_DSN"])


def invoke(*args: str) -> str:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})
    assert result.exit_code == 0, f"{args[0]} failed: {result.output}"
    assert "Traceback" not in result.output
    return result.output


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve_one_request(location: str) -> dict[str, object]:
    port = free_port()
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO / "src"), str(REPO)]))
    server = subprocess.Popen([sys.executable, "-m", "newsmirror", "serve", "--db", location, "--port", str(port)],
                              env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/api/search", params={"q": "拜登"}, timeout=5)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.communicate()[0]
                assert time.monotonic() < deadline, "the reader did not start"
                time.sleep(0.2)
        assert answer.status_code == 200, answer.text
        data: dict[str, object] = answer.json()
        return data
    finally:
        server.terminate()
        server.wait(20)


def test_every_command_end_to_end(location: str, corpus_dir: Path, loopback_server: LoopbackServer,
                                  tmp_path: Path) -> None:
    posts = [corpus_dir / "zhouxiang93123-waimei" / "_posts" / name for name in POSTS]
    invoke("import", *map(str, posts), "--db", location)
    stats = json.loads(invoke("stats", "--db", location, "--json"))
    assert stats["articles"] == len(POSTS)

    assert "grouped 6 articles" in invoke("stories", "group", "--db", location)
    with open_store(location) as store:
        assert store.unassigned_article_ids() == []
        assert store.stats()["stories"] >= 1

    out = tmp_path / "out"
    invoke("build", "--db", location, "--out", str(out), "--no-images")
    assert any("拜登" in page.read_text(encoding="utf-8") for page in (out / "site").rglob("*.html"))

    found = serve_one_request(location)
    hits = found["hits"]
    assert isinstance(hits, list) and hits and all("拜登" in json.dumps(h, ensure_ascii=False) for h in hits)

    # recheck, changes, history: an article of a loopback outlet that edits its page.
    config, article = store_loopback_article(loopback_server, location, tmp_path)
    check = ["--db", location, "--config", str(config), "--article", article.id]
    invoke("recheck", *check)
    loopback_server.route(ARTICLE_PATH, body=article_page(paragraphs=[*PARAGRAPHS, "新增加的一段说明文字。"]))
    assert "edited" in invoke("recheck", *check)
    changes = json.loads(invoke("changes", "--db", location, "--json"))
    assert [c["kind"] for c in changes["changes"]] == ["edited"]
    assert "新增加的一段说明文字" in invoke("history", article.id, "--db", location)

    # worker: the new article is grouped by a group job (no sources: nothing to fetch).
    output = invoke("worker", "--db", location, "--once", "--poll", "0.05", "--kinds", "group")
    assert "1 done" in output and "last idle: nothing due" in output
    with open_store(location) as store:
        assert store.unassigned_article_ids() == []
        group = store.get_job("group", "*")
        assert group is not None and group.attempts == 1 and not group.last_error
