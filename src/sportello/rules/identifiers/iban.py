"""IBAN (built on :mod:`stdnum.iban`), with the checks python-stdnum leaves out.

python-stdnum checks the ISO 7064 mod 97-10 check digits, the country and the length and
structure of each country's BBAN. sportello also checks that the check digits are two digits
from 02 to 98, the only ones ISO 13616 computes (a bare mod 97 also takes ``00``, ``01``,
``99`` and letters, which turn into numbers: ``ITA6...`` passes it), and, for Italian and
San Marino IBANs (``IT``/``SM`` + 2 check digits + CIN + ABI + CAB + 12-character account),
the CIN: the check letter computed like the check character of the codice fiscale over ABI +
CAB + account (San Marino's banks use the Italian scheme).
``italian_only=True`` refuses foreign IBANs: the electronic bill is available to customers
paying by bank direct debit (EB-1), and the portal's direct debit wants an Italian account.

>>> compact("it60 x054 2811 1010 0000 0123 456")
'IT60X0542811101000000123456'
>>> validate("IT60 X054 2811 1010 0000 0123 456")
'IT60X0542811101000000123456'
>>> validate("DE89370400440532013000", italian_only=True)
Traceback (most recent call last):
    ...
sportello._violations.ValidationError: Per la domiciliazione bancaria serve un IBAN italiano \
(inizia con IT).
>>> is_valid("IT60X0542811101000000123456"), is_italian("DE89370400440532013000")
(True, False)
>>> is_valid("ITA6X0542811101000000123456"), is_valid("SM86U0322509800000000270100")
(False, True)
>>> format("IT60X0542811101000000123456")
'IT60 X054 2811 1010 0000 0123 456'
"""

from __future__ import annotations

from stdnum import iban as _iban
from stdnum.exceptions import ValidationError as _StdnumError
from stdnum.it.codicefiscale import calc_check_digit as _cin_of

from sportello._violations import ValidationError as _ValidationError
from sportello._violations import Violation as _Violation
from sportello.rules.identifiers._common import ensure_str as _ensure_str
from sportello.rules.identifiers._common import guarded as _guarded
from sportello.rules.identifiers._common import reason_of as _reason_of

__all__ = ["ITALIAN_LENGTH", "compact", "format", "is_italian", "is_valid", "validate"]

#: Characters of an Italian IBAN.
ITALIAN_LENGTH = 27


def compact(value: object) -> str:
    """Strip spaces, dashes and dots, upper case; raise on a non-``str`` value."""
    try:
        return str(_iban.compact(_ensure_str(value)))
    except _StdnumError:  # pragma: no cover - stdnum's clean() only fails on non-str input
        raise _ValidationError([_Violation.of("iban.invalid_format")]) from None


#: Countries whose BBAN starts with the Italian CIN.
_CIN_COUNTRIES = ("IT", "SM")
#: The check digits ISO 13616 computes (98 minus a remainder of 97: 02 to 98).
_CHECK_DIGITS = frozenset(f"{n:02d}" for n in range(2, 99))


def _cin_ok(number: str) -> bool:
    return not number.startswith(_CIN_COUNTRIES) or _cin_of(number[5:]) == number[4]


def _violations(number: str, exc: Exception) -> list[_Violation]:
    reason = _reason_of(exc)
    if reason == "invalid_component":
        return [_Violation.of("iban.invalid_country", country=number[:2])]
    if number.startswith(_CIN_COUNTRIES) and len(number) != ITALIAN_LENGTH:
        return [_Violation.of("iban.invalid_length", length=len(number))]
    if reason == "invalid_length":
        return [_Violation.of("iban.invalid_length", length=len(number))]
    return [_Violation.of(f"iban.{reason}")]


def validate(value: object, *, italian_only: bool = False) -> str:
    """The compact IBAN, or raise :class:`~sportello.ValidationError`.

    With ``italian_only=True`` a foreign IBAN is refused (``iban.not_italian``, rule EB-1:
    the electronic bill needs a bank direct debit on an Italian account). Other codes:
    ``identifiers.not_a_string``, ``identifiers.empty``, ``iban.invalid_check_digits`` (not
    two digits from 02 to 98; the mod 97 result is then not reported), ``iban.invalid_checksum``,
    ``iban.invalid_country``, ``iban.invalid_length``, ``iban.invalid_format``,
    ``iban.invalid_cin`` (Italian and San Marino IBANs).
    """
    number = compact(value)
    if not number:
        raise _ValidationError([_Violation.of("identifiers.empty")])
    found = []
    if len(number) >= 4 and number[2:4] not in _CHECK_DIGITS:
        found.append(_Violation.of("iban.invalid_check_digits"))
    try:
        number = str(_iban.validate(number))
    except _StdnumError as exc:
        found += [
            v for v in _violations(number, exc) if not found or v.code != "iban.invalid_checksum"
        ]
    else:
        if not _cin_ok(number):
            found.append(_Violation.of("iban.invalid_cin"))
    if italian_only and not number.startswith("IT"):
        found.append(_Violation.of("iban.not_italian"))
    if found:
        raise _ValidationError(found)
    return number


def _check(value: str) -> bool:
    number = _iban.compact(value)
    return number[2:4] in _CHECK_DIGITS and bool(_iban.is_valid(number)) and _cin_ok(number)


def _check_italian(value: str) -> bool:
    return _check(value) and _iban.compact(value).startswith("IT")


def is_valid(value: object, *, italian_only: bool = False) -> bool:
    """Whether ``value`` is a valid IBAN (Italian when asked); never raises for any ``value``."""
    return _guarded(_check_italian if italian_only else _check, value)


def is_italian(value: object) -> bool:
    """Whether ``value`` is a valid Italian IBAN (EB-1); never raises for any ``value``."""
    return _guarded(_check_italian, value)


def format(value: object) -> str:
    """The printed form: groups of four characters separated by spaces."""
    return str(_iban.format(compact(value)))


def __dir__() -> list[str]:
    """Only the public names (``__all__``), not the imports."""
    return list(__all__)  # pragma: no mutate (not a rule: tests/test_public_api.py)
