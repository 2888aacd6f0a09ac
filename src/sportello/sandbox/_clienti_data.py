"""Row-to-record conversions and queries of the customer area (kept apart from the routes)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sportello.rules import readings
from sportello.rules.area_clienti import Anagrafica, Fattura
from sportello.rules.billing import Account, Contratto, ModalitaInvio
from sportello.rules.supply import Fornitura
from sportello.sandbox._problems import ProblemError

__all__ = [
    "ROME",
    "account_of",
    "anagrafica_json",
    "anagrafica_of",
    "autolettura_json",
    "cliente_row",
    "contatore_of",
    "fattura_of",
    "finestra_json",
    "finestra_of",
    "punto_json",
    "punto_row",
    "reading_of",
    "schede_json",
]

ROME = ZoneInfo("Europe/Rome")


def cliente_row(db: sqlite3.Connection, cliente_id: int) -> sqlite3.Row:
    """The customer's row (404 if gone)."""
    row = db.execute("SELECT * FROM clienti WHERE id = ?", (cliente_id,)).fetchone()
    if row is None:
        raise ProblemError.of(404, "api.not_found")
    return row  # type: ignore[no-any-return]


def punto_row(db: sqlite3.Connection, cliente_id: int, codice: str) -> sqlite3.Row:
    """The customer's supply point ``codice``, or 404 (another customer's point included)."""
    row = db.execute(
        "SELECT * FROM punti WHERE codice = ? AND cliente_id = ?", (codice, cliente_id)
    ).fetchone()
    if row is None:
        raise ProblemError.of(404, "api.not_found")
    return row  # type: ignore[no-any-return]


def anagrafica_of(row: sqlite3.Row) -> Anagrafica:
    """The rules' record of a customer row."""
    return Anagrafica(
        row["codice_cliente"],
        row["denominazione"],
        row["indirizzo"],
        codice_fiscale=row["codice_fiscale"],
        partita_iva=row["partita_iva"],
        email=row["email"],
    )


def anagrafica_json(row: sqlite3.Row) -> dict[str, Any]:
    """The contract's ``Anagrafica``."""
    return {
        "codice_cliente": row["codice_cliente"],
        "denominazione": row["denominazione"],
        "codice_fiscale": row["codice_fiscale"],
        "partita_iva": row["partita_iva"],
        "indirizzo": row["indirizzo"],
        "telefono": row["telefono"],
        "fax": row["fax"],
        "email": row["email"] or "",
    }


def punto_json(row: sqlite3.Row) -> dict[str, Any]:
    """The contract's ``PuntoFornitura`` (UP-4: code, POD or PDR, address)."""
    return {
        "codice": row["codice"],
        "fornitura": row["fornitura"],
        "pod": row["pod"],
        "pdr": row["pdr"],
        "indirizzo": row["indirizzo"],
        "correttore": bool(row["correttore"]),
    }


def contatore_of(row: sqlite3.Row) -> readings.Contatore:
    """RD-2: the meter of a supply point (corrector or not)."""
    return readings.Contatore(
        Fornitura(row["fornitura"]), has_correttore=bool(row["correttore"]), cifre=row["cifre"]
    )


def _aware(text: str | None) -> dt.datetime | None:
    return None if text is None else dt.datetime.fromisoformat(text)


def reading_of(row: sqlite3.Row) -> readings.Autolettura:
    """The rules' record of an ``autoletture`` row."""
    stato = (
        readings.StatoAutolettura.ACQUISITA
        if row["stato"] == "acquisita"
        else readings.StatoAutolettura.DA_ACQUISIRE
    )
    return readings.Autolettura(
        punto=row["punto"],
        data=dt.date.fromisoformat(row["data"]),
        lettura_contatore=int(row["contatore"]),
        lettura_correttore=None if row["correttore"] is None else int(row["correttore"]),
        stato=stato,
        inserita_il=_aware(row["inserita_il"]),
        acquisita_il=_aware(row["acquisita_il"]),
    )


def autolettura_json(row: sqlite3.Row) -> dict[str, Any]:
    """The contract's ``AutoletturaRegistrata``."""
    return {
        "id": row["id"],
        "punto_fornitura": row["punto"],
        "data": row["data"],
        "lettura_contatore": row["contatore"],
        "lettura_correttore": row["correttore"],
        "stato": row["stato"],
        "inserita_il": row["inserita_il"],
        "acquisita_il": row["acquisita_il"],
    }


def finestra_of(row: sqlite3.Row) -> readings.FinestraLettura:
    """RD-1: an entry window (stored as Italian wall-clock times)."""
    return readings.FinestraLettura(
        dt.datetime.fromisoformat(row["dal"]), dt.datetime.fromisoformat(row["al"])
    )


def finestra_json(row: sqlite3.Row) -> dict[str, Any]:
    """The contract's ``FinestraAutolettura``, with the Europe/Rome offset."""
    return {
        k: dt.datetime.fromisoformat(row[k]).replace(tzinfo=ROME).isoformat() for k in ("dal", "al")
    }


def fattura_of(row: sqlite3.Row) -> Fattura:
    """The rules' record of an invoice row (UP-5)."""
    return Fattura(
        row["numero"],
        dt.date.fromisoformat(row["data_emissione"]),
        Decimal(row["importo"]),
        pdf=row["pdf"] is not None,
    )


def account_of(db: sqlite3.Connection, cliente: sqlite3.Row) -> Account:
    """The billing rules' account of a customer: e-mail, holder, contracts (EB-1..EB-3)."""
    contratti = [
        Contratto(
            r["codice"],
            cliente["partita_iva"] or cliente["codice_fiscale"] or "",
            modalita=ModalitaInvio(r["modalita"]),
            email_invio=r["email"],
            domiciliazione=bool(r["domiciliazione"]),
            iban=r["iban"],
        )
        for r in db.execute(
            "SELECT * FROM contratti WHERE cliente_id = ? ORDER BY codice", (cliente["id"],)
        )
    ]
    return Account(
        cliente["email"] or "",
        cliente["partita_iva"] or cliente["codice_fiscale"] or "",
        contratti,
    )


def schede_json(db: sqlite3.Connection, cliente_id: int, tipo: str) -> dict[str, Any]:
    """UP-9: the read-only technical or contract data, one card per supply point."""
    rows = db.execute(
        "SELECT punto, dati FROM schede WHERE cliente_id = ? AND tipo = ? ORDER BY punto",
        (cliente_id, tipo),
    ).fetchall()
    return {"items": [{"punto_fornitura": r["punto"], "dati": json.loads(r["dati"])} for r in rows]}
