"""Codice fiscale: check, decode, compare with a person, encode (after python-stdnum's).

Two shapes are valid: the 16-character code of a person (omocodia variants accepted) and the
11-digit numeric code of companies and bodies (the same digits as a partita IVA: office code
and Luhn check digit). The shallow check is python-stdnum's (length, layout, check character,
an existing day and month), computed here without calling it so that :func:`is_valid` costs
less than stdnum's, and tested against it; sportello adds typed violations (every problem
found), the ``str`` guard and a stricter day check (day codes 32-40 and 72-99 are refused).

The place of birth is known too (:mod:`~sportello.rules.identifiers.luoghi`, ANPR's comuni and
foreign states with their history): :func:`parse` gives the birthplace and uses its history
to choose the century of the two-digit year; the deep check, ``validate(code, luoghi=True)``,
refuses a code whose place did not exist at the birth date. :func:`matches` compares a code
with the declared person (birthplace included), :func:`encode` computes a code and
:func:`omocodie` lists the 128 codes of one person.

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
>>> is_valid("MRTMTTNRDLVFNLRV"), is_valid("00743110157     "), is_valid(None)
(True, True, False)
>>> format(" rssmra85t10a562s ")
'RSSMRA85T10A562S'
>>> p = parse("MRTMTTNRDLVFNLRV", today=dt.date(2026, 1, 1))
>>> p.sesso, p.data_nascita, p.belfiore, str(p.luogo), p.omocode, p.canonical
('M', datetime.date(2025, 4, 9), 'F205', 'Milano (MI)', True, 'MRTMTT25D09F205Z')
>>> parse("MCHFDA07A01D877A", today=dt.date(2026, 1, 1)).data_nascita  # Gallico: until 1927
datetime.date(1907, 1, 1)
>>> validate("RSSMRA30A01D877I", luoghi=True, today=dt.date(2026, 1, 1))  # 1930 (or 1830)
Traceback (most recent call last):
    ...
sportello._violations.ValidationError: Il luogo di nascita del codice fiscale, Gallico (RC), \
alla data di nascita era già stato soppresso (è esistito dal 17/03/1861 al 02/08/1927).
>>> matches("RSSMRA85T10A562S", nome="Mario", cognome="Rossi", luogo="San Giuliano Terme")
[]
>>> encode(nome="Mario", cognome="Rossi", data_nascita=dt.date(1985, 12, 10), sesso="M",
...        luogo="San Giuliano Terme (PI)")
'RSSMRA85T10A562S'
>>> len(omocodie("RSSMRA85T10A562S")), omocodie("RSSMRA85T10A562S")[1]
(128, 'RSSMRA85T10A56NH')
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

import attrs
from stdnum.it import codicefiscale as _cf

from sportello._violations import ValidationError as _ValidationError
from sportello._violations import Violation as _Violation
from sportello.rules.identifiers import _cf_birth as _birth
from sportello.rules.identifiers import _cf_checks as _checks
from sportello.rules.identifiers._cf_encode import canonical as _canonical
from sportello.rules.identifiers._cf_encode import encode, omocodie
from sportello.rules.identifiers._cf_match import compare as _compare
from sportello.rules.identifiers._cf_match import decodable as _decodable
from sportello.rules.identifiers._common import ensure_str as _ensure_str
from sportello.rules.identifiers.luoghi import Luogo
from sportello.rules.identifiers.luoghi import get as _luogo_of

__all__ = [
    "DatiCodiceFiscale",
    "Luogo",
    "compact",
    "encode",
    "format",
    "is_valid",
    "matches",
    "matches_validated",
    "omocodie",
    "parse",
    "validate",
]


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
        luogo: the birthplace (comune with its province, or foreign state) as it was at the
            birth date; ``None`` when the place code is no known place.
    """

    sesso: Literal["M", "F"]
    data_nascita: dt.date = attrs.field(repr=False)
    belfiore: str
    omocode: bool
    canonical: str = attrs.field(repr=False)
    luogo: Luogo | None = None


def compact(value: object) -> str:
    """Strip spaces, dashes and colons, upper case; raise on a non-``str`` value.

    Other scripts' digits, typographic dashes and the like become ASCII, as python-stdnum's
    ``compact`` does them (fullwidth ``８５`` is ``85``). An ASCII letters-and-digits value
    (what a form usually holds) is only upper-cased: the clean-up would return the same text.
    """
    if type(value) is str and value.isascii() and value.isalnum():
        return value if value.isupper() or value.isdigit() else value.upper()
    return str(_cf.compact(_ensure_str(value)))


def validate(value: object, *, luoghi: bool = False, today: dt.date | None = None) -> str:
    """The compact codice fiscale, or raise :class:`~sportello.ValidationError`.

    Serves UP-1 (registration by customer code plus codice fiscale or partita IVA) and AU-1
    (registration data). Codes: ``identifiers.not_a_string``, ``identifiers.empty``,
    ``codice_fiscale.invalid_length``, ``.invalid_format``, ``.invalid_checksum``,
    ``.invalid_date``, and for the 11-digit code ``.invalid_office``.

    ``luoghi=True`` adds the deep check of a person's code: its place code must be a known
    comune or foreign state (``codice_fiscale.luogo_unknown``) that fits the birth date
    (``.luogo_suppressed``, ``.luogo_not_yet``, each naming the place and its dates). The
    birth date is decoded as :func:`parse` does, relative to ``today`` (default: the
    current UTC date). A numeric code has no place: the deep check leaves it alone.
    """
    number = compact(value)
    if not number:
        raise _ValidationError([_Violation.of("identifiers.empty")])
    found = _checks.problems(number)
    if not found and luoghi and len(number) == 16:
        found = _birth.place_problems(number, _birth.today_day(today))
    if found:
        raise _ValidationError(found)
    return number


