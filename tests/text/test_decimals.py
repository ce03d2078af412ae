"""A decimal point belongs to its figure in every matching key (19.5亿 is not 195亿)."""

from __future__ import annotations

from newsmirror.stories.compare import _figures
from newsmirror.text.fold import quick_normalize, quick_normalize_lines
from newsmirror.text.normalize import match_key, normalize, normalize_lines
from newsmirror.text.numbers import fold_numbers


def test_a_decimal_point_between_digits_stays() -> None:
    assert match_key("投资19.5亿元。") == "投资19.5亿元"
    assert match_key("投资19.5亿元") != match_key("投资195亿元")
    assert match_key("１９．５亿") == "19.5亿"  # full-width point and digits
    # A point that is no decimal separates like any punctuation, and so do the points of a
    # version, an address, a date or a time stamp (no figure, and jieba-rs cuts them unlike jieba).
    assert normalize("结束. 5人 3..5 .5 5.") == "结束 5人 3 5 5 5"
    assert normalize("v1.2 2020.11.18 16.220z 12.0pt") == "v1 2 2020 11 18 16 220z 12 0pt"


def test_every_normalizer_keeps_it_alike() -> None:
    text = "增长3.5%。\n约1.5万人. 其中.5\n第2.段 v2.0 ip 1.2.3.4"
    assert quick_normalize(text) == normalize(text)
    assert quick_normalize_lines(text) == normalize_lines(text)


def test_decimal_figures_fold_and_read_as_one() -> None:
    assert fold_numbers(normalize("约1.5万人")) == fold_numbers(normalize("约15,000人")) == "约15000人"
    assert fold_numbers(normalize("增长3.5%")) == fold_numbers(normalize("增长百分之三点五")) == "增长3.5"
    assert _figures(match_key("投资19.5亿元")) == frozenset({"19.5亿"})
    assert _figures(match_key("投资195亿元")) == frozenset({"195亿"})
    key = match_key(fold_numbers(normalize("增长3.5%，达到2.1万人")), normalized=True)
    assert _figures(key) == frozenset({"3.5", "21000人"})
