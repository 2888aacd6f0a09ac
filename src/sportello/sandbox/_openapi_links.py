"""The contract's navigation links: from an answer to the operations a client calls next.

:mod:`sportello.sandbox._openapi_paths` and ``_openapi_paths_clienti`` put on an operation the
links whose target takes a value of the answer (the case just opened, its attachment, the first
supply point). :func:`add_navigation` adds, after the paths are built, the links of a session's
navigation that pass nothing or a value of the answer: from the consumer's case list to the
account, the event feed and the logout, and from the account to its username's reminder and
password's reset (the account's own e-mail and username passed on); from the customer's
contracts to the customer area's pages. Generated clients show them as "next steps" and
schemathesis' stateful run follows them (``tests/reliability/test_schemathesis.py``), so that
every page of a realm is reached after a call that proved the session works.
"""

from __future__ import annotations

from typing import Any

__all__ = ["NAVIGATION", "add_navigation"]

JSON = dict[str, Any]

_FIRST = "$response.body#/items/0/"

#: source operation -> {target operation: (description, parameters)}; a ``requestBody`` key
#: among the parameters is the link's request body.
NAVIGATION: dict[str, dict[str, tuple[str, dict[str, Any]]]] = {
    "elencaPratiche": {
        "me": ("the account of the session", {}),
        "feedEventi": ("the events of the caller's cases", {}),
        "eventiPratica": ("the newest case's history", {"numero": _FIRST + "numero"}),
        "openapi": ("this contract", {}),
    },
    "me": {
        "logout": ("end the session", {}),
        "recuperaUsername": (
            "the username's reminder",
            {"requestBody": {"email": "$response.body#/email"}},
        ),
        "recuperaPassword": (
            "the password's reset e-mail",
            {"requestBody": {"username": "$response.body#/username"}},
        ),
    },
    "creaInformazioni": {
        "eventiPratica": ("the case's history", {"numero": "$response.body#/numero"}),
    },
    "elencaDocumenti": {
        "scaricaDocumento": (
            "the first document",
            {"numero": "$request.path.numero", "id": _FIRST + "id"},
        ),
    },
    "elencaContratti": {
        "anagrafica": ("the customer's registry data", {}),
        "datiContrattuali": ("the contracts' terms", {}),
        "datiTecnici": ("the supply points' technical data", {}),
        "documentiCliente": ("the customer's documents", {}),
        "ticket": ("the customer's requests", {}),
        "elencaFatture": ("the invoices", {}),
        "puntiFornitura": ("the supply points", {}),
        "logoutCliente": ("end the session", {}),
    },
    "puntiFornitura": {
        "prelievi": ("the first point's withdrawals", {"query.punto": _FIRST + "codice"}),
    },
    "anagrafica": {
        "aggiornaAnagrafica": (
            "change the registry data (the e-mail as it is)",
            {"requestBody": {"email": "$response.body#/email"}},
        ),
    },
    "modalitaInvio": {
        "impostaModalitaInvio": (
            "confirm the delivery mode and address",
            {
                "codice": "$request.path.codice",
                "requestBody": {
                    "modalita": "$response.body#/modalita",
                    "email_invio": "$response.body#/email",
                },
            },
        ),
    },
}


def add_navigation(paths: JSON) -> JSON:
    """``paths`` with the :data:`NAVIGATION` links on each source's success answer.

    Raises:
        KeyError: a source or a target operation is not in ``paths``.
    """
    by_id = {
        op["operationId"]: op
        for item in paths.values()
        for op in item.values()
        if isinstance(op, dict) and "operationId" in op
    }
    for source, targets in NAVIGATION.items():
        responses = by_id[source]["responses"]
        status = min(code for code in responses if code.startswith("2"))
        links = responses[status].setdefault("links", {})
        for target, (description, parameters) in targets.items():
            if target not in by_id:
                raise KeyError(target)
            found: JSON = {"operationId": target, "parameters": dict(parameters)}
            body = found["parameters"].pop("requestBody", None)
            if body is not None:
                found["requestBody"] = body
            found["description"] = description
            links[target] = found
    return paths
