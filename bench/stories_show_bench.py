"""How long a story page takes with the comparison stored when grouping (issue 14 item 6):
``stories show``, the reader's story page (FastAPI TestClient) and the static site's story page,
wall and CPU, for a story of 10 outlets and one of 50 reports built from real reports of a day
of ../shared/days; and, for reference, computing the comparison (what grouping now pays once) and
the quotations' rests (``stories.quoted``) that each page computes on each request.

The 10-outlet story is one report of each of the 10 outlets of the day's largest grouped
stories; the 50-report story is the largest story's reports topped up with the next largest
stories' reports (a worst case: more sentences to align). Both are saved as stories of their
own and their comparison stored (``refresh_comparisons``), as ``stories group`` does.
Target (issue 14): under 0.5 s and under 2 s.

    python bench/stories_show_bench.py [--day 2020-10-14] [--repeat 3] [--days <extra-days>]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

DAYS = REPO.parent / "shared" / "days" / "zhouxiang93123-waimei" / "archived"

if TYPE_CHECKING:
    from newsmirror.store import Store


def timed(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """(best wall, best CPU) seconds of ``repeat`` runs."""
    best = cpu = float("inf")
    for _ in range(repeat):
        wall, process = time.perf_counter(), time.process_time()
        run()
        best = min(best, time.perf_counter() - wall)
        cpu = min(cpu, time.process_time() - process)
    return best, cpu


def day_kind(day: str) -> str:
    """What ``day`` is, as the table's title says it: a tuning day (``days_eval.TUNING_DAYS``) or an unlabelled day of
    the archive. A labelled day that is no tuning day (held out, test, fresh) is refused: no tool runs on it here."""
    from days_eval import LABELLED_DAYS, TUNING_DAYS

    if day in TUNING_DAYS:
        return "a tuning day"
    if day in LABELLED_DAYS:
        raise SystemExit(f"{day} is a held-out, test or fresh day: never read here")
    return "an unlabelled day"


COLUMNS = ("story", "reports", "outlets", "what", "wall s", "CPU s", "target s")
Row = tuple[str, str, str, str, str, str, str]


def pick_reports(ordered: list[tuple[str, str]]) -> tuple[list[str], list[str]]:
    """From (article id, outlet) of the day's reports, the largest stories' first: the 10-outlet story (the first report
    of each of the first 10 outlets) and the 50-report story (the next 50 reports; an article is in one story)."""
    per_outlet: dict[str, str] = {}
    for article_id, outlet in ordered:
        per_outlet.setdefault(outlet, article_id)
    ten = list(per_outlet.values())[:10]
    return ten, [a for a, _ in ordered if a not in ten][:50]


def bench_stories(store: Store, day: Path) -> list[tuple[str, float]]:
    """Import ``day``, group it, and save the 10-outlet and the 50-report story (``pick_reports``): (id, target s)."""
    from newsmirror.jobs.grouping import group_articles
    from newsmirror.jobs.importing import import_paths
    from newsmirror.model import Story
    from newsmirror.store import StoryMember
    from newsmirror.stories.stored import story_reports

    import_paths(store, [day])
    group_articles(store, compare=False)
    members: dict[str, list[str]] = defaultdict(list)
    for article in store.iter_articles():
        members[store.story_of(article.id) or article.id].append(article.id)
    biggest = sorted(members, key=lambda s: len(members[s]), reverse=True)
    ordered = [(a.id, a.outlet) for story_id in biggest if store.get_story(story_id)
               for a in story_reports(store, story_id)[0]]
    ten, fifty = pick_reports(ordered)
    store.save_story(Story(id="bench-50", title="50 reports"), [StoryMember(i, "bench-50") for i in fifty])
    store.save_story(Story(id="bench-10", title="10 outlets"), [StoryMember(i, "bench-10") for i in ten])
    return [("bench-10", 0.5), ("bench-50", 2.0)]


def story_rows(store: Store, db: Path, stories: list[tuple[str, float]], repeat: int, site_folder: Path) -> list[Row]:
    """The table's rows: for each stored story (id, target s), computing its comparison and the quotations' rests,
    then ``stories show``, the reader's page and the static site's page with the comparison stored."""
    from fastapi.testclient import TestClient
    from typer.testing import CliRunner

    from newsmirror.cli import app as cli_app
    from newsmirror.jobs.building import default_comparer
    from newsmirror.model import Story
    from newsmirror.publish.base import BuildOptions
    from newsmirror.publish.content import StoryView, make_entry, script_converter
    from newsmirror.publish.labels import STORY_LABELS
    from newsmirror.publish.site import SiteBuilder
    from newsmirror.stories.compare import compare_story
    from newsmirror.stories.comparison import Comparison
    from newsmirror.stories.quoted import quotation_rests
    from newsmirror.stories.stored import comparison_for, refresh_comparisons, story_reports
    from newsmirror.stories.summary import summarize
    from newsmirror.web import create_app

    rows: list[Row] = []
    compare_story(story_reports(store, stories[0][0])[0][:2])  # load jieba and OpenCC outside the timing
    client = TestClient(create_app(store))
    runner = CliRunner()
    options = BuildOptions()
    convert = script_converter(options.script)
    site = SiteBuilder(site_folder, options, convert, None, "bench")
    comparer = default_comparer(store)
    for story_id, target in stories:
        reports = story_reports(store, story_id)[0]
        story = store.get_story(story_id)
        assert story is not None
        shape = (str(len(reports)), str(len({a.outlet for a in reports})))
        wall, cpu = timed(lambda reports=reports, story_id=story_id: summarize(
            compare_story(reports, story_id=story_id)), repeat)
        rows.append((story_id, *shape, "compute (once, when grouping)", f"{wall:.2f}", f"{cpu:.2f}", ""))
        refresh_comparisons(store, [story_id])
        # The quotations' rests (``stories.quoted``), computed on each request from the stored comparison
        # and the reports' texts: their share of a page (review48: per request, not stored).
        stored = comparison_for(store, story_id)
        texts = {a.id: a.body_text for a in reports}
        wall, cpu = timed(lambda stored=stored, texts=texts: quotation_rests(stored, texts), repeat)
        rows.append((story_id, *shape, "quotation rests (per request, part of each page)", f"{wall:.4f}",
                     f"{cpu:.4f}", ""))

        def show(story_id: str = story_id) -> None:
            result = runner.invoke(cli_app, ["stories", "show", story_id, "--db", f"sqlite:{db}"])
            assert result.exit_code == 0 and "only " in result.output, result.output

        def reader(story_id: str = story_id) -> None:
            response = client.get(f"/story/{story_id}")
            # The page shows the comparison (the facts one outlet alone reports, at least), under the
            # heading both products read from one table (polish68 changed its words).
            assert response.status_code == 200 and STORY_LABELS["unique"] in response.text

        def static(story: Story = story) -> None:
            loaded = [a for a in (store.get_article(i) for i in story.article_ids) if a is not None]
            entries = [make_entry(a, convert, options.script, story.id) for a in loaded]
            view = StoryView(id=story.id, title=story.title, members=entries)

            def compared() -> Comparison | None:  # as jobs.building's comparer: with the quotations' rests
                comparison = comparer(story, loaded) if comparer else None
                view.rests = quotation_rests(comparison, {a.id: a.body_text for a in loaded})
                return comparison

            view.comparer = compared
            site._story(view)
            assert STORY_LABELS["unique"] in (site.root / "story" / story.id / "index.html").read_text(encoding="utf-8")

        for what, run in (("stories show", show), ("reader page", reader), ("static site page", static)):
            wall, cpu = timed(run, repeat)
            rows.append((story_id, *shape, what, f"{wall:.4f}", f"{cpu:.4f}", f"{target}"))
    return rows


def print_table(title: str, rows: list[Row], file: TextIO | None = None) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    for column in COLUMNS:
        table.add_column(column, justify="right")
    for row in rows:
        table.add_row(*row)
    Console(width=160, file=file).print(table)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--day", default="2020-10-14", help="a tuning day or an unlabelled one (the table says which)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--days", type=Path, default=DAYS,
                        help="the folder of exported day folders (default: ../shared's four days)")
    args = parser.parse_args()
    # The day of the folder read, not the argument as written: "2020-12-02/" or "." (with --days naming the day's
    # own folder) read a test day under another spelling.
    kind = day_kind((args.days / args.day).resolve().name)
    if not (args.days / args.day).is_dir():  # said plainly, not as the importer's traceback
        held = sorted(folder.name for folder in args.days.glob("20*")) or ["no day folder"]
        parser.error(f"no folder {args.days / args.day}: --days names the folder holding the day folders "
                     f"({args.days} holds {', '.join(held)})")
    from newsmirror.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "show.sqlite"
        with open_store(db) as store:
            stories = bench_stories(store, args.days / args.day)
            rows = story_rows(store, db, stories, args.repeat, Path(tmp) / "site")
    print_table(f"story page with the stored comparison (real reports of {args.day}, {kind})", rows)


if __name__ == "__main__":
    main()
