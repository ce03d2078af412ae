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


# --- demo: the offline main job ---
@app.command()
@friendly_errors
def demo(
    corpus: Annotated[Path | None, typer.Option(
        "--corpus", help="Archives to import (page-mirror and Jekyll folders). Default: ../shared/corpus.")] = None,
    db: DbOption = "",
    out: Annotated[Path | None, typer.Option("--out", envvar="NEWSMIRROR_OUT",
                                             help="Output folder (default ./out).")] = None,
) -> None:
    """Offline demo on the embedded SQLite store: import existing archives, group the same story
    across outlets and scripts, and build the page mirror, the Jekyll posts and the HTML site."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress

    from newsmirror.jobs.update import run_demo
    from newsmirror.settings import default_output_dir

    source = corpus or Path("..") / "shared" / "corpus"
    if not source.exists():
        raise NewsmirrorError(
            f"no archives at {source}: pass --corpus PATH (a folder of page-mirror pages/ or Jekyll _posts/)"
        )
    out_dir = out or default_output_dir()
    with store_from(db) as store, Progress(
        "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
        console=err_console, transient=True,
    ) as bar:
        importing = bar.add_task("importing", total=None)
        building = bar.add_task("building", total=None, visible=False)

        def on_build(done: int, total: int) -> None:
            bar.update(building, completed=done, total=total, visible=True)

        report = run_demo(store, source, out_dir,
                          import_progress=lambda d, t, _path: bar.update(importing, completed=d, total=t),
                          build_progress=on_build)
        stories = store.list_stories(min_outlets=2, limit=5)
    console.print(report.summary(), highlight=False)
    if stories:
        console.print("stories reported by several outlets (newest first):")
        for story in stories:
            console.print(f"  {story.id}  {story.title}  ({len(story.article_ids)} reports)", highlight=False)
    console.print(
        f"next: open {out_dir / 'site' / 'index.html'}, or run `newsmirror serve` and visit http://127.0.0.1:8000/"
    )


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
PublishConfigOption = Annotated[
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
    config: PublishConfigOption = None,
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
    config: PublishConfigOption = None,
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


# --- fetch: sources, live fetching, run ---
sources_app = typer.Typer(help="The feeds and pages newsmirror polls (stored in the store).", no_args_is_help=True)
app.add_typer(sources_app, name="sources")

ConfigOption = Annotated[
    str,
    typer.Option("--config", envvar="NEWSMIRROR_CONFIG",
                 help="TOML settings file with a \\[fetch] table (default ./newsmirror.toml when present)."),
]


def _save_sources(store: Store, new_sources: list[Any]) -> tuple[int, int]:
    """Upsert sources; (added, updated)."""
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
    script: Annotated[str, typer.Option(help="zh-Hans, zh-Hant, en or und.")] = "und",
    summary_only: Annotated[bool, typer.Option("--summary-only", help="Items carry only summaries: fetch every article page.")] = False,
    interval: Annotated[int, typer.Option(help="Minutes between polls.")] = 30,
    page: Annotated[bool, typer.Option("--page", help="A single article page to poll, not a feed.")] = False,
    discover: Annotated[bool, typer.Option("--discover", help="URL is a web page: find the feed it advertises.")] = False,
    defaults: Annotated[bool, typer.Option("--defaults", help="Add the packaged list of Chinese-language outlets' feeds.")] = False,
    from_file: Annotated[str, typer.Option("--from", help="Add every [[source]] of a TOML file.")] = "",
    db: DbOption = "",
    config: ConfigOption = "",
) -> None:
    """Add (or update) sources: one URL, the default outlet list, or a TOML file's [[source]] tables."""
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
            console.print(f"found feed {found}")
            url = found
        chosen.append(source_from_mapping({
            "url": url, "outlet": outlet, "name": name, "channel": channel, "script": script,
            "full_text": not summary_only, "interval_minutes": interval, "kind": "page" if page else "feed",
        }, "source"))
    if not chosen:
        raise ConfigError("nothing to add: give a URL with --outlet, --defaults, or --from FILE.toml")
    with store_from(db) as store:
        added, updated = _save_sources(store, chosen)
    console.print(f"{added} source(s) added, {updated} updated")


