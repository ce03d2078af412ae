"""Per-host limits: at most N requests in flight and a minimum gap between request starts."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit


def host_key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.lower()}"


class HostGate:
    """Thread-safe; one instance is shared by every request a Fetcher makes."""

    def __init__(self, concurrency: int, delay_seconds: float,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.concurrency = max(1, concurrency)
        self.delay_seconds = max(0.0, delay_seconds)
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._next_start: dict[str, float] = {}
        self._host_delay: dict[str, float] = {}

    def set_host_delay(self, url: str, delay_seconds: float) -> None:
        """A longer gap for one host (robots.txt Crawl-delay); never shorter than the default."""
        with self._lock:
            self._host_delay[host_key(url)] = max(self.delay_seconds, delay_seconds)

    def delay_for(self, url: str) -> float:
        with self._lock:
            return self._host_delay.get(host_key(url), self.delay_seconds)

    @contextmanager
    def slot(self, url: str) -> Iterator[None]:
        key = host_key(url)
        with self._lock:
            semaphore = self._slots.setdefault(key, threading.BoundedSemaphore(self.concurrency))
        semaphore.acquire()
        try:
            with self._lock:
                now = self._clock()
                start = max(now, self._next_start.get(key, now))
                self._next_start[key] = start + self._host_delay.get(key, self.delay_seconds)
            if start > now:
                self._sleep(start - now)
            yield
        finally:
            semaphore.release()
