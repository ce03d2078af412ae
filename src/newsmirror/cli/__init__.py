"""`newsmirror ...`: parses arguments and calls the stages; no logic of its own."""

from __future__ import annotations

import inspect
import json
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Annotated, Any, TypeVar

import typer
from rich.table import Table
from typer.core import TyperCommand, TyperGroup
from typer.models import DefaultPlaceholder

from newsmirror.cli.stopping import (
    STDOUT_CLOSED,
    PipeConsole,
    Terminated,
    die_of_sigterm,
    sigterm_as_interrupt,
    silence_stdout,
    stdout_gone,
)
from newsmirror.cli.terminal import PlainLastResort, plain, shown
from newsmirror.errors import INTERRUPTED_BEFORE_START, INTERRUPTED_EXIT, NewsmirrorError
from newsmirror.settings import default_store_location
from newsmirror.store import Store, as_stored, open_store, outlet_counts, spelling_shown
from newsmirror.store.changes import versions_shown
from newsmirror.text import times

app = typer.Typer(
    name="newsmirror",
    help="Mirror and archive Chinese-language news: ingest, extract, store, group, compare, publish, read.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
# emoji=False: stored text such as ":cn:" stays as written. Stored text itself goes through
# newsmirror.cli.terminal.shown / plain before it reaches either console.
# soft_wrap when not a terminal (cron mail, a log file, a pipe to grep): rich would break every
# message at 80 columns there, mid-sentence; tables keep their width either way.
# PipeConsole: a closed stdout (`| head`) ends the command as a closed `print` does (friendly_errors), not rich's way.
console = PipeConsole(emoji=False, soft_wrap=not sys.stdout.isatty())
err_console = PipeConsole(stderr=True, emoji=False, soft_wrap=not sys.stderr.isatty())

# A warning logged by a command that sets up no logging goes to stderr without control characters (terminal.py).
logging.lastResort = PlainLastResort()

F = TypeVar("F", bound=Callable[..., Any])

# The options several commands take are defined here once, with one help text each, so that `build --help` and
# `fetch --help` cannot say two things of one option (session 47: `--config` had two definitions and two helps);
# tests/test_cli_help.py checks that every command's option of a shared name reads the same.
DbOption = Annotated[
    str,
    typer.Option("--db", envvar="NEWSMIRROR_DB",
                 help="Store: a SQLite path, sqlite:PATH or postgresql://... (default ./data/newsmirror.sqlite)."),
]
# One settings file for every command: each reads the tables it needs (`fetch`, `recheck`, `sources add` the
# [fetch] table; `build` and `publish` the [publish] one; `run` and `worker --out` both).
ConfigOption = Annotated[
    str,
    typer.Option("--config", envvar="NEWSMIRROR_CONFIG",
                 help="TOML settings file: its \\[fetch] and \\[publish] tables (default ./newsmirror.toml when "
                      "present)."),
]
# Where `demo`, `build`, `run` write and `publish` pushes from (`worker --out` is its own option: given, it makes
# the worker run build jobs, so it takes no environment variable).
OutOption = Annotated[
    str,
    typer.Option("--out", envvar="NEWSMIRROR_OUT",
                 help="Output folder; each format goes to a subfolder (default ./out)."),
]
NoImagesOption = Annotated[
    bool,
    typer.Option("--no-images", help="Do not download images; they are dropped (captions kept), never hot-linked."),
]
AllSourcesOption = Annotated[
    bool,
    typer.Option("--all", help="Poll every enabled source, due or not."),
]
# Shared by `run`, `fetch`, `build`, `publish` and `recheck`, which an operator runs from cron: cron mails any
# output, so with it a run that went well prints nothing (no progress, no summary) and only what needs a person
# (warnings and errors on stderr) is mailed. The exit status does not depend on it.
QuietOption = Annotated[
    bool,
    typer.Option("--quiet", "-q",
                 help="Print only warnings and errors (on stderr): no progress, no summary; for cron, which mails any output."),
]


# The exit status of the commands cron runs (`fetch`, `run`, `recheck`, `publish`), one policy, said in each one's
# --help and in README's use section. A feed or a page that is down for a while is routine (it is retried, and backs
# off): a run in which only some failed did its job and exits 0, each failure named on stderr (cron mails it, also
# under --quiet), so `newsmirror run -q && newsmirror publish -q` does not stop publishing because one outlet is down.
# A run in which nothing worked (the network is down, every remote refused) exits 1, so a monitor or `&&` sees it.
EXIT_STATUS_HELP = ("Exit status: 0 when everything went, or when only some {units} failed (each is named on stderr, "
                    "with or without --quiet); 1 when every one failed or the command stopped on an error.")


def failed_of(failed: int, attempted: int, units: str, *, all_hint: str, some_note: str, stop: bool = True) -> bool:
    """Apply :data:`EXIT_STATUS_HELP` after a command has named each failure on stderr: some failed, a warning line
    with the count (the run goes on to exit 0); every one failed, an error (``friendly_errors`` prints it, exit 1).
    With ``stop=False`` the error line is printed here and True returned, for a command (`run`) that has a second
    count to say before it exits 1."""
    if not failed:
        return False
    attempted = max(attempted, failed)
    if failed >= attempted:
        if stop:
            raise NewsmirrorError(f"all {attempted} {units} failed; {all_hint}")
        err_console.print(f"[bold red]error:[/] all {attempted} {units} failed; {all_hint}",
                          highlight=False, soft_wrap=True)
        return True
    err_console.print(f"[yellow]warning:[/] {failed} of {attempted} {units} failed; {some_note}",
                      highlight=False, soft_wrap=True)
    return False


@contextmanager
def quiet_stdout(quiet: bool) -> Iterator[None]:
    """With ``quiet``, nothing the command prints on the console reaches stdout (err_console is untouched); the
    console is shared by every command run in this process (tests), so it is restored after."""
    was = console.quiet
    console.quiet = was or quiet
    try:
        yield
    finally:
        console.quiet = was


# How an interrupted command is resumed: by running it again, unless the interrupted work says otherwise
# (``resume_by``).
RESUME_AGAIN = "run the command again to resume."
RESUME = "newsmirror_resume"


def resume_by(interrupt: BaseException, how: str) -> None:
    """Make ``friendly_errors``' interrupted line say ``how`` the work is resumed, where running the command again is
    not the way to say (`stories group` stopped while comparing: the articles are grouped, and the line names the
    command that compares only what is left)."""
    setattr(interrupt, RESUME, how)


def friendly_errors(func: F) -> F:
    """Print a NewsmirrorError or a file system error as one line and exit 1, instead of a traceback. Every command
    runs in it (a test checks): how a command ends (an error, Ctrl-C, SIGTERM, its reader gone) is decided here."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            with sigterm_as_interrupt():  # `systemctl stop` or `kill` ends a command as Ctrl-C does
                result = func(*args, **kwargs)
                sys.stdout.flush()  # here, not at exit, so a reader that left (`| head`) is seen below
                return result
        except NewsmirrorError as exc:
            # soft_wrap: one line whatever the width, so a log file or `grep error:` gets the
            # whole message (rich wrapped it at 80 columns when stderr is not a terminal).
            err_console.print(f"[bold red]error:[/] {shown(exc)}", highlight=False, soft_wrap=True)
            raise typer.Exit(1) from None
        except OSError as exc:
            if isinstance(exc, BrokenPipeError) and stdout_gone():  # not a socket's: ours
                # `… | head` took what it wanted and left: end quietly, as a pipeline's writer does.
                silence_stdout()
                raise typer.Exit(STDOUT_CLOSED) from None
            # A file system refusal (not a directory, permission denied, disk full) is the
            # user's to fix, e.g. --out naming a file: say which path, not a traceback.
            where = " -> ".join(str(name) for name in (exc.filename, exc.filename2) if name)
            err_console.print(f"[bold red]error:[/] {shown(exc.strerror or str(exc))}" + (f": {shown(where)}" if where else ""),
                              highlight=False, soft_wrap=True)
            raise typer.Exit(1) from None
        except KeyboardInterrupt as exc:
            err_console.print(f"interrupted: everything stored so far is kept; {getattr(exc, RESUME, RESUME_AGAIN)}",
                              soft_wrap=True, highlight=False)
            if isinstance(exc, Terminated):
                die_of_sigterm()
            raise typer.Exit(INTERRUPTED_EXIT) from None

    return wrapper  # type: ignore[return-value]


def store_from(db: str | None, *, create: bool = False) -> Store:
    """The store of --db. Only commands that store new data (import, fetch, run, demo, sources
    add) pass ``create``: the others refuse a store that does not exist."""
    return open_store(db or default_store_location(), create=create)


def no_such_article(store: Store, article_id: str, hint: str) -> NewsmirrorError:
    """The error for an article id the store lacks; a story's id (both are 16 hex digits, a story's after an "s")
    gets the command that shows stories, not the article hint."""
    if store.get_story(article_id) is not None:
        return NewsmirrorError(f"{article_id!r} is a story's id, not an article's: "
                               f"`newsmirror stories show {article_id}` shows the story")
    return NewsmirrorError(f"no article with id {article_id!r}{hint}")


def unknown_outlet(store: Store, outlet: str) -> str | None:
    """What is wrong with an --outlet the store has no article of, else None: a typo, or the name in the other
    script (美國之音 for 美国之音), matched nothing and the command said only "no edits" or "nothing is due"."""
    if not outlet or store.count_articles(outlet):
        return None
    counts = outlet_counts(store)
    names = list(counts)  # most articles first
    # The spelling the reader's pages and `stories show` would take for it (one rule: spelling_shown).
    close = spelling_shown(outlet, counts)
    hint = (f"did you mean {close!r}?" if close != outlet else
            "outlets are named as `newsmirror stats` lists them: " + ", ".join(names[:8])
            + (f" and {len(names) - 8} more" if len(names) > 8 else "") if names else "the store holds no articles")
    return f"no articles of outlet {outlet!r} in the store; {hint}"


def known_outlet(store: Store, outlet: str) -> None:
    """Refuse an --outlet the store has no article of (:func:`unknown_outlet`)."""
    problem = unknown_outlet(store, outlet)
    if problem:
        raise NewsmirrorError(problem)


def stored_outlet(store: Store, outlet: str) -> str:
    """The store's spelling of an --outlet typed in the other script, with spaces or as an alias (``as_stored``, as
    the reader, the JSON API and `stories show --outlet` take it), refused when the store has no article of it. `search`
    took 德國之聲 for 德国之声 while `changes` and `recheck` refused it with "did you mean": one rule for every command."""
    outlet = as_stored(store, outlet)
    known_outlet(store, outlet)
    return outlet


# What each count of `stats` is, in the words of the other commands (the JSON keeps the keys).
STATS_LABELS = {
    "versions": "versions (every title and text kept)",
    "edited_articles": "edited articles (2+ versions: `newsmirror history ID`)",
    "sources": "sources (feeds followed)",
}


@app.command()
@friendly_errors
def stats(db: DbOption = "", as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Counts of articles, versions, sources and stories, per outlet and channel."""
    with store_from(db) as store:
        numbers = store.stats()
    if as_json:
        print(json.dumps(numbers, ensure_ascii=False, indent=2))
        return
    table = Table(title="newsmirror store")
    table.add_column("what")
    table.add_column("count", justify="right")
    for key, value in numbers.items():
        if not isinstance(value, dict):
            table.add_row(STATS_LABELS.get(key, key.replace("_", " ")), str(value))
    console.print(table)
    for key in ("by_outlet", "by_channel"):
        groups = numbers.get(key)
        what = key.removeprefix("by_")
        # A store of Jekyll archives has no channels: a table whose one row was "(none) 505" said nothing.
        if isinstance(groups, dict) and set(groups) - {""}:
            sub = Table(title=key.replace("_", " "))
            sub.add_column(what)
            sub.add_column("articles", justify="right")
            for name, count in groups.items():
                sub.add_row(shown(name) or f"(no {what})", str(count))
            console.print(sub)
        elif isinstance(groups, dict) and groups:
            console.print(f"by {what}: no article has one", highlight=False)


