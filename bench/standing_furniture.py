"""What an outlet's standing furniture (``text/outlet_furniture.tsv``, ``compare.outlet_furniture``) cuts from the
comparisons of a whole-archive grouping or of the tuning days' labelled stories (session 69, boiler69).

A story is compared when its reports come from two outlets or more. Its units are ``compare._unit_texts`` of each
report (the comparison's own reading): before is the same reading without the table (the sentences the table names
stay units), after is the tree's. Counted: units and stories holding a unit the table cuts; the kinds furniture68's
census flags (``bench/furniture_markers.KINDS``: a programme's pointer, a service notice) before and after; and
``--read N`` cut sentences drawn at random (``--seed``) among every cut one, printed with the report's title and the
sentences beside it, to be read (precision by reading).

    PYTHONPATH=src:. python3 -m bench.standing_furniture archive --store STORE --dump DUMP.json [--read 30]
    PYTHONPATH=src:. python3 -m bench.standing_furniture days --days <extra-days>/archived [--read 0 --list]

``archive``: STORE is a SQLite store of the whole archive (a copy: the store is opened, read only by this script),
DUMP its grouping (``bench/stories_scale.py --dump``). A story with a report dated within 3 days of a held-out, test
or fresh day, or read from a file of any only-X sample, is left out (never read). ``days``: the labelled stories of
2+ outlets of ``days_eval.TUNING_DAYS`` (tuning data).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path
from typing import TYPE_CHECKING

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench.days_eval import TUNING_DAYS, load_day_labels  # noqa: E402
from bench.furniture_markers import KINDS  # noqa: E402
from bench.mine_furniture import SAMPLES, UNSEEN_DAYS  # noqa: E402
from bench.mine_name_usage import held_files  # noqa: E402
from bench.train_vectors import excluded_dates  # noqa: E402

if TYPE_CHECKING:
    from newsmirror.model import Article

LABELS = REPO / "bench" / "days"
FORBIDDEN = frozenset(excluded_dates(3, UNSEEN_DAYS))  # the unseen days +-3, as the miners leave them out


@dataclass(frozen=True)
class Cut:
    story: str
    outlet: str
    title: str
    before: str
    text: str
    after: str


@dataclass
class Tally:
    stories: int = 0
    units_before: int = 0
    units_after: int = 0
    stories_cut: int = 0
    units_cut: int = 0
    kinds_before: Counter[str] | None = None
    kinds_after: Counter[str] | None = None
    stories_kind_before: Counter[str] | None = None
    stories_kind_after: Counter[str] | None = None


def story_cuts(name: str, articles: Sequence[Article], tally: Tally, cuts: list[Cut]) -> None:
    """Add one compared story's units before and after the table to ``tally``, its cut sentences to ``cuts``."""
    from newsmirror.stories import compare
    from newsmirror.stories.bounds import bounded_reports

    assert tally.kinds_before is not None and tally.kinds_after is not None
    assert tally.stories_kind_before is not None and tally.stories_kind_after is not None
    tally.stories += 1
    cut_here = False
    kinds_before: set[str] = set()
    kinds_after: set[str] = set()
    for article in bounded_reports(articles):
        after = [text for _n, text in compare._unit_texts(article)]
        sentences, pictured = compare._body_sentences(article)
        standing = {k for k, s in enumerate(sentences) if k not in pictured and not compare.is_furniture(s)
                    and compare.outlet_furniture(article.outlet, s)}
        before_extra = [part for k in sorted(standing) for part in compare._clauses(compare.strip_picture_marks(sentences[k]))]
        tally.units_after += len(after)
        tally.units_before += len(after) + len(before_extra)
        tally.units_cut += len(before_extra)
        for kind, pattern in KINDS.items():
            n_after = sum(1 for text in after if pattern.search(text))
            n_before = n_after + sum(1 for text in before_extra if pattern.search(text))
            tally.kinds_after[kind] += n_after
            tally.kinds_before[kind] += n_before
            if n_after:
                kinds_after.add(kind)
            if n_before:
                kinds_before.add(kind)
        for k in sorted(standing):
            cut_here = True
            cuts.append(Cut(name, article.outlet, article.title, sentences[k - 1] if k else "", sentences[k],
                            sentences[k + 1] if k + 1 < len(sentences) else ""))
    tally.stories_cut += cut_here
    tally.stories_kind_before.update(kinds_before)
    tally.stories_kind_after.update(kinds_after)


def new_tally() -> Tally:
    return Tally(kinds_before=Counter(), kinds_after=Counter(), stories_kind_before=Counter(),
                 stories_kind_after=Counter())


