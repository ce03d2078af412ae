"""The worker runs recurring `recheck` jobs: one batch of due checks, then again later."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from newsmirror.jobs.recheck import WORKER_IDLE, schedule_recheck
from newsmirror.jobs.worker import HANDLERS
from newsmirror.model import utcnow
from newsmirror.store import open_store
from newsmirror.store.changes import CheckState, EventKind
from tests.httpserver import LoopbackServer
from tests.jobs.test_recheck_loopback import ARTICLE_PATH, article_page


@pytest.fixture
def loopback_allowed() -> Iterator[None]:
    """The worker's [fetch] allows the loopback site (its article is stored without a source) as an operator allows a
    LAN host: a stored article's address is otherwise asked only when public."""
    from newsmirror.config import FetchSettings
    from newsmirror.jobs.worker import configure_fetching

    configure_fetching(FetchSettings(private_hosts=["127.0.0.1"]))
    yield
    configure_fetching(FetchSettings())


@pytest.mark.usefixtures("loopback_allowed")
def test_recheck_jobs_are_queued_once_and_run_due_checks(loopback_server: LoopbackServer, tmp_path: Path) -> None:
    from newsmirror.jobs.recheck import default_extractor
    from newsmirror.model import DocumentKind, RawDocument

    url = loopback_server.url(ARTICLE_PATH)
    loopback_server.route(ARTICLE_PATH, body=article_page())
    article = default_extractor()(RawDocument(kind=DocumentKind.WEB_PAGE, content=article_page(), url=url))
    with open_store(tmp_path / "s.sqlite") as store:
        store.upsert_article(article)
        store.save_check_state(CheckState(article.id, next_check_at=utcnow() - timedelta(minutes=1),
                                          page_hash="an earlier fingerprint"))
        assert schedule_recheck(store) and not schedule_recheck(store)
        job = store.get_job("recheck", "*")
        assert job is not None
        loopback_server.gone(ARTICLE_PATH)
        before = utcnow()
        next_due = HANDLERS["recheck"](job, store)
        assert next_due is not None and next_due >= before + WORKER_IDLE
        assert [e.kind for e in store.article_events(article.id)] == [EventKind.DELETED]


def test_a_workers_recheck_jobs_fetch_with_its_config_not_the_folders(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # `worker --config FILE` gave its fetch jobs FILE's [fetch] table, but its recheck jobs read the config file anew
    # (./newsmirror.toml or $NEWSMIRROR_CONFIG): another user agent and politeness, or a failing job on a bad file.
    import newsmirror.fetch
    import newsmirror.jobs.worker
    from newsmirror.config import FetchSettings
    from newsmirror.jobs.worker import configure_fetching

    used: list[FetchSettings] = []

    class Recording(newsmirror.fetch.Fetcher):
        def __init__(self, settings: FetchSettings, *args: object, **kwargs: object) -> None:
            used.append(settings)
            super().__init__(settings, *args, **kwargs)

    monkeypatch.setattr(newsmirror.fetch, "Fetcher", Recording)
    monkeypatch.setattr(newsmirror.jobs.worker, "Fetcher", Recording)  # the worker's fetcher, its recheck jobs' too
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSMIRROR_CONFIG", raising=False)
    Path("newsmirror.toml").write_text("[fetch\n", encoding="utf-8")  # not the worker's file, and not TOML
    ours = FetchSettings(user_agent="the file worker --config names")
    configure_fetching(ours)
    try:
        with open_store(tmp_path / "s.sqlite") as store:
            store.enqueue_job("recheck", "*")
            job = store.get_job("recheck", "*")
            assert job is not None
            assert HANDLERS["recheck"](job, store) is not None
    finally:
        configure_fetching(FetchSettings())
    assert [settings.user_agent for settings in used] == [ours.user_agent]
