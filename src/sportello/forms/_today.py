"""Which day the forms' date rules take as today: Europe/Rome's, or the one :func:`as_of` sets.

A rule that compares a form's dates with today (CP-1's and SH-3's 40 days, a date not in the
future, CP-5's availability) asks :func:`today`. Tests, the sandbox's clock and batch jobs fix
the day with :func:`as_of`, a context manager over a :class:`contextvars.ContextVar` (so
threads and asyncio tasks each see their own), or for one call with
``forms.load(cls, doc, today=...)`` (the sandbox passes its clock's date)::

    with forms.as_of(dt.date(2026, 3, 1)):
        domanda = forms.load(forms.DomandaConciliazione, documento)
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import functools
from collections.abc import Iterator

__all__ = ["as_of", "today"]

_TODAY: contextvars.ContextVar[dt.date | None] = contextvars.ContextVar(
    "sportello_forms_today", default=None
)


def today() -> dt.date:
    """The day the forms' rules take as today: :func:`as_of`'s, else today in Europe/Rome.

    >>> with as_of(dt.date(2026, 3, 1)):
    ...     today()
    datetime.date(2026, 3, 1)
    """
    fixed = _TODAY.get()
    if fixed is not None:
        return fixed
    return dt.datetime.now(tz=_rome()).date()


@functools.cache
def _rome() -> dt.tzinfo:
    """Europe/Rome's time zone, loaded on first use, then kept."""
    from zoneinfo import ZoneInfo

    return ZoneInfo("Europe/Rome")


@contextlib.contextmanager
def as_of(day: dt.date | None) -> Iterator[dt.date]:
    """Within the block, the forms take ``day`` as today (see :func:`today`); nests.

    A :class:`datetime.datetime` is taken for its date; ``None`` is the real date again.
    """
    token = _TODAY.set(day.date() if isinstance(day, dt.datetime) else day)
    try:
        yield today()
    finally:
        _TODAY.reset(token)
