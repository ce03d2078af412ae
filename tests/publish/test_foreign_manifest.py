"""A build's bookkeeping files in the output folder (the manifest, the listing cache) are read only when their schema
is ours (safety72): the folder may come from elsewhere, and a ``meta`` rewritten as a view over a recursive query made
`build` read forever, a trigger on ``outputs`` ran its query on every write."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsmirror.jobs.building import build
from newsmirror.publish.base import BuildOptions
from newsmirror.publish.gitpush import split_by_month
from newsmirror.publish.manifest import MANIFEST_NAME, OutputError, OutputWriter, built_settings
from newsmirror.store.sqlite import SQLiteStore
from tests.publish.conftest import BASE_URL, fill, make_article

# A query that never ends and yields no row (on main it ran until killed, in constant memory).
FOREVER = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT 'options' AS key, x AS value FROM c WHERE x = 0"
# Each rewrites a manifest of a real build; each is bounded, so that main (which read them) fails fast by reading on.
TAMPERED = {
    "meta a view": ["DROP TABLE meta", "CREATE VIEW meta AS SELECT 'format' AS key, '2' AS value"],
    "outputs a view": ["DROP TABLE outputs",
                       "CREATE VIEW outputs AS SELECT 'a/x.html' AS path, 'd' AS digest, NULL AS month"],
    "a trigger on outputs": ["CREATE TRIGGER t AFTER INSERT ON outputs BEGIN DELETE FROM folders; END"],
    "an expression index": ["CREATE INDEX i ON outputs (upper(path))"],
    "a generated column": ["DROP TABLE inputs", "CREATE TABLE inputs (key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, "
                           "paths TEXT NOT NULL, big TEXT AS (upper(paths))) WITHOUT ROWID"],
    "a view of another name": ["CREATE VIEW extra AS SELECT 1"],
}


def _site(tmp_path: Path) -> tuple[SQLiteStore, Path]:
    store = SQLiteStore(tmp_path / "store.sqlite")
    fill(store, 3)
    out = tmp_path / "out"
    build(store, out, ["site"], BuildOptions(base_url=BASE_URL), images=False)
    return store, out


def _tamper(path: Path, statements: list[str]) -> None:
    with sqlite3.connect(path) as db:
        for statement in statements:
            db.execute(statement)


@pytest.mark.parametrize("statements", TAMPERED.values(), ids=TAMPERED.keys())
def test_a_manifest_whose_schema_is_not_ours_is_refused_by_name_before_anything_is_read(
        tmp_path: Path, statements: list[str]) -> None:
    store, out = _site(tmp_path)
    manifest = out / "site" / MANIFEST_NAME
    _tamper(manifest, statements)
    before = manifest.read_bytes()
    with store:
        store.upsert_article(make_article(9))  # a build that has something to write
        with pytest.raises(OutputError, match=f"{MANIFEST_NAME}.*not a file newsmirror wrote.*[Dd]elete it"):
            build(store, out, ["site"], BuildOptions(base_url=BASE_URL), images=False)
    with pytest.raises(OutputError, match="not a file newsmirror wrote"):
        built_settings(out / "site")  # changes --write-site's door
    assert manifest.read_bytes() == before  # never written through


def test_publish_split_by_month_names_a_foreign_manifest(tmp_path: Path) -> None:
    # It said "no build manifest; run `newsmirror build` first", and never which file was refused.
    _store, out = _site(tmp_path)
    _tamper(out / "site" / MANIFEST_NAME, TAMPERED["meta a view"])
    with pytest.raises(OutputError, match=f"{MANIFEST_NAME}.*not a file newsmirror wrote"):
        split_by_month(out / "site", tmp_path / "staging")
    assert not (tmp_path / "staging").exists()


def test_an_untouched_manifest_is_still_ours(tmp_path: Path) -> None:
    store, out = _site(tmp_path)
    with store:
        OutputWriter(out / "site")  # no error
        assert built_settings(out / "site")


def test_a_listing_cache_whose_schema_is_not_ours_is_made_again_never_read(tmp_path: Path) -> None:
    from newsmirror.jobs.listing_cache import CACHE_NAME

    store, out = _site(tmp_path)
    cache = out / ".cache" / CACHE_NAME
    # Bounded here (an endless one is the test below, through a subprocess): main read it, then wrote through it.
    _tamper(cache, ["DROP TABLE meta", "CREATE VIEW meta AS SELECT 'options' AS key, 'x' AS value"])
    with store:
        store.upsert_article(make_article(9))
        build(store, out, ["site"], BuildOptions(base_url=BASE_URL), images=False)
    with sqlite3.connect(cache) as db:
        assert {r[0] for r in db.execute("SELECT type FROM sqlite_master")} == {"table"}
        assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 4


def test_a_manifest_whose_meta_is_a_recursive_view_stops_build_at_once(tmp_path: Path) -> None:
    """The finding as it was: `newsmirror build` over a manifest whose ``meta`` never ends (on main: it ran until
    killed). Run as a command with a generous bound; it answers in about a second."""
    store, out = _site(tmp_path)
    store.close()
    manifest = out / "site" / MANIFEST_NAME
    _tamper(manifest, ["DROP TABLE meta", f"CREATE VIEW meta AS {FOREVER}"])
    command = [sys.executable, "-m", "newsmirror", "build", "--db", str(tmp_path / "store.sqlite"), "--out", str(out),
               "--format", "site", "--no-images", "--base-url", BASE_URL]
    started = time.monotonic()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail(f"build still reading the manifest after {time.monotonic() - started:.0f} s")
    assert done.returncode == 1
    assert str(manifest) in done.stderr.replace("\n", "") or MANIFEST_NAME in done.stderr, done.stderr
    assert "view" in done.stderr and "not a file newsmirror wrote" in done.stderr.replace("\n", " ")
