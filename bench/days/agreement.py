"""Inter-annotator agreement between two event label files of one day (GUIDE.md section 2).

    python3 bench/days/agreement.py FIRST.toml SECOND.toml [--archive ARCHIVED_FOLDER] [--no-files]

Scored as GUIDE.md advises for a system against gold: every post of the day is an item; an
``[[event]]`` is a cluster, every post named nowhere is a singleton cluster; a post that
*either* annotator lists as a ``[[multi]]`` report is left out of the cluster scores and
compared separately (multi by both, by one only). Printed: B-cubed precision/recall/F1 of the
second file against the first as gold and the reverse (the two directions swap P and R), pairwise
precision/recall/F1 and the adjusted Rand index over same-event pairs, events matched exactly,
and every disagreement: each event of one annotator that the other did not label identically,
with where the other put each of its files.

Like label_tool.py it reads label files and the day folder only; nothing of newsmirror.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations
from math import comb
from pathlib import Path

# Run as a script from anywhere: the repository root holds the shared scorer (stdlib only).
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.stories_eval import bcubed  # noqa: E402  (one B-cubed for every labelled-story benchmark)

DEFAULT_ARCHIVE = Path(__file__).resolve().parents[3] / "shared" / "days" / "zhouxiang93123-waimei" / "archived"


@dataclass(frozen=True)
class DayLabels:
    """One annotator's labels of one day."""

    day: str
    events: dict[str, frozenset[str]]  # event id -> file names
    multi: dict[str, str]  # file name -> kind

    def label_of(self, name: str) -> str:
        """The cluster a file is in: its event id, ``multi:<kind>``, or ``single:<file>``."""
        for event_id, files in self.events.items():
            if name in files:
                return event_id
        if name in self.multi:
            return "multi:" + self.multi[name]
        return "single:" + name


def load_labels(path: Path) -> DayLabels:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    events = {str(e["id"]): frozenset(str(f) for f in e.get("files", [])) for e in data.get("event", [])}
    multi = {str(m["file"]): str(m.get("kind", "")) for m in data.get("multi", [])}
    return DayLabels(day=str(data.get("day", "")), events=events, multi=multi)


def clusters(labels: DayLabels, items: Iterable[str]) -> dict[str, str]:
    """Item -> cluster id over ``items`` (events; any other item its own cluster)."""
    where = {name: event_id for event_id, files in labels.events.items() for name in files}
    return {item: where.get(item, "single:" + item) for item in items}


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def same_event_pairs(assignment: Mapping[str, str]) -> set[tuple[str, str]]:
    by_cluster: dict[str, list[str]] = defaultdict(list)
    for item, cluster in assignment.items():
        by_cluster[cluster].append(item)
    return {pair for members in by_cluster.values() for pair in combinations(sorted(members), 2)}


def adjusted_rand(first: Mapping[str, str], second: Mapping[str, str]) -> float:
    """Hubert & Arabie's adjusted Rand index: pairwise agreement corrected for chance (1.0 = identical)."""
    items = [item for item in first if item in second]
    total = comb(len(items), 2)
    if total == 0:
        return 1.0
    table: dict[tuple[str, str], int] = defaultdict(int)
    rows: dict[str, int] = defaultdict(int)
    cols: dict[str, int] = defaultdict(int)
    for item in items:
        table[first[item], second[item]] += 1
        rows[first[item]] += 1
        cols[second[item]] += 1
    index = sum(comb(n, 2) for n in table.values())
    row_pairs = sum(comb(n, 2) for n in rows.values())
    col_pairs = sum(comb(n, 2) for n in cols.values())
    expected = row_pairs * col_pairs / total
    maximum = (row_pairs + col_pairs) / 2
    return 1.0 if maximum == expected else (index - expected) / (maximum - expected)


