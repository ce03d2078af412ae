from __future__ import annotations

import re
from zoneinfo import ZoneInfo

from newsmirror.extract.profiles import GENERIC, PROFILES, profile_for, site_profile


def test_profile_by_host_and_subdomain() -> None:
    assert profile_for("https://www.ntdtv.com/gb/2023/02/05/a1.html").key == "ntd"
    assert profile_for("https://i.epochtimes.com/assets/x.jpg").key == "epochtimes"
    assert profile_for("https://cn.nytimes.com/usa/20210120/x/").key == "nyt"
    assert site_profile("https://example.org/news") is None
    assert profile_for("https://example.org/news") is GENERIC
    assert profile_for("not a url") is GENERIC


def test_one_entry_per_outlet_and_host() -> None:
    keys = [profile.key for profile in PROFILES]
    hosts = [host for profile in PROFILES for host in profile.hosts]
    assert len(keys) == len(set(keys)) and len(hosts) == len(set(hosts))


def test_zones_exist_and_patterns_compile() -> None:
    for profile in PROFILES:
        ZoneInfo(profile.timezone)
        re.compile(profile.title_suffix)
        for pattern in (*profile.boilerplate, *profile.strip_text):
            re.compile(pattern)


def test_site_rules_extend_the_generic_ones() -> None:
    cna = profile_for("https://www.cna.com.tw/news/a.aspx")
    assert cna.timezone == "Asia/Taipei" and cna.content == (".paragraph",)
    assert set(GENERIC.drop) < set(cna.drop) and ".shareBar" in cna.drop
    assert set(GENERIC.boilerplate) <= set(cna.boilerplate)
    assert GENERIC.timezone == "" and GENERIC.title_suffix == ""


def test_rfi_title_suffix() -> None:
    rfi = profile_for("https://www.rfi.fr/cn/x")
    assert re.sub(rfi.title_suffix, "", "欧股开高 – 法国国际广播电台 - RFI") == "欧股开高"


def test_boilerplate_rules_match_as_one_searched_alternation() -> None:
    from newsmirror.extract.profiles import Boilerplate, anchored_at_start

    assert anchored_at_start(r"^(a|b)c") and anchored_at_start(r"^[|]x") and anchored_at_start(r"^a\|b")
    assert not anchored_at_start(r"^a|b") and not anchored_at_start(r"a^") and not anchored_at_start(r"(?m)^a")
    assert not anchored_at_start(r"^[]|]x")  # unsure: searched, which is always right
    patterns = (*GENERIC.boilerplate, r"^a|tail$", r"^x\|y")
    whole = re.compile("|".join(f"(?:{pattern})" for pattern in patterns))
    rules = Boilerplate(patterns)
    for text in ("Tags: x", "some text. Tags:", "© 2024 Example", "x © 2024", "ends with tail", "a start",
                 "x|y", "zx|y", "see get_post_time( here", "text | Permalink | more", "Powered by RSSHub", ""):
        assert rules.search(text) == bool(whole.search(text)), text
