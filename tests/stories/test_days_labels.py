"""Grouping pinned on labelled examples of a tuning day (bench/days/labels-2020-08-04.toml,
labelled by reading, independently of this code): two events of different outlets and scripts
and one multi-event briefing, imported from ../shared/days with the normal importer."""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path

import pytest

from newsmirror.jobs.grouping import group_articles
from newsmirror.jobs.importing import import_paths
from newsmirror.store import open_store
from newsmirror.store.base import Store

REPO = Path(__file__).resolve().parents[2]
DAY = REPO.parent / "shared" / "days" / "zhouxiang93123-waimei" / "archived" / "2020-08-04"
LABELS = REPO / "bench" / "days" / "labels-2020-08-04.toml"
EVENTS = ("france-hk-extradition", "dprk-miniaturised-nukes")
BRIEFING = "2020-08-04-简报：特朗普为TikTok收购案开绿灯；白宫加强病毒筛查.md"


@pytest.fixture(scope="module")
def grouped(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, dict[str, list[str]]]:
    if not DAY.is_dir():
        pytest.fail(f"the labelled day is missing at {DAY} (../shared/days beside the repository)")
    with LABELS.open("rb") as handle:
        labels = tomllib.load(handle)
    files = {event["id"]: list(event["files"]) for event in labels["event"] if event["id"] in EVENTS}
    files["briefing"] = [BRIEFING]
    store = open_store(tmp_path_factory.mktemp("day") / "day.sqlite")
    report = import_paths(store, [DAY / name for names in files.values() for name in names])
    article_of = {Path(r.path).name: r.article_id for r in report.results if r.article_id}
    group_articles(store)
    return store, {key: [article_of[name] for name in names if name in article_of] for key, names in files.items()}


def stories_of(store: Store, article_ids: list[str]) -> Counter[str]:
    return Counter(store.story_of(a) or a for a in article_ids)


def test_most_reports_of_each_labelled_event_share_one_story(grouped: tuple[Store, dict[str, list[str]]]) -> None:
    store, ids = grouped
    for event in EVENTS:
        story, size = stories_of(store, ids[event]).most_common(1)[0]
        assert size >= len(ids[event]) - 1, event
        others = [a for other in EVENTS if other != event for a in ids[other]]
        assert story not in stories_of(store, others), f"{event} glued to another event"


def test_a_multi_event_briefing_is_a_story_of_its_own(grouped: tuple[Store, dict[str, list[str]]]) -> None:
    store, ids = grouped
    (briefing,) = ids["briefing"]
    story = store.story_of(briefing)
    assert story is not None
    assert [m.article_id for m in store.story_members(story)] == [briefing]
