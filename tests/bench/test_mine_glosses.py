"""bench/mine_glosses.py: the Han name before a bracketed Latin name, held and skipped posts left out."""

from __future__ import annotations

from pathlib import Path

from bench.mine_glosses import count_glosses, latin_key, name_starts


def _post(root: Path, day: str, name: str, author: str, body: str) -> None:
    folder = root / "archived" / day
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{day}-{name}.md").write_text(f"---\ntitle: \"{name}\"\nauthor: {author}\n---\n{body}\n", encoding="utf-8")


def test_the_name_is_the_runs_trailing_name_and_held_and_skipped_posts_are_not_read(tmp_path: Path) -> None:
    _post(tmp_path, "2020-01-01", "甲", "中央社", "这将赋予卸任总统在联邦院（Federation Council）的席位")
    _post(tmp_path, "2020-01-02", "乙", "法广", "普京任命他进入联邦院（Federation Council，上议院）")
    _post(tmp_path, "2020-01-03", "丙", "德国之声", "联邦院（Federation Council）")  # a held sample's file
    _post(tmp_path, "2020-01-04", "丁", "德国之声", "联邦院（Federation Council）")  # a skipped (labelled) day
    endings, outlets, posts = count_glosses(tmp_path, {"2020-01-04"}, {"2020-01-03-丙.md"})
    assert posts == 2
    assert name_starts(endings["federation council"]) == {"联邦院": 2}
    assert outlets["联邦院", "federation council"] == {"中央社", "法广"}


def test_latin_names_are_read_as_texts_are_and_what_is_no_name_is_dropped() -> None:
    assert latin_key("The National Science Foundation") == "national science foundation"
    assert latin_key("U.S. Army") == "u s army"
    assert latin_key("The") is None and latin_key("COVID 19") is None
