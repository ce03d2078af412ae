"""The private-address policy: allowances as operators write them, and connections pinned to the checked address."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from newsmirror.config import FetchSettings
from newsmirror.errors import ConfigError
from newsmirror.fetch import Fetcher, PrivateAddress
from newsmirror.fetch.addresses import allowance, allows, source_hosts
from tests.httpserver import LoopbackServer

REBINDING = "rebinding.test"  # a name whose first answer is public and whose next ones are 127.0.0.1 (TTL 0)


@pytest.fixture
def rebinding(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every look-up of REBINDING, in order: the first says 93.184.216.34 (public), the others 127.0.0.1."""
    real: Callable[..., Any] = socket.getaddrinfo
    answers: list[str] = []

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host != REBINDING:
            return real(host, port, *args, **kwargs)
        answers.append("93.184.216.34" if not answers else "127.0.0.1")
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (answers[-1], int(port)))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield answers


def test_a_name_rebound_between_the_check_and_the_connection_reaches_no_private_address(
        rebinding: list[str], loopback_server: LoopbackServer) -> None:
    """The check resolved the name, then httpx resolved it again to connect: a name answering a public address first
    and 127.0.0.1 next (DNS rebinding) had the service on the machine asked. The connection now resolves once, checks
    what it got and connects to that."""
    loopback_server.route("/secret", body="机密")
    url = f"http://{REBINDING}:{loopback_server.base_url.rsplit(':', 1)[1]}/secret"
    settings = FetchSettings(respect_robots=False, max_retries=0, per_host_delay_seconds=0)
    with Fetcher(settings) as fetcher, pytest.raises(PrivateAddress, match="127.0.0.1") as refused:
        fetcher.get(url, public_only=frozenset())
    assert "private_hosts" in str(refused.value)  # the remedy, as the check before the request names it
    assert len(rebinding) == 2  # the first check's look-up, then the connection's
    assert loopback_server.hits("/secret") == 0


def test_the_image_fetcher_is_pinned_too(rebinding: list[str], loopback_server: LoopbackServer) -> None:
    from newsmirror.publish.images import ImageFetchError, httpx_fetcher

    loopback_server.route("/photo.png", body="not even an image")
    rebinding.append("93.184.216.34")  # a check already looked it up: from now on the name says 127.0.0.1
    with pytest.raises(ImageFetchError, match="private address"):
        httpx_fetcher(timeout=5)(f"http://{REBINDING}:{loopback_server.base_url.rsplit(':', 1)[1]}/photo.png")
    assert loopback_server.hits("/photo.png") == 0


def test_the_feeds_own_address_and_an_operators_allowance_are_asked(loopback_server: LoopbackServer) -> None:
    """No allowance (the operator's own URL: a feed) or an allowed host: connected as named, loopback included."""
    loopback_server.route("/page", body="<p>页面</p>")
    settings = FetchSettings(respect_robots=False, max_retries=0, per_host_delay_seconds=0)
    with Fetcher(settings) as fetcher:
        assert fetcher.get(loopback_server.url("/page")).status == 200
        assert fetcher.get(loopback_server.url("/page"), public_only=source_hosts([loopback_server.url("/feed")]))
        with pytest.raises(PrivateAddress):
            fetcher.get(loopback_server.url("/page"), public_only=frozenset())
    with Fetcher(FetchSettings(respect_robots=False, max_retries=0, private_hosts=["127.0.0.1"])) as fetcher:
        assert fetcher.get(loopback_server.url("/page"), public_only=frozenset()).status == 200
    assert loopback_server.hits("/page") == 3


def test_allowances_as_operators_write_them() -> None:
    allowed = allowance(["192.168.1.20", "127.0.0.1:1200", "http://rsshub.lan/feeds", "[::1]", "https://Nas.Local./"])
    assert allows(allowed, "192.168.1.20", 8080)  # a bare host: every port
    assert allows(allowed, "127.0.0.1", 1200) and not allows(allowed, "127.0.0.1", 6379)
    assert allows(allowed, "rsshub.lan", 80) and not allows(allowed, "rsshub.lan", 8080)  # a URL: its port
    assert allows(allowed, "::1", 9) and allows(allowed, "nas.local", 443)
    for wrong in ("", "http://", "/feeds", "host:port"):
        with pytest.raises(ConfigError, match="names no host"):
            allowance([wrong])
    with pytest.raises(ConfigError, match="list of strings"):
        FetchSettings.from_mapping({"private_hosts": [1200]})
    assert FetchSettings.from_mapping({"private_hosts": ["127.0.0.1:1200"]}).private_hosts == ["127.0.0.1:1200"]


@pytest.fixture
def http_proxy(loopback_server: LoopbackServer, monkeypatch: pytest.MonkeyPatch) -> LoopbackServer:
    """The loopback server as the operator's HTTP_PROXY: it answers the absolute-form requests a proxy gets."""
    for name in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", loopback_server.base_url)
    return loopback_server


