"""Agreement between two annotators' fact labels of the same stories (GUIDE.md section 3).

    python3 bench/days/fact_agreement.py FIRST.toml SECOND.toml [--archive ARCHIVED_FOLDER] [--show]

The same-fact links of each annotator are the pairs of quotes of one fact group from two different files. Two
annotators seldom quote exactly the same characters (one quotes a clause, the other the whole sentence), so each quote
is placed on the unit a system would see it in, as ``fact_labels.matching_quote`` and ``days_facts_eval`` place them:
the post's title + text cut into sentences (on 。！？!?；; with closing quotes, as the comparison's sentences are cut), a
quote going to the sentence that contains it (whitespace removed), or, when it spans two, to the one holding its longest
beginning. A link is a pair of units of two files. Then, for each story in both files and pooled, each way:

* recall: share of the gold annotator's links the other annotator also makes;
* precision: share of the other annotator's links that are gold links, among those *judged*: both units hold a quote of
  a gold fact group (the issue's precision: a link touching a sentence the gold did not quote is not judged), and, apart,
  the links touching a unit the gold lists as a one-outlet fact (``[[story.only]]``: wrong by the gold, unjudged above);
* the one-outlet facts (units listed by both, by one only, and those one lists as ``only`` that the other links);
* names, per file, after script folding (OpenCC Traditional to Simplified, whitespace removed, case folded).

``--show`` prints every link one annotator makes and the other does not, with a first sorting by kind: the other
annotator quoted both units in two different facts (``split``: they did not join them), quoted one of them or neither
(``unquoted``), or listed one as a one-outlet fact (``only``). Like label_tool.py it reads label files and the day
folders only; nothing of newsmirror. Test and fresh fact files (``days_facts_eval.FRESH_FACT_FILES``) are refused.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

# Run as a script from anywhere: the repository root holds the label readers (no newsmirror code).
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.days.fact_labels import FactStory, load_fact_stories  # noqa: E402
from bench.days.fact_labels import _name_key as fold_name  # noqa: E402  (the folding other_outlets_name uses)
from bench.days.label_tool import DEFAULT_ARCHIVE, read_post  # noqa: E402
from bench.days_facts_eval import refuse_never_tuned_on  # noqa: E402  (no newsmirror import at module level)

# A sentence ends at 。！？!?；; (with the closing quotes and brackets after it), or at an ellipsis; a semicolon inside
# brackets ends nothing. The comparison's own splitter (newsmirror.text.sentences) follows the same rule; it is
# written again here so that this tool leans on nothing of the code the labels score.
_END = re.compile(r"([。！？!?；;]+|…{2,}|\.{3,})([」』”’\"'）)\]]*)")
_SPACE = re.compile(r"\s+")
_OPENING, _CLOSING = "（(【", "）)】"
MIN_BEGINNING = 6  # a quote over two sentences goes to the one holding its longest beginning, of this many characters

Unit = tuple[str, int]  # (file, sentence index; 0 is the title)
Link = frozenset[Unit]


def squeeze(text: str) -> str:
    return _SPACE.sub("", text)


def _bracket_open(text: str, start: int, at: int) -> bool:
    depth = 0
    for char in text[start:at]:
        if char in _OPENING:
            depth += 1
        elif char in _CLOSING and depth:
            depth -= 1
    return depth > 0 and any(char in _CLOSING for char in text[at:])


def split_units(text: str) -> list[str]:
    """The sentences of a post's text, in order, stripped (empty pieces dropped)."""
    pieces: list[str] = []
    start = 0
    for match in _END.finditer(text):
        if set(match.group(1)) <= set("；;") and _bracket_open(text, start, match.start()):
            continue
        pieces.append(text[start:match.end()])
        start = match.end()
    pieces.append(text[start:])
    return [piece.strip() for piece in pieces if piece.strip()]


def post_units(archive: Path, day: str, file: str) -> list[str]:
    """The title (unit 0), then the sentences of the text, as label_tool reads the post."""
    post = read_post(archive / day / file)
    return [post.title, *split_units(post.text)]


UnitReader = Callable[[str, str], list[str]]  # (day, file) -> units


def locate(units: list[str], text: str) -> int | None:
    """The unit holding a quote: the one containing it (whitespace ignored), else the one holding its longest
    beginning of at least MIN_BEGINNING characters."""
    keys = [squeeze(unit) for unit in units]
    key = squeeze(text)
    whole = next((n for n, unit_key in enumerate(keys) if key in unit_key), None)
    if whole is not None:
        return whole
    for size in range(len(key) - 1, MIN_BEGINNING - 1, -1):
        found = next((n for n, unit_key in enumerate(keys) if key[:size] in unit_key), None)
        if found is not None:
            return found
    return None


