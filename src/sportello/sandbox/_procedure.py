"""The conciliation procedure in the store: every change through the rules (CP-2..CP-11, NT-2).

A conciliation case holds the rules' :class:`~sportello.rules.conciliazione.Procedura` in
``pratiche.procedura`` (and its state in ``pratiche.stato``); nothing here decides a
transition. :func:`act` runs one of the rules' operations on a case: first the clock's
:func:`~sportello.rules.conciliazione.apply_deadlines` up to the sandbox's today (a term that
passed fires before anything else), then the operation; a refusal is the rules'
:class:`~sportello.ValidationError`, answered as a 422 problem whose violations name their
rule. :func:`persist` writes a :class:`~sportello.rules.conciliazione.Passo`: the record,
the case's state, one timeline event per :class:`EventoProcedura` (``passo_procedura``, and
``stato_cambiato`` when the state moves), the documents the Servizio sends as PDFs (the
request for integration, the convocation, the verbale) and the e-mail each event sends
(NT-1, NT-2, CP-10: :func:`~sportello.rules.conciliazione.notifica`, with its body).

:func:`sweep` is the sandbox's sweep of the procedures (CP-3, CP-5, CP-8, CP-9: reminders and
terms, on every move of the sandbox clock) and of the SPCEN codes of the Sportello's cases
(CP-11, AT-6: e-mailed on the third working day after submission, then shown on the case).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable
from zoneinfo import ZoneInfo

from sportello._violations import ValidationError
from sportello.rules import conciliazione as cp
from sportello.rules.conciliazione import EventoProcedura, Passo, Procedura, TipoEvento
from sportello.sandbox import _eventi
from sportello.sandbox._core import Sandbox, Sweep
from sportello.sandbox._pratiche_data import EVENTI_WIRE, add_documento, notify, send_notifica
from sportello.sandbox._problems import ProblemError
from sportello.sandbox._procedure_json import dump, load

__all__ = [
    "act",
    "case",
    "catch_up",
    "open_procedure",
    "persist",
    "start_case",
    "sweep",
    "today_of",
]

_ROME = ZoneInfo("Europe/Rome")
_FINALI = tuple(s.value for s in cp.StatoConciliazione if s.is_final)

#: Operation: the procedure and the sandbox's today in, the rules' step out.
Operazione = Callable[[Procedura, dt.date], Passo]


def today_of(moment: dt.datetime) -> dt.date:
    """The day in Italy (Europe/Rome) of ``moment``: the procedure's days."""
    return moment.astimezone(_ROME).date()


def case(db: sqlite3.Connection, numero: str, account_id: int | None = None) -> sqlite3.Row:
    """A conciliation case (the caller's, when ``account_id`` is given), or 404.

    A case of another kind is a 404 too: the procedure's endpoints exist only for it.
    """
    sql = "SELECT * FROM pratiche WHERE numero = ? AND tipo = 'conciliazione'"
    args: tuple[object, ...] = (numero,)
    if account_id is not None:
        sql += " AND account_id = ?"
        args = (numero, account_id)
    row = db.execute(sql, args).fetchone()
    if row is None or row["procedura"] is None:
        raise ProblemError.of(404, "api.not_found")
    return row  # type: ignore[no-any-return]


def _documento(sb: Sandbox, db: sqlite3.Connection, row: sqlite3.Row, e: EventoProcedura) -> None:
    """The PDF the Servizio sends with ``e`` (request for integration, convocation, verbale)."""
    i = e.incontro
    righe: tuple[str, ...]
    if e.tipo is TipoEvento.INTEGRAZIONE_RICHIESTA:
        righe = (
            f"Documenti da inviare: {e.documento or 'indicati dal Servizio'}",
            f"Entro il {e.entro:%d/%m/%Y} (CP-3), pena l'archiviazione." if e.entro else "",
        )
        add_documento(
            sb,
            db,
            row,
            titolo="Richiesta di integrazione",
            tipo="richiesta_integrazione",
            righe=righe,
        )
    elif e.tipo is TipoEvento.INCONTRO_CONVOCATO and i is not None:
        righe = (
            f"Incontro del {i.data:%d/%m/%Y}, ore {i.fascia.label} (CP-5)",
            f"Stanza virtuale: {i.stanza} ({i.modalita.label})",
            f"Ritiro della domanda possibile fino al {e.entro:%d/%m/%Y} (CP-8)" if e.entro else "",
        )
        add_documento(
            sb,
            db,
            row,
            titolo="Convocazione all'incontro",
            tipo="convocazione_incontro",
            righe=righe,
        )


