"""A tuning day replayed in the archive's context: the days before it grouped live first.

A day grouped alone (``bench/days_eval.py``) meets a few hundred live stories; the archive's grouping meets the
stories of the days before too (~5x as many), and the pair model's ``event`` / ``topic`` split (a shared term's
share among *other live stories*) and the local document frequencies read differently there. Here the archive's
reports of the ``days_before`` days before a labelled day (from a whole-archive store, ``bench/stories_scale.py
--db``'s input; a copy: the store layer builds its search index in it on first open) are grouped live as production groups them (the shipped grouping, a save
-- the event pass and the complete-story join -- every 500 reports, as ``bench/stories_scale.py``), untagged, and
then the day's own reports follow through the same clusterer:

* ``days_pair_fit.pairs(day, context=...)`` teacher-forces the day after its context (the pairs a refit learns);
* ``score_in_context`` groups the day after its context and scores only the day's labelled reports.

    PYTHONPATH=src python3 bench/days_context.py --store <store copy> --days <exported days> --context 3
        # each tuning day in context, shipped model (or --model FILE): B3 per day, mean and pooled

The context never holds a held-out, test or fresh day's reports (``BARRED``): a report timed from a day before
such a day to the end of the day after it is left out, so a context reaching one is cut (2020-12-06's, 4 days
after the test day 2020-12-02, with 3 days of context: it starts at 2020-12-04).
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench.days_eval import FRESH_DAYS, HELD_OUT_DAY, TEST_DAYS, purity  # noqa: E402
from bench.stories_eval import bcubed  # noqa: E402
from newsmirror.stories.cluster import ClusterConfig, Document, StoryClusterer  # noqa: E402
from newsmirror.stories.pairscore import PairModel, load_pair_model  # noqa: E402

if TYPE_CHECKING:
    from bench.days_pair_fit import Day

BARRED = (HELD_OUT_DAY, *TEST_DAYS, *FRESH_DAYS)  # never read, so never context either
BATCH = 500  # reports between saves (jobs.grouping's batch, stories_scale's cadence)
# (F1, precision, recall, pure stories, multi-article stories) of one grouped day, as days_pair_lodo's Score
Score = tuple[float, float, float, int, int]


def day_start(day: str) -> datetime:
    """A day folder's date as the archive files it: the UTC day (its reports' times are UTC days, a few strays
    earlier)."""
    return datetime.combine(date.fromisoformat(day), datetime.min.time(), UTC)


def barred(moment: datetime, barred_days: Iterable[str] = BARRED) -> bool:
    """Whether a report at ``moment`` could belong to a barred day's folder: from the day before it to the end of
    the day after it (a folder's strays and time zones, with a margin)."""
    return any(day_start(d) - timedelta(days=1) <= moment < day_start(d) + timedelta(days=2) for d in barred_days)


def context_ids(store: str, day: str, days_before: float, exclude: Iterable[str] = (),
                barred_days: Iterable[str] = BARRED) -> list[str]:
    """The ids of the store's reports timed within ``days_before`` days before ``day``'s start (published, else
    fetched time, as the clusterer reads it), oldest first, none of ``exclude`` (the day's own reports, which
    follow) and none near a barred day."""
    end = day_start(day)
    begin = end - timedelta(days=days_before)
    barred_days = tuple(barred_days)
    con = sqlite3.connect(f"file:{store.removeprefix('sqlite:')}?immutable=1", uri=True)
    try:
        rows = con.execute("SELECT id, COALESCE(published_at, fetched_at) FROM articles").fetchall()
    finally:
        con.close()
    skip = set(exclude)
    found = []
    for article_id, stamp in rows:
        moment = datetime.fromisoformat(stamp)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        if begin <= moment < end and article_id not in skip and not barred(moment, barred_days):
            found.append((moment, article_id))
    return [article_id for _, article_id in sorted(found)]


def context_documents(store: str, day: str, days_before: float, exclude: Iterable[str] = ()) -> list[Document]:
    """``context_ids``' reports as the clusterer reads them (``stories.stored.document_of``), oldest first."""
    from newsmirror.store import open_store
    from newsmirror.stories.stored import document_of

    ids = context_ids(store, day, days_before, exclude)
    location = store if store.startswith("sqlite:") else f"sqlite:{store}"
    with open_store(location, create=False) as opened:
        articles = [opened.get_article(i) for i in ids]
    return [document_of(a) for a in articles if a is not None]


def save(clusterer: StoryClusterer, final: bool = False) -> None:
    """What ``jobs.grouping`` does at a save: the event layer's pass, then the complete-story join."""
    clusterer.link_events()
    clusterer.join_complete(final)


def replay(clusterer: StoryClusterer, documents: Sequence[Document], done: int = 0) -> int:
    """Group ``documents`` live, a save every ``BATCH`` reports counted from ``done``; the count after them."""
    for document in documents:
        clusterer.add(document)
        done += 1
        if done % BATCH == 0:
            save(clusterer)
    return done


def score_in_context(day: Day, context: Sequence[Document], model: PairModel | None = None,
                     config: ClusterConfig | None = None) -> tuple[Score, dict[str, str], dict[str, str]]:
    """The day grouped after its context (both by ``model``; None: the shipped one), saves every ``BATCH`` reports
    across both, every story judged complete at the end (as ``days_eval``'s closing run); the day's labelled
    reports scored. Also (truth, predicted) of the labelled reports, for pooling over days."""
    clusterer = StoryClusterer(config or ClusterConfig(), model=model)
    done = replay(clusterer, context)
    assigned = {}
    for document in day.documents:
        assigned[document.id] = clusterer.add(document).story_id
        done += 1
        if done % BATCH == 0:
            save(clusterer)
    save(clusterer, final=True)
    predicted = {k: clusterer.resolve(v) for k, v in assigned.items()}
    truth = {k: v for k, v in day.events.items() if k not in day.multi and k in predicted}
    precision, recall, f1 = bcubed(truth, predicted)
    pure, multi = purity(truth, predicted)
    return (f1, precision, recall, pure, multi), truth, predicted


def main() -> None:
    from bench.days_pair_fit import add_days_arguments, tuning_days

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", required=True, help="a whole-archive store (a copy; read only)")
    parser.add_argument("--context", type=float, default=3.0, help="days of the archive before each day")
    parser.add_argument("--model", type=Path, help="a pair model file (default: the shipped one)")
    add_days_arguments(parser)
    args = parser.parse_args()
    model = load_pair_model(args.model) if args.model else None
    scores: list[Score] = []
    truth: dict[str, str] = {}
    predicted: dict[str, str] = {}
    for day in tuning_days(args):
        started = time.process_time()
        context = context_documents(args.store, day.name, args.context, exclude=(d.id for d in day.documents))
        score, day_truth, day_predicted = score_in_context(day, context, model)
        scores.append(score)
        truth.update((k, f"{day.name}/{v}") for k, v in day_truth.items())
        predicted.update(day_predicted)
        print(f"{day.name}: context {len(context)} reports, day {len(day.documents)}: B3 P {score[1]:.4f} "
              f"R {score[2]:.4f} F1 {score[0]:.4f} pure {score[3]}/{score[4]} "
              f"({time.process_time() - started:.0f} s CPU)", flush=True)
    pure, multi = sum(s[3] for s in scores), sum(s[4] for s in scores)
    print(f"MEAN {len(scores)} days in context ({args.context:g} days): P {sum(s[1] for s in scores) / len(scores):.4f} "
          f"R {sum(s[2] for s in scores) / len(scores):.4f} F1 {sum(s[0] for s in scores) / len(scores):.4f} "
          f"pure {pure}/{multi} = {pure / max(multi, 1):.4f}")
    precision, recall, f1 = bcubed(truth, predicted)
    print(f"POOLED B3 over the days' labelled reports (as genre_scale's 'tuning days in context'): P {precision:.3f} "
          f"R {recall:.3f} F1 {f1:.3f}")


if __name__ == "__main__":
    main()
