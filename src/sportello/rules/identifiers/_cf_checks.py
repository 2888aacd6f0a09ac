"""The shallow checks of a compact codice fiscale: layout, check character, date, in two forms.

:func:`problems` lists the violations (for ``validate``); :func:`is_ok` answers the same
question as ``not problems(number)`` without building any of them (for ``is_valid``, the
fast path). Both follow python-stdnum's ``stdnum.it.codicefiscale`` (the same layout, check
character and date rules, plus the stricter day codes) and the tests compare them with it on
generated and published codes; they do not call it, so that ``is_valid`` costs less than
stdnum's own ``is_valid`` (which ``bench/identifiers.py`` measures).

Private helpers of :mod:`sportello.rules.identifiers.codice_fiscale`.
"""

from __future__ import annotations

import functools
import re

from sportello._violations import Violation
from sportello.rules.identifiers._common import is_digits
from sportello.rules.identifiers._persona import DIGIT_OF, MONTHS
from sportello.rules.identifiers.partita_iva import _numeric_ok, _numeric_violations

__all__ = ["check_character", "date_ok", "day_code", "is_ok", "problems", "year_code"]

_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#: The 16-character layout: six letters, year, month letter, day, place, check letter.
_LAYOUT = re.compile(
    r"[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]"
).fullmatch
#: Values of a character in an odd (1st, 3rd, ...) and an even position of the check sum:
#: digits count as the letter in the same place of the alphabet (0 as A, ..., 9 as J).
_ODD_VALUES = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22]
_ODD_VALUES += [25, 24, 23]
_ODD = dict(zip(_LETTERS, _ODD_VALUES, strict=True))
_ODD.update(zip("0123456789", _ODD_VALUES[:10], strict=True))
_EVEN = {**{d: i for i, d in enumerate("0123456789")}, **{c: i for i, c in enumerate(_LETTERS)}}
_ODD_OF = _ODD.__getitem__
_EVEN_OF = _EVEN.__getitem__


def check_character(body: str) -> str:
    """The check letter of the first 15 characters of a code (as ``stdnum``'s).

    >>> check_character("RSSMRA85T10A562")
    'S'
    """
    total = sum(map(_ODD_OF, body[0:15:2])) + sum(map(_EVEN_OF, body[1:15:2]))
    return _LETTERS[total % 26]


def day_code(number: str) -> int:
    """The day code (1-31 men, 41-71 women) of a code with valid characters."""
    return int(DIGIT_OF[number[9]] + DIGIT_OF[number[10]])


def year_code(number: str) -> int:
    """The two-digit year of a code with valid characters (omocodia letters read back)."""
    return int(DIGIT_OF[number[6]] + DIGIT_OF[number[7]])


#: The two characters of every valid day code (01-31 men, 41-71 women), omocodia included.
_DAY_CODES = frozenset(
    a + b
    for a in DIGIT_OF
    for b in DIGIT_OF
    if 1 <= int(DIGIT_OF[a] + DIGIT_OF[b]) % 40 <= 31 and int(DIGIT_OF[a] + DIGIT_OF[b]) < 72
)


@functools.cache
def _date_codes() -> dict[str, int]:
    """Month letter + day code -> 1 (the day exists) or 2 (only in a leap year: 29 February).

    Built on first use (about 3,000 entries): a code's date is then one look-up away.
    """
    last_days = dict(zip(MONTHS, (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31), strict=True))
    days = {code: int(DIGIT_OF[code[0]] + DIGIT_OF[code[1]]) % 40 for code in _DAY_CODES}
    return {
        month + code: 2 if month == "B" and day == 29 else 1
        for month, last in last_days.items()
        for code, day in days.items()
        if day <= last
    }


def date_ok(number: str) -> bool:
    """Whether day code and date exist (2000 + yy and 1900 + yy share leap years but 1900)."""
    found = _date_codes().get(number[8:11], 0)
    if found == 2:
        return year_code(number) % 4 == 0
    return found == 1


def is_ok(number: str) -> bool:
    """Whether a compact code is valid: ``not problems(number)``, without the violations."""
    if len(number) == 16:
        return (
            _LAYOUT(number) is not None
            and check_character(number) == number[15]
            and date_ok(number)
        )
    return len(number) == 11 and _numeric_ok(number)


def problems(number: str) -> list[Violation]:
    """Every violation of a compact, non-empty code (length, layout, check, date, office)."""
    if len(number) == 11 and is_digits(number):
        return [] if _numeric_ok(number) else _numeric_violations("codice_fiscale", number)
    if len(number) != 16:
        return [Violation.of("codice_fiscale.invalid_length", length=len(number))]
    if _LAYOUT(number) is None:
        return [Violation.of("codice_fiscale.invalid_format")]
    found = []
    if check_character(number) != number[15]:
        found.append(Violation.of("codice_fiscale.invalid_checksum"))
    if not date_ok(number):
        found.append(Violation.of("codice_fiscale.invalid_date"))
    return found
