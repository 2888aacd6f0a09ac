"""Codice fiscale: matches and its fast path for validated codes (matches_validated).

RSSMRA85T10A562S is the textbook example (Mario Rossi, 10/12/1985, San Giuliano Terme);
the other values are that code cut, lengthened, lower-cased or with a letter for a digit.
"""

import datetime as dt

import pytest

from sportello.rules.identifiers import codice_fiscale as cf

CODE = "RSSMRA85T10A562S"


@pytest.mark.parametrize(
    ("born", "fits"),
    [
        (dt.date(1985, 12, 10), True),
        (dt.date(1885, 12, 10), True),  # only the year's last two digits are in the code
        (dt.date(1986, 12, 10), False),  # the year alone is wrong
        (dt.date(1985, 11, 10), False),  # the month alone is wrong
        (dt.date(1985, 12, 11), False),  # the day alone is wrong
        (dt.date(1986, 11, 10), False),
    ],
)
def test_every_part_of_the_birth_date_is_compared(born: dt.date, fits: bool) -> None:
    """A birth date fits only when day, month and the year's last two digits all do (UP-1)."""
    found = cf.matches(CODE, nome="Mario", cognome="Rossi", data_nascita=born)
    assert [(v.code, v.path) for v in found] == (
        [] if fits else [("codice_fiscale.data_nascita_mismatch", "data_nascita")]
    )
    assert cf.matches_validated(CODE, nome="Mario", cognome="Rossi", data_nascita=born) == found


@pytest.mark.parametrize(
    ("value", "codes"),
    [
        ("RSSMRA85T10A562", ["codice_fiscale.invalid_length"]),  # 15 characters
        ("RSSMRA85T10A562SX", ["codice_fiscale.invalid_length"]),  # 17 characters
        ("rssmra85T10A562S", []),  # lower case: matches upper-cases it
        ("RSSMRAX5T10A562S", ["codice_fiscale.invalid_format"]),  # a letter in the year
        ("RSSMRA8XT10A562S", ["codice_fiscale.invalid_format"]),
        ("RSSMRA85T32A562Y", ["codice_fiscale.invalid_date"]),  # no day 32
        ("00484960588", ["codice_fiscale.not_personal"]),  # Eni S.p.A.
    ],
)
def test_matches_validated_falls_back_on_what_it_cannot_decode(
    value: str, codes: list[str]
) -> None:
    """A value that is not a decodable 16-character code gets matches' answer, not a guess."""
    found = cf.matches_validated(value, nome="Mario", cognome="Rossi")
    assert [v.code for v in found] == codes
    assert found == cf.matches(value, nome="Mario", cognome="Rossi")


def test_matches_validated_compares_a_decodable_code() -> None:
    """On a validated code the fast path names the same mismatches as matches (UP-1)."""
    found = cf.matches_validated(
        CODE, nome="Luigi", cognome="Rossi", data_nascita=dt.date(1985, 12, 10), sesso="F"
    )
    assert [(v.code, v.path) for v in found] == [
        ("codice_fiscale.nome_mismatch", "nome"),
        ("codice_fiscale.sesso_mismatch", "sesso"),
    ]
    assert cf.matches_validated("CNTCHR83T41D969D", nome="Chiara", cognome="Conte", sesso="f") == []


def test_matches_validated_passes_every_field_to_its_fall_back() -> None:
    """A lower-case code takes matches' path with the date, sex and birthplace (UP-1)."""
    found = cf.matches_validated(
        "rssmra85t10a562s",
        nome="Mario",
        cognome="Rossi",
        data_nascita=dt.date(1986, 12, 10),
        sesso="F",
        luogo="Roma",
    )
    assert [(v.code, v.path) for v in found] == [
        ("codice_fiscale.data_nascita_mismatch", "data_nascita"),
        ("codice_fiscale.sesso_mismatch", "sesso"),
        ("codice_fiscale.luogo_mismatch", "luogo"),
    ]
    fits = cf.matches_validated(
        "rssmra85t10a562s",
        nome="Mario",
        cognome="Rossi",
        data_nascita=dt.date(1985, 12, 10),
        sesso="M",
        luogo="San Giuliano Terme",
    )
    assert fits == []
