"""bench/stories_read.py: which stories are picked, and test-day texts never shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import stories_read
from newsmirror.jobs.importing import import_paths
from newsmirror.store import open_store
from tests.fixtures_archives import JEKYLL_POST, NAN_POST, write


def test_pick_takes_the_largest_then_a_fixed_draw_of_the_rest() -> None:
    stories = [[f"s{n}-{k}" for k in range(size)] for n, size in enumerate([9, 8, 7, 6, 5, 5, 4, 2])]
    picked = stories_read.pick(stories, largest=2, drawn=3, min_size=5, seed=1)
    assert picked["L1"] == stories[0] and picked["L2"] == stories[1]
    drawn = [picked[f"R{n}"] for n in (1, 2, 3)]
    assert all(len(story) >= 5 and story not in stories[:2] for story in drawn)
    assert stories_read.pick(stories, 2, 3, 5, seed=1) == picked
    assert len(stories_read.pick(stories, 2, 10, 5, seed=1)) == 2 + 4  # no more than the pool holds


@pytest.fixture(params=[stories_read.TEST_DAYS[0], stories_read.HELD_OUT_DAY])
def store_and_archive(tmp_path: Path, request: pytest.FixtureRequest) -> tuple[str, Path, dict[str, str]]:
    archive = tmp_path / "archived"
    # The unread day's post was published on another day: only its folder tells (by its bytes).
    write(archive, f"{request.param}/a.md", JEKYLL_POST)
    write(archive, "2024-03-02/b.md", NAN_POST)
    db = f"sqlite:{tmp_path / 'store.sqlite'}"
    with open_store(db) as store:
        import_paths(store, [archive], workers=1)
        ids = {a.title[:2]: a.id for a in store.iter_articles()}
    return db, archive, ids


def test_test_day_articles_are_found_by_folder_and_their_texts_never_printed(
        store_and_archive: tuple[str, Path, dict[str, str]], capsys: pytest.CaptureFixture[str]) -> None:
    db, archive, ids = store_and_archive
    with open_store(db) as store:
        hidden = stories_read.test_day_articles(store, archive)
        assert hidden == {ids["測試"]}
        articles = [a for a in (store.get_article(i) for i in ids.values()) if a is not None]
    stories_read.show("L1", articles, hidden, text=True, lead=50)
    shown = capsys.readouterr().out
    assert "TEST DAY" in shown and "公車票價下調" in shown  # titles still listed
    assert "兩成" not in shown and "同意加强合作" not in shown  # no member's text
    stories_read.show("L2", [a for a in articles if a.id not in hidden], hidden, text=True, lead=50)
    assert "同意加强合作" in capsys.readouterr().out
