"""The clusterer on labelled reports of a tuning day (bench/days/labels-2020-08-04.toml, labelled
by reading): eleven reports of one event that all name one commentator, and three reports of
another event about that same commentator. A shared famous name is not a shared event: with
``ClusterConfig.who_and_what`` (part of ``recall_settings()``) the score needs names *and* the other
words in common."""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path

import pytest

from newsmirror.jobs.importing import import_paths
from newsmirror.store import open_store
from newsmirror.stories.cluster import ClusterConfig, Document, StoryClusterer
from newsmirror.stories.stored import document_of

REPO = Path(__file__).resolve().parents[2]
DAY = REPO.parent / "shared" / "days" / "zhouxiang93123-waimei" / "archived" / "2020-08-04"
LABELS = REPO / "bench" / "days" / "labels-2020-08-04.toml"
EVENTS = ("china-journalist-visas", "hu-xijin-nuclear-critic")


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, Document]]:
    if not DAY.is_dir():
        pytest.fail(f"the labelled day is missing at {DAY} (../shared/days beside the repository)")
    with LABELS.open("rb") as handle:
        labels = tomllib.load(handle)
    event_of = {name: event["id"] for event in labels["event"] if event["id"] in EVENTS for name in event["files"]}
    with open_store(tmp_path_factory.mktemp("day") / "day.sqlite") as store:
        report = import_paths(store, [DAY / name for name in event_of])
        found = [(event_of[Path(r.path).name], store.get_article(r.article_id)) for r in report.results if r.article_id]
    documents = [(event, document_of(article)) for event, article in found if article is not None]
    documents.sort(key=lambda pair: pair[1].time)
    assert len(documents) == len(event_of)
    return documents


def stories(reports: list[tuple[str, Document]], config: ClusterConfig) -> dict[str, Counter[str]]:
    clusterer = StoryClusterer(config)
    assigned = [(event, clusterer.add(document).story_id) for event, document in reports]
    out: dict[str, Counter[str]] = {event: Counter() for event in EVENTS}
    for event, story in assigned:
        out[event][clusterer.resolve(story)] += 1
    return out


def test_one_event_naming_a_commentator_is_one_story_and_another_about_him_stays_apart(reports: list[tuple[str, Document]]) -> None:
    found = stories(reports, ClusterConfig.recall_settings())
    visas, critic = found["china-journalist-visas"], found["hu-xijin-nuclear-critic"]
    assert len(visas) == 1
    assert not set(visas) & set(critic)


def test_without_who_and_what_the_shared_name_glues_the_two_events(reports: list[tuple[str, Document]]) -> None:
    # The same reports with the plain cosine: proves the test above can fail.
    config = ClusterConfig.recall_settings()
    config.who_and_what = False
    found = stories(reports, config)
    assert set(found["china-journalist-visas"]) & set(found["hu-xijin-nuclear-critic"])
