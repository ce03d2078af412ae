"""The clusterer's text stage computes what the plain steps compute: a title normalized with the
body's head in one pass is the title normalized alone, and the lines are the head's lines."""

from __future__ import annotations

import pytest

from newsmirror.stories import cluster
from newsmirror.text.fold import quick_normalize, quick_normalize_lines

TITLES = [
    "蒲亭與川普在雪梨會面",
    "ΣΟΦΟΣ Σ 總統 ΟΔΟΣ",  # a final sigma at the title's end
    "軟體 滑鼠 計程車：　（全形）ＡＢＣ",
    "   ",
    "",
    "Putin met Trump, CIA 说",
    "cia",  # an alias name that must stand alone: the newline after it is no letter
    "標題\u0301",  # a combining mark at the end
    "一\r二\u2028三",
]
HEADS = [
    "\u0301正文第一段：蒲亭說。\n\n第二段 Putin\u3000met\nasean國家",
    "cia\n新加坡",
    "",
    "\n\n",
    "ς 𠀀 ｶﾞ\n國",
]


@pytest.fixture(autouse=True)
def _empty_title_cache() -> None:
    cluster._NORMAL_TITLES.clear()


@pytest.mark.parametrize("title", [*TITLES, "含\n換行的標題", "含\x00的標題"])
@pytest.mark.parametrize("head", HEADS)
def test_title_and_head_in_one_pass_are_each_normalized_alone(title: str, head: str) -> None:
    assert cluster._normalize_report(title, head) == (quick_normalize(title), quick_normalize_lines(head))
    # Again with the title's normal form kept from the first call.
    assert cluster._normalize_report(title, head) == (quick_normalize(title), quick_normalize_lines(head))
    assert cluster._normal_title(title) == quick_normalize(title)


def test_a_nul_in_the_title_does_not_cut_the_head() -> None:
    # OpenCC stops at a NUL character: normalized together, the head after it would be lost.
    assert quick_normalize_lines("標題\x00\n正文") == ["标题"]
    assert cluster._normalize_report("標題\x00", "正文") == (quick_normalize("標題\x00"), ["正文"])


def test_the_title_cache_stays_small() -> None:
    for n in range(600):
        cluster._normalize_report(f"標題{n}", "正文")
    assert len(cluster._NORMAL_TITLES) <= 256
    assert cluster._normal_title("標題599") == "标题599"
