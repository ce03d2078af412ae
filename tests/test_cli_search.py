"""`newsmirror search`: the reader's search (the same query, the same hits, the same marked words) on a terminal."""

from __future__ import annotations

import ast
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rich.console import Console
from typer.testing import CliRunner

from newsmirror.cli import app
from newsmirror.cli.search import MATCH_STYLE, marked
from newsmirror.cli.terminal import plain
from newsmirror.model import Article
from newsmirror.store import SearchQuery, article_summary, open_store
from newsmirror.text.search_key import parse_query
from newsmirror.web import create_app
from newsmirror.web.api import ArticleSummary
from newsmirror.web.render import highlight
from tests.test_cli_terminal import MARKUP_OUTLET, MARKUP_TITLE
from tests.web.conftest import SIMPLIFIED, TRADITIONAL, fill

SRC = Path(__file__).resolve().parent.parent / "src" / "newsmirror"
HOSTILE_TITLE = "[bold red]马朝旭[/]\x1b[2J[link=file:///etc/passwd]点我[/link]\\"


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "s.sqlite"
    with open_store(path) as store:
        fill(store)
        store.upsert_article(Article(outlet=MARKUP_OUTLET, title=HOSTILE_TITLE, original_url="https://example.org/h",
                                     body_text="马朝旭 " + MARKUP_TITLE))
    return str(path)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["search", *args])
    return result.exit_code, result.output


def ids_of(output: str) -> list[str]:
    return re.findall(r"\b[0-9a-f]{16}\b", output)


def test_either_script_gives_the_same_hits_as_the_api(db: str) -> None:
    with open_store(db) as store:
        api = TestClient(create_app(store))
        for query, extra in (("马朝旭", {}), ("馬朝旭", {}), ("莫斯科 -习近平", {}), ("马朝旭", {"outlet": "中央社"}),
                             ("马朝旭", {"since": "2024-05-03", "until": "2024-05-03"})):
            expected = [hit["article"]["id"] for hit in api.get("/api/search", params={"q": query, **extra}).json()["hits"]]
            options = [part for key, value in extra.items() for part in (f"--{key}", value)]
            code, output = run(*query.split(), *options, "--db", db)
            assert code == 0, output
            assert ids_of(output) == expected, (query, extra)
    assert ids_of(run("马朝旭", "--db", db)[1]) == ids_of(run("馬朝旭", "--db", db)[1])
    assert TRADITIONAL.id in ids_of(run("马朝旭", "--db", db)[1]) and SIMPLIFIED.id in ids_of(run("馬朝旭", "--db", db)[1])


@pytest.mark.parametrize("query", ["习近平访俄", "習近平訪俄"])
def test_a_query_typed_without_spaces_finds_its_words_apart(db: str, query: str) -> None:
    """As the reader's search: 习近平访俄 finds the report saying 習近平是否訪俄 (it found nothing), its words marked."""
    code, output = run(query, "--snippets", "--db", db)
    assert code == 0 and ids_of(output) == [TRADITIONAL.id], output
    line = marked("習近平是否訪俄", parse_query(query))
    assert [line.plain[span.start:span.end] for span in line.spans if span.style == MATCH_STYLE] == ["習近平", "訪俄"]


@pytest.mark.parametrize("typed", ["新聞網", " 新闻 网 "])
def test_an_outlet_typed_in_the_other_script_is_searched_as_the_api_searches_it(db: str, typed: str) -> None:
    # polish73: `search --outlet 德國之聲` was refused ("did you mean '德国之声'?") where /api/search, the reader and
    # `stories show --outlet` take the other script (as_stored). The CLI now finds what the API finds.
    with open_store(db) as store:
        api = TestClient(create_app(store))
        expected = [hit["article"]["id"] for hit in
                    api.get("/api/search", params={"q": "马朝旭", "outlet": typed}).json()["hits"]]
    code, output = run("马朝旭", "--outlet", typed, "--db", db)
    assert code == 0, output
    assert ids_of(output) == expected == [SIMPLIFIED.id], output
    assert ids_of(output) == ids_of(run("马朝旭", "--outlet", "新闻网", "--db", db)[1])


def test_json_has_the_api_shape(db: str) -> None:
    code, output = run("馬朝旭", "--outlet", "中央社", "--json", "--db", db)
    assert code == 0, output
    found = json.loads(output)
    assert found["total"] == 1 and found["query"] == "馬朝旭"
    assert found["hits"][0]["article"]["id"] == TRADITIONAL.id and "马朝旭" not in found["hits"][0]["snippet"]


def test_table_gives_the_time_in_utc8_the_outlet_and_the_limit(db: str) -> None:
    code, output = run("马朝旭", "--limit", "1", "--db", db)
    assert code == 0, output
    assert "UTC+8" in output and "of 3 articles" in output and "--limit 3" in output
    code, output = run("磋商", "--outlet", "中央社", "--db", db)
    assert "2024-05-03 10:00" in output and "中央社" in output  # stored at 10:00 +08:00


