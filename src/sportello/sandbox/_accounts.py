"""Consumer-desk accounts: the records, the password updates and the queued e-mail jobs.

What :mod:`sportello.sandbox._routes_auth` needs besides the routes themselves:

- :func:`account_json`, the ``Account`` of the contract (AU-2 services, AU-3 actions);
- :func:`new_history`, the PW-1..PW-4 check of a new password against the stored names and
  the 3-deep hashed history, through the hash gate and outside any transaction, and
  :func:`save_password`, which stores it only if the history did not change meanwhile;
- the mailer's jobs (:func:`register_jobs`): a registration (AU-1, AU-2; a pending account
  and its activation code, or "the username is not available"), the username recovery and
  the password recovery (AU-4). They run after the answer, so the answer and its timing are
  the same whether or not the account exists.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from typing import Any

from sportello._violations import Violation
from sportello.sandbox import _auth as auth
from sportello.sandbox._core import Sandbox
from sportello.sandbox._mailer import Apply
from sportello.sandbox._problems import ProblemError

__all__ = [
    "AU2_SERVICES",
    "AU3_CUTOFF",
    "account_by_username",
    "account_json",
    "account_row",
    "create_account",
    "new_history",
    "register_jobs",
    "register_now",
    "save_password",
]

#: AU-3: accounts registered before this day must reset and complete before using the services.
AU3_CUTOFF = dt.date(2017, 10, 6)
#: AU-2: the services one account serves.
AU2_SERVICES = ("conciliazione", "smart_help", "informazioni")


def account_json(row: sqlite3.Row) -> dict[str, Any]:
    """The ``Account`` of the contract for an ``accounts`` row (AU-2 services, AU-3 actions)."""
    azioni = [
        name
        for name, flag in (
            ("reimposta_password", row["reset_required"]),
            ("completa_registrazione", row["incomplete"]),
        )
        if flag
    ]
    dati = json.loads(row["dati"])
    return {
        "username": row["username"],
        "email": row["email"],
        "nome": row["nome"],
        "cognome": row["cognome"],
        "ragione_sociale": dati.get("ragione_sociale"),
        "registrata_il": row["registrata_il"],
        "servizi": list(AU2_SERVICES),
        "azioni_richieste": azioni,
    }


def account_row(db: sqlite3.Connection, account_id: int) -> sqlite3.Row:
    """The ``accounts`` row of ``account_id`` (404 when gone)."""
    row = db.execute("SELECT * FROM accounts WHERE id = ?", (account_id,)).fetchone()
    if row is None:
        raise ProblemError.of(404, "api.not_found")
    return row  # type: ignore[no-any-return]


def account_by_username(db: sqlite3.Connection, username: str) -> sqlite3.Row | None:
    """The active account of a canonical username (:func:`sportello.rules.username.fold`)."""
    row: sqlite3.Row | None = db.execute(
        "SELECT * FROM accounts WHERE username = ?", (username,)
    ).fetchone()
    return row


def create_account(
    db: sqlite3.Connection, registration: dict[str, Any], *, registrata_il: str
) -> None:
    """Insert an active account from a registration (the queued or pending one)."""
    db.execute(
        "INSERT INTO accounts (username, email, nome, cognome, password_hash, history,"
        " registrata_il, dati) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            registration["username"],
            registration["email"],
            registration["nome"],
            registration["cognome"],
            registration["password_hash"],
            json.dumps([registration["password_hash"]]),
            registrata_il,
            registration["dati"],
        ),
    )


async def new_history(
    sb: Sandbox, row: sqlite3.Row, password: str, *, path: str, username: str
) -> list[str]:
    """PW-1..PW-4 for ``password`` against the row's names and history; the new entries.

    Runs through the hash gate (three verifications and one hash), outside any transaction.

    Raises:
        ProblemError: 422 with every PW-1..PW-4 violation, at ``path``.
    """
    from sportello.rules import password as policy

    history_json = row["history"]
    names = {k: (row[k] or None) for k in ("nome", "cognome") if k in row.keys()}  # noqa: SIM118

    def work() -> list[str]:
        history = policy.PasswordHistory.from_list(json.loads(history_json), hasher=sb.hasher)
        found = policy.check(password, username=username, history=history, **names)
        if found:
            raise ProblemError(422, [Violation(v.code, v.rule, path, v.params) for v in found])
        history.add(password)
        return history.to_list()

    return await sb.hashing(work)


def save_password(
    db: sqlite3.Connection, table: str, row: sqlite3.Row, entries: list[str], *, extra: str = ""
) -> None:
    """Store the new history of ``row`` in ``table`` if it did not change since it was read.

    Raises:
        ProblemError: 409 ``auth.password_changed_meanwhile`` when another change won.
    """
    done = db.execute(
        f"UPDATE {table} SET password_hash = ?, history = ?{extra}"  # noqa: S608 - fixed names
        " WHERE id = ? AND history = ?",
        (entries[-1], json.dumps(entries), row["id"], row["history"]),
    ).rowcount
    if not done:
        raise ProblemError.of(409, "auth.password_changed_meanwhile")


def _register(sb: Sandbox, payload: dict[str, Any]) -> Apply:
    """AU-1, AU-2: a queued registration: a pending account and its code, or "not available"."""

    def apply(db: sqlite3.Connection) -> None:
        now = sb.settings.clock().timestamp()
        username, email = payload["username"], payload["email"]
        db.execute(
            "DELETE FROM registrazioni WHERE username = ? AND expires_at <= ?", (username, now)
        )
        pending = db.execute(
            "SELECT email FROM registrazioni WHERE username = ?", (username,)
        ).fetchone()
        same_person = pending is not None and pending["email"].casefold() == email.casefold()
        if account_by_username(db, username) is not None or (pending and not same_person):
            # Only the owner of the given address learns that the name is not free.
            sb.send_mail(
                db,
                email,
                "Registrazione non completata",
                f"Lo username «{username}» non è disponibile: nessun account è stato creato. "
                "Ripeti la registrazione scegliendo un altro username; se l'account è tuo, "
                "usa il recupero della password.",
                username=username,
            )
            return
        if not sb.settings.require_activation:
            create_account(db, payload, registrata_il=sb.settings.clock().date().isoformat())
            return
        code = auth.new_code()
        hours = int(sb.settings.activation_ttl.total_seconds() // 3600)
        db.execute("DELETE FROM registrazioni WHERE username = ?", (username,))
        db.execute(
            "INSERT INTO registrazioni (username, email, nome, cognome, password_hash, dati,"
            " codice_hash, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                username,
                email,
                payload["nome"],
                payload["cognome"],
                payload["password_hash"],
                payload["dati"],
                auth.sha256(code),
                now + sb.settings.activation_ttl.total_seconds(),
            ),
        )
        sb.send_mail(
            db,
            email,
            "Attiva il tuo account",
            f"Per attivare l'account «{username}» usa questo codice entro {hours} ore: {code}",
            codice=code,
            username=username,
        )

    return apply


def register_now(sb: Sandbox, db: sqlite3.Connection, registration: dict[str, Any]) -> None:
    """Run a registration in the request's transaction (``require_activation=False``, tests)."""
    _register(sb, registration)(db)


