"""`stories group` stores the comparisons of the stories it changed; `stories compare` stores the
missing or stale ones; `stories show` reads the stored one."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console
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



def test_commands_say_they_are_loading_before_the_first_comparison(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """`stories group`, `stories compare` and `stories show` of a story whose comparison is stale
    were silent for the ~2 s the first comparison spends loading jieba's dictionary and the name
    tables: on a terminal they now say so (`show` then what it compares); nothing when stored."""
    import newsmirror.cli.stories as stories_cli

    def run(*command: str) -> str:
        written = io.StringIO()
        monkeypatch.setattr(stories_cli, "err_console", Console(file=written, force_terminal=True, width=120))
        done = CliRunner().invoke(app, [*command, "--db", db])
        assert done.exit_code == 0, done.output
        return written.getvalue()

    def make_stale() -> None:
        with open_store(tmp_path / "store.sqlite") as store:
            store.save_story_comparison(story_id, "stale", b"old")

    db = f"sqlite:{tmp_path / 'store.sqlite'}"
    with open_store(tmp_path / "store.sqlite") as store:
        for article in VISIT:
            store.upsert_article(article)
    grouping = run("stories", "group")
    # Said before the grouping code is imported and its model built (~1-2 s of silence at start).
    assert stories_cli.LOADING_GROUPING in grouping and stories_cli.LOADING in grouping
    assert grouping.index(stories_cli.LOADING_GROUPING) < grouping.index(stories_cli.LOADING)
    with open_store(tmp_path / "store.sqlite") as store:
        story_id = store.story_of(VISIT[0].id) or ""
    make_stale()
    said = run("stories", "show", story_id)
    assert stories_cli.LOADING in said and "comparing 3 reports of 3 outlets" in said
    assert stories_cli.LOADING not in run("stories", "show", story_id)  # stored again: nothing to load
    make_stale()
    assert stories_cli.LOADING in run("stories", "compare")


def _grouped_visit(tmp_path: Path) -> tuple[str, str]:
    """A store of the three VISIT reports, grouped by the CLI: its address and the one story's id."""
    db = f"sqlite:{tmp_path / 'store.sqlite'}"
    with open_store(tmp_path / "store.sqlite") as store:
        for article in VISIT:
            store.upsert_article(article)
    assert CliRunner().invoke(app, ["stories", "group", "--db", db]).exit_code == 0
    with open_store(tmp_path / "store.sqlite") as store:
        story_id = store.story_of(VISIT[0].id) or ""
    return db, story_id


def test_the_shared_facts_of_two_outlets_are_reported_by_both(tmp_path: Path) -> None:
    db, story_id = _grouped_visit(tmp_path)
    three = CliRunner().invoke(app, ["stories", "show", story_id, "--db", db], env={"COLUMNS": "200"})
    assert three.exit_code == 0 and "reported by most outlets" in three.output, three.output
    pair = [article.outlet for article in VISIT[:2]]
    two = CliRunner().invoke(app, ["stories", "show", story_id, "--db", db, "--outlet", pair[0], "--outlet", pair[1]],
                             env={"COLUMNS": "200"})
    assert two.exit_code == 0 and "reported by both outlets" in two.output and "most" not in two.output, two.output


def test_show_with_outlets_lists_only_the_compared_outlets_reports(tmp_path: Path) -> None:
    """`stories show --outlet A --outlet B` listed every report of the story (17 for a comparison of two of seven
    outlets, polish67's walk) and still ended with the hint to compare two outlets (safety70); an outlet typed in the
    other script was refused with the list of names."""
    db, story_id = _grouped_visit(tmp_path)
    every = CliRunner().invoke(app, ["stories", "show", story_id, "--db", db], env={"COLUMNS": "200"}).output
    assert all(article.original_url in every for article in VISIT) and "--outlet A --outlet B" in every
    two = CliRunner().invoke(app, ["stories", "show", story_id, "--db", db, "--outlet", "甲報", "--outlet", "乙社"],
                             env={"COLUMNS": "200"})
    assert two.exit_code == 0, two.output
    assert VISIT[0].original_url in two.output and VISIT[1].original_url in two.output
    assert VISIT[2].original_url not in two.output and "+1 report of 1 other outlet" in two.output
    assert "--outlet A --outlet B" not in two.output and "reported by both outlets" in two.output


