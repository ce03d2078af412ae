"""`newsmirror ...`: parses arguments and calls the stages; no logic of its own."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
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


# --- stories ---
stories_app = typer.Typer(
    help="Group reports of the same event across outlets and scripts, and compare them sentence by sentence.",
    no_args_is_help=True,
)
app.add_typer(stories_app, name="stories")


@stories_app.command("group")
@friendly_errors
def stories_group(
    db: DbOption = "",
    window_days: Annotated[float, typer.Option(help="How far apart (days) two reports of one event may be.")] = 3.0,
    similarity: Annotated[float, typer.Option(help="Cosine similarity an article needs to join a story.")] = 0.28,
) -> None:
    """Assign every article that is in no story yet; run it after each import or fetch (idempotent)."""
    from datetime import timedelta

    from rich.progress import Progress

    from newsmirror.jobs.grouping import group_articles
    from newsmirror.stories.cluster import ClusterConfig

    config = ClusterConfig(window=timedelta(days=window_days), similarity=similarity)
    with store_from(db) as store, Progress(console=err_console, transient=True) as bar:
        task = bar.add_task("grouping", total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        report = group_articles(store, config, progress=advance)
    if not report.assigned:
        console.print("every article is already in a story")
        return
    console.print(
        f"grouped {report.assigned} articles in {report.seconds:.1f}s: {report.new_stories} new stories, "
        f"{report.joined} joined a story, {report.duplicates} republished copies"
        + (f" ({report.restored} earlier articles reloaded)" if report.restored else "")
    )


@stories_app.command("list")
@friendly_errors
def stories_list(
    db: DbOption = "",
    min_outlets: Annotated[int, typer.Option(help="Only stories reported by at least this many outlets.")] = 2,
    limit: Annotated[int, typer.Option(help="How many stories, newest first.")] = 30,
) -> None:
    """Stories, newest first, with their outlets and number of reports."""
    with store_from(db) as store:
        stories = store.list_stories(min_outlets=min_outlets, limit=limit)
        table = Table(title=f"stories reported by {min_outlets}+ outlets")
        for column in ("id", "title", "outlets", "reports", "copies"):
            table.add_column(column)
        for story in stories:
            members = store.story_members(story.id)
            outlets = []
            for member in members:
                article = store.get_article(member.article_id)
                if article is not None and article.outlet not in outlets:
                    outlets.append(article.outlet)
            copies = sum(m.role == "duplicate" for m in members)
            table.add_row(story.id, story.title, ", ".join(outlets), str(len(members) - copies), str(copies))
    console.print(table)


@stories_app.command("show")
@friendly_errors
def stories_show(
    story_id: Annotated[str, typer.Argument(help="Story id (from `newsmirror stories list`).")],
    db: DbOption = "",
) -> None:
    """The story's reports side by side: facts all report, facts some report, and what only one says."""
    from newsmirror.stories.stored import comparison_for, story_reports

    with store_from(db) as store:
        story = store.get_story(story_id)
        comparison = comparison_for(store, story_id)
        reports, copies = story_reports(store, story_id)
    console.print(f"[bold]{story.title if story else story_id}[/]")
    for article in reports:
        when = article.published_at.isoformat() if article.published_at else ""
        console.print(f"[dim]{article.outlet}[/] {article.title} {when} {article.original_url}", highlight=False)
    for article in copies:
        console.print(f"[dim]copy: {article.outlet}[/] {article.title}", highlight=False)

    def section(title: str, facts: list[Any]) -> None:
        if not facts:
            return
        table = Table(title=title, show_lines=True, expand=True)
        for outlet in comparison.outlets:
            table.add_column(outlet, ratio=1)
        for fact in facts:
            cells = []
            for outlet in comparison.outlets:
                texts = [s.text for s in fact.sentences if s.outlet == outlet]
                cell = "\n".join(texts)
                only = [term for term, who in fact.details.items() if outlet in who]
                if texts and only:
                    cell += f"\n[dim]details: {'、'.join(only)}[/]"
                cells.append(cell)
            table.add_row(*cells)
        console.print(table)

    section("reported by every outlet", comparison.shared)
    section("reported by some outlets", comparison.partial)
    section("reported by one outlet only", [f for o in comparison.outlets for f in comparison.unique.get(o, [])])


# --- web (reader) ---
@app.command()
@friendly_errors
def serve(
    db: DbOption = "",
    host: Annotated[str, typer.Option(help="Address to listen on. The default serves this machine only.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    admin_token: Annotated[
        str,
        typer.Option("--admin-token", envvar="NEWSMIRROR_ADMIN_TOKEN",
                     help="Enables admin actions (POST /api/admin/...) for requests with "
                          "'Authorization: Bearer TOKEN'. Without it the reader is read-only."),
    ] = "",
) -> None:
    """Run the reader: latest articles, outlets, channels, stories side by side, search in either
    script, a JSON API (/docs) and Atom feeds of any search (/search.atom?q=...)."""
    import uvicorn

    from newsmirror.web import create_app

    if host not in ("127.0.0.1", "localhost", "::1"):
        err_console.print(f"[yellow]warning:[/] listening on {host}: anyone who can reach it can read the store.")
    with store_from(db) as store:
        console.print(f"newsmirror reader on http://{host}:{port}/ (API docs at /docs); Ctrl-C stops it.")
        uvicorn.run(create_app(store, admin_token=admin_token or None), host=host, port=port,
                    log_level="warning")
