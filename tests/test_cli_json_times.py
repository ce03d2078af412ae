"""Every `--json` output writes a UTC time one way, ISO 8601 ending in "Z", as `search --json` and the reader's /api
(pydantic) write it: `sources list --json` and `changes --json` wrote isoformat()'s "+00:00"."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from typer.testing import CliRunner

from newsmirror.cli import app
from tests.feedfixtures import serve_feed
from tests.httpserver import LoopbackServer


def test_json_utc_is_the_instant_in_utc_with_z() -> None:
    from newsmirror.text.times import json_utc

    beijing = timezone(timedelta(hours=8))
    assert json_utc(datetime(2020, 11, 3, 8, 30, tzinfo=beijing)) == "2020-11-03T00:30:00Z"
    assert json_utc(datetime(2020, 11, 3, 0, 30, 15, 250000, tzinfo=UTC)) == "2020-11-03T00:30:15.250000Z"
    assert json_utc(datetime(2020, 11, 3, 0, 30)) == "2020-11-03T00:30:00Z"  # naive: UTC, as the store keeps times
    assert json_utc(None) is None


def test_sources_list_json_writes_next_poll_in_utc_with_z(cli_env: Path, loopback_server: LoopbackServer) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["sources", "add", serve_feed(loopback_server), "--outlet", "测试台"]).exit_code == 0
    assert runner.invoke(app, ["fetch", "-q"]).exit_code == 0
    listed = runner.invoke(app, ["sources", "list", "--json"])
    assert listed.exit_code == 0, listed.output
    [source] = json.loads(listed.stdout)
    assert source["next_due_at"].endswith("Z") and "+00:00" not in source["next_due_at"]
