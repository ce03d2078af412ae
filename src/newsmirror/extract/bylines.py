"""Reporters named on a Chinese news web page: byline lines near the headline, datelines and
closing credits of the text, and the page's author metadata.

The forms are the conventions of the Chinese-language press, not any one site's:
``作者：王文`` / ``作者 王文`` / ``作者王文`` (a short line), ``（记者 石佳）``,
``澎湃新闻记者 贺梨萍``, ``本站讯（职工通讯员 李琴雯 刘会）``, ``文/李楠``, ``采写：南都记者 甲 乙``,
``石佳/中国青年报`` (name, slash, outlet), ``路闻卓立编译`` (a compiler who is the writer), and a
name in brackets closing the last paragraph (``…举行。（张巨峰）``). The weaker forms (no label
before the name) take only names that start with a common Chinese surname.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from newsmirror.extract.bylines_latin import json_ld_authors
from newsmirror.extract.credits import (
    FOREIGN_NAME,
    NAME_DOT,
    PLACE_SUFFIX,
    PLACES,
    editor_names,
    is_foreign_name,
)

# what a byline takes for one person: a foreign name in Chinese letters (dotted, of any length) or a
# Chinese name of 2-4 characters
_NAME = rf"(?:{FOREIGN_NAME}|[\u4e00-\u9fff·]{{2,4}})"
# the name again in its own (Latin) letters, in brackets: "约翰·史密斯（John Smith）"
_LATIN_GLOSS = r"[（(][A-Za-z][A-Za-z .'-]{0,40}[）)]"
# a verb of saying: "新华社记者甲说，…" (the name glued onto the label ends where the verb begins)
_SAYS = r"说|說|表示|指出|称|稱|透露|认为|認為|强调|強調|介绍|介紹|告诉|告訴|写道|寫道"
# where a name ends: a separator, a word of the credit, a verb of saying, or the name again in Latin
# letters in brackets closing the credit ("作者：约翰·史密斯（John Smith）"; in a sentence, "记者甲（John
# Smith）表示", the bracket is followed by more of it)
_END = (rf"(?=$|[\s　|｜/／）)】\]，,、。：:]|{_LATIN_GLOSS}(?:$|[\s　|｜/／])|(?:综合|綜合)?(?:報導|报道|報道|报导)|"
        rf"攝影|摄影|来源|來源|"
        rf"编辑|編輯|编译|編譯|发自|發自|时间|時間|发布|發布|{_SAYS})")
# A label, then one or more names (separated by 、，, 和 or spaces).
_LABELLED = re.compile(
    # an outlet's Latin name may open the line before the label ("BBC驻北美记者 甲"; in a sentence,
    # "…、BBC多家媒体记者许可" is no byline)
    r"(?:(?:^|[\s　|｜（(【\[：:、，,·・])\s*(?:(?:(?<![^（(【\[])[A-Za-z]{2,12}\s*)?"
    r"[\u4e00-\u9fff]{0,6}?(?:记者|記者|通讯员|通訊員)(?P<sep>\s*[：:｜|/／]?)"
    r"|(?:撰文|文字|文|采写|採寫|编译|編譯|整理|译者|譯者|翻译|翻譯)\s*[：:｜|/／])"
    r"|作者\s*[：:｜|/／\s])"
    rf"\s*(?P<names>{_NAME}(?:\s*[、，,和\s]\s*{_NAME})*){_END}"
)
_AUTHOR_ONLY_LINE = re.compile(rf"^作者\s*(?P<names>{_NAME})$")  # "作者魏星" on its own line
_NAME_SLASH_OUTLET = re.compile(
    rf"^(?P<names>{_NAME})\s*[/／]\s*[\u4e00-\u9fff]{{2,10}}(?:报|報|网|網|社|台|新闻|新聞|杂志|雜誌|周刊|週刊)$")
_COMPILER = re.compile(rf"(?:^|[\s：:（(])\s*(?P<names>{_NAME})\s*(?:编译|編譯)(?=$|[\s）)])")
# "編譯茅毅、記者謝守真／綜合報導": the compiler's label written onto the name
_COMPILER_FIRST = re.compile(rf"(?:^|[\s、，,（(【\[])(?:编译|編譯)(?P<names>{_NAME})(?=$|[、，,\s/／）)】\]])")
_NAMES_RUN = rf"{_NAME}(?:[\s、]+{_NAME})*"
_REPORTED = r"(?:综合|綜合|即时|即時)?(?:报道|報導|报导|報道)"
# A byline line of names, a slash and what they did, where: "甲／綜合報導", "甲 乙／新北 台南報導",
# "甲 乙／編譯" (the names need a surname: nothing labels them)
_NAMES_SLASH_REPORT = re.compile(
    rf"^(?P<names>{_NAMES_RUN})\s*[/／]\s*(?:[\u4e00-\u9fff]{{2,4}}\s*){{0,3}}?(?:{_REPORTED}|编译|編譯)$")
# "甲綜合報導", "甲 乙綜合報導": a short line of names written straight onto the word saying they compiled
# this report, no slash between (the names need a surname and must not be a dateline's city; without
# 綜合, "江西报道" is as often a section's name)
_NAMES_COMPILED = re.compile(rf"^(?P<names>{_NAMES_RUN}?)\s*(?:综合|綜合)(?:报道|報導|报导|報道)$")
# "編輯 甲 報導", "记者 甲 乙 报道": a role, the names, then the word saying they wrote this report
_ROLE_NAMES_REPORT = re.compile(
    rf"^[\u4e00-\u9fff]{{0,6}}?(?:编辑|編輯|记者|記者)\s*(?P<names>{_NAMES_RUN})\s+{_REPORTED}$")
# "2023/08/25 甲": a columnist named after the stamp under the headline (not a weekday or a province)
_STAMP_NAME = re.compile(r"^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s+"
                         r"(?!周.$|週.$|星期|礼拜|禮拜|江苏|江蘇|江西|安徽|云南|雲南|海南|宁夏|寧夏|吉林|黑龙江|黑龍江)"
                         rf"(?P<names>{_NAME})$")
# "[ 甲 ] 来源：[ 某报 ]", "【甲】｜来源：某报": the writer in brackets before the source on the line
# under the stamp (a separator between may have decoded to a private-use character)
_BRACKETED_BEFORE_SOURCE = re.compile(
    rf"^[\[【]\s*(?P<names>{_NAMES_RUN})\s*[\]】]\s*(?:[|｜/／\ue000-\uf8ff]\s*)?(?:来源|來源)\s*[：:]")
_PHOTO_CREDIT = re.compile(r"\s*(?:摄|攝)(?!影|像)")  # "新华社记者 甲 摄": a photographer, not the writer
# "作者：中国某研究院世界经济研究部部长、研究员徐占忱" (a closing credit of a commentary): the writer's
# post and title run before the name, which ends the credit; the name follows a title word.
_TITLES = (r"研究员|研究員|副教授|教授|讲师|講師|博士后|博士後|博士|主任|部长|部長|院长|院長|所长|所長|会长|會長|"
           r"秘书长|秘書長|理事长|理事長|主席|专家|專家|学者|學者|评论员|評論員|经济师|經濟師|分析师|分析師|"
           r"律师|律師|工程师|工程師|总监|總監|主编|主編|董事长|董事長|总经理|總經理|院士")
_TITLED_CREDIT = re.compile(rf"作者\s*[：:][^（）()【】\[\]]{{0,60}}?(?:{_TITLES})\s*(?P<names>{_NAME})\s*(?=$|[）)】\]。])")
# "（作者：甲北京大学经济学院教授）": the writer's affiliation written onto the name; the name ends
# where a place or a national body begins the affiliation, which ends in an institution or a title
_AFFILIATION_START = "|".join(sorted([*PLACES, "中国", "中國", "中共", "中央", "国家", "國家", "国务院", "國務院", "全国",
                                       "全國", "清华", "清華", "复旦", "復旦"], key=len, reverse=True))
_AFFILIATED_CREDIT = re.compile(
    rf"作者\s*[：:]\s*(?P<names>[\u4e00-\u9fff]{{2,3}}?)(?:{_AFFILIATION_START})[\u4e00-\u9fff]{{0,24}}"
    rf"(?:大学|大學|学院|學院|研究院|研究所|中心|党校|黨校|{_TITLES})\s*(?=$|[）)】\]。])")
# "…举行。（甲）", "…举行。（约翰·史密斯）": a Chinese name of 2-3 characters or a dotted foreign one
_CLOSING_CREDIT = re.compile(rf"[（(](?P<names>[\u4e00-\u9fff]{{2,3}}|{FOREIGN_NAME})[）)]\s*$")
# "甲/文", "亚当·史密斯（Adam Smith）/文 某刊编辑": the writer named before the word for the text (the
# mirror of "文/甲"), perhaps with the name in its own script in brackets; what follows is the post
_WRITER_FIRST = re.compile(
    rf"^(?P<names>{_NAME})\s*(?:{_LATIN_GLOSS})?\s*[/／]\s*文(?=$|[\s　|｜，,])")
_SENTENCE_ENDS = frozenset("。！？!?.”」』…")
_NOT_NAMES = re.compile(
    r"未知|不详|匿名|导航|導航|编辑|編輯|来源|來源|责任|責任|报道|报导|報導|時間|时间|发布|發布|网|網|報|报|新闻|新聞|社|台|"
    r"中心|客户端|简介|簡介|介绍|介紹|文章|国际|國際|国内|國內|时政|時政|时事|時事|相关|相關|记者|記者|通讯|通訊|摄影|攝影|图片|圖片|实习|實習|编译|編譯|本站|本报|本報|综合|綜合|完|待续|待續"
)
_ROLE_WORD = re.compile(r"(?:责任|責任)?(?:编辑|編輯)|责编|責編|美编|美編|校对|校對|审核|審核|审校|審校|监制|監製|"
                        r"摄影|攝影|摄像|攝像|制图|製圖|统筹|統籌|策划|策劃|出品")
# Common Chinese surnames (simplified and traditional forms; two-character surnames first).
_COMPOUND_SURNAMES = ("欧阳", "歐陽", "司马", "司馬", "上官", "诸葛", "諸葛", "东方", "東方", "皇甫", "尉迟", "尉遲",
                      "公孙", "公孫", "慕容", "令狐", "司徒", "夏侯", "端木", "长孙", "長孫", "宇文", "澹台", "轩辕")
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温"
    "康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成"
    "苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费"
    "卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠"
    "惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国"
    "狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢"
    "嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由洪"
    "張劉陳楊黃趙吳孫馬鄭謝韓馮鄧葉蘇呂盧鍾譚陸賈韋鄒閻龍陶賀顧龔萬錢嚴湯溫齊喬龐顏莊聶魯詹歐蘭紀單塗駱藍鮑"
    "饒繆車婁竇費衛藺樓滕羅許鄔邊師蕭傅簡連蘆黎葛賴賴鄺談匡荊樂儲鄢勞諶蔣蔡關寧畢"
)


def has_surname(name: str) -> bool:
    """Does ``name`` start with a common Chinese surname (and leave a given name after it)?"""
    for compound in _COMPOUND_SURNAMES:
        if name.startswith(compound):
            return len(name) >= 3
    return len(name) >= 2 and name[0] in _SURNAMES


def is_surname(text: str) -> bool:
    """Is ``text`` one common Chinese surname, one character or two (郑, 欧阳), and nothing more?"""
    return text in _COMPOUND_SURNAMES or (len(text) == 1 and text in _SURNAMES)


# what a byline says after the last name, when a greedy name took it in ("记者甲、乙报道"; a verb of
# saying, "记者甲说" or "记者甲表示": the name is what stands before it)
_DEED = re.compile(rf"(?:综合|綜合)?(?:报道|報導|报导|報道)$|(?:编译|編譯|摄影|攝影|{_SAYS})$")
_SAYING = re.compile(_SAYS)
_SAID = re.compile(rf"(?:{_SAYS})$")


# a role written onto the next name in a run ("实习记者 甲 乙 记者丙"): each name has its own label
_ROLE_PREFIX = re.compile(r"^(?:实习|實習|见习|見習|特约|特約|首席)?(?:记者|記者|通讯员|通訊員)(?=[\u4e00-\u9fff]{2})")


def _split(names: str) -> list[str]:
    parts = [_ROLE_PREFIX.sub("", name) for name in re.split(r"\s*[、，,和\s]\s*", names) if name]
    return [name if len(bare := _DEED.sub("", name)) < 2 else bare for name in parts]


def _person(name: str, *, need_surname: bool) -> str | None:
    """``name`` as a person's name, or None: a dotted foreign name needs no surname (the dot marks it),
    a Chinese one needs a surname where no label says a person follows."""
    if NAME_DOT.search(name):  # a place ("圣·彼得堡") or a body ("某报·某版") is dotted too
        bare = PLACE_SUFFIX.sub("", name)  # "約翰．史密斯華盛頓報導": the dateline's city written on
        return bare if is_foreign_name(bare) and not _NOT_NAMES.search(bare) else None
    if 2 <= len(name) <= 4 and not _NOT_NAMES.search(name) and (not need_surname or has_surname(name)):
        return name
    return None


def _add(found: list[str], names: list[str], *, need_surname: bool) -> None:
    for name in names:
        person = _person(name, need_surname=need_surname)
        if person is not None and person not in found:
            found.append(person)


def _add_writer_first(found: list[str], line: str) -> None:
    match = _WRITER_FIRST.match(line)
    if match is not None:
        _add(found, [match.group("names")], need_surname=True)


def names_in(line: str) -> list[str]:
    """Reporters named in a byline or dateline ("作者：王文", "（记者 石佳）", "文/李楠",
    "澎湃新闻记者 贺梨萍", "石佳/中国青年报", "路闻卓立编译")."""
    line = line.strip()[:120]
    found: list[str] = []
    for match in _LABELLED.finditer(line):
        if _PHOTO_CREDIT.match(line, match.end("names")):
            continue
        names = _split(match.group("names"))
        # a run of names ends at a role word: "记者 甲 乙 编辑 丙 校对 丁" names two reporters
        names = names[:next((i for i, name in enumerate(names) if _ROLE_WORD.fullmatch(name)), len(names))]
        # a name written onto 记者 ("记者了解到") and names after a space (no 、) need a surname; so
        # does one a verb of saying ends, even after a colon ("记者：深圳常被称为…" asks a question)
        said = _SAYING.match(line, match.end("names")) is not None or _SAID.search(match.group("names")) is not None
        _add(found, names[:1], need_surname=said or match.group("sep") == "")
        _add(found, names[1:], need_surname=True)
    if len(line) <= 30:
        for pattern in (_AUTHOR_ONLY_LINE, _NAME_SLASH_OUTLET, _STAMP_NAME):
            whole = pattern.search(line)
            if whole:
                _add(found, [whole.group("names")], need_surname=True)  # "作者简介" is a heading
        for pattern in (_NAMES_SLASH_REPORT, _ROLE_NAMES_REPORT, _BRACKETED_BEFORE_SOURCE):
            whole = pattern.search(line)
            if whole:
                _add(found, _split(whole.group("names")), need_surname=True)
        if not found and (whole := _NAMES_COMPILED.match(line)):
            _add(found, [name for name in _split(whole.group("names")) if not PLACE_SUFFIX.search(name)],
                 need_surname=True)
    for match in _COMPILER_FIRST.finditer(line):
        _add(found, [match.group("names")], need_surname=True)
    for match in _AFFILIATED_CREDIT.finditer(line):
        _add(found, [match.group("names")], need_surname=True)
    for match in _TITLED_CREDIT.finditer(line):
        _add(found, [match.group("names")], need_surname=True)
    for match in _COMPILER.finditer(line):
        _add(found, [match.group("names")], need_surname=True)
    _add_writer_first(found, line)
    return sorted(found, key=line.find)  # in the order the credit gives them


def closing_credit(paragraph: str) -> list[str]:
    """A reporter's name in brackets closing an article's last paragraph ("…举行。（张巨峰）"), or a
    labelled credit there ("…。（记者 甲）", "…。（譯者：甲/核稿：乙）1120823")."""
    match = _CLOSING_CREDIT.search(paragraph)
    found: list[str] = []
    # the credit follows the last sentence; a bracket after a link or a list item ("…盖房事件(房产)")
    # is its section's name
    if match and len(paragraph) > len(match.group(0)) + 10 \
            and paragraph[:match.start()].rstrip()[-1:] in _SENTENCE_ENDS:
        _add(found, [match.group("names")], need_surname=True)
    labelled = _LABELLED_CLOSING.search(paragraph)
    if not found and labelled and len(paragraph) > len(labelled.group(0)) + 10:
        found = names_in(labelled.group(0))
    return found


def credit_line(line: str) -> list[str]:
    """A bracketed credit set on its own line right after an article's text ("（羅森）",
    "(作者：甲北京大学教授)")."""
    line = line.strip()
    match = _CLOSING_CREDIT.fullmatch(line)
    found: list[str] = []
    if match:
        _add(found, [match.group("names")], need_surname=True)
    elif _LABELLED_CLOSING.fullmatch(line) and line[0] in "（(":
        found = names_in(line)
    return found


# a bracketed credit ending the text, perhaps cut off at a line break or followed by a serial number
_LABELLED_CLOSING = re.compile(r"[（(][^（）()]{2,40}(?:[）)]\s*\d{0,8})?\s*$")


# "采写：南都记者 甲", "作者：甲", "整合 新华日报·交汇点记者 甲" (a compiler's credit; an outlet and its
# desk joined by a middle dot)
_BYLINE_LINE = re.compile(r"^[【\[（(]?\s*(?:(?:整合|整理|综合|綜合)\s+)?"
                          r"(?:作者|采写|採寫|撰文|文\s*[/／]|(?:[\u4e00-\u9fff]{1,8}[·・])?[\u4e00-\u9fff]{0,6}?(?:记者|記者))")
_DATELINE_CREDIT = re.compile(r"^.{0,20}?(?:讯|訊|电|電)\s*[（(][^（）()]{0,8}?(?:记者|記者|通讯员|通訊員)")
_EDITOR_WORDS = re.compile(r"编辑|編輯|责编|責編|校对|校對|审核|審核|监制|監製")


def page_bylines(lines: list[str]) -> list[str]:
    """Names of the first byline anywhere on the page: a short line that is a byline
    ("采写：南都记者 甲 乙", "作者：王文") or a dateline credit opening a line ("新京报讯（记者 甲）")."""
    for index, line in enumerate(lines):
        if (len(line) <= 40 and _BYLINE_LINE.match(line) and not _EDITOR_WORDS.search(line)) \
                or _DATELINE_CREDIT.match(line):
            # a name the lines around also credit as editor ("作者：甲" over "责任编辑：甲") is the
            # web editor's, filled into the author field
            editors = editor_names(lines[max(0, index - 3):index + 4])
            found = [name for name in names_in(line) if name not in editors]
            if found:
                return found
    return []


_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z .'-]{1,38}[A-Za-z.]")
_HAN_NAME = re.compile(_NAME)


def meta_author(document: HtmlElement, lines: list[str]) -> list[str]:
    """The page's ``<meta name="author">`` when it names a person the page also shows: outlets
    often put their own name, the web editor's or a placeholder there, so the name must look like
    a person's (a surname, or a plain Latin name) and appear in the visible text."""
    editors = {str(v).strip() for v in document.xpath("//meta[@name='editor' or @name='Editor']/@content")}
    # the outlet's own name put in the author field ("TVBS", the publisher's or the site's name)
    outlets = {str(v).strip().casefold() for v in document.xpath(_OUTLET_METAS)}
    values = [str(v) for v in document.xpath(
        "//meta[@name='author' or @name='Author' or @property='og:article:author']/@content")]
    for value in [*values, *json_ld_authors(document)]:
        name = value.strip()
        # a byline put into the field whole ("甲／綜合報導", "记者 甲 乙"): the names it gives
        names = [] if _HAN_NAME.fullmatch(name) else names_in(name)
        shown = [one for one in names if one not in editors and _shown(one, lines)]
        if shown:
            return shown
        # shown on the page other than as its editor ("责任编辑：某某" names the web editor)
        if not name or name in editors or name.casefold() in outlets or not _shown(name, lines):
            continue
        if _HAN_NAME.fullmatch(name) and _person(name, need_surname=True) == name:
            return [name]
        # an acronym is an outlet; a name the page shows only inside a longer word or an address
        # ("examplenews" of "examplenews.com" in the footer) is the site's, not a byline
        if _LATIN_NAME.fullmatch(name) and "." not in name and not name.isupper() and _shown_as_word(name, lines):
            return [name]
    # a person JSON-LD gives with an author page of their own, whom the page prints as a line by
    # itself: a byline, even a pen name without a surname ("阿木" under the headline)
    for value in json_ld_authors(document, profiled=True):
        name = value.strip()
        if 2 <= len(name) <= 12 and name not in editors and name.casefold() not in outlets and name in lines:
            return [name]
    return []


def _shown(name: str, lines: list[str]) -> bool:
    return any(name in line and not _EDITOR_WORDS.search(line) for line in lines)


def _shown_as_word(name: str, lines: list[str]) -> bool:
    """Whether a Latin-letter name stands on a line as words of its own (no letter, digit, dot or
    address sign glued onto either end), on a line that is not an editor's credit."""
    alone = re.compile(rf"(?<![A-Za-z0-9.@_-])(?<![A-Za-z0-9.]/){re.escape(name)}(?![A-Za-z0-9@/_-]|\.[A-Za-z])")
    return any(alone.search(line) and not _EDITOR_WORDS.search(line) for line in lines)


_OUTLET_METAS = ("//meta[@name='publisher' or @property='publisher' or @name='source' or @property='og:site_name'"
                 " or @name='application-name' or @name='apple-mobile-web-app-title']/@content")
