"""The reader's story page and the static site's name the same sections in the same words (polish68): the reader said
多数媒体报道的 / 各家原文 / 只有一家报道的 where the site said 多数媒体报道的内容 / 各家报道 / 仅一家报道的内容 for the same
sections of the same story. Both now read one table (publish.labels.STORY_LABELS); this renders both pages of one
story and compares their tables of contents and headings, section by section, so that the two cannot drift again.
toc68: and in one order under one anchor. The site listed 报道对比 after 转载 where the reader listed it before 各家报道,
and the reader's grid was #grid where the site's was #compare; both now read summary, own points, the comparison, the
reports, the copies, the grid #compare on both (#grid kept, empty, where links to it may exist).
reader69: and with the same counts (the reader's 转载 had none) and, for a small story (no summary), the same parts under
the same heading: the reader's were h2 sections under no 报道对比, one of them an empty 各家都报道的内容 the site left out."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from lxml import html as lxml_html

from newsmirror.jobs.building import build
from newsmirror.model import Article, Story
from newsmirror.publish.base import BuildOptions
from newsmirror.publish.labels import STORY_LABELS
from newsmirror.store import StoryMember, open_store
from newsmirror.stories import stored as stored_stories
from newsmirror.stories.comparison import Comparison, Fact, SentenceRef
from newsmirror.web.app import create_app

START = datetime(2024, 5, 6, 1, 0, tzinfo=UTC)
SHARED = "外交部长周一抵达堪培拉，开始为期三天的正式访问。双方将签署贸易和教育领域的五项合作协议。"


def article(outlet: str, number: int, body: str) -> Article:
    return Article(outlet=outlet, title=f"外长访问堪培拉{number}", original_url=f"https://e.org/{number}",
                   published_at=START + timedelta(hours=number), body_text=body, script="zh-Hans")


REPORTS = [
    article("甲报", 1, SHARED + "甲报记者在机场看到欢迎仪式规模不大。"),
    article("乙社", 2, SHARED + "乙社援引官员说会谈气氛友好。"),
    article("丙网", 3, "外交部长周一抵达堪培拉，开始为期三天的正式访问。丙网评论认为此行意在修复关系。"),
    article("丁台", 4, "丁台报道，总理将在周三设宴款待来访的外长。"),
]
COPY = article("戊刊", 5, SHARED + "甲报记者在机场看到欢迎仪式规模不大。")


def compared() -> Comparison:
    """One comparison for both products: a fact all four report, one three do, one only 丁台 does."""
    def fact(*numbers: int, text: str) -> Fact:
        return Fact([SentenceRef(REPORTS[n].id, REPORTS[n].outlet, 0, f"{text}（{REPORTS[n].outlet}）") for n in numbers])

    return Comparison(story_id="visit", outlets=[a.outlet for a in REPORTS],
                      shared=[fact(0, 1, 2, 3, text="外长周一抵达堪培拉")],
                      partial=[fact(0, 1, 2, text="访问为期三天")],
                      unique={"丁台": [fact(3, text="总理周三设宴")]})


def stored(tmp_path: Path, reports: list[Article] = REPORTS, story_id: str = "visit") -> Path:
    path = tmp_path / "store.sqlite"
    with open_store(path) as store:
        for item in (*reports, COPY):
            store.upsert_article(item)
        store.save_story(Story(id=story_id, title="外长访澳"), [
            *(StoryMember(a.id, story_id) for a in reports),
            StoryMember(COPY.id, story_id, role="duplicate", duplicate_of=reports[0].id)])
    return path


def contents(page: lxml_html.HtmlElement) -> dict[str, str]:
    """Section (the fragment a contents entry links, as it links it) -> its words, counts left out, in the contents'
    order."""
    found = {}
    for link in page.xpath("//nav[@id='toc']//a[starts-with(@href, '#') and not(starts-with(@href, '#report-'))]"):
        found[link.get("href")[1:]] = re.sub(r"^\d+\. ", "", link.text_content().strip())
    return found


def counts(page: lxml_html.HtmlElement) -> dict[str, str]:
    """Section -> the count its contents entry gives after its link ("(3)"), "" where it gives none."""
    found = {}
    for link in page.xpath("//nav[@id='toc']//a[starts-with(@href, '#') and not(starts-with(@href, '#report-'))]"):
        said = re.match(r"\s*(\(\d+\))", link.tail or "")
        found[link.get("href")[1:]] = said.group(1) if said else ""
    return found


SECTIONS = ("summary", "own", "compare", "shared", "partial", "unique", "reports", "duplicates")


def sections(page: lxml_html.HtmlElement) -> list[str]:
    """The ids of the page's sections, in the page's order."""
    return [element.get("id") for element in page.iter() if element.get("id") in SECTIONS]


def headings(page: lxml_html.HtmlElement) -> dict[str, str]:
    """Section id -> its heading's own words (the ↑ 目录 link after it left out)."""
    found = {}
    for heading in page.xpath("//h2|//h3"):
        for link in heading.xpath(".//a[contains(@class, 'to-top')]"):
            link.drop_tree()
        section = heading.get("id") or heading.getparent().get("id") or ""
        if section in {"summary", "own", "shared", "partial", "unique", "reports", "duplicates"}:
            found[section] = heading.text_content().strip()
    return found


