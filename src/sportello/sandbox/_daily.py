"""What a new day owes: the sweeps run on the first request of each day in Italy.

The conciliation's terms, its reminders and the SPCEN e-mail of a Sportello case fall on days
(CP-3, CP-5, CP-9, AT-6). Moving the sandbox clock sweeps at once; a clock left running crosses
midnight by itself, and then the first request of the new day, a read as much as a write, runs
the sweeps before it is answered: a case read the morning after its term shows the state the
term gave it, with its events and e-mails.

>>> import datetime as dt
>>> day, swept = NewDay(), []
>>> day.run(dt.date(2026, 12, 1), lambda: swept.append(1))
True
>>> day.run(dt.date(2026, 12, 1), lambda: swept.append(2)), swept
(False, [1])
>>> day.run(dt.date(2026, 12, 2), lambda: swept.append(3)), swept
(True, [1, 3])
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable

__all__ = ["NewDay"]


class NewDay:
    """The day of the last sweep; :meth:`run` sweeps once for each new day (thread-safe)."""

    def __init__(self) -> None:
        self._day: dt.date | None = None
        self._lock = threading.Lock()

    def seen(self, day: dt.date) -> None:
        """Note that the sweeps ran on ``day`` (the clock controls sweep by themselves)."""
        self._day = day

    def forget(self) -> None:
        """Owe a sweep again (after a reset restored an older state)."""
        self._day = None

    def run(self, today: dt.date, sweep: Callable[[], object]) -> bool:
        """Run ``sweep`` if the sweeps have not run on ``today`` yet; whether it ran.

        One request of the new day sweeps; the others go on meanwhile and see the state before
        it commits (as a request a moment earlier would), and a call from inside the sweep
        itself returns at once. A failed sweep is owed again.
        """
        if today == self._day:
            return False
        with self._lock:
            if today == self._day:
                return False
            previous, self._day = self._day, today
        try:
            sweep()
        except BaseException:
            self._day = previous
            raise
        return True
