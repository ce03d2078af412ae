"""OpenCC's Taiwan-to-Mainland phrase conversion (``tw2sp``) without the rules that rewrite a word
Simplified text uses in its own sense.

OpenCC's computing vocabulary maps general words to jargon: 程序 -> 进程 (procedure becomes process),
行程 -> 进程 (itinerary), 建立 -> 创建, 核心 -> 内核, 文件 -> 文档. Applied to a Traditional news report
it turns 立法程序 into 立法进程 and 取消行程 into 取消进程, which the Simplified report of the same
event does not write (and the mined paraphrase lexicon then had to link 程序/行程 to 进程 again, which
folded the Simplified words too). The words in ``KEPT`` are converted character by character only.

How the list was chosen (session 24, script18; the 13 tuning days of the archive, counted over whole
texts, no labels): every rule of the installed OpenCC's TWPhrasesRev whose Taiwan side is a computing
term (OpenCC's TWPhrasesIT) and whose key, in Simplified characters, occurs at least 5 times in the
Simplified texts and at least half as often per Han character as in the Traditional texts: a word both
scripts write, not a Taiwan term. Place names (威斯康辛, 密西根) pass the same count but are names, not
words with a sense: the alias table folds those in every script.

The words in ``EXTENDING`` are converted character by character too: OpenCC's rules whose mainland side
is the Taiwan word's own characters with more added (哈薩克 -> 哈萨克斯坦, 厄瓜多 -> 厄瓜多尔, 萊雅 -> 欧莱雅).
A rule rewrites the word wherever it stands, also as the start of a longer word, so it extends the word
inside every compound: the people 哈薩克人 / 哈薩克族 became 哈萨克斯坦人 / 哈萨克斯坦族 (a country's people),
and a text writing the mainland name already doubled it (哈薩克斯坦 -> 哈萨克斯坦斯坦, 厄瓜多爾 -> 厄瓜多尔尔,
歐萊雅 -> 欧欧莱雅). Kept as written, the Taiwan word is a stretch of the mainland one (哈萨克 of 哈萨克斯坦), as
it is in Simplified text, which never gets these rules. Rule (session 48, onlyx64; no labels read): every
rule of the installed OpenCC's TWPhrasesRev whose first mainland form, in Simplified characters, holds the
key's character conversion and is longer (the test reads the dictionary and checks this list).

A rule does not break a word it reaches into (``to_mainland``). OpenCC matches a rule's key wherever it stands, with no
notion of words, so a key made of the end of one word and the start of the next is rewritten: 拜登入主白宮 became
拜登录主白宫 (登入 -> 登录, logging in), 安全形勢嚴峻 安全角势严峻 (全形 -> 全角), 吸引數萬 吸参数万 (引數 -> 参数), 電影片段
电视频段 (影片 -> 视频), 國巨集團 国宏集团 (巨集 -> 宏). A rule is left out where it changes a character of a word of
jieba's cut (of the text's character conversion) that reaches outside the key: the text there is converted in two
pieces, split where that word begins (or ends). Rule (session 49, opencc70; a census of every rule firing in the
Traditional posts of the archive, no labels read): of 34,664 firings that change a word, 820 straddle a boundary of
jieba's cut; jieba cuts Taiwan words it does not know into scraps (帛|琉之责, 亚塞|拜然), so the cut knows each key's
character conversion as a word of the least weight (it wins over single characters, not over dictionary words:
拜登|入主 stays); and a rule whose changed characters all lie in words of the key (憂鬱症狀 -> 抑郁症状: 症 unchanged;
最高階 -> 最高级; 電腦斷層掃描 -> 计算机断层扫描) breaks nothing and applies.
A rule inside one word of the cut that holds the whole key and more still applies (jieba keeps 安全形势 one word, so
國家安全形勢 and 安全形勢日趨複雜 still read 安全角势; review53), on purpose: of 1,023 such firings in the archive's
Traditional posts most are right (网路上 -> 网络上, 应用程式 -> 应用程序, 数位化 -> 数字化: 22 of 30 read), the wrong ones
mostly the rule's sense (专案小组, 宣告无效), and the 2 % that break the word's own parts (安全形势, 电子音乐, 电影片) the
cut's statistics cannot tell from right ones (its best split is 电|影片 but 网|路上; session 50, compare71). And where the installed OpenCC ships no
opencc_dict tool, the rules apply as OpenCC applies them (a test checks that this install has it).
"""

