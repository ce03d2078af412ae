"""What a story comparison is. ``compare_story`` fills it; the reader and the site render it."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsmirror.text.script import to_simplified

# Bump when ``compare_story`` gives a different result for the same reports, so that story
# pages built by an earlier version are rendered again.
ALIGNMENT_VERSION = "167"  # 17: times of day, 万 remainders, the amount round; 18: decimal figures whole, vague counts (数十) no figure, 篠 -> 筱
# 19: Taiwan phrases (tw2sp) folded in Traditional text only: Simplified keeps 建立, 程序, 拜登出任
# 20 (session 22): years of the Republic read as Western years (民国47年 = 1958年); paraphrases.tsv mined again
# on KEY_VERSION 4 keys without any labelled day
# 21 (session 23): details' "only X" checks read a gloss's whole Han name, a transliteration's original,
# a seat of power for its body
# 22 (session 24): a gloss after a word of relation (李秉喆之子（Lee Byung-chul）) stands for the name before it too
# 23 (session 24): a three-character short form names a full name jieba cuts into nouns (朝中社: 朝鲜中央通信社)
# 24 (session 25): a comma or colon between digits cuts no clause (1,500万, 11:02 stay in one unit)
# 25 (session 25): an amount read whole (19亿5100万 = 19.51亿); a figure glued to a name (2019冠状病毒) no figure
# 26 (session 25): an alias variant folds only where it begins a word (朝鲜中央通讯社 is not 朝鲜中央社);
# paraphrases.tsv mined again on KEY_VERSION 6 keys
# 27 (session 26): 16人 and 16名 are one figure; a number without a measure word is that number counted
# 28 (session 27): "only X" checks: a gloss's two words in a row, a name's initials in brackets, a transliteration
# one like-sounding character off a longer name's start or end, two neighbouring characters swapped; a word
# jieba tags as a person made of common words none a name (明显增加) is no detail
# 29 (session 27): a weekday's numeral is no count (周五批准, 周三一天 were read 周5批, 周31天)
# 30 (session 27): 美, 英, 欧 are a figure's currency only before 元/金, 镑, 元 (200美国人 counts no dollars)
# 31 (session 27): a one-outlet detail is kept only when a fitted model finds "only X names N" likely true
# (stories/onlyx_confidence.py)
# 32 (session 28): 摄影, 编辑, 翻译, 出处, 相关报道 and an agency's Latin name make a sentence furniture only in a
# credit's form (摄影：, （编译, 相关报道：, /AFP); 来源：, 作者：, 图/ are credits again
# 33 (session 29): "only X" checks: an organisation's head jieba cut from its name stands for the whole name (通讯社
# of 俄罗斯卫星通讯社), one-word Latin glosses and glosses after a whole name link the forms, a closing r/l may be
# unwritten in a transliteration (亚历山大/Alexander), a short form is not read into a name nesting it (联合报/联合早报)
# 34 (session 30): "only X" checks: long short forms (全国人大常委会), a same-sound misspelling (世为组织), a short
# form word in the text (国新办), a hyphen in a full name, a given name before a glossed full name is its last word,
# a glossed name another outlet transliterates otherwise (葛兰姆/格雷厄姆, Graham)
# 35 (session 31): "only X" checks: a middle initial in a full name (小约瑟夫·R·拜登), the pieces of a name glossed in
# Latin (鲍尔丁（Christopher Balding）), a short form of its name's words' first characters (卫健局),
# a given name with a courtesy title (經國先生), a transliteration run jieba cut into known words answering an
# unknown name of the same first sound in one fact (莱特|希泽 / 赖海哲)
# 36 (session 32, onlyx35): a word jieba's dictionary tags as a name that news text uses like a common word
# (治安 ns, 黑名单 nr; text.name_usage) is no detail name
# 37 (sessions 31-32, alias35): an alias variant folds only where it also ends a word (鲍尔丁 is not 鲍威尔丁), and where
# a word begins inside it only if folding keeps that word whole (北|朝鲜劳动党); paraphrases.tsv and the vectors
# are still those built on KEY_VERSION 6 keys (see text/PARAPHRASES.md); a Latin gloss is read after a space too
# (鲍尔丁 (Christopher Balding)), so an outlet writing the Latin name names the Han one, and its writers get the
# last three characters before it only outside a noun ending that text (not 机主教 of 枢机主教)
# 38 (sessions 32-33, gloss36, gloss37): "only X" checks: an outlet writing a name's Latin gloss, or another Han
# name glossed alike, in the archive's glosses either way round (text.glosses: 蓝韬文 / Dominic Raab, 福斯新闻 /
# 福克斯新闻, Palau（帕劳）) names it
# 39 (session 34, onlyx38): "only X" checks: an outlet writing another name a naming policy gives the same thing
# (text.namings: 冠病, 2019冠状病毒疾病 for 新冠) names it
# 40 (session 34, lead): glosses.tsv and name_usage.tsv mined again without the data fresh for session 35
# (2020-11-25, only-X sample L), name_usage on today's tokenizer
# 41 (session 34, numbers38): hedged figures are one-way ranges (30多 = 30-39, 近百 = 90-100, 上千 = 1000-9999),
# shares are percentages (四分之一 = 25, 三成 = 25-35), a numeral before 位数/倍数 is no count (两位数), 十几 is 10几
# 42 (session 34, furn38): a unit is shown without the datelines it opens with (路透华盛顿1月7日 - , （中央社…電）),
# and a series label run into a dateline is one; a credit line standing alone (王小明/李大华（路透社）, （譯者：…）) is furniture
# 43 (session 35, lead): glosses.tsv and name_usage.tsv mined again without the data fresh for session 36
# (2020-07-31, only-X sample M); 2020-11-25, tuning data now, is read
# 44 (session 35, onlyx39): "only X names N" is not said where another outlet names N by CC-CEDICT's English gloss
# or another Han name glossed so (史丹佛 for 斯坦福, Queensland for 昆士兰: text.dictionary_glosses); a Latin name's accents folded
# 45 (session 35, facts39): numbers punctuation keeps apart are two figures (6.7%-8.1%, 2008-2010年), a decimal
# comma before % is a point (23,48%), 5.81oled no figure; a semicolon inside brackets ends no sentence (（Airbus；又译空中巴士）)
# 46 (session 35, onlyx40): a candidate name CC-CEDICT holds only as a common word (lower-case pinyin only: 攸关) is no
# name in "only X names N", unless the alias table holds it or the sentence glosses it with a Latin name
# 47 (session 36, lead): glosses.tsv and name_usage.tsv mined again without the data fresh for session 37
# (2020-12-23, only-X sample N); 2020-07-31, tuning data now, is read
# 48 (session 36, facts40): numerals a space keeps apart before folding stay two figures (四分之三（78%）: not
# 4分之378); 一个月 is a duration (kind 个月), not one of the things 两个国家 counts; the amount round reads 500名 and
# 500人 as one amount
# 49 (session 36, onlyx41): a three-character transliteration found in another outlet's run of transliteration
# characters, one character of the same sound class replaced (塞莱姆 of 温斯顿-塞莱姆市 for 塞勒姆); a Latin gloss's
# surname read as the normalized text writes it (Karen C.Hermann: "c hermann"); a two- or three-character name (or
# its alias table spelling) written with a homophone that stands alone in jieba's cut (帛硫 for 帛琉/帕劳)
# 50 (session 37, lead): glosses.tsv and name_usage.tsv mined again without the data fresh for session 38
# (2020-09-02, only-X sample O); 2020-12-23, tuning data now, is read
# 51 (session 37, facts42): a figure counting 日 above 31 is a number of days (253日 = 253天), no date; an item of a
# numbered list holding a clause mark (4. 参加者除…外禁止饮食，劝导不听予以裁罚) is a statement, not a heading
# 52 (session 37, onlyx42): CC-CEDICT's own pointers join two names in "only X names N" (德州: abbr. for 德克萨斯州,
# Texas; 丘吉尔: variant of 邱吉尔), and the English name a pointer's sense gives is a gloss; a two-character dictionary
# form straddling two of jieba's words is not found (海西 of 青海|西宁); a piece jieba cut from a longer dictionary name
# (维多利亚 of 维多利亚公园) is named by an outlet writing the whole, a dictionary form of it or a made short form (维园)
# 53 (session 38, lead): glosses.tsv and name_usage.tsv mined again without the data fresh for session 39
# (2020-08-19, only-X sample P); 2020-09-02, tuning data now, is read
# 54 (session 38, facts44): a clause mark inside brackets cuts no clause (某电子科技有限公司（Example Electronics Co.,
# Ltd.）列入实体清单: one unit, not two)
# 55 (session 38, onlyx43): "only X names N" is not said where a silent outlet's sentence of the same
# fact writes another name (or, for a Latin gloss, its translation in nouns) between the same words before and after
# N (在|海滨航天基地|发射了 for 在|滨海发射场（Coastal Launch Site）|发射了), unless a person, or told apart by an
# outlet writing both or by the dictionary's English names
# 56 (session 39, lead): glosses.tsv and name_usage.tsv mined again without the data fresh for session 40
# (2020-08-26, only-X sample Q); 2020-08-19, tuning data now, is read
# 57 (session 39, facts45; the lead renumbers at merge): a Han numeral and measure word that begin a
# fixed word of jieba's dictionary count nothing (核三位一体 is no three people; 四人帮, 一次性)
# 58 (session 39, onlyx44; the lead renumbers at merge): a Latin name is named by an outlet writing it without its middle initials or with them
# (Alex M. Azar II, Alex Azar); CC-CEDICT's "Washington, D.C." read whole (the capital's gloss, not the state's);
# glosses.tsv mined without generic heads (新闻网, 联盟, 安全局: a Han name kept for 3+ unrelated Latin names); a people
# named with another head saying people, descent or ethnic group (犹太人, 犹太裔; 维吾尔人, 维吾尔族)
# 59 (session 40, lead): each outlet's spelling of a detail it names outside the fact's sentences (魯登科 in another
# paragraph, folded into 鲁坚科), so that a detail several outlets give is shown in each one's spelling
# 60 (session 40, onlyx45; the lead renumbers at merge): a word jieba cut from a name a Latin gloss follows is a piece,
# no detail (新海|芬（New Haven）, 维沙哈巴|南港（Visakhapatnam）): the name's claim is its gloss's
# 61 (session 41, lead): glosses.tsv and name_usage.tsv mined again without the data fresh for session 42 (2020-10-28
# +-3 days, only-X sample S's files)
# 62 (session 41, onlyx46; the lead renumbers at merge): an enterprise is named by its trade name and a legal form,
# an industry word between allowed (华为公司 names 华为技术有限公司; 香港星通技术有限公司 names 星通科技)
# 63 (session 41, lead): an outlet writing the given name of a dotted full name alone names the person its surname
# stands for (萨达姆 of 萨达姆·侯赛因 against 侯赛因), the reverse of the surname rule
# 64 (session 41, facts47 and facts48; the lead renumbers at merge): a Latin word glossing a name in the possessive (乐华
# （Lowell's）) is its gloss (an outlet writing it names the Han name); facts48: the pair model's last round after the
# rules (``fact_model.RESCUE`` at .2) on, a fact it widens showing only the only-X claims the rules' facts show.
# 65 (session 41, onlyx47; the lead renumbers at merge): a word jieba tags as a person that begins with a word
# CC-CEDICT holds only as a common word (道德风尚, 麻醉品) is no name detail
# 66 (session 41, onlyx48; the lead renumbers at merge): a word jieba's dictionary lacks that the tagger's cut of the
# sentence reads otherwise (inside a longer word, across its edge, or in pieces not all names: 布琼次 of 布琼次仁) is a piece
# 67 (session 42, lead): glosses.tsv and name_usage.tsv mined again without the data fresh for session 43 (2020-12-30
# +-3 days, only-X sample T's files)
# 68 (session 42, onlyx50; the lead renumbers at merge): an organisation's head (nt) written right after a common noun
# (国土|安全部, 卫生|福利部: a body's name jieba's dictionary lacks) is no name detail
# 69 (session 42, facts50; the lead renumbers at merge): a pair the pair model's round calls one fact (>= .4) that
# the one-statement rule keeps apart shows the unit as a second telling of the other's fact
# 70 (session 42, onlyx49; the lead renumbers at merge): a Latin gloss's Han name written by another outlet with a
# homophone jieba cut apart (赛伯|特 for 赛博特), or the whole Han run before the gloss with one homophone (试验室 for 实验室)
# 71 (session 42, furn42; the lead renumbers at merge): furniture by form: a line closing on a bracket with no closing
# mark before it or wholly bracketed with none inside (captions, credits, lone dates), a web address with at most a label,
# a photo line (date, place, act); a sentence's clauses cut as if its opening dateline were not there
# 72 (session 42, lead, clause42b): a clause that only sets the scene (在…的前一天，, 当…时，) goes with the clause it opens
# 73 (session 43, lead): glosses.tsv and name_usage.tsv mined again without the data fresh for session 44 (2020-10-01
# +-3 days, only-X sample U's files)
# 74 (session 43, facts52; the lead renumbers at merge): a continuity pair that shares only the story's topic bigrams
#   (given by >= 3/4 of its outlets, >= 3, in >= 1.5 units per outlet giving them) is not joined (CONTINUITY_TOPIC)
# 75 (session 44, lead): glosses.tsv and name_usage.tsv mined again without the data fresh for session 45 (2020-11-05
#   +-3 days, only-X sample V's files)
# 76 (session 45, lead): glosses.tsv and name_usage.tsv mined again without the data fresh for session 46 (2020-09-09
#   +-3 days, only-X sample W's files)
# 77 (session 45, facts58): an outlet's repeat shown as its second telling in a fact (SECOND_REPEAT .2 beyond the
#   story's topic bigrams and shared names, floor .3, best-in-fact), its only-X claims withheld
# 78 (session 45, lead's review): the repeat's shares summed exactly (math.fsum), the same whatever the hash seed
# 79 (session 46, lead): glosses.tsv and name_usage.tsv mined again without the data fresh for session 47 (2020-12-16
#   +-3 days, only-X sample X's files)
# 80 (session 46, onlyx60): two writings of one foreign name of unequal lengths in one fact are one name for the only-X
#   check (亚历塞维奇（Svetlana Alexievich）and 阿列克谢耶维奇; phonetic.transliterates_alike)
# 81 (session 46, facts61): the story's name fold takes no run that is the inside of a longer name (斯尼科 of
#   科列斯尼科娃), nor rewrites one
# 82 (session 47, lead): glosses.tsv and name_usage.tsv mined again without the data fresh for session 48 (2020-09-23
#   +-3 days, only-X sample Y's files)
# 83 (session 47, facts63): a unit shown in a second fact only when alike (Dice >= .05) some unit of each other outlet
#   of the fact (``compare.SECOND_LIKENESS``)
# 84 (session 47, onlyx63): a piece of a longer name is named by a short form of it no dictionary holds and jieba's
#   cut keeps apart (庆北 of 庆尚北道; compare.WHOLE_SHORT_FORMS, onlyx62's), and a homophone spelling of a name the cut
#   splits inside only by name stretches no CC-CEDICT word is the name (李家|诚; compare.HOMOPHONE_CUT_APART)
# 85 (session 48, lead): glosses.tsv and name_usage.tsv mined again without the data fresh for session 49 (2020-10-21
#   +-3 days, only-X sample Z's files)
# 86 (session 48, lead): a Han numeral whose first character ends a word is read after it (唯一一个 is 1个, not 11个;
#   text.numbers._first_ends_word, found by facts64)
# 87 (session 48, numbers67): two adjacent numerals are the range they count (两三个 is 2~3个, not 23个; 三四十人 30~40人,
#   十三四岁 13~14岁, 六七成 a share of 55-75; 八九年, which may be 1989, no figure): text.numbers._approximate
# 88 (session 48, onlyx64): Taiwan phrases no longer extend a word inside its compounds (哈薩克族人 was 哈萨克斯坦族人,
#   哈薩克斯坦 was 哈萨克斯坦斯坦; text.taiwan_phrases.EXTENDING)
# 89 (session 48, review52): such a range as the remainder of 万 is the amount's range (两万三四千 is 23000~24000,
#   not 23000 and a range running down to 4000)
# 90 (session 48, lead's last reading): 86's split asks jieba's cut too (比如一九四九年 was 比如一949年, 也许二〇二〇年
#   也许二20年: a dictionary word 如一, 许二 the cut does not make)
# 91 (session 49, lead): glosses.tsv and name_usage.tsv mined again without the data fresh for session 50 (2020-12-09
#   +-3 days, only-X sample AA's files)
# 92 (session 49, caption70): an image caption closing on a file photo's date in brackets, two days or more before the
#   report's (…领事馆外。（2015年7月23日）), is no unit of the comparison (compare._file_photo)
# 93 (session 49, numbers70): a zero look-alike among Han digits is a zero (二○一九年 was 二 19年, 二O三五年 二o35年:
#   text.numbers.fold_round_zero); two adjacent numerals after the hundreds or thousands count the place below
#   (一百二三十 is 120~130, not 130); after weeks counted with 个 a count is no weekday (一个礼拜一两次 is 1~2次 a week)
# 94 (session 49, opencc70): a Taiwan phrase rule no longer breaks a word it reaches into (拜登入主白宮 was 拜登录主白宫,
#   安全形勢嚴峻 安全角势严峻 where the cut splits 安全|形勢; text.taiwan_phrases.to_mainland)
# 95 (session 49, lead): glosses.tsv and name_usage.tsv mined again with opencc70's conversion (no data added or
#   left out: --as-shipped rebuilds them byte for byte again)
# 96 (session 50, lead): glosses.tsv and name_usage.tsv mined again without the data fresh for session 51 (2020-08-12
#   +-3 days, only-X sample AB's files)
# 97 (session 50, compare71): a Han decimal with 点 is one figure (十七点八亿 was 十七点8亿: text.numbers._HAN_DECIMAL), and
#   an amount's remainder is read whatever follows it (三万五千元 was 30000五千元, 三万零五六百 30000零五六百; 一万五 is
#   15000: text.numbers._remainder)
# 98 (session 50, compare71): a file photo's date beside a credit or a note in its bracket (（路透社2019年5月15日资料照）)
#   leaves its caption out as 92's bare date does (compare._PHOTO_DATE)
# 99 (session 50, translit74): the only-X check reads a Han transliteration and a Latin word as one name by a transducer
#   fitted on the archive's glosses (text.transliteration; compare.TRANSLITERATION_READER)
# 100 (session 50, recall73): the pair model's round's runner-up pair shows a unit packing two statements as a second
#   telling of its partner's fact (compare.SECOND_RUNNER .3)
# 101 (session 50, review54): 97's guard (no remainder read where no measure word follows) holds at the text's end too: a
#   sentence ending 200万两 (its 。 normalized away) read 2000002 (one sentence of the whole archive, on no tuning day)
# 102 (session 50, numbers72): no clock where 一点 is "a point" (这一点十分重要 was 这1时10分重要) or the minutes after 点 are one
#   Han digit (八点九分, a score); a percentage's number counts no thing (最高 1% 年营业额 was 1年, 百分之五人口 5人:
#   text.numbers.fold_percent_sign, compare._figure_text's percent mark)
# 103 (session 51, lead): glosses.tsv, name_usage.tsv and transliteration.tsv mined again without the data fresh for
#   session 52 (2020-10-07 +-3 days, only-X sample AC's files)
# 104 (session 51, onlyx77): a glossed Latin name is named by a silent outlet whose sentence of the fact writes another
#   translation of it (the glossed run's words, another head: compare.TRANSLATED_ALIKE)
# 105 (session 51, onlyx78): a surname after the name dot runs to the end of the name jieba reads inside its leading run
#   of transliteration characters (姆努钦 of 史蒂夫·姆努钦: compare.SURNAME_AFTER_DOT); a surname with a title is named by
#   another report's same surname with a term of the same kind (郑先生, 郑父: compare.SURNAME_WITH_TITLE)
# 106 (session 52, lead): glosses.tsv, name_usage.tsv and transliteration.tsv mined again without the data fresh for
#   session 53 (2021-01-04 +-3 days, only-X sample AD's files)
# 107 (session 52, onlyx79): a Latin name glossed onto an organisation's name and a common noun (澳大利亚广播公司|新闻网
#   （ABC News）) is named by an outlet naming the organisation (compare.GLOSSED_PART_OF_BODY)
# 108 (session 53, lead): glosses.tsv, name_usage.tsv and transliteration.tsv mined again without the data fresh for
#   session 54 (2020-07-24 +-3 days, only-X sample AE's files)
# 109 (session 53, onlyx81): a Han name in a bracket after another name (中共中央党校（国家行政学院）) or beside Latin names
#   in it is named by an outlet writing any of them (compare.BRACKET_ALIASES)
# 110 (session 53, fold82): the story's name fold folds a spelling only into one spelt alike (phonetic.spelt_alike:
#   a character in place or the transducer's reading, never two dictionary words sharing under half: not 希特勒 into
#   斯坦利, 莫斯科 into 明斯克)
# 111 (session 54, lead): glosses.tsv, name_usage.tsv and transliteration.tsv mined again without the data fresh for
#   session 55 (2020-11-03 +-3 days, only-X sample AF's files)
# 112: given to recall79 (session 54, the fact models refitted on 51 files), refused by its rule, never shipped
# 113 (session 54, onlyx82): a short form keeping a name's first word by its second character (港交所 of 香港联交所, 共军 of
#   中共军队) names the name (compare.ABBREVIATED_FIRST_WORD, names.abbreviates_first_word)
# 114 (session 55, lead): glosses.tsv, name_usage.tsv and transliteration.tsv mined again without the data fresh for
#   session 56 (2020-08-21 +-3 days, only-X sample AG's files)
# 115 (session 55, onlyx83): two writings of one foreign name in one fact read by the fitted transducer (奥黑尔 / 奥哈拉;
#   奥夫拉多尔 of Lopez Obrador) name one name (compare.SPELT_OTHERWISE_IN_FACT, transliteration.spelt_otherwise_in_fact)
# 116 (session 56, lead): glosses.tsv, name_usage.tsv and transliteration.tsv mined again without the data fresh for
#   session 57 (2020-09-14 +-3 days, only-X sample AH's files)
# 117 (session 57, lead): the three tables mined again without the data fresh for session 58 (2020-11-10 +-3 days,
#   only-X sample AI's files); glosses.tsv with session 56's fifth column (posts writing each Han form)
# 118 (session 58, lead): the three tables mined again without the data fresh for session 59 (2020-12-14 +-3 days,
#   only-X sample AJ's files); 2020-11-10 and sample AI read as tuning data
# 119 (session 58, summary96): an embedded post's credit line (— Name (@handle) October 2, 2020) and the foreign-language
#   post above it are no units (compare._embedded_posts), nor the page's bracketed note on itself (（本文稍后将有更新…）:
#   compare._PAGE_NOTE); a detail's spelling begins and ends on a letter (not "，肯亞") and a given name's is its whole dotted
#   name (沃尔特·里德, not 沃尔特: compare._dotted_whole)
# 120 (session 58, lead after review60): a dotted name's next part measured on the written text (伊万卡·川普, not
#   伊万卡·川普说: the alias table lengthens 川普 to 特朗普)
# 121 (session 59, lead): the three tables mined again without the data fresh for session 60 (2020-10-23 +-3 days,
#   only-X sample AK's files); 2020-12-14 and sample AJ read as tuning data
# 122 (session 59, summary97): a writer's bio closing a report is no unit; a short line closing on a quoted word
#   with no clause mark is a heading or a link; the units read from a picture's caption are listed (captions)
# 123 (session 59, recall85): the pair model's figure features read the veto's figures (a conflict only where the veto
#   sees one; agreement also over a hedge's range: 71万多 ~ 71.6万), shared digit strings kept
# 124 (session 59, onlyx97): "only X names N" withheld where another outlet writes N with a
#   name dot elsewhere, glosses it with particles (bin, von) or by its first Latin word alone, calls the person by surname
#   + 姓/某, or writes the body's name with its head widened (中央广播电视总台 for 中央广播电台)
# 125 (session 59, lead after review61): a name read across a misplaced name dot only where it lies across the dot's
#   place (林德梅 of 林德梅耶 is no longer found because the text holds 约瑟夫·拜登 elsewhere)
# 126 (session 60, lead): the three tables mined again without the data fresh for session 61 (2020-11-27 +-3 days,
#   only-X sample AL's files); 2020-10-23 and sample AK read as tuning data
# 127 (session 60, onlyx98): no name detail of a term jieba counts in tagged text (nz) or a body of its bulk list (nt)
#   that CC-CEDICT lacks, two words whose first is no proper name (反潜巡逻机, 邮电大学), nor of a two-character place
#   CC-CEDICT lacks that is no transliteration (新旧, 广达)
# 128 (session 61, lead): the three tables mined again without the data fresh for session 62 (2020-10-16 +-3 days,
#   only-X sample AM's files); 2020-11-27 and sample AL read as tuning data
# 129 (session 61, onlyx106): "only X" not said of a place another outlet writes by CC-CEDICT's one-character short form
#   in a run of them (港澳 for 澳门), nor of a name whose short form a dictionary sense gives after its English (大湾区)
# 130 (session 62, lead): the three tables mined again without the data fresh for session 63 (2020-07-29 +-3 days,
#   only-X sample AN's files); 2020-10-16 and sample AM read as tuning data
# 131 (session 62, onlyx107): "only X" not said of a Latin name another outlet translates word by word (福克斯商业频道 for
#   Fox Business Network), nor of a piece of a body's name glossed by initials another outlet writes (摩根士丹利 of MSCI)
# 132 (session 62, review63): PIECE_OF_INITIALLED reads initials written in full-width letters (美国在台协会（ＡＩＴ）)
# 133 (session 63, lead): the three tables mined again without the data fresh for session 64 (2020-08-02 +-3 days,
#   only-X sample AO's files); 2020-07-29 and sample AN read as tuning data
# 134 (session 63, onlyx108): "only X" not said of a person another outlet names by the given name before the surname's
#   dot (布拉希姆 of 布拉希姆·阿乌萨维), nor of a Latin name glossing a transliteration another outlet writes otherwise after
#   the same role word (检察官贾盖（Nicolas Jacquet）, 检察官亚盖)
# 135 (session 64, lead): the three tables mined again without the data fresh for session 65 (2020-12-04 +-3 days,
#   only-X sample AP's files); 2020-08-02 and sample AO read as tuning data
# 136 (session 64, clock112): a clock hour without its minutes (每晚八点, 晚上8点, 凌晨五时, 十时许) is the figure H时 where a
#   part of the day or a day of the month precedes it or 钟/许/整 follows (text.numbers._BARE_CLOCK)
# 137 (session 64, onlyx110): the name dots ･ and ∙ read as name dots by every reading of a dotted name (one set)
#   a given name written in a later part of another dotted name (勒布朗·詹姆斯) no longer names 詹姆斯·X's surname
#   a place with its suffix (孝感市, 湖北省, 台北县) named by an outlet writing it without (湖北孝感: PLACE_WITHOUT_SUFFIX)
# 138 (session 64, review65): 整 after a bare clock hour is no "on the hour" where it begins a word (提出5点整改要求)
# 139 (session 65, lead): the three tables mined again without the data fresh for session 66 (2020-11-23 +-3 days,
#   only-X sample AQ's files); 2020-12-04 and sample AP read as tuning data
# 140 (session 65, mend113): the name dots ⸱ (U+2E31) and ⋅ (U+22C5) read as name dots too (compare.NAME_DOTS)
# 141 (session 65, mend113): a clock hour after a part of the day past noon on the 24-hour clock (晚上8点 -> 20时,
#   下午3点半 -> 15时30分), twelve after 晚上/午夜/凌晨 ... midnight (0时): text.numbers._PM_CLOCK
# 142 (session 65, onlyx111): a person's whole name (习近平) named by an outlet writing its first character in a
#   meeting's name beside another named person's (马习会 where 马英九 is named: compare.SURNAME_SHORT_FORMS)
# 143 (session 66, lead): the three tables mined again without the data fresh for session 67 (2020-08-06 +-3 days,
#   only-X sample AR's files); 2020-11-23 and sample AQ read as tuning data
# 144 (session 65, review66): an evening's clock range ending at 12 ends at midnight (晚上8时至12时 -> 20时至0时)
# 145 (session 65, review66): no meeting's name read in three characters partly inside a name (蓬佩奥会, 刘会明)
# 146 (session 66, mend114): the meeting reading's "will before a word" guard not asked where 会 begins a word
#   itself (马习会面对, 马习会上表示 read as meetings)
# 147 (session 66, mend114): the meeting reading only for the story's most written person of the character (特金会
#   names 金正恩, not also 金永南)
# 148 (session 66, onlyx112): a body's short form of one character per word of its long name
#   (北高行 of 台北|高等|行政法院: compare.SHORT_FORM_WORD_BY_WORD), a trade name run on into its industry word
#   (大立光公司 for 大立光电: compare.TRADE_NAME_RUN_ON), one bearer's names an outlet's own statement lists
#   (原名王玉文，笔名王藏、"小王子": compare.NAME_STATEMENTS)
# 149 (session 66, numbers114): the end of a clock range whose start is read is a clock hour, whatever its mark
#   (下午3点至5点 -> 15时至17时, as 下午3时至5时; 上午九时到十一时 -> 9时到11时): text.numbers._BARE_CLOCK
# 150 (session 66, numbers114): a range from noon ends past noon (中午12时至2时 -> 12时至14时): text.numbers pm_clock
# 151 (session 66, numbers114): N日 right after 距今 or 过去 counts days (21天), no date: compare._SPAN_BEFORE
# 152 (session 67, lead): the three tables mined again without the data fresh for session 68 (2020-09-25 +-3 days,
#   only-X sample AS's files); 2020-08-06 and sample AR read as tuning data
# 153 (session 67, onlyx113): a piece of a whole name written as a run of glossed names (大不列颠|及|北爱尔兰|联合王国)
#   named by an outlet writing a word whose English name holds every piece's (英国: compare.PIECES_OF_GLOSSED_WHOLE); a
#   Latin original named by an outlet whose sentence of the fact writes a dictionary's name read as both it and the
#   giver's Han form (辛格 for 辛赫（Rajnath Singh）: compare.GLOSSED_KNOWN_SPELLING)
# 154 (session 68, lead): the three tables mined again without the data fresh for session 69 (2020-08-17 +-3 days,
#   only-X sample AT's files); 2020-09-25 and sample AS read as tuning data
# 155 (session 68, furniture68): a picture's marker or credit in brackets inside a sentence (金正恩（圖）, （圖取自…）)
#   cut out of the unit, matched and shown without it (compare.strip_picture_marks)
# 156 (session 69, lead): the three tables mined again without the data fresh for session 70 (2020-09-29 +-3 days,
#   only-X sample AU's files); 2020-08-17 and sample AT read as tuning data
# 157 (session 69, boiler69): a sentence an outlet writes in its reports of many different stories (its standing
#   furniture: text/outlet_furniture.tsv, bench/mine_furniture.py) is no unit (compare.outlet_furniture)
# 158 (session 70, lead): the four tables (glosses, name usage, transliterations, outlet furniture) mined again
#   without the data fresh for session 71 (2020-12-25 +-3 days, only-X sample AV's files); 2020-09-29 and sample AU
#   read as tuning data
# 159 (session 70, onlyx70): a piece of a long name its givers write only inside it (大洋洲 of 北美大洋洲司) is named by
#   an outlet writing a short form keeping the long name's head and a character of each of its words (美大司 of
#   北美|大洋洲|司; compare.HEAD_KEPT_PIECES; the other way, HEAD_KEPT_SHORT_FORMS, is off)
# 160 (session 71, lead): the four tables mined again without the data fresh for session 72 (2020-09-18 +-3 days,
#   only-X sample AW's files); 2020-12-25 and sample AV read as tuning data
# 161 (session 71, onlyx71): a Latin name glossed after an enterprise's Han name is named by an outlet writing its trade
#   name alone where CC-CEDICT glosses that word with the Latin name's first word (大和 of 大和证券（Daiwa Securities
#   Group）: compare.GLOSSED_TRADE_NAME); a long name by a short form CC-CEDICT points at it that is a common word too
#   (央行 of 中国人民银行: POINTED_COMMON_SHORT_FORMS); a third reader, a place before an office's name (台北 of
#   台北驻美代表处), was refused and stays on branch onlyx71
# 162 (session 72, lead): the four tables mined again without the data fresh for session 73 (2020-09-04 +-3 days,
#   only-X sample AX's files); 2020-09-18 and sample AW read as tuning data
# 163 (session 73, lead): the four tables mined again without the data fresh for session 74 (2020-10-12 +-3 days,
#   only-X sample AY's files); 2020-09-04 and sample AX read as tuning data
# 164 (session 73, onlyx73): another name of one body read from a fact's alignment (compare.ONE_OTHER_NAME_EACH,
#   session 72's refused reader) switched on, each unit's names read from every proper noun whatever its idf
#   (compare.EVERY_PROPER_NOUN: 中国人民解放军 is the other outlet's name of 中共军队)
# 165 (session 74, lead): the four tables mined again without the data fresh for session 75 (2020-07-20 +-3 days,
#   only-X sample AZ's files); 2020-10-12 and AY read since they are tuning data
# 166 (session 74, latin74): a Latin name another outlet writes in a near form (an inflection, spacing, punctuation,
#   diacritics or one slip of one word: text.latin_near) is named by it (compare.LATIN_NEAR_FORMS)
# 167 (session 75, lead): the four tables mined again without the data fresh for session 76 (2020-08-31 +-3 days,
#   only-X sample BA's files); 2020-07-20 and AZ read since they are tuning data


@dataclass(slots=True)
class SentenceRef:
    article_id: str
    outlet: str
    index: int  # position of the unit (a sentence, or a clause of a long one) in its article
    text: str  # the sentence as the outlet wrote it (original script)


def few(named: int, among: int) -> bool:
    """Whether ``named`` outlets of ``among`` are few enough to be said as "only they" name a thing: at most half."""
    return named * 2 <= among


@dataclass(slots=True)
class Fact:
    """One statement, with every sentence (from one or more outlets) that reports it."""

    sentences: list[SentenceRef]
    # Names and terms that some of the fact's outlets give and others leave out:
    # term (normalized, Simplified) -> the outlets whose sentences mention it.
    details: dict[str, list[str]] = field(default_factory=dict)
    # How each outlet writes a detail (term -> outlet -> its own spelling: 魯登科 for 鲁坚科).
    spellings: dict[str, dict[str, str]] = field(default_factory=dict)

    def spelled(self, term: str, outlet: str) -> str:
        return self.spellings.get(term, {}).get(outlet, term)

    @property
    def outlets(self) -> list[str]:
        return sorted({s.outlet for s in self.sentences})

    def written(self, term: str, outlets: list[str]) -> str:
        """A detail as the outlets giving it write it: one outlet's own spelling; several outlets'
        spellings side by side where they differ in more than script (鲁坚科/魯登科: no outlet's name
        shown in another's transliteration); the common (Simplified) form where none was found."""
        forms: dict[str, str] = {}
        for outlet in outlets:
            if outlet in self.spellings.get(term, {}):
                form = self.spellings[term][outlet]
                forms.setdefault(to_simplified(form), form)
        return "/".join(forms.values()) or term

    def detail_groups(self, among: int = 0) -> list[tuple[list[str], list[str]]]:
        """The details grouped by who gives them: [(outlets, terms)], the fewest outlets first. With ``among`` (the
        story's compared outlets), only the details at most half of them give (``few``): the pages say each group as
        "只有…提到", and a line naming 9 of 12 outlets after 只有 (reader79), or 4 of 5, says nothing a reader uses
        (summary96: 98 of 191 only-X lines of 32 tuning-data stories). The details stay in the comparison."""
        groups: dict[tuple[str, ...], list[str]] = {}
        for term, outlets in self.details.items():
            if among and not few(len(outlets), among):
                continue
            groups.setdefault(tuple(outlets), []).append(self.written(term, outlets))
        return sorted(((list(o), terms) for o, terms in groups.items()), key=lambda g: (len(g[0]), g[0]))


@dataclass(slots=True)
class Comparison:
    story_id: str
    outlets: list[str]  # every outlet with an article in the story
    shared: list[Fact] = field(default_factory=list)  # reported by every outlet
    partial: list[Fact] = field(default_factory=list)  # reported by more than one outlet, not all
    unique: dict[str, list[Fact]] = field(default_factory=dict)  # outlet -> facts only it reports
    # The reports compared from their start only: longer than a comparison reads (``stories.bounds``), their ids in the
    # order of the reports. A page says so (safety76): the units shown are not the whole report.
    read_in_part: list[str] = field(default_factory=list)
    # Report id -> the indexes of its units read from a picture's caption (by the page's structure, ``Article.images``).
    # They stay units of facts; a summary shows no line of them (summary97: 5 caption lines of 596 read, 3 without a
    # credit mark, 人们骑车路过…央视大楼。).
    captions: dict[str, list[int]] = field(default_factory=dict)

    def facts(self) -> list[Fact]:
        """Every fact: those all outlets report, those some report, then each outlet's own."""
        return [*self.shared, *self.partial, *(fact for own in self.unique.values() for fact in own)]

    def unique_details(self) -> dict[str, list[str]]:
        """outlet -> the names and terms only it gives in facts that others report too
        (the deputies' names in a meeting all outlets report)."""
        found: dict[str, list[str]] = {outlet: [] for outlet in self.outlets}
        seen: set[tuple[str, str]] = set()  # (outlet, shown): a list's `in` made this quadratic in an outlet's details
        for fact in [*self.shared, *self.partial]:
            for term, outlets in fact.details.items():
                if len(outlets) == 1 and (key := (outlets[0], fact.written(term, outlets))) not in seen:
                    seen.add(key)
                    found.setdefault(outlets[0], []).append(key[1])
        return found
