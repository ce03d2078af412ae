"""The static site's summary line isolates the sentence it shows (safety73): a report's body keeps bidi controls
(right-to-left quotations), and a sentence holding U+202E (RLO) reversed the words after it on the line, "（…也报道）",
which say the other outlets reporting the fact."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html as lxml_html

from newsmirror.model import Article, Story
from newsmirror.publish.base import BuildOptions
from newsmirror.store.sqlite import SQLiteStore
from newsmirror.stories.comparison import Comparison, Fact, SentenceRef
from tests.publish.conftest import BASE_URL, fill
from tests.publish.test_build import _build
from tests.web.test_bidi_isolation import BIDI, RLO, bidi_outside_isolation


@pytest.mark.parametrize("script", ["zh-Hans", "zh-Hant"])
def test_a_summary_lines_sentence_is_isolated_from_the_words_after_it(store: SQLiteStore, tmp_path: Path,
                                                                      script: str) -> None:
    articles = fill(store, 4)
    first, second = articles[0], articles[1]

    def comparer(story: Story, members: list[Article]) -> Comparison:
        three = Fact([SentenceRef(second.id, "乙社", 0, f"{RLO}三家说的"), SentenceRef(first.id, "甲报", 0, "三家讲的"),
                      SentenceRef(second.id, "丙网", 0, "三家谈的")])
        two = Fact([SentenceRef(first.id, "甲报", 2, "两家说的"), SentenceRef(second.id, "乙社", 2, "两家讲的")])
        return Comparison(story_id=story.id, outlets=["甲报", "乙社", "丙网", "丁台"], partial=[three, two])

    out = tmp_path / "out"
    _build(store, out, formats=["site"], images=False, comparer=comparer,
           options=BuildOptions(base_url=BASE_URL, script=script))
    page = lxml_html.fromstring((out / "site" / "story" / "story-park" / "index.html").read_text())
    lines = page.xpath("//section[@id='summary']//li")
    assert [BIDI.sub("", " ".join(li.text_content().split())) for li in lines][0] == (
        "3/4 乙社：三家说的 （除丁台外，其他各家也报道）" if script == "zh-Hans" else "3/4 乙社：三家說的 （除丁臺外，其他各家也報道）")
    for line in lines:
        assert not bidi_outside_isolation(line)
    assert any(RLO in (bdi.text or "") for bdi in page.xpath("//section[@id='summary']//li//bdi"))
