"""Every protected endpoint x (anonymous, other consumer, delegate of another case, owner).

The operations come from the sandbox's own ``openapi.json``, so a new endpoint fails
:func:`test_every_operation_is_classified` until it is given its access rule here.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path
from typing import Any

import httpx
import pytest

from sportello.sandbox import openapi_bytes

from .conftest import Running, bearer, demo_customer_token, new_consumer, record

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
CONTRACT: dict[str, Any] = json.loads(openapi_bytes())
METHODS = ("get", "post", "put", "patch", "delete")
ROLES = ("anonimo", "altro", "delegato", "titolare")

#: How each protected operation is scoped: ``case`` (one case of its owner), ``cases`` (the
#: caller's own cases), ``account`` (the caller's own consumer account), ``customer`` (the
#: customer area of the logged-in customer).
SCOPE = {
    "/v1/pratiche/{numero}": "case",
    "/v1/pratiche/{numero}/allegati": "case",
    "/v1/pratiche/{numero}/allegati/{id}": "case",
    "/v1/pratiche/{numero}/documenti": "case",
    "/v1/pratiche/{numero}/documenti/{id}": "case",
    "/v1/pratiche/{numero}/eventi": "case",
    "/v1/pratiche/{numero}/notifiche": "case",
    "/v1/pratiche/{numero}/integrazione": "case",
    "/v1/pratiche/{numero}/disponibilita": "case",
    "/v1/pratiche/{numero}/rinvio": "case",
    "/v1/pratiche/{numero}/ritiro": "case",
    "/v1/pratiche": "cases",
    "/v1/pratiche/conciliazione": "cases",
    "/v1/pratiche/smart-help": "cases",
    "/v1/pratiche/informazioni": "cases",
    "/v1/eventi": "cases",
    "/v1/auth/registrazione": "account",
    "/v1/auth/me": "account",
    "/v1/auth/logout": "account",
    "/v1/auth/password": "account",
}

#: The operations open to anyone (registration and activation, login, recoveries, the contract).
PUBLIC = {
    "POST /v1/auth/registrazione",
    "POST /v1/auth/attivazione",
    "POST /v1/auth/login",
    "POST /v1/auth/recupero-username",
    "POST /v1/auth/recupero-password",
    "POST /v1/auth/reimposta-password",
    "POST /v1/area-clienti/registrazione",
    "POST /v1/area-clienti/login",
    "POST /v1/area-clienti/recupero-password",
    "GET /openapi.json",
}


def _operations() -> list[tuple[str, str, bool]]:
    """(METHOD, template, protected) of every operation in the contract."""
    found = []
    for template, item in CONTRACT["paths"].items():
        for method in METHODS:
            operation = item.get(method)
            if operation is not None:
                protected = bool(operation.get("security", CONTRACT.get("security")))
                found.append((method.upper(), template, protected))
    return found


def _scope(template: str) -> str:
    if template.startswith("/v1/area-clienti/"):
        return "customer"
    return SCOPE[template]


def test_every_operation_is_classified() -> None:
    """Every operation of openapi.json is either a listed public one or has an access scope."""
    public = {f"{m} {t}" for m, t, p in _operations() if not p and not t.startswith("/_sandbox/")}
    assert public == PUBLIC
    for _, template, protected in _operations():
        if protected:
            assert _scope(template) in {"case", "cases", "account", "customer"}, template


class World:
    """The owner's case with one attachment, three intruders, the demo customer."""

    def __init__(self, running: Running) -> None:
        http = running.http
        self.http = http
        form = json.loads((EXAMPLES / "domanda_conciliazione.json").read_text(encoding="utf-8"))
        self.tokens: dict[str, str | None] = {"anonimo": None}
        self.tokens["titolare"] = new_consumer(http, "anna.verdi")
        self.tokens["altro"] = new_consumer(http, "giulia.bianchi")
        self.tokens["delegato"] = new_consumer(http, "paolo.neri")
        # paolo.neri is the delegate who filed another consumer's case.
        other_case = http.post(
            "/v1/pratiche/conciliazione",
            json=form,
            headers=bearer(self.tokens["delegato"] or ""),
        )
        assert other_case.status_code == 201, other_case.text
        created = http.post(
            "/v1/pratiche/conciliazione", json=form, headers=bearer(self.tokens["titolare"] or "")
        )
        assert created.status_code == 201, created.text
        self.numero: str = created.json()["numero"]
        attached = http.post(
            f"/v1/pratiche/{self.numero}/allegati",
            params={"nome": "reclamo.pdf"},
            content=PDF,
            headers={
                **bearer(self.tokens["titolare"] or ""),
                "content-type": "application/octet-stream",
            },
        )
        assert attached.status_code == 201, attached.text
        self.allegato: str = attached.json()["id"]
        made = http.post(
            f"/_sandbox/pratiche/{self.numero}/eventi", json={"evento": "nuovo_documento"}
        )
        assert made.status_code == 201, made.text
        documenti = http.get(
            f"/v1/pratiche/{self.numero}/documenti", headers=bearer(self.tokens["titolare"] or "")
        )
        self.documento: str = documenti.json()["items"][0]["id"]
        self.customer = demo_customer_token(http)
        fatture = http.get("/v1/area-clienti/fatture", headers=bearer(self.customer)).json()
        self.fattura: str = next(f["numero"] for f in fatture["items"] if f.get("pdf"))

    def path(self, template: str) -> str:
        """The template with the owner's identifiers."""
        values = {
            "numero": self.numero,
            "id": self.documento if "/documenti/" in template else self.allegato,
        }
        if template.startswith("/v1/area-clienti/"):
            values = {"numero": self.fattura, "codice": "PR002873", "id": "0"}
            if "contratti" in template:
                values["codice"] = "CE-0001"
        return re.sub(r"\{(\w+)\}", lambda m: values[m[1]], template)

    def call(self, method: str, template: str, role: str) -> httpx.Response:
        """One request of ``role``; the customer area's owner is the demo customer."""
        token = self.tokens[role]
        if role == "titolare" and template.startswith("/v1/area-clienti/"):
            token = self.customer
        headers = bearer(token) if token else {}
        kwargs: dict[str, Any] = {}
        if template.endswith("/allegati") and method == "POST":
            kwargs["content"] = PDF
            kwargs["params"] = {"nome": "altro.pdf"}
            headers["content-type"] = "application/octet-stream"
        elif method in ("POST", "PUT", "PATCH"):
            kwargs["json"] = {}
        return self.http.request(method, self.path(template), headers=headers, **kwargs)


