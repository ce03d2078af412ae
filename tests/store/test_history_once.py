"""``history()`` pinned (its items, times, details and rendered diffs) on a hand-made article, and the diff of
each visible version from the one before computed once: ``visible_versions`` had already diffed every pair that
``history`` diffed again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from newsmirror.model import Version
from newsmirror.store import changes
from newsmirror.store.changes import ArticleEvent, EventKind, history

T0 = datetime(2021, 1, 20, 1, 2, 7, tzinfo=UTC)


def version(number: int, title: str, text: str, published: datetime, observed: datetime | None = None) -> Version:
    return Version("a1", number, f"h{number}", title, "", text, published, T0 + timedelta(hours=number),
                   observed_at=observed)


VERSIONS = [
    version(1, "北京大兴每天新增病例", "第一段。\n\n第二段。", T0, observed=T0),
    version(2, "北京大兴每天新增病例", "第一段。 \n\n第二段。", T0.replace(second=40)),  # whitespace, seconds: hidden
    version(3, "北京大兴日日新增病例", "第一段。\n\n第二段。", T0, observed=T0 + timedelta(minutes=30)),
    version(4, "北京大兴日日新增病例", "第一段改了。\n\n第二段。\n\n第三段。", T0 + timedelta(days=1)),
    version(5, "北京大兴日日新增病例", "第一段改了。\n\n第二段。\n\n第三段。", T0 + timedelta(days=1, seconds=9)),
]
EVENTS = [
    ArticleEvent("a1", EventKind.EDITED, T0 + timedelta(hours=5), version=5, detail="recorded by a re-check"),
    ArticleEvent("a1", EventKind.DELETED, T0 + timedelta(hours=6), detail="HTTP 410"),
    ArticleEvent("a1", EventKind.RESTORED, T0 + timedelta(hours=7)),
]


def shown(items: list[changes.HistoryItem]) -> list[tuple[object, ...]]:
    return [(item.kind, item.at.isoformat(), item.version.number if item.version else None, item.detail,
             item.diff.to_text(context=0) if item.diff else None, len(item.events)) for item in items]


PINNED = [
    ("first_seen", "2021-01-20T01:02:07+00:00", 1, "", None, 0),
    ("edited", "2021-01-20T01:32:07+00:00", 3, "标题已改", "title: ~ 北京大兴[-每天-]{+日日+}新增病例", 0),
    ("edited", "2021-01-20T05:02:07+00:00", 4,
     "日期 2021-01-20 09:02 UTC+8 → 2021-01-21 09:02 UTC+8；2 段已改（+6 −0 字）",
     "date: 2021-01-20 09:02 UTC+8 → 2021-01-21 09:02 UTC+8\n~ 第一段{+改了+}。\n  ⋯ 1 段未改 ⋯\n"
     "+ {+第三段。+}", 0),
    ("edited", "2021-01-20T06:02:07+00:00", 5, "recorded by a re-check", "", 1),  # seconds only, but recorded
    ("deleted", "2021-01-20T07:02:07+00:00", None, "网页已永久删除（HTTP 410）", None, 1),  # stored as "HTTP 410"
    ("restored", "2021-01-20T08:02:07+00:00", None, "网页已恢复", None, 1),
]


def test_history_output_is_pinned() -> None:
    assert shown(history(VERSIONS, EVENTS)) == PINNED


def test_each_version_is_diffed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, str]] = []
    real = changes.diff_versions

    def counting(old_title: str, old_text: str, *rest: object) -> object:
        calls.append((old_title, old_text))
        return real(old_title, old_text, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(changes, "diff_versions", counting)
    assert shown(history(VERSIONS, EVENTS)) == PINNED
    # Versions 2-5 each against the visible one before them (2 is hidden, so 3 is diffed from 1): four diffs.
    assert len(calls) == len(VERSIONS) - 1