from __future__ import annotations

import bisect
import itertools
import json
import operator
import re
import subprocess
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported by the first conversion, not by every store that imports text.script
    import opencc
    import rjieba

KEPT = (
    "資料", "建立", "文件", "執行", "程序", "核心", "截圖", "通訊", "行程", "互動", "裝置", "簡報", "開啟",
    "資料庫", "聯絡", "查詢", "布林", "複製", "檢視", "設定", "儲存", "變數", "連結", "連線", "存檔", "埠",
    "列舉", "序列", "傳送", "視訊會議", "搜尋", "資料來源", "點選", "網際網路", "批次", "音訊", "貼上",
    "伺服器", "取樣", "外接", "撥出", "智慧財產權", "擴音", "類比", "多工", "登出", "陣列", "進階",
    "資訊安全",
)

EXTENDING = ("哈薩克", "烏茲別克", "塔吉克", "土庫曼", "尼日", "厄瓜多", "伊利諾", "朗·霍華", "萊雅", "萊雅集團")


def _shipped_config() -> tuple[Path, dict[str, Any]]:
    import opencc

    shipped = Path(opencc.OpenCC("tw2sp").config)
    return shipped, json.loads(shipped.read_text(encoding="utf-8"))


@cache
def taiwan_phrases_kept() -> opencc.OpenCC:
    """``tw2sp`` with a first dictionary mapping each ``KEPT`` and ``EXTENDING`` word to itself (OpenCC's phrase group
    stops at the first dictionary that matches), built from the installed configuration so that every
    other rule stays OpenCC's own."""
    import opencc

    shipped, config = _shipped_config()

    def absolute(node: object) -> None:
        # A configuration outside OpenCC's folder finds its dictionaries by full path only.
        if isinstance(node, dict):
            if isinstance(node.get("file"), str):
                node["file"] = str(shipped.parent / node["file"])
            for value in node.values():
                absolute(value)
        elif isinstance(node, list):
            for value in node:
                absolute(value)

    absolute(config)
    # OpenCC reads a text dictionary whole when the converter is built: the files can go after.
    with tempfile.TemporaryDirectory(prefix="newsmirror-opencc-") as name:
        folder = Path(name)
        kept = folder / "TWPhrasesKept.txt"
        kept.write_text("".join(f"{word}\t{word}\n" for word in (*KEPT, *EXTENDING)), encoding="utf-8")
        config["conversion_chain"][0]["dict"]["dicts"].insert(0, {"type": "text", "file": str(kept)})
        path = folder / "tw2sp-kept.json"
        path.write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
        return opencc.OpenCC(str(path))


@dataclass(frozen=True, slots=True)
class _Rules:
    """What ``to_mainland`` needs of the phrase step of ``taiwan_phrases_kept`` to say where its rules fire: the keys of
    its segmentation dictionary and of each dictionary of its phrase group in OpenCC's order (the kept words first), and
    each key that changes the text (its mainland form differs in Simplified characters) with that form."""

    segmentation: frozenset[str]
    group: tuple[frozenset[str], ...]
    longest: int
    changing: dict[str, str]  # key -> first mainland form in Simplified characters
    starts: frozenset[str]  # the first two characters of every changing key
    characters: frozenset[str]  # every character of every key: a rule never spans any other


def _dictionary(tool: Path, table: Path, folder: Path) -> list[tuple[str, str]]:
    """An OpenCC binary dictionary's rules as (key, first value), read with the opencc_dict tool OpenCC ships."""
    return [(key, values[0]) for key, values in dictionary_entries(tool, table, folder)]


