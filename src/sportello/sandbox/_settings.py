"""The sandbox's settings: tokens, hashing, throttling, pages, read timeouts, allowed hosts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

import attrs

from sportello.rules.password import PasswordHasher, ScryptHasher

__all__ = ["Settings", "utc_now"]


def _hosts(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def utc_now() -> dt.datetime:
    """The current time, timezone-aware UTC (the default clock)."""
    return dt.datetime.now(dt.UTC)


@attrs.frozen(kw_only=True)
class Settings:
    """How a sandbox behaves; every default is the documented one (docs/sandbox.md).

    Attributes:
        token_ttl: lifetime of a bearer token.
        reset_ttl: lifetime of an e-mailed password-reset token.
        hasher: the password hasher (``ScryptHasher.low_cost()`` in tests).
        max_failures: failed logins for one user name before it is locked (429).
        lockout_base: seconds of the first lock; each further failure doubles it.
        lockout_max: the longest lock, seconds.
        acquisition_interval: RD-5, how often pending readings are acquired (checked on read).
        max_json_bytes: the largest JSON body accepted.
        page_default: ``limit`` of ``GET /v1/pratiche`` when not given.
        page_max: the largest ``limit``.
        header_timeout: seconds for a request's whole header to arrive, from the connection's
            opening or the request's first byte (then 408 and the connection is closed).
        body_timeout: seconds the sandbox waits for each next piece of a body it is reading
            (then 408 ``api.request_timeout``), and for the rest of a body it will not read.
        allowed_hosts: host names (or addresses) answered besides ``localhost`` and the
            loopback addresses; any other ``Host`` header is 421 ``api.host_not_allowed``.
        clock: the time source (UTC, timezone-aware).
    """

    token_ttl: dt.timedelta = dt.timedelta(hours=1)
    reset_ttl: dt.timedelta = dt.timedelta(hours=1)
    hasher: PasswordHasher = attrs.field(factory=ScryptHasher)
    max_failures: int = 5
    lockout_base: float = 30.0
    lockout_max: float = 900.0
    acquisition_interval: dt.timedelta = dt.timedelta(minutes=30)
    max_json_bytes: int = 1_000_000
    page_default: int = 20
    page_max: int = 100
    header_timeout: float = 10.0
    body_timeout: float = 30.0
    allowed_hosts: tuple[str, ...] = attrs.field(default=(), converter=_hosts)
    clock: Callable[[], dt.datetime] = utc_now

    @classmethod
    def for_tests(cls, **changes: object) -> Settings:
        """Cheap password hashing, everything else as documented (plus ``changes``)."""
        return cls(hasher=ScryptHasher.low_cost(), **changes)  # type: ignore[arg-type]
