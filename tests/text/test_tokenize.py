from __future__ import annotations

import subprocess
import sys

import jieba

from newsmirror.text.fingerprint import from_bytes, jaccard, shingles, text_minhash, to_bytes
from newsmirror.text.tokenize import cjk_bigrams, is_term, proper_nouns, search_tokens, tokenize, words


def test_words_keep_alias_names_whole_in_either_script() -> None:
    assert "韦尔希宁" in words("維爾新尼（Sergey Vershinin）會談")
    assert "鲁坚科" in words("副外长鲁坚科表示")
    assert all(w.strip() and w not in "，。（）" for w in words("他说，（好）。"))


def test_bigrams_cover_each_han_run() -> None:
    assert cjk_bigrams("馬朝旭 訪俄") == ["马朝", "朝旭", "访俄"]
    assert cjk_bigrams("A 中 B") == ["中"]


def test_tokenize_is_script_independent() -> None:
    assert tokenize("紐西蘭總理訪問雪梨") == tokenize("新西兰总理访问悉尼")


def test_proper_nouns_find_names() -> None:
    found = proper_nouns("拉夫羅夫的副手魯登科和維爾新尼會談")
    assert {"拉夫罗夫", "鲁坚科", "韦尔希宁"} <= set(found)
    assert "会谈" not in found


def test_global_jieba_dictionary_is_not_changed() -> None:
    words("維爾新尼")
    assert "韦尔希宁" not in jieba.dt.FREQ


def test_minhash_sees_script_conversions_as_equal_and_survives_serialization() -> None:
    a = text_minhash("中國外交部副部長馬朝旭到莫斯科磋商，會見拉夫羅夫")
    b = text_minhash("中国外交部副部长马朝旭到莫斯科磋商，会见拉夫罗夫")
    c = text_minhash("云南西部连日暴雨引发山洪，三个村庄被淹")
    assert a.jaccard(b) == 1.0
    assert a.jaccard(c) < 0.2
    assert from_bytes(to_bytes(a)).jaccard(a) == 1.0


def test_shingles_and_jaccard() -> None:
    assert shingles("甲乙丙丁戊", size=4) == {"甲乙丙丁", "乙丙丁戊"}
    assert shingles("甲乙", size=4) == {"甲乙"}
    assert jaccard({"a", "b"}, {"b", "c"}) == 1 / 3
    assert jaccard(set(), {"a"}) == 0.0


def test_alias_names_are_names_before_any_text_is_tagged() -> None:
    # A fresh process, so no earlier test has run jieba's tagger: is_name must not depend on
    # whether something in the process tagged a text first (东盟 and 也门 are common words in
    # jieba's own table, names in the alias table).
    code = (
        "from newsmirror.text.aliases import canonical_names\n"
        "from newsmirror.text.tokenize import is_name\n"
        "print(sorted(n for n in canonical_names() if not n.isascii() and not is_name(n)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_is_term_keeps_words_of_two_or_more_characters_that_are_not_bare_numbers() -> None:
    assert is_term("美国") and is_term("covid") and is_term("f16") and is_term("2020年")
    assert not is_term("美")  # a single character
    assert not is_term("2020") and not is_term("19")  # bare numbers
    assert not is_term("  ") and not is_term("，。") and not is_term("——")  # no letter, digit or Han character
    tokens = search_tokens("美国国会大厦 2020 年，f-16 战机")  # jieba's search cut, spaces and punctuation in
    assert [t for t in tokens if is_term(t)] == ["美国", "国会", "美国国会", "大厦", "f-16", "战机"]


def test_the_tag_and_idf_tables_are_jiebas_as_jieba_reads_them() -> None:
    """pos_tokenizer copies the tag table import jieba.posseg read, _idf reads the IDF table itself:
    the same tables as jieba's own readers give (the alias names are added on top)."""
    import jieba
    import jieba.posseg
    from jieba.analyse.tfidf import DEFAULT_IDF, IDFLoader

    from newsmirror.text import tokenize

    fresh = jieba.posseg.POSTokenizer(jieba.Tokenizer()).word_tag_tab
    ours = tokenize.pos_tokenizer().word_tag_tab
    names = set(tokenize.canonical_names())  # added, with their kind's tag
    assert len(fresh) > 300_000 and set(ours) - set(fresh) <= names
    assert {w: t for w, t in ours.items() if w not in names} == {w: t for w, t in fresh.items() if w not in names}
    loader = IDFLoader(DEFAULT_IDF)
    assert tokenize._idf() == (loader.idf_freq, loader.median_idf)


def test_the_first_comparison_of_a_process_reads_each_jieba_table_once() -> None:
    """`stories show ID --outlet A --outlet B` spent most of its 6 s loading: jieba's dictionary tags
    twice (jieba.posseg's own tagger at import, then ours) and jieba.analyse's extractors unused."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    import newsmirror

    code = """
import jieba.posseg
reads = []
original = jieba.posseg.POSTokenizer.load_word_tag
def counted(self, f):
    reads.append(1)
    original(self, f)
jieba.posseg.POSTokenizer.load_word_tag = counted
import sys
from newsmirror.text import tokenize
tokenize.pos_tokenizer(), tokenize.idf("中国"), tokenize.is_name("马朝旭")
print(len(reads), "jieba.analyse" in sys.modules)
"""
    env = {**os.environ, "PYTHONPATH": str(Path(newsmirror.__file__).parents[1])}
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert ran.stdout.split() == ["0", "False"], ran.stderr


def test_a_stretch_that_straddles_two_words_it_does_not_begin_is_told_apart() -> None:
    from newsmirror.text.tokenize import crosses_no_word, word_at

    text = "今年52岁的文国栋是青海西宁人，小布什在卑诗省"
    assert not crosses_no_word(text, text.index("海西"), 2)  # 青海|西宁
    assert crosses_no_word(text, text.index("布什"), 2)  # inside 小布什
    assert crosses_no_word(text, text.index("卑诗"), 2)  # begins 卑|诗省
    assert word_at(text, text.index("小布什"), "小布什") and not word_at(text, text.index("布什"), "布什")


def test_placed_words_and_tagged_words_stand_where_the_cut_puts_them() -> None:
    from newsmirror.text.tokenize import placed_tagged_words, placed_words, tagged_words

    text = "航天局周三在酒泉卫星发射中心发射了火箭"
    placed = list(placed_words(text, 6, len(text)))
    assert placed and all(text[at:at + len(word)] == word for at, word in placed)
    assert placed[0][0] >= 6 and "".join(word for _at, word in placed) == text[6:]
    tagged = list(placed_tagged_words(text))
    assert [(word, tag) for _at, word, tag in tagged] == tagged_words(text)
    assert all(text[at:at + len(word)] == word for at, word, _tag in tagged)
    # a piece the text does not hold where the walk stands comes with -1 and ends the walk
    from newsmirror.text import tokenize as module
    assert list(module._placed("甲乙", ["甲", "丙", "乙"], 0)) == [(0, "甲"), (-1, "丙")]
