"""A bidi override in text we show next to our own words must not reorder them (safety73).

A report's body keeps bidirectional controls (right-to-left quotations: ``model.clean_text``), so a sentence holding
U+202E (RLO) shown on a summary line ran its override to the end of the line: "（…也报道）", the words saying which
other outlets report the fact, came out reversed. And a typed outlet name or query holding one was echoed on the
reader's own page ("没有来自“…”的文章。"), so a crafted link made the page say something else."""

from __future__ import annotations

import re
from urllib.parse import quote

import lxml.html
import pytest
from fastapi.testclient import TestClient

from newsmirror.store import Store
from newsmirror.stories import stored as stored_stories
from newsmirror.stories.comparison import Comparison, Fact, SentenceRef
from tests.web.test_pages import _store_the_visit

RLO, RLI = "\u202e", "\u2067"
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def bidi_outside_isolation(element: lxml.html.HtmlElement) -> list[str]:
    """Text nodes under ``element`` holding a bidi control, not inside a <bdi>."""
    found = []
    for node in element.iter():
        if not isinstance(node.tag, str):
            continue
        inside = node.tag == "bdi" or any(a.tag == "bdi" for a in node.iterancestors())
        if node.text and BIDI.search(node.text) and not inside:
            found.append(node.text)
        parent_inside = any(a.tag == "bdi" for a in node.iterancestors())
        if node.tail and BIDI.search(node.tail) and not parent_inside:
            found.append(node.tail)
    return found


@pytest.mark.parametrize("script", ["", "zh-Hant"])
def test_a_summary_lines_sentence_is_isolated_from_the_words_after_it(
        client: TestClient, store: Store, monkeypatch: pytest.MonkeyPatch, script: str) -> None:
    _store_the_visit(store)

    def compared(articles: list[object], story_id: str = "") -> Comparison:
        talks = Fact([SentenceRef("visit-b", "乙社", 1, f"{RLO}双方谈了安全合作。"),
                      SentenceRef("visit-c", "丙网", 1, f"两国{RLI}讨论了合作。")])
        arrival = Fact([SentenceRef("visit-a", "甲报", 0, "彼得斯周一抵达堪培拉。"), SentenceRef("visit-b", "乙社", 0, "彼得斯周一抵达堪培拉。"),
                        SentenceRef("visit-d", "丁台", 0, "彼得斯周一抵达堪培拉。")])
        return Comparison(story_id=story_id, outlets=["甲报", "乙社", "丙网", "丁台"], partial=[talks, arrival])

    monkeypatch.setattr(stored_stories, "compare_story", compared)
    page = lxml.html.fromstring(client.get(f"/story/story-visit?script={script}").text)
    lines = page.xpath("//section[@id='summary']//li")
    assert len(lines) == 2
    assert [BIDI.sub("", " ".join(li.text_content().split())) for li in lines][1].endswith("双方谈了安全合作。 （丙网也报道）"
                                                                                   if not script else "雙方談了安全合作。 （丙網也報道）")
    for line in lines:
        assert not bidi_outside_isolation(line)
    # The sentence is shown as written, override and all (a right-to-left quotation keeps its direction), isolated.
    assert any(RLO in (bdi.text or "") for bdi in page.xpath("//section[@id='summary']//li//bdi"))


@pytest.mark.parametrize("path", [
    "/outlet/" + quote(f"{RLO}无此台"),
    "/channel/" + quote(f"无此{RLI}栏"),
    "/search?q=" + quote(f"{RLO}没有这个词的文章") + "&outlet=" + quote(f"{RLO}新闻网"),
    "/search?q=" + quote(f"没有 这个 {RLO}词"),
    "/search?q=" + quote(" ".join(f"词{n}{RLO}" for n in range(14))),
    "/search?q=x&since=" + quote(f"{RLO}2024-01-01"),
    # review57: an id from the path was echoed as typed on the 404 page ("没有编号为 ‮abc 的新闻。").
    "/story/" + quote(f"{RLO}abc"),
    "/article/" + quote(f"{RLO}abc"),
    "/article/" + quote(f"{RLO}abc") + "/history",
])
def test_a_typed_name_or_query_brings_no_bidi_control_onto_our_page(client: TestClient, path: str) -> None:
    for script in ("", "zh-Hant"):
        response = client.get(path + ("&" if "?" in path else "?") + f"script={script}")
        assert response.status_code in (200, 400, 404)
        # What a reader sees: the page's text and title (a link's address may carry the path as requested).
        shown = lxml.html.fromstring(response.text).text_content()
        assert not BIDI.search(shown), BIDI.sub("‽", shown)


def test_a_typed_name_without_bidi_controls_names_the_stored_outlet(client: TestClient) -> None:
    # Dropping the override leaves the name as it can be stored (model.clean_line): the outlet's page.
    response = client.get("/outlet/" + quote(f"{RLO}新闻网"))
    assert response.status_code == 200
    feed = client.get("/search.atom?q=" + quote("马朝旭") + "&outlet=" + quote(f"新闻{RLO}网"))
    assert feed.status_code == 200 and not BIDI.search(feed.text)
