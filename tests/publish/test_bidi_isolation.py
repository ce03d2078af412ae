"""The static site's summary line isolates the sentence it shows (safety73): a report's body keeps bidi controls
(right-to-left quotations), and a sentence holding U+202E (RLO) reversed the words after it on the line, "（…也报道）",
which say the other outlets reporting the fact."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsmirror.store.sqlite import SQLiteStore
from tests.publish.test_build import built_summary_page
from tests.web.test_bidi_isolation import BIDI, RLO, bidi_outside_isolation


@pytest.mark.parametrize("script", ["zh-Hans", "zh-Hant"])
def test_a_summary_lines_sentence_is_isolated_from_the_words_after_it(store: SQLiteStore, tmp_path: Path,
                                                                      script: str) -> None:
    page = built_summary_page(store, tmp_path, script, first_said=f"{RLO}三家说的")
    lines = page.xpath("//section[@id='summary']//li")
    assert [BIDI.sub("", " ".join(li.text_content().split())) for li in lines][0] == (
        "3/4 乙社：三家说的 （除丁台外，其他各家也报道）" if script == "zh-Hans" else "3/4 乙社：三家說的 （除丁臺外，其他各家也報道）")
    for line in lines:
        assert not bidi_outside_isolation(line)
    assert any(RLO in (bdi.text or "") for bdi in page.xpath("//section[@id='summary']//li//bdi"))
