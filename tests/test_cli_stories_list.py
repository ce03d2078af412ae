"""`newsmirror stories list` on an 80-column terminal shows every title whole."""

from __future__ import annotations

import copy
import io
import re
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from typer.testing import CliRunner

from newsmirror.cli import app
from newsmirror.cli.stopping import PipeConsole
from newsmirror.jobs.grouping import group_articles
from newsmirror.model import Story
from newsmirror.store import open_store
from tests.stories.fixtures import ALL


def _grouped(db: str) -> list[Story]:
    """The fixture's articles stored and grouped in ``db``; its multi-outlet stories, as listed."""
    with open_store(db) as store:
        for article in ALL:
            store.upsert_article(copy.deepcopy(article))
        group_articles(store)
        return store.list_stories(min_outlets=2, limit=30)


def test_titles_are_not_cut_at_80_columns(tmp_path: Path) -> None:
    db = str(tmp_path / "list.sqlite")
    titles = [story.title for story in _grouped(db)]
    assert titles, "the fixture should make at least one multi-outlet story"
    listed = CliRunner().invoke(app, ["stories", "list", "--db", db], env={"COLUMNS": "80"})
    assert listed.exit_code == 0, listed.output
    assert all(len(line) <= 80 for line in listed.output.splitlines())
    # Cells wrap over lines: rebuild each row's title cell (a new row starts where the id cell is filled).
    rows: list[str] = []
    for line in listed.output.splitlines():
        cells = line.split("│")
        if len(cells) < 5:
            continue
        if cells[1].strip():
            rows.append("")
        rows[-1] += cells[3].strip()  # id, newest day, title, ...
    for title in titles:
        assert re.sub(r"\s", "", title) in rows, title
    assert "…" not in listed.output


def test_each_story_shows_the_day_it_is_ordered_by(tmp_path: Path) -> None:
    from newsmirror.text import times

    db = str(tmp_path / "days.sqlite")
    stories = _grouped(db)
    expected = {}
    with open_store(db) as store:
        for story in stories:
            published = [a.published_at for a in (store.get_article(i) for i in story.article_ids)
                         if a is not None and a.published_at is not None]
            expected[story.id] = times.day(max(published))
    listed = CliRunner().invoke(app, ["stories", "list", "--db", db], env={"COLUMNS": "100"})
    assert listed.exit_code == 0, listed.output
    shown_days = {cells[1].strip(): cells[2].strip() for cells in (line.split("│") for line in listed.output.splitlines())
                  if len(cells) > 3 and cells[1].strip() in expected}
    assert shown_days == expected


def test_an_empty_list_says_why_and_what_to_run(tmp_path: Path) -> None:
    """No table of headers only: a store with no articles, articles in no story yet, or no story of enough outlets
    each get a sentence naming the command that helps."""
    db = str(tmp_path / "empty.sqlite")
    with open_store(db):
        pass

    def listed(*options: str) -> str:
        result = CliRunner().invoke(app, ["stories", "list", "--db", db, *options], env={"COLUMNS": "200"})
        assert result.exit_code == 0, result.output
        assert "┃" not in result.output  # no empty table
        return " ".join(result.output.split())

    assert "no articles yet; `newsmirror import PATH`" in listed()
    grouped = CliRunner().invoke(app, ["stories", "group", "--db", db], env={"COLUMNS": "200"})
    assert grouped.exit_code == 0 and "nothing to group: the store holds no articles yet" in grouped.output
    with open_store(db) as store:
        store.upsert_article(copy.deepcopy(ALL[0]))
    assert "some articles are in no story; `newsmirror stories group` groups them" in listed()
    with open_store(db) as store:
        group_articles(store)
    assert listed() == "no story reported by 2+ outlets (`--min-outlets 1` lists every story)"
    every = CliRunner().invoke(app, ["stories", "list", "--db", db, "--min-outlets", "1"], env={"COLUMNS": "200"})
    assert every.exit_code == 0 and "┃ id" in every.output  # the one-report story, in the table


