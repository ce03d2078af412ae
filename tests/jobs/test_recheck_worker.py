"""The worker runs recurring `recheck` jobs: one batch of due checks, then again later."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from newsmirror.jobs.recheck import WORKER_IDLE, schedule_recheck
from newsmirror.jobs.worker import HANDLERS
from newsmirror.model import utcnow
from newsmirror.store import open_store
from newsmirror.store.changes import CheckState, EventKind
from tests.httpserver import LoopbackServer
from tests.jobs.test_recheck_loopback import ARTICLE_PATH, article_page


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
