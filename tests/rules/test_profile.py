"""Personal data the customer may change alone: phone, fax, e-mail (UP-6)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportello import ValidationError
from sportello.rules.profile import (
    EDITABLE_FIELDS,
    check_update,
    normalize_email,
    normalize_phone,
    normalize_update,
)


def test_only_phone_fax_and_email_are_editable() -> None:
    """The seed lets the customer change "Telefono, FAX ed E-Mail" and nothing else (rule: UP-6)."""
    assert frozenset({"telefono", "fax", "email"}) == EDITABLE_FIELDS


@pytest.mark.parametrize(
    "field", ["indirizzo", "denominazione", "codice_fiscale", "partita_iva", "iban", "Telefono"]
)
def test_other_fields_need_a_request_to_the_company(field: str) -> None:
    """Any other field is refused with "occorre contattare la società" (rule: UP-6)."""
    found = check_update({field: "x"})
    assert [(v.code, v.path, v.rule) for v in found] == [
        ("profile.field_not_editable", field, "UP-6")
    ]
    assert "contattare la società" in found[0].message()
    assert "request to the company" in found[0].message("en")


@pytest.mark.parametrize(
    ("text", "e164"),
    [
        ("055 123 4567", "+390551234567"),  # Florence landline
        ("06 6982", "+39066982"),  # Vatican switchboard, short but valid
        ("+39 347 123 4567", "+393471234567"),  # Italian mobile
        ("347-123-4567", "+393471234567"),
        ("0039 02 1234 5678", "+390212345678"),  # 00 as international prefix
        ("+44 20 7946 0958", "+442079460958"),  # London, international accepted
        ("+33 1 42 68 53 00", "+33142685300"),
    ],
)
def test_phone_numbers_are_normalised_to_e164(text: str, e164: str) -> None:
    """Italian numbers by default, international with + or 00, all in E.164 (rule: UP-6)."""
    assert normalize_phone(text) == e164


@pytest.mark.parametrize("text", ["123", "abc", "+39 12", "055 123 4567 8901 2345", "+999 1234"])
def test_invalid_phone_numbers_are_refused(text: str) -> None:
    """A number that is not valid for its country is profile.phone_invalid (rule: UP-6)."""
    with pytest.raises(ValidationError) as err:
        normalize_phone(text, path="fax")
    assert [(v.code, v.path) for v in err.value.violations] == [("profile.phone_invalid", "fax")]


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("mario.rossi@example.com", "mario.rossi@example.com"),
        (" Mario.Rossi@EXAMPLE.com ", "Mario.Rossi@example.com"),
        ("info@città.it", "info@città.it"),
    ],
)
def test_email_is_normalised_without_network(text: str, normal: str) -> None:
    """The e-mail's domain is lower-cased; no DNS is asked by default (rule: UP-6)."""
    assert normalize_email(text) == normal


@pytest.mark.parametrize("text", ["mario", "mario@", "@example.com", "a b@example.com", "x@y"])
def test_invalid_email_is_refused(text: str) -> None:
    """A malformed address is profile.email_invalid (rule: UP-6)."""
    with pytest.raises(ValidationError) as err:
        normalize_email(text)
    assert err.value.codes == ("profile.email_invalid",)


def test_update_collects_every_problem_with_paths() -> None:
    """Every refused field is reported at once, each at its own path (rule: UP-6)."""
    found = check_update({"telefono": "123", "email": "nope", "indirizzo": "VIA NUOVA 1"})
    assert sorted((v.path, v.code) for v in found) == [
        ("email", "profile.email_invalid"),
        ("indirizzo", "profile.field_not_editable"),
        ("telefono", "profile.phone_invalid"),
    ]


def test_normalize_update_returns_clean_values() -> None:
    """An accepted change comes back normalised; blank phone or fax clears it (rule: UP-6)."""
    clean = normalize_update(
        {"telefono": "+39 347 123 4567", "fax": "", "email": "Mario@Example.com"}
    )
    assert clean == {"telefono": "+393471234567", "fax": "", "email": "Mario@example.com"}
    assert normalize_update({"fax": None}) == {"fax": ""}


def test_email_cannot_be_cleared_and_values_must_be_text() -> None:
    """A blank e-mail is profile.email_required; a non-text phone is invalid (rule: UP-6)."""
    found = check_update({"email": " ", "telefono": 3471234567})
    assert [(v.path, v.code) for v in found] == [
        ("email", "profile.email_required"),
        ("telefono", "profile.phone_invalid"),
    ]
    with pytest.raises(ValidationError):
        normalize_update({"email": None})


@given(st.text(max_size=30))
def test_phone_check_never_raises_anything_else(text: str) -> None:
    """Junk phone input is either E.164 or one profile.phone_invalid violation (rule: UP-6)."""
    refused: tuple[str, ...] = ()
    result = ""
    try:
        result = normalize_phone(text)
    except ValidationError as err:
        refused = err.codes
    assert refused == ("profile.phone_invalid",) or result.startswith("+")


@pytest.mark.parametrize("wrong", [None, [], 3912345678, b"x@example.com"], ids=repr)
def test_phone_and_email_refuse_what_is_not_text(wrong: object) -> None:
    """normalize_phone/normalize_email of a non-str give profile.not_text (rule: UP-6)."""
    with pytest.raises(ValidationError) as caught:
        normalize_phone(wrong)  # type: ignore[arg-type]
    assert [v.code for v in caught.value.violations] == ["profile.not_text"]
    with pytest.raises(ValidationError) as caught:
        normalize_email(wrong)  # type: ignore[arg-type]
    assert [v.code for v in caught.value.violations] == ["profile.not_text"]


