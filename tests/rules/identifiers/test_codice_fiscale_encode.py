"""Codice fiscale: encode from a person, omocodie of a code, and their round trips.

The encode vectors and the 128 omocodia codes of CCCFBA85D03L219P are python-codicefiscale's
(tests/test_encode.py, tests/test_decode.py, tests/issues; MIT, (c) Fabio Caccamo).
"""

import datetime as dt
import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from sportello import ValidationError
from sportello.rules.identifiers import codice_fiscale as cf
from sportello.rules.identifiers import luoghi
from sportello.testing.strategies import codici_fiscali

TODAY = dt.date(2026, 1, 1)

ENCODED = [
    ("Saad", "Ait Hadda", dt.date(1995, 9, 8), "M", "Marocco", "THDSDA95P08Z330H"),
    ("Olegs", "Belousovs", dt.date(1984, 3, 22), "M", "Lettonia", "BLSLGS84C22Z145O"),
    ("Giovanni", "Bruno", dt.date(1971, 2, 26), "M", "Torino", "BRNGNN71B26L219T"),
    ("Fabio", "Caccamo", dt.date(1985, 4, 3), "M", "Torino (TO)", "CCCFBA85D03L219P"),
    ("Alessandro", "Gomba", dt.date(1984, 1, 5), "M", "Pinerolo", "GMBLSN84A05G674H"),
    ("Maria", "Martini", dt.date(1983, 12, 16), "F", "Anagni", "MRTMRA83T56A269B"),
    ("Michele", "Panella", dt.date(1979, 10, 27), "M", "San Severo (FG)", "PNLMHL79R27I158P"),
    ("Dario", "Quatrini", dt.date(1971, 9, 13), "M", "Pavia", "QTRDRA71P13G388J"),
    ("Yuuki", "Takakura", dt.date(1987, 2, 28), "F", "Torino", "TKKYKU87B68L219F"),
    ("Mario", "Rossi", dt.date(1950, 2, 17), "M", "Porretta Terme", "RSSMRA50B17A558W"),
    ("Francesco", "De Gregori", dt.date(1984, 12, 31), "M", "PATERNÒ", "DGRFNC84T31G371E"),
    ("Faedi", "Michele", dt.date(1907, 1, 1), "M", "Gallico", "MCHFDA07A01D877A"),
    ("Mario", "Rossi", dt.date(1985, 12, 10), "M", "A562", "RSSMRA85T10A562S"),
]


@pytest.mark.parametrize("case", ENCODED, ids=lambda case: case[-1])
def test_published_people_encode_to_their_code(
    case: tuple[str, str, dt.date, str, str, str],
) -> None:
    """encode gives the published codes, places by name, name and province, code or state."""
    nome, cognome, born, sesso, luogo, code = case
    got = cf.encode(nome=nome, cognome=cognome, data_nascita=born, sesso=sesso, luogo=luogo)
    assert got == code
    assert cf.matches(code, nome=nome, cognome=cognome, data_nascita=born, luogo=luogo) == []


def test_encode_takes_a_luogo_and_a_lower_case_sex() -> None:
    """A Luogo record and "f" work as well as a name and "F"."""
    place = luoghi.resolve("Anagni")
    code = cf.encode(
        nome="Maria",
        cognome="Martini",
        data_nascita=dt.date(1983, 12, 16),
        sesso=" f ",
        luogo=place,
    )
    assert code == "MRTMRA83T56A269B"


def test_encode_needs_the_province_of_a_homonym() -> None:
    """Paterno alone is two comuni today: encode asks for the province (path luogo)."""
    born = dt.date(1984, 12, 31)
    with pytest.raises(ValidationError) as info:
        cf.encode(nome="Ada", cognome="Neri", data_nascita=born, sesso="F", luogo="Paterno")
    assert [(v.code, v.path) for v in info.value.violations] == [("luoghi.ambiguous", "luogo")]
    code = cf.encode(nome="Ada", cognome="Neri", data_nascita=born, sesso="F", luogo="Paterno (PZ)")
    assert code[11:15] == "M269"
    # before 1973 only Paternò (CT) existed: the date chooses
    old = cf.encode(
        nome="Ada", cognome="Neri", data_nascita=dt.date(1960, 1, 1), sesso="F", luogo="Paterno"
    )
    assert old[11:15] == "G371"


