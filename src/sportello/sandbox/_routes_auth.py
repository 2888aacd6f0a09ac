"""Consumer-desk accounts: ``/v1/auth/*`` (AU-1..AU-4, PW-1..PW-4).

One account serves every service of the portal (AU-2). Login is username + password (AU-4);
username recovery and password recovery are separate procedures that always answer 202, so
they never reveal whether an account exists (AU-4); registration too answers the same 202
whether the username was free or taken, and activation by e-mail keeps a login from telling
the two apart. Accounts registered before 06/10/2017 must reset the password and complete
their data before using the services (AU-3). The records and the e-mail jobs are in
:mod:`sportello.sandbox._accounts`.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from sportello._violations import Violation
from sportello.sandbox import _accounts as accounts
from sportello.sandbox import _auth as auth
from sportello.sandbox import _throttle as throttle
from sportello.sandbox._accounts import AU2_SERVICES, AU3_CUTOFF, account_json
from sportello.sandbox._core import Sandbox
from sportello.sandbox._http import json_response, load_form, read_json
from sportello.sandbox._idempotency import Reply
from sportello.sandbox._problems import ProblemError
from sportello.sandbox._replies import reply
from sportello.sandbox._session_routes import logout_route, token_json

__all__ = ["AU2_SERVICES", "AU3_CUTOFF", "REGISTRATION_RECEIVED", "account_json", "routes"]

REALM = "sportello"
#: The one answer of ``POST /v1/auth/registrazione`` (202), free username or taken alike.
REGISTRATION_RECEIVED = {
    "stato": "ricevuta",
    "messaggio": "Richiesta di registrazione ricevuta. Controlla la tua e-mail.",
}
_SECRET_KEYS = frozenset({"password", "nuova_password", "password_attuale", "conferma_password"})


def _registration_fields(form: Any) -> dict[str, Any]:
    from sportello import forms

    data = forms.dump(form)
    return {k: v for k, v in data.items() if k not in _SECRET_KEYS}


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


def _username(raw: str) -> str:
    """AU-4: the canonical username (:mod:`sportello.rules.username`), or a 422 problem."""
    from sportello.rules import username

    found = username.check(raw)
    if found:
        raise ProblemError(422, found)
    return username.fold(raw)


def _same_username(given: str, row: sqlite3.Row) -> str:
    """The row's canonical username; 422 ``auth.username_mismatch`` when ``given`` differs."""
    from sportello.rules import username

    stored = username.fold(row["username"])
    if given != stored:
        raise ProblemError(
            422,
            [Violation.of("auth.username_mismatch", path="username", username=row["username"])],
        )
    return stored