@dataclass
class Placed:
    """One annotator's labels of one story, placed on units."""

    facts: dict[str, set[Unit]]  # fact id -> its units
    only: set[Unit]
    names: dict[str, set[str]]  # file -> folded names
    unplaced: list[tuple[str, str]] = field(default_factory=list)  # quotes no unit holds

    def links(self) -> set[Link]:
        return {frozenset((a, b)) for units in self.facts.values()
                for a, b in combinations(sorted(units), 2) if a[0] != b[0]}

    def quoted(self) -> set[Unit]:
        return {unit for units in self.facts.values() for unit in units}

    def fact_of(self) -> dict[Unit, set[str]]:
        owners: dict[Unit, set[str]] = {}
        for fact, units in self.facts.items():
            for unit in units:
                owners.setdefault(unit, set()).add(fact)
        return owners


def place(story: FactStory, units_of: UnitReader) -> Placed:
    cache: dict[str, list[str]] = {}

    def where(file: str, text: str, unplaced: list[tuple[str, str]]) -> Unit | None:
        if file not in cache:
            cache[file] = units_of(story.day, file)
        index = locate(cache[file], text)
        if index is None:
            unplaced.append((file, text))
            return None
        return (file, index)

    unplaced: list[tuple[str, str]] = []
    facts: dict[str, set[Unit]] = {}
    for fact, quotes in story.facts.items():
        facts[fact] = {unit for file, text in quotes if (unit := where(file, text, unplaced)) is not None}
    only = {unit for file, text in story.only if (unit := where(file, text, unplaced)) is not None}
    names = {file: {fold_name(name) for name in given} for file, given in story.names.items()}
    return Placed(facts, only, names, unplaced)


