"""`newsmirror build` and `newsmirror publish`."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape as rich_escape
from rich.table import Table

from newsmirror.cli import (
    ConfigOption,
    DbOption,
    NoImagesOption,
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
from newsmirror.cli.terminal import shown

# --- publish ---
FormatOption = Annotated[
    list[str] | None,
    typer.Option("--format", "-f", help="pagemirror, jekyll, site or all (repeatable; default all)."),
]


@app.command()
@friendly_errors
def build(
    db: DbOption = "",
    out: OutOption = "",
    output_format: FormatOption = None,
    script: Annotated[str | None, typer.Option(
        "--script", help="original, zh-Hans, zh-Hant, zh-TW or zh-HK (Taiwan/Hong Kong phrases too); default: "
                         "the config's \\[publish] script, else original.")] = None,
    base_url: Annotated[str | None, typer.Option(
        "--base-url", help="Where the output is served; share links, QR codes, feeds and the sitemap use it "
                           "(default: the config's \\[publish] base_url, else relative links and a warning).")] = None,
    no_images: NoImagesOption = False,
    compare: Annotated[bool, typer.Option(
        "--compare/--no-compare", help="Show what each outlet reports on story pages (when stories are grouped).")] = True,
    verify: Annotated[bool, typer.Option(
        "--verify", help="Check that every page of the last build is still there (restores pages deleted by hand "
                         "even where a folder's modification time was set back).")] = False,
    config: ConfigOption = "",
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", min=1, help="Processes rendering article pages (default: one per available core; "
                                    "1: all in this process). The output is the same.")] = None,
    quiet: QuietOption = False,
) -> None:
    """Render the store as page-mirror Markdown, Jekyll posts and a static HTML site; only changes are written.

    Images are downloaded from public hosts, a source's own host and the config's \\[fetch] private_hosts only; one
    on another private address (loopback, LAN, 169.254.169.254) is dropped unasked, its caption kept.

    Exit status: 0 when everything went, or when only some article page(s) failed (each is named on stderr, with or
    without --quiet); 1 when every one failed or the command stopped on an error.
    """
    from newsmirror.cli.progress import StageProgress
    from newsmirror.config import load_config
    from newsmirror.jobs.building import build as run_build
    from newsmirror.jobs.building import default_comparer, load_publish_settings
    from newsmirror.publish.base import BuildOptions
    from newsmirror.publish.safe import served_url
    from newsmirror.settings import default_output_dir

    settings = load_publish_settings(config or None)
    options = BuildOptions(base_url=served_url(base_url, "--base-url") if base_url is not None else settings.base_url,
                           script=script or settings.script, site_title=settings.site_title, verify=verify)
    out_dir = Path(out) if out else default_output_dir()
    with store_from(db) as store, StageProgress("building", err_console, unit="articles", quiet=quiet) as bar:
        report = run_build(store, out_dir, output_format or ["all"], options, images=not no_images,
                           comparer=default_comparer(store) if compare else None, progress=bar.phase, jobs=jobs,
                           private_hosts=load_config(config or None).fetch.private_hosts)
    table = Table(title=f"build into {out_dir} ({report.articles} articles, {report.stories} stories, "
                        f"{report.seconds:.1f}s)")
    # Articles and story pages (the site's) apart: their sum under "articles rendered" said a day of 196 articles
    # rendered 342. The story pages on a line of their own, so the table still fits 80 columns.
    for column in ("format", "written", "unchanged", "removed", "articles rendered", "articles skipped"):
        table.add_column(column, justify="right" if column != "format" else "left")
    story_pages = []
    for name, counts in report.formats.items():
        table.add_row(name, str(counts.written), str(counts.unchanged), str(counts.removed),
                      str(counts.rendered_inputs - counts.rendered_stories),
                      str(counts.skipped_inputs - counts.skipped_stories))
        if counts.rendered_stories or counts.skipped_stories:
            story_pages.append(f"story pages ({name}): {counts.rendered_stories} rendered, "
                               f"{counts.skipped_stories} skipped")
    with quiet_stdout(quiet):  # the summary; hints, warnings and failures are on stderr below, quiet or not
        console.print(table)
        for line in story_pages:
            console.print(line, highlight=False)
        if not no_images:
            skipped = f", {report.images_skipped} skipped (host not answering)" if report.images_skipped else ""
            skipped += f", {report.images_refused} refused (private address)" if report.images_refused else ""
            console.print(f"images: {report.images_fetched} downloaded, {report.images_failed} unavailable (dropped)"
                          f"{skipped}")
    if not no_images and report.images_mostly_failed:
        err_console.print("[yellow]hint:[/] most images could not be downloaded (no network?); "
                          "`newsmirror build --no-images` builds without them (they are dropped, captions kept)")
    say_build_warnings(report, options.base_url, quiet)
    pages_as_they_went(report)


def say_build_warnings(report: Any, base_url: str, quiet: bool) -> None:
    """`build`'s and `run`'s warnings on stderr, in the same words (`run` said none). Without a base URL, one line says
    all it costs: `build` said it in two (a warning about the feeds, a note about the share links), `run` in none; not
    under --quiet: a setting's consequence, said on every build, not a problem of this one (cron would mail it each
    time). Any other warning of the build, always."""
    from newsmirror.jobs.building import NO_BASE_URL_FEEDS

    for warning in report.warnings:
        if warning != NO_BASE_URL_FEEDS:
            err_console.print(f"[yellow]warning:[/] {rich_escape(warning)}", highlight=False)
    if not base_url and not quiet:
        # The site's 404.html is shown at any missing address, at any depth: without a base URL its links can only
        # start at the host's root, right for a site served there and wrong under a path (review59).
        feeds = ("; the Atom/RSS feeds link pages relatively, which feed readers cannot follow; 404.html links the "
                 "host's root (/index.html), wrong for a site served under a path" if NO_BASE_URL_FEEDS in report.warnings
                 else "")
        err_console.print("[yellow]warning:[/] " + rich_escape(f"no base URL: pages have no share link or QR code{feeds}; "
                                                               "set base_url in the [publish] table of the config file "
                                                               "(`build`: or give --base-url)"), highlight=False)


FAILED_PAGES = "article page(s)"
PAGES_NAMED = 20  # a broken template fails every page: the first ones say why, the count says how many


def pages_as_they_went(report: Any, *, stop: bool = True) -> bool:
    """`build`'s and `run`'s status for the pages, by the policy of the commands cron runs (``EXIT_STATUS_HELP``):
    each article whose pages failed to render is named on stderr (the first ``PAGES_NAMED``); some failed, the
    rest of the site was written and the run exits 0 (a site missing one page is still worth publishing, and the
    page is tried again by the next build); every one due failed, exit 1 (``stop=False``: True returned instead)."""
    failures = report.failures
    for failure in failures[:PAGES_NAMED]:
        err_console.print(f"[red]failed:[/] {shown(failure)}", highlight=False, soft_wrap=True)
    if len(failures) > PAGES_NAMED:
        err_console.print(f"[red]failed:[/] {len(failures) - PAGES_NAMED} more article page(s)", highlight=False)
    return failed_of(len(failures), report.articles_due, FAILED_PAGES, stop=stop,
                     all_hint="nothing new was rendered; the lines above give each error (a bug of newsmirror's, "
                              "not an outlet's: please report it)",
                     some_note="the rest was written, and each failed page is rendered again by the next build")


@app.command()
@friendly_errors
def publish(
    out: OutOption = "",
    output_format: FormatOption = None,
    remote: Annotated[list[str] | None, typer.Option(
        "--remote", "-r", help="NAME=URL of a git remote (repeatable); {format} and {part} are replaced "
                               "(default: the config's \\[publish.remotes]).")] = None,
    split_by_month: Annotated[bool, typer.Option(
        "--split-by-month", help="One repository per month (URL must contain {part}: YYYY-MM or index).")] = False,
    message: Annotated[str, typer.Option("--message", "-m", help="Commit message.")] = "Update newsmirror output",
    branch: Annotated[str | None, typer.Option(
        "--branch", help="Branch to push (default: the config's \\[publish] branch, else main).")] = None,
    config: ConfigOption = "",
    quiet: QuietOption = False,
) -> None:
    """Commit the built output to git and push it to every remote; a failing remote does not stop the others.

    Exit status: 0 when everything went, or when only some push(es) failed (each is named on stderr, with or without
    --quiet); 1 when every one failed or the command stopped on an error.
    """
    from newsmirror.jobs.building import load_publish_settings, parse_remotes
    from newsmirror.jobs.building import publish as run_publish
    from newsmirror.settings import default_output_dir

    settings = load_publish_settings(config or None)
    remotes = parse_remotes(remote) if remote else settings.remotes
    formats = output_format or ["all"]
    def say(step: str) -> None:
        # Each step as it starts, on stderr (a large output's commit and each push take minutes); not under --quiet.
        if not quiet:
            err_console.print(f"publishing {shown(step)}", highlight=False, soft_wrap=True)

    reports = run_publish(Path(out) if out else default_output_dir(), formats, remotes, message,
                          branch or settings.branch, split_by_month, say=say)
    table = Table(title="publish")
    for column in ("output", "commit", "remote", "result"):
        table.add_column(column)
    failures: list[str] = []
    notes: list[str] = []
    for report in reports:
        commit = (report.commit[:10] + (" (new)" if report.committed else " (unchanged)")) if report.commit else "-"
        for result in report.results:
            # git's message and the URL are outside text: escaped, never read as Rich markup.
            status = "[green]ok[/]" if result.ok else f"[red]failed:[/] {shown(result.message)}"
            if result.head_fixed:
                status += f"; {shown(result.head_note)}"
            elif result.head_note:
                notes.append(f"{shown(report.part)} -> {shown(result.name)} ({shown(result.url)}): "
                             f"{shown(result.head_note)}")
            table.add_row(shown(report.part), commit, shown(f"{result.name} {result.url}"), status)
            if not result.ok:
                failures.append(f"{shown(report.part)} -> {shown(result.name)} ({shown(result.url)}): "
                                f"{shown(result.message)}")
    with quiet_stdout(quiet):
        console.print(table)
    # Which remote and why on stderr too: under --quiet (cron) the table is not printed.
    for note in notes:
        err_console.print(f"[yellow]warning:[/] pushed, but {note}", highlight=False)
    for failure in failures:
        err_console.print(f"[red]push failed:[/] {failure}", highlight=False)
    # A remote holding commits this folder's history lacks: the walk's operator built into a new --out (a worker on
    # the migrated store) and every push was rejected, told to check the remotes' URL and access, which were fine.
    rejected = [(report.folder, result.name) for report in reports for result in report.results
                if not result.ok and "[rejected]" in result.message
                and ("fetch first" in result.message or "non-fast-forward" in result.message)]
    if rejected:
        folder, name = rejected[0]
        # Quoted for a POSIX shell (a folder with a space or a quote pastes as it is), then made safe for the terminal.
        command = shlex.join(["git", "-C", str(folder), "push", "--force", name, branch or settings.branch])
        err_console.print(
            f"hint: {len(rejected)} push(es) were rejected: the remote holds commits this output folder's git history "
            "does not have, published from another output folder or machine. Publish from that folder; or, to "
            "replace what the remote holds with this folder's output (a force push: the commits the other folder "
            "published there are dropped from the remote's branch, and a clone of it must be reset to the new "
            f"history): {shown(command)} (and so for each rejected remote)", highlight=False, soft_wrap=True)
    failed_of(len(failures), sum(len(report.results) for report in reports), "push(es)",
              all_hint=("the remotes hold another history (the hint above)" if len(rejected) == len(failures) else
                        "check each remote's URL and access (the lines above give git's answer)"),
              some_note="the other remotes were updated")
