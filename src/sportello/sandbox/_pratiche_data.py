"""Cases in the store: numbers, the ``Pratica`` answer, ownership, NT-1/NT-2 e-mails, paging.

Shared by :mod:`sportello.sandbox._routes_pratiche` and the sandbox controls.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
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
    "CURSOR_MAX",
    "EVENTI_WIRE",
    "NUMERO_PATTERN",
    "PREFISSI",
    "add_documento",
    "allegato_json",
    "cursor_of",
    "documento_json",
    "new_numero",
    "notify",
    "numero_of",
    "own_case",
    "pratica_json",
    "send_notifica",
]

#: The NT-2 events as the contract names them.
EVENTI_WIRE: dict[Evento, str] = {
    Evento.NUOVO_DOCUMENTO: "nuovo_documento",
    Evento.RICHIESTA_INTEGRAZIONE: "richiesta_integrazione",
    Evento.INCONTRO_FISSATO: "incontro_programmato",
    Evento.CODICE_SPCEN: "codice_spcen",
}


#: CP-11: the prefix of a case number by the case's kind: a conciliation's "numero pratica"
#: (``CONC``, given at once) or the SPCEN code of a case opened at the Sportello (AT-6).
PREFISSI: dict[str, str] = {
    "conciliazione": "CONC",
    "smart_help": "SPCEN",
    "informazioni": "SPCEN",
    "segnalazione": "SPCEN",
}

#: The contract's pattern of a case number (the ``numero`` path parameter).
NUMERO_PATTERN = "^(CONC|SPCEN)[0-9]{12}$"


def new_numero(db: sqlite3.Connection, tipo: str = "smart_help") -> str:
    """A fresh, unguessable case number: a prefix + 12 random digits (retried if taken).

    CP-11: ``CONC`` for a conciliation (its numero pratica, returned at once), ``SPCEN`` for
    the Sportello's cases (the AT-6 code, e-mailed within 3 working days: until then the case
    shows ``codice_spcen: null``). The digits come from :mod:`secrets`, never a sequence.
    """
    prefix = PREFISSI[tipo]
    while True:
        numero = f"{prefix}{secrets.randbelow(10**12):012d}"
        if db.execute("SELECT 1 FROM pratiche WHERE numero = ?", (numero,)).fetchone() is None:
            return numero


def pratica_json(row: sqlite3.Row, lang: Lang) -> dict[str, Any]:
    """The ``Pratica`` of the contract (SH-4: the state and its label).

    A conciliation shows its procedure (``conciliazione``: state, deadlines, meeting; the
    rules' record, :mod:`sportello.sandbox._procedure_json`); a Sportello case its SPCEN code
    once e-mailed and the day it is due (CP-11, AT-6).
    """
    from sportello.sandbox._procedure_json import load, procedura_json

    modulo = json.loads(row["modulo"])
    if row["tipo"] == "conciliazione" and row["procedura"] is not None:
        procedura = load(row["procedura"])
        stato_value = procedura.stato.value
        label = procedura.stato.label if lang == "it" else procedura.stato.label_en
    else:
        procedura = None
        stato = StatoPratica(row["stato"])
        stato_value = stato.value
        label = stato.label if lang == "it" else stato.label_en
    out: dict[str, Any] = {
        "numero": row["numero"],
        "tipo": row["tipo"],
        "stato": stato_value,
        "stato_label": label,
        "creata_il": row["creata_il"],
        "aggiornata_il": row["aggiornata_il"],
        "modulo": modulo,
    }
    if row["tipo"] == "conciliazione":
        out["allegati_richiesti"] = json.loads(row["richiesti"] or "[]")
        if procedura is not None:
            disponibilita = json.loads(row["disponibilita"] or "[]")
            out["conciliazione"] = procedura_json(procedura, disponibilita, lang)
    else:
        out["codice_spcen"] = row["codice_spcen"]
        out["codice_spcen_entro"] = row["spcen_entro"]
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
    return send_notifica(sb, db, pratica, found, EVENTI_WIRE[evento])


def send_notifica(
    sb: Sandbox, db: sqlite3.Connection, pratica: sqlite3.Row, found: Any, wire: str
) -> dict[str, Any]:
    """NT-1: one notification of the case: its row, its e-mail in the outbox, its timeline event.

    ``found`` is what the rules chose to send (``destinatario``, ``oggetto``, ``testo``);
    ``wire`` the event's name in the contract.
    """
    item = {
        "id": secrets.token_hex(8),
        "evento": wire,
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

    _eventi.record(sb, db, pratica, "notifica_inviata", notifica=item["id"], evento=wire)
    return item


def add_documento(
    sb: Sandbox,
    db: sqlite3.Connection,
    pratica: sqlite3.Row,
    *,
    titolo: str,
    tipo: str,
    righe: tuple[str, ...] = (),
    doc_id: str | None = None,
) -> dict[str, Any]:
    """SH-4: put a document on the case (a one-page PDF) and record it on the timeline.

    Returns the ``Documento`` of the contract. The file is downloadable at
    ``GET /v1/pratiche/{numero}/documenti/{id}``.
    """
    from sportello.sandbox import _eventi
    from sportello.sandbox._pdf import pdf

    doc_id = doc_id or secrets.token_hex(8)
    contenuto = pdf(titolo, (f"Pratica {pratica['numero']}", *(r for r in righe if r)))
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


_CURSOR_VERSION = b"\x01"
_CURSOR_MAC_BYTES = 16
#: The longest cursor accepted, in characters (those written are 46).
CURSOR_MAX = 200
_CURSOR = re.compile(r"[A-Za-z0-9_-]{1,200}")


def _cursor_mac(key: bytes, account_id: int, payload: bytes) -> bytes:
    message = b"pratiche|%d|" % account_id + payload
    return hmac.new(key, message, hashlib.sha256).digest()[:_CURSOR_MAC_BYTES]


def cursor_of(key: bytes, account_id: int, numero: str) -> str:
    """The opaque cursor of the page after the case ``numero`` of ``account_id``.

    Base64url without padding (alphabet ``[A-Za-z0-9_-]``, 46 characters, at most
    :data:`CURSOR_MAX` accepted) of a version byte, the case number the caller already saw
    and an HMAC-SHA256 (first 16 bytes) over the account and both, keyed by the sandbox's
    secret ``cursor`` (:meth:`Sandbox.secret`): no row number, and no cursor can be forged,
    altered or used by another account.

    >>> c = cursor_of(bytes(32), 7, "SPCEN000000000042")
    >>> len(c), numero_of(bytes(32), 7, c)
    (46, 'SPCEN000000000042')
    """
    payload = _CURSOR_VERSION + numero.encode("ascii")
    raw = payload + _cursor_mac(key, account_id, payload)
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def numero_of(key: bytes, account_id: int, cursor: str) -> str:
    """The case number a cursor of :func:`cursor_of` carries, checked (400 when forged).

    Raises:
        ProblemError: 400 ``api.invalid_parameter`` on ``cursor`` for anything
            :func:`cursor_of` did not write for this account.
    """
    bad = ProblemError(400, [Violation.of("api.invalid_parameter", path="cursor", name="cursor")])
    if not _CURSOR.fullmatch(cursor) or len(cursor) % 4 == 1:
        raise bad
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
    except (binascii.Error, ValueError):  # pragma: no cover - the alphabet is checked first
        raise bad from None
    payload, mac = raw[:-_CURSOR_MAC_BYTES], raw[-_CURSOR_MAC_BYTES:]
    if len(raw) <= len(_CURSOR_VERSION) + _CURSOR_MAC_BYTES or not payload.startswith(
        _CURSOR_VERSION
    ):
        raise bad
    if not hmac.compare_digest(mac, _cursor_mac(key, account_id, payload)):
        raise bad
    return payload[len(_CURSOR_VERSION) :].decode("ascii")
