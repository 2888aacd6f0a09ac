"""Hostile JSON at every JSON operation of the contract: 400 with its violation, never a 5xx.

The operations come from the sandbox's own ``openapi.json`` (every request body declared as
``application/json``), so a new endpoint is covered without being listed here. Each is called
with the token of its realm, so the body is really read.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import httpx
import pytest

from sportello.sandbox import openapi_bytes

from .conftest import Running, bearer, demo_customer_token, new_consumer, record

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
CONTRACT: dict[str, Any] = json.loads(openapi_bytes())
METHODS = ("get", "post", "put", "patch", "delete")
DEEP = 100_000

#: label -> (body, the violation code expected)
HOSTILE: dict[str, tuple[bytes, str]] = {
    "arrays nested 100,000 deep": (b"[" * DEEP + b"]" * DEEP, "api.json_too_deep"),
    "objects nested 100,000 deep": (b'{"a":' * DEEP + b"1" + b"}" * DEEP, "api.json_too_deep"),
    "an integer of 5,000 digits": (b'{"x": ' + b"9" * 5000 + b"}", "api.json_number_too_long"),
    "a float of 5,000 digits": (b'{"x": 0.' + b"1" * 5000 + b"}", "api.json_number_too_long"),
    "1e400": (b'{"x": 1e400}', "api.json_number_out_of_range"),
    "NaN": (b'{"x": NaN}', "api.json_number_out_of_range"),
    "a lone surrogate in a value": (b'{"username": "a\\ud800b"}', "api.json_lone_surrogate"),
    "a lone surrogate in a key": (b'{"\\udfff": 1}', "api.json_lone_surrogate"),
    "a duplicate key": (b'{"username": "a", "username": "b"}', "api.json_duplicate_key"),
    "bytes that are not UTF-8": (b'{"x": "\xff\xfe"}', "api.invalid_json"),
    "UTF-16": ('{"x": 1}'.encode("utf-16"), "api.invalid_json"),
    "a truncated document": (b'{"x": [1, 2', "api.invalid_json"),
}


def _json_operations() -> list[tuple[str, str]]:
    """(METHOD, template) of every operation whose request body is JSON."""
    found = []
    for template, item in CONTRACT["paths"].items():
        for method in METHODS:
            body = item.get(method, {}).get("requestBody", {})
            if "application/json" in body.get("content", {}):
                found.append((method.upper(), template))
    return found


class Callers:
    """A consumer with a case, and the demo customer: a token for every realm."""

    def __init__(self, running: Running) -> None:
        self.http = running.http
        self.consumer = new_consumer(self.http, "rita.conti")
        form = json.loads((EXAMPLES / "domanda_conciliazione.json").read_text(encoding="utf-8"))
        created = self.http.post(
            "/v1/pratiche/conciliazione", json=form, headers=bearer(self.consumer)
        )
        assert created.status_code == 201, created.text
        self.numero: str = created.json()["numero"]
        self.customer = demo_customer_token(self.http)

    def send(
        self, method: str, template: str, body: bytes, content_type: str = "application/json"
    ) -> httpx.Response:
        """``body`` to the operation, with its realm's token and real path values."""
        customer = template.startswith("/v1/area-clienti/")
        values = {"numero": self.numero, "codice": "CE-0001" if "contratti" in template else ""}
        values["codice"] = values["codice"] or "PR002873"
        path = re.sub(r"\{(\w+)\}", lambda m: values[m[1]], template)
        headers = {
            **bearer(self.customer if customer else self.consumer),
            "content-type": content_type,
        }
        return self.http.request(method, path, content=body, headers=headers)


@pytest.fixture
def callers(running: Running) -> Callers:
    """The callers of one sandbox."""
    return Callers(running)


def test_the_contract_lists_the_json_operations() -> None:
    """The contract declares JSON bodies on the operations this test drives (20 of them)."""
    operations = _json_operations()
    assert ("POST", "/v1/pratiche/conciliazione") in operations
    assert ("PATCH", "/v1/area-clienti/anagrafica") in operations
    assert len(operations) >= 20


@pytest.mark.parametrize("label", list(HOSTILE))
def test_hostile_json_is_a_400_with_its_violation_everywhere(callers: Callers, label: str) -> None:
    """Each hostile body answers 400 with its own violation at every JSON operation, no 5xx."""
    body, code = HOSTILE[label]
    seen: dict[tuple[str, str], tuple[int, list[str]]] = {}
    for method, template in _json_operations():
        answer = callers.send(method, template, body)
        codes = [v["code"] for v in answer.json()["violations"]]
        seen[method, template] = (answer.status_code, codes)
    wrong = {op: got for op, got in seen.items() if got != (400, [code])}
    assert not wrong, wrong
    record(
        "Bad input",
        f"{label} ({len(body):,} bytes) at {len(seen)} JSON operations: 400 `{code}` at every one",
    )


def test_media_types_are_compared_case_insensitively(callers: Callers) -> None:
    """`Application/JSON; Charset=UTF-8` is JSON; another charset or type is 415."""
    doc = json.dumps({"username": "rita.conti", "password": "Sbagliata!2026"}).encode()
    mixed = callers.send("POST", "/v1/auth/login", doc, "Application/JSON; Charset=UTF-8")
    assert mixed.status_code == 401, mixed.text
    problem = callers.send("POST", "/v1/auth/login", doc, "application/problem+JSON")
    assert problem.status_code == 401, problem.text
    for refused in ("application/json; charset=latin-1", "text/json", "text/plain"):
        answer = callers.send("POST", "/v1/auth/login", doc, refused)
        assert answer.status_code == 415, (refused, answer.text)
        assert answer.json()["violations"][0]["code"] == "api.unsupported_media_type"
    upload = callers.http.post(
        f"/v1/pratiche/{callers.numero}/allegati",
        params={"nome": "reclamo.pdf"},
        content=b"%PDF-1.4\n" + b"0" * 100,
        headers={**bearer(callers.consumer), "content-type": "Application/Octet-Stream"},
    )
    assert upload.status_code == 201, upload.text
    record("Bad input", "`Application/JSON; Charset=UTF-8` and `Application/Octet-Stream`: read")


@pytest.mark.parametrize("value", ["1_0", " 10", "١٠", "9" * 5000, "10.0", "+-1"])
def test_integer_query_values_take_ascii_digits_only(callers: Callers, value: str) -> None:
    """`?limit=` with underscores, blanks, other digits or 5,000 digits is 400 on `limit`."""
    answer = callers.http.get(
        "/v1/pratiche", params={"limit": value}, headers=bearer(callers.consumer)
    )
    assert answer.status_code == 400, answer.text
    assert answer.json()["violations"][0]["path"] == "limit"
