"""Consumer-desk accounts: ``/v1/auth/*`` (AU-1..AU-4, PW-1..PW-4).

One account serves every service of the portal (AU-2). Login is username + password (AU-4);
username recovery and password recovery are separate procedures that always answer 202, so
they never reveal whether an account exists (AU-4); registration too answers the same 202
whether the username was free (the account is created) or taken (nothing is created, an e-mail
tells the given address). Accounts registered before 06/10/2017 must
reset the password and complete their data before using the services (AU-3).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from sportello._violations import Violation
from sportello.sandbox import _auth as auth
from sportello.sandbox._core import Sandbox, reply
from sportello.sandbox._http import json_response, load_form, read_json
from sportello.sandbox._idempotency import Reply
from sportello.sandbox._problems import ProblemError
from sportello.sandbox._session_routes import logout_route, token_json

__all__ = ["AU2_SERVICES", "AU3_CUTOFF", "REGISTRATION_RECEIVED", "account_json", "routes"]

#: AU-3: accounts registered before this day must reset and complete before using the services.
AU3_CUTOFF = dt.date(2017, 10, 6)
#: AU-2: the services one account serves.
AU2_SERVICES = ("conciliazione", "smart_help", "informazioni")
REALM = "sportello"
#: The one answer of ``POST /v1/auth/registrazione`` (202), free username or taken alike.
REGISTRATION_RECEIVED = {
    "stato": "ricevuta",
    "messaggio": "Richiesta di registrazione ricevuta. Controlla la tua e-mail.",
}
_SECRET_KEYS = frozenset({"password", "nuova_password", "password_attuale", "conferma_password"})


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


def _account(db: sqlite3.Connection, account_id: int) -> sqlite3.Row:
    row = db.execute("SELECT * FROM accounts WHERE id = ?", (account_id,)).fetchone()
    if row is None:
        raise ProblemError.of(404, "api.not_found")
    return row  # type: ignore[no-any-return]


def _registration_fields(form: Any) -> dict[str, Any]:
    from sportello import forms

    data = forms.dump(form)
    return {k: v for k, v in data.items() if k not in _SECRET_KEYS}


def _history(sb: Sandbox, row: sqlite3.Row) -> Any:
    from sportello.rules.password import PasswordHistory

    return PasswordHistory.from_list(json.loads(row["history"]), hasher=sb.settings.hasher)


def _set_password(
    sb: Sandbox, db: sqlite3.Connection, row: sqlite3.Row, password: str, path: str
) -> None:
    """PW-1..PW-4 against the stored names and the 3-deep hashed history, then store."""
    from sportello.rules import password as policy

    history = _history(sb, row)
    found = policy.check(
        password,
        username=row["username"],
        nome=row["nome"] or None,
        cognome=row["cognome"] or None,
        history=history,
    )
    if found:
        raise ProblemError(422, [Violation(v.code, v.rule, path, v.params) for v in found])
    history.add(password)
    entries = history.to_list()
    db.execute(
        "UPDATE accounts SET password_hash = ?, history = ?, reset_required = 0 WHERE id = ?",
        (entries[-1], json.dumps(entries), row["id"]),
    )


def _required_text(body: Any, *names: str) -> dict[str, str]:
    if not isinstance(body, dict):
        raise ProblemError.of(422, "forms.not_an_object", type=type(body).__name__)
    missing = [
        Violation.of("api.missing_parameter", path=n, name=n)
        for n in names
        if not isinstance(body.get(n), str) or not body[n]
    ]
    if missing:
        raise ProblemError(422, missing)
    return {n: body[n] for n in names}


def routes(sb: Sandbox) -> list[Route]:  # noqa: PLR0915 - one closure per endpoint
    """The ``/v1/auth`` endpoints of ``sb``.

    - AU-1: registration refuses a form lacking mandatory fields, naming all of them at once
      (``forms.load``); PW-1, PW-2, PW-3 on the password (the form, then the server's names).
    - AU-2: one account serves every service (``Account.servizi``). Registration answers
      202 :data:`REGISTRATION_RECEIVED` whether the username was free (the account is created,
      login works at once) or taken (nothing is created; an e-mail to the given address says
      the name is not available), so it does not reveal which usernames exist.
    - AU-3: ``PUT /v1/auth/registrazione`` completes a legacy account's data; the reset code of
      ``recupero-password`` clears the password reset it owes.
    - AU-4: login by username and password; username recovery and password recovery are
      separate, and both answer 202 whether or not the account exists.
    - PW-4: a change or a reset differs from each of the last three passwords (hashed history).
    """
    from sportello import forms

    async def registra(request: Request) -> Response:
        # AU-1, AU-2: register one account for every service (the form lists every gap).
        body, raw = await read_json(request, sb.settings.max_json_bytes)
        form = load_form(forms.RegistrazioneSportello, body)
        hashed = await run_in_threadpool(sb.settings.hasher.hash, form.password)
        dati = _registration_fields(form)
        today = sb.settings.clock().date().isoformat()

        def effect(db: sqlite3.Connection) -> Reply:
            taken = db.execute(
                "SELECT 1 FROM accounts WHERE username = ?", (form.username,)
            ).fetchone()
            if taken:
                # Only the owner of the given address learns that the name is not free.
                sb.send_mail(
                    db,
                    form.email,
                    "Registrazione non completata",
                    f"Lo username «{form.username}» non è disponibile: nessun account è stato "
                    "creato. Ripeti la registrazione scegliendo un altro username; se l'account "
                    "è tuo, usa il recupero della password.",
                    username=form.username,
                )
                return reply(REGISTRATION_RECEIVED, 202)
            db.execute(
                "INSERT INTO accounts (username, email, nome, cognome, password_hash, history,"
                " registrata_il, dati) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    form.username,
                    form.email,
                    form.nome or "",
                    form.cognome or "",
                    hashed,
                    json.dumps([hashed]),
                    today,
                    json.dumps(dati, ensure_ascii=False),
                ),
            )
            return reply(REGISTRATION_RECEIVED, 202)

        return await sb.mutate(request, "anon", effect, raw)

    async def completa(request: Request) -> Response:
        # AU-3: complete the registration data (the username stays; the password is not set).
        who = await sb.principal(request, REALM)
        body, _raw = await read_json(request, sb.settings.max_json_bytes)
        form = load_form(forms.RegistrazioneSportello, body)
        dati = _registration_fields(form)

        def work(db: sqlite3.Connection) -> dict[str, Any]:
            row = _account(db, who.subject)
            if form.username.casefold() != row["username"].casefold():
                raise ProblemError(
                    422,
                    [
                        Violation.of(
                            "auth.username_mismatch", path="username", username=row["username"]
                        )
                    ],
                )
            db.execute(
                "UPDATE accounts SET email = ?, nome = ?, cognome = ?, dati = ?, incomplete = 0"
                " WHERE id = ?",
                (
                    form.email,
                    form.nome or "",
                    form.cognome or "",
                    json.dumps(dati, ensure_ascii=False),
                    who.subject,
                ),
            )
            return account_json(_account(db, who.subject))

        return json_response(await sb.write(work))

    async def me(request: Request) -> Response:
        # The account of the token (with the AU-3 actions still required).
        who = await sb.principal(request, REALM)
        return json_response(account_json(await sb.read(lambda db: _account(db, who.subject))))

    async def login(request: Request) -> Response:
        # AU-4: username + password -> bearer token; failures throttled per username.
        body, raw = await read_json(request, sb.settings.max_json_bytes)
        form = load_form(forms.Login, body)

        def find(db: sqlite3.Connection) -> sqlite3.Row | None:
            auth.check_throttle(db, sb.settings, REALM, form.username)
            return db.execute(  # type: ignore[no-any-return]
                "SELECT id, password_hash FROM accounts WHERE username = ?", (form.username,)
            ).fetchone()

        row = await sb.read(find)
        stored = row["password_hash"] if row is not None else sb.dummy_hash()
        ok = await run_in_threadpool(sb.settings.hasher.verify, form.password, stored)
        if row is None or not ok:
            await sb.write(lambda db: auth.record_failure(db, sb.settings, REALM, form.username))
            raise ProblemError(401, [Violation.of("auth.login_failed")])

        def effect(db: sqlite3.Connection) -> Reply:
            auth.record_success(db, REALM, form.username)
            token = auth.issue_token(db, sb.settings, auth.Principal(REALM, row["id"]))
            return reply(token_json(sb, token))

        return await sb.mutate(request, "anon", effect, raw)

    logout = logout_route(sb, REALM)

    async def cambia_password(request: Request) -> Response:
        # PW-1..PW-4: change the password; the new one differs from the last three.
        who = await sb.principal(request, REALM)
        body, raw = await read_json(request, sb.settings.max_json_bytes)
        form = load_form(forms.CambioPassword, body)
        row = await sb.read(lambda db: _account(db, who.subject))
        if form.username.casefold() != row["username"].casefold():
            raise ProblemError(
                422,
                [Violation.of("auth.username_mismatch", path="username", username=row["username"])],
            )
        ok = await run_in_threadpool(
            sb.settings.hasher.verify, form.password_attuale, row["password_hash"]
        )
        if not ok:
            raise ProblemError(
                422, [Violation.of("auth.wrong_current_password", path="password_attuale")]
            )

        def effect(db: sqlite3.Connection) -> Reply:
            _set_password(sb, db, _account(db, who.subject), form.nuova_password, "nuova_password")
            return reply(None, 204)

        return await sb.mutate(request, who.scope, effect, raw)

    async def recupero_username(request: Request) -> Response:
        # AU-4: the username goes by e-mail to the registered address; always 202.
        body, raw = await read_json(request, sb.settings.max_json_bytes)
        email = _required_text(body, "email")["email"].strip()

        def effect(db: sqlite3.Connection) -> Reply:
            for row in db.execute(
                "SELECT username, email FROM accounts WHERE email = ?", (email,)
            ).fetchall():
                sb.send_mail(
                    db,
                    row["email"],
                    "Recupero username",
                    f"Il tuo username per il Portale dello Sportello è: {row['username']}",
                    username=row["username"],
                )
            return reply(None, 202)

        return await sb.mutate(request, "anon", effect, raw)

    async def recupero_password(request: Request) -> Response:
        # AU-4, AU-3: a one-use reset code goes to the registered address; always 202.
        body, raw = await read_json(request, sb.settings.max_json_bytes)
        username = _required_text(body, "username")["username"].strip()

        def effect(db: sqlite3.Connection) -> Reply:
            row = db.execute(
                "SELECT id, username, email FROM accounts WHERE username = ?", (username,)
            ).fetchone()
            if row is not None and row["email"]:
                code = auth.issue_reset_code(db, sb.settings, row["id"])
                sb.send_mail(
                    db,
                    row["email"],
                    "Hai dimenticato la password?",
                    "Per reimpostare la password usa questo codice entro un'ora: " + code,
                    token=code,
                    username=row["username"],
                )
            return reply(None, 202)

        return await sb.mutate(request, "anon", effect, raw)

    async def reimposta_password(request: Request) -> Response:
        # AU-3, PW-1..PW-4: set a new password with the e-mailed code; clears the lock.
        body, raw = await read_json(request, sb.settings.max_json_bytes)
        values = _required_text(body, "token", "nuova_password")

        def effect(db: sqlite3.Connection) -> Reply:
            account_id = auth.redeem_reset_code(db, sb.settings, values["token"])
            if account_id is None:
                raise ProblemError(422, [Violation.of("auth.reset_token_invalid", path="token")])
            row = _account(db, account_id)
            _set_password(sb, db, row, values["nuova_password"], "nuova_password")
            auth.record_success(db, REALM, row["username"])
            db.execute("DELETE FROM tokens WHERE realm = ? AND subject = ?", (REALM, account_id))
            return reply(None, 204)

        return await sb.mutate(request, "anon", effect, raw)

    p = "/v1/auth"
    return [
        Route(f"{p}/registrazione", registra, methods=["POST"]),
        Route(f"{p}/registrazione", completa, methods=["PUT"]),
        Route(f"{p}/me", me, methods=["GET"]),
        Route(f"{p}/login", login, methods=["POST"]),
        Route(f"{p}/logout", logout, methods=["POST"]),
        Route(f"{p}/password", cambia_password, methods=["POST"]),
        Route(f"{p}/recupero-username", recupero_username, methods=["POST"]),
        Route(f"{p}/recupero-password", recupero_password, methods=["POST"]),
        Route(f"{p}/reimposta-password", reimposta_password, methods=["POST"]),
    ]