def test_over_long_contacts_are_refused_by_length() -> None:
    """An e-mail over 254 or a phone over 64 characters is refused by length (rule: UP-6)."""
    from sportello.rules.profile import MAX_EMAIL_LENGTH, MAX_PHONE_LENGTH

    with pytest.raises(ValidationError) as caught:
        normalize_email("a" * (MAX_EMAIL_LENGTH - 10) + "@example.it")
    assert [v.code for v in caught.value.violations] == ["profile.email_too_long"]
    with pytest.raises(ValidationError) as caught:
        normalize_phone(" " + "3" * (MAX_PHONE_LENGTH + 1))
    assert [v.code for v in caught.value.violations] == ["profile.phone_too_long"]
    assert normalize_phone(" 055 123 4567 " + " " * MAX_PHONE_LENGTH) == "+390551234567"


# --- UP-6: every violation in full, the exact limits, the options passed through --------------

#: A valid address of exactly MAX_EMAIL_LENGTH (254) characters.
LONGEST_EMAIL = "a" * 64 + "@" + "b" * 63 + "." + "c" * 63 + "." + "d" * 58 + ".it"
#: A valid number of exactly MAX_PHONE_LENGTH (64) characters (blanks inside count).
LONGEST_PHONE = "+39" + " " * 51 + "0612345678"


def _full(call: object) -> list[tuple[str, str, dict[str, object]]]:
    assert callable(call)
    with pytest.raises(ValidationError) as caught:
        call()
    return [(v.code, v.path, v.params) for v in caught.value.violations]


def test_up6_email_and_phone_at_exactly_their_longest() -> None:
    """UP-6: 254 characters of e-mail and 64 of phone pass; one more is refused, at the path."""
    assert len(LONGEST_EMAIL) == 254
    assert len(LONGEST_PHONE) == 64
    assert normalize_email(LONGEST_EMAIL) == LONGEST_EMAIL
    assert normalize_phone(LONGEST_PHONE) == "+390612345678"
    assert _full(lambda: normalize_email(LONGEST_EMAIL + "x", path="e")) == [
        ("profile.email_too_long", "e", {"max": 254})
    ]
    assert _full(lambda: normalize_phone(LONGEST_PHONE + "1")) == [
        ("profile.phone_too_long", "telefono", {"max": 64})
    ]


def test_up6_default_paths_and_not_text() -> None:
    """UP-6: without ``path`` the violations are at ``email`` / ``telefono``; types are named."""
    assert _full(lambda: normalize_email(5)) == [  # type: ignore[arg-type]
        ("profile.not_text", "email", {"type": "int"})
    ]
    assert _full(lambda: normalize_phone(None)) == [  # type: ignore[arg-type]
        ("profile.not_text", "telefono", {"type": "NoneType"})
    ]
    assert _full(lambda: normalize_email("mario")) == [
        ("profile.email_invalid", "email", {"value": "mario"})
    ]
    assert _full(lambda: normalize_phone("123", path="fax")) == [
        ("profile.phone_invalid", "fax", {"value": "123"})
    ]


def test_up6_a_00_prefix_is_international() -> None:
    """UP-6: ``0044 ...`` is read as ``+44 ...``, whatever the region's own exit code."""
    assert normalize_phone("0044 20 7946 0958") == "+442079460958"
    assert normalize_phone("0044 20 7946 0958", region="US") == "+442079460958"  # US exits 011


def test_up6_update_violations_in_full_and_every_field_checked() -> None:
    """UP-6: after a field that is not editable, the others are still checked, each at its path."""
    changes = {"indirizzo": "VIA NUOVA 1", "fax": "123", "telefono": 42, "email": "x"}
    assert [(v.code, v.path, v.params) for v in check_update(changes)] == [
        ("profile.field_not_editable", "indirizzo", {"field": "indirizzo"}),
        ("profile.phone_invalid", "fax", {"value": "123"}),
        ("profile.phone_invalid", "telefono", {"value": 42}),
        ("profile.email_invalid", "email", {"value": "x"}),
    ]


def test_up6_deliverability_is_asked_only_when_requested(monkeypatch: pytest.MonkeyPatch) -> None:
    """UP-6: check_deliverability goes through to email-validator (default off: no DNS)."""
    import email_validator

    asked: list[bool] = []
    real = email_validator.validate_email

    def fake(text: str, *, check_deliverability: bool) -> object:
        asked.append(check_deliverability)
        if check_deliverability:  # what a domain without MX gets, without asking DNS
            raise email_validator.EmailUndeliverableError("no MX")
        return real(text, check_deliverability=False)

    monkeypatch.setattr(email_validator, "validate_email", fake)
    assert check_update({"email": "m@example.it"}) == []
    found = check_update({"email": "m@example.it"}, check_deliverability=True)
    assert [(v.code, v.path, v.params) for v in found] == [
        ("profile.email_undeliverable", "email", {"value": "m@example.it"})
    ]
    assert _full(lambda: normalize_email("m@example.it", check_deliverability=True)) == [
        ("profile.email_undeliverable", "email", {"value": "m@example.it"})
    ]
    assert asked == [False, True, True]
