"""`newsmirror --help` reads as written: every summary in a commands list is one sentence on
one line when there is room, and no bracketed text of a help string is eaten as rich markup."""

from __future__ import annotations

import inspect
import re
from typing import Any

import typer
from typer.testing import CliRunner

from newsmirror.cli import app

WIDE = {"COLUMNS": "250"}  # room for every summary on one line


def _groups() -> list[tuple[list[str], Any]]:
    """(argument path, group) of the app and each of its command groups (typer's own click types)."""
    root: Any = typer.main.get_command(app)
    found: list[tuple[list[str], Any]] = [([], root)]
    for name, command in root.commands.items():
        if hasattr(command, "commands"):
            found.append(([name], command))
    return found


def test_every_command_summary_is_one_line_when_there_is_room() -> None:
    for path, group in _groups():
        listed = CliRunner().invoke(app, [*path, "--help"], env=WIDE)
        assert listed.exit_code == 0, listed.output
        commands_panel = listed.output.split("Commands")[1]
        for name in group.commands:
            # A summary that broke mid-sentence left a row with only a description under its command.
            row = next(line for line in commands_panel.splitlines() if re.match(rf"│ {re.escape(name)}\s", line))
            following = commands_panel.splitlines()[commands_panel.splitlines().index(row) + 1]
            assert re.match(r"│ \S", following) or following.startswith("╰"), (path, name, following)


def _help_texts(command: Any) -> list[str]:
    texts = [inspect.cleandoc(command.help or "")]
    texts += [param.help for param in command.params if getattr(param, "help", None)]
    return texts


def test_bracketed_words_in_help_are_shown() -> None:
    checked = 0
    for path, group in _groups():
        for name, command in group.commands.items():
            if hasattr(command, "commands"):
                continue
            shown = CliRunner().invoke(app, [*path, name, "--help"], env=WIDE).output
            flat = " ".join(shown.replace("│", " ").split())
            for text in _help_texts(command):
                # \[ is rich's escape for a literal bracket: what the reader must see is the bracket.
                for bracketed in re.findall(r"\[+[^\]\s]*\]+", text.replace("\\[", "[")):
                    checked += 1
                    assert bracketed in flat, (path, name, bracketed)
    assert checked >= 3  # [[source]], [fetch], [publish]


def test_no_help_sends_a_user_to_stats_for_an_article_id(tmp_path: Any) -> None:
    # `stats` prints counts, never an id: show and history had pointed there.
    db = str(tmp_path / "ids.sqlite")
    assert CliRunner().invoke(app, ["sources", "add", "https://feeds.example/a.xml", "--outlet", "示例",
                                    "--db", db]).exit_code == 0
    for args in (["show", "--help"], ["history", "--help"], ["show", "nosuch", "--db", db]):
        shown = CliRunner().invoke(app, args, env=WIDE).output
        assert "Article id" in shown or "no article" in shown, shown
        assert "stats" not in shown, (args, shown)


def test_summaries_say_what_a_command_does_by_default(tmp_path: Any) -> None:
    """`run` said "fetch → extract → store → publish" (it groups and builds, and never pushes: that is
    `publish`), `stories list` said "Stories" (by default only those of 2+ outlets, 30 of them), and
    `stories group` left out that it stores the comparisons."""
    def summary(*path: str) -> str:
        shown = CliRunner().invoke(app, [*path, "--help"], env=WIDE).output
        return " ".join(shown.split("╭")[0].split("Usage:")[1].split()[1:])

    assert "group" in summary("run") and "build" in summary("run") and "→ publish" not in summary("run")
    assert "2+ outlets" in summary("stories", "list") and "30" in summary("stories", "list")
    assert "comparison" in summary("stories", "group")
    for option in ("--script", "--base-url"):  # their defaults come from the config file
        assert "default" in next(line for line in CliRunner().invoke(app, ["build", "--help"], env=WIDE).output
                                 .splitlines() if option in line)


def test_stories_group_says_similarity_does_nothing_under_the_pair_model(tmp_path: Any) -> None:
    # --similarity was taken silently and changed nothing: the default pair model ignores it.
    db = f"sqlite:{tmp_path / 'empty.sqlite'}"
    assert CliRunner().invoke(app, ["sources", "add", "https://feeds.example/a.xml", "--outlet", "示例",
                                    "--db", db]).exit_code == 0
    done = CliRunner().invoke(app, ["stories", "group", "--similarity", "0.5", "--db", db])
    assert done.exit_code == 0 and "--similarity has no effect" in done.output, done.output
    shown = " ".join(CliRunner().invoke(app, ["stories", "group", "--help"], env=WIDE).output.replace("│", " ").split())
    assert "No effect on the default grouping" in shown and "ClusterConfig" not in shown  # a user's words (ux42)


