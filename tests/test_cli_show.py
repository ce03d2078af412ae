"""`newsmirror show` gives an article's time as every other view does: UTC+8, labelled, to the minute."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from typer.testing import CliRunner

from newsmirror.cli import app
from newsmirror.model import Article, Story
from newsmirror.store import StoryMember, open_store
from newsmirror.text import times


def test_show_gives_published_as_stories_show_does(tmp_path: Path) -> None:
    db = str(tmp_path / "s.sqlite")
    # 05:23 UTC is 13:23 in UTC+8; 20:30 UTC is the next day there.
    first = Article(outlet="法广", title="国会确认拜登胜选", original_url="https://example.org/a", body_text="正文一。",
                    published_at=datetime(2021, 1, 7, 5, 23, 14, tzinfo=UTC))
    second = Article(outlet="中央社", title="國會確認拜登勝選", original_url="https://example.org/b", body_text="正文二。",
                     published_at=datetime(2021, 1, 6, 20, 30, tzinfo=UTC))
    with open_store(db) as store:
        for article in (first, second):
            store.upsert_article(article)
        story = Story(id="s1", title="国会确认拜登胜选")
        store.save_story(story, [StoryMember(first.id, story.id), StoryMember(second.id, story.id)])
    listing = CliRunner().invoke(app, ["stories", "show", story.id, "--db", db], env={"COLUMNS": "200"}).output
    for article, expected in ((first, "2021-01-07 13:23 UTC+8"), (second, "2021-01-07 04:30 UTC+8")):
        result = CliRunner().invoke(app, ["show", article.id, "--db", db], env={"COLUMNS": "200"})
        assert result.exit_code == 0, result.output
        assert f"published: {expected}\n" in result.output and "+00:00" not in result.output
        assert times.stamp(article.published_at) == expected and expected in listing  # the one helper, both commands
