"""Codice cliente: the customer code a utility prints on the first page of every invoice.

The customer code is a six-digit number, unique per customer (UP-2); it is also the login user
(UP-3) and, with the partita IVA or codice fiscale, the key of registration (UP-1). Leading
zeros are significant: ``000002`` is a valid code and differs from ``2``. Utilities whose codes
have another number of digits pass ``digits=``.

>>> compact(" 000 002 ")
'000002'
>>> validate("000002")
'000002'
>>> validate("2")
Traceback (most recent call last):
    ...
sportello._violations.ValidationError: Il codice cliente deve avere 6 cifre (ne ha 1).
>>> validate("12345678", digits=8)
'12345678'
>>> is_valid("005007"), is_valid(5007)
(True, False)
>>> format("005007")
'005007'
"""

from __future__ import annotations

from sportello._violations import ValidationError as _ValidationError
from sportello._violations import Violation as _Violation
from sportello.rules.identifiers._common import (
    ensure_str as _ensure_str,
)
from sportello.rules.identifiers._common import (
    is_digits as _is_digits,
)
from sportello.rules.identifiers._common import (
    shape_violations as _shape_violations,
)
from sportello.rules.identifiers._common import (
    strip_separators as _strip_separators,
)

__all__ = ["DIGITS", "compact", "format", "is_valid", "validate"]

#: Digits of a customer code as the seed's utility prints it (UP-2).
DIGITS = 6


def compact(value: object) -> str:
    """Strip spaces and separators, keep leading zeros; raise on a non-``str`` value."""
    return _strip_separators(_ensure_str(value))


def _check_digits(digits: int) -> None:
    if isinstance(digits, bool) or digits < 1:
        raise ValueError(f"digits must be a positive int, not {digits!r}")


def validate(value: object, *, digits: int = DIGITS) -> str:
    """The compact customer code, or raise :class:`~sportello.ValidationError` (rule UP-2).

    UP-2: the customer code is a number of ``digits`` digits (six by default), leading zeros
    included. Codes: ``identifiers.not_a_string``, ``identifiers.empty``,
    ``codice_cliente.invalid_format`` (not only digits), ``codice_cliente.invalid_length``.

    Raises:
        ValidationError: the code breaks UP-2.
        ValueError: ``digits`` is not a positive ``int`` (a programming error).
    """
    _check_digits(digits)
    number = compact(value)
    if not number:
        raise _ValidationError([_Violation.of("identifiers.empty")])
    found = _shape_violations("codice_cliente", number, length=digits, digits=digits)
    if found:
        raise _ValidationError(found)
    return number


def is_valid(value: object, *, digits: int = DIGITS) -> bool:
    """Whether ``value`` is a valid customer code (UP-2); never raises for any ``value``."""
    if not isinstance(value, str):
        return False
    number = _strip_separators(value)
    return len(number) == digits and _is_digits(number)


def format(value: object) -> str:
    """The printed form: the digits in one block, leading zeros kept."""
    return compact(value)


def __dir__() -> list[str]:
    """Only the public names (``__all__``), not the imports."""
    return list(__all__)  # pragma: no mutate (not a rule: tests/test_public_api.py)
