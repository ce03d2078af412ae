"""A user's source that is no feed: the line `fetch` prints says what to do."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from newsmirror.cli import app
from tests.httpserver import LoopbackServer

runner = CliRunner()


def _fetch_failure(loopback_server: LoopbackServer, path: str) -> str:
    assert runner.invoke(app, ["sources", "add", loopback_server.url(path), "--outlet", "测试台"]).exit_code == 0
    result = runner.invoke(app, ["fetch"])
    assert result.exit_code == 1, result.output  # the only source failed
    assert "Traceback" not in result.output
    return next(line for line in result.stderr.splitlines() if line.startswith("fetch failed: "))


def test_a_web_page_given_as_a_feed_names_discover(cli_env: Path, loopback_server: LoopbackServer) -> None:
    """A site's front page that an XML parser reads (XHTML, or tidy HTML) said only "not an RSS, Atom or JSON
    feed"; a malformed page named `--discover` already."""
    loopback_server.route("/", body='<!DOCTYPE html><html><head><title>某报</title><link rel="alternate" '
                                    'type="application/rss+xml" href="/rss"/></head><body><p>首页</p></body></html>',
                          content_type="text/html; charset=utf-8")
    line = _fetch_failure(loopback_server, "/")
    assert "not an RSS, Atom or JSON feed" in line
    assert "web page" in line and "`newsmirror sources add --discover URL`" in line, line


def test_an_empty_answer_is_called_empty(cli_env: Path, loopback_server: LoopbackServer) -> None:
    loopback_server.route("/feed", body="", content_type="application/rss+xml")
    line = _fetch_failure(loopback_server, "/feed")
    assert "empty" in line and "--discover" not in line, line
