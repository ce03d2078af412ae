"""`newsmirror worker` and `newsmirror migrate`."""

from __future__ import annotations

import logging
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from newsmirror.cli import (
    ConfigOption,
    DbOption,
    NoImagesOption,
    app,
    console,
    err_console,
    friendly_errors,
)
from newsmirror.cli.terminal import PlainFormatter, shown
from newsmirror.errors import NewsmirrorError, StoreError
from newsmirror.settings import default_store_location
from newsmirror.store import Store, open_store

# --- scaling: worker fleet and store migration ------------------------------------------------


@app.command()
@friendly_errors
def worker(
    db: DbOption = "",
    config: ConfigOption = "",
    concurrency: Annotated[int, typer.Option("--concurrency", "-c", min=1,
                                             help="Jobs run at once in this process.")] = 4,
    worker_id: Annotated[str, typer.Option("--id", help="Name in leases and logs (default HOST:PID).")] = "",
    kinds: Annotated[str, typer.Option("--kinds", help="Comma-separated job kinds to run: fetch, group, build, "
                                                       "recheck, or one a --plugin registers (default: all of them).")] = "",
    once: Annotated[bool, typer.Option("--once", help="Exit when nothing is due instead of waiting.")] = False,
    lease: Annotated[float, typer.Option("--lease", min=0.1,
                                         help="Seconds a claimed job stays ours without a heartbeat; "
                                              "a dead worker's jobs come free after this.")] = 300.0,
    per_host: Annotated[int, typer.Option("--per-host", min=0,
                                          help="Jobs per host at once across all workers (0: no limit).")] = 2,
    poll: Annotated[float, typer.Option("--poll", min=0.01, help="Seconds between claims when idle.")] = 2.0,
    schedule: Annotated[bool, typer.Option("--schedule/--no-schedule",
                                           help="Give every enabled source a fetch job if it has none (at start, then every 5 minutes).")] = True,
    out: Annotated[str, typer.Option("--out", help="Publish here: this worker also runs build jobs "
                                                   "(rendering what grouping changed). One such worker is enough.")] = "",
    no_images: NoImagesOption = False,
    plugins: Annotated[list[str] | None, typer.Option("--plugin",
                                                      help="Import this module first, so it can register job "
                                                           "handlers (repeatable).")] = None,
) -> None:
    """Run queued jobs (fetching, rechecking, ...) until stopped; start one per core and machine.

    All workers share the queue in the store. With PostgreSQL (--db postgresql://...) any number of workers on any number of machines split the work with no job run twice; a worker that dies loses nothing: its jobs return to the queue when their lease expires. SIGTERM or Ctrl-C finishes the running jobs and exits: fetch and re-check requests under way are cut, and what they did not reach (a source, the articles of a re-check batch) is due again at once.
    """
    import importlib
    from pathlib import Path

    from newsmirror.config import load_config
    from newsmirror.jobs.grouping import schedule_grouping
    from newsmirror.jobs.worker import (
        BUILD_KEY,
        BUILD_KIND,
        HANDLERS,
        BuildSettings,
        Worker,
        WorkerOptions,
        configure_building,
        configure_fetching,
        schedule_sources,
    )

    logging.basicConfig(level=logging.INFO, handlers=[log_handler(err_console)])
    # httpx says every request at INFO ("HTTP Request: GET … 200 OK"): one line a feed, page and robots.txt, among
    # which a fleet's operator looked for the failures (each named by its job: jobs.worker). Its warnings stay.
    for chatty in ("httpx", "httpcore"):
        logging.getLogger(chatty).setLevel(logging.WARNING)
    for module in plugins or []:
        try:
            importlib.import_module(module)
        except ImportError as exc:
            raise NewsmirrorError(f"cannot import plugin module {module!r}: {exc}") from exc
    configure_fetching(load_config(config or None).fetch)
    location = db or default_store_location()
    # Its build jobs read the [publish] table of the file --config names, as its fetch jobs read [fetch] there.
    configure_building(BuildSettings(Path(out), images=not no_images, config=config or None) if out else None)
    wanted = [k.strip() for k in kinds.split(",") if k.strip()]
    if not wanted and not out:
        wanted = sorted(k for k in HANDLERS if k != BUILD_KIND)  # only a worker with --out publishes
    options = WorkerOptions(
        kinds=wanted or None, concurrency=concurrency,
        lease_seconds=lease, per_host_limit=per_host or None, poll_seconds=poll, once=once,
    )
    if worker_id:
        options.worker_id = worker_id
    with open_store(location, create=False) as store:
        added = schedule_sources(store) if schedule else 0
        if schedule:
            schedule_grouping(store)
        if out:
            # A build at start: only a grouping that changes stories queues one, so a worker given a new --out (a
            # store just migrated, everything grouped) wrote nothing until a new article came. Up to date, a build
            # writes nothing.
            store.enqueue_job(BUILD_KIND, BUILD_KEY)
    if added:
        err_console.print(f"scheduled {added} source(s) for fetching")
    # Sources added while the fleet runs get their fetch job within a few minutes.
    runner = Worker(lambda: open_store(location, create=False), options,
                    periodic=[(300.0, schedule_sources)] if schedule else None)
    runner.install_signal_handlers()
    err_console.print(f"worker {options.worker_id}: running {', '.join(runner.kinds)} jobs, {concurrency} at a time")
    report = runner.run()
    err_console.print(
        f"worker {options.worker_id}: {report.completed} done, {report.failed} to retry, "
        f"{report.given_up} given up, {report.lost} lost to other workers"
    )
    if report.idle_reason:
        err_console.print(f"  last idle: {shown(report.idle_reason)}", highlight=False)
    for error in report.errors:
        err_console.print(f"  [dim]{shown(error)}[/]", highlight=False)


