"""robots.txt, fetched once per host and parsed by protego."""

from __future__ import annotations

import threading
from collections.abc import Callable

from protego import Protego

from newsmirror.fetch.politeness import host_key

# Returns (status, body) for the robots.txt URL, or raises on network failure.
RobotsLoader = Callable[[str], tuple[int, str]]


class RobotsPolicy:
    """Allow/deny per URL for one user agent.

    A missing robots.txt (4xx) allows everything, as the standard says. An unreachable one
    (5xx, timeout) also allows: a feed reader polls URLs the publisher advertises as feeds, and
    refusing to poll because robots.txt is briefly down would drop news for no one's benefit.
    """

    def __init__(self, user_agent: str, loader: RobotsLoader) -> None:
        self.user_agent = user_agent
        self._loader = loader
        self._lock = threading.Lock()
        self._parsed: dict[str, Protego | None] = {}
        self._host_locks: dict[str, threading.Lock] = {}

    def _rules(self, url: str) -> Protego | None:
        key = host_key(url)
        with self._lock:
            if key in self._parsed:
                return self._parsed[key]
            host_lock = self._host_locks.setdefault(key, threading.Lock())
        with host_lock:  # one download per host, even with many threads asking at once
            with self._lock:
                if key in self._parsed:
                    return self._parsed[key]
            rules: Protego | None = None
            try:
                status, body = self._loader(f"{key}/robots.txt")
                if 200 <= status < 300:
                    rules = Protego.parse(body)
            except Exception:  # noqa: BLE001 - any failure to read robots.txt means "no rules"
                rules = None
            with self._lock:
                self._parsed[key] = rules
            return rules

    def allowed(self, url: str) -> bool:
        rules = self._rules(url)
        return True if rules is None else bool(rules.can_fetch(url, self.user_agent))

    def crawl_delay(self, url: str) -> float | None:
        rules = self._rules(url)
        if rules is None:
            return None
        delay = rules.crawl_delay(self.user_agent)
        return float(delay) if delay is not None else None
