"""`newsmirror sources ...`, `fetch` and `run` through the CLI."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from typer.testing import CliRunner

from newsmirror.cli import app
from newsmirror.model import Article
from newsmirror.store import open_store
from tests.feedfixtures import FixtureItem, long_body, rss, serve_feed
from tests.httpserver import LoopbackServer

runner = CliRunner()


def test_sources_add_list_remove_and_opml(cli_env: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["sources", "add", "https://www.rfi.fr/cn/rss", "--outlet", "法广",
                                 "--script", "zh-Hans", "--summary-only"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["sources", "add", "--defaults"])
    assert result.exit_code == 0 and "updated" in result.output
    with open_store(cli_env) as store:
        sources = store.list_sources()
    assert sum(1 for s in sources if s.url == "https://www.rfi.fr/cn/rss") == 1

    listed = runner.invoke(app, ["sources", "list", "--json"])
    assert "https://www.rfi.fr/cn/rss" in listed.output

    opml = tmp_path / "out.opml"
    assert runner.invoke(app, ["sources", "export-opml", str(opml)]).exit_code == 0
    assert runner.invoke(app, ["sources", "remove", "https://www.rfi.fr/cn/rss"]).exit_code == 0
    with open_store(cli_env) as store:
        assert len(store.list_sources()) == len(sources) - 1
    assert runner.invoke(app, ["sources", "import-opml", str(opml)]).exit_code == 0
    with open_store(cli_env) as store:
        assert len(store.list_sources()) == len(sources)


def test_an_outlet_spelled_another_way_is_warned_of_not_refused(cli_env: Path, tmp_path: Path) -> None:
    """Two spellings of one outlet share copies (safety70) but stay two outlets in listings: `sources add` and
    `import-opml` say so, naming the spelling in use and the command that keeps one (polish69); nothing refused."""
    first = runner.invoke(app, ["sources", "add", "https://dw.example/a.xml", "--outlet", "德国之声"])
    assert first.exit_code == 0 and "warning" not in first.output
    second = runner.invoke(app, ["sources", "add", "https://dw.example/b.xml", "--outlet", "德國之聲"])
    assert second.exit_code == 0 and "1 source(s) added" in second.output
    said = " ".join(second.output.split())
    assert "warning" in said and "'德國之聲'" in said and "source https://dw.example/a.xml uses '德国之声'" in said
    assert "both names" in said and "sources add https://dw.example/b.xml --outlet 德国之声" in said
    again = runner.invoke(app, ["sources", "add", "https://dw.example/b.xml", "--outlet", "德国之声"])
    assert again.exit_code == 0 and "warning" not in again.output  # the advice followed: one name, no warning
    runner.invoke(app, ["sources", "remove", "https://dw.example/a.xml", "https://dw.example/b.xml"])
    with open_store(cli_env) as store:  # no source left: the stored articles' spelling is the one in use
        store.upsert_article(Article(outlet="德国之声", title="标题", original_url="https://dw.example/1"))
    alias = runner.invoke(app, ["sources", "add", "https://dw.example/c.xml", "--outlet", "DW"])
    assert alias.exit_code == 0 and "the stored articles use '德国之声'" in " ".join(alias.output.split())
    with open_store(cli_env) as store:
        assert [s.outlet for s in store.list_sources()] == ["DW"]
    other = runner.invoke(app, ["sources", "add", "https://x.example/feed", "--outlet", "德国新闻"])
    assert other.exit_code == 0 and "warning" not in other.output  # another outlet is not folded into it


def test_sources_errors_are_one_line(cli_env: Path) -> None:
    open_store(cli_env).close()  # `sources remove` reads: it would refuse a store that does not exist
    result = runner.invoke(app, ["sources", "add", "https://x.example/feed"])
    assert result.exit_code == 1 and "outlet" in result.output and "Traceback" not in result.output
    result = runner.invoke(app, ["sources", "remove", "nope"])
    assert result.exit_code == 1 and "no such source" in result.output
    result = runner.invoke(app, ["sources", "add"])
    assert result.exit_code == 1 and "nothing to add" in result.output


def test_add_with_discovery(cli_env: Path, loopback_server: LoopbackServer) -> None:
    item = FixtureItem("g", loopback_server.url("/a.html"), "标题", long_body(1))
    loopback_server.route("/", body='<html><head><link rel="alternate" type="application/rss+xml" '
                                    'href="/gb/feed"></head><body>首页</body></html>')
    loopback_server.route("/gb/feed", body=rss([item]), content_type="application/rss+xml")
    result = runner.invoke(app, ["sources", "add", loopback_server.url("/"), "--discover", "--outlet", "测试台"])
    assert result.exit_code == 0, result.output
    with open_store(cli_env) as store:
        assert [s.url for s in store.list_sources()] == [loopback_server.url("/gb/feed")]


def test_fetch_prints_a_summary_per_source(cli_env: Path, loopback_server: LoopbackServer) -> None:
    serve_feed(loopback_server, "/ok.xml")
    loopback_server.route("/down.xml", body="x", fail_times=99, fail_status=503)
    for path, name in (("/ok.xml", "好源"), ("/down.xml", "坏源")):
        assert runner.invoke(app, ["sources", "add", loopback_server.url(path), "--outlet", "测试台",
                                   "--name", name]).exit_code == 0

    result = runner.invoke(app, ["fetch"])
    assert result.exit_code == 0, result.output
    ok_row = next(line for line in result.output.splitlines() if "好源" in line)
    assert [cell.strip() for cell in ok_row.split("│")[1:7]] == ["好源", "ok", "3", "0", "0", ""]
    assert "failed" in next(line for line in result.output.splitlines() if "坏源" in line)
    assert "503" in result.output
    with open_store(cli_env) as store:
        assert store.count_articles() == 3

    again = runner.invoke(app, ["fetch"])
    assert "nothing to fetch" in again.output and "2 source(s) not due" in again.output

    out = cli_env.parent / "out"
    run = runner.invoke(app, ["run", "--all", "--out", str(out)])
    assert run.exit_code == 0, run.output
    # run = fetch, then group and publish: the three stored articles reach every output format.
    assert "3 articles" in run.output
    assert {p.name for p in out.iterdir()} >= {"pagemirror", "jekyll", "site"}


def test_fetch_exits_1_when_every_source_failed(cli_env: Path, loopback_server: LoopbackServer) -> None:
    loopback_server.route("/down.xml", body="x", fail_times=99, fail_status=500)
    runner.invoke(app, ["sources", "add", loopback_server.url("/down.xml"), "--outlet", "测试台"])
    result = runner.invoke(app, ["fetch"])
    assert result.exit_code == 1
    assert "all 1 polled source(s) failed" in result.output
    total = next(line for line in result.stdout.splitlines() if "total" in line)
    assert "1 of 1 failed" in total  # the failed column (pages) says 0: a feed that did not answer fails no page


def test_fetch_with_no_source_says_how_to_add_one(cli_env: Path) -> None:
    # A fresh store said "0 source(s) not due yet (`--all` polls them anyway ...)": there is nothing to poll.
    result = CliRunner().invoke(app, ["fetch"])
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert "no sources yet" in said and "`newsmirror sources add --defaults`" in said and "not due" not in said


def test_fetch_and_demo_off_a_terminal_write_no_empty_line_to_stderr(cli_env: Path, tmp_path: Path) -> None:
    """From cron any output is mailed: the live bar, which draws nothing off a terminal, left an empty line on
    stderr at its end on every run, a quiet one included."""
    fetched = CliRunner().invoke(app, ["fetch"])
    assert fetched.exit_code == 0, fetched.output
    assert fetched.stderr == ""
    from tests.fixtures_archives import JEKYLL_POST, write

    write(tmp_path, "archives/_posts/2024-03-01-a.md", JEKYLL_POST)  # an empty folder is refused now (polish63)
    demo = CliRunner().invoke(app, ["demo", "--corpus", str(tmp_path / "archives"), "--out", str(tmp_path / "out")])
    assert demo.exit_code == 0, demo.output
    assert "" not in demo.stderr.splitlines(), demo.stderr


def test_sources_list_of_a_store_without_sources_says_how_to_add_one(cli_env: Path) -> None:
    """Not "0 sources" over a table of headers only."""
    open_store(cli_env).close()
    result = CliRunner().invoke(app, ["sources", "list"])
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert said.startswith("no sources yet; `newsmirror sources add --defaults`") and "┃" not in said
    assert CliRunner().invoke(app, ["sources", "list", "--json"]).output.strip() == "[]"


def test_sources_list_gives_the_next_poll_in_utc8_as_every_view_gives_a_time(cli_env: Path) -> None:
    assert runner.invoke(app, ["sources", "add", "https://www.rfi.fr/cn/rss", "--outlet", "法广"]).exit_code == 0
    with open_store(cli_env) as store:
        (source,) = store.list_sources()
        state = store.get_feed_state(source.id)
        state.next_due_at = datetime(2024, 5, 4, 23, 30, tzinfo=UTC)  # 07:30 UTC+8 on the 5th
        store.save_feed_state(state)
    result = runner.invoke(app, ["sources", "list"])
    assert result.exit_code == 0, result.output
    assert "next poll (UTC+8)" in result.output and "2024-05-05 07:30" in result.output
    assert "2024-05-04 23:30" not in result.output


def test_fetch_names_each_sources_warnings_on_stderr_but_under_quiet(cli_env: Path,
                                                                     loopback_server: LoopbackServer) -> None:
    """A source's warnings (an item skipped for an oversized title, another outlet's article not stored over, a
    malformed feed read leniently) went nowhere: `fetch` printed the table and the failures only."""
    fixtures = [FixtureItem(f"g{n}", loopback_server.url(f"/a/{n}.html"), f"新闻{n}", long_body(n)) for n in range(2)]
    fixtures += [FixtureItem(f"long{n}", loopback_server.url(f"/l/{n}.html"), "长" * 3000, long_body(10 + n))
                 for n in range(7)]
    loopback_server.route("/feed.xml", body=rss(fixtures), content_type="application/rss+xml")
    assert runner.invoke(app, ["sources", "add", loopback_server.url("/feed.xml"), "--outlet", "测试台",
                               "--name", "长标题源"]).exit_code == 0

    result = runner.invoke(app, ["fetch"])
    assert result.exit_code == 0, result.output
    warned = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warned) == 6, result.stderr  # five named, one line one warning, and the count of the rest
    assert all("长标题源" in line for line in warned), warned
    assert sum("'long" in line and "skipped" in line for line in warned) == 5
    assert warned[-1].endswith("… and 2 more")
    assert not any("warning" in line for line in result.stdout.splitlines())

    quiet = runner.invoke(app, ["fetch", "--all", "-q"])
    assert quiet.exit_code == 0 and quiet.stderr == "", quiet.stderr