def _verbale(sb: Sandbox, db: sqlite3.Connection, row: sqlite3.Row, p: Procedura) -> None:
    """CP-10: the verbale of the outcome, as a PDF whose id the record names."""
    if p.verbale is None:
        return
    accordo = p.stato is cp.StatoConciliazione.ACCORDO
    titolo = "Verbale di accordo" if accordo else "Verbale di mancato accordo"
    i = p.incontro
    righe = (
        f"Incontro del {i.data:%d/%m/%Y}, ore {i.fascia.label}" if i is not None else "",
        "Esito: accordo raggiunto tra le parti (CP-10)"
        if accordo
        else "Esito: mancato accordo; il tentativo obbligatorio e' esperito (CP-10)",
        "Firmato digitalmente: titolo esecutivo" if accordo else "",
    )
    add_documento(sb, db, row, titolo=titolo, tipo="verbale", righe=righe, doc_id=p.verbale)


def _notifica(sb: Sandbox, db: sqlite3.Connection, row: sqlite3.Row, e: EventoProcedura) -> None:
    """NT-1, NT-2, CP-10: the e-mail of ``e``, in the outbox and on the case, with its body."""
    found = cp.notifica(e, pratica=row["numero"], email_registrazione=row["destinatario"])
    if found is None:
        return
    send_notifica(sb, db, row, found, EVENTI_WIRE.get(found.evento, found.evento.value))


def _evento_dati(e: EventoProcedura) -> dict[str, object]:
    return {
        "evento": e.tipo.value,
        "label": e.tipo.label,
        "label_en": e.tipo.label_en,
        "regola": e.regola,
        "data": e.data.isoformat(),
        "stato": e.stato.value,
        "entro": None if e.entro is None else e.entro.isoformat(),
        "incontro": None
        if e.incontro is None
        else {"data": e.incontro.data.isoformat(), "fascia": e.incontro.fascia.value},
        "motivo": e.motivo,
        "motivo_archiviazione": None
        if e.motivo_archiviazione is None
        else e.motivo_archiviazione.value,
    }


def persist(sb: Sandbox, db: sqlite3.Connection, row: sqlite3.Row, passo: Passo) -> sqlite3.Row:
    """Write ``passo`` on the case ``row`` (record, state, timeline, documents, e-mails).

    Returns the case's row as it is now.
    """
    before = load(row["procedura"])
    p = passo.procedura
    if p == before and not passo.eventi:
        return row
    db.execute(
        "UPDATE pratiche SET procedura = ?, stato = ? WHERE numero = ?",
        (dump(p), p.stato.value, row["numero"]),
    )
    da = before.stato
    for e in passo.eventi:
        _eventi.record(sb, db, row, "passo_procedura", **_evento_dati(e))
        if e.stato is not da:
            _eventi.record(sb, db, row, "stato_cambiato", da=da.value, a=e.stato.value)
            da = e.stato
        if e.tipo in (TipoEvento.ACCORDO, TipoEvento.MANCATO_ACCORDO):
            _verbale(sb, db, row, p)
        else:
            _documento(sb, db, row, e)
        _notifica(sb, db, row, e)
    found: sqlite3.Row = db.execute(
        "SELECT * FROM pratiche WHERE numero = ?", (row["numero"],)
    ).fetchone()
    return found


def open_procedure(sb: Sandbox, db: sqlite3.Connection, row: sqlite3.Row) -> sqlite3.Row:
    """CP-11: start the procedure of a new conciliation case (its receipt, with the number)."""
    passo = cp.submit(oggi=sb.today())
    db.execute(
        "UPDATE pratiche SET procedura = ?, stato = ? WHERE numero = ?",
        (dump(passo.procedura), passo.procedura.stato.value, row["numero"]),
    )
    fresh: sqlite3.Row = db.execute(
        "SELECT * FROM pratiche WHERE numero = ?", (row["numero"],)
    ).fetchone()
    for e in passo.eventi:
        _eventi.record(sb, db, fresh, "passo_procedura", **_evento_dati(e))
        _notifica(sb, db, fresh, e)
    return fresh


