"""`newsmirror ...`: parses arguments and calls the stages; no logic of its own."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from newsmirror.errors import NewsmirrorError
from newsmirror.settings import default_store_location
from newsmirror.store import Store, open_store

app = typer.Typer(
    name="newsmirror",
    help="Mirror and archive Chinese-language news: ingest, extract, store, group, compare, publish, read.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
console = Console()
err_console = Console(stderr=True)

F = TypeVar("F", bound=Callable[..., Any])

DbOption = Annotated[
    str,
    typer.Option("--db", envvar="NEWSMIRROR_DB",
                 help="Store: a SQLite path, sqlite:PATH or postgresql://... (default ./data/newsmirror.sqlite)."),
]


def friendly_errors(func: F) -> F:
    """Print a NewsmirrorError as one line and exit 1, instead of a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except NewsmirrorError as exc:
            err_console.print(f"[bold red]error:[/] {exc}")
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            err_console.print("interrupted: everything stored so far is kept; run the command again to resume.")
            raise typer.Exit(130) from None

    return wrapper  # type: ignore[return-value]


def store_from(db: str | None) -> Store:
    return open_store(db or default_store_location())


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
            table.add_row(key, str(value))
    console.print(table)
    for key in ("by_outlet", "by_channel"):
        groups = numbers.get(key)
        if isinstance(groups, dict) and groups:
            sub = Table(title=key.replace("_", " "))
            sub.add_column(key.removeprefix("by_"))
            sub.add_column("articles", justify="right")
            for name, count in groups.items():
                sub.add_row(name or "(none)", str(count))
            console.print(sub)


@app.command()
@friendly_errors
def show(
    article_id: Annotated[str, typer.Argument(help="Article id (from `stats`, the reader or a published page).")],
    db: DbOption = "",
    markdown: Annotated[bool, typer.Option("--markdown/--text", help="Print the body as Markdown or text.")] = False,
) -> None:
    """Print one stored article: metadata, then the clean body."""
    with store_from(db) as store:
        article = store.get_article(article_id)
        if article is None:
            raise NewsmirrorError(f"no article with id {article_id!r}; `newsmirror stats` shows what is stored")
        versions = store.versions(article_id)
    console.print(f"[bold]{article.title}[/]")
    meta = {
        "id": article.id, "outlet": article.outlet, "channel": article.channel,
        "published": article.published_at.isoformat() if article.published_at else "",
        "authors": ", ".join(article.authors), "editors": ", ".join(article.editors),
        "url": article.original_url, "script": article.script, "tags": ", ".join(article.tags),
        "images": str(len(article.images)), "versions": str(len(versions)),
    }
    for key, value in meta.items():
        if value:
            console.print(f"[dim]{key}:[/] {value}", highlight=False)
    console.print()
    print(article.body_markdown if markdown else article.body_text)


# --- publish ---
OutOption = Annotated[
    Path | None,
    typer.Option("--out", envvar="NEWSMIRROR_OUT",
                 help="Output folder; each format goes to a subfolder (default ./out)."),
]
FormatOption = Annotated[
    list[str] | None,
    typer.Option("--format", "-f", help="pagemirror, jekyll, site or all (repeatable; default all)."),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", help="Config file with a \\[publish] table (default $NEWSMIRROR_CONFIG or ./newsmirror.toml)."),
]


