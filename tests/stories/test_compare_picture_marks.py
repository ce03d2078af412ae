"""A picture's marker or credit inside a sentence (金正恩（圖）…（圖取自…）) is no part of the unit (furniture68)."""

from __future__ import annotations

from datetime import UTC, datetime

from newsmirror.model import Article
from newsmirror.stories.compare import _sentences, strip_picture_marks


def _article(body: str) -> Article:
    return Article(outlet="中央社", title="t", original_url="https://example.com/a", body_text=body,
                   published_at=datetime(2020, 9, 25, tzinfo=UTC))


def test_an_inline_picture_marker_and_credit_are_not_shown_or_matched() -> None:
    body = ("（中央社首爾25日綜合外電報導）某國領導人某某某（圖）25日罕見致歉，稱事件令人遺憾（圖取自某通訊社網頁example.kp）。\n\n"
            "另一國政府表示將持續關注此事。")
    units = _sentences(_article(body), dateline_matched=True)
    shown = [u.ref.text for u in units]
    assert shown[0].startswith("某國領導人某某某25日罕見致歉"), shown
    assert not any("圖" in text for text in shown), shown
    assert not any("example" in u.key or "example" in u.normalized for u in units)


def test_picture_marks_of_other_forms() -> None:
    assert strip_picture_marks("某國總統（右圖）表示，") == "某國總統表示，"
    assert strip_picture_marks("某某(图片来源：某图片社)说") == "某某说"
    assert strip_picture_marks("台北（圖／中央社）今天") == "台北今天"
    # a bracket that is no picture's, and a marker standing alone (furniture by its own rule), stay
    assert strip_picture_marks("他在图们江（图们）边") == "他在图们江（图们）边"
    assert strip_picture_marks("（圖）") == "（圖）"
