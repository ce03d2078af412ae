"""Print what a labeller needs to read a page's publication date by eye (not a labeller itself).

For one saved page: its address, the date metadata it carries (meta tags, JSON-LD, ``<time>``),
the headline, the visible lines around the headline, and every visible line holding something
that looks like a date, numbered. The label is the reader's decision, not this tool's output.

    python -m bench.date_view trafilatura-eval:<file> | zh:<path under zh-pages>
                              | htmldate:<htmldate's tests folder>/<test_set|eval|cache>/<file>
                              | magic-html:<magic-html's benchmark/data/article folder>/htmls/<file>
                              | s17:<set>:<site>:<set's folder>/<file>   (bench.meta_s17's sets)
                              | s18:<set>:<set's folder>:<file>   (bench.meta_s18's sets)
                              | s22:<pages folder>:<set>:<file>   (bench.dates_s22's pages)
                              | s23:<pages folder>:<set>:<file>   (bench.dates_s23's pages)
                              | s24:<pages folder>:<set>:<file>   (bench.dates_s24's pages; s24b, s24c: theirs)
                              | s25:<pages folder>:<file>   (bench.meta_s25's pages, both parts tuned on)

Also prints what names a page's author (author metadata, byline-like lines), for the author gold.

Refuses pages of the zh gold's test split and of htmldate's held-out sites (never looked at).
"""

from __future__ import annotations

import gzip
import json
import re
import sys

from bench.extract_eval import TRAFILATURA_EVAL, _decode_like_trafilatura

_DATEISH = re.compile(r"(?:19|20)\d\d|\d{1,2}[./月]\s?\d{1,2}|昨天|前天|小时前|分钟前|ago|"
                      r"Jan|Feb|Mär|Mar|Apr|Mai|May|Jun|Jul|Aug|Sep|Okt|Oct|Nov|De[zc]", re.I)

_BYLINE = re.compile(r"作者|记者|記者|编辑|編輯|责编|通讯员|撰文|来源|來源|文[/／]|^\s*(?:By|Von|Par|Di|Por|Door)\s|Autor|"
                     r"Text:|Redaktion|Posted|geschrieben", re.I)


def load(spec: str) -> tuple[str, str]:
    kind, _, name = spec.partition(":")
    if kind == "s25":
        from pathlib import Path

        from bench.meta_s25 import read_page

        folder, file = name.split(":", 1)
        return read_page(Path(folder), file), ""
    if kind in ("s22", "s23", "s24", "s24b", "s24c"):
        from importlib import import_module
        from pathlib import Path

        from bench.zh_gold import split_of

        module = import_module(f"bench.dates_{kind}")
        folder, set_name, file = name.split(":", 2)
        if split_of(module.site_of(set_name, file)) == "test":
            raise SystemExit(f"{file}: a zh test-side site: never looked at")
        return module.read_page(Path(folder), set_name, file), ""
    if kind == "s18":
        from pathlib import Path

        from bench.meta_s18 import read_page as read_s18
        from bench.meta_s18 import site_of
        from bench.zh_gold import split_of

        set_name, folder, file = name.split(":", 2)
        site = site_of(set_name, file)
        if site is None or split_of(site) == "test":
            raise SystemExit(f"{file}: not a tune-side page of bench.meta_s18 ({site!r}): never looked at")
        return read_s18(Path(folder), file)
    if kind == "s17":
        from pathlib import Path

        from bench.meta_s17 import read_page
        from bench.zh_gold import split_of

        set_name, site, path = name.split(":", 2)
        if split_of(site) == "test":
            raise SystemExit(f"site {site!r} is on the test side of the zh split: never looked at")
        page = Path(path)
        return read_page(set_name, page.parent if set_name != "htmldate" else page.parent.parent,
                         page.name if set_name != "htmldate" else f"{page.parent.name}/{page.name}")
    if kind == "htmldate":
        from pathlib import Path

        from bench.date_eval import htmldate_split

        page = Path(name)
        records = {**json.loads((page.parent.parent / "eval_default.json").read_text("utf-8")),
                   **json.loads((page.parent.parent / "eval_mediacloud_2020.json").read_text("utf-8"))}
        url = next(u for u, r in records.items() if r["file"] == page.name)
        if page.parent.name == "test_set" and htmldate_split(url) == "held":
            raise SystemExit("a held-out htmldate site: never looked at")
        return _decode_like_trafilatura(page.read_bytes()), url
    if kind == "magic-html":
        from pathlib import Path

        from bench.meta_gold import magic_html_site
        from bench.zh_gold import split_of

        page = Path(name)
        records = json.loads((page.parent.parent / "base.json").read_text("utf-8"))
        url = records[page.stem]["url"]
        if split_of(magic_html_site(url)) == "test":
            raise SystemExit(f"site {magic_html_site(url)!r} is on the test side of the zh split: never looked at")
        return page.read_bytes().decode("utf-8", "replace"), url
    if kind == "zh":
        from bench.zh_gold import ZH_PAGES, decode_page, load_annotations, split_of

        for entry in load_annotations():
            if entry["path"] == name and entry["split"] == "test":
                raise SystemExit("test-split page: never looked at")
        site = name.split("/")[-2] if name.count("/") >= 2 else name
        if split_of(site) == "test":
            raise SystemExit(f"site {site!r} is on the test side of the split: never looked at")
        return decode_page((ZH_PAGES / name).read_bytes()), ""
    records = json.loads((TRAFILATURA_EVAL / "evaldata.json").read_text(encoding="utf-8"))
    url = next(u for u, r in records.items() if r["file"] == name)
    with gzip.open(TRAFILATURA_EVAL / "pages" / f"{name}.gz", "rb") as handle:
        return _decode_like_trafilatura(handle.read()), url


