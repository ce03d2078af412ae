"""`newsmirror sources ...`, `fetch` and `run`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from newsmirror.cli import (
    AllSourcesOption,
    ConfigOption,
    DbOption,
    OutOption,
    QuietOption,
    app,
    console,
    err_console,
    failed_of,
    friendly_errors,
    quiet_stdout,
    store_from,
)
from newsmirror.cli.publish import pages_as_they_went, say_build_warnings
from newsmirror.cli.terminal import plain, shown
from newsmirror.errors import NewsmirrorError
from newsmirror.store import Store
from newsmirror.text import times

# --- fetch: sources, live fetching, run ---
sources_app = typer.Typer(help="The feeds and pages newsmirror polls (stored in the store).", no_args_is_help=True)
app.add_typer(sources_app, name="sources")


def other_spellings(store: Store, new_sources: list[Any]) -> list[str]:
    """A warning for each new source whose outlet is an existing source's or the stored articles' outlet under another
    spelling (德國之聲 for 德国之声, "DW": ``store.outlet_key``). The two share copies of an article (the fetch job's
    overwrite check folds them, safety70), but listings, `stats`, the reader's menus and grouping's outlet count keep
    both names as two outlets; nothing told the operator, who can re-add the URL under the name already in use.
    A warning, not a refusal: the spelling is the operator's word. Sources being replaced (the same URL) do not count."""
    from newsmirror.store import outlet_key, outlet_names

    replaced = {source.url for source in new_sources}
    seen: dict[str, dict[str, str]] = {}  # key -> spelling -> who uses it (the first found)
    for name in outlet_names(store):
        seen.setdefault(outlet_key(name), {}).setdefault(name, "the stored articles use")
    for source in store.list_sources():
        if source.url not in replaced:
            seen.setdefault(outlet_key(source.outlet), {}).setdefault(source.outlet, f"source {source.url} uses")
    warnings: list[str] = []
    said: set[tuple[str, str]] = set()
    for source in new_sources:
        spellings = seen.setdefault(outlet_key(source.outlet), {})
        for other, where in spellings.items():
            if other != source.outlet and (source.outlet, other) not in said:
                said.add((source.outlet, other))
                warnings.append(
                    f"outlet {source.outlet!r} ({source.url}) is {other!r} spelled another way ({where} {other!r}): "
                    f"they share copies of an article, but listings, `stats` and the reader's outlet menu will show "
                    f"both names; to keep one, `newsmirror sources add {source.url} --outlet {other}` again")
        spellings.setdefault(source.outlet, f"source {source.url} uses")  # two spellings within one file, too
    return warnings


def _save_sources(store: Store, new_sources: list[Any]) -> tuple[int, int]:
    """Upsert sources, warning on stderr of an outlet spelled another way than in the store; (added, updated)."""
    for warning in other_spellings(store, new_sources):
        err_console.print(f"[yellow]warning:[/] {shown(warning)}", highlight=False, soft_wrap=True)
    known = {source.url: source for source in store.list_sources()}
    added = updated = 0
    for source in new_sources:
        existing = known.get(source.url)
        if existing is not None:
            source.id = existing.id  # keep the id (and its fetch state) of a URL already known
            updated += 1
        else:
            added += 1
        store.upsert_source(source)
    return added, updated


