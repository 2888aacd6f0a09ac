"""The customer's actions on a conciliation: ``/v1/pratiche/{numero}/...`` (CP-3, CP-5, CP-7, CP-8).

Each endpoint loads its form (:mod:`sportello.forms`: ``RispostaIntegrazione``,
``DisponibilitaIncontro``, ``RichiestaRinvio``, ``RitiroDomanda``), then runs the rules'
operation on the case's procedure (:func:`sportello.sandbox._procedure.act`): a form's
errors and a refused action are both a 422 problem whose violations name their rule. The
answer is the case (``Pratica``, with its ``conciliazione`` block). Only the owner's
conciliation cases exist here (404 otherwise); the ``Idempotency-Key`` works as everywhere.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from sportello._messages import labels
from sportello._violations import ValidationError, Violation
from sportello.rules import conciliazione as cp
from sportello.rules.conciliazione import Parte, Passo, Procedura
from sportello.sandbox._core import Sandbox
from sportello.sandbox._http import lang_of, load_form, read_json
from sportello.sandbox._idempotency import Reply
from sportello.sandbox._pratiche_data import pratica_json
from sportello.sandbox._procedure import act, case, catch_up
from sportello.sandbox._replies import reply

__all__ = ["routes"]

REALM = "sportello"


def _declare(p: Procedura, oggi: dt.date) -> Passo:
    """CP-5: availability may be declared while the procedure is open (nothing moves)."""
    del oggi
    if p.stato.is_final:
        raise ValidationError(
            [
                Violation.of(
                    "conciliazione.disponibilita_chiusa", path="stato", **labels(stato=p.stato)
                )
            ]
        )
    return Passo(p)


def routes(sb: Sandbox) -> list[Route]:
    """The customer's ``/v1/pratiche/{numero}/...`` actions on a conciliation of ``sb``.

    - CP-3: ``integrazione`` answers a request for documents, within 7 days.
    - CP-5: ``disponibilita`` declares the (day, slot) pairs the customer can attend; the
      operator's convocation picks the first one (``/_sandbox/.../convocazione``).
    - CP-7: ``rinvio`` asks to postpone the fixed meeting, before its day (new availability
      optional).
    - CP-8: ``ritiro`` withdraws the request, until 2 days before the meeting.
    """
    from sportello import forms

    async def run(
        request: Request,
        form_cls: type,
        operazione: Any,
        *,
        fasce: bool = False,
    ) -> Response:
        who = await sb.principal(request, REALM, services=True)
        numero = request.path_params["numero"]
        body, raw = await read_json(request, sb.settings.max_json_bytes)
        await sb.read(lambda db: case(db, numero, who.subject))  # 404 before the form
        form: Any = load_form(form_cls, body, today=sb.today())
        dumped = forms.dump(form)
        lang = lang_of(request)
        await sb.write(lambda db: catch_up(sb, db, numero))

        def effect(db: sqlite3.Connection) -> Reply:
            row = case(db, numero, who.subject)
            row = act(sb, db, row, lambda p, oggi: operazione(p, oggi, form))
            if fasce and dumped.get("fasce"):
                db.execute(
                    "UPDATE pratiche SET disponibilita = ? WHERE numero = ?",
                    (json.dumps(dumped["fasce"], ensure_ascii=False, default=str), numero),
                )
                row = case(db, numero, who.subject)
            return reply(pratica_json(row, lang))

        return await sb.mutate(request, who.scope, effect, raw)

    async def integrazione(request: Request) -> Response:
        # CP-3: the documents asked for (the form), within 7 days (the rules' integrate).
        return await run(
            request,
            forms.RispostaIntegrazione,
            lambda p, oggi, _f: cp.integrate(p, oggi=oggi),
        )

    async def disponibilita(request: Request) -> Response:
        # CP-5: the (day, slot) pairs the customer can attend.
        return await run(
            request,
            forms.DisponibilitaIncontro,
            lambda p, oggi, _f: _declare(p, oggi),
            fasce=True,
        )

    async def rinvio(request: Request) -> Response:
        # CP-7: postpone the fixed meeting, with the reason (the rules' postpone).
        return await run(
            request,
            forms.RichiestaRinvio,
            lambda p, oggi, f: cp.postpone(
                p, oggi=oggi, richiesto_da=Parte.CLIENTE, motivo=f.motivo
            ),
            fasce=True,
        )

    async def ritiro(request: Request) -> Response:
        # CP-8: withdraw, at the latest 2 days before the meeting (the rules' withdraw).
        return await run(
            request,
            forms.RitiroDomanda,
            lambda p, oggi, _f: cp.withdraw(p, oggi=oggi),
        )

    p = "/v1/pratiche/{numero}"
    return [
        Route(f"{p}/integrazione", integrazione, methods=["POST"]),
        Route(f"{p}/disponibilita", disponibilita, methods=["POST"]),
        Route(f"{p}/rinvio", rinvio, methods=["POST"]),
        Route(f"{p}/ritiro", ritiro, methods=["POST"]),
    ]
