"""Reporters and editors from the credit lines Chinese-language outlets print in the text.

Examples: ``（记者历澄宇综合报导/责任编辑：林清）`` (NTD), ``（大纪元记者林燕综合报导）`` and
``责任编辑：叶紫微#`` (Epoch Times), ``（中央社記者徐薇婷華盛頓3日專電）`` and ``（編輯：曹宇帆/唐佩君）``
(CNA), ``自由亚洲电台记者蔡凌巴黎报道 责编：何平 网编：洪伟`` (RFA). Only the first and last
lines of an article are searched, where credits live.
"""

from __future__ import annotations

import re

# Cities that follow a reporter's name in datelines ("記者徐薇婷華盛頓3日專電"); removed from names.
PLACES = ["台北", "臺北", "台中", "臺中", "台南", "臺南", "高雄", "桃園", "新竹", "花蓮", "基隆", "宜蘭", "嘉義", "屏東", "華盛頓", "华盛顿", "紐約", "纽约", "洛杉磯", "洛杉矶", "舊金山", "旧金山", "矽谷", "硅谷", "芝加哥", "休士頓", "休斯顿", "波士頓", "波士顿", "西雅圖", "西雅图", "北京", "上海", "香港", "澳門", "澳门", "廣州", "广州", "深圳", "武漢", "武汉", "成都", "重慶", "重庆", "東京", "东京", "大阪", "首爾", "首尔", "巴黎", "倫敦", "伦敦", "柏林", "莫斯科", "悉尼", "雪梨", "墨爾本", "墨尔本", "多倫多", "多伦多", "溫哥華", "温哥华", "渥太華", "渥太华", "新加坡", "曼谷", "河內", "河内", "馬尼拉", "马尼拉", "吉隆坡", "雅加達", "雅加达", "日內瓦", "日内瓦", "布魯塞爾", "布鲁塞尔", "羅馬", "罗马", "基輔", "基辅", "耶路撒冷", "新德里", "孟買", "孟买", "紐澤西", "新泽西", "德州", "加州", "聯合國", "联合国"]
# A foreign person's name in Chinese letters ("约翰·史密斯", "約翰．史密斯"): its parts joined by a
# middle dot (four code points serve as one in print). The dot, not a surname, marks it as a name;
# the words that join names in a list (和、及、与) are never letters of a part.
_NAME_LETTER = r"(?:(?![和及與与])[\u4e00-\u9fff])"
NAME_DOT = re.compile("[·・．•]")
FOREIGN_NAME = rf"{_NAME_LETTER}{{1,8}}?(?:{NAME_DOT.pattern}{_NAME_LETTER}{{1,8}}?){{1,3}}"
# a dotted run that is a place, an organisation, a publication or a photographer's "摄", not a person
# ("圣·彼得堡", "新华日报·交汇点", "某某·大学"): its last word names a kind of place or body
_NOT_PERSON_END = re.compile(r"(?:[堡市州城港岛島湾灣省县縣区區镇鎮村国國郡洲站街路宫宮馆館院所队隊会會部局厅廳校司团團"
                             r"学學党黨军軍版刊号號店厂廠报報网網社台摄攝]|新闻|新聞|中心|日报|日報)$")


def is_foreign_name(name: str) -> bool:
    """Is ``name`` a foreign person's name in Chinese letters (dotted, not a place or a body)?"""
    return re.fullmatch(FOREIGN_NAME, name) is not None and not _NOT_PERSON_END.search(name) \
        and PLACE_SUFFIX.search(name) is None


PLACE_SUFFIX = re.compile("(?:" + "|".join(sorted(PLACES, key=len, reverse=True)) + ")$")
_REPORT_WORDS = re.compile(r"(?:综合|綜合|采访|採訪|专访|專訪|联合|聯合)?(?:报导|報導|报道|報道)$|(?:综合|綜合|采访|採訪)$")
_SEPARATORS = re.compile(r"[、/，,；;\s]+|和|及|與|与")

