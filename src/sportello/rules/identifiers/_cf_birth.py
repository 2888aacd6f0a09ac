"""The birth of a codice fiscale: its date (century chosen with the place's history), its place.

Dates are ``YYYYMMDD`` integers here, as in :mod:`~sportello.rules.identifiers._luoghi_index`,
so that the deep check of ``is_valid(..., luoghi=True)`` compares integers only.

Private helpers of :mod:`sportello.rules.identifiers.codice_fiscale`.
"""

from __future__ import annotations

import datetime as dt
import time

from sportello._violations import Violation
from sportello.rules.identifiers import _luoghi_index as _index
from sportello.rules.identifiers._cf_checks import day_code, year_code
from sportello.rules.identifiers._persona import MONTHS, OMOCODE_LETTERS
from sportello.rules.identifiers.luoghi import _fit

__all__ = ["belfiore", "born", "candidates", "day_of", "fits", "place_problems", "today_day"]

_TO_DIGITS = str.maketrans(OMOCODE_LETTERS, "0123456789")


def today_day(today: dt.date | None) -> int:
    """``today`` as ``YYYYMMDD``; the current UTC date when ``None``."""
    if today is None:
        now = time.gmtime()
        return now.tm_year * 10000 + now.tm_mon * 100 + now.tm_mday
    return today.year * 10000 + today.month * 100 + today.day


def day_of(day: int) -> dt.date:
    """The date of a ``YYYYMMDD`` integer."""
    return dt.date(day // 10000, day // 100 % 100, day % 100)


def belfiore(number: str) -> str:
    """The place code of a valid 16-character code, omocodia letters turned back into digits."""
    tail = number[12:15]
    return number[11] + (tail if tail.isdigit() else tail.translate(_TO_DIGITS))


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def candidates(number: str, today: int) -> tuple[int, ...]:
    """The two most recent birth days (``YYYYMMDD``) not after ``today`` that the code allows.

    The code holds two digits of the year: 1985 and 1885 for ``85`` (in 2026), 2025 and 1925
    for ``25``. Fewer than two near the year 1 (or for 29 February out of leap years).
    """
    yy = year_code(number)
    month_day = (MONTHS.index(number[8]) + 1) * 100 + day_code(number) % 40
    found: list[int] = []
    base = today // 1000000 * 100
    while len(found) < 2 and base >= 0:
        year = base + yy
        day = year * 10000 + month_day
        if year >= 1 and day <= today and (month_day != 229 or _leap(year)):
            found.append(day)
        base -= 100
    return tuple(found)


def born(number: str, today: int) -> int:
    """The birth day of a valid code: the most recent candidate, unless only the older one
    fits the place's history (a comune suppressed in 1927 and ``07``: 1907, not 2007).

    ``0`` when the code allows no date (only for a ``today`` near the year 1).
    """
    found = candidates(number, today)
    if len(found) == 2:
        spans = _index.spans(belfiore(number))
        if (
            spans
            and _index.grade(spans, found[0]) != _index.EXISTED
            and _index.grade(spans, found[1]) == _index.EXISTED
        ):
            return found[1]
    return found[0] if found else 0


def fits(number: str, today: int) -> bool:
    """Whether a valid code's place is known and fits its birth day (the deep check, fast)."""
    spans = _index.spans(belfiore(number))
    if not spans:
        return False
    found = candidates(number, today)
    if not found:
        return False
    if len(spans) == 2 and spans[0] <= found[0] <= spans[1]:  # the common case: one span
        return True
    if len(found) == 2 and _index.grade(spans, found[1]) == _index.EXISTED:
        return True
    return _index.grade(spans, found[0]) >= _index.TOLERATED


def place_problems(number: str, today: int) -> list[Violation]:
    """The deep check's violations of a valid 16-character code (none when it fits)."""
    code = belfiore(number)
    if code not in _index.codes().lines:
        return [Violation.of("codice_fiscale.luogo_unknown")]
    day = born(number, today)
    if not day:
        return [Violation.of("codice_fiscale.invalid_date")]
    return _fit(code, day, cf=True)
