"""Sandbox controls under ``/_sandbox/``: outbox, faults, RD-5 acquisition, seeds, case events.

Not part of the public contract (no authentication: the sandbox runs on loopback for tests),
but described in ``openapi.json`` under the ``sandbox`` tag and in ``docs/sandbox.md``.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from typing import Any, Literal

import attrs
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from sportello._messages import labels
from sportello._violations import ValidationError, Violation
from sportello.rules.conciliazione import StatoConciliazione
from sportello.rules.notifications import Evento
from sportello.rules.smart_help import StatoPratica, check_transition
from sportello.sandbox import _eventi
from sportello.sandbox._accounts import AU3_CUTOFF, account_json
from sportello.sandbox._core import Sandbox
from sportello.sandbox._http import json_response, read_json
from sportello.sandbox._pratiche_data import add_documento, notify
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


_ADVANCE_UNITS = ("days", "hours", "minutes", "seconds")


@attrs.frozen
class _ClockChange:
    freeze: dt.datetime | Literal[True] | None
    unfreeze: bool
    advance: dt.timedelta | None


def _clock_change(body: Any) -> _ClockChange:
    """The change a ``POST /_sandbox/clock`` body asks for, or a 422 naming every bad part.

    ``{"freeze": true}`` stops the clock now, ``{"freeze": "<ISO date-time with offset>"}`` at
    that moment; ``{"unfreeze": true}`` lets it run again; ``{"advance": {"days": 8}}`` (also
    ``hours``, ``minutes``, ``seconds``, non-negative numbers) moves it forward. Several may be
    combined; they apply in that order.
    """
    problems: list[Violation] = []
    if not isinstance(body, dict) or set(body) - {"freeze", "unfreeze", "advance"}:
        raise ProblemError(422, [Violation.of("api.invalid_parameter", name="clock")])
    freeze: dt.datetime | Literal[True] | None = None
    raw = body.get("freeze")
    if raw is True:
        freeze = True
    elif isinstance(raw, str):
        try:
            freeze = dt.datetime.fromisoformat(raw)
        except ValueError:
            freeze = None
        if freeze is None or freeze.tzinfo is None:
            problems.append(Violation.of("api.invalid_parameter", path="freeze", name="freeze"))
    elif raw is not None:
        problems.append(Violation.of("api.invalid_parameter", path="freeze", name="freeze"))
    unfreeze = body.get("unfreeze", False)
    if not isinstance(unfreeze, bool):
        problems.append(Violation.of("api.invalid_parameter", path="unfreeze", name="unfreeze"))
    advance = None
    raw_adv = body.get("advance")
    if raw_adv is not None:
        ok = isinstance(raw_adv, dict) and raw_adv and set(raw_adv) <= set(_ADVANCE_UNITS)
        values = raw_adv.values() if isinstance(raw_adv, dict) else ()
        if not ok or not all(
            isinstance(v, int | float) and not isinstance(v, bool) and 0 <= v <= 36_500 * 86_400
            for v in values
        ):
            problems.append(Violation.of("api.invalid_parameter", path="advance", name="advance"))
        else:
            advance = dt.timedelta(**{k: float(v) for k, v in raw_adv.items()})
    if problems:
        raise ProblemError(422, problems)
    return _ClockChange(freeze=freeze, unfreeze=unfreeze is True, advance=advance)


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

    def clock_json(swept: int = 0) -> dict[str, Any]:
        return {"now": sb.clock().isoformat(), "frozen": sb.clock.frozen, "swept": swept}

    async def clock_get(_: Request) -> Response:
        """The sandbox clock: its time and whether it is frozen."""
        return json_response(clock_json())

    async def clock_set(request: Request) -> Response:
        """Freeze, unfreeze or advance the sandbox clock, then run the sweeps (deadlines)."""
        body, _ = await read_json(request, sb.settings.max_json_bytes)
        change = _clock_change(body)
        if change.freeze is not None:
            sb.clock.freeze(None if change.freeze is True else change.freeze)
        if change.unfreeze:
            sb.clock.unfreeze()
        if change.advance:
            sb.clock.advance(change.advance)
        swept = await run_in_threadpool(sb.sweep)
        return json_response(clock_json(swept))

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
            if nuovo_stato is not None and row["tipo"] == "conciliazione":
                # CP-10: a conciliation moves only by the rules' operations (the operator's
                # controls, /_sandbox/pratiche/{numero}/conciliazione/*), never by SH-4's states.
                raise ProblemError(
                    422,
                    [
                        Violation.of(
                            "conciliazione.azione_non_ammessa",
                            path="stato",
                            **labels(azione=nuovo_stato, stato=StatoConciliazione(row["stato"])),
                        )
                    ],
                )
            if nuovo_stato is not None:
                da = StatoPratica(row["stato"])
                bad = check_transition(da, nuovo_stato)
                if bad:
                    raise ProblemError(422, bad)
                db.execute(
                    "UPDATE pratiche SET stato = ? WHERE numero = ?", (nuovo_stato.value, numero)
                )
                _eventi.record(sb, db, row, "stato_cambiato", da=da.value, a=nuovo_stato.value)
            righe = (f"Data e ora: {quando:%d/%m/%Y %H:%M}",) if quando is not None else ()
            add_documento(sb, db, row, titolo=titolo, tipo=tipo, righe=righe)
            return notify(sb, db, row, ev, documento=titolo, quando=quando)

        item = await sb.write(work)
        return json_response(item, 201)

    return [
        Route("/_sandbox/outbox", outbox, methods=["GET"]),
        Route("/_sandbox/faults", faults, methods=["POST"]),
        Route("/_sandbox/acquire-readings", acquire, methods=["POST"]),
        Route("/_sandbox/accounts", accounts, methods=["POST"]),
        Route("/_sandbox/pratiche/{numero}/eventi", evento, methods=["POST"]),
        Route("/_sandbox/clock", clock_get, methods=["GET"]),
        Route("/_sandbox/clock", clock_set, methods=["POST"]),
    ]
