"""PostgreSQL's search documents, in pure Python (no server needed): chunks stay within the
tsvector limits without losing a phrase, and the bounded snippet equals search_key.snippet."""

from __future__ import annotations

import pytest

from newsmirror.store.pg_search import CHUNK_TOKENS, MAX_POSITIONS_PER_LEXEME, OVERLAP, chunks, window_snippet
from newsmirror.text.search_key import parse_query, snippet


def test_chunks_respect_both_limits_and_overlap() -> None:
    tokens = [f"t{n % 7}" for n in range(10_000)] + [f"u{n}" for n in range(5_000)]
    parts = chunks(tokens)
    assert all(len(p) <= CHUNK_TOKENS for p in parts)
    assert all(max(p.count(t) for t in set(p)) <= MAX_POSITIONS_PER_LEXEME for p in parts)
    # Every run of OVERLAP consecutive tokens lies whole inside some chunk.
    joined = [" ".join(p) for p in parts]
    for start in range(0, len(tokens) - OVERLAP, 97):
        run = " ".join(tokens[start:start + OVERLAP])
        assert any(run in chunk for chunk in joined), start
    assert chunks([]) == []


TEXTS = [
    "香港政府今天宣布…新冠疫情的防控措施將繼續執行。ＡＢＣ全形字。" * 30,
    "開頭" + "普通文字，" * 500 + "習近平說話" + "結尾" * 100,
    "习近平" + "x" * 10,
    "  前面有空格\n\n  和换行  疫情  ",
    "",
]


@pytest.mark.parametrize("query", ["疫情", "习近平", "ABC", "防控措施", "結尾", "不存在", "普通", "前面 换行"])
def test_window_snippet_is_snippet(query: str) -> None:
    for text in TEXTS:
        assert window_snippet(text, parse_query(query)) == snippet(text, parse_query(query))
