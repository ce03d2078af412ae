"""One exit-status policy for the commands cron runs (`fetch`, `run`, `recheck`, `publish`): 0 when everything went or
only some of its sources, articles or remotes failed (each named on stderr, also under --quiet, so cron mails it); 1
when every one failed. `run` exited 0 when every source failed, and `recheck -q` said nothing at all when every
re-check failed."""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from newsmirror.cli import EXIT_STATUS_HELP, app
from newsmirror.store import open_store
from tests.feedfixtures import serve_feed
from tests.httpserver import LoopbackServer

CRON = {"fetch": "polled source(s)", "run": "polled source(s)", "recheck": "re-checked article(s)",
        "publish": "push(es)", "build": "article page(s)"}


def _flat(text: str) -> str:
    return " ".join(text.replace("│", " ").split())


def _add(url: str, name: str) -> None:
    added = CliRunner().invoke(app, ["sources", "add", url, "--outlet", "测试台", "--name", name])
    assert added.exit_code == 0, added.output


@pytest.mark.parametrize("quiet", [False, True])
def test_run_exits_1_when_every_source_failed_and_still_builds(
        quiet: bool, cli_env: Path, loopback_server: LoopbackServer) -> None:
    loopback_server.route("/down.xml", body="x", fail_times=99, fail_status=503)
    _add(loopback_server.url("/down.xml"), "坏源")
    result = CliRunner().invoke(app, ["run", *(["-q"] if quiet else [])])
    assert result.exit_code == 1, result.output
    said = _flat(result.stderr)
    assert "fetch failed: 坏源 (" in said and "503" in said
    # The server answered (503): the network worked, and is not named.
    assert "error: all 1 polled source(s) failed; the lines above say why each failed" in said
    assert "check the network" not in said
    assert (cli_env.parent / "out" / "site").is_dir()  # what was stored before is grouped and built all the same
    assert (result.stdout == "") == quiet


def test_the_network_is_named_only_when_no_failing_source_answered(
        cli_env: Path, loopback_server: LoopbackServer) -> None:
    import socket

    with socket.socket() as probe:  # a port nothing listens on: the connection is refused, nothing answers
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    added = CliRunner().invoke(app, ["sources", "add", f"http://127.0.0.1:{port}/feed.xml", "--outlet", "测试台"])
    assert added.exit_code == 0, added.output
    result = CliRunner().invoke(app, ["fetch", "-q"])
    assert result.exit_code == 1, result.output
    said = _flat(result.stderr)
    assert "error: all 1 polled source(s) failed; check the network; the lines above say why" in said
    # A source added with an outlet and no --name is named by its outlet, not by its bare id alone.
    assert "fetch failed: 测试台 (" in said, said
    # One that answered among them: the network worked.
    loopback_server.route("/down.xml", body="x", fail_times=99, fail_status=500)
    _add(loopback_server.url("/down.xml"), "坏源")
    both = _flat(CliRunner().invoke(app, ["fetch", "-q", "--all"]).stderr)
    assert "error: all 2 polled source(s) failed; the lines above" in both and "check the network" not in both


