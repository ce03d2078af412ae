"""Large whole-archive stories labelled member by member (``bench/days/big-stories.toml``): pick
them, print them for reading, and score any whole-archive grouping against the labels.

    python3 -m bench.big_eval pick --store STORE --root ARCHIVE --dump STORIES.json --out PICKED.json
    python3 -m bench.big_eval show --picked PICKED.json --root ARCHIVE [--lead 80] [L1 R3 ...]
    python3 -m bench.big_eval score --store STORE --root ARCHIVE --labels bench/days/big-stories.toml \\
        --dump main=STORIES.json --dump v=OTHER.json

STORIES.json is ``bench/stories_scale.py --db sqlite:STORE --dump`` output (article ids, largest story
first); ARCHIVE is the feed archive's checkout the store was imported from. Articles are tied to
files by the store's import bookkeeping (the hash of each file's bytes), so labels name files only.

Why pairs within labelled stories: one day's labels cannot see a story glued across days; these
stories are whole-archive ones, so their pairs say whether a grouping keeps two reports of one event
together (recall) and keeps reports of different events apart (precision) over several days. The
pairs are only those inside the labelled stories: a variant that moves a member into another,
unlabelled story loses its pairs (counted in recall) but gains no judged pair.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sqlite3
import sys
import tomllib
from collections import Counter
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.days.label_tool import read_post  # noqa: E402
from bench.days_eval import HELD_OUT_DAY, TEST_DAYS  # noqa: E402

_BEIJING = timezone(timedelta(hours=8))
# A story touching these days (or a day either side) is never picked: its texts must not be read.
_FORBIDDEN = frozenset(f"{date.fromisoformat(d) + timedelta(days=k):%Y-%m-%d}"
                       for d in (*TEST_DAYS, HELD_OUT_DAY) for k in (-1, 0, 1))


@dataclass(frozen=True, slots=True)
class LabelledStory:
    name: str
    events: dict[str, list[str]]  # event id -> files; a stray is an event of one file
    multi: list[str] = field(default_factory=list)  # multi-subject reports: in no pair


def load_labels(path: Path) -> list[LabelledStory]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    stories = []
    for story in data["story"]:
        events = {event["id"]: list(event["files"]) for event in story.get("event", [])}
        for n, single in enumerate(story.get("singles", []), 1):
            events[f"{story['name']}-single-{n}"] = [single]
        stories.append(LabelledStory(story["name"], events, [m["file"] for m in story.get("multi", [])]))
    return stories


def label_problems(stories: list[LabelledStory]) -> list[str]:
    problems, seen = [], Counter[str]()
    for story in stories:
        for files in story.events.values():
            seen.update(files)
        seen.update(story.multi)
    problems += [f"{name} is labelled {n} times" for name, n in seen.items() if n > 1]
    return problems


@dataclass(slots=True)
class Score:
    judged: int = 0  # labelled (non-multi) members found in the dump
    together: int = 0  # pairs of them in one story of the dump
    together_right: int = 0  # ... that are one event
    gold: int = 0  # same-event pairs
    splits: dict[str, list[int]] = field(default_factory=dict)  # story -> member counts per dump story
    per_story: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # story -> (together, right, gold)

    @property
    def precision(self) -> float:
        return self.together_right / self.together if self.together else 1.0

    @property
    def recall(self) -> float:
        return self.together_right / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    def macro(self) -> tuple[float, float]:
        """Precision and recall averaged over stories, each story weighing the same: the pooled
        figures are mostly the three largest stories' pairs."""
        precisions = [right / together if together else 1.0 for together, right, _ in self.per_story.values()]
        recalls = [right / gold if gold else 1.0 for _, right, gold in self.per_story.values()]
        return sum(precisions) / max(len(precisions), 1), sum(recalls) / max(len(recalls), 1)


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score(stories: list[LabelledStory], file_ids: dict[str, str], dump: list[list[str]]) -> Score:
    """Pairwise precision and recall of ``dump`` on the labelled members (``file_ids``: file -> article id)."""
    story_of = {article: n for n, members in enumerate(dump) for article in members}
    result = Score()
    for story in stories:
        placed: list[tuple[str, int]] = []  # (event, dump story) per member
        for event, files in story.events.items():
            for name in files:
                article = file_ids.get(name)
                if article is not None and article in story_of:
                    placed.append((event, story_of[article]))
        everyone = placed + [(f"multi:{name}", story_of[file_ids[name]]) for name in story.multi
                             if file_ids.get(name) in story_of]
        result.splits[story.name] = sorted(Counter(s for _, s in everyone).values(), reverse=True)
        result.judged += len(placed)
        together = right = gold = 0
        for (event_a, story_a), (event_b, story_b) in combinations(placed, 2):
            same_event, same_story = event_a == event_b, story_a == story_b
            gold += same_event
            together += same_story
            right += same_event and same_story
        result.per_story[story.name] = (together, right, gold)
        result.together += together
        result.together_right += right
        result.gold += gold
    return result


def _read_only(store: Path) -> sqlite3.Connection:
    # Read-only and below the store layer: opening a store through newsmirror may migrate it.
    return sqlite3.connect(f"file:{store}?mode=ro", uri=True)


