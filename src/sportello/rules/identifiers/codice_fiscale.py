"""Codice fiscale (built on :mod:`stdnum.it.codicefiscale`).

Two shapes are valid: the 16-character code of a person (omocodia variants accepted) and the
11-digit numeric code of companies and bodies (the same digits as a partita IVA: office code
and Luhn check digit). python-stdnum checks length, layout, check character and that the day
and month exist; sportello adds typed violations (every problem found), the ``str`` guard, a
stricter day check (day codes 32-40 and 72-99 are refused), :func:`parse` (sex, birth date,
place code, omocodia) and :func:`matches` (does the code fit the declared person?), with
:func:`matches_validated` for a code already validated (the forms validate the field first).

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
import functools
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
    "matches_validated",
    "parse",
    "validate",
]

_TO_DIGITS = str.maketrans(OMOCODE_LETTERS, "0123456789")
_OMOCODE_SET = frozenset(OMOCODE_LETTERS)
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
    """Strip spaces, dashes and colons, upper case; raise on a non-``str`` value.

    An ASCII letters-and-digits value (what a form usually holds) is only upper-cased: python-
    stdnum's clean-up would return the same text, at several times the cost.
    """
    if type(value) is str and value.isascii() and value.isalnum():
        return value if value.isupper() or value.isdigit() else value.upper()
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


def _date_ok(number: str) -> bool:
    """Whether day code and date exist (2000 + yy and 1900 + yy share leap years but 1900)."""
    found = _date_codes().get(number[8:11], 0)
    if found == 2:
        return int(DIGIT_OF[number[6]] + DIGIT_OF[number[7]]) % 4 == 0
    return found == 1


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
    return _decode(number, today if today is not None else dt.datetime.now(dt.UTC).date())


def _parts(number: str, today: dt.date) -> tuple[Literal["M", "F"], dt.date, str, bool]:
    """Sex, birth date, canonical code and omocodia of a code :func:`validate` returned."""
    omocode = not _OMOCODE_SET.isdisjoint(number[6:8] + number[9:11] + number[12:15])
    canonical = number
    if omocode:
        body = list(number[:15])
        for i in OMOCODE_POSITIONS:
            body[i] = body[i].translate(_TO_DIGITS)
        canonical = "".join(body) + str(_cf.calc_check_digit("".join(body)))
    day = int(canonical[9:11])
    born = _birth_date(int(canonical[6:8]), MONTHS.index(canonical[8]) + 1, day % 40, today)
    if born is None:
        raise _ValidationError([_Violation.of("codice_fiscale.invalid_date")])
    return ("F" if day > 40 else "M"), born, canonical, omocode


def _decode(number: str, today: dt.date) -> DatiCodiceFiscale:
    """:func:`parse` of a 16-character code that :func:`validate` already returned."""
    sesso, born, canonical, omocode = _parts(number, today)
    return DatiCodiceFiscale(
        sesso=sesso,
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
    return _compare(
        info.canonical,
        info.sesso,
        info.data_nascita,
        nome=nome,
        cognome=cognome,
        data_nascita=data_nascita,
        sesso=sesso,
    )


def matches_validated(
    number: str,
    *,
    nome: str,
    cognome: str,
    data_nascita: dt.date | None = None,
    sesso: str | None = None,
) -> list[_Violation]:
    """:func:`matches` for a code that :func:`validate` already returned (UP-1, AU-1).

    The forms validate the field first, then compare it with the person: this skips the second
    validation (compaction and python-stdnum's check). A value that is not such a code (not
    16 upper-case characters that decode) falls back to :func:`matches`, so the result is the
    same as :func:`matches` for every input that :func:`validate` returns unchanged.

    >>> [v.path for v in matches_validated("RSSMRA85T10A562S", nome="Mario", cognome="Bianchi")]
    ['cognome']
    """
    if not _decodable(number):
        return matches(number, nome=nome, cognome=cognome, data_nascita=data_nascita, sesso=sesso)
    found = []
    # the name letters are never omocodia digits: the code's own letters are compared
    if _name_code(cognome, first_name=False) != number[0:3]:
        found.append(_Violation.of("codice_fiscale.cognome_mismatch", path="cognome"))
    if _name_code(nome, first_name=True) != number[3:6]:
        found.append(_Violation.of("codice_fiscale.nome_mismatch", path="nome"))
    day = _day_code(number)
    if data_nascita is not None and (
        data_nascita.day != day % 40
        or data_nascita.month != MONTHS.index(number[8]) + 1
        or data_nascita.year % 100 != int(DIGIT_OF[number[6]] + DIGIT_OF[number[7]])
    ):
        found.append(_Violation.of("codice_fiscale.data_nascita_mismatch", path="data_nascita"))
    if sesso is not None and sesso.strip().upper() != ("F" if day > 40 else "M"):
        found.append(_Violation.of("codice_fiscale.sesso_mismatch", path="sesso"))
    return found


def _decodable(number: str) -> bool:
    """Whether ``number`` has a person's layout where :func:`matches_validated` reads it.

    Sixteen upper-case characters whose year, month and day codes make an existing date (in
    2000 + yy, the century :func:`matches` decodes with).
    """
    return (
        len(number) == 16
        and number.isupper()
        and number[6] in DIGIT_OF
        and number[7] in DIGIT_OF
        and _date_ok(number)
    )


def _compare(
    code: str,
    code_sesso: str,
    born: dt.date,
    *,
    nome: str,
    cognome: str,
    data_nascita: dt.date | None,
    sesso: str | None,
) -> list[_Violation]:
    """The mismatches between a decoded code and the declared person (see :func:`matches`)."""
    found = []
    if _name_code(cognome, first_name=False) != code[0:3]:
        found.append(_Violation.of("codice_fiscale.cognome_mismatch", path="cognome"))
    if _name_code(nome, first_name=True) != code[3:6]:
        found.append(_Violation.of("codice_fiscale.nome_mismatch", path="nome"))
    if data_nascita is not None and (
        data_nascita.year % 100,
        data_nascita.month,
        data_nascita.day,
    ) != (born.year % 100, born.month, born.day):
        found.append(_Violation.of("codice_fiscale.data_nascita_mismatch", path="data_nascita"))
    if sesso is not None and sesso.strip().upper() != code_sesso:
        found.append(_Violation.of("codice_fiscale.sesso_mismatch", path="sesso"))
    return found


def __dir__() -> list[str]:
    """Only the public names (``__all__``), not the imports."""
    return list(__all__)
