"""A utility's customer area, the account: ``/v1/area-clienti`` registration and login.

The login user is the six-digit customer code (UP-3); registration matches it with the codice
fiscale or partita IVA and e-mails a first-access password (UP-1).
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from sportello._violations import ValidationError, Violation
from sportello.rules import area_clienti as up
from sportello.sandbox import _auth as auth
from sportello.sandbox import _clienti_data as data
from sportello.sandbox._core import Sandbox, reply
from sportello.sandbox._http import load_form, read_json
from sportello.sandbox._idempotency import Reply
from sportello.sandbox._problems import ProblemError
from sportello.sandbox._session_routes import logout_route, token_json

__all__ = ["REALM", "first_access_password", "routes"]

REALM = "clienti"


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
    - UP-3: the customer code is the login user; recovery takes only the code (always 202).
    - PW-1..PW-4 on the customer area's password change.
    """
    from sportello import forms

    async def registra(request: Request) -> Response:
        # UP-1, UP-2: customer code + CF/P.IVA must match; summary back, password e-mailed.
        body, raw = await read_json(request, sb.settings.max_json_bytes)
        form = load_form(forms.RegistrazioneAreaClienti, body)
        password = first_access_password()
        hashed = await run_in_threadpool(sb.settings.hasher.hash, password)

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
        # UP-3: the customer code is the user; failures throttled per code.
        body, raw = await read_json(request, sb.settings.max_json_bytes)
        values = _required_text(body, "codice_cliente", "password")
        codice = values["codice_cliente"].strip()

        def find(db: sqlite3.Connection) -> sqlite3.Row | None:
            auth.check_throttle(db, sb.settings, REALM, codice)
            return db.execute(  # type: ignore[no-any-return]
                "SELECT id, password_hash FROM clienti WHERE codice_cliente = ?"
                " AND password_hash IS NOT NULL",
                (codice,),
            ).fetchone()

        row = await sb.read(find)
        stored = row["password_hash"] if row is not None else sb.dummy_hash()
        ok = await run_in_threadpool(sb.settings.hasher.verify, values["password"], stored)
        if row is None or not ok:
            await sb.write(lambda db: auth.record_failure(db, sb.settings, REALM, codice))
            raise ProblemError(401, [Violation.of("auth.login_failed")])

        def effect(db: sqlite3.Connection) -> Reply:
            auth.record_success(db, REALM, codice)
            token = auth.issue_token(db, sb.settings, auth.Principal(REALM, row["id"]))
            return reply(token_json(sb, token))

        return await sb.mutate(request, "anon", effect, raw)

    logout = logout_route(sb, REALM)

    async def cambia_password(request: Request) -> Response:
        # PW-1..PW-4 for the customer area (the username is the customer code).
        from sportello.rules import password as policy

        who = await sb.principal(request, REALM)
        body, raw = await read_json(request, sb.settings.max_json_bytes)
        form = load_form(forms.CambioPassword, body)
        row = await sb.read(lambda db: data.cliente_row(db, who.subject))
        ok = await run_in_threadpool(
            sb.settings.hasher.verify, form.password_attuale, row["password_hash"] or ""
        )
        if not ok:
            raise ProblemError(
                422, [Violation.of("auth.wrong_current_password", path="password_attuale")]
            )

        def effect(db: sqlite3.Connection) -> Reply:
            current = data.cliente_row(db, who.subject)
            history = policy.PasswordHistory.from_list(
                json.loads(current["history"]), hasher=sb.settings.hasher
            )
            found = policy.check(
                form.nuova_password, username=current["codice_cliente"], history=history
            )
            if found:
                raise ProblemError(
                    422, [Violation(v.code, v.rule, "nuova_password", v.params) for v in found]
                )
            history.add(form.nuova_password)
            entries = history.to_list()
            db.execute(
                "UPDATE clienti SET password_hash = ?, history = ? WHERE id = ?",
                (entries[-1], json.dumps(entries), who.subject),
            )
            return reply(None, 204)

        return await sb.mutate(request, who.scope, effect, raw)

    async def recupero_password(request: Request) -> Response:
        # UP-3: only the customer code; a new password goes to the registered e-mail (202).
        body, raw = await read_json(request, sb.settings.max_json_bytes)
        form = load_form(forms.RecuperoPassword, body)
        password = first_access_password()
        hashed = await run_in_threadpool(sb.settings.hasher.hash, password)

        def effect(db: sqlite3.Connection) -> Reply:
            row = db.execute(
                "SELECT * FROM clienti WHERE codice_cliente = ? AND password_hash IS NOT NULL",
                (form.codice_cliente,),
            ).fetchone()
            anagrafiche = {row["codice_cliente"]: data.anagrafica_of(row)} if row else {}
            to = up.password_recovery_recipient(form.codice_cliente, anagrafiche=anagrafiche)
            if row is not None and to:
                db.execute("UPDATE clienti SET password_hash = ? WHERE id = ?", (hashed, row["id"]))
                auth.record_success(db, REALM, row["codice_cliente"])
                sb.send_mail(
                    db,
                    to,
                    "Nuova password del portale clienti",
                    f"Utente: {row['codice_cliente']}\nNuova password: {password}",
                    codice_cliente=row["codice_cliente"],
                    password=password,
                )
            return reply(None, 202)

        return await sb.mutate(request, "anon", effect, raw)

    p = "/v1/area-clienti"
    return [
        Route(f"{p}/registrazione", registra, methods=["POST"]),
        Route(f"{p}/login", login, methods=["POST"]),
        Route(f"{p}/logout", logout, methods=["POST"]),
        Route(f"{p}/password", cambia_password, methods=["POST"]),
        Route(f"{p}/recupero-password", recupero_password, methods=["POST"]),
    ]
