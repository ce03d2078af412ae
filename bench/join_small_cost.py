"""What the cheap small-story pass (``bench/days_join_small.py --top``) would cost in production, on a whole store.

Streams a store's articles through the shipped clusterer as ``bench/stories_scale.py`` does (the event layer
every 500 reports, the complete-story join at each of those saves and at the end) and, at each join pass,
measures without joining anything the two stages the replay judged (session 29, recall30):

* stage 1: the candidate pairs of two complete stories both under ``join_least`` reports, first reports within
  ``join_gap``, scored with a small model over ``JOIN_FEATURES`` (fitted on the tuning capture's small pairs,
  days weighed equal) through ``joincomplete.join_probability`` (its bound skips the pair-model readings of
  pairs that cannot reach ``--top``);
* stage 2, for the pairs at ``--top`` or more: each member's ``compare.statement_units`` (once per report,
  kept), the bigram weights over those reports' units, and ``compare.shared_statements`` for the pairs of
  stories with no outlet in common.

Prints the CPU ms/article of the clustering and of each stage (the stages are inside the clustering figure).
Grouping output is the shipped one (nothing is joined by the measured stages).

    python bench/join_small_cost.py --db sqlite:COPY --cache CAPTURE.pickle [--top 0.5] [--articles N]
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench.days_join_fit import Captured, fit_days  # noqa: E402
from bench.days_join_small import small  # noqa: E402
from bench.stories_scale import store_stream  # noqa: E402
from newsmirror.model import Article  # noqa: E402
from newsmirror.stories.cluster import ClusterConfig, Document, StoryClusterer, _dice  # noqa: E402
from newsmirror.stories.compare import shared_statements, statement_units, statement_weights  # noqa: E402
from newsmirror.stories.joincomplete import JOIN_FEATURES, join_probability  # noqa: E402
from newsmirror.stories.pairscore import PairModel  # noqa: E402


class MeasuredClusterer(StoryClusterer):
    """The shipped clusterer; each join pass also runs the small pass's two stages, timed, joining nothing."""

    def __init__(self, config: ClusterConfig, stage1: PairModel, top: float, documents: dict[str, Document]) -> None:
        super().__init__(config)
        self.stage1, self.top, self.documents = stage1, top, documents
        self.units: dict[str, list] = {}
        self.cpu: dict[str, float] = defaultdict(float)
        self.count: Counter[str] = Counter()

    def join_pairs(self, final: bool = False) -> list[tuple[float, str, str]]:
        done = {s.id for s in self.stories.values() if not s.closed and (final or self.complete(s))}
        fresh = done - self._judged
        scored = super().join_pairs(final)
        started = time.process_time()
        least, gap = self.config.join_least, self.config.join_gap
        candidates, seen = [], set()
        for story_id in sorted(fresh):
            story = self.stories[story_id]
            if len(story.members) >= least:
                continue
            for other in self.event_candidates(story):
                pair = (min(story.id, other.id), max(story.id, other.id))
                if other.id not in done or len(other.members) >= least or pair in seen:
                    continue
                seen.add(pair)
                if gap is not None and abs(story.first - other.first) > gap:
                    continue
                self.count["small pairs"] += 1
                probability = join_probability(self.stage1, self.top, story, other, self._is_name, _dice,
                                               self._event_weights, self._core_probability)
                if probability is not None and probability >= self.top:
                    candidates.append((story, other))
        self.cpu["stage 1"] += time.process_time() - started
        started = time.process_time()
        reports = {m.article_id for pair in candidates for s in pair for m in s.members}
        for article_id in reports - self.units.keys():
            d = self.documents[article_id]
            self.units[article_id] = statement_units(Article(outlet=d.outlet, title=d.title, original_url="",
                                                             id=d.id, body_text=d.text))
            self.count["reports read"] += 1
        self.cpu["units"] += time.process_time() - started
        started = time.process_time()
        weight = statement_weights(self.units[r] for r in sorted(reports))
        for a, b in candidates:
            self.count["candidates"] += 1
            if a.outlets & b.outlets:
                continue
            shared_statements([self.units[m.article_id] for m in a.members],
                              [self.units[m.article_id] for m in b.members], weight)
        self.cpu["weights and pairs"] += time.process_time() - started
        return scored


def stage1_model(cache_path: Path, l2: float = 1.0) -> PairModel:
    with cache_path.open("rb") as handle:
        cache: dict[str, Captured] = pickle.load(handle)
    weights, bias = fit_days([small(d) for d in cache.values()], l2, days_equal=True)
    return PairModel(tuple(float(x) for x in weights), float(bias), 0.5, JOIN_FEATURES)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True)
    parser.add_argument("--cache", type=Path, required=True, help="a days_join_fit.py --capture of the tuning days")
    parser.add_argument("--top", type=float, default=0.5)
    parser.add_argument("--articles", type=int)
    args = parser.parse_args()
    documents = [d for d, _ in store_stream(args.db)][: args.articles]
    clusterer = MeasuredClusterer(ClusterConfig(), stage1_model(args.cache), args.top, {d.id: d for d in documents})
    first = documents[0]
    clusterer.features(first.title, first.text)  # load the dictionaries before the clock starts
    cpu = 0.0
    for n, document in enumerate(documents, 1):
        started = time.process_time()
        clusterer.add(document)
        if n % 500 == 0:
            clusterer.link_events()
            clusterer.join_complete()
        if n == len(documents):
            clusterer.join_complete(final=True)
        cpu += time.process_time() - started
        clusterer.drain_merges()
    n = len(documents)
    print(f"{n:,} articles: clustering with the measured stages {1000 * cpu / n:.2f} ms/article CPU")
    for stage, seconds in clusterer.cpu.items():
        print(f"  {stage}: {1000 * seconds / n:.3f} ms/article")
    print(f"  small pass in all: {1000 * sum(clusterer.cpu.values()) / n:.3f} ms/article; "
          + ", ".join(f"{k} {v:,}" for k, v in clusterer.count.items()))


if __name__ == "__main__":
    main()
