"""`newsmirror stories ...`: group and compare."""

from __future__ import annotations

from typing import Annotated, Any

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

    from newsmirror.cli.progress import StageProgress
    from newsmirror.jobs.grouping import group_articles
    from newsmirror.stories.cluster import ClusterConfig

    config = ClusterConfig(window=timedelta(days=window_days), similarity=similarity)
    with store_from(db) as store, StageProgress("grouping", err_console, unit="articles") as bar:
        report = group_articles(store, config, progress=bar.update)
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
    outlet: Annotated[list[str] | None, typer.Option(
        help="Compare only these outlets (repeat the option, at least two); what one adds to another "
             "then shows even when a third outlet says it too.")] = None,
) -> None:
    """The story's reports side by side: facts all report, facts some report, and what only one says."""
    from newsmirror.stories.compare import compare_story
    from newsmirror.stories.stored import select_outlets, story_reports

    with store_from(db) as store:
        story = store.get_story(story_id)
        reports, copies = story_reports(store, story_id)
    comparison = compare_story(select_outlets(reports, outlet), story_id=story_id)
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
    for name, terms in comparison.unique_details().items():
        if terms:
            console.print(f"[dim]only {name} names, in facts others report too:[/] {'、'.join(terms)}", highlight=False)
