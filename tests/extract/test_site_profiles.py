from __future__ import annotations

import re

from newsmirror.extract.site_profiles import GENERIC, PROFILES, profile_for_url


def test_profile_by_host_and_subdomain() -> None:
    assert profile_for_url("https://www.ntdtv.com/gb/2023/02/05/a1.html").key == "ntd"  # type: ignore[union-attr]
    assert profile_for_url("https://i.epochtimes.com/assets/x.jpg").key == "epochtimes"  # type: ignore[union-attr]
    assert profile_for_url("https://cn.nytimes.com/usa/20210120/x/").key == "nyt"  # type: ignore[union-attr]
    assert profile_for_url("https://example.org/news") is None
    assert profile_for_url("not a url") is None


def test_every_profile_pattern_compiles_and_zones_exist() -> None:
    from zoneinfo import ZoneInfo

    for profile in (GENERIC, *PROFILES):
        ZoneInfo(profile.timezone)
        for name in ("drop_paragraphs", "stop_paragraphs", "end_after", "url_dates"):
            assert all(isinstance(p, re.Pattern) for p in profile.patterns(name))


def test_rfa_url_date_pattern() -> None:
    rfa = profile_for_url("https://www.rfa.org/mandarin/yataibaodao/x/ab-10162020150843.html")
    assert rfa is not None
    match = rfa.patterns("url_dates")[0].search("https://www.rfa.org/mandarin/x/ab-10162020150843.html")
    assert match is not None and (match["y"], match["m"], match["d"]) == ("2020", "10", "16")
