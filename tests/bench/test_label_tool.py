"""bench/days/label_tool.py: the committed day labels validate, and the checks catch bad labels."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from bench.days import label_tool

DAYS = Path(label_tool.__file__).resolve().parent
LABEL_FILES = [
    DAYS / "labels-2020-08-04.toml", DAYS / "labels-2020-10-14.toml", DAYS / "labels-2020-11-18.toml",
    DAYS / "test" / "labels-2020-12-02.toml",
]
FACT_FILES = [DAYS / "facts.toml", DAYS / "facts-s16.toml", DAYS / "test" / "facts-2020-12-02.toml"]
# Days exported from the public archive (GUIDE.md, "Days not in ../shared"): their posts are not
# here, so CI checks what a label file says about itself; `label_tool.py --archive DIR check`
# checks them against the posts.
# Every other committed day, found rather than listed: a newly labelled day is checked from the
# commit that adds it (a list missed 2020-12-27 for a session).
EXTRA_LABEL_FILES = sorted(
    path for path in [*DAYS.glob("labels-*.toml"), *(DAYS / "test").glob("labels-*.toml")]
    if path not in LABEL_FILES
)


@pytest.fixture(scope="module")
def archive() -> Path:
    if not label_tool.DEFAULT_ARCHIVE.is_dir():
        pytest.fail(f"the shared days are missing: expected {label_tool.DEFAULT_ARCHIVE} (../shared/days)")
    return label_tool.DEFAULT_ARCHIVE


@pytest.mark.parametrize("labels", LABEL_FILES, ids=lambda p: p.name)
def test_committed_day_labels_are_valid(labels: Path, archive: Path) -> None:
    assert label_tool.check_labels(labels, archive) == []


@pytest.mark.parametrize("facts", FACT_FILES, ids=lambda p: p.name)
def test_committed_fact_labels_quote_their_files_exactly(facts: Path, archive: Path) -> None:
    assert label_tool.check_facts(facts, archive, DAYS) == []


@pytest.mark.parametrize("labels", EXTRA_LABEL_FILES, ids=lambda p: p.name)
def test_labels_of_exported_days_are_consistent_in_themselves(labels: Path) -> None:
    with labels.open("rb") as handle:
        data = tomllib.load(handle)
    problems, where = label_tool.label_problems(data)
    assert problems == []
    # a whole day, not a sample: the smallest, 2020-07-20 (a Monday of 180 posts, 59% singletons),
    # puts 74 files in events or multis (2020-11-29, a Sunday of 208 posts, 89)
    assert len(where) >= 70


def test_every_labelled_day_is_checked() -> None:
    # 17 days were labelled by session 23; a glob that found none would check nothing
    assert len(LABEL_FILES) + len(EXTRA_LABEL_FILES) >= 17


def test_label_problems_without_posts_catch_a_repeat_a_stray_day_and_an_unknown_event() -> None:
    data = {"day": "2020-01-02", "event": [
        {"id": "a", "title": "A", "files": ["2020-01-02-x.md", "2020-01-02-y.md"]},
        {"id": "b", "title": "B", "files": ["2020-01-02-y.md", "2020-01-03-z.md"]},
    ], "multi": [{"file": "2020-01-02-w.md", "kind": "briefing", "events": ["c"]}]}
    problems, _ = label_tool.label_problems(data)
    assert any("in event a and in event b" in p for p in problems)
    assert any("not a file of 2020-01-02" in p for p in problems)
    assert any("unknown event c" in p for p in problems)


def test_a_file_in_two_events_and_a_missing_file_are_reported(tmp_path: Path, archive: Path) -> None:
    day = "2020-08-04"
    first, second, third = sorted(path.name for path in (archive / day).glob("*.md"))[:3]
    bad = tmp_path / "labels-bad.toml"
    bad.write_text(
        f'day = "{day}"\n'
        f'[[event]]\nid = "a"\ntitle = "A"\nfiles = ["{first}", "{second}"]\n'
        f'[[event]]\nid = "b"\ntitle = "B"\nfiles = ["{second}", "{third}", "no-such-post.md"]\n',
        encoding="utf-8",
    )
    problems = label_tool.check_labels(bad, archive)
    assert any(second in p and "event a" in p and "event b" in p for p in problems)
    assert any("no-such-post.md" in p for p in problems)


def test_versions_of_one_post_labelled_apart_are_reported(tmp_path: Path, archive: Path) -> None:
    # The two CCTV 新闻联播 transcripts of 2020-08-04 share one from: URL.
    posts = [p for p in label_tool.day_posts(archive, "2020-08-04") if "新闻联播" in p.name]
    assert len(posts) == 2 and posts[0].source_url == posts[1].source_url
    other = next(p.name for p in label_tool.day_posts(archive, "2020-08-04") if "新闻联播" not in p.name)
    bad = tmp_path / "labels-split.toml"
    bad.write_text(
        f'day = "2020-08-04"\n[[event]]\nid = "x"\ntitle = "X"\nfiles = ["{posts[0].name}", "{other}"]\n',
        encoding="utf-8",
    )
    assert any("same from: URL" in p for p in label_tool.check_labels(bad, archive))


def test_plain_text_drops_tags_and_the_feed_header() -> None:
    body = "<!--1-->\n[标题](https://x)\n------\n\n<div><p>第一句。</p><p>第二&amp;句</p></div>"
    assert label_tool.plain_text(body) == "第一句。 第二&句"


def test_candidates_skip_pairs_already_in_one_event(archive: Path) -> None:
    labels = DAYS / "labels-2020-08-04.toml"
    pairs = label_tool.candidate_pairs(labels, archive, 0.2)
    assert pairs, "the 2020-08-04 labels leave some look-alike posts apart (e.g. voucher stories)"
    assert all(first_label == "-" or first_label != second_label for _, _, _, first_label, _, _, second_label in pairs)