@sources_app.command("list")
@friendly_errors
def sources_list(db: DbOption = "",
                 as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Every source with its fetch state: failures in a row, last error, next poll."""
    from datetime import UTC

    with store_from(db) as store:
        rows = [(source, store.get_feed_state(source.id)) for source in store.list_sources()]
    if as_json:
        print(json.dumps([{
            "id": s.id, "url": s.url, "outlet": s.outlet, "name": s.name, "kind": s.kind, "channel": s.channel,
            "script": s.script, "enabled": s.enabled, "full_text": s.full_text, "interval_minutes": s.interval_minutes,
            "consecutive_failures": st.consecutive_failures, "last_error": st.last_error,
            "next_due_at": st.next_due_at.isoformat() if st.next_due_at else None,
        } for s, st in rows], ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{len(rows)} sources")
    for column in ("id", "outlet", "name", "url", "failures", "next poll (UTC)", "last error"):
        table.add_column(column, overflow="fold")
    for source, state in rows:
        table.add_row(source.id, source.outlet, source.name + ("" if source.enabled else " (disabled)"), source.url,
                      str(state.consecutive_failures or ""),
                      state.next_due_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M") if state.next_due_at else "now",
                      state.last_error[:80])
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
    with store_from(db) as store:
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
        print(text, end="")


def _fetch_with_progress(db: str, config: str, source_ids: list[str] | None, force: bool) -> Any:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from newsmirror.config import load_config
    from newsmirror.jobs.fetching import fetch_sources

    settings = load_config(config or None).fetch
    with store_from(db) as store, Progress(
        TextColumn("[bold]fetching"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.description}"), console=err_console, transient=True,
    ) as progress:
        task = progress.add_task("", total=None)
        report = fetch_sources(
            store, settings, source_ids=source_ids or None, force=force,
            on_start=lambda total: progress.update(task, total=total),
            progress=lambda done: progress.update(task, advance=1, description=done.source.name or done.source.id),
        )
    _print_fetch_report(report)
    return report


def _print_fetch_report(report: Any) -> None:
    if not report.sources:
        console.print(f"nothing to fetch: {report.not_due} source(s) not due yet "
                      "(`--all` polls them anyway; `sources add` adds some)")
        return
    table = Table(title="fetch summary")
    for column, justify in (("source", "left"), ("status", "left"), ("new", "right"), ("updated", "right"),
                            ("unchanged", "right"), ("failed", "right")):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for item in report.sources:
        status = item.status
        if item.status == "failed":
            status = f"[red]failed ×{item.consecutive_failures}[/]" + (" [yellow](backing off)[/]" if item.backing_off else "")
        table.add_row(item.source.name or item.source.id, status, str(item.new), str(item.updated),
                      str(item.unchanged), str(item.failed) if item.failed else "")
    table.add_row("[bold]total", "", *(f"[bold]{report.total(n)}" for n in ("new", "updated", "unchanged", "failed")))
    console.print(table)
    for item in report.sources:
        if item.error:
            err_console.print(f"[red]{item.source.id}[/]: {item.error}", highlight=False)
        for problem in item.item_errors[:5]:
            err_console.print(f"[yellow]{item.source.id}[/]: {problem}", highlight=False)
    if report.not_due:
        console.print(f"{report.not_due} source(s) not due yet")


@app.command()
@friendly_errors
def fetch(
    source: Annotated[list[str] | None, typer.Option("--source", "-s", help="Only this source id (repeatable).")] = None,
    all_sources: Annotated[bool, typer.Option("--all", help="Poll every enabled source, due or not.")] = False,
    db: DbOption = "",
    config: ConfigOption = "",
) -> None:
    """Poll due sources: new and changed articles go to the store; failing feeds back off and are reported.

    Safe to interrupt at any moment: what is stored stays, and the next run resumes without duplicates.
    Exits 1 when every polled source failed (network down?), 0 otherwise.
    """
    report = _fetch_with_progress(db, config, source, all_sources)
    if report.sources and len(report.failed_sources) == len(report.sources):
        from newsmirror.errors import FetchError

        raise FetchError(f"all {len(report.sources)} polled source(s) failed; check the network, "
                         "then `newsmirror sources list` for each source's last error")


@app.command()
@friendly_errors
def run(
    all_sources: Annotated[bool, typer.Option("--all", help="Poll every enabled source, due or not.")] = False,
    out: Annotated[str, typer.Option("--out", envvar="NEWSMIRROR_OUT", help="Output folder (default ./out).")] = "",
    db: DbOption = "",
    config: ConfigOption = "",
) -> None:
    """fetch → extract → store → publish: one full update of the archive and its outputs."""
    from pathlib import Path

    from newsmirror.jobs.fetching import build_outputs
    from newsmirror.settings import default_output_dir

    _fetch_with_progress(db, config, None, all_sources)
    with store_from(db) as store:
        summary = build_outputs(store, Path(out) if out else default_output_dir())
    console.print(summary or "outputs: publishing is not wired into `run` yet")
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

    def fact_cell(fact: Any, outlet: str) -> str:
        texts = [s.text for s in fact.sentences if s.outlet == outlet]
        only = [term for term, who in fact.details.items() if outlet in who]
        if texts and only:
            texts.append(f"[dim]details: {'、'.join(only)}[/]")
        return "\n".join(texts)

    def new_table(title: str) -> Table:
        table = Table(title=title, show_lines=True, expand=True)
        for outlet in comparison.outlets:
            table.add_column(outlet, ratio=1, overflow="fold")
        return table

    for title, facts in (("reported by every outlet", comparison.shared),
                         ("reported by some outlets", comparison.partial)):
        if facts:
            table = new_table(title)
            for fact in facts:
                table.add_row(*(fact_cell(fact, outlet) for outlet in comparison.outlets))
            console.print(table)
    if any(comparison.unique.values()):
        table = new_table("reported by one outlet only")
        table.add_row(*(
            "\n\n".join(s.text for fact in comparison.unique.get(outlet, []) for s in fact.sentences)
            for outlet in comparison.outlets
        ))
        console.print(table)


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


# --- scaling: worker fleet and store migration ------------------------------------------------


@app.command()
@friendly_errors
def worker(
    db: DbOption = "",
    config: ConfigOption = "",
    concurrency: Annotated[int, typer.Option("--concurrency", "-c", min=1,
                                             help="Jobs run at once in this process.")] = 4,
    worker_id: Annotated[str, typer.Option("--id", help="Name in leases and logs (default HOST:PID).")] = "",
    kinds: Annotated[str, typer.Option("--kinds", help="Comma-separated job kinds to run (default: all known).")] = "",
    once: Annotated[bool, typer.Option("--once", help="Exit when nothing is due instead of waiting.")] = False,
    lease: Annotated[float, typer.Option("--lease", min=0.1,
                                         help="Seconds a claimed job stays ours without a heartbeat; "
                                              "a dead worker's jobs come free after this.")] = 300.0,
    per_host: Annotated[int, typer.Option("--per-host", min=0,
                                          help="Jobs per host at once across all workers (0: no limit).")] = 2,
    poll: Annotated[float, typer.Option("--poll", min=0.01, help="Seconds between claims when idle.")] = 2.0,
    schedule: Annotated[bool, typer.Option("--schedule/--no-schedule",
                                           help="Give every enabled source a fetch job if it has none (at start, then every 5 minutes).")] = True,
    plugins: Annotated[list[str] | None, typer.Option("--plugin",
                                                      help="Import this module first, so it can register job "
                                                           "handlers (repeatable).")] = None,
) -> None:
    """Run queued jobs (fetching, rechecking, ...) until stopped; start one per core and machine.

    All workers share the queue in the store. With PostgreSQL (--db postgresql://...) any number of workers on any number of machines split the work with no job run twice; a worker that dies loses nothing: its jobs return to the queue when their lease expires. SIGTERM or Ctrl-C finishes the running jobs and exits.
    """
    import importlib
    import logging

    from rich.logging import RichHandler

    from newsmirror.config import load_config
    from newsmirror.jobs.worker import Worker, WorkerOptions, configure_fetching, schedule_sources

    logging.basicConfig(level=logging.INFO, format="%(message)s",
                        handlers=[RichHandler(console=err_console, show_path=False)])
    for module in plugins or []:
        try:
            importlib.import_module(module)
        except ImportError as exc:
            raise NewsmirrorError(f"cannot import plugin module {module!r}: {exc}") from exc
    configure_fetching(load_config(config or None).fetch)
    location = db or default_store_location()
    options = WorkerOptions(
        kinds=[k.strip() for k in kinds.split(",") if k.strip()] or None, concurrency=concurrency,
        lease_seconds=lease, per_host_limit=per_host or None, poll_seconds=poll, once=once,
    )
    if worker_id:
        options.worker_id = worker_id
    with open_store(location) as store:
        added = schedule_sources(store) if schedule else 0
    if added:
        err_console.print(f"scheduled {added} source(s) for fetching")
    # Sources added while the fleet runs get their fetch job within a few minutes.
    runner = Worker(lambda: open_store(location), options,
                    periodic=[(300.0, schedule_sources)] if schedule else None)
    runner.install_signal_handlers()
    err_console.print(f"worker {options.worker_id}: running {', '.join(runner.kinds)} jobs, {concurrency} at a time")
    report = runner.run()
    err_console.print(
        f"worker {options.worker_id}: {report.completed} done, {report.failed} to retry, "
        f"{report.given_up} given up, {report.lost} lost to other workers"
    )
    for error in report.errors:
        err_console.print(f"  [dim]{error}[/]", highlight=False)


@app.command()
@friendly_errors
def migrate(
    source: Annotated[str, typer.Option("--from", help="Store to copy: a SQLite path, sqlite:PATH or postgresql://...")],
    destination: Annotated[str, typer.Option("--to", help="Empty store to fill, e.g. postgresql://user@host/db.")],
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Rows per copy batch.")] = 2000,
) -> None:
    """Copy every article, version, source, story and job into another store, then check every table's row count.

    The destination must be empty; search indexes are rebuilt there. Stop workers writing to the source first.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from newsmirror.jobs.migrate import migrate as copy_store

    with open_store(source) as origin, open_store(destination) as target, Progress(
        TextColumn("{task.description:<16}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=err_console,
    ) as bar:
        tasks: dict[str, Any] = {}

        def advance(table: str, done: int, total: int) -> None:
            if table not in tasks:
                tasks[table] = bar.add_task(table, total=total)
            bar.update(tasks[table], completed=done)

        report = copy_store(origin, target, batch_size=batch_size, progress=advance)
    table = Table(title="rows per table")
    table.add_column("table")
    table.add_column("source", justify="right")
    table.add_column("destination", justify="right")
    for count in report.counts:
        table.add_row(count.table, str(count.source), str(count.destination))
    console.print(table)
    console.print("[green]migration complete: every count matches[/]")


# --- recheck: edit and deletion tracking ---
_OUTCOME_STYLE = {"edited": "yellow", "deleted": "bold red", "restored": "green", "error": "dim red"}


@app.command()
@friendly_errors
def recheck(
    db: DbOption = "",
    config: ConfigOption = "",
    limit: Annotated[int, typer.Option(help="At most this many articles in this run (most overdue first).")] = 200,
    outlet: Annotated[str, typer.Option(help="Only articles of this outlet.")] = "",
    article: Annotated[list[str] | None, typer.Option(
        "--article", help="Check this article id now, whatever its schedule (repeatable).")] = None,
    workers: Annotated[int, typer.Option(help="Pages fetched at the same time (per-host limits still hold).")] = 8,
    queue: Annotated[bool, typer.Option(
        "--queue", help="Instead of checking now, queue a recurring re-check job for `newsmirror worker` "
                        "(per --outlet, or all outlets).")] = False,
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

    if queue:
        from newsmirror.jobs.recheck import schedule_recheck

        with store_from(db) as store:
            added = schedule_recheck(store, outlet or "*")
        console.print(("queued" if added else "already queued") + f" the recheck job for {outlet or 'all outlets'};"
                      " `newsmirror worker` runs it.")
        return
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
    write_site: Annotated[str, typer.Option(
        "--write-site", help="Also write history pages, change indexes and Atom feeds into this HTML site "
                             "folder (e.g. out/site; `newsmirror build` does it for its site).")] = "",
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
        if write_site:
            from pathlib import Path

            from newsmirror.jobs.change_pages import write_change_pages

            pages = write_change_pages(store, Path(write_site))
            err_console.print(f"wrote {pages.histories} history pages and {pages.indexes} change indexes"
                              f" into {write_site} ({pages.written} files changed)")
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