def _expect(scope: str, role: str, method: str, template: str, answer: httpx.Response) -> None:
    status = answer.status_code
    if role == "anonimo":
        assert status == 401, (method, template, status)
    elif scope == "customer" and role != "titolare":
        assert status in (401, 403), (method, template, role, status)
    elif scope == "case" and role != "titolare":
        assert status == 404, (method, template, role, status)
        assert answer.json()["violations"][0]["code"] == "api.not_found"
    else:
        assert status not in (401, 403, 404) or (
            template.endswith("{id}") and scope == "customer"
        ), (method, template, role, status, answer.text)


def test_access_table_only_the_owner_gets_through(running: Running) -> None:
    """Anonymous gets 401, other consumers and a delegate 404 or 401/403; the owner gets in."""
    world = World(running)
    listed = world.http.get("/v1/pratiche", headers=bearer(world.tokens["altro"] or "")).json()
    assert world.numero not in {p["numero"] for p in listed["items"]}
    for role in ("altro", "delegato"):  # the change feed shows only the caller's own cases
        feed = world.http.get("/v1/eventi", headers=bearer(world.tokens[role] or "")).json()
        assert world.numero not in {e["numero"] for e in feed["items"]}, role
    protected = [(m, t) for m, t, p in _operations() if p]
    # Logouts last: they revoke the token they are called with.
    protected.sort(key=lambda op: op[1].endswith("/logout"))
    rows = ["| Operation | " + " | ".join(ROLES) + " |", "|---|" + "---|" * len(ROLES)]
    for method, template in protected:
        scope = _scope(template)
        statuses = []
        for role in ROLES:
            answer = world.call(method, template, role)
            _expect(scope, role, method, template, answer)
            statuses.append(str(answer.status_code))
        rows.append(f"| `{method} {template}` | " + " | ".join(statuses) + " |")
    record("Access control", f"{len(protected)} protected operations x {len(ROLES)} callers:")
    for row in rows:
        record("Access control", row)


def test_foreign_case_is_indistinguishable_from_a_missing_one(running: Running) -> None:
    """Another consumer's case answers exactly what a case number that does not exist does."""
    world = World(running)
    headers = bearer(world.tokens["altro"] or "")

    def problem(numero: str) -> tuple[int, dict[str, Any]]:
        answer = world.http.get(f"/v1/pratiche/{numero}", headers=headers)
        body = answer.json()
        body.pop("request_id")
        return answer.status_code, body

    assert problem(world.numero) == problem("SPCEN000000000001")


@pytest.mark.parametrize("count", [40])
def test_case_numbers_and_attachment_ids_are_not_sequential(running: Running, count: int) -> None:
    """Case numbers are SPCEN + 12 random digits and attachment ids random hex: none guessable."""
    headers = bearer(new_consumer(running.http, "sara.galli"))
    form = json.loads((EXAMPLES / "richiesta_smart_help.json").read_text(encoding="utf-8"))
    numeri = []
    for _ in range(count):
        answer = running.http.post("/v1/pratiche/smart-help", json=form, headers=headers)
        assert answer.status_code == 201, answer.text
        numeri.append(answer.json()["numero"])
    assert all(re.fullmatch(r"SPCEN\d{12}", n) for n in numeri)
    values = [int(n[5:]) for n in numeri]
    gaps = [b - a for a, b in itertools.pairwise(values)]
    assert len(set(values)) == count
    assert not any(abs(g) < 1000 for g in gaps), gaps
    ids = []
    for nome in ("a.pdf", "b.pdf", "c.pdf"):
        answer = running.http.post(
            f"/v1/pratiche/{numeri[0]}/allegati",
            params={"nome": nome},
            content=PDF,
            headers={**headers, "content-type": "application/octet-stream"},
        )
        assert answer.status_code == 201, answer.text
        ids.append(answer.json()["id"])
    assert all(re.fullmatch(r"[0-9a-f]{24}", i) for i in ids)
    assert len({int(i, 16) for i in ids}) == 3
    record(
        "Access control",
        f"{count} case numbers in a row: all `SPCEN` + 12 digits, smallest gap "
        f"{min(abs(g) for g in gaps):,}; attachment ids 96-bit random hex",
    )
