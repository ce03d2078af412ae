"""Sources and settings from TOML; OPML import/export; the packaged default list."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from newsmirror.config import (
    FetchSettings,
    default_sources,
    export_opml,
    import_opml,
    load_config,
    parse_config,
    source_id_for,
)
from newsmirror.errors import ConfigError

MINIFLUX_EXPORT = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>Miniflux</title></head>
  <body>
    <outline text="法广" title="法广">
      <outline title="RFI 中文" text="RFI 中文" xmlUrl="https://www.rfi.fr/cn/rss" htmlUrl="https://www.rfi.fr/cn/" type="rss"/>
    </outline>
    <outline text="德国之声">
      <outline text="DW" xmlUrl="https://rss.dw.com/xml/rss-chi-all" type="rss"/>
      <outline text="DW again" xmlUrl="https://rss.dw.com/xml/rss-chi-all" type="rss"/>
    </outline>
    <outline text="Loose feed" xmlUrl="https://example.org/feed.xml" type="rss"/>
  </body>
</opml>"""


def test_parse_config_reads_fetch_settings_and_sources() -> None:
    config = parse_config("""
[fetch]
timeout_seconds = 5
per_host_delay_seconds = 0.5
respect_robots = false

[[source]]
url = "https://www.rfi.fr/cn/rss"
outlet = "法广"
script = "zh-Hans"
full_text = false
interval_minutes = 15
""")
    assert config.fetch.timeout_seconds == 5.0 and isinstance(config.fetch.timeout_seconds, float)
    assert config.fetch.per_host_delay_seconds == 0.5
    assert config.fetch.respect_robots is False
    assert config.fetch.max_retries == FetchSettings().max_retries
    (source,) = config.sources
    assert (source.outlet, source.script, source.full_text, source.interval_minutes) == ("法广", "zh-Hans", False, 15)
    assert source.id == source_id_for("https://www.rfi.fr/cn/rss")


@pytest.mark.parametrize(("text", "message"), [
    ("[fetch]\ntimeout = 5\n", "unknown [fetch] settings: timeout"),
    ("[fetch]\nmax_retries = \"three\"\n", "expected a int"),
    ("[fetch]\nrespect_robots = 1\n", "expected a bool"),
    ('[[source]]\nurl = "ftp://x"\noutlet = "a"\n', "http(s) URL"),
    ('[[source]]\nurl = "https://x.example/feed"\n', "`outlet` is required"),
    ('[[source]]\nurl = "https://x.example/feed"\noutlet = "a"\nscript = "zh"\n', "script must be"),
    # The walk: `sources add --summary-only` written in the file was dropped without a word (the feed read as full text).
    ('[[source]]\nurl = "https://x.example/feed"\noutlet = "a"\nsummary_only = true\n',
     "config source #1: unknown key(s) summary_only (summary_only: write full_text = false); known: url, outlet"),
    ('[[source]]\nurl = "https://x.example/feed"\noutlet = "a"\nfulltext = false\n', "unknown key(s) fulltext; known:"),
    ("this is = = not toml", "not valid TOML"),
])
def test_config_errors_say_what_to_fix(text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("(", r"\(").replace(")", r"\)")):
        parse_config(text)


def test_load_config_from_file_and_missing_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "nm.toml"
    path.write_text("[fetch]\nmax_redirects = 2\n", encoding="utf-8")
    assert load_config(path).fetch.max_redirects == 2
    monkeypatch.setenv("NEWSMIRROR_CONFIG", str(path))
    assert load_config().fetch.max_redirects == 2
    with pytest.raises(ConfigError, match="missing.toml does not exist"):
        load_config(tmp_path / "missing.toml")
    monkeypatch.delenv("NEWSMIRROR_CONFIG")
    monkeypatch.chdir(tmp_path)
    assert load_config().fetch == FetchSettings()


def test_the_fetch_settings_and_the_publish_table_are_read_from_one_file_alike(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # load_config and load_publish_settings chose and read the file each in its own way (session 48 found run and
    # worker --config publishing with ./newsmirror.toml's table); one reader now, so they say the same of a bad file.
    from newsmirror.jobs.building import PublishSettings, load_publish_settings

    monkeypatch.chdir(tmp_path)
    assert load_config() == load_config(None) and load_publish_settings() == PublishSettings()  # no file: defaults
    Path("newsmirror.toml").write_text('[fetch]\nmax_redirects = 3\n[publish]\nsite_title = "镜像"\n', encoding="utf-8")
    assert load_config().fetch.max_redirects == 3 and load_publish_settings().site_title == "镜像"
    for named, said in ((tmp_path / "typo.toml", "typo.toml does not exist"), (tmp_path, "is not a file")):
        for reader in (load_config, load_publish_settings):
            with pytest.raises(ConfigError, match=said):
                reader(named)
        monkeypatch.setenv("NEWSMIRROR_CONFIG", str(named))  # the variable names the file as --config does
        for reader in (load_config, load_publish_settings):
            with pytest.raises(ConfigError, match=said):
                reader()
        monkeypatch.delenv("NEWSMIRROR_CONFIG")
    # a file that is not TOML: the same words whichever command reads it first (build and publish said "cannot read")
    Path("newsmirror.toml").write_text("[fetch\n", encoding="utf-8")
    said = []
    for reader in (load_config, load_publish_settings):
        with pytest.raises(ConfigError) as raised:
            reader()
        said.append(str(raised.value))
    assert said[0] == said[1] and said[0].startswith("newsmirror.toml is not valid TOML: ")


def test_import_opml_uses_folders_as_outlets_and_skips_repeats() -> None:
    sources = import_opml(MINIFLUX_EXPORT, default_outlet="其他")
    assert [(s.outlet, s.url) for s in sources] == [
        ("法广", "https://www.rfi.fr/cn/rss"),
        ("德国之声", "https://rss.dw.com/xml/rss-chi-all"),
        ("Loose feed", "https://example.org/feed.xml"),
    ]
    assert sources[0].name == "RFI 中文"


def test_opml_round_trip_keeps_newsmirror_fields() -> None:
    originals = default_sources()[:6]
    back = import_opml(export_opml(originals))
    assert sorted(back, key=lambda s: s.url) == sorted(originals, key=lambda s: s.url)


def test_import_opml_rejects_non_opml() -> None:
    with pytest.raises(ConfigError, match="not an OPML"):
        import_opml("<rss><channel/></rss>")
    with pytest.raises(ConfigError, match="not valid XML"):
        import_opml("<opml><body>")


def test_default_sources_cover_the_outlets_the_issue_names() -> None:
    sources = default_sources()
    urls = [s.url for s in sources]
    assert len(urls) == len(set(urls))
    assert all(urlsplit(u).scheme == "https" for u in urls)
    outlets = {s.outlet for s in sources}
    assert {"新唐人", "中央社", "自由亚洲电台", "美国之音", "BBC中文", "法广", "德国之声", "联合早报"} <= outlets
    ntd = {s.script for s in sources if s.outlet == "新唐人"}
    assert ntd == {"zh-Hans", "zh-Hant"}  # gb and b5 channels
    assert any("feedx.net" in u for u in urls) and any("rsshub.app" in u for u in urls)
