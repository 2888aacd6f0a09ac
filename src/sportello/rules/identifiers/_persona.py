"""The person-derived parts of a codice fiscale: surname and name letters, date and sex.

Private helpers of :mod:`sportello.rules.identifiers.codice_fiscale`.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

__all__ = [
    "DIGIT_OF",
    "MONTHS",
    "OMOCODE_LETTERS",
    "OMOCODE_POSITIONS",
    "date_of",
    "letters",
    "name_code",
]

#: Letters that replace the digits 0-9 in omocodia variants (0 -> L, ..., 9 -> V).
OMOCODE_LETTERS = "LMNPQRSTUV"
#: 0-based positions whose digits may be replaced by an omocodia letter, official order of
#: substitution first (rightmost first).
OMOCODE_POSITIONS = (14, 13, 12, 10, 9, 7, 6)
#: Month letters, January first.
MONTHS = "ABCDEHLMPRST"
#: Omocodia letter or digit -> its digit.
DIGIT_OF = {**{d: d for d in "0123456789"}, **{c: str(i) for i, c in enumerate(OMOCODE_LETTERS)}}

_VOWELS = frozenset("AEIOU")
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def letters(text: str) -> str:
    """The ASCII letters of ``text``, upper case, accents removed (NFKD), the rest dropped.

    >>> letters("D'Amico"), letters("Niccolò"), letters("De Luca"), letters("Zoë")
    ('DAMICO', 'NICCOLO', 'DELUCA', 'ZOE')
    """
    decomposed = unicodedata.normalize("NFKD", text.upper())
    return "".join(c for c in decomposed if c in _ASCII_LETTERS)


def _split(text: str) -> tuple[str, str]:
    clean = letters(text)
    consonants = "".join(c for c in clean if c not in _VOWELS)
    vowels = "".join(c for c in clean if c in _VOWELS)
    return consonants, vowels


def name_code(text: str, *, first_name: bool) -> str:
    """The three letters of a surname, or of a first name (``first_name=True``).

    Consonants first, then vowels, then ``X`` padding; a first name with four or more
    consonants takes the 1st, 3rd and 4th consonant.

    >>> name_code("Rossi", first_name=False), name_code("Mario", first_name=True)
    ('RSS', 'MRA')
    >>> name_code("Gianfranco", first_name=True), name_code("Fo", first_name=False)
    ('GFR', 'FOX')
    """
    consonants, vowels = _split(text)
    if first_name and len(consonants) >= 4:
        return consonants[0] + consonants[2] + consonants[3]
    return (consonants + vowels + "XXX")[:3]


def date_of(year: int, month: int, day: int) -> dt.date | None:
    """The date, or ``None`` when it does not exist."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
