"""A researcher's export of a comparison (polish73): `stories show --json` and `/api/stories/{id}/comparison` give the
reports and every fact with each outlet's sentence as written, in one shape; and `stories show --outlet` says, also
when its output is not a terminal, that a chosen set of outlets is compared on request and not stored."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsmirror.cli import app
from newsmirror.store import open_store
from newsmirror.web import create_app
from tests.store.test_story_comparisons import VISIT
from tests.test_cli_stories_compare import _grouped_visit


def test_stories_show_json_is_the_comparison_with_each_outlets_sentences(tmp_path: Path) -> None:
    db, story_id = _grouped_visit(tmp_path)
    done = CliRunner().invoke(app, ["stories", "show", story_id, "--db", db, "--json"])
    assert done.exit_code == 0, done.output
    data = json.loads(done.stdout)
    assert data["id"] == story_id and data["outlets"] == [a.outlet for a in VISIT]
    assert data["compared"] == data["outlets"]
    assert data["on_request"] is False  # `stories group` stored it: read, not computed
    assert [r["id"] for r in data["reports"]] == [a.id for a in VISIT]
    assert all(r["published_at"].endswith("Z") for r in data["reports"])
    bodies = {a.id: (a.outlet, a.body_text) for a in VISIT}
    kinds = {fact["kind"] for fact in data["facts"]}
    assert "unique" in kinds and kinds & {"shared", "partial"}, data["facts"]
    for fact in data["facts"]:
        assert fact["outlets"] == sorted({s["outlet"] for s in fact["sentences"]})
        for sentence in fact["sentences"]:  # each as its outlet wrote it, in its report
            outlet, body = bodies[sentence["article_id"]]
            assert sentence["outlet"] == outlet and sentence["text"] in body
        if fact["kind"] == "unique":
            assert len(fact["outlets"]) == 1
    assert any("悉尼" in s["text"] for f in data["facts"] if f["outlets"] == ["丙网"] for s in f["sentences"])


def test_a_chosen_pair_exports_the_same_from_the_cli_and_the_api(tmp_path: Path) -> None:
    db, story_id = _grouped_visit(tmp_path)
    done = CliRunner().invoke(app, ["stories", "show", story_id, "--db", db, "--json",
                                    "--outlet", "甲報", "--outlet", "乙社"])  # 甲報: the other script of 甲报
    assert done.exit_code == 0, done.output
    cli = json.loads(done.stdout)
    assert cli["outlets"] == ["甲报", "乙社", "丙网"] and cli["compared"] == ["甲报", "乙社"]
    assert cli["on_request"] is True
    assert all(s["outlet"] in ("甲报", "乙社") for f in cli["facts"] for s in f["sentences"])
    assert cli["unique_details"] == {"甲报": ["法瑞尔", "马尔斯"]}  # the names 乙社's sentences leave out
    with open_store(tmp_path / "store.sqlite") as store:
        client = TestClient(create_app(store))
        api = client.get(f"/api/stories/{story_id}/comparison", params={"outlet": ["甲報", "乙社"]})
        assert api.status_code == 200, api.text
        assert api.json() == cli
        whole = client.get(f"/api/stories/{story_id}/comparison")
        assert whole.status_code == 200 and whole.json()["on_request"] is False
        assert len(whole.json()["compared"]) == 3
        # A notebook must not be handed another set of outlets than it asked for (the story page falls back to all).
        refused = client.get(f"/api/stories/{story_id}/comparison", params={"outlet": ["甲报", "丁台"]})
        assert refused.status_code == 422 and "丙网" in refused.json()["detail"]
        assert client.get("/api/stories/nope/comparison").status_code == 404
        assert "/api/stories/{story_id}/comparison" in client.get("/openapi.json").json()["paths"]


def test_show_says_a_chosen_pair_is_compared_on_request_also_off_a_terminal(tmp_path: Path) -> None:
    """Piped (a file, `less`, a notebook's subprocess) the spinner is not drawn: `stories show --outlet A --outlet B`
    computed for 2-11 s saying nothing, and nowhere said that the pair's comparison is not kept (session 53's
    leftover)."""
    db, story_id = _grouped_visit(tmp_path)
    done = CliRunner().invoke(app, ["stories", "show", story_id, "--db", db, "--outlet", "甲报", "--outlet", "乙社"],
                              env={"COLUMNS": "200"})
    assert done.exit_code == 0, done.output
    assert "comparing 2 reports of 2 outlets: a chosen set of outlets is compared on request, never stored" \
        in " ".join(done.stderr.split())
    assert "these 2 outlets compared on request, not stored" in done.stdout
    whole = CliRunner().invoke(app, ["stories", "show", story_id, "--db", db], env={"COLUMNS": "200"})
    assert whole.exit_code == 0 and "comparing" not in whole.stderr and "on request" not in whole.stdout  # stored
    with open_store(tmp_path / "store.sqlite") as store:
        store.save_story_comparison(story_id, "stale", b"old")
    stale = CliRunner().invoke(app, ["stories", "show", story_id, "--db", db], env={"COLUMNS": "200"})
    assert "comparing 3 reports of 3 outlets: its stored comparison is missing or out of date; computed now and " \
           "stored" in " ".join(stale.stderr.split())
