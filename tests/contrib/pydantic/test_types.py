"""sportello.contrib.pydantic: identifier types that normalise, fail with codes, publish schemas."""

import re
from typing import Annotated, Any

import pydantic
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportello.contrib.pydantic import (
    IBAN,
    PDR,
    POD,
    CodiceCliente,
    CodiceFiscale,
    Identifier,
    PartitaIva,
    custom_error,
    lang_of,
)
from sportello.testing import strategies as ss

TYPES: dict[str, Any] = {
    "codice_fiscale": CodiceFiscale,
    "partita_iva": PartitaIva,
    "pod": POD,
    "pdr": PDR,
    "iban": IBAN,
    "codice_cliente": CodiceCliente,
}


@pytest.mark.parametrize(
    ("name", "raw", "compact"),
    [
        ("codice_fiscale", " rss mra 85t10 a562s ", "RSSMRA85T10A562S"),  # rule: UP-1
        ("codice_fiscale", "00743110157", "00743110157"),
        ("partita_iva", "IT 007 4311 0157", "00743110157"),
        ("pod", "it-001-e-1234-5678", "IT001E12345678"),  # rule: UP-4
        ("pod", "IT001E12345678A", "IT001E12345678A"),
        ("pdr", "0334 0009 7490 21", "03340009749021"),
        ("iban", "it60 x054 2811 1010 0000 0123 456", "IT60X0542811101000000123456"),
        ("iban", "DE89 3704 0044 0532 0130 00", "DE89370400440532013000"),
        ("codice_cliente", " 005 007 ", "005007"),  # rule: UP-2
    ],
)
def test_valid_values_come_back_compact(name: str, raw: str, compact: str) -> None:
    """A valid value is kept in the rules module's compact form."""
    assert pydantic.TypeAdapter(TYPES[name]).validate_python(raw) == compact


@pytest.mark.parametrize(
    ("name", "raw", "code", "rule"),
    [
        ("codice_fiscale", "RSSMRA85T10A562T", "codice_fiscale.invalid_checksum", ""),
        ("partita_iva", "00743110158", "partita_iva.invalid_checksum", ""),
        ("pod", "IT001X12345678", "pod.invalid_format", "UP-4"),
        ("pdr", "0334000974902", "pdr.invalid_length", "UP-4"),
        ("iban", "IT60X0542811101000000123457", "iban.invalid_checksum", ""),
        ("codice_cliente", "2", "codice_cliente.invalid_length", "UP-2"),
        ("codice_cliente", "   ", "identifiers.empty", ""),
    ],
)
def test_invalid_values_fail_with_sportellos_code(
    name: str, raw: str, code: str, rule: str
) -> None:
    """The pydantic error's type is the violation code; its context has rule and message."""
    with pytest.raises(pydantic.ValidationError) as caught:
        pydantic.TypeAdapter(TYPES[name]).validate_python(raw)
    (error,) = caught.value.errors()
    assert error["type"] == code
    assert error["ctx"]["code"] == code
    assert error["ctx"]["rule"] == rule
    assert error["msg"] == error["ctx"]["message"]
    assert not error["msg"].startswith("Value error")
    assert error["ctx"]["violations"][0]["code"] == code


def test_message_language_comes_from_the_validation_context() -> None:
    """Italian by default; context={"lang": "en"} gives English (rule: UP-2)."""

    class Login(pydantic.BaseModel):
        codice_cliente: CodiceCliente

    for context, expected in (
        (None, "Il codice cliente deve avere 6 cifre (ne ha 1)."),
        ({"lang": "en"}, "The customer code must have 6 digits (it has 1)."),
        ({"lang": "fr"}, "Il codice cliente deve avere 6 cifre (ne ha 1)."),
    ):
        with pytest.raises(pydantic.ValidationError) as caught:
            Login.model_validate({"codice_cliente": "2"}, context=context)
        (error,) = caught.value.errors()
        assert error["msg"] == expected
        assert error["loc"] == ("codice_cliente",)


def test_every_violation_is_carried() -> None:
    """A value with two faults: the first code is the type, both are in msg and ctx."""
    with pytest.raises(pydantic.ValidationError) as caught:
        pydantic.TypeAdapter(CodiceCliente).validate_python("12a")
    (error,) = caught.value.errors()
    codes = [v["code"] for v in error["ctx"]["violations"]]
    assert codes == ["codice_cliente.invalid_format", "codice_cliente.invalid_length"]
    assert error["type"] == "codice_cliente.invalid_format"
    assert "solo cifre" in error["msg"]
    assert "6 cifre" in error["msg"]
    assert error["msg"] == " ".join(v["message"] for v in error["ctx"]["violations"])