@app.command()
@friendly_errors
def show(
    article_id: Annotated[str, typer.Argument(help="Article id: the ID of the reader's /article/ID or of a published page's file name.")],
    db: DbOption = "",
    markdown: Annotated[bool, typer.Option("--markdown/--text", help="Print the body as Markdown or text.")] = False,
) -> None:
    """Print one stored article: metadata, then the clean body."""
    with store_from(db) as store:
        article = store.get_article(article_id)
        if article is None:
            raise no_such_article(store, article_id, ": an article's id is the ID of its address in the reader "
                                  "(/article/ID; search finds it, also /api/search) and of its static site page")
        versions = versions_shown(store, article_id)  # as the reader and `history` count them
    console.print(f"[bold]{shown(article.title)}[/]", highlight=False)
    meta = {
        "id": article.id, "outlet": article.outlet, "channel": article.channel,
        # In UTC+8, labelled, as `stories show`, `stories list`, `search` and the reader give it (an ISO time in
        # UTC, to the second, could name another day than the list the id came from).
        "published": times.stamp(article.published_at),
        "authors": ", ".join(article.authors), "editors": ", ".join(article.editors),
        "url": article.original_url, "script": article.script, "tags": ", ".join(article.tags),
        "images": str(len(article.images)), "versions": str(len(versions)),
    }
    for key, value in meta.items():
        if value:
            console.print(f"[dim]{key}:[/] {shown(value)}", highlight=False)
    console.print()
    body = article.body_markdown if markdown else article.body_text
    if markdown and not body:
        # Markdown is rendered here, where it is used, not at extraction time; imported only then:
        # the extraction package (trafilatura, numpy, bs4) costs ~0.4 s that the plain text does
        # not need.
        from newsmirror.extract.render import html_to_markdown

        body = html_to_markdown(article.body_html)
    print(plain(body))


