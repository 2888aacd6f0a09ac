"""Seed a test suite's own data: customers of the customer area and their supply points.

The rows the demo data (:mod:`sportello.sandbox._seed`) writes, for any customer: one
``clienti`` row (registered when a password is given: its hash and history), and per supply
point a ``punti`` row, a contract and a reading window (RD-1). Used by the test kit's
:class:`~sportello.testing.Seed`; accounts of the consumer desk go through
:func:`sportello.sandbox._routes_controls.seed_account`.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

from sportello.sandbox._core import Sandbox

__all__ = ["insert_cliente", "insert_punto"]


def insert_cliente(
    sb: Sandbox,
    db: sqlite3.Connection,
    *,
    codice_cliente: str,
    denominazione: str,
    indirizzo: str,
    codice_fiscale: str | None = None,
    partita_iva: str | None = None,
    telefono: str | None = None,
    email: str | None = None,
    password: str | None = None,
) -> int:
    """Insert a customer (registered to the customer area when ``password`` is given)."""
    hashed = sb.settings.hasher.hash(password) if password is not None else None
    cur = db.execute(
        "INSERT INTO clienti (codice_cliente, denominazione, codice_fiscale, partita_iva,"
        " indirizzo, telefono, email, password_hash, history) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            codice_cliente,
            denominazione,
            codice_fiscale,
            partita_iva,
            indirizzo,
            telefono,
            email,
            hashed,
            json.dumps([hashed] if hashed else []),
        ),
    )
    return int(cur.lastrowid or 0)


def insert_punto(
    db: sqlite3.Connection,
    cliente_id: int,
    *,
    codice: str,
    indirizzo: str,
    pod: str | None = None,
    pdr: str | None = None,
    correttore: bool = False,
    cifre: int = 8,
    finestra: tuple[dt.datetime, dt.datetime],
    domiciliazione: bool = False,
    iban: str | None = None,
) -> None:
    """Insert a supply point with its contract (``C-<codice>``) and reading window.

    ``finestra`` is in Italian wall-clock time, as the portal shows it (RD-1).
    """
    fornitura = "elettricita" if pod is not None else "gas"
    db.execute(
        "INSERT INTO punti (codice, cliente_id, fornitura, pod, pdr, indirizzo, correttore,"
        " cifre) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (codice, cliente_id, fornitura, pod, pdr, indirizzo, int(correttore), cifre),
    )
    db.execute(
        "INSERT INTO contratti (codice, cliente_id, punto, offerta, data_inizio, domiciliazione,"
        " iban, modalita) VALUES (?, ?, ?, ?, ?, ?, ?, 'cartacea')",
        (
            f"C-{codice}",
            cliente_id,
            codice,
            "Offerta di prova",
            "2020-01-01",
            int(domiciliazione),
            iban,
        ),
    )
    dal, al = finestra
    db.execute(
        "INSERT INTO finestre (punto, dal, al) VALUES (?, ?, ?)",
        (codice, dal.replace(tzinfo=None).isoformat(), al.replace(tzinfo=None).isoformat()),
    )
