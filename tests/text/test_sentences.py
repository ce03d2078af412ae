from __future__ import annotations

from newsmirror.text.sentences import split_sentences


def test_splits_on_terminal_punctuation_and_keeps_closing_quotes() -> None:
    text = "他说：“我们明天出发。”随后离开了会场！记者问：真的吗？「是的。」"
    assert split_sentences(text) == ["他说：“我们明天出发。”", "随后离开了会场！", "记者问：真的吗？", "「是的。」"]


def test_paragraph_breaks_end_a_sentence_without_punctuation() -> None:
    text = "（本台记者报道）\n\n第一段没有句号\n第二行。最后"
    assert split_sentences(text) == ["（本台记者报道）", "第一段没有句号", "第二行。", "最后"]


def test_ellipsis_semicolon_and_fragments() -> None:
    assert split_sentences("价格上涨……市场担忧；官员表示无碍。。 。") == ["价格上涨……", "市场担忧；", "官员表示无碍。。"]


def test_traditional_text_and_ascii_marks() -> None:
    assert split_sentences("他說可以!真的嗎?好的") == ["他說可以!", "真的嗎?", "好的"]
