"""Codice fiscale: real codes, violations, parse, matches and Hypothesis properties."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.it import codicefiscale as stdnum_cf

from sportello import ValidationError
from sportello.rules.identifiers import codice_fiscale as cf
from sportello.testing.strategies import (
    codici_fiscali,
    codici_fiscali_invalidi,
    codici_fiscali_numerici,
    omocode_variants,
)

#: Published example codes (Wikipedia, python-stdnum's docs, the Agenzia delle Entrate's
#: omocodia example) and real numeric codes of public bodies and companies.
VALID = [
    "RSSMRA85T10A562S",  # Mario Rossi, the textbook example
    "MRTMTT25D09F205Z",  # Matteo Moretti, Milano (F205)
    "MRTMTT25D09F20RU",  # its first omocodia variant
    "MRTMTTNRDLVFNLRV",  # its last omocodia variant (all seven digits replaced)
    "RCCMNL83S18D969H",  # python-stdnum's example, Genova (D969)
    "CNTCHR83T41D969D",  # python-stdnum's example, a woman (day 01 + 40)
    "RSSMRA84B29A562Y",  # 29 February of a leap year
    "RSSMRA00B29A562C",  # 29 February 2000
    "00484960588",  # Eni S.p.A.
    "00811720580",  # Enel S.p.A.
    "06363391001",  # Agenzia delle Entrate
    "97190020152",  # ARERA
]

INVALID = [
    ("RSSMRA85T10A562T", ("codice_fiscale.invalid_checksum",)),
    ("RSSMRA85T10A562", ("codice_fiscale.invalid_length",)),
    ("RSSMRA85T1OA562S", ("codice_fiscale.invalid_format",)),  # letter O for zero
    ("RSSMRA85T32A562Y", ("codice_fiscale.invalid_date",)),  # day 32: no such day code
    ("RSSMRA85T85A562L", ("codice_fiscale.invalid_date",)),  # day 85: stdnum takes it as 5
    ("RSSMRA85B29A562Z", ("codice_fiscale.invalid_date",)),  # 29 February 1985
    ("RSSMRA85B30A562X", ("codice_fiscale.invalid_checksum", "codice_fiscale.invalid_date")),
    ("00743110158", ("codice_fiscale.invalid_checksum",)),
    ("12345678903", ("codice_fiscale.invalid_office",)),
    ("00000000000", ("codice_fiscale.invalid_format", "codice_fiscale.invalid_office")),
    ("", ("identifiers.empty",)),
]


@pytest.mark.parametrize("code", VALID)
def test_published_codes_are_valid(code: str) -> None:
    """Published codici fiscali validate, as python-stdnum agrees (rule: UP-1)."""
    assert stdnum_cf.is_valid(code)
    assert cf.validate(code) == code
    assert cf.is_valid(code)


@pytest.mark.parametrize(("code", "codes"), INVALID)
def test_invalid_codes_name_every_problem(code: str, codes: tuple[str, ...]) -> None:
    """A broken code raises every violation it has, with the right codes."""
    with pytest.raises(ValidationError) as info:
        cf.validate(code)
    assert info.value.codes == codes
    assert not cf.is_valid(code)


def test_violations_never_quote_the_code() -> None:
    """The code is personal data: it appears neither in the messages nor in the params."""
    with pytest.raises(ValidationError) as info:
        cf.validate("RSSMRA85B30A562X")
    assert "RSSMRA" not in str(info.value) + repr(info.value)
    assert all(not v.params for v in info.value.violations)
    assert "RSSMRA" not in repr(cf.parse("RSSMRA85T10A562S"))


def test_compact_ignores_case_and_separators() -> None:
    """Spaces, dashes and case do not matter; format prints one upper-case block."""
    assert cf.compact(" rss-mra 85t10:a562s ") == "RSSMRA85T10A562S"
    assert cf.format(cf.validate("rssmra85t10a562s")) == "RSSMRA85T10A562S"


def test_parse_decodes_sex_date_and_place() -> None:
    """parse gives sex, birth date, place code and place, omocodia of a woman's code."""
    info = cf.parse("CNTCHR83T41D969D", today=dt.date(2026, 1, 1))
    assert (info.sesso, info.data_nascita, info.belfiore, info.omocode) == (
        "F",
        dt.date(1983, 12, 1),
        "D969",
        False,
    )
    assert info.canonical == "CNTCHR83T41D969D"
    assert info.luogo is not None
    assert (info.luogo.nome, info.luogo.provincia) == ("Genova", "GE")


