from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsmirror.cli import app
from newsmirror.jobs.grouping import group_articles
from newsmirror.store import Store, open_store
from tests.stories.fixtures import ALL, FLOOD, FLOOD_HANT, TRADE_COPY, TRADE_HANS, TRADE_HANT, TRADE_LATER


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "stories.sqlite")
    try:
        yield opened
    finally:
        opened.close()


def add(store: Store, *articles: object) -> None:
    for article in articles:
        store.upsert_article(copy.deepcopy(article))  # type: ignore[arg-type]


def test_grouping_assigns_every_article_once(store: Store) -> None:
    add(store, *ALL)
    report = group_articles(store)
    assert report.assigned == len(ALL)
    assert report.duplicates == 1
    assert report.new_stories == 3
    assert store.unassigned_article_ids() == []
    trade = store.story_of(TRADE_HANS.id)
    assert trade is not None
    members = {m.article_id: m for m in store.story_members(trade)}
    assert set(members) == {TRADE_HANS.id, TRADE_HANT.id, TRADE_COPY.id}
    assert members[TRADE_COPY.id].role == "duplicate"
    assert members[TRADE_COPY.id].duplicate_of == TRADE_HANS.id
    assert store.story_of(FLOOD.id) == store.story_of(FLOOD_HANT.id) != trade
    story = store.get_story(trade)
    assert story is not None and story.title == TRADE_HANS.title
    # Idempotent: nothing left to do, nothing changes.
    assert group_articles(store).assigned == 0
    assert {m.article_id for m in store.story_members(trade)} == set(members)


def test_a_later_run_continues_the_stories_of_an_earlier_one(store: Store) -> None:
    add(store, TRADE_HANS, FLOOD)
    group_articles(store)
    trade = store.story_of(TRADE_HANS.id)
    add(store, TRADE_HANT, TRADE_COPY, FLOOD_HANT, TRADE_LATER)
    report = group_articles(store)
    assert report.restored == 2
    assert report.assigned == 4
    assert store.story_of(TRADE_HANT.id) == trade
    assert {m.article_id for m in store.story_members(trade or "")} == {TRADE_HANS.id, TRADE_HANT.id, TRADE_COPY.id}
    assert store.story_of(FLOOD_HANT.id) == store.story_of(FLOOD.id)
    assert store.story_of(TRADE_LATER.id) not in {trade, store.story_of(FLOOD.id)}


def test_cli_group_list_show(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.sqlite")
    with open_store(db) as store:
        add(store, *ALL)
    runner = CliRunner()
    grouped = runner.invoke(app, ["stories", "group", "--db", db])
    assert grouped.exit_code == 0, grouped.output
    assert "grouped 6 articles" in grouped.output
    again = runner.invoke(app, ["stories", "group", "--db", db])
    assert "already in a story" in again.output
    listed = runner.invoke(app, ["stories", "list", "--db", db])
    assert listed.exit_code == 0
    with open_store(db) as store:
        trade = store.story_of(TRADE_HANS.id)
    assert trade is not None and trade in listed.output
    shown = runner.invoke(app, ["stories", "show", trade, "--db", db], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    # The summary first: shared facts, then what one outlet alone adds; the grid with --full.
    assert "reported by most outlets" in shown.output and "reported by every outlet" not in shown.output
    assert "澳洲農民團體在會場外抗議" in shown.output  # a sentence only 乙社 reports
    grid = runner.invoke(app, ["stories", "show", trade, "--db", db, "--full"], env={"COLUMNS": "200"})
    assert grid.exit_code == 0 and "reported by every outlet" in grid.output
    pair = runner.invoke(app, ["stories", "show", trade, "--db", db, "--outlet", "甲报", "--outlet", "乙社"],
                         env={"COLUMNS": "200"})
    assert pair.exit_code == 0, pair.output
    assert "澳洲農民團體在會場外抗議" in pair.output
    # 丙网 only republished 甲报's copy: it has no report of its own to compare.
    copy = runner.invoke(app, ["stories", "show", trade, "--db", db, "--outlet", "甲报", "--outlet", "丙网"])
    assert copy.exit_code == 1 and "not among them: 丙网" in copy.output
    assert "Traceback" not in copy.output
    missing = runner.invoke(app, ["stories", "show", "nope", "--db", db])
    assert missing.exit_code == 1
    assert "no story with id 'nope'" in missing.output


def test_stories_found_to_be_one_are_merged_in_the_store(store: Store) -> None:
    from newsmirror.model import Story
    from newsmirror.store import StoryMember

    add(store, TRADE_HANS, TRADE_HANT, TRADE_COPY)
    store.save_story(Story(id="older", title="a"), [StoryMember(TRADE_HANS.id, "older")])
    store.save_story(Story(id="newer", title="b"), [StoryMember(TRADE_HANT.id, "newer")])
    report = group_articles(store)
    assert report.assigned == 1
    assert store.get_story("newer") is None
    assert {m.article_id for m in store.story_members("older")} == {TRADE_HANS.id, TRADE_HANT.id, TRADE_COPY.id}
    assert store.story_of(TRADE_HANT.id) == "older"


def test_reported_new_stories_are_the_stories_stored(store: Store) -> None:
    # Reverse time order makes the later reports start stories that the earlier ones then
    # merge into: the report counts what is stored, not what was started.
    add(store, *reversed(ALL))
    report = group_articles(store)
    assert report.new_stories == len(store.list_stories())
    assert report.new_stories + report.joined + report.duplicates == report.assigned


def test_old_reports_grouped_after_newer_ones_still_join_their_own_stories(store: Store) -> None:
    # A backfill: a store already grouped a month past TRADE_HANS's story gets an older report.
    add(store, TRADE_HANS, FLOOD)
    later = [dataclasses.replace(copy.deepcopy(FLOOD), id="", canonical_url="", content_hash="",
                                 original_url=f"https://example.org/later-{n}", title=f"第{n}号公告：市政维修安排",
                                 body_text=f"市政部门今天公布第{n}号维修安排，涉及{n}条街道。",
                                 published_at=FLOOD.published_at + timedelta(days=30, minutes=n))  # type: ignore[operator]
             for n in range(300)]
    add(store, *later)
    group_articles(store)
    trade = store.story_of(TRADE_HANS.id)
    add(store, TRADE_HANT)
    report = group_articles(store)
    assert store.story_of(TRADE_HANT.id) == trade
    assert report.restored == 2  # the reports around it, not the month after



def test_only_a_closing_run_judges_live_stories_for_the_complete_story_join(store: Store,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    # A production run ends with both stories still able to grow: the join pass judges neither (on main it judged
    # every live story at every run's end); a closing run judges them all.
    from newsmirror.stories import cluster
    from tests.stories.test_cluster_join import ALWAYS
    monkeypatch.setattr(cluster, "default_join_model", lambda: ALWAYS)
    judged: list[set[str]] = []
    pairs = cluster.StoryClusterer.join_pairs

    def recorded(self: cluster.StoryClusterer, final: bool = False) -> list[tuple[float, str, str]]:
        scored = pairs(self, final)
        judged.append(set(self._judged))
        return scored

    monkeypatch.setattr(cluster.StoryClusterer, "join_pairs", recorded)
    config = cluster.ClusterConfig(join_complete=True, join_least=1, event_link=False)
    add(store, TRADE_HANS, FLOOD)
    group_articles(store, config)
    assert judged[-1] == set()
    add(store, TRADE_HANT)
    group_articles(store, config, close=True)
    assert judged[-1] == {store.story_of(TRADE_HANS.id), store.story_of(FLOOD.id)}
