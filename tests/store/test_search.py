"""Full-text search: two-character words, phrases, either script, filters, ranking."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from newsmirror.model import Article
from newsmirror.store import SearchQuery, Store, open_store, search_query
from newsmirror.text import times


def article(slug: str, title: str, body: str, *, outlet: str = "示例报", day: int = 1) -> Article:
    return Article(outlet=outlet, title=title, original_url=f"https://example.org/{slug}", body_text=body,
                   published_at=datetime(2024, 3, day, 12, tzinfo=UTC))


def found(store: Store, text: str, **kw: object) -> list[str]:
    return [hit.article.original_url.rsplit("/", 1)[1] for hit in store.search(SearchQuery(text, **kw))]  # type: ignore[arg-type]


@pytest.fixture
def filled(store: Store) -> Store:
    store.upsert_article(article("hk-hans", "香港立法会选举结果公布", "今天香港举行选举。\n\n投票率偏低。", day=2))
    store.upsert_article(article("hk-hant", "香港選舉投票率創新低", "選民對選舉制度不滿。", outlet="中央社", day=3))
    store.upsert_article(article("smell", "港口见闻", "香味很浓，港口很大，选手很多。", day=4))
    store.upsert_article(article("putin", "普京会见马朝旭", "俄罗斯总统普京在莫斯科会见中国外交部副部长。", day=5))
    store.upsert_article(article("ma-hant", "馬朝旭赴莫斯科磋商", "中國外交部副部長馬朝旭抵達莫斯科。", outlet="中央社", day=6))
    store.upsert_article(article("tech", "Apple 发布新 iPhone", "苹果公司周二发布 iPhone 16。", day=7))
    return store


def test_two_character_word_needs_both_characters_together(filled: Store) -> None:
    assert sorted(found(filled, "香港")) == ["hk-hans", "hk-hant"]  # not "smell": 香 and 港 apart
    assert found(filled, "普京") == ["putin"]


def test_simplified_query_finds_traditional_and_back(filled: Store) -> None:
    assert sorted(found(filled, "马朝旭")) == ["ma-hant", "putin"]
    assert sorted(found(filled, "馬朝旭")) == ["ma-hant", "putin"]
    assert sorted(found(filled, "选举")) == ["hk-hans", "hk-hant"]
    assert sorted(found(filled, "選舉")) == ["hk-hans", "hk-hant"]


def test_longer_query_is_a_phrase_not_a_bag_of_bigrams(filled: Store) -> None:
    # Both articles contain 香港 and 选举, only one has them adjacent. Quoted, a phrase is one.
    assert found(filled, '"香港選舉"') == ["hk-hant"]
    assert found(filled, '"香港 选举"') == ["hk-hant"]
    assert sorted(found(filled, '"外交部副部长"')) == ["ma-hant", "putin"]
    # Not quoted, a query typed without spaces is cut into words, and the article holding it as typed comes first
    # (hk-hans is newer, and has both words in its title too).
    assert found(filled, "香港選舉") == ["hk-hant", "hk-hans"]
    assert sorted(found(filled, "外交部副部长")) == ["ma-hant", "putin"]
    assert found(filled, "香选") == []  # two characters are never cut: 香 and 选 apart are no match


@pytest.fixture
def xi(store: Store) -> Store:
    """习近平 and 访俄 in different places: together in a title, together in a body, apart in a title, apart
    in a body, and one of the two words alone. Both scripts; the newest are those that hold the words apart."""
    for slug, title, body, day in (
        ("title-together", "习近平访俄行程公布", "外交部今天宣布。", 1),
        ("body-together", "中俄元首会晤", "消息人士称，習近平訪俄的日期已定。", 2),
        ("title-apart", "習近平下月將訪俄", "克里姆林宫确认。", 3),
        ("body-apart", "外交消息", "习近平本月将出访，其中访俄一站备受关注。", 4),
        ("one-word", "习近平会见外宾", "没有提到俄罗斯之行。", 5),
    ):
        store.upsert_article(article(slug, title, body, day=day))
    return store


@pytest.mark.parametrize("query", ["习近平访俄", "習近平訪俄", "习近平訪俄"])
def test_a_query_typed_without_spaces_needs_its_words_anywhere_and_ranks_it_as_typed_first(
        xi: Store, query: str) -> None:
    """A Chinese reader types 习近平访俄, not 习近平 访俄; it found only the texts holding it so (polish70's walk:
    0 results where 习近平 访俄 gave 4). Now cut as the reader means it: every word required wherever it stands,
    in either script; the texts holding the phrase as typed first (in the title, then elsewhere), then those whose
    title holds every word, then the rest, newest first within each."""
    assert found(xi, query) == ["title-together", "body-together", "title-apart", "body-apart"]
    assert xi.count_search(SearchQuery(query)) == 4
    pages = [found(xi, query, limit=1, offset=n) for n in range(5)]
    assert pages == [["title-together"], ["body-together"], ["title-apart"], ["body-apart"], []]
    assert found(xi, query, limit=2, offset=1) == ["body-together", "title-apart"]
    assert [hit.score for hit in xi.search(SearchQuery(query))] == [4.0, 3.0, 2.0, 1.0]
    # Typed with a space, the words are two terms as before: title matches first, newest first.
    assert found(xi, "习近平 访俄") == ["title-apart", "title-together", "body-apart", "body-together"]
    # Quoted, it is one phrase; excluded, it excludes the phrase only.
    assert found(xi, f'"{query}"') == ["title-together", "body-together"]
    assert found(xi, f"习近平 -{query}") == ["one-word", "title-apart", "body-apart"]


def test_the_snippet_of_a_hit_holding_the_phrase_in_its_body_shows_it(store: Store) -> None:
    """Ranked for the phrase its body holds, a hit showed the window around the first of the words instead, far from
    it: a reader could not see why it came first."""
    body = "习近平今天出席会议。" + "会议讨论了很多问题，" * 40 + "外界关注習近平訪俄的安排。"
    store.upsert_article(article("far", "中俄关系", body))
    [hit] = store.search(SearchQuery("习近平访俄"))
    assert hit.score == 3.0 and "習近平訪俄" in hit.snippet and "习近平今天" not in hit.snippet
    [hit] = store.search(SearchQuery("习近平 访俄"))  # typed with a space: the first of the words, as before
    assert hit.snippet.startswith("习近平今天")


def test_a_function_word_between_words_is_not_required_but_the_phrase_ranks_first(store: Store) -> None:
    store.upsert_article(article("in", "普京在莫斯科接见", "会谈。", day=1))
    store.upsert_article(article("to", "普京抵达莫斯科", "会谈。", day=2))
    store.upsert_article(article("apart", "普京讲话", "莫斯科下雪。", day=3))
    assert found(store, "普京在莫斯科") == ["in", "to", "apart"]
    assert found(store, "普京在莫斯科 -讲话") == ["in", "to"]


def test_several_terms_are_all_required_and_minus_excludes(filled: Store) -> None:
    assert found(filled, "普京 莫斯科") == ["putin"]
    assert found(filled, "莫斯科 -普京") == ["ma-hant"]


def test_single_character_and_latin_words(filled: Store) -> None:
    assert "smell" in found(filled, "味")
    assert "putin" in found(filled, "京")  # last character of a run
    assert found(filled, "IPHONE") == ["tech"]
    assert found(filled, "iphone 16") == ["tech"]


def test_outlet_and_date_filters(filled: Store) -> None:
    assert found(filled, "选举", outlet="中央社") == ["hk-hant"]
    assert found(filled, "莫斯科", since=datetime(2024, 3, 6, tzinfo=UTC)) == ["ma-hant"]
    assert found(filled, "莫斯科", until=datetime(2024, 3, 6, tzinfo=UTC)) == ["putin"]


def test_date_range_edges_are_exact_to_the_second(store: Store) -> None:
    # The index walk is bounded by the range too; the bound must never cut a match nor let one in.
    edge = datetime(2024, 5, 1, 8, 0, 0, tzinfo=UTC)
    moments = {"just-before": edge - timedelta(microseconds=1), "second-before": edge - timedelta(seconds=1),
               "at": edge, "just-after": edge + timedelta(microseconds=500_000), "day-before": edge - timedelta(days=1)}
    for slug, moment in moments.items():
        store.upsert_article(Article(outlet="示例报", title=f"选举消息{slug}", original_url=f"https://example.org/{slug}",
                                     body_text="选举结果公布。", published_at=moment))
    assert sorted(found(store, "选举", until=edge)) == ["day-before", "just-before", "second-before"]
    assert sorted(found(store, "选举", since=edge)) == ["at", "just-after"]
    assert sorted(found(store, "选举", since=edge - timedelta(seconds=1), until=edge)) == ["just-before", "second-before"]
    assert store.count_search(SearchQuery("选举", until=edge)) == 3


def test_a_day_of_a_search_is_a_day_in_utc8_the_zone_times_are_shown_in(store: Store) -> None:
    # 23:30 UTC on the 4th is 07:30 UTC+8 on the 5th: shown on the 5th, so found by the 5th, not the 4th.
    moments = {"late-utc": datetime(2023, 2, 4, 23, 30, tzinfo=UTC),
               "eve": datetime(2023, 2, 4, 15, 59, 59, tzinfo=UTC),  # 23:59:59 UTC+8 on the 4th
               "midnight": datetime(2023, 2, 4, 16, 0, tzinfo=UTC),  # 00:00 UTC+8 on the 5th
               "next": datetime(2023, 2, 5, 16, 0, tzinfo=UTC)}  # 00:00 UTC+8 on the 6th
    for slug, moment in moments.items():
        store.upsert_article(Article(outlet="示例报", title=f"选举消息{slug}", original_url=f"https://example.org/{slug}",
                                     body_text="选举结果公布。", published_at=moment))

    def on(since: date | None, until: date | None) -> list[str]:
        query = search_query("选举", None, since, until, limit=100)
        assert store.count_search(query) == len(store.search(query))
        return sorted(hit.article.original_url.rsplit("/", 1)[1] for hit in store.search(query))

    assert on(date(2023, 2, 5), date(2023, 2, 5)) == ["late-utc", "midnight"]
    assert on(date(2023, 2, 5), None) == ["late-utc", "midnight", "next"]
    assert on(None, date(2023, 2, 4)) == ["eve"]
    for slug, moment in moments.items():  # every article is found on the day every view shows it on
        shown = date.fromisoformat(times.day(moment))
        assert slug in on(shown, shown) and slug not in on(shown + timedelta(days=1), None)
    assert on(date.min, date.max) == sorted(moments)  # the calendar's ends: no limit


def test_title_match_outranks_body_match_and_ties_go_to_the_newer(store: Store) -> None:
    for n in range(6):  # other articles, so that the words below are rare enough to carry weight
        store.upsert_article(article(f"other-{n}", f"其他新闻{n}", f"今天天气第{n}次晴朗。"))
    store.upsert_article(article("body", "今日要闻", "新闻提到台风来袭，居民撤离。" + "其他内容。" * 5, day=9))
    store.upsert_article(article("title", "台风来袭", "居民撤离，其他内容。" + "其他内容。" * 5, day=1))
    assert found(store, "台风") == ["title", "body"]
    store.upsert_article(article("same-old", "地震", "发生地震。", outlet="甲", day=1))
    store.upsert_article(article("same-new", "地震", "发生地震。", outlet="乙", day=8))
    assert found(store, "地震") == ["same-new", "same-old"]


def test_index_follows_edits(filled: Store) -> None:
    filled.upsert_article(article("smell", "港口见闻", "海风很大，渔船很多。", day=4))
    assert found(filled, "香味") == []
    assert found(filled, "渔船") == ["smell"]


def test_hits_carry_a_snippet_in_the_original_script_and_limits_apply(filled: Store) -> None:
    hits = filled.search(SearchQuery("马朝旭", outlet="中央社"))
    assert len(hits) == 1 and "馬朝旭" in hits[0].snippet
    assert hits[0].score > 0
    assert len(filled.search(SearchQuery("莫斯科", limit=1))) == 1
    assert len(filled.search(SearchQuery("莫斯科", limit=1, offset=1))) == 1
    assert filled.search(SearchQuery("莫斯科", limit=1, offset=2)) == []


@pytest.mark.parametrize("hostile", ['"', "AND", "NEAR(a b)", "* OR -", "title_key:香港", "''", "   ", "-香港"])
def test_query_syntax_is_never_passed_through(filled: Store, hostile: str) -> None:
    filled.search(SearchQuery(hostile))  # no exception; FTS5 operators are quoted as words


def test_articles_stored_before_the_index_existed_are_indexed_on_open(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    with open_store(path) as store:
        store.upsert_article(article("hk-hans", "香港选举", "今天香港举行选举。"))
        # Make it look like a database from before migration 0002 was applied.
        store.execute("INSERT INTO article_search (article_search) VALUES ('delete-all')")  # type: ignore[attr-defined]
        store.execute("DELETE FROM search_docs")  # type: ignore[attr-defined]
        store.execute("INSERT INTO search_backfill VALUES (1)")  # type: ignore[attr-defined]
        assert found(store, "香港") == []
    with open_store(path) as store:
        assert found(store, "香港") == ["hk-hans"]


def test_name_aliases_find_each_other(filled: Store) -> None:
    filled.upsert_article(article("putin-tw", "普丁與習近平通話", "俄羅斯總統普丁表示。", outlet="中央社", day=8))
    assert sorted(found(filled, "普京")) == ["putin", "putin-tw"]
    assert sorted(found(filled, "蒲亭")) == ["putin", "putin-tw"]


def test_shared_ranking_title_then_newest_then_id(store: Store) -> None:
    # The order every backend must give (Store.search): title matches first, then the newest,
    # undated last, then by id; neither length nor how often the word occurs counts.
    store.upsert_article(article("body-new", "今日要闻", "台风" * 50, day=9))
    store.upsert_article(article("body-old", "其他", "提到台风。", day=2))
    store.upsert_article(article("title-old", "台风来袭", "居民撤离。", day=1))
    store.upsert_article(article("title-new", "又有台风", "居民撤离。", day=5))
    undated = Article(outlet="示例报", title="无日期", original_url="https://example.org/undated",
                      body_text="台风过境。")
    store.upsert_article(undated)
    assert found(store, "台风") == ["title-new", "title-old", "body-new", "body-old", "undated"]
    for a, b in (("same-a", "same-b"),):
        store.upsert_article(article(a, "同日", "地震发生。", day=3))
        store.upsert_article(article(b, "同日", "地震再次发生。", day=3))
    ids = [h.article.id for h in store.search(SearchQuery("地震"))]
    assert ids == sorted(ids)


def test_title_match_needs_every_term_in_the_title(store: Store) -> None:
    store.upsert_article(article("split", "香港新闻", "选举今天举行。", day=9))
    store.upsert_article(article("both", "香港选举", "今天举行。", day=1))
    assert found(store, "香港 选举") == ["both", "split"]


def test_count_search_ignores_paging_and_applies_filters(filled: Store) -> None:
    assert filled.count_search(SearchQuery("莫斯科", limit=1, offset=1)) == 2
    assert filled.count_search(SearchQuery("莫斯科", outlet="中央社")) == 1
    assert filled.count_search(SearchQuery("选举 -香港")) == 0
    assert filled.count_search(SearchQuery("   ")) == 0
    assert filled.count_search(SearchQuery("莫斯科")) == len(filled.search(SearchQuery("莫斯科")))


def test_matches_deep_inside_long_articles_are_found(store: Store) -> None:
    # Past 16,383 tokens (PostgreSQL's tsvector position limit) and after a word has occurred
    # more than 256 times (its per-word position limit): still found, as a phrase.
    filler = "今天天气很好大家出门散步" * 2000  # ~24,000 bigrams, 天气 2,000 times
    store.upsert_article(article("long", "长文", filler + "马朝旭抵达。" + filler + "天气预报员说。"))
    store.upsert_article(article("short", "短文", "天气晴朗。"))
    assert found(store, "马朝旭") == ["long"]
    assert found(store, "天气预报") == ["long"]
    assert found(store, "朝旭抵达") == ["long"]
    hits = store.search(SearchQuery("马朝旭"))
    assert "马朝旭" in hits[0].snippet and len(hits[0].snippet) < 200


def _urls(store: Store, text: str) -> list[str]:
    return [hit.article.original_url.rsplit("/", 1)[1] for hit in store.search(SearchQuery(text, limit=100))]


@pytest.mark.parametrize(("word", "holders"), [
    ("肺炎", {"covid", "wuhan-pneumonia", "pneumonia-hant"}),
    ("武汉", {"wuhan-pneumonia", "wuhan-city"}),
    ("拜登", {"biden-hans", "biden-hant"}),
    ("影片", {"film-hans", "film-hant"}),
    ("程式", {"program-hans", "program-hant"}),
])
def test_folding_adds_forms_and_never_loses_what_was_written(store: Store, word: str, holders: set[str]) -> None:
    # Each listed word is found in every article that contains it, in either script; a word the
    # alias table or a Taiwan phrase folds into another is still found as written.
    texts = {
        "covid": ("新冠肺炎疫情", "新冠肺炎患者增加。"),
        "wuhan-pneumonia": ("武汉肺炎", "武汉肺炎在多国传播。"),
        "wuhan-city": ("武汉封城", "武汉市民在家。"),
        "pneumonia-hant": ("肺炎疫情", "中共肺炎的確診人數上升。"),
        "biden-hans": ("拜登出任总统", "拜登出任总统后首次讲话。"),
        "biden-hant": ("拜登出任總統", "拜登出任總統後首次講話。"),
        "film-hans": ("一部影片", "这部影片很长，视频网站转载。"),
        "film-hant": ("一部影片", "這部影片很長。"),
        "video-hans": ("视频网站", "视频网站的新功能。"),
        "program-hans": ("学习程式", "他学习程式设计。"),
        "program-hant": ("學習程式", "他學習程式設計。"),
        "procedure-hans": ("法律程序", "按法律程序处理。"),
    }
    for day, (slug, (title, body)) in enumerate(texts.items(), 1):
        store.upsert_article(article(slug, title, body, day=day))
    assert set(_urls(store, word)) == holders
    assert store.count_search(SearchQuery(word)) == len(holders)


def test_taiwan_phrases_fold_only_traditional_text(store: Store) -> None:
    store.upsert_article(article("biden", "拜登出任总统", "拜登出任总统。"))
    store.upsert_article(article("video-tw", "這部影片", "這部影片很長。", day=2))
    store.upsert_article(article("video-cn", "这部视频", "这部视频很长。", day=3))
    assert _urls(store, "注销") == []  # 登出 in Simplified text is not the Taiwan word for log out
    assert sorted(_urls(store, "视频")) == ["video-cn", "video-tw"]  # 影片 in Taiwan text is 视频 too
    assert _urls(store, "影片") == ["video-tw"]  # but 影片 is not every 视频


def test_title_matches_first_then_newest_then_id_and_total(store: Store) -> None:
    for day in range(1, 8):
        store.upsert_article(article(f"body-{day}", f"新闻{day}", "今天台风来袭。", day=day))
    store.upsert_article(article("title-old", "台风来袭", "居民撤离。", day=1))
    store.upsert_article(article("title-new", "台风过后", "居民返回。", day=5))
    expected = ["title-new", "title-old"] + [f"body-{day}" for day in range(7, 0, -1)]
    assert _urls(store, "台风") == expected
    pages = [found(store, "台风", limit=3, offset=offset) for offset in (0, 3, 6)]
    assert [url for page in pages for url in page] == expected
    assert store.count_search(SearchQuery("台风", limit=2, offset=5)) == 9
    assert store.count_search(SearchQuery("台风", outlet="别的报")) == 0
    assert store.count_search(SearchQuery("-台风")) == 0


def test_edited_article_leaves_no_trace_of_its_old_text_in_the_index(store: Store) -> None:
    store.upsert_article(article("a", "旧标题", "地震发生。"))
    store.upsert_article(article("a", "新标题", "洪水来袭。"))
    assert found(store, "地震") == [] and store.count_search(SearchQuery("地震")) == 0
    assert found(store, "洪水") == ["a"]


def test_an_invisible_character_inside_a_phrase_does_not_hide_it(store: Store) -> None:
    # 大纪元 wrote 美军人员<U+200B><U+200B>在斯里兰卡 (2020-10-28): the zero-width spaces cut the run of characters in
    # two, and `newsmirror search 美军人员在斯里兰卡` found nothing. A soft hyphen or a BOM hid a word the same way.
    store.upsert_article(article("zwsp", "蓬佩奥访问斯里兰卡", "后两者会使美军人员\u200b\u200b在斯里兰卡的行动更加容易。"))
    store.upsert_article(article("shy", "Pompeo in Colombo", "an agree\u00adment on the \ufeffstatus of forces"))
    assert found(store, "美军人员在斯里兰卡") == ["zwsp"]
    assert found(store, "人员\u200b在") == ["zwsp"]  # pasted with the invisible character
    assert found(store, "agreement") == ["shy"] and found(store, "status") == ["shy"]
    assert found(store, "美军人员") == ["zwsp"] and found(store, "员在斯") == ["zwsp"]


def test_a_query_of_many_words_searches_the_first_ones_and_says_which_it_left_out(filled: Store) -> None:
    """Each word of a query is a term each backend looks up on its own (FTS5 once per rank, PostgreSQL one join
    each) and each single character a prefix walk over every bigram it begins: a 500-character query of many words
    took seconds (safety71: 25 s on SQLite for a run jieba cut into 130 words, 101 of them single characters, on the
    whole archive; 2.5 s of PostgreSQL planning for 120 words on an empty store). The first words are searched, as
    many as ``MAX_QUERY_WORDS`` with at most ``MAX_SINGLE_CHARACTERS`` single characters; the rest are left out,
    and said so, so an article holding the first words is found though it holds none of the others."""
    held = ["普京", "会见", "马朝旭", "俄罗斯", "总统", "莫斯科", "中国", "外交部", "部长", "罗斯", "斯科", "国外"]
    others = ["西瓜", "火车", "雨伞", "钢琴", "邮票", "骆驼", "蜡烛", "铅笔", "风筝", "枕头", "橡皮", "围巾", "拖鞋", "算盘"]
    spaced = " ".join(held + others)
    assert found(filled, spaced) == ["putin"]
    assert found(filled, "马朝旭 副 猫 狗") == ["ma-hant", "putin"]  # 副 of 副部长 searched; 猫 and 狗 left out

    from newsmirror.text.search_key import MAX_QUERY_WORDS, MAX_SINGLE_CHARACTERS, parse_query

    parsed = parse_query(spaced)
    assert len(parsed.terms) == MAX_QUERY_WORDS == len(held) and parsed.left_out == others
    parsed = parse_query("普京 " + " ".join("猫狗鸟鱼虾"))
    assert sum(term.prefix for term in parsed.terms) == MAX_SINGLE_CHARACTERS == 1
    assert parsed.left_out == list("狗鸟鱼虾")
    # Typed without spaces: the cut's words count one by one; the run itself still ranks as typed.
    unspaced = "普京会见马朝旭" + "".join(others)
    parsed = parse_query(unspaced)
    assert parsed.left_out and len(parsed.terms) == MAX_QUERY_WORDS and len(parsed.phrases) == 1
    assert not parse_query("普京 莫斯科").left_out and not parse_query("习近平访俄").left_out


@pytest.mark.skipif(not os.environ.get("NEWSMIRROR_TEST_PG_DSN"), reason="needs a PostgreSQL server (scripts/test)")
def test_postgresql_compiles_no_search_plan() -> None:
    """A search joins one subquery per word; the planner, multiplying their estimates, expected millions of rows, and
    past ``jit_above_cost`` PostgreSQL JIT-compiled the plan of a page of 20: 1.8 of 1.9 s for 12 common words on
    2,441 articles, 0.085 s without (safety71). The search and its count run with JIT off (in their own transaction:
    the session keeps its setting). Checked in the transaction the query runs in, JIT made as eager as it can be."""
    from tests.store.pg_util import fresh_postgres_store

    store = fresh_postgres_store(os.environ["NEWSMIRROR_TEST_PG_DSN"])
    try:
        for n, words in enumerate(("普京 莫斯科", "普京 会见 马朝旭 俄罗斯 总统 莫斯科 中国 外交部 部长 罗斯", "普京会见马朝旭")):
            store.upsert_article(article(f"a{n}", f"普京会见马朝旭{n}", f"俄罗斯总统普京在莫斯科会见中国外交部副部长。{words}"))
        connection = store._db
        session = connection.execute("SELECT current_setting('jit') AS jit").fetchone()["jit"]
        connection.execute("SET jit_above_cost = 0")  # the session's: any plan would be compiled
        connection.execute("COMMIT")
        seen: list[str] = []
        execute = connection.execute

        def watching(query: object, *args: object, **kwargs: object) -> object:
            text = query.decode() if isinstance(query, bytes) else str(query)
            if "search_index" in text and text.lstrip().upper().startswith("SELECT"):
                seen.append(execute("SELECT current_setting('jit') AS jit").fetchone()["jit"])
            return execute(query, *args, **kwargs)

        connection.execute = watching  # type: ignore[method-assign]
        for words in ("普京", "普京 莫斯科 会见", "普京会见马朝旭"):
            assert store.search(SearchQuery(words)) and store.count_search(SearchQuery(words)) == 3
        assert seen and set(seen) == {"off"}, seen
        connection.execute = execute  # type: ignore[method-assign]
        assert execute("SELECT current_setting('jit') AS jit").fetchone()["jit"] == session
    finally:
        store.close()
