"""The timeline of every case: one row per thing that happened, in the order it happened.

Each event has an opaque id, the case, the owning account, a kind (:data:`TIPI`, the
contract's names), when it happened (the sandbox clock) and its data; the store keeps them in
commit order (``seq``, never shown: it would reveal how busy the server is). The
case's ``aggiornata_il`` moves with it. The events are the single record of a case's history:
``GET /v1/pratiche/{numero}/eventi`` shows one case's timeline, and the change feed of an
account reads the same rows in sequence order.

Every change of a case goes through :func:`record`, in the transaction that makes the change,
so an event exists exactly when its change was committed.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from typing import Any

from sportello._messages import Lang
from sportello.sandbox._core import Sandbox

__all__ = ["TIPI", "evento_json", "record"]

#: kind -> (Italian label, English label). The contract lists these names; it only grows.
TIPI: dict[str, tuple[str, str]] = {
    "pratica_inviata": ("Pratica inviata", "Case submitted"),
    "stato_cambiato": ("Cambio di stato", "State changed"),
    "allegato_caricato": ("Allegato caricato", "Attachment uploaded"),
    "documento_aggiunto": ("Nuovo documento", "New document"),
    "notifica_inviata": ("Notifica inviata", "Notification sent"),
    "passo_procedura": ("Procedura di conciliazione", "Conciliation procedure"),
}


def record(
    sb: Sandbox, db: sqlite3.Connection, pratica: sqlite3.Row, tipo: str, /, **dati: Any
) -> dict[str, Any]:
    """Append one event to ``pratica``'s timeline (in the caller's transaction).

    Also sets the case's ``aggiornata_il`` to the event's time. ``dati`` must be JSON-ready.
    Returns the event as :func:`evento_json` shows it (Italian label).
    """
    if tipo not in TIPI:
        raise ValueError(f"unknown event kind {tipo!r}")
    quando = sb.now()
    payload = json.dumps(dati, ensure_ascii=False, sort_keys=True)
    cur = db.execute(
        "INSERT INTO eventi (id, numero, account_id, tipo, quando, dati) VALUES (?, ?, ?, ?, ?, ?)",
        (secrets.token_hex(8), pratica["numero"], pratica["account_id"], tipo, quando, payload),
    )
    db.execute(
        "UPDATE pratiche SET aggiornata_il = ? WHERE numero = ?", (quando, pratica["numero"])
    )
    row = db.execute("SELECT * FROM eventi WHERE seq = ?", (cur.lastrowid,)).fetchone()
    return evento_json(row, "it")


def evento_json(row: sqlite3.Row, lang: Lang) -> dict[str, Any]:
    """The ``Evento`` of the contract."""
    it, en = TIPI.get(row["tipo"], (row["tipo"], row["tipo"]))
    return {
        "id": row["id"],
        "numero": row["numero"],
        "tipo": row["tipo"],
        "label": it if lang == "it" else en,
        "quando": row["quando"],
        "dati": json.loads(row["dati"]),
    }
