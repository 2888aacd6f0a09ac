"""Codice fiscale (built on :mod:`stdnum.it.codicefiscale`).

Two shapes are valid: the 16-character code of a person (omocodia variants accepted) and the
11-digit numeric code of companies and bodies (the same digits as a partita IVA: office code
and Luhn check digit). python-stdnum checks length, layout, check character and that the day
and month exist; sportello adds typed violations (every problem found), the ``str`` guard, a
stricter day check (day codes 32-40 and 72-99 are refused), :func:`parse` (sex, birth date,
place code, omocodia) and :func:`matches` (does the code fit the declared person?).

A codice fiscale is personal data: it never appears in a violation's text or params, nor in
the repr of :class:`DatiCodiceFiscale`.

>>> compact("rss mra 85t10 a562s")
'RSSMRA85T10A562S'
>>> validate("RSSMRA85T10A562S")
'RSSMRA85T10A562S'
>>> validate("RSSMRA85T10A562T")
Traceback (most recent call last):
    ...
sportello._violations.ValidationError: Il carattere di controllo del codice fiscale non è corretto.
>>> is_valid("MRTMTTNRDLVFNLRV"), is_valid("00743110157"), is_valid(None)
(True, True, False)
>>> format(" rssmra85t10a562s ")
'RSSMRA85T10A562S'
>>> p = parse("MRTMTTNRDLVFNLRV", today=dt.date(2026, 1, 1))
>>> p.sesso, p.data_nascita, p.belfiore, p.omocode, p.canonical
('M', datetime.date(2025, 4, 9), 'F205', True, 'MRTMTT25D09F205Z')
>>> matches("RSSMRA85T10A562S", nome="Mario", cognome="Rossi", sesso="M")
[]
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

import attrs
from stdnum.exceptions import ValidationError as _StdnumError
from stdnum.it import codicefiscale as _cf

from sportello._violations import ValidationError as _ValidationError
from sportello._violations import Violation as _Violation
from sportello.rules.identifiers._common import ensure_str as _ensure_str
from sportello.rules.identifiers._common import is_digits as _is_digits
from sportello.rules.identifiers._common import reason_of as _reason_of
from sportello.rules.identifiers._persona import (
    DIGIT_OF,
    MONTHS,
    OMOCODE_LETTERS,
    OMOCODE_POSITIONS,
)
from sportello.rules.identifiers._persona import (
    date_of as _date_of,
)
from sportello.rules.identifiers._persona import (
    name_code as _name_code,
)
from sportello.rules.identifiers.partita_iva import _numeric_violations

__all__ = [
    "DatiCodiceFiscale",
    "compact",
    "format",
    "is_valid",
    "matches",
    "parse",
    "validate",
]

_TO_DIGITS = str.maketrans(OMOCODE_LETTERS, "0123456789")
_LATEST = dt.date(2099, 12, 31)


@attrs.frozen
class DatiCodiceFiscale:
    """What a person's codice fiscale says about its holder (see :func:`parse`).

    Attributes:
        sesso: ``"M"`` or ``"F"``.
        data_nascita: the birth date (century chosen as documented in :func:`parse`).
        belfiore: the place code (cadastral code of the comune, ``Z...`` for a foreign
            country), with omocodia letters turned back into digits.
        omocode: whether the code is an omocodia variant (some digits replaced by letters).
        canonical: the code with every omocodia letter turned back into its digit and the check
            character recomputed (equal to the input when ``omocode`` is false). Hidden from
            the repr: it is personal data.
    """

    sesso: Literal["M", "F"]
    data_nascita: dt.date = attrs.field(repr=False)
    belfiore: str
    omocode: bool
    canonical: str = attrs.field(repr=False)


def compact(value: object) -> str:
    """Strip spaces, dashes and colons, upper case; raise on a non-``str`` value."""
    try:
        return str(_cf.compact(_ensure_str(value)))
    except _StdnumError:  # pragma: no cover - stdnum's clean() only fails on non-str input
        raise _ValidationError([_Violation.of("codice_fiscale.invalid_format")]) from None


def _day_code(number: str) -> int:
    return int(DIGIT_OF[number[9]] + DIGIT_OF[number[10]])


#: The two characters of every valid day code (01-31 men, 41-71 women), omocodia included.
_DAY_CODES = frozenset(
    a + b
    for a in DIGIT_OF
    for b in DIGIT_OF
    if 1 <= int(DIGIT_OF[a] + DIGIT_OF[b]) % 40 <= 31 and int(DIGIT_OF[a] + DIGIT_OF[b]) < 72
)


def _day_ok(number: str) -> bool:
    return number[9:11] in _DAY_CODES


def _date_ok(number: str) -> bool:
    """Whether day code and date exist (2000 + yy and 1900 + yy share leap years but 1900)."""
    if not _day_ok(number):
        return False
    year = int(DIGIT_OF[number[6]] + DIGIT_OF[number[7]])
    return _date_of(2000 + year, MONTHS.index(number[8]) + 1, _day_code(number) % 40) is not None


def _problems(number: str) -> list[_Violation]:
    if len(number) == 11 and _is_digits(number):
        try:
            _cf.validate(number)
        except _StdnumError:
            return _numeric_violations("codice_fiscale", number)
        return []
    if len(number) != 16:
        return [_Violation.of("codice_fiscale.invalid_length", length=len(number))]
    try:
        _cf.validate(number)
    except _StdnumError as exc:
        reason = _reason_of(exc)
        if reason == "invalid_format":
            return [_Violation.of("codice_fiscale.invalid_format")]
        found = []
        if reason == "invalid_checksum":
            found.append(_Violation.of("codice_fiscale.invalid_checksum"))
        if not _date_ok(number):
            found.append(_Violation.of("codice_fiscale.invalid_date"))
        return found
    return [] if _date_ok(number) else [_Violation.of("codice_fiscale.invalid_date")]


def validate(value: object) -> str:
    """The compact codice fiscale, or raise :class:`~sportello.ValidationError`.

    Serves UP-1 (registration by customer code plus codice fiscale or partita IVA) and AU-1
    (registration data). Codes: ``identifiers.not_a_string``, ``identifiers.empty``,
    ``codice_fiscale.invalid_length``, ``.invalid_format``, ``.invalid_checksum``,
    ``.invalid_date``, and for the 11-digit code ``.invalid_office``.
    """
    number = compact(value)
    if not number:
        raise _ValidationError([_Violation.of("identifiers.empty")])
    found = _problems(number)
    if found:
        raise _ValidationError(found)
    return number


def is_valid(value: object) -> bool:
    """Whether ``value`` is a valid codice fiscale (UP-1); never raises, whatever ``value`` is.

    The fast path: python-stdnum's ``is_valid``, then the day-code check on valid codes only.
    """
    if not isinstance(value, str):
        return False
    try:
        if not _cf.is_valid(value):
            return False
        number = value.upper() if len(value) == 16 else ""
        if len(number) != 16:
            number = _cf.compact(value)
        return len(number) != 16 or _day_ok(number)
    except (ValueError, TypeError, KeyError, IndexError):  # pragma: no cover - defensive
        return False


def format(value: object) -> str:
    """The printed form: one upper-case block of 16 characters (or 11 digits)."""
    return compact(value)


def _birth_date(yy: int, month: int, day: int, today: dt.date) -> dt.date | None:
    century = today.year // 100 * 100
    for base in (century, century - 100, century - 200):
        born = _date_of(base + yy, month, day) if base + yy >= 1 else None
        if born is not None and born <= today:
            return born
    return None


def parse(value: object, *, today: dt.date | None = None) -> DatiCodiceFiscale:
    """Decode a person's codice fiscale (after :func:`validate`).

    The code holds only two digits of the year: the birth date is the most recent one not
    after ``today`` (default: the current UTC date), so ``85`` is 1985 and ``25`` is 2025 in 2026
    (a person born in 1925 shares the code's digits; nobody can tell them apart).

    Raises:
        ValidationError: the code is not valid, or is the 11-digit numeric code of a company
            (``codice_fiscale.not_personal``).
    """
    number = validate(value)
    if len(number) != 16:
        raise _ValidationError([_Violation.of("codice_fiscale.not_personal")])
    omocode = any(number[i] in OMOCODE_LETTERS for i in OMOCODE_POSITIONS)
    canonical = number
    if omocode:
        body = list(number[:15])
        for i in OMOCODE_POSITIONS:
            body[i] = body[i].translate(_TO_DIGITS)
        canonical = "".join(body) + str(_cf.calc_check_digit("".join(body)))
    day = int(canonical[9:11])
    when = today if today is not None else dt.datetime.now(dt.UTC).date()
    born = _birth_date(int(canonical[6:8]), MONTHS.index(canonical[8]) + 1, day % 40, when)
    if born is None:
        raise _ValidationError([_Violation.of("codice_fiscale.invalid_date")])
    return DatiCodiceFiscale(
        sesso="F" if day > 40 else "M",
        data_nascita=born,
        belfiore=canonical[11:15],
        omocode=omocode,
        canonical=canonical,
    )


def matches(
    value: object,
    *,
    nome: str,
    cognome: str,
    data_nascita: dt.date | None = None,
    sesso: str | None = None,
) -> list[_Violation]:
    """The violations between a codice fiscale and the person declared with it (UP-1, AU-1).

    Compares the surname letters (path ``cognome``), the first-name letters with the rule of
    four or more consonants (``nome``), and when given the birth date (``data_nascita``, day,
    month and the year's last two digits) and the sex (``sesso``, ``"M"``/``"F"``). Accents,
    apostrophes and spaces are ignored (``D'Amico``, ``Niccolò``, ``De Luca``, ``Zoë``).
    An invalid code returns its validation violations; an 11-digit code returns
    ``codice_fiscale.not_personal``. An empty list means the code fits.

    >>> [v.path for v in matches("RSSMRA85T10A562S", nome="Luigi", cognome="Rossi", sesso="F")]
    ['nome', 'sesso']
    """
    try:
        info = parse(value, today=_LATEST)  # only the 2-digit year is compared
    except _ValidationError as err:
        return list(err.violations)
    code = info.canonical
    found = []
    if _name_code(cognome, first_name=False) != code[0:3]:
        found.append(_Violation.of("codice_fiscale.cognome_mismatch", path="cognome"))
    if _name_code(nome, first_name=True) != code[3:6]:
        found.append(_Violation.of("codice_fiscale.nome_mismatch", path="nome"))
    if data_nascita is not None and (
        data_nascita.year % 100,
        data_nascita.month,
        data_nascita.day,
    ) != (info.data_nascita.year % 100, info.data_nascita.month, info.data_nascita.day):
        found.append(_Violation.of("codice_fiscale.data_nascita_mismatch", path="data_nascita"))
    if sesso is not None and sesso.strip().upper() != info.sesso:
        found.append(_Violation.of("codice_fiscale.sesso_mismatch", path="sesso"))
    return found