def routes(sb: Sandbox) -> list[Route]:  # noqa: PLR0915 - one closure per endpoint
    """The ``/v1/auth`` endpoints of ``sb``.

    - AU-1: registration refuses a form lacking mandatory fields, naming all of them at once
      (``forms.load``); PW-1, PW-2, PW-3 on the password (the form, then the server's names).
    - AU-2: one account serves every service (``Account.servizi``). Registration answers
      202 :data:`REGISTRATION_RECEIVED` whether the username was free or taken: the request
      is queued and the mailer then creates a pending account and e-mails its activation
      code (``POST /v1/auth/attivazione`` activates it), or e-mails the given address that
      the name is not available. Until activated, a login fails like a wrong password.
    - AU-3: ``PUT /v1/auth/registrazione`` completes a legacy account's data (confirmed by
      the current password); the reset code of ``recupero-password`` clears the password
      reset it owes.
    - AU-4: login by (canonical) username and password, throttled before the password is
      verified; username recovery and password recovery are separate, limited per account,
      and both answer 202 whether or not the account exists.
    - PW-4: a change or a reset differs from each of the last three passwords (hashed
      history); a change revokes the account's other tokens, a reset every token.
    """
    from sportello import forms

    accounts.register_jobs(sb)

    async def registra(request: Request) -> Response:
        # AU-1, AU-2: queue one registration for every service (the form lists every gap).
        body, raw = await read_json(request, sb.settings.max_json_bytes)
        form = load_form(forms.RegistrazioneSportello, body)
        replayed = await sb.replay(request, "anon", raw)
        if replayed is not None:
            return replayed
        registration = {
            "username": form.username,
            "email": form.email,
            "nome": form.nome or "",
            "cognome": form.cognome or "",
            "password_hash": await sb.hash_password(form.password),
            "dati": json.dumps(_registration_fields(form), ensure_ascii=False),
        }

        def effect(db: sqlite3.Connection) -> Reply:
            throttle.count_request(
                db,
                sb.settings,
                "registrazione",
                form.email.casefold(),
                limit=sb.settings.registration_max,
            )
            if sb.settings.require_activation:
                sb.mailer.enqueue(db, "registrazione", **registration)
            else:  # tests only: the account (or the "not available" e-mail) at once
                accounts.register_now(sb, db, registration)
            return reply(REGISTRATION_RECEIVED, 202)

        return await sb.mutate(request, "anon", effect, raw, deliver=True)

    async def attiva(request: Request) -> Response:
        # AU-1, AU-2: the e-mailed code activates the pending account (login works from now).
        body, raw = await read_json(request, sb.settings.max_json_bytes)
        codice = _required_text(body, "codice")["codice"]

        def effect(db: sqlite3.Connection) -> Reply:
            now = sb.settings.clock().timestamp()
            row = db.execute(
                "SELECT * FROM registrazioni WHERE codice_hash = ?", (auth.sha256(codice),)
            ).fetchone()
            if row is None or row["expires_at"] <= now:
                raise ProblemError(
                    422, [Violation.of("auth.activation_code_invalid", path="codice")]
                )
            db.execute("DELETE FROM registrazioni WHERE id = ?", (row["id"],))
            if accounts.account_by_username(db, row["username"]) is not None:
                raise ProblemError(
                    422, [Violation.of("auth.activation_code_invalid", path="codice")]
                )
            accounts.create_account(
                db, dict(row), registrata_il=sb.settings.clock().date().isoformat()
            )
            return reply(None, 204)

        return await sb.mutate(request, "anon", effect, raw)

    async def completa(request: Request) -> Response:
        # AU-3: complete the registration data, confirmed by the current password.
        who = await sb.principal(request, REALM)
        body, _raw = await read_json(request, sb.settings.max_json_bytes)
        form = load_form(forms.RegistrazioneSportello, body)
        dati = _registration_fields(form)
        row = await sb.read(lambda db: accounts.account_row(db, who.subject))
        login = _same_username(form.username, row)
        verified = await sb.check_password(
            realm=REALM,
            login=login,
            password=form.password,
            find=lambda db: accounts.account_row(db, who.subject),
        )
        if verified is None:
            raise ProblemError(422, [Violation.of("auth.wrong_current_password", path="password")])

        def work(db: sqlite3.Connection) -> dict[str, Any]:
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
            return account_json(accounts.account_row(db, who.subject))

        return json_response(await sb.write(work))

    async def me(request: Request) -> Response:
        # The account of the token (with the AU-3 actions still required).
        who = await sb.principal(request, REALM)
        row = await sb.read(lambda db: accounts.account_row(db, who.subject))
        return json_response(account_json(row))

    async def login(request: Request) -> Response:
        # AU-4: username + password -> bearer token; attempts throttled per username.
        body, raw = await read_json(request, sb.settings.max_json_bytes)
        form = load_form(forms.Login, body)
        row = await sb.check_password(
            realm=REALM,
            login=form.username,
            password=form.password,
            find=lambda db: accounts.account_by_username(db, form.username),
        )
        if row is None:
            raise ProblemError(401, [Violation.of("auth.login_failed")])

        def effect(db: sqlite3.Connection) -> Reply:
            token = auth.issue_token(db, sb.settings, auth.Principal(REALM, row["id"]))
            return reply(token_json(sb, token), secret=True)

        return await sb.mutate(request, "anon", effect, raw)

    logout = logout_route(sb, REALM)

    async def cambia_password(request: Request) -> Response:
        # PW-1..PW-4: change the password (throttled like login); other tokens are revoked.
        who = await sb.principal(request, REALM)
        body, raw = await read_json(request, sb.settings.max_json_bytes)
        form = load_form(forms.CambioPassword, body)
        replayed = await sb.replay(request, who.scope, raw)
        if replayed is not None:
            return replayed
        row = await sb.read(lambda db: accounts.account_row(db, who.subject))
        login = _same_username(form.username, row)
        verified = await sb.check_password(
            realm=REALM,
            login=login,
            password=form.password_attuale,
            find=lambda db: accounts.account_row(db, who.subject),
        )
        if verified is None:
            raise ProblemError(
                422, [Violation.of("auth.wrong_current_password", path="password_attuale")]
            )
        entries = await accounts.new_history(
            sb, verified, form.nuova_password, path="nuova_password", username=login
        )
        token = sb.bearer(request) or ""

        def effect(db: sqlite3.Connection) -> Reply:
            accounts.save_password(db, "accounts", verified, entries, extra=", reset_required = 0")
            auth.revoke_others(db, who, keep=token)
            return reply(None, 204)

        return await sb.mutate(request, who.scope, effect, raw)

    async def recupero_username(request: Request) -> Response:
        # AU-4: the username goes by e-mail to the registered address; always 202.
        body, raw = await read_json(request, sb.settings.max_json_bytes)
        email = _required_text(body, "email")["email"].strip()

        def effect(db: sqlite3.Connection) -> Reply:
            throttle.count_request(
                db,
                sb.settings,
                "recupero-username",
                email.casefold(),
                limit=sb.settings.recovery_max,
            )
            sb.mailer.enqueue(db, "recupero_username", email=email)
            return reply(None, 202)

        return await sb.mutate(request, "anon", effect, raw, deliver=True)

    async def recupero_password(request: Request) -> Response:
        # AU-4, AU-3: a one-use reset code goes to the registered address; always 202.
        body, raw = await read_json(request, sb.settings.max_json_bytes)
        username = _username(_required_text(body, "username")["username"])

        def effect(db: sqlite3.Connection) -> Reply:
            throttle.count_request(
                db, sb.settings, "recupero-password", username, limit=sb.settings.recovery_max
            )
            sb.mailer.enqueue(db, "recupero_password", username=username)
            return reply(None, 202)

        return await sb.mutate(request, "anon", effect, raw, deliver=True)

    async def reimposta_password(request: Request) -> Response:
        # AU-3, PW-1..PW-4: a new password with the e-mailed code; clears the lock, revokes all.
        body, raw = await read_json(request, sb.settings.max_json_bytes)
        values = _required_text(body, "token", "nuova_password")
        replayed = await sb.replay(request, "anon", raw)
        if replayed is not None:
            return replayed
        row = await sb.read(lambda db: auth.reset_code_account(db, sb.settings, values["token"]))
        if row is None:
            raise ProblemError(422, [Violation.of("auth.reset_token_invalid", path="token")])
        from sportello.rules import username

        login = username.fold(row["username"])
        entries = await accounts.new_history(
            sb, row, values["nuova_password"], path="nuova_password", username=login
        )

        def effect(db: sqlite3.Connection) -> Reply:
            if auth.redeem_reset_code(db, sb.settings, values["token"]) != row["id"]:
                raise ProblemError(422, [Violation.of("auth.reset_token_invalid", path="token")])
            accounts.save_password(db, "accounts", row, entries, extra=", reset_required = 0")
            throttle.clear_failures(db, REALM, login)
            auth.revoke_all(db, auth.Principal(REALM, row["id"]))
            return reply(None, 204)

        return await sb.mutate(request, "anon", effect, raw)

    p = "/v1/auth"
    return [
        Route(f"{p}/registrazione", registra, methods=["POST"]),
        Route(f"{p}/registrazione", completa, methods=["PUT"]),
        Route(f"{p}/attivazione", attiva, methods=["POST"]),
        Route(f"{p}/me", me, methods=["GET"]),
        Route(f"{p}/login", login, methods=["POST"]),
        Route(f"{p}/logout", logout, methods=["POST"]),
        Route(f"{p}/password", cambia_password, methods=["POST"]),
        Route(f"{p}/recupero-username", recupero_username, methods=["POST"]),
        Route(f"{p}/recupero-password", recupero_password, methods=["POST"]),
        Route(f"{p}/reimposta-password", reimposta_password, methods=["POST"]),
    ]
