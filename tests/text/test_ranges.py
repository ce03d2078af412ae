from decimal import Decimal

from newsmirror.text.ranges import bounds, fraction_share, overlap, place, upward, written


def test_the_last_significant_place() -> None:
    assert [place(n) for n in ("36500", "30", "100", "3124", "0", "1.5")] == [
        Decimal(100), Decimal(10), Decimal(100), Decimal(1), Decimal(1), Decimal("0.1")]


def test_upward_fills_the_places_below() -> None:
    assert written(*upward(Decimal(100), Decimal(100))) == "100~199"
    assert written(*upward(Decimal("1.5"), Decimal("0.1"))) == "1.5~1.6"


def test_fractions_as_percentages() -> None:
    assert fraction_share("4", "1") == (Decimal(25), Decimal(25))
    assert fraction_share("3", "1") == (Decimal(33), Decimal(34))
    assert fraction_share("0", "1") is None


def test_ranges_overlap_closed() -> None:
    assert bounds("100~199") == (Decimal(100), Decimal(199))
    assert overlap("100~199", "150") and overlap("100~199", "199") and not overlap("100~199", "75")
    assert overlap("5", "5.0") and not overlap("5", "6")
