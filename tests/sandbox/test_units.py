"""The sandbox's pure helpers: languages, names, caps, faults, idempotency fingerprints."""

import sqlite3
from pathlib import Path

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from starlette.requests import Request
from starlette.responses import Response

from sportello._violations import ValidationError, Violation
from sportello.rules.attachments import MB, Attachment, Service
from sportello.sandbox import ProblemError, Settings, create_app
from sportello.sandbox._faults import FaultQueue
from sportello.sandbox._idempotency import fingerprint, valid_key
from sportello.sandbox._problems import negotiate_lang
from sportello.sandbox._store import Store
from sportello.sandbox._uploads import (
    cap_for,
    refuse_raw_name,
    sanitize_name,
    service_for,
    status_for,
)


@given(st.text())
def test_negotiate_lang_always_answers_it_or_en(header: str) -> None:
    """Any Accept-Language header gives "it" or "en", never an error."""
    assert negotiate_lang(header) in ("it", "en")


@pytest.mark.parametrize(
    ("header", "lang"),
    [
        ("en", "en"),
        ("en-US,en;q=0.8", "en"),
        ("it-IT", "it"),
        ("fr", "it"),
        ("en;q=x, it", "it"),
        ("en;q=0", "it"),
    ],
)
def test_negotiate_lang_table(header: str, lang: str) -> None:
    """English only when preferred to Italian; Italian otherwise."""
    assert negotiate_lang(header) == lang


@given(st.text(min_size=1))
def test_sanitized_names_hold_no_separator(raw: str) -> None:
    """A sanitised name never contains a path separator."""
    name = sanitize_name(raw)
    assert "/" not in name
    assert "\\" not in name


@given(st.text(), st.sampled_from(["/", "\\"]), st.text())
def test_a_raw_name_with_a_separator_is_refused(before: str, sep: str, after: str) -> None:
    """Any name holding / or \\ is a 422 naming attachments.name_separator, never cut down."""
    with pytest.raises(ProblemError) as caught:
        refuse_raw_name(before + sep + after + ".pdf")
    assert caught.value.status == 422
    assert "attachments.name_separator" in {v.code for v in caught.value.violations}


def test_service_of_each_case_type() -> None:
    """AT-3/AT-4 for conciliation; AT-1/AT-2 for SMART Help, information requests, reports."""
    assert service_for("conciliazione") is Service.CONCILIAZIONE
    assert service_for("smart_help") is Service.SMART_HELP
    for tipo in ("informazioni", "segnalazione"):
        assert service_for(tipo) is Service.INFORMAZIONI_SEGNALAZIONI


def test_cap_for_counts_what_the_case_holds() -> None:
    """AT-1: the next document's cap shrinks with the case's total; AT-3: 15 MB per document."""
    assert cap_for(Service.SMART_HELP, []) == 15 * MB
    assert cap_for(Service.SMART_HELP, [Attachment("a.pdf", 14 * MB)]) == MB
    assert cap_for(Service.SMART_HELP, [Attachment("a.pdf", 15 * MB)]) == 0
    assert cap_for(Service.CONCILIAZIONE, [Attachment("a.pdf", 15 * MB)] * 3) == 15 * MB


def test_status_for_limits_types_and_the_rest() -> None:
    """Size limits are 413, types 415, anything else 422."""
    size = Violation.of("attachments.too_many", max_count=5, count=6)
    kind = Violation.of("attachments.executable", estensione=".pdf", rilevato="PE")
    other = Violation.of("attachments.empty")
    assert (status_for([other, size]), status_for([kind]), status_for([other])) == (413, 415, 422)


KEY = bytes(range(32))


