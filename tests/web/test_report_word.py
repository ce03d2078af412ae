"""The Traditional interface writes one word for "report" (polish75's check of polish72's Taiwan vocabulary): our
Simplified 报道 comes out 報道 through OpenCC's s2twp phrases (it has no 報道 -> 報導 rule) in the reader's words and
the static site's labels alike, never 報導 beside it. An outlet's own 報導 is its text and is left as written."""

from __future__ import annotations

from newsmirror.publish.content import interface_converter
from newsmirror.publish.site import LABELS
from newsmirror.web.render import interface_text


def test_every_label_saying_report_says_it_one_way() -> None:
    convert = interface_converter("zh-Hant")
    said = [convert(text) for text in LABELS.values() if "报道" in text]
    assert said and all("報道" in text and "報導" not in text for text in said)
    reader = [interface_text(text, "zh-Hant") for text in ("多家媒体报道", "{outlets}也报道", "仅一家报道的内容")]
    assert all("報道" in text and "報導" not in text for text in reader)