@dataclass
class Way:
    """One annotator's links scored against the other's as gold."""

    gold_links: int = 0
    links: int = 0
    found: int = 0  # gold links also made
    judged: int = 0  # links between two units the gold quoted in fact groups
    right: int = 0  # judged links that are gold links
    to_only: int = 0  # links touching a unit the gold lists as a one-outlet fact

    @property
    def recall(self) -> float:
        return self.found / self.gold_links if self.gold_links else 0.0

    @property
    def precision(self) -> float:
        return self.right / self.judged if self.judged else 0.0

    def add(self, other: Way) -> None:
        for name in ("gold_links", "links", "found", "judged", "right", "to_only"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def score_way(gold: Placed, other: Placed) -> Way:
    gold_links, links, quoted = gold.links(), other.links(), gold.quoted()
    judged = {link for link in links if link <= quoted}
    return Way(gold_links=len(gold_links), links=len(links), found=len(gold_links & links), judged=len(judged),
               right=len(judged & gold_links), to_only=sum(1 for link in links if link & gold.only))


@dataclass
class Counts:
    """Sets of one kind (units or names) compared: both, first only, second only."""

    both: int = 0
    first: int = 0
    second: int = 0

    def add(self, other: Counts) -> None:
        self.both, self.first, self.second = self.both + other.both, self.first + other.first, self.second + other.second

    @property
    def jaccard(self) -> float:
        total = self.both + self.first + self.second
        return self.both / total if total else 1.0


def compare_sets(first: Iterable[object], second: Iterable[object]) -> Counts:
    a, b = set(first), set(second)
    return Counts(len(a & b), len(a - b), len(b - a))


@dataclass
class StoryAgreement:
    day: str
    event: str
    first_vs_second: Way  # the first annotator's links, the second as gold
    second_vs_first: Way  # the second annotator's links, the first as gold
    links: Counts
    quoted: Counts  # units quoted in fact groups
    only: Counts  # units listed as one-outlet facts
    only_linked_by_second: int  # the first's one-outlet units the second puts in a fact group
    only_linked_by_first: int
    names: Counts
    facts_first: int
    facts_second: int
    unplaced: int


def compare_story(first: Placed, second: Placed, day: str, event: str) -> StoryAgreement:
    files = set(first.names) | set(second.names)
    names = Counts()
    for file in files:
        names.add(compare_sets(first.names.get(file, set()), second.names.get(file, set())))
    return StoryAgreement(
        day=day, event=event, first_vs_second=score_way(second, first), second_vs_first=score_way(first, second),
        links=compare_sets(first.links(), second.links()), quoted=compare_sets(first.quoted(), second.quoted()),
        only=compare_sets(first.only, second.only), only_linked_by_second=len(first.only & second.quoted()),
        only_linked_by_first=len(second.only & first.quoted()), names=names, facts_first=len(first.facts),
        facts_second=len(second.facts), unplaced=len(first.unplaced) + len(second.unplaced))


def pooled(stories: list[StoryAgreement]) -> StoryAgreement:
    total = StoryAgreement("", "pooled", Way(), Way(), Counts(), Counts(), Counts(), 0, 0, Counts(), 0, 0, 0)
    for story in stories:
        total.first_vs_second.add(story.first_vs_second)
        total.second_vs_first.add(story.second_vs_first)
        for name in ("links", "quoted", "only", "names"):
            getattr(total, name).add(getattr(story, name))
        for name in ("only_linked_by_second", "only_linked_by_first", "facts_first", "facts_second", "unplaced"):
            setattr(total, name, getattr(total, name) + getattr(story, name))
    return total


def kind(link: Link, other: Placed) -> str:
    """Why the other annotator lacks a link: its two units in two of its facts, one or both unquoted, or one its
    one-outlet fact."""
    if link & other.only:
        return "only"
    owners = other.fact_of()
    if all(unit in owners for unit in link):
        return "split"
    return "unquoted"


def disagreements(first: Placed, second: Placed) -> list[tuple[str, str, Link]]:
    """Every link one annotator makes and the other does not: (whose, kind, link)."""
    rows = [("first", kind(link, second), link) for link in first.links() - second.links()]
    rows += [("second", kind(link, first), link) for link in second.links() - first.links()]
    return sorted(rows, key=lambda row: (row[0], row[1], sorted(row[2])))


def load_pairs(first_path: Path, second_path: Path) -> list[tuple[FactStory, FactStory]]:
    """The stories both files label (same day and event), in the second file's order. A test or fresh fact file is
    refused before it is read: only its own labeller opens it."""
    refuse_never_tuned_on([first_path, second_path], "compared by fact_agreement")
    firsts = {(s.day, s.event): s for s in load_fact_stories(first_path)}
    return [(firsts[s.day, s.event], s) for s in load_fact_stories(second_path) if (s.day, s.event) in firsts]


def _fmt(value: float) -> str:
    return f"{value:.3f}"


def _row(story: StoryAgreement) -> str:
    a, b = story.second_vs_first, story.first_vs_second
    return (f"| {story.event} | {story.facts_first} / {story.facts_second} | {b.links} / {a.links} / {story.links.both} "
            f"| {_fmt(a.recall)} ({a.found}/{a.gold_links}) | {_fmt(a.precision)} ({a.right}/{a.judged}) | {a.to_only} "
            f"| {_fmt(b.recall)} ({b.found}/{b.gold_links}) | {_fmt(b.precision)} ({b.right}/{b.judged}) | {b.to_only} "
            f"| {story.quoted.both} / {story.quoted.first} / {story.quoted.second} "
            f"| {story.only.both} / {story.only.first} / {story.only.second} "
            f"({story.only_linked_by_second} / {story.only_linked_by_first}) "
            f"| {story.names.both} / {story.names.first} / {story.names.second} ({_fmt(story.names.jaccard)}) |")


HEADER = ("| story | facts first / second | links first / second / both | second vs first: R | P (judged) | "
          "to first's only | first vs second: R | P (judged) | to second's only | quoted units both / first / second "
          "| only units both / first / second (first's linked by second / second's linked by first) "
          "| names both / first / second (Jaccard) |\n" + "|---" * 12 + "|")


def _show(units_of: UnitReader, story: FactStory, rows: list[tuple[str, str, Link]]) -> None:
    for whose, why, link in rows:
        texts = [f"{file[11:31]}#{index}: {units_of(story.day, file)[index][:90]}" for file, index in sorted(link)]
        print(f"  {whose} only [{why}]\n    " + "\n    ".join(texts))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("first", type=Path, help="the first annotator's fact file")
    parser.add_argument("second", type=Path, help="the second annotator's fact file (its stories are compared)")
    parser.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE, help="the 'archived' folder of the days")
    parser.add_argument("--show", action="store_true", help="print every link one annotator makes and the other not")
    args = parser.parse_args(argv)

    cache: dict[tuple[str, str], list[str]] = {}

    def units_of(day: str, file: str) -> list[str]:
        if (day, file) not in cache:
            cache[day, file] = post_units(args.archive, day, file)
        return cache[day, file]

    pairs = load_pairs(args.first, args.second)
    results = []
    print(HEADER)
    for first_story, second_story in pairs:
        first, second = place(first_story, units_of), place(second_story, units_of)
        result = compare_story(first, second, first_story.day, first_story.event)
        results.append(result)
        print(_row(result))
        if args.show:
            _show(units_of, first_story, disagreements(first, second))
            for file in sorted(set(first.names) | set(second.names)):
                a, b = first.names.get(file, set()), second.names.get(file, set())
                if a != b:
                    print(f"  names of {file[11:31]}: first only {sorted(a - b)}, second only {sorted(b - a)}")
        for file, text in first.unplaced + second.unplaced:
            print(f"  !! no unit holds {file}: {text}", file=sys.stderr)
    print(_row(pooled(results)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