def _apps(typer_app: typer.Typer) -> Iterator[typer.Typer]:
    """``typer_app`` and every command group below it, depth first."""
    yield typer_app
    for group in typer_app.registered_groups:
        if group.typer_instance is not None:
            yield from _apps(group.typer_instance)


def _commands(typer_app: typer.Typer) -> Iterator[Any]:
    """Every command of ``typer_app`` and of its groups (typer's ``CommandInfo``)."""
    for each_app in _apps(typer_app):
        yield from each_app.registered_commands


def _help_text(info: Any) -> str | None:
    """A command's help as written: its ``help=`` or its function's docstring."""
    return info.help or (info.callback.__doc__ if info.callback else None)


def flowing_help(typer_app: typer.Typer) -> None:
    """Give every command (and subcommand) its docstring with each paragraph on one line: typer (0.29) keeps a
    docstring's line breaks in every paragraph after the first, so `recheck --help` and every "Exit status" paragraph
    broke twice a line in a terminal narrower than the source's lines ("…daily in their" / "first" / "week, …"); the
    terminal wraps each paragraph itself. A paragraph starting with click's ``\b`` keeps its lines."""
    for info in _commands(typer_app):
        text = _help_text(info)
        if text:
            info.help = "\n\n".join(paragraph if paragraph.startswith("\b") else " ".join(paragraph.split())
                                     for paragraph in inspect.cleandoc(text).split("\n\n"))


