"""Sportello account forms: registration (AU-1, PW-1..PW-3), login (AU-4), password change
(PW-1..PW-4), portal-anomaly report (AU-5).
"""

from collections.abc import Callable
from typing import Any

import pytest

from sportello import ValidationError
from sportello.forms import (
    CambioPassword,
    Login,
    RegistrazioneSportello,
    SegnalazioneAnomalia,
    load,
)

Example = Callable[[str], dict[str, Any]]


def _violations(cls: type, doc: dict[str, Any]) -> list[tuple[str, str, str]]:
    with pytest.raises(ValidationError) as info:
        load(cls, doc)
    return [(v.path, v.code, v.rule) for v in info.value.violations]


def test_au1_registration_names_every_missing_field_at_once() -> None:
    """AU-1: an empty registration lists every mandatory field, each with rule AU-1."""
    assert _violations(RegistrazioneSportello, {}) == [
        ("username", "forms.required", "AU-1"),
        ("password", "forms.required", "AU-1"),
        ("tipo_cliente", "forms.required", "AU-1"),
        ("codice_fiscale", "forms.required", "AU-1"),
        ("email", "forms.required", "AU-1"),
        ("nome", "forms.nome_or_ragione_sociale", "AU-1"),
        ("cognome", "forms.nome_or_ragione_sociale", "AU-1"),
    ]


def test_au1_company_registers_with_ragione_sociale(example: Example) -> None:
    """AU-1: a company gives the ragione sociale and its 11-digit codice fiscale instead."""
    doc = example("registrazione_sportello")
    for key in ("nome", "cognome", "data_nascita", "sesso"):
        del doc[key]
    doc.update(ragione_sociale="Rossi S.r.l.", codice_fiscale="00743110157", username="rossisrl")
    doc["tipo_cliente"] = "non_domestico"
    assert load(RegistrazioneSportello, doc).ragione_sociale == "Rossi S.r.l."


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"nome": "Luigi"}, "nome"),
        ({"cognome": "Bianchi"}, "cognome"),
        ({"sesso": "F"}, "sesso"),
        ({"data_nascita": "1985-12-11"}, "data_nascita"),
    ],
)
def test_au1_codice_fiscale_matches_the_person(
    changes: dict[str, str], path: str, example: Example
) -> None:
    """AU-1: the codice fiscale must match the declared names, birth date and sex."""
    doc = example("registrazione_sportello")
    doc.update(changes)
    doc["password"] = "Zz#90000000"
    found = _violations(RegistrazioneSportello, doc)
    assert [(p, r) for p, _, r in found] == [(path, "AU-1")]
    assert found[0][1].startswith("codice_fiscale.")


def test_pw_policy_on_registration(example: Example) -> None:
    """PW-1, PW-2, PW-3: the password policy runs against the username and the names."""
    doc = example("registrazione_sportello")
    doc["password"] = "mario"
    found = _violations(RegistrazioneSportello, doc)
    assert {r for _, _, r in found} == {"PW-1", "PW-2", "PW-3"}
    assert {p for p, _, _ in found} == {"password"}
    assert ("password", "password.contains_nome", "PW-3") in found


def test_pw_password_is_kept_as_typed(example: Example) -> None:
    """Blanks are part of a password: it is not stripped."""
    doc = example("registrazione_sportello")
    doc["password"] = " Bollette!2026 "
    assert load(RegistrazioneSportello, doc).password == " Bollette!2026 "


def test_au4_login_needs_username_and_password() -> None:
    """AU-4: login is username plus password, both required."""
    assert _violations(Login, {"username": " "}) == [
        ("username", "forms.required", "AU-4"),
        ("password", "forms.required", "AU-4"),
    ]


def test_pw4_new_password_differs_from_the_current_one(example: Example) -> None:
    """PW-4: the new password must differ from the current one; the confirmation must match."""
    doc = example("cambio_password")
    doc["nuova_password"] = doc["password_attuale"]
    found = _violations(CambioPassword, doc)
    assert ("nuova_password", "forms.password_unchanged", "PW-4") in found
    assert ("conferma_password", "forms.password_confirmation_mismatch", "") in found


def test_pw3_new_password_checked_against_username(example: Example) -> None:
    """PW-3: the new password must not contain the username nor the last name."""
    doc = example("cambio_password")
    doc["nuova_password"] = doc["conferma_password"] = "xMROSSI85!x"
    assert _violations(CambioPassword, doc) == [
        ("nuova_password", "password.contains_username", "PW-3"),
        ("nuova_password", "password.contains_cognome", "PW-3"),
    ]


def test_au5_anomaly_report_needs_name_username_and_anomaly() -> None:
    """AU-5: nome e cognome (or ragione sociale), username and the anomaly are required."""
    assert _violations(SegnalazioneAnomalia, {"cognome": "Rossi"}) == [
        ("username", "forms.required", "AU-5"),
        ("anomalia", "forms.required", "AU-5"),
        ("nome", "forms.nome_or_ragione_sociale", "AU-5"),
    ]


def test_au5_screenshot_is_optional_and_a_plain_name(example: Example) -> None:
    """AU-5: the screenshot is optional; when given it is a plain file name."""
    doc = example("segnalazione_anomalia")
    del doc["screenshot"]
    assert load(SegnalazioneAnomalia, doc).screenshot is None
    doc["screenshot"] = "C:/Users/mario/schermata.png"
    assert [(p, c) for p, c, _ in _violations(SegnalazioneAnomalia, doc)] == [
        ("screenshot", "attachments.name_separator")
    ]


def test_pw1_megabyte_password_is_one_violation_in_the_forms(example: Example) -> None:
    """PW-1: a 1 MB password is one too_long per password field, checked before anything."""
    huge = "Aa1!" * 250_000
    registration = example("registrazione_sportello") | {"password": huge}
    assert _violations(RegistrazioneSportello, registration) == [
        ("password", "password.too_long", "PW-1")
    ]
    change = example("cambio_password") | {"nuova_password": huge, "conferma_password": huge}
    assert _violations(CambioPassword, change) == [
        ("nuova_password", "password.too_long", "PW-1"),
        ("conferma_password", "password.too_long", "PW-1"),
    ]


@pytest.mark.parametrize(
    "cls", [RegistrazioneSportello, Login, CambioPassword, SegnalazioneAnomalia]
)
def test_au4_every_username_field_loads_the_canonical_form(cls: type, example: Example) -> None:
    """AU-4: each form's username is folded (case, width) and checked by rules.username."""
    names = {
        RegistrazioneSportello: "registrazione_sportello",
        CambioPassword: "cambio_password",
    }
    doc = example(names[cls]) if cls in names else {}
    if cls is Login:
        doc = {"password": "x"}
    if cls is SegnalazioneAnomalia:
        doc = {"nome": "Mario", "cognome": "Rossi", "anomalia": "La pagina non si apre."}
    loaded = load(cls, {**doc, "username": "ＭＡＲＩＯ.Rossi85"})
    assert loaded.username == "mario.rossi85"
    refused = _violations(cls, {**doc, "username": "m\u0430rio"})
    assert ("username", "username.invalid_character", "AU-4") in refused


def test_au4_username_schema_states_the_alphabet_and_the_limits() -> None:
    """AU-4: the JSON Schema of a username field says 3 to 40 of a-z 0-9 . _ -."""
    from sportello.forms import json_schema

    schema = json_schema(RegistrazioneSportello, mode="output")["properties"]["username"]
    assert (schema["minLength"], schema["maxLength"]) == (3, 40)
    assert schema["pattern"] == "^[a-z0-9]([a-z0-9._-]*[a-z0-9])?$"