def dictionary_entries(tool: Path, table: Path, folder: Path) -> list[tuple[str, list[str]]]:
    """An OpenCC binary dictionary's rules as (key, every value), read with the opencc_dict tool OpenCC ships."""
    text = folder / (table.stem + ".txt")
    subprocess.run([str(tool), "-i", str(table), "-o", str(text), "-f", "ocd2", "-t", "text"], check=True,
                   capture_output=True)
    rules = []
    for line in text.read_text(encoding="utf-8").splitlines():
        key, _, values = line.partition("\t")
        rules.append((key, values.split(" ")))
    return rules


@cache
def _rules() -> _Rules | None:
    """The phrase step's dictionaries, read once a process; None where OpenCC ships no opencc_dict tool or the
    configuration is not the expected one (then rules apply as OpenCC applies them)."""
    import opencc

    shipped, config = _shipped_config()
    tool = Path(opencc.__file__).parent / "clib" / "bin" / "opencc_dict"
    try:
        segmentation = config["segmentation"]["dict"]
        group = config["conversion_chain"][0]["dict"]["dicts"]
        files = [shipped.parent / entry["file"] for entry in (segmentation, *group)]
        if not tool.exists() or any(entry.get("type") != "ocd2" for entry in (segmentation, *group)):
            return None
        with tempfile.TemporaryDirectory(prefix="newsmirror-opencc-") as name:
            tables = [_dictionary(tool, path, Path(name)) for path in files]
    except (KeyError, IndexError, TypeError, OSError, subprocess.CalledProcessError):
        return None
    characters = _characters()
    kept = frozenset((*KEPT, *EXTENDING))
    changing: dict[str, str] = {}
    seen = set(kept)
    for table in tables[1:]:
        for key, value in table:
            if key in seen:
                continue  # an earlier dictionary holds the key: it matches there first
            seen.add(key)
            mainland = characters.convert(value)
            if len(key) >= 2 and mainland != characters.convert(key):
                changing[key] = mainland
    keys = [kept, *(frozenset(key for key, _value in table) for table in tables[1:])]
    every = [*tables[0], *(rule for table in tables[1:] for rule in table)]
    return _Rules(
        segmentation=frozenset(key for key, _value in tables[0]),
        group=tuple(keys),
        longest=max(len(key) for key, _value in every),
        changing=changing,
        starts=frozenset(key[:2] for key in changing),
        characters=frozenset("".join(key for key, _value in every) + "".join(kept)),
    )


@cache
def _cutter() -> rjieba.Jieba:
    """jieba's dictionary (jieba-rs) knowing each changing key's character conversion as a word of the least weight, so
    that a Taiwan word jieba does not know is not cut into scraps (帛|琉之责) while a dictionary word still wins
    (拜登|入主). Not the tokenizer's segmenter: that one reads the alias table, whose keys are made by this conversion."""
    import rjieba

    rules = _rules()
    segmenter = rjieba.Jieba()
    if rules is not None:
        for key in rules.changing:
            word = _characters().convert(key)
            if not segmenter.has_word(word):
                segmenter.add_word(word, 1, None)
    return segmenter


def _longest(keys: frozenset[str], text: str, at: int, end: int, longest: int) -> int:
    for size in range(min(longest, end - at), 1, -1):
        if text[at:at + size] in keys:
            return size
    return 1