def _recover_username(sb: Sandbox, payload: dict[str, Any]) -> Apply:
    """AU-4: every username registered with the address goes to it."""

    def apply(db: sqlite3.Connection) -> None:
        for row in db.execute(
            "SELECT username, email FROM accounts WHERE email = ?", (payload["email"],)
        ).fetchall():
            sb.send_mail(
                db,
                row["email"],
                "Recupero username",
                f"Il tuo username per il Portale dello Sportello è: {row['username']}",
                username=row["username"],
            )

    return apply


def _recover_password(sb: Sandbox, payload: dict[str, Any]) -> Apply:
    """AU-4, AU-3: a one-use reset code to the registered address (older codes voided)."""

    def apply(db: sqlite3.Connection) -> None:
        row = account_by_username(db, payload["username"])
        if row is None or not row["email"]:
            return
        code = auth.issue_reset_code(db, sb.settings, row["id"])
        sb.send_mail(
            db,
            row["email"],
            "Hai dimenticato la password?",
            "Per reimpostare la password usa questo codice entro un'ora: " + code,
            token=code,
            username=row["username"],
        )

    return apply


def register_jobs(sb: Sandbox) -> None:
    """Give ``sb``'s mailer the consumer desk's jobs."""
    sb.mailer.handler("registrazione", lambda payload: _register(sb, payload))
    sb.mailer.handler("recupero_username", lambda payload: _recover_username(sb, payload))
    sb.mailer.handler("recupero_password", lambda payload: _recover_password(sb, payload))
