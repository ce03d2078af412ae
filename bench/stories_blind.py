"""A blind paired reading of two groupings of one store: the same drawn articles, both stories.

Two (or more) ``bench/stories_scale.py --dump`` files of the same store are compared by reading:
articles are drawn at random (fixed seed) among those in a story of at least ``--min-size``
members in any of the groupings, leaving out every article whose story in any grouping touches a
test day. For each draw the stories that contain the article in the two compared groupings are
printed as "A" and "B" in a random order per draw; the key (which is which) goes to a separate
file, to be opened only after every judgement is written. Identical stories print once, "same".

    python bench/stories_blind.py show --db sqlite:STORE --archive ARCHIVE \\
        --dump on=ON.json --dump off=OFF.json --seed S --draws-out DRAWS.json --key KEY.json
    python bench/stories_blind.py show ... --text D03 D07 --lead 150     # texts of some draws
    python bench/stories_blind.py show ... --dump off=OFF.json --dump v=V.json --draws-in DRAWS.json
        # the same draws, another pair of groupings (the draws were made with on and off)
    python bench/stories_blind.py show ... --differing     # only reports whose stories differ
    python bench/stories_blind.py tabulate --judgements JUDGED.toml --key KEY.json

Judgements (TOML, one table per draw): ``A``/``B`` (or ``same``) each "one", "single" (a story
of one report), "strays:N" (one event with N strays) or "mixed:K" (K events), per bench/days/GUIDE.md section 1, and ``better``:
"A", "B" or "equal".
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tomllib
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from bench.stories_read import on_test_day, show, test_day_articles  # noqa: E402
from newsmirror.store import open_store  # noqa: E402

Stories = list[list[str]]


def story_index(stories: Stories) -> dict[str, int]:
    return {article: n for n, story in enumerate(stories) for article in story}


def draw(groupings: list[Stories], hidden: set[str], min_size: int, seed: int, count: int,
         differing: bool = False) -> list[str]:
    """``count`` article ids, each from a different combination of stories (a second draw of the
    same stories would only repeat a judgement); a story is drawn in proportion to its size.
    ``differing``: only articles whose story is not the same in every grouping (when a variant
    changes few stories, a plain draw mostly prints identical stories and says nothing of it)."""
    indexes = [story_index(stories) for stories in groupings]
    touched = [{n for n, story in enumerate(stories) if hidden.intersection(story)} for stories in groupings]
    pool = sorted(article for article in indexes[0]
                  if all(article in index for index in indexes)
                  and any(len(stories[index[article]]) >= min_size for stories, index in zip(groupings, indexes, strict=True))
                  and not any(index[article] in bad for index, bad in zip(indexes, touched, strict=True))
                  and (not differing or len({frozenset(stories[index[article]])
                                             for stories, index in zip(groupings, indexes, strict=True)}) > 1))
    random.Random(seed).shuffle(pool)
    picked, seen = [], set()
    for article in pool:
        combination = tuple(index[article] for index in indexes)
        if combination not in seen:
            seen.add(combination)
            picked.append(article)
            if len(picked) == count:
                break
    return picked


def blind(names: tuple[str, str], draws: int, seed: int) -> list[tuple[str, str]]:
    """Per draw, which grouping is shown as A and which as B (a fair coin per draw)."""
    rng = random.Random(f"{seed}-{names[0]}-{names[1]}")
    return [names if rng.random() < 0.5 else (names[1], names[0]) for _ in range(draws)]


def tabulate(judgements: dict[str, dict[str, str]], key: dict[str, dict[str, str]]) -> tuple[
        dict[str, Counter[str]], Counter[str]]:
    """Per grouping, counts of one / strays / mixed; and the paired count (which grouping was better)."""
    verdicts: dict[str, Counter[str]] = {}
    paired: Counter[str] = Counter()
    for name, judged in judgements.items():
        shown = key[name]
        if "same" in judged:
            for grouping in (shown["A"], shown["B"]):
                verdicts.setdefault(grouping, Counter())[judged["same"].split(":")[0]] += 1
            paired["equal (same story)"] += 1
            continue
        for side in ("A", "B"):
            verdicts.setdefault(shown[side], Counter())[judged[side].split(":")[0]] += 1
        better = judged["better"]
        paired["equal" if better == "equal" else f"{shown[better]} better"] += 1
    return verdicts, paired


def _show(args: argparse.Namespace) -> None:
    named = [entry.split("=", 1) for entry in args.dump]
    groupings = {name: json.loads(Path(path).read_text())["stories"] for name, path in named}
    if len(groupings) != 2:
        raise SystemExit("give exactly two --dump NAME=FILE")
    names = (named[0][0], named[1][0])
    with open_store(args.db, create=False) as store:
        hidden = test_day_articles(store, args.archive)
        hidden |= {a.id for a in store.iter_articles() if on_test_day(a, hidden)}
        if args.draws_in:
            drawn = json.loads(args.draws_in.read_text())["articles"]
        else:
            drawn = draw(list(groupings.values()), hidden, args.min_size, args.seed, args.draws, args.differing)
            if args.draws_out:
                args.draws_out.write_text(json.dumps({"seed": args.seed, "articles": drawn}, indent=1))
        order = blind(names, len(drawn), args.seed)
        indexes = {name: story_index(stories) for name, stories in groupings.items()}
        key: dict[str, dict[str, str]] = {}
        for n, (article, (first, second)) in enumerate(zip(drawn, order, strict=True), 1):
            label = f"D{n:02d}"
            stories = [groupings[g][indexes[g][article]] for g in (first, second)]
            if any(hidden.intersection(story) for story in stories):
                raise SystemExit(f"{label} touches a test day: draw again (never printed)")
            same = sorted(stories[0]) == sorted(stories[1])
            key[label] = {"A": first, "B": second}
            if args.text and label not in args.text:
                continue
            for side, ids in ([("same", stories[0])] if same else [("A", stories[0]), ("B", stories[1])]):
                articles = [a for a in (store.get_article(i) for i in ids) if a is not None]
                show(f"{label} {side}", articles, hidden, bool(args.text), args.lead)
    if args.key:
        args.key.write_text(json.dumps(key, indent=1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    shown = commands.add_parser("show", help="draw and print the stories blind")
    shown.add_argument("--db", required=True, help="the grouped store (sqlite:PATH)")
    shown.add_argument("--dump", action="append", required=True, help="NAME=FILE, twice (stories_scale.py --dump)")
    shown.add_argument("--archive", type=Path, help="the archive's day folders (to recognise test-day files)")
    shown.add_argument("--seed", type=int, required=True)
    shown.add_argument("--draws", type=int, default=30)
    shown.add_argument("--min-size", type=int, default=5)
    shown.add_argument("--differing", action="store_true",
                       help="draw only articles whose story differs between the two groupings")
    shown.add_argument("--draws-out", type=Path, help="write the drawn article ids here")
    shown.add_argument("--draws-in", type=Path, help="reuse these drawn article ids (another pair of groupings)")
    shown.add_argument("--key", type=Path, help="write which grouping is A and B here (do not open before judging)")
    shown.add_argument("--text", nargs="*", default=[], help="draws (D03) whose texts to print")
    shown.add_argument("--lead", type=int, default=150, help="characters of text per member")
    table = commands.add_parser("tabulate", help="count the judgements once the key may be opened")
    table.add_argument("--judgements", type=Path, required=True)
    table.add_argument("--key", type=Path, required=True)
    args = parser.parse_args()
    if args.command == "show":
        _show(args)
        return
    judgements = tomllib.loads(args.judgements.read_text(encoding="utf-8"))
    verdicts, paired = tabulate(judgements, json.loads(args.key.read_text()))
    for grouping, counts in sorted(verdicts.items()):
        print(f"{grouping}: " + ", ".join(f"{kind} {counts[kind]}" for kind in ("one", "single", "strays", "mixed")))
    print("paired: " + ", ".join(f"{what} {count}" for what, count in sorted(paired.items())))


if __name__ == "__main__":
    main()
