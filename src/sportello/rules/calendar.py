"""Working days and the helpline's opening hours (CAL-1, CAL-2, CAL-3).

Italian national public holidays come from the ``holidays`` package
(``holidays.country_holidays("IT")``, national only, no subdivision). The package is imported
lazily, on the first question about a date, and each year's holidays are computed once and cached.

Working days (CAL-3) exclude Saturdays, Sundays and Italian public holidays; Rome's patron saint
(29 June) is NOT a public holiday here: it only closes the helpline (CAL-2).

>>> import datetime as dt
>>> is_working_day(dt.date(2027, 10, 4))  # San Francesco, national holiday again from 2026
False
>>> add_working_days(dt.date(2026, 12, 24), 3)  # 25, 26 Dec are holidays, 26-27 a weekend
datetime.date(2026, 12, 30)
>>> working_days_between(dt.date(2026, 12, 24), dt.date(2026, 12, 30))
3
>>> helpline_hours(dt.date(2026, 12, 24))
(datetime.time(8, 0), datetime.time(12, 0))
>>> is_helpline_open(dt.datetime(2026, 11, 25, 17, 59))
True
>>> is_helpline_open(dt.datetime(2026, 11, 25, 18, 0))
False
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import TYPE_CHECKING

from sportello._violations import ValidationError, Violation

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

__all__ = [
    "HELPLINE_CLOSED_DAYS",
    "HELPLINE_HOURS",
    "HELPLINE_SHORT_DAYS",
    "HELPLINE_SHORT_HOURS",
    "TIMEZONE",
    "add_working_days",
    "helpline_hours",
    "holiday_name",
    "is_helpline_open",
    "is_public_holiday",
    "is_working_day",
    "next_helpline_opening",
    "next_working_day",
    "rome_time",
    "working_days_between",
]

#: The time zone of every rule of the Sportello (the portal's and the helpline's clock).
TIMEZONE = "Europe/Rome"

#: CAL-1: the helpline's ordinary hours, ``opening <= t < closing``.
HELPLINE_HOURS: tuple[dt.time, dt.time] = (dt.time(8, 0), dt.time(18, 0))

#: CAL-2: the short hours on 2 November, 24 December and 31 December.
HELPLINE_SHORT_HOURS: tuple[dt.time, dt.time] = (dt.time(8, 0), dt.time(12, 0))

#: CAL-2: ``(month, day)`` of the days with short hours.
HELPLINE_SHORT_DAYS: frozenset[tuple[int, int]] = frozenset({(11, 2), (12, 24), (12, 31)})

#: CAL-2: ``(month, day)`` of the days the helpline is closed besides public holidays (Rome's
#: patron saints, Peter and Paul).
HELPLINE_CLOSED_DAYS: frozenset[tuple[int, int]] = frozenset({(6, 29)})

_SATURDAY = 5


@cache
def _holidays_of(year: int) -> dict[dt.date, str]:
    """Italian national public holidays of ``year`` (date -> name), computed once per year."""
    import holidays

    found = holidays.country_holidays("IT", years=year)
    return {day: str(name) for day, name in found.items() if day.year == year}


@cache
def _zone() -> ZoneInfo:
    from zoneinfo import ZoneInfo

    return ZoneInfo(TIMEZONE)


def is_public_holiday(d: dt.date) -> bool:
    """Whether ``d`` is an Italian national public holiday (Sundays themselves are not listed).

    >>> is_public_holiday(dt.date(2026, 4, 6))  # Easter Monday
    True
    >>> is_public_holiday(dt.date(2026, 6, 29))  # Rome's patron saints: not national
    False
    """
    return _day(d) in _holidays_of(d.year)


def holiday_name(d: dt.date) -> str | None:
    """The (English) name of the public holiday on ``d``, or ``None``.

    >>> holiday_name(dt.date(2027, 10, 4))
    'Saint Francis of Assisi, Patron Saint of Italy'
    """
    return _holidays_of(d.year).get(_day(d))


def is_working_day(d: dt.date) -> bool:
    """CAL-3: a working day is neither a Saturday, nor a Sunday, nor an Italian public holiday.

    A :class:`datetime.datetime` is taken for its date, as given (convert it first with
    :func:`rome_time` if it is in another zone).

    >>> is_working_day(dt.date(2026, 11, 25)), is_working_day(dt.date(2026, 11, 28))
    (True, False)
    """
    return d.weekday() < _SATURDAY and not is_public_holiday(d)


def next_working_day(d: dt.date) -> dt.date:
    """``d`` itself when it is a working day (CAL-3), else the first working day after it.

    >>> next_working_day(dt.date(2026, 12, 25))
    datetime.date(2026, 12, 28)
    """
    day = _day(d)
    while not is_working_day(day):
        day = _step(day, 1, origin=d)
    return day


def add_working_days(d: dt.date, n: int) -> dt.date:
    """CAL-3: the ``n``-th working day after ``d`` (counting starts the day after ``d``).

    ``n == 0`` returns ``d`` itself, working day or not. A negative ``n`` counts backwards
    symmetrically: ``add_working_days(d, -1)`` is the last working day before ``d``. So the result
    is a working day whenever ``n != 0``, and ``working_days_between(d, add_working_days(d, n))``
    is ``n`` for every ``n``. Used by AT-6 (the SPCEN e-mail within 3 working days).

    >>> add_working_days(dt.date(2026, 11, 27), 1)  # Friday -> Monday
    datetime.date(2026, 11, 30)
    >>> add_working_days(dt.date(2026, 11, 30), -1)  # Monday -> Friday
    datetime.date(2026, 11, 27)
    >>> add_working_days(dt.date(2026, 11, 28), 0)  # a Saturday stays itself
    datetime.date(2026, 11, 28)

    The answer must be a date of :mod:`datetime`'s calendar (1 January of year 1 to
    31 December 9999); a count that would leave it is refused at once, without walking
    there, whatever its size:

    >>> add_working_days(dt.date(9999, 12, 30), 5)
    Traceback (most recent call last):
    ...
    sportello._violations.ValidationError: n: Il conteggio a partire dal 9999-12-30 esce ...

    Raises:
        ValidationError: ``calendar.date_out_of_range`` at ``n`` when the ``n``-th working
            day falls outside years 1 to 9999.
    """
    day = _day(d)
    step = 1 if n >= 0 else -1
    left = abs(n)
    edge = dt.date.max if n >= 0 else dt.date.min
    if left > abs((edge - day).days):  # fewer days than that left: no need to walk
        raise ValidationError([_out_of_range(d, path="n")])
    while left:
        day = _step(day, step, origin=d, path="n")
        if is_working_day(day):
            left -= 1
    return day


def working_days_between(a: dt.date, b: dt.date) -> int:
    """CAL-3: the working days from ``a`` to ``b``, excluding ``a`` and including ``b``.

    When ``b < a`` the count is negative: minus the working days in ``[b, a)`` (again ``a``
    excluded and ``b`` included), so that it inverts :func:`add_working_days`.

    >>> working_days_between(dt.date(2026, 11, 27), dt.date(2026, 11, 30))  # Fri -> Mon
    1
    >>> working_days_between(dt.date(2026, 11, 30), dt.date(2026, 11, 27))
    -1
    >>> working_days_between(dt.date(2026, 11, 27), dt.date(2026, 11, 27))
    0
    """
    start, end = _day(a), _day(b)
    if end < start:
        if end == dt.date.min:  # (min - 1, start - 1] holds the same working days as [min, start)
            return -(int(is_working_day(end)) + _count(end, start - dt.timedelta(days=1)))
        return -_count(end - dt.timedelta(days=1), start - dt.timedelta(days=1))
    return _count(start, end)


def _count(start: dt.date, end: dt.date) -> int:
    """Working days in ``(start, end]`` (``start <= end``)."""
    total_days = (end - start).days
    weeks, rest = divmod(total_days, 7)
    count = weeks * 5
    day = start + dt.timedelta(days=weeks * 7)
    for _ in range(rest):
        day += dt.timedelta(days=1)
        if day.weekday() < _SATURDAY:
            count += 1
    for year in range(start.year, end.year + 1):
        count -= sum(1 for h in _holidays_of(year) if start < h <= end and h.weekday() < _SATURDAY)
    return count


def rome_time(moment: dt.datetime) -> dt.datetime:
    """``moment`` as an aware Europe/Rome datetime.

    An aware datetime (UTC or any zone) is converted; a naive one is taken as Europe/Rome local
    time and gets the zone attached (for a time that does not exist or is ambiguous on a DST
    change, ``fold`` decides as in :mod:`zoneinfo`).

    >>> rome_time(dt.datetime(2026, 7, 1, 6, 0, tzinfo=dt.UTC)).hour  # CEST, UTC+2
    8
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.replace(tzinfo=_zone())
    try:
        return moment.astimezone(_zone())
    except OverflowError:  # e.g. 0001-01-01 00:00+14:00 is still year 0 in Rome
        raise ValidationError([_out_of_range(moment, path="moment")]) from None


