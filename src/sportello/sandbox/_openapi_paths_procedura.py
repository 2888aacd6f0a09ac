"""The contract's paths of the conciliation procedure (CP-2..CP-10).

The customer's actions under ``/v1/pratiche/{numero}/`` (each body one of the forms) and the
operator's controls under ``/_sandbox/pratiche/{numero}/conciliazione/`` (the ``sandbox``
tag); every answer is the case (``Pratica``, its ``conciliazione`` block), every refusal a 422
problem whose violations name the rule. Part of :mod:`sportello.sandbox._openapi_build`.
"""

from __future__ import annotations

from sportello.sandbox._openapi_paths import link, op
from sportello.sandbox._openapi_schemas import JSON

__all__ = ["procedura_paths"]

#: Customer actions: (path segment, operationId, form, summary).
_CLIENTE: tuple[tuple[str, str, str, str], ...] = (
    (
        "integrazione",
        "integraDomanda",
        "RispostaIntegrazione",
        "CP-3: answer the request for integration (within 7 days of it)",
    ),
    (
        "disponibilita",
        "dichiaraDisponibilita",
        "DisponibilitaIncontro",
        "CP-5: declare the (day, slot) pairs the customer can attend",
    ),
    (
        "rinvio",
        "chiediRinvio",
        "RichiestaRinvio",
        "CP-7: ask to postpone the fixed meeting (before its day), with the reason",
    ),
    (
        "ritiro",
        "ritiraDomanda",
        "RitiroDomanda",
        "CP-8: withdraw the request (until 2 days before the meeting; CP-2 then bars a new one)",
    ),
)

#: Operator controls: (path segment, operationId, body schema or None, summary).
_OPERATORE: tuple[tuple[str, str, str | None, str], ...] = (
    (
        "richiesta-integrazione",
        "operatoreRichiediIntegrazione",
        "OperatoreIntegrazione",
        "CP-3: ask the customer for documents (7 days; a reminder 2 days before; archived after)",
    ),
    ("ammissione", "operatoreAmmetti", None, "CP-3: admit the request: day 0 of the terms"),
    (
        "inammissibilita",
        "operatoreDichiaraInammissibile",
        "OperatoreInammissibilita",
        "CP-2: archive the request as inadmissible, with its reasons",
    ),
    (
        "convocazione",
        "operatoreConvoca",
        "OperatoreConvocazione",
        "CP-5, CP-6: convene in a slot (given, or the first the customer declared)",
    ),
    (
        "rinvio",
        "operatoreRinvia",
        "OperatoreRinvio",
        "CP-7: the counterpart or the Servizio postpones the fixed meeting",
    ),
    (
        "proroga",
        "operatoreProroga",
        "OperatoreProroga",
        "CP-9: extend the procedure's end (up to 30 days in all)",
    ),
    (
        "esito",
        "operatoreRegistraEsito",
        "OperatoreEsito",
        "CP-10: record the outcome; the verbale is a PDF of the case",
    ),
    (
        "mancata-comparizione",
        "operatoreArchiviaMancataComparizione",
        None,
        "CP-7: archive for the customer's no-show (on or after the meeting's day)",
    ),
)


def _links() -> JSON:
    here = "$request.path.numero"
    return {
        "leggiPratica": link("leggiPratica", "the case after the action", numero=here),
        "eventiPratica": link("eventiPratica", "its timeline", numero=here),
        "elencaDocumenti": link("elencaDocumenti", "its documents", numero=here),
    }


def procedura_paths(numero: JSON) -> JSON:
    """The procedure's paths (``numero`` is the shared path parameter)."""
    p: JSON = {}
    for segment, op_id, form, summary in _CLIENTE:
        p[f"/v1/pratiche/{{numero}}/{segment}"] = {
            "post": op(
                op_id,
                summary,
                "pratiche",
                ("200", "Pratica"),
                ("404",),
                body=form,
                post=True,
                params=(numero,),
                links=_links(),
            )
        }
    for segment, op_id, body, summary in _OPERATORE:
        operation = op(
            op_id,
            f"Operator (sandbox): {summary}",
            "sandbox",
            ("200", "Pratica"),
            ("400", "404", "422"),
            body=body,
            auth=False,
            params=(numero,),
            links=_links(),
        )
        if body is not None:
            operation["requestBody"]["required"] = False
        p[f"/_sandbox/pratiche/{{numero}}/conciliazione/{segment}"] = {"post": operation}
    return p
