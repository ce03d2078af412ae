"""The reader's on-request comparisons are bounded as a whole, not only each by its size (safety74, review57's
leftover): one client could start many 40-report comparisons at once (each seconds of CPU, the reader keeps none) and
hold every worker of the thread pool. Beyond ``MAX_COMPARING_AT_ONCE`` running, a request that would compute one is
answered 503 with Retry-After at once, the page and the API alike; a stored comparison is never refused.

The real app under uvicorn on 127.0.0.1, requests from threads; the comparisons are a stand-in that waits until the
test lets it go, so the count of refusals says it (no time is asserted: the waits are hang guards)."""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsmirror.model import Story
from newsmirror.store import Store, StoryMember, open_store
from newsmirror.stories import stored as stored_stories
from newsmirror.stories.comparison import Comparison
from newsmirror.web import comparison as web_comparison
from tests.web.conftest import article
from tests.web.live import serve

REQUESTS = 8
HANG_GUARD = 60.0  # seconds; never reached when the code is right


@pytest.fixture
def story_store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "busy.sqlite") as store:
        members = []
        for n in range(6):
            report = article(f"busy-{n}", outlet=f"媒体{n % 3}", title=f"第{n}篇", body_text=f"第{n}篇的正文说了一件事。")
            store.upsert_article(report)
            members.append(StoryMember(report.id, "story-busy"))
        store.save_story(Story(id="story-busy", title="忙"), members)  # no comparison stored: computed on request
        yield store


class Gate:
    """A stand-in ``compare_story`` that counts who entered and waits until released."""

    def __init__(self) -> None:
        self.entered = 0
        self.lock = threading.Lock()
        self.release = threading.Event()

    def __call__(self, articles: list[object], story_id: str = "") -> Comparison:
        with self.lock:
            self.entered += 1
        self.release.wait(HANG_GUARD)
        return Comparison(story_id=story_id, outlets=sorted({a.outlet for a in articles}))  # type: ignore[attr-defined]


def _get(url: str) -> tuple[int, str | None]:
    try:
        with urllib.request.urlopen(url, timeout=HANG_GUARD) as answer:
            answer.read()
            return answer.status, None
    except urllib.error.HTTPError as refused:
        refused.read()
        return refused.code, refused.headers.get("Retry-After")


@pytest.mark.parametrize("path", ["/api/stories/story-busy/comparison",
                                  "/story/story-busy?" + urllib.parse.urlencode([("outlet", "媒体0"), ("outlet", "媒体1")])])
def test_comparisons_on_request_beyond_the_bound_are_refused_at_once(
        story_store: Store, monkeypatch: pytest.MonkeyPatch, path: str) -> None:
    gate = Gate()
    monkeypatch.setattr(stored_stories, "compare_story", gate)
    bound = getattr(web_comparison, "MAX_COMPARING_AT_ONCE", REQUESTS)  # main has none: every request computes
    answers: list[tuple[int, str | None]] = []
    with serve(story_store) as url:
        threads = [threading.Thread(target=lambda: answers.append(_get(url + path))) for _ in range(REQUESTS)]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + HANG_GUARD
        # Every request has either started a comparison or been answered.
        while gate.entered + len(answers) < REQUESTS and time.monotonic() < deadline:
            time.sleep(0.02)
        refused_while_busy, computing = [status for status, _ in answers], gate.entered
        gate.release.set()
        for thread in threads:
            thread.join(HANG_GUARD)
        # The slots are free again: a later request computes.
        assert _get(url + path)[0] == 200
    # On main every request computed at once (entered == REQUESTS, none refused).
    assert computing == bound < REQUESTS
    assert refused_while_busy == [503] * (REQUESTS - bound)  # answered while the others still computed
    assert sorted(status for status, _ in answers) == [200] * bound + [503] * (REQUESTS - bound)
    assert all(retry and retry.isdigit() for status, retry in answers if status == 503)

def test_a_stored_comparison_is_shown_while_the_slots_are_taken(
        story_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    gate = Gate()
    gate.release.set()
    monkeypatch.setattr(stored_stories, "compare_story", gate)
    reports, _copies = stored_stories.story_reports(story_store, "story-busy")
    stored_stories.comparison_of(story_store, "story-busy", reports)  # stored, as grouping does
    slots = getattr(web_comparison, "COMPARING", None)
    taken = [slots.take() for _ in range(web_comparison.MAX_COMPARING_AT_ONCE)] if slots else []
    try:
        with serve(story_store) as url:
            assert _get(url + "/api/stories/story-busy/comparison")[0] == 200
            assert _get(url + "/story/story-busy")[0] == 200
    finally:
        for slot in taken:
            if slot is not None:
                slot.release()
    assert gate.entered == 1  # only the one stored above
