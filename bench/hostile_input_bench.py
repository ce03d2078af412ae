"""Time and memory that hostile input costs: YAML alias bombs, oversized files, a dripping server.

    python bench/hostile_input_bench.py [--bomb-levels 7] [--file-mb 50] [--drip-deadline 2]

Every payload is made here (none is tuned on real data). For alias bombs the table also shows
what plain ``yaml.safe_load`` plus turning the title into text (what importing did before the
fix) costs, up to a level that stays affordable; the issue measured one level more at 116 s
and 3.3 GB. Peak memory is Python's own allocations (tracemalloc).
"""

from __future__ import annotations

import argparse
import socket
import sys
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import yaml  # noqa: E402

from newsmirror.config import FetchSettings  # noqa: E402
from newsmirror.errors import NewsmirrorError  # noqa: E402
from newsmirror.fetch import Fetcher  # noqa: E402
from newsmirror.ingest.archives import read_archive_file  # noqa: E402


def alias_bomb_front_matter(levels: int, fan_out: int = 9) -> str:
    lines = ['a0: &a0 ["lol"]']
    for level in range(1, levels + 1):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * fan_out)}]")
    return "\n".join([*lines, f"title: *a{levels}", "from: https://example.org/bomb"])


def measure(action: Callable[[], str]) -> tuple[float, float, str]:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        outcome = action()
    except NewsmirrorError as exc:
        outcome = "refused: " + str(exc).split(": ", 1)[-1][:60]
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return seconds, peak, outcome


def row(cells: list[str]) -> None:
    print(" | ".join(cells))


def bench_bombs(max_levels: int, old_max_levels: int, folder: Path) -> None:
    print("\n## YAML alias bomb in front matter\n")
    row(["levels", "bytes", "strings if expanded", "old: safe_load + str(title) s / MB / chars",
         "now: read_archive_file s / MB / outcome"])
    row(["---"] * 5)
    for levels in range(3, max_levels + 1):
        front = alias_bomb_front_matter(levels)
        path = folder / f"_posts/2024-01-01-bomb{levels}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\nlayout: post\n{front}\n---\n<p>正文</p>\n", encoding="utf-8")
        old = "not run (too costly)"
        if levels <= old_max_levels:
            seconds, peak, chars = measure(lambda front=front: str(len(str(yaml.safe_load(front)["title"]))))
            old = f"{seconds:.2f} / {peak:.0f} / {int(chars):,}"
        seconds, peak, outcome = measure(lambda path=path: str(read_archive_file(path).kind))
        row([str(levels), str(len(front)), f"{9 ** levels:,}", old, f"{seconds:.3f} / {peak:.1f} / {outcome}"])


def bench_big_file(megabytes: int, folder: Path) -> None:
    print("\n## Oversized article file\n")
    path = folder / "_posts/2024-01-01-big.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        handle.write(b"---\nlayout: post\ntitle: t\nfrom: https://example.org/x\n---\n<p>")
        handle.truncate(megabytes * 1024 * 1024)
    row(["file", "s", "peak MB", "outcome"])
    row(["---"] * 4)
    seconds, peak, outcome = measure(lambda: str(read_archive_file(path).kind))
    row([f"{megabytes} MB", f"{seconds:.3f}", f"{peak:.1f}", outcome])


def bench_drip(deadline: float) -> None:
    print("\n## A server that drips one byte every 0.5 s (per-read timeout 5 s)\n")
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    stop = threading.Event()

    def serve() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.recv(65536)
            for byte in b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + b"x" * 1000:
                if stop.is_set():
                    return
                try:
                    conn.sendall(bytes([byte]))
                except OSError:
                    return
                time.sleep(0.5)

    threading.Thread(target=serve, daemon=True).start()
    settings = FetchSettings(timeout_seconds=5, request_deadline_seconds=deadline, max_retries=3,
                             respect_robots=False, per_host_delay_seconds=0)
    row(["deadline s", "fetch gave up after s", "outcome"])
    row(["---"] * 3)
    with Fetcher(settings) as fetcher:
        seconds, _, outcome = measure(lambda: str(fetcher.get(f"http://127.0.0.1:{listener.getsockname()[1]}/").status))
    stop.set()
    listener.close()
    row([f"{deadline:g}", f"{seconds:.1f}", outcome[:70]])
    print(f"\n(without a deadline: {1040 * 0.5:.0f} s for this response; headers alone take {40 * 0.5:.0f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bomb-levels", type=int, default=7)
    parser.add_argument("--old-bomb-levels", type=int, default=6, help="levels to run the unprotected way")
    parser.add_argument("--file-mb", type=int, default=50)
    parser.add_argument("--drip-deadline", type=float, default=2.0)
    options = parser.parse_args()
    print("Payloads made by this script (no real data; nothing tuned on them).")
    with tempfile.TemporaryDirectory() as tmp:
        bench_bombs(options.bomb_levels, options.old_bomb_levels, Path(tmp))
        bench_big_file(options.file_mb, Path(tmp))
    bench_drip(options.drip_deadline)


if __name__ == "__main__":
    main()
