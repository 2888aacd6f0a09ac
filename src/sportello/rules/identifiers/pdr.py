"""PDR (punto di riconsegna): the 14-digit code of a gas supply point.

A supply point shows its code, its POD (electricity) or PDR (gas), and its address (UP-4).
python-stdnum has no PDR module; the check is sportello's own: 14 ASCII digits, no check digit
(none is defined publicly), separators and spaces ignored.

>>> compact("0334 0009 7490 21")
'03340009749021'
>>> validate("03340009749021")
'03340009749021'
>>> validate("0334000974902")
Traceback (most recent call last):
    ...
sportello._violations.ValidationError: Il codice PDR deve avere 14 cifre (ne ha 13).
>>> is_valid("03340009749021"), is_valid(b"03340009749021")
(True, False)
>>> format("03340009749021")
'03340009749021'
"""

from __future__ import annotations

from sportello._violations import ValidationError as _ValidationError
from sportello._violations import Violation as _Violation
from sportello.rules.identifiers._common import (
    ensure_str as _ensure_str,
)
from sportello.rules.identifiers._common import (
    guarded as _guarded,
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

__all__ = ["LENGTH", "compact", "format", "is_valid", "validate"]

#: Digits of a PDR.
LENGTH = 14


def compact(value: object) -> str:
    """Strip spaces, dashes, dots, colons and slashes; raise on a non-``str`` value."""
    return _strip_separators(_ensure_str(value))


def validate(value: object) -> str:
    """The compact PDR, or raise :class:`~sportello.ValidationError` (rule UP-4).

    Codes: ``identifiers.not_a_string``, ``identifiers.empty``, ``pdr.invalid_format``
    (not only digits), ``pdr.invalid_length`` (not 14).
    """
    number = compact(value)
    if not number:
        raise _ValidationError([_Violation.of("identifiers.empty")])
    found = _shape_violations("pdr", number, length=LENGTH)
    if found:
        raise _ValidationError(found)
    return number


def _check(value: str) -> bool:
    number = _strip_separators(value)
    return len(number) == LENGTH and _is_digits(number)


def is_valid(value: object) -> bool:
    """Whether ``value`` is a valid PDR (UP-4); never raises, whatever ``value`` is."""
    return _guarded(_check, value)


def format(value: object) -> str:
    """The printed form: the 14 digits in one block, as on the bill."""
    return compact(value)


def __dir__() -> list[str]:
    """Only the public names (``__all__``), not the imports."""
    return list(__all__)  # pragma: no mutate (not a rule: tests/test_public_api.py)
