"""Readable diffs: paragraphs aligned, Chinese compared character by character, HTML escaped."""

from __future__ import annotations

from datetime import UTC, datetime

from newsmirror.text.diff import diff_text, diff_title, diff_versions, inline_diff, tokens


def test_han_characters_are_tokens_and_latin_words_stay_whole() -> None:
    assert tokens("警方称 police said 3人") == ["警", "方", "称", " ", "police", " ", "said", " ", "3", "人"]


def test_one_replaced_number_in_a_chinese_sentence_is_a_small_inline_change() -> None:
    segments = inline_diff("警方称有三人死亡。", "警方称有五人死亡。")
    assert [(s.op, s.text) for s in segments] == [
        ("equal", "警方称有"), ("delete", "三"), ("insert", "五"), ("equal", "人死亡。"),
    ]


def test_paragraphs_are_aligned_edits_deletions_and_insertions_apart() -> None:
    old = "第一段不变。\n\n警方称有三人死亡，多人受伤。\n\n这一段将被删除，内容完全不同。\n\n最后一段。"
    new = "第一段不变。\n\n警方称有一人受伤。\n\n最后一段。\n\n新增的补充说明。"
    diff = diff_text(old, new)
    assert [b.op for b in diff.blocks] == ["equal", "replace", "delete", "equal", "insert"]
    assert diff.blocks[1].old.startswith("警方称有三人") and diff.blocks[1].new == "警方称有一人受伤。"
    assert diff.changed_paragraphs == 3


def test_rewrapped_text_is_not_a_change() -> None:
    diff = diff_text("一段 话\n被折行了。\n\n第二段。", "一段话被折行了。\n\n\n第二段。")
    assert not diff.changed


def test_html_is_escaped_and_marks_insertions_and_deletions() -> None:
    diff = diff_text("他说<b>不</b>。", "他说<script>alert(1)</script>。")
    html = diff.to_html()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<del>" in html and "<ins>" in html


def test_unchanged_paragraphs_far_from_a_change_are_folded() -> None:
    old = "\n\n".join(f"第{i}段。" for i in range(10))
    new = old.replace("第9段。", "第九段。")
    text = diff_text(old, new).to_text(context=1)
    assert "8 段未改" in text
    assert "第0段" not in text and "第8段" in text


def test_character_counts_ignore_whitespace() -> None:
    diff = diff_text("甲乙丙。", "甲乙丙丁戊。")
    assert (diff.inserted_chars, diff.deleted_chars) == (2, 0)


def test_title_and_date_changes_are_reported() -> None:
    old_date = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
    new_date = datetime(2026, 10, 1, 8, 0, tzinfo=UTC)
    diff = diff_versions("警察打人引发抗议", "正文。", old_date, "警察执法引发关注", "正文。", new_date)
    assert diff.title.changed and not diff.body.changed and diff.date_changed
    summary = diff.summary()
    assert "标题已改" in summary and "2026-10-01" in summary and "段已改" not in summary
    assert "<del>" in diff.to_html()
    assert not diff_title("标题 一", "标题一").changed


def test_a_date_that_differs_in_seconds_only_is_no_change() -> None:
    # Shown to the minute, "09:02 → 09:02" would be a fake edit.
    old_date = datetime(2021, 1, 20, 1, 2, 7, tzinfo=UTC)
    diff = diff_versions("标题", "正文。", old_date, "标题", "正文。", old_date.replace(second=59))
    assert not diff.date_changed and not diff.changed
    assert "date" not in diff.summary() and "nm-diff-date" not in diff.to_html()
    moved = diff_versions("标题", "正文。", old_date, "标题", "正文。", old_date.replace(minute=3))
    assert moved.date_changed and "2021-01-20 09:02 UTC+8 → 2021-01-20 09:03 UTC+8" in moved.summary()


def test_a_date_added_reads_in_chinese_where_there_was_none() -> None:
    dated = datetime(2026, 11, 20, 1, 2, tzinfo=UTC)
    diff = diff_versions("标题", "正文。", None, "标题", "正文。", dated)
    assert diff.summary().startswith("日期 （无） → ") and "none" not in diff.to_html()
