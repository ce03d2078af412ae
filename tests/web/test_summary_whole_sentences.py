"""A summary's line never ends on a clause's comma (polish75): a unit that stops inside its sentence (两国的伙伴关系
越来越紧密，) is followed by the rest of its sentence from the same report, marked as context, on the reader's story
page, the static site's and in `stories show`; an outlet's two own facts that are one sentence's clauses make one line.
Display only: the comparison's units are unchanged."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from lxml import html as lxml_html
from typer.testing import CliRunner

from newsmirror.cli import app as cli_app
from newsmirror.jobs.building import build
from newsmirror.model import Article, Story
from newsmirror.publish.base import BuildOptions
from newsmirror.store import StoryMember, open_store
from newsmirror.stories import codec
from newsmirror.stories.comparison import Comparison, Fact, SentenceRef
from newsmirror.stories.quoted import quotation_rests, sentence_rest
from newsmirror.stories.stored import comparison_fingerprint, story_reports
from newsmirror.stories.summary import summarize
from newsmirror.web.app import create_app

START = datetime(2024, 5, 6, 8, 0, tzinfo=UTC)
LEAD = "外长彼得斯周一抵达堪培拉。"
CLAUSE = "他表示两国的伙伴关系越来越紧密，"  # 甲报's own clause: its sentence goes on in a fact 乙社 reports too
REST = "双方将在太平洋地区继续合作。"
CASES = "澳大利亚至今只有480个确诊病例，"  # 乙社's two own clauses of one sentence
DEATHS = "其中包括7个死亡病例。"
FIRST = Article(outlet="甲报", title="外长访问堪培拉", original_url="https://e.org/a/1", published_at=START,
                body_text=f"{LEAD}\n\n{CLAUSE}{REST}", script="zh-Hans")
SECOND = Article(outlet="乙社", title="外长访问堪培拉", original_url="https://e.org/b/1",
                 published_at=START + timedelta(hours=1),
                 body_text=f"彼得斯周一抵达堪培拉。\n\n双方将在太平洋地区合作。\n\n{CASES}{DEATHS}", script="zh-Hans")
THIRD = Article(outlet="丙网", title="外长访问堪培拉", original_url="https://e.org/c/1",
                published_at=START + timedelta(hours=2), body_text="外长周一抵达堪培拉。", script="zh-Hans")


def comparison(story_id: str) -> Comparison:
    lead = Fact([SentenceRef(FIRST.id, FIRST.outlet, 0, LEAD), SentenceRef(SECOND.id, SECOND.outlet, 0, "彼得斯周一抵达堪培拉。"),
                 SentenceRef(THIRD.id, THIRD.outlet, 0, "外长周一抵达堪培拉。")])
    together = Fact([SentenceRef(FIRST.id, FIRST.outlet, 2, REST),
                     SentenceRef(SECOND.id, SECOND.outlet, 1, "双方将在太平洋地区合作。")])
    return Comparison(story_id=story_id, outlets=[FIRST.outlet, SECOND.outlet, THIRD.outlet], shared=[lead],
                      partial=[together],
                      unique={FIRST.outlet: [Fact([SentenceRef(FIRST.id, FIRST.outlet, 1, CLAUSE)])],
                              SECOND.outlet: [Fact([SentenceRef(SECOND.id, SECOND.outlet, 2, CASES)]),
                                              Fact([SentenceRef(SECOND.id, SECOND.outlet, 3, DEATHS)])]})


def test_the_rest_of_a_sentence_runs_to_its_end() -> None:
    assert sentence_rest(CLAUSE, FIRST.body_text) == REST
    assert sentence_rest(LEAD, FIRST.body_text) == ""  # a whole sentence: nothing more
    assert sentence_rest(CLAUSE, "别的报道。") == ""  # not in the report's text
    assert sentence_rest("他说，", "他说，" + "很长" * 80 + "。").endswith("…")
    assert sentence_rest("图片说明，", "图片说明，\n\n下一段。") == ""  # the paragraph ends there


def test_an_outlets_two_clauses_of_one_sentence_make_one_summary_line() -> None:
    own = summarize(comparison("s")).own
    assert [[s.text for s in line.sentences] for line in own[SECOND.outlet]] == [[CASES, DEATHS]]
    assert [[s.text for s in line.sentences] for line in own[FIRST.outlet]] == [[CLAUSE]]
    rests = quotation_rests(comparison("s"), {a.id: a.body_text for a in (FIRST, SECOND, THIRD)})
    assert rests.every == {(FIRST.id, 1): REST, (SECOND.id, 2): DEATHS}
    assert dict(rests) == {}  # the grid's units are shown as they are


def stored_story(tmp_path: Path) -> str:
    path = tmp_path / "store.sqlite"
    with open_store(path) as store:
        for item in (FIRST, SECOND, THIRD):
            store.upsert_article(item)
        store.save_story(Story(id="visit", title="外长访澳"), [StoryMember(a.id, "visit") for a in (FIRST, SECOND, THIRD)])
        reports, _ = story_reports(store, "visit")
        fingerprint = comparison_fingerprint([(a.id, a.outlet, a.content_hash) for a in reports])
        store.save_story_comparison("visit", fingerprint, codec.encode(comparison("visit")))
    return str(path)


def own_lines(page: lxml_html.HtmlElement) -> dict[str, list[tuple[str, list[str]]]]:
    """outlet -> (the line's text, its rests) of each line of the summary's own facts."""
    [section] = page.xpath("//section[@class='own-facts']")
    return {member.xpath("./h3")[0].text_content(): [(li.text_content(), [r.text_content() for r in li.xpath(".//span[@class='rest']")])
                                                    for li in member.xpath(".//li")]
            for member in section.xpath(".//div[@class='member']")}


EXPECTED = {"甲报": [(CLAUSE + REST, [REST])], "乙社": [(CASES + DEATHS, [])]}


def test_the_readers_summary_lines_end_their_sentences(tmp_path: Path) -> None:
    with open_store(stored_story(tmp_path)) as store:
        page = lxml_html.fromstring(TestClient(create_app(store)).get("/story/visit").text)
    assert own_lines(page) == EXPECTED
    assert page.xpath("//section[@class='own-facts']//span[@class='rest']/@title") == ["原句的其余部分"]


def test_the_static_summary_lines_end_their_sentences(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with open_store(stored_story(tmp_path)) as store:
        build(store, out, ["site"], BuildOptions(base_url="https://mirror.test/news/"), images=False,
              comparer=lambda story, reports: comparison(story.id))
    page = lxml_html.fromstring((out / "site" / "story" / "visit" / "index.html").read_bytes())
    assert own_lines(page) == EXPECTED
    assert not page.xpath("//section[@class='facts']//span[@class='rest']")  # the grid unchanged


def test_stories_show_ends_its_summary_lines(tmp_path: Path) -> None:
    shown = CliRunner().invoke(cli_app, ["stories", "show", "visit", "--db", stored_story(tmp_path)],
                               env={"COLUMNS": "300"})
    assert shown.exit_code == 0, shown.output
    assert f"  {CLAUSE}〔{REST}〕\n" in shown.output
    assert f"  {CASES}{DEATHS}\n" in shown.output


def test_a_unit_ending_its_sentence_or_paragraph_takes_no_rest_nor_the_next_line() -> None:
    # review57: a sentence ended by a Latin full stop (说. 他) and a heading with no mark were read as running on:
    # the next sentence was shown as "原句的其余部分", and the next paragraph's fact joined the line.
    report = "他当天表示会再来. 随后记者离开了会场。\n疫情最新进展\n澳大利亚至今只有480个确诊病例。"
    assert sentence_rest("他当天表示会再来.", report) == ""
    assert sentence_rest("疫情最新进展", "一段里的疫情最新进展，还在继续。\n疫情最新进展\n下一段。") == ""
    units = ["他当天表示会再来.", "随后记者离开了会场。", "疫情最新进展", "澳大利亚至今只有480个确诊病例。"]
    own = [Fact([SentenceRef("a", "甲报", index, text)]) for index, text in enumerate(units)]
    compared = Comparison(story_id="s", outlets=["甲报", "乙社"], unique={"甲报": own})
    lines = summarize(compared, own=4).own["甲报"]
    assert sorted([s.text for s in line.sentences] for line in lines) == sorted([u] for u in units)


def test_three_clauses_of_one_sentence_ranked_out_of_order_make_one_line() -> None:
    # review57: ranked third (a figure), first, second, the second joined the third and the first stayed a line of
    # its own ending on its comma.
    clauses = ["卫生部门周三公布的最新数据显示，", "全国新增确诊病例一百二十例，", "其中有35例是境外输入病例。"]
    own = [Fact([SentenceRef("a", "甲报", 5 + n, text)]) for n, text in enumerate(clauses)]
    compared = Comparison(story_id="s", outlets=["甲报", "乙社"], unique={"甲报": own})
    assert [[s.text for s in line.sentences] for line in summarize(compared).own["甲报"]] == [clauses]
    # Lines that do not run into each other keep their rank; the joined line takes the place of its first.
    apart = [*own, Fact([SentenceRef("a", "甲报", 0, "外长周一抵达堪培拉。")])]
    compared = Comparison(story_id="s", outlets=["甲报", "乙社"], unique={"甲报": apart})
    assert [[s.text for s in line.sentences] for line in summarize(compared, own=4).own["甲报"]] == [
        ["外长周一抵达堪培拉。"], clauses]
