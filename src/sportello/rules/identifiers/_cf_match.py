"""The comparison of a codice fiscale with the person declared with it (``matches``).

Private helpers of :mod:`sportello.rules.identifiers.codice_fiscale`.
"""

from __future__ import annotations

import datetime as dt

from sportello._violations import ValidationError, Violation
from sportello.rules.identifiers import luoghi
from sportello.rules.identifiers._cf_birth import belfiore
from sportello.rules.identifiers._cf_checks import date_ok, day_code, year_code
from sportello.rules.identifiers._common import ensure_str
from sportello.rules.identifiers._persona import DIGIT_OF, MONTHS, name_code

__all__ = ["compare", "decodable", "place_mismatch"]


def decodable(number: str) -> bool:
    """Whether ``number`` has a person's layout where :func:`compare` reads it.

    Sixteen upper-case characters whose year, month and day codes make an existing date.
    """
    return (
        len(number) == 16
        and number.isupper()
        and number[6] in DIGIT_OF
        and number[7] in DIGIT_OF
        and date_ok(number)
    )


def place_mismatch(number: str, luogo: str | luoghi.Luogo) -> list[Violation]:
    """The violation when the declared birthplace is not the code's place (path ``luogo``)."""
    if isinstance(luogo, luoghi.Luogo):
        declared = {luogo.belfiore}
    else:
        text = ensure_str(luogo)
        code = luoghi.compact(text)
        if luoghi.is_valid(code):
            declared = {code}
        else:
            try:
                declared = set(luoghi.candidates(text))
            except ValidationError as err:
                return [v.at("luogo") for v in err.violations]
    if belfiore(number) in declared:
        return []
    return [Violation.of("codice_fiscale.luogo_mismatch", path="luogo")]


def compare(
    number: str,
    *,
    nome: str,
    cognome: str,
    data_nascita: dt.date | None,
    sesso: str | None,
    luogo: str | luoghi.Luogo | None,
) -> list[Violation]:
    """The mismatches between a valid person's code and the declared person (UP-1)."""
    found = []
    # the name letters are never omocodia digits: the code's own letters are compared
    if name_code(cognome, first_name=False) != number[0:3]:
        found.append(Violation.of("codice_fiscale.cognome_mismatch", path="cognome"))
    if name_code(nome, first_name=True) != number[3:6]:
        found.append(Violation.of("codice_fiscale.nome_mismatch", path="nome"))
    day = day_code(number)
    if data_nascita is not None and (
        data_nascita.day != day % 40
        or data_nascita.month != MONTHS.index(number[8]) + 1
        or data_nascita.year % 100 != year_code(number)
    ):
        found.append(Violation.of("codice_fiscale.data_nascita_mismatch", path="data_nascita"))
    if sesso is not None and sesso.strip().upper() != ("F" if day > 40 else "M"):
        found.append(Violation.of("codice_fiscale.sesso_mismatch", path="sesso"))
    if luogo is not None:
        found += place_mismatch(number, luogo)
    return found