def test_the_operators_proxy_is_used(http_proxy: LoopbackServer) -> None:
    """Handed a transport of its own, httpx ignores HTTP(S)_PROXY: the pinned Fetcher sent every request direct, an
    operator reaching the outlets through a proxy had them all fail (or answered by the wrong network)."""
    from newsmirror.publish.images import httpx_fetcher

    http_proxy.route("http://news.example/a", body="<p>经代理</p>")
    http_proxy.route("http://img.example/p.png", body="png")
    settings = FetchSettings(respect_robots=False, max_retries=0, per_host_delay_seconds=0)
    with Fetcher(settings) as fetcher:
        assert fetcher.get("http://news.example/a").status == 200  # the operator's URL
        assert fetcher.get("http://news.example/a", public_only=frozenset()).status == 200  # a feed's link
    assert http_proxy.hits("http://news.example/a") == 2
    assert httpx_fetcher(timeout=5)("http://img.example/p.png") == b"png"


def test_through_a_proxy_a_private_address_is_still_refused_before_asking(http_proxy: LoopbackServer) -> None:
    """Through a proxy the connection goes to the proxy, so the check before the request is the only one: the image
    fetcher had none (only the pinned connection), and an image at 127.0.0.1 would be asked through the proxy."""
    from newsmirror.publish.images import ImageFetchError, httpx_fetcher

    private = "http://127.0.0.1:9/secret"
    http_proxy.route(private, body="机密")
    with pytest.raises(ImageFetchError, match="private address"):
        httpx_fetcher(timeout=5)(private)
    settings = FetchSettings(respect_robots=False, max_retries=0, per_host_delay_seconds=0)
    with Fetcher(settings) as fetcher, pytest.raises(PrivateAddress):
        fetcher.get(private, public_only=frozenset())
    assert http_proxy.hits(private) == 0


def test_an_idna_host_is_allowed_at_the_connection_as_at_the_check() -> None:
    """httpx hands the connection the ASCII form of an IDNA name: an allowance or a source written in Unicode (a LAN
    host 新闻.lan) matched the check before the request but not the pinned connection, which refused it."""
    allowed = allowance(["新闻.lan", "http://例子.中国:1200/feed"]) | source_hosts(["http://档案.lan/rss"])
    assert allows(allowed, "xn--efvy88h.lan", 8080) and allows(allowed, "新闻.lan", 80)
    assert allows(allowed, "xn--fsqu00a.xn--fiqs8s", 1200) and not allows(allowed, "xn--fsqu00a.xn--fiqs8s", 80)
    assert allows(allowed, "xn--dyv4b.lan", 80)


@pytest.mark.parametrize(("address", "private"), [
    ("::ffff:127.0.0.1", True), ("::127.0.0.1", True), ("64:ff9b::a9fe:a9fe", True), ("64:ff9b::c0a8:101", True),
    ("2002:7f00:1::1", True), ("2002:c0a8:101::1", True), ("::1", True), ("::", True),
    ("64:ff9b::808:808", False), ("2002:808:808::1", False), ("::ffff:8.8.8.8", False), ("2606:4700::1111", False),
    ("8.8.8.8", False), ("100.64.0.1", True),
])
def test_an_ipv6_address_carrying_a_private_ipv4_address_is_private(address: str, private: bool) -> None:
    """NAT64 (64:ff9b::/96), 6to4 (2002::/16) and IPv4-compatible (::/96) addresses are global to Python's is_global;
    a network's NAT64 gateway turns 64:ff9b::a9fe:a9fe into 169.254.169.254, the cloud's metadata service."""
    from newsmirror.fetch.addresses import _not_public

    assert _not_public(address) == private


def test_an_ipv6_allowance_without_brackets_and_a_port_zero() -> None:
    """"::1" (as `ip addr` prints it) was refused as naming no host; "127.0.0.1:0" allowed every port of the host;
    an IPv6 address spelt two ways was two hosts."""
    allowed = allowance(["::1", "FD00::20", "127.0.0.1:0"])
    assert allows(allowed, "::1", 8080) and allows(allowed, "fd00::20", 80) and allows(allowed, "FD00:0:0::20", 80)
    assert allows(allowance(["[fd00:0::20]:80"]), "fd00::20", 80)
    assert not allows(allowed, "127.0.0.1", 6379)


def test_httpcore_still_has_the_stream_the_connect_cut_wraps_a_socket_in() -> None:
    """``_connect_watched`` wraps its socket in httpcore's private SyncStream; an httpcore release without it leaves
    connects uncut (fetches still work, see below), and this test says so."""
    from newsmirror.fetch import addresses

    assert addresses._SYNC_STREAM is not None  # noqa: SLF001


def test_without_httpcore_s_private_stream_requests_still_connect(loopback_server: LoopbackServer,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The import of httpcore._backends.sync failed the whole fetch package (every command that fetches) the day a
    release moves it; without it a request now connects as httpcore does, only a connect under way is not cut."""
    import importlib
    import sys

    from newsmirror.fetch import addresses

    loopback_server.route("/ok.html", body="<p>好</p>")
    monkeypatch.setitem(sys.modules, "httpcore._backends.sync", None)  # an import of it raises ImportError
    try:
        importlib.reload(addresses)
        assert addresses._SYNC_STREAM is None  # noqa: SLF001
        with Fetcher(FetchSettings(max_retries=0, respect_robots=False, per_host_delay_seconds=0.0)) as fetcher:
            result = fetcher.get(loopback_server.url("/ok.html"))
        assert result.status == 200 and "好" in result.text
    finally:
        monkeypatch.undo()
        importlib.reload(addresses)  # the module as every other test has it
    assert addresses._SYNC_STREAM is not None  # noqa: SLF001
