"""The paraphrase lexicon: rows become groups with one form, and folding replaces whole words only."""

from __future__ import annotations

import pytest

from newsmirror.text.paraphrase import fold_paraphrases, paraphrase_map, parse_lexicon

LEXICON = "# word\tparaphrase\tevents\n开除\t解雇\t3\t0.5\t0.4\n辞退\t解雇\t4\n下市\t摘牌\t5\n摘牌\t除牌\t2\n"


def test_rows_form_groups_written_as_their_most_attested_member() -> None:
    mapping = parse_lexicon(LEXICON)
    # 解雇 is seen in 7 events, 开除 in 3, 辞退 in 4: one group, one form.
    assert mapping["开除"] == "解雇"
    assert mapping["辞退"] == "解雇"
    assert "解雇" not in mapping
    # 摘牌 (7) links 下市 (5) and 除牌 (2).
    assert mapping["下市"] == "摘牌" and mapping["除牌"] == "摘牌"
    assert "开除" not in {mapping.get(w) for w in ("下市", "除牌")}


def test_the_form_does_not_depend_on_row_order() -> None:
    rows = [line for line in LEXICON.splitlines() if line and not line.startswith("#")]
    assert parse_lexicon("\n".join(reversed(rows))) == parse_lexicon(LEXICON)


@pytest.mark.parametrize("row", ["开除\t3", "开除\t开除\t3", "\t解雇\t3"])
def test_malformed_rows_are_refused(row: str) -> None:
    with pytest.raises(ValueError):
        parse_lexicon(row)


def test_folding_writes_paraphrases_one_way() -> None:
    mapping = parse_lexicon(LEXICON)
    assert fold_paraphrases("公司 开除 了 他", mapping) == fold_paraphrases("公司 解雇 了 他", mapping)
    assert fold_paraphrases("纽约证券交易所将三家公司摘牌", mapping) == fold_paraphrases("纽约证券交易所将三家公司下市", mapping)


def test_folding_replaces_whole_words_only() -> None:
    mapping = parse_lexicon(LEXICON)
    # 下市场 is 下 + 市场 ("go to the market"): no 下市 in it to fold.
    assert fold_paraphrases("他们 下市场 买菜", mapping) == "他们 下市场 买菜"
    assert fold_paraphrases("无关的句子", mapping) == "无关的句子"


def test_the_packaged_lexicon_loads_and_maps_words_to_other_words() -> None:
    mapping = paraphrase_map()
    assert mapping, "the packaged paraphrases.tsv is empty"
    assert all(word != form and form not in mapping for word, form in mapping.items())