@app.command()
@friendly_errors
def build(
    db: DbOption = "",
    out: OutOption = None,
    output_format: FormatOption = None,
    script: Annotated[str | None, typer.Option(
        "--script", help="original, zh-Hans, zh-Hant, zh-TW or zh-HK (Taiwan/Hong Kong phrases too).")] = None,
    base_url: Annotated[str | None, typer.Option(
        "--base-url", help="Where the output is served; share links, QR codes, feeds and the sitemap use it.")] = None,
    no_images: Annotated[bool, typer.Option(
        "--no-images", help="Do not download images; they are dropped (captions kept), never hot-linked.")] = False,
    compare: Annotated[bool, typer.Option(
        "--compare/--no-compare", help="Show what each outlet reports on story pages (when stories are grouped).")] = True,
    config: ConfigOption = None,
) -> None:
    """Render the store as page-mirror Markdown, Jekyll posts and a static HTML site; only changes are written."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from newsmirror.jobs.building import build as run_build
    from newsmirror.jobs.building import default_comparer, load_publish_settings
    from newsmirror.publish.base import BuildOptions
    from newsmirror.settings import default_output_dir

    settings = load_publish_settings(config)
    options = BuildOptions(base_url=base_url if base_url is not None else settings.base_url,
                           script=script or settings.script, site_title=settings.site_title)
    out_dir = out or default_output_dir()
    with store_from(db) as store, Progress(
        "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=err_console, transient=True,
    ) as bar:
        task = bar.add_task("building", total=None)
        report = run_build(store, out_dir, output_format or ["all"], options, images=not no_images,
                           comparer=default_comparer() if compare else None,
                           progress=lambda done, total: bar.update(task, completed=done, total=total))
    table = Table(title=f"build into {out_dir} ({report.articles} articles, {report.stories} stories, "
                        f"{report.seconds:.1f}s)")
    for column in ("format", "written", "unchanged", "removed", "articles rendered", "articles skipped"):
        table.add_column(column, justify="right" if column != "format" else "left")
    for name, counts in report.formats.items():
        table.add_row(name, str(counts.written), str(counts.unchanged), str(counts.removed),
                      str(counts.rendered_inputs), str(counts.skipped_inputs))
    console.print(table)
    if not no_images:
        console.print(f"images: {report.images_fetched} downloaded, {report.images_failed} unavailable (dropped)")
    if not options.base_url:
        err_console.print("[yellow]note:[/] no --base-url: pages have no share link or QR code, feeds use relative links")
    for failure in report.failures[:20]:
        err_console.print(f"[red]failed:[/] {failure}")
    if report.failures:
        raise typer.Exit(1)


@app.command()
@friendly_errors
def publish(
    out: OutOption = None,
    output_format: FormatOption = None,
    remote: Annotated[list[str] | None, typer.Option(
        "--remote", "-r", help="NAME=URL of a git remote (repeatable); {format} and {part} are replaced.")] = None,
    split_by_month: Annotated[bool, typer.Option(
        "--split-by-month", help="One repository per month (URL must contain {part}: YYYY-MM or index).")] = False,
    message: Annotated[str, typer.Option("--message", "-m", help="Commit message.")] = "Update newsmirror output",
    branch: Annotated[str | None, typer.Option("--branch", help="Branch to push (default main).")] = None,
    config: ConfigOption = None,
) -> None:
    """Commit the built output to git and push it to every remote; a failing remote does not stop the others."""
    from newsmirror.jobs.building import load_publish_settings, parse_remotes
    from newsmirror.jobs.building import publish as run_publish
    from newsmirror.settings import default_output_dir

    settings = load_publish_settings(config)
    remotes = parse_remotes(remote) if remote else settings.remotes
    formats = output_format or ["all"]
    reports = run_publish(out or default_output_dir(), formats, remotes, message,
                          branch or settings.branch, split_by_month)
    table = Table(title="publish")
    for column in ("output", "commit", "remote", "result"):
        table.add_column(column)
    failed = 0
    for report in reports:
        commit = (report.commit[:10] + (" (new)" if report.committed else " (unchanged)")) if report.commit else "-"
        for result in report.results:
            failed += not result.ok
            status = "[green]ok[/]" if result.ok else f"[red]failed:[/] {result.message}"
            table.add_row(report.part, commit, f"{result.name} {result.url}", status)
    console.print(table)
    if failed:
        err_console.print(f"[red]{failed} push(es) failed[/]; the other remotes were updated")
        raise typer.Exit(1)


def main() -> None:  # pragma: no cover - console entry
    sys.exit(app())


# --- archives (import) ---

@app.command("import")
@friendly_errors
def import_archives(
    paths: Annotated[list[str], typer.Argument(metavar="PATH",
        help="Archive folders or files: page mirrors (pages/<channel>/<id>.md) and Jekyll feed archives "
             "(_posts/, archived/<date>/). Folders are searched recursively.")],
    db: DbOption = "",
    show_skipped: Annotated[bool, typer.Option("--show-skipped", help="List the files that are not articles.")] = False,
) -> None:
    """Import existing archives into the store. Re-importing is safe: nothing is duplicated."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from newsmirror.jobs.importing import import_paths

    with store_from(db) as store, Progress(
        TextColumn("[bold]importing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("[dim]{task.description}"), console=err_console, transient=True,
    ) as progress:
        task = progress.add_task("", total=None)

        def advance(done: int, total: int, path: str) -> None:
            progress.update(task, completed=done, total=total, description=path[-60:])

        report = import_paths(store, paths, progress=advance)
    counts = report.counts()
    table = Table(title="import")
    table.add_column("files")
    table.add_column("count", justify="right")
    for outcome, count in counts.items():
        table.add_row(outcome, str(count))
    table.add_row("[bold]articles imported[/]", f"[bold]{report.imported}[/]")
    console.print(table)
    if show_skipped:
        for result in report.skipped:
            console.print(f"[dim]skipped[/] {result.path}: {result.reason}", highlight=False, soft_wrap=True)
    for result in report.failures:
        err_console.print(f"[red]failed[/] {result.path}: {result.reason}", highlight=False, soft_wrap=True)
