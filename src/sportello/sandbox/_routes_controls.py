"""Sandbox controls under ``/_sandbox/``: outbox, faults, RD-5 acquisition, seeds, case events.

Not part of the public contract (no authentication: the sandbox runs on loopback for tests),
but described in ``openapi.json`` under the ``sandbox`` tag and in ``docs/sandbox.md``.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import sqlite3
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from sportello._violations import ValidationError, Violation
from sportello.rules.notifications import Evento
from sportello.rules.smart_help import StatoPratica, check_transition
from sportello.sandbox._accounts import AU3_CUTOFF, account_json
from sportello.sandbox._core import Sandbox
from sportello.sandbox._http import json_response, read_json
from sportello.sandbox._pratiche_data import notify
from sportello.sandbox._problems import ProblemError
from sportello.sandbox._routes_clienti import acquire_pending

__all__ = ["routes", "seed_account"]

_DOC_TIPI = {
    "nuovo_documento": ("documento", Evento.NUOVO_DOCUMENTO),
    "richiesta_integrazione": ("richiesta_integrazione", Evento.RICHIESTA_INTEGRAZIONE),
    "incontro_programmato": ("convocazione_incontro", Evento.INCONTRO_FISSATO),
}


def _text(body: dict[str, Any], name: str, problems: list[Violation]) -> str:
    value = body.get(name)
    if not isinstance(value, str) or not value.strip():
        problems.append(Violation.of("api.missing_parameter", path=name, name=name))
        return ""
    return value.strip()


def seed_account(
    sb: Sandbox,
    db: sqlite3.Connection,
    *,
    username: str,
    password: str,
    email: str,
    nome: str,
    cognome: str,
    registrata_il: dt.date,
    completa: bool = True,
) -> sqlite3.Row:
    """Insert an account as if registered on ``registrata_il`` (AU-3 before 06/10/2017).

    An account registered before the cutoff must reset its password and complete its data;
    ``completa=False`` marks the data incomplete for any date. The account is active at once
    (no activation code). The username is checked and folded as registration does (AU-4).
    """
    from sportello.rules import username as policy

    problems = policy.check(username)
    if problems:
        raise ProblemError(422, problems)
    username = policy.fold(username)
    if db.execute("SELECT 1 FROM accounts WHERE username = ?", (username,)).fetchone():
        raise ProblemError(
            409, [Violation.of("auth.username_taken", path="username", username=username)]
        )
    legacy = registrata_il < AU3_CUTOFF
    hashed = sb.hasher.hash(password)
    cur = db.execute(
        "INSERT INTO accounts (username, email, nome, cognome, password_hash, history,"
        " registrata_il, reset_required, incomplete) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            username,
            email,
            nome,
            cognome,
            hashed,
            json.dumps([hashed]),
            registrata_il.isoformat(),
            int(legacy),
            int(legacy or not completa),
        ),
    )
    row: sqlite3.Row = db.execute(
        "SELECT * FROM accounts WHERE id = ?", (cur.lastrowid,)
    ).fetchone()
    return row


def routes(sb: Sandbox) -> list[Route]:  # noqa: PLR0915 - one closure per endpoint
    """The ``/_sandbox`` endpoints of ``sb``.

    - RD-5: ``acquire-readings`` runs the acquisition pass now.
    - AU-3: ``accounts`` seeds an account registered before 06/10/2017 as legacy.
    - NT-2, SH-4: ``pratiche/{numero}/eventi`` adds a document or schedules the meeting,
      e-mails the case's recipient and may move the state along the allowed transitions.
    """

    async def outbox(request: Request) -> Response:
        """The e-mails the sandbox 'sent', oldest first (``?a=`` filters by recipient).

        Queued e-mail jobs are delivered first, so every e-mail of an answered request is here.
        """
        to = request.query_params.get("a")
        await run_in_threadpool(sb.mailer.deliver)

        def work(db: sqlite3.Connection) -> dict[str, Any]:
            sql = "SELECT * FROM outbox"
            rows = (
                db.execute(sql + " WHERE a = ? ORDER BY id", (to,))
                if to
                else db.execute(sql + " ORDER BY id")
            ).fetchall()
            return {
                "items": [
                    {
                        "id": str(r["id"]),
                        "a": r["a"],
                        "oggetto": r["oggetto"],
                        "corpo": r["corpo"],
                        "inviata_il": r["inviata_il"],
                        "dati": json.loads(r["dati"]),
                    }
                    for r in rows
                ]
            }

        return json_response(await sb.read(work))

    async def faults(request: Request) -> Response:
        """Queue faults for the next requests (an empty queue clears it)."""
        body, _ = await read_json(request, sb.settings.max_json_bytes)
        queue = body.get("queue") if isinstance(body, dict) else None
        if not isinstance(queue, list):
            raise ProblemError(
                422, [Violation.of("api.missing_parameter", path="queue", name="queue")]
            )
        try:
            sb.faults.replace(queue)
        except ValidationError as err:
            raise ProblemError(422, err.violations) from None
        return Response(status_code=204)

    async def acquire(_: Request) -> Response:
        # RD-5: run the acquisition pass now.
        count = await sb.write(lambda db: acquire_pending(sb, db, force=True))
        return json_response({"acquisite": count})

    async def accounts(request: Request) -> Response:
        # Seed a consumer account; ``registrata_il`` before 2017-10-06 makes it AU-3 legacy.
        body, _ = await read_json(request, sb.settings.max_json_bytes)
        if not isinstance(body, dict):
            body = {}
        problems: list[Violation] = []
        values = {
            n: _text(body, n, problems)
            for n in ("username", "password", "email", "nome", "cognome")
        }
        registrata = sb.settings.clock().date()
        if body.get("registrata_il") is not None:
            try:
                registrata = dt.date.fromisoformat(str(body["registrata_il"]))
            except ValueError:
                problems.append(
                    Violation.of(
                        "api.invalid_parameter", path="registrata_il", name="registrata_il"
                    )
                )
        if problems:
            raise ProblemError(422, problems)
        completa = body.get("completa", True) is not False

        def work(db: sqlite3.Connection) -> dict[str, Any]:
            row = seed_account(sb, db, registrata_il=registrata, completa=completa, **values)
            return account_json(row)

        return json_response(await sb.write(work), 201)

    async def evento(request: Request) -> Response:
        # NT-2, SH-4: add a document or schedule the meeting on a case (and move its state).
        numero = request.path_params["numero"]
        body, _ = await read_json(request, sb.settings.max_json_bytes)
        if not isinstance(body, dict) or body.get("evento") not in _DOC_TIPI:
            raise ProblemError(
                422, [Violation.of("api.invalid_parameter", path="evento", name="evento")]
            )
        tipo, ev = _DOC_TIPI[body["evento"]]
        titolo = str(body.get("titolo") or ev.label)
        quando = None
        if body.get("quando"):
            try:
                quando = dt.datetime.fromisoformat(str(body["quando"]))
            except ValueError:
                raise ProblemError(
                    422, [Violation.of("api.invalid_parameter", path="quando", name="quando")]
                ) from None
        nuovo_stato: StatoPratica | None = None
        if body.get("stato") is not None:
            try:
                nuovo_stato = StatoPratica(body["stato"])
            except ValueError:
                raise ProblemError(
                    422, [Violation.of("api.invalid_parameter", path="stato", name="stato")]
                ) from None

        def work(db: sqlite3.Connection) -> dict[str, Any] | None:
            row = db.execute("SELECT * FROM pratiche WHERE numero = ?", (numero,)).fetchone()
            if row is None:
                raise ProblemError.of(404, "api.not_found")
            if nuovo_stato is not None:
                bad = check_transition(StatoPratica(row["stato"]), nuovo_stato)
                if bad:
                    raise ProblemError(422, bad)
                db.execute(
                    "UPDATE pratiche SET stato = ?, aggiornata_il = ? WHERE numero = ?",
                    (nuovo_stato.value, sb.now(), numero),
                )
            db.execute(
                "INSERT INTO documenti (id, numero, titolo, tipo, creato_il) VALUES (?,?,?,?,?)",
                (secrets.token_hex(8), numero, titolo, tipo, sb.now()),
            )
            return notify(sb, db, row, ev, documento=titolo, quando=quando)

        item = await sb.write(work)
        return json_response(item, 201)

    return [
        Route("/_sandbox/outbox", outbox, methods=["GET"]),
        Route("/_sandbox/faults", faults, methods=["POST"]),
        Route("/_sandbox/acquire-readings", acquire, methods=["POST"]),
        Route("/_sandbox/accounts", accounts, methods=["POST"]),
        Route("/_sandbox/pratiche/{numero}/eventi", evento, methods=["POST"]),
    ]
