"""Taiwan-phrase conversion keeps words both scripts write in their own sense (``text.taiwan_phrases``)."""

from __future__ import annotations

import opencc

from newsmirror.text.normalize import normalize
from newsmirror.text.paraphrase import paraphrase_map
from newsmirror.text.script import to_simplified, to_simplified_key
from newsmirror.text.search_key import search_key
from newsmirror.text.taiwan_phrases import KEPT


def test_procedure_and_itinerary_are_not_a_process() -> None:
    # OpenCC's own tw2sp reads them as computing terms (the reason for the kept list).
    assert opencc.OpenCC("tw2sp").convert("立法程序") == "立法进程"
    assert to_simplified("立法程序") == "立法程序"
    assert to_simplified("總統取消行程") == "总统取消行程"
    assert to_simplified_key("國會的立法程序尚未完成，總統已取消行程。") == "国会的立法程序尚未完成，总统已取消行程。"


def test_other_taiwan_phrases_still_convert() -> None:
    assert to_simplified("這款軟體的影片功能") == "这款软件的视频功能"
    assert to_simplified("寫程式的工程師") == "写程序的工程师"
    assert to_simplified("密西根州") == "密歇根州"


def test_one_sentence_in_either_script_has_one_key() -> None:
    simplified = "国会的立法程序尚未完成，总统已取消行程并建立新的核心团队。"
    traditional = "國會的立法程序尚未完成，總統已取消行程並建立新的核心團隊。"
    assert normalize(traditional) == normalize(simplified)
    assert search_key(traditional) == search_key(simplified)


def test_the_repair_rows_are_gone() -> None:
    mapping = paraphrase_map()
    assert "程序" not in mapping and "行程" not in mapping
    assert mapping.get("进程") not in ("程序", "行程")


def test_every_kept_word_is_a_rule_opencc_would_apply() -> None:
    # A kept word OpenCC no longer rewrites (a newer dictionary) is dead weight: drop it from KEPT.
    shipped = opencc.OpenCC("tw2sp")
    characters = opencc.OpenCC("t2s")
    for word in KEPT:
        assert shipped.convert(word) != characters.convert(word), word
        assert to_simplified(word) == characters.convert(word), word
