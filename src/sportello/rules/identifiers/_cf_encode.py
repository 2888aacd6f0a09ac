"""Computing a codice fiscale: :func:`encode` from a person, :func:`omocodie` from a code.

Re-exported by :mod:`sportello.rules.identifiers.codice_fiscale`.
"""

from __future__ import annotations

import datetime as dt
import itertools

from sportello._violations import ValidationError, Violation
from sportello.rules.identifiers import luoghi
from sportello.rules.identifiers._cf_checks import check_character
from sportello.rules.identifiers._persona import (
    MONTHS,
    OMOCODE_LETTERS,
    OMOCODE_POSITIONS,
    letters,
    name_code,
)

__all__ = ["canonical", "encode", "omocodie"]

_TO_DIGITS = str.maketrans(OMOCODE_LETTERS, "0123456789")
_TO_LETTERS = str.maketrans("0123456789", OMOCODE_LETTERS)
#: The digit positions replaced in each of the 128 codes of a person, in :func:`omocodie`'s
#: order: by how many, then the rightmost first (so the official variants come first).
_SUBSTITUTIONS = tuple(
    combo
    for n in range(len(OMOCODE_POSITIONS) + 1)
    for combo in itertools.combinations(OMOCODE_POSITIONS, n)
)


def canonical(number: str) -> str:
    """A valid 16-character code with its omocodia letters turned back, check recomputed."""
    if number[6:8].isdigit() and number[9:11].isdigit() and number[12:15].isdigit():
        return number
    body = list(number[:15])
    for i in OMOCODE_POSITIONS:
        body[i] = body[i].translate(_TO_DIGITS)
    text = "".join(body)
    return text + check_character(text)


def encode(
    *,
    nome: str,
    cognome: str,
    data_nascita: dt.date,
    sesso: str,
    luogo: str | luoghi.Luogo,
) -> str:
    """The codice fiscale of a person, or raise :class:`~sportello.ValidationError`.

    ``luogo`` is the birthplace: a name (``"Paternò"``, with its province when several
    places share it, ``"Paterno (PZ)"``), a foreign state (``"Marocco"``), a Belfiore code
    (``"G371"``) or a :class:`~sportello.rules.identifiers.luoghi.Luogo`; it must fit the
    birth date (see :mod:`~sportello.rules.identifiers.luoghi`), and when several places of
    the name fit, the one that existed at the date is taken. ``sesso`` is ``"M"`` or ``"F"``.
    The arguments are keyword-only: ``nome`` and ``cognome`` are easily swapped.

    The result is the canonical code; the Agenzia delle Entrate may have given the person an
    omocodia variant instead (:func:`omocodie` lists them all). Every problem is reported
    at once, with paths ``nome``, ``cognome``, ``data_nascita``, ``sesso``, ``luogo``.

    >>> encode(nome="Saad", cognome="Ait Hadda", data_nascita=dt.date(1995, 9, 8), sesso="M",
    ...        luogo="Marocco")
    'THDSDA95P08Z330H'
    """
    found: list[Violation] = []
    codes = []
    # the arguments are typed, but a form may hand over anything: each is checked as object
    names: tuple[tuple[str, object, bool], ...] = (
        ("cognome", cognome, False),
        ("nome", nome, True),
    )
    for path, text, first in names:
        if not isinstance(text, str) or not letters(text):
            found.append(Violation.of("codice_fiscale.no_letters", path=path))
        else:
            codes.append(name_code(text, first_name=first))
    given_sesso: object = sesso
    kind = given_sesso.strip().upper() if isinstance(given_sesso, str) else ""
    if kind not in ("M", "F"):
        found.append(Violation.of("codice_fiscale.invalid_sesso", path="sesso"))
    given_date: object = data_nascita
    born = given_date if isinstance(given_date, dt.date) else None
    place = None
    if born is None:
        found.append(Violation.of("codice_fiscale.invalid_date", path="data_nascita"))
    else:
        try:
            place = luoghi.resolve(luogo, data=born)
        except ValidationError as err:
            found += [v.at("luogo") for v in err.violations]
    if found or place is None or born is None:
        raise ValidationError(found)
    day = born.day + (40 if kind == "F" else 0)
    body = f"{codes[0]}{codes[1]}{born.year % 100:02d}{MONTHS[born.month - 1]}{day:02d}"
    body += place.belfiore
    return body + check_character(body)


def omocodie(value: object) -> tuple[str, ...]:
    """All 128 codes of the person a code belongs to, the canonical one first.

    Any of the seven digits of a code (year, day, place) may be replaced by a letter (0 -> L,
    ..., 9 -> V) when two persons would share a code; the Agenzia delle Entrate replaces from
    the right. The order: by the number of replaced digits, then the rightmost first
    (python-codicefiscale's order), so that the official variant with ``n`` digits replaced
    is the first of those with ``n``. Every code of the tuple validates, and any of them
    gives the same tuple.

    Raises:
        ValidationError: an invalid code, or an 11-digit one (``codice_fiscale.not_personal``).

    >>> omocodie("MRTMTT25D09F205Z")[:3], omocodie("MRTMTTNRDLVFNLRV")[-1]
    (('MRTMTT25D09F205Z', 'MRTMTT25D09F20RU', 'MRTMTT25D09F2L5K'), 'MRTMTTNRDLVFNLRV')
    """
    from sportello.rules.identifiers.codice_fiscale import validate

    number = validate(value)
    if len(number) != 16:
        raise ValidationError([Violation.of("codice_fiscale.not_personal")])
    base = list(canonical(number)[:15])
    found = []
    for positions in _SUBSTITUTIONS:
        body = base.copy()
        for i in positions:
            body[i] = body[i].translate(_TO_LETTERS)
        text = "".join(body)
        found.append(text + check_character(text))
    return tuple(found)