# Patterns capture a run of names; they are split and cleaned afterwards.
_AUTHOR_PATTERNS = (
    # （大纪元记者林燕综合报导） （本台记者傅明综合报导） （看中国记者端木珊综合报导） （记者李韵综合报导/…
    re.compile(r"[（(](?:[^（）()记記]{0,8})?[记記]者[：:]?\s*([^（）()/]{2,40}?)(?:[综綜]合|[采採]访|[专專]访|[联聯]合)?(?:报导|報導|报道|報道)\s*(?:[/）)])"),
    # （中央社記者徐薇婷華盛頓3日專電）
    re.compile(r"[（(][^（）()]{0,8}?[记記]者\s*([^（）()\d]{2,30}?)\s*\d{1,2}日(?:專|专)?[電电]"),
    # 自由亚洲电台记者蔡凌巴黎报道 / 自由亚洲电台记者 柳飞 编辑：…
    re.compile(r"(?:电台|電台)(?:特约)?[记記]者\s*([^\s责責编編（）()]{2,12}(?:\s[^\s责責编編（）()]{2,4})?)"),
    # 记者：乔龙 / 记者 乔龙 / (记者：唐家婕 责编：…
    re.compile(r"(?:^|[（(\s。”])[记記]者[：:\s]?\s*([^\s责責编編网網（）()]{2,4}?)(?=\s|$|[责責]编|[责責]編|[编編]辑|[编編]輯|[网網][编編])"),
    # 作者：南方周末记者 李玉楼 敬奕步
    re.compile(r"^作者[：:]\s*(?:[^\s]{0,10}[记記]者)?\s*([^\n（）]{2,30})$"),
)
_EDITOR_PATTERNS = (
    re.compile(r"(?:责任编辑|責任編輯)[：:]\s*([^）)#＃◇\s]{2,12}(?:[/、][^）)#＃◇\s]{2,6})*)"),
    re.compile(r"[（(](?:編輯|编辑)[：:]\s*([^）)]{2,30})[）)]"),
    re.compile(r"(?:责编|責編)[：:\s]?\s*([^网網）)]{2,30}?)\s*(?=网编|網編|$|[）)])"),
    re.compile(r"(?:网编|網編)[：:\s]\s*([^\s）)]{2,6})"),
    re.compile(r"(?<![责責网網任])(?:编辑|編輯)[：:]\s*([^\s）)/]{2,4})(?=\s|$|[）)])"),
)


def _clean(name: str) -> str:
    name = name.strip(" #＃◇:：()（）")
    for _ in range(2):
        name = _REPORT_WORDS.sub("", name)
        name = PLACE_SUFFIX.sub("", name).strip()
    return name


def _is_name(name: str) -> bool:
    if NAME_DOT.search(name):  # dotted: a foreign name, not a place ("聖·彼得堡") or a body
        return is_foreign_name(name)
    if re.fullmatch(r"[\u3400-\u9fff]{2,5}", name):
        return True
    return bool(re.fullmatch(r"[A-Z][A-Za-z.'-]+(?: [A-Z][A-Za-z.'-]+){0,3}", name))


def _collect(lines: list[str], patterns: tuple[re.Pattern[str], ...]) -> list[str]:
    names: list[str] = []
    for line in lines:
        for pattern in patterns:
            for match in pattern.finditer(line):
                for part in _SEPARATORS.split(match.group(1)):
                    name = _clean(part)
                    if _is_name(name) and name not in names:
                        names.append(name)
    return names


def editor_names(lines: list[str]) -> list[str]:
    """Everyone the lines credit as an editor (责任编辑、编辑、责编、网编)."""
    return _collect(lines, _EDITOR_PATTERNS)


def find_credits(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """(authors, editors) named in the first two and last three paragraphs; editor credits may
    sit a little higher, above a trailing photo gallery (last eight paragraphs)."""
    authors = _collect(paragraphs[:2] + paragraphs[2:][-3:], _AUTHOR_PATTERNS)
    editor_lines = paragraphs[:2] + paragraphs[2:][-8:]
    editors = [name for name in _collect(editor_lines, _EDITOR_PATTERNS) if name not in authors]
    return authors, editors
