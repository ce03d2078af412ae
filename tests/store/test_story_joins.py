"""The complete-story join's state kept with the stories (``Store.story_joins``, migration 0014), on every backend:
written, replaced, gone with its story, and added in place to a store made before it."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsmirror.model import Article, Story
from newsmirror.store import Store, StoryMember, open_store
from newsmirror.store import postgres as postgres_store
from newsmirror.store import sqlite as sqlite_store
from newsmirror.store.base import StoryJoin
from tests.store.conftest import BACKENDS

START = datetime(2024, 6, 3, 8, 0, tzinfo=UTC)


def report(n: int, outlet: str) -> Article:
    return Article(outlet=outlet, title=f"港口罢工第{n}天 货柜积压", original_url=f"https://j.example/{outlet}/{n}",
                   body_text=f"港口工人罢工进入第{n}天，码头货柜积压超过一万个。\n\n工会说谈判仍无进展。",
                   published_at=START + timedelta(hours=n))


REPORTS = [report(1, "甲报"), report(2, "乙社"), report(3, "丙网")]


def save_two(store: Store) -> None:
    for article in REPORTS:
        store.upsert_article(article)
    store.save_story(Story(id="core", title="罢工"), [StoryMember(a.id, "core") for a in REPORTS[:2]])
    store.save_story(Story(id="other", title="罢工"), [StoryMember(REPORTS[2].id, "other")])


def test_join_states_are_kept_replaced_and_go_with_their_story(store: Store) -> None:
    save_two(store)
    assert store.story_joins(["core", "other"]) == {}
    unjoined = (REPORTS[0].id, REPORTS[1].id)
    store.save_story_joins([StoryJoin("core", "judged"), StoryJoin("other", "judged"), StoryJoin("gone", "judged")])
    store.save_story_joins([StoryJoin("core", "core", unjoined)])  # replaces; a story not stored gets none
    assert store.story_joins(["core", "other", "gone"]) == {"core": StoryJoin("core", "core", unjoined),
                                                            "other": StoryJoin("other", "judged")}
    # A merge moves the other story's member into the core: the emptied story and its state go.
    store.save_story(Story(id="core", title="罢工"), [StoryMember(a.id, "core") for a in REPORTS])
    assert store.get_story("other") is None
    assert store.story_joins(["core", "other"]) == {"core": StoryJoin("core", "core", unjoined)}


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_store_made_before_migration_0014_gains_the_table_in_place(backend: str, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    # A store made with every migration before 0014 (main's schema at session 26), opened again with all of them:
    # its stories and members are kept, and the join state can be stored.
    module = sqlite_store if backend == "sqlite" else postgres_store
    scripts = module.migration_scripts
    # (0016's versions column too: today's upsert writes it, and it is no part of what 0014 changes.)
    monkeypatch.setattr(module, "migration_scripts",
                        lambda dialect: [s for s in scripts(dialect) if s[0] < 14 or "version_time" in s[1]])
    if backend == "sqlite":
        target = str(tmp_path / "old.sqlite")
    else:
        from tests.store.pg_util import fresh_schema_dsn
        target = fresh_schema_dsn(os.environ["NEWSMIRROR_TEST_PG_DSN"])
    with open_store(target) as old:
        save_two(old)
        before = old.schema_version()  # 0016, kept above: 0014 and 0015 were not applied
        with pytest.raises(Exception):  # noqa: B017  (either driver's error: the table is not there yet)
            old.story_joins(["core"])
    monkeypatch.setattr(module, "migration_scripts", scripts)
    latest = scripts("sqlite" if backend == "sqlite" else "postgres")[-1][0]  # 0014 or a later one
    with open_store(target) as store:
        assert store.schema_version() == latest and latest >= 14 and before == 16
        assert [m.article_id for m in store.story_members("core")] == [REPORTS[0].id, REPORTS[1].id]
        assert store.story_of(REPORTS[2].id) == "other"
        assert store.story_joins(["core"]) == {}
        store.save_story_joins([StoryJoin("core", "core", (REPORTS[0].id,))])
        assert store.story_joins(["core"]) == {"core": StoryJoin("core", "core", (REPORTS[0].id,))}
