"""`newsmirror import`: existing archives into the store."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from newsmirror.cli import (
    DbOption,
    app,
    console,
    err_console,
    friendly_errors,
    store_from,
)
from newsmirror.cli.terminal import shown

# --- archives (import) ---

@app.command("import")
@friendly_errors
def import_archives(
    paths: Annotated[list[str], typer.Argument(metavar="PATH",
        help="Archive folders or files: page mirrors (pages/<channel>/<id>.md) and Jekyll feed archives "
             "(_posts/, archived/<date>/). Folders are searched recursively.")],
    db: DbOption = "",
    show_skipped: Annotated[bool, typer.Option("--show-skipped", help="List the files that are not articles.")] = False,
    max_file_size: Annotated[float, typer.Option(
        "--max-file-size", min=0.01, metavar="MB",
        help="Larger article files are refused unread (real articles are well under 1 MB).")] = 4.0,
) -> None:
    """Import existing archives into the store. Re-importing is safe: nothing is duplicated."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from newsmirror.jobs.importing import import_paths

    with store_from(db, create=True) as store, Progress(
        TextColumn("[bold]importing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("[dim]{task.description}"), console=err_console, transient=True,
    ) as progress:
        task = progress.add_task("", total=None)

        def advance(done: int, total: int, path: str) -> None:
            progress.update(task, completed=done, total=total, description=shown(path[-60:]))

        report = import_paths(store, paths, progress=advance, max_file_bytes=int(max_file_size * 1024 * 1024))
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
            console.print(f"[dim]skipped[/] {shown(result.path)}: {shown(result.reason)}", highlight=False,
                          soft_wrap=True)
    for result in report.failures:
        err_console.print(f"[red]failed[/] {shown(result.path)}: {shown(result.reason)}", highlight=False,
                          soft_wrap=True)
