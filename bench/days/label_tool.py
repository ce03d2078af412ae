"""Help a person label a day of the feed archive by reading: list posts compactly, check labels.

    python3 bench/days/label_tool.py list 2020-08-04 [--sort time|name|outlet] [--grep WORD] [--lead 80]
    python3 bench/days/label_tool.py show 2020-08-04 FILE-OR-NUMBER [--chars 3000]
    python3 bench/days/label_tool.py check bench/days/labels-2020-08-04.toml
    python3 bench/days/label_tool.py check-facts bench/days/facts.toml
    python3 bench/days/label_tool.py candidates bench/days/labels-2020-08-04.toml [--min 0.25]

The archive folder defaults to ../shared/days/zhouxiang93123-waimei/archived beside the
repository (``--archive`` to change it). The format of the label files is in GUIDE.md.
This tool reads the posts directly; it deliberately uses nothing of ``newsmirror.stories`` so
the labels stay independent of the grouping they score.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
DEFAULT_ARCHIVE = REPO.parent / "shared" / "days" / "zhouxiang93123-waimei" / "archived"
TAG = re.compile(r"<[^>]+>")
NOT_CJK = re.compile(r"[\W\x00-\x7f]")
SPACE = re.compile(r"\s+")
MULTI_KINDS = {"briefing", "market", "live", "weekly", "roundup"}


@dataclass(frozen=True)
class Post:
    name: str
    title: str
    outlet: str
    time: str
    source_url: str
    text: str


def _front_matter(raw: str) -> tuple[dict[str, str], str]:
    """Split a Jekyll post into its front-matter fields (flat ``key: value``) and body."""
    if not raw.startswith("---"):
        return {}, raw
    end = raw.find("\n---", 3)
    if end < 0:
        return {}, raw
    fields: dict[str, str] = {}
    for line in raw[3:end].splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith(" "):
            fields[key.strip()] = value.strip().strip('"')
    return fields, raw[end + 4:]


def plain_text(body: str) -> str:
    """The post's text without HTML tags and without the feed's title link header."""
    lines = body.splitlines()
    # The feed writes "<!--ms-->", "[title](url)" and "------" before the article itself.
    while lines and (not lines[0].strip() or lines[0].startswith(("<!--", "[", "------"))):
        lines.pop(0)
    return SPACE.sub(" ", html.unescape(TAG.sub(" ", "\n".join(lines)))).strip()


def read_post(path: Path) -> Post:
    fields, body = _front_matter(path.read_text(encoding="utf-8", errors="replace"))
    return Post(name=path.name, title=fields.get("title", ""), outlet=fields.get("author", "?"),
                time=fields.get("date", "")[:16].replace("T", " "), source_url=fields.get("from", ""),
                text=plain_text(body))


def day_posts(archive: Path, day: str) -> list[Post]:
    folder = archive / day
    if not folder.is_dir():
        raise SystemExit(f"no such day folder: {folder} (give --archive the 'archived' folder)")
    return [read_post(path) for path in sorted(folder.glob("*.md"))]


def cmd_list(args: argparse.Namespace) -> int:
    posts = day_posts(args.archive, args.day)
    numbered = list(enumerate(posts, 1))
    if args.grep:
        needles = [word.lower() for word in args.grep]
        numbered = [(n, p) for n, p in numbered
                    if any(w in (p.title + " " + p.text[:args.grep_chars]).lower() for w in needles)]
    key = {"time": lambda np: np[1].time, "outlet": lambda np: (np[1].outlet, np[1].time),
           "name": lambda np: np[1].name}[args.sort]
    for number, post in sorted(numbered, key=key):
        lead = post.text[:args.lead]
        print(f"{number:4d} {post.time[5:]} [{post.outlet[:10]}] {post.name[11:-3]} | {lead}")
    print(f"-- {len(numbered)} of {len(posts)} posts of {args.day}", file=sys.stderr)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    posts = day_posts(args.archive, args.day)
    for which in args.files:
        post = posts[int(which) - 1] if which.isdigit() else next(
            (p for p in posts if p.name == which or p.name[11:-3] == which), None)
        if post is None:
            print(f"!! not found: {which}")
            continue
        print(f"== {post.name}\n   {post.outlet} {post.time} {post.source_url}\n{post.text[:args.chars]}\n")
    return 0


def label_problems(data: dict[str, Any], known_files: set[str] | None = None) -> tuple[list[str], dict[str, str]]:
    """Problems of a parsed label file that need no posts (ids, sizes, a file in two places, a
    file name of another day; with ``known_files``, files missing from the day), and where each
    labelled file was put."""
    day = str(data.get("day", ""))
    problems: list[str] = []
    where: dict[str, str] = {}
    ids: set[str] = set()

    def place(name: str, label: str) -> None:
        if known_files is not None and name not in known_files:
            problems.append(f"{label}: no such file in {day}: {name}")
        elif not name.startswith(f"{day}-"):
            problems.append(f"{label}: not a file of {day}: {name}")
        elif name in where:
            problems.append(f"{name}: in {where[name]} and in {label}")
        else:
            where[name] = label

    for event in data.get("event", []):
        event_id = str(event.get("id", ""))
        if not event_id or event_id in ids:
            problems.append(f"event id missing or repeated: {event_id!r}")
        ids.add(event_id)
        files = event.get("files", [])
        if len(files) < 2:
            problems.append(f"event {event_id}: fewer than 2 files")
        if not event.get("title"):
            problems.append(f"event {event_id}: no title")
        for name in files:
            place(name, f"event {event_id}")
    for multi in data.get("multi", []):
        place(str(multi.get("file", "")), "multi")
        if multi.get("kind") not in MULTI_KINDS:
            problems.append(f"multi {multi.get('file')}: kind must be one of {sorted(MULTI_KINDS)}")
        for event_id in multi.get("events", []):
            if event_id not in ids:
                problems.append(f"multi {multi.get('file')}: unknown event {event_id}")
    return problems, where


def check_labels(path: Path, archive: Path) -> list[str]:
    """Problems of one label file (empty list when valid); prints the counts."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    day = str(data.get("day", ""))
    posts = {p.name: p for p in day_posts(archive, day)}
    problems, where = label_problems(data, set(posts))
    events = data.get("event", [])
    multis = data.get("multi", [])
    by_url: dict[str, list[str]] = defaultdict(list)
    for post in posts.values():
        if post.source_url:
            by_url[post.source_url].append(post.name)
    for url, names in by_url.items():
        labels = {where.get(n, "solo:" + n) for n in names}
        kinds = {label.split(" ")[0] for label in labels}
        if len(names) > 1 and len(labels) > 1 and kinds != {"multi"}:
            problems.append(f"same from: URL {url} but different labels: {sorted(labels)}")
    in_events = sum(len(e.get("files", [])) for e in events)
    sizes = Counter(len(e.get("files", [])) for e in events)
    singletons = len(posts) - in_events - len(multis)
    print(f"{path.name}: day {day}: {len(posts)} posts, {len(events)} events holding {in_events} files "
          f"(sizes {dict(sorted(sizes.items()))}), {len(multis)} multi-event reports, {singletons} singletons")
    return problems