def test_numbers_that_mean_nothing_are_refused_before_anything_runs() -> None:
    # `stories list --limit -1` listed every story and `recheck --limit 0` said "nothing is due": a count or a
    # look-back below what it can mean is refused with the option named, not read as something else.
    for args in (["stories", "list", "--limit", "-1"], ["stories", "list", "--min-outlets", "0"],
                 ["changes", "--limit", "0"], ["changes", "--days", "-3"], ["history", "x", "--context", "-1"],
                 ["recheck", "--limit", "0"], ["recheck", "--workers", "0"]):
        result = CliRunner().invoke(app, args, env=WIDE)
        assert result.exit_code == 2 and f"Invalid value for '{args[-2]}'" in result.output, (args, result.output)


def test_stories_group_refuses_a_window_of_no_days(tmp_path: Any) -> None:
    # `stories group --window-days -1` (or 0) ran and put every report in a story of its own, saying nothing; NaN
    # and inf failed inside grouping with a traceback. Refused before the store is opened, the option named.
    db = str(tmp_path / "never-created.sqlite")
    for value in ("0", "-1", "-0.5", "nan", "inf", "1e12"):
        result = CliRunner().invoke(app, ["stories", "group", "--window-days", value, "--db", db], env=WIDE)
        assert result.exit_code == 2 and "Invalid value for '--window-days'" in result.output, (value, result.output)
        assert "above 0" in result.output
    assert not (tmp_path / "never-created.sqlite").exists()
    assert "--window-days" in CliRunner().invoke(app, ["stories", "group", "--help"], env=WIDE).output


def test_stories_group_window_days_bounds_how_far_apart_one_events_reports_may_be(
        tmp_path: Any, monkeypatch: Any) -> None:
    """--window-days set ClusterConfig.window only: max_span stayed 3 days, so a value above 3 joined nothing further
    apart than the default, where its help says how far apart two reports of one event may be (docs80)."""
    from datetime import timedelta

    import newsmirror.jobs.grouping as grouping
    from newsmirror.model import Article
    from newsmirror.store import open_store

    used: list[Any] = []

    def capture(store: Any, config: Any, **kwargs: Any) -> Any:
        used.append(config)
        return grouping.GroupingReport()

    monkeypatch.setattr(grouping, "group_articles", capture)
    db = str(tmp_path / "s.sqlite")
    with open_store(db) as store:
        store.upsert_article(Article(outlet="甲报", title="标题", original_url="https://a.example/1", body_text="一段。"))
    for value, days in (("7", 7.0), ("1.5", 1.5)):
        result = CliRunner().invoke(app, ["stories", "group", "--window-days", value, "--db", db, "--no-compare"])
        assert result.exit_code == 0, result.output
        assert used[-1].window == used[-1].max_span == timedelta(days=days)
    helped = " ".join(CliRunner().invoke(app, ["stories", "group", "--help"], env=WIDE).output.replace("│", " ").split())
    assert "the most days a story spans from its first report" in helped and "This run only" in helped


def test_publish_says_where_remotes_and_branch_come_from_by_default() -> None:
    shown = " ".join(CliRunner().invoke(app, ["publish", "--help"], env=WIDE).output.replace("│", " ").split())
    assert "(default: the config's [publish.remotes])" in shown
    assert "Branch to push (default: the config's [publish] branch, else main)" in shown


PYTHON_TYPES = re.compile(r"<(?:bool|str|int|float|path|datetime|list\[)[^>]*>")


def test_every_help_names_values_in_words_and_shows_flags_as_flags() -> None:
    """typer showed the Python type after every option (`--db <str>`, `--source <list[str]>`, `--limit <int range>`),
    `<bool>` after every flag, `--help` included, as if each took a value, and an argument as `{article_id}`."""
    read = 0
    for path, group in _groups():
        pages = [[*path, "--help"]] + [[*path, name, "--help"] for name, command in group.commands.items()
                                       if not hasattr(command, "commands")]
        for args in pages:
            shown = CliRunner().invoke(app, args, env=WIDE).output
            read += 1
            assert not PYTHON_TYPES.search(shown), (args, PYTHON_TYPES.search(shown))
            assert re.search(r"--help\s+Show this message", shown), args
    assert read >= 27  # the app, its 2 groups and every command
    stats = CliRunner().invoke(app, ["stats", "--help"], env=WIDE).output
    assert re.search(r"│ --db\s+STORE\s+Store:", stats) and re.search(r"│ --json\s+Print JSON", stats)
    fetch = CliRunner().invoke(app, ["fetch", "--help"], env=WIDE).output
    assert re.search(r"--source\s+-s\s+ID\s+Only this source id", fetch)
    # The usage line writes a required argument bare, an optional one in brackets: typer 0.29 wrote `{ARTICLE_ID}`,
    # which reads as a set to choose from or braces to type (ux42).
    assert "Usage: newsmirror show [OPTIONS] ARTICLE_ID" in CliRunner().invoke(app, ["show", "--help"], env=WIDE).output
    assert "Usage: newsmirror import [OPTIONS] PATH..." in CliRunner().invoke(app, ["import", "--help"], env=WIDE).output
    assert "Usage: newsmirror sources add [OPTIONS] [URL]" in CliRunner().invoke(
        app, ["sources", "add", "--help"], env=WIDE).output
    for args, unit in ((["sources", "add"], r"--interval\s+MINUTES"), (["worker"], r"--lease\s+SECONDS")):
        assert re.search(unit, CliRunner().invoke(app, [*args, "--help"], env=WIDE).output), args