@sources_app.command("add")
@friendly_errors
def sources_add(
    url: Annotated[str, typer.Argument(help="Feed URL (or a page URL with --discover).")] = "",
    outlet: Annotated[str, typer.Option(help="Publication name, e.g. 法广 (required with a URL).")] = "",
    name: Annotated[str, typer.Option(help="Display name of this feed.")] = "",
    channel: Annotated[str, typer.Option(help="Channel/section the feed covers.")] = "",
    script: Annotated[str, typer.Option(help="The feed's script: zh-Hans, zh-Hant, en or und (not said); each article's own is "
                                                   "detected from its text.")] = "und",
    summary_only: Annotated[bool, typer.Option("--summary-only", help="Items carry only summaries: fetch every article page.")] = False,
    interval: Annotated[int, typer.Option(help="Minutes between polls.")] = 30,
    page: Annotated[bool, typer.Option("--page", help="A single article page to poll, not a feed.")] = False,
    discover: Annotated[bool, typer.Option("--discover", help="URL is a web page: find the feed it advertises.")] = False,
    defaults: Annotated[bool, typer.Option("--defaults", help="Add the packaged list of Chinese-language outlets' feeds.")] = False,
    from_file: Annotated[str, typer.Option("--from", help="Add every \\[\\[source]] table of a TOML file.")] = "",
    db: DbOption = "",
    config: ConfigOption = "",
) -> None:
    """Add (or update) sources: one URL, the default outlet list, or a TOML file's \\[\\[source]] tables."""
    from newsmirror.config import default_sources, load_config, parse_config, source_from_mapping
    from newsmirror.errors import ConfigError

    chosen = []
    if defaults:
        chosen.extend(default_sources())
    if from_file:
        try:
            text = open(from_file, encoding="utf-8").read()  # noqa: SIM115 - short read
        except OSError as exc:
            raise ConfigError(f"cannot read {from_file}: {exc.strerror or exc}") from exc
        chosen.extend(parse_config(text, from_file).sources)
    if url:
        if discover:
            from newsmirror.jobs.fetching import resolve_feed_url

            found = resolve_feed_url(url, load_config(config or None).fetch)
            console.print(f"found feed {shown(found)}", highlight=False)
            url = found
        chosen.append(source_from_mapping({
            "url": url, "outlet": outlet, "name": name, "channel": channel, "script": script,
            "full_text": not summary_only, "interval_minutes": interval, "kind": "page" if page else "feed",
        }, "source"))
    if not chosen:
        raise ConfigError("nothing to add: give a URL with --outlet, --defaults, or --from FILE.toml")
    with store_from(db, create=True) as store:
        added, updated = _save_sources(store, chosen)
    console.print(f"{added} source(s) added, {updated} updated")


NO_SOURCES = ("no sources yet; `newsmirror sources add --defaults` adds the packaged outlets' feeds, "
              "`newsmirror sources add URL --outlet NAME` one feed")


