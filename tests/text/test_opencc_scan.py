"""``text.opencc_scan``: a text it calls unchanged is one OpenCC returns as it is (the check is exact,
never a guess), and ``convert`` gives OpenCC's result with or without it."""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

import opencc
import pytest

from newsmirror.text import opencc_scan
from newsmirror.text.opencc_scan import changers, most_changed, unchanged
from newsmirror.text.script import _differing, convert, is_traditional

SIMPLIFIED = "中国外交部发言人赵立坚今天在例行记者会上表示，美方应当停止干涉中国内政。"


def _keys(tmp_path: Path) -> list[str]:
    """Every key of the dictionaries ``t2s`` reads, changing or not (read with the tool OpenCC ships)."""
    clib = Path(opencc.__file__).parent / "clib"
    tool = clib / "bin" / "opencc_dict"
    if not tool.exists():
        pytest.skip("this OpenCC build ships no opencc_dict tool")
    keys = []
    for name in ("TSPhrases", "TSCharacters", "TSCharactersExt", "CJK_Compatibility_Ideographs"):
        text = tmp_path / f"{name}.txt"
        subprocess.run([str(tool), "-i", str(clib / "share" / "opencc" / f"{name}.ocd2"), "-o", str(text),
                        "-f", "ocd2", "-t", "text"], check=True)
        keys += [line.split("\t")[0] for line in text.read_text(encoding="utf-8").splitlines()]
    return keys


def test_a_text_called_unchanged_is_unchanged_by_opencc(tmp_path: Path) -> None:
    # OpenCC is the judge: each dictionary key alone and inside Simplified text, and random mixes of keys
    # and text. Fails if the table leaves out the changing characters, or the longer keys made of
    # characters that alone stay (回覆 -> 回复, 深沈 -> 深沉).
    if changers("t2s") is None:
        pytest.skip("OpenCC's dictionaries cannot be read here: the shortcut is off")
    raw = opencc.OpenCC("t2s")
    keys = _keys(tmp_path)
    rng = random.Random(17)
    texts = [*keys, *(SIMPLIFIED[:9] + key + SIMPLIFIED[9:] for key in keys)]
    for _ in range(3000):
        pieces = [*rng.sample(keys, 2), *rng.sample(SIMPLIFIED, 6)]
        rng.shuffle(pieces)
        texts.append("".join(pieces))
    called = 0
    for text in texts:
        if unchanged(text, "t2s"):
            called += 1
            assert raw.convert(text) == text, text
    assert called > 100  # identity keys and plain text are called unchanged
    for changing in ("回覆", "答覆他", "深沈的", "後來", "臺灣"):
        assert raw.convert(changing) != changing and not unchanged(changing, "t2s")


def test_plain_simplified_text_skips_the_pass_and_converts_alike() -> None:
    if changers("t2s") is None:
        pytest.skip("OpenCC's dictionaries cannot be read here: the shortcut is off")
    assert unchanged(SIMPLIFIED, "t2s") and unchanged("", "t2s") and unchanged(SIMPLIFIED * 4, "t2s")
    for text in (SIMPLIFIED * 4, "臺灣的回覆" * 30, SIMPLIFIED * 3 + "深沈", "篠原" * 60, ""):
        assert convert(text, "t2s") == opencc.OpenCC("t2s").convert(text.replace("篠", "筱"))
    with pytest.raises(UnicodeEncodeError):  # as OpenCC itself does with a lone surrogate
        convert("\ud800孤", "t2s")


def test_unreadable_dictionaries_turn_the_shortcut_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(opencc_scan, "_entries", lambda *args: None)
    for cached in (opencc_scan._changing, changers, opencc_scan._movers):
        cached.cache_clear()
    try:
        assert changers("t2s") is None and not unchanged(SIMPLIFIED, "t2s")
        assert most_changed(SIMPLIFIED, "s2t") is None
        assert convert(SIMPLIFIED, "t2s") == SIMPLIFIED and not is_traditional(SIMPLIFIED)
    finally:
        for cached in (opencc_scan._changing, changers, opencc_scan._movers):
            cached.cache_clear()


def test_the_bound_on_changed_positions_holds_and_the_script_verdict_is_the_same() -> None:
    # Random texts of Simplified and Traditional words (and the characters OpenCC's Simplified-to-Traditional
    # phrases rewrite although they stand alone unchanged: 面 of 面条, 出 of 一出戏): OpenCC's own count of
    # changed positions never exceeds ``most_changed``, and ``is_traditional`` gives the verdict of both
    # full counts. Fails if the bound counts only the characters that change alone.
    if most_changed(SIMPLIFIED, "s2t") is None:
        pytest.skip("OpenCC's dictionaries cannot be read here, or an entry changes the length: no bound")
    words = ["面条", "一出戏", "头发", "后来", "干净", "臺灣", "後來", "頭髮", "乾淨", "麵條", "發展", "里面", "裡面",
             "系统", "只有", "台风", "颱風", "中国", "外交部", "表示", "，", " ", "新聞", "报道"]
    rng = random.Random(25)
    tight = 0
    for _ in range(3000):
        text = "".join(rng.choices(words, k=rng.randint(1, 30)))
        changed = _differing(text, opencc.OpenCC("s2t").convert(text))
        bound = most_changed(text, "s2t")
        assert bound is not None and changed <= bound, text
        tight += changed == bound
        han = "".join(char for char in text if "\u4e00" <= char <= "\u9fff")
        assert is_traditional(text) == (0 < _differing(han, convert(han, "t2s")) > _differing(
            han, convert(han, "s2t"))), text
    assert tight > 0
