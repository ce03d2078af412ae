"""The HTML pages, through FastAPI's TestClient."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

from newsmirror.model import Story
from newsmirror.store import Store, StoryMember
from newsmirror.stories import stored as stored_stories
from newsmirror.stories.comparison import Comparison, Fact, SentenceRef
from tests.web.conftest import EDITED_V1, SIMPLIFIED, STORY, TRADITIONAL, UNRELATED, article


def hit_ids(html: str) -> list[str]:
    return re.findall(r'<li class="hit" data-article-id="([0-9a-f]+)"', html)


def test_home_lists_latest_first_and_the_multi_outlet_story(client: TestClient) -> None:
    page = client.get("/").text
    assert page.index(TRADITIONAL.title) < page.index(SIMPLIFIED.title) < page.index(UNRELATED.title)
    assert f'href="/story/{STORY.id}"' in page


def test_outlet_and_channel_pages_filter(client: TestClient) -> None:
    page = client.get("/outlet/新闻网").text
    assert SIMPLIFIED.title in page and UNRELATED.title in page and TRADITIONAL.title not in page
    page = client.get("/channel/兩岸").text
    assert TRADITIONAL.title in page and SIMPLIFIED.title not in page
    assert client.get("/outlet/没有这家").status_code == 404


@pytest.mark.parametrize("typed", ["新聞網", " 新闻 网", "新闻网\u200b"])
def test_an_outlet_typed_in_the_other_script_finds_the_stored_one(client: TestClient, typed: str) -> None:
    """The reader's menus name outlets as stored, but an address typed or shared in the other script (/outlet/美國之音)
    was a 404, its feed too, and a search limited to it found nothing, while the CLI said "did you mean" (safety70)."""
    page = client.get(f"/outlet/{typed}")
    assert page.status_code == 200 and SIMPLIFIED.title in page.text and TRADITIONAL.title not in page.text
    assert "/outlet/%E6%96%B0%E9%97%BB%E7%BD%91/atom.xml" in page.text  # its feed under the stored name
    feed = client.get(f"/outlet/{typed}/atom.xml")
    assert feed.status_code == 200 and SIMPLIFIED.title in feed.text
    assert hit_ids(client.get("/search", params={"q": "马朝旭", "outlet": typed}).text) == [SIMPLIFIED.id]
    assert SIMPLIFIED.title in client.get("/search.atom", params={"q": "马朝旭", "outlet": typed}).text
    assert client.get("/outlet/新聞").status_code == 404  # a different name is not folded into one


@pytest.mark.parametrize("typed", ["新聞網", "新闻 网"])
def test_the_api_finds_an_outlet_typed_in_the_other_script(client: TestClient, typed: str) -> None:
    """The JSON API matched the outlet exactly while the reader's pages and search folded it (polish69): the same
    address answered by the page and not by /api/articles. It now folds through the reader's one function."""
    stored = [a["id"] for a in client.get("/api/articles", params={"outlet": "新闻网"}).json()]
    assert SIMPLIFIED.id in stored and TRADITIONAL.id not in stored
    assert [a["id"] for a in client.get("/api/articles", params={"outlet": typed}).json()] == stored
    hits = client.get("/api/search", params={"q": "马朝旭", "outlet": typed}).json()["hits"]
    assert [h["article"]["id"] for h in hits] == [SIMPLIFIED.id]
    assert client.get("/api/articles", params={"outlet": "新聞"}).json() == []  # another name is not folded into one


@pytest.mark.parametrize("query", ["马朝旭", "馬朝旭"])
def test_search_finds_both_scripts_and_marks_the_match(client: TestClient, query: str) -> None:
    page = client.get("/search", params={"q": query}).text
    assert sorted(hit_ids(page)) == sorted([SIMPLIFIED.id, TRADITIONAL.id])
    assert "<mark>馬朝旭</mark>" in page and "<mark>马朝旭</mark>" in page


@pytest.mark.parametrize("query", ["习近平访俄", "習近平訪俄"])
def test_a_search_typed_without_spaces_finds_its_words_apart(client: TestClient, query: str) -> None:
    """习近平访俄 found nothing unless a text held it so, where 习近平 访俄 found the report saying 習近平是否訪俄
    (polish70's walk): Chinese readers type without spaces. Both words are found and marked, in either script."""
    page = client.get("/search", params={"q": query}).text
    assert hit_ids(page) == [TRADITIONAL.id]
    assert "<mark>習近平</mark>是否<mark>訪俄</mark>" in page
    api = client.get("/api/search", params={"q": query}).json()
    assert api["total"] == 1 and [h["article"]["id"] for h in api["hits"]] == [TRADITIONAL.id]
    assert TRADITIONAL.title in client.get("/search.atom", params={"q": query}).text


@pytest.mark.parametrize("script", ["zh-Hans", "zh-Hant"])
def test_the_search_help_shows_its_cross_script_example_in_both_scripts(client: TestClient, script: str) -> None:
    """The help says a Simplified query finds a Traditional name; under 繁 the whole line was converted, so it read
    "馬朝旭 也能找到 馬朝旭" and lost its point (polish71's walk)."""
    page = client.get("/search", params={"script": script}).text
    first_line = re.search(r'<details class="search-help".*?<li>(.*?)</li>', page, re.S)
    assert first_line
    shown = re.sub(r"<[^>]+>", "", first_line[1])
    assert "马朝旭" in shown and "馬朝旭" in shown


