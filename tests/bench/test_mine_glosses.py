"""bench/mine_glosses.py: the Han name before a bracketed Latin name or in brackets after one, held and skipped
posts left out."""

from __future__ import annotations

from pathlib import Path

from bench.mine_glosses import (
    SAMPLES,
    SHIPPED_SAMPLES,
    SHIPPED_UNSEEN,
    UNSEEN_DAYS,
    count_glosses,
    latin_key,
    main,
    name_starts,
    related,
    reverse_han,
    reverse_latin,
)


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


def test_a_gloss_written_latin_first_counts_with_the_han_first_one_once_a_post(tmp_path: Path) -> None:
    _post(tmp_path, "2020-01-01", "甲", "中央社", "据瑞典武装部队（Swedish Armed Forces）说")
    _post(tmp_path, "2020-01-02", "乙", "法广", "said the Swedish Armed Forces（瑞典武装部队，即瑞典军方）; Swedish Armed Forces (瑞典武装部队)")
    _post(tmp_path, "2020-01-03", "丙", "美国之音", "国务卿Mike Pompeo（迈克·蓬佩奥）")
    endings, outlets, posts = count_glosses(tmp_path, set(), set(), "whole")
    assert posts == 3
    assert name_starts(endings["swedish armed forces"]) == {"瑞典武装部队": 2}  # the second post counts once
    assert outlets["瑞典武装部队", "swedish armed forces"] == {"中央社", "法广"}
    assert name_starts(endings["mike pompeo"]) == {"蓬佩奥": 1}  # after the name's dot, as a Han-first run
    off, _outlets, _posts = count_glosses(tmp_path, set(), set(), "off")
    assert name_starts(off["swedish armed forces"]) == {"瑞典武装部队": 1}


def test_a_longer_names_ending_is_not_counted_as_written_by_its_outlets(tmp_path: Path) -> None:
    # 福克斯新闻网（Fox News）: its outlets write 福克斯新闻网, not 新闻网, as Fox News.
    _post(tmp_path, "2020-01-01", "甲", "中央社", "福克斯新闻网（Fox News）报道")
    _post(tmp_path, "2020-01-02", "乙", "法广", "福克斯新闻网（Fox News）报道")
    endings, outlets, _posts = count_glosses(tmp_path, set(), set(), "whole")
    names = set(name_starts(endings["fox news"]))
    assert names and "新闻网" not in names
    assert {han for (han, latin), writers in outlets.items() if latin == "fox news" and writers} == names


def test_the_latin_run_before_a_han_gloss_starts_at_a_capital_and_the_bracket_must_be_han() -> None:
    assert reverse_latin("said the Swedish Armed Forces") == "swedish armed forces"
    assert reverse_latin("said today") is None
    assert reverse_han("迈克·蓬佩奥", "whole") == "蓬佩奥"
    assert reverse_han("美", "whole") == ""


