"""bench/mine_transliteration.py: candidates of a glosses row, EM moving probability to the letters that go together,
and the written table read back as the model it was written from."""

from __future__ import annotations

from bench.mine_transliteration import candidates, em_step, initial_model, rows, table_lines

from newsmirror.text.transliteration import read_model, score


def test_a_row_gives_each_word_and_the_words_run_together() -> None:
    assert candidates("蓬佩奥", "mike pompeo") == [("pengpeiao", "mike"), ("pengpeiao", "pompeo"),
                                                   ("pengpeiao", "mikepompeo")]
    assert candidates("世卫组织2", "who") == []  # not Han characters only
    assert candidates("法", "france") == []  # one character


def test_em_learns_a_substitution_the_pairs_share() -> None:
    pairs = [("ke", "ca"), ("ka", "ca"), ("ku", "co")] * 5
    model = initial_model()
    before = model.sub[("k", "c")]
    for _ in range(3):
        model = em_step(pairs, model)
    assert model.sub[("k", "c")] > before * 10
    assert score("ka", "ca", model) > score("ka", "ta", model)


def test_the_table_reads_back_as_its_model() -> None:
    model = em_step([("ke", "ca")], initial_model())
    rows = [line.split("\t") for line in table_lines(model) if not line.startswith("#")]
    again = read_model(rows)
    assert abs(again.sub[("k", "c")] - model.sub[("k", "c")]) < 1e-6 * model.sub[("k", "c")]
    assert abs(again.end - model.end) < 1e-6 * model.end


def test_the_pairs_are_read_from_the_shipped_glosses_whatever_their_columns() -> None:
    # glosses.tsv grew a fifth column in session 56 (posts writing the Han form); the miner unpacked four and failed
    pairs = rows()
    assert len(pairs) > 1000
    assert all(len(pair) == 2 and pair[0] and pair[1] for pair in pairs)
