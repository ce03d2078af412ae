"""Which of the reader's PostgreSQL queries does PostgreSQL JIT-compile, and does compiling pay?

    python bench/pg_jit_bench.py --db postgresql://USER@HOST:PORT/DB [--rounds 3]

The store is one the operator filled (safety72 used 8 tuning days of ``days_eval.TUNING_DAYS``, imported and grouped).
Every page and feed of the reader (``PAGES``, the ids and names taken from the store) is requested through the app;
every ``SELECT`` the store sends while it answers is recorded with its parameters, then each distinct one is run
under ``EXPLAIN (ANALYZE, FORMAT JSON)`` with the server's JIT settings and again with ``SET LOCAL jit = off``
(best of ``--rounds``). ``--force-jit``: ``jit_above_cost = 0`` in the JIT-on runs, to see what compiling
would cost where a bigger store's plan crossed the threshold (rows of cost >= 300 only). The table: the planner's cost, whether it compiled, the JIT time (all phases) and the
execution time with and without JIT. A query "pays" when its execution without JIT is slower than with it
(compile time included). Timings, not a test; nothing is written to the store.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from fastapi.testclient import TestClient  # noqa: E402

from newsmirror.store.postgres import PostgresStore  # noqa: E402
from newsmirror.web import create_app  # noqa: E402
from newsmirror.web.root import name_segment  # noqa: E402

_READ = re.compile(rb"^\s*(SELECT|WITH)\b", re.IGNORECASE)


class Recorder:
    """The store's connection, recording each read query it is sent (text, parameters) in order."""

    def __init__(self, db: Any) -> None:
        self._db = db
        self.seen: list[tuple[bytes, tuple[Any, ...] | dict[str, Any] | None]] = []
        self.page = ""
        self.pages: dict[bytes, list[str]] = {}

    def execute(self, query: Any, params: Any = None, **kwargs: Any) -> Any:
        text = query.encode() if isinstance(query, str) else bytes(query)
        if _READ.match(text):
            frozen = tuple(params) if isinstance(params, list) else params
            if all(text != t or frozen != p for t, p in self.seen):
                self.seen.append((text, frozen))
            self.pages.setdefault(text, [])
            if self.page not in self.pages[text]:
                self.pages[text].append(self.page)
        return self._db.execute(query, params, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._db, name)


def pages(store: PostgresStore) -> list[str]:
    """The reader's pages and feeds, with real ids and names from the store."""
    db = store._db
    outlets = [r["outlet"] for r in db.execute(
        "SELECT outlet, COUNT(*) AS n FROM articles GROUP BY outlet ORDER BY n DESC, outlet").fetchall()]
    channel = db.execute("SELECT channel FROM articles WHERE channel <> '' GROUP BY channel"
                         " ORDER BY COUNT(*) DESC LIMIT 1").fetchone()
    story = db.execute("SELECT story_id FROM story_members GROUP BY story_id ORDER BY COUNT(*) DESC,"
                       " story_id LIMIT 1").fetchone()
    article = db.execute("SELECT id FROM articles ORDER BY published_at DESC NULLS LAST, id LIMIT 1").fetchone()
    edited = db.execute("SELECT id AS article_id FROM articles WHERE version > 1 ORDER BY id LIMIT 1").fetchone()
    big, small = name_segment(outlets[0]), name_segment(outlets[-1])
    found = [
        "/", "/?page=3", "/stories", "/stories?min_outlets=3", "/stories?page=5",
        f"/outlet/{big}", f"/outlet/{big}?page=5", f"/outlet/{small}", f"/outlet/{big}/atom.xml",
        "/atom.xml", "/changes", "/changes?days=3650&kind=all", "/changes.atom", f"/changes?outlet={big}&days=3650",
        "/api/articles", "/api/articles?offset=500", "/api/stories", "/api/stories?min_outlets=3",
    ]
    if channel:
        found.append(f"/channel/{name_segment(channel['channel'])}")
    if story:
        sid = story["story_id"]
        found += [f"/story/{sid}", f"/story/{sid}/atom.xml", f"/api/stories/{sid}", f"/api/stories/{sid}/comparison"]
    if article:
        found += [f"/article/{article['id']}", f"/api/articles/{article['id']}"]
    if edited:
        found.append(f"/article/{edited['article_id']}/history")
    return found


