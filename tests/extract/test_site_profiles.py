from __future__ import annotations

import re
from zoneinfo import ZoneInfo

from newsmirror.extract.site_profiles import PROFILES, profile_for_url


def test_profile_by_host_and_subdomain() -> None:
    assert profile_for_url("https://www.ntdtv.com/gb/2023/02/05/a1.html").key == "ntd"  # type: ignore[union-attr]
    assert profile_for_url("https://i.epochtimes.com/assets/x.jpg").key == "epochtimes"  # type: ignore[union-attr]
    assert profile_for_url("https://cn.nytimes.com/usa/20210120/x/").key == "nyt"  # type: ignore[union-attr]
    assert profile_for_url("https://example.org/news") is None
    assert profile_for_url("not a url") is None


def test_zones_exist_and_suffixes_compile() -> None:
    for profile in PROFILES:
        ZoneInfo(profile.timezone)
        re.compile(profile.title_suffix)


def test_rfi_title_suffix() -> None:
    rfi = profile_for_url("https://www.rfi.fr/cn/x")
    assert rfi is not None
    assert re.sub(rfi.title_suffix, "", "欧股开高 – 法国国际广播电台 - RFI") == "欧股开高"