def is_valid(value: object, *, luoghi: bool = False, today: dt.date | None = None) -> bool:
    """Whether ``value`` is a valid codice fiscale (UP-1); never raises, whatever ``value`` is.

    Always the same answer as "``validate(value, ...)`` does not raise", on a faster path:
    no violation is built. ``luoghi=True`` adds the deep check (see :func:`validate`).
    """
    if type(value) is str and len(value) == 16 and value.isascii() and value.isalnum():
        number = value if value.isupper() else value.upper()
    else:
        try:
            number = compact(value)
        except _ValidationError:
            return False
    if not _checks.is_ok(number):
        return False
    if luoghi and len(number) == 16:
        return _birth.fits(number, _birth.today_day(today))
    return True


def format(value: object) -> str:
    """The printed form: one upper-case block of 16 characters (or 11 digits)."""
    return compact(value)


def parse(
    value: object, *, today: dt.date | None = None, luoghi: bool = False
) -> DatiCodiceFiscale:
    """Decode a person's codice fiscale (after :func:`validate`, deep with ``luoghi=True``).

    The code holds only two digits of the year: the birth date is the most recent one not
    after ``today`` (default: the current UTC date), so ``85`` is 1985 and ``25`` is 2025 in
    2026, unless the place's history says otherwise: when the place did not exist at the
    most recent date but did a century earlier, the earlier one (a comune suppressed in 1927
    and ``07``: 1907). Otherwise a person born in 1925 shares the digits of one born in 2025,
    and nobody can tell them apart.

    Raises:
        ValidationError: the code is not valid, or is the 11-digit numeric code of a company
            (``codice_fiscale.not_personal``).
    """
    number = validate(value, luoghi=luoghi, today=today)
    if len(number) != 16:
        raise _ValidationError([_Violation.of("codice_fiscale.not_personal")])
    day = _birth.born(number, _birth.today_day(today))
    if not day:
        raise _ValidationError([_Violation.of("codice_fiscale.invalid_date")])
    born = _birth.day_of(day)
    code = _birth.belfiore(number)
    canonical = _canonical(number)
    return DatiCodiceFiscale(
        sesso="F" if _checks.day_code(number) > 40 else "M",
        data_nascita=born,
        belfiore=code,
        omocode=canonical != number,
        canonical=canonical,
        luogo=_luogo_of(code, data=born),
    )


def matches(
    value: object,
    *,
    nome: str,
    cognome: str,
    data_nascita: dt.date | None = None,
    sesso: str | None = None,
    luogo: str | Luogo | None = None,
) -> list[_Violation]:
    """The violations between a codice fiscale and the person declared with it (UP-1, AU-1).

    Compares the surname letters (path ``cognome``), the first-name letters with the rule of
    four or more consonants (``nome``), and when given the birth date (``data_nascita``, day,
    month and the year's last two digits), the sex (``sesso``, ``"M"``/``"F"``) and the
    birthplace (``luogo``: a name as :func:`~sportello.rules.identifiers.luoghi.lookup` takes
    it, ``"Paternò (CT)"``, a Belfiore code or a
    :class:`~sportello.rules.identifiers.luoghi.Luogo`; it fits when it names the code's own
    place under any of its names; a name shared by several places fits when one of them is
    the code's). Accents, apostrophes and spaces are ignored (``D'Amico``, ``Niccolò``,
    ``De Luca``); Ä, Ö, Ü, Æ, Œ count as two letters (``Öz`` is ``OEZ``).
    An invalid code returns its validation violations; an 11-digit code returns
    ``codice_fiscale.not_personal``; a birthplace that names no place returns the
    :mod:`~sportello.rules.identifiers.luoghi` violation at path ``luogo``. An empty list
    means the code fits.

    >>> [v.path for v in matches("RSSMRA85T10A562S", nome="Luigi", cognome="Rossi", sesso="F")]
    ['nome', 'sesso']
    """
    try:
        number = validate(value)
    except _ValidationError as err:
        return list(err.violations)
    if len(number) != 16:
        return [_Violation.of("codice_fiscale.not_personal")]
    return _compare(
        number, nome=nome, cognome=cognome, data_nascita=data_nascita, sesso=sesso, luogo=luogo
    )


def matches_validated(
    number: str,
    *,
    nome: str,
    cognome: str,
    data_nascita: dt.date | None = None,
    sesso: str | None = None,
    luogo: str | Luogo | None = None,
) -> list[_Violation]:
    """:func:`matches` for a code that :func:`validate` already returned (UP-1, AU-1).

    The forms validate the field first, then compare it with the person: this skips the second
    validation (compaction and the check). A value that is not such a code (not 16 upper-case
    characters that decode) falls back to :func:`matches`, so the result is the same as
    :func:`matches` for every input that :func:`validate` returns unchanged.

    >>> [v.path for v in matches_validated("RSSMRA85T10A562S", nome="Mario", cognome="Bianchi")]
    ['cognome']
    """
    if not _decodable(number):
        return matches(
            number,
            nome=nome,
            cognome=cognome,
            data_nascita=data_nascita,
            sesso=sesso,
            luogo=luogo,
        )
    return _compare(
        number, nome=nome, cognome=cognome, data_nascita=data_nascita, sesso=sesso, luogo=luogo
    )


def __dir__() -> list[str]:
    """Only the public names (``__all__``), not the imports."""
    return list(__all__)  # pragma: no mutate (not a rule: tests/test_public_api.py)