def test_every_help_paragraph_flows_in_a_narrow_terminal() -> None:
    """typer keeps a docstring's line breaks after its first paragraph: at 80 columns `recheck --help` broke twice a
    line ("…daily in their" / "first" / "week, …"), and so did every command's "Exit status" paragraph (ux42)."""
    shown = CliRunner().invoke(app, ["recheck", "--help"], env={"COLUMNS": "80"}).output
    paragraph = shown[shown.index("Young articles"):shown.index("are fetched.")].splitlines()
    assert len(paragraph) >= 4 and all(len(line.strip()) > 60 for line in paragraph[:-1]), paragraph
    for command in ("build", "fetch", "run", "publish"):
        shown = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "80"}).output
        status = shown[shown.index("Exit status"):shown.index("╭")].strip().splitlines()
        assert all(len(line.strip()) > 60 for line in status[:-1]), (command, status)


def _every_command() -> list[list[str]]:
    root: Any = typer.main.get_command(app)
    paths: list[list[str]] = [[]]
    for name, command in root.commands.items():
        paths.append([name])
        paths += [[name, sub] for sub in getattr(command, "commands", {})]
    return paths


def test_no_help_text_loses_a_character_in_any_terminal_width() -> None:
    """rich ends a line too long for its table cell with "…": `worker --help` at 80 columns showed the default store
    as "./data/newsmirror.sq…" (a word longer than the cell), and a line holding Chinese that fit but for the space
    after its last word lost its last character (rich counts that space in characters, not cells): `search --help` at
    90 columns read "(马朝旭 finds 馬朝旭)…", its ";" gone, and `stories group --help` at 100 "report'… title". Help
    texts are folded now (cli._folding_help). From 68 columns, where the option names still fit."""
    lost = []
    for width in (68, 77, 80, 86, 90, 100, 109, 121, 150):
        for path in _every_command():
            shown = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": str(width)}).output
            lost += [(width, " ".join(path), line.strip()) for line in shown.splitlines() if "…" in line]
    assert lost == [], lost[:5]
    at_90 = CliRunner().invoke(app, ["search", "--help"], env={"COLUMNS": "90"}).output
    assert "(马朝旭 finds 馬朝旭); several words must all occur" in " ".join(at_90.replace("│", " ").split())
    at_80 = CliRunner().invoke(app, ["worker", "--help"], env={"COLUMNS": "80"}).output
    assert "./data/newsmirror.sql" in at_80  # the rest of the word on the next line


def test_worker_help_names_the_job_kinds() -> None:
    # `--kinds` said "default: all known" and named none; only a wrong kind's error listed them.
    from newsmirror.jobs.worker import HANDLERS

    shown = " ".join(CliRunner().invoke(app, ["worker", "--help"], env=WIDE).output.replace("│", " ").split())
    named = shown[shown.index("--kinds"):shown.index("--once")]
    assert HANDLERS and all(kind in named for kind in HANDLERS), (sorted(HANDLERS), named)


