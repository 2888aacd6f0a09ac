"""The calls of the customer's actions on a conciliation, built without I/O (CP-3..CP-8).

Beside :mod:`sportello.client.resources._calls`: each validates its form locally first
(:func:`~sportello.client.resources._calls.validated`: a form with errors raises
:class:`sportello.ValidationError` and nothing is sent) and answers the case after the action.
Whether the action may happen now is the server's (the procedure's rules): a refusal is
:class:`sportello.client.ApiError` with the violations, each naming its rule.
"""

from __future__ import annotations

from sportello.client._base import Call
from sportello.client._models import Pratica
from sportello.client.resources._calls import one, seg, validated

__all__ = ["AZIONI", "azione"]

#: form class name -> the path segment of its action.
AZIONI: dict[str, str] = {
    "RispostaIntegrazione": "integrazione",
    "DisponibilitaIncontro": "disponibilita",
    "RichiestaRinvio": "rinvio",
    "RitiroDomanda": "ritiro",
}


def azione(numero: str, form: object, name: str, idempotency_key: str | None) -> Call[Pratica]:
    """POST /v1/pratiche/{numero}/<action> with ``form`` (a ``name`` form), answering the case."""
    body = validated(form, name)
    return Call(
        "POST",
        f"/v1/pratiche/{seg(numero)}/{AZIONI[name]}",
        one(Pratica),
        json=body,
        idempotency_key=idempotency_key,
    )
