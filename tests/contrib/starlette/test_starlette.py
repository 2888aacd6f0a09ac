"""The adapter in a plain Starlette app: the handler, load_form, install, BodyError."""

import asyncio

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.testclient import TestClient

from sportello import ValidationError, Violation, forms
from sportello.contrib.starlette import (
    BodyError,
    install,
    load_form,
    problem_response,
    validation_error_handler,
)
from sportello.rules import password


async def recupero(request: Request) -> Response:
    """A Starlette endpoint loading a form by hand."""
    form = await load_form(request, forms.RecuperoPassword)
    return JSONResponse({"codice_cliente": form.codice_cliente}, status_code=202)


async def nuova_password(request: Request) -> Response:
    """An endpoint raising a rule's ValidationError directly (PW-1, PW-2)."""
    password.validate((await request.json())["password"])
    return Response(status_code=204)


def _app() -> Starlette:
    app = Starlette(
        routes=[
            Route("/recupero", recupero, methods=["POST"]),
            Route("/password", nuova_password, methods=["POST"]),
        ]
    )
    install(app)
    return app


def test_load_form_in_a_starlette_endpoint() -> None:
    """load_form gives the record; a bad document is a 422 problem with every violation."""
    with TestClient(_app()) as client:
        assert client.post("/recupero", json={"codice_cliente": "005007"}).status_code == 202
        answer = client.post("/recupero", json={"codice_cliente": "", "altro": 1})
    assert answer.status_code == 422
    codes = [v["code"] for v in answer.json()["violations"]]
    assert codes == ["forms.required", "forms.unknown_field"]


def test_any_validation_error_is_a_problem() -> None:
    """A rule's ValidationError raised anywhere in the app is answered the same way (PW-1)."""
    with TestClient(_app()) as client:
        answer = client.post("/password", json={"password": "corta"})
    assert answer.status_code == 422
    first = answer.json()["violations"][0]
    assert (first["code"], first["rule"], first["path"]) == (
        "password.too_short",
        "PW-1",
        "password",
    )
    assert "corta" not in answer.text


def test_problem_response_uses_a_middlewares_request_id() -> None:
    """An id a middleware put in scope["state"] wins over the header."""
    scope = {
        "type": "http",
        "method": "POST",
        "path": "/",
        "headers": [(b"x-request-id", b"from-header")],
        "state": {"request_id": "from-middleware"},
    }
    err = ValidationError([Violation.of("identifiers.empty")])
    answer = problem_response(Request(scope), err, status=422)
    assert answer.headers["x-request-id"] == "from-middleware"


def test_body_error_keeps_its_status_and_the_handler_only_takes_validation_errors() -> None:
    """BodyError is a ValidationError with a status; any other exception is raised again."""
    err = BodyError(415, "api.unsupported_media_type", content_type="text/plain", expected="json")
    assert isinstance(err, ValidationError)
    assert err.status == 415
    request = Request({"type": "http", "method": "GET", "path": "/", "headers": []})
    answer = asyncio.run(validation_error_handler(request, err))
    assert answer.status_code == 415
    with pytest.raises(RuntimeError, match="boom"):
        asyncio.run(validation_error_handler(request, RuntimeError("boom")))