def both_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[lxml_html.HtmlElement, lxml_html.HtmlElement]:
    """The reader's and the site's page of the one stored story, its comparison ``compared()``."""
    monkeypatch.setattr(stored_stories, "compare_story", lambda articles, story_id="": compared())
    out = tmp_path / "out"
    with open_store(stored(tmp_path)) as store:
        build(store, out, ["site"], BuildOptions(base_url="https://mirror.test/news/"), images=False,
              comparer=lambda story, members: compared())
        reader = lxml_html.fromstring(TestClient(create_app(store)).get("/story/visit").text)
    site = lxml_html.fromstring((out / "site" / "story" / "visit" / "index.html").read_text(encoding="utf-8"))
    return reader, site


def test_the_reader_and_the_site_name_a_storys_sections_alike(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reader, site = both_pages(tmp_path, monkeypatch)
    on_site, on_reader = contents(site), contents(reader)
    both = on_site.keys() & on_reader.keys()
    # The sections this story has on both pages: its summary, the grid's parts, its reports and its copy.
    assert {"summary", "compare", "shared", "partial", "unique", "reports", "duplicates"} <= both, (on_site, on_reader)
    assert {key: on_reader[key] for key in both} == {key: on_site[key] for key in both}
    # toc68: one order and one anchor. Both contents list the same sections by the same fragments in the same order
    # (summary, own points, the comparison and its parts, the reports, the copies), as their pages show them.
    assert list(on_reader) == list(on_site), (list(on_reader), list(on_site))
    assert list(on_site) == list(SECTIONS)  # this story has every section
    assert sections(reader) == sections(site) == list(SECTIONS), (sections(reader), sections(site))
    for page in (reader, site):  # the grid's older name on the reader's page still finds it, an empty element before it
        [grid] = page.xpath("//details[@id='compare']")
        [old] = page.xpath("//*[@id='grid']")
        assert not old.text_content() and old.getnext() is grid
    assert on_site["reports"] == STORY_LABELS["reports"] and on_site["duplicates"] == STORY_LABELS["copies"]
    # reader69: with the same counts, 转载's too (the reader's said none, the site's "(1)")
    assert counts(reader) == counts(site), (counts(reader), counts(site))
    assert counts(site)["duplicates"] == "(1)" and counts(site)["shared"] == "(1)" and counts(site)["compare"] == "(3)"
    said_on_site, said_on_reader = headings(site), headings(reader)
    shown = said_on_site.keys() & said_on_reader.keys()
    assert {"summary", "partial", "unique", "reports", "duplicates"} <= shown, (said_on_site, said_on_reader)
    assert {key: said_on_reader[key] for key in shown} == {key: said_on_site[key] for key in shown}


def test_one_table_holds_every_word_both_pages_show() -> None:
    from newsmirror.publish.site import LABELS

    assert {key: LABELS[key] for key in STORY_LABELS} == STORY_LABELS


PAIR = REPORTS[:2]


def compared_pair() -> Comparison:
    """Two outlets and no fact both report: each outlet's own facts only."""
    def own(n: int, text: str) -> list[Fact]:
        return [Fact([SentenceRef(PAIR[n].id, PAIR[n].outlet, 0, text)])]

    return Comparison(story_id="pair", outlets=[a.outlet for a in PAIR],
                      unique={"甲报": own(0, "甲报记者在机场看到欢迎仪式规模不大。"), "乙社": own(1, "乙社援引官员说会谈气氛友好。")})


def grid_outline(page: lxml_html.HtmlElement) -> list[tuple[str, str]]:
    """(tag, words) of the headings from the grid's 报道对比 to the reports, its ↑ 目录 links left out."""
    found: list[tuple[str, str]] = []
    for heading in page.xpath("//main//*[self::h2 or self::h3 or self::h4]"):
        for link in heading.xpath(".//a[contains(@class, 'to-top')]"):
            link.drop_tree()
        if heading.get("id") == "reports":
            break
        if found or heading.get("id") == "compare":
            found.append((heading.tag, heading.text_content().strip()))
    return found


def test_a_small_storys_two_pages_show_the_same_parts_under_the_same_heading_with_the_same_counts(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A story of two outlets (no summary) and a copy, whose outlets share no fact. The reader's contents said 转载 with
    no count where the site's said 转载 (1); its grid's parts were h2 sections under no 报道对比 where the site's are h3
    under an h2 报道对比; and it showed 两家都报道的内容 (0), "没有所有媒体都报道的内容。", that the site leaves out."""
    monkeypatch.setattr(stored_stories, "compare_story", lambda articles, story_id="": compared_pair())
    path = stored(tmp_path, PAIR, "pair")
    with open_store(path) as store:
        out = tmp_path / "out"
        build(store, out, ["site"], BuildOptions(base_url="https://mirror.test/news/"), images=False,
              comparer=lambda story, members: compared_pair())
        reader_text = TestClient(create_app(store)).get("/story/pair").text
    site_text = (out / "site" / "story" / "pair" / "index.html").read_text(encoding="utf-8")
    reader, site = lxml_html.fromstring(reader_text), lxml_html.fromstring(site_text)
    assert not reader.xpath("//*[@id='summary']") and not site.xpath("//*[@id='summary']")
    # (a) one table of contents, counts and all
    assert contents(reader) == contents(site) and counts(reader) == counts(site), (counts(reader), counts(site))
    assert counts(site) == {"unique": "(2)", "reports": "(2)", "duplicates": "(1)"}
    # (b) an h2 报道对比 (#compare) over h3 parts, each outlet's own facts under its h4 name
    unique, first, second = STORY_LABELS["unique"], *(a.outlet for a in PAIR)
    outline = [("h2", STORY_LABELS["compare"]), ("h3", unique), ("h4", first), ("h4", second)]
    assert grid_outline(reader) == grid_outline(site) == outline, (grid_outline(reader), grid_outline(site))
    for page in (reader, site):
        [heading] = page.xpath("//h2[@id='compare']")
        assert not page.xpath("//details[@id='compare']")
    assert sections(reader) == sections(site) == ["compare", "unique", "reports", "duplicates"]
    # (c) no empty part of the facts both report
    for text in (reader_text, site_text):
        assert STORY_LABELS["shared_two"] not in text and "没有所有媒体都报道的内容" not in text


def grid_rows(page: lxml_html.HtmlElement) -> list[tuple[object, ...]]:
    """What the grid (#compare) shows, in its order: its part and outlet headings (their ↑ 目录 links left out), each
    fact row as (outlet its cell names, that cell's sentences) per cell, each "只有…提到" line, each outlet's own
    sentences, and any outlet name standing outside a fact's cell (a row of names heading the columns)."""
    [grid] = page.xpath("//*[@id='compare']")
    for link in grid.xpath(".//a[contains(@class, 'to-top')]"):
        link.drop_tree()
    rows: list[tuple[object, ...]] = []
    for element in grid.iter():
        classes = (element.get("class") or "").split()
        if element.tag in {"h3", "h4"}:
            rows.append((element.tag, element.text_content().strip()))
        elif "fact" in classes:
            rows.append(("fact", tuple((cell.xpath("string(span[@class='outlet'])"),
                                        tuple(p.text_content().strip() for p in cell.xpath("p")))
                                       for cell in element.xpath("div[contains(@class, 'cell')]"))))
        elif "details" in classes:
            rows.append(("details", element.text_content().strip()))
        elif element.xpath("ancestor::*[starts-with(@id, 'unique-')]") and element.tag in {"p", "li"} \
                and not element.xpath("ancestor-or-self::*[@class='details' or @class='meta']"):
            rows.append(("own", element.text_content().strip()))
        elif "outlet" in classes and not element.xpath("ancestor::*[contains(@class, 'fact')]"):
            rows.append(("outlet name outside a fact", element.text_content().strip()))
    return rows


def test_the_two_pages_grids_hold_the_same_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """polish70: the reader headed its grid with a row of outlet names the site does not have (on a desktop, over the
    first part's heading, each name said again by the first row's cells just under it; never on a phone, nor for
    more outlets than columns), and named a partial fact's outlet before each of its sentences where the site names
    it once over its cell. Now the site's on both: the same parts, rows and cells, every cell naming its outlet."""
    reader, site = both_pages(tmp_path, monkeypatch)
    on_reader, on_site = grid_rows(reader), grid_rows(site)
    assert on_reader == on_site, (on_reader, on_site)
    three = ("fact", (("甲报", ("访问为期三天（甲报）",)), ("乙社", ("访问为期三天（乙社）",)),
                      ("丙网", ("访问为期三天（丙网）",)), ("", ())))
    assert three in on_site and ("own", "总理周三设宴（丁台）") in on_site
    assert [row[0] for row in on_site if row[0] in {"h3", "fact"}] == ["h3", "fact", "h3", "fact", "h3"]
    assert not reader.xpath("//*[contains(@class, 'outlet-heads')]")