@dataclass(frozen=True)
class Agreement:
    items: int  # posts scored in the cluster measures (multi of either annotator left out)
    bcubed_second_vs_first: tuple[float, float, float]
    bcubed_first_vs_second: tuple[float, float, float]
    pairs_first: int
    pairs_second: int
    pairs_both: int
    adjusted_rand: float
    events_first: int  # events with >= 2 scored files
    events_second: int
    events_exact: int
    multi_both: int
    multi_same_kind: int
    multi_first_only: tuple[str, ...]
    multi_second_only: tuple[str, ...]
    multi_other_kind: tuple[tuple[str, str, str], ...]  # (file, first's kind, second's kind)

    @property
    def pairwise(self) -> tuple[float, float, float]:
        """Pairwise precision/recall/F1 of the second annotator's same-event pairs against the first's."""
        precision = self.pairs_both / self.pairs_second if self.pairs_second else 1.0
        recall = self.pairs_both / self.pairs_first if self.pairs_first else 1.0
        return precision, recall, _f1(precision, recall)


def scored_items(first: DayLabels, second: DayLabels, day_files: Iterable[str],
                 leave_out: Iterable[str] = ()) -> list[str]:
    every = set(day_files) | {f for files in first.events.values() for f in files}
    every |= {f for files in second.events.values() for f in files} | set(first.multi) | set(second.multi)
    return sorted(every - set(first.multi) - set(second.multi) - set(leave_out))


def compare(first: DayLabels, second: DayLabels, day_files: Iterable[str],
            leave_out: Iterable[str] = ()) -> Agreement:
    """Agreement of two annotators over the day's posts (``day_files``: every file name of the day).

    ``leave_out``: posts not scored at all (e.g. those whose label one annotator saw before labelling).
    """
    items = scored_items(first, second, day_files, leave_out)
    a, b = clusters(first, items), clusters(second, items)
    pairs_a, pairs_b = same_event_pairs(a), same_event_pairs(b)
    groups_a = {frozenset(g) for g in _groups(a).values() if len(g) >= 2}
    groups_b = {frozenset(g) for g in _groups(b).values() if len(g) >= 2}
    both_multi = set(first.multi) & set(second.multi)
    return Agreement(
        items=len(items),
        bcubed_second_vs_first=bcubed(a, b),
        bcubed_first_vs_second=bcubed(b, a),
        pairs_first=len(pairs_a), pairs_second=len(pairs_b), pairs_both=len(pairs_a & pairs_b),
        adjusted_rand=adjusted_rand(a, b),
        events_first=len(groups_a), events_second=len(groups_b), events_exact=len(groups_a & groups_b),
        multi_both=len(both_multi),
        multi_same_kind=sum(first.multi[f] == second.multi[f] for f in both_multi),
        multi_first_only=tuple(sorted(set(first.multi) - set(second.multi))),
        multi_second_only=tuple(sorted(set(second.multi) - set(first.multi))),
        multi_other_kind=tuple(sorted((f, first.multi[f], second.multi[f]) for f in both_multi
                                      if first.multi[f] != second.multi[f])),
    )


def _groups(assignment: Mapping[str, str]) -> dict[str, set[str]]:
    by_cluster: dict[str, set[str]] = defaultdict(set)
    for item, cluster in assignment.items():
        by_cluster[cluster].add(item)
    return by_cluster


@dataclass(frozen=True)
class Disagreement:
    """An event of ``annotator`` that the other annotator did not label as exactly the same files."""

    annotator: str  # "first" or "second"
    event: str
    files: tuple[str, ...]
    elsewhere: dict[str, tuple[str, ...]]  # the other's label (event id, multi:kind, single:...) -> files


def disagreements(first: DayLabels, second: DayLabels, leave_out: Iterable[str] = ()) -> list[Disagreement]:
    """The events (all of their files, multi included) not labelled identically by the other annotator;
    an event whose files are all in ``leave_out`` is not scored, so it is not listed either.

    A split shows as one event of the first annotator spread over several labels of the
    second; a merge as an event of the second spread over several labels of the first; a file
    one annotator put in a multi report shows under ``multi:<kind>``.
    """
    found: list[Disagreement] = []
    skipped = set(leave_out)
    for name, own, other in (("first", first, second), ("second", second, first)):
        other_sets = set(other.events.values())
        for event_id, files in sorted(own.events.items()):
            if files in other_sets or files <= skipped:
                continue
            # An event lying wholly inside a larger event of the other annotator is shown once,
            # from the other side, as that larger event spread over several labels.
            if any(files < theirs for theirs in other_sets):
                continue
            elsewhere: dict[str, list[str]] = defaultdict(list)
            for file in sorted(files):
                elsewhere[other.label_of(file)].append(file)
            found.append(Disagreement(name, event_id, tuple(sorted(files)),
                                      {label: tuple(names) for label, names in elsewhere.items()}))
    return found


