"""Cases in the store: numbers, the ``Pratica`` answer, ownership, NT-1/NT-2 e-mails, paging.

Shared by :mod:`sportello.sandbox._routes_pratiche` and the sandbox controls.
"""

from __future__ import annotations

import base64
import binascii
import json
import secrets
import sqlite3
from typing import Any

from sportello._messages import Lang
from sportello._violations import Violation
from sportello.rules.notifications import Evento, notification_for
from sportello.rules.smart_help import StatoPratica
from sportello.sandbox._core import Sandbox
from sportello.sandbox._problems import ProblemError

__all__ = [
    "EVENTI_WIRE",
    "add_documento",
    "allegato_json",
    "cursor_of",
    "documento_json",
    "new_numero",
    "notify",
    "own_case",
    "pratica_json",
    "seq_of",
]

#: The NT-2 events as the contract names them.
EVENTI_WIRE: dict[Evento, str] = {
    Evento.NUOVO_DOCUMENTO: "nuovo_documento",
    Evento.RICHIESTA_INTEGRAZIONE: "richiesta_integrazione",
    Evento.INCONTRO_FISSATO: "incontro_programmato",
    Evento.CODICE_SPCEN: "codice_spcen",
}


def new_numero(db: sqlite3.Connection) -> str:
    """A fresh, unguessable case number: ``SPCEN`` + 12 random digits (retried if taken)."""
    while True:
        numero = f"SPCEN{secrets.randbelow(10**12):012d}"
        if db.execute("SELECT 1 FROM pratiche WHERE numero = ?", (numero,)).fetchone() is None:
            return numero


def pratica_json(row: sqlite3.Row, lang: Lang) -> dict[str, Any]:
    """The ``Pratica`` of the contract (SH-4: the state and its label)."""
    stato = StatoPratica(row["stato"])
    modulo = json.loads(row["modulo"])
    out: dict[str, Any] = {
        "numero": row["numero"],
        "tipo": row["tipo"],
        "stato": stato.value,
        "stato_label": stato.label if lang == "it" else stato.label_en,
        "creata_il": row["creata_il"],
        "aggiornata_il": row["aggiornata_il"],
        "modulo": modulo,
    }
    if row["tipo"] == "conciliazione":
        out["allegati_richiesti"] = json.loads(row["richiesti"] or "[]")
    return out


def notify(
    sb: Sandbox,
    db: sqlite3.Connection,
    pratica: sqlite3.Row,
    evento: Evento,
    *,
    documento: str | None = None,
    quando: Any = None,
) -> dict[str, Any] | None:
    """NT-1, NT-2: record and 'send' the e-mail an event sends, to the case's one recipient.

    The recipient was fixed when the case was opened with
    :func:`sportello.rules.notifications.recipient`: the delegate's address only when a
    delegate handles the case, else the account's registration address.
    """
    found = notification_for(
        evento,
        pratica=pratica["numero"],
        email_registrazione=pratica["destinatario"],
        documento=documento,
        quando=quando,
    )
    if found is None:
        return None
    item = {
        "id": secrets.token_hex(8),
        "evento": EVENTI_WIRE[evento],
        "destinatario": found.destinatario,
        "oggetto": found.oggetto,
        "corpo": found.testo,
        "inviata_il": sb.now(),
    }
    db.execute(
        "INSERT INTO notifiche (id, numero, evento, destinatario, oggetto, corpo, inviata_il)"
        " VALUES (:id, :numero, :evento, :destinatario, :oggetto, :corpo, :inviata_il)",
        {**item, "numero": pratica["numero"]},
    )
    sb.send_mail(db, found.destinatario, found.oggetto, found.testo, numero=pratica["numero"])
    from sportello.sandbox import _eventi

    _eventi.record(sb, db, pratica, "notifica_inviata", notifica=item["id"], evento=item["evento"])
    return item


def add_documento(
    sb: Sandbox,
    db: sqlite3.Connection,
    pratica: sqlite3.Row,
    *,
    titolo: str,
    tipo: str,
    righe: tuple[str, ...] = (),
) -> dict[str, Any]:
    """SH-4: put a document on the case (a one-page PDF) and record it on the timeline.

    Returns the ``Documento`` of the contract. The file is downloadable at
    ``GET /v1/pratiche/{numero}/documenti/{id}``.
    """
    from sportello.sandbox import _eventi
    from sportello.sandbox._pdf import pdf

    doc_id = secrets.token_hex(8)
    contenuto = pdf(titolo, (f"Pratica {pratica['numero']}", *righe))
    item = {
        "id": doc_id,
        "titolo": titolo,
        "tipo": tipo,
        "creato_il": sb.now(),
        "nome": f"{tipo}-{doc_id}.pdf",
        "media_type": "application/pdf",
    }
    db.execute(
        "INSERT INTO documenti (id, numero, titolo, tipo, creato_il, nome, media_type, contenuto)"
        " VALUES (:id, :numero, :titolo, :tipo, :creato_il, :nome, :media_type, :contenuto)",
        {**item, "numero": pratica["numero"], "contenuto": contenuto},
    )
    _eventi.record(sb, db, pratica, "documento_aggiunto", documento=doc_id, tipo=tipo)
    return {**item, "dimensione": len(contenuto)}


def documento_json(row: sqlite3.Row) -> dict[str, Any]:
    """The ``Documento`` of the contract, from a ``documenti`` row."""
    return {
        "id": row["id"],
        "titolo": row["titolo"],
        "tipo": row["tipo"],
        "creato_il": row["creato_il"],
        "nome": row["nome"],
        "media_type": row["media_type"],
        "dimensione": row["dimensione"],
    }


def own_case(db: sqlite3.Connection, numero: str, account_id: int) -> sqlite3.Row:
    """The caller's case, or 404 (another's case is indistinguishable from none)."""
    row = db.execute(
        "SELECT * FROM pratiche WHERE numero = ? AND account_id = ?", (numero, account_id)
    ).fetchone()
    if row is None:
        raise ProblemError.of(404, "api.not_found")
    return row  # type: ignore[no-any-return]


def allegato_json(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "id": row["id"],
        "nome": row["nome"],
        "dimensione": row["dimensione"],
        "obbligatorio": bool(row["obbligatorio"]),
        "sha256": row["sha256"],
        "caricato_il": row["caricato_il"],
    }


def cursor_of(seq: int) -> str:
    return base64.urlsafe_b64encode(f"p{seq}".encode()).decode().rstrip("=")


def seq_of(cursor: str) -> int:
    bad = ProblemError(400, [Violation.of("api.invalid_parameter", path="cursor", name="cursor")])
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise bad from None
    if not raw.startswith("p") or not raw[1:].isdigit():
        raise bad
    return int(raw[1:])
