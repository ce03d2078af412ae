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
"""

from __future__ import annotations

import json
import tempfile
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported by the first conversion, not by every store that imports text.script
    import opencc

KEPT = (
    "資料", "建立", "文件", "執行", "程序", "核心", "截圖", "通訊", "行程", "互動", "裝置", "簡報", "開啟",
    "資料庫", "聯絡", "查詢", "布林", "複製", "檢視", "設定", "儲存", "變數", "連結", "連線", "存檔", "埠",
    "列舉", "序列", "傳送", "視訊會議", "搜尋", "資料來源", "點選", "網際網路", "批次", "音訊", "貼上",
    "伺服器", "取樣", "外接", "撥出", "智慧財產權", "擴音", "類比", "多工", "登出", "陣列", "進階",
    "資訊安全",
)

EXTENDING = ("哈薩克", "烏茲別克", "塔吉克", "土庫曼", "尼日", "厄瓜多", "伊利諾", "朗·霍華", "萊雅", "萊雅集團")


@cache
def taiwan_phrases_kept() -> opencc.OpenCC:
    """``tw2sp`` with a first dictionary mapping each ``KEPT`` and ``EXTENDING`` word to itself (OpenCC's phrase group
    stops at the first dictionary that matches), built from the installed configuration so that every
    other rule stays OpenCC's own."""
    import opencc

    shipped = Path(opencc.OpenCC("tw2sp").config)
    config = json.loads(shipped.read_text(encoding="utf-8"))

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
