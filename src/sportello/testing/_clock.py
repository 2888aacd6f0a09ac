"""The sandbox clock as a test drives it: :class:`Clock` (``sandbox.clock``).

Every move goes through ``POST /_sandbox/clock``, so the sandbox runs its sweeps (the deadlines
that passed fire) before the call returns, and works the same on a sandbox in another process.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sportello.testing._sandbox import Sandbox

__all__ = ["Clock", "as_moment"]


def as_moment(value: dt.datetime | dt.date) -> dt.datetime:
    """A timezone-aware moment: a date is noon of that day in Italy (Europe/Rome).

    >>> as_moment(dt.date(2026, 3, 2)).isoformat()
    '2026-03-02T12:00:00+01:00'

    Raises:
        ValueError: a naive datetime (its time zone would be a guess).
    """
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise ValueError("the moment must be timezone-aware")
        return value
    from zoneinfo import ZoneInfo

    return dt.datetime.combine(value, dt.time(12), tzinfo=ZoneInfo("Europe/Rome"))


class Clock:
    """The clock of one sandbox: :meth:`now`, :meth:`freeze`, :meth:`advance`, :meth:`unfreeze`.

    Everything the sandbox dates follows it: token and reset-code expiry, login locks, reading
    windows and RD-5 acquisition passes, the SH-3 (and CP-1) 40-day waits the forms check
    against "today", case deadlines (sweeps), the dates written on records.
    """

    def __init__(self, sandbox: Sandbox) -> None:
        self._sandbox = sandbox
        #: Records the sweeps changed at the last move.
        self.swept = 0

    def _set(self, body: dict[str, Any]) -> dt.datetime:
        answer = self._sandbox.control("POST", "/_sandbox/clock", json=body)
        self.swept = int(answer["swept"])
        return dt.datetime.fromisoformat(answer["now"])

    def now(self) -> dt.datetime:
        """The sandbox's current time (UTC)."""
        answer = self._sandbox.control("GET", "/_sandbox/clock")
        return dt.datetime.fromisoformat(answer["now"])

    @property
    def frozen(self) -> bool:
        """Whether the clock stands still."""
        return bool(self._sandbox.control("GET", "/_sandbox/clock")["frozen"])

    def freeze(self, moment: dt.datetime | dt.date | None = None) -> dt.datetime:
        """Stop the clock at ``moment`` (a date: noon in Italy; default: where it is)."""
        value: Any = True if moment is None else as_moment(moment).isoformat()
        return self._set({"freeze": value})

    def unfreeze(self) -> dt.datetime:
        """Let the clock run again from the time it shows."""
        return self._set({"unfreeze": True})

    def advance(
        self, *, days: float = 0, hours: float = 0, minutes: float = 0, seconds: float = 0
    ) -> dt.datetime:
        """Move the clock forward (frozen or not); the deadlines that passed fire at once."""
        units = {"days": days, "hours": hours, "minutes": minutes, "seconds": seconds}
        return self._set({"advance": {k: v for k, v in units.items() if v} or {"seconds": 0}})

    def __repr__(self) -> str:
        return f"Clock({self._sandbox.url!r})"
