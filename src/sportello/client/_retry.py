"""Retries, backoff and the per-call deadline: the one place where they are decided.

:class:`RetryPolicy` says *whether* and *how long to wait*; :class:`Attempts` follows one call
across its attempts (sans I/O: it never sleeps nor sends, so ``Client`` and ``AsyncClient``
share it and differ only in how they send and sleep).

* A call is retried on a connection error, a read timeout, 408, 429 and 5xx (but 501), only when
  it is safe to repeat: an idempotent method (GET, HEAD, OPTIONS, PUT, DELETE) or a POST that
  carries an ``Idempotency-Key`` (the same key on every attempt, so the server applies it once).
  A failure to *connect* is retried for any method: nothing reached the server.
* The wait before retry ``n`` (``n = 0, 1, ...``) is "full jitter":
  ``uniform(0, min(backoff_max, backoff_base * 2**n))``, and never less than the server's
  ``Retry-After``.
* One deadline bounds the whole call by the wall clock: every attempt, every wait, every
  redirect and the reading of the body. Each attempt's timeouts are ``min(timeout, time
  left)``, capped again when the body starts; the clients check :meth:`Attempts.check_deadline`
  between the chunks of a body, so a server trickling a byte at a time is cut off too; a retry
  whose wait would end past the deadline is not made (the last error is raised instead).
  ``AsyncClient`` also runs the whole call in a cancel scope that ends at the deadline. When
  the time runs out, :class:`~sportello.client.DeadlineExceeded` is raised.
* A transport failure (including one while a body is read) that is final raises
  :class:`~sportello.client.TransportError`, never an httpx exception.

>>> policy = RetryPolicy(max_retries=3, backoff_base=0.5, backoff_max=8.0)
>>> policy.cap(0), policy.cap(3), policy.cap(10)
(0.5, 4.0, 8.0)
>>> policy.is_retryable_status(503), policy.is_retryable_status(501), policy.is_retryable_status(404)
(True, False, False)
"""  # noqa: E501

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable

import attrs
import httpx

from sportello._messages import DEFAULT_LANG, Lang
from sportello._violations import Violation
from sportello.client._errors import DeadlineExceeded, TransportError
from sportello.client._logging import logger, redact

__all__ = ["DEFAULT_RETRY", "IDEMPOTENT_METHODS", "Attempts", "RetryPolicy"]

#: Methods that may be repeated without changing the result (RFC 9110 section 9.2.2).
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})

_RETRY_STATUSES = frozenset({408, 429})


@attrs.frozen
class RetryPolicy:
    """How many times to retry and how long to wait between attempts.

    Attributes:
        max_retries: retries after the first attempt (``0`` disables retries).
        backoff_base: the first wait's upper bound, in seconds.
        backoff_max: the largest upper bound of any wait, in seconds.
    """

    max_retries: int = 3
    backoff_base: float = 0.5
    backoff_max: float = 8.0

    def cap(self, retry: int) -> float:
        """The upper bound of the wait before retry number ``retry`` (0-based)."""
        return float(min(self.backoff_max, self.backoff_base * 2**retry))

    def wait(
        self, retry: int, *, retry_after: float | None = None, rng: random.Random | None = None
    ) -> float:
        """Seconds to wait before retry ``retry``: full jitter, at least ``retry_after``.

        >>> RetryPolicy().wait(0, rng=random.Random(1)) <= 0.5
        True
        >>> RetryPolicy().wait(0, retry_after=2.0)
        2.0
        """
        chosen = (rng or _rng).uniform(0.0, self.cap(retry))
        return max(chosen, retry_after) if retry_after is not None else chosen

    @staticmethod
    def is_retryable_status(status: int) -> bool:
        """Whether an answer with ``status`` may succeed on a retry (408, 429, 5xx but 501)."""
        return status in _RETRY_STATUSES or (status >= 500 and status != 501)


DEFAULT_RETRY = RetryPolicy()

_rng = random.Random()  # noqa: S311 - jitter, not cryptography


def _retry_after(response: httpx.Response) -> float | None:
    from sportello.client._errors import _retry_after as parse

    return parse(response.headers.get("Retry-After"))


