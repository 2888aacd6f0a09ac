"""The sandbox's settings: lifetimes, hashing, throttling, mail, pages, timeouts, hosts."""

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
        activation_ttl: lifetime of a registration waiting for its e-mailed activation code;
            when it ends, the username is free again.
        hasher: the password hasher (``ScryptHasher.low_cost()`` in tests).
        hash_concurrency: at most this many password hashes or verifications run at once;
            the others wait (a bound on memory: 4 x 128 MiB with the default scrypt).
        max_failures: failed password checks for one login name before it is locked (429):
            logins, password changes and e-mail changes count alike.
        lockout_base: seconds of the first lock; each further failure doubles it.
        lockout_max: the longest lock, seconds.
        recovery_max: recoveries (username, password, customer-area password) per account
            and ``request_window``; more answer 429, for existing and unknown accounts alike.
        registration_max: registrations per e-mail address and ``request_window``.
        request_window: the window of ``recovery_max`` and ``registration_max``.
        require_activation: registration creates a pending account that the e-mailed code
            activates (``POST /v1/auth/attivazione``); ``False`` (tests only) creates it at once.
        deliver_mail: the queued e-mails (registration, recoveries) are delivered to the outbox
            right after the answer; ``False`` keeps them queued until ``GET /_sandbox/outbox``
            (a mail server that is down, or a test of the request path alone).
        idempotency_ttl: how long a stored ``Idempotency-Key`` answer is kept (then swept).
        secret_key: the key of the idempotency fingerprints (HMAC-SHA256); ``None``: a random
            key kept in the database's ``meta`` table. Never shown in a repr or a log.
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
    activation_ttl: dt.timedelta = dt.timedelta(hours=24)
    hasher: PasswordHasher = attrs.field(factory=ScryptHasher)
    hash_concurrency: int = attrs.field(default=4, validator=attrs.validators.ge(1))
    max_failures: int = 5
    lockout_base: float = 30.0
    lockout_max: float = 900.0
    recovery_max: int = attrs.field(default=3, validator=attrs.validators.ge(1))
    registration_max: int = attrs.field(default=10, validator=attrs.validators.ge(1))
    request_window: dt.timedelta = dt.timedelta(hours=1)
    require_activation: bool = True
    deliver_mail: bool = True
    idempotency_ttl: dt.timedelta = dt.timedelta(hours=24)
    secret_key: bytes | None = attrs.field(default=None, repr=False)
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
        """Cheap password hashing, everything else as documented (plus ``changes``).

        The defaults stay the safe ones (activation by e-mail, the throttles); ``changes`` may
        replace any field, the hasher included.
        """
        values: dict[str, object] = {"hasher": ScryptHasher.low_cost(), **changes}
        return cls(**values)  # type: ignore[arg-type]
