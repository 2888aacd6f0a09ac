"""The adapter in a FastAPI app, through FastAPI's TestClient: problems, forms, OpenAPI."""

import json
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from sportello import forms
from sportello.testing._plugin import Sandbox

ROOT = Path(__file__).resolve().parents[3]
DOMANDA = json.loads((ROOT / "docs/examples/domanda_conciliazione.json").read_text("utf-8"))


def test_a_valid_form_reaches_the_route(app: FastAPI) -> None:
    """The dependency hands the route the loaded, normalised record."""
    with TestClient(app) as client:
        answer = client.post(
            "/v1/area-clienti/recupero-password", json={"codice_cliente": " 005007 "}
        )
        assert answer.status_code == 202
        assert answer.json() == {"codice_cliente": "005007"}
        assert client.post("/v1/pratiche/conciliazione", json=DOMANDA).json() == {
            "modulo": DOMANDA["modulo"]
        }


def test_every_violation_comes_back_as_a_problem(app: FastAPI) -> None:
    """A bad document is a 422 problem+json with every violation, its path and rule."""
    bad = {**DOMANDA, "descrizione": "x" * 2501, "sconosciuto": 1}
    with TestClient(app) as client:
        answer = client.post("/v1/pratiche/conciliazione", json=bad)
    assert answer.status_code == 422
    assert answer.headers["content-type"] == "application/problem+json"
    doc = answer.json()
    assert doc["type"] == "urn:sportello:problem:validation"
    assert doc["title"] == "Validation failed"
    assert doc["status"] == 422
    found = {(v["path"], v["code"], v["rule"]) for v in doc["violations"]}
    assert ("descrizione", "forms.descrizione_too_long", "CO-4") in found  # rule: CO-4
    assert ("sconosciuto", "forms.unknown_field", "") in {(p, c, "") for p, c, _ in found}
    assert doc["detail"] == " ".join(v["message"] for v in doc["violations"])


def test_the_answer_speaks_the_requests_language(app: FastAPI) -> None:
    """Accept-Language: en gives English messages; none or it gives Italian (rule: UP-2)."""
    with TestClient(app) as client:
        url = "/v1/area-clienti/recupero-password"
        english = client.post(url, json={"codice_cliente": "1"}, headers={"Accept-Language": "en"})
        italian = client.post(url, json={"codice_cliente": "1"})
    assert english.json()["violations"][0]["message"] == (
        "The customer code must have 6 digits (it has 1)."
    )
    assert english.headers["content-language"] == "en"
    assert italian.json()["violations"][0]["message"] == (
        "Il codice cliente deve avere 6 cifre (ne ha 1)."
    )
    assert italian.headers["content-language"] == "it"
    assert "accept-language" in english.headers["vary"].lower()


def test_request_id_is_echoed_or_made(app: FastAPI) -> None:
    """A well-formed X-Request-Id comes back in header and body; a bad one is replaced."""
    with TestClient(app) as client:
        url = "/v1/area-clienti/recupero-password"
        given = client.post(url, json={}, headers={"X-Request-Id": "req-42"})
        made = client.post(url, json={}, headers={"X-Request-Id": "not ok!"})
    assert given.headers["x-request-id"] == given.json()["request_id"] == "req-42"
    assert made.json()["request_id"] == made.headers["x-request-id"] != "not ok!"
    assert len(made.json()["request_id"]) == 32


@pytest.mark.parametrize(
    ("content", "headers", "status", "code"),
    [
        (b"{not json", {"content-type": "application/json"}, 400, "api.invalid_json"),
        (b"\xff\xfe", {"content-type": "application/json"}, 400, "api.invalid_json"),
        (
            b"codice_cliente=005007",
            {"content-type": "text/plain"},
            415,
            "api.unsupported_media_type",
        ),
        (b"[1, 2]", {"content-type": "application/json"}, 422, "forms.not_object"),
    ],
)
def test_bodies_that_are_not_forms(
    app: FastAPI, content: bytes, headers: dict[str, str], status: int, code: str
) -> None:
    """Malformed JSON is 400, another media type 415, JSON that is not an object 422."""
    with TestClient(app) as client:
        answer = client.post("/v1/area-clienti/recupero-password", content=content, headers=headers)
    assert answer.status_code == status
    assert answer.headers["content-type"] == "application/problem+json"
    assert [v["code"] for v in answer.json()["violations"]] == [code]


