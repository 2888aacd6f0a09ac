"""The contract: committed file, generator, served document, routes and schemas agree."""

import json
from pathlib import Path

import httpx
import jsonschema
import pytest
from starlette.routing import Route

from sportello.sandbox import SandboxServer, openapi_bytes
from sportello.sandbox._openapi_build import FORMS, build, render

from .conftest import OPENAPI, example

ROOT = Path(__file__).resolve().parents[2]


def test_committed_contract_equals_the_generated_one() -> None:
    """src/sportello/openapi.json is exactly what _openapi_build renders (regenerate on change)."""
    committed = (ROOT / "src" / "sportello" / "openapi.json").read_text(encoding="utf-8")
    assert committed == render(), (
        "the contract is stale (a form's JSON Schema changed?); regenerate with: "
        "python -m sportello.sandbox._openapi_build > src/sportello/openapi.json"
    )


def test_package_ships_the_contract() -> None:
    """openapi_bytes() reads the document shipped inside the package."""
    assert json.loads(openapi_bytes()) == build()


def test_every_component_schema_is_valid_json_schema() -> None:
    """Each component schema is a valid JSON Schema 2020-12 document."""
    for name, schema in OPENAPI["components"]["schemas"].items():
        jsonschema.Draft202012Validator.check_schema(schema), name


def test_every_form_has_a_component() -> None:
    """Each form a request body carries is a named component marked with x-sportello-form."""
    schemas = OPENAPI["components"]["schemas"]
    assert {n for n in FORMS if schemas[n]["x-sportello-form"] == n} == set(FORMS)


def test_served_document_is_the_contract(client: httpx.Client) -> None:
    """GET /openapi.json serves the committed document byte for byte."""
    answer = client.get("/openapi.json")
    assert answer.status_code == 200
    assert answer.content == openapi_bytes()


def test_routes_and_contract_list_the_same_operations(server: SandboxServer) -> None:
    """Every documented operation is routed, and every routed one is documented."""
    documented = {
        (method.upper(), path) for path, item in OPENAPI["paths"].items() for method in item
    }
    routed = set()
    for route in server.app.routes:
        assert isinstance(route, Route)
        for method in route.methods or ():
            if method != "HEAD":
                routed.add((method, route.path))
    read_only_refusals = {
        (m, f"/v1/area-clienti/{p}")
        for m in ("POST", "PUT", "PATCH", "DELETE")
        for p in ("dati-tecnici", "dati-contrattuali", "documenti", "ticket")
    }
    assert routed - read_only_refusals == documented


def test_every_post_accepts_an_idempotency_key() -> None:
    """Each public POST documents the Idempotency-Key header."""
    for path, item in OPENAPI["paths"].items():
        if "post" in item and path.startswith("/v1/"):
            refs = [p.get("$ref", "") for p in item["post"]["parameters"]]
            assert "#/components/parameters/IdempotencyKey" in refs, path


@pytest.mark.parametrize(
    ("example_name", "component"),
    [
        ("registrazione_sportello", "RegistrazioneSportello"),
        ("cambio_password", "CambioPassword"),
        ("domanda_conciliazione", "DomandaConciliazione"),
        ("richiesta_smart_help", "RichiestaSmartHelp"),
        ("richiesta_informazioni", "RichiestaInformazioni"),
        ("segnalazione", "Segnalazione"),
        ("registrazione_area_clienti", "RegistrazioneAreaClienti"),
        ("recupero_password", "RecuperoPassword"),
        ("autolettura", "Autolettura"),
        ("aggiornamento_anagrafica", "AggiornamentoAnagrafica"),
        ("modalita_invio_bolletta", "ModalitaInvioBolletta"),
    ],
)
def test_documented_examples_match_the_request_schemas(example_name: str, component: str) -> None:
    """Each documented form example validates against its request-body component."""
    validator = jsonschema.Draft202012Validator(
        {"$ref": f"#/components/schemas/{component}", "components": OPENAPI["components"]}
    )
    validator.validate(example(example_name))
