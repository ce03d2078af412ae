"""A real archive end to end, as a mirror operator runs it: import, re-import, group, build,
incremental build, search latency and recall.

    python bench/real_archive.py                         # ../shared/days (four days, 1,771 posts)
    python bench/real_archive.py ARCHIVE_DIR --work /tmp/real-bench
    python bench/real_archive.py ARCHIVE_DIR --stages import,reimport,search
    python bench/real_archive.py ARCHIVE_DIR --work W --stages build --fresh --jobs 2   # full build, 2 processes

Each stage runs in its own process (``--stage NAME``), so its peak RSS (the process and the
extraction workers it started) is its own. The store and the output live under ``--work``
(a temporary folder by default). The incremental stage copies ``--add`` article files under new
URLs and titles, imports them and builds again. Recall compares search results with a plain
substring scan of every stored title and body (the word as written and in the other script).
Nothing here is tuned on: the archive is whatever folder is given.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ARCHIVE = REPO_ROOT.parent / "shared" / "days"
STAGES = ("import", "reimport", "group", "build", "incremental", "search")
COMMON_WORDS = ["中国", "美国", "香港", "台湾", "政府", "疫情", "总统", "北京", "经济", "表示"]
RECALL_WORDS = ["肺炎", "武汉", "拜登", "影片", "程式"]


def _peak_rss_mib() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def _tree_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def _db_bytes(db: Path) -> int:
    return sum(p.stat().st_size for p in db.parent.glob(db.name + "*") if p.is_file())


# --- stages (each in its own process) -------------------------------------------------------

def _progress(label: str) -> Any:
    """Progress lines on this stage's stderr (kept in WORK/<stage>.log), as the CLI prints them."""
    from rich.console import Console

    from newsmirror.cli.progress import StageProgress

    return StageProgress(label, Console(stderr=True), interval=30, terminal=False)


def stage_import(archive: Path, db: Path, work: Path) -> dict[str, Any]:
    from newsmirror.jobs.importing import import_paths
    from newsmirror.store import open_store

    with open_store(db) as store, _progress("importing") as progress:
        load_before = os.getloadavg()[0]
        cpu_before = _cpu_seconds()
        started = time.perf_counter()
        report = import_paths(store, [archive], progress=progress.update)
        seconds = time.perf_counter() - started
        cpu = _cpu_seconds() - cpu_before
        articles = store.count_articles()
    counts = report.counts()
    return {"seconds": seconds, "files": len(report.results), "articles": articles, "counts": counts,
            "db_bytes": _db_bytes(db), "cpu_seconds": cpu, "load": (load_before, os.getloadavg()[0])}


