"""The meeting reading (``SURNAME_SHORT_FORMS``) tags each name an outlet gives once, not once per claimed name asked
(review66; constructed text)."""

from __future__ import annotations

from collections import Counter

import pytest

from newsmirror.stories import compare
from newsmirror.text.normalize import normalize


def test_an_outlets_names_are_tagged_once(monkeypatch: pytest.MonkeyPatch) -> None:
    tagged: Counter[str] = Counter()
    tag = compare.tagged_words

    def counting(text: str) -> list[tuple[str, str]]:
        tagged[text] += 1
        return tag(text)

    monkeypatch.setattr(compare, "tagged_words", counting)
    cached = getattr(compare, "_tagged_person", None)
    if hasattr(cached, "cache_clear"):  # the cache holds no name from an earlier test
        cached.cache_clear()
    text = normalize("反观马英九执政时的“马习会”，蔡英文与朱立伦都表示关注。")
    nouns = ["马英九", "蔡英文", "朱立伦"]
    for _ in range(3):
        assert compare._meeting_short_form_in("习近平", text, nouns)
    assert tagged["马英九"] == tagged["蔡英文"] == tagged["习近平"] == 1
