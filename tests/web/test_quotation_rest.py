"""A fact's unit that leaves a quotation open (他称：“我们……看到，) is shown with the rest of the quotation from the
same report, marked as context, on the reader's story page, the static site's story page and `stories show`; a unit
whose quotation closes shows nothing more. Display only: the comparison is not changed (session 43, quote44)."""

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
from newsmirror.stories.quoted import quotation_rest, quotation_rests
from newsmirror.web.app import create_app
from tests.web.conftest import save_two_report_story

START = datetime(2024, 5, 6, 8, 0, tzinfo=UTC)
OPEN = "外长彼得斯周一在堪培拉表示：“两国的伙伴关系越来越紧密，"
REST = "我们将继续在太平洋地区合作。”"
CLOSED = "他说：“欢迎各国记者。”"
FIRST = Article(outlet="甲报", title="外长访问堪培拉", original_url="https://e.org/a/1", published_at=START,
                body_text=f"{OPEN}{REST}他随后前往悉尼。\n\n{CLOSED}\n\n双方讨论了贸易。", script="zh-Hans")
SECOND = Article(outlet="乙社", title="外长访问堪培拉", original_url="https://e.org/b/1",
                 published_at=START + timedelta(hours=1), body_text="彼得斯周一说，两国的伙伴关系越来越紧密。\n\n双方讨论了贸易。",
                 script="zh-Hans")


def test_the_rest_runs_to_the_quotations_close_or_the_sentences_end_capped() -> None:
    assert quotation_rest(OPEN, FIRST.body_text) == REST
    assert quotation_rest(CLOSED, FIRST.body_text) == ""  # closed: nothing more
    assert quotation_rest("他随后前往悉尼。", FIRST.body_text) == ""
    assert quotation_rest("他说：“我们要坚持，", "他说：“我们要坚持，不会放弃”，他又说明天再来。") == "不会放弃”"
    # A quotation running past the sentence (to a later one): the rest of this sentence only.
    assert quotation_rest("他说：“第一，", "他说：“第一，第二。第三。”") == "第二。"
    long = quotation_rest("他说：“第一，", "他说：“第一，" + "很长" * 80 + "。”")
    assert len(long) == 101 and long.endswith("…")
    assert quotation_rest(OPEN, "别的报道的正文。") == ""  # not in the report's text


def comparison(story_id: str, first: Article, second: Article) -> Comparison:
    said = Fact([SentenceRef(first.id, first.outlet, 0, OPEN),
                 SentenceRef(second.id, second.outlet, 0, "彼得斯周一说，两国的伙伴关系越来越紧密。")])
    trade = Fact([SentenceRef(first.id, first.outlet, 4, "双方讨论了贸易。"),
                  SentenceRef(second.id, second.outlet, 1, "双方讨论了贸易。")])
    own = [Fact([SentenceRef(first.id, first.outlet, 2, "他随后前往悉尼。")]),
           Fact([SentenceRef(first.id, first.outlet, 3, CLOSED)])]
    return Comparison(story_id=story_id, outlets=[first.outlet, second.outlet], shared=[said, trade],
                      unique={first.outlet: own})


def test_a_unit_whose_next_unit_is_shown_after_it_gets_no_rest() -> None:
    both = comparison("s", FIRST, SECOND)
    assert quotation_rests(both, {FIRST.id: FIRST.body_text}) == {(FIRST.id, 0): REST}
    both.shared[0].sentences.append(SentenceRef(FIRST.id, FIRST.outlet, 1, REST))  # the rest is in the same fact
    rests = quotation_rests(both, {FIRST.id: FIRST.body_text})
    assert rests == {} and rests.units == {OPEN}
    assert rests.every == {(FIRST.id, 0): REST}  # for a line showing the unit alone (a summary's)


def stored_story(tmp_path: Path) -> tuple[str, str]:
    """A two-outlet story with a constructed comparison stored as grouping stores it; (db, story id)."""
    path = tmp_path / "store.sqlite"
    save_two_report_story(path, FIRST, SECOND, codec.encode(comparison("visit", FIRST, SECOND)))
    return f"sqlite:{path}", "visit"


def rests_and_units(page: lxml_html.HtmlElement) -> tuple[list[str], list[str]]:
    rests = [span.text_content() for span in page.xpath("//span[@class='rest']")]
    units = [p.text_content() for p in page.xpath("//p|//li") if CLOSED in p.text_content()]
    return rests, units


