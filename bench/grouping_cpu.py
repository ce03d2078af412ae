"""Grouping CPU per real article, measured so that one reading settles it on a shared box.

Issue 14 item 2 asks grouping to cost at most 4 ms per article on real articles, flat as the archive grows.
One run of the clusterer on this 2-core box shared by several sessions is not a measurement: identical code
read 3.66 and 5.15 ms/article back to back (session 37). This benchmark therefore

* groups a slice of an imported archive (a store of the whole real archive, outside the repository): the
  articles published in the first 1, 2, 4 ... weeks from ``--since``, oldest first, with the event layer's and
  the join's passes every ``--batch`` reports and the final join at the end, exactly as
  ``bench/cluster_identity.py --db`` groups (so its sha is that tool's);
* runs every grouping in a fresh process that takes the measured tree's source (``TREE/src`` first on its path),
  loads the documents and warms the dictionaries, vectors and models before the clock, and counts only the
  clusterer's CPU time (``time.process_time`` around the stream): import, extraction and loading are excluded;
* repeats each size ``--repeat`` times and, when several trees are given, interleaves them (A B, then B A, ...),
  so a change of the box's load falls on both;
* prints, per size and tree, the median CPU ms/article with its min-max and interquartile range, the groupings'
  sha (identical code must give one sha), and the load average at the start and end of each run and of the whole.

Run it under ``nice``, alone::

    nice python3 bench/grouping_cpu.py --db sqlite:<copy of the whole-archive store> --since 2020-09-14 \\
        --weeks 1 2 4 --repeat 5 --tree main=<main's tree> --tree new=.

``--profile N`` instead groups the largest size once per tree under a sampling profiler and prints the N functions
(and lines) most often on top of the stack and the N most often anywhere in it. The samples are taken every 5 ms of
the process's own CPU time (``ITIMER_PROF``), so other sessions' load does not enter the shares, and they cost
little: ``cProfile`` with a wall clock counted other processes' time, and with a CPU clock tripled the run (its
clock read per call), both skewing the shares toward functions called often. C code (OpenCC, jieba, numpy) is
counted at the Python line that called it.
No figure here is asserted by any test; the tests cover the run order and the table.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from types import FrameType
from typing import Any

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Run:
    """One grouping to make: which round, which size (weeks), which tree."""

    round: int
    weeks: int
    tree: str


@dataclass
class Result:
    """What one grouping process reported."""

    tree: str
    weeks: int
    articles: int
    stories: int
    sha: str
    cpu_seconds: float
    wall_seconds: float
    load_start: float
    load_end: float
    tenths: list[float] = field(default_factory=list)

    @property
    def ms_per_article(self) -> float:
        return 1000 * self.cpu_seconds / max(self.articles, 1)


def run_order(trees: list[str], weeks: list[int], repeat: int) -> list[Run]:
    """Every grouping of the measurement in the order to run it: round by round, each size in turn, and
    within one size every tree once, the trees' order turned by one each round (A B, B A with two trees),
    so no tree always runs first after a size change or always follows the same neighbour."""
    order: list[Run] = []
    for number in range(repeat):
        shift = number % len(trees) if trees else 0
        turned = trees[shift:] + trees[:shift]
        for size in weeks:
            order.extend(Run(number, size, tree) for tree in turned)
    return order


def until_of(since: str, weeks: int) -> str:
    """The day after a slice of ``weeks`` weeks from ``since`` (ISO dates; the slice is [since, until))."""
    return (date.fromisoformat(since) + timedelta(weeks=weeks)).isoformat()


def spread(values: list[float]) -> tuple[float, float, float, float, float]:
    """(median, min, max, first quartile, third quartile) of the runs' figures."""
    ordered = sorted(values)
    if len(ordered) == 1:
        only = ordered[0]
        return only, only, only, only, only
    first, _, third = statistics.quantiles(ordered, n=4, method="inclusive")
    return statistics.median(ordered), ordered[0], ordered[-1], first, third


