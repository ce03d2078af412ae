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
