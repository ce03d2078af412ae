"""Where a first import's wall time goes, process by process, and how much CPU the machine gave.

    python bench/import_cores.py                       # ../shared/days (four days, 1,771 posts)
    python bench/import_cores.py ARCHIVE_DIR --workers 2 --probe 5

Imports the folder into a fresh store and samples ``/proc/<pid>/task/<tid>/schedstat`` of this
process's threads and of its extraction workers every 0.2 s. Each thread's life is split into
time on a CPU, time *runnable but waiting for a CPU* (the machine is busy with other work) and
time *sleeping* (the code waits: for results, for work, for the disk). Workers that sleep mean
the pipeline starves them; workers that wait for a CPU mean the machine has no core to give.

Before and after the import, ``--probe`` seconds of pure busy loops in as many processes as the
import uses (parent + workers) measure how many cores any CPU-bound job got here at the time:
the yardstick for "only ~1.1 cores used". Linux only. Nothing here is tuned on any data.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from newsmirror.jobs.importing import import_paths
from newsmirror.store import open_store

DEFAULT_ARCHIVE = Path(__file__).resolve().parent.parent.parent / "shared" / "days"
SAMPLE_SECONDS = 0.2


@dataclass(slots=True)
class _Thread:
    role: str
    run_ns: int = 0
    wait_ns: int = 0
    first: float = 0.0
    last: float = 0.0
    base_run: int = 0
    base_wait: int = 0


def _children(parent: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == parent:
            found.append(int(entry))
    return found


class SchedSampler:
    """Per-thread schedstat of this process and its children, sampled on a thread."""

    def __init__(self) -> None:
        self.me = os.getpid()
        self.threads: dict[tuple[int, int], _Thread] = {}
        self._stop = threading.Event()
        self._worker = threading.Thread(target=self._loop, daemon=True)

    def sample(self) -> None:
        now = time.perf_counter()
        for pid in [self.me, *_children(self.me)]:
            try:
                tids = [int(t) for t in os.listdir(f"/proc/{pid}/task")]
            except OSError:
                continue
            for tid in tids:
                try:
                    run, wait, _ = map(int, Path(f"/proc/{pid}/task/{tid}/schedstat").read_text().split())
                except (OSError, ValueError):
                    continue
                key = (pid, tid)
                if key not in self.threads:
                    role = "worker" if pid != self.me else ("parent" if tid == self.me else "parent threads")
                    self.threads[key] = _Thread(role, first=now, base_run=run, base_wait=wait)
                    if pid != self.me:  # a worker started after the first sample: count it from zero
                        self.threads[key].base_run = self.threads[key].base_wait = 0
                thread = self.threads[key]
                thread.run_ns, thread.wait_ns, thread.last = run, wait, now

    def _loop(self) -> None:
        while not self._stop.wait(SAMPLE_SECONDS):
            self.sample()

    def __enter__(self) -> SchedSampler:
        self.sample()
        self._worker.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._worker.join()
        self.sample()

    def by_role(self) -> dict[str, tuple[float, float, float]]:
        """role -> (seconds on a CPU, runnable waiting for a CPU, sleeping)."""
        totals: dict[str, list[float]] = {}
        for thread in self.threads.values():
            run = (thread.run_ns - thread.base_run) / 1e9
            wait = (thread.wait_ns - thread.base_wait) / 1e9
            life = thread.last - thread.first
            row = totals.setdefault(thread.role, [0.0, 0.0, 0.0])
            row[0] += run
            row[1] += wait
            row[2] += max(life - run - wait, 0.0)
        return {role: (r[0], r[1], r[2]) for role, r in totals.items()}


def _burn(seconds: float) -> float:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass
    return time.process_time()


def probe(processes: int, seconds: float) -> float:
    """Cores that ``processes`` pure busy loops got over ``seconds`` of wall time."""
    if seconds <= 0:
        return float("nan")
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        started = time.perf_counter()
        used = pool.map(_burn, [seconds] * processes)
        wall = time.perf_counter() - started
    return sum(used) / wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("archive", nargs="?", type=Path, default=DEFAULT_ARCHIVE)
    parser.add_argument("--workers", type=int, default=None, help="extraction processes (default: one per CPU)")
    parser.add_argument("--probe", type=float, default=5.0, help="seconds of busy loops before and after (0: none)")
    options = parser.parse_args()
    if not options.archive.is_dir():
        raise SystemExit(f"archive folder not found: {options.archive}")
    workers = options.workers if options.workers is not None else (os.cpu_count() or 1)
    processes = 1 + (workers if workers > 1 else 0)

    before = probe(processes, options.probe)
    load = os.getloadavg()[0]
    with (tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "store.sqlite") as store,
          SchedSampler() as sampler):
        started = time.perf_counter()
        report = import_paths(store, [options.archive], workers=workers)
        wall = time.perf_counter() - started
    after = probe(processes, options.probe)
    files = len(report.results)

    console = Console()
    table = Table(title=f"first import of {options.archive.name}: {files:,} files in {wall:.1f} s, "
                        f"{files / wall:,.0f} files/s, {workers} workers, load average {load:.1f} → "
                        f"{os.getloadavg()[0]:.1f}")
    for column in ("threads", "on a CPU s", "waiting for a CPU s", "sleeping s", "CPU ms/file"):
        table.add_column(column, justify="left" if column == "threads" else "right")
    total = 0.0
    for role, (run, wait, sleep) in sorted(sampler.by_role().items()):
        total += run
        table.add_row(role, f"{run:.1f}", f"{wait:.1f}", f"{sleep:.1f}", f"{1000 * run / files:.2f}")
    table.add_row("all", f"{total:.1f}", "", "", f"{1000 * total / files:.2f}")
    console.print(table)
    console.print(f"cores used by the import: {total / wall:.2f}; cores {processes} busy loops got: "
                  f"{before:.2f} before, {after:.2f} after")


if __name__ == "__main__":
    main()
