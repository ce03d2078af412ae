"""`stories group` stores the comparisons of the stories it changed; `stories compare` stores the
missing or stale ones; `stories show` reads the stored one."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from newsmirror.cli import app
from newsmirror.store import open_store
from tests.store.test_story_comparisons import VISIT


def test_group_stores_comparisons_and_compare_refreshes_stale_ones(tmp_path: Path) -> None:
    db = f"sqlite:{tmp_path / 'store.sqlite'}"
    with open_store(tmp_path / "store.sqlite") as store:
        for article in VISIT:
            store.upsert_article(article)
    runner = CliRunner()
    grouped = runner.invoke(app, ["stories", "group", "--db", db])
    assert grouped.exit_code == 0, grouped.output
    assert "compared 1 stories of 2+ outlets" in grouped.output
    with open_store(tmp_path / "store.sqlite") as store:
        story_id = store.story_of(VISIT[0].id)
        assert story_id is not None
        assert list(store.story_comparison_fingerprints()) == [story_id]
        store.save_story_comparison(story_id, "stale", b"old")
    shown = runner.invoke(app, ["stories", "show", story_id, "--db", db])
    assert shown.exit_code == 0 and "彼得斯" in shown.output
    again = runner.invoke(app, ["stories", "compare", "--db", db])
    assert again.exit_code == 0 and "compared 0 stories" in again.output  # `show` stored it again
    with open_store(tmp_path / "store.sqlite") as store:
        store.save_story_comparison(story_id, "stale", b"old")
    refreshed = runner.invoke(app, ["stories", "compare", "--db", db])
    assert refreshed.exit_code == 0 and "compared 1 stories" in refreshed.output, refreshed.output
