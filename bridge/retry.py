"""Exponential backoff around a callable, retrying only retriable errors."""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from bridge.errors import RetriableError

T = TypeVar("T")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5
    base_delay: float = 0.5
    max_delay: float = 30.0

    def delay(self, attempt: int) -> float:
        """Seconds to wait before retry ``attempt`` (1-based), with jitter."""
        raw = min(self.max_delay, self.base_delay * 2 ** (attempt - 1))
        return raw * (0.5 + random.random() / 2)


def with_retry(
    call: Callable[[], T],
    policy: RetryPolicy,
    sleep: Callable[[float], None] = time.sleep,
    idempotent: bool = True,
) -> T:
    """``idempotent=False``: an error that leaves the outcome in doubt is
    raised at once (a create that may have committed is never sent again)."""
    for attempt in range(1, policy.attempts + 1):
        try:
            return call()
        except RetriableError as exc:
            if attempt == policy.attempts or (exc.in_doubt and not idempotent):
                raise
            wait = policy.delay(attempt)
            log.warning("retriable error (%s), retry %d in %.1fs", exc, attempt, wait)
            sleep(wait)
    raise AssertionError("unreachable")
