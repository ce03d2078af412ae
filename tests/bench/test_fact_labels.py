"""bench/days/fact_labels.py: gold links, quote matching and false "only X names N" claims."""

from __future__ import annotations

from pathlib import Path

from bench.days import fact_labels

from bench import days_facts_eval, facts_lofo

DAYS = Path(fact_labels.__file__).resolve().parent


def _story(event: str, path: Path = DAYS / "facts.toml") -> fact_labels.FactStory:
    return next(s for s in fact_labels.load_fact_stories(path) if s.event == event)


def test_gold_links_pair_quotes_of_one_fact_across_files_only() -> None:
    story = _story("dprk-miniaturised-nukes")
    links = story.gold_links()
    assert links
    assert all(len({quote[0] for quote in pair}) == 2 for pair in links)
    # four outlets quote the 'miniaturised device' fact: 6 pairs; no pair joins two facts
    facts_of = {quote: fact for fact, quotes in story.facts.items() for quote in quotes}
    assert all(len({facts_of[quote] for quote in pair}) == 1 for pair in links)
    assert sum(1 for pair in links if {facts_of[q] for q in pair} == {"miniaturised-device"}) == 6


def test_a_system_sentence_matches_the_quote_it_contains_whitespace_ignored() -> None:
    story = _story("beirut-explosion")
    file, text = story.facts["toll-50-2700"][0]
    assert fact_labels.matching_quote(story, file, f"（中央社）{text[:5]} {text[5:]}，衛生部長說。") == (file, text)
    assert fact_labels.matching_quote(story, "another-file.md", text) is None


def test_score_links_counts_right_wrong_and_missed_links() -> None:
    story = _story("xiaoi-sues-apple")
    (a_file, a_text), (b_file, b_text) = story.facts["10bn-yuan"][:2]
    (c_file, c_text) = story.facts["patent-2004-2009"][1]  # Reuters: another file than b
    right = ((a_file, a_text + "。"), (b_file, b_text))
    wrong = ((b_file, b_text), (c_file, c_text))
    unjudged = ((a_file, "一句没有被标注的话"), (b_file, b_text))
    score = fact_labels.score_links(story, [right, wrong, unjudged, right])
    assert (score.true_positive, score.false_positive) == (1, 1)
    assert score.false_negative == len(story.gold_links()) - 1


def test_only_claims_are_false_across_scripts_and_transliterations() -> None:
    tibet = _story("us-tibet-coordinator")
    reuters = "2020-10-14-美国任命西藏问题特别协调员.md"
    assert fact_labels.other_outlets_name(tibet, reuters, "戴斯卓")  # 德斯特罗 elsewhere
    assert fact_labels.other_outlets_name(tibet, reuters, "奥巴马") == []  # really only Reuters
    honor = _story("huawei-honor-sale")
    cna = "2020-10-14-路透：華為擬出售旗下榮耀手機品牌.md"
    assert fact_labels.other_outlets_name(honor, cna, "神州數碼")  # 神州数码 in Simplified


def test_test_day_facts_load_apart() -> None:
    stories = fact_labels.load_fact_stories(DAYS / "test" / "facts-2020-12-02.toml")
    assert {s.day for s in stories} == {"2020-12-02"}
    assert len(stories) >= 2