def table(results: list[Result], trees: list[str]) -> str:
    """The measurement as a Markdown table: per size and tree the runs, median CPU ms/article, min-max, IQR,
    the groupings' sha (several when identical code did not group alike: a fault, not noise) and the loads;
    with several trees, each later tree's median against the first's, beside the first tree's spread."""
    lines = ["| weeks | tree | articles | stories | runs | median CPU ms/article | min-max | IQR | sha | "
             "load at start-end of runs |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    comparisons: list[str] = []
    for weeks in sorted({r.weeks for r in results}):
        baseline: tuple[float, float] | None = None
        for tree in trees:
            runs = [r for r in results if r.weeks == weeks and r.tree == tree]
            if not runs:
                continue
            median, low, high, first, third = spread([r.ms_per_article for r in runs])
            shas = sorted({r.sha for r in runs})
            loads = [r.load_start for r in runs] + [r.load_end for r in runs]
            articles = sorted({r.articles for r in runs})
            stories = sorted({r.stories for r in runs})
            lines.append(f"| {weeks} | {tree} | {'/'.join(f'{a:,}' for a in articles)} | "
                         f"{'/'.join(f'{s:,}' for s in stories)} | {len(runs)} | {median:.2f} | "
                         f"{low:.2f}-{high:.2f} | {first:.2f}-{third:.2f} | {' '.join(shas)} | "
                         f"{min(loads):.1f}-{max(loads):.1f} |")
            if baseline is None:
                baseline = (median, high - low)
            else:
                change = median - baseline[0]
                verdict = "beyond" if -change > baseline[1] else "within"
                comparisons.append(f"{weeks} weeks: {tree} {change:+.2f} ms/article ({100 * change / baseline[0]:+.1f} %) "
                                   f"against {trees[0]}, whose spread is {baseline[1]:.2f}: a cut {verdict} it")
    return "\n".join(lines + ([""] + comparisons if comparisons else []))


class Samples:
    """A sampling profiler on the process's CPU clock: every ``interval`` CPU seconds the Python stack is
    read; a function (``file:first line(name)``) counts once per sample it is anywhere in the stack
    (inclusive), and the function and line on top count as its own."""

    def __init__(self, interval: float = 0.005) -> None:
        self.interval = interval
        self.total = 0
        self.inclusive: Counter[str] = Counter()
        self.own: Counter[str] = Counter()
        self.lines: Counter[str] = Counter()

    def record(self, frame: FrameType | None) -> None:
        """Count one sample of the stack whose top is ``frame``."""
        self.total += 1
        seen: set[str] = set()
        top = True
        while frame is not None:
            code = frame.f_code
            key = f"{Path(code.co_filename).name}:{code.co_firstlineno}({code.co_name})"
            if top:
                self.own[key] += 1
                self.lines[f"{Path(code.co_filename).name}:{frame.f_lineno} in {code.co_name}"] += 1
                top = False
            if key not in seen:
                seen.add(key)
                self.inclusive[key] += 1
            frame = frame.f_back

    @contextmanager
    def taken(self) -> Iterator[None]:
        previous = signal.signal(signal.SIGPROF, lambda _signal, frame: self.record(frame))
        signal.setitimer(signal.ITIMER_PROF, self.interval, self.interval)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0, 0)
            signal.signal(signal.SIGPROF, previous)

    def report(self, top: int) -> str:
        """The ``top`` entries of each kind with their share of the samples."""
        parts = [f"{self.total} samples, {self.interval * 1000:.0f} ms of CPU apart"]
        for title, counter in (("inclusive (anywhere in the stack)", self.inclusive),
                               ("own (on top of the stack)", self.own), ("own, by line", self.lines)):
            parts.append(f"-- {title}")
            parts += [f"{100 * n / max(self.total, 1):5.1f} %  {key}" for key, n in counter.most_common(top)]
        return "\n".join(parts)


