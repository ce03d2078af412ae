"""Backend-neutral pieces of the job queue and of bulk copying, shared by SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Mapping

# Bookkeeping that each store keeps for itself; `newsmirror migrate` never copies it.
BOOKKEEPING_TABLES = frozenset({"schema_migrations"})
# Search indexes (SQLite: search_docs + the FTS5 tables; PostgreSQL: search_index) are derived
# from articles: a bulk load rebuilds them rather than copying another backend's format.
DERIVED_TABLES = frozenset({"search_docs", "search_backfill", "search_index"})

# How many due jobs a claim looks at per job it wants: room to skip hosts at their limit.
# Hosts at their limit are excluded by the claim query itself, so a small window suffices; a
# larger one would only lock rows other workers could be claiming.
SCAN_FACTOR = 4
SCAN_EXTRA = 8


def scan_size(limit: int) -> int:
    return limit * SCAN_FACTOR + SCAN_EXTRA


def pick_within_host_limits(candidates: list[tuple[int, str]], live_leases: Mapping[str, int],
                            per_host_limit: int | None, limit: int,
                            blocked_hosts: frozenset[str] = frozenset()) -> list[int]:
    """Ids to lease from ``candidates`` (id, host) in the given (due) order: at most ``limit``,
    and no host above ``per_host_limit`` live leases counting the ones it already has."""
    chosen: list[int] = []
    taken: dict[str, int] = {}
    for job_id, host in candidates:
        if len(chosen) >= limit:
            break
        if per_host_limit is not None and host:  # host-less jobs (grouping, builds) are not limited
            if host in blocked_hosts or live_leases.get(host, 0) + taken.get(host, 0) >= per_host_limit:
                continue
            taken[host] = taken.get(host, 0) + 1
        chosen.append(job_id)
    return chosen


def parents_first(parents: Mapping[str, set[str]]) -> list[str]:
    """Tables ordered so that every table comes after the tables its foreign keys point to
    (alphabetical among equals, so the order is stable). Self-references are ignored."""
    ordered: list[str] = []
    placed: set[str] = set()
    remaining = sorted(parents)
    while remaining:
        ready = [t for t in remaining if all(p in placed or p == t or p not in parents for p in parents[t])]
        if not ready:  # a reference cycle: keep the rest alphabetical rather than loop forever
            ready = remaining
        for table in ready:
            ordered.append(table)
            placed.add(table)
        remaining = [t for t in remaining if t not in placed]
    return ordered
