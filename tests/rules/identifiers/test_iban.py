"""IBAN: stdnum's checks plus the Italian CIN and the Italian-only option (rule EB-1)."""

import pytest
from hypothesis import given
from stdnum import iban as stdnum_iban

from sportello import ValidationError
from sportello.rules.identifiers import iban
from sportello.testing.strategies import iban_italiani, iban_italiani_invalidi

VALID = [
    "IT60X0542811101000000123456",  # the example of the Italian banks' association
    "IT60 X054 2811 1010 0000 0123 456",
    "DE89370400440532013000",  # a German IBAN (only with italian_only=False)
    "GB29NWBK60161331926819",
]


@pytest.mark.parametrize("number", VALID)
def test_published_ibans_are_valid(number: str) -> None:
    """Published example IBANs validate, as python-stdnum agrees."""
    assert stdnum_iban.is_valid(number)
    assert iban.is_valid(number)
    assert iban.format(iban.validate(number)) == stdnum_iban.format(number)


@pytest.mark.parametrize(
    ("number", "codes"),
    [
        ("IT61X0542811101000000123456", ("iban.invalid_checksum",)),
        ("IT60X054281110100000012345", ("iban.invalid_length",)),
        (
            "XX" + stdnum_iban.calc_check_digits("XXxx0542811101") + "0542811101",
            ("iban.invalid_country",),
        ),
        ("", ("identifiers.empty",)),
    ],
)
def test_invalid_ibans(number: str, codes: tuple[str, ...]) -> None:
    """A broken IBAN raises the matching violation."""
    with pytest.raises(ValidationError) as info:
        iban.validate(number)
    assert info.value.codes == codes
    assert not iban.is_valid(number)


def test_wrong_cin_is_caught_where_stdnum_is_silent() -> None:
    """A wrong CIN with right ISO check digits passes stdnum but not sportello."""
    bban = "Y0542811101000000123456"
    number = "IT" + stdnum_iban.calc_check_digits("ITxx" + bban) + bban
    assert stdnum_iban.is_valid(number)
    assert not iban.is_valid(number)
    with pytest.raises(ValidationError) as info:
        iban.validate(number)
    assert info.value.codes == ("iban.invalid_cin",)


def test_italian_only_refuses_foreign_ibans() -> None:
    """With italian_only=True a foreign IBAN breaks EB-1 (rule: EB-1)."""
    with pytest.raises(ValidationError) as info:
        iban.validate("DE89370400440532013000", italian_only=True)
    assert [(v.code, v.rule) for v in info.value.violations] == [("iban.not_italian", "EB-1")]
    assert not iban.is_valid("DE89370400440532013000", italian_only=True)
    assert not iban.is_italian("DE89370400440532013000")
    assert iban.is_italian("IT60X0542811101000000123456")


@given(iban_italiani())
def test_generated_italian_ibans_validate(number: str) -> None:
    """Every generated Italian IBAN is valid and Italian (rule: EB-1)."""
    assert iban.validate(number, italian_only=True) == number
    assert iban.is_italian(number)


@given(iban_italiani_invalidi())
def test_generated_invalid_italian_ibans_are_rejected(number: str) -> None:
    """Every generated invalid Italian IBAN is rejected."""
    assert not iban.is_valid(number)
    with pytest.raises(ValidationError):
        iban.validate(number)
