"""Publication-date gold on more saved Chinese news pages not used before (``bench/zhgold/dates-s23.json``).

Test fixtures of four public repositories, exported once and read from a folder outside this
repository (``<folder>/<set>/<file>``); see bench/zhgold/README.md, "Session 23 date gold". Scored
by ``bench.date_eval`` as ``dates-s23-tune`` and ``dates-s23-held`` (held until session 23, tuned on
since: see the README's role change). Item format, key check and split rule are bench.dates_s22's.

* ``hknewsbe``: github ayltai/hknews-backend (Apache-2.0), ``src/test/resources/[testdata/]<outlet>*.html``
  at the commit that first holds each distinct save (``<file>`` = ``<commit7>/<path>``; Hong Kong
  outlets, 2018-2020);
* ``hknews``: github ayltai/hknews (MIT), ``src/test/resources/testdata/<outlet>*.html`` the same way;
* ``newspaper``: github ayltai/Newspaper (Apache-2.0, the same author's earlier app),
  ``mobile/src/debug/assets/<outlet>*.html`` the same way (2017); exported after the split was drawn
  (the three sets above gave too few dated pages), so its pages take their site's drawn side;
* ``technews``: github livingbio/news_parser @ 6058b6f (no licence file),
  ``technews/pickle/parser_page/fake_request_pickle``: a pickled dict of address -> saved HTTP
  response; its three technews.tw article responses are exported as ``<n>.html`` (n = the
  address's rank in sorted order) by :func:`export_technews` (Taiwan, 2015-2016).

List pages, the English outlets (scmp, thestandard) and the outlets whose key is on the zh test
side of ``split_of`` (appledaily, headline, singtao, wenweipo; and postlight/parser's qdaily page)
were never exported or opened.
"""

from __future__ import annotations

import io
import pickle
from functools import partial
from pathlib import Path
from typing import Any

from bench.dates_s22 import load_items as load_gold
from bench.dates_s22 import part_of as draw_part
from bench.dates_s22 import read_page

DATES_S23 = Path(__file__).resolve().parent / "zhgold" / "dates-s23.json"
SETS = ("hknewsbe", "hknews", "newspaper", "technews")
__all__ = ["DATES_S23", "EXPORTED", "EXPORTED_LATER", "SETS", "export_technews", "load_items", "part_of", "read_page", "site_of"]

# Pages exported per site before any was read: the split was drawn on these counts (and stays so).
EXPORTED = {"hkej": 4, "hket": 2, "mingpao": 3, "orientaldaily": 3, "rthk": 2, "singpao": 3, "skypost": 4,
            "technews": 3}
# ``newspaper``'s pages, exported after the draw (before any of them was read), per site.
EXPORTED_LATER = {"hkej": 1, "hket": 3, "orientaldaily": 1, "rthk": 1, "singpao": 4, "skypost": 1}
# File-name prefixes that name an outlet otherwise (fixed before reading).
_ALIASES = {"oriental": "orientaldaily"}


def site_of(set_name: str, file: str) -> str:
    """The fixed site key of a page: the outlet its fixture's file name starts with
    (``KeyError`` for a set or outlet that is not in the gold)."""
    if set_name == "technews":
        return "technews"
    if set_name not in SETS:
        raise KeyError(set_name)
    key = _ALIASES.get(Path(file).stem.split("_")[0], Path(file).stem.split("_")[0])
    if key not in EXPORTED:
        raise KeyError(key)
    return key


part_of = partial(draw_part, sizes=EXPORTED, salt="date15-s23")


def load_items(path: Path = DATES_S23) -> list[dict[str, object]]:
    """The gold items, each with its ``part``; an item of a zh test-side site is refused."""
    return load_gold(path, site_key=site_of, part=part_of)


class _Inert:
    """Whatever class a pickle names: holds its state, runs none of its code."""

    def __init__(self, *args: object) -> None:
        self.args = args

    def __setstate__(self, state: object) -> None:
        self.state = state


class _InertUnpickler(pickle.Unpickler):
    # A saved fixture is data: no class or function it names is imported or called.
    def find_class(self, module: str, name: str) -> Any:
        if module == "copy_reg" and name == "_reconstructor":
            return lambda cls, base, state: cls()
        return type(name, (_Inert,), {})


def export_technews(pickled: bytes, folder: Path) -> list[str]:
    """Write the technews.tw article responses of livingbio/news_parser's ``fake_request_pickle``
    as ``<folder>/technews/<n>.html`` (n = 1.. in the sorted order of their addresses); returns
    the addresses in that order. Facebook API responses in the same dict are skipped."""
    responses = _InertUnpickler(io.BytesIO(pickled), encoding="bytes").load()
    pages = {}
    for value in responses.values():
        # attribute names are bytes in a Python 2 pickle (this fixture), str in a Python 3 one
        state = {(key.decode() if isinstance(key, bytes) else key): item
                 for key, item in getattr(value, "state", {}).items()}
        url = state.get("url", b"")
        url = url.decode() if isinstance(url, bytes) else str(url)
        if url.startswith("http://technews.tw/"):
            pages[url] = state["_content"]
    (folder / "technews").mkdir(parents=True, exist_ok=True)
    for number, url in enumerate(sorted(pages), 1):
        (folder / "technews" / f"{number}.html").write_bytes(pages[url])
    return sorted(pages)


if __name__ == "__main__":  # python -m bench.dates_s23 <fake_request_pickle> <pages folder>
    import sys

    print("\n".join(export_technews(Path(sys.argv[1]).read_bytes(), Path(sys.argv[2]))))
