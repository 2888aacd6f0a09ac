"""CP-4's mobile number: the number as parsed gives the type its E.164 form gives."""

import phonenumbers
import pytest

from sportello import ValidationError
from sportello.rules.profile import normalize_mobile

_TYPES = [t for t in vars(phonenumbers.PhoneNumberType).values() if isinstance(t, int)]


def _examples() -> list[str]:
    """Every region's example number of every type, as written nationally or with ``+``."""
    found = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for kind in _TYPES:
            number = phonenumbers.example_number_for_type(region, kind)
            if number is not None:
                found.append(phonenumbers.format_number(number, 1))  # INTERNATIONAL
    return found


@pytest.mark.parametrize("text", ["+39 333 123 4567", "06 1234 5678", "+44 7400 123456"])
def test_cp4_mobile_as_the_reparsed_number_says(text: str) -> None:
    """CP-4: a number is a mobile exactly when its E.164 form, parsed again, is one."""
    e164 = phonenumbers.format_number(phonenumbers.parse(text, "IT"), 0)
    kind = phonenumbers.number_type(phonenumbers.parse(e164))
    mobile = kind in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    )
    if mobile:
        assert normalize_mobile(text) == e164
    else:
        with pytest.raises(ValidationError) as err:
            normalize_mobile(text)
        assert err.value.codes == ("profile.phone_not_mobile",)


def test_parsed_and_reparsed_numbers_have_the_same_type() -> None:
    """For every region's example numbers the parsed number's type is its E.164 form's."""
    for text in _examples():
        number = phonenumbers.parse(text, "IT")
        if not phonenumbers.is_valid_number(number):
            continue
        e164 = phonenumbers.format_number(number, 0)
        assert phonenumbers.number_type(number) == phonenumbers.number_type(
            phonenumbers.parse(e164)
        ), text


@pytest.mark.parametrize(
    ("kwargs", "path"), [({}, "cellulare"), ({"path": "cliente.cellulare"}, "cliente.cellulare")]
)
@pytest.mark.parametrize(
    ("text", "code"),
    [("06 1234 5678", "profile.phone_not_mobile"), ("12", "profile.phone_invalid")],
)
def test_cp4_a_refused_mobile_names_its_path(
    kwargs: dict[str, str], path: str, text: str, code: str
) -> None:
    """CP-4: a landline or a malformed number is refused at its path ("cellulare" by default)."""
    with pytest.raises(ValidationError) as err:
        normalize_mobile(text, **kwargs)
    assert [(v.path, v.code) for v in err.value.violations] == [(path, code)]