def test_the_help_fold_leaves_typer_as_it_found_it(monkeypatch: Any) -> None:
    """cli._folding_help patches two private functions of typer.rich_utils while a help is drawn (review51, session
    47): they are typer's own again after a help and after a draw that fails; a renderer of another signature or
    result passes through; and a typer without them (renamed or removed: typer 0.12 spells the first
    `_make_rich_rext`) still prints the help, unfolded where they are missing."""
    import types

    from rich.columns import Columns
    from rich.markdown import Markdown
    from rich.text import Text
    from typer import rich_utils

    from newsmirror.cli import _folded, _folding_help

    names = ("_make_rich_text", "_get_parameter_help")
    own = {name: getattr(rich_utils, name) for name in names}
    assert CliRunner().invoke(app, ["worker", "--help"], env={"COLUMNS": "80"}).exit_code == 0
    assert {name: getattr(rich_utils, name) for name in names} == own
    try:
        with _folding_help():
            assert all(getattr(rich_utils, name) is not own[name] for name in names)
            raise RuntimeError("a draw that fails")
    except RuntimeError:
        pass
    assert {name: getattr(rich_utils, name) for name in names} == own

    # Whatever a renderer takes and gives: only the texts it gives are folded.
    text, markdown = Text("./data/newsmirror.sqlite"), Markdown("*a*")
    assert _folded(lambda *args, **kwargs: Columns([text, markdown]))(1, markup_mode="rich").renderables == [
        text, markdown] and text.overflow == "fold"
    assert _folded(lambda: markdown)() is markdown and _folded(lambda: None)() is None

    class Renamed(types.ModuleType):  # typer's rich_utils as `from typer import rich_utils` reads it, the two gone
        def __getattr__(self, name: str) -> Any:
            if name in names:
                raise AttributeError(name)
            return getattr(rich_utils, name)

    monkeypatch.setattr(typer, "rich_utils", Renamed("typer.rich_utils"))
    with _folding_help():
        pass
    shown = CliRunner().invoke(app, ["worker", "--help"], env={"COLUMNS": "80"})
    assert shown.exit_code == 0 and all(part in shown.output for part in ("Usage: newsmirror worker", "--kinds",
                                                                          "Show this message and"))


# Options whose name several commands give to different things: each command's own help says its own (a limit of
# stories is not a limit of re-checks). Every other option a name is shared by must read the same everywhere.
OWN_MEANING = {
    "--compare": "build shows the comparison; stories group computes and stores it",
    "--from": "migrate copies a store; sources add reads a file of sources",
    "--json": "each command prints its own JSON shape",
    "--limit": "of search results, of re-checks, of changes, of stories",
    "--outlet": "a filter in some commands, the name of a new source's outlet in others",
    "--script": "the script a site is built in; the script of a feed",
    "--workers": "extraction processes; parallel page fetches",
}
OWN_OPTION = {("worker", "--out"): "given, it makes the worker run build jobs, so it takes no environment variable"}


def _options_by_name() -> dict[str, dict[tuple[str, str], list[str]]]:
    """For each option name, the commands (by path) that take it, grouped by (help text, environment variable)."""
    found: dict[str, dict[tuple[str, str], list[str]]] = {}
    for path in _every_command():
        command: Any = typer.main.get_command(app)
        for name in path:
            command = command.commands[name]
        if hasattr(command, "commands"):
            continue
        for param in command.params:
            if getattr(param, "param_type_name", "") != "option" or (" ".join(path), param.opts[0]) in OWN_OPTION:
                continue
            said = (param.help or "", str(param.envvar or ""))
            found.setdefault(param.opts[0], {}).setdefault(said, []).append(" ".join(path))
    return found


def test_an_option_several_commands_share_reads_the_same_in_each() -> None:
    """`build --config` and `publish --config` said "Config file with a [publish] table (default $NEWSMIRROR_CONFIG
    …)" while `fetch`, `run`, `recheck`, `worker` said "TOML settings file with a [fetch] table" and showed the
    environment variable (session 47's left-over): one file, two descriptions. Shared options are defined once
    (newsmirror.cli: DbOption, ConfigOption, OutOption, QuietOption, …)."""
    options = _options_by_name()
    shared = {name: said for name, said in options.items() if sum(len(paths) for paths in said.values()) > 1}
    differing = {name: said for name, said in shared.items() if len(said) > 1 and name not in OWN_MEANING}
    assert differing == {}, differing
    config = shared["--config"]
    assert len(config) == 1 and sorted(next(iter(config.values()))) == sorted(
        ["build", "publish", "fetch", "run", "worker", "recheck", "sources add"])
    assert next(iter(config))[1] == "NEWSMIRROR_CONFIG" and "[publish]" in next(iter(config))[0]
    for name, at_least in (("--db", 20), ("--quiet", 5), ("--out", 4), ("--no-images", 2), ("--all", 2)):
        (commands,) = shared[name].values()
        assert len(commands) >= at_least, (name, commands)
    assert set(OWN_MEANING) <= set(shared), set(OWN_MEANING) - set(shared)  # the list keeps up with the commands
    # As a reader sees it: the same line in every command's --help.
    seen = set()
    for command in ("build", "publish", "fetch", "run", "recheck"):
        shown = CliRunner().invoke(app, [command, "--help"], env=WIDE).output
        (line,) = [row for row in shown.splitlines() if "--config" in row]
        seen.add(" ".join(line.split()))
    assert len(seen) == 1 and "[env var: NEWSMIRROR_CONFIG]" in seen.pop()
