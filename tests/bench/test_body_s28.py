"""The session-28 body gold: drawn pages only (none an earlier draw took), split by site as drawn, recipes that
resolve on our own small pages; for every drawn body gold (body-s26, body-s28) the tune part scored page by page and
the held part unlisted."""

from __future__ import annotations

import json
from importlib import import_module
from pathlib import Path
from types import ModuleType

import pytest
from bench.body_s28 import BODY_S28, EXPORTED, FILE_SITES, PARTS, load_body_s28, part_of
from bench.zh_gold import ZhGoldError, split_of


def test_items_are_drawn_pages_no_earlier_draw_took_split_by_site_as_drawn() -> None:
    from bench.body_s26 import FILE_SITES as S26
    from bench.dates_s24 import FILE_SITES as S24
    from bench.dates_s24b import FILE_SITES as S24B
    from bench.dates_s24c import FILE_SITES as S24C
    from bench.meta_s25 import FILE_SITES as S25
    from bench.meta_s25 import FILE_SITES_B as S25B

    gold = json.loads(BODY_S28.read_text(encoding="utf-8"))
    listed = [entry["file"] for entry in gold["items"] + gold["skipped"]]
    assert sorted(listed) == sorted(FILE_SITES)  # every drawn page is labelled or skipped with a reason
    assert all(FILE_SITES[entry["file"]] == entry["site"] for entry in gold["items"] + gold["skipped"])
    assert all(entry["reason"].strip() for entry in gold["skipped"])
    assert not set(FILE_SITES) & {*S24, *S24B, *S24C, *S25, *S25B, *S26}
    assert all(split_of(site) == "tune" for site in EXPORTED)  # no zh test-side outlet
    assert sum(EXPORTED.values()) == len(FILE_SITES)
    assert sum(size for site, size in EXPORTED.items() if part_of(site) == "held") <= sum(EXPORTED.values()) // 2
    assert {part_of(entry["site"]) for entry in gold["items"]} == set(PARTS)
    assert all(entry["title"].strip() and entry["note"].strip() for entry in gold["items"])


def _module(gold: str) -> ModuleType:
    return import_module(f"bench.{gold.replace('-', '_')}")


def _fixture(tmp_path: Path, part: str, gold_set: str = "body-s28") -> tuple[Path, Path, str]:
    """One drawn page of ``part`` of a drawn body gold replaced by a small page of our own, and a gold naming it."""
    module = _module(gold_set)
    file = next(file for file, site in module.FILE_SITES.items() if module.part_of(site) == part)
    page = tmp_path / gold_set.removeprefix("body-") / file
    page.parent.mkdir(parents=True)
    page.write_text("<html><body><div>首页 新闻</div><h1>一个标题</h1><p>（本台讯）开头一段。</p><div>视频广告</div>"
                    "<p>收尾一段在此。（编辑：某）</p><ul><li>相关阅读</li></ul></body></html>", encoding="utf-8")
    gold = tmp_path / "gold.json"
    item = {"file": file, "site": module.FILE_SITES[file], "title": "一个标题", "start": "（本台讯）",
            "end": "收尾一段在此。", "drop": [{"equal": "视频广告"}], "note": "n"}
    gold.write_text(json.dumps({"items": [item], "skipped": []}), encoding="utf-8")
    return gold, page, file


def test_a_recipe_cuts_the_body_from_the_s28_folder_and_parts_are_exclusive(tmp_path: Path) -> None:
    gold, page, _ = _fixture(tmp_path, "tune")
    [cut] = load_body_s28(tmp_path, "tune", gold)
    assert cut.body == "（本台讯）开头一段。\n收尾一段在此。" and cut.path == page and cut.split == "tune"
    assert load_body_s28(tmp_path, "held", gold) == []
    with pytest.raises(ValueError, match="part must be"):
        load_body_s28(tmp_path, "test", gold)


def test_missing_pages_and_undrawn_sites_fail_clearly(tmp_path: Path) -> None:
    with pytest.raises(ZhGoldError, match=r"body-s28 pages are missing.*bench\.body_s28"):
        load_body_s28(tmp_path / "nowhere", "tune")
    gold, _, file = _fixture(tmp_path, "tune")
    item = {"file": file, "site": "163", "title": "t", "start": "a", "end": "b", "note": "n"}
    gold.write_text(json.dumps({"items": [item], "skipped": []}), encoding="utf-8")
    with pytest.raises(ValueError, match="drawn tune-side key"):
        load_body_s28(tmp_path, "tune", gold)


DRAWN = ("body-s26", "body-s28")


def _run_eval(tmp_path: Path, gold_set: str, gold: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> None:
    from bench import extract_eval

    module, name = _module(gold_set), f"load_{gold_set.replace('-', '_')}"
    original = getattr(module, name)
    monkeypatch.setattr(module, name, lambda folder, part: original(folder, part, gold))
    option = f"--{gold_set.removeprefix('body-')}"
    extract_eval.main([*args, option, str(tmp_path), "--only", "newsmirror"])


@pytest.mark.parametrize("gold_set", DRAWN)
def test_tune_part_is_scored_per_page(gold_set: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    gold, _, file = _fixture(tmp_path, "tune", gold_set)
    _run_eval(tmp_path, gold_set, gold, monkeypatch, "--set", f"{gold_set}-tune", "--pages")
    out = capsys.readouterr().out
    assert f"{gold_set.removeprefix('body-')}/{file}\tnewsmirror=" in out and f"{gold_set} gold, tune part" in out


@pytest.mark.parametrize("gold_set", DRAWN)
def test_held_part_prints_totals_only_and_refuses_pages(gold_set: str, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    gold, _, file = _fixture(tmp_path, "held", gold_set)
    _run_eval(tmp_path, gold_set, gold, monkeypatch, "--set", f"{gold_set}-held")
    out = capsys.readouterr().out
    assert f"{gold_set} gold," in out and Path(file).name[:12] not in out and "newsmirror=" not in out
    with pytest.raises(SystemExit):
        _run_eval(tmp_path, gold_set, gold, monkeypatch, "--set", f"{gold_set}-held", "--pages")


def test_a_missing_folder_option_names_it(capsys: pytest.CaptureFixture[str]) -> None:
    from bench import extract_eval

    extract_eval.main(["--set", "body-s28-tune", "--only", "newsmirror"])
    assert "pass --s28 <folder>" in capsys.readouterr().out


def test_held_totals_are_also_given_without_sites_of_earlier_tune_parts(tmp_path: Path) -> None:
    from bench.body_s28 import earlier_tune_sites
    from bench.extract_eval import Case, Prediction, Result, fresh_site_line
    from bench.zh_gold import GoldPage

    earlier = earlier_tune_sites()
    assert {"haiwainet", "cna"} <= earlier and not {"66wz", "yahoo"} & earlier  # body-s26 tune, zh tune; neither
    pages = [GoldPage(tmp_path / name, site, "held", "t", None, None, "甲乙丙丁")
             for name, site in (("a", "haiwainet"), ("b", "66wz"), ("c", "yahoo"))]
    cases = [Case(page.path.name, "", "", page) for page in pages]
    results = {"newsmirror": Result([Prediction("甲乙丙丁"), Prediction("甲乙"), Prediction("甲乙丙丁")])}
    line = fresh_site_line("body-s28-held", cases, results, earlier)
    assert line == "body-s28-held, 2 pages of 2 sites on no earlier tune part: body F newsmirror 0.833"
    assert "no page" in fresh_site_line("body-s28-held", cases[:1], {"newsmirror": Result([Prediction("")])}, earlier)
