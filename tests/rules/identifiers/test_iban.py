"""IBAN: stdnum's checks, check digits 02-98, the CIN (Italy, San Marino), Italian-only (EB-1)."""

import pytest
from hypothesis import given
from stdnum import iban as stdnum_iban
from stdnum.it.codicefiscale import calc_check_digit as calc_cin

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


def _with_check_digits(digits: str, bban: str, country: str = "IT") -> str:
    return country + digits + bban


#: The BBAN of the Italian banks' published example (IT60 X054 2811 1010 0000 0123 456).
EXAMPLE_BBAN = "X0542811101000000123456"


@pytest.mark.parametrize("digits", ["A6", "GX", "HU", "K3"])
def test_letters_as_check_digits_are_refused(digits: str) -> None:
    """ITA6... passes a bare mod 97 (letters count as numbers): refused (issue 18 bug)."""
    number = _with_check_digits(digits, EXAMPLE_BBAN)
    assert stdnum_iban.is_valid(number)  # what the peers' bare mod 97 says
    assert not iban.is_valid(number)
    with pytest.raises(ValidationError) as info:
        iban.validate(number)
    assert info.value.codes == ("iban.invalid_check_digits",)


def _alias_of(computed: str) -> tuple[str, str]:
    """An Italian IBAN whose computed check digits are ``computed`` (97 or 98), and its alias."""
    for n in range(100_000):
        account = f"{n:012d}"
        tail = "0542811101" + account
        bban = calc_cin(tail) + tail
        if stdnum_iban.calc_check_digits("ITxx" + bban) == computed:
            alias = f"{int(computed) - 97:02d}"
            return "IT" + computed + bban, "IT" + alias + bban
    raise AssertionError(computed)  # pragma: no cover


@pytest.mark.parametrize("computed", ["97", "98"])
def test_check_digits_00_and_01_are_refused(computed: str) -> None:
    """00 and 01 are 97 and 98 modulo 97: a bare mod 97 takes both, ISO computes 02-98 only."""
    valid, alias = _alias_of(computed)
    assert iban.validate(valid) == valid  # the edges of the range are valid
    assert stdnum_iban.is_valid(alias)
    assert not iban.is_valid(alias)
    with pytest.raises(ValidationError) as info:
        iban.validate(alias)
    assert info.value.codes == ("iban.invalid_check_digits",)


def test_check_digits_99_is_refused_without_a_checksum_violation() -> None:
    """99 is never computed: one violation, about the check digits, not two."""
    with pytest.raises(ValidationError) as info:
        iban.validate("IT99" + EXAMPLE_BBAN)
    assert info.value.codes == ("iban.invalid_check_digits",)


def test_san_marino_cin_is_checked() -> None:
    """SM54V0114962654315W0AV67Q9J passed (right mod 97, wrong CIN): refused (issue 18 bug)."""
    wrong = "SM54V0114962654315W0AV67Q9J"
    assert stdnum_iban.is_valid(wrong)
    assert not iban.is_valid(wrong)
    with pytest.raises(ValidationError) as info:
        iban.validate(wrong)
    assert info.value.codes == ("iban.invalid_cin",)
    published = "SM86U0322509800000000270100"  # the SWIFT IBAN registry's example
    assert iban.validate(published) == published
    assert calc_cin(published[5:]) == published[4]
    assert not iban.is_italian(published)  # San Marino is not Italy for direct debit (EB-1)
    with pytest.raises(ValidationError) as info:
        iban.validate(published, italian_only=True)
    assert info.value.codes == ("iban.not_italian",)


@given(iban_italiani())
def test_a_san_marino_iban_needs_the_cin_too(number: str) -> None:
    """An Italian BBAN under SM: valid with its CIN, refused with another letter."""
    bban = number[4:]
    sm = "SM" + stdnum_iban.calc_check_digits("SMxx" + bban) + bban
    assert iban.is_valid(sm)
    other = ("A" if bban[0] != "A" else "B") + bban[1:]
    broken = "SM" + stdnum_iban.calc_check_digits("SMxx" + other) + other
    assert not iban.is_valid(broken)


@pytest.mark.parametrize(
    ("number", "found"),
    [
        ("IT0", [("iban.invalid_length", {"length": 3})]),  # too short to have check digits
        ("IT00", [("iban.invalid_check_digits", {}), ("iban.invalid_length", {"length": 4})]),
        ("IT60X054281110100000012345", [("iban.invalid_length", {"length": 26})]),
        ("SM86U032250980000000027010", [("iban.invalid_length", {"length": 26})]),
        ("IT60X05428111010000001234_6", [("iban.invalid_format", {})]),
        ("DE00370400440532013000", [("iban.invalid_check_digits", {})]),
    ],
)
def test_short_and_malformed_ibans_name_their_problem(
    number: str, found: list[tuple[str, dict[str, int]]]
) -> None:
    """Check digits are judged from four characters on; a length names the length found."""
    with pytest.raises(ValidationError) as info:
        iban.validate(number)
    assert [(v.code, dict(v.params)) for v in info.value.violations] == found


def test_the_country_and_the_printed_form() -> None:
    """An unknown country is named; format groups by four; italian_only accepts an IT IBAN."""
    number = "XX" + stdnum_iban.calc_check_digits("XXxx0542811101") + "0542811101"
    with pytest.raises(ValidationError) as info:
        iban.validate(number)
    assert info.value.violations[0].params == {"country": "XX"}
    assert iban.format("it60x0542811101000000123456") == "IT60 X054 2811 1010 0000 0123 456"
    assert iban.is_valid("IT60X0542811101000000123456", italian_only=True)
    assert iban.validate("IT60X0542811101000000123456", italian_only=True)