def report(agreement: Agreement, found: list[Disagreement], first_name: str, second_name: str,
           with_files: bool = True) -> str:
    p21, r21, f21 = agreement.bcubed_second_vs_first
    p12, r12, f12 = agreement.bcubed_first_vs_second
    pp, pr, pf = agreement.pairwise
    lines = [
        f"first = {first_name}, second = {second_name}; {agreement.items} posts scored "
        "(multi reports of either annotator left out)",
        "",
        "| measure | value |",
        "|---|---|",
        f"| B-cubed P / R / F1, second against first as gold | {p21:.3f} / {r21:.3f} / {f21:.3f} |",
        f"| B-cubed P / R / F1, first against second as gold | {p12:.3f} / {r12:.3f} / {f12:.3f} |",
        f"| same-event pairs: first / second / both | {agreement.pairs_first} / {agreement.pairs_second} / "
        f"{agreement.pairs_both} |",
        f"| pairwise P / R / F1, second against first | {pp:.3f} / {pr:.3f} / {pf:.3f} |",
        f"| adjusted Rand index | {agreement.adjusted_rand:.3f} |",
        f"| events (>= 2 scored posts): first / second / identical | {agreement.events_first} / "
        f"{agreement.events_second} / {agreement.events_exact} |",
        f"| multi reports: both / same kind / first only / second only | {agreement.multi_both} / "
        f"{agreement.multi_same_kind} / {len(agreement.multi_first_only)} / {len(agreement.multi_second_only)} |",
        "",
        f"Disagreements ({len(found)} events labelled differently):",
    ]
    for item in found:
        parts = [f"{label} ({len(names)})" for label, names in item.elsewhere.items()]
        lines.append(f"- {item.annotator} `{item.event}` ({len(item.files)}) -> other: " + ", ".join(parts))
        if with_files:
            for label, names in item.elsewhere.items():
                lines.append(f"    {label}: " + "; ".join(n[11:-3] for n in names))
    for title, names in (("multi of the first only", agreement.multi_first_only),
                         ("multi of the second only", agreement.multi_second_only)):
        if names:
            lines.append(f"- {title}: " + "; ".join(n[11:-3] for n in names))
    for name, kind_first, kind_second in agreement.multi_other_kind:
        lines.append(f"- multi of both, first says {kind_first}, second says {kind_second}: {name[11:-3]}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("first", type=Path, help="label file of the first annotator (gold in 'second against first')")
    parser.add_argument("second", type=Path, help="label file of the second annotator")
    parser.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE, help="the 'archived' folder of days")
    parser.add_argument("--no-files", action="store_true", help="list disagreeing events without their files")
    parser.add_argument("--leave-out-events", nargs="+", default=[], metavar="ID",
                        help="score without the posts of these events (ids of either file)")
    args = parser.parse_args(argv)
    first, second = load_labels(args.first), load_labels(args.second)
    unknown = [i for i in args.leave_out_events if i not in first.events and i not in second.events]
    if unknown:
        print(f"no such event in either file: {', '.join(unknown)}", file=sys.stderr)
        return 2
    leave_out = {f for labels in (first, second) for i in args.leave_out_events for f in labels.events.get(i, ())}
    if first.day != second.day:
        print(f"the files label different days: {first.day} and {second.day}", file=sys.stderr)
        return 2
    folder = args.archive / first.day
    if not folder.is_dir():
        print(f"no such day folder: {folder} (give --archive the 'archived' folder)", file=sys.stderr)
        return 2
    day_files = [path.name for path in folder.glob("*.md")]
    if leave_out:
        print(f"left out: {len(leave_out)} posts of the events {', '.join(args.leave_out_events)}")
    print(report(compare(first, second, day_files, leave_out), disagreements(first, second, leave_out),
                 args.first.name, args.second.name, with_files=not args.no_files))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
