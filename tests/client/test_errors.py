"""The exception tree: statuses and problems mapped to typed errors."""

from collections.abc import Mapping

import pytest

import sportello
from sportello._messages import Lang
from sportello.client import (
    ApiError,
    BadRequest,
    Conflict,
    DeadlineExceeded,
    Forbidden,
    LegacyAccountError,
    NotFound,
    PayloadTooLarge,
    RateLimited,
    ServerError,
    TransportError,
    Unauthorized,
    UnprocessableError,
    UnsupportedMediaType,
)
from sportello.client._errors import error_from_problem

STATUSES = [
    (400, BadRequest),
    (401, Unauthorized),
    (403, Forbidden),
    (404, NotFound),
    (409, Conflict),
    (413, PayloadTooLarge),
    (415, UnsupportedMediaType),
    (422, UnprocessableError),
    (429, RateLimited),
    (500, ServerError),
    (503, ServerError),
    (418, ApiError),
]


def _problem(status: int, *violations: Mapping[str, object]) -> dict[str, object]:
    return {
        "type": "urn:sportello:problem:x",
        "title": "Titolo",
        "status": status,
        "detail": "dettaglio",
        "request_id": "req-42",
        "violations": list(violations),
    }


@pytest.mark.parametrize(("status", "cls"), STATUSES)
def test_status_maps_to_its_class(status: int, cls: type[ApiError]) -> None:
    """Each HTTP status becomes its own error class, carrying status and request id."""
    err = error_from_problem(status, _problem(status))
    assert type(err) is cls
    assert isinstance(err, sportello.SportelloError)
    assert err.status == status
    assert err.request_id == "req-42"


def test_unprocessable_is_also_a_validation_error() -> None:
    """A 422 can be caught as sportello.ValidationError, with the server's violations."""
    violation = {
        "code": "password.too_short",
        "rule": "PW-1",
        "path": "password",
        "params": {"min_length": 8, "length": 5},
        "message": "La password deve contenere almeno 8 caratteri (ne ha 5).",
    }
    err = error_from_problem(422, _problem(422, violation))
    assert isinstance(err, sportello.ValidationError)
    assert err.violations == (
        sportello.Violation.of("password.too_short", path="password", min_length=8, length=5),
    )
    assert err.server_messages == (violation["message"],)
    assert err.rules == ("PW-1",)
    assert str(err) == (
        "422 Dati non validi [richiesta req-42]: "
        "password: La password deve contenere almeno 8 caratteri (ne ha 5)."
    )
    assert err.messages() == ["password: La password deve contenere almeno 8 caratteri (ne ha 5)."]


def test_legacy_account_error_for_au3() -> None:
    """A 403 citing AU-3 is a LegacyAccountError whose text says to reset the password."""
    # rule: AU-3
    violation = {"code": "auth.legacy_account_reset_required", "rule": "AU-3", "path": ""}
    err = error_from_problem(403, _problem(403, violation))
    assert isinstance(err, LegacyAccountError)
    assert isinstance(err, Forbidden)
    assert "registrato prima del 06/10/2017" in str(err)
    assert "reset_password" in str(err)
    english = error_from_problem(403, _problem(403, violation), lang="en")
    assert "registered before 06/10/2017" in str(english)
    assert "reset_password" in str(english)


def test_rate_limited_reads_retry_after() -> None:
    """A 429 carries the server's Retry-After in seconds."""
    err = error_from_problem(429, _problem(429), retry_after="7")
    assert isinstance(err, RateLimited)
    assert err.retry_after == 7.0
    assert error_from_problem(429, None, retry_after="domani").retry_after is None  # type: ignore[attr-defined]


