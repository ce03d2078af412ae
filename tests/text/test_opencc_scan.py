"""``text.opencc_scan``: a text it calls unchanged is one OpenCC returns as it is (the check is exact,
never a guess), and ``convert`` gives OpenCC's result with or without it."""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

import opencc
import pytest

from newsmirror.text import opencc_scan
from newsmirror.text.opencc_scan import changers, unchanged
from newsmirror.text.script import convert

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
    changers.cache_clear()
    try:
        assert changers("t2s") is None and not unchanged(SIMPLIFIED, "t2s")
        assert convert(SIMPLIFIED, "t2s") == SIMPLIFIED
    finally:
        changers.cache_clear()