def helpline_hours(d: dt.date) -> tuple[dt.time, dt.time] | None:
    """CAL-1, CAL-2: the helpline's ``(opening, closing)`` on ``d``, or ``None`` when closed.

    Monday to Friday 8:00-18:00 (CAL-1), except public holidays; 8:00-12:00 on 2 November,
    24 December and 31 December; closed on 29 June (CAL-2). The hours are Europe/Rome local time
    and the closing time is excluded (``opening <= t < closing``).

    >>> helpline_hours(dt.date(2026, 11, 25))
    (datetime.time(8, 0), datetime.time(18, 0))
    >>> helpline_hours(dt.date(2027, 6, 29)) is None
    True
    """
    day = _day(d)
    if not is_working_day(day) or (day.month, day.day) in HELPLINE_CLOSED_DAYS:
        return None
    if (day.month, day.day) in HELPLINE_SHORT_DAYS:
        return HELPLINE_SHORT_HOURS
    return HELPLINE_HOURS


def is_helpline_open(moment: dt.datetime) -> bool:
    """CAL-1, CAL-2: whether the helpline is open at ``moment``.

    ``moment`` is converted to Europe/Rome when aware; a naive datetime is Europe/Rome local
    time. Open means ``opening <= t < closing``: 8:00 is open, 18:00 is closed.

    >>> is_helpline_open(dt.datetime(2026, 12, 24, 11, 59))
    True
    >>> is_helpline_open(dt.datetime(2026, 12, 24, 12, 0))
    False
    """
    local = rome_time(moment)
    hours = helpline_hours(local.date())
    if hours is None:
        return False
    opening, closing = hours
    return opening <= local.time() < closing