class Attempts:
    """One call followed across its attempts: timeouts, retry decisions and waits.

    Args:
        method: the HTTP method.
        url: the request's URL (logged redacted).
        safe: whether repeating the request is harmless (idempotent, or keyed POST).
        policy: the retry policy.
        timeout: the per-attempt timeout in seconds.
        deadline: the whole call's budget in seconds (``None``: only the timeout bounds it).
        clock: a monotonic clock (injectable for tests).
        lang: the language of the errors it raises.
    """

    def __init__(
        self,
        *,
        method: str,
        url: str,
        safe: bool,
        policy: RetryPolicy,
        timeout: float,
        deadline: float | None,
        clock: Callable[[], float] = time.monotonic,
        lang: Lang = DEFAULT_LANG,
    ) -> None:
        self.method = method
        self._url = url
        self.safe = safe
        self.policy = policy
        self.timeout = timeout
        self.clock = clock
        self.started = clock()
        self.ends = None if deadline is None else self.started + deadline
        self.deadline = deadline
        self.retries = 0
        self.redirects = 0
        self.lang: Lang = lang
        self._deadline_bound = False

    @property
    def url(self) -> str:
        """The request's path, redacted (computed only when a line is logged)."""
        return redact(self._url)

    def remaining(self) -> float | None:
        """Seconds left before the deadline (``None`` when the call has no deadline)."""
        return None if self.ends is None else self.ends - self.clock()

    def next_timeout(self) -> float:
        """The timeout of the next attempt: ``min(timeout, time left)``.

        Raises:
            DeadlineExceeded: when no time is left.
        """
        left = self.remaining()
        if left is not None and left <= 0:
            raise self.expired()
        chosen = self.timeout if left is None else min(self.timeout, left)
        self._deadline_bound = left is not None and left <= self.timeout
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "%s %s attempt %d (timeout %.2fs)", self.method, self.url, self.retries + 1, chosen
            )
        return chosen

    def body_timeout(self) -> float:
        """The read timeout for the body, once the headers are in: ``min(timeout, time left)``.

        Raises:
            DeadlineExceeded: when no time is left.
        """
        left = self.remaining()
        if left is not None and left <= 0:
            raise self.expired()
        self._deadline_bound = left is not None and left <= self.timeout
        return self.timeout if left is None else min(self.timeout, left)

    def check_deadline(self) -> None:
        """Raise :class:`~sportello.client.DeadlineExceeded` when the time is up.

        The clients call it between the chunks of a body, so that a trickling server cannot
        stretch the call past its deadline one byte at a time.
        """
        if self.ends is not None and self.clock() >= self.ends:
            raise self.expired()

    def expired(self) -> DeadlineExceeded:
        """The error of a call whose deadline ran out (logged once, as a WARNING)."""
        logger.warning(
            "%s %s: deadline of %.2fs exceeded after %d attempt(s)",
            self.method,
            self.url,
            self.deadline or 0.0,
            self.retries + 1,
        )
        found = Violation.of(
            "api.deadline_exceeded", deadline=self.deadline or 0.0, attempts=self.retries + 1
        )
        return DeadlineExceeded(violations=[found], lang=self.lang)

    def _schedule(self, retry_after: float | None, why: str) -> float | None:
        if self.retries >= self.policy.max_retries:
            return None
        wait = self.policy.wait(self.retries, retry_after=retry_after)
        left = self.remaining()
        if left is not None and wait >= left:
            return None
        self.retries += 1
        logger.info("%s %s: %s; retry %d in %.2fs", self.method, self.url, why, self.retries, wait)
        return wait

    def after_response(self, response: httpx.Response) -> float | None:
        """Seconds to wait before retrying this answer, or ``None`` to keep it (final)."""
        status = response.status_code
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "%s %s -> %d [request %s]",
                self.method,
                self.url,
                status,
                response.headers.get("X-Request-Id", "-"),
            )
        if not (self.safe and self.policy.is_retryable_status(status)):
            return None
        return self._schedule(_retry_after(response), f"answered {status}")

    def after_redirect(self) -> None:
        """Count one redirect followed (the limit is checked by ``_redirects.target``)."""
        self.redirects += 1
        logger.info("%s %s: redirect %d followed", self.method, self.url, self.redirects)

    def after_error(self, exc: httpx.RequestError, *, repeatable: bool = True) -> float:
        """Seconds to wait before retrying after a transport failure.

        Args:
            exc: the failure: no connection, a timeout, an answer cut short, a body that
                cannot be decoded.
            repeatable: ``False`` when the call cannot start again (a download into a file
                that cannot be cut back); the failure is then final.

        Raises:
            DeadlineExceeded: the attempt timed out because the deadline was near.
            TransportError: the failure is final (not safe to repeat, or retries exhausted).
        """
        if isinstance(exc, httpx.TimeoutException) and self._deadline_bound:
            raise self.expired() from exc
        kind = type(exc).__name__
        safe = repeatable and (self.safe or isinstance(exc, httpx.ConnectError))
        wait = self._schedule(None, kind) if safe else None
        if wait is None:
            logger.warning(
                "%s %s: %s after %d attempt(s)", self.method, self.url, kind, self.retries + 1
            )
            found = Violation.of("api.transport_error", kind=kind, detail=redact(str(exc)) or "-")
            raise TransportError(violations=[found], lang=self.lang) from exc
        return wait