def test_show_gives_each_report_s_time_as_list_and_the_reader_do(tmp_path: Path) -> None:
    """`stories list` gives days in UTC+8 and the reader times in UTC+8; `stories show` gave ISO times in UTC, whose
    day could differ from the list's for the same report."""
    from newsmirror.text import times

    db = str(tmp_path / "show.sqlite")
    story = _grouped(db)[0]
    with open_store(db) as store:
        reports = [store.get_article(m.article_id) for m in store.story_members(story.id)]
    result = CliRunner().invoke(app, ["stories", "show", story.id, "--db", db], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for report in reports:
        assert report is not None and report.published_at is not None
        assert f"{report.title} {times.stamp(report.published_at)} " in result.output
    assert "+00:00" not in result.output


def test_a_story_id_given_for_an_article_and_back_names_the_right_command(tmp_path: Path) -> None:
    """Story and article ids look alike (16 hex digits, a story's after an "s"): `show` or `history` of a story id
    said only "no article", `stories show` of an article id only "no story"."""
    db = str(tmp_path / "ids.sqlite")
    story = _grouped(db)[0]
    article_id = story.article_ids[0]
    for command in (["show", story.id], ["history", story.id]):
        result = CliRunner().invoke(app, [*command, "--db", db], env={"COLUMNS": "200"})
        assert result.exit_code == 1
        assert f"is a story's id, not an article's: `newsmirror stories show {story.id}`" in result.output
    result = CliRunner().invoke(app, ["stories", "show", article_id, "--db", db], env={"COLUMNS": "200"})
    assert result.exit_code == 1 and "Traceback" not in result.output
    said = " ".join(result.output.split())
    assert f"is an article's id, not a story's: `newsmirror show {article_id}`" in said
    assert f"`newsmirror stories show {story.id}` its story" in said
    unknown = CliRunner().invoke(app, ["show", "0123456789abcdef", "--db", db], env={"COLUMNS": "200"})
    assert unknown.exit_code == 1 and "no article with id '0123456789abcdef'" in unknown.output


def test_a_story_of_one_outlet_says_there_is_nothing_to_compare(tmp_path: Path) -> None:
    # `stories show` of a one-outlet story listed its sentences under "only 大纪元" (+113 more (--full)) and offered
    # `--outlet A --outlet B`, as if other outlets were there to differ from.
    db = str(tmp_path / "one.sqlite")
    _grouped(db)
    with open_store(db) as store:
        alone = next(story for story in store.list_stories(min_outlets=1, limit=100)
                     if len({a.outlet for a in (store.get_article(i) for i in story.article_ids) if a}) == 1)
        (outlet,) = {a.outlet for a in (store.get_article(i) for i in alone.article_ids) if a}
    shown = CliRunner().invoke(app, ["stories", "show", alone.id, "--db", db], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    assert f"only {outlet} reports this story: nothing to compare" in shown.output
    assert f"only {outlet}\n" not in shown.output and "--outlet A --outlet B" not in shown.output



def test_a_storys_copies_are_counted_in_words(tmp_path: Path) -> None:
    # 2020-10-28's list said "1 +1 copies" (a Reuters report and 联合早报's copy of it) and "2 +1 copies".
    from datetime import UTC, datetime

    from newsmirror.model import Article
    from newsmirror.store.base import StoryMember

    db = str(tmp_path / "copies.sqlite")
    with open_store(db) as store:
        ids = []
        for n, outlet in enumerate(["甲报", "乙社", "甲报", "丙网", "乙社", "丁台"]):
            report = Article(outlet=outlet, title=f"报道{n}", original_url=f"https://example.org/{n}",
                             published_at=datetime(2024, 5, 1, n, tzinfo=UTC), body_text=f"正文{n}")
            store.upsert_article(report)
            ids.append(report.id)
        one = Story(id="s-one", title="一份转载")
        store.save_story(one, [StoryMember(ids[0], one.id),
                               StoryMember(ids[1], one.id, role="duplicate", duplicate_of=ids[0])])
        two = Story(id="s-two", title="两份转载")
        store.save_story(two, [StoryMember(ids[2], two.id), StoryMember(ids[3], two.id),
                               *(StoryMember(i, two.id, role="duplicate", duplicate_of=ids[2]) for i in ids[4:])])
    listed = CliRunner().invoke(app, ["stories", "list", "--db", db, "--min-outlets", "1"], env={"COLUMNS": "120"})
    assert listed.exit_code == 0, listed.output
    rows = {cells[1].strip(): cells[5].strip() for cells in (line.split("│") for line in listed.output.splitlines())
            if len(cells) >= 7 and cells[1].strip().startswith("s-")}
    assert rows == {"s-one": "1 + 1 copy", "s-two": "2 + 2 copies"}, listed.output


def test_off_a_terminal_the_list_is_one_line_a_story_whatever_its_title(tmp_path: Path) -> None:
    # `stories list | less` (or `| grep`) was drawn 80 columns wide: each title wrapped over three or four lines.
    # Off a terminal the table is as wide as its rows; a width asked for (COLUMNS) is still kept.
    db = str(tmp_path / "pipe.sqlite")
    stories = _grouped(db)
    long_title = "新西兰总理抵达悉尼，与澳大利亚总理讨论羊毛贸易协定、太平洋地区合作、农民抗议和年底前取消关税的安排"
    with open_store(db) as store:
        story = store.get_story(stories[0].id)
        assert story is not None
        story.title = long_title
        store.save_story(story, store.story_members(story.id))
    listed = CliRunner().invoke(app, ["stories", "list", "--db", db], env={"COLUMNS": None})
    assert listed.exit_code == 0, listed.output
    rows = [line for line in listed.output.splitlines() if "│" in line and line.split("│")[1].strip()]
    assert sorted(row.split("│")[1].strip() for row in rows) == sorted(s.id for s in stories)  # a line a story
    assert any(long_title in row for row in rows)
    narrow = CliRunner().invoke(app, ["stories", "list", "--db", db], env={"COLUMNS": "80"})
    assert all(len(line) <= 80 for line in narrow.output.splitlines()) and long_title not in narrow.output


def test_a_table_drawn_off_a_terminal_is_left_as_its_caller_made_it(monkeypatch: pytest.MonkeyPatch) -> None:
    # PipeConsole.print drew a table as wide as its rows by setting the caller's table's expand to False for good:
    # printed again (on a terminal, to another console) it no longer filled the width it asked for.
    monkeypatch.delenv("COLUMNS", raising=False)
    table = Table(title="stories", expand=True)
    table.add_column("id")
    table.add_column("title", ratio=3)
    table.add_row("s-1", "新西兰总理抵达悉尼")
    out = io.StringIO()
    console = PipeConsole(file=out, width=200)
    assert not console.is_terminal
    console.print(table)
    first = out.getvalue()
    assert table.expand is True
    assert max(cell_len(line) for line in first.splitlines()) < 40  # as wide as its rows, not the console's 200
    console.print(table)
    assert out.getvalue() == first * 2  # the same drawing again
    wide = io.StringIO()
    Console(file=wide, width=100).print(table)
    assert all(cell_len(line) == 100 for line in wide.getvalue().splitlines())  # elsewhere it still expands


def test_a_list_cut_at_its_limit_says_more_are_stored(tmp_path: Path) -> None:
    # 2020-10-01 grouped has 31 stories of 2+ outlets: `stories list` showed 30 and said nothing of the 31st.
    db = str(tmp_path / "limit.sqlite")
    stories = _grouped(db)
    assert len(stories) >= 2
    cut = CliRunner().invoke(app, ["stories", "list", "--db", db, "--limit", "1"], env={"COLUMNS": "200"})
    assert cut.exit_code == 0, cut.output
    assert "the 1 newest shown; more are stored: `--limit 2` lists more" in cut.output
    whole = CliRunner().invoke(app, ["stories", "list", "--db", db, "--limit", str(len(stories))],
                               env={"COLUMNS": "200"})
    assert whole.exit_code == 0 and "more are stored" not in whole.output
