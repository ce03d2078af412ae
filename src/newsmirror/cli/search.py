"""`newsmirror search QUERY`: the reader's search from the command line.

The query is built by ``store.search_query`` and run by the store's ``search``/``count_search``, as the reader's form
and ``/api/search`` run it, and the matched words are cut by ``text.search_key.marked_pieces``, as the reader marks
them: the three find and show the same thing. Stored text reaches the terminal as rich ``Text`` (never parsed as
markup) after :func:`~newsmirror.cli.terminal.plain`, so a hostile title prints as text.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from newsmirror.cli import DbOption, app, console, friendly_errors, store_from, stored_outlet
from newsmirror.cli.terminal import plain, shown
from newsmirror.errors import NewsmirrorError
from newsmirror.store import article_summary, search_query
from newsmirror.text import times
from newsmirror.text.search_key import (
    MAX_PHRASES,
    MAX_QUERY_WORDS,
    MAX_SINGLE_CHARACTERS,
    ParsedQuery,
    marked_pieces,
    parse_query,
)

if TYPE_CHECKING:
    from newsmirror.store import SearchHit

# The reader's <mark> (black on yellow in every browser).
MATCH_STYLE = "black on yellow"
SYNTAX = ("words of two or more characters match as written, in either script (马朝旭 finds 馬朝旭); several words "
          "must all occur; Chinese typed without spaces is cut into words (习近平访俄: 习近平 and 访俄, the articles "
          "holding it as typed first); \"quotes\" keep a phrase together; -word excludes a word")

# safety71's bounds of one query (text.search_key), said where the syntax is: the page says which words it left out.
BOUNDS = (f"one search takes the first {MAX_QUERY_WORDS} words (each word cut from a run counts as one), at most "
          f"{MAX_SINGLE_CHARACTERS} of them a single character, and ranks at most {MAX_PHRASES} runs typed without "
          "spaces first; the words left out are named")

DAY = ["%Y-%m-%d"]


def marked(text: str, parsed: ParsedQuery) -> Text:
    """Stored text with the query's matches styled as the reader marks them; a Text is never read as markup."""
    line = Text()
    for piece, matched in marked_pieces(plain(text), parsed):
        line.append(piece, style=MATCH_STYLE if matched else "")
    return line


def _query_text(words: list[str]) -> str:
    # The words come as the shell split them: joined, they are the query a person types in the reader's box.
    # ignore_unknown_options lets "-普京" through as a word; a mistyped option ("--limt") is not a word.
    for word in words:
        if word.startswith("--"):
            raise NewsmirrorError(f"no such option {word!r}; `newsmirror search --help` lists them "
                                  "(a word to exclude is written -word)")
    return " ".join(words)


def _as_json(query: str, total: int, hits: list[SearchHit]) -> str:
    """/api/search's shape, without the reader's page address (no reader is running)."""
    def article(hit: SearchHit) -> dict[str, Any]:
        fields = article_summary(hit.article)  # the fields /api/search gives, from the one function both use
        return {**fields, "published_at": times.json_utc(hit.article.published_at)}  # as /api/search writes it

    return json.dumps({"query": query, "total": total,
                       "hits": [{"article": article(h), "score": h.score, "snippet": h.snippet} for h in hits]},
                      ensure_ascii=False, indent=2)


@app.command(context_settings={"ignore_unknown_options": True})
@friendly_errors
def search(
    words: Annotated[list[str], typer.Argument(
        metavar="QUERY", help="What to find, as in the reader's search box: " + SYNTAX + ". Quote a phrase for the "
                              "shell too: '\"外交部副部长\"'. " + BOUNDS[0].upper() + BOUNDS[1:] + ".")],
    db: DbOption = "",
    outlet: Annotated[str, typer.Option(help="Only this outlet's articles (as `newsmirror stats` names it).")] = "",
    since: Annotated[datetime | None, typer.Option(
        formats=DAY, metavar="YYYY-MM-DD", help="Published on or after this day (in UTC+8, as times are shown; as the reader's form and /api/search).")] = None,
    until: Annotated[datetime | None, typer.Option(
        formats=DAY, metavar="YYYY-MM-DD", help="Published on or before this day (the whole day, in UTC+8).")] = None,
    limit: Annotated[int, typer.Option(min=1, help="How many articles: title matches first, then newest first.")] = 20,
    snippets: Annotated[bool, typer.Option("--snippets", help="Under each title, the words around its first match "
                                                              "in the text, as the reader shows them.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (the shape of /api/search).")] = False,
) -> None:
    """Search titles and texts as the reader does, in either script: time (UTC+8), outlet, title (matches marked), id."""
    text = _query_text(words)
    parsed = parse_query(text)
    if parsed.is_empty():
        raise NewsmirrorError(f"nothing to search for in {text!r}: {SYNTAX} (`newsmirror search --help`)")
    first: date | None = since.date() if since else None
    last: date | None = until.date() if until else None
    if first and last and first > last:
        raise NewsmirrorError(f"--since {first} is after --until {last}")
    with store_from(db) as store:
        outlet = stored_outlet(store, outlet)
        query = search_query(text, outlet, first, last, limit=limit)
        hits = store.search(query)
        total = store.count_search(query) if hits else 0
    if parsed.left_out and not as_json:
        console.print(Text(f"too many words for one search; left out: {plain(' '.join(parsed.left_out))}", style="dim"),
                      highlight=False, soft_wrap=True)
    if as_json:
        print(_as_json(text, total, hits))
        return
    if not hits:
        limits = " or ".join(name for name, given in (("--outlet", outlet), ("--since/--until", first or last)) if given)
        console.print(f"no article matches {shown(text)}" + (f" (without {limits} some may)" if limits else "")
                      + f"; {SYNTAX} (`newsmirror search --help`)", highlight=False, soft_wrap=True)
        return
    shown_count = f"{len(hits)} of {total:,}" if total > len(hits) else f"{total:,}"
    noun = "article" if total == 1 else "articles"
    table = Table(title=Text(f"{shown_count} {noun} matching {plain(text)} (times in {times.ZONE_LABEL})"),
                  expand=True)
    table.add_column("time", no_wrap=True)
    table.add_column("outlet", no_wrap=True)  # short names, scanned down the column: kept whole
    table.add_column("title", ratio=1, overflow="fold")
    table.add_column("id", no_wrap=True)
    for hit in hits:
        article = hit.article
        cell = marked(article.title, parsed)
        if snippets and hit.snippet:
            around = marked(hit.snippet, parsed)
            around.stylize("dim")
            cell.append("\n")
            cell.append_text(around)
        table.add_row(times.minute(article.published_at), Text(plain(article.outlet)), cell, article.id)
    console.print(table)
    more = f"--limit {total} shows them all; " if total > len(hits) else ""
    console.print(f"[dim]{more}`newsmirror show ID` prints an article[/]", highlight=False)