def test_encode_reports_every_problem_with_its_path() -> None:
    """No letters, a wrong sex and a place that did not exist yet: three violations at once."""
    with pytest.raises(ValidationError) as info:
        cf.encode(
            nome="王",
            cognome="Rossi",
            data_nascita=dt.date(1980, 5, 1),
            sesso="X",
            luogo="Fiumicino",
        )
    assert [(v.code, v.path) for v in info.value.violations] == [
        ("codice_fiscale.no_letters", "nome"),
        ("codice_fiscale.invalid_sesso", "sesso"),
        ("luoghi.not_yet", "luogo"),
    ]
    assert "Fiumicino (RM) non era ancora stato istituito" in str(info.value)


def test_encode_refuses_a_birth_after_a_state_ended() -> None:
    """Born in the USSR in 1995 (it ended in 1992 for ANPR): refused; in 1980: encoded."""
    with pytest.raises(ValidationError) as info:
        cf.encode(
            nome="Olga",
            cognome="Petrova",
            data_nascita=dt.date(1995, 1, 1),
            sesso="F",
            luogo="URSS",
        )
    assert info.value.codes == ("luoghi.suppressed",)
    code = cf.encode(
        nome="Olga", cognome="Petrova", data_nascita=dt.date(1980, 1, 1), sesso="F", luogo="URSS"
    )
    assert code[11:15] == "Z135"


def test_encode_transliterates_names() -> None:
    """Öz is OEZ (circolare 34/E of 2011): the surname letters are ZOE."""
    code = cf.encode(
        nome="Mehmet", cognome="Öz", data_nascita=dt.date(1960, 6, 11), sesso="M", luogo="Turchia"
    )
    assert code[:6] == "ZOEMMT"


#: python-codicefiscale's 128 omocodia codes of CCCFBA85D03L219P, in its order.
_OMOCODES_TEXT = """
CCCFBA85D03L219P CCCFBA85D03L21VE CCCFBA85D03L2M9A CCCFBA85D03LN19E CCCFBA85D0PL219L
CCCFBA85DL3L219A CCCFBA8RD03L219B CCCFBAU5D03L219M CCCFBA85D03L2MVP CCCFBA85D03LN1VT
CCCFBA85D0PL21VA CCCFBA85DL3L21VP CCCFBA8RD03L21VQ CCCFBAU5D03L21VB CCCFBA85D03LNM9P
CCCFBA85D0PL2M9W CCCFBA85DL3L2M9L CCCFBA8RD03L2M9M CCCFBAU5D03L2M9X CCCFBA85D0PLN19A
CCCFBA85DL3LN19P CCCFBA8RD03LN19Q CCCFBAU5D03LN19B CCCFBA85DLPL219W CCCFBA8RD0PL219X
CCCFBAU5D0PL219I CCCFBA8RDL3L219M CCCFBAU5DL3L219X CCCFBAURD03L219Y CCCFBA85D03LNMVE
CCCFBA85D0PL2MVL CCCFBA85DL3L2MVA CCCFBA8RD03L2MVB CCCFBAU5D03L2MVM CCCFBA85D0PLN1VP
CCCFBA85DL3LN1VE CCCFBA8RD03LN1VF CCCFBAU5D03LN1VQ CCCFBA85DLPL21VL CCCFBA8RD0PL21VM
CCCFBAU5D0PL21VX CCCFBA8RDL3L21VB CCCFBAU5DL3L21VM CCCFBAURD03L21VN CCCFBA85D0PLNM9L
CCCFBA85DL3LNM9A CCCFBA8RD03LNM9B CCCFBAU5D03LNM9M CCCFBA85DLPL2M9H CCCFBA8RD0PL2M9I
CCCFBAU5D0PL2M9T CCCFBA8RDL3L2M9X CCCFBAU5DL3L2M9I CCCFBAURD03L2M9J CCCFBA85DLPLN19L
CCCFBA8RD0PLN19M CCCFBAU5D0PLN19X CCCFBA8RDL3LN19B CCCFBAU5DL3LN19M CCCFBAURD03LN19N
CCCFBA8RDLPL219I CCCFBAU5DLPL219T CCCFBAURD0PL219U CCCFBAURDL3L219J CCCFBA85D0PLNMVA
CCCFBA85DL3LNMVP CCCFBA8RD03LNMVQ CCCFBAU5D03LNMVB CCCFBA85DLPL2MVW CCCFBA8RD0PL2MVX
CCCFBAU5D0PL2MVI CCCFBA8RDL3L2MVM CCCFBAU5DL3L2MVX CCCFBAURD03L2MVY CCCFBA85DLPLN1VA
CCCFBA8RD0PLN1VB CCCFBAU5D0PLN1VM CCCFBA8RDL3LN1VQ CCCFBAU5DL3LN1VB CCCFBAURD03LN1VC
CCCFBA8RDLPL21VX CCCFBAU5DLPL21VI CCCFBAURD0PL21VJ CCCFBAURDL3L21VY CCCFBA85DLPLNM9W
CCCFBA8RD0PLNM9X CCCFBAU5D0PLNM9I CCCFBA8RDL3LNM9M CCCFBAU5DL3LNM9X CCCFBAURD03LNM9Y
CCCFBA8RDLPL2M9T CCCFBAU5DLPL2M9E CCCFBAURD0PL2M9F CCCFBAURDL3L2M9U CCCFBA8RDLPLN19X
CCCFBAU5DLPLN19I CCCFBAURD0PLN19J CCCFBAURDL3LN19Y CCCFBAURDLPL219F CCCFBA85DLPLNMVL
CCCFBA8RD0PLNMVM CCCFBAU5D0PLNMVX CCCFBA8RDL3LNMVB CCCFBAU5DL3LNMVM CCCFBAURD03LNMVN
CCCFBA8RDLPL2MVI CCCFBAU5DLPL2MVT CCCFBAURD0PL2MVU CCCFBAURDL3L2MVJ CCCFBA8RDLPLN1VM
CCCFBAU5DLPLN1VX CCCFBAURD0PLN1VY CCCFBAURDL3LN1VN CCCFBAURDLPL21VU CCCFBA8RDLPLNM9I
CCCFBAU5DLPLNM9T CCCFBAURD0PLNM9U CCCFBAURDL3LNM9J CCCFBAURDLPL2M9Q CCCFBAURDLPLN19U
CCCFBA8RDLPLNMVX CCCFBAU5DLPLNMVI CCCFBAURD0PLNMVJ CCCFBAURDL3LNMVY CCCFBAURDLPL2MVF
CCCFBAURDLPLN1VJ CCCFBAURDLPLNM9F CCCFBAURDLPLNMVU
"""
OMOCODES = _OMOCODES_TEXT.split()


