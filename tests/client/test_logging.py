"""Redaction of secrets and personal codes in the client's logs and texts."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportello.client._logging import redact
from sportello.testing.strategies import codici_fiscali, iban_italiani, partite_iva

CASES = [
    ("POST /v1/auth/login password=Segreta1!", "POST /v1/auth/login password=***"),
    ('{"username": "mario", "password": "Segreta1!"}', '{"username": "mario", "password": "***"}'),
    ('{"nuova_password": "A\\"b1!xyzw"}', '{"nuova_password": "***"}'),
    ("Authorization: Bearer abc.DEF-123", "Authorization: Bearer ***"),
    ("cf RSSMRA85T10A562S ok", "cf *** ok"),
    ("cf rssmra85t10a562s ok", "cf *** ok"),
    ("piva 01234567897.", "piva ***."),
    ("iban IT60X0542811101000000123456", "iban ***"),
    ("?codice_fiscale=RSSMRA85T10A562S&x=1", "?codice_fiscale=***&x=1"),
    ('{"access_token": "tok"}', '{"access_token": "***"}'),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_redact_masks_secrets(text: str, expected: str) -> None:
    """Passwords, tokens, codici fiscali, partite IVA and IBANs are masked."""
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    ["GET /v1/pratiche/SPCEN123456789012", "codice cliente 005007", "2026-11-25T10:00:00"],
)
def test_redact_keeps_ordinary_text(text: str) -> None:
    """Case numbers, six-digit customer codes and dates are left alone."""
    assert redact(text) == text


@given(
    code=codici_fiscali() | partite_iva() | iban_italiani(),
    before=st.sampled_from(["", "GET /v1/x/", "cf=", "valore "]),
    after=st.sampled_from(["", "/fatture", " ok", "&x=1"]),
)
def test_redact_never_leaks_a_personal_code(code: str, before: str, after: str) -> None:
    """No valid codice fiscale, partita IVA or IBAN survives redaction, wherever it sits."""
    assert code not in redact(f"{before}{code}{after}")
