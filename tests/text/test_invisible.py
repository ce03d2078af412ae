from __future__ import annotations

from newsmirror.text.invisible import INVISIBLE_CHARACTERS, drop_invisible
from newsmirror.text.search_key import index_tokens


def test_every_invisible_character_is_dropped_and_nothing_else() -> None:
    text = "美军\u00ad人员\u200b\u200c\u200d\u200e\u200f在\u2060\u2061\u2062\u2063\u2064斯里兰卡\ufeff。 a\u00a0b\u3000c"
    assert drop_invisible(text) == "美军人员在斯里兰卡。 a\u00a0b\u3000c"  # visible spaces stay
    assert drop_invisible("没有看不见的字") == "没有看不见的字"
    assert len(set(INVISIBLE_CHARACTERS)) == 12


def test_search_reads_a_word_cut_by_any_of_them_as_the_word() -> None:
    plain = index_tokens("美军人员在斯里兰卡")
    for character in INVISIBLE_CHARACTERS:
        assert index_tokens(f"美军人{character}员在斯里兰卡") == plain