def test_search_filters_by_outlet_and_inclusive_dates(client: TestClient) -> None:
    assert hit_ids(client.get("/search", params={"q": "马朝旭", "outlet": "中央社"}).text) == [TRADITIONAL.id]
    # Published 2024-05-02 09:00 +08:00 = 01:00 UTC: the day 2024-05-02 includes it.
    page = client.get("/search", params={"q": "莫斯科", "since": "2024-05-02", "until": "2024-05-02"}).text
    assert hit_ids(page) == [SIMPLIFIED.id]
    bad = client.get("/search", params={"q": "莫斯科", "since": "not-a-date"})
    assert bad.status_code == 400 and "YYYY-MM-DD" in bad.text and "<html" in bad.text
    assert len(hit_ids(client.get("/search", params={"q": "莫斯科", "since": "", "until": ""}).text)) == 2


def test_search_days_are_utc8_days_in_the_form_the_api_and_the_feed(client: TestClient, store: Store) -> None:
    # 23:30 UTC on the 4th is 07:30 UTC+8 on the 5th, the day every page shows it on.
    late = article("late", outlet="新闻网", title="马朝旭深夜抵达", body_text="马朝旭抵达。",
                   published_at=datetime(2024, 5, 4, 23, 30, tzinfo=UTC))
    store.upsert_article(late)
    fifth = {"q": "马朝旭", "since": "2024-05-05", "until": "2024-05-05"}
    page = client.get("/search", params=fifth).text
    assert hit_ids(page) == [late.id] and ">2024-05-05</time>" in page
    assert hit_ids(client.get("/search", params={**fifth, "since": "2024-05-04", "until": "2024-05-04"}).text) == []
    assert [h["article"]["id"] for h in client.get("/api/search", params=fifth).json()["hits"]] == [late.id]
    assert client.get("/search.atom", params=fifth).text.count("<entry>") == 1
    start = page.index('<form class="filters"')
    form = page[start:page.index("</form>", start)]
    assert 'name="until"' in form and "UTC+8" in form  # the form says which days it means
    api_doc = client.get("/openapi.json").json()["paths"]["/api/search"]["get"]["description"]
    assert "UTC+8" in api_doc


def test_script_toggle_converts_on_display_and_is_remembered(client: TestClient) -> None:
    page = client.get(f"/article/{SIMPLIFIED.id}", params={"script": "zh-Hant"}).text
    assert "中國外交部副部長馬朝旭抵達莫斯科" in page and "北京派馬朝旭赴俄磋商" in page
    assert "中国外交部副部长" not in page
    again = client.get(f"/article/{SIMPLIFIED.id}").text  # cookie set by the previous response
    assert "北京派馬朝旭赴俄磋商" in again
    page = client.get(f"/article/{TRADITIONAL.id}", params={"script": "zh-Hans"}).text
    assert "马朝旭先赴莫斯科磋商" in page and "习近平是否访俄" in page
    page = client.get(f"/article/{TRADITIONAL.id}", params={"script": "orig"}).text
    assert "習近平是否訪俄" in page


def test_article_page_shows_original_link_story_and_versions(client: TestClient) -> None:
    page = client.get(f"/article/{SIMPLIFIED.id}").text
    assert f'href="{SIMPLIFIED.original_url}"' in page and f'href="/story/{STORY.id}"' in page
    assert "版本" not in page  # one version only
    edited = client.get(f"/article/{EDITED_V1.id}").text
    assert "修改后的标题" in edited and "第一版的说法" in edited and "第二版改了说法" in edited
    assert "版本</h2>" not in edited and "版本 (2)" in edited
    assert client.get("/article/nope").status_code == 404


def test_story_page_puts_the_outlets_side_by_side(client: TestClient) -> None:
    page = client.get(f"/story/{STORY.id}").text
    columns = re.findall(r'<article class="cell" data-article-id="([0-9a-f]+)"', page)
    assert columns == [SIMPLIFIED.id, TRADITIONAL.id]  # oldest first
    assert "中國外交部副部長馬朝旭到莫斯科磋商" in page and "双方讨论了领导人互访" in page
    assert client.get("/story/nope").status_code == 404


