"""Model and form fields: compact values, sportello's validation, migrations-friendly."""

import importlib
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from hypothesis import given
from hypothesis import strategies as st

from clienti.forms import ClienteForm
from clienti.models import Cliente
from sportello.contrib.django import fields
from sportello.contrib.django import forms as sportello_forms
from sportello.testing import strategies as ss

VALID = {
    "codice_cliente": " 005 007 ",
    "codice_fiscale": "rss mra 85t10 a562s",
    "partita_iva": "IT 00743110157",
    "pod": "it 001 e 1234 5678",
    "pdr": "0334 0009 7490 21",
    "iban": "it60 x054 2811 1010 0000 0123 456",
    "codice_cliente_esteso": "1234 5678",
}


@pytest.mark.parametrize(
    ("field", "max_length"),
    [
        (fields.CodiceFiscaleField(), 16),
        (fields.PartitaIvaField(), 11),
        (fields.PODField(), 15),
        (fields.PDRField(), 14),
        (fields.IBANField(), 34),
        (fields.IBANField(italian_only=True), 27),
        (fields.CodiceClienteField(), 6),
        (fields.CodiceClienteField(digits=8), 8),
    ],
)
def test_max_length_fits_the_compact_value(
    field: fields.CodiceFiscaleField, max_length: int
) -> None:
    """Each field's column is exactly as long as the longest compact value."""
    assert field.max_length == max_length


def test_deconstruct_keeps_only_what_differs_from_the_default() -> None:
    """The default length is implied; options and an explicit length are written."""
    assert fields.CodiceFiscaleField().deconstruct()[1:] == (
        "sportello.contrib.django.fields.CodiceFiscaleField",
        [],
        {},
    )
    _, _, _, kwargs = fields.CodiceClienteField(digits=8, blank=True).deconstruct()
    assert kwargs == {"digits": 8, "blank": True}
    _, _, _, kwargs = fields.PODField(max_length=20).deconstruct()
    assert kwargs == {"max_length": 20}
    _, _, args, kwargs = fields.IBANField(italian_only=True).deconstruct()
    assert fields.IBANField(*args, **kwargs).identifier_options == {"italian_only": True}


@pytest.mark.django_db
def test_migrations_are_current() -> None:
    """makemigrations finds nothing to write, for the sportello app and the test app."""
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out, verbosity=1)
    assert "No changes detected" in out.getvalue()


@pytest.mark.django_db
def test_full_clean_stores_compact_values() -> None:
    """full_clean compacts every identifier before saving (UP-1, UP-2, UP-4)."""
    cliente = Cliente(**VALID)
    cliente.full_clean()
    cliente.save()
    stored = Cliente.objects.get()
    assert (stored.codice_cliente, stored.codice_fiscale, stored.pod) == (
        "005007",
        "RSSMRA85T10A562S",
        "IT001E12345678",
    )
    assert stored.iban == "IT60X0542811101000000123456"
    assert stored.codice_cliente_esteso == "12345678"


@pytest.mark.django_db
def test_queries_compact_their_values() -> None:
    """A lookup with spaces or lower case finds the stored compact value."""
    Cliente.objects.create(
        codice_cliente="005007", codice_fiscale="RSSMRA85T10A562S", pod="IT001E12345678"
    )
    assert Cliente.objects.filter(pod="it 001 e 1234 5678").count() == 1
    assert Cliente.objects.filter(codice_fiscale="rssmra85t10a562s").exists()


@pytest.mark.django_db
def test_full_clean_reports_each_field_with_sportellos_codes() -> None:
    """Bad values give one error list per field, each with the violation's code (EB-1)."""
    cliente = Cliente(
        codice_cliente="5007",
        codice_fiscale="RSSMRA85T10A562T",
        iban="DE89370400440532013000",
        codice_cliente_esteso="005007",
    )
    with pytest.raises(ValidationError) as caught:
        cliente.full_clean()
    codes = {name: [e.code for e in errors] for name, errors in caught.value.error_dict.items()}
    assert codes == {
        "codice_cliente": ["codice_cliente.invalid_length"],
        "codice_fiscale": ["codice_fiscale.invalid_checksum"],
        "iban": ["iban.not_italian"],
        "codice_cliente_esteso": ["codice_cliente.invalid_length"],
    }


def test_model_form_uses_the_form_fields() -> None:
    """A ModelForm gets sportello's form fields, with the model field's options."""
    form = ClienteForm()
    assert isinstance(form.fields["codice_fiscale"], sportello_forms.CodiceFiscaleField)
    assert isinstance(form.fields["iban"], sportello_forms.IBANField)
    assert form.fields["iban"].identifier_options == {"italian_only": True}
    assert form.fields["codice_cliente_esteso"].identifier_options == {"digits": 8}


def test_form_fields_clean_to_compact_values_and_keep_no_maxlength() -> None:
    """The form field cleans what a person types; no HTML maxlength blocks typed spaces."""
    field = sportello_forms.CodiceFiscaleField()
    assert field.clean(" rss mra 85t10 a562s ") == "RSSMRA85T10A562S"
    html = str(field.widget.render("cf", ""))
    assert "maxlength" not in html
    assert 'autocapitalize="characters"' in html
    assert 'inputmode="numeric"' in str(sportello_forms.PDRField().widget.render("pdr", ""))
    assert 'inputmode="numeric"' not in html
    with pytest.raises(ValidationError) as caught:
        field.clean("RSSMRA85T10A562T")
    assert caught.value.error_list[0].code == "codice_fiscale.invalid_checksum"
    with pytest.raises(ValidationError) as caught:
        field.clean("  ")
    assert caught.value.error_list[0].code == "required"  # Django's own required check
    assert sportello_forms.PODField(required=False).clean("") == ""


def test_form_field_options() -> None:
    """Form fields take the same options as the model fields (UP-2)."""
    assert sportello_forms.CodiceClienteField(digits=8).clean("1234 5678") == "12345678"
    with pytest.raises(ValidationError):
        sportello_forms.CodiceClienteField().clean("12345678")


_CASES = {
    "codice_fiscale": (sportello_forms.CodiceFiscaleField, ss.codici_fiscali()),
    "partita_iva": (sportello_forms.PartitaIvaField, ss.partite_iva()),
    "pod": (sportello_forms.PODField, ss.pod()),
    "pdr": (sportello_forms.PDRField, ss.pdr()),
    "iban": (sportello_forms.IBANField, ss.iban_italiani()),
    "codice_cliente": (sportello_forms.CodiceClienteField, ss.codici_cliente()),
}


@given(st.sampled_from(sorted(_CASES)).flatmap(lambda n: st.tuples(st.just(n), _CASES[n][1])))
def test_form_fields_clean_to_what_the_rules_return(case: tuple[str, str]) -> None:
    """For every valid value, the form field cleans to the rules module's validate (UP-1, UP-4)."""
    name, raw = case
    module = importlib.import_module(f"sportello.rules.identifiers.{name}")
    field = _CASES[name][0]()
    assert field.clean(f" {raw.lower()} ") == module.validate(raw.lower())
    assert len(field.clean(raw)) <= getattr(fields, field.__class__.__name__)().max_length
