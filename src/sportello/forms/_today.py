"""The forms' "today": the date in Italy, or the one :func:`sportello.forms.load` was given.

Rules that compare a date with today (SH-3's 40 days, a date not in the future) ask
:func:`today`. ``forms.load(cls, doc, today=...)`` sets it for the length of that call (a
context variable, so threads and tasks never see each other's): the sandbox passes its clock's
date, so a test that freezes or advances the sandbox clock moves the forms' today with it.

>>> import datetime as dt
>>> with today_is(dt.date(2026, 3, 2)):
...     today()
datetime.date(2026, 3, 2)
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
from collections.abc import Iterator

__all__ = ["today", "today_is"]

_TODAY: contextvars.ContextVar[dt.date | None] = contextvars.ContextVar(
    "sportello_forms_today", default=None
)


def today() -> dt.date:
    """The date set by :func:`today_is`, else today in Europe/Rome."""
    fixed = _TODAY.get()
    if fixed is not None:
        return fixed
    from zoneinfo import ZoneInfo

    return dt.datetime.now(tz=ZoneInfo("Europe/Rome")).date()


@contextlib.contextmanager
def today_is(date: dt.date | None) -> Iterator[None]:
    """Make :func:`today` answer ``date`` inside the block (``None``: the real date)."""
    token = _TODAY.set(date)
    try:
        yield
    finally:
        _TODAY.reset(token)
