"""An example under every command's `--help`: a command line a new user can copy.

Each help said what its command does and its defaults, but none showed a command line, so a first use of
`stories show STORY_ID` or `search QUERY...` was written from the option list; and `newsmirror --help` did not say
where to start. The examples are kept here, together, so they read alike and a test checks that every command has
some (tests/test_cli_examples.py); each is a line the README's walk-through runs, or one of its own kind. Typer shows
an epilog's paragraphs (split by blank lines) one a line, after the options.
"""

from __future__ import annotations

from typing import Any

import typer

START = ("New here? `newsmirror demo` imports sample archives, groups the same story across outlets and builds every "
         "output into ./out; then `newsmirror serve` opens the reader on http://127.0.0.1:8000/. "
         "Every command has --help, with examples.")

# Command path -> example lines (each "command  # what it does", shown one a line).
EXAMPLES: dict[tuple[str, ...], tuple[str, ...]] = {
    ("stats",): ("newsmirror stats", "newsmirror stats --json --db sqlite:other.sqlite"),
    ("show",): ("newsmirror show ARTICLE_ID --markdown  # ARTICLE_ID from `newsmirror search` or the reader's "
                "/article/ARTICLE_ID",),
    ("demo",): ("newsmirror demo  # ../shared/corpus beside the checkout, or $NEWSMIRROR_CORPUS",
                "newsmirror demo --corpus waimei/archived/2021-01-07 --out demo-out"),
    ("build",): ("newsmirror build  # every format into ./out",
                 "newsmirror build -f site --base-url https://example.org/news --no-images"),
    ("publish",): ("newsmirror publish -r origin=git@example.org:me/news-{format}.git",
                   "newsmirror run -q && newsmirror publish -q  # from cron"),
    ("import",): ("newsmirror import ../shared/corpus",
                  "newsmirror import waimei/archived/2021-01-07 --show-skipped --db sqlite:news.sqlite"),
    ("fetch",): ("newsmirror sources add --defaults && newsmirror fetch",
                 "newsmirror fetch --all --source SOURCE_ID  # one source now, whatever its schedule"),
    ("run",): ("newsmirror run", "newsmirror run -q && newsmirror publish -q  # from cron"),
    ("search",): ("newsmirror search 马朝旭 --outlet 中央社  # finds 馬朝旭 too",
                  "newsmirror search 习近平访俄 --since 2023-02-01 --until 2023-02-05 --snippets"),
    ("serve",): ("newsmirror serve  # then open http://127.0.0.1:8000/",
                 "newsmirror serve --port 8080 --images out/.cache/images"),
    ("worker",): ("newsmirror worker --db postgresql://news@db.example.org/news -c 8",
                  "newsmirror worker --once --kinds fetch,group"),
    ("migrate",): ("newsmirror migrate --from data/newsmirror.sqlite --to postgresql://news@db.example.org/news",),
    ("recheck",): ("newsmirror recheck", "newsmirror recheck --outlet 中央社 --limit 50"),
    ("changes",): ("newsmirror changes --kind deleted --days 7",
                   "newsmirror changes --write-site out/site"),
    ("history",): ("newsmirror history ARTICLE_ID  # ARTICLE_ID from `newsmirror changes`",),
    ("sources", "add"): ("newsmirror sources add --defaults",
                         "newsmirror sources add https://www.rfi.fr/cn/rss --outlet 法广 --summary-only",
                         "newsmirror sources add https://example.com/ --discover --outlet 某报"),
    ("sources", "list"): ("newsmirror sources list",),
    ("sources", "remove"): ("newsmirror sources remove SOURCE_ID  # or its URL, as `sources list` shows them",),
    ("sources", "import-opml"): ("newsmirror sources import-opml reader-export.opml",),
    ("sources", "export-opml"): ("newsmirror sources export-opml sources.opml",),
    ("stories", "group"): ("newsmirror import ../shared/corpus && newsmirror stories group",),
    ("stories", "compare"): ("newsmirror stories compare  # after `migrate` or `stories group --no-compare`",),
    ("stories", "list"): ("newsmirror stories list", "newsmirror stories list --biggest --min-outlets 3"),
    ("stories", "show"): ("newsmirror stories show STORY_ID  # STORY_ID from `newsmirror stories list`",
                          "newsmirror stories show STORY_ID --outlet 中央社 --outlet 法广 --full"),
}


def _name(info: Any) -> str:
    """A command's name as typed: its given name, else its function's with - for _ (typer's own rule)."""
    return str(info.name or info.callback.__name__.replace("_", "-"))


def command_paths(typer_app: typer.Typer, prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    """(path, CommandInfo) of every command of ``typer_app`` and of its groups."""
    found = [((*prefix, _name(info)), info) for info in typer_app.registered_commands]
    for group in typer_app.registered_groups:
        if group.typer_instance is not None and group.name:
            found += command_paths(group.typer_instance, (*prefix, group.name))
    return found


def add_examples(typer_app: typer.Typer) -> None:
    """Put each command's examples (and, under `newsmirror --help`, where to start) after its options."""
    typer_app.info.epilog = START
    for path, info in command_paths(typer_app):
        lines = EXAMPLES.get(path)
        if lines and info.epilog is None:
            info.epilog = "\n".join(("Examples:", *lines))
