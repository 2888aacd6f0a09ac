"""The paths, parameters and error answers of the API contract.

Part of :mod:`sportello.sandbox._openapi_build`, which assembles the document; the conventions
every operation follows are applied by :func:`sportello.sandbox._openapi_conventions.conform`.
"""

from __future__ import annotations

from sportello.sandbox._openapi_conventions import (
    CURSOR_PATTERN,
    IDEMPOTENCY_KEY,
    LANG,
    query,
    query_int,
    query_text,
)
from sportello.sandbox._openapi_feed import feed_paths, list_filter_params
from sportello.sandbox._openapi_schemas import JSON, ref
from sportello.sandbox._pratiche_data import NUMERO_PATTERN

__all__ = ["BINARY", "link", "op", "param", "paths", "problem_responses"]

#: A file, as the body of a request or an answer (OpenAPI 3.1 with ``format: binary`` for the
#: code generators that read it).
BINARY: JSON = {"type": "string", "format": "binary"}

_ERRORS = {
    "400": "malformed JSON, query or header",
    "401": "missing, unknown or expired token",
    "403": "forbidden (AU-3: auth.legacy_account_reset_required)",
    "404": "not found (also: another user's case, never revealed)",
    "408": "the request body did not arrive in time (api.request_timeout)",
    "409": "conflict (Idempotency-Key reused with another request, reading already acquired)",
    "413": "body or upload over its limit (AT-1, AT-3)",
    "415": "content type or file type not accepted",
    "421": "the Host header names no host the sandbox answers to (api.host_not_allowed)",
    "422": "violations of the rules or the form",
    "429": "too many failed password checks, or recoveries of one account; see Retry-After",
    "503": "unavailable (fault injection); see Retry-After",
}

_HDR_REQ_ID = {"X-Request-Id": {"schema": {"type": "string"}, "description": "request id"}}
_HEADERS = {
    "401": {
        "WWW-Authenticate": {"schema": {"type": "string"}, "description": "Bearer"},
    },
    "429": {
        "Retry-After": {
            "schema": {"type": "integer", "minimum": 1},
            "description": "seconds to wait before trying again",
        }
    },
    "503": {
        "Retry-After": {
            "schema": {"type": "integer", "minimum": 1},
            "description": "seconds to wait before trying again",
        }
    },
}


def _problem(code: str) -> JSON:
    return {"$ref": f"#/components/responses/Problem{code}"}


def problem_responses() -> JSON:
    """The shared problem answers, one per status, and ``Problem`` (every operation's default)."""
    found = {
        f"Problem{code}": {
            "description": text,
            "headers": {**_HDR_REQ_ID, **_HEADERS.get(code, {})},
            "content": {"application/problem+json": {"schema": ref("Problem")}},
        }
        for code, text in _ERRORS.items()
    }
    found["Problem"] = {
        "description": "any other error (500 for an unexpected one), as a problem document",
        "headers": dict(_HDR_REQ_ID),
        "content": {"application/problem+json": {"schema": ref("Problem")}},
    }
    return found


def link(operation_id: str, description: str = "", **parameters: str) -> JSON:
    """An OpenAPI link to ``operation_id`` with its parameters' runtime expressions."""
    found: JSON = {"operationId": operation_id, "parameters": parameters}
    if description:
        found["description"] = description
    return found


def _ok(status: str, schema: str | None, description: str = "", media: str = "") -> JSON:
    out: JSON = {"description": description or "ok", "headers": dict(_HDR_REQ_ID)}
    if schema is not None:
        out["content"] = {media or "application/json": {"schema": ref(schema)}}
    elif media:
        out["content"] = {media: {"schema": dict(BINARY)}}
        if media != OCTET:
            # The same bytes as octet-stream for a caller that asks for that alone (the media
            # type code generators read files from): see ``_http.file_response``.
            out["content"][OCTET] = {"schema": dict(BINARY)}
            out["description"] += f": {media}, or {OCTET} when the request's Accept asks for it"
    if status == "201":
        out["headers"]["Location"] = {"schema": {"type": "string"}}
    return out


