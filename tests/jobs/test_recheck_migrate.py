"""Edit history survives `newsmirror migrate` between backends: checks and events are copied."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsmirror.jobs.migrate import migrate
from newsmirror.model import Article
from newsmirror.store import open_store
from newsmirror.store.changes import ArticleEvent, CheckState, EventKind
from tests.jobs.test_migrate import BACKENDS, location

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize("target", BACKENDS)
def test_checks_and_events_are_copied_and_new_events_follow(tmp_path: Path, target: str) -> None:
    with open_store(location("sqlite", tmp_path, "from.sqlite")) as source, \
            open_store(location(target, tmp_path, "to.sqlite")) as destination:
        article = Article(outlet="示例报", title="标题", original_url="https://e.org/1", body_text="正文。")
        source.upsert_article(article)
        source.save_check_state(CheckState(article.id, next_check_at=NOW, etag='"e"', page_hash="h", check_count=4))
        source.record_article_event(ArticleEvent(article.id, EventKind.DELETED, NOW, detail="HTTP 404"))
        migrate(source, destination)
        assert destination.get_check_state(article.id).etag == '"e"'
        assert destination.get_check_state(article.id).check_count == 4
        assert [e.detail for e in destination.article_events(article.id)] == ["HTTP 404"]
        assert destination.due_checks(NOW + timedelta(minutes=1))[0].status == "deleted"
        # The id sequence continues after the copied rows.
        destination.record_article_event(ArticleEvent(article.id, EventKind.RESTORED, NOW + timedelta(hours=1)))
        assert [e.kind for e in destination.article_events(article.id)] == [EventKind.DELETED, EventKind.RESTORED]