def test_story_page_renders_the_story_comparison(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fake_compare(articles: list[object], story_id: str = "") -> Comparison:
        hans, hant = SIMPLIFIED, TRADITIONAL
        shared = Fact([SentenceRef(hans.id, hans.outlet, 0, "共同句甲"), SentenceRef(hant.id, hant.outlet, 0, "共同句乙")])
        only = Fact([SentenceRef(hant.id, hant.outlet, 1, "只有中央社说的")])
        return Comparison(story_id=STORY.id, outlets=[hans.outlet, hant.outlet], shared=[shared],
                          unique={hant.outlet: [only]})

    monkeypatch.setattr(stored_stories, "compare_story", fake_compare)
    page = client.get(f"/story/{STORY.id}").text
    # two outlets: "both", as `stories show` and the static site say (review46's loose end)
    assert page.index("两家都报道的内容") < page.index("共同句甲") < page.index("共同句乙") and "各家都报道的内容" not in page
    assert page.index("仅一家报道的内容") < page.index("只有中央社说的")
    # the table of contents counts the one-outlet facts as it counts the others (review48 found it without one)
    assert '<a href="#unique">仅一家报道的内容</a> (1)</li>' in page


def test_atom_feed_of_a_search(client: TestClient) -> None:
    response = client.get("/search.atom", params={"q": "馬朝旭"})
    assert response.headers["content-type"].startswith("application/atom+xml")
    import feedparser

    feed = feedparser.parse(response.content)
    assert {e.link for e in feed.entries} == {f"http://testserver/article/{SIMPLIFIED.id}",
                                             f"http://testserver/article/{TRADITIONAL.id}"}
    assert "馬朝旭" in feed.feed.title


def test_the_feed_link_of_a_search_made_with_the_filter_form_works(client: TestClient) -> None:
    # The filter form sends its empty date fields (since=&until=): the page reads them as no limit, but its Atom link
    # kept them and the feed, which takes typed dates, answered 422 (polish70's walk, on the demo).
    import feedparser
    from lxml import html

    for asked, found in (({"q": "馬朝旭", "outlet": "", "since": "", "until": ""}, {SIMPLIFIED.id, TRADITIONAL.id}),
                         ({"q": "馬朝旭", "outlet": "新聞網", "since": " 2024-05-01 ", "until": ""}, {SIMPLIFIED.id})):
        page = html.fromstring(client.get("/search", params=asked).text)
        link = page.xpath("//p[@class='meta']/a[text()='Atom']/@href")[0]
        assert link == page.xpath("//head/link[@type='application/atom+xml'][@title]/@href")[-1]
        response = client.get(link)
        assert response.status_code == 200, (link, response.text)
        entries = feedparser.parse(response.content).entries
        assert {entry.link.rsplit("/", 1)[-1] for entry in entries} == found, link


def test_a_feed_entry_names_its_outlet_before_its_journalists(client: TestClient, store: Store) -> None:
    # Feed readers list an entry by title and author: the author was the journalist alone ("溫貴香"), so a search's
    # feed, which mixes outlets, did not say which outlet reported what (the outlet was only a <category>).
    import feedparser

    store.upsert_article(article("bylined", outlet="中央社", title="马朝旭的署名报道", authors=["溫貴香", "中央社"],
                                 body_text="马朝旭今天发言。"))
    store.upsert_article(article("unsigned", outlet="乙社", title="马朝旭的无署名报道", body_text="马朝旭今天发言。"))
    for path, params in (("/search.atom", {"q": "马朝旭"}), ("/atom.xml", {}), ("/outlet/中央社/atom.xml", {})):
        entries = {e.title: e for e in feedparser.parse(client.get(path, params=params).content).entries}
        assert entries["马朝旭的署名报道"].author == "中央社 · 溫貴香", path  # not the outlet twice
        if path.startswith("/outlet/"):  # 中央社's feed: 乙社's entry is not in it
            assert "马朝旭的无署名报道" not in entries, path
        else:  # the search's and the whole reader's feeds hold both (the check was skipped when it went missing)
            assert entries["马朝旭的无署名报道"].author == "乙社", path


def visit_story(store: Store) -> str:
    """Three hand-written reports of one visit: two name the deputies, one does not."""
    reports = [
        article("visit-a", outlet="甲报", title="外长访问堪培拉",
                body_text="新西兰外长彼得斯周一在堪培拉会见了澳大利亚副总理马尔斯和贸易部长法瑞尔。\n\n双方讨论了安全合作。"),
        article("visit-b", outlet="乙社", title="外長訪問坎培拉",
                body_text="紐西蘭外長彼得斯週一在坎培拉會見了澳洲兩名部長。\n\n雙方討論了安全合作。"),
        article("visit-c", outlet="丙网", title="外长访澳",
                body_text="新西兰外长彼得斯周一在堪培拉会见了马尔斯和法瑞尔（Don Farrell）。\n\n双方讨论了安全合作。"),
    ]
    story = Story(id="story-visit", title="外长访澳")
    for report in reports:
        store.upsert_article(report)
    store.save_story(story, [StoryMember(r.id, story.id) for r in reports])
    return story.id


def details_lines(html: str) -> list[tuple[str, set[str]]]:
    """(who, terms) of each details line: "只有丙网、甲报提到：法瑞尔、马尔斯" -> ("只有丙网、甲报提到", {...})."""
    lines = [re.sub(r"\s+", "", line) for line in re.findall(r'<p class="details">(.*?)</p>', html, re.S)]
    return [(who, set(terms.split("、"))) for who, terms in (line.split("：", 1) for line in lines)]


def test_story_page_names_what_only_some_outlets_say_and_compares_chosen_outlets(
    client: TestClient, store: Store
) -> None:
    story_id = visit_story(store)
    page = client.get(f"/story/{story_id}").text
    # Two of three outlets give the names: "只有丙网、甲报提到" names more than half the compared outlets, and the pages
    # say no such line (comparison.few; summary96). Of 甲报 and 乙社 alone, below, 甲报 alone gives them: said.
    assert ("只有丙网、甲报提到", {"马尔斯", "法瑞尔"}) not in details_lines(page)
    # Don Farrell is 法瑞尔, whom 甲报 names too: never "only 丙网" (issue 14).
    assert not any("DonFarrell" in terms for _, terms in details_lines(page))
    assert page.count('type="checkbox" name="outlet"') == 3 and page.count(" checked") == 3
    # 甲报 against 乙社 alone: the names are what 甲报 adds.
    pair = client.get(f"/story/{story_id}", params=[("outlet", "甲报"), ("outlet", "乙社")]).text
    assert details_lines(pair) == [("只有甲报提到", {"马尔斯", "法瑞尔"}),
                                   ("其他媒体也报道的事实中，只有它提到", {"马尔斯", "法瑞尔"})]
    assert pair.count(" checked") == 2
    # One outlet alone is no comparison: the page falls back to all of them.
    assert client.get(f"/story/{story_id}", params={"outlet": "甲报"}).text.count(" checked") == 3


def test_a_story_of_three_outlets_opens_with_the_facts_most_of_them_report(client: TestClient, store: Store) -> None:
    # The reader's story page opened on "no fact every outlet reports" for a story of six outlets (2020-10-28's
    # Pompeo tour), then 56 facts some report in story order. It opens now with the facts most outlets report, most
    # outlets first, as `newsmirror stories show` does (here every outlet says both, so all of them are first).
    story_id = visit_story(store)
    page = client.get(f"/story/{story_id}").text
    summary = page[page.index('<section class="summary" id="summary">'):]
    summary = summary[:summary.index("</section>")]
    lines = [" ".join(re.sub(r"<[^>]+>", " ", li).split()) for li in re.findall(r"<li>(.*?)</li>", summary, re.S)]
    assert lines and all(line.startswith("3/3 ") for line in lines)
    assert any("双方讨论了安全合作" in line for line in lines)
    assert page.index('id="summary"') < page.index('id="toc"') < page.index('id="shared"')
    # Two chosen outlets: the shared facts come first anyway, no summary repeats them.
    pair = client.get(f"/story/{story_id}", params=[("outlet", "甲报"), ("outlet", "乙社")]).text
    assert 'id="summary"' not in pair and 'id="shared"' in pair


def test_under_a_summary_no_empty_reported_by_all_section(
    client: TestClient, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A story of three outlets none of whose facts all three report (review46 on 2020-10-28: the summary, then
    # "各家都报道的 (0)" and "没有所有媒体都报道的内容。"): the summary says what most report, and no empty section follows.
    story_id = visit_story(store)

    def no_fact_of_all(articles: list[object], story_id: str = "") -> Comparison:
        two = Fact([SentenceRef("visit-a", "甲报", 0, "外长会见了两名部长。"), SentenceRef("visit-c", "丙网", 0, "外长会见了马尔斯。")])
        return Comparison(story_id=story_id, outlets=["甲报", "乙社", "丙网"], shared=[], partial=[two],
                          unique={"乙社": [Fact([SentenceRef("visit-b", "乙社", 1, "雙方討論了安全合作。")])]})

    monkeypatch.setattr(stored_stories, "compare_story", no_fact_of_all)
    page = client.get(f"/story/{story_id}").text
    assert 'id="summary"' in page and "外长会见了两名部长。" in page
    assert 'id="shared"' not in page and 'href="#shared"' not in page and "没有所有媒体都报道的内容" not in page
    assert page.index('id="summary"') < page.index('id="partial"')


def _store_the_visit(store: Store) -> None:
    """Four outlets' reports of one visit (甲报, 乙社, 丙网, 丁台), stored as story-visit."""
    reports = [article(f"visit-{n}", outlet=outlet, title="外长访澳", body_text="彼得斯周一抵达堪培拉。\n\n双方讨论了安全合作。")
               for n, outlet in zip("abcd", ("甲报", "乙社", "丙网", "丁台"), strict=True)]
    for report in reports:
        store.upsert_article(report)
    store.save_story(Story(id="story-visit", title="外长访澳"), [StoryMember(r.id, "story-visit") for r in reports])


def test_the_summary_gives_each_outlets_own_facts_and_names_the_few_outlets_leaving_a_fact_out(
    client: TestClient, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # look52 on the whole archive's 11-outlet story of 任志强's sentence: a line ten outlets report listed the ten
    # (longer than the fact), and what each outlet alone adds was only far below, 642 lines in story order. The
    # summary names the outlet that leaves a line out, then gives each outlet's own facts, most important first.
    _store_the_visit(store)

    def compared(articles: list[object], story_id: str = "") -> Comparison:
        three = Fact([SentenceRef("visit-a", "甲报", 1, "双方讨论了安全合作。"), SentenceRef("visit-b", "乙社", 1, "雙方討論了安全合作。"),
                      SentenceRef("visit-c", "丙网", 1, "双方讨论了安全合作。")])
        own = {"甲报": [Fact([SentenceRef("visit-a", "甲报", n, f"甲报第{n}句。")]) for n in (6, 0, 3)]}
        return Comparison(story_id=story_id, outlets=["甲报", "乙社", "丙网", "丁台"], partial=[three], unique=own)

    monkeypatch.setattr(stored_stories, "compare_story", compared)
    page = client.get("/story/story-visit").text
    summary = page[page.index('<section class="summary" id="summary">'):]
    summary = summary[:summary.index("</section>")]
    lines = [" ".join(re.sub(r"<[^>]+>", " ", li).split()) for li in re.findall(r"<li>(.*?)</li>", summary, re.S)]
    assert lines == ["3/4 甲报 ： 双方讨论了安全合作。 （除丁台外，其他各家也报道）"]
    own = page[page.index('<section class="own-facts" id="own">'):]
    own = own[:own.index("</section>")]
    assert re.findall(r"<li(?: lang=\"[^\"]*\")?>(.*?)</li>", own) == ["甲报第0句。", "甲报第3句。"]  # lang: reader80
    # 另有1条 leads to 甲报's own cell of the grid (the first of c.outlets), not to the first outlet's (reader79)
    assert '<a href="#unique-1">另有1条</a>' in own and '<a href="#own">' in page
    # Its heading an h4 under the closed grid's 报道对比 (h2) and 仅一家报道的内容 (h3): the outline nests (review61).
    assert re.search(r'<div class="cell unique" id="unique-1"[^>]*><h4>甲报</h4>', page)
    assert page.index('id="summary"') < page.index('id="own"') < page.index('id="toc"') < page.index('id="unique"')


@pytest.mark.parametrize(("script", "expected"), [
    ("zh-Hans", ["3/4 甲报 ： 彼得斯周一抵达堪培拉。 （除丙网外，其他各家也报道）", "2/4 乙社 ： 双方谈了安全合作。 （丙网也报道）"]),
    ("zh-Hant", ["3/4 甲報 ： 彼得斯週一抵達堪培拉。 （除丙網外，其他各家也報道）", "2/4 乙社 ： 雙方談了安全合作。 （丙網也報道）"]),
])
def test_a_summary_line_says_whose_sentence_it_is(
    client: TestClient, store: Store, monkeypatch: pytest.MonkeyPatch, script: str, expected: list[str]
) -> None:
    # polish73 on 2020-08-12: "前美國副總統拜登問鼎白宮，…出線擔任副手。（BBC中文、中央社）" was CNA's sentence, BBC wrote
    # another: a researcher may quote it as BBC's. The line names whose sentence it is, then the others as reporting
    # the fact too (our words through ui(): Taiwan's phrases under 繁; the outlets' names by characters only).
    _store_the_visit(store)

    def compared(articles: list[object], story_id: str = "") -> Comparison:
        # 乙社's sentence first, where the fact's outlets sorted (丙网、乙社) name another first.
        talks = Fact([SentenceRef("visit-b", "乙社", 1, "双方谈了安全合作。"), SentenceRef("visit-c", "丙网", 1, "两国讨论了合作。")])
        arrival = Fact([SentenceRef("visit-a", "甲报", 0, "彼得斯周一抵达堪培拉。"), SentenceRef("visit-b", "乙社", 0, "彼得斯週一抵達坎培拉。"),
                        SentenceRef("visit-d", "丁台", 0, "彼得斯周一抵达堪培拉。")])
        return Comparison(story_id=story_id, outlets=["甲报", "乙社", "丙网", "丁台"], partial=[talks, arrival])

    monkeypatch.setattr(stored_stories, "compare_story", compared)
    page = client.get(f"/story/story-visit?script={script}").text
    summary = page[page.index('<section class="summary" id="summary">'):]
    summary = summary[:summary.index("</section>")]
    # (Tags read as spaces: the sentence is in a <bdi> of its own, safety73.)
    lines = [" ".join(re.sub(r"<[^>]+>", " ", li).split()) for li in re.findall(r"<li>(.*?)</li>", summary, re.S)]
    assert lines == expected


def test_a_comparison_of_more_outlets_than_columns_hides_empty_cells_and_the_row_of_names(
    client: TestClient, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # look52 at 1100 px on an 11-outlet story: six columns, so each fact's cells wrapped to a second row, under a row
    # of eleven names in two lines that headed nothing below it; a fact of three outlets took two rows of framed
    # cells, eight of them empty. There every cell names its outlet and empty ones are hidden (.many).
    story_id = visit_story(store)
    page = client.get(f"/story/{story_id}").text
    # three outlets: columns that line up, each cell naming its outlet, no row of names above them (polish70: on a
    # desktop it stood over the first part's heading, said again by the cells under it; the site never had it)
    assert "outlet-heads" not in page and " many" not in page
    outlets = ["甲报", "乙社", "丙网", "丁台", "戊报", "己网", "庚社"]

    def seven(articles: list[object], story_id: str = "") -> Comparison:
        two = Fact([SentenceRef("visit-a", "甲报", 1, "双方讨论了安全合作。"), SentenceRef("visit-c", "丙网", 1, "双方讨论了安全合作。")])
        return Comparison(story_id=story_id, outlets=outlets, partial=[two])

    monkeypatch.setattr(stored_stories, "compare_story", seven)
    page = client.get(f"/story/{story_id}").text
    assert "outlet-heads" not in page
    assert re.findall(r'<div class="(fact [^"]*)">', page) == ["fact columns cols-6 many"]


def links_and_urls(page: str) -> tuple[list[str], set[str], set[str]]:
    """(the page's in-page link targets, its element ids, the URLs it names off the page: href, src, CSS url())."""
    targets = re.findall(r'href="#([^"]*)"', page)
    ids = set(re.findall(r'\sid="([^"]+)"', page))
    urls = set(re.findall(r'(?:href|src)="((?:https?:)?//[^"]*)"', page)) | set(re.findall(r"url\(([^)]*)\)", page))
    return targets, ids, urls


def test_under_a_summary_the_full_grid_waits_to_be_asked_for(client: TestClient, store: Store) -> None:
    # Issue 14 item 6: "the full grid on demand". look52's 11-outlet story (任志强) put 769 facts in a grid of 87,000 px
    # (at 1100 px) between the summary and the reports, on every load. Under a summary it is now a closed details
    # (no script: it opens with a click, and a browser opens it for a link to a fact section inside it) that says which
    # outlets and how many facts it holds; a small story's page (no summary) shows its grid as before.
    story_id = visit_story(store)
    page = client.get(f"/story/{story_id}").text
    start = page.index('<details class="grid" id="compare">')  # closed: no "open"
    grid = page[start:page.index("</details>", start)]
    assert page.index('id="summary"') < page.index('id="toc"') < start < page.index('id="reports"')
    said = " ".join(re.sub(r"<[^>]+>", " ", grid[:grid.index("</summary>")]).split())
    assert said == "报道对比 3家媒体（丙网、乙社、甲报）的2条事实逐家对照：各家都报道的内容 2 · 仅一家报道的内容 0 · 点击展开"
    assert all(f'id="{section}"' in grid for section in ("shared", "unique")) and 'id="reports"' not in grid
    # the table of contents names the grid and its sections, each link finding its target
    toc = page[page.index('<nav class="toc"'):]
    toc = toc[:toc.index("</nav>")]
    assert '<a href="#compare">报道对比</a>' in toc and '<a href="#unique">' in toc
    targets, ids, urls = links_and_urls(page)
    assert targets and set(targets) <= ids
    # nothing off the machine but the reports' own addresses (their 原文 links), none of them in the grid
    assert urls <= {f"https://example.org/{slug}" for slug in ("visit-a", "visit-b", "visit-c")}
    assert not links_and_urls(grid)[2]
    # A comparison of two chosen outlets has no summary: its grid is the page's first section, shown as before.
    pair = client.get(f"/story/{story_id}", params=[("outlet", "甲报"), ("outlet", "乙社")]).text
    assert "<details" not in pair[pair.index('id="toc"'):] and 'href="#compare"' not in pair
    assert pair.index('id="toc"') < pair.index('id="shared"') < pair.index('id="unique"') < pair.index('id="reports"')
    targets, ids, _ = links_and_urls(pair)
    assert targets and set(targets) <= ids


def test_the_static_sites_grid_address_finds_the_grid_and_an_outlet_with_no_own_fact_says_so(
        client: TestClient, store: Store) -> None:
    # polish65: the static site called the grid #compare, the reader #grid: a link copied from one opened the top of
    # the other's page (now #compare on both, the reader's #grid kept empty before it: toc68). And "仅一家报道的内容"
    # gave an outlet with no fact of its own an empty column under its name.
    story_id = visit_story(store)
    for params in ([], [("outlet", "甲报"), ("outlet", "乙社")]):  # with a summary (a closed grid), and without
        page = client.get(f"/story/{story_id}", params=params).text
        assert page.index('id="compare"') < page.index('id="shared"') < page.index('id="unique"')
        assert not params or 'id="grid"' not in page  # the old name only where the grid had it: under a summary
        assert params or page.index('<span id="grid"></span>') < page.index('<details class="grid" id="compare">')
        unique = page[page.index('id="unique"'):page.index('id="reports"')]
        cells = re.findall(r'<div class="cell unique" id="unique-\d+"[^>]*>(.*?)</div>', unique, re.S)
        assert len(cells) == (3 if not params else 2)  # no outlet has a fact of its own here
        assert all('<p class="meta">没有仅由它报道的事实。</p>' in cell for cell in cells), cells
        targets, ids, _ = links_and_urls(page)
        assert set(targets) <= ids and len(re.findall(r'\sid="', page)) == len(ids)  # no id twice


def _asgi_get(app: object, path: str, query: str = "",
              headers: tuple[tuple[bytes, bytes], ...] = ()) -> tuple[int, list[tuple[bytes, bool]]]:
    """The status and each body message the app sends, with whether a comparison had been computed when it was
    sent (``compared`` below): what a browser receives, in the parts it receives it. ``headers``: the request's,
    beside Host."""
    import asyncio

    sent: list[tuple[bytes, bool]] = []
    status = 0
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": query.encode(), "root_path": "",
             "headers": [(b"host", b"testserver"), *headers], "server": ("testserver", 80), "client": ("127.0.0.1", 1)}

    async def run() -> None:
        asked = False
        done = asyncio.Event()

        async def receive() -> dict[str, object]:
            nonlocal asked
            if not asked:
                asked = True
                return {"type": "http.request", "body": b"", "more_body": False}
            await done.wait()  # the client stays until the whole response has come
            return {"type": "http.disconnect"}

        async def send(message: dict[str, object]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])  # type: ignore[call-overload]
            elif message["type"] == "http.response.body":
                if message.get("body"):
                    sent.append((bytes(message["body"]), bool(compared)))  # type: ignore[call-overload]
                if not message.get("more_body"):
                    done.set()

        await app(scope, receive, send)  # type: ignore[operator]

    asyncio.run(run())
    return status, sent


compared: list[str] = []


@pytest.fixture
def counting_comparisons(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each comparison computed adds its story to ``compared`` (cleared here), which ``_asgi_get`` reads."""
    real = stored_stories.compare_story

    def counted(articles: list, story_id: str = "") -> Comparison:  # type: ignore[type-arg]
        compared.append(story_id)
        return real(articles, story_id=story_id)

    monkeypatch.setattr(stored_stories, "compare_story", counted)
    compared.clear()


@pytest.mark.usefixtures("counting_comparisons")
def test_choosing_outlets_sends_the_page_saying_it_compares_before_the_comparison(store: Store) -> None:
    # Choosing outlets on a story page paused ~2 s (the process's first comparison) with nothing shown: the page
    # now comes in two parts, the first (sent before comparing) saying what is being compared.
    from urllib.parse import urlencode

    from newsmirror.web import create_app

    story_id = visit_story(store)
    app = create_app(store)
    status, parts = _asgi_get(app, f"/story/{story_id}", urlencode([("outlet", "甲报"), ("outlet", "乙社")]))
    assert status == 200 and len(parts) == 2 and compared == [story_id]
    (first, compared_before), (rest, compared_after) = parts
    assert not compared_before and compared_after
    head = first.decode("utf-8")
    assert 'class="working"' in head and "正在对比乙社、甲报的报道" in head and 'id="shared"' not in head
    assert head.startswith("<!doctype html>") and "newsmirror:flush" not in head
    page = (first + rest).decode("utf-8")
    assert details_lines(page)[0] == ("只有甲报提到", {"马尔斯", "法瑞尔"}) and page.rstrip().endswith("</html>")
    # A stored comparison is read, not computed: the page comes whole, with no notice.
    stored_stories.comparison_for(store, story_id)
    compared.clear()
    status, parts = _asgi_get(app, f"/story/{story_id}")
    assert status == 200 and not compared and b'class="working"' not in b"".join(body for body, _ in parts)


@pytest.mark.usefixtures("counting_comparisons")
def test_a_compressed_story_page_still_sends_its_notice_before_comparing(store: Store) -> None:
    # reader79: pages are gzipped (a big story's 1.1 MB of HTML took 20 s on Slow 3G, 6 s gzipped). A compressor that
    # held the first part until it had more (Starlette before 1.5) would send the notice with the comparison.
    import zlib
    from urllib.parse import urlencode

    from newsmirror.web import create_app

    story_id = visit_story(store)
    status, parts = _asgi_get(create_app(store), f"/story/{story_id}", urlencode([("outlet", "甲报"), ("outlet", "乙社")]),
                              headers=((b"accept-encoding", b"gzip"),))
    sent_before = [body for body, compared_then in parts if not compared_then]
    assert status == 200 and sent_before and compared == [story_id]
    unzip = zlib.decompressobj(16 + zlib.MAX_WBITS)
    head = unzip.decompress(b"".join(sent_before)).decode("utf-8")
    assert 'class="working"' in head and "正在对比乙社、甲报的报道" in head
    page = head + unzip.decompress(b"".join(body for body, compared_then in parts if compared_then)).decode("utf-8")
    assert page.rstrip().endswith("</html>") and 'id="unique"' in page


def test_a_comparison_that_fails_after_the_notice_ends_the_page_with_a_sentence(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    # The status line is sent with the notice: a failure after it cannot become a 500 page any more.
    from newsmirror.web import comparison as web_comparison
    from newsmirror.web import create_app

    story_id = visit_story(store)  # no stored comparison: the whole story is computed, after the notice

    def broken(*args: object, **kwargs: object) -> Comparison:
        if kwargs.get("computing") is not None:
            return real(*args, **kwargs)  # type: ignore[arg-type]
        raise RuntimeError("comparison failed")

    real = web_comparison.comparison_of
    monkeypatch.setattr(web_comparison, "comparison_of", broken)
    status, parts = _asgi_get(create_app(store), f"/story/{story_id}")
    page = b"".join(body for body, _ in parts).decode("utf-8")
    assert status == 200 and 'class="working"' in page
    assert page.rstrip().endswith('</p></main></body></html>') and "服务器出错了" in page and "Traceback" not in page


def test_no_results_is_a_sentence_not_a_list_item_and_the_syntax_is_explained(client: TestClient) -> None:
    from lxml import html

    page = html.fromstring(client.get("/search", params={"q": "从来没有这个词"}).text)
    assert not page.xpath("//ol[contains(@class, 'hits')]//li"), "an empty result must not be an ordered list item"
    assert "没有找到" in "".join(page.xpath("//p[@class='no-results']//text()"))
    help_text = "".join(page.xpath("//details[contains(@class, 'search-help')]//text()"))
    for syntax in ('"外交部副部长"', "-普京", "马朝旭 莫斯科"):
        assert syntax in help_text
    assert page.xpath("//details[contains(@class, 'search-help')]/@open")  # open when nothing was found
    found = html.fromstring(client.get("/search", params={"q": "马朝旭"}).text)
    assert found.xpath("//ol[contains(@class, 'hits')]/li") and not found.xpath("//p[@class='no-results']")


@pytest.mark.parametrize("path", ["/no/such/page", "/article/0000", "/story/none", "/outlet/没有这家"])
def test_not_found_pages_speak_chinese(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404 and "<html" in response.text
    assert "找不到这个页面" in response.text
    assert not re.search(r"Not Found|no article|no story|no articles", response.text)


def test_a_bad_date_is_explained_in_chinese(client: TestClient) -> None:
    response = client.get("/search", params={"q": "莫斯科", "since": "昨天"})
    assert response.status_code == 400 and "请求有误" in response.text and "不是日期" in response.text


def test_traditional_toggle_leaves_text_already_traditional_alone(client: TestClient, store: Store) -> None:
    # Taiwan's own text: 台北 and 宣布 are Traditional as written (s2t would make 臺北, 宣佈).
    taiwan = article("tw-own", outlet="中央社", title="台北市政府宣布颱風假", script="zh-Hant",
                     body_text="台北市政府今天宣布停班停課。\n\n颱風預計明天登陸。",
                     body_html="<p>台北市政府今天宣布停班停課。</p><p>颱風預計明天登陸。</p>")
    mainland = article("cn-own", outlet="新闻网", title="北京发布台风预警", script="zh-Hans",
                       body_text="北京市政府今天发布台风预警。", body_html="<p>北京市政府今天发布台风预警。</p>")
    store.upsert_article(taiwan)
    store.upsert_article(mainland)
    from lxml import html

    shown = html.fromstring(client.get(f"/article/{taiwan.id}", params={"script": "zh-Hant"}).text)
    page = "".join(shown.xpath("//article//text()"))
    assert "台北市政府今天宣布停班停課" in page and "台北市政府宣布颱風假" in page
    assert "臺北" not in page and "宣佈" not in page
    listing = client.get("/outlet/中央社", params={"script": "zh-Hant"}).text
    assert "台北市政府宣布颱風假" in listing
    # Simplified text is what 繁 converts; 简 leaves it alone and converts the Traditional.
    assert "北京市政府今天發佈颱風預警" in client.get(f"/article/{mainland.id}", params={"script": "zh-Hant"}).text
    assert "台北市政府今天宣布停班停课" in client.get(f"/article/{taiwan.id}", params={"script": "zh-Hans"}).text
    assert "北京市政府今天发布台风预警" in client.get(f"/article/{mainland.id}", params={"script": "zh-Hans"}).text


def test_script_of_short_text_is_told_by_its_own_characters() -> None:
    from newsmirror.text.script import written_in

    assert written_in("臺灣") == "zh-Hant" and written_in("台湾") == "zh-Hans"
    assert written_in("台北") == "zh-Hans"  # only shared characters: the article's script must decide
    assert written_in("BBC") == "und"


@pytest.mark.parametrize("path", ["/", f"/article/{SIMPLIFIED.id}", f"/story/{STORY.id}", "/atom.xml",
                                  "/api/search?q=马朝旭", "/static/style.css", "/no-such-page"])
def test_head_is_answered_as_get_without_a_body(client: TestClient, path: str) -> None:
    # FastAPI's GET routes refused HEAD with 405: what uptime monitors, link checkers and `curl -I` send.
    got, head = client.get(path), client.head(path)
    assert head.status_code == got.status_code and head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.headers["content-security-policy"] == got.headers["content-security-policy"]
    assert client.post(path).status_code in (404, 405)  # only HEAD is taken for GET
    # Compressed as its GET would be (review59): a HEAD under gzip said no Content-Encoding and no Vary, and the
    # identity length, so a cache freshening its stored GET from a HEAD saw another representation.
    gzipped = {"Accept-Encoding": "gzip"}
    got, head = client.get(path, headers=gzipped), client.head(path, headers=gzipped)
    for name in ("content-encoding", "vary", "content-length"):
        assert head.headers.get(name) == got.headers.get(name), name


def test_an_original_script_page_marks_each_report_by_the_script_it_is_written_in(client: TestClient) -> None:
    """reader79: 原文 pages are lang="zh" and mix both scripts: each report (its cell, its sentences in the grid and
    the summary, its item in a list or a search) says its own, so a Traditional one gets TC glyphs. Under 简/繁 all
    text is in the page's script and the page's lang says it: nothing inside is marked."""
    story = client.get(f"/story/{STORY.id}", params={"script": "orig"}).text
    assert re.search(rf'<article class="cell" data-article-id="{TRADITIONAL.id}"[^>]* lang="zh-Hant"', story)
    assert re.search(rf'<article class="cell" data-article-id="{SIMPLIFIED.id}"[^>]* lang="zh-Hans"', story)
    assert re.search(r'<div class="cell[^"]*"[^>]* lang="zh-Hant"><span class="outlet">中央社', story), "grid cell"
    article_page = client.get(f"/article/{TRADITIONAL.id}", params={"script": "orig"}).text
    assert re.search(r'<article class="article"[^>]* lang="zh-Hant"', article_page)
    listed = client.get("/", params={"script": "orig"}).text
    assert re.search(rf'<li class="item" lang="zh-Hant">\s*<a class="title" href="/article/{TRADITIONAL.id}"', listed)
    hits = client.get("/search", params={"q": "馬朝旭", "script": "orig"}).text
    assert re.search(rf'<li class="hit" data-article-id="{TRADITIONAL.id}" lang="zh-Hant">', hits)
    for script in ("zh-Hans", "zh-Hant"):
        for path in (f"/story/{STORY.id}", f"/article/{TRADITIONAL.id}", "/", "/search?q=馬朝旭"):
            page = client.get(path, params={"script": script}).text
            assert re.findall(r'\slang="([^"]*)"', page) == [script], (script, path)


def test_a_big_storys_reports_wait_to_be_asked_for(client: TestClient, store: Store,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """reader79: after the summary and the closed grid, a big story's page held every report's full text, open: 117
    bodies, 232,000 px at 390 px. Above REPORTS_OPEN_CHARS characters in all they are a closed details saying how many
    and how long (no script: one click, or a link to a report, opens it); below, shown as before."""
    import newsmirror.web.app as web_app

    story_id = visit_story(store)
    shown = client.get(f"/story/{story_id}").text
    assert '<details class="reports"' not in shown and '<h2 id="reports">各家报道' in shown
    chars = sum(len("".join(a.body_text.split())) for a in map(store.get_article, store.get_story(story_id).article_ids)
                if a)  # type: ignore[union-attr]
    assert chars == 127  # counted without spaces and line breaks, as a reader counts 字
    monkeypatch.setattr(web_app, "REPORTS_OPEN_CHARS", 126)
    page = client.get(f"/story/{story_id}").text
    start = page.index('<details class="reports">')  # closed: no "open"
    reports = page[start:page.index("</details>", start)]
    said = " ".join(re.sub(r"<[^>]+>", " ", reports[:reports.index("</summary>")]).split())
    assert said == "各家报道 3篇报道全文，共127字 · 点击展开"
    assert page.index('id="summary"') < page.index('<details class="grid"') < start
    assert all(f'id="report-{a}"' in reports for a in store.get_story(story_id).article_ids)  # type: ignore[union-attr]
    targets, ids, _ = links_and_urls(page)
    assert {t for t in targets if t.startswith("report-")} and set(targets) <= ids  # the contents' links find them
    hant = client.get(f"/story/{story_id}", params={"script": "zh-Hant"}).text
    assert "3篇報道全文，共127字" in hant