@pytest.mark.parametrize(
    ("today", "year"),
    [(dt.date(2026, 1, 1), 2025), (dt.date(2025, 4, 9), 2025), (dt.date(2025, 4, 8), 1925)],
)
def test_parse_century_is_the_most_recent_past(today: dt.date, year: int) -> None:
    """A two-digit year is the most recent birth date not after today."""
    assert cf.parse("MRTMTT25D09F205Z", today=today).data_nascita == dt.date(year, 4, 9)


def test_parse_undoes_omocodia() -> None:
    """An omocodia variant parses to its canonical code, place code de-omocoded."""
    info = cf.parse("MRTMTTNRDLVFNLRV")
    assert info.omocode
    assert info.canonical == "MRTMTT25D09F205Z"
    assert info.belfiore == "F205"


def test_parse_refuses_numeric_code() -> None:
    """The 11-digit code of a company is not a person's: parse says so."""
    with pytest.raises(ValidationError) as info:
        cf.parse("00484960588")
    assert info.value.codes == ("codice_fiscale.not_personal",)


#: Padded, fullwidth and separated forms of valid codes: validate takes them, so is_valid must.
#: The first is an 11-digit code as a CHAR(16) column stores it; the second has fullwidth
#: digits (as typed on a Japanese keyboard); python-stdnum's compact turns both into ASCII.
ODD_BUT_VALID = [
    "00743110157     ",
    "RSSMRA\uff18\uff15T\uff11\uff10A\uff15\uff16\uff12S",
    "     00484960588",
    "rssmra85t10a562s",
    "RSS-MRA-85T10-A562S",
    "\uff10\uff10\uff17\uff14\uff13\uff11\uff11\uff10\uff11\uff15\uff17",
]


@pytest.mark.parametrize("value", ODD_BUT_VALID)
def test_is_valid_takes_what_validate_takes(value: str) -> None:
    """Padded (CHAR(16)) and fullwidth codes: is_valid agrees with validate (issue 18 bug)."""
    assert cf.validate(value) == cf.compact(value)
    assert cf.is_valid(value)
    assert cf.is_valid(value, luoghi=True, today=dt.date(2026, 1, 1))


def _variants(code: str) -> st.SearchStrategy[str]:
    """Forms of ``code`` a user or a database may hand over, most still valid."""
    fullwidth = str.maketrans("0123456789", "".join(chr(0xFF10 + d) for d in range(10)))
    return st.sampled_from(
        [
            code,
            code.lower(),
            code.ljust(16),
            code.rjust(16),
            f" {code} ",
            code.translate(fullwidth),
            "-".join(code),
            code[:-1],
            code + "X",
            code[:8] + "Z" + code[9:],
            "\u200b" + code,
        ]
    )


@given(
    st.one_of(
        st.text(max_size=20),
        st.one_of(codici_fiscali(), codici_fiscali_numerici(), codici_fiscali_invalidi()).flatmap(
            _variants
        ),
    ),
    st.booleans(),
)
def test_is_valid_is_validate_not_raising(value: str, luoghi: bool) -> None:
    """is_valid(x) equals "validate(x) does not raise", shallow and deep, for any input."""
    today = dt.date(2026, 1, 1)
    try:
        cf.validate(value, luoghi=luoghi, today=today)
    except ValidationError:
        assert not cf.is_valid(value, luoghi=luoghi, today=today)
    else:
        assert cf.is_valid(value, luoghi=luoghi, today=today)


@given(st.one_of(codici_fiscali(), codici_fiscali_invalidi(), codici_fiscali_numerici()))
def test_shallow_check_agrees_with_python_stdnum(code: str) -> None:
    """The shallow check is stdnum's (computed without it), day codes 72-99 aside."""
    ours, theirs = cf.is_valid(code), bool(stdnum_cf.is_valid(code))
    assert ours == theirs or (theirs and not ours and len(code) == 16)


