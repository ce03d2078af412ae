"""How long a story page's comparison takes: ``compare_story`` + ``summarize`` for a story of
10 outlets and for one of 50 reports, built from real reports of a day of ../shared/days.

The 10-outlet story is the day's largest grouped story (one report per outlet); the 50-report
story is that story's reports topped up with the next largest stories' reports (a worst case:
more sentences to align). Target (issue 14): under 0.5 s and under 2 s.

    python bench/stories_show_bench.py [--day 2020-10-14] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

DAYS = REPO.parent / "shared" / "days" / "zhouxiang93123-waimei" / "archived"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--day", default="2020-10-14", help="a tuning day")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from rich.console import Console
    from rich.table import Table

    from newsmirror.jobs.grouping import group_articles
    from newsmirror.jobs.importing import import_paths
    from newsmirror.store import open_store
    from newsmirror.stories.compare import compare_story
    from newsmirror.stories.stored import story_reports
    from newsmirror.stories.summary import summarize

    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "show.sqlite") as store:
        import_paths(store, [DAYS / args.day])
        group_articles(store)
        members: dict[str, list[str]] = defaultdict(list)
        for article in store.iter_articles():
            members[store.story_of(article.id) or article.id].append(article.id)
        biggest = sorted(members, key=lambda s: len(members[s]), reverse=True)
        reports, _ = story_reports(store, biggest[0])
        per_outlet = list({a.outlet: a for a in reports}.values())[:10]
        fifty = list(reports)
        for story_id in biggest[1:]:
            if len(fifty) >= 50:
                break
            fifty += story_reports(store, story_id)[0]
        fifty = fifty[:50]
    compare_story(per_outlet[:2])  # load jieba and OpenCC outside the timing
    table = Table(title=f"story comparison + summary (real reports of {args.day}, a tuning day)")
    for column in ("story", "reports", "outlets", "best s", "CPU s", "target s"):
        table.add_column(column, justify="right")
    for name, articles, target in (("10 outlets", per_outlet, 0.5), ("50 reports", fifty, 2.0)):
        best = cpu = float("inf")
        for _ in range(args.repeat):
            wall, process = time.perf_counter(), time.process_time()
            summarize(compare_story(articles))
            best = min(best, time.perf_counter() - wall)
            cpu = min(cpu, time.process_time() - process)
        table.add_row(name, str(len(articles)), str(len({a.outlet for a in articles})), f"{best:.2f}", f"{cpu:.2f}",
                      f"{target}")
    Console(width=140).print(table)


if __name__ == "__main__":
    main()
