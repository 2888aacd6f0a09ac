"""A utility's customer area, supply points and self-readings (UP-4, RD-1..RD-5).

Every answer is about the caller's own customer record; another customer's supply point is a
404.
"""

from __future__ import annotations

import datetime as dt
import secrets
import sqlite3
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from sportello._violations import Violation
from sportello.rules import readings
from sportello.sandbox import _clienti_data as data
from sportello.sandbox._core import Sandbox
from sportello.sandbox._http import json_response, load_form, read_json
from sportello.sandbox._idempotency import Reply
from sportello.sandbox._problems import ProblemError
from sportello.sandbox._replies import reply
from sportello.sandbox._routes_clienti_account import REALM

__all__ = ["acquire_pending", "routes"]

_META_LAST = "last_acquisition"


def acquire_pending(sb: Sandbox, db: sqlite3.Connection, *, force: bool) -> int:
    """RD-5: acquire every pending reading when the interval has passed (or ``force``).

    Runs on every read of the readings (``settings.acquisition_interval``, 30 minutes by
    default, as the seed's "about every half hour") and on ``POST /_sandbox/acquire-readings``.
    Returns how many readings were acquired.
    """
    now = sb.settings.clock()
    row = db.execute("SELECT value FROM meta WHERE key = ?", (_META_LAST,)).fetchone()
    if row is None:
        last: dt.datetime | None = None
    else:
        last = dt.datetime.fromisoformat(row["value"])
    if last is None and not force:
        db.execute("INSERT INTO meta VALUES (?, ?)", (_META_LAST, now.isoformat()))
        return 0
    if not force and not readings.acquisition_due(
        last, now, every=sb.settings.acquisition_interval
    ):
        return 0
    pending = db.execute("SELECT * FROM autoletture WHERE stato = 'da_acquisire'").fetchall()
    done = readings.acquire([data.reading_of(r) for r in pending], now)
    for r, acquired in zip(pending, done, strict=True):
        if acquired.stato is readings.StatoAutolettura.ACQUISITA:
            db.execute(
                "UPDATE autoletture SET stato = 'acquisita', acquisita_il = ? WHERE id = ?",
                (sb.now(), r["id"]),
            )
    db.execute(
        "INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (_META_LAST, now.isoformat()),
    )
    return len(pending)


def routes(sb: Sandbox) -> list[Route]:
    """The supply-point and self-reading endpoints of ``sb``.

    - UP-4: supply points with POD or PDR and address.
    - RD-1, RD-2, RD-3: a reading inside a window, with the corrector when the meter has
      one, one a day per point; RD-4: deletable while "da acquisire"; RD-5: acquired every
      30 minutes (on read), then kept.
    """
    from sportello import forms

    async def punti(request: Request) -> Response:
        # UP-4: the customer's supply points (code, POD or PDR, address).
        who = await sb.principal(request, REALM)

        def work(db: sqlite3.Connection) -> dict[str, Any]:
            rows = db.execute(
                "SELECT * FROM punti WHERE cliente_id = ? ORDER BY codice", (who.subject,)
            ).fetchall()
            return {"items": [data.punto_json(r) for r in rows]}

        return json_response(await sb.read(work))

    async def autoletture(request: Request) -> Response:
        # RD-1, RD-4, RD-5: the point's readings (acquired on read when due) and windows.
        who = await sb.principal(request, REALM)
        codice = request.path_params["codice"]

        def work(db: sqlite3.Connection) -> dict[str, Any]:
            data.punto_row(db, who.subject, codice)
            acquire_pending(sb, db, force=False)
            rows = db.execute(
                "SELECT * FROM autoletture WHERE punto = ? ORDER BY data DESC", (codice,)
            ).fetchall()
            windows = db.execute(
                "SELECT * FROM finestre WHERE punto = ? ORDER BY dal", (codice,)
            ).fetchall()
            return {
                "items": [data.autolettura_json(r) for r in rows],
                "finestre": [data.finestra_json(w) for w in windows],
            }

        return json_response(await sb.write(work))

    async def nuova_autolettura(request: Request) -> Response:
        # RD-1..RD-4: a reading inside a window, with the corrector when the meter has one,
        # one a day per point; saved "da acquisire".
        who = await sb.principal(request, REALM)
        codice = request.path_params["codice"]
        body, raw = await read_json(request, sb.settings.max_json_bytes)
        if isinstance(body, dict):
            body = {"punto": codice, **body}
        form = load_form(forms.Autolettura, body)
        if form.punto != codice:
            raise ProblemError(
                422, [Violation.of("api.invalid_parameter", path="punto", name="punto")]
            )

        def effect(db: sqlite3.Connection) -> Reply:
            punto = data.punto_row(db, who.subject, codice)
            existing = [
                data.reading_of(r)
                for r in db.execute("SELECT * FROM autoletture WHERE punto = ?", (codice,))
            ]
            windows = [
                data.finestra_of(w)
                for w in db.execute("SELECT * FROM finestre WHERE punto = ?", (codice,))
            ]
            problems = forms.check_autolettura(
                form,
                existing=existing,
                windows=windows,
                meter=data.contatore_of(punto),
                now=sb.settings.clock(),
            )
            if problems:
                raise ProblemError(422, problems)
            reading_id = secrets.token_hex(8)
            db.execute(
                "INSERT INTO autoletture (id, punto, data, contatore, correttore, stato,"
                " inserita_il) VALUES (?, ?, ?, ?, ?, 'da_acquisire', ?)",
                (
                    reading_id,
                    codice,
                    form.data.isoformat(),
                    str(form.lettura_contatore),
                    None if form.lettura_correttore is None else str(form.lettura_correttore),
                    sb.now(),
                ),
            )
            row = db.execute("SELECT * FROM autoletture WHERE id = ?", (reading_id,)).fetchone()
            location = f"/v1/area-clienti/punti-fornitura/{codice}/autoletture/{reading_id}"
            return reply(data.autolettura_json(row), 201, {"Location": location})

        return await sb.mutate(request, who.scope, effect, raw)

    async def cancella_autolettura(request: Request) -> Response:
        # RD-4, RD-5: delete a reading only while "da acquisire" (the DELETE is the
        # confirmation); an acquired one is a 409.
        who = await sb.principal(request, REALM)
        codice = request.path_params["codice"]
        reading_id = request.path_params["id"]

        def work(db: sqlite3.Connection) -> None:
            data.punto_row(db, who.subject, codice)
            acquire_pending(sb, db, force=False)
            row = db.execute(
                "SELECT * FROM autoletture WHERE id = ? AND punto = ?", (reading_id, codice)
            ).fetchone()
            if row is None:
                raise ProblemError.of(404, "api.not_found")
            if not readings.can_delete(data.reading_of(row)):
                raise ProblemError(
                    409,
                    [
                        Violation.of(
                            "readings.already_acquired",
                            path="id",
                            data=dt.date.fromisoformat(row["data"]),
                        )
                    ],
                )
            db.execute("DELETE FROM autoletture WHERE id = ?", (reading_id,))

        await sb.write(work)
        return Response(status_code=204)

    p = "/v1/area-clienti"
    pf = f"{p}/punti-fornitura/{{codice}}/autoletture"
    return [
        Route(f"{p}/punti-fornitura", punti, methods=["GET"]),
        Route(pf, autoletture, methods=["GET"]),
        Route(pf, nuova_autolettura, methods=["POST"]),
        Route(f"{pf}/{{id}}", cancella_autolettura, methods=["DELETE"]),
    ]
