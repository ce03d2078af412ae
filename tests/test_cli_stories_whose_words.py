"""Three things a researcher met in `newsmirror stories` (polish73's walk, fixed by polish74): a summary line gave one
outlet's sentence next to every outlet reporting the fact, so it could be quoted as the others' words; a copy from an
outlet with no report of its own was counted as "+1 report of 1 other outlet (without --outlet…)" with no --outlet
given; `stories list` could not rank by size as the front pages do."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsmirror.cli import app
from newsmirror.model import Article, Story
from newsmirror.store import StoryMember, open_store
from newsmirror.stories import stored as stored_stories
from newsmirror.stories.comparison import Comparison, Fact, SentenceRef
from tests.store.test_story_comparisons import START, report


def _show(db: str, story_id: str, *options: str) -> str:
    shown = CliRunner().invoke(app, ["stories", "show", story_id, "--db", db, *options], env={"COLUMNS": "250"})
    assert shown.exit_code == 0, shown.output
    return shown.output


def _saved(tmp_path: Path, story_id: str, reports: list[Article], copies: tuple[tuple[Article, Article], ...] = ()) -> str:
    """A store holding one story of ``reports`` and ``copies`` ((copy, its original)); its address."""
    path = tmp_path / "store.sqlite"
    with open_store(path) as store:
        for article in [*reports, *(c for c, _ in copies)]:
            store.upsert_article(article)
        store.save_story(Story(id=story_id, title="外长访澳"),
                         [*(StoryMember(a.id, story_id) for a in reports),
                          *(StoryMember(c.id, story_id, role="duplicate", duplicate_of=o.id) for c, o in copies)])
    return f"sqlite:{path}"


def test_a_summary_line_says_whose_sentence_it_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # polish73 on 2020-08-12: "2/2 前美國副總統拜登問鼎白宮，…出線擔任副手。 (BBC中文、中央社)" was CNA's sentence; BBC
    # wrote another. The line names the outlet whose words it shows, and the others as reporting the fact too.
    reports = [report(n, outlet, f"{outlet}的第一句。\n\n{outlet}的第二句。") for n, outlet in
               enumerate(("甲报", "乙社", "丙网", "丁台"))]
    db = _saved(tmp_path, "visit", reports)
    by = {a.outlet: a for a in reports}

    def compared(articles: list[Article], story_id: str = "") -> Comparison:
        # 乙社's sentence first: the fact's outlets sorted (丙网、乙社、甲报) put another outlet first.
        three = Fact([SentenceRef(by["乙社"].id, "乙社", 0, "雙方討論了安全合作。"),
                      SentenceRef(by["甲报"].id, "甲报", 0, "双方讨论安全与贸易。"),
                      SentenceRef(by["丙网"].id, "丙网", 0, "两国谈了安全合作。")])
        return Comparison(story_id=story_id, outlets=["丁台", "丙网", "乙社", "甲报"], partial=[three])

    monkeypatch.setattr(stored_stories, "compare_story", compared)
    output = _show(db, "visit")
    line = next(line for line in output.splitlines() if "雙方討論了安全合作。" in line)
    assert line.split() == ["3/4", "乙社:", "雙方討論了安全合作。", "(also", "reported", "by", "丙网、甲报)"], line
    assert "丙网、乙社、甲报" not in output


def test_a_copy_from_an_outlet_without_a_report_is_listed_not_counted_as_left_out(tmp_path: Path) -> None:
    # 2020-08-12's story of Belarus copied by CNA from RFI: "+1 report of 1 other outlet (without --outlet: every
    # report)" with no --outlet given, and the copy not listed. Without --outlet every report and copy is listed.
    reports = [report(0, "甲报", "新西兰外长彼得斯周一抵达堪培拉。\n\n双方讨论了安全合作。"),
               report(1, "乙社", "紐西蘭外長彼得斯週一抵達坎培拉。\n\n雙方討論了安全合作。")]
    copy = report(2, "丙网", "新西兰外长彼得斯周一抵达堪培拉。\n\n双方讨论了安全合作。", title="外长抵达堪培拉")
    db = _saved(tmp_path, "visit", reports, ((copy, reports[0]),))
    output = _show(db, "visit")
    assert "copy: 丙网 外长抵达堪培拉" in output, output
    assert "other outlet" not in output and "without --outlet" not in output, output
    # With --outlet the copy's outlet is not compared: counted then, truly.
    pair = _show(db, "visit", "--outlet", "甲报", "--outlet", "乙社")
    assert "+1 report of 1 other outlet (without --outlet: every report)" in pair and "copy: 丙网" not in pair, pair


def test_stories_list_biggest_ranks_by_outlets_then_reports(tmp_path: Path) -> None:
    # polish73: `stories list` listed the newest only, where the demo and the front pages open with the biggest.
    path = tmp_path / "store.sqlite"
    stories = {  # story id -> its reports' outlets; the newest story is the smallest
        "small-new": ("甲报", "乙社"),
        "wide": ("甲报", "乙社", "丙网"),
        "wide-long": ("甲报", "乙社", "丙网", "丙网"),
        "middle": ("甲报", "乙社", "乙社", "乙社", "乙社"),
    }
    with open_store(path) as store:
        for age, (story_id, outlets) in enumerate(stories.items()):
            articles = [report(10 * age + n, outlet, f"{story_id}第{n}篇。") for n, outlet in enumerate(outlets)]
            for article in articles:  # each story a day older than the one before
                article.published_at = START - timedelta(days=age) + (article.published_at - START)
                store.upsert_article(article)
            store.save_story(Story(id=story_id, title=f"{story_id}的标题"), [StoryMember(a.id, story_id) for a in articles])
    db = f"sqlite:{path}"

    def listed(*options: str) -> tuple[list[str], str]:
        done = CliRunner().invoke(app, ["stories", "list", "--db", db, *options], env={"COLUMNS": "200"})
        assert done.exit_code == 0, done.output
        ids = [cells[1].strip() for cells in (line.split("│") for line in done.output.splitlines())
               if len(cells) > 3 and cells[1].strip() in stories]
        return ids, done.output

    assert listed()[0] == ["small-new", "wide", "wide-long", "middle"]  # newest first, as before
    biggest, output = listed("--biggest")
    assert biggest == ["wide-long", "wide", "middle", "small-new"], output
    assert "biggest first" in output
    cut, output = listed("--biggest", "--limit", "2")
    assert cut == ["wide-long", "wide"] and "the 2 biggest shown" in output, output
    assert listed("--biggest", "--min-outlets", "3")[0] == ["wide-long", "wide"]