def article_files(store: Path, root: Path) -> dict[str, list[str]]:
    """Article id -> the archive files (relative to ``root``) it was imported from."""
    paths = {hashlib.sha1(path.read_bytes()).hexdigest(): path.relative_to(root).as_posix()
             for path in sorted(root.rglob("*.md")) if ".git" not in path.parts}
    found: dict[str, list[str]] = {}
    with closing(_read_only(store)) as db:
        for digest, article in db.execute("SELECT hash, article_id FROM imported_files WHERE article_id IS NOT NULL"):
            if digest in paths:
                found.setdefault(article, []).append(paths[digest])
    # The archive's day folders first: labels name a day's file where there is one.
    return {article: sorted(files, key=lambda f: (not f.startswith("archived/"), f)) for article, files in found.items()}


def article_times(store: Path) -> dict[str, datetime]:
    with closing(_read_only(store)) as db:
        return {article: datetime.fromisoformat(published or fetched)
                for article, published, fetched in db.execute("SELECT id, published_at, fetched_at FROM articles")}


def _days(article_id: str, files: dict[str, list[str]], moments: dict[str, datetime]) -> set[str]:
    days = {Path(name).parent.name for name in files.get(article_id, [])}
    if article_id in moments:
        days |= {f"{moments[article_id].astimezone(zone):%Y-%m-%d}" for zone in (UTC, _BEIJING)}
    return days


def pick(stories: list[list[str]], files: dict[str, list[str]], moments: dict[str, datetime],
         largest: int = 12, drawn: int = 8, sizes: tuple[int, int] = (10, 40), seed: int = 31) -> dict[str, list[str]]:
    """The rule of bench/days_results.md (session 21, big12): the largest eligible stories and a
    seeded draw among eligible ones of ``sizes`` members; eligible = no member near a test day."""
    eligible = [s for s in stories if not any(_days(a, files, moments) & _FORBIDDEN for a in s)]
    chosen = {f"L{n}": story for n, story in enumerate(eligible[:largest], 1)}
    pool = [s for s in eligible[largest:] if sizes[0] <= len(s) <= sizes[1]]
    sample = random.Random(seed).sample(pool, min(drawn, len(pool)))
    chosen.update({f"R{n}": s for n, s in enumerate(sorted(sample, key=len, reverse=True), 1)})
    return chosen


def cmd_pick(args: argparse.Namespace) -> None:
    stories: list[list[str]] = json.loads(args.dump.read_text())["stories"]
    files = article_files(args.store, args.root)
    moments = article_times(args.store)
    chosen = pick(stories, files, moments)
    out = {name: [{"id": a, "files": files.get(a, []), "time": f"{moments[a]:%Y-%m-%d %H:%M}"} for a in members]
           for name, members in chosen.items()}
    args.out.write_text(json.dumps(out, ensure_ascii=False, indent=1))
    for name, members in out.items():
        missing = sum(not m["files"] for m in members)
        print(f"{name}: {len(members)} members, {missing} without a file")


def cmd_show(args: argparse.Namespace) -> None:
    picked = json.loads(args.picked.read_text())
    for name, members in picked.items():
        if args.names and name not in args.names:
            continue
        print(f"== {name}: {len(members)} members")
        for n, member in enumerate(sorted(members, key=lambda m: m["time"]), 1):
            if not member["files"]:
                print(f"  {n:3d} {member['time']} (no file) {member['id']}")
                continue
            if any(Path(f).parent.name in _FORBIDDEN for f in member["files"]):
                raise SystemExit(f"{name} touches a test or held-out day: not printed")
            post = read_post(args.root / member["files"][0])
            print(f"  {n:3d} {member['time']} {post.outlet[:10]}: {post.title[:90]} | {post.text[:args.lead]}")


def cmd_score(args: argparse.Namespace) -> None:
    stories = load_labels(args.labels)
    problems = label_problems(stories)
    if problems:
        raise SystemExit("\n".join(problems))
    file_ids = {name: article for article, names in article_files(args.store, args.root).items() for name in names}
    for item in args.dump:
        label, _, path = item.partition("=")
        result = score(stories, file_ids, json.loads(Path(path).read_text())["stories"])
        macro_p, macro_r = result.macro()
        print(f"{label}: {result.judged} labelled members; pairs together {result.together}, of them one event "
              f"{result.together_right}; same-event pairs {result.gold}; pooled P {result.precision:.3f} "
              f"R {result.recall:.3f} F1 {result.f1:.3f}; per story (mean) P {macro_p:.3f} R {macro_r:.3f} "
              f"F1 {_f1(macro_p, macro_r):.3f}")
        for name, (together, right, gold) in result.per_story.items():
            print(f"   {name:4s} P {right / together if together else 1:.3f} R {right / gold if gold else 1:.3f}  "
                  f"split " + "+".join(map(str, result.splits[name])))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("pick", help="choose the stories by the written rule")
    p.add_argument("--store", type=Path, required=True, help="the sqlite store the dump was made from")
    p.add_argument("--root", type=Path, required=True, help="the archive checkout the store was imported from")
    p.add_argument("--dump", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    s = commands.add_parser("show", help="print picked stories' members (file title and lead) for reading")
    s.add_argument("--picked", type=Path, required=True)
    s.add_argument("--root", type=Path, required=True)
    s.add_argument("--lead", type=int, default=80)
    s.add_argument("names", nargs="*")
    c = commands.add_parser("score", help="pairwise precision/recall of dumps on the labelled stories")
    c.add_argument("--store", type=Path, required=True)
    c.add_argument("--root", type=Path, required=True)
    c.add_argument("--labels", type=Path, default=Path(__file__).resolve().parent / "days" / "big-stories.toml")
    c.add_argument("--dump", action="append", required=True, metavar="NAME=FILE")
    args = parser.parse_args()
    {"pick": cmd_pick, "show": cmd_show, "score": cmd_score}[args.command](args)


if __name__ == "__main__":
    main()