def main(argv: list[str]) -> int:
    from newsmirror.extract.page_header import visible_lines
    from newsmirror.extract.webpage import parse_document

    html, url = load(argv[0])
    document = parse_document(html)
    print("URL:", url or "(none)")
    for meta in document.iter("meta"):
        keys = " ".join(filter(None, (meta.get(a) for a in ("property", "name", "itemprop", "http-equiv"))))
        if re.search(r"date|time|publish|modified|created|issued", keys, re.I):
            print("META", keys, "=", meta.get("content"))
    for match in list(re.finditer(r'"(date\w*|\w*[Tt]ime)"\s*:\s*"([^"]{6,40})"', html))[:10]:
        print("SCRIPT", match.group(1), "=", match.group(2))
    for meta in document.iter("meta"):
        keys = " ".join(filter(None, (meta.get(a) for a in ("property", "name", "itemprop"))))
        if re.search(r"author|byline|creator|source|editor", keys, re.I):
            print("META", keys, "=", (meta.get("content") or "")[:100])
    for match in re.finditer(r'"(author|creator|byline)"\s*:\s*(\{[^}]{0,200}\}|\[[^\]]{0,300}\]|"[^"]{0,80}")', html):
        print("SCRIPT", match.group(1), "=", match.group(2)[:200])
    for element in list(document.iter("time"))[:8]:
        print("TIME", element.get("datetime"), "|", element.text_content().strip()[:60])
    heads = [h.text_content().strip() for h in document.iter("h1")]
    print("H1:", heads[:3], "TITLE:", (document.findtext(".//title") or "").strip()[:100])
    lines = visible_lines(document)
    start = next((i for i, line in enumerate(lines) if heads and heads[0][:10] and line.startswith(heads[0][:10])), 0)
    print(f"--- lines around the headline (from {max(0, start - 5)})")
    for index in range(max(0, start - 5), min(len(lines), start + 15)):
        print(f"{index:4} {lines[index][:160]}")
    print("--- date-like lines")
    shown = 0
    for index, line in enumerate(lines):
        if len(line) < 120 and _DATEISH.search(line):
            print(f"{index:4} {line[:160]}")
            shown += 1
            if shown >= 25:
                break
    print("--- byline-like lines")
    shown = 0
    for index, line in enumerate(lines[max(0, start - 10):], start=max(0, start - 10)):
        if len(line) < 120 and _BYLINE.search(line):
            print(f"{index:4} {line[:160]}")
            shown += 1
            if shown >= 12:
                break
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