def _group_in_this_process(src: Path, db: str, since: str, until: str, batch: int,
                           profile: int = 0) -> dict[str, Any]:
    """The child's work: the slice grouped by ``src``'s clusterer, its CPU and canonical sha."""
    sys.path.insert(0, str(REPO))
    import hashlib

    from bench.cluster_identity import group, load_outside_the_clock, load_slice

    sys.path.insert(0, str(src))  # after bench.cluster_identity, which puts this benchmark's tree first
    import newsmirror
    from newsmirror.stories.cluster import ClusterConfig
    from newsmirror.text.tokenize import idf, words

    if Path(newsmirror.__file__).resolve().parent != (src / "newsmirror").resolve():
        raise SystemExit(f"measured {newsmirror.__file__}, not {src}")
    config = ClusterConfig()
    documents = load_slice(db, since, until)
    words("预热"), idf("预热")
    if documents:
        load_outside_the_clock(config, documents[0])
    load_start = os.getloadavg()[0]
    wall = time.perf_counter()
    tenths: list[tuple[int, float, int]] = []
    if profile:
        samples = Samples()
        with samples.taken():
            canonical, seconds = group(documents, config, batch, tenths)
        print(samples.report(profile), file=sys.stderr)
    else:
        canonical, seconds = group(documents, config, batch, tenths)
    return {"articles": len(documents), "stories": len(canonical),
            "sha": hashlib.sha256(json.dumps(canonical).encode()).hexdigest()[:16],
            "cpu_seconds": seconds, "wall_seconds": time.perf_counter() - wall,
            "load_start": load_start, "load_end": os.getloadavg()[0],
            "tenths": [1000 * cpu / max(count, 1) for count, cpu, _ in tenths]}


def _child(tree: Path, args: argparse.Namespace, weeks: int, profile: int = 0) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", str(tree / "src"), "--db", args.db,
               "--since", args.since, "--until", until_of(args.since, weeks), "--batch", str(args.batch)]
    if profile:
        command += ["--profile", str(profile)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if profile:
        print(done.stderr, file=sys.stderr)
    if done.returncode:
        raise SystemExit(f"grouping with {tree} failed:\n{done.stderr}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="the store to slice (sqlite:PATH; a copy, outside the repo)")
    parser.add_argument("--since", required=True, help="the slices' first publication day (UTC, ISO date)")
    parser.add_argument("--until", help=argparse.SUPPRESS)  # the child's slice end
    parser.add_argument("--weeks", type=int, nargs="+", default=[1, 2, 4], help="slice sizes in weeks")
    parser.add_argument("--repeat", type=int, default=5, help="groupings per size and tree")
    parser.add_argument("--batch", type=int, default=500, help="the passes every this many reports")
    parser.add_argument("--tree", action="append", default=[], metavar="NAME=PATH",
                        help="a tree to measure (its src/); repeatable, interleaved; default: this tree")
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="profile the largest size once per tree and print the top N entries (no timing)")
    parser.add_argument("--json", type=Path, help="also write every run's figures here")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)  # a grouping process: the src to measure
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_group_in_this_process(args.child, args.db, args.since, args.until, args.batch,
                                                args.profile)))
        return
    trees = dict(item.split("=", 1) for item in args.tree) if args.tree else {"this": str(REPO)}
    names = list(trees)
    if args.profile:
        for name in names:
            print(f"## profile of {name}, {max(args.weeks)} weeks", file=sys.stderr)
            figures = _child(Path(trees[name]), args, max(args.weeks), args.profile)
            print(f"{name}: {figures['articles']} articles, sha {figures['sha']}")
        return
    load_start = os.getloadavg()
    results: list[Result] = []
    order = run_order(names, sorted(args.weeks), args.repeat)
    for number, run in enumerate(order, 1):
        figures = _child(Path(trees[run.tree]), args, run.weeks)
        result = Result(run.tree, run.weeks, figures["articles"], figures["stories"], figures["sha"],
                        figures["cpu_seconds"], figures["wall_seconds"], figures["load_start"], figures["load_end"],
                        figures["tenths"])
        results.append(result)
        print(f"[{number}/{len(order)}] round {run.round + 1}, {run.weeks} weeks, {run.tree}: "
              f"{result.ms_per_article:.2f} ms/article CPU ({result.wall_seconds:.0f} s wall), sha {result.sha}, "
              f"load {result.load_start:.1f}-{result.load_end:.1f}; tenths "
              + " ".join(f"{t:.2f}" for t in result.tenths), file=sys.stderr, flush=True)
    load_end = os.getloadavg()
    print(f"slice from {args.since}, weeks {' '.join(map(str, sorted(args.weeks)))}; {args.repeat} runs per size "
          f"and tree, interleaved; load average (1/5/15 min) at start {load_start[0]:.1f}/{load_start[1]:.1f}/"
          f"{load_start[2]:.1f}, at end {load_end[0]:.1f}/{load_end[1]:.1f}/{load_end[2]:.1f}")
    print(table(results, names))
    if args.json:
        args.json.write_text(json.dumps([vars(r) for r in results], indent=1))


if __name__ == "__main__":
    main()
