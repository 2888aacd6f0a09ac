"""The Servizio's operator, played by the sandbox: ``/_sandbox/pratiche/{numero}/conciliazione/*``.

Each control runs one of the rules' operations of the Servizio on a conciliation case
(:mod:`sportello.rules.conciliazione`), through :func:`sportello.sandbox._procedure.act`, on
the sandbox clock's day: ``richiesta-integrazione`` (CP-3), ``ammissione`` (CP-3),
``inammissibilita`` (CP-2, with its reasons), ``convocazione`` (CP-5, CP-6: a day and one
of the six slots, or the first slot of the customer's declared availability),
``esito`` (CP-10, with the verbale as a PDF), ``mancata-comparizione`` (CP-7), ``proroga``
(CP-9) and ``rinvio`` (CP-7, asked by the counterpart or the Servizio). A refusal is a 422
problem whose violations name their rule; the answer is the case (``Pratica``). Not part of
the public contract (no authentication), described under the ``sandbox`` tag.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import sqlite3
from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from sportello._violations import ValidationError, Violation
from sportello.rules import conciliazione as cp
from sportello.rules.conciliazione import (
    Esito,
    Incontro,
    MotivoInammissibilita,
    Parte,
    Passo,
    Procedura,
)
from sportello.rules.meetings import (
    DisponibilitaFascia,
    FasciaIncontro,
    Giorno,
    ModalitaIncontro,
    first_available,
)
from sportello.sandbox._core import Sandbox
from sportello.sandbox._http import json_response, lang_of, read_json
from sportello.sandbox._pratiche_data import pratica_json
from sportello.sandbox._problems import ProblemError
from sportello.sandbox._procedure import act, case, catch_up

__all__ = ["AZIONI_OPERATORE", "routes"]

Operazione = Callable[[Procedura, dt.date], Passo]


def _bad(name: str) -> Violation:
    return Violation.of("api.invalid_parameter", path=name, name=name)


def _choice(body: dict[str, Any], name: str, enum_cls: Any, default: Any = None) -> Any:
    raw = body.get(name, default)
    try:
        return enum_cls(raw)
    except ValueError:
        raise ProblemError(422, [_bad(name)]) from None


def _choices(body: dict[str, Any], name: str, enum_cls: Any, default: list[str]) -> list[Any]:
    raw = body.get(name, default)
    if not isinstance(raw, list):
        raise ProblemError(422, [_bad(name)])
    return [_choice({name: r}, name, enum_cls) for r in raw]


def _disponibili(row: sqlite3.Row) -> list[DisponibilitaFascia]:
    """CP-5: the customer's declared (day, slot) pairs, as the rules' records."""
    found = []
    for item in json.loads(row["disponibilita"] or "[]"):
        day: Giorno | dt.date = (
            Giorno[item["giorno"].upper()]
            if item.get("giorno")
            else dt.date.fromisoformat(str(item["data"]))
        )
        found.append(DisponibilitaFascia(day, FasciaIncontro(item["fascia"])))
    return found


def _convocazione(body: dict[str, Any], row: sqlite3.Row) -> Operazione:
    """CP-5, CP-6: convene on the given day and slot, or in the first declared one."""
    stanza = str(body.get("stanza") or f"Stanza virtuale {secrets.randbelow(90) + 10}")
    modalita = _choice(body, "modalita", ModalitaIncontro, "video")
    motivo_telefono = body.get("motivo_telefono")
    if motivo_telefono is not None and not isinstance(motivo_telefono, str):
        raise ProblemError(422, [_bad("motivo_telefono")])
    data_raw = body.get("data")
    data: dt.date | None = None
    if data_raw is not None:
        try:
            data = dt.date.fromisoformat(str(data_raw))
        except ValueError:
            raise ProblemError(422, [_bad("data")]) from None
    fascia = None if body.get("fascia") is None else _choice(body, "fascia", FasciaIncontro)
    disponibili = _disponibili(row)

    def op(p: Procedura, oggi: dt.date) -> Passo:
        giorno, slot = data, fascia
        if giorno is None or slot is None:
            s = p.scadenze
            entro = (
                oggi + dt.timedelta(days=90)
                if s is None
                else s.primo_incontro_entro
                if p.convocazioni == 0
                else s.conclusione_entro
            )
            found = first_available(disponibili, dal=oggi + dt.timedelta(days=1), entro=entro)
            if found is None:
                raise ValidationError(
                    [
                        Violation.of(
                            "conciliazione.nessuna_fascia_disponibile", path="data", entro=entro
                        )
                    ]
                )
            giorno, slot = giorno or found.data, slot or found.fascia
        incontro = Incontro(
            data=giorno,
            fascia=slot,
            stanza=stanza,
            modalita=modalita,
            motivo_telefono=motivo_telefono,
        )
        return cp.convene(p, oggi=oggi, incontro=incontro)

    return op


def _esito(body: dict[str, Any], row: sqlite3.Row) -> Operazione:
    """CP-10: the outcome, with the verbale (a PDF whose id the record keeps)."""
    del row
    esito = _choice(body, "esito", Esito, "accordo")
    firmato = body.get("firmato", True)
    if not isinstance(firmato, bool):
        raise ProblemError(422, [_bad("firmato")])
    verbale = secrets.token_hex(8)
    return lambda p, oggi: cp.record_outcome(
        p, oggi=oggi, esito=esito, verbale=verbale, firmato=firmato
    )


def _proroga(body: dict[str, Any], row: sqlite3.Row) -> Operazione:
    """CP-9: extend by ``giorni`` at the Servizio's or both parties' request."""
    del row
    giorni = body.get("giorni")
    if not isinstance(giorni, int) or isinstance(giorni, bool):
        raise ProblemError(422, [_bad("giorni")])
    chi = _choices(body, "richiesta_da", Parte, ["servizio"])
    return lambda p, oggi: cp.extend(p, oggi=oggi, giorni=giorni, richiesta_da=chi)


def _rinvio(body: dict[str, Any], row: sqlite3.Row) -> Operazione:
    """CP-7: the counterpart or the Servizio postpones the fixed meeting."""
    del row
    chi = _choice(body, "richiesto_da", Parte, "controparte")
    motivo = body.get("motivo", "")
    if not isinstance(motivo, str):
        raise ProblemError(422, [_bad("motivo")])
    return lambda p, oggi: cp.postpone(p, oggi=oggi, richiesto_da=chi, motivo=motivo)


def _integrazione(body: dict[str, Any], row: sqlite3.Row) -> Operazione:
    """CP-3: ask for the documents named in ``documenti`` (7 days to send them)."""
    del row
    documenti = body.get("documenti", [])
    if not isinstance(documenti, list) or not all(isinstance(d, str) for d in documenti):
        raise ProblemError(422, [_bad("documenti")])
    return lambda p, oggi: cp.request_integration(p, oggi=oggi, documenti=documenti)


def _inammissibilita(body: dict[str, Any], row: sqlite3.Row) -> Operazione:
    """CP-2: archive as inadmissible, for the reasons given."""
    del row
    motivi = _choices(body, "motivi", MotivoInammissibilita, [])
    return lambda p, oggi: cp.declare_inadmissible(p, oggi=oggi, motivi=motivi)


#: The operator's controls: the path's last segment -> the operation built from the body.
AZIONI_OPERATORE: dict[str, Callable[[dict[str, Any], sqlite3.Row], Operazione]] = {
    "richiesta-integrazione": _integrazione,
    "ammissione": lambda _b, _r: lambda p, oggi: cp.admit(p, oggi=oggi),
    "inammissibilita": _inammissibilita,
    "convocazione": _convocazione,
    "rinvio": _rinvio,
    "proroga": _proroga,
    "esito": _esito,
    "mancata-comparizione": lambda _b, _r: lambda p, oggi: cp.archive_no_show(p, oggi=oggi),
}


def routes(sb: Sandbox) -> list[Route]:
    """The operator's ``/_sandbox/pratiche/{numero}/conciliazione/<azione>`` controls."""

    def control(build: Callable[[dict[str, Any], sqlite3.Row], Operazione]) -> Any:
        async def operatore(request: Request) -> Response:
            # CP-2, CP-3, CP-5..CP-7, CP-9, CP-10: one of the Servizio's operations on the case.
            numero = request.path_params["numero"]
            body: Any = {}
            if _has_body(request):
                body, _ = await read_json(request, sb.settings.max_json_bytes)
            if not isinstance(body, dict):
                raise ProblemError(422, [_bad("body")])
            lang = lang_of(request)
            await sb.write(lambda db: catch_up(sb, db, numero))

            def work(db: sqlite3.Connection) -> dict[str, Any]:
                row = case(db, numero)
                row = act(sb, db, row, build(body, row))
                return pratica_json(row, lang)

            return json_response(await sb.write(work))

        return operatore

    base = "/_sandbox/pratiche/{numero}/conciliazione"
    return [
        Route(f"{base}/{azione}", control(build), methods=["POST"])
        for azione, build in AZIONI_OPERATORE.items()
    ]


def _has_body(request: Request) -> bool:
    """Whether the request carries a body (the controls without parameters take none)."""
    length = request.headers.get("content-length", "0")
    return length not in ("", "0") or "transfer-encoding" in request.headers