def log_handler(console: Console) -> logging.Handler:
    """The worker's log lines: Rich's handler on ``console``, each line :func:`plain` text (:class:`PlainFormatter`)."""
    from rich.logging import RichHandler

    handler = RichHandler(console=console, show_path=False)
    handler.setFormatter(PlainFormatter("%(message)s"))
    return handler


def _opened(location: str, option: str, *, create: bool = True) -> Store:
    """The store ``option`` names; the store layer's errors say --db, the option of every other command."""
    try:
        return open_store(location, create=create)
    except StoreError as exc:
        raise StoreError(str(exc).replace("--db (or NEWSMIRROR_DB)", option)) from None


@app.command()
@friendly_errors
def migrate(
    source: Annotated[str, typer.Option("--from", metavar="STORE",
                                                   help="Store to copy: a SQLite path, sqlite:PATH or postgresql://...")],
    destination: Annotated[str, typer.Option("--to", metavar="STORE",
                                                       help="Empty store to fill, e.g. postgresql://user@host/db.")],
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Rows per copy batch.")] = 2000,
    resume: Annotated[bool, typer.Option("--resume", help="Continue an interrupted migration into the same "
                                                          "destination: copied rows are kept, the rest is added.")] = False,
) -> None:
    """Copy every article, version, source, story and job into another store, then check every table's row count.

    The destination must be empty (or, with --resume, hold an interrupted migration of the same source); search indexes are rebuilt there, then VACUUM ANALYZE. Stop workers writing to the source first.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from newsmirror.jobs.migrate import migrate as copy_store

    with _opened(source, "--from", create=False) as origin, _opened(destination, "--to") as target, Progress(
        TextColumn("{task.description:<16}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=err_console,
    ) as bar:
        tasks: dict[str, Any] = {}

        def advance(table: str, done: int, total: int) -> None:
            if table not in tasks:
                tasks[table] = bar.add_task(table, total=total)
            bar.update(tasks[table], completed=done)

        report = copy_store(origin, target, batch_size=batch_size, progress=advance, resume=resume)
    table = Table(title="rows per table")
    table.add_column("table")
    table.add_column("source", justify="right")
    table.add_column("destination", justify="right")
    for count in report.counts:
        table.add_row(count.table, str(count.source), str(count.destination))
    console.print(table)
    console.print("[green]migration complete: every count matches[/]")
