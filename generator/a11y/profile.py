"""Where a gate run spends its time: seconds and counts per step, summed over the workers.

Printed at the end of a run (and kept in the JSON report) so a slow gate can be explained by
figures, not guesses. Worker seconds overlap: two browsers working for 10 s show 20 s.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class Profile:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.seconds: dict[str, float] = {}
        self.counts: dict[str, int] = {}

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.add(name, time.perf_counter() - started)

    def add(self, name: str, seconds: float) -> None:
        with self._lock:
            self.seconds[name] = self.seconds.get(name, 0.0) + seconds
            self.counts[name] = self.counts.get(name, 0) + 1

    def lines(self) -> list[str]:
        """'axe default      412.3 s   256 × 1.61 s', slowest first."""
        rows = sorted(self.seconds.items(), key=lambda item: -item[1])
        return [
            f"{name:<24}{seconds:8.1f} s  {self.counts[name]:5} × {seconds / self.counts[name]:.2f} s"
            for name, seconds in rows
        ]

    def to_json(self) -> dict[str, dict[str, float]]:
        return {
            name: {"seconds": round(seconds, 2), "count": self.counts[name]}
            for name, seconds in sorted(self.seconds.items())
        }
