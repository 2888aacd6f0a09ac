"""Codice fiscale and places: the birthplace, the century from its history, the deep check.

Real codes from python-codicefiscale's test suite and issue reports (MIT, (c) Fabio Caccamo),
each with the birth date and place its test asserts; they are people's published codes.
"""

import datetime as dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from stdnum.it import codicefiscale as stdnum_cf

from sportello import ValidationError
from sportello.rules.identifiers import codice_fiscale as cf
from sportello.rules.identifiers import luoghi

TODAY = dt.date(2026, 1, 1)

#: (code, birth date, birthplace) from python-codicefiscale's tests/test_decode.py and
#: tests/issues (issue numbers in the comments).
PUBLISHED = [
    ("THDSDA95P08Z330H", dt.date(1995, 9, 8), "Marocco"),  # born abroad
    ("BLSLGS84C22Z145O", dt.date(1984, 3, 22), "Lettonia"),
    ("BRNGNN71B26L219T", dt.date(1971, 2, 26), "Torino (TO)"),
    ("CCCFBA85D03L219P", dt.date(1985, 4, 3), "Torino (TO)"),
    ("GMBLSN84A05G674H", dt.date(1984, 1, 5), "Pinerolo (TO)"),
    ("MRTMRA83T56A269B", dt.date(1983, 12, 16), "Anagni (FR)"),
    ("PNLMHL79R27I158P", dt.date(1979, 10, 27), "San Severo (FG)"),
    ("QTRDRA71P13G388J", dt.date(1971, 9, 13), "Pavia (PV)"),
    ("TKKYKU87B68L219F", dt.date(1987, 2, 28), "Torino (TO)"),
    ("RSSMRA68A01H501Y", dt.date(1968, 1, 1), "Roma (RM)"),
    ("RSSMRA50B17A558W", dt.date(1950, 2, 17), "Porretta Terme (BO)"),
    ("CCCFBAURDLPLNMVU", dt.date(1985, 4, 3), "Torino (TO)"),  # all seven digits replaced
    ("MCHFDA07A01D877A", dt.date(1907, 1, 1), "Gallico (RC)"),  # 203: over 100, suppressed 1927
    ("DFLNTN42T20B860H", dt.date(1942, 12, 20), "Casagiove (CE)"),  # 162: born in the gap
    ("CCCFBA30H66F991T", dt.date(1930, 6, 26), "Nuxis (CA)"),  # 210: instituted after birth
    ("DBRGRZ53R66F059C", dt.date(1953, 10, 26), "Mattinata (FG)"),  # 213: instituted 1955
    ("DGRFNC84T31G371E", dt.date(1984, 12, 31), "Paternò (CT)"),  # 246: not Paterno (PZ)
]


@pytest.mark.parametrize(("code", "born", "place"), PUBLISHED)
def test_published_codes_decode_with_their_place(code: str, born: dt.date, place: str) -> None:
    """parse gives the published birth date and birthplace; the deep check accepts them."""
    info = cf.parse(code, today=TODAY, luoghi=True)
    assert info.data_nascita == born
    assert str(info.luogo) == place
    assert cf.validate(code, luoghi=True, today=TODAY) == code
    assert cf.is_valid(code, luoghi=True, today=TODAY)


def test_the_place_chooses_the_century() -> None:
    """Gallico was suppressed in 1927: 07 is 1907, not 2007; Milano takes the recent one."""
    assert cf.parse("MCHFDA07A01D877A", today=TODAY).data_nascita.year == 1907
    assert cf.parse("MRTMTT25D09F205Z", today=TODAY).data_nascita.year == 2025
    fiumicino = "RSSMRA95A01M297" + stdnum_cf.calc_check_digit("RSSMRA95A01M297")
    assert cf.parse(fiumicino, today=TODAY).data_nascita.year == 1995  # 1895 fits no better
    assert cf.parse(fiumicino, today=dt.date(2095, 1, 1)).data_nascita.year == 2095


def test_an_unknown_place_code_is_refused_by_the_deep_check_only() -> None:
    """FRTMXM74L15D354A: D354 is no place (python-codicefiscale's own invalid example)."""
    assert cf.is_valid("FRTMXM74L15D354A")
    assert cf.parse("FRTMXM74L15D354A", today=TODAY).luogo is None
    with pytest.raises(ValidationError) as info:
        cf.validate("FRTMXM74L15D354A", luoghi=True)
    assert info.value.codes == ("codice_fiscale.luogo_unknown",)
    assert not cf.is_valid("FRTMXM74L15D354A", luoghi=True)


