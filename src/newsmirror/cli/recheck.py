"""`newsmirror recheck`, `changes` and `history`: edit and deletion tracking."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from newsmirror.cli import (
    ConfigOption,
    DbOption,
    QuietOption,
    app,
    console,
    err_console,
    failed_of,
    friendly_errors,
    no_such_article,
    quiet_stdout,
    store_from,
    stored_outlet,
    unknown_outlet,
)
from newsmirror.cli.terminal import plain, shown
from newsmirror.errors import NewsmirrorError
from newsmirror.store import as_stored
from newsmirror.text import times

# --- recheck: edit and deletion tracking ---
_OUTCOME_STYLE = {"edited": "yellow", "deleted": "bold red", "restored": "green", "error": "dim red"}
SHOWN_FAILURES = 20  # failures named one a line on stderr (cron's mail); the rest counted


@app.command()
@friendly_errors
def recheck(
    db: DbOption = "",
    config: ConfigOption = "",
    limit: Annotated[int, typer.Option(min=1, help="At most this many articles in this run (most overdue first).")] = 200,
    outlet: Annotated[str, typer.Option(help="Only articles of this outlet.")] = "",
    article: Annotated[list[str] | None, typer.Option(
        "--article", help="Check this article id now, whatever its schedule (repeatable).")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Pages fetched at the same time (per-host limits still hold).")] = 8,
    queue: Annotated[bool, typer.Option(
        "--queue", help="Instead of checking now, queue a recurring re-check job for `newsmirror worker` "
                        "(per --outlet, or all outlets).")] = False,
    quiet: QuietOption = False,
) -> None:
    """Re-fetch stored articles that are due and record edits, takedowns and restorations.

    Young articles are checked every 30 minutes on their first day, daily in their first
    week, weekly until two months, then monthly; an edit or takedown makes an article
    young again. A conditional GET (ETag / Last-Modified) keeps unchanged pages cheap.
    Every version is kept; `newsmirror changes` lists what changed, `newsmirror history ID`
    shows the diffs. Run it from cron or a timer as often as you like: only due articles
    are fetched.

    An article whose address leads to a private network (loopback, LAN, 169.254.169.254) is not asked (a failed
    check), but on a source's own host or one named in the config's \\[fetch] private_hosts.

    Exit status: 0 when everything went, or when only some re-checked article(s) failed (each is named on stderr,
    with or without --quiet); 1 when every one failed or the command stopped on an error.
    """
    with quiet_stdout(quiet):  # its tables and "nothing is due"; a warning or an error is on stderr either way
        _recheck(db, config, limit, outlet, article, workers, queue, quiet)


def _recheck(db: str, config: str, limit: int, outlet: str, article: list[str] | None, workers: int, queue: bool,
             quiet: bool) -> None:
    """`recheck`'s body (its help is the command's docstring)."""
    from newsmirror.cli.progress import StageProgress
    from newsmirror.config import load_config
    from newsmirror.fetch import Fetcher
    from newsmirror.jobs.recheck import CheckReport, due_now
    from newsmirror.jobs.recheck import recheck as run_recheck
    from newsmirror.jobs.recheck_rules import RecheckPolicy
    from newsmirror.model import utcnow
    from newsmirror.store.changes import CheckOutcome

    if queue:
        from newsmirror.jobs.recheck import schedule_recheck

        with store_from(db) as store:
            # A job may be queued for an outlet whose articles a fetch has yet to bring: warned, not refused.
            outlet = as_stored(store, outlet)
            problem = unknown_outlet(store, outlet)
            added = schedule_recheck(store, outlet or "*")
        if problem:
            err_console.print(f"warning: {shown(problem)}; queued anyway (it checks the outlet's articles once "
                              "some are stored)", highlight=False)
        console.print(("queued" if added else "already queued") + f" the recheck job for {outlet or 'all outlets'};"
                      " `newsmirror worker` runs it.")
        return
    settings = load_config(config or None).fetch
    now = utcnow()
    with store_from(db) as store, Fetcher(settings) as fetcher:
        outlet = stored_outlet(store, outlet)
        first_check_after = RecheckPolicy().first_check_after
        due = (due_now(store, article) if article else
               store.due_checks(now, limit=limit, outlet=outlet or None, first_check_after=first_check_after))
        if not due:
            # When is the next one: "nothing is due" alone left an operator who had just fetched (a first check comes
            # 30 minutes after it) wondering whether the articles were scheduled at all. The store solves due_checks'
            # own condition for the time, so the hint names the moment this command would find one due.
            upcoming = None if article else store.next_check_due(outlet=outlet or None,
                                                                 first_check_after=first_check_after)
            console.print("nothing is due for a re-check" + (
                f"; the next is due at {times.stamp(upcoming)} (`--article ID` checks one now)"
                if upcoming is not None else "."), highlight=False)
            return
        with StageProgress("re-checking", err_console, unit="articles", quiet=quiet) as progress:
            done = [0]

            def advance(report: CheckReport) -> None:
                done[0] += 1
                progress.update(done[0], len(due), report.article_id)

            try:
                summary = run_recheck(store, fetcher, due, now=now, workers=workers, on_report=advance)
            except KeyboardInterrupt:
                # Ctrl-C or SIGTERM: the pages in flight are cut (their threads end at once; the interpreter's exit
                # waits for them), as `fetch` cuts its own. Nothing of theirs is recorded: each stays due.
                fetcher.abort()
                raise
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
        # An edit, takedown or return as the pages, `changes` and `history` say it (the event's reason, from its
        # fields: 网页已永久删除（HTTP 410）, not the stored "HTTP 410 Gone", which `changes --json` gives as detail);
        # a failure (never an event, never shown to readers) as the job found it, as on stderr below. A reason is
        # shown whole (the cell folds it): cut at 80 characters it ended inside the address a page moved to, a wrong
        # address, and lost what followed it (标题已改); a failure's own words are clipped, with "…" where cut.
        changes = Table(title="changes and failures")
        for name in ("outcome", "outlet", "title", "reason", "id"):
            changes.add_column(name, overflow="fold")
        for report in notable[:100]:
            style = _OUTCOME_STYLE[report.outcome.value]
            changes.add_row(f"[{style}]{report.outcome.value}[/]", shown(report.outlet), shown(report.title[:40]),
                            shown(report.reason if report.events else _clipped(report.detail)), report.article_id)
        console.print(changes)
    # Which failed and why, on stderr: under --quiet (cron) the tables above are not printed, and a re-check that
    # failed everywhere said nothing at all.
    errors = [report for report in summary.reports if report.outcome is CheckOutcome.ERROR]
    for report in errors[:SHOWN_FAILURES]:
        err_console.print(f"[red]re-check failed:[/] {shown(report.outlet)} {report.article_id} ({shown(report.url)}): "
                          f"{shown(report.detail[:200])}", highlight=False, soft_wrap=True)
    if len(errors) > SHOWN_FAILURES:
        err_console.print(f"… and {len(errors) - SHOWN_FAILURES} more")
    # Refused addresses were never asked: "network down?" sent the operator after the wrong cause.
    all_hint = ("each leads to a private address (above) and was not asked; a host of yours serving them goes in "
                "the config's [fetch] private_hosts" if errors and all(r.private_address for r in errors)
                else "none could be checked (network down?); each is checked again sooner")
    failed_of(len(errors), checked, "re-checked article(s)", all_hint=all_hint,
              some_note="each is checked again sooner (a failed check records no edit or takedown)")


@app.command()
@friendly_errors
def changes(
    db: DbOption = "",
    kind: Annotated[str, typer.Option(
        help="edited, deleted, restored, or all.")] = "all",
    outlet: Annotated[str, typer.Option(help="Only this outlet.")] = "",
    days: Annotated[float, typer.Option(min=0, help="Look back this many days (0: all time).")] = 30,
    limit: Annotated[int, typer.Option(min=1, help="At most this many entries.")] = 50,
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
        outlet = stored_outlet(store, outlet)
        entries = store.recent_changes(kinds, outlet=outlet or None, since=since, limit=limit)
        counts = store.change_counts(since)
        # Versions an import or a fetch kept are edits to `stats` but no recorded event: said below, so the two
        # commands agree (a fresh demo store said "no edits" here and "1 edited article" in `stats`).
        kept, kept_ids = (store.kept_versions(outlet=outlet or None) if EventKind.EDITED in kinds else (0, []))
        if write_site:
            from pathlib import Path

            from newsmirror.jobs.change_pages import write_change_pages
            from newsmirror.publish.base import BuildOptions
            from newsmirror.publish.manifest import built_settings

            # As the site's last build wrote them (its script, base URL and title): a 繁 site's change pages were
            # written in Simplified until the next `build` (polish69).
            settings = built_settings(Path(write_site)) or {}
            if not settings:
                err_console.print(f"warning: {write_site} records no build of this version: the change pages are "
                                  "written in the stored text's script, without a base URL; `newsmirror build` "
                                  "writes them as its site's settings say", highlight=False, soft_wrap=True)
            pages = write_change_pages(store, Path(write_site), base_url=settings.get("base_url", ""),
                                       script=settings.get("script", "original"),
                                       site_title=settings.get("site_title", BuildOptions().site_title))
            err_console.print(f"wrote {pages.histories} history pages and {pages.indexes} change indexes"
                              f" into {write_site} ({pages.written} files changed)")
    if as_json:
        print(json.dumps({
            "counts": counts,
            "changes": [{"article_id": e.event.article_id, "kind": e.event.kind.value,
                         "seen_at": times.json_utc(e.event.seen_at), "version": e.event.version,
                         "detail": e.event.detail, "reason": e.reason, "outlet": e.outlet, "title": e.title,
                         "url": e.url, "status": e.status} for e in entries],
            "versions_kept": {"articles": kept, "latest": kept_ids},
        }, ensure_ascii=False, indent=2))
        return
    if not entries and not counts:
        # Not an empty table: say where changes come from (versions an import brought are
        # shown by `history` and the reader, but recorded changes are what `recheck` found).
        console.print("no edits or takedowns recorded by `newsmirror recheck`" + (f" in the last {days:g} days"
                      if since else "") + " (it records them when it fetches stored articles again)."
                      + _kept_note(kept, kept_ids, outlet), highlight=False, soft_wrap=True)
        return
    per_outlet = Table(title="per outlet" + (f" (last {days:g} days)" if since else ""))
    for name in ("outlet", "edited", "deleted", "restored", "deleted now"):
        per_outlet.add_column(name, justify="left" if name == "outlet" else "right")
    for name, numbers in sorted(counts.items(), key=lambda item: -sum(item[1].values())):
        if outlet and name != outlet:
            continue
        per_outlet.add_row(shown(name), *(str(numbers.get(k, 0)) for k in ("edited", "deleted", "restored", "deleted_now")))
    console.print(per_outlet)
    if not entries:
        console.print("no edits or takedowns recorded" + (" in that time." if since else ".")
                      + _kept_note(kept, kept_ids, outlet), highlight=False, soft_wrap=True)
        return
    listing = Table(title="latest changes")
    for name in (f"when ({times.ZONE_LABEL})", "what", "outlet", "title", "reason", "id"):
        listing.add_column(name, overflow="fold")
    for entry in entries:
        style = _OUTCOME_STYLE[entry.event.kind.value]
        listing.add_row(times.minute(entry.event.seen_at), f"[{style}]{entry.event.kind.value}[/]",
                        shown(entry.outlet), shown(entry.title[:40]), shown(entry.reason),  # whole, as recheck's
                        entry.event.article_id)
    console.print(listing)
    if kept:
        console.print(_kept_note(kept, kept_ids, outlet).strip(), highlight=False, soft_wrap=True)


def _clipped(text: str, most: int = 80) -> str:
    """``text`` in at most ``most`` characters, "…" where it was cut."""
    return text if len(text) <= most else text[:most - 1] + "…"


def _kept_note(kept: int, ids: list[str], outlet: str) -> str:
    """What `stats` counts as edited beside the recorded events: articles whose other title or text an import or a
    fetch kept as a version (no time window: when each copy was written is not when it was stored)."""
    if not kept:
        return ""
    from newsmirror.store.changes import history_hint

    named = history_hint(ids, kept)
    whose = f" of {shown(outlet)}" if outlet else ""
    return (f" Also {kept} article{'s' if kept > 1 else ''}{whose} with another title or text kept as a version by"
            f" an import or a fetch (edited articles in `newsmirror stats`, not events): {named}.")


@app.command()
@friendly_errors
def history(
    article_id: Annotated[str, typer.Argument(help="Article id (from `changes`, or the ID of the reader's /article/ID address).")],
    db: DbOption = "",
    context: Annotated[int, typer.Option(min=0, help="Unchanged paragraphs shown around each change.")] = 1,
) -> None:
    """Show every version of an article with what changed, and when it was taken down or restored."""
    from newsmirror.store.changes import history as article_history

    with store_from(db) as store:
        article = store.get_article(article_id)
        if article is None:
            raise no_such_article(store, article_id, "; `newsmirror changes` lists edited ones")
        items = article_history(store.versions(article_id), store.article_events(article_id))
        check = store.get_check_state(article_id)
    console.print(f"[bold]{shown(article.title)}[/]  [dim]{shown(article.outlet)} · {shown(article.original_url)}[/]",
                  highlight=False)
    if check.last_checked_at and check.next_check_at:
        console.print(f"[dim]last checked {times.stamp(check.last_checked_at)} ({check.last_outcome}),"
                      f" next check {times.stamp(check.next_check_at)}[/]")
    for item in items:
        when = times.stamp(item.at)  # the zone and precision of the reader's history page
        if item.kind == "first_seen" and item.version:
            console.print(f"\n[bold]v{item.version.number}[/] first seen {when}")
        elif item.kind == "edited" and item.version and item.diff:
            console.print(f"\n[bold yellow]v{item.version.number}[/] edited {when}: {shown(item.detail)}", highlight=False)
            print(plain(item.diff.to_text(context)))
        else:
            style = _OUTCOME_STYLE.get(item.kind, "")
            console.print(f"\n[{style}]{item.kind}[/] {when}: {shown(item.detail)}", highlight=False)
