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
    failed_of,
    friendly_errors,
    store_from,
)
from newsmirror.cli.terminal import shown
from newsmirror.store.changes import history_hint

# --- archives (import) ---

# Files that repeat an article an earlier file of the run gave (shown when there are some): a duplicate is no edit
# (one article in two archives is one article); another title or text is one, kept as a version, and `stats` counts
# its article among the edited ones.
REPEATS = {"duplicate": "duplicate (an article of another file)",
           "merged": "edit (another title or text of an article, kept as a version)"}
# Shown with --reread (which makes them) or when there are some: the other rows say nothing of an unchanged article's
# date or links read again, so an operator could not tell whether the reread reached the stored articles.
REFRESHED = "refreshed (text unchanged; date, authors, images, links read again)"

@app.command("import")
@friendly_errors
def import_archives(
    paths: Annotated[list[str], typer.Argument(metavar="PATH",
        help="Archive folders or files: page mirrors (pages/<channel>/<id>.md) and Jekyll feed archives "
             "(_posts/, archived/<date>/). Folders are searched recursively.")],
    db: DbOption = "",
    show_skipped: Annotated[bool, typer.Option("--show-skipped", help="List the files that are not articles.")] = False,
    max_file_size: Annotated[float, typer.Option(
        "--max-file-size", min=0.01, metavar="MiB",
        help="Larger article files are refused unread, in MiB (1 MiB = 1,048,576 bytes; real articles are well "
             "under 1 MiB).")] = 4.0,
    reread: Annotated[bool, typer.Option(
        "--reread", help="Read every file again, even those imported before unchanged (after an extraction fix). An "
                         "article whose title and text are unchanged is refreshed in place from the file it was read "
                         "from: its date, authors, images and links as this version reads them; no new version, no "
                         "edit, its id and first sighting kept.")] = False,
    workers: Annotated[int | None, typer.Option(
        "--workers", min=0, help="Extraction processes (default: one per CPU; 0 or 1: in this process).")] = None,
) -> None:
    """Import existing archives into the store. Re-importing is safe: nothing is duplicated.

    Exit status: 0 when everything went, or when only some article file(s) failed (each is named on stderr); 1 when
    every one failed or the command stopped on an error.
    """
    from newsmirror.cli.progress import StageProgress
    from newsmirror.ingest.archives import MIB, check_paths_exist
    from newsmirror.jobs.importing import import_paths

    # Before the store is made: a mistyped path left an empty store behind (./data/newsmirror.sqlite, or the tables
    # of a PostgreSQL one), after which `stats` counted 0 articles instead of saying there is no store.
    check_paths_exist(paths)
    with store_from(db, create=True) as store, StageProgress("importing", err_console, unit="files") as progress:
        report = import_paths(store, paths, progress=progress.update, workers=workers, reread=reread,
                              max_file_bytes=int(max_file_size * MIB))
    counts = report.counts()
    table = Table(title="import")
    table.add_column("files")
    table.add_column("count", justify="right")
    for outcome, count in counts.items():
        if outcome == "refreshed":
            if count or reread:
                table.add_row(REFRESHED, str(count))
        elif count or outcome not in REPEATS:
            table.add_row(REPEATS.get(outcome, outcome), str(count))
    # new + updated + unchanged: each article once, so a fresh store's count is what `stats` says is stored. When the
    # store had some of them, say how many: a folder imported again said "articles imported 505" of 505 unchanged.
    before = report.imported - counts.get("new", 0)  # a new article's first file is "new", its others repeats
    label = f"articles imported ({counts.get('new', 0)} new, {before} already stored)" if before else "articles imported"
    table.add_row(f"[bold]{label}[/]", f"[bold]{report.imported}[/]")
    console.print(table)
    if report.edited:
        edited = len(report.edited)  # what `stats` counts as edited articles
        # The table counts edit files; an article edited twice is two files but one article, so say both when
        # they differ ("12" above and "8 articles edited" here read as two counts of one thing).
        files = counts.get("merged", 0)
        by = f" by {files} edit files" if files != edited else ""
        console.print(f"{edited} article{'s' if edited > 1 else ''} edited{by}, what changed: "
                      f"{history_hint(report.edited)}", highlight=False, soft_wrap=True)
    if show_skipped:
        for result in report.skipped:
            console.print(f"[dim]skipped[/] {shown(result.path)}: {shown(result.reason)}", highlight=False,
                          soft_wrap=True)
    for result in report.failures:
        err_console.print(f"[red]failed[/] {shown(result.path)}: {shown(result.reason)}", highlight=False,
                          soft_wrap=True)
    if report.warning:
        err_console.print(f"[yellow]warning:[/] {shown(report.warning)}", highlight=False, soft_wrap=True)
    # Every article file failed (a whole archive not UTF-8, a store refusing every write): exit 1, as the commands
    # cron runs do, so `newsmirror import DAY && newsmirror stories group` stops; it exited 0 after the table. A
    # names.csv that cannot be used is said above too, but its articles import: it is no article file that failed.
    failed = sum(result.kind != "names_table" for result in report.failures)
    failed_of(failed, report.article_files + failed, "article file(s)",
              all_hint="nothing was imported; the lines above say why each failed",
              some_note="the others were imported")