def _code(body: str) -> str:
    return body + stdnum_cf.calc_check_digit(body)


def test_deep_check_names_a_suppressed_place_and_its_dates() -> None:
    """Born 1930 in Gallico (suppressed 1927): refused, naming the place and its dates."""
    code = _code("RSSMRA30A01D877")
    assert cf.is_valid(code)
    with pytest.raises(ValidationError) as info:
        cf.validate(code, luoghi=True, today=TODAY)
    (found,) = info.value.violations
    assert (found.code, dict(found.params)) == (
        "codice_fiscale.luogo_suppressed",
        {"luogo": "Gallico (RC)", "dal": dt.date(1861, 3, 17), "al": dt.date(1927, 8, 2)},
    )
    assert "Gallico (RC)" in found.message()
    assert "02/08/1927" in found.message()
    assert "RSSMRA" not in str(info.value)


def test_deep_check_names_a_place_not_yet_instituted() -> None:
    """Born 1990 in Corigliano-Rossano (2018): refused; born 2019: accepted."""
    late = _code("RSSMRA90A01M403")
    with pytest.raises(ValidationError) as info:
        cf.validate(late, luoghi=True, today=TODAY)
    (found,) = info.value.violations
    assert (found.code, dict(found.params)) == (
        "codice_fiscale.luogo_not_yet",
        {"luogo": "Corigliano-Rossano (CS)", "dal": dt.date(2018, 3, 31)},
    )
    assert cf.is_valid(_code("RSSMRA19A01M403"), luoghi=True, today=TODAY)


def test_deep_check_edges_of_a_merger() -> None:
    """Corigliano-Rossano began 31/03/2018; a Rossano code of that day reads as 1918."""
    assert not cf.is_valid(_code("RSSMRA18C30M403"), luoghi=True, today=TODAY)
    assert cf.is_valid(_code("RSSMRA18C31M403"), luoghi=True, today=TODAY)
    assert cf.parse(_code("RSSMRA18C30H579"), today=TODAY).data_nascita == dt.date(2018, 3, 30)
    after = cf.parse(_code("RSSMRA18C31H579"), today=TODAY)  # Rossano ended 30/03/2018
    assert after.data_nascita == dt.date(1918, 3, 31)
    assert cf.is_valid(_code("RSSMRA18C31H579"), luoghi=True, today=TODAY)


def test_retroactive_codes_before_1977_are_tolerated() -> None:
    """A comune instituted after the birth fits only births before 1977 (rule of the docs)."""
    assert cf.is_valid(_code("RSSMRA76T31M309"), luoghi=True, today=TODAY)  # Fonte Nuova, 2001
    assert not cf.is_valid(_code("RSSMRA77A01M309"), luoghi=True, today=TODAY)


def test_dissolved_states() -> None:
    """Born in the USSR in 1980: fits; in 1995: refused (ended 31/03/1992 for ANPR)."""
    assert cf.is_valid(_code("PTRVLD80A01Z135"), luoghi=True, today=TODAY)
    assert not cf.is_valid(_code("PTRVLD95A01Z135"), luoghi=True, today=TODAY)


def test_numeric_codes_pass_the_deep_check() -> None:
    """An 11-digit code has no place: luoghi=True leaves it alone."""
    assert cf.validate("00484960588", luoghi=True) == "00484960588"


def test_deep_check_uses_today_for_the_century() -> None:
    """A USSR code of 95: refused in 2026 (1995, after 1992); in 1990 it reads as 1895."""
    code = _code("PTRVLD95A01Z135")
    assert not cf.is_valid(code, luoghi=True, today=TODAY)
    assert cf.is_valid(code, luoghi=True, today=dt.date(1990, 1, 1))
    assert cf.parse(code, today=dt.date(1990, 1, 1)).data_nascita == dt.date(1895, 1, 1)


