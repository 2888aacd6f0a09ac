"""Django validators: sportello's code, params and message, in the active language."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation

from sportello.contrib.django.validators import (
    IdentifierValidator,
    ViolationError,
    to_django,
    validate_codice_cliente,
    validate_codice_fiscale,
    validate_iban,
    validate_partita_iva,
    validate_pdr,
    validate_pod,
)


@pytest.mark.parametrize(
    ("validator", "good", "bad", "code"),
    [
        (
            validate_codice_fiscale,
            "rss mra 85t10 a562s",
            "RSSMRA85T10A562T",
            "codice_fiscale.invalid_checksum",
        ),  # rule: UP-1
        (validate_partita_iva, "00743110157", "00743110158", "partita_iva.invalid_checksum"),
        (validate_pod, "IT001E12345678", "IT001X12345678", "pod.invalid_format"),  # rule: UP-4
        (validate_pdr, "03340009749021", "0334000974902", "pdr.invalid_length"),
        (
            validate_iban,
            "IT60X0542811101000000123456",
            "IT60X0542811101000000123457",
            "iban.invalid_checksum",
        ),
        (validate_codice_cliente, "005007", "5007", "codice_cliente.invalid_length"),  # rule: UP-2
    ],
)
def test_validators_pass_good_and_refuse_bad_values(
    validator: IdentifierValidator, good: str, bad: str, code: str
) -> None:
    """A good value passes; a bad one raises Django's ValidationError with sportello's code."""
    validator(good)
    with pytest.raises(ValidationError) as caught:
        validator(bad)
    assert [e.code for e in caught.value.error_list] == [code]
    assert isinstance(caught.value.error_list[0], ViolationError)


def test_message_follows_the_active_language() -> None:
    """translation.override picks the catalog's language; an unknown one falls back to Italian."""
    with pytest.raises(ValidationError) as caught:
        validate_codice_cliente("12")
    error = caught.value.error_list[0]
    assert error.params == {"digits": 6, "length": 2}
    with translation.override("en"):
        assert caught.value.messages == ["The customer code must have 6 digits (it has 2)."]
    with translation.override("it"):
        assert caught.value.messages == ["Il codice cliente deve avere 6 cifre (ne ha 2)."]
    with translation.override("de"):
        assert caught.value.messages == ["Il codice cliente deve avere 6 cifre (ne ha 2)."]
    with translation.override("en-gb"):
        assert str(error.message).startswith("The customer code")


def test_the_message_is_rendered_when_shown_not_when_raised() -> None:
    """The message is lazy: raised under Italian, shown under English, it reads English."""
    with translation.override("it"), pytest.raises(ValidationError) as caught:
        validate_pdr("123")
    with translation.override("en"):
        assert caught.value.messages == ["The PDR must have 14 digits (it has 3)."]


def test_every_violation_is_one_error() -> None:
    """A value with two faults gives two errors, each with its own code (UP-2)."""
    with pytest.raises(ValidationError) as caught:
        validate_codice_cliente("12a")
    assert [e.code for e in caught.value.error_list] == [
        "codice_cliente.invalid_format",
        "codice_cliente.invalid_length",
    ]
    assert [e.violation.rule for e in caught.value.error_list] == ["UP-2", "UP-2"]


def test_a_percent_sign_in_a_message_survives_djangos_formatting() -> None:
    """Django formats a message that has params with %: a literal percent is kept."""
    from sportello import Violation

    # an unknown code renders as itself: a message with a "%" and params to format with
    with_params = to_django([Violation.of("nowhere.50%", share=1)])
    assert with_params.messages == ["nowhere.50%"]
    assert with_params.error_list[0].params == {"share": 1}
    without = to_django([Violation.of("nowhere.100%")])
    assert without.messages == ["nowhere.100%"]


def test_errors_pickle_and_copy() -> None:
    """A ViolationError survives pickle and deepcopy (caches, sessions, test contexts)."""
    import copy
    import pickle

    with pytest.raises(ValidationError) as caught:
        validate_codice_cliente("12")
    error = caught.value.error_list[0]
    for again in (pickle.loads(pickle.dumps(error)), copy.deepcopy(error)):  # noqa: S301
        assert isinstance(again, ViolationError)
        assert again.violation == error.violation
        assert (again.code, again.params) == (error.code, error.params)
        with translation.override("en"):
            assert list(again) == ["The customer code must have 6 digits (it has 2)."]


def test_a_plain_charfield_with_the_validator_is_a_form_error_not_a_500() -> None:
    """CharField(validators=[validate_codice_fiscale]) reports the fault on the field."""

    class Modulo(forms.Form):
        codice_fiscale = forms.CharField(validators=[validate_codice_fiscale])

    form = Modulo({"codice_fiscale": "RSSMRA85T10A562T"})
    assert not form.is_valid()
    (error,) = form.errors.as_data()["codice_fiscale"]
    assert error.code == "codice_fiscale.invalid_checksum"
    assert form.errors.get_json_data()["codice_fiscale"][0]["code"] == error.code


def test_validators_deconstruct_and_compare() -> None:
    """Validators deconstruct to their public path and compare by name and options."""
    path, args, kwargs = IdentifierValidator("codice_cliente", digits=8).deconstruct()
    assert path == "sportello.contrib.django.validators.IdentifierValidator"
    assert (args, kwargs) == (("codice_cliente",), {"digits": 8})
    assert IdentifierValidator("pod") == validate_pod
    assert IdentifierValidator("pod") != IdentifierValidator("pdr")
    assert IdentifierValidator("pod") != "pod"
    assert len({IdentifierValidator("pod"), validate_pod}) == 1
    assert repr(IdentifierValidator("iban", italian_only=True)) == (
        "IdentifierValidator('iban', italian_only=True)"
    )


def test_options_reach_the_rule() -> None:
    """digits (UP-2) and italian_only (EB-1) are the rules module's options."""
    IdentifierValidator("codice_cliente", digits=8)("12345678")
    with pytest.raises(ValidationError) as caught:
        IdentifierValidator("iban", italian_only=True)("DE89370400440532013000")
    assert caught.value.error_list[0].violation.rule == "EB-1"


def test_unknown_names_and_options_fail_at_once() -> None:
    """A misspelt identifier or option is a ValueError when settings or models load."""
    with pytest.raises(ValueError, match="unknown identifier"):
        IdentifierValidator("pods")
    with pytest.raises(ValueError, match="takes no option"):
        IdentifierValidator("pod", digits=3)


def test_a_non_string_is_a_violation_too() -> None:
    """A value that is not text is refused with identifiers.not_a_string."""
    with pytest.raises(ValidationError) as caught:
        validate_pdr(3340009749021)
    assert caught.value.error_list[0].code == "identifiers.not_a_string"