def test_a_server_too_slow_for_the_deadline_is_not_the_network(
        cli_env: Path, loopback_server: LoopbackServer) -> None:
    """It answered and sent its body, too slowly for `request_deadline_seconds`: the server's, not the network's."""
    loopback_server.route("/drip.xml", body="x" * 20_000, chunk_delay=0.3)  # 1 KB every 0.3 s: 6 s in all
    _add(loopback_server.url("/drip.xml"), "慢源")
    config = cli_env.parent / "nm.toml"  # cli_env's settings, with a short deadline
    config.write_text(config.read_text(encoding="utf-8") + "request_deadline_seconds = 1.0\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["fetch", "-q"])
    assert result.exit_code == 1, result.output
    said = _flat(result.stderr)
    assert "fetch failed: 慢源 (" in said and "sends too slowly" in said
    assert "error: all 1 polled source(s) failed; the lines above say why" in said and "check the network" not in said


@pytest.mark.parametrize("command", ["fetch", "run"])
def test_some_sources_failing_is_said_on_stderr_and_exits_0(
        command: str, cli_env: Path, loopback_server: LoopbackServer) -> None:
    _add(serve_feed(loopback_server), "好源")
    loopback_server.route("/down.xml", body="x", fail_times=99, fail_status=503)
    _add(loopback_server.url("/down.xml"), "坏源")
    result = CliRunner().invoke(app, [command, "-q"])
    assert result.exit_code == 0, result.output
    said = _flat(result.stderr)
    assert "fetch failed: 坏源 (" in said and "好源" not in said
    assert "warning: 1 of 2 polled source(s) failed; the others were fetched" in said
    with open_store(cli_env) as store:
        assert store.count_articles() == 3



@pytest.mark.parametrize("with_a_working_source", [False, True])
def test_a_feed_whose_pages_all_fail_is_a_failed_source(
        with_a_working_source: bool, cli_env: Path, loopback_server: LoopbackServer) -> None:
    # The feed answered, so the source counted as one that worked: `fetch` exited 0 with nothing stored (ux41 left it).
    _add(serve_feed(loopback_server, "/blocked.xml"), "坏页源")
    for n in range(3):
        loopback_server.route(f"/a/{n}.html", body="x", fail_times=99, fail_status=403)
    if with_a_working_source:
        _add(serve_feed(loopback_server, "/b.xml", pages="/b"), "好源")
    result = CliRunner().invoke(app, ["fetch", "-q"])
    said = _flat(result.stderr)
    assert "fetch failed: 坏页源 (" in said and "the feed answered, but all 3 item(s) it had to read failed" in said
    if with_a_working_source:
        assert result.exit_code == 0, result.output
        assert "warning: 1 of 2 polled source(s) failed" in said
    else:
        assert result.exit_code == 1, result.output
        assert "error: all 1 polled source(s) failed" in said

def _fetched_then_pages(server: LoopbackServer, db: Path, failing: int) -> Result:
    """Fetch the three articles of a feed, make the first ``failing`` pages answer 503, re-check all three."""
    _add(serve_feed(server), "好源")
    assert CliRunner().invoke(app, ["fetch"]).exit_code == 0
    for n in range(failing):
        server.route(f"/a/{n}.html", body="x", fail_times=99, fail_status=503)
    with open_store(db) as store:
        ids = [article.id for article in store.iter_articles()]
    return CliRunner().invoke(app, ["recheck", "-q", *(arg for id_ in ids for arg in ("--article", id_))])


def test_recheck_quiet_names_each_failure_and_exits_1_when_all_failed(
        cli_env: Path, loopback_server: LoopbackServer) -> None:
    result = _fetched_then_pages(loopback_server, cli_env, failing=3)
    assert result.exit_code == 1, result.output
    said = _flat(result.stderr)
    assert said.count("re-check failed: 测试台 ") == 3 and "HTTP 503" in said
    assert "error: all 3 re-checked article(s) failed" in said
    assert result.stdout == ""


def test_recheck_with_some_failures_warns_and_exits_0(cli_env: Path, loopback_server: LoopbackServer) -> None:
    result = _fetched_then_pages(loopback_server, cli_env, failing=1)
    assert result.exit_code == 0, result.output
    said = _flat(result.stderr)
    assert said.count("re-check failed: ") == 1 and "/a/0.html" in said
    assert "warning: 1 of 3 re-checked article(s) failed" in said


def test_publish_with_one_remote_of_two_failing_warns_and_exits_0(cli_env: Path, tmp_path: Path) -> None:
    out = tmp_path / "site-out"
    (out / "site").mkdir(parents=True)
    (out / "site" / "index.html").write_text("<p>x</p>", encoding="utf-8")
    good = tmp_path / "good.git"
    subprocess.run(["git", "init", "-q", "--bare", str(good)], check=True)
    args = ["publish", "--out", str(out), "--format", "site", "-q",
            "--remote", f"good={good}", "--remote", f"bad={tmp_path / 'no-such-repo.git'}"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    said = _flat(result.stderr)
    assert "push failed: site -> bad (" in said and "good" not in said.split("warning:")[0]
    assert "warning: 1 of 2 push(es) failed; the other remotes were updated" in said
    only_bad = CliRunner().invoke(app, [*args[:-4], "--remote", f"bad={tmp_path / 'no-such-repo.git'}"])
    assert only_bad.exit_code == 1 and "error: all 1 push(es) failed" in _flat(only_bad.stderr)


def test_every_cron_command_states_the_policy_in_its_help() -> None:
    for command, units in CRON.items():
        shown = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "250"})
        assert shown.exit_code == 0, shown.output
        assert EXIT_STATUS_HELP.format(units=units) in _flat(shown.output), command


def test_the_readme_says_the_policy_where_it_shows_cron() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    use = " ".join(readme.split("## Use")[1].split("\n## ")[0].split())
    assert ("exit 0 when everything went, or when only some sources, article pages, re-checked articles or remotes "
            "failed") in use
    assert "exit 1 when every one failed" in use and "`newsmirror run -q && newsmirror publish -q`" in use