def test_the_readers_story_page_shows_the_rest_as_context(tmp_path: Path) -> None:
    db, story_id = stored_story(tmp_path)
    with open_store(db.removeprefix("sqlite:")) as store:
        page = lxml_html.fromstring(TestClient(create_app(store)).get(f"/story/{story_id}").text)
    [comparison_part] = page.xpath("//section[@class='comparison']")
    rests, units = rests_and_units(comparison_part)
    assert rests == [REST]
    assert OPEN + REST in comparison_part.text_content()
    assert units and all(u.strip().endswith(CLOSED) for u in units)  # closed: nothing after it


def test_the_static_story_page_shows_the_rest_as_context(tmp_path: Path) -> None:
    db, story_id = stored_story(tmp_path)
    out = tmp_path / "out"
    with open_store(db.removeprefix("sqlite:")) as store:
        build(store, out, ["site"], BuildOptions(base_url="https://mirror.test/news/"), images=False,
              comparer=lambda story, reports: comparison(story.id, FIRST, SECOND))
    page = lxml_html.fromstring((out / "site" / "story" / story_id / "index.html").read_bytes())
    facts = lxml_html.fragment_fromstring("".join(lxml_html.tostring(s, encoding="unicode")
                                         for s in page.xpath("//section[@class='facts']")), create_parent="div")
    rests, units = rests_and_units(facts)
    assert rests == [REST]
    [cell] = [p for p in facts.xpath("//div[@class='cell']/p") if OPEN in p.text_content()]
    assert cell.text_content() == OPEN + REST
    assert units and all(u.strip().endswith(CLOSED) for u in units)


def test_the_static_summary_line_shows_the_rest_of_a_unit_shown_alone(tmp_path: Path) -> None:
    # Three outlets: the page opens with the facts most report, one unit a line. The unit's next unit is in its fact
    # (no rest in the grid), but the summary line shows the unit alone: there it takes the rest, as `stories show`
    # and the reader's page do (the build kept the lists' rests only, and the summary line ended on the open clause).
    third = Article(outlet="丙网", title="外长访问堪培拉", original_url="https://e.org/c/1",
                    published_at=START + timedelta(hours=2), body_text="彼得斯说，两国的伙伴关系越来越紧密。",
                    script="zh-Hans")

    def comparer(story: Story, reports: list[Article]) -> Comparison:
        said = Fact([SentenceRef(FIRST.id, FIRST.outlet, 0, OPEN), SentenceRef(FIRST.id, FIRST.outlet, 1, REST),
                     SentenceRef(SECOND.id, SECOND.outlet, 0, "彼得斯周一说，两国的伙伴关系越来越紧密。"),
                     SentenceRef(third.id, third.outlet, 0, "彼得斯说，两国的伙伴关系越来越紧密。")])
        return Comparison(story_id=story.id, outlets=[FIRST.outlet, SECOND.outlet, third.outlet], shared=[said])

    with open_store(tmp_path / "store.sqlite") as store:
        for item in (FIRST, SECOND, third):
            store.upsert_article(item)
        store.save_story(Story(id="visit", title="外长访澳"),
                         [StoryMember(a.id, "visit") for a in (FIRST, SECOND, third)])
        build(store, tmp_path / "out", ["site"], BuildOptions(base_url="https://mirror.test/news/"), images=False,
              comparer=comparer)
    page = lxml_html.fromstring((tmp_path / "out" / "site" / "story" / "visit" / "index.html").read_bytes())
    [summary] = page.xpath("//section[@class='summary']")
    assert [span.text_content() for span in summary.xpath(".//span[@class='rest']")] == [REST]
    assert not page.xpath("//section[@class='facts']//span[@class='rest']")  # the grid shows the next unit itself


def test_stories_show_gives_the_rest_in_brackets(tmp_path: Path) -> None:
    db, story_id = stored_story(tmp_path)
    for full in ([], ["--full"]):
        shown = CliRunner().invoke(cli_app, ["stories", "show", story_id, "--db", db, *full], env={"COLUMNS": "300"})
        assert shown.exit_code == 0, shown.output
        assert f"{OPEN}〔{REST}〕" in shown.output, shown.output
        assert f"{CLOSED}〔" not in shown.output
    assert shown.output.count("〔") == 1