def test_every_fact_file_is_tuning_or_refused_by_the_tuning_tools() -> None:
    # A fresh file (facts-s84, 2020-08-31, labelled in session 75) must be refused by facts_lofo and facts_misses
    # until the lead scores it once; every other fact file of bench/days is a tuning file (facts-s49 from the start
    # of session 41 on).
    assert days_facts_eval.never_tuned_on(DAYS / "facts-s84.toml")
    assert not days_facts_eval.never_tuned_on(DAYS / "facts-s83.toml")
    assert not days_facts_eval.never_tuned_on(DAYS / "facts-s82.toml")
    assert not days_facts_eval.never_tuned_on(DAYS / "facts-s81.toml")
    assert not days_facts_eval.never_tuned_on(DAYS / "facts-s77.toml")
    assert not days_facts_eval.never_tuned_on(DAYS / "facts-s76.toml")
    assert not days_facts_eval.never_tuned_on(DAYS / "facts-s75.toml")
    assert not days_facts_eval.never_tuned_on(DAYS / "facts-s74.toml")
    assert not days_facts_eval.never_tuned_on(DAYS / "facts-s73.toml")
    assert not days_facts_eval.never_tuned_on(DAYS / "facts-s72.toml")
    assert not days_facts_eval.never_tuned_on(DAYS / "facts-s71.toml")
    assert not days_facts_eval.never_tuned_on(DAYS / "facts-s69.toml")
    assert not days_facts_eval.never_tuned_on(DAYS / "facts-s68.toml")
    assert not days_facts_eval.never_tuned_on(DAYS / "facts-s67.toml")
    assert not days_facts_eval.never_tuned_on(DAYS / "facts-s66.toml")
    assert not days_facts_eval.never_tuned_on(DAYS / "facts-s65.toml")
    assert not days_facts_eval.never_tuned_on(DAYS / "facts-s64.toml")
    assert not days_facts_eval.never_tuned_on(DAYS / "facts-s63.toml")
    assert not days_facts_eval.never_tuned_on(DAYS / "facts-s62.toml")
    assert not days_facts_eval.never_tuned_on(DAYS / "facts-s61.toml")
    assert not days_facts_eval.never_tuned_on(DAYS / "facts-s60.toml")
    assert not days_facts_eval.never_tuned_on(DAYS / "facts-s59.toml")
    assert not days_facts_eval.never_tuned_on(DAYS / "facts-s58.toml")
    assert not days_facts_eval.never_tuned_on(DAYS / "facts-s57.toml")
    assert not days_facts_eval.never_tuned_on(DAYS / "facts-s56.toml")
    assert not days_facts_eval.never_tuned_on(DAYS / "facts-s55.toml")
    assert not days_facts_eval.never_tuned_on(DAYS / "facts-s54.toml")
    assert not days_facts_eval.never_tuned_on(DAYS / "facts-s53.toml")
    assert not days_facts_eval.never_tuned_on(DAYS / "facts-s52.toml")
    assert not days_facts_eval.never_tuned_on(DAYS / "facts-s51.toml")
    assert not days_facts_eval.never_tuned_on(DAYS / "facts-s50.toml")
    assert not days_facts_eval.never_tuned_on(DAYS / "facts-s49.toml")
    assert not days_facts_eval.never_tuned_on(DAYS / "facts-s48.toml")
    assert not days_facts_eval.never_tuned_on(DAYS / "facts-s47.toml")
    assert not days_facts_eval.never_tuned_on(DAYS / "facts-s46.toml")
    assert not days_facts_eval.never_tuned_on(DAYS / "facts-s45.toml")
    assert not days_facts_eval.never_tuned_on(DAYS / "facts-s44.toml")
    assert not days_facts_eval.never_tuned_on(DAYS / "facts-s43.toml")
    assert not days_facts_eval.never_tuned_on(DAYS / "facts-s42.toml")
    assert not days_facts_eval.never_tuned_on(DAYS / "facts-s41.toml")
    assert not days_facts_eval.never_tuned_on(DAYS / "facts-s40.toml")
    assert not days_facts_eval.never_tuned_on(DAYS / "facts-s39.toml")
    assert not days_facts_eval.never_tuned_on(DAYS / "facts-s38.toml")
    assert not days_facts_eval.never_tuned_on(DAYS / "facts-s37.toml")
    assert not days_facts_eval.never_tuned_on(DAYS / "facts-s32.toml")
    for path in sorted(DAYS.glob("facts*.toml")):
        assert (path.stem in facts_lofo.TUNING) != days_facts_eval.never_tuned_on(path), path.name


def test_the_results_title_names_each_file_role() -> None:
    # A fresh file's first scoring was printed as "tuning days" (session 27's start): the title must say
    # what the scorer reads, or a table pasted into the results misstates the data's role.
    fresh = DAYS / f"{days_facts_eval.FRESH_FACT_FILES[0]}.toml"
    assert days_facts_eval.data_role(fresh) == "fresh: never tuned on"
    assert days_facts_eval.data_role(DAYS / "test" / "facts-2020-12-02.toml") == "test day: never tuned on"
    assert days_facts_eval.data_role(DAYS / f"{facts_lofo.TUNING[0]}.toml") == "tuning days"


def test_the_tuning_fact_files_are_listed_in_one_place() -> None:
    # The names were in facts_lofo, and eleven tools wrote the files out from them, each in its own words; a tool
    # that wrote its own list would miss the next file made tuning data.
    bench = DAYS.parent
    listing = [path.name for path in sorted(bench.glob("*.py")) if '"facts-s16"' in path.read_text(encoding="utf-8")]
    assert listing == ["days_facts_eval.py"]
    assert [path.name for path in sorted(bench.glob("*.py"))
            if "for name in TUNING" in path.read_text(encoding="utf-8")] == ["days_facts_eval.py"]
    assert facts_lofo.TUNING == days_facts_eval.TUNING_FACT_FILES  # (two module objects: bench.X and X)
    paths = days_facts_eval.tuning_fact_paths()
    assert [path.stem for path in paths] == list(days_facts_eval.TUNING_FACT_FILES) and all(p.is_file() for p in paths)
    assert not set(days_facts_eval.TUNING_FACT_FILES) & set(days_facts_eval.FRESH_FACT_FILES)