def one_line_summaries(typer_app: typer.Typer) -> None:
    """Give every command (and subcommand) its docstring's first paragraph, on one line, as the
    summary of the commands list: typer's rich help keeps the docstring's line breaks there, so
    a summary written over two source lines broke mid-sentence in `newsmirror --help`."""
    for info in _commands(typer_app):
        text = _help_text(info)
        if info.short_help is None and text:
            info.short_help = " ".join(inspect.cleandoc(text).split("\n\n")[0].split())


# What `--help` shows after an option that takes a value: typer (0.29) shows the Python type (`--db <str>`,
# `--source <list[str]>`, `--limit <int range>`), and `<bool>` after every flag, `--help` included, as if each took a
# value. Here: a word by the parameter's name, else by its type (a list's word is its item's: the help says
# "repeatable"); nothing after a flag; an argument's own name in capitals (`ARTICLE_ID`, not `{article_id}`).
VALUE_WORDS = {
    "db": "STORE", "config": "FILE", "from_file": "FILE", "out": "DIR", "corpus": "DIR", "write_site": "DIR",
    "images": "DIR", "outlet": "NAME", "name": "NAME", "channel": "NAME", "branch": "NAME", "source": "ID",
    "article": "ID", "worker_id": "ID", "remote": "NAME=URL", "output_format": "FORMAT", "script": "SCRIPT",
    "kind": "KIND", "kinds": "KINDS", "base_url": "URL", "public_url": "URL", "host": "HOST", "port": "PORT",
    "admin_token": "TOKEN", "message": "TEXT", "plugins": "MODULE",
    "interval": "MINUTES", "lease": "SECONDS", "poll": "SECONDS",  # their help says the unit; the metavar too
}
TYPE_WORDS = (("int", "INTEGER"), ("float", "NUMBER"), ("path", "PATH"))  # in the type's name; else TEXT


def readable_metavar(param: Any, ctx: Any) -> None:
    """Set the metavar of one click parameter that has none (an explicit one, e.g. YYYY-MM-DD, is kept)."""
    if getattr(param, "param_type_name", "") == "argument" and hasattr(param, "display_type_rich"):
        param.display_type_rich = lambda ctx: None  # typer 0.29 shows `<list[str]>` beside it, whatever its metavar
    if getattr(param, "param_type_name", "") == "argument" and hasattr(param, "_usage_display_name"):
        # typer 0.29's usage line writes a required argument in braces (`show {ARTICLE_ID}`, `import {PATH}...`),
        # which reads as a set to choose from (argparse's `{a,b}`) or as braces to type; as click and most tools
        # write it: bare when required, in brackets when not.
        param._usage_display_name = lambda: (("{}" if param.required else "[{}]").format(param.metavar or (param.name or "").upper())
                                             + ("..." if param.nargs != 1 else ""))
    if param.metavar is not None:
        return
    if getattr(param, "param_type_name", "") == "argument":
        param.metavar = (param.name or "").upper()
    elif getattr(param, "is_flag", False) or getattr(param, "count", False):
        param.metavar = ""
    elif param.name in VALUE_WORDS:
        param.metavar = VALUE_WORDS[param.name]
    else:
        # click's type name ("integer range"), or typer 0.29's, which has no click type ("<int range>").
        kind = getattr(getattr(param, "type", None), "name", None)
        if kind is None and hasattr(param, "display_type"):
            kind = param.display_type(ctx)
        param.metavar = next((word for part, word in TYPE_WORDS if part in str(kind).lower()), "TEXT")


