"""bench/days/fact_agreement.py on two tiny constructed fact files of one story (three posts)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench.days import fact_agreement

DAY = "2020-01-01"
POSTS = {
    "2020-01-01-a.md": ("甲國地震", "甲國今天發生強烈地震，造成10人死亡。總統說：「我們會重建。」當局派出救援隊。"),
    "2020-01-01-b.md": ("甲国地震", "甲国周一发生强震，造成10人死亡。总统表示会重建家园。另有外国救援队抵达。"),
    "2020-01-01-c.md": ("地震", "甲国发生地震，10人死亡。救援队已出发（据新华社；有删节）。天气寒冷。"),
}
A, B, C = sorted(POSTS)


@pytest.fixture()
def archive(tmp_path: Path) -> Path:
    folder = tmp_path / "archived" / DAY
    folder.mkdir(parents=True)
    for name, (title, text) in POSTS.items():
        (folder / name).write_text(f'---\ntitle: "{title}"\nauthor: x\ndate: {DAY}T01:00:00\n---\n{text}\n',
                                   encoding="utf-8")
    return tmp_path / "archived"


def write(path: Path, facts: dict[str, list[tuple[str, str]]], only: tuple[tuple[str, str], ...] = (),
          names: dict[str, list[str]] | None = None) -> Path:
    lines = ["[[story]]", f'day = "{DAY}"', 'event = "quake"', f'files = ["{A}", "{B}", "{C}"]', ""]
    for fact, quotes in facts.items():
        lines += ["  [[story.fact]]", f'  id = "{fact}"', f'  what = "{fact}"', "  sentences = ["]
        lines += [f'    {{ file = "{file}", text = "{text}" }},' for file, text in quotes]
        lines += ["  ]", ""]
    for file, text in only:
        lines += ["  [[story.only]]", f'  file = "{file}"', f'  text = "{text}"', ""]
    for file, given in (names or {}).items():
        lines += ["  [[story.names]]", f'  file = "{file}"', "  names = [" + ", ".join(f'"{n}"' for n in given) + "]", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


FIRST = {
    "toll": [(A, "造成10人死亡"), (B, "造成10人死亡"), (C, "10人死亡")],
    "rebuild": [(A, "總統說：「我們會重建。」"), (B, "总统表示会重建家园")],
    "rescue": [(A, "當局派出救援隊"), (C, "救援队已出发")],
}


def run(archive: Path, tmp_path: Path, first: Path, second: Path) -> list[fact_agreement.StoryAgreement]:
    results = []
    for first_story, second_story in fact_agreement.load_pairs(first, second):
        def units(day: str, file: str) -> list[str]:
            return fact_agreement.post_units(archive, day, file)
        placed_first = fact_agreement.place(first_story, units)
        placed_second = fact_agreement.place(second_story, units)
        assert not placed_first.unplaced and not placed_second.unplaced
        results.append(fact_agreement.compare_story(placed_first, placed_second, first_story.day, first_story.event))
    return results


def test_sentences_are_cut_at_ends_but_not_at_a_semicolon_in_brackets() -> None:
    assert fact_agreement.split_units("救援队已出发（据新华社；有删节）。天气寒冷。他说：「好。」走了") == [
        "救援队已出发（据新华社；有删节）。", "天气寒冷。", "他说：「好。」", "走了"]


def test_quotes_of_one_sentence_agree_whatever_their_extent(archive: Path, tmp_path: Path) -> None:
    # the second annotator quotes whole sentences and the clause of another; the same units, the same links
    second = {
        "deaths": [(A, "甲國今天發生強烈地震，造成10人死亡。"), (B, "甲国周一发生强震，造成10人死亡"), (C, "甲国发生地震，10人死亡")],
        "rebuild": [(A, "我們會重建"), (B, "总统表示会重建家园。")],
        "rescue": [(A, "當局派出救援隊。"), (C, "救援队已出发")],
    }
    [result] = run(archive, tmp_path, write(tmp_path / "a.toml", FIRST), write(tmp_path / "b.toml", second))
    for way in (result.second_vs_first, result.first_vs_second):
        assert (way.recall, way.precision) == (1.0, 1.0)
    assert (result.links.both, result.links.first, result.links.second) == (5, 0, 0)


def test_a_split_fact_lowers_recall_one_way_and_precision_the_other(archive: Path, tmp_path: Path) -> None:
    # the second puts A's toll apart from C's, each with one sentence of B (its toll sentence, quoted twice)
    second = {"toll-a": [(A, "造成10人死亡"), (B, "甲国周一发生强震")], "toll": [(B, "造成10人死亡"), (C, "10人死亡")],
              "rebuild": FIRST["rebuild"], "rescue": FIRST["rescue"]}
    [result] = run(archive, tmp_path, write(tmp_path / "a.toml", FIRST), write(tmp_path / "b.toml", second))
    # both of the second's B quotes lie in B's toll sentence: it links A-B and B-C but not A-C (4 links, all gold)
    assert result.second_vs_first.links == 4
    assert result.second_vs_first.recall == pytest.approx(4 / 5)
    assert result.second_vs_first.precision == 1.0
    assert result.first_vs_second.precision == pytest.approx(4 / 5)


def test_links_to_unquoted_sentences_are_not_judged_and_links_to_only_facts_are_counted(
        archive: Path, tmp_path: Path) -> None:
    second = {**FIRST, "weather": [(C, "天气寒冷"), (B, "另有外国救援队抵达")]}
    first = write(tmp_path / "a.toml", FIRST, only=((B, "另有外国救援队抵达"),))
    [result] = run(archive, tmp_path, first, write(tmp_path / "b.toml", second))
    way = result.second_vs_first
    assert (way.links, way.judged, way.right) == (6, 5, 5)
    assert way.precision == 1.0 and way.to_only == 1
    assert result.first_vs_second.recall == pytest.approx(5 / 6)


def test_a_wrong_join_of_two_quoted_sentences_lowers_precision(archive: Path, tmp_path: Path) -> None:
    second = {"toll": FIRST["toll"], "rebuild-rescue": [*FIRST["rebuild"], *FIRST["rescue"]]}
    [result] = run(archive, tmp_path, write(tmp_path / "a.toml", FIRST), write(tmp_path / "b.toml", second))
    way = result.second_vs_first
    # rebuild+rescue: A-rebuild/B, A-rebuild/C, B/A-rescue, B/C, A-rescue/C; two of them gold
    assert (way.links, way.judged, way.right) == (3 + 5, 8, 5)
    assert way.recall == 1.0


def test_names_agree_across_scripts_per_file(archive: Path, tmp_path: Path) -> None:
    first = write(tmp_path / "a.toml", FIRST, names={A: ["甲國"], B: ["甲国"]})
    second = write(tmp_path / "b.toml", FIRST, names={A: ["甲国"], B: ["甲国", "新华社"]})
    [result] = run(archive, tmp_path, first, second)
    assert (result.names.both, result.names.first, result.names.second) == (2, 0, 1)


def test_disagreements_name_their_kind(archive: Path, tmp_path: Path) -> None:
    second = {"toll": [(A, "造成10人死亡"), (B, "造成10人死亡")], "toll-c": [(C, "10人死亡"), (B, "另有外国救援队抵达")],
              "rebuild": FIRST["rebuild"]}
    first_story, second_story = fact_agreement.load_pairs(write(tmp_path / "a.toml", FIRST),
                                                          write(tmp_path / "b.toml", second))[0]

    def units(day: str, file: str) -> list[str]:
        return fact_agreement.post_units(archive, day, file)
    rows = fact_agreement.disagreements(fact_agreement.place(first_story, units), fact_agreement.place(second_story, units))
    kinds = sorted((whose, why) for whose, why, _ in rows)
    # toll A-C and B-C: the second holds all three units but in two facts (split); rescue: unquoted by the second;
    # the second's C-B link: B's rescue sentence is unquoted by the first
    assert kinds == [("first", "split"), ("first", "split"), ("first", "unquoted"), ("second", "unquoted")]


def test_fresh_and_test_fact_files_are_refused_unread(tmp_path: Path) -> None:
    tuning = write(tmp_path / "a.toml", FIRST)
    for name in ("facts-s84.toml", "test/facts-2020-12-02.toml"):
        refused = tmp_path / name  # never written: refused before any reading
        with pytest.raises(SystemExit):
            fact_agreement.load_pairs(tuning, refused)
