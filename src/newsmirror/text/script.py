"""Simplified/Traditional script: detection and conversion with OpenCC.

Conversion is for display, matching and search keys only; stored text is never altered.
"""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from newsmirror.model import Script
from newsmirror.text.taiwan_phrases import to_mainland

# numpy and OpenCC are imported where first used, not here: every command that opens a SQLite
# store imports this module (store -> search_key -> script), and numpy alone was most of the
# start-up of `newsmirror stats` or `list`, which never convert a character.
if TYPE_CHECKING:
    import opencc

Variant = Literal["s2t", "s2tw", "s2twp", "s2hk", "t2s", "tw2sp", "hk2s"]

_HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK = re.compile(f"[{_HAN_RANGES}]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_NOT_CJK = re.compile(f"[^{_HAN_RANGES}]+")


def _han_characters(text: str) -> str:
    """The Han characters of ``text``, as one string (no list of one-character strings)."""
    return _NOT_CJK.sub("", text)


def _differing(a: str, b: str) -> int:
    """``sum(map(str.__ne__, a, b))``: positions (up to the shorter length) where the texts differ,
    compared as code point arrays instead of one character object per position (a Traditional
    report's script check compares thousands)."""
    n = min(len(a), len(b))
    if not n:
        return 0
    import numpy as np  # see the module's imports

    left = np.frombuffer(a[:n].encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    right = np.frombuffer(b[:n].encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return int(np.count_nonzero(left != right))


def _changed_by(han: str, variant: Variant) -> int:
    """How many of the Han characters ``han`` the conversion ``variant`` changes (t2s: the
    Traditional ones; s2t: the Simplified ones)."""
    return _differing(han, convert(han, variant))


@cache
def _converter(config: str) -> opencc.OpenCC:
    import opencc  # see the module's imports

    return opencc.OpenCC(config)


# OpenCC folds five Traditional characters to a Simplified one outside GB2312 (the Simplified
# character set) although its own ST table lists them as the Traditional form of another
# Simplified character that is in GB2312: 篠 -> 筿 where Simplified text writes 筱 (篠原 is
# 筱原), 賙 -> 赒 (周济), 穭 -> 穞 (稆), and from its extension table to characters most fonts lack,
# 繐 -> 𰬸 (穗), 鏚 -> 𬭭 (戚). The check that finds exactly these, over every character OpenCC's
# Traditional-to-Simplified conversions change: tests/text/test_script.py. They are folded to
# the GB2312 form before OpenCC runs (OpenCC then leaves it: it is Simplified already).
GB2312_FOLDS = {"篠": "筱", "賙": "周", "穭": "稆", "繐": "穗", "鏚": "戚"}
_FOLD_TABLE = str.maketrans(GB2312_FOLDS)
_TO_SIMPLIFIED = frozenset({"t2s", "tw2sp", "hk2s"})


def _gb2312_folded(text: str) -> str:
    # Five substring scans cost a hundredth of translating every character (and of a regular
    # expression's character class): the characters are rare.
    return text.translate(_FOLD_TABLE) if any(char in text for char in GB2312_FOLDS) else text


def convert(text: str, variant: Variant) -> str:
    if variant in _TO_SIMPLIFIED:
        text = _gb2312_folded(text)
    if variant == "tw2sp":
        return to_mainland(text)
    return str(_converter(variant).convert(text))


def to_simplified(text: str) -> str:
    """Traditional (any region) -> Simplified, including Taiwan phrases (軟體 -> 软件)."""
    return convert(text, "tw2sp")


_SCRIPT_SAMPLE = 4000  # characters looked at to decide whether a text is Traditional


def is_traditional(text: str, simplified: str | None = None) -> bool:
    """True when converting to Simplified changes more characters than converting to Traditional
    (most characters are shared by both scripts). Decided per text, on its first 4,000 characters.
    ``simplified`` is ``text`` already converted by ``t2s``, when the caller has it."""
    sample = text[:_SCRIPT_SAMPLE]
    converted = simplified[:_SCRIPT_SAMPLE] if simplified is not None and len(simplified) == len(text) else None
    if converted is not None and converted == sample:
        return False  # nothing Traditional in it (the common case: no second conversion)
    han = _han_characters(sample)
    if not han:
        return False
    traditional_marks = _changed_by(han, "t2s")
    if not traditional_marks:
        return False
    reach = _s2t_reach()
    if reach is not None and traditional_marks > len(reach.findall(han)):
        return True  # s2t changes no more characters than it has a rule for: fewer than t2s changed
    return traditional_marks > _changed_by(han, "s2t")


@cache
def _s2t_reach() -> re.Pattern[str] | None:
    """A class of every character OpenCC's ``s2t`` can change, so that its count in a text bounds how many characters
    the conversion changes there (``is_traditional`` then need not convert a Traditional text a second time: nine in
    ten of the archive's; speed63); None where the dictionaries cannot be read or a rule changes a text's length.

    OpenCC changes a text only where a rule of one of its configuration's dictionaries (the normalization's, the
    phrases', the characters') matches, into one of that rule's values; when every value is as long as its key, the
    characters it changes are ones that a rule's key holds where one of its values writes another. Every character
    outside the Basic Multilingual Plane is in the class too (a bound still): Python scans a class holding any of them
    one member at a time (150 times slower)."""
    import opencc

    from newsmirror.text.taiwan_phrases import dictionary_entries

    tool = Path(opencc.__file__).parent / "clib" / "bin" / "opencc_dict"
    try:
        shipped = Path(opencc.OpenCC("s2t").config)
        tables: list[Path] = []

        def collect(node: object) -> None:
            if isinstance(node, dict):
                if node.get("type") not in (None, "ocd2", "group"):
                    raise ValueError(node.get("type"))
                if isinstance(node.get("file"), str):
                    tables.append(shipped.parent / node["file"])
                for value in node.values():
                    collect(value)
            elif isinstance(node, list):
                for value in node:
                    collect(value)

        collect(json.loads(shipped.read_text(encoding="utf-8")))
        if not tool.exists() or not tables:
            return None
        with tempfile.TemporaryDirectory(prefix="newsmirror-opencc-") as name:
            entries = [entry for table in tables for entry in dictionary_entries(tool, table, Path(name))]
    except (ValueError, AttributeError, OSError, subprocess.CalledProcessError):
        return None
    changed: set[str] = set()
    for key, values in entries:
        for value in values:
            if len(value) != len(key):
                return None
            changed.update(k for k, v in zip(key, value, strict=True) if k != v)
    basic = sorted(char for char in changed if ord(char) <= 0xFFFF)
    return re.compile("[" + "".join(map(re.escape, basic)) + "\U00010000-\U0010ffff]")


def to_simplified_key(text: str) -> str:
    """Simplified for matching keys: characters always, Taiwan phrases only in Traditional text.

    ``tw2sp`` rewrites words that Simplified text uses in their own sense (``taiwan_phrases`` keeps
    the commonest, 建立, 程序, 登出, as written; others remain, and rules across a word boundary
    break names as 拜登出任 -> 拜注销任 did before 登出 was kept), so applied to Simplified text it gives
    one word a different key than the same word written in Traditional, and breaks names. The
    script is decided per text as ``search_key`` decides it (``is_traditional``), so both keys
    agree on which texts get phrase conversion.
    """
    simplified = convert(text, "t2s")
    if simplified == text:
        return text  # nothing Traditional in it: no phrase conversion either
    if not is_traditional(text, simplified):
        return simplified
    # ``convert(text, "tw2sp")``, handing on the t2s conversion of the same folded text (``to_mainland`` needs it
    # where a phrase rule may reach outside its word) instead of converting the text once more.
    return to_mainland(_gb2312_folded(text), simplified)


# The one Traditional both products show: the reader's 繁 (web.render.convert_text) and the static site's
# zh-Hant (publish.content.script_converter) both convert Simplified text with to_hant, so a reader switching
# between them sees one spelling. OpenCC's s2tw, Taiwan's standard character forms, because that is what the
# Traditional outlets of these archives write and what their readers, in Taiwan and Hong Kong, read: in the
# whole waimei archive's zh-Hant articles (13,512; counted in session 53, test, held-out and fresh days left out)
# 為 44,273 times against 爲 11, 眾 9,789 / 衆 4, 裡 1,707 / 裏 24, 著 4,751 / 着 12, 啟 2,021 / 啓 15. OpenCC's
# s2t (its own standard, printed in neither place) gives 爲, 衆, 裏, 着, 啓: a Simplified report under a
# Central News Agency one looked like a third script. Not s2twp: its phrase table rewrites news vocabulary
# (发布会 -> 釋出會, 声明 -> 宣告), which changes what the outlet said; zh-TW and zh-HK (to_traditional) are the
# outputs that swap phrases, asked for by name.
HANT: Variant = "s2tw"
# The interface's own words under 繁 (menus, buttons, headings, help, feed titles: both products ask
# publish.content.interface_converter): OpenCC's s2twp, Taiwan's phrases too. They are ours, written in Simplified,
# not an outlet's, so rewriting a phrase changes nobody's report, and a reader in Taiwan reads 搜尋, 搜尋說明, 資訊
# where s2tw left the mainland's 搜索, 搜索說明, 信息. Never for an outlet's text, titles, names or a story's title
# (HANT above), nor the site's name (a name: 新闻镜像 would read 新聞映象, a disk image's word). A source phrase whose
# Taiwan form reads wrong for ours (镜像 -> 映象, 字体 -> 字型) is reworded in Simplified, not excepted here: the list
# read in session 53 is in bench/days_results.md (polish72).
HANT_WORDS: Variant = "s2twp"


def to_hant(text: str) -> str:
    """Simplified -> the one Traditional both products show (``HANT``): characters, never phrases."""
    return convert(text, HANT)


def to_hant_words(text: str) -> str:
    """The interface's own Simplified words -> Taiwan's Traditional, phrases too (``HANT_WORDS``)."""
    return convert(text, HANT_WORDS)


def to_traditional(text: str, region: Literal["", "tw", "hk"] = "") -> str:
    """Simplified -> Traditional; region 'tw' also swaps Taiwan phrases (软件 -> 軟體)."""
    return convert(text, {"": "s2t", "tw": "s2twp", "hk": "s2hk"}[region])  # type: ignore[arg-type]


def has_han(text: str) -> bool:
    """Whether ``text`` holds a Han character."""
    return _CJK.search(text) is not None


def detect_script(text: str, sample: int = 4000) -> Script:
    """zh-Hans, zh-Hant, en or und, by which conversion changes more characters.

    A character counts as Traditional when converting to Simplified changes it, and
    as Simplified when converting to Traditional changes it; most characters are shared.
    """
    text = text[:sample]
    han = _han_characters(text)
    if len(han) < 8:
        return "en" if len(_LATIN_WORD.findall(text)) >= 5 else "und"
    traditional_marks = _changed_by(han, "t2s")
    simplified_marks = _changed_by(han, "s2t")
    if traditional_marks == simplified_marks == 0:
        return "und"
    return "zh-Hant" if traditional_marks > simplified_marks else "zh-Hans"


def report_script(script: str, title: str, text: str) -> str:
    """The script a report is written in, as both story pages mark its section and its sentences: as detected at
    import (zh-Hans, zh-Hant, en), else from its title and text (:func:`written_in`): a report stored "und" (too short
    to detect) whose text is Traditional is marked zh-Hant on the reader's page and the site's alike (review62: the
    reader guessed, the site marked it by its stored "und" only). An English report stays English: the Chinese name it
    quotes (习近平) made the reader mark it zh-Hans, a Chinese voice for a screen reader."""
    if script in ("zh-Hans", "zh-Hant", "en"):
        return script
    return written_in(f"{title}\n{text[:4000]}")


def written_in(text: str) -> Literal["zh-Hans", "zh-Hant", "und"]:
    """Which script a piece of text is in, however short (a title, an outlet's name).

    Like :func:`detect_script` without its minimum length: a text is Traditional when converting
    it to Simplified changes more characters than converting it to Traditional does. Text whose
    characters both scripts share (台北, 宣布) says nothing by itself: ``und``.
    """
    han = _han_characters(text)
    if not han:
        return "und"
    traditional_marks = _changed_by(han, "t2s")
    simplified_marks = _changed_by(han, "s2t")
    if traditional_marks > simplified_marks:
        return "zh-Hant"
    return "zh-Hans" if simplified_marks > traditional_marks else "und"
