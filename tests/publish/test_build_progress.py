"""The build's progress covers every phase, the last one (story pages, listings) included."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from newsmirror.cli.progress import StageProgress
from newsmirror.jobs.building import build
from newsmirror.model import Story
from newsmirror.publish.base import BuildOptions
from newsmirror.store.base import StoryMember
from newsmirror.store.sqlite import SQLiteStore
from tests.publish.conftest import fill


def _phases(calls: list[tuple[int, int, str]]) -> list[str]:
    order: list[str] = []
    for _, _, phase in calls:
        if not order or order[-1] != phase:
            order.append(phase)
    return order


def test_every_phase_reports_done_and_total_and_the_last_call_is_the_end(store: SQLiteStore,
                                                                           tmp_path: Path) -> None:
    articles = fill(store, 7)
    second = Story(id="story-two", title="第二个故事")
    store.save_story(second, [StoryMember(articles[2].id, second.id), StoryMember(articles[3].id, second.id)])
    calls: list[tuple[int, int, str]] = []
    report = build(store, tmp_path / "out", images=False, options=BuildOptions(index_cap=3),
                   progress=lambda done, total, phase: calls.append((done, total, phase)))

    phases = _phases(calls)
    assert len(phases) == len(set(phases)), "a phase is reported in one run, not resumed later"
    assert phases[:2] == ["reading articles", "rendering articles"]
    finishing = [p for p in phases if p.startswith("story pages and listings")]
    assert sorted(finishing) == sorted(f"story pages and listings ({name})" for name in report.formats)
    assert phases.index(finishing[0]) > phases.index("rendering articles")
    for phase in phases:
        mine = [(done, total) for done, total, p in calls if p == phase]
        totals = {total for _, total in mine}
        assert len(totals) == 1, f"{phase}: one total, known from its first report ({totals})"
        dones = [done for done, _ in mine]
        assert dones == sorted(dones), f"{phase}: never goes back"
        assert dones[0] == 0 and dones[-1] == totals.pop(), f"{phase}: starts at 0 and ends at its total"
    assert [total for _, total, p in calls if p == "rendering articles"][0] == report.articles == 7
    # The site's final phase counts its listings and both story pages, not nothing.
    site = [total for _, total, p in calls if p == "story pages and listings (site)"]
    assert site and site[0] >= 2 + 2  # 2 stories, at least 2 outlet listings
    assert calls[-1][0] == calls[-1][1], "nothing runs after the last report but its completion"


def test_lines_off_a_terminal_name_each_phase_and_continue_through_the_last() -> None:
    now = [0.0]
    stream = io.StringIO()
    with StageProgress("building", Console(file=io.StringIO()), unit="articles", interval=10, stream=stream,
                       clock=lambda: now[0], terminal=False) as progress:
        for done in range(0, 101, 10):
            now[0] = done / 10  # 100 articles in 10 s
            progress.phase(done, 100, "rendering articles")
        for done in range(0, 41):
            now[0] = 10 + done  # the last phase: 40 story pages, one a second
            progress.phase(done, 40, "story pages and listings (site)")
    lines = stream.getvalue().splitlines()
    # A phase's first line comes once it has lasted 10 s (polish65: no "0/100 (0%), 0/s" line at its start, which a
    # phase over at once followed with its "done in 0s" line: two lines a phase on a run with nothing to do).
    assert lines[0] == "building, rendering articles: 100/100 (100%), 10/s, done in 10s"
    assert lines[1] == "building, story pages and listings (site): 10/40 (25%), 1/s, about 30s left"
    later = [line for line in lines[2:] if "left" in line]
    assert len(later) == 2, "a line every 10 s while the last phase runs"
    assert lines[-1] == "building, story pages and listings (site): 40/40 (100%), 1/s, done in 40s"
    assert len(lines) == 5, lines


def test_phases_over_at_once_say_nothing_off_a_terminal() -> None:
    """polish65: `run` from cron with nothing new wrote twelve lines to stderr (cron mails them), a start line and a
    "done in 0s" line for each of six phases; its summary on stdout says what it did. A phase that lasts the interval
    is written as before, its end too, once."""
    now = [0.0]
    stream = io.StringIO()
    phases = ["reading articles", "rendering articles", "story pages and listings (pagemirror)",
              "story pages and listings (jekyll)", "story pages and listings (site)", "history pages"]
    with StageProgress("updating", Console(file=io.StringIO()), interval=10, stream=stream, clock=lambda: now[0],
                       terminal=False) as progress:
        for phase in phases:
            progress.phase(0, 12, phase)
            now[0] += 0.05
            progress.phase(12, 12, phase)
    assert stream.getvalue() == ""
    with StageProgress("updating", Console(file=io.StringIO()), interval=10, stream=stream, clock=lambda: now[0],
                       terminal=False) as progress:
        progress.phase(0, 12, "reading articles")
        progress.phase(12, 12, "reading articles")
        progress.phase(0, 2, "rendering articles")
        now[0] += 11
        progress.phase(1, 2, "rendering articles")
        now[0] += 1
        progress.phase(2, 2, "rendering articles")
        progress.phase(0, 1, "history pages")
        progress.phase(1, 1, "history pages")
    assert stream.getvalue().splitlines() == ["updating, rendering articles: 1/2 (50%), 0/s",
                                              "updating, rendering articles: 2/2 (100%), 0/s, done in 12s"]