@sources_app.command("list")
@friendly_errors
def sources_list(db: DbOption = "",
                 as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Every source with its fetch state: failures in a row, last error, next poll."""
    with store_from(db) as store:
        rows = [(source, store.get_feed_state(source.id)) for source in store.list_sources()]
    if as_json:
        print(json.dumps([{
            "id": s.id, "url": s.url, "outlet": s.outlet, "name": s.name, "kind": s.kind, "channel": s.channel,
            "script": s.script, "enabled": s.enabled, "full_text": s.full_text, "interval_minutes": s.interval_minutes,
            "consecutive_failures": st.consecutive_failures, "last_error": st.last_error,
            "next_due_at": times.json_utc(st.next_due_at),
        } for s, st in rows], ensure_ascii=False, indent=2))
        return
    if not rows:  # "0 sources" over a table of headers only said nothing of what to do
        console.print(NO_SOURCES)
        return
    table = Table(title=f"{len(rows)} sources")
    for column in ("id", "outlet", "name", "url", "failures", f"next poll ({times.ZONE_LABEL})", "last error"):
        table.add_column(column, overflow="fold")
    for source, state in rows:
        table.add_row(shown(source.id), shown(source.outlet), shown(source.name) + ("" if source.enabled else " (disabled)"),
                      shown(source.url),
                      str(state.consecutive_failures or ""),
                      times.minute(state.next_due_at) or "now",  # in UTC+8, as every other view gives a time
                      shown(state.last_error[:80]))
    console.print(table)


@sources_app.command("remove")
@friendly_errors
def sources_remove(
    ids: Annotated[list[str], typer.Argument(help="Source ids or URLs (see `sources list`).")],
    db: DbOption = "",
) -> None:
    """Remove sources (their articles stay in the store)."""
    with store_from(db) as store:
        by_url = {source.url: source.id for source in store.list_sources()}
        missing = []
        for given in ids:
            if not store.remove_source(by_url.get(given, given)):
                missing.append(given)
    if missing:
        raise NewsmirrorError(f"no such source: {', '.join(missing)}; `newsmirror sources list` shows them")
    console.print(f"removed {len(ids)} source(s)")


@sources_app.command("import-opml")
@friendly_errors
def sources_import_opml(
    path: Annotated[str, typer.Argument(help="OPML file exported by a feed reader.")],
    outlet: Annotated[str, typer.Option(help="Outlet for feeds outside any folder and without a title.")] = "",
    db: DbOption = "",
) -> None:
    """Add the feeds of an OPML file; a feed's folder names its outlet."""
    from newsmirror.config import import_opml
    from newsmirror.errors import ConfigError

    try:
        data = open(path, "rb").read()  # noqa: SIM115 - short read
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from exc
    with store_from(db, create=True) as store:
        added, updated = _save_sources(store, import_opml(data, default_outlet=outlet))
    console.print(f"{added} source(s) added, {updated} updated")


@sources_app.command("export-opml")
@friendly_errors
def sources_export_opml(
    path: Annotated[str, typer.Argument(help="Where to write (default: standard output).")] = "",
    db: DbOption = "",
) -> None:
    """Write every source as OPML 2.0 (one folder per outlet) for other feed readers."""
    from newsmirror.config import export_opml

    with store_from(db) as store:
        text = export_opml(store.list_sources())
    if path:
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        err_console.print(f"wrote {path}")
    else:
        print(plain(text), end="")


def _fetch_with_progress(db: str, config: str, source_ids: list[str] | None, force: bool, quiet: bool = False) -> Any:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from newsmirror.config import load_config
    from newsmirror.jobs.fetching import FetchReport, SourceReport, fetch_sources

    settings = load_config(config or None).fetch
    finished: list[SourceReport] = []  # the sources polled so far, said when the run is stopped
    try:
        with store_from(db, create=True) as store, Progress(
            TextColumn("[bold]fetching"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            # Off a terminal a live bar draws nothing and left one empty line on stderr at its end: from cron, any
            # output is mailed, so every quiet fetch mailed an empty line.
            TextColumn("{task.description}"), console=err_console, transient=True,
            disable=quiet or not err_console.is_terminal,
        ) as progress:
            task = progress.add_task("", total=None)

            def advance(done: SourceReport) -> None:
                finished.append(done)
                progress.update(task, advance=1, description=shown(_short_name(done.source)))

            report = fetch_sources(
                store, settings, source_ids=source_ids or None, force=force,
                on_start=lambda total: progress.update(task, total=total), progress=advance,
            )
    except KeyboardInterrupt:
        # Ctrl-C or SIGTERM: what the sources polled before the stop stored is kept, and their failures happened; the
        # run said only "interrupted", so the operator learnt nothing of them (four of six in a walk).
        if finished:
            _print_fetch_report(FetchReport(sources=finished), quiet,
                                title=f"fetched before the stop ({len(finished)} source(s))")
        raise
    _print_fetch_report(report, quiet)
    return report


def _short_name(source: Any) -> str:
    """A source as a person knows it: its name, else its outlet (`sources add URL --outlet 法广` names no feed, and the
    fetch table and its failure lines showed only the bare id, 085d7480c5d8), else its id."""
    return str(source.name or source.outlet or source.id)


SHOWN_WARNINGS = 5  # a source's warnings named one a line, as its failed items are; the rest counted


def _print_fetch_report(report: Any, quiet: bool = False, title: str = "fetch summary") -> None:
    if not report.sources and not report.not_due:
        # A fresh store has no source at all: "0 source(s) not due yet" sent a new user to --all.
        console.print(f"nothing to fetch: {NO_SOURCES}")
        return
    if not report.sources:
        console.print(f"nothing to fetch: {report.not_due} source(s) not due yet "
                      "(`--all` polls them anyway; `sources add` adds some)")
        return
    table = Table(title=title)
    for column, justify in (("source", "left"), ("status", "left"), ("new", "right"), ("updated", "right"),
                            ("unchanged", "right"), ("failed", "right")):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for item in report.sources:
        status = item.status
        if item.status == "failed":
            status = f"[red]failed ×{item.consecutive_failures}[/]" + (" [yellow](backing off)[/]" if item.backing_off else "")
        elif item.every_item_failed:
            status = "[red]pages failed[/]"
        table.add_row(shown(_short_name(item.source)), status, str(item.new), str(item.updated),
                      str(item.unchanged), str(item.failed) if item.failed else "")
    # The failed column counts an answering feed's pages; a feed that did not answer fails none, so the total row
    # says how many sources failed (polish64: "failed 0" under two failed sources).
    failed_sources = len(report.failed_sources)
    table.add_row("[bold]total", f"[red]{failed_sources} of {len(report.sources)} failed[/]" if failed_sources else "",
                  *(f"[bold]{report.total(n)}" for n in ("new", "updated", "unchanged", "failed")))
    console.print(table)
    for item in report.sources:
        # Said as `recheck` and `publish` name theirs: what failed, then the source's name and id, then why.
        source = shown(f"{_short_name(item.source)} ({item.source.id})" if item.source.name or item.source.outlet
                       else item.source.id)
        if item.error:
            err_console.print(f"[red]fetch failed:[/] {source}: {shown(item.error)}", highlight=False, soft_wrap=True)
        elif item.every_item_failed:
            err_console.print(f"[red]fetch failed:[/] {source}: the feed answered, but all {item.failed} item(s) it "
                              "had to read failed (below); nothing new was stored", highlight=False, soft_wrap=True)
        for problem in item.item_errors[:5]:
            err_console.print(f"[yellow]item failed:[/] {source}: {shown(problem)}", highlight=False, soft_wrap=True)
        if not quiet:
            # What the feed did that was let go (an oversized item skipped, another outlet's article not stored over,
            # a malformed feed read leniently): the source was fetched, so not a failure, and not under --quiet
            # (a lenient feed would mail cron on every poll); the lines went nowhere before.
            for warning in item.warnings[:SHOWN_WARNINGS]:
                err_console.print(f"[yellow]warning:[/] {source}: {shown(warning)}", highlight=False, soft_wrap=True)
            if len(item.warnings) > SHOWN_WARNINGS:
                err_console.print(f"[yellow]warning:[/] {source}: … and {len(item.warnings) - SHOWN_WARNINGS} more",
                                  highlight=False)
    if report.not_due:
        console.print(f"{report.not_due} source(s) not due yet")


FAILED_SOURCES = "polled source(s)"


def _exit_as_the_sources_went(report: Any) -> None:
    """`fetch`'s and `run`'s status by the one policy (``EXIT_STATUS_HELP``); each failing source's error is already
    on stderr (``_print_fetch_report``)."""
    failed = report.failed_sources
    # The network is worth checking only when no failing source answered at all: after an HTTP 500 or a page that
    # is no feed, "check the network" sent the operator looking at a network that worked.
    network = "check the network; " if failed and all(item.unreachable for item in failed) else ""
    failed_of(len(failed), len(report.sources), FAILED_SOURCES,
              # The lines above, not `sources list` alone: a feed whose pages all failed answered, so it has no
              # last error there.
              all_hint=f"{network}the lines above say why each failed (`newsmirror sources list`: each "
                       "feed's last error)",
              some_note="the others were fetched (a failing feed is polled less often, never dropped)")


@app.command()
@friendly_errors
def fetch(
    source: Annotated[list[str] | None, typer.Option("--source", "-s", help="Only this source id (repeatable).")] = None,
    all_sources: AllSourcesOption = False,
    db: DbOption = "",
    config: ConfigOption = "",
    quiet: QuietOption = False,
) -> None:
    """Poll due sources: new and changed articles go to the store; failing feeds back off and are reported.

    Safe to interrupt at any moment: what is stored stays, and the next run resumes without duplicates.

    Exit status: 0 when everything went, or when only some polled source(s) failed (each is named on stderr, with or
    without --quiet); 1 when every one failed or the command stopped on an error.
    """
    with quiet_stdout(quiet):  # the summary table; a failing source's error is on stderr either way
        report = _fetch_with_progress(db, config, source, all_sources, quiet)
    _exit_as_the_sources_went(report)


@app.command()
@friendly_errors
def run(
    all_sources: AllSourcesOption = False,
    out: OutOption = "",
    db: DbOption = "",
    config: ConfigOption = "",
    quiet: QuietOption = False,
) -> None:
    """fetch → group → build: poll due sources, put new articles into stories and write every output
    into --out (only what changed); `newsmirror publish` pushes it to git remotes.

    Exit status: 0 when everything went, or when only some polled source(s) failed (each is named on stderr, with or
    without --quiet); 1 when every one failed or the command stopped on an error. Article pages that failed to
    render count as in `newsmirror build` (some: named, exit 0; every one: exit 1); when every source failed, what
    was stored before is still grouped and built.
    """

    from newsmirror.cli.progress import StageProgress
    from newsmirror.jobs.fetching import build_outputs
    from newsmirror.settings import default_output_dir

    with quiet_stdout(quiet):
        fetched = _fetch_with_progress(db, config, None, all_sources, quiet)
        # Grouping, comparing and building: phases of minutes after a big fetch, each with its bar.
        with store_from(db) as store, StageProgress("updating", err_console, quiet=quiet) as bar:
            update = build_outputs(store, Path(out) if out else default_output_dir(), config=config or None,
                                   progress=bar.phase)
        console.print(shown(update.summary(failures=False)))  # paths and failures are outside text: never markup
    say_build_warnings(update.build, update.base_url, quiet)  # as `build` says them
    # On stderr, as `build` says them: the summary above is not printed under -q. Both counts are said before the
    # run ends on either.
    every_page_failed = pages_as_they_went(update.build, stop=False)
    _exit_as_the_sources_went(fetched)
    if every_page_failed:
        raise typer.Exit(1)