def _fired(rules: _Rules, text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Where the phrase step, converting ``text[start:end]`` alone, applies a changing rule (OpenCC's own walk: the
    segmentation dictionary's longest matches cut the text into segments; in each, at each place, the first dictionary
    of the group with a key there gives its longest key)."""
    fired = []
    pieces: list[tuple[int, int]] = []
    pending = at = start
    while at < end:
        size = _longest(rules.segmentation, text, at, end, rules.longest)
        if size > 1:
            if pending < at:
                pieces.append((pending, at))
            pieces.append((at, at + size))
            pending = at + size
        at += size
    if pending < end:
        pieces.append((pending, end))
    for first, last in pieces:
        at = first
        while at < last:
            size = 1
            for keys in rules.group:  # the first dictionary with a key here gives its longest one
                size = _longest(keys, text, at, last, rules.longest)
                if size > 1 or text[at] in keys:
                    break
            if size > 1 and text[at:at + size] in rules.changing:
                fired.append((at, at + size))
            at += size
    return fired


def _breaking(rules: _Rules, text: str, simplified: str, start: int, end: int, edges: _WordEdges) -> int | None:
    """Where to split the text so that the rule at ``text[start:end]`` does not apply: where a word of the cut (its
    ``edges``) begins or ends that holds a character the rule changes and reaches outside the key; None when no such
    word."""
    key, mainland = simplified[start:end], rules.changing[text[start:end]]
    if len(key) == len(mainland):
        changed = [start + k for k in range(len(key)) if key[k] != mainland[k]]
    else:  # the changed stretch: the key without the beginning and end it shares with its mainland form
        head = 0
        while head < min(len(key), len(mainland)) and key[head] == mainland[head]:
            head += 1
        tail = 0
        while tail < min(len(key), len(mainland)) - head and key[-1 - tail] == mainland[-1 - tail]:
            tail += 1
        changed = list(range(start + head, end - tail))
    for at in changed:
        first, last = edges.around(at)
        if (first < start or last > end) and not (first <= start and last >= end):
            return first if first > start else last
    return None


def _windows(rules: _Rules, text: str, places: list[int], splits: list[int]) -> list[tuple[int, int]]:
    """The stretches to walk again around ``places``: from the last character no rule holds (or split) before each to
    the first one after."""
    stops = sorted(splits)
    windows = []
    for at in places:
        first = at
        while first > 0 and text[first - 1] in rules.characters:
            first -= 1
        last = at
        while last < len(text) and text[last] in rules.characters:
            last += 1
        for split in stops:
            if first < split <= at:
                first = split
            elif at < split < last:
                last = split
                break
        windows.append((first, last))
    return sorted(set(windows))


def to_mainland(text: str, simplified: str | None = None) -> str:
    """``taiwan_phrases_kept``'s conversion, but a rule that would change a character of a word reaching outside its key
    (拜登|入主: 登入 -> 登录) does not apply: the text is converted in pieces there (see the module's note).
    ``simplified``: OpenCC's ``t2s`` of ``text``, when the caller has it (``script.to_simplified_key`` does)."""
    converter = taiwan_phrases_kept()
    converted = str(converter.convert(text))
    rules = _rules()
    if rules is None:
        return converted
    # Where a changing key's first two characters stand: only at a character that begins one, followed by one that is
    # second in one (found by a regular expression's class scan, not a Python step per character), can they.
    starts = rules.starts
    places = [at for at in map(_start_of, _first_characters().finditer(text)) if text[at:at + 2] in starts]
    if not places:
        return converted
    if simplified is None:
        simplified = str(_characters().convert(text))
    if len(simplified) != len(text):
        return converted
    try:
        return _split_where_breaking(rules, text, simplified, places, _StretchEdges(simplified), converted)
    except _NotLocal:  # a stretch's cut did not cover it: the whole text's cut, as before the stretches
        bounds = [0, *itertools.accumulate(map(len, _cutter().cut(simplified)))]  # where each word ends
        if bounds[-1] != len(text):
            return converted
        return _split_where_breaking(rules, text, simplified, places, _WholeEdges(bounds), converted)


def _split_where_breaking(rules: _Rules, text: str, simplified: str, places: list[int], edges: _WordEdges,
                          converted: str) -> str:
    """``text`` converted in pieces split where a rule that fires at ``places`` would break a word of the cut (the
    whole text's conversion ``converted`` where none would)."""
    suspects = []
    for at in places:
        for size in range(2, min(rules.longest, len(text) - at) + 1):
            if text[at:at + size] in rules.changing and _breaking(rules, text, simplified, at, at + size, edges):
                suspects.append(at)
                break
    if not suspects:
        return converted
    splits: list[int] = []
    windows = _windows(rules, text, suspects, splits)
    while windows:
        added = []
        for first, last in windows:
            for start, end in _fired(rules, text, first, last):
                split = _breaking(rules, text, simplified, start, end, edges)
                if split is not None and split not in splits:
                    added.append(split)
        if not added:
            break
        splits.extend(added)
        windows = _windows(rules, text, [at for split in added for at in (split - 1, split)], splits)
    if not splits:
        return converted
    converter = taiwan_phrases_kept()
    pieces = [0, *sorted(set(splits)), len(text)]
    return "".join(str(converter.convert(text[a:b])) for a, b in itertools.pairwise(pieces) if a < b)


_start_of = operator.methodcaller("start")


@cache
def _first_characters() -> re.Pattern[str]:
    """A character that begins a changing key followed by one that is the second of one (``_Rules.starts``; none: a
    pattern that never matches). Each match is one character, so ``finditer`` finds every such place; a class of the
    first characters alone matched 100 places a Traditional report where 4 or 5 are a key's start (speed63)."""
    rules = _rules()
    if rules is None or not rules.starts:
        return re.compile("(?!)")
    firsts, seconds = sorted({key[0] for key in rules.starts}), sorted({key[1] for key in rules.starts})
    return re.compile(f"[{''.join(map(re.escape, firsts))}](?=[{''.join(map(re.escape, seconds))}])")


class _NotLocal(Exception):
    """A stretch's cut did not cover the stretch (jieba's cut of a stretch is not that of the whole text there)."""


class _WordEdges:
    """The edges of the words of jieba's cut (``_cutter``) of a text's character conversion."""

    def around(self, at: int) -> tuple[int, int]:
        """Where the word holding the character at ``at`` begins and ends."""
        raise NotImplementedError


class _WholeEdges(_WordEdges):
    """From the cut of the whole text: ``bounds``, 0 and where each word ends."""

    def __init__(self, bounds: list[int]) -> None:
        self.bounds = bounds

    def around(self, at: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.bounds, at)
        return self.bounds[index - 1], self.bounds[index]


# Characters jieba's cut always makes a word of their own: neither Han, a letter, a digit, nor one of ``+#&._%-`` (its
# pattern of runs to cut by the dictionary, in jieba and jieba-rs alike), nor whitespace (its pattern of whitespace
# tokens, ``\r\n|\s``). Every other run of text, to its left or right, is cut as if it stood alone there. So a word
# never crosses one, and the words between two of them are those of the stretch between cut alone. The full-width
# forms (，：；（）！？) are stops too: a Chinese report's commas are twice its full stops, and a stretch ending only at
# a full stop was a whole sentence to cut (review64).
_STOPS = re.compile(r"""[,;:!?()\[\]{}<>"'、。「」『』《》〈〉“”‘’…—，：；（）！？]""")


class _StretchEdges(_WordEdges):
    """The same edges as ``_WholeEdges`` of the whole text's cut, from a cut of only the stretches between two of
    ``_STOPS`` that a rule's characters stand in (a Traditional report's rules stand in a few of its clauses: cutting
    the whole report was a third of ``to_mainland``'s cost; speed63). Raises ``_NotLocal`` when a stretch's words do
    not cover it."""

    def __init__(self, simplified: str) -> None:
        self.text = simplified
        self.stops: list[int] | None = None
        self.stretches: dict[int, list[int]] = {}  # a stretch's start -> its word edges (absolute)

    def around(self, at: int) -> tuple[int, int]:
        text = self.text
        if _STOPS.match(text, at):
            return at, at + 1
        if self.stops is None:
            self.stops = [match.start() for match in _STOPS.finditer(text)]
        index = bisect.bisect_left(self.stops, at)
        start = self.stops[index - 1] + 1 if index else 0
        bounds = self.stretches.get(start)
        if bounds is None:
            end = self.stops[index] if index < len(self.stops) else len(text)
            bounds = list(itertools.accumulate(map(len, _cutter().cut(text[start:end])), initial=start))
            if bounds[-1] != end:
                raise _NotLocal
            self.stretches[start] = bounds
        index = bisect.bisect_right(bounds, at)
        return bounds[index - 1], bounds[index]


@cache
def _characters() -> opencc.OpenCC:
    import opencc

    return opencc.OpenCC("t2s")