def explain(store: PostgresStore, text: bytes, params: Any, jit: bool, force: bool = False) -> dict[str, Any]:
    with store._db.transaction():
        if not jit:
            store._db.execute("SET LOCAL jit = off")
        elif force:
            store._db.execute("SET LOCAL jit_above_cost = 0")
        row = store._db.execute(b"EXPLAIN (ANALYZE, FORMAT JSON) " + text, params, prepare=False).fetchone()
    plan = next(iter(row.values()))
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return plan[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="a PostgreSQL store (postgresql://...)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--force-jit", action="store_true", help="jit_above_cost = 0 in the JIT-on runs")
    args = parser.parse_args()
    store = PostgresStore(args.db, create=False)
    settings = store._db.execute("SELECT current_setting('jit') AS jit, current_setting('jit_above_cost') AS above,"
                                 " current_setting('jit_optimize_above_cost') AS optimize,"
                                 " current_setting('jit_inline_above_cost') AS inline, version() AS v").fetchone()
    count = store._db.execute("SELECT COUNT(*) AS n FROM articles").fetchone()["n"]
    print(f"{settings['v'].split(',')[0]}; jit={settings['jit']} jit_above_cost={settings['above']} "
          f"optimize={settings['optimize']} inline={settings['inline']}; {count:,} articles")
    urls = pages(store)
    recorder = Recorder(store._db)
    store._db = recorder  # type: ignore[assignment]
    client = TestClient(create_app(store))
    for url in urls:
        recorder.page = url
        status = client.get(url).status_code
        if status != 200:
            print(f"  {url}: {status}")
    store._db = recorder._db
    print(f"{len(urls)} pages and feeds, {len(recorder.seen)} distinct read queries\n")
    print("| query (first words) | pages | cost | JIT functions | JIT ms | exec ms, JIT on | exec ms, JIT off |")
    print("|---|---|---|---|---|---|---|")
    compiled, costliest = 0, (0.0, "")
    for text, params in recorder.seen:
        on = [explain(store, text, params, True, args.force_jit) for _ in range(args.rounds)]
        off = [explain(store, text, params, False) for _ in range(args.rounds)]
        jit = on[0].get("JIT")
        jit_ms = min(p["JIT"]["Timing"]["Total"] for p in on) if jit else 0.0
        on_ms = min(p["Execution Time"] for p in on)
        off_ms = min(p["Execution Time"] for p in off)
        cost = on[0]["Plan"]["Total Cost"]
        compiled += bool(jit)
        costliest = max(costliest, (cost, " ".join(text.decode().split())[:60]))
        if (cost < 300) if args.force_jit else (not jit and cost < 1000 and on_ms < 5):
            continue  # small: counted below only
        head = " ".join(text.decode().split())[:90].replace("|", "/")
        where = ", ".join(recorder.pages[text][:3]) + (" …" if len(recorder.pages[text]) > 3 else "")
        print(f"| `{head}` | {where} | {cost:,.0f} | {jit['Functions'] if jit else '—'} | {jit_ms:.1f} "
              f"| {on_ms:.1f} | {off_ms:.1f} |")
    print(f"\n{compiled} of {len(recorder.seen)} queries JIT-compiled; the costliest plan {costliest[0]:,.0f} "
          f"(`{costliest[1]}`); rows above: " + ("every query of cost >= 300" if args.force_jit else
                                                 "every query compiled, of cost >= 1,000 or taking >= 5 ms"))
    store.close()


if __name__ == "__main__":
    main()