def test_error_json_and_str_carry_no_value() -> None:
    """The error serialises to JSON, and its text does not quote the codice fiscale."""
    with pytest.raises(pydantic.ValidationError) as caught:
        pydantic.TypeAdapter(CodiceFiscale).validate_python("RSSMRA85T10A562T")
    assert "invalid_checksum" in caught.value.json(include_input=False)
    assert "RSSMRA85T10A562T" not in caught.value.json(include_input=False)


def test_not_a_string_is_pydantics_own_type_error() -> None:
    """A number is refused by pydantic's str type before sportello runs."""
    with pytest.raises(pydantic.ValidationError) as caught:
        pydantic.TypeAdapter(PDR).validate_python(3340009749021)
    assert caught.value.errors()[0]["type"] == "string_type"


@pytest.mark.parametrize("name", sorted(TYPES))
def test_json_schema_has_pattern_example_description(name: str) -> None:
    """Each type publishes a string schema with pattern, examples and description."""
    schema = pydantic.TypeAdapter(TYPES[name]).json_schema()
    assert schema["type"] == "string"
    assert schema["description"]
    (example,) = schema["examples"]
    assert re.fullmatch(schema["pattern"], example)
    assert pydantic.TypeAdapter(TYPES[name]).validate_python(example) == example


def test_model_schema_carries_the_identifier_schemas() -> None:
    """In a model, each field's schema is the identifier's; optional fields keep it in anyOf."""

    class Fornitura(pydantic.BaseModel):
        pod: POD
        pdr: PDR | None = None

    schema = Fornitura.model_json_schema()
    assert schema["properties"]["pod"]["pattern"] == "^IT[0-9]{3}E[0-9]{8}[A-Z0-9]?$"
    assert schema["properties"]["pdr"]["anyOf"][0]["pattern"] == "^[0-9]{14}$"
    assert schema["required"] == ["pod"]


def test_identifier_options() -> None:
    """digits (UP-2) and italian_only (EB-1) reach validate, the pattern and the example."""
    otto = pydantic.TypeAdapter(Annotated[str, Identifier("codice_cliente", digits=8)])
    assert otto.validate_python("12345678") == "12345678"
    assert otto.json_schema()["pattern"] == "^[0-9]{8}$"
    assert otto.json_schema()["examples"] == ["00005007"]
    assert "8 cifre" in otto.json_schema()["description"]
    with pytest.raises(pydantic.ValidationError):
        otto.validate_python("005007")
    italiano = pydantic.TypeAdapter(Annotated[str, Identifier("iban", italian_only=True)])
    with pytest.raises(pydantic.ValidationError) as caught:
        italiano.validate_python("DE89370400440532013000")
    assert caught.value.errors()[0]["ctx"]["rule"] == "EB-1"
    assert italiano.json_schema()["pattern"].startswith("^IT")
    assert repr(Identifier("iban", italian_only=True)) == "Identifier('iban', italian_only=True)"


def test_identifier_refuses_unknown_names_and_options() -> None:
    """A misspelt identifier or option is a programming error, told at once."""
    with pytest.raises(ValueError, match="unknown identifier"):
        Identifier("codice_fiscal")
    with pytest.raises(ValueError, match="takes no option"):
        Identifier("pod", digits=6)


def test_lang_of_and_custom_error() -> None:
    """lang_of reads only "it" and "en"; custom_error builds the error from a ValidationError."""
    from sportello import ValidationError, Violation

    assert lang_of({"lang": "en"}) == "en"
    assert lang_of({"lang": "EN"}) == "it"
    assert lang_of("en") == "it"
    err = custom_error(ValidationError([Violation.of("identifiers.empty")]), "en")
    assert err.type == "identifiers.empty"
    assert err.message() == "The value is empty."


_VALID = {
    "codice_fiscale": ss.codici_fiscali(),
    "partita_iva": ss.partite_iva(),
    "pod": ss.pod(),
    "pdr": ss.pdr(),
    "iban": ss.iban_italiani(),
    "codice_cliente": ss.codici_cliente(),
}


@given(st.sampled_from(sorted(_VALID)).flatmap(lambda n: st.tuples(st.just(n), _VALID[n])))
def test_every_valid_value_matches_the_published_pattern(case: tuple[str, str]) -> None:
    """What validation returns always matches the schema's pattern (schema and rules agree)."""
    name, raw = case
    adapter = pydantic.TypeAdapter(TYPES[name])
    assert re.fullmatch(adapter.json_schema()["pattern"], adapter.validate_python(raw))