def test_fingerprint_tells_requests_apart() -> None:
    """Method, path, query, body and the server's key each change the fingerprint."""
    base = fingerprint(KEY, "POST", "/v1/pratiche/smart-help", "", b"{}")
    assert base == fingerprint(KEY, "POST", "/v1/pratiche/smart-help", "", b"{}")
    others = {
        fingerprint(KEY, "PUT", "/v1/pratiche/smart-help", "", b"{}"),
        fingerprint(KEY, "POST", "/v1/pratiche/informazioni", "", b"{}"),
        fingerprint(KEY, "POST", "/v1/pratiche/smart-help", "a=1", b"{}"),
        fingerprint(KEY, "POST", "/v1/pratiche/smart-help", "", b"{ }"),
        fingerprint(KEY[::-1], "POST", "/v1/pratiche/smart-help", "", b"{}"),
    }
    assert base not in others
    assert len(others) == 5


def test_fingerprint_is_a_keyed_hmac_not_a_plain_hash() -> None:
    """Issue 13: the fingerprint is HMAC-SHA256 under the key, never SHA-256 of the request."""
    import hashlib
    import hmac

    body = b'{"username": "mario.rossi", "password": "Sportello#2026"}'
    found = fingerprint(KEY, "POST", "/v1/auth/login", "", body)
    plain = hashlib.sha256(b"POST\0/v1/auth/login\0\0" + body).hexdigest()
    assert found != plain
    expected = hmac.new(KEY, digestmod=hashlib.sha256)
    for part in (b"POST", b"/v1/auth/login", b""):
        expected.update(len(part).to_bytes(8, "big") + part)
    expected.update(body)
    assert found == expected.hexdigest()


@pytest.mark.parametrize("key", ["", "x" * 256, "a\nb"])
def test_invalid_idempotency_keys(key: str) -> None:
    """An empty, overlong or non-printable key is a 400 problem."""
    with pytest.raises(ProblemError) as caught:
        valid_key(key)
    assert caught.value.status == 400


def test_fault_queue_refuses_bad_entries_and_clears() -> None:
    """A malformed fault is refused with its index; an empty list clears the queue."""
    queue = FaultQueue()
    with pytest.raises(ValidationError) as caught:
        queue.replace(["503", "delay:x", 7])
    assert [v.path for v in caught.value.violations] == ["queue[1]", "queue[2]"]
    queue.replace(["drop"])
    queue.replace([])
    assert queue.pending() == []


@pytest.mark.anyio
async def test_unexpected_error_is_a_500_problem_with_the_request_id(tmp_path: Path) -> None:
    """An exception escaping a route becomes a 500 problem carrying X-Request-Id."""
    app = create_app(db_path=tmp_path / "s.sqlite3", settings=Settings.for_tests())

    async def boom(_: Request) -> Response:
        raise RuntimeError("boom")

    app.add_route("/boom", boom)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
        answer = await client.get("/boom", headers={"X-Request-Id": "req-1"})
    app.state.sandbox.close()
    assert answer.status_code == 500
    assert answer.headers["x-request-id"] == "req-1"
    assert answer.json()["violations"][0]["code"] == "api.internal_error"
    assert "boom" not in answer.text


def test_startup_deletes_partial_uploads_left_in_tmp(tmp_path: Path) -> None:
    """Files a killed process left in tmp/, and unlisted ones in allegati/, go at startup."""
    db = tmp_path / "s.sqlite3"
    Store(db).close()
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO allegati VALUES ('abc', 'SPCEN1', 'a.pdf', 9, 0, '', '', 'abc')")
    data_dir = tmp_path / "files"
    (data_dir / "tmp").mkdir(parents=True)
    left = data_dir / "tmp" / "upload-0123.part"
    left.write_bytes(b"%PDF-1.4 half")
    kept = data_dir / "allegati" / "abc"
    kept.parent.mkdir()
    kept.write_bytes(b"committed")
    orphan = data_dir / "allegati" / "def"
    orphan.write_bytes(b"renamed, never committed")
    app = create_app(db_path=db, data_dir=data_dir, settings=Settings.for_tests())
    app.state.sandbox.close()
    assert list((data_dir / "tmp").iterdir()) == []
    assert kept.read_bytes() == b"committed"
    assert not orphan.exists()
