"""Partita IVA: real numbers, office codes, violations and Hypothesis properties."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.it import iva as stdnum_iva

from sportello import ValidationError
from sportello.rules.identifiers import partita_iva
from sportello.testing.strategies import partite_iva, partite_iva_invalide

#: Partite IVA published by the companies and bodies themselves (site footers, invoices).
VALID = [
    "00905811006",  # Eni S.p.A.
    "00488410010",  # TIM S.p.A.
    "01114601006",  # Poste Italiane S.p.A.
    "06655971007",  # Enel Energia S.p.A.
    "15844561009",  # Enel S.p.A. (group VAT number)
    "00950501007",  # Banca d'Italia
    "00743110157",  # python-stdnum's example
    "IT00146089990",  # Apple Distribution International: office 999 (non-resident)
]

INVALID = [
    ("00905811007", ("partita_iva.invalid_checksum",)),
    ("0090581100", ("partita_iva.invalid_length",)),
    ("009058110061", ("partita_iva.invalid_length",)),
    ("0090581100A", ("partita_iva.invalid_format",)),
    ("12345678903", ("partita_iva.invalid_office",)),  # office 890
    ("01234561014", ("partita_iva.invalid_office", "partita_iva.invalid_checksum")),
    ("00000000000", ("partita_iva.invalid_format", "partita_iva.invalid_office")),
    ("  ", ("identifiers.empty",)),
]


@pytest.mark.parametrize("number", VALID)
def test_published_numbers_are_valid(number: str) -> None:
    """Published partite IVA validate, as python-stdnum agrees (rule: UP-1)."""
    assert stdnum_iva.is_valid(number)
    assert partita_iva.validate(number) == number.removeprefix("IT")
    assert partita_iva.is_valid("IT " + number.removeprefix("IT"))


@pytest.mark.parametrize(("number", "codes"), INVALID)
def test_invalid_numbers_name_every_problem(number: str, codes: tuple[str, ...]) -> None:
    """A broken number raises every violation it has."""
    with pytest.raises(ValidationError) as info:
        partita_iva.validate(number)
    assert info.value.codes == codes
    assert not partita_iva.is_valid(number)


def test_office_code_is_in_the_message() -> None:
    """The bad office code is a param, shown in the Italian message."""
    with pytest.raises(ValidationError) as info:
        partita_iva.validate("12345678903")
    assert info.value.violations[0].params == {"office": "890"}
    assert "(890)" in str(info.value)


@pytest.mark.parametrize("office", ["001", "050", "100", "120", "121", "888", "999"])
def test_every_listed_office_is_accepted(office: str) -> None:
    """Offices 001-100, 120, 121, 888 and 999 are accepted, as by python-stdnum."""
    from stdnum import luhn

    body = "1234567" + office
    number = body + luhn.calc_check_digit(body)
    assert partita_iva.is_valid(number) == stdnum_iva.is_valid(number) is True


@given(st.integers(0, 999).map(lambda n: f"{n:03d}"))
def test_office_codes_agree_with_stdnum(office: str) -> None:
    """Our list of office codes is exactly the one python-stdnum enforces."""
    from stdnum import luhn

    body = "1234567" + office
    number = body + luhn.calc_check_digit(body)
    assert (office in partita_iva.OFFICE_CODES) == stdnum_iva.is_valid(number)


@given(partite_iva())
def test_generated_numbers_round_trip(number: str) -> None:
    """Every generated partita IVA validates and format(validate(x)) gives it back."""
    assert partita_iva.format(partita_iva.validate(number)) == number


@given(partite_iva_invalide())
def test_generated_invalid_numbers_are_rejected(number: str) -> None:
    """Every generated invalid partita IVA is rejected."""
    assert not partita_iva.is_valid(number)
    with pytest.raises(ValidationError):
        partita_iva.validate(number)


@given(partite_iva(), st.integers(0, 10), st.sampled_from("0123456789"))
def test_single_digit_changes_are_rejected(number: str, at: int, digit: str) -> None:
    """The Luhn digit catches every single changed digit."""
    mutated = number[:at] + digit + number[at + 1 :]
    assert partita_iva.is_valid(mutated) == (mutated == number)


@given(
    st.one_of(
        partite_iva(),
        partite_iva_invalide(),
        st.text("0123456789", min_size=11, max_size=11),
        st.text("0123456789 IT-.", max_size=16),
    )
)
def test_the_check_is_python_stdnums(number: str) -> None:
    """is_valid (computed here, faster) gives python-stdnum's answer on any digits."""
    doubled = partita_iva.compact(number).startswith("IT")  # stdnum strips a second IT
    assert partita_iva.is_valid(number) == (bool(stdnum_iva.is_valid(number)) and not doubled)


def test_a_doubled_prefix_is_refused_by_both_verbs() -> None:
    """ITIT00743110157 compacts once to IT00743110157: invalid for validate and is_valid."""
    assert not partita_iva.is_valid("ITIT00743110157")
    with pytest.raises(ValidationError) as info:
        partita_iva.validate("ITIT00743110157")
    assert info.value.codes == ("partita_iva.invalid_format", "partita_iva.invalid_length")