def _cpu_seconds() -> float:
    """User + system CPU of this process and its finished children (the extraction workers):
    what a stage costs whatever else runs beside it, unlike its wall time on a shared machine."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _own_cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def stage_group(archive: Path, db: Path, work: Path) -> dict[str, Any]:
    from newsmirror.jobs.grouping import group_articles
    from newsmirror.store import open_store

    with open_store(db) as store, _progress("stories") as progress:
        load_before = os.getloadavg()[0]
        cpu_before = _cpu_seconds()
        started = time.perf_counter()
        # Comparing the changed stories comes after grouping: its own phase in the log.
        report = group_articles(store, progress=lambda done, total: progress.phase(done, total, "grouping"),
                                compare=COMPARE,
                                compare_progress=lambda done, total: progress.phase(done, total, "comparing stories"))
        seconds = time.perf_counter() - started
        cpu = _cpu_seconds() - cpu_before
        articles = store.count_articles()
    # Comparisons are computed when grouping (stored for story pages and builds): their share.
    return {"seconds": seconds, "articles": articles, "assigned": report.assigned,
            "stories": report.new_stories, "compared": report.comparisons.compared,
            "compare_seconds": report.comparisons.seconds, "cpu_seconds": cpu,
            "load": (load_before, os.getloadavg()[0])}


GROUP_ADDED = True  # --no-group: the incremental stage does not group (grouping is the stories stage's cost)
COMPARE = True  # --no-compare: story pages without the outlet comparison (its cost is the stories stage's)
JOBS: int | None = None  # --jobs: processes rendering article pages (default: one per available core)


def _comparer(store: Any) -> Any:
    from newsmirror.jobs.building import default_comparer

    return default_comparer(store) if COMPARE else None


def stage_build(archive: Path, db: Path, work: Path) -> dict[str, Any]:
    from newsmirror.jobs.building import build
    from newsmirror.store import open_store

    out = work / "out"
    with open_store(db) as store, _progress("building") as progress:
        load_before = os.getloadavg()[0]
        cpu_before = _cpu_seconds()
        own_before = _own_cpu_seconds()
        started = time.perf_counter()
        report = build(store, out, ["all"], images=False, comparer=_comparer(store), progress=progress.phase,
                       jobs=JOBS)
        seconds = time.perf_counter() - started
        cpu = _cpu_seconds() - cpu_before
        own_cpu = _own_cpu_seconds() - own_before
    # The workers' peak is the largest one's (forked: it counts pages shared with the parent).
    return {"seconds": seconds, "articles": report.articles, "written": report.written, "workers": report.workers,
            "failures": len(report.failures), "out_bytes": _tree_bytes(out), "cpu_seconds": cpu,
            "parent_cpu_seconds": own_cpu, "load": (load_before, os.getloadavg()[0]),
            "parent_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "worker_rss_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def _copy_as_new(archive: Path, target: Path, count: int) -> int:
    """``count`` Jekyll posts of the archive under new URLs and titles (new articles to the store)."""
    target.mkdir(parents=True, exist_ok=True)
    run = int(time.time())  # new URLs on every run, so the copies are new to the store each time
    copied = 0
    for path in sorted(archive.rglob("*.md")):
        if copied >= count:
            break
        text = path.read_text(encoding="utf-8", errors="replace")
        if not text.startswith("---") or "\nfrom:" not in text:
            continue
        marker = f"bench-copy-{run}-{copied}"
        text = re.sub(r"^from:\s*(\S+)", lambda m, marker=marker: f"from: {m.group(1).rstrip('/')}/{marker}",
                      text, count=1, flags=re.M)
        text = re.sub(r"^title:\s*(.*)$", lambda m, marker=marker: f"title: {marker} {m.group(1)}", text,
                      count=1, flags=re.M)
        (target / "archived" / "2099-01-01").mkdir(parents=True, exist_ok=True)
        (target / "archived" / "2099-01-01" / f"copy-{copied}.md").write_text(text, encoding="utf-8")
        copied += 1
    return copied


def stage_incremental(archive: Path, db: Path, work: Path, add: int = 100) -> dict[str, Any]:
    from newsmirror.jobs.building import build
    from newsmirror.jobs.grouping import group_articles
    from newsmirror.jobs.importing import import_paths
    from newsmirror.store import open_store

    extra = work / "added"
    shutil.rmtree(extra, ignore_errors=True)
    copied = _copy_as_new(archive, extra, add)
    out = work / "out"
    with open_store(db) as store:
        import_paths(store, [extra])
        if GROUP_ADDED:
            group_articles(store)
        load_before = os.getloadavg()[0]
        cpu_before = _cpu_seconds()
        started = time.perf_counter()
        report = build(store, out, ["all"], images=False, comparer=_comparer(store), jobs=JOBS)
        seconds = time.perf_counter() - started
        cpu = _cpu_seconds() - cpu_before
    return {"seconds": seconds, "added": copied, "written": report.written, "articles": report.articles,
            "cpu_seconds": cpu, "load": (load_before, os.getloadavg()[0])}


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def stage_search(archive: Path, db: Path, work: Path, repeat: int = 5) -> dict[str, Any]:
    from newsmirror.store import SearchQuery, open_store
    from newsmirror.text.script import to_traditional

    with open_store(db) as store:
        latencies: list[float] = []
        count_latencies: list[float] = []
        per_word: dict[str, float] = {}
        for word in COMMON_WORDS:
            store.search(SearchQuery(word, limit=20))  # warm the page cache
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                store.search(SearchQuery(word, limit=20))
                times.append((time.perf_counter() - started) * 1000)
            latencies += times
            per_word[word] = statistics.median(times)
            counter = getattr(store, "count_search", None)
            if counter is not None:
                started = time.perf_counter()
                counter(SearchQuery(word))
                count_latencies.append((time.perf_counter() - started) * 1000)
        deep: list[float] = []
        for offset in (0, 5000):
            started = time.perf_counter()
            store.search(SearchQuery(COMMON_WORDS[0], limit=200, offset=offset))
            deep.append((time.perf_counter() - started) * 1000)

        # Recall: every stored article whose title or text holds the word, as written or in
        # the other script, must be found.
        forms = {word: {word, to_traditional(word), to_traditional(word, "tw")} for word in RECALL_WORDS}
        holders: dict[str, set[str]] = {word: set() for word in RECALL_WORDS}
        for article in store.iter_articles():
            haystack = article.title + "\n" + (article.body_text or article.body_markdown)
            for word, variants in forms.items():
                if any(v in haystack for v in variants):
                    holders[word].add(article.id)
        recall = {}
        for word in RECALL_WORDS:
            found: set[str] = set()
            offset = 0
            while True:
                page = store.search(SearchQuery(word, limit=1000, offset=offset))
                found.update(hit.article.id for hit in page)
                if len(page) < 1000:
                    break
                offset += 1000
            hits = len(found & holders[word])
            recall[word] = {"grep": len(holders[word]), "found": len(found), "found_in_grep": hits,
                            "recall": hits / len(holders[word]) if holders[word] else 1.0}
        articles = store.count_articles()
    return {"articles": articles, "p50_ms": statistics.median(latencies), "p95_ms": _percentile(latencies, 0.95),
            "per_word_p50_ms": per_word, "count_p50_ms": statistics.median(count_latencies) if count_latencies else None,
            "page200_ms": deep, "recall": recall}


STAGE_FUNCTIONS = {"import": stage_import, "reimport": stage_import, "group": stage_group,
                   "build": stage_build, "incremental": stage_incremental, "search": stage_search}


def _run_stage(name: str, archive: Path, db: Path, work: Path) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), str(archive), "--work", str(work), "--stage", name]
    if not COMPARE:
        command.append("--no-compare")
    if not GROUP_ADDED:
        command.append("--no-group")
    if JOBS is not None:
        command += ["--jobs", str(JOBS)]
    # The stage imports newsmirror from this checkout, whatever copy is installed.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO_ROOT / "src"),
                                                                   os.environ.get("PYTHONPATH", "")]))}
    log = work / f"{name}.log"
    with log.open("w", encoding="utf-8") as errors:
        completed = subprocess.run(command, stdout=subprocess.PIPE, stderr=errors, text=True, check=False, env=env)
    if completed.returncode != 0:
        raise SystemExit(f"stage {name} failed:\n{log.read_text(encoding='utf-8')[-3000:]}")
    result: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


def _fmt(value: float, digits: int = 1) -> str:
    return f"{value:,.{digits}f}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("archive", nargs="?", type=Path, default=DEFAULT_ARCHIVE)
    parser.add_argument("--work", type=Path, default=None, help="folder for the store and the output (kept)")
    parser.add_argument("--stages", default=",".join(STAGES), help=f"comma-separated subset of {','.join(STAGES)}")
    parser.add_argument("--stage", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--json", type=Path, default=None, help="also write the raw results here")
    parser.add_argument("--no-compare", action="store_true",
                        help="build story pages without the outlet comparison (`newsmirror build --no-compare`)")
    parser.add_argument("--no-group", action="store_true",
                        help="the incremental stage builds without grouping the added articles first")
    parser.add_argument("--fresh", action="store_true",
                        help="the build stage starts from an empty output folder (WORK/out is deleted first): "
                             "a full build, not an incremental one")
    parser.add_argument("--jobs", type=int, default=None,
                        help="processes rendering article pages in the build stages (`newsmirror build --jobs`; "
                             "default one per available core, 1 = one process)")
    args = parser.parse_args(argv)
    global COMPARE, GROUP_ADDED, JOBS
    COMPARE = not args.no_compare
    GROUP_ADDED = not args.no_group
    JOBS = args.jobs
    archive: Path = args.archive
    if not archive.is_dir():
        raise SystemExit(f"archive folder not found: {archive}")
    work: Path = args.work or Path(tempfile.mkdtemp(prefix="newsmirror-real-"))
    work.mkdir(parents=True, exist_ok=True)
    db = work / "store.sqlite"

    if args.stage:
        result = STAGE_FUNCTIONS[args.stage](archive, db, work)
        result["peak_rss_mib"] = _peak_rss_mib()
        print(json.dumps(result, ensure_ascii=False))
        return

    chosen = [s.strip() for s in args.stages.split(",") if s.strip()]
    files = sum(1 for p in archive.rglob("*") if p.is_file())
    print(f"archive {archive} ({files:,} files, {_tree_bytes(archive) / 2**20:,.0f} MiB); work folder {work}")
    results: dict[str, dict[str, Any]] = {}
    for name in chosen:
        if name == "build" and args.fresh and (work / "out").exists():
            shutil.rmtree(work / "out")
        print(f"  {name} ...", file=sys.stderr, flush=True)
        results[name] = _run_stage(name, archive, db, work)
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    _print_tables(results)


def _print_tables(results: dict[str, dict[str, Any]]) -> None:
    rows = []
    for name in ("import", "reimport", "group", "build"):
        r = results.get(name)
        if not r:
            continue
        units = r.get("files", r.get("articles", 0)) if name != "build" else r["articles"]
        unit = "files" if name in ("import", "reimport") else "articles"
        rate = units / r["seconds"] if r["seconds"] else 0.0
        arts = r.get("articles") or 0
        per_article = r["seconds"] * 1000 / arts if arts else 0.0
        extra = ""
        if name in ("import", "reimport"):
            extra = f"{r['db_bytes'] / max(arts, 1) / 1024:,.1f} KB/article store; {r['counts']}"
            if r.get("cpu_seconds"):
                extra += (f"; CPU {r['cpu_seconds'] * 1000 / max(r['files'], 1):,.2f} ms/file (all processes);"
                          f" load average {r['load'][0]:.1f} before, {r['load'][1]:.1f} after")
        elif name == "group" and "compared" in r:
            extra = f"of it {r['compare_seconds']:.1f} s comparing and storing {r['compared']} stories of 2+ outlets"
        elif name == "build":
            extra = f"{r['out_bytes'] / 2**20:,.0f} MiB written ({r['out_bytes'] / max(arts, 1) / 1024:,.1f} KB/article)"
            if "workers" in r:
                extra += (f"; {r['workers']} rendering process(es), peak RSS parent {r['parent_rss_mib']:,.0f} MiB,"
                          f" largest worker {r['worker_rss_mib']:,.0f} MiB; CPU {r['cpu_seconds']:,.0f} s"
                          f" (parent {r['parent_cpu_seconds']:,.0f} s);"
                          f" load average {r['load'][0]:.1f} before, {r['load'][1]:.1f} after")
        rows.append((name, _fmt(r["seconds"]), f"{_fmt(rate, 0)} {unit}/s", _fmt(per_article, 2),
                     _fmt(r["peak_rss_mib"], 0), extra))
    if "incremental" in results:
        r = results["incremental"]
        rows.append(("incremental build", _fmt(r["seconds"]), f"+{r['added']} articles", "",
                     _fmt(r["peak_rss_mib"], 0), f"{r['written']} files written"))
    print("\n| stage | seconds | rate | ms/article | peak RSS MiB | notes |")
    print("|---|---:|---:|---:|---:|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    if "search" in results:
        s = results["search"]
        count = f"{s['count_p50_ms']:.1f}" if s.get("count_p50_ms") is not None else "n/a"
        print(f"\nsearch at {s['articles']:,} articles, 20-hit page of a common 2-character word "
              f"({', '.join(COMMON_WORDS)}): p50 {s['p50_ms']:.1f} ms, p95 {s['p95_ms']:.1f} ms; "
              f"total count p50 {count} ms; 200-hit page at offset 0 / 5000: "
              f"{s['page200_ms'][0]:.0f} / {s['page200_ms'][1]:.0f} ms")
        print("\n| word | grep (stored text) | search found | found ∩ grep | recall |")
        print("|---|---:|---:|---:|---:|")
        for word, r in s["recall"].items():
            print(f"| {word} | {r['grep']} | {r['found']} | {r['found_in_grep']} | {r['recall']:.1%} |")


if __name__ == "__main__":
    main()