@pytest.mark.parametrize(
    ("nome", "cognome", "sesso"),
    [
        ("Amelia", "D'Amico", "F"),
        ("Niccolò", "De Luca", "M"),
        ("Zoë", "Mancini", "F"),
        ("Gianfranco", "Fo", "M"),
    ],
)
def test_matches_handles_accents_and_apostrophes(nome: str, cognome: str, sesso: str) -> None:
    """A code built from names with accents, apostrophes and spaces matches them (rule: UP-1)."""
    from sportello.rules.identifiers._persona import name_code

    body = f"{name_code(cognome, first_name=False)}{name_code(nome, first_name=True)}"
    body += "90A" + ("41" if sesso == "F" else "01") + "H501"
    code = body + stdnum_cf.calc_check_digit(body)
    assert cf.matches(code, nome=nome, cognome=cognome, sesso=sesso) == []
    assert cf.matches(code, nome=nome, cognome=cognome, data_nascita=dt.date(1990, 1, 1)) == []


@pytest.mark.parametrize(
    ("name", "letters"),
    [
        ("Öz", "ZOE"),  # Ö is OE (circolare 34/E of 2011): was ZOX when Ö folded to O
        ("Müller", "MLL"),
        ("Ünal", "NLU"),
        ("Bär", "BRA"),
        ("Æbelø", "BLA"),  # Æ is AE; Ø follows Ö (OE)
        ("Cœur", "CRO"),
        ("Łoś", "LSO"),  # Ł is L (ICAO 9303), ś loses its accent
        ("Đokić", "DKC"),
        ("Þór", "THR"),
        ("O\u0308z", "ZOE"),  # O + combining diaeresis is Ö too
    ],
)
def test_name_letters_follow_the_transliteration_table(name: str, letters: str) -> None:
    """Ä Ö Ü Æ Œ take two letters; Ł Đ Ø Þ follow ICAO; other accents drop (issue 18 bug)."""
    from sportello.rules.identifiers._persona import name_code

    assert name_code(name, first_name=False) == letters


def test_matches_a_surname_with_an_umlaut() -> None:
    """matches(..., cognome="Öz") fits a code built with OE, and not one built with O."""
    body = "ZOE" + "MMT" + "90A01Z243"  # Mehmet Öz, born in Turkey (Z243)
    code = body + stdnum_cf.calc_check_digit(body)
    assert cf.matches(code, nome="Mehmet", cognome="Öz") == []
    wrong = "ZOX" + body[3:]
    found = cf.matches(wrong + stdnum_cf.calc_check_digit(wrong), nome="Mehmet", cognome="Öz")
    assert [v.path for v in found] == ["cognome"]


def test_matches_known_letters() -> None:
    """Name letters follow the published rules (4+ consonants: 1st, 3rd, 4th) (rule: AU-1)."""
    assert cf.matches("RSSMRA85T10A562S", nome="Mario", cognome="Rossi") == []
    code = "BNCGFR80A01H501" + stdnum_cf.calc_check_digit("BNCGFR80A01H501")
    assert cf.matches(code, nome="Gianfranco", cognome="Bianchi") == []


def test_matches_names_every_mismatch_with_its_path() -> None:
    """Every field that does not fit the code is named by its path (rule: UP-1)."""
    found = cf.matches(
        "RSSMRA85T10A562S",
        nome="Luigi",
        cognome="Verdi",
        data_nascita=dt.date(1985, 12, 11),
        sesso="F",
    )
    assert [(v.path, v.code, v.rule) for v in found] == [
        ("cognome", "codice_fiscale.cognome_mismatch", "UP-1"),
        ("nome", "codice_fiscale.nome_mismatch", "UP-1"),
        ("data_nascita", "codice_fiscale.data_nascita_mismatch", "UP-1"),
        ("sesso", "codice_fiscale.sesso_mismatch", "UP-1"),
    ]