def test_every_scope_leaves_out_every_samples_files_and_the_unseen_days() -> None:
    assert {"onlyx-sample-k.toml", "onlyx-sample-az.toml", "onlyx-sample-ba.toml", "onlyx-sample.toml"} <= set(SAMPLES)
    assert len(SAMPLES) >= 52
    assert {"2020-11-18", "2020-12-02", "2020-08-31"} <= set(UNSEEN_DAYS)
    assert "2020-07-20" not in UNSEEN_DAYS  # tuning data since session 75
    assert "2020-10-12" not in UNSEEN_DAYS  # tuning data since session 74
    assert "2020-09-04" not in UNSEEN_DAYS  # tuning data since session 73
    assert "2020-09-29" not in UNSEEN_DAYS  # tuning data since session 70
    assert "2020-08-17" not in UNSEEN_DAYS  # tuning data since session 69
    assert "2020-09-25" not in UNSEEN_DAYS  # tuning data since session 68
    assert "2020-08-06" not in UNSEEN_DAYS  # tuning data since session 67
    assert "2020-11-23" not in UNSEEN_DAYS  # tuning data since session 66
    assert "2020-12-04" not in UNSEEN_DAYS  # tuning data since session 65
    assert "2020-08-02" not in UNSEEN_DAYS  # tuning data since session 64
    assert "2020-07-29" not in UNSEEN_DAYS  # tuning data since session 63
    assert "2020-10-16" not in UNSEEN_DAYS  # tuning data since session 62
    assert "2020-11-27" not in UNSEEN_DAYS  # tuning data since session 61
    assert "2020-10-23" not in UNSEEN_DAYS  # tuning data since session 60
    assert "2020-12-14" not in UNSEEN_DAYS  # tuning data since session 59
    assert "2020-11-10" not in UNSEEN_DAYS  # tuning data since session 58
    assert "2020-09-14" not in UNSEEN_DAYS  # tuning data since session 57
    assert "2020-08-21" not in UNSEEN_DAYS  # tuning data since session 56
    assert "2020-11-03" not in UNSEEN_DAYS  # tuning data since session 55
    assert "2020-07-24" not in UNSEEN_DAYS  # tuning data since session 54
    assert "2021-01-04" not in UNSEEN_DAYS  # tuning data since session 53
    # The shipped table's build (--as-shipped) left out what is fresh for session 76: 2020-08-31 and sample BA.
    assert {"2020-11-18", "2020-12-02", "2020-08-31"} <= set(SHIPPED_UNSEEN)
    assert "2020-07-20" not in SHIPPED_UNSEEN  # tuning data since session 75: read like every tuning day
    assert "2020-10-12" not in SHIPPED_UNSEEN  # tuning data since session 74: read like every tuning day
    assert "2020-09-04" not in SHIPPED_UNSEEN  # tuning data since session 73: read like every tuning day
    assert "2020-09-29" not in SHIPPED_UNSEEN  # tuning data since session 70: read like every tuning day
    assert "2020-08-17" not in SHIPPED_UNSEEN  # tuning data since session 69: read like every tuning day
    assert "2020-09-25" not in SHIPPED_UNSEEN  # tuning data since session 68: read like every tuning day
    assert "2020-08-06" not in SHIPPED_UNSEEN  # tuning data since session 67: read like every tuning day
    assert "2020-11-23" not in SHIPPED_UNSEEN  # tuning data since session 66: read like every tuning day
    assert "2020-12-04" not in SHIPPED_UNSEEN  # tuning data since session 65: read like every tuning day
    assert "2020-08-02" not in SHIPPED_UNSEEN  # tuning data since session 64: read like every tuning day
    assert "2020-07-29" not in SHIPPED_UNSEEN  # tuning data since session 63: read like every tuning day
    assert "2020-10-16" not in SHIPPED_UNSEEN  # tuning data since session 62: read like every tuning day
    assert "2020-11-27" not in SHIPPED_UNSEEN  # tuning data since session 61: read like every tuning day
    assert "2020-10-23" not in SHIPPED_UNSEEN  # tuning data since session 60: read like every tuning day
    assert "2020-12-14" not in SHIPPED_UNSEEN  # tuning data since session 59: read like every tuning day
    assert "2020-11-10" not in SHIPPED_UNSEEN  # tuning data since session 58: read like every tuning day
    assert "2020-09-14" not in SHIPPED_UNSEEN  # tuning data since session 57: read like every tuning day
    assert "2020-08-21" not in SHIPPED_UNSEEN  # tuning data since session 56: read like every tuning day
    assert "2020-11-03" not in SHIPPED_UNSEEN  # tuning data since session 55: read like every tuning day
    assert "2020-07-24" not in SHIPPED_UNSEEN  # tuning data since session 54: read like every tuning day
    assert "2021-01-04" not in SHIPPED_UNSEEN  # tuning data since session 53: read like every tuning day
    assert "2020-10-07" not in SHIPPED_UNSEEN  # tuning data since session 52: read like every tuning day
    assert "2020-12-09" not in SHIPPED_UNSEEN  # tuning data since session 50: read like every tuning day
    assert {"onlyx-sample-k.toml", "onlyx-sample-az.toml", "onlyx-sample-ba.toml"} <= set(SHIPPED_SAMPLES)
    assert len(SHIPPED_SAMPLES) == 52  # A-Z, AA-AZ and BA (A and B share a file): every sample drawn when the table was mined


def test_a_generic_head_of_several_unrelated_names_gives_no_row_but_a_surname_does(tmp_path: Path) -> None:
    # 新闻网 ends the names of three unrelated networks (made-up posts): a common noun jieba tags as a name, not one
    # network's Han form. 安德森 glosses three people whose Latin names are spelt apart: a surname, kept.
    posts = [("甲", "中央社", "据福斯财经新闻网（Fox Business Network）报道，另据天空新闻网（Sky News）报道"),
             ("乙", "法广", "据福斯财经新闻网（Fox Business Network）报道，另据天空新闻网（Sky News）报道"),
             ("丙", "中央社", "巴西环球新闻网（Globo）报道，科学家安德森（Kristian Andersen）说"),
             ("丁", "法广", "巴西环球新闻网（Globo）报道，科学家安德森（Kristian Andersen）说"),
             ("戊", "中央社", "主教练安德森（Ian Anderson）说，学者安德森（Li Andersson）说"),
             ("己", "法广", "主教练安德森（Ian Anderson）说，学者安德森（Li Andersson）说")]
    for k, (name, outlet, body) in enumerate(posts):
        _post(tmp_path, f"2020-01-0{k + 1}", name, outlet, body)
    out = tmp_path / "glosses.tsv"
    assert main([str(tmp_path), "--out", str(out)]) == 0
    rows = {tuple(line.split("\t")[:2]) for line in out.read_text(encoding="utf-8").splitlines()
            if not line.startswith("#")}
    assert not any(han == "新闻网" for han, _latin in rows)
    assert {("安德森", "kristian andersen"), ("安德森", "ian anderson")} <= rows
    assert related("cnn", "cable news network") and related("bureau of industry and security", "bis")
    assert not related("fox business network", "sky news")


def test_the_last_column_counts_the_posts_writing_the_han_name_glossed_or_not(tmp_path: Path) -> None:
    # Two outlets gloss 史达伟; a third post writes him unglossed, in Traditional script inside a longer word; a fourth
    # names nobody (made-up posts).
    _post(tmp_path, "2020-01-01", "甲", "中央社", "他说，史达伟（David Stilwell）说")
    _post(tmp_path, "2020-01-02", "乙", "法广", "他说，史达伟（David Stilwell）说")
    _post(tmp_path, "2020-01-03", "丙", "德国之声", "國務院官員史達偉說")
    _post(tmp_path, "2020-01-04", "丁", "德国之声", "今天天气很好")
    out = tmp_path / "glosses.tsv"
    assert main([str(tmp_path), "--out", str(out)]) == 0
    header = [line for line in out.read_text(encoding="utf-8").splitlines() if line.startswith("# han")]
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert header == ["# han\tlatin\tposts\toutlets\twritten"]
    assert rows == [["史达伟", "david stilwell", "2", "2", "3"]]
