"""Alias folding: the trie-shaped pattern matches exactly as an alternation sorted longest first;
a variant folds only where it begins a word."""

from __future__ import annotations

import random
import re

from newsmirror.text.aliases import _pattern, alias_map, fold_aliases
from newsmirror.text.fold import quick_fold_aliases


def _reference_fold(text: str) -> str:
    """The plain definition: every name, longest first; Latin names stand alone as words."""
    mapping = alias_map()
    names = sorted(mapping, key=len, reverse=True)
    pattern = re.compile("|".join(
        rf"(?<![a-z0-9]){re.escape(n)}(?![a-z0-9])" if n.isascii() else re.escape(n) for n in names))
    return pattern.sub(lambda m: mapping[m.group(0)], text)


def test_longest_name_wins_and_latin_names_are_words() -> None:
    mapping = alias_map()
    assert fold_aliases("蒲亭会见川普") == f"{mapping['蒲亭']}会见{mapping['川普']}"
    # 沙特 alone folds to 沙特阿拉伯; inside 沙特阿拉伯 the whole name wins (not 沙特阿拉伯阿拉伯)
    assert fold_aliases("沙特阿拉伯") == mapping["沙特阿拉伯"] == mapping["沙特"]
    assert fold_aliases("林郑月娥与林郑") == f"{mapping['林郑月娥']}与{mapping['林郑']}"
    assert fold_aliases("g20峰会 xg20 g20x g20") == f"{mapping['g20']}峰会 xg20 g20x {mapping['g20']}"


def test_same_result_as_the_sorted_alternation_on_random_texts() -> None:
    rnd = random.Random(17)
    names = list(alias_map())
    # names, their pieces and Latin letters/digits around them (word edges of Latin names)
    pieces = [*names, *(name[: len(name) // 2] for name in names), *"abg7029 -\n国集团"]
    for _ in range(3000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 12)))
        assert _pattern().sub(lambda m: alias_map()[m.group(0)], text) == _reference_fold(text), text


def test_a_variant_inside_a_longer_word_is_not_folded() -> None:
    mapping = alias_map()
    for fold in (fold_aliases, quick_fold_aliases):
        # the tail of a longer name: North Korea's agency is not Taiwan's CNA (中央通讯社 -> 中央社)
        assert fold("朝鲜中央通讯社发表声明") == "朝鲜中央通讯社发表声明"
        assert fold("他引述中央通讯社报道") == f"他引述{mapping['中央通讯社']}报道"
        # the tail of a common word: 油管 (YouTube) in 输油管道, 强生 (Johnson) across 加强生产
        assert fold("修建输油管道") == "修建输油管道"
        assert fold("加强生产") == "加强生产"
        assert fold("上传到油管") == f"上传到{mapping['油管']}"
        # a variant jieba does not know is never glued to what precedes it
        assert fold("总统蒲亭说") == f"总统{mapping['蒲亭']}说"


def test_a_variant_at_the_start_of_a_longer_name_is_not_folded() -> None:
    mapping = alias_map()
    for fold in (fold_aliases, quick_fold_aliases):
        # 鲍尔 (Powell) is the start of 鲍尔丁 (Balding): no Powell there, in either script
        assert fold("经济学家鲍尔丁表示") == "经济学家鲍尔丁表示"
        assert fold("鲍尔丁（christopher balding）") == "鲍尔丁（christopher balding）"
        assert fold("记者鲍尔森报道") == "记者鲍尔森报道"
        # the variant alone, or before a word or a function word, still folds
        assert fold("鲍尔说") == f"{mapping['鲍尔']}说"
        assert fold("普丁因病缺席") == f"{mapping['普丁']}因病缺席"
        assert fold("普丁比川普更强硬") == f"{mapping['普丁']}比{mapping['川普']}更强硬"
        assert fold("普丁马上回应") == f"{mapping['普丁']}马上回应"
        assert fold("会见普丁") == f"会见{mapping['普丁']}"
        # a dictionary word from inside the variant across its end: 强生 (Johnson) is not in 更强生物
        assert fold("具有更强生物能力") == "具有更强生物能力"
        # a compound holding the whole variant is the name's: 加萨 (Gaza) in 加萨走廊 still folds
        assert fold("对加萨走廊进行轰炸") == f"对{mapping['加萨']}走廊进行轰炸"


def test_a_variant_folds_where_folding_keeps_the_word_beginning_inside_it_whole() -> None:
    mapping = alias_map()
    assert mapping["北朝鲜"] == "朝鲜"  # the case below needs a canonical form ending the variant
    for fold in (fold_aliases, quick_fold_aliases):
        # jieba reads 北|朝鲜劳动党: the word begins inside 北朝鲜 with 朝鲜, and folding keeps it whole
        assert fold("北朝鲜劳动党召开会议") == "朝鲜劳动党召开会议"
        assert fold("北朝鲜人民军进入戒备") == "朝鲜人民军进入戒备"
        # 更|强|生物: 强生's fold (约翰逊) would cut 生物 apart, so it is not folded
        assert fold("具有更强生物能力") == "具有更强生物能力"
