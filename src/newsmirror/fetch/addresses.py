"""Which addresses a request may lead to when a feed or a page named it, not the operator.

An item link, an article's original URL asked again by a re-check, an image an article shows: each is an address an
outlet (or whoever controls its feed) chose. Fetching one that leads to a service on the fetching machine or its network
(http://169.254.169.254/ of a cloud's metadata service, a database's web console on 127.0.0.1:other port, a router on
192.168.0.1) would store that service's answer and publish it. Such a request goes only to public addresses, but to the
hosts the operator named: the hosts of the configured sources (an RSSHub on 127.0.0.1:1200 links its own pages there)
and ``[fetch] private_hosts`` (a LAN host serving articles or images).

The check is made twice: by ``refuse_private`` before the request (so that the error names the link and any redirect,
and robots.txt is not asked either), and by ``pinned_client``'s connections: each resolves the name once, checks
every address it gives, and connects to a checked address, so a name that answers a public address to the first
look-up and 127.0.0.1 to the second (DNS rebinding, TTL 0) reaches no private one.
Requests through a proxy (``HTTP(S)_PROXY``) are resolved by the proxy: only the first check applies to them.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

import httpcore
import httpx
import idna

from newsmirror.errors import ConfigError
from newsmirror.fetch.errors import PrivateAddress

_DEFAULT_PORTS = {"http": 80, "https": 443}


def _sync_stream() -> Callable[[socket.socket], httpcore.NetworkStream] | None:
    """The stream httpcore's sync backend wraps a connected socket in (its TLS, its reads and their timeouts), which
    httpcore does not export: a release that moves it leaves connects as httpcore makes them (``_connect_watched`` is
    not used: a connect is then cut at its connect timeout only), not every fetch failing at import.
    tests/fetch/test_addresses.py fails when it is missing, so the pinned httpcore is known to have it."""
    try:
        from httpcore._backends.sync import SyncStream
    except ImportError:  # pragma: no cover - an httpcore release moved it
        return None
    return SyncStream


_SYNC_STREAM = _sync_stream()


def _host_name(host: str) -> str:
    """A host name as the connection sees it: lower case, no final dot, an IDNA name in its ASCII form, an IPv6
    address compressed.

    httpx encodes 例子.中国 to xn--fsqu00a.xn--fiqs8s (with the ``idna`` package, as here) before the connection is
    made: a source or an allowance written in Unicode matched the check before the request but not the pinned
    connection, which refused the operator's own host."""
    host = host.lower().rstrip(".")
    if ":" in host:  # an IPv6 address in one spelling (fd00:0:0::20 and fd00::20 are one host)
        with contextlib.suppress(ValueError):
            return str(ipaddress.IPv6Address(host))
    if not host.isascii():
        with contextlib.suppress(idna.IDNAError, UnicodeError):  # not a valid name: the request fails by itself
            host = idna.encode(host).decode("ascii")
    return host


def host_key(host: str, port: int) -> str:
    """``host:port`` as allowances are written (``[::1]:80`` for an IPv6 address)."""
    host = _host_name(host)
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _host_and_port(url: str) -> tuple[str, int] | None:
    """A URL's host and port (the scheme's port when it names none), or None when it names no host or a port out of
    range (a request to it fails by itself)."""
    parts = urlsplit(url)
    try:
        port = parts.port or _DEFAULT_PORTS.get(parts.scheme.lower(), 80)
    except ValueError:
        return None
    return (parts.hostname, port) if parts.hostname else None


def url_host_key(url: str) -> str | None:
    """``host:port`` of a URL (the scheme's port when it names none), or None when it has no host."""
    where = _host_and_port(url)
    return host_key(*where) if where else None


def allowance(entries: Iterable[str]) -> frozenset[str]:
    """The allowed hosts of ``entries``: each a URL (a source's feed: its host and port), ``host:port``, or a bare host
    (every port of it). Raises ConfigError on an entry that names no host."""
    allowed: set[str] = set()
    for entry in entries:
        text = entry.strip()
        if "://" in text:
            key = url_host_key(text)
        else:
            parts = urlsplit("//" + text)
            try:
                port = parts.port
            except ValueError:  # "host:port" written literally, a port out of range
                port, parts = None, urlsplit("")
            host = parts.hostname
            key = None if not host or parts.path not in ("", "/") else (
                host_key(host, port) if port is not None else _host_name(host))
        if key is None and text.count(":") > 1 and not text.startswith("["):
            key = _bare_ipv6(text)
        if key is None:
            raise ConfigError(f"[fetch] private_hosts: {entry!r} names no host; write a host (192.168.1.20), "
                              "host:port (127.0.0.1:1200) or a URL")
        allowed.add(key)
    return frozenset(allowed)


def _bare_ipv6(text: str) -> str | None:
    """An IPv6 address written without brackets (::1, fd00::20): the host, every port; None when it is not one."""
    try:
        return str(ipaddress.IPv6Address(text))
    except ValueError:
        return None