def test_answer_without_problem_body_keeps_reason() -> None:
    """An error with no problem body (a proxy's HTML page) still has a title and no violations."""
    err = error_from_problem(502, None, request_id="r1", reason="Bad Gateway")
    assert isinstance(err, ServerError)
    assert err.title == "Bad Gateway"
    assert err.violations == ()
    assert str(err) == "502 Gateway non valido [richiesta r1]"
    assert str(error_from_problem(502, None, request_id="r1", lang="en")) == (
        "502 Bad gateway [request r1]"
    )
    assert str(error_from_problem(418, None, reason="I'm a teapot")) == "418 I'm a teapot"


def test_transport_errors_have_no_status() -> None:
    """DeadlineExceeded is a TransportError, an ApiError without status."""
    err = DeadlineExceeded("Deadline of 1s exceeded after 2 attempt(s)")
    assert isinstance(err, TransportError)
    assert isinstance(err, ApiError)
    assert err.status is None
    assert str(err) == "Deadline of 1s exceeded after 2 attempt(s)"


def test_error_text_hides_personal_codes() -> None:
    """A server detail quoting a codice fiscale is redacted in str() and repr()."""
    problem = _problem(409)
    problem["detail"] = "codice fiscale RSSMRA85T10A562S già registrato"
    err = error_from_problem(409, problem)
    assert "RSSMRA85T10A562S" not in str(err)
    assert "RSSMRA85T10A562S" not in repr(err)


def test_error_text_keeps_the_request_id_whole() -> None:
    """The request id (hex, maybe 14 digits in a row) is never masked; the detail still is."""
    problem = _problem(409)
    problem["request_id"] = "ec2da2fce35646439852006beb441dd6"
    problem["detail"] = "PDR 03340009749021 già associato"
    text = str(error_from_problem(409, problem))
    assert "[richiesta ec2da2fce35646439852006beb441dd6]" in text
    assert "03340009749021" not in text
    assert text.endswith(": PDR *** già associato")


def test_malformed_violations_are_skipped() -> None:
    """Items of 'violations' that are not objects are ignored rather than crashing."""
    problem = _problem(422)
    problem["violations"] = ["x", {"code": "identifiers.empty", "path": "nome", "params": 3}]
    err = error_from_problem(422, problem)
    assert err.codes == ("identifiers.empty",)
    assert dict(err.violations[0].params) == {}


SERVER_404 = {
    "it": "La risorsa richiesta non esiste.",
    "en": "The requested resource does not exist.",
}


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("it", "404 Non trovato [richiesta req-42]: La risorsa richiesta non esiste."),
        ("en", "404 Not found [request req-42]: The requested resource does not exist."),
    ],
)
def test_str_is_in_the_clients_language(lang: Lang, expected: str) -> None:
    """str(ApiError) is in the client's lang: catalog title, the server's own message."""
    violation = {"code": "api.not_found", "path": "", "message": SERVER_404[lang]}
    err = error_from_problem(404, _problem(404, violation), lang=lang)
    assert str(err) == expected
    assert err.args == (expected,)
    other: Lang = "en" if lang == "it" else "it"
    assert err.messages(other) == [SERVER_404[other]]  # the catalog's, in the other language


@pytest.mark.parametrize("lang", ["it", "en"])
def test_str_falls_back_to_the_servers_detail(lang: Lang) -> None:
    """Without violations, str() shows the server's detail after the localised title."""
    problem = _problem(409)
    problem["detail"] = "dettaglio del server"
    title = {"it": "409 Conflitto [richiesta req-42]", "en": "409 Conflict [request req-42]"}
    assert str(error_from_problem(409, problem, lang=lang)) == (
        f"{title[lang]}: dettaglio del server"
    )


@pytest.mark.parametrize("lang", ["it", "en"])
def test_every_status_title_is_in_the_catalog_in_both_languages(lang: Lang) -> None:
    """Each status the client maps has its title in the catalog, so str() is never mixed."""
    from sportello._messages import lookup

    for status, _cls in STATUSES:
        if status == 418:
            continue
        entry = lookup(f"api.status_{status}")
        assert entry is not None, status
        shown = str(error_from_problem(status, None, lang=lang))
        assert shown == f"{status} {getattr(entry, lang)}"