def test_matches_are_the_words_the_reader_marks() -> None:
    parsed = parse_query("马朝旭 莫斯科")
    for title in (TRADITIONAL.title, SIMPLIFIED.title, "莫斯科马朝旭，馬朝旭"):
        reader = re.findall(r"<mark>(.*?)</mark>", str(highlight(title, parsed)))
        line = marked(title, parsed)
        styled = [line.plain[span.start:span.end] for span in line.spans if span.style == MATCH_STYLE]
        assert styled == reader and reader, title
    console = Console(force_terminal=True, color_system="standard", width=200)
    with console.capture() as captured:
        console.print(marked(TRADITIONAL.title, parsed))
    assert "\x1b[30;43m馬朝旭\x1b[0m" in captured.get()


def test_hostile_titles_print_as_text(db: str) -> None:
    result = CliRunner().invoke(app, ["search", "马朝旭", "--snippets", "--db", db], env={"COLUMNS": "400"})
    code, output = result.exit_code, result.output  # one line a row: each cell whole
    assert code == 0, output
    assert "\x1b" not in output and "\x07" not in output
    with open_store(db) as store:
        stored = [hit.article.title for hit in store.search(SearchQuery("点我"))]  # as the store keeps it
    assert stored and "[bold red]马朝旭[/]" in stored[0] and stored[0].endswith("[link=file:///etc/passwd]点我[/link]\\")
    for text in (plain(stored[0]), MARKUP_OUTLET, MARKUP_TITLE):
        assert text in output, text


def test_nothing_found_says_so_and_gives_the_syntax(db: str) -> None:
    code, output = run("没有这个词", "--db", db)
    assert code == 0 and "no article matches 没有这个词" in output and "-word excludes" in output
    code, output = run("马朝旭", "--since", "2030-01-01", "--db", db)
    assert code == 0 and "without --since/--until" in output


@pytest.mark.parametrize("args, said", [
    (["-马朝旭"], "nothing to search for in '-马朝旭'"),
    (["！？"], "nothing to search for"),
    (["马朝旭", "--limt", "3"], "no such option '--limt'"),
    (["马朝旭", "--outlet", "中央社X"], "no articles of outlet '中央社X'"),
    (["马朝旭", "--since", "2024-05-04", "--until", "2024-05-01"], "is after --until"),
])
def test_a_bad_query_is_one_line(db: str, args: list[str], said: str) -> None:
    code, output = run(*args, "--db", db)
    assert code == 1 and said in output and len(output.strip().splitlines()) == 1, output


def test_one_query_builder_and_no_web_import() -> None:
    from newsmirror.store import base
    from newsmirror.web import api
    from newsmirror.web import app as web_app

    assert api.search_query is base.search_query and web_app.search_query is base.search_query
    tree = ast.parse((SRC / "cli" / "search.py").read_text(encoding="utf-8"))
    imported = [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    assert imported and not [name for name in imported if name.startswith("newsmirror.web")]


def test_the_days_are_utc8_days_and_the_help_says_so(db: str) -> None:
    # 23:30 UTC on the 4th: 07:30 UTC+8 on the 5th, where `search` lists it
    late = Article(outlet="新闻网", title="马朝旭深夜抵达", original_url="https://example.org/late",
                   body_text="马朝旭抵达。", published_at=datetime(2024, 5, 4, 23, 30, tzinfo=UTC))
    with open_store(db) as store:
        store.upsert_article(late)
    code, output = run("马朝旭", "--since", "2024-05-05", "--until", "2024-05-05", "--db", db)
    assert code == 0 and ids_of(output) == [late.id] and "2024-05-05 07:30" in output
    assert late.id not in ids_of(run("马朝旭", "--until", "2024-05-04", "--db", db)[1])
    help_text = " ".join(CliRunner().invoke(app, ["search", "--help"], env={"COLUMNS": "200"}).output.split())
    assert help_text.count("UTC+8") >= 2


def test_json_gives_each_article_as_api_search_does(tmp_path: Path) -> None:
    """`search --json` built an article's fields by hand beside the API's `summary_of`: one function now feeds both,
    so a field added to one reaches the other; the same store gives the same fields and values, less the reader's
    page address."""
    db = str(tmp_path / "same.sqlite")
    article = Article(outlet="新闻网", title="马朝旭访问莫斯科", original_url="https://example.org/m", channel="国际",
                      body_text="马朝旭抵达。", published_at=datetime(2024, 5, 4, 23, 30, tzinfo=UTC))
    with open_store(db, create=True) as store:
        store.upsert_article(article)
        api = TestClient(create_app(store)).get("/api/search", params={"q": "马朝旭"}).json()
    cli = json.loads(CliRunner().invoke(app, ["search", "马朝旭", "--json", "--db", db]).output)
    (api_hit,), (cli_hit,) = api["hits"], cli["hits"]
    assert api_hit["article"].pop("url").endswith("/article/" + article.id)
    assert cli_hit["article"] == api_hit["article"]
    assert set(ArticleSummary.model_fields) - {"url"} == set(article_summary(article))
