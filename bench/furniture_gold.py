"""A gold sample of report units, furniture or statement, drawn independently of ``is_furniture``.

Units are what ``compare._sentences`` sees before its furniture filter: ``split_sentences`` of the
bodies of the articles of labelled stories told by 3+ outlets on the tuning days (the stories a
comparison is shown for). Two strata, so both kinds are present: half drawn among all units, half
among the short ones (<= 60 characters, where captions, credits and headings live).

    python3 -m bench.furniture_gold draw T --days <export>/archived > T.txt    # print units to label
    python3 -m bench.furniture_gold score bench/gold/furniture/labels-T.toml --days <export>/archived

``draw`` prints each unit with its neighbours and title and never a verdict of the code (the labels
are made by reading, bench/gold/furniture/README.md). ``score`` gives precision and recall of
"furniture" of ``compare.is_furniture`` (the tree's own ``src``) against the labels.
T (tuning) takes TUNING_DAYS[0::2], H (held) TUNING_DAYS[1::2]: H is only scored, never tuned on.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from bench.days_eval import TUNING_DAYS, load_day_labels  # noqa: E402

SAMPLES = {"T": TUNING_DAYS[0::2], "H": TUNING_DAYS[1::2]}
SEEDS = {"T": 3101, "H": 3102}
PER_STRATUM = 75
SHORT_CHARS = 60
MIN_OUTLETS = 3
LABELS = REPO / "bench" / "days"


@dataclass(frozen=True)
class Unit:
    day: str
    file: str
    index: int  # position in split_sentences(article.body_text)
    text: str
    title: str
    before: str
    after: str
    outlet: str = ""


def story_units(days: Path, day_list: tuple[str, ...]) -> list[Unit]:
    """Every unit of every article of a labelled 3+-outlet story of the given days (import order fixed by name)."""
    from newsmirror.jobs.importing import import_paths
    from newsmirror.store import open_store
    from newsmirror.text.sentences import split_sentences

    units: list[Unit] = []
    for day in day_list:
        labels = load_day_labels(LABELS / f"labels-{day}.toml")
        by_event: dict[str, list[str]] = defaultdict(list)
        for file, event in labels.events.items():
            by_event[event].append(file)
        files = sorted(f for members in by_event.values() if len(members) >= MIN_OUTLETS for f in members)
        with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "day.sqlite") as store:
            folder = days / day
            articles = {}
            for result in import_paths(store, [folder / f for f in files if (folder / f).is_file()]).results:
                if result.article_id:
                    article = store.get_article(result.article_id)
                    if article is not None:
                        articles[Path(result.path).name] = article
        for _event, members in sorted(by_event.items()):
            present = [articles[f] for f in members if f in articles]
            if len({a.outlet for a in present}) < MIN_OUTLETS:
                continue
            for file in sorted(members):
                if file not in articles:
                    continue
                article = articles[file]
                sentences = split_sentences(article.body_text)
                for i, text in enumerate(sentences):
                    units.append(Unit(day, file, i, text, article.title,
                                      sentences[i - 1] if i else "", sentences[i + 1] if i + 1 < len(sentences) else "",
                                      article.outlet))
    return units


def draw(sample: str, days: Path) -> list[tuple[str, Unit]]:
    units = story_units(days, SAMPLES[sample])
    rng = random.Random(SEEDS[sample])
    chosen: list[tuple[str, Unit]] = []
    seen: set[tuple[str, int]] = set()
    for stratum, pool in (("all", units), ("short", [u for u in units if len(u.text.strip()) <= SHORT_CHARS])):
        picked = 0
        for unit in rng.sample(pool, len(pool)):
            if picked == PER_STRATUM:
                break
            if (unit.file, unit.index) in seen:
                continue
            seen.add((unit.file, unit.index))
            chosen.append((stratum, unit))
            picked += 1
    return chosen


def _print_draw(sample: str, days: Path) -> None:
    for n, (stratum, u) in enumerate(draw(sample, days)):
        print(f"### {sample}{n:03d} [{stratum}] {u.day} | {u.file} | #{u.index}")
        print(f"    title : {u.title}")
        print(f"    before: {u.before[:120]}")
        print(f"    UNIT  : {u.text}")
        print(f"    after : {u.after[:120]}")
        print()


def load_labels(path: Path) -> list[dict[str, str | int]]:
    with path.open("rb") as handle:
        return list(tomllib.load(handle)["unit"])


def score(path: Path, days: Path, show: bool = False) -> dict[str, int]:
    """Confusion counts of ``is_furniture`` against the labels; the units are found again by file and index,
    and their quote must still match (so a changed splitter is noticed, not silently scored). Where the tree has
    ``outlet_furniture`` (session 69), a sentence its outlet's standing furniture is furniture too, as
    ``compare._unit_texts`` reads it."""
    from newsmirror.stories import compare

    labels = load_labels(path)
    day_list = tuple(sorted({str(item["day"]) for item in labels}))
    units = story_units(days, day_list)
    found = {(u.file, u.index): u for u in units}
    # The verdict _sentences uses: furniture_flags (neighbour-aware) where the tree has it.
    bodies: dict[str, list[Unit]] = defaultdict(list)
    for u in units:
        bodies[u.file].append(u)
    verdict: dict[tuple[str, int], bool] = {}
    for file, members in bodies.items():
        texts = [u.text for u in sorted(members, key=lambda u: u.index)]
        flags_of = getattr(compare, "furniture_flags", None)
        flags = flags_of(texts) if flags_of else [compare.is_furniture(t) for t in texts]
        standing = getattr(compare, "outlet_furniture", None)
        if standing is not None:
            outlet = members[0].outlet
            flags = [flag or standing(outlet, t) for flag, t in zip(flags, texts, strict=True)]
        verdict.update({(file, i): flag for i, flag in enumerate(flags)})
    counts: Counter[str] = Counter()
    for item in labels:
        unit = found.get((str(item["file"]), int(item["index"])))
        if unit is None or str(item["quote"]) not in unit.text:
            counts["missing"] += 1
            print(f"missing or changed: {item['id']}", file=sys.stderr)
            continue
        gold = item["verdict"] == "furniture"
        said = verdict[(unit.file, unit.index)]
        counts[("t" if said == gold else "f") + ("p" if said else "n")] += 1
        if show and said != gold:
            print(f"{'FP' if said else 'FN'} {item['id']} {item.get('kind', '')}: {unit.text[:100]}")
    return dict(counts)


def summary(counts: dict[str, int]) -> str:
    tp, fp, fn = counts.get("tp", 0), counts.get("fp", 0), counts.get("fn", 0)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return (f"furniture P {precision:.3f} ({tp}/{tp + fp}) R {recall:.3f} ({tp}/{tp + fn}); "
            f"statements dropped {fp}; units {sum(counts.values())} (missing {counts.get('missing', 0)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("draw", "score"))
    parser.add_argument("what", help="draw: T or H; score: a labels file")
    parser.add_argument("--days", type=Path, required=True, help="the export's archived/ folder")
    parser.add_argument("--show", action="store_true", help="score: list the disagreements")
    args = parser.parse_args()
    if args.command == "draw":
        _print_draw(args.what, args.days)
    else:
        print(summary(score(Path(args.what), args.days, args.show)))


if __name__ == "__main__":
    main()
