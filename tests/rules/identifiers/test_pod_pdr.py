"""POD and PDR: the codes of electricity and gas supply points (rule UP-4)."""

import pytest
from hypothesis import given

from sportello import ValidationError
from sportello.rules.identifiers import pdr, pod
from sportello.testing.strategies import pdr as pdr_codes
from sportello.testing.strategies import pdr_invalidi, pod_invalidi
from sportello.testing.strategies import pod as pod_codes


@pytest.mark.parametrize(
    ("raw", "compact"),
    [
        ("IT001E12345678", "IT001E12345678"),
        ("it 001 e 1234 5678", "IT001E12345678"),
        ("IT001E12345678A", "IT001E12345678A"),
        ("IT020E00012345-9", "IT020E000123459"),
    ],
)
def test_pod_accepted_forms(raw: str, compact: str) -> None:
    """A POD validates with spaces, lower case and one trailing character (rule: UP-4)."""
    assert pod.validate(raw) == compact
    assert pod.format(pod.validate(raw)) == compact
    assert pod.is_valid(raw)


@pytest.mark.parametrize(
    ("raw", "codes"),
    [
        ("IT001E1234567", ("pod.invalid_length",)),
        ("IT001E1234567890", ("pod.invalid_length",)),
        ("IT001G12345678", ("pod.invalid_format",)),
        ("FR001E12345678", ("pod.invalid_format",)),
        ("IT001E1234567AB", ("pod.invalid_format",)),
        ("XX1", ("pod.invalid_length", "pod.invalid_format")),
        ("", ("identifiers.empty",)),
    ],
)
def test_pod_rejected_forms(raw: str, codes: tuple[str, ...]) -> None:
    """A malformed POD raises every violation it has, each tied to UP-4 (rule: UP-4)."""
    with pytest.raises(ValidationError) as info:
        pod.validate(raw)
    assert info.value.codes == codes
    assert {v.rule for v in info.value.violations} <= {"UP-4", ""}
    assert not pod.is_valid(raw)


def test_pdr_from_the_seed() -> None:
    """The PDR printed on the seed's supply point validates (rule: UP-4)."""
    assert pdr.validate("03340009749021") == "03340009749021"
    assert pdr.format(pdr.validate("0334 0009 7490 21")) == "03340009749021"


@pytest.mark.parametrize(
    ("raw", "codes"),
    [
        ("012345678910112", ("pdr.invalid_length",)),  # the seed's garbled 15-digit sample
        ("0334000974902", ("pdr.invalid_length",)),
        ("0334000974902A", ("pdr.invalid_format",)),
        ("0334000974902AB", ("pdr.invalid_format", "pdr.invalid_length")),
        ("٠١٢٣٤٥٦٧٨٩٠١٢٣", ("pdr.invalid_format",)),  # Arabic-Indic digits
    ],
)
def test_pdr_rejected_forms(raw: str, codes: tuple[str, ...]) -> None:
    """A PDR must be 14 ASCII digits; each problem is reported (rule: UP-4)."""
    with pytest.raises(ValidationError) as info:
        pdr.validate(raw)
    assert info.value.codes == codes
    assert not pdr.is_valid(raw)


@given(pod_codes())
def test_generated_pods_round_trip(code: str) -> None:
    """Every generated POD validates and round-trips through format (rule: UP-4)."""
    assert pod.format(pod.validate(code)) == code


@given(pod_invalidi())
def test_generated_invalid_pods_are_rejected(code: str) -> None:
    """Every generated invalid POD is rejected."""
    assert not pod.is_valid(code)


@given(pdr_codes())
def test_generated_pdrs_round_trip(code: str) -> None:
    """Every generated PDR validates and round-trips through format (rule: UP-4)."""
    assert pdr.format(pdr.validate(code)) == code


@given(pdr_invalidi())
def test_generated_invalid_pdrs_are_rejected(code: str) -> None:
    """Every generated invalid PDR is rejected."""
    assert not pdr.is_valid(code)
