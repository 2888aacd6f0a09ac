"""The sandbox's clock: real time by default, frozen or moved forward on demand.

Every time the sandbox reads (token expiry, login locks, reading windows and their acquisition,
the SMART Help and conciliation waits, case deadlines, dates written on records) comes from one
:class:`SandboxClock`. Tests move it instead of sleeping::

    POST /_sandbox/clock {"freeze": "2026-03-02T09:00:00+01:00"}
    POST /_sandbox/clock {"advance": {"days": 8}}

Moving the clock runs the sandbox's sweeps at once (:meth:`Sandbox.sweep
<sportello.sandbox._core.Sandbox.sweep>`), so a deadline that passed fires before the answer.

>>> import datetime as dt
>>> clock = SandboxClock(lambda: dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
>>> clock.advance(dt.timedelta(days=2)).isoformat()
'2026-01-03T00:00:00+00:00'
>>> clock.freeze(dt.datetime(2026, 5, 4, 10, tzinfo=dt.UTC)).isoformat()
'2026-05-04T10:00:00+00:00'
>>> clock.advance(dt.timedelta(hours=1)).isoformat(), clock.frozen
('2026-05-04T11:00:00+00:00', True)
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable

__all__ = ["SandboxClock"]


class SandboxClock:
    """A time source that follows ``source`` shifted by an offset, or stands still when frozen.

    Calling the clock gives the current time (timezone-aware). :meth:`advance` moves it forward
    (frozen or not), :meth:`freeze` stops it (at a moment, or now), :meth:`unfreeze` lets it
    run again from where it stands. Thread-safe: the server's threadpool reads it concurrently.

    Args:
        source: the real time source (timezone-aware UTC), the sandbox's ``Settings.clock``.
    """

    def __init__(self, source: Callable[[], dt.datetime]) -> None:
        self._source = source
        self._offset = dt.timedelta(0)
        self._frozen_at: dt.datetime | None = None
        self._lock = threading.Lock()

    def __call__(self) -> dt.datetime:
        with self._lock:
            if self._frozen_at is not None:
                return self._frozen_at
            return self._source() + self._offset

    @property
    def frozen(self) -> bool:
        """Whether the clock stands still."""
        return self._frozen_at is not None

    def freeze(self, moment: dt.datetime | None = None) -> dt.datetime:
        """Stop the clock at ``moment`` (timezone-aware; default: now); returns the time."""
        if moment is not None and moment.tzinfo is None:
            raise ValueError("the moment must be timezone-aware")
        with self._lock:
            if moment is None:
                moment = self._frozen_at or self._source() + self._offset
            self._frozen_at = moment.astimezone(dt.UTC)
            return self._frozen_at

    def unfreeze(self) -> dt.datetime:
        """Let the clock run again from the time it shows; returns the time."""
        with self._lock:
            if self._frozen_at is not None:
                self._offset = self._frozen_at - self._source()
                self._frozen_at = None
            return self._source() + self._offset

    def advance(self, delta: dt.timedelta) -> dt.datetime:
        """Move the clock forward by ``delta`` (never backward); returns the new time."""
        if delta < dt.timedelta(0):
            raise ValueError("the sandbox clock only moves forward")
        with self._lock:
            if self._frozen_at is not None:
                self._frozen_at += delta
                return self._frozen_at
            self._offset += delta
            return self._source() + self._offset

    def reset(self) -> None:
        """Back to real time: no offset, not frozen."""
        with self._lock:
            self._offset = dt.timedelta(0)
            self._frozen_at = None
