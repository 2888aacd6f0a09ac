"""Schemathesis against the sandbox's own openapi.json: no 5xx, every answer as documented.

Two runs: every operation alone with generated requests, and the stateful run, which follows
the contract's OpenAPI links (open a case, then read it, upload to it, list its attachments;
list the supply points, then enter a reading and delete it; list the invoices, then download
one...) and reports the share of operations it reached with a 2xx.

Every operation but the ``/_sandbox`` controls (they would reconfigure the faults under the
test) is called with generated requests, authenticated with a fresh token of the realm it
belongs to (a registered consumer, or the demo customer 000002). The bounded run makes
``SPORTELLO_API_FUZZ_EXAMPLES`` examples per operation (default 8; ``make api-fuzz`` and the
full run use 100).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks

from sportello.sandbox import SandboxServer, Settings, openapi_bytes

from .conftest import FULL, PASSWORD, demo_customer_token, mail_to, new_consumer, record

EXAMPLES = int(os.environ.get("SPORTELLO_API_FUZZ_EXAMPLES", "100" if FULL else "8"))
#: Scenarios of the stateful run (each a chain of up to 10 linked calls).
SCENARIOS = max(10, EXAMPLES * 2)
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.response_headers_conformance,
]
CALLS: dict[str, int] = {}


class Api:
    """A running sandbox and how to log in to each realm."""

    def __init__(self, server: SandboxServer) -> None:
        self.server = server
        self.http = httpx.Client(base_url=server.url, timeout=30)
        new_consumer(self.http, "fuzz.utente")
        demo_customer_token(self.http)
        mail = mail_to(self.http, "prova@example.it", "Credenziali di accesso al portale clienti")
        self.customer_password = mail["dati"]["password"]

    def headers(self, path: str) -> dict[str, str]:
        """A fresh bearer token of the realm of ``path`` (a fuzzed logout may revoke any)."""
        if path.startswith("/v1/area-clienti/"):
            url = "/v1/area-clienti/login"
            body = {"codice_cliente": "000002", "password": self.customer_password}
        else:
            url = "/v1/auth/login"
            body = {"username": "fuzz.utente", "password": PASSWORD}
        answer = self.http.post(url, json=body)
        if answer.status_code != 200:
            return {}
        return {"Authorization": f"Bearer {answer.json()['access_token']}"}


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    """One demo sandbox for the whole module (cheap hashing, no login lock in the way)."""
    tmp: Path = tmp_path_factory.mktemp("api-fuzz")
    with SandboxServer(
        db_path=tmp / "s.sqlite3",
        settings=Settings.for_tests(max_failures=1_000_000),
        seed_demo=True,
    ) as server:
        running = Api(server)
        try:
            yield running
        finally:
            running.http.close()


#: The contract the sandbox serves at ``/openapi.json`` (checked below), minus the controls.
#: Bodies schemathesis 4.32 cannot generate ("UnsupportedSchema": its generator does not take
#: ``if``/``then`` beside ``not`` in one ``allOf``); the differential tests of tests/interop
#: cover these two forms' schemas against forms.load instead. An open item of issue 14.
UNGENERATED = ("creaConciliazione", "creaSmartHelp")

schema = (
    schemathesis.openapi.from_dict(json.loads(openapi_bytes()))
    .exclude(path_regex=r"^/_sandbox/")
    .exclude(operation_id=list(UNGENERATED))
)


def test_served_contract_is_the_fuzzed_one(api: Api) -> None:
    """The document fuzzed here is byte for byte the one the running sandbox serves."""
    assert api.http.get("/openapi.json").content == openapi_bytes()


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_contract(case: Any, api: Api) -> None:
    """Generated requests: never a 5xx, every status, header and body as openapi.json says."""
    headers = api.headers(case.path)
    case.call_and_validate(base_url=api.server.url, headers=headers, checks=CHECKS)
    label = case.operation.label
    CALLS[label] = CALLS.get(label, 0) + 1


def test_api_fuzz_figures() -> None:
    """Every operation of the contract but the controls was fuzzed (runs after the fuzzing)."""
    if not CALLS:
        pytest.skip("the fuzzing did not run in this session")
    expected = {
        result.ok().label
        for result in schema.get_all_operations()
        if isinstance(result, schemathesis.core.result.Ok)
    }
    assert set(CALLS) == expected
    record(
        "Schemathesis",
        f"{len(CALLS)} operations (all but `/_sandbox/*`), {sum(CALLS.values()):,} generated "
        f"requests, up to {EXAMPLES} examples each: 0 server errors, 0 non-conforming answers",
    )


def test_stateful_run_follows_the_links(api: Api) -> None:
    """Chains of linked calls: every answer conforms; most operations are reached with a 2xx."""
    reached: dict[str, set[int]] = {}
    base: Any = schema.as_state_machine()

    class Workflow(base):  # type: ignore[misc, valid-type]
        def get_call_kwargs(self, case: Any) -> dict[str, Any]:
            return {"base_url": api.server.url, "headers": api.headers(case.path)}

        def after_call(self, response: Any, case: Any) -> None:
            super().after_call(response, case)
            reached.setdefault(case.operation.label, set()).add(response.status_code)

        def validate_response(self, response: Any, case: Any, **kwargs: Any) -> None:
            kwargs.pop("additional_checks", None)
            case.validate_response(response, checks=CHECKS, transport_kwargs=kwargs or None)

    Workflow.run(
        settings=settings(
            max_examples=SCENARIOS,
            stateful_step_count=10,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
    )
    operations = {
        result.ok().label
        for result in schema.get_all_operations()
        if isinstance(result, schemathesis.core.result.Ok)
    }
    ok = sorted(label for label, codes in reached.items() if any(200 <= c < 300 for c in codes))
    share = len(ok) / len(operations)
    record(
        "Schemathesis",
        f"stateful, following the links: {SCENARIOS} scenarios, {len(reached)} of "
        f"{len(operations)} operations called, {len(ok)} ({share:.0%}) answered with a 2xx; "
        "0 failed checks",
    )
    # The bounded run (16 scenarios) reaches about a fifth of the operations with a 2xx; the
    # full run (make api-fuzz) must reach most. Open item of issue 14: more reach per scenario.
    assert share >= (0.5 if FULL else 0.15), sorted(operations - set(ok))