def test_omocodie_are_the_published_128_in_order() -> None:
    """omocodie gives python-codicefiscale's 128 codes, in the same order, from any of them."""
    assert len(OMOCODES) == len(set(OMOCODES)) == 128
    assert cf.omocodie("CCCFBA85D03L219P") == tuple(OMOCODES)
    assert cf.omocodie("CCCFBAURDLPLNMVU") == tuple(OMOCODES)
    assert cf.omocodie("cccfba85d03l2mvp") == tuple(OMOCODES)


def test_omocodie_puts_each_official_variant_first_of_its_size() -> None:
    """The official variant with n digits replaced is the first code with n replaced."""
    from sportello.testing.strategies import omocode_variants

    variants = cf.omocodie("MRTMTT25D09F205Z")
    firsts = [sum(math.comb(7, k) for k in range(n)) for n in range(1, 8)]
    assert firsts == [1, 8, 29, 64, 99, 120, 127]
    assert [variants[i] for i in firsts] == omocode_variants("MRTMTT25D09F205Z")


def test_omocodie_refuses_numeric_and_invalid_codes() -> None:
    """A company's code has no omocodia; an invalid code raises its violations."""
    with pytest.raises(ValidationError) as info:
        cf.omocodie("00484960588")
    assert info.value.codes == ("codice_fiscale.not_personal",)
    with pytest.raises(ValidationError) as info:
        cf.omocodie("RSSMRA85T10A562T")
    assert info.value.codes == ("codice_fiscale.invalid_checksum",)


@pytest.mark.parametrize("variant", OMOCODES[1:8])
def test_one_replaced_digit_in_any_position_is_turned_back(variant: str) -> None:
    """Each of the seven codes with one digit replaced (year, day, place) parses back (issue 13)."""
    info = cf.parse(variant, today=TODAY)
    assert (info.canonical, info.omocode, info.belfiore) == ("CCCFBA85D03L219P", True, "L219")
    assert info.data_nascita == dt.date(1985, 4, 3)


