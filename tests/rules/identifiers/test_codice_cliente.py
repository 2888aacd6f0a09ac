"""Codice cliente: six digits by default, leading zeros kept (rules UP-2, UP-3)."""

import pytest
from hypothesis import given

from sportello import ValidationError
from sportello.rules.identifiers import codice_cliente
from sportello.testing.strategies import codici_cliente, codici_cliente_invalidi


@pytest.mark.parametrize("code", ["000002", "005007", " 005 007 "])
def test_seed_codes_are_valid(code: str) -> None:
    """The seed's customer codes 000002 and 005007 keep their leading zeros (rule: UP-2, UP-3)."""
    assert codice_cliente.validate(code) == code.replace(" ", "")
    assert codice_cliente.is_valid(code)


@pytest.mark.parametrize(
    ("code", "codes"),
    [
        ("2", ("codice_cliente.invalid_length",)),
        ("0000002", ("codice_cliente.invalid_length",)),
        ("00000A", ("codice_cliente.invalid_format",)),
        ("A", ("codice_cliente.invalid_format", "codice_cliente.invalid_length")),
    ],
)
def test_bad_codes_break_up2(code: str, codes: tuple[str, ...]) -> None:
    """A code that is not six digits raises violations tied to UP-2 (rule: UP-2)."""
    with pytest.raises(ValidationError) as info:
        codice_cliente.validate(code)
    assert info.value.codes == codes
    assert {v.rule for v in info.value.violations} == {"UP-2"}
    assert not codice_cliente.is_valid(code)


def test_length_is_in_the_message() -> None:
    """The message says how many digits are wanted and how many were given (rule: UP-2)."""
    with pytest.raises(ValidationError) as info:
        codice_cliente.validate("12")
    assert str(info.value) == "Il codice cliente deve avere 6 cifre (ne ha 2)."


def test_other_utilities_set_their_digits() -> None:
    """A utility with eight-digit codes passes digits=8."""
    assert codice_cliente.validate("00001234", digits=8) == "00001234"
    assert not codice_cliente.is_valid("001234", digits=8)
    with pytest.raises(ValueError, match="positive"):
        codice_cliente.validate("1", digits=0)


def test_an_int_is_not_a_code() -> None:
    """An int loses leading zeros, so it is refused with identifiers.not_a_string (rule: UP-2)."""
    with pytest.raises(ValidationError) as info:
        codice_cliente.validate(5007)
    assert info.value.codes == ("identifiers.not_a_string",)
    assert info.value.violations[0].params == {"type": "int"}


@given(codici_cliente())
def test_generated_codes_round_trip(code: str) -> None:
    """Every generated customer code validates and round-trips through format (rule: UP-2)."""
    assert codice_cliente.format(codice_cliente.validate(code)) == code


@given(codici_cliente_invalidi())
def test_generated_invalid_codes_are_rejected(code: str) -> None:
    """Every generated invalid customer code is rejected (rule: UP-2)."""
    assert not codice_cliente.is_valid(code)


def test_digits_limit_on_both_sides() -> None:
    """digits=1 is the least accepted; 0, negatives and bools are programming errors."""
    assert codice_cliente.validate("7", digits=1) == "7"
    assert codice_cliente.is_valid("7", digits=1)
    assert codice_cliente.is_valid("00001234", digits=8)
    assert not codice_cliente.is_valid("0000123", digits=8)
    for digits in (0, -1, True):
        with pytest.raises(ValueError, match=f"not {digits!r}"):
            codice_cliente.validate("1", digits=digits)


def test_empty_code_and_wrong_length_params() -> None:
    """An empty code is identifiers.empty; a wrong length names the digits wanted (UP-2)."""
    with pytest.raises(ValidationError) as info:
        codice_cliente.validate(" - ")
    assert info.value.codes == ("identifiers.empty",)
    with pytest.raises(ValidationError) as info:
        codice_cliente.validate("123", digits=8)
    assert info.value.violations[0].params == {"length": 3, "digits": 8}
    assert codice_cliente.format(" 005-007 ") == "005007"
    assert not codice_cliente.is_valid("00500A")
