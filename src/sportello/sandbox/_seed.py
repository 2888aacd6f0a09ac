"""Demo data: the customer ``000002`` PROVA S.P.A. of seed 003, and a consumer account.

``sportello sandbox --seed-demo`` (or :func:`seed_demo`) adds, once:

* customer ``000002`` "PROVA S.P.A.", VIA DI PROVA 35 - 59100 PRATO (PO), partita IVA
  ``00743110157``, not yet registered to the customer area (UP-1 registers it);
* an electricity point ``PR002873`` (POD ``IT001E12345678``) and a gas point ``PR002874``
  (PDR ``03340009749021``, with a volume corrector, RD-2), as in seed 003's screens;
* a contract per point (the electricity one with bank direct debit, EB-1);
* invoices every two months from 2013 (2013 is not listed, UP-5), every other one with a PDF;
* a reading window 11/02/2010 08:00 - 14/02/2099 22:00 on both points (RD-1), one acquired
  gas reading; withdrawals per month (UP-7), quarter-hour measurements for June 2014 (UP-8),
  technical and contract data, documents and a ticket (UP-9);
* a consumer-desk account ``mario.rossi`` / ``Sportello#2026`` and a legacy account
  ``vecchio.utente`` / ``Vecchia#2016`` registered on 01/03/2016 (AU-3).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from decimal import Decimal

from sportello.sandbox._core import Sandbox

__all__ = ["DEMO_ACCOUNT", "DEMO_CLIENTE", "DEMO_LEGACY", "seed_demo"]

DEMO_CLIENTE = "000002"
DEMO_ACCOUNT = ("mario.rossi", "Sportello#2026")
DEMO_LEGACY = ("vecchio.utente", "Vecchia#2016")

#: A minimal, valid one-page PDF.
_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _cliente(db: sqlite3.Connection) -> int:
    cur = db.execute(
        "INSERT INTO clienti (codice_cliente, denominazione, partita_iva, indirizzo, telefono)"
        " VALUES (?, ?, ?, ?, ?)",
        (
            DEMO_CLIENTE,
            "PROVA S.P.A.",
            "00743110157",
            "VIA DI PROVA 35 - 59100 PRATO (PO)",
            "+390574000000",
        ),
    )
    return int(cur.lastrowid or 0)


def _punti(db: sqlite3.Connection, cid: int) -> None:
    db.executemany(
        "INSERT INTO punti (codice, cliente_id, fornitura, pod, pdr, indirizzo, correttore)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                "PR002873",
                cid,
                "elettricita",
                "IT001E12345678",
                None,
                "VIA PROVA 5 - 48124 RAVENNA (RA)",
                0,
            ),
            (
                "PR002874",
                cid,
                "gas",
                None,
                "03340009749021",
                "VIA DEI POGGI 5 - 57014 COLLESALVETTI (LI)",
                1,
            ),
        ],
    )
    db.executemany(
        "INSERT INTO contratti (codice, cliente_id, punto, offerta, data_inizio,"
        " domiciliazione, iban, modalita) VALUES (?, ?, ?, ?, ?, ?, ?, 'cartacea')",
        [
            (
                "CE-0001",
                cid,
                "PR002873",
                "Luce Impresa",
                "2013-01-01",
                1,
                "IT60X0542811101000000123456",
            ),
            ("CG-0002", cid, "PR002874", "Gas Impresa", "2013-01-01", 0, None),
        ],
    )
    for punto in ("PR002873", "PR002874"):
        db.execute(
            "INSERT INTO finestre (punto, dal, al) VALUES (?, ?, ?)",
            (punto, "2010-02-11T08:00:00", "2099-02-14T22:00:00"),
        )


def _fatture(db: sqlite3.Connection, cid: int, today: dt.date) -> None:
    n = 0
    for year in range(2013, today.year + 1):
        for month in range(1, 13, 2):
            issued = dt.date(year, month, 15)
            if issued > today:
                break
            n += 1
            punto = "PR002873" if n % 2 else "PR002874"
            db.execute(
                "INSERT INTO fatture (numero, cliente_id, punto, data_emissione, scadenza,"
                " importo, pdf) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    f"{year}-{n:05d}",
                    cid,
                    punto,
                    issued.isoformat(),
                    (issued + dt.timedelta(days=20)).isoformat(),
                    str(Decimal("120.50") + n),
                    _PDF if n % 2 == 0 else None,
                ),
            )


def _consumi(db: sqlite3.Connection, cid: int) -> None:
    for year in (2014, 2015):
        for month in range(1, 13):
            db.execute(
                "INSERT INTO prelievi VALUES (?, ?, ?, ?, ?)",
                ("PR002873", year, month, str(2900 + 10 * month), str(Decimal("15.5") + month)),
            )
    start = dt.datetime(2014, 6, 1)  # noqa: DTZ001 - Italian wall-clock time, as the portal
    db.executemany(
        "INSERT INTO misure VALUES (?, ?, ?)",
        [
            (
                "PR002873",
                (start + dt.timedelta(minutes=15 * i)).isoformat(),
                str(Decimal("0.25") + Decimal(i % 4) / 100),
            )
            for i in range(30 * 96)
        ],
    )
    db.execute(
        "INSERT INTO autoletture (id, punto, data, contatore, correttore, stato, inserita_il,"
        " acquisita_il) VALUES ('seed-1', 'PR002874', '2015-02-15', '45000', '1', 'acquisita',"
        " '2015-02-15T09:30:00+00:00', '2015-02-15T10:00:00+00:00')"
    )
    schede = [
        (cid, "PR002873", "tecnici", {"tensione": "BT 400 V", "potenza_impegnata": "30 kW"}),
        (cid, "PR002874", "tecnici", {"classe_contatore": "G16", "correttore": "sì"}),
        (cid, "PR002873", "contrattuali", {"offerta": "Luce Impresa", "mercato": "libero"}),
        (cid, "PR002874", "contrattuali", {"offerta": "Gas Impresa", "mercato": "libero"}),
    ]
    db.executemany(
        "INSERT INTO schede VALUES (?, ?, ?, ?)",
        [(c, p, t, json.dumps(d, ensure_ascii=False)) for c, p, t, d in schede],
    )
    db.execute(
        "INSERT INTO documenti_cliente VALUES ('doc-1', ?, 'Condizioni generali di fornitura',"
        " '2014-01-10')",
        (cid,),
    )
    db.execute(
        "INSERT INTO ticket VALUES ('T-0001', ?, 'Richiesta copia contratto', 'Aperto',"
        " '2015-03-02T09:00:00+00:00')",
        (cid,),
    )


def seed_demo(sandbox: Sandbox) -> bool:
    """Add the demo data once; ``False`` when it is already there."""
    from sportello.sandbox._routes_controls import seed_account

    with sandbox.store.transaction() as db:
        if db.execute("SELECT 1 FROM clienti WHERE codice_cliente = ?", (DEMO_CLIENTE,)).fetchone():
            return False
        cid = _cliente(db)
        _punti(db, cid)
        _fatture(db, cid, sandbox.settings.clock().date())
        _consumi(db, cid)
        seed_account(
            sandbox,
            db,
            username=DEMO_ACCOUNT[0],
            password=DEMO_ACCOUNT[1],
            email="mario.rossi@example.it",
            nome="Mario",
            cognome="Rossi",
            registrata_il=dt.date(2020, 5, 4),
        )
        seed_account(
            sandbox,
            db,
            username=DEMO_LEGACY[0],
            password=DEMO_LEGACY[1],
            email="vecchio.utente@example.it",
            nome="Giuseppe",
            cognome="Verdi",
            registrata_il=dt.date(2016, 3, 1),
        )
    return True
