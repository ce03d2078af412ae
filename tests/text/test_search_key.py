"""The search key every backend indexes: bigrams of folded text."""

from __future__ import annotations

from newsmirror.text.search_key import fts5_match, match_spans, parse_query, search_key, snippet, tokens


def test_key_is_simplified_bigrams_with_the_last_character_of_each_run() -> None:
    assert search_key("馬朝旭說，OK！") == "马朝 朝旭 旭说 说 ok"
    assert search_key("香港") == search_key("香港")


def test_query_tokens_leave_out_the_run_end_so_text_may_continue() -> None:
    assert tokens("马朝旭", for_query=True) == ["马朝", "朝旭"]
    parsed = parse_query('馬朝旭 "hong kong" -普京 京')
    assert [(t.text, t.negated, t.prefix) for t in parsed.terms] == [
        ("马朝旭", False, False), ("hong kong", False, False), ("普京", True, False), ("京", False, True)]
    assert fts5_match(parsed) == '"马朝 朝旭" AND "hong kong" AND "京"* NOT "普京"'


def test_only_negative_or_empty_queries_are_empty() -> None:
    assert parse_query("-香港").is_empty()
    assert parse_query("  ，。 ").is_empty()


def test_spans_and_snippet_are_in_the_original_script() -> None:
    text = "中國外交部副部長馬朝旭抵達莫斯科。"
    parsed = parse_query("马朝旭 莫斯科")
    assert [text[a:b] for a, b in match_spans(text, parsed)] == ["馬朝旭", "莫斯科"]
    assert snippet("前言。" * 100 + text, parsed, width=40).count("馬朝旭") == 1