def next_helpline_opening(moment: dt.datetime) -> dt.datetime:
    """CAL-1, CAL-2: ``moment`` (in Europe/Rome) when the helpline is open, else its next opening.

    The answer is an aware Europe/Rome datetime.

    >>> next_helpline_opening(dt.datetime(2026, 12, 24, 12, 0)).isoformat()
    '2026-12-28T08:00:00+01:00'
    """
    local = rome_time(moment)
    if is_helpline_open(local):
        return local
    day = local.date()
    hours = helpline_hours(day)
    if hours is None or local.time() >= hours[0]:
        day = _step(day, 1, origin=moment, path="moment")
        hours = helpline_hours(day)
        while hours is None:
            day = _step(day, 1, origin=moment, path="moment")
            hours = helpline_hours(day)
    return dt.datetime.combine(day, hours[0], tzinfo=_zone())


def _out_of_range(origin: dt.date, *, path: str = "") -> Violation:
    """``calendar.date_out_of_range``: counting from ``origin`` leaves years 1 to 9999."""
    return Violation.of("calendar.date_out_of_range", path=path, data=_day(origin).isoformat())


def _step(day: dt.date, days: int, *, origin: dt.date, path: str = "") -> dt.date:
    """``day`` moved by ``days``, or ``calendar.date_out_of_range`` past years 1 to 9999."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        raise ValidationError([_out_of_range(origin, path=path)]) from None


def _day(d: dt.date) -> dt.date:
    """A plain date (a datetime is cut to its date)."""
    return d.date() if isinstance(d, dt.datetime) else d


def __dir__() -> list[str]:
    """Only the public names (``__all__``), not the imports."""
    return list(__all__)  # pragma: no mutate (not a rule: tests/test_public_api.py)
