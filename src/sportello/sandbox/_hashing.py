"""A bound on concurrent password hashing: :class:`HashGate`.

A password hash is slow and memory-hard on purpose (scrypt at OWASP's minimum, n = 2**17,
r = 8, takes 128 MiB), so hashing for every request at once (the threadpool runs 40) would
take 5 GiB. Every hash and verification of the sandbox goes through one gate with
``Settings.hash_concurrency`` slots (4 by default, 512 MiB at most); the rest wait. Waiting
requests do not hold a worker thread: :meth:`run` waits for a slot on the event loop (an
``anyio`` capacity limiter) before it takes a thread, and the gate's own semaphore also
bounds hashing done outside it (the seeding control, the mailer).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    import anyio

    from sportello.rules.password import PasswordHasher

__all__ = ["HashGate"]

T = TypeVar("T")


class HashGate:
    """A :class:`~sportello.rules.password.PasswordHasher` that lets ``slots`` calls run at once.

    >>> from sportello.rules.password import ScryptHasher
    >>> gate = HashGate(ScryptHasher.low_cost(), slots=2)
    >>> gate.verify("Bollette-2026", gate.hash("Bollette-2026"))
    True
    >>> gate
    HashGate(slots=2)
    """

    def __init__(self, hasher: PasswordHasher, slots: int) -> None:
        self._hasher = hasher
        self._slots = slots
        self._semaphore = threading.BoundedSemaphore(slots)
        self._limiter: tuple[object, anyio.CapacityLimiter] | None = None

    def __repr__(self) -> str:
        return f"HashGate(slots={self._slots})"

    def hash(self, password: str) -> str:
        """The inner hasher's ``hash``, once a slot is free (blocks the calling thread)."""
        with self._semaphore:
            return self._hasher.hash(password)

    def verify(self, password: str, encoded: str) -> bool:
        """The inner hasher's ``verify``, once a slot is free (blocks the calling thread)."""
        with self._semaphore:
            return self._hasher.verify(password, encoded)

    async def run(self, fn: Callable[..., T], *args: object) -> T:
        """``fn(*args)`` in a worker thread, started only when a slot is free.

        ``fn`` is hashing work (one hash, a verification, a PW-4 check of the history) that
        calls this gate's :meth:`hash` and :meth:`verify`; the wait is on the event loop.
        """
        import asyncio

        import anyio.to_thread

        loop = asyncio.get_running_loop()  # a limiter belongs to one event loop
        if self._limiter is None or self._limiter[0] is not loop:
            self._limiter = (loop, anyio.CapacityLimiter(self._slots))
        return await anyio.to_thread.run_sync(fn, *args, limiter=self._limiter[1])