def test_run_names_a_page_that_failed_to_render_on_stderr_and_goes_on_as_build_does(
        cli_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The failure was in the stdout summary only: gone under -q. Then (ux41) it exited 1 whatever else was written;
    # now one page of many is said with a count and the run exits 0, as `build` does (ux42).
    import newsmirror.jobs.update as update

    real = update.group_and_build

    def failing_page(*args: object, **kwargs: object) -> update.UpdateReport:
        report = real(*args, **kwargs)  # type: ignore[arg-type]
        report.build.failures.append("0123456789abcdef (https://example.org/a): cannot render")
        report.build.articles_due = 3
        return report

    monkeypatch.setattr(update, "group_and_build", failing_page)
    result = CliRunner().invoke(app, ["run", "-q"])
    assert result.exit_code == 0, result.output
    said = _flat(result.stderr)
    assert "failed: 0123456789abcdef (https://example.org/a): cannot render" in said
    assert "warning: 1 of 3 article page(s) failed; the rest was written" in said and result.stdout == ""


def _fetched_then_built(server: LoopbackServer, monkeypatch: pytest.MonkeyPatch, failing: int) -> Result:
    """Fetch a feed's three articles, make rendering fail for the first ``failing`` of them, build."""
    import newsmirror.jobs.building as building

    _add(serve_feed(server), "好源")
    assert CliRunner().invoke(app, ["fetch"]).exit_code == 0
    real = building.prepare
    broken: set[str] = set()

    def prepare(article: Any, *args: Any, **kwargs: Any) -> Any:
        if article.id in broken or len(broken) < failing:
            broken.add(article.id)
            raise ValueError("cannot render")
        return real(article, *args, **kwargs)

    monkeypatch.setattr(building, "prepare", prepare)
    return CliRunner().invoke(app, ["build", "-q", "-j", "1", "--no-images", "--format", "site"])


def test_build_with_some_pages_failing_names_them_writes_the_rest_and_exits_0(
        cli_env: Path, loopback_server: LoopbackServer, monkeypatch: pytest.MonkeyPatch) -> None:
    # A page that failed to render made the whole build exit 1: `build -q && publish -q` in cron stopped publishing
    # every new article for one page (ux41 left it).
    result = _fetched_then_built(loopback_server, monkeypatch, failing=1)
    assert result.exit_code == 0, result.output
    said = _flat(result.stderr)
    assert said.count("failed: ") == 1 and "cannot render" in said
    assert "warning: 1 of 3 article page(s) failed; the rest was written" in said
    assert len(list((cli_env.parent / "out" / "site").rglob("*.html"))) > 1


def test_build_with_every_page_failing_exits_1(
        cli_env: Path, loopback_server: LoopbackServer, monkeypatch: pytest.MonkeyPatch) -> None:
    result = _fetched_then_built(loopback_server, monkeypatch, failing=3)
    assert result.exit_code == 1, result.output
    said = _flat(result.stderr)
    assert said.count("cannot render") == 3
    assert "error: all 3 article page(s) failed; nothing new was rendered" in said


@pytest.mark.parametrize("with_a_good_post", [False, True])
def test_import_exits_1_when_every_article_file_failed(with_a_good_post: bool, cli_env: Path, tmp_path: Path) -> None:
    # polish64: an import whose every article file failed (a day saved in another encoding) exited 0 after its table,
    # so `newsmirror import DAY && newsmirror stories group` went on as if the day were in.
    from tests.fixtures_archives import JEKYLL_POST, write

    day = tmp_path / "archived" / "2024-03-01"
    (day / "2024-03-01-a.md").parent.mkdir(parents=True)
    (day / "2024-03-01-a.md").write_bytes(JEKYLL_POST.encode("utf-16"))
    (day / "2024-03-01-b.md").write_bytes(JEKYLL_POST.encode("gb18030", errors="replace"))
    if with_a_good_post:
        write(day, "2024-03-01-c.md", JEKYLL_POST)
    result = CliRunner().invoke(app, ["import", str(tmp_path / "archived")])
    said = _flat(result.stderr)
    assert said.count("failed ") >= 2 and "not UTF-8 text" in said
    if with_a_good_post:
        assert result.exit_code == 0, result.output
        assert "warning: 2 of 3 article file(s) failed; the others were imported" in said
    else:
        assert result.exit_code == 1, result.output
        assert "error: all 2 article file(s) failed; nothing was imported" in said
    shown = CliRunner().invoke(app, ["import", "--help"], env={"COLUMNS": "250"})
    assert "Exit status: 0 when everything went, or when only some article file(s) failed" in _flat(shown.output)


def test_publish_says_each_step_as_it_starts_but_not_under_quiet(cli_env: Path, tmp_path: Path) -> None:
    # polish64: a commit of a large output and each push take minutes, and publish said nothing until its table.
    out = tmp_path / "site-out"
    (out / "site").mkdir(parents=True)
    (out / "site" / "index.html").write_text("<p>x</p>", encoding="utf-8")
    remotes = []
    for name in ("one", "two"):
        subprocess.run(["git", "init", "-q", "--bare", str(tmp_path / f"{name}.git")], check=True)
        remotes += ["--remote", f"{name}={tmp_path / f'{name}.git'}"]
    args = ["publish", "--out", str(out), "--format", "site", *remotes]
    told = CliRunner().invoke(app, args)
    assert told.exit_code == 0, told.output
    assert told.stderr.splitlines() == ["publishing site: committing", "publishing site: pushing to one",
                                        "publishing site: pushing to two"]
    assert "ok" in told.stdout
    quiet = CliRunner().invoke(app, [*args, "-q"])
    assert quiet.exit_code == 0 and quiet.stderr == "" and quiet.stdout == "", quiet.output


def test_a_push_rejected_for_another_folders_history_says_so(cli_env: Path, tmp_path: Path) -> None:
    """The walk: a second output folder (a worker's --out on the migrated store) published to the remotes the first
    one had: every push rejected "(fetch first)", and the advice was to check each remote's URL and access."""
    remote = tmp_path / "one.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    for folder, text in (("first-out", "<p>x</p>"), ("second out's", "<p>y</p>")):
        (tmp_path / folder / "site").mkdir(parents=True)
        (tmp_path / folder / "site" / "index.html").write_text(text, encoding="utf-8")
    args = ["--format", "site", "--remote", f"one={remote}"]
    assert CliRunner().invoke(app, ["publish", "--out", str(tmp_path / "first-out"), *args]).exit_code == 0
    told = CliRunner().invoke(app, ["publish", "--out", str(tmp_path / "second out's"), *args])
    assert told.exit_code == 1, told.output
    said = _flat(told.stderr)
    assert "[rejected]" in said and "published from another output folder or machine" in said, said
    assert "check each remote's URL and access" not in said
    # the command pastes into a shell as it is (a folder with a space and a quote), and says what it throws away
    command = said[said.index("git -C "):said.index(" (and so for each")]
    assert shlex.split(command) == ["git", "-C", str(tmp_path / "second out's" / "site"), "push", "--force", "one",
                                    "main"], command
    assert "the commits the other folder published there are dropped from the remote's branch" in said


def test_a_stopped_fetch_says_what_the_sources_polled_before_the_stop_did(
        cli_env: Path, loopback_server: LoopbackServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C or SIGTERM said only "interrupted": of the sources polled before it (their articles stored, their
    failures happened) the operator learnt nothing.

    Ctrl-C comes once two sources are done (the run's progress says so), not after a time: a timer of 3 s could come
    before the failing source's retries ended on a loaded machine (review58), and the table said one source."""
    import os
    import signal

    from newsmirror.jobs.fetching import FetchJob, SourceReport

    run = FetchJob.run

    def run_then_ctrl_c(self: FetchJob, sources: list[Any], progress: Any = None) -> Any:
        done: list[SourceReport] = []

        def told(report: SourceReport) -> None:
            if progress is not None:
                progress(report)
            done.append(report)
            if len(done) == 2:  # in the main thread, as a terminal's Ctrl-C: raised here, at once
                os.kill(os.getpid(), signal.SIGINT)

        return run(self, sources, told)

    monkeypatch.setattr(FetchJob, "run", run_then_ctrl_c)
    before = signal.signal(signal.SIGINT, signal.default_int_handler)  # a shell without job control ignores it
    _add(serve_feed(loopback_server), "好源")
    loopback_server.route("/down.xml", body="x", fail_times=99, fail_status=500)
    _add(loopback_server.url("/down.xml"), "坏源")
    loopback_server.route("/silent.xml", body="<rss/>", delay=300.0)
    _add(loopback_server.url("/silent.xml"), "静源")
    config = cli_env.parent / "nm.toml"  # a read timeout far past the stop
    config.write_text(config.read_text(encoding="utf-8").replace("timeout_seconds = 2.0", "timeout_seconds = 120.0"),
                      encoding="utf-8")
    try:
        result = CliRunner().invoke(app, ["fetch"])
    finally:
        signal.signal(signal.SIGINT, before)
    assert result.exit_code != 0
    said = _flat(result.stdout)
    assert "fetched before the stop (2 source(s))" in said, result.output
    assert "好源 ok" in said and "坏源 failed ×1" in said and "静源" not in said
    assert "fetch failed: 坏源 (" in _flat(result.stderr) and "interrupted" in result.stderr
