"""`--quiet`/`-q` of the commands an operator runs from cron (`run`, `fetch`, `build`, `publish`, `recheck`): cron
mails any output, so with it a run that went well prints nothing, and a failure still says what failed on stderr and
exits as it does without it."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsmirror.cli import app, console
from tests.feedfixtures import serve_feed
from tests.httpserver import LoopbackServer

CRON = ("run", "fetch", "build", "publish", "recheck")
# `build`'s and `run`'s one line without a base URL (cli_env's config has none)
NO_BASE_URL = ("warning: no base URL: pages have no share link or QR code; the Atom/RSS feeds link pages relatively, "
               "which feed readers cannot follow; 404.html links the host's root (/index.html), wrong for a site "
               "served under a path; set base_url in the [publish] table of the config file (`build`: or give "
               "--base-url)\n")


def test_quiet_with_nothing_to_do_prints_nothing(cli_env: Path, loopback_server: LoopbackServer) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["sources", "add", serve_feed(loopback_server), "--outlet", "测试台"]).exit_code == 0
    first = runner.invoke(app, ["run"])  # fetches the three articles and builds them
    assert first.exit_code == 0, first.output
    for args in (["run", "-q"], ["run", "--quiet"], ["fetch", "-q"], ["recheck", "-q"],
                 ["build", "-q", "--base-url", "https://news.example/"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.output)
        assert (result.stdout, result.stderr) == ("", ""), args
    # Without it, the same idle run still says what it did: the summary on stdout. Nothing on stderr: its phases are
    # over at once, and a phase says nothing off a terminal before it has lasted 10 s (polish65: a start line and a
    # "done in 0s" line for each of six phases, twelve lines that cron mailed).
    loud = runner.invoke(app, ["run"])
    assert loud.exit_code == 0, loud.output
    assert "nothing to fetch" in loud.stdout and "outputs in" in loud.stdout
    assert loud.stderr == NO_BASE_URL  # as `build` says it: nothing else
    assert not console.quiet  # the shared console is itself again after a quiet command


def test_run_notes_a_missing_base_url_as_build_does(cli_env: Path, loopback_server: LoopbackServer,
                                                   monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """`run` built without a base URL and said nothing (`build` said it in two lines, a warning about the feeds and a
    note about share links): one line, the same in both; none with the config's [publish] base_url, none under -q."""
    runner = CliRunner()
    assert runner.invoke(app, ["sources", "add", serve_feed(loopback_server), "--outlet", "测试台"]).exit_code == 0
    for command in (["run"], ["build", "--no-images"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 0, result.output
        assert [line + "\n" for line in result.stderr.splitlines() if "base URL" in line] == [NO_BASE_URL], command
    for quiet in (["run", "-q"], ["build", "-q", "--no-images"]):
        assert runner.invoke(app, quiet).stderr == "", quiet
    config = tmp_path / "with-url.toml"
    config.write_text((tmp_path / "nm.toml").read_text(encoding="utf-8")
                      + '[publish]\nbase_url = "https://news.example/"\n', encoding="utf-8")
    monkeypatch.setenv("NEWSMIRROR_CONFIG", str(config))
    result = runner.invoke(app, ["run"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_quiet_on_a_fresh_store_prints_nothing(cli_env: Path) -> None:
    result = CliRunner().invoke(app, ["run", "-q"])  # no source yet: said without -q, not mailed with it
    assert result.exit_code == 0, result.output
    assert (result.stdout, result.stderr) == ("", "")


@pytest.mark.parametrize("command", ["fetch", "run"])
def test_quiet_with_a_failing_source_still_prints_its_error_and_exits_as_before(
        command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli_env: Path,
        loopback_server: LoopbackServer) -> None:
    loopback_server.route("/down.xml", body="x", fail_times=99, fail_status=503)
    runner = CliRunner()
    results = {}
    for quiet in (False, True):
        monkeypatch.setenv("NEWSMIRROR_DB", str(tmp_path / f"quiet-{quiet}.sqlite"))  # the same first failure
        added = runner.invoke(app, ["sources", "add", loopback_server.url("/down.xml"), "--outlet", "测试台"])
        assert added.exit_code == 0, added.output
        results[quiet] = runner.invoke(app, [command, *(["-q"] if quiet else [])])
    loud, quiet_run = results[False], results[True]
    assert quiet_run.exit_code == loud.exit_code == 1  # every source failed (tests/test_cli_exit_status.py)
    # The same error lines on stderr, and no phase lines (progress) in either: its phases are over at once.
    progress = [line for line in loud.stderr.splitlines(keepends=True) if line.startswith("updating, ")]
    assert not progress
    assert quiet_run.stderr == "".join(line for line in loud.stderr.splitlines(keepends=True)
                                       if line not in progress and line != NO_BASE_URL)
    assert "503" in quiet_run.stderr
    assert "all 1 polled source(s) failed" in quiet_run.stderr
    assert quiet_run.stdout == "" and "failed" in loud.stdout


def test_a_failing_push_is_still_an_error_with_quiet(cli_env: Path, tmp_path: Path) -> None:
    out = tmp_path / "site-out"
    (out / "site").mkdir(parents=True)
    (out / "site" / "index.html").write_text("<p>x</p>", encoding="utf-8")
    args = ["publish", "--out", str(out), "--format", "site", "--remote", f"x={tmp_path / 'no-such-repo.git'}"]
    loud = CliRunner().invoke(app, args)
    quiet = CliRunner().invoke(app, [*args, "-q"])
    assert quiet.exit_code == loud.exit_code == 1
    # The same warnings and errors; loud also says each step as it starts (polish64), as build's progress does.
    steps = [line for line in loud.stderr.splitlines() if line.startswith("publishing ")]
    assert steps == ["publishing site: committing", "publishing site: pushing to x"]
    assert quiet.stderr == loud.stderr.split("publishing site: pushing to x\n", 1)[1]
    assert "push(es) failed" in quiet.stderr
    assert quiet.stdout == "" and "failed" in loud.stdout
    # Which remote failed, on stderr: under -q the table is not printed, so cron's mail must say it.
    assert "push failed: site -> x (" in " ".join(quiet.stderr.split())


def test_a_failing_remote_is_named_as_written_never_read_as_markup(cli_env: Path, tmp_path: Path) -> None:
    out = tmp_path / "site-out"
    (out / "site").mkdir(parents=True)
    (out / "site" / "index.html").write_text("<p>x</p>", encoding="utf-8")
    name = "[bold]mirror[/]"
    result = CliRunner().invoke(app, ["publish", "--out", str(out), "--format", "site", "-q",
                                      "--remote", f"{name}={tmp_path / 'no-such-repo.git'}"])
    assert result.exit_code == 1
    # Not a NAME=URL the parser takes, so the whole text is the URL: printed as written, its brackets kept.
    assert f"({name}=" in " ".join(result.stderr.split())


def test_every_cron_command_offers_quiet_in_its_help() -> None:
    for command in CRON:
        shown = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "250"})
        assert shown.exit_code == 0, shown.output
        # The options row, not the summary's "with or without --quiet" (the exit status the help states).
        line = next(line for line in shown.output.splitlines() if line.startswith("│ --quiet "))
        assert "-q" in line and "warnings and errors" in line, (command, line)
