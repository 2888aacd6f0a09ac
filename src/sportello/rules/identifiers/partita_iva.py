"""Partita IVA: the 11-digit Italian VAT number (built on :mod:`stdnum.it.iva`).

Digits 1-7 identify the taxpayer (never all zeros), digits 8-10 are the provincial office code
(001-100, 120, 121, 888, 999) and digit 11 is the Luhn check digit. The rules are python-stdnum's
(its ``compact`` cleans the input; the check is computed here, on a path faster than stdnum's
``is_valid``, and tested against it); sportello adds the typed violations (every problem found,
not only the first) and the ``str`` guard. A customer registers with the customer code plus
partita IVA or codice fiscale (UP-1, see :func:`validate`).

>>> compact("IT 00743110157")
'00743110157'
>>> validate("00743110157")
'00743110157'
>>> validate("00743110158")
Traceback (most recent call last):
    ...
sportello._violations.ValidationError: La cifra di controllo della partita IVA non è corretta.
>>> is_valid("00743110158"), is_valid(None)
(False, False)
>>> format(" 007 4311 0157 ")
'00743110157'
"""

from __future__ import annotations

from stdnum.exceptions import ValidationError as _StdnumError
from stdnum.it import iva as _iva

from sportello._violations import ValidationError as _ValidationError
from sportello._violations import Violation as _Violation
from sportello.rules.identifiers._common import ensure_str as _ensure_str
from sportello.rules.identifiers._common import is_digits as _is_digits
from sportello.rules.identifiers._common import shape_violations as _shape_violations

__all__ = ["OFFICE_CODES", "compact", "format", "is_valid", "validate"]

#: The valid office codes (digits 8-10), as python-stdnum checks them: the provincial offices
#: 001-100, 120 and 121 (later provinces), 888 (Ministry of Economy, for special cases) and
#: 999 (foreign subjects without a permanent establishment).
OFFICE_CODES: frozenset[str] = frozenset(
    {f"{n:03d}" for n in range(1, 101)} | {"120", "121", "888", "999"}
)


def compact(value: object) -> str:
    """Strip spaces, dashes, colons and a leading ``IT``; raise on a non-``str`` value."""
    try:
        return str(_iva.compact(_ensure_str(value)))
    except _StdnumError:  # pragma: no cover - stdnum's clean() only fails on non-str input
        raise _ValidationError([_Violation.of("partita_iva.invalid_format")]) from None


#: A digit of the Luhn sum in a doubled position: the digits of its double.
_DOUBLED = {str(d): (2 * d) // 10 + (2 * d) % 10 for d in range(10)}.__getitem__


def _luhn_ok(number: str) -> bool:
    """Whether an all-digit number's Luhn sum is a multiple of ten (as ``stdnum.luhn``'s)."""
    return (sum(map(int, number[-1::-2])) + sum(map(_DOUBLED, number[-2::-2]))) % 10 == 0


def _numeric_ok(number: str) -> bool:
    """Whether a compact number is a valid 11-digit code (partita IVA, numeric codice fiscale)."""
    return (
        len(number) == 11
        and _is_digits(number)
        and number[:7] != "0000000"
        and number[7:10] in OFFICE_CODES
        and _luhn_ok(number)
    )


def _numeric_violations(family: str, number: str) -> list[_Violation]:
    """Every problem of an 11-digit numeric code (partita IVA, numeric codice fiscale)."""
    found = _shape_violations(family, number, length=11)
    if found:
        return found
    if int(number[:7]) == 0:
        found.append(_Violation.of(f"{family}.invalid_format"))
    if number[7:10] not in OFFICE_CODES:
        found.append(_Violation.of(f"{family}.invalid_office", office=number[7:10]))
    if not _luhn_ok(number):
        found.append(_Violation.of(f"{family}.invalid_checksum"))
    return found


def validate(value: object) -> str:
    """The compact partita IVA, or raise :class:`~sportello.ValidationError` with every problem.

    Serves UP-1 (registration by customer code plus partita IVA or codice fiscale): the portal
    only compares a partita IVA that is well formed. Codes: ``identifiers.not_a_string``,
    ``identifiers.empty``, ``partita_iva.invalid_format``, ``.invalid_length``,
    ``.invalid_office``, ``.invalid_checksum``.
    """
    number = compact(value)
    if not number:
        raise _ValidationError([_Violation.of("identifiers.empty")])
    if _numeric_ok(number):
        return number
    raise _ValidationError(_numeric_violations("partita_iva", number))


def is_valid(value: object) -> bool:
    """Whether ``value`` is a valid partita IVA; never raises, whatever ``value`` is.

    The same answer as "``validate(value)`` does not raise", without building violations.
    """
    if type(value) is str and len(value) == 11 and value.isascii() and value.isdigit():
        return _numeric_ok(value)
    try:
        return _numeric_ok(compact(value))
    except _ValidationError:
        return False


def format(value: object) -> str:
    """The printed form: the 11 digits in one block (no ``IT`` prefix)."""
    return compact(value)


def __dir__() -> list[str]:
    """Only the public names (``__all__``), not the imports."""
    return list(__all__)  # pragma: no mutate (not a rule: tests/test_public_api.py)