def source_hosts(urls: Iterable[str]) -> frozenset[str]:
    """The ``host:port`` of each configured source's URL (one that names no host is left out): the operator named
    them, so their pages and images may be on a private network."""
    return frozenset(key for key in map(url_host_key, urls) if key)


def allows(allowed: frozenset[str], host: str, port: int) -> bool:
    """Whether the operator named this host and port (or the host, every port of it)."""
    key = host_key(host, port)
    return key in allowed or key.rsplit(":", 1)[0].strip("[]") in allowed


_NAT64 = ipaddress.ip_network("64:ff9b::/96")  # RFC 6052's well-known prefix: the IPv4 address in the last 32 bits
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")  # deprecated ::a.b.c.d (:: and ::1 are not global by themselves)


def _not_public(address: str) -> bool:
    """Whether ``address`` is not a global one, or is an IPv6 address carrying an IPv4 address that is not: mapped
    (::ffff:127.0.0.1), IPv4-compatible (::127.0.0.1), NAT64 (64:ff9b::a9fe:a9fe, which a network's NAT64 gateway
    turns into 169.254.169.254) or 6to4 (2002:c0a8:101::). Python's is_global calls the last three global, as their
    prefixes are; where they lead is the IPv4 address."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is None and (ip in _NAT64 or (ip in _IPV4_COMPATIBLE and int(ip) > 1)):
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None and not embedded.is_global:
            return True
    return not ip.is_global


AddressInfo = tuple[Any, ...]  # one entry of socket.getaddrinfo: (family, type, proto, canonname, sockaddr)


def _lookup(host: str, port: int) -> list[AddressInfo]:
    """``socket.getaddrinfo`` for a TCP connection, ended by this thread's ``cut_by`` event: a look-up cannot be
    interrupted where it runs (C's getaddrinfo), so under ``cut_by`` it runs in a thread of its own, which is left to
    finish by itself when the event ends the wait (Ctrl-C waited out a resolver's timeouts, up to tens of seconds).

    A thread per look-up, not a pool: a thread start is ~0.2 ms (measured on the shared 2-core machine), beside a
    request's milliseconds to seconds, and a pool's threads held by a resolver that never answers would queue every
    later look-up behind it."""
    stop: threading.Event | None = getattr(_current, "stop", None)
    if stop is None or _is_address(host):
        return list(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
    done = threading.Event()
    answer: list[list[AddressInfo]] = []
    failure: list[BaseException] = []

    def look_up() -> None:
        try:
            answer.append(list(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)))
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread
            failure.append(exc)
        finally:
            done.set()

    threading.Thread(target=look_up, name=f"resolve {host}", daemon=True).start()
    while not done.wait(_STOP_POLL_SECONDS):
        if stop.is_set():
            raise OSError(f"{host}: stopped while its name was being looked up")
    if failure:
        raise failure[0]
    return answer[0]


_STOP_POLL_SECONDS = 0.05  # how soon a cut ends a look-up's wait (a look-up that answers ends it at once)


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _resolve(host: str, port: int) -> list[str]:
    return [str(info[4][0]) for info in _lookup(host, port)]


def private_address(url: str) -> str | None:
    """The address of ``url``'s host that is not a public one (loopback, private, link-local, reserved, a cloud's
    metadata service at 169.254.169.254), or None when every address it resolves to is public or it does not
    resolve (then the request fails by itself)."""
    where = _host_and_port(url)
    if where is None:
        return None
    try:
        addresses = _resolve(*where)
    except (OSError, UnicodeError):
        return None
    return next((address for address in addresses if _not_public(address)), None)


def refuse_private(url: str, allowed: frozenset[str], *, asked: str | None = None) -> None:
    """Raise PrivateAddress when ``url`` leads to a private address and its host is not one the operator allowed.
    ``asked``: the link that redirected to ``url``, named in the error."""
    host_port = _host_and_port(url)
    if host_port is None or allows(allowed, *host_port):
        return  # allowed by the operator; or no host, a bad port: the request fails by itself
    address = private_address(url)
    if address is not None:
        where = f"{asked} (redirected to {url})" if asked and asked != url else url
        raise PrivateAddress(f"{where}: leads to the private address {address}; an address a feed or a page names "
                             "is fetched only when public (or allowed by [fetch] private_hosts)")


# -- the connection: resolved once, checked, connected to the checked address ----------------
_current = threading.local()  # the allowance of the request this thread is making; None: the operator's own URL


@contextlib.contextmanager
def only_public(allowed: frozenset[str] | None) -> Iterator[None]:
    """Within this block, connections this thread opens through a ``pinned_client`` go only to public addresses, but
    for the ``allowed`` hosts (None: anywhere, for an address the operator named: a feed, a git remote)."""
    before = getattr(_current, "allowed", None)
    _current.allowed = allowed
    try:
        yield
    finally:
        _current.allowed = before


@contextlib.contextmanager
def cut_by(stop: threading.Event, watch: Callable[[socket.socket], None] | None = None) -> Iterator[None]:
    """Within this block, this thread's requests can be cut while they look a name up or connect, which a socket's
    shutdown cannot reach once connected only: a look-up's wait ends when ``stop`` is set, and every socket a
    ``pinned_client`` connection makes is given to ``watch`` before it connects (its owner shuts it to end a
    connect under way: the Fetcher's deadline, which abort() and the request's own deadline cut)."""
    before = getattr(_current, "stop", None), getattr(_current, "watch", None)
    _current.stop = stop
    _current.watch = watch if watch is not None else before[1]
    try:
        yield
    finally:
        _current.stop, _current.watch = before


class _PinnedBackend(httpcore.NetworkBackend):
    """httpcore's network backend, but a connection made under ``only_public`` resolves the name once and connects to
    one of the addresses it checked (TLS still names the host: httpcore takes SNI from the URL, not from this)."""

    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None) -> httpcore.NetworkStream:
        allowed: frozenset[str] | None = getattr(_current, "allowed", None)
        watch: Callable[[socket.socket], None] | None = getattr(_current, "watch", None)
        checked = allowed is not None and not allows(allowed, host, port)
        if not checked and watch is None:
            return self._inner.connect_tcp(host, port, timeout, local_address, socket_options)
        try:
            infos = list(dict.fromkeys(_lookup(host, port)))
        except (OSError, UnicodeError) as exc:
            raise httpcore.ConnectError(f"{host}: {exc}") from exc
        if checked:
            for info in infos:
                if _not_public(str(info[4][0])):
                    raise PrivateAddress(f"{host}:{port} resolves to the private address {info[4][0]} at the "
                                         "connection; an address a feed or a page names is fetched only when public "
                                         "(or allowed by [fetch] private_hosts)")
        failure: httpcore.ConnectError | None = None
        for info in infos:  # as socket.create_connection does: the first that answers
            try:
                if watch is None or _SYNC_STREAM is None:
                    return self._inner.connect_tcp(str(info[4][0]), port, timeout, local_address, socket_options)
                return _connect_watched(info, watch, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:
                failure = exc
        raise failure or httpcore.ConnectError(f"{host}: no address")

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None) -> httpcore.NetworkStream:
        return self._inner.connect_unix_socket(path, timeout, socket_options)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def _connect_watched(info: AddressInfo, watch: Callable[[socket.socket], None], timeout: float | None,
                     local_address: str | None,
                     socket_options: Iterable[httpcore.SOCKET_OPTION] | None) -> httpcore.NetworkStream:
    """httpcore's own connection (its sync backend's ``connect_tcp``), to one address, with the socket handed to
    ``watch`` before the connect: a shutdown from another thread ends a connect under way at once, where
    ``socket.create_connection`` made the socket out of reach until it connected or timed out.

    That a shutdown ends a blocked ``connect()`` is Linux's behaviour (the kernel aborts the handshake; checked against a
    listener whose backlog is full). Other systems may answer the shutdown with ENOTCONN and leave the connect to its
    timeout: there a stop or a deadline still ends the request, but only after ``connect_timeout_seconds`` (10 s by
    default), as before this cut existed; the README says so. A portable cut would poll a non-blocking connect against
    the stop; not done, as every setup and measure of this project so far is on Linux."""
    family, kind, proto, _name, address = info
    sock = socket.socket(family, kind, proto)
    try:
        watch(sock)
        sock.settimeout(timeout)
        if local_address is not None:
            sock.bind((local_address, 0))
        sock.connect(address)
        for option in socket_options or ():
            sock.setsockopt(*option)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    except TimeoutError as exc:
        sock.close()
        raise httpcore.ConnectTimeout(str(exc) or "timed out") from exc
    except OSError as exc:
        sock.close()
        raise httpcore.ConnectError(str(exc)) from exc
    assert _SYNC_STREAM is not None  # connect_tcp calls this only with it
    return _SYNC_STREAM(sock)


def pinned_client(**options: Any) -> httpx.Client:
    """``httpx.Client(**options)`` whose direct connections are made by ``_PinnedBackend``.

    The client is built without a ``transport`` of ours: given one, httpx ignores ``HTTP(S)_PROXY``/``ALL_PROXY``/
    ``NO_PROXY`` altogether, and an operator who reaches the outlets through a proxy had every request sent direct
    (blocked, or answered by the wrong network). Requests through a proxy connect to the proxy (the operator's);
    a NO_PROXY host goes through the default transport, pinned here. httpx (0.29) has no public way to give its
    transport a network backend (httpcore's ConnectionPool takes one only when built, and httpx builds it): the
    default transport's pool gets one in its place. tests/fetch/test_addresses.py's rebinding test fails if an httpx
    release moves it."""
    client = httpx.Client(**options)
    pool = getattr(getattr(client, "_transport", None), "_pool", None)
    if not isinstance(pool, httpcore.ConnectionPool) or not hasattr(pool, "_network_backend"):
        client.close()
        raise RuntimeError("httpx's client has no httpcore connection pool to pin (httpx changed?)")
    pool._network_backend = _PinnedBackend(pool._network_backend)
    return client