def archive_stories(store_path: Path, dump: Path) -> Iterator[tuple[str, list[Article]]]:
    """The dump's stories of 2+ outlets, none touching an unseen day +-3 or a sample's file, with their articles."""
    from newsmirror.store import open_store

    held = held_files(SAMPLES)
    stories: list[list[str]] = json.loads(dump.read_text())["stories"]
    with open_store(store_path) as store:
        for n, members in enumerate(stories):
            if len(members) < 2:
                continue
            articles = [a for a in (store.get_article(i) for i in members) if a is not None]
            if len({a.outlet for a in articles}) < 2:
                continue
            if any(_day(a) in FORBIDDEN for a in articles):
                continue
            if any(Path(store.article_origin(a.id) or "").name in held for a in articles):
                continue
            yield f"S{n}", articles


def _day(article: Article) -> str:
    stamp = article.published_at
    return stamp.astimezone(UTC).date().isoformat() if stamp is not None else ""


def day_stories(days: Path) -> Iterator[tuple[str, list[Article]]]:
    """The labelled stories of 2+ outlets of the tuning days (tuning data)."""
    from newsmirror.jobs.importing import import_paths
    from newsmirror.store import open_store

    for day in TUNING_DAYS:
        labels = load_day_labels(LABELS / f"labels-{day}.toml")
        by_event: dict[str, list[str]] = defaultdict(list)
        for file, event in labels.events.items():
            by_event[event].append(file)
        folder = days / day
        files = sorted(f for members in by_event.values() if len(members) >= 2 for f in members)
        with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "day.sqlite") as store:
            articles = {}
            for result in import_paths(store, [folder / f for f in files if (folder / f).is_file()]).results:
                if result.article_id and (article := store.get_article(result.article_id)) is not None:
                    articles[Path(result.path).name] = article
        for event, members in sorted(by_event.items()):
            present = [articles[f] for f in sorted(members) if f in articles]
            if len({a.outlet for a in present}) >= 2:
                yield f"{day}/{event}", present


def report(stories: Iterable[tuple[str, list[Article]]], read: int, seed: int, listing: bool) -> None:
    tally = new_tally()
    cuts: list[Cut] = []
    for name, articles in stories:
        story_cuts(name, articles, tally, cuts)
    assert tally.kinds_before is not None and tally.kinds_after is not None
    assert tally.stories_kind_before is not None and tally.stories_kind_after is not None
    print(f"compared stories: {tally.stories}; units before {tally.units_before}, after {tally.units_after}")
    print(f"stories holding a unit the table cuts: {tally.stories_cut}; units cut: {tally.units_cut} "
          f"({len({(c.outlet, c.text) for c in cuts})} distinct sentences)")
    for kind in KINDS:
        print(f"census kind {kind}: units {tally.kinds_before[kind]} -> {tally.kinds_after[kind]}, "
              f"stories {tally.stories_kind_before[kind]} -> {tally.stories_kind_after[kind]}")
    by_text = Counter((c.outlet, c.text) for c in cuts)
    print("cut sentences, most often first:")
    for (outlet, text), n in by_text.most_common(None if listing else 15):
        print(f"  {n}\t{outlet}\t{text[:100]}")
    if read:
        print(f"{read} cut sentences drawn at random (seed {seed}), to read:")
        for k, c in enumerate(random.Random(seed).sample(cuts, min(read, len(cuts)))):
            print(f"### R{k:02d} {c.story} | {c.outlet} | {c.title[:60]}")
            print(f"    before: {c.before[:100]}")
            print(f"    CUT   : {c.text}")
            print(f"    after : {c.after[:100]}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    whole = commands.add_parser("archive", help="a whole-archive store and its grouping's dump")
    whole.add_argument("--store", type=Path, required=True)
    whole.add_argument("--dump", type=Path, required=True)
    days = commands.add_parser("days", help="the tuning days' labelled stories of 2+ outlets")
    days.add_argument("--days", type=Path, required=True, help="the exported day folders (archived/)")
    for sub in (whole, days):
        sub.add_argument("--read", type=int, default=30, help="cut sentences to draw for reading")
        sub.add_argument("--seed", type=int, default=69)
        sub.add_argument("--list", action="store_true", help="list every distinct cut sentence")
    args = parser.parse_args(argv)
    stories = (archive_stories(args.store, args.dump) if args.command == "archive" else day_stories(args.days))
    report(stories, args.read, args.seed, args.list)


if __name__ == "__main__":
    main()