OCTET = "application/octet-stream"


def param(name: str, where: str, schema: JSON, *, required: bool = False, desc: str = "") -> JSON:
    out: JSON = {"name": name, "in": where, "required": required, "schema": schema}
    if desc:
        out["description"] = desc
    return out


_IDEM = IDEMPOTENCY_KEY
_LANG = LANG


def op(
    op_id: str,
    summary: str,
    tag: str,
    ok: tuple[str, str | None] | tuple[str, str | None, str] | tuple[str, str | None, str, str],
    errors: tuple[str, ...] = (),
    *,
    body: str | None = None,
    body_media: str = "application/json",
    params: tuple[JSON, ...] = (),
    auth: bool = True,
    post: bool = False,
    links: JSON | None = None,
) -> JSON:
    """One operation; ``links`` (name -> :func:`link`) go on its success answer."""
    status, schema, *rest = ok
    responses: JSON = {status: _ok(status, schema, *rest)}
    if links:
        responses[status]["links"] = links
    codes = set(errors) | {"421", "503"}
    if auth:
        codes |= {"401", "403"}
    if body is not None:
        codes |= {"400", "408", "413", "415", "422"}
    if post:
        codes |= {"400", "409"}  # a malformed or reused Idempotency-Key
    for code in sorted(codes):
        responses[code] = _problem(code)
    op: JSON = {"operationId": op_id, "summary": summary, "tags": [tag]}
    plist = [_LANG, *params]
    if post:
        plist.insert(0, _IDEM)
    op["parameters"] = plist
    if body is not None:
        if body_media == "application/json":
            content = {body_media: {"schema": ref(body)}}
        else:
            content = {body_media: {"schema": dict(BINARY)}}
        op["requestBody"] = {"required": True, "content": content}
    op["responses"] = responses
    op["security"] = [{"bearer": []}] if auth else []
    return op


