"""The build manifest: a SQLite file rewritten row by row, an older JSON one still read, and
pages deleted by hand restored (folders trusted by their modification time, or --verify)."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from newsmirror.jobs.building import build
from newsmirror.publish.base import BuildOptions
from newsmirror.publish.manifest import (
    LEGACY_MANIFEST_NAME,
    MANIFEST_NAME,
    OutputWriter,
    built_settings,
    load_outputs,
    read_manifest,
)
from newsmirror.store.sqlite import SQLiteStore
from tests.publish.conftest import BASE_URL, fill, legacy_manifest, save_legacy_manifest

FORMATS = ("site", "jekyll", "pagemirror")


def _build(store: SQLiteStore, out: Path, verify: bool = False):  # type: ignore[no-untyped-def]
    return build(store, out, options=BuildOptions(base_url=BASE_URL, verify=verify), images=False)


def _tree(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*")
            if p.is_file() and ".cache" not in p.parts and not p.name.startswith(".newsmirror-manifest")}


def _age_folders(root: Path, seconds: int = 3600) -> None:
    """Every folder under ``root`` as if last changed ``seconds`` ago (a build long past)."""
    for folder in [root, *(p for p in root.rglob("*") if p.is_dir())]:
        then = os.stat(folder).st_mtime - seconds
        os.utime(folder, (then, then))


def test_a_manifest_of_the_older_json_format_is_read_and_replaced(store: SQLiteStore, tmp_path: Path) -> None:
    fill(store, 6)
    out = tmp_path / "out"
    _build(store, out)
    before = _tree(out)
    for name in FORMATS:  # as the previous version left the folder: its JSON manifest only
        manifest = legacy_manifest(out / name)
        (out / name / MANIFEST_NAME).unlink()
        save_legacy_manifest(out / name, manifest)
    again = _build(store, out)
    assert again.written == 0  # nothing rendered again: the JSON manifest was trusted
    assert all(counts.rendered_inputs == 0 for counts in again.formats.values())
    assert _tree(out) == before
    for name in FORMATS:
        assert not (out / name / LEGACY_MANIFEST_NAME).exists() and (out / name / MANIFEST_NAME).is_file()
        assert load_outputs(out / name) == legacy_manifest(out / name)["outputs"]


def test_a_json_manifest_beside_the_sqlite_one_was_written_later_and_wins(tmp_path: Path) -> None:
    root = tmp_path / "out"
    writer = OutputWriter(root)
    writer.write("a.html", "new")
    writer.finish()
    # An older version built since: it rewrote a.html and knows nothing of the SQLite file.
    (root / "a.html").write_text("old")
    save_legacy_manifest(root, {"format": 1, "options": "", "outputs": {"a.html": "0" * 40}, "months": {},
                                "inputs": {}})
    again = OutputWriter(root)
    assert again.write("a.html", "new")  # not taken as unchanged on the stale SQLite row
    again.finish()
    assert (root / "a.html").read_text() == "new" and not (root / LEGACY_MANIFEST_NAME).exists()


def test_an_unchanged_build_rewrites_no_row_and_a_change_only_its_rows(tmp_path: Path) -> None:
    root = tmp_path / "out"
    writer = OutputWriter(root, "opts")
    for n in range(20):
        writer.write(f"a/{n}.html", str(n), month="2024-03")
        writer.record_input(f"article:{n}", f"print{n}", [f"a/{n}.html"])
    writer.finish()
    statements: list[str] = []
    connect = sqlite3.connect

    def tracing(*args, **kwargs):  # type: ignore[no-untyped-def]
        db = connect(*args, **kwargs)
        db.set_trace_callback(statements.append)
        return db

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sqlite3, "connect", tracing)
        again = OutputWriter(root, "opts")
        for n in range(20):
            if n == 3:
                again.write("a/3.html", "three", month="2024-03")
                again.record_input("article:3", "print3b", ["a/3.html"])
            else:
                assert again.input_unchanged(f"article:{n}", f"print{n}")
        again.finish()
    written = [s for s in statements if s.startswith(("INSERT", "DELETE"))]
    assert any("a/3.html" in s for s in written) and any("article:3" in s for s in written)
    assert not any("a/4.html" in s or "article:4" in s for s in written)  # untouched rows stay
    manifest = read_manifest(root)
    assert manifest is not None and manifest.inputs["article:3"] == ["print3b", ["a/3.html"]]
    assert manifest.months["a/3.html"] == "2024-03" and len(manifest.outputs) == 20


def test_a_build_records_its_settings_and_a_site_built_before_gains_them_unchanged(
        store: SQLiteStore, tmp_path: Path) -> None:
    # `changes --write-site` writes into a built site as its build did (polish70): the settings must be there even for
    # a site an older version built, whose next build finds nothing else to change.
    out = tmp_path / "out"
    options = BuildOptions(base_url=BASE_URL, script="zh-Hant", site_title="镜像|二号")
    build(store, out, ["site"], options=options, images=False)
    wanted = {"script": "zh-Hant", "base_url": BASE_URL, "site_title": "镜像|二号"}
    assert built_settings(out / "site") == wanted
    with sqlite3.connect(out / "site" / MANIFEST_NAME) as db:  # as an older version left it
        db.execute("DELETE FROM meta WHERE key = 'settings'")
    db.close()
    assert built_settings(out / "site") is None
    report = build(store, out, ["site"], options=options, images=False)
    assert report.formats["site"].written == 0 and built_settings(out / "site") == wanted
    assert built_settings(tmp_path / "nothing") is None


def test_a_page_deleted_by_hand_is_restored_from_a_trusted_folder(store: SQLiteStore, tmp_path: Path) -> None:
    articles = fill(store, 6)
    out = tmp_path / "out"
    _build(store, out)
    _age_folders(out)
    _build(store, out)  # every folder's files seen: their times recorded
    assert read_manifest(out / "site") is not None and read_manifest(out / "site").folders  # type: ignore[union-attr]
    checked: list[str] = []
    exists = os.path.exists

    def counting(path: str) -> bool:
        checked.append(str(path))
        return exists(path)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os.path, "exists", counting)
        quiet = _build(store, out)
    assert quiet.written == 0
    assert not [p for p in checked if "/a/" in p]  # trusted folders: no stat per article page
    page = out / "site" / "a" / "2024-03" / f"{articles[2].id}.html"
    kept = page.read_bytes()
    page.unlink()  # by hand: the folder's time changes
    repaired = _build(store, out)
    assert page.read_bytes() == kept and repaired.formats["site"].rendered_inputs == 1


def test_verify_restores_a_page_whose_folder_time_was_set_back(store: SQLiteStore, tmp_path: Path) -> None:
    articles = fill(store, 4)
    out = tmp_path / "out"
    _build(store, out)
    _age_folders(out)
    _build(store, out)
    page = out / "site" / "a" / "2024-03" / f"{articles[1].id}.html"
    kept = page.read_bytes()
    folder_time = os.stat(page.parent).st_mtime_ns
    page.unlink()
    os.utime(page.parent, ns=(folder_time, folder_time))  # what a folder's time cannot tell
    _build(store, out)
    assert not page.exists()  # trusted, as documented: --verify is the repair
    _build(store, out, verify=True)
    assert page.read_bytes() == kept


def test_rows_of_a_sqlite_manifest_leading_outside_are_never_deleted(tmp_path: Path) -> None:
    root = tmp_path / "out"
    writer = OutputWriter(root)
    writer.write("index.html", "x")
    writer.finish()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    with sqlite3.connect(root / MANIFEST_NAME) as db:
        db.executemany("INSERT INTO outputs VALUES (?, ?, NULL)",
                       [("../victim.txt", "0" * 40), (str(victim), "0" * 40)])
        hostile = ["../victim.txt", str(victim), "C:victim.txt", "a/../../victim.txt", "a\\..\\victim.txt"]
        db.executemany("INSERT OR REPLACE INTO outputs VALUES (?, ?, NULL)", [(p, "0" * 40) for p in hostile])
        db.executemany("INSERT INTO inputs VALUES (?, 'p', ?)", [(f"article:{n}", p) for n, p in enumerate(hostile)])
    again = OutputWriter(root)
    assert not any(again.input_unchanged(f"article:{n}", "p") for n in range(len(hostile)))
    again.write("index.html", "x")
    again.finish()
    assert victim.read_text() == "keep me" and set(load_outputs(root)) == {"index.html"}


def test_an_unreadable_manifest_says_how_to_recover(tmp_path: Path) -> None:
    from newsmirror.publish.manifest import OutputError

    root = tmp_path / "out"
    root.mkdir()
    (root / MANIFEST_NAME).write_bytes(b"not a database at all" * 100)
    with pytest.raises(OutputError, match="delete it"):
        OutputWriter(root)


def test_a_listing_cache_of_the_older_json_format_is_read_and_replaced(store: SQLiteStore, tmp_path: Path) -> None:
    from newsmirror.jobs.listing_cache import CACHE_NAME, LEGACY_NAME, ListingCache

    fill(store, 5)
    out = tmp_path / "out"
    _build(store, out)
    with sqlite3.connect(out / ".cache" / CACHE_NAME) as db:
        options = db.execute("SELECT value FROM meta WHERE key = 'options'").fetchone()[0]
        rows = {r[0]: list(r[1:]) for r in db.execute("SELECT * FROM articles")}
    (out / ".cache" / CACHE_NAME).unlink()  # as an older version left it: listing.json only
    (out / ".cache" / LEGACY_NAME).write_text(json.dumps({"options": options, "articles": rows}), encoding="utf-8")
    loaded: list[str] = []
    original = store.get_article
    store.get_article = lambda article_id: loaded.append(article_id) or original(article_id)  # type: ignore[method-assign]
    again = _build(store, out)
    assert again.written == 0 and loaded == []  # every entry came from the older cache
    assert not (out / ".cache" / LEGACY_NAME).exists()
    assert {k: list(v[:10]) for k, v in ListingCache(out / ".cache", options).rows.items()} == rows


def test_an_unchanged_channel_is_not_rendered_again_and_its_deleted_month_page_comes_back(
        store: SQLiteStore, tmp_path: Path) -> None:
    from newsmirror.publish.site import SiteBuilder

    fill(store, 6)  # two outlets, each its own channel
    out = tmp_path / "out"
    _build(store, out)
    rendered: list[str] = []
    render = SiteBuilder.render

    def counting(self: SiteBuilder, template: str, path: str, **context: object) -> str:
        rendered.append(path)
        return render(self, template, path, **context)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(SiteBuilder, "render", counting)
        _build(store, out)
        assert not [p for p in rendered if p.startswith(("outlet/", "channel/"))]
        months = sorted((out / "site" / "outlet").glob("*/20*.html"))
        assert months
        months[0].unlink()
        rendered.clear()
        repaired = _build(store, out)
    assert months[0].is_file() and repaired.formats["site"].written == 1
    assert [p for p in rendered if p.startswith("outlet/")] == [
        str(months[0].relative_to(out / "site").parent) + "/index.html", str(months[0].relative_to(out / "site"))]


def test_the_cli_verify_option_restores_what_a_trusted_folder_hides(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsmirror.cli import app

    with SQLiteStore(tmp_path / "store.sqlite") as store:
        articles = fill(store, 3)
    out = tmp_path / "out"
    command = ["build", "--db", str(tmp_path / "store.sqlite"), "--out", str(out), "--format", "site", "--no-images"]
    assert CliRunner().invoke(app, command).exit_code == 0
    _age_folders(out)
    assert CliRunner().invoke(app, command).exit_code == 0  # folder times recorded
    page = out / "site" / "a" / "2024-03" / f"{articles[0].id}.html"
    folder_time = os.stat(page.parent).st_mtime_ns
    page.unlink()
    os.utime(page.parent, ns=(folder_time, folder_time))
    assert CliRunner().invoke(app, command).exit_code == 0 and not page.exists()
    result = CliRunner().invoke(app, [*command, "--verify"])
    assert result.exit_code == 0, result.output
    assert page.is_file()


def test_a_file_deleted_during_a_build_is_seen_by_the_next_one(tmp_path: Path) -> None:
    root = tmp_path / "out"
    writer = OutputWriter(root, "opts")
    for n in range(3):
        writer.write(f"a/{n}.html", str(n))
        writer.record_input(f"article:{n}", "p", [f"a/{n}.html"])
    writer.finish()
    _age_folders(root)
    during = OutputWriter(root, "opts")
    assert all(during.input_unchanged(f"article:{n}", "p") for n in range(3))  # folder time read here
    (root / "a" / "1.html").unlink()  # meanwhile, by hand
    during.finish()
    after = OutputWriter(root, "opts")
    assert after.input_unchanged("article:0", "p") and not after.input_unchanged("article:1", "p")