def test_a_body_over_the_limit_is_413() -> None:
    """FormBody(max_bytes=...) refuses a larger body with 413 api.body_too_large."""
    from typing import Annotated

    from fastapi import Depends

    from sportello.contrib.starlette import EXCEPTION_HANDLERS, FormBody

    small = FastAPI(exception_handlers=EXCEPTION_HANDLERS)
    body = FormBody(forms.RecuperoPassword, max_bytes=30)
    assert repr(body) == "FormBody(RecuperoPassword)"

    @small.post("/r")
    async def route(form: Annotated[forms.RecuperoPassword, Depends(body)]) -> str:
        return form.codice_cliente

    with TestClient(small) as client:
        assert client.post("/r", json={"codice_cliente": "005007"}).status_code == 200
        answer = client.post("/r", json={"codice_cliente": "005007", "x": "y" * 30})
    assert answer.status_code == 413
    assert answer.json()["violations"][0]["params"] == {"limit": 30}


def test_same_body_as_the_sandbox(app: FastAPI, sportello_sandbox: Sandbox) -> None:
    """The adapter's problem is the sandbox's, field for field (but the request id)."""
    url = "/v1/area-clienti/recupero-password"
    headers = {"Accept-Language": "en", "X-Request-Id": "same-1"}
    for document in ({"codice_cliente": "12a"}, {"codice": "005007"}, {}):
        with TestClient(app) as client:
            ours = client.post(url, json=document, headers=headers)
        theirs = httpx.post(sportello_sandbox.url + url, json=document, headers=headers)
        assert ours.status_code == theirs.status_code == 422
        assert ours.json() == theirs.json()


def _openapi(app: FastAPI) -> dict[str, Any]:
    with TestClient(app) as client:
        answer = client.get("/openapi.json")
    assert answer.status_code == 200
    document: dict[str, Any] = answer.json()
    return document


def test_openapi_has_the_forms_and_their_records(app: FastAPI) -> None:
    """Every form a route takes, each nested record, the extra form, Problem and Violation."""
    schemas = _openapi(app)["components"]["schemas"]
    for name in (
        "DomandaConciliazione",
        "ClienteConciliazione",
        "Delegato",
        "RecuperoPassword",
        "Login",
        "Problem",
        "Violation",
    ):
        assert name in schemas, name
    assert list(schemas) == sorted(schemas)
    cliente_ref = schemas["DomandaConciliazione"]["properties"]["cliente"]["$ref"]
    assert cliente_ref == "#/components/schemas/ClienteConciliazione"
    assert (
        schemas["DomandaConciliazione"]
        == forms.schema_components(forms.DomandaConciliazione)["DomandaConciliazione"]
    )


def test_openapi_routes_reference_their_form(app: FastAPI) -> None:
    """A route with FormBody gets a JSON request body referencing its form and 422/400 problems."""
    paths = _openapi(app)["paths"]
    operation = paths["/v1/pratiche/conciliazione"]["post"]
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    assert schema == {"$ref": "#/components/schemas/DomandaConciliazione"}
    assert operation["requestBody"]["required"] is True
    problem = operation["responses"]["422"]["content"]["application/problem+json"]["schema"]
    assert problem == {"$ref": "#/components/schemas/Problem"}
    assert "400" in operation["responses"]
    assert "requestBody" not in paths["/salute"]["get"]
    assert "422" not in paths["/salute"]["get"]["responses"]


def test_openapi_is_built_once_and_kept(app: FastAPI) -> None:
    """The document is generated on first request and then served as it is."""
    first = app.openapi()
    assert app.openapi() is first
    assert _openapi(app) == json.loads(json.dumps(first))


def test_openapi_keeps_the_apps_own_schemas() -> None:
    """A schema the app already defines under a form's name is not overwritten."""
    from pydantic import BaseModel

    from sportello.contrib.starlette import register_schemas

    class Login(BaseModel):
        proprio: int

    own = FastAPI()

    @own.post("/login")
    async def login(body: Login) -> int:
        return body.proprio

    register_schemas(own, forms.Login)
    schemas = own.openapi()["components"]["schemas"]
    assert schemas["Login"]["properties"] == {"proprio": {"title": "Proprio", "type": "integer"}}
    assert "Violation" in schemas


def test_the_documented_request_bodies_validate_against_the_schemas(app: FastAPI) -> None:
    """The example conciliation request is valid under the schema the OpenAPI document publishes."""
    document = _openapi(app)
    schema = {"$ref": "#/components/schemas/DomandaConciliazione", **document}
    jsonschema.validate(DOMANDA, schema)
