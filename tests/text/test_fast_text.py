"""The fast paths grouping uses give exactly what the reference functions give."""

from __future__ import annotations

import random
import re
import unicodedata
import zlib

import pytest

from newsmirror.text import fingerprint, fold
from newsmirror.text.aliases import alias_map
from newsmirror.text.fingerprint import key_minhash, minhash, shingles
from newsmirror.text.fold import nfkc, quick_normalize, quick_normalize_lines
from newsmirror.text.normalize import match_key, normalize, normalize_lines
from newsmirror.text.tokenize import _WORDLIKE, _tokenizer, search_words, words
from tests.conftest import find_corpus

SAMPLES = [
    "蒲亭與川普在雪梨會面，小布什和布什都沒去；沙特阿拉伯與沙特的代表在場。",
    "Putin met Trump.\n紐西蘭總理阿爾登（Jacinda Ardern）訪問墨爾本\n\n第三段：蓬佩奧說。",
    "",
    "ＡＢＣ１２３　全形字 MQ-9 www.youtube.com 2020-2025",
]


def _corpus_texts(limit: int = 40) -> list[str]:
    corpus = find_corpus()  # where the package finds it ($NEWSMIRROR_CORPUS, else ../shared/corpus)
    files = sorted(corpus.rglob("*.md"))[:limit] if corpus is not None else []
    return SAMPLES + [f.read_text(encoding="utf-8", errors="replace")[:4000] for f in files]


def test_quick_normalization_equals_the_reference() -> None:
    for variant in alias_map():
        text = f"前{variant}后 {variant}"
        assert quick_normalize(text) == normalize(text)
    for text in _corpus_texts():
        assert quick_normalize(text) == normalize(text)
        assert quick_normalize_lines(text) == normalize_lines(text)
    assert quick_normalize("蒲亭") == "普京"


@pytest.mark.parametrize("search", [False, True])
def test_fast_segmenter_cuts_normalized_text_like_jieba(search: bool) -> None:
    reference = _tokenizer()
    for text in _corpus_texts():
        key = normalize(text)
        expected = reference.lcut_for_search(key) if search else reference.lcut(key)
        got = search_words(key, normalized=True) if search else words(key, normalized=True)
        assert got == [w for w in expected if _WORDLIKE.search(w)]
    assert "韦尔希宁" in words("維爾新尼（Sergey Vershinin）會談")


@pytest.mark.parametrize("through_datasketch", [False, True])
@pytest.mark.parametrize("size", [2, 4])
def test_key_minhash_is_the_minhash_of_the_shingle_set(size: int, through_datasketch: bool,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    if through_datasketch:  # the path taken when datasketch's mixing step cannot be imported
        without_mixing = fingerprint._datasketch()._replace(fmix=None)
        monkeypatch.setattr(fingerprint, "_datasketch", lambda: without_mixing)
    texts = _corpus_texts() + ["甲乙丙丁甲乙丙丁甲乙丙丁", "甲乙丙", "甲乙丙丁", "x", "aé中𠀀" * 4]
    for text in texts:
        key = match_key(text)
        fast, reference = key_minhash(key, size), minhash(shingles(key, size, normalized=True))
        assert fast.scheme == reference.scheme and fast.seed == reference.seed
        assert list(fast.hashvalues) == list(reference.hashvalues)
    assert key_minhash("甲乙丙丁戊己").jaccard(key_minhash("甲乙丙丁戊庚")) < 1.0


def test_lines_keep_every_kind_of_separator_out() -> None:
    separators = "".join(chr(i) for i in range(0x3001) if chr(i).isspace() or not chr(i).isalnum())
    for text in (separators, "a\u2028b\n_c_\n\r\n x \x1c y", "\n\n", " _ ", "x\u3000\u00a0y\n\u200bz"):
        assert quick_normalize_lines(text) == normalize_lines(text)


def test_line_separators_are_the_runs_of_the_plain_pattern() -> None:
    plain = re.compile(r"(?:[^\w\n]|_)+")
    characters = [chr(i) for i in range(0x3001)] + ["中", "_", "\n", "\n"]
    rng = random.Random(7)
    texts = ["".join(characters), "_\n_", "\n", "a_\n_b", " _ \n _ "]
    texts += ["".join(rng.choice(characters[-40:] + ["a", " ", ",", "\n", "_"]) for _ in range(30)) for _ in range(2000)]
    for text in texts:
        assert fold._NOT_WORD_IN_LINE.sub(" ", text) == plain.sub(" ", text), repr(text)


@pytest.mark.parametrize("size", [1, 2, 4])
def test_window_crcs_are_zlibs_over_characters_of_every_utf8_width(size: int) -> None:
    for key in ("aé中𠀀b" * 3, "abcdefgh", "中文字符串很长", "𠀀𠀁𠀂𠀃𠀄", match_key(_corpus_texts()[1])):
        expected = [zlib.crc32(key[i : i + size].encode()) for i in range(len(key) - size + 1)]
        assert fingerprint._window_crcs(key, size).tolist() == expected


@pytest.mark.parametrize("size", [1, 2, 4, 5])
def test_window_crcs_by_character_are_zlibs_at_every_width_boundary(size: int) -> None:
    # Every UTF-8 width and the code points where the width changes, in random mixtures: a table
    # shortcut (per byte, or per character as tried in session 21) with a wrong share or offset fails.
    alphabet = "\x00a\x7f\x80é\u07ff\u0800中文\uffff"
    rng = random.Random(size)
    for _ in range(300):
        key = "".join(rng.choice(alphabet) for _ in range(rng.randint(size + 1, 30)))
        expected = [zlib.crc32(key[i : i + size].encode()) for i in range(len(key) - size + 1)]
        assert fingerprint._window_crcs(key, size).tolist() == expected, key


def test_nfkc_is_unicodedatas_for_every_character_and_after_combining_marks() -> None:
    for code in range(0x30000):
        if 0xD800 <= code < 0xE000:
            continue
        c = chr(code)
        assert nfkc(c) == unicodedata.normalize("NFKC", c), hex(code)
    for text in [*_corpus_texts(), "Ａ\u0301ｅ\u0308\u0323　，ｶﾞ", "\u3000\u0301", "ﾊﾟ（ｶ）"]:
        assert nfkc(text) == unicodedata.normalize("NFKC", text)
