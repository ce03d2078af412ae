"""The event layer's links over a window of a store, listed for reading (unlabelled data; bench only).

The whole-archive run (``stories_scale.py --db``) shows the largest stories but not how they grew. This
streams the articles of one time window of a store through the clusterer as ``stories_scale`` does (a
``link_events`` pass every 500 articles, so start the window a few days before the stories of interest:
a story lives at most ``max_span``), and prints every link the layer makes: the probability, both
stories' sizes and first titles, so a reader can tell a side story of the event from a neighbouring event.

    python bench/event_links_window.py --db sqlite:STORE --since 2020-09-25 --until 2020-10-03 [--cache W.pickle]

Do not pass a window holding a held-out or test day (``days_eval.TEST_DAYS``, 2020-11-18): its titles print.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench.days_eval import HELD_OUT_DAY, TEST_DAYS  # noqa: E402
from newsmirror.stories.cluster import ClusterConfig, Document, StoryClusterer, _StoryState  # noqa: E402


def window(db: str, since: date, until: date, cache: Path | None) -> list[Document]:
    if cache is not None and cache.exists():
        with cache.open("rb") as handle:
            documents: list[Document] = pickle.load(handle)
        return documents
    from bench.stories_scale import store_stream

    documents = [d for d, _ in store_stream(db) if since <= d.time.date() <= until]
    if cache is not None:
        with cache.open("wb") as handle:
            pickle.dump(documents, handle)
    return documents


def describe(story: _StoryState, titles: dict[str, str], shown: int) -> str:
    members = story.members[:shown]
    return f"[{len(story.members)}] " + " | ".join(titles[m.article_id][:34] for m in members)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True)
    parser.add_argument("--since", type=date.fromisoformat, required=True)
    parser.add_argument("--until", type=date.fromisoformat, required=True)
    parser.add_argument("--cache", type=Path, help="keep the window's documents here (the store is slow to read)")
    parser.add_argument("--shown", type=int, default=4, help="titles shown per story")
    parser.add_argument("--offset", type=int, default=0,
                        help="articles of the whole store before the window, so the passes fall where a whole run's do")
    parser.add_argument("--config", default="{}", help="ClusterConfig fields as JSON, e.g. '{\"event_chain\": true}'")
    parser.add_argument("--dump", type=Path, help="write the stories (article ids, largest first) as stories_scale does")
    parser.add_argument("--min-size", type=int, default=8, help="list links whose merged story reaches this size")
    args = parser.parse_args()
    protected = {date.fromisoformat(d) for d in (*TEST_DAYS, HELD_OUT_DAY)}
    if any(args.since <= d <= args.until for d in protected):
        raise SystemExit("the window holds a held-out or test day: refused")
    documents = window(args.db, args.since, args.until, args.cache)
    titles = {d.id: d.title for d in documents}
    clusterer = StoryClusterer(ClusterConfig(**json.loads(args.config)))
    members: dict[str, list[str]] = {}
    for n, document in enumerate(documents, 1):
        assignment = clusterer.add(document)
        members.setdefault(assignment.story_id, []).append(document.id)
        for small, big in clusterer.drain_merges():  # merges as a report joins (not the layer's)
            if min(len(members.get(small, [])), len(members.get(big, []))) >= args.min_size // 2:
                print(f"{document.time:%m-%d %H:%M} report-level merge")
                for story in (big, small):
                    print(f"    [{len(members[story])}] " + " | ".join(titles[m][:34] for m in members[story][:args.shown]))
            members.setdefault(big, []).extend(members.pop(small, []))
        if (n + args.offset) % 500 and n != len(documents):
            continue
        changed = set(clusterer._relink)
        before = {s.id: (s, describe(s, titles, args.shown)) for s in clusterer.stories.values()}
        pairs = [p for p in clusterer.event_pairs(changed) if p[0] >= clusterer.event_probability]
        clusterer.link_events()
        for small, big in clusterer.drain_merges():
            members.setdefault(big, []).extend(members.pop(small, []))
        for probability, a, b in sorted(pairs, reverse=True):
            sa, sb = before[a][0], before[b][0]
            if len(sa.members) + len(sb.members) < args.min_size:
                continue
            print(f"{document.time:%m-%d %H:%M} p={probability:.3f}")
            print(f"    {before[a][1]}\n    {before[b][1]}")
    if args.dump:
        ranked = sorted(members.values(), key=len, reverse=True)
        args.dump.write_text(json.dumps({"source": f"window {args.since}..{args.until}", "stories": ranked}))
    final = sorted(clusterer.stories.values(), key=lambda s: len(s.members), reverse=True)[:8]
    for story in final:
        print(describe(story, titles, 6))


if __name__ == "__main__":
    main()
