"""Tune-only gold of publication instants and authors on worldwide news pages (``bench/zhgold/meta-s19.json``).

Pages of htmldate's news evaluation set (github adbar/htmldate @ b895282, Apache-2.0,
``tests/test_set`` with ``tests/eval_mediacloud_2020.json``: 2020 news pages of sites worldwide),
read in place from a checkout, never copied here; see bench/zhgold/README.md, "Session 19 instant
and author gold". Only hosts on the tune side of ``bench.date_eval.htmldate_split`` (the held-out
hosts are never opened) whose host key is also on the tune side of the zh gold's ``split_of``.
Every other tune set is at 1.000 on instants; these pages bring what they lack: US, Canadian,
Latin American, Middle Eastern and Asian outlets whose stamps are in local time with or without a
stated zone, relative stamps (``1 hr ago``, ``сегодня в 20:12``), time-only stamps, other calendars.
"""

from __future__ import annotations

from pathlib import Path

from bench.meta_gold import MetaCase, load_tune_items
from bench.meta_s17 import read_page

META_S19 = Path(__file__).resolve().parent / "zhgold" / "meta-s19.json"


def load_meta_s19(htmldate_tests: Path | None, path: Path = META_S19) -> list[MetaCase]:
    """The items, when ``htmldate_tests`` (the ``tests`` folder of an htmldate checkout) is given."""
    folders = {"htmldate": htmldate_tests} if htmldate_tests else {}
    return load_tune_items(path, folders, read_page)