# typer (0.29) draws each help text in a table cell that rich ends with "…" when a line is too long for it, and two
# things made lines too long (session 47, every help at 60-200 columns): a word longer than a narrow cell (`worker
# --help` at 80 columns showed the default store as "./data/newsmirror.sq…"), and a line that fits but for the space
# after its last word when the line holds Chinese (rich's Text.rstrip_end counts characters, not cells: `search --help`
# at 90 columns read "(马朝旭 finds 馬朝旭)…", its ";" gone; `stories group --help` at 100, "report'… title"). Folded
# instead, a long word goes on over the next line and the trailing space is cut, never a character of the text.
def _folded(render: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(render)
    def folding(*args: Any, **kwargs: Any) -> Any:
        drawn = render(*args, **kwargs)
        from rich.text import Text

        for part in getattr(drawn, "renderables", [drawn]):  # a parameter's help is Columns of texts
            if isinstance(part, Text):
                part.overflow = "fold"
        return drawn

    return folding


@contextmanager
def _folding_help() -> Iterator[None]:
    """typer's help texts folded (see :func:`_folded`) while one command's help is drawn."""
    from typer import rich_utils

    saved = {name: getattr(rich_utils, name) for name in ("_make_rich_text", "_get_parameter_help")
             if hasattr(rich_utils, name)}
    for name, render in saved.items():
        setattr(rich_utils, name, _folded(render))
    try:
        yield
    finally:
        for name, render in saved.items():
            setattr(rich_utils, name, render)


class _ReadableHelp:
    """A click command whose `--help` reads as a new user types it: :func:`readable_metavar` on every parameter,
    ``--help`` and the completion options included (they are added after the command is made); no character of a
    help text lost to a narrow terminal (:func:`_folding_help`); and whose Ctrl-C while its command line is parsed
    ends as one before the command starts (:meth:`make_context`)."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        with _folding_help():
            super().format_help(ctx, formatter)  # type: ignore[misc]

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        # Parsing runs before friendly_errors is in place: click (and older typer: pyproject allows 0.12) says "Aborted!" and exits 1,
        # typer 0.29 exits 130 saying nothing. Said as `newsmirror.__main__` says a Ctrl-C while importing.
        try:
            return super().make_context(*args, **kwargs)  # type: ignore[misc]
        except KeyboardInterrupt:
            err_console.print(INTERRUPTED_BEFORE_START, highlight=False, soft_wrap=True)
            raise typer.Exit(INTERRUPTED_EXIT) from None

    def get_params(self, ctx: Any) -> list[Any]:
        params: list[Any] = super().get_params(ctx)  # type: ignore[misc]
        for param in params:
            readable_metavar(param, ctx)
        return params


class Command(_ReadableHelp, TyperCommand):
    """Every command's click class (:func:`readable_help`)."""


class Group(_ReadableHelp, TyperGroup):
    """Every command group's click class (:func:`readable_help`)."""


def readable_help(typer_app: typer.Typer) -> None:
    """Make :class:`Command` and :class:`Group` the click classes of every command and group that names none."""
    for each_app in _apps(typer_app):
        if each_app.info.cls in (None, TyperGroup) or isinstance(each_app.info.cls, DefaultPlaceholder):
            each_app.info.cls = Group
    for info in _commands(typer_app):
        if info.cls in (None, TyperCommand):
            info.cls = Command


def main() -> None:  # pragma: no cover - console entry
    sys.exit(app())


# Each area registers its commands on `app` when imported; this order is the order of `--help`.
from newsmirror.cli import (  # noqa: E402, F401, I001
    demo, publish, importing, fetch, stories, search, web, scaling, recheck,
)
from newsmirror.cli.examples import add_examples  # noqa: E402


one_line_summaries(app)
flowing_help(app)
readable_help(app)
add_examples(app)
