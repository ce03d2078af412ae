"""A build rendering article pages in worker processes writes exactly what a one-process build writes."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from newsmirror.jobs import build_pool, building
from newsmirror.jobs.building import build
from newsmirror.model import Story
from newsmirror.publish import site
from newsmirror.publish.base import BuildOptions
from newsmirror.publish.images import httpx_fetcher
from newsmirror.store.base import StoryMember
from newsmirror.store.sqlite import SQLiteStore
from tests.publish.conftest import BASE_URL, LOOPBACK, ImageServer, make_article


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _bookkeeping(path: str) -> bool:
    return path.startswith(".cache/") or path.rsplit("/", 1)[-1].startswith(".newsmirror-manifest")


def _small_tasks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Small batches and tasks, so a few dozen articles and stories go through several tasks of
    the workers; the number of story pages each forked story pool rendered."""
    monkeypatch.setattr(building, "BATCH", 8)
    monkeypatch.setattr(build_pool, "CHUNK", 3)
    monkeypatch.setattr(site, "PARALLEL_STORIES", 2)
    rendered: list[int] = []
    real = site.fork_map

    def counting(func, items, jobs, chunk=20):  # type: ignore[no-untyped-def]
        yield from real(func, items, jobs, 2)
        rendered.append(jobs)

    monkeypatch.setattr(site, "fork_map", counting)
    return rendered


def _fill(store: SQLiteStore, image_server: ImageServer) -> None:
    """Articles whose page names collide (same title, same outlet id in one channel), images,
    and stories, so the order in which paths are chosen shows in the output."""
    articles = []
    for n in range(37):
        outlet = ("测试日报", "樣本時報", "第三报")[n % 3]
        article = make_article(n, outlet, "国内" if n % 2 else "国际",
                               image_url=f"{image_server.url}/photo{n % 4}.png" if n % 5 == 0 else "",
                               title="同一个标题" if n % 7 == 0 else None)
        if n % 6 == 0:  # the same outlet id in one channel folder of the page mirror
            article.original_url = f"https://outlet.test/{outlet}/{n}/a1000{n % 12}.html"
        store.upsert_article(article)
        articles.append(article)
    for k in range(4):
        members = articles[k::9]
        store.save_story(Story(id=f"story-{k}", title=f"事件{k}"), [StoryMember(a.id, f"story-{k}") for a in members])


@pytest.mark.parametrize("script", ["original", "zh-Hant"])
def test_a_build_in_two_processes_equals_a_build_in_one(tmp_path: Path, image_server: ImageServer,
                                                        monkeypatch: pytest.MonkeyPatch, script: str) -> None:
    forked = _small_tasks(monkeypatch)
    with SQLiteStore(tmp_path / "store.sqlite") as store:
        _fill(store, image_server)
        reports = {}
        for jobs in (1, 2):
            reports[jobs] = build(store, tmp_path / f"jobs{jobs}", options=BuildOptions(base_url=BASE_URL, script=script),
                                  fetch=httpx_fetcher(allowed=LOOPBACK, timeout=5), comparer=building.default_comparer(store), jobs=jobs)
    assert reports[1].workers == 1 and reports[2].workers == 2 and forked == [2]  # story pages too
    one, two = _files(tmp_path / "jobs1"), _files(tmp_path / "jobs2")
    assert len(one) > 37 * 3
    assert list(two) == list(one)
    assert [path for path in one if one[path] != two[path]] == []
    assert reports[1].failures == reports[2].failures == []
    assert {n: c.written for n, c in reports[1].formats.items()} == {n: c.written for n, c in reports[2].formats.items()}
    # Collisions were settled, and images mirrored, in both.
    assert any(p.startswith("pagemirror/pages/") and p.endswith(".md") and "a10000-" in p for p in one)
    assert any(p.startswith("jekyll/") and re.search(r"-[0-9a-f]{8}\.md$", p) for p in one)
    assert any(p.startswith("site/img/") for p in one)


def test_an_incremental_build_in_two_processes_equals_a_fresh_one(tmp_path: Path, image_server: ImageServer,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    _small_tasks(monkeypatch)
    options = BuildOptions(base_url=BASE_URL)
    with SQLiteStore(tmp_path / "store.sqlite") as store:
        _fill(store, image_server)
        build(store, tmp_path / "out", options=options, fetch=httpx_fetcher(allowed=LOOPBACK, timeout=5), jobs=2)
        for n in range(40, 60):
            store.upsert_article(make_article(n, "测试日报", "国内", title="同一个标题" if n % 2 else None))
        again = build(store, tmp_path / "out", options=options, fetch=httpx_fetcher(allowed=LOOPBACK, timeout=5), jobs=2)
        fresh = build(store, tmp_path / "fresh", options=options, fetch=httpx_fetcher(allowed=LOOPBACK, timeout=5), jobs=1)
    assert again.workers == 2 and again.formats["site"].rendered_inputs < fresh.formats["site"].rendered_inputs
    # The pages; a manifest updated in place need not be byte for byte a fresh one.
    incremental = {p: d for p, d in _files(tmp_path / "out").items() if not _bookkeeping(p)}
    full = {p: d for p, d in _files(tmp_path / "fresh").items() if not _bookkeeping(p)}
    assert list(incremental) == list(full)
    assert [p for p in full if incremental[p] != full[p]] == []


def test_jobs_must_be_positive(tmp_path: Path) -> None:
    from newsmirror.errors import ConfigError

    with SQLiteStore(tmp_path / "store.sqlite") as store, pytest.raises(ConfigError, match="--jobs"):
        build(store, tmp_path / "out", jobs=0)


def test_the_cli_passes_jobs_and_refuses_zero(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsmirror.cli import app

    with SQLiteStore(tmp_path / "store.sqlite") as store:
        for n in range(3):
            store.upsert_article(make_article(n))
    runner = CliRunner()
    base = ["build", "--db", str(tmp_path / "store.sqlite"), "--no-images"]
    done = runner.invoke(app, [*base, "--out", str(tmp_path / "out"), "--jobs", "2"])
    assert done.exit_code == 0, done.output
    assert len(list((tmp_path / "out" / "site" / "a").rglob("*.html"))) == 3
    refused = runner.invoke(app, [*base, "--out", str(tmp_path / "zero"), "--jobs", "0"])
    assert refused.exit_code != 0 and not (tmp_path / "zero").exists()


def _die(tasks: object) -> None:
    os._exit(3)  # as a worker killed for memory would


def test_a_worker_that_dies_stops_the_build_with_a_clear_error(tmp_path: Path, image_server: ImageServer,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from newsmirror.publish.parallel import WorkerDied

    _small_tasks(monkeypatch)
    monkeypatch.setattr(build_pool, "_render_chunk", _die)
    with SQLiteStore(tmp_path / "store.sqlite") as store:
        _fill(store, image_server)
        with pytest.raises(WorkerDied, match="--jobs"):  # not a build waiting forever for its pages
            build(store, tmp_path / "out", options=BuildOptions(base_url=BASE_URL), fetch=httpx_fetcher(allowed=LOOPBACK, timeout=5),
                  jobs=2)