def test_matches_compares_the_birthplace() -> None:
    """A declared birthplace fits under any of its names, its province, or its code."""
    code = "DGRFNC84T31G371E"  # Paternò (CT)
    nome, cognome = "Francesco", "De Gregori"
    for luogo in ("Paternò", "Paterno", "PATERNO'", "Paterno (CT)", "G371"):
        assert cf.matches(code, nome=nome, cognome=cognome, luogo=luogo) == [], luogo
    assert cf.matches(code, nome=nome, cognome=cognome, luogo=luoghi.get("G371")) == []
    for luogo in ("Paterno (PZ)", "Catania", "M269"):
        found = cf.matches(code, nome=nome, cognome=cognome, luogo=luogo)
        assert [(v.code, v.path, v.rule) for v in found] == [
            ("codice_fiscale.luogo_mismatch", "luogo", "UP-1")
        ], luogo
    found = cf.matches(code, nome=nome, cognome=cognome, luogo="Atlantide")
    assert [(v.code, v.path) for v in found] == [("luoghi.not_found", "luogo")]


def test_matches_takes_an_old_name_but_not_a_successor() -> None:
    """Bagni San Giuliano is San Giuliano Terme's old name; Rio is not Rio Marina."""
    abbreviated = cf.matches(
        "RSSMRA85T10A562S", nome="M", cognome="Rossi", luogo="Bagni S. Giuliano"
    )
    assert [v.code for v in abbreviated] == ["codice_fiscale.nome_mismatch", "luoghi.not_found"]
    assert (
        cf.matches("RSSMRA85T10A562S", nome="Mario", cognome="Rossi", luogo="Bagni San Giuliano")
        == []
    )
    rio_marina = _code("RSSMRA90A01H305")
    found = cf.matches(rio_marina, nome="Mario", cognome="Rossi", luogo="Rio")
    assert [v.code for v in found] == ["codice_fiscale.luogo_mismatch"]


def test_matches_validated_compares_the_birthplace_too() -> None:
    """The forms' fast path compares the birthplace like matches."""
    assert (
        cf.matches_validated(
            "DGRFNC84T31G371E", nome="Francesco", cognome="De Gregori", luogo="Paternò"
        )
        == []
    )
    found = cf.matches_validated(
        "DGRFNC84T31G371E", nome="Francesco", cognome="De Gregori", luogo="Roma"
    )
    assert [v.path for v in found] == ["luogo"]


@st.composite
def people(draw: st.DrawFn) -> tuple[str, dt.date]:
    """A place code and a birth in the last 100 years on a day that place existed."""
    from sportello.rules.identifiers._luoghi_index import codes

    code = draw(st.sampled_from(sorted(codes().lines)))
    born = draw(st.dates(dt.date(1926, 1, 2), TODAY))
    place = luoghi.get(code, data=born)
    assume(place is not None and place.dal <= born and (place.al is None or born <= place.al))
    return code, born


@given(people(), st.sampled_from("MF"))
def test_generated_births_in_existing_places_pass(person: tuple[str, dt.date], sesso: str) -> None:
    """Any birth in the last 100 years in a place that existed then passes the deep check."""
    code, born = person
    day = born.day + (40 if sesso == "F" else 0)
    body = f"RSSMRA{born.year % 100:02d}{'ABCDEHLMPRST'[born.month - 1]}{day:02d}{code}"
    number = _code(body)
    assert cf.validate(number, luoghi=True, today=TODAY) == number
    assert cf.parse(number, today=TODAY).data_nascita == born


def test_parse_with_the_deep_check_passes_luoghi_and_today() -> None:
    """parse(..., luoghi=True) refuses Gallico in 1930; in 1990 a USSR 95 is 1895 and fits."""
    with pytest.raises(ValidationError) as info:
        cf.parse(_code("RSSMRA30A01D877"), today=TODAY, luoghi=True)
    assert info.value.codes == ("codice_fiscale.luogo_suppressed",)
    assert cf.parse(_code("RSSMRA30A01D877"), today=TODAY).data_nascita == dt.date(1930, 1, 1)
    ussr = _code("PTRVLD95A01Z135")
    info_1990 = cf.parse(ussr, today=dt.date(1990, 1, 1), luoghi=True)
    assert info_1990.data_nascita == dt.date(1895, 1, 1)
    with pytest.raises(ValidationError) as info:
        cf.parse(ussr, today=TODAY, luoghi=True)
    assert info.value.codes == ("codice_fiscale.luogo_suppressed",)
