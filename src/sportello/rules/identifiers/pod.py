"""POD (point of delivery): the code of an electricity supply point.

A supply point shows its code, its POD (electricity) or PDR (gas), and its address (UP-4).
python-stdnum has no POD module; the check is sportello's own.

The POD reads ``IT`` + three digits (the distributor) + ``E`` (electricity) + eight digits:
``IT001E12345678``, 14 characters. Some bills print one more trailing character (a letter or a
digit); sportello accepts it and keeps it, since the same supply point must compare equal to
what the distributor prints. Separators, spaces and case are ignored.

>>> compact("it 001 e 1234 5678")
'IT001E12345678'
>>> validate("IT001E12345678")
'IT001E12345678'
>>> validate("IT001X12345678")
Traceback (most recent call last):
    ...
sportello._violations.ValidationError: Il codice POD deve avere la forma IT, tre cifre del \
distributore, E, otto cifre (es. IT001E12345678).
>>> is_valid("IT001E12345678A"), is_valid("IT001E1234567")
(True, False)
>>> format("it001e12345678")
'IT001E12345678'
"""

from __future__ import annotations

import re

from sportello._violations import ValidationError as _ValidationError
from sportello._violations import Violation as _Violation
from sportello.rules.identifiers._common import ensure_str as _ensure_str
from sportello.rules.identifiers._common import guarded as _guarded
from sportello.rules.identifiers._common import strip_separators as _strip_separators

__all__ = ["LENGTHS", "compact", "format", "is_valid", "validate"]

#: Accepted lengths: the 14-character POD and the printed form with one trailing character.
LENGTHS = (14, 15)

_POD_RE = re.compile(r"IT[0-9]{3}E[0-9]{8}[A-Z0-9]?")


def compact(value: object) -> str:
    """Strip spaces, dashes, dots, colons and slashes, upper case; raise on non-``str``."""
    return _strip_separators(_ensure_str(value))


def validate(value: object) -> str:
    """The compact POD, or raise :class:`~sportello.ValidationError` (rule UP-4).

    Codes: ``identifiers.not_a_string``, ``identifiers.empty``, ``pod.invalid_length`` (not 14
    or 15 characters), ``pod.invalid_format`` (not ``IT`` + 3 digits + ``E`` + 8 digits, with
    an optional trailing letter or digit).
    """
    number = compact(value)
    if not number:
        raise _ValidationError([_Violation.of("identifiers.empty")])
    found = []
    if len(number) not in LENGTHS:
        found.append(_Violation.of("pod.invalid_length", length=len(number)))
        if not re.fullmatch(r"IT[0-9]{0,3}(E[0-9]*[A-Z0-9]?)?", number[:15]):
            found.append(_Violation.of("pod.invalid_format"))
    elif not _POD_RE.fullmatch(number):
        found.append(_Violation.of("pod.invalid_format"))
    if found:
        raise _ValidationError(found)
    return number


def _check(value: str) -> bool:
    return _POD_RE.fullmatch(_strip_separators(value)) is not None


def is_valid(value: object) -> bool:
    """Whether ``value`` is a valid POD (UP-4); never raises, whatever ``value`` is."""
    return _guarded(_check, value)


def format(value: object) -> str:
    """The printed form: one upper-case block, e.g. ``IT001E12345678``."""
    return compact(value)


def __dir__() -> list[str]:
    """Only the public names (``__all__``), not the imports."""
    return list(__all__)  # pragma: no mutate (not a rule: tests/test_public_api.py)
