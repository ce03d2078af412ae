"""`newsmirror demo`: the offline main job."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsmirror.cli import (
    DbOption,
    OutOption,
    app,
    console,
    err_console,
    friendly_errors,
    store_from,
)
from newsmirror.cli.terminal import shown
from newsmirror.errors import NewsmirrorError


# --- demo: the offline main job ---
@app.command()
@friendly_errors
def demo(
    corpus: Annotated[Path | None, typer.Option(
        "--corpus", help="Archives to import: a folder of page-mirror pages/ or Jekyll posts (_posts/, archived/DATE/), "
                "such as a day of the public archive github.com/zhouxiang93123/waimei (README, Set up). Default: "
                "$NEWSMIRROR_CORPUS, else ../shared/corpus from here or beside the source checkout.")] = None,
    db: DbOption = "",
    out: OutOption = "",
) -> None:
    """Offline demo on the embedded SQLite store: import existing archives, group the same story
    across outlets and scripts, and build the page mirror, the Jekyll posts and the HTML site."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress

    from newsmirror.cli import progress
    from newsmirror.ingest.archives import first_article_file
    from newsmirror.jobs.update import run_demo
    from newsmirror.publish.front import SIZES_READ, front_stories
    from newsmirror.settings import (
        default_demo_corpus,
        default_output_dir,
        demo_corpus_candidates,
        sample_archive_hint,
    )

    source = corpus or default_demo_corpus()
    if source is None or not source.exists():
        tried = ", ".join(str(path) for path in ([corpus] if corpus else demo_corpus_candidates()))
        raise NewsmirrorError(f"no archives at {tried}. The demo imports a folder of news archives: "
                              f"{sample_archive_hint()}")
    # Before the store is made: a folder of something else was imported as 0 articles into an empty site, exit 0.
    if first_article_file([source]) is None:
        raise NewsmirrorError(f"no article in {source}: the demo imports page-mirror pages (pages/) or Jekyll posts "
                              f"(_posts/, archived/DATE/), and found neither there; {sample_archive_hint()}")
    out_dir = Path(out) if out else default_output_dir()
    terminal = err_console.is_terminal
    # Off a terminal (`demo 2>&1 | tee demo.log`, CI) the bar draws nothing: there a phase that lasts 10 s gets a line
    # every 10 s (done/total, rate, time left), as `import` and `build` give; a quicker one none.
    lines = progress.StageProgress("demo", err_console, interval=progress.INTERVAL_SECONDS, terminal=False)
    with store_from(db, create=True) as store, Progress(
        "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
        # Off a terminal (cron, a log) a live bar draws nothing and left one empty line on stderr at its end.
        console=err_console, transient=True, disable=not terminal,
    ) as bar, lines:
        importing = bar.add_task("importing", total=None)
        building = bar.add_task("building", total=None, visible=False)

        def on_import(done: int, total: int, _path: str) -> None:
            if terminal:
                bar.update(importing, completed=done, total=total)
            else:
                lines.phase(done, total, "importing files")

        def on_build(done: int, total: int, phase: str) -> None:
            # Grouping and comparing first, then the build's phases, each said by name.
            if terminal:
                bar.update(building, completed=done, total=total, visible=True, description=phase)
            else:
                lines.phase(done, total, phase)

        report = run_demo(store, source, out_dir, import_progress=on_import, build_progress=on_build)
        # The front page's stories (publish.front): the biggest of the last two days first, which a reader comes for
        # (listed newest first, a day's 7-outlet stories were not among the five), then the newest.
        sizes = store.story_sizes(min_outlets=2, limit=SIZES_READ)
        front = front_stories(sizes, total=5)
        size_of = {size.id: size for size in sizes}
        listed = [(heading, [(story, size_of[story.id]) for story in map(store.get_story, ids) if story is not None])
                  for heading, ids in (("the biggest of the last two days, most outlets first", front.biggest),
                                       ("the newest" if front.biggest else "newest first", front.newest))]
    # Lines the terminal wraps (soft_wrap): wrapped here, a command to copy was cut in two at 80 columns.
    console.print(report.summary(), highlight=False, soft_wrap=True)
    stories = [story for _heading, pairs in listed for story, _size in pairs]
    for number, (heading, pairs) in enumerate((heading, pairs) for heading, pairs in listed if pairs):
        console.print(f"then {heading}:" if number else f"stories reported by several outlets ({heading}):",
                      highlight=False, soft_wrap=True)
        for story, size in pairs:
            console.print(f"  {story.id}  {shown(story.title)}  ({size.outlets} outlets, {size.reports} reports)",
                          highlight=False, soft_wrap=True)
    # The story ids above were printed with nothing saying what to do with them: name the command that compares.
    compare = (f"`newsmirror stories show {stories[0].id}` compares what its outlets report; " if stories else "")
    console.print(
        f"next: {compare}open {out_dir / 'site' / 'index.html'}, or run `newsmirror serve` and visit "
        "http://127.0.0.1:8000/", highlight=False, soft_wrap=True,
    )
