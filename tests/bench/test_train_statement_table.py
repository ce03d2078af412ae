"""bench/train_statement_table.py: IBM model 1 on the words two tellings of a statement do not share."""

from __future__ import annotations

from bench.train_statement_table import content, ibm1


def test_content_words_are_han_words_of_two_or_more_characters() -> None:
    assert content(["警方", "周二", "拘捕", "了", "3名", "示威者", "。"]) == {"警方", "周二", "拘捕", "示威者"}


def test_a_word_always_rewritten_as_another_is_its_translation() -> None:
    # 拘捕 is written 逮捕 by the other outlet in every pair; the other residue words vary.
    pairs = [(("拘捕", "昨晚"), ("逮捕", "周二")), (("拘捕", "涉嫌"), ("逮捕", "疑似")), (("拘捕",), ("逮捕", "另外"))]
    table = ibm1(pairs, iterations=5)
    assert table["拘捕", "逮捕"] > 0.5
    assert table["拘捕", "逮捕"] > max(table["拘捕", "周二"], table["拘捕", "疑似"], table["拘捕", "另外"])