@pytest.mark.parametrize("more", ["德国之声", "德國之聲"])
def test_one_rule_picks_the_spelling_of_an_outlet_stored_two_ways(tmp_path: Path, more: str) -> None:
    """德国之声 and 德國之聲 both stored, an outlet typed a third way ("DW"): the reader's whole-store lookup
    (`as_stored`) took the first spelling sorted, `stories show --outlet`'s per-story fold the last, so the reader's
    outlet page and the CLI's comparison named different outlets (session 52's closing note). One rule now
    (`spelling_shown`): the spelling most articles are stored under; the CLI's "did you mean" follows it too."""
    from newsmirror.cli import unknown_outlet
    from newsmirror.model import Story
    from newsmirror.store import StoryMember, as_stored
    from tests.store.test_story_comparisons import report

    text = "新西兰外长彼得斯周一在堪培拉会见了澳大利亚副总理马尔斯。\n\n双方讨论了安全合作。"
    members = [report(1, "德国之声", text), report(2, "德國之聲", text.replace("国", "國")), report(3, "乙社", text)]
    others = [report(10 + n, more, f"另一条新闻{n}。", title=f"另一条新闻{n}") for n in range(2)]
    with open_store(tmp_path / "store.sqlite") as store:
        for article in [*members, *others]:
            store.upsert_article(article)
        store.save_story(Story(id="visit", title="外长访澳"), [StoryMember(a.id, "visit") for a in members])
        assert as_stored(store, "DW") == as_stored(store, "德国 之声") == more  # 3 articles against 1
        assert f"did you mean {more!r}?" in (unknown_outlet(store, "dw") or "")
        assert as_stored(store, "德国之声") == "德国之声" and as_stored(store, "德國之聲") == "德國之聲"  # as stored
    shown = CliRunner().invoke(app, ["stories", "show", "visit", "--db", f"sqlite:{tmp_path / 'store.sqlite'}",
                                     "--outlet", "DW", "--outlet", "乙社"], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    chosen = next(a for a in members if a.outlet == more)
    left = next(a for a in members if a.outlet not in (more, "乙社"))
    assert chosen.original_url in shown.output and left.original_url not in shown.output, shown.output


def _stopped(*args: object, **kwargs: object) -> None:
    raise KeyboardInterrupt


def _grouped_and_stopped_while_comparing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A store of VISIT whose `stories group` was stopped by Ctrl-C once its grouping was saved, before comparing."""
    import newsmirror.jobs.grouping as grouping

    db = f"sqlite:{tmp_path / 'store.sqlite'}"
    with open_store(tmp_path / "store.sqlite") as store:
        for article in VISIT:
            store.upsert_article(article)
    with monkeypatch.context() as patch:
        patch.setattr(grouping, "refresh_comparisons", _stopped)
        assert CliRunner().invoke(app, ["stories", "group", "--db", db]).exit_code == 130
    return db


def test_group_after_an_interrupted_run_compares_the_stories_it_left(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """polish65: Ctrl-C after the grouping was saved and before (or while) comparing, then `stories group` again:
    nothing to group, so it said "every article is already in a story" and left every story the first run never
    compared (the operator had to know `stories compare`). The lease of an unfinished grouping is claimed again
    (attempts > 1): that run compares every story whose comparison is missing or stale."""

    db = _grouped_and_stopped_while_comparing(tmp_path, monkeypatch)
    with open_store(tmp_path / "store.sqlite") as store:
        assert not store.unassigned_article_ids() and not store.story_comparison_fingerprints()
    again = CliRunner().invoke(app, ["stories", "group", "--db", db])
    assert again.exit_code == 0, again.output
    assert "every article is already in a story; compared 1 stories an interrupted run had left" in again.stdout
    with open_store(tmp_path / "store.sqlite") as store:
        assert list(store.story_comparison_fingerprints()) == [store.story_of(VISIT[0].id)]
    third = CliRunner().invoke(app, ["stories", "group", "--db", db])  # that one finished: the no-op is quiet again
    assert third.exit_code == 0 and third.stdout.strip() == "every article is already in a story", third.output


def test_a_comparing_after_an_interrupted_run_stopped_in_turn_is_taken_up_by_the_next(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """review54: Ctrl-C in the comparing that a run after an unfinished grouping does (nothing new to group) is
    recorded on the lease like any other: the run after it compares what is left, and the line says to run it again."""
    import newsmirror.stories.stored as stored

    db = _grouped_and_stopped_while_comparing(tmp_path, monkeypatch)
    with monkeypatch.context() as patch:
        patch.setattr(stored, "refresh_comparisons", _stopped)  # the comparing of what the first run left
        again = CliRunner().invoke(app, ["stories", "group", "--db", db])
        assert again.exit_code == 130 and "run the command again to resume" in " ".join(again.stderr.split())
    third = CliRunner().invoke(app, ["stories", "group", "--db", db])
    assert third.exit_code == 0, third.output
    assert "every article is already in a story; compared 1 stories an interrupted run had left" in third.stdout