def test_matches_on_an_omocode_variant_and_bad_codes() -> None:
    """matches works on omocodia variants and returns validation violations for bad codes."""
    assert (
        cf.matches(
            "MRTMTTNRDLVFNLRV", nome="Matteo", cognome="Moretti", data_nascita=dt.date(1925, 4, 9)
        )
        == []
    )
    assert [v.code for v in cf.matches("X", nome="a", cognome="b")] == [
        "codice_fiscale.invalid_length"
    ]
    assert [v.code for v in cf.matches("00484960588", nome="a", cognome="b")] == [
        "codice_fiscale.not_personal"
    ]


@given(codici_fiscali())
def test_generated_codes_validate(code: str) -> None:
    """Every generated person's code, omocodia variants included, is valid."""
    assert cf.validate(code) == code
    assert cf.is_valid(code)


@given(codici_fiscali_numerici())
def test_generated_numeric_codes_validate(code: str) -> None:
    """Every generated 11-digit numeric code is valid."""
    assert cf.is_valid(code)


@given(codici_fiscali_invalidi())
def test_generated_invalid_codes_are_rejected(code: str) -> None:
    """Every generated invalid code is rejected by validate and is_valid."""
    assert not cf.is_valid(code)
    with pytest.raises(ValidationError):
        cf.validate(code)


@given(codici_fiscali(), st.integers(0, 15), st.characters())
def test_single_character_mutations_are_rejected(code: str, at: int, char: str) -> None:
    """Changing one character of a valid code gives an invalid code, unless it compacts back."""
    mutated = code[:at] + char + code[at + 1 :]
    if cf.is_valid(mutated):
        # Only a character that compacts to the same letter (case, 'ſ' -> 'S') survives; the
        # check character rules out any other valid code, omocodia variants included.
        assert cf.compact(mutated) == code


@given(codici_fiscali(omocodia=False), st.integers(1, 7))
def test_parse_agrees_on_omocode_variants(code: str, n: int) -> None:
    """parse of an omocodia variant equals parse of the canonical code, but for the flag."""
    today = dt.date(2026, 1, 1)
    variant = omocode_variants(code)[n - 1]
    canonical, other = cf.parse(code, today=today), cf.parse(variant, today=today)
    assert other.omocode
    assert not canonical.omocode
    assert (other.sesso, other.data_nascita, other.belfiore, other.canonical) == (
        canonical.sesso,
        canonical.data_nascita,
        canonical.belfiore,
        code,
    )


@pytest.mark.parametrize(
    ("name", "first_name", "code"),
    [
        ("Brt", True, "BRT"),  # three consonants: all three, even for a first name
        ("Brtn", True, "BTN"),  # four: the 1st, 3rd and 4th
        ("Brtn", False, "BRT"),  # a surname takes the first three
        ("Gianfranco", False, "GNF"),
        ("Ugo", True, "GUO"),  # consonants, then vowels
        ("Ai", False, "AIX"),  # then X padding
        ("", True, "XXX"),
        ("ab1 c", False, "BCA"),  # digits and blanks are dropped
        ("ẞa", False, "SSA"),  # the capital sharp s is SS
        ("Zoë Öl", True, "ZLO"),  # a non-ASCII name goes through the table
    ],
)
def test_name_code_limits(name: str, first_name: bool, code: str) -> None:
    """The three letters of a name at each limit: 3 and 4 consonants, vowels, padding (UP-1)."""
    from sportello.rules.identifiers._persona import name_code

    assert name_code(name, first_name=first_name) == code


def test_letters_and_dates_of_a_person() -> None:
    """letters keeps ASCII letters only, transliterated; date_of gives None for no such day."""
    from sportello.rules.identifiers._persona import date_of, letters

    assert [letters(t) for t in ("a-b", "ß", "ẞ", "ﬁ", "Ø", "o\u0308", "x1é")] == [
        "AB",
        "SS",
        "SS",
        "FI",
        "OE",
        "OE",
        "XE",
    ]
    assert date_of(2024, 2, 29) == dt.date(2024, 2, 29)
    assert date_of(2023, 2, 29) is None