def start_case(sb: Sandbox, db: sqlite3.Connection, row: sqlite3.Row) -> None:
    """CP-11: a new case's start: a conciliation's procedure (its receipt with the numero
    pratica, at once), or a Sportello case's wait for its SPCEN e-mail (AT-6, by the sweep)."""
    if row["tipo"] == "conciliazione":
        open_procedure(sb, db, row)
        return
    from sportello.rules.attachments import spcen_due

    entro = spcen_due(sb.today()).isoformat()
    db.execute("UPDATE pratiche SET spcen_entro = ? WHERE numero = ?", (entro, row["numero"]))


def catch_up(sb: Sandbox, db: sqlite3.Connection, numero: str) -> None:
    """CP-3, CP-5, CP-9: apply the clock's terms to the case ``numero`` now, in their own
    transaction, so that an action refused after them leaves them committed.

    Nothing for a case that is not an open conciliation (nor is anything revealed).
    """
    row = db.execute(
        "SELECT * FROM pratiche WHERE numero = ? AND tipo = 'conciliazione'", (numero,)
    ).fetchone()
    if row is None or row["procedura"] is None:
        return
    p = load(row["procedura"])
    oggi = sb.today()
    if not p.stato.is_final and oggi > p.aggiornata_il:
        persist(sb, db, row, cp.apply_deadlines(p, oggi))


def act(
    sb: Sandbox, db: sqlite3.Connection, row: sqlite3.Row, operazione: Operazione
) -> sqlite3.Row:
    """Run ``operazione`` on the conciliation case ``row`` on the sandbox's today.

    The clock's terms are applied first (``apply_deadlines``), so an action after a term
    meets the closed procedure. Returns the case's row after the step.

    Raises:
        ProblemError: 422 with the rules' violations (each names its rule).
    """
    oggi = sb.today()
    try:
        caught = cp.apply_deadlines(load(row["procedura"]), oggi)
        row = persist(sb, db, row, caught)
        passo = operazione(caught.procedura, oggi)
    except ValidationError as err:
        raise ProblemError(422, err.violations) from None
    return persist(sb, db, row, passo)


def _sweep_procedure(sb: Sandbox, db: sqlite3.Connection, oggi: dt.date) -> int:
    rows = [
        r
        for r in db.execute(
            "SELECT * FROM pratiche WHERE tipo = 'conciliazione' AND procedura IS NOT NULL"
            " ORDER BY seq"
        ).fetchall()
        if r["stato"] not in _FINALI
    ]
    changed = 0
    for row in rows:
        p = load(row["procedura"])
        if oggi <= p.aggiornata_il:
            continue
        passo = cp.apply_deadlines(p, oggi)
        persist(sb, db, row, passo)
        changed += bool(passo.eventi)
    return changed


def _sweep_spcen(sb: Sandbox, db: sqlite3.Connection, oggi: dt.date) -> int:
    """CP-11, AT-6: the SPCEN codes due by today, e-mailed and shown on their cases."""
    from sportello.rules.notifications import Evento

    rows = db.execute(
        "SELECT * FROM pratiche WHERE tipo != 'conciliazione' AND codice_spcen IS NULL"
        " AND spcen_entro IS NOT NULL AND spcen_entro <= ? ORDER BY seq",
        (oggi.isoformat(),),
    ).fetchall()
    for row in rows:
        db.execute(
            "UPDATE pratiche SET codice_spcen = ? WHERE numero = ?", (row["numero"], row["numero"])
        )
        notify(sb, db, row, Evento.CODICE_SPCEN)
    return len(rows)


def sweep(sb: Sandbox) -> Sweep:
    """The sweep of ``sb``'s procedures and SPCEN codes, for :attr:`Sandbox.sweeps`."""

    def run(db: sqlite3.Connection, now: dt.datetime) -> int:
        oggi = today_of(now)
        return _sweep_procedure(sb, db, oggi) + _sweep_spcen(sb, db, oggi)

    return run


def disponibilita_of(row: sqlite3.Row) -> list[object]:
    """CP-5: the availability the customer declared last (the form's ``fasce``, as dumped)."""
    found: list[object] = json.loads(row["disponibilita"] or "[]")
    return found