def paths() -> JSON:
    """Every path of the contract."""
    p: JSON = {}
    numero = param("numero", "path", {"type": "string", "pattern": NUMERO_PATTERN}, required=True)
    from sportello.sandbox._openapi_paths_auth import auth_paths

    p.update(auth_paths())
    t = "pratiche"
    case = "$response.body#/numero"
    case_links = {
        "leggiPratica": link("leggiPratica", "the case just opened", numero=case),
        "caricaAllegato": link("caricaAllegato", "upload an attachment to it", numero=case),
        "elencaAllegati": link("elencaAllegati", numero=case),
        "elencaDocumenti": link("elencaDocumenti", numero=case),
        "elencaNotifiche": link("elencaNotifiche", numero=case),
    }
    procedura_links = {
        name: link(name, f"CP-3..CP-8: {what}", numero=case)
        for name, what in (
            ("integraDomanda", "answer a request for integration"),
            ("dichiaraDisponibilita", "declare availability"),
            ("chiediRinvio", "ask to postpone the meeting"),
            ("ritiraDomanda", "withdraw the request"),
        )
    }
    for path, op_id, form, summary, links in (
        (
            "conciliazione",
            "creaConciliazione",
            "DomandaConciliazione",
            "CO-1..CO-5, CP-11",
            {**case_links, **procedura_links},
        ),
        ("smart-help", "creaSmartHelp", "RichiestaSmartHelp", "SH-1..SH-3", case_links),
    ):
        p[f"/v1/pratiche/{path}"] = {
            "post": op(
                op_id,
                f"{summary}: open a case",
                t,
                ("201", "Pratica"),
                body=form,
                post=True,
                links=links,
            )
        }
    p["/v1/pratiche/informazioni"] = {
        "post": {
            **op(
                "creaInformazioni",
                "Open an information request (tipo=informazioni) or a report (tipo=segnalazione)",
                t,
                ("201", "Pratica"),
                body="RichiestaInformazioni",
                post=True,
                links=case_links,
                params=(
                    query(
                        "tipo",
                        {"type": "string", "enum": ["informazioni", "segnalazione"]},
                        desc="which form the body is (default informazioni)",
                    ),
                ),
            ),
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {"anyOf": [ref("RichiestaInformazioni"), ref("Segnalazione")]}
                    }
                },
            },
        }
    }
    p["/v1/pratiche"] = {
        "get": op(
            "elencaPratiche",
            "The caller's cases, newest first",
            t,
            ("200", "PaginaPratiche"),
            ("400",),
            params=(
                query(
                    "cursor",
                    {"type": "string", "pattern": CURSOR_PATTERN},
                    desc="next_cursor of the previous page (opaque)",
                ),
                query_int("limit", 1, 100, desc="cases per page (default 20)"),
                *list_filter_params(),
            ),
            links={
                "leggiPratica": link(
                    "leggiPratica", "the newest case", numero="$response.body#/items/0/numero"
                )
            },
        )
    }
    p["/v1/pratiche/{numero}"] = {
        "get": op(
            "leggiPratica", "SH-4: one case", t, ("200", "Pratica"), ("404",), params=(numero,)
        )
    }
    p["/v1/pratiche/{numero}/allegati"] = {
        "post": op(
            "caricaAllegato",
            "CO-6/AT-1..AT-4: upload one attachment (raw body, streamed)",
            t,
            ("201", "Allegato"),
            ("404", "409", "413", "415"),
            body="-",
            body_media="application/octet-stream",
            post=True,
            params=(
                numero,
                query_text("nome", max_length=255, required=True, desc="the file name (AT-4)"),
                query("obbligatorio", {"type": "boolean"}, desc="CO-6: required by the procedure"),
            ),
            links={
                "scaricaAllegato": link(
                    "scaricaAllegato",
                    "download it back",
                    numero="$request.path.numero",
                    id="$response.body#/id",
                )
            },
        ),
        "get": op(
            "elencaAllegati",
            "The case's attachments",
            t,
            ("200", "ElencoAllegati"),
            ("404",),
            params=(numero,),
        ),
    }
    p["/v1/pratiche/{numero}/allegati/{id}"] = {
        "get": op(
            "scaricaAllegato",
            "Download one attachment (streamed)",
            t,
            ("200", None, "the file", "application/octet-stream"),
            ("404",),
            params=(
                numero,
                param("id", "path", {"type": "string", "pattern": "^[0-9a-f]{24}$"}, required=True),
            ),
        )
    }
    p["/v1/pratiche/{numero}/documenti"] = {
        "get": op(
            "elencaDocumenti",
            "SH-4: documents exchanged on the case",
            t,
            ("200", "ElencoDocumenti"),
            ("404",),
            params=(numero,),
        )
    }
    p["/v1/pratiche/{numero}/documenti/{id}"] = {
        "get": op(
            "scaricaDocumento",
            "SH-4: download one document of the case (a PDF the Servizio sent)",
            t,
            ("200", None, "the file (Content-Disposition names it)", "application/pdf"),
            ("404",),
            params=(numero, param("id", "path", {"type": "string"}, required=True)),
        )
    }
    p["/v1/pratiche/{numero}/eventi"] = {
        "get": op(
            "eventiPratica",
            "SH-4: the case's timeline, oldest first",
            t,
            ("200", "ElencoEventi"),
            ("404",),
            params=(numero,),
        )
    }
    p["/v1/pratiche/{numero}/notifiche"] = {
        "get": op(
            "elencaNotifiche",
            "NT-1/NT-2: e-mails sent about the case",
            t,
            ("200", "ElencoNotifiche"),
            ("404",),
            params=(numero,),
        )
    }
    from sportello.sandbox._openapi_paths_clienti import clienti_paths

    p.update(clienti_paths(numero))
    from sportello.sandbox._openapi_paths_procedura import procedura_paths

    p.update(procedura_paths(numero))
    p.update(feed_paths())
    return p