def _encode(**changes: object) -> str:
    """encode Fabio Caccamo (python-codicefiscale's example) with some arguments changed."""
    person: dict[str, object] = {
        "nome": "Fabio",
        "cognome": "Caccamo",
        "data_nascita": dt.date(1985, 4, 3),
        "sesso": "M",
        "luogo": "Torino",
    }
    return cf.encode(**{**person, **changes})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "found"),
    [
        ({"cognome": "123"}, [("codice_fiscale.no_letters", "cognome")]),
        ({"nome": "王"}, [("codice_fiscale.no_letters", "nome")]),
        (
            {"nome": None, "cognome": 7},
            [("codice_fiscale.no_letters", p) for p in ("cognome", "nome")],
        ),
        ({"sesso": "X"}, [("codice_fiscale.invalid_sesso", "sesso")]),
        ({"sesso": None}, [("codice_fiscale.invalid_sesso", "sesso")]),
        ({"sesso": 1}, [("codice_fiscale.invalid_sesso", "sesso")]),
        ({"data_nascita": None}, [("codice_fiscale.invalid_date", "data_nascita")]),
        ({"data_nascita": "1985-04-03"}, [("codice_fiscale.invalid_date", "data_nascita")]),
    ],
)
def test_encode_names_one_wrong_argument_with_its_path(
    changes: dict[str, object], found: list[tuple[str, str]]
) -> None:
    """A wrong argument (a form may hand over anything) raises its violation, at its path."""
    assert _encode() == "CCCFBA85D03L219P"
    with pytest.raises(ValidationError) as info:
        _encode(**changes)
    assert [(v.code, v.path) for v in info.value.violations] == found


@given(codici_fiscali())
def test_every_omocodia_variant_validates_and_canonicalises_back(code: str) -> None:
    """All 128 variants validate, parse to the same canonical code, give the same tuple."""
    variants = cf.omocodie(code)
    canonical = variants[0]
    assert code in variants
    for variant in variants[::9]:
        assert cf.validate(variant) == variant
        info = cf.parse(variant, today=TODAY)
        assert info.canonical == canonical
        assert info.omocode is (variant != canonical)
    assert cf.omocodie(variants[-1]) == variants


NOMI = ["Mario", "Giulia", "Niccolò", "Zoë", "Ahmed", "Yuki", "Gianfranco", "Ødegaard", "Bo"]
COGNOMI = ["Rossi", "D'Amico", "De Luca", "Müller", "Öz", "Ait Hadda", "Łukaszewski", "Fo"]


@st.composite
def persone(draw: st.DrawFn) -> dict[str, object]:
    """A person born in the last 100 years in a place that existed at the birth date."""
    from sportello.rules.identifiers._luoghi_index import codes

    born = draw(st.dates(dt.date(1926, 1, 2), TODAY))
    place = luoghi.get(draw(st.sampled_from(sorted(codes().lines))), data=born)
    assume(place is not None and place.dal <= born and (place.al is None or born <= place.al))
    assert place is not None
    by = draw(st.sampled_from(["code", "luogo", "name"]))
    # a name two places bore in one province at that date stays ambiguous even with "(PR)"
    assume(by != "name" or len(luoghi.lookup(str(place), data=born)) == 1)
    luogo: object = place.belfiore if by == "code" else place if by == "luogo" else str(place)
    return {
        "nome": draw(st.sampled_from(NOMI)),
        "cognome": draw(st.sampled_from(COGNOMI)),
        "data_nascita": born,
        "sesso": draw(st.sampled_from("MF")),
        "luogo": luogo,
        "belfiore": place.belfiore,
    }


@given(persone())
def test_encode_then_parse_round_trips(person: dict[str, object]) -> None:
    """encode -> parse gives back the birth date, sex and place; matches finds no difference."""
    belfiore = person.pop("belfiore")
    code = cf.encode(**person)  # type: ignore[arg-type]
    info = cf.parse(code, today=TODAY, luoghi=True)
    assert (info.data_nascita, info.sesso, info.belfiore) == (
        person["data_nascita"],
        person["sesso"],
        belfiore,
    )
    assert cf.matches(code, **person) == []  # type: ignore[arg-type]
