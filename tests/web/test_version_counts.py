"""The API's ``/api/articles/ID``, the reader's article page and ``newsmirror show`` count an article's versions
alike: the versions a reader can tell apart (``store.changes.versions_shown``), not every stored one."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from lxml import html
from typer.testing import CliRunner

from newsmirror.cli import app as cli
from newsmirror.store import open_store
from newsmirror.web import create_app
from tests.web.conftest import article


def test_api_page_and_show_count_the_versions_a_reader_can_tell_apart(tmp_path: Path) -> None:
    db = tmp_path / "counts.sqlite"
    with open_store(db) as store:
        # The second copy reads as the first (a trailing space) but was stored as a version: its content hash was
        # computed otherwise (as an older release's was). The third is a real edit.
        for text, content_hash in (("第一版的说法。", "a" * 64), ("第一版的说法。 ", "b" * 64), ("第二版的说法。", "")):
            store.upsert_article(article("counted", body_text=text, body_html=f"<p>{text}</p>",
                                         content_hash=content_hash))
        article_id = article("counted").id
        assert len(store.versions(article_id)) == 3
        client = TestClient(create_app(store))
        listed = html.fromstring(client.get(f"/article/{article_id}").text).xpath(
            "//section[@class='versions']//summary")
        assert len(listed) == 2
        assert client.get(f"/api/articles/{article_id}").json()["versions"] == 2
    shown = CliRunner().invoke(cli, ["show", article_id, "--db", str(db)])
    assert shown.exit_code == 0, shown.output
    assert "versions: 2" in shown.output
