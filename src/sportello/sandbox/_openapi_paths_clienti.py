"""The contract's paths of the customer area and of the sandbox controls.

Part of :mod:`sportello.sandbox._openapi_build`, which assembles the document.
"""

from __future__ import annotations

from sportello.sandbox._openapi_conventions import query, query_int, query_text
from sportello.sandbox._openapi_paths import link, op, param
from sportello.sandbox._openapi_schemas import JSON

#: UP-5: the years a query may name (what the server accepts).
_ANNO = (1900, 9999)

__all__ = ["clienti_paths"]


def clienti_paths(numero: JSON) -> JSON:
    """The ``/v1/area-clienti`` and ``/_sandbox`` paths (``numero`` is the shared parameter)."""
    p: JSON = {}
    c = "area-clienti"
    pre = "/v1/area-clienti"
    p[f"{pre}/registrazione"] = {
        "post": op(
            "registraCliente",
            "UP-1: codice cliente + CF/P.IVA -> summary, password e-mailed",
            c,
            ("201", "RiepilogoCliente"),
            ("409",),
            body="RegistrazioneAreaClienti",
            auth=False,
            post=True,
        )
    }
    p[f"{pre}/login"] = {
        "post": op(
            "loginCliente",
            "UP-3: codice cliente + password -> bearer token",
            c,
            ("200", "Token"),
            ("401", "429"),
            body="LoginAreaClienti",
            auth=False,
            post=True,
        )
    }
    p[f"{pre}/logout"] = {
        "post": op("logoutCliente", "Revoke the token", c, ("204", None, "revoked"), post=True)
    }
    p[f"{pre}/password"] = {
        "post": op(
            "cambiaPasswordCliente",
            "Change the password (throttled like login; the other tokens are revoked)",
            c,
            ("204", None, "changed"),
            ("409", "429"),
            body="CambioPassword",
            post=True,
        )
    }
    p[f"{pre}/recupero-password"] = {
        "post": op(
            "recuperaPasswordCliente",
            "UP-3: codice cliente only; new password e-mailed (202); every token revoked",
            c,
            ("202", None, "accepted"),
            ("429",),
            body="RecuperoPassword",
            auth=False,
            post=True,
        )
    }
    first_punto = "$response.body#/items/0/codice"
    p[f"{pre}/punti-fornitura"] = {
        "get": op(
            "puntiFornitura",
            "UP-4: supply points",
            c,
            ("200", "ElencoPuntiFornitura"),
            links={
                "elencaAutoletture": link("elencaAutoletture", codice=first_punto),
                "inserisciAutolettura": link("inserisciAutolettura", codice=first_punto),
            },
        )
    }
    codice = param("codice", "path", {"type": "string", "minLength": 1}, required=True)
    p[f"{pre}/punti-fornitura/{{codice}}/autoletture"] = {
        "get": op(
            "elencaAutoletture",
            "RD-1/RD-4/RD-5: readings and entry windows",
            c,
            ("200", "ElencoAutoletture"),
            ("404",),
            params=(codice,),
        ),
        "post": op(
            "inserisciAutolettura",
            "RD-1..RD-3: enter a reading",
            c,
            ("201", "AutoletturaRegistrata"),
            ("404",),
            body="InserimentoAutolettura",
            post=True,
            params=(codice,),
            links={
                "cancellaAutolettura": link(
                    "cancellaAutolettura",
                    "delete it while not yet acquired (RD-4)",
                    codice="$request.path.codice",
                    id="$response.body#/id",
                )
            },
        ),
    }
    p[f"{pre}/punti-fornitura/{{codice}}/autoletture/{{id}}"] = {
        "delete": op(
            "cancellaAutolettura",
            "RD-4/RD-5: delete a reading not yet acquired",
            c,
            ("204", None, "deleted"),
            ("404", "409"),
            params=(
                codice,
                param("id", "path", {"type": "string", "pattern": "^[0-9a-f]{16}$"}, required=True),
            ),
        )
    }
    p[f"{pre}/fatture"] = {
        "get": op(
            "elencaFatture",
            "UP-5: invoices from 2014",
            c,
            ("200", "ElencoFatture"),
            ("400",),
            params=(query_int("anno", *_ANNO, desc="only the invoices of this year"),),
            links={
                "scaricaFattura": link(
                    "scaricaFattura", "the newest invoice", numero="$response.body#/items/0/numero"
                )
            },
        )
    }
    fattura = param("numero", "path", {"type": "string", "minLength": 1}, required=True)
    pdf = op(
        "scaricaFattura",
        "UP-5: the invoice PDF (404 when it has none)",
        c,
        ("200", None, "the PDF", "application/pdf"),
        ("404",),
        params=(fattura,),
    )
    p[f"{pre}/fatture/{{numero}}/pdf"] = {"get": pdf}
    p[f"{pre}/anagrafica"] = {
        "get": op("anagrafica", "UP-6: personal data", c, ("200", "Anagrafica")),
        "patch": op(
            "aggiornaAnagrafica",
            "UP-6: change telefono, fax, email only (a new email needs password_attuale)",
            c,
            ("200", "Anagrafica"),
            ("429",),
            body="AggiornamentoAnagrafica",
        ),
    }
    first_contratto = "$response.body#/items/0/codice"
    p[f"{pre}/contratti"] = {
        "get": op(
            "elencaContratti",
            "The customer's contracts",
            c,
            ("200", "ElencoContratti"),
            links={
                "modalitaInvio": link("modalitaInvio", codice=first_contratto),
                "impostaModalitaInvio": link("impostaModalitaInvio", codice=first_contratto),
            },
        )
    }
    contratto = param("codice", "path", {"type": "string", "minLength": 1}, required=True)
    p[f"{pre}/contratti/{{codice}}/modalita-invio"] = {
        "get": op(
            "modalitaInvio",
            "EB-3: a contract's delivery mode and e-mail",
            c,
            ("200", "ModalitaInvio"),
            ("404",),
            params=(contratto,),
        ),
        "put": op(
            "impostaModalitaInvio",
            "EB-1..EB-3: set the delivery mode and e-mail",
            c,
            ("200", "ModalitaInvio"),
            ("404",),
            body="ImpostazioneModalitaInvio",
            params=(contratto,),
        ),
    }
    punto_q = query_text("punto", desc="supply point code (UP-4); default the first")
    p[f"{pre}/prelievi"] = {
        "get": op(
            "prelievi",
            "UP-7: billed energy and power of a year",
            c,
            ("200", "PrelieviAnno"),
            ("400", "404"),
            params=(query_int("anno", *_ANNO, desc="default the latest billed"), punto_q),
        )
    }
    p[f"{pre}/misure"] = {
        "get": op(
            "misure",
            "UP-8: electricity measurements in [dal, al]; formato=csv to download",
            c,
            ("200", "ElencoMisure"),
            ("400", "404"),
            params=(
                query("dal", {"type": "string", "format": "date"}, required=True),
                query("al", {"type": "string", "format": "date"}, required=True),
                punto_q,
                query("formato", {"type": "string", "enum": ["json", "csv"]}),
            ),
        )
    }
    p[f"{pre}/misure"]["get"]["responses"]["200"]["content"]["text/csv"] = {
        "schema": {"type": "string", "contentMediaType": "text/csv"}
    }
    for name, op_id, schema in (
        ("dati-tecnici", "datiTecnici", "ElencoSchedeDati"),
        ("dati-contrattuali", "datiContrattuali", "ElencoSchedeDati"),
        ("documenti", "documentiCliente", "ElencoDocumentiCliente"),
        ("ticket", "ticket", "ElencoTicket"),
    ):
        p[f"{pre}/{name}"] = {"get": op(op_id, f"UP-9: {name} (read-only)", c, ("200", schema))}
    sb = "sandbox"
    p["/_sandbox/outbox"] = {
        "get": op(
            "outbox",
            "E-mails the sandbox 'sent'",
            sb,
            ("200", "Outbox"),
            auth=False,
            params=(query_text("a", max_length=320, desc="only those sent to this address"),),
        )
    }
    p["/_sandbox/faults"] = {
        "get": op(
            "pendingFaults", "The faults still queued", sb, ("200", "FaultsPending"), auth=False
        ),
        "post": op(
            "faults",
            "Queue faults for the next requests (aimed by path and method, counted)",
            sb,
            ("204", None, "queued"),
            body="Faults",
            auth=False,
        ),
    }
    p["/_sandbox/reset"] = {
        "post": op(
            "reset",
            "Back to the empty (or demo) state: store, files, faults, clock",
            sb,
            ("204", None, "reset"),
            body="Reset",
            auth=False,
        )
    }
    p["/_sandbox/acquire-readings"] = {
        "post": op(
            "acquireReadings",
            "RD-5: run the acquisition pass now",
            sb,
            ("200", "Acquisizione"),
            auth=False,
        )
    }
    p["/_sandbox/accounts"] = {
        "post": op(
            "seedAccount",
            "Seed a consumer account (registrata_il before 2017-10-06: AU-3)",
            sb,
            ("201", "Account"),
            ("409",),
            body="AccountSeed",
            auth=False,
        )
    }
    p["/_sandbox/pratiche/{numero}/eventi"] = {
        "post": op(
            "eventoPratica",
            "NT-2: add a document or schedule a meeting on a case",
            sb,
            ("201", "Notifica"),
            ("404",),
            body="EventoPratica",
            auth=False,
            params=(numero,),
        )
    }
    p["/_sandbox/clock"] = {
        "get": op("clock", "The sandbox clock", sb, ("200", "Orologio"), auth=False),
        "post": op(
            "setClock",
            "Freeze, unfreeze or advance the sandbox clock; due deadlines fire at once",
            sb,
            ("200", "Orologio"),
            body="CambioOrologio",
            auth=False,
        ),
    }
    p["/openapi.json"] = {
        "get": {
            "operationId": "openapi",
            "summary": "This document",
            "tags": [sb],
            "security": [],
            "responses": {
                "200": {
                    "description": "the contract",
                    "content": {"application/json": {"schema": {"type": "object"}}},
                },
                "421": {"$ref": "#/components/responses/Problem421"},
            },
        }
    }
    return p