def _bigrams(post: Post, chars: int = 300) -> set[str]:
    """Character bigrams of the CJK part of title and lead (Latin text is left out: its letter
    bigrams make every two English posts look alike)."""
    text = NOT_CJK.sub("", post.title + post.text[:chars])
    return {text[i:i + 2] for i in range(len(text) - 1)}


def candidate_pairs(path: Path, archive: Path, minimum: float) -> list[tuple[float, int, Post, str, int, Post, str]]:
    """Pairs of posts labelled apart whose title and lead share many bigrams: a recall aid for a
    second reading, never a labelling rule (most candidates share a topic, not an event)."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    label: dict[str, str] = {}
    for event in data.get("event", []):
        for name in event.get("files", []):
            label[name] = str(event.get("id"))
    multis = {str(multi.get("file")) for multi in data.get("multi", [])}
    posts = [p for p in day_posts(archive, str(data.get("day", ""))) if p.name not in multis]
    numbers = {post.name: n for n, post in enumerate(day_posts(archive, str(data.get("day", ""))), 1)}
    grams = {post.name: _bigrams(post) for post in posts}
    pairs = []
    for i, first in enumerate(posts):
        for second in posts[i + 1:]:
            first_label, second_label = label.get(first.name, ""), label.get(second.name, "")
            if first_label and first_label == second_label:
                continue
            a, b = grams[first.name], grams[second.name]
            if min(len(a), len(b)) < 20:  # almost no Chinese text: any overlap is chance
                continue
            overlap = len(a & b) / max(1, min(len(a), len(b)))
            if overlap >= minimum:
                pairs.append((overlap, numbers[first.name], first, first_label or "-", numbers[second.name], second,
                              second_label or "-"))
    return sorted(pairs, key=lambda pair: -pair[0])


def cmd_candidates(args: argparse.Namespace) -> int:
    for overlap, n1, p1, l1, n2, p2, l2 in candidate_pairs(args.labels, args.archive, args.min)[:args.top]:
        print(f"{overlap:.2f}  {n1:4d} [{l1}] {p1.title[:36]}  <>  {n2:4d} [{l2}] {p2.title[:36]}")
    return 0


def _check_sentence(post_texts: dict[str, str], file: str, text: str, where: str) -> list[str]:
    if file not in post_texts:
        return [f"{where}: file not in the story's files: {file}"]
    if text not in post_texts[file]:
        return [f"{where}: text not found in {file}: {text!r}"]
    return []


def check_facts(path: Path, archive: Path, labels_dir: Path) -> list[str]:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    problems: list[str] = []
    facts = links = 0
    for story in data.get("story", []):
        day, event = str(story.get("day")), str(story.get("event"))
        label_file = next((p for p in (labels_dir / f"labels-{day}.toml", labels_dir / "test" / f"labels-{day}.toml")
                           if p.exists()), None)
        members: set[str] = set()
        if label_file is None:
            problems.append(f"{event}: no label file for {day}")
        else:
            with label_file.open("rb") as handle:
                events = {e["id"]: e for e in tomllib.load(handle).get("event", [])}
            if event not in events:
                problems.append(f"{event}: no such event in {label_file.name}")
            else:
                members = set(events[event]["files"])
        files = story.get("files", [])
        for name in files:
            if members and name not in members:
                problems.append(f"{event}: {name} is not a member of the event")
        posts = {p.name: p for p in day_posts(archive, day) if p.name in files}
        texts = {name: post.title + " " + post.text for name, post in posts.items()}
        seen: set[tuple[str, str]] = set()
        for fact in story.get("fact", []):
            sentences = fact.get("sentences", [])
            facts += 1
            if len({s["file"] for s in sentences}) < 2:
                problems.append(f"{event}/{fact.get('id')}: needs sentences of at least 2 files")
            per_file = Counter(s["file"] for s in sentences)
            links += sum(a * b for a, b in _pairs(list(per_file.values())))
            for sentence in sentences:
                problems += _check_sentence(texts, sentence["file"], sentence["text"], f"{event}/{fact.get('id')}")
                key = (sentence["file"], sentence["text"])
                if key in seen:
                    problems.append(f"{event}: sentence in two facts: {key}")
                seen.add(key)
        for only in story.get("only", []):
            problems += _check_sentence(texts, only["file"], only["text"], f"{event}/only")
        for names in story.get("names", []):
            for name in names.get("names", []):
                problems += _check_sentence(texts, names["file"], name, f"{event}/names")
    print(f"{path.name}: {len(data.get('story', []))} stories, {facts} facts, {links} same-fact sentence pairs")
    return problems


def _pairs(values: list[int]) -> list[tuple[int, int]]:
    return [(values[i], values[j]) for i in range(len(values)) for j in range(i + 1, len(values))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE, help="the 'archived' folder of days")
    sub = parser.add_subparsers(dest="command", required=True)
    listing = sub.add_parser("list", help="one line per post: number, time, outlet, title | lead")
    listing.add_argument("day")
    listing.add_argument("--sort", choices=["name", "time", "outlet"], default="name")
    listing.add_argument("--grep", nargs="+", help="keep posts whose title or lead contains any of these words")
    listing.add_argument("--grep-chars", type=int, default=400, help="how much of the text --grep searches")
    listing.add_argument("--lead", type=int, default=80, help="characters of text shown after the title")
    show = sub.add_parser("show", help="the text of posts (by number from 'list' or by file name)")
    show.add_argument("day")
    show.add_argument("files", nargs="+")
    show.add_argument("--chars", type=int, default=1500)
    check = sub.add_parser("check", help="validate a labels-<day>.toml")
    check.add_argument("labels", type=Path, nargs="+")
    facts = sub.add_parser("check-facts", help="validate a facts toml")
    facts.add_argument("facts", type=Path, nargs="+")
    candidates = sub.add_parser("candidates", help="pairs labelled apart that look alike: re-read them")
    candidates.add_argument("labels", type=Path)
    candidates.add_argument("--min", type=float, default=0.25, help="share of common CJK bigrams")
    candidates.add_argument("--top", type=int, default=60)
    args = parser.parse_args(argv)
    if args.command == "list":
        return cmd_list(args)
    if args.command == "show":
        return cmd_show(args)
    if args.command == "candidates":
        return cmd_candidates(args)
    problems: list[str] = []
    if args.command == "check":
        for path in args.labels:
            problems += check_labels(path, args.archive)
    else:
        for path in args.facts:
            problems += check_facts(path, args.archive, Path(__file__).resolve().parent)
    for problem in problems:
        print("!!", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
