"""The person-derived parts of a codice fiscale: surname and name letters, date and sex.

Private helpers of :mod:`sportello.rules.identifiers.codice_fiscale`. The letters of a name
follow the Agenzia delle Entrate's transliteration (circolare 34/E of 2011: Ä, Ö, Ü become AE,
OE, UE; Æ and Œ become AE and OE), then lose their accents; the Latin letters that the
circolare does not name and that have no decomposition (Ø, Ł, Đ, Ð, Þ, Ħ, Ŧ, Ŋ) follow the
ICAO 9303 transliteration of passports (see :data:`TRANSLITERATION`).
"""

from __future__ import annotations

import datetime as dt
import unicodedata

__all__ = [
    "DIGIT_OF",
    "MONTHS",
    "OMOCODE_LETTERS",
    "OMOCODE_POSITIONS",
    "TRANSLITERATION",
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

_VOWELS = "AEIOU"
_ASCII_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#: str.translate tables: drop every ASCII character but the upper-case letters; drop the vowels;
#: drop the consonants.
_ONLY_LETTERS = str.maketrans(
    "", "", "".join(c for c in map(chr, range(128)) if c not in _ASCII_LETTERS)
)
_NO_VOWELS = str.maketrans("", "", _VOWELS)
#: Upper-case letters spelled with two letters, or with a letter NFKD cannot reach. The first
#: five are the circolare's; Ø follows Ö (it is the same vowel in Danish and Norwegian) and
#: the rest are ICAO 9303's (Machine Readable Travel Documents, part 3), as on a passport.
TRANSLITERATION: dict[str, str] = {
    "Ä": "AE",
    "Ö": "OE",
    "Ü": "UE",
    "Æ": "AE",
    "Œ": "OE",
    "Ø": "OE",
    "Ł": "L",
    "Đ": "D",
    "Ð": "D",
    "Þ": "TH",
    "Ħ": "H",
    "Ŧ": "T",
    "Ŋ": "N",
    "ẞ": "SS",  # the capital sharp s (str.upper turns ß into SS already)
}
_TRANSLITERATE = str.maketrans(TRANSLITERATION)
_NO_CONSONANTS = str.maketrans("", "", "".join(c for c in _ASCII_LETTERS if c not in _VOWELS))


def letters(text: str) -> str:
    """The ASCII letters of ``text``, upper case, transliterated, the rest dropped.

    Ä, Ö, Ü, Æ, Œ (and Ø) take two letters, other accents are dropped (NFKD):

    >>> letters("D'Amico"), letters("Niccolò"), letters("De Luca"), letters("Zoë")
    ('DAMICO', 'NICCOLO', 'DELUCA', 'ZOE')
    >>> letters("Öz"), letters("Müller"), letters("Cæsar"), letters("Łukasz"), letters("Þór")
    ('OEZ', 'MUELLER', 'CAESAR', 'LUKASZ', 'THOR')
    """
    upper = text.upper()
    if not upper.isascii():
        # compose first, so that "O" + combining diaeresis is the Ö of the table
        composed = unicodedata.normalize("NFC", upper).translate(_TRANSLITERATE)
        decomposed = unicodedata.normalize("NFKD", composed)
        upper = "".join(c for c in decomposed if c.isascii()).upper()
    return upper.translate(_ONLY_LETTERS)


def name_code(text: str, *, first_name: bool) -> str:
    """The three letters of a surname, or of a first name (``first_name=True``).

    Consonants first, then vowels, then ``X`` padding; a first name with four or more
    consonants takes the 1st, 3rd and 4th consonant.

    >>> name_code("Rossi", first_name=False), name_code("Mario", first_name=True)
    ('RSS', 'MRA')
    >>> name_code("Gianfranco", first_name=True), name_code("Fo", first_name=False)
    ('GFR', 'FOX')
    """
    upper = text.upper()  # letters(text), its ASCII case inlined
    clean = upper.translate(_ONLY_LETTERS) if upper.isascii() else letters(text)
    consonants = clean.translate(_NO_VOWELS)
    if len(consonants) >= 3:
        if first_name and len(consonants) >= 4:
            return consonants[0] + consonants[2] + consonants[3]
        return consonants[:3]
    return (consonants + clean.translate(_NO_CONSONANTS) + "XXX")[:3]


def date_of(year: int, month: int, day: int) -> dt.date | None:
    """The date, or ``None`` when it does not exist."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
