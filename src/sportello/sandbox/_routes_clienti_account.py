"""A utility's customer area, the account: ``/v1/area-clienti`` registration and login.

The login user is the six-digit customer code (UP-3); registration matches it with the codice
fiscale or partita IVA and e-mails a first-access password (UP-1). Every lookup of a customer
code goes through :func:`login_key` (the username folding of :mod:`sportello.rules.username`,
then the customer code's compaction), so ``０００００２`` and ``000 002`` are ``000002`` and
share its count of failed logins.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from sportello._violations import ValidationError, Violation
from sportello.rules import area_clienti as up
from sportello.sandbox import _auth as auth
from sportello.sandbox import _clienti_data as data
from sportello.sandbox import _throttle as throttle
from sportello.sandbox._accounts import new_history, save_password
from sportello.sandbox._core import Sandbox
from sportello.sandbox._http import load_form, read_json
from sportello.sandbox._idempotency import Reply
from sportello.sandbox._mailer import Apply
from sportello.sandbox._problems import ProblemError
from sportello.sandbox._replies import reply
from sportello.sandbox._session_routes import logout_route, token_json

__all__ = ["REALM", "confirm_email_change", "first_access_password", "login_key", "routes"]

REALM = "clienti"


def login_key(codice_cliente: str) -> str:
    """The lookup and throttling key of a customer code (UP-3): folded, then compacted.

    >>> login_key(" ０００ ００２ "), login_key("000-002")
    ('000002', '000002')
    """
    from sportello.rules.identifiers import codice_cliente as code
    from sportello.rules.username import fold

    return code.compact(fold(codice_cliente))


def registered_row(db: sqlite3.Connection, codice: str) -> sqlite3.Row | None:
    """The registered customer (a password set) of a customer code key, or ``None``."""
    row: sqlite3.Row | None = db.execute(
        "SELECT * FROM clienti WHERE codice_cliente = ? AND password_hash IS NOT NULL", (codice,)
    ).fetchone()
    return row


async def confirm_email_change(
    sb: Sandbox, cliente_id: int, email: str | None, password: str | None
) -> None:
    """UP-6: a new e-mail needs the customer's current password; a password given is checked.

    The check is :meth:`~sportello.sandbox._core.Sandbox.check_password`: counted and locked
    like a login, per customer code.

    Raises:
        ProblemError: 422 ``auth.current_password_required`` or ``auth.wrong_current_password``
            at ``password_attuale``; 429 while the code is locked.
    """
    row = await sb.read(lambda db: data.cliente_row(db, cliente_id))
    changed = email is not None and email.casefold() != (row["email"] or "").casefold()
    if password is None:
        if changed:
            raise ProblemError(
                422, [Violation.of("auth.current_password_required", path="password_attuale")]
            )
        return
    verified = await sb.check_password(
        realm=REALM,
        login=row["codice_cliente"],
        password=password,
        find=lambda db: data.cliente_row(db, cliente_id),
    )
    if verified is None:
        raise ProblemError(
            422, [Violation.of("auth.wrong_current_password", path="password_attuale")]
        )


def _recover(sb: Sandbox, payload: dict[str, Any]) -> Apply:
    """UP-3: a queued recovery: a new password for the registered customer, e-mailed."""
    codice = payload["codice_cliente"]
    with sb.store.read() as db:
        known = registered_row(db, codice) is not None
    password = first_access_password()
    hashed = sb.hasher.hash(password) if known else ""

    def apply(db: sqlite3.Connection) -> None:
        row = registered_row(db, codice)
        anagrafiche = {row["codice_cliente"]: data.anagrafica_of(row)} if row else {}
        to = up.password_recovery_recipient(codice, anagrafiche=anagrafiche)
        if row is None or not to or not hashed:
            return
        db.execute("UPDATE clienti SET password_hash = ? WHERE id = ?", (hashed, row["id"]))
        throttle.clear_failures(db, REALM, codice)
        auth.revoke_all(db, auth.Principal(REALM, row["id"]))
        sb.send_mail(
            db,
            to,
            "Nuova password del portale clienti",
            f"Utente: {row['codice_cliente']}\nNuova password: {password}",
            codice_cliente=row["codice_cliente"],
            password=password,
        )

    return apply


def first_access_password() -> str:
    """A random first-access password (UP-1, UP-3) that also meets PW-1 and PW-2.

    >>> from sportello.rules.password import check
    >>> check(first_access_password())
    []
    """
    return f"Pa-{secrets.token_urlsafe(12)}7x"


def _required_text(body: Any, *names: str) -> dict[str, str]:
    if not isinstance(body, dict):
        body = {}
    missing = [
        Violation.of("api.missing_parameter", path=n, name=n)
        for n in names
        if not isinstance(body.get(n), str) or not body[n]
    ]
    if missing:
        raise ProblemError(422, missing)
    return {n: body[n] for n in names}


def routes(sb: Sandbox) -> list[Route]:  # noqa: PLR0915 - one closure per endpoint
    """The account endpoints of the customer area of ``sb``.

    - UP-1, UP-2: registration matches the customer code with the CF/P.IVA, answers the
      summary and e-mails the first-access password.
    - UP-3: the customer code is the login user (throttled before the password is verified);
      recovery takes only the code (always 202, limited per code, revokes every token).
    - PW-1..PW-4 on the customer area's password change, throttled like login.
    """
    from sportello import forms

    sb.mailer.handler("clienti_recupero_password", lambda payload: _recover(sb, payload))

    async def registra(request: Request) -> Response:
        # UP-1, UP-2: customer code + CF/P.IVA must match; summary back, password e-mailed.
        body, raw = await read_json(request, sb.settings.max_json_bytes)
        form = load_form(forms.RegistrazioneAreaClienti, body)
        replayed = await sb.replay(request, "anon", raw)
        if replayed is not None:
            return replayed
        password = first_access_password()
        hashed = await sb.hash_password(password)

        def effect(db: sqlite3.Connection) -> Reply:
            row = db.execute(
                "SELECT * FROM clienti WHERE codice_cliente = ?", (form.codice_cliente,)
            ).fetchone()
            anagrafica = data.anagrafica_of(row) if row is not None else None
            problems = up.check_registration(
                form.codice_cliente, form.codice_fiscale, anagrafica=anagrafica
            )
            if problems:
                raise ProblemError(422, problems)
            assert row is not None  # noqa: S101 - matched above
            assert anagrafica is not None  # noqa: S101 - matched above
            if row["password_hash"] is not None:
                raise ProblemError(
                    409,
                    [Violation.of("auth.already_registered", codice_cliente=form.codice_cliente)],
                )
            try:
                confirmed = up.confirm_registration(anagrafica, form.email)
            except ValidationError as err:
                raise ProblemError(422, err.violations) from None
            db.execute(
                "UPDATE clienti SET email = ?, password_hash = ?, history = ? WHERE id = ?",
                (confirmed.email, hashed, json.dumps([hashed]), row["id"]),
            )
            sb.send_mail(
                db,
                confirmed.email or "",
                "Credenziali di accesso al portale clienti",
                f"Utente: {row['codice_cliente']}\nPassword di primo accesso: {password}",
                codice_cliente=row["codice_cliente"],
                password=password,
            )
            riepilogo = up.summary(confirmed)
            return reply(
                {
                    "codice_cliente": riepilogo.codice_cliente,
                    "denominazione": riepilogo.denominazione,
                    "indirizzo": riepilogo.residenza,
                    "email": confirmed.email,
                },
                201,
                {"Location": "/v1/area-clienti/anagrafica"},
            )

        return await sb.mutate(request, "anon", effect, raw)

    async def login(request: Request) -> Response:
        # UP-3: the customer code is the user; attempts throttled per code before verifying.
        body, raw = await read_json(request, sb.settings.max_json_bytes)
        values = _required_text(body, "codice_cliente", "password")
        codice = login_key(values["codice_cliente"])
        row = await sb.check_password(
            realm=REALM,
            login=codice,
            password=values["password"],
            find=lambda db: registered_row(db, codice),
        )
        if row is None:
            raise ProblemError(401, [Violation.of("auth.login_failed")])

        def effect(db: sqlite3.Connection) -> Reply:
            token = auth.issue_token(db, sb.settings, auth.Principal(REALM, row["id"]))
            return reply(token_json(sb, token), secret=True)

        return await sb.mutate(request, "anon", effect, raw)

    logout = logout_route(sb, REALM)

    async def cambia_password(request: Request) -> Response:
        # PW-1..PW-4 (the username is the customer code); throttled like login; other tokens
        # of the customer are revoked.
        who = await sb.principal(request, REALM)
        body, raw = await read_json(request, sb.settings.max_json_bytes)
        form = load_form(forms.CambioPassword, body)
        replayed = await sb.replay(request, who.scope, raw)
        if replayed is not None:
            return replayed
        row = await sb.read(lambda db: data.cliente_row(db, who.subject))
        verified = await sb.check_password(
            realm=REALM,
            login=row["codice_cliente"],
            password=form.password_attuale,
            find=lambda db: data.cliente_row(db, who.subject),
        )
        if verified is None:
            raise ProblemError(
                422, [Violation.of("auth.wrong_current_password", path="password_attuale")]
            )
        entries = await new_history(
            sb,
            verified,
            form.nuova_password,
            path="nuova_password",
            username=verified["codice_cliente"],
        )
        token = sb.bearer(request) or ""

        def effect(db: sqlite3.Connection) -> Reply:
            save_password(db, "clienti", verified, entries)
            auth.revoke_others(db, who, keep=token)
            return reply(None, 204)

        return await sb.mutate(request, who.scope, effect, raw)

    async def recupero_password(request: Request) -> Response:
        # UP-3: only the customer code; a new password goes to the registered e-mail (202),
        # limited per code, the same for a known and an unknown code (the mailer does the rest).
        body, raw = await read_json(request, sb.settings.max_json_bytes)
        form = load_form(forms.RecuperoPassword, body)
        codice = login_key(form.codice_cliente)

        def effect(db: sqlite3.Connection) -> Reply:
            throttle.count_request(
                db, sb.settings, "clienti:recupero-password", codice, limit=sb.settings.recovery_max
            )
            sb.mailer.enqueue(db, "clienti_recupero_password", codice_cliente=codice)
            return reply(None, 202)

        return await sb.mutate(request, "anon", effect, raw, deliver=True)

    p = "/v1/area-clienti"
    return [
        Route(f"{p}/registrazione", registra, methods=["POST"]),
        Route(f"{p}/login", login, methods=["POST"]),
        Route(f"{p}/logout", logout, methods=["POST"]),
        Route(f"{p}/password", cambia_password, methods=["POST"]),
        Route(f"{p}/recupero-password", recupero_password, methods=["POST"]),
    ]
