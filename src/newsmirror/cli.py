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
    paths: Annotated[list[str], typer.Argument(
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


# --- recheck: edit and deletion tracking ---
_OUTCOME_STYLE = {"edited": "yellow", "deleted": "bold red", "restored": "green", "error": "dim red"}


@app.command()
@friendly_errors
def recheck(
    db: DbOption = "",
    config: Annotated[str, typer.Option("--config", envvar="NEWSMIRROR_CONFIG",
                                        help="TOML config whose [fetch] table sets politeness and limits.")] = "",
    limit: Annotated[int, typer.Option(help="At most this many articles in this run (most overdue first).")] = 200,
    outlet: Annotated[str, typer.Option(help="Only articles of this outlet.")] = "",
    article: Annotated[list[str] | None, typer.Option(
        "--article", help="Check this article id now, whatever its schedule (repeatable).")] = None,
    workers: Annotated[int, typer.Option(help="Pages fetched at the same time (per-host limits still hold).")] = 8,
) -> None:
    """Re-fetch stored articles that are due and record edits, takedowns and restorations.

    Young articles are checked every 30 minutes on their first day, daily in their first
    week, weekly until two months, then monthly; an edit or takedown makes an article
    young again. A conditional GET (ETag / Last-Modified) keeps unchanged pages cheap.
    Every version is kept; `newsmirror changes` lists what changed, `newsmirror history ID`
    shows the diffs. Run it from cron or a timer as often as you like: only due articles
    are fetched.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from newsmirror.config import load_config
    from newsmirror.fetch import Fetcher
    from newsmirror.jobs.recheck import CheckReport, due_now
    from newsmirror.jobs.recheck import recheck as run_recheck
    from newsmirror.model import utcnow
    from newsmirror.store.changes import CheckOutcome

    settings = load_config(config or None).fetch
    now = utcnow()
    with store_from(db) as store, Fetcher(settings) as fetcher:
        due = (due_now(store, article) if article else
               store.due_checks(now, limit=limit, outlet=outlet or None))
        if not due:
            console.print("nothing is due for a re-check.")
            return
        with Progress(TextColumn("re-checking"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                      console=err_console, transient=True) as progress:
            task = progress.add_task("recheck", total=len(due))

            def advance(report: CheckReport) -> None:
                progress.advance(task)

            summary = run_recheck(store, fetcher, due, now=now, workers=workers, on_report=advance)
    counts = summary.counts
    checked = len(summary.reports)
    table = Table(title=f"re-checked {checked} article{'' if checked == 1 else 's'} in {summary.elapsed_seconds:.1f}s")
    table.add_column("outcome")
    table.add_column("articles", justify="right")
    for outcome in CheckOutcome:
        if counts.get(outcome):
            table.add_row(outcome.value, str(counts[outcome]))
    console.print(table)
    notable = [r for r in summary.reports if r.outcome.value in _OUTCOME_STYLE]
    if notable:
        changes = Table(title="changes and failures")
        for name in ("outcome", "outlet", "title", "detail", "id"):
            changes.add_column(name, overflow="fold")
        for report in notable[:100]:
            style = _OUTCOME_STYLE[report.outcome.value]
            changes.add_row(f"[{style}]{report.outcome.value}[/]", report.outlet, report.title[:40],
                            report.detail[:80], report.article_id)
        console.print(changes)


@app.command()
@friendly_errors
def changes(
    db: DbOption = "",
    kind: Annotated[str, typer.Option(
        help="edited, deleted, restored, or all.")] = "all",
    outlet: Annotated[str, typer.Option(help="Only this outlet.")] = "",
    days: Annotated[float, typer.Option(help="Look back this many days (0: all time).")] = 30,
    limit: Annotated[int, typer.Option(help="At most this many entries.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List recently edited and taken-down articles, and counts per outlet."""
    from datetime import timedelta

    from newsmirror.model import utcnow
    from newsmirror.store.changes import EventKind

    if kind == "all":
        kinds = list(EventKind)
    else:
        try:
            kinds = [EventKind(kind)]
        except ValueError:
            raise NewsmirrorError(f"unknown --kind {kind!r}: use edited, deleted, restored or all") from None
    since = utcnow() - timedelta(days=days) if days > 0 else None
    with store_from(db) as store:
        entries = store.recent_changes(kinds, outlet=outlet or None, since=since, limit=limit)
        counts = store.change_counts(since)
    if as_json:
        print(json.dumps({
            "counts": counts,
            "changes": [{"article_id": e.event.article_id, "kind": e.event.kind.value,
                         "seen_at": e.event.seen_at.isoformat(), "version": e.event.version,
                         "detail": e.event.detail, "outlet": e.outlet, "title": e.title, "url": e.url,
                         "status": e.status} for e in entries],
        }, ensure_ascii=False, indent=2))
        return
    per_outlet = Table(title="per outlet" + (f" (last {days:g} days)" if since else ""))
    for name in ("outlet", "edited", "deleted", "restored", "deleted now"):
        per_outlet.add_column(name, justify="left" if name == "outlet" else "right")
    for name, numbers in sorted(counts.items(), key=lambda item: -sum(item[1].values())):
        if outlet and name != outlet:
            continue
        per_outlet.add_row(name, *(str(numbers.get(k, 0)) for k in ("edited", "deleted", "restored", "deleted_now")))
    console.print(per_outlet)
    if not entries:
        console.print("no edits or takedowns recorded" + (" in that time." if since else "."))
        return
    listing = Table(title="latest changes")
    for name in ("when (UTC)", "what", "outlet", "title", "detail", "id"):
        listing.add_column(name, overflow="fold")
    for entry in entries:
        style = _OUTCOME_STYLE[entry.event.kind.value]
        listing.add_row(f"{entry.event.seen_at:%Y-%m-%d %H:%M}", f"[{style}]{entry.event.kind.value}[/]",
                        entry.outlet, entry.title[:40], entry.event.detail[:80], entry.event.article_id)
    console.print(listing)


@app.command()
@friendly_errors
def history(
    article_id: Annotated[str, typer.Argument(help="Article id (from `changes`, `stats` or the reader).")],
    db: DbOption = "",
    context: Annotated[int, typer.Option(help="Unchanged paragraphs shown around each change.")] = 1,
) -> None:
    """Show every version of an article with what changed, and when it was taken down or restored."""
    from newsmirror.store.changes import history as article_history

    with store_from(db) as store:
        article = store.get_article(article_id)
        if article is None:
            raise NewsmirrorError(f"no article with id {article_id!r}; `newsmirror changes` lists edited ones")
        items = article_history(store.versions(article_id), store.article_events(article_id))
        check = store.get_check_state(article_id)
    console.print(f"[bold]{article.title}[/]  [dim]{article.outlet} · {article.original_url}[/]", highlight=False)
    if check.last_checked_at and check.next_check_at:
        console.print(f"[dim]last checked {check.last_checked_at:%Y-%m-%d %H:%M} UTC ({check.last_outcome}),"
                      f" next check {check.next_check_at:%Y-%m-%d %H:%M} UTC[/]")
    for item in items:
        when = f"{item.at:%Y-%m-%d %H:%M}"
        if item.kind == "first_seen" and item.version:
            console.print(f"\n[bold]v{item.version.number}[/] first seen {when}")
        elif item.kind == "edited" and item.version and item.diff:
            console.print(f"\n[bold yellow]v{item.version.number}[/] edited {when}: {item.detail}", highlight=False)
            print(item.diff.to_text(context))
        else:
            style = _OUTCOME_STYLE.get(item.kind, "")
            console.print(f"\n[{style}]{item.kind}[/] {when}: {item.detail}", highlight=False)
