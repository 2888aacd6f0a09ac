"""Redaction of secrets and personal codes in the client's logs and texts."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportello.client._logging import redact
from sportello.testing.strategies import codici_fiscali, iban_italiani, partite_iva, pdr, pod

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
    # IBANs in lower case and printed in groups of four
    ("iban it60 x054 2811 1010 0000 0123 456 ok", "iban *** ok"),
    ("IBAN IT60 X054 2811 1010 0000 0123 456.", "IBAN ***."),
    ("accredito su it60x0542811101000000123456", "accredito su ***"),
    ("de89 3704 0044 0532 0130 00 (DE)", "*** (DE)"),
    # password=, pwd= and their relatives, in query strings and form bodies
    ("GET /login?user=mario&pwd=Segreta1!", "GET /login?user=mario&pwd=***"),
    ("username=mario.rossi&password=Segreta1%21&x=1", "username=mario.rossi&password=***&x=1"),
    (
        "password_attuale=Vecchia1!&nuova_password=Nuova#2026&conferma_password=Nuova#2026",
        "password_attuale=***&nuova_password=***&conferma_password=***",
    ),
    ("PASSWD=abc PWD = abc", "PASSWD=*** PWD = ***"),
    ("client_secret=s3&refresh_token=r1", "client_secret=***&refresh_token=***"),
    (
        '{"conferma_password": "Nuova#2026", "old_pwd": "x"}',
        '{"conferma_password": "***", "old_pwd": "***"}',
    ),
    ("Authorization: Basic bWFyaW86c2VncmV0YQ==", "Authorization: Basic ***"),
    # personal codes used as file names
    ("upload RSSMRA85T10A562S_fattura.pdf", "upload ***_fattura.pdf"),
    ("?nome=fattura_rssmra85t10a562s.pdf&x=1", "?nome=fattura_***.pdf&x=1"),
    ("GET /v1/area-clienti/fatture/IT001E12345678.pdf", "GET /v1/area-clienti/fatture/***.pdf"),
    ("misure_03340009749021_2026.csv", "misure_***_2026.csv"),
    ("bolletta-01234567897_2026-01.pdf", "bolletta-***_2026-01.pdf"),
    ("pod it001e12345678a, pdr 0334 0009 7490 21", "pod ***, pdr ***"),
    ("/punti/IT001E12345678/autoletture", "/punti/***/autoletture"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_redact_masks_secrets(text: str, expected: str) -> None:
    """Passwords, tokens, codici fiscali, partite IVA and IBANs are masked."""
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "GET /v1/pratiche/SPCEN123456789012",
        "codice cliente 005007",
        "2026-11-25T10:00:00",
        "GET /v1/x -> 200 [request de40f1c3a9b24e7d8c6f5a4b3c2d1e0f]",
        "password: La password deve contenere almeno 8 caratteri (ne ha 5).",
        "Idempotency-Key 3f2b9c1e-5d6a-4b7c-8d9e-0f1a2b3c4d5e",
        "GET /v1/area-clienti/fatture/2026-000123/pdf attempt 1 (timeout 10.00s)",
    ],
)
def test_redact_keeps_ordinary_text(text: str) -> None:
    """Case numbers, customer codes, dates, request ids and violation lines are left alone."""
    assert redact(text) == text


def _spaced(iban: str) -> str:
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))


@given(
    code=codici_fiscali() | partite_iva() | iban_italiani() | pod() | pdr(),
    case=st.sampled_from([str.upper, str.lower]),
    before=st.sampled_from(["", "GET /v1/x/", "cf=", "valore ", "fattura_", "file-"]),
    after=st.sampled_from(["", "/fatture", " ok", "&x=1", "_2026.pdf", ".csv", "-1.pdf"]),
)
def test_redact_never_leaks_a_personal_code(
    code: str, case: object, before: str, after: str
) -> None:
    """No valid CF, partita IVA, IBAN, POD or PDR survives, in any case, in a file name too."""
    shown = case(code)  # type: ignore[operator]
    redacted = redact(f"{before}{shown}{after}")
    assert shown not in redacted
    assert redacted == f"{before}***{after}", "only the code is masked: the line keeps its shape"


@given(iban=iban_italiani(), case=st.sampled_from([str.upper, str.lower]))
def test_redact_masks_spaced_ibans(iban: str, case: object) -> None:
    """An IBAN printed in groups of four, in either case, is masked whole."""
    shown = case(_spaced(iban))  # type: ignore[operator]
    assert redact(f"iban {shown} ok") == "iban *** ok"


@given(request_id=st.uuids().map(lambda u: u.hex))
def test_redact_keeps_hex_request_ids_that_are_no_code(request_id: str) -> None:
    """A lower-case hex request id is masked only if it really reads as an IBAN or a code."""
    import re

    from sportello.client._logging import _iban_checks

    runs = {len(run) for run in re.findall(r"[0-9]+", request_id)}
    looks_like_iban = bool(re.fullmatch(r"[a-f]{2}[0-9]{2}[0-9a-f]+", request_id)) and (
        _iban_checks(request_id)
    )
    masked = redact(f"[request {request_id}]") != f"[request {request_id}]"
    assert masked == (looks_like_iban or 11 in runs or 14 in runs)


def test_client_log_lines_and_errors_hide_a_pod_in_the_path(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A call whose path holds a POD logs it masked, and its TransportError text hides it."""
    import logging

    from sportello.client import Client, TransportError

    from .loopback import Loopback, each

    with (
        Loopback(each([])) as server,  # every connection closed without an answer
        Client(base_url=server.url, token="t", max_retries=1, backoff_base=0.01) as client,
        caplog.at_level(logging.DEBUG, logger="sportello.client"),
        pytest.raises(TransportError) as caught,
    ):
        client.area_clienti.autoletture("IT001E12345678")
    lines = [r.getMessage() for r in caplog.records]
    assert any("/punti-fornitura/***/autoletture" in line for line in lines), lines
    assert not any("IT001E12345678" in line for line in [*lines, str(caught.value)])
