"""Cases: ``/v1/pratiche/*`` (CO-1..CO-5, SH-1..SH-4, NT-1, NT-2, AU-3).

A case belongs to the account that submitted it (the delegate, when a delegate files it);
every other caller gets 404, so case numbers are never confirmed. Case numbers are random
(``CONC`` or ``SPCEN`` + 12 digits from :mod:`secrets`), never sequential (CP-11: see
:func:`~sportello.sandbox._pratiche_data.new_numero`). A case's attachments have their own
module, :mod:`sportello.sandbox._routes_allegati`.
"""

from __future__ import annotations

import json
import re
import sqlite3
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from sportello._violations import Violation
from sportello.rules.smart_help import StatoPratica
from sportello.sandbox import _eventi
from sportello.sandbox._core import Sandbox
from sportello.sandbox._feed import list_filter
from sportello.sandbox._http import (
    file_response,
    json_response,
    lang_of,
    load_form,
    query_int,
    read_json,
)
from sportello.sandbox._idempotency import Reply
from sportello.sandbox._pratiche_data import (
    cursor_of,
    documento_json,
    new_numero,
    numero_of,
    own_case,
    pratica_json,
)
from sportello.sandbox._problems import ProblemError
from sportello.sandbox._procedure import start_case
from sportello.sandbox._replies import reply

__all__ = ["routes"]

REALM = "sportello"
#: A page cursor as the contract bounds it (``CURSOR_PATTERN`` of the OpenAPI builder).
CURSOR = re.compile(r"[A-Za-z0-9_-]{1,200}")


def routes(sb: Sandbox) -> list[Route]:  # noqa: PLR0915 - one closure per endpoint
    """The ``/v1/pratiche`` endpoints of ``sb``.

    - AU-3: every endpoint refuses a legacy account that has not reset and completed.
    - CO-1..CO-5, SH-1..SH-3: the forms' rules on the request (``forms.load``).
    - CO-6: the attachments the procedure requires are listed in ``Pratica.allegati_richiesti``
      (uploaded by :mod:`~sportello.sandbox._routes_allegati`).
    - SH-4: the case shows its processing state and the documents exchanged.
    - NT-1, NT-2: each event's e-mail goes to the case's one recipient (:func:`notify`).
    """
    from sportello import forms

    async def open_case(request: Request, tipo: str, form_cls: type) -> Response:
        # AU-3 (the caller may use the services), then the form, then one new case.
        who = await sb.principal(request, REALM, services=True)
        body, raw = await read_json(request, sb.settings.max_json_bytes)
        form: Any = load_form(form_cls, body, today=sb.today())
        modulo = json.dumps(forms.dump(form), ensure_ascii=False, default=str)
        delegato = getattr(form, "delegato", None)
        richiesti: list[str] = []
        if tipo == "conciliazione":
            richiesti = [t.value for t in forms.required_attachments(form)]
        lang = lang_of(request)

        def effect(db: sqlite3.Connection) -> Reply:
            from sportello.rules.notifications import recipient

            account = db.execute(
                "SELECT email FROM accounts WHERE id = ?", (who.subject,)
            ).fetchone()
            destinatario = recipient(
                email_registrazione=account["email"],
                email_delegato=delegato.email if delegato is not None else None,
            )
            numero = new_numero(db, tipo)
            now = sb.now()
            db.execute(
                "INSERT INTO pratiche (numero, account_id, tipo, stato, creata_il,"
                " aggiornata_il, modulo, destinatario, richiesti)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    numero,
                    who.subject,
                    tipo,
                    StatoPratica.INVIATA.value,
                    now,
                    now,
                    modulo,
                    destinatario,
                    json.dumps(richiesti),
                ),
            )
            row = own_case(db, numero, who.subject)
            _eventi.record(sb, db, row, "pratica_inviata", tipo=tipo)
            start_case(sb, db, row)  # CP-11: the procedure, or the SPCEN wait (AT-6)
            row = own_case(db, numero, who.subject)
            return reply(pratica_json(row, lang), 201, {"Location": f"/v1/pratiche/{numero}"})

        return await sb.mutate(request, who.scope, effect, raw)

    async def conciliazione(request: Request) -> Response:
        # CO-1..CO-5 (by the form), AU-3: open a conciliation case.
        return await open_case(request, "conciliazione", forms.DomandaConciliazione)

    async def smart_help(request: Request) -> Response:
        # SH-1..SH-3 (by the form), AU-3: open a SMART Help case.
        return await open_case(request, "smart_help", forms.RichiestaSmartHelp)

    async def informazioni(request: Request) -> Response:
        """Open an information request (``?tipo=informazioni``) or a report (``segnalazione``)."""
        tipo = request.query_params.get("tipo", "informazioni")
        if tipo not in ("informazioni", "segnalazione"):
            raise ProblemError(
                400, [Violation.of("api.invalid_parameter", path="tipo", name="tipo")]
            )
        form_cls = forms.RichiestaInformazioni if tipo == "informazioni" else forms.Segnalazione
        return await open_case(request, tipo, form_cls)

    async def elenca(request: Request) -> Response:
        """The caller's cases, newest first, a page at a time (opaque cursor), filtered.

        ``stato``, ``tipo`` (each repeatable) and ``aggiornata_dal``: see ``_feed.list_filter``.
        """
        who = await sb.principal(request, REALM, services=True)
        where, where_args = list_filter(request)
        limit = query_int(
            request, "limit", default=sb.settings.page_default, lo=1, hi=sb.settings.page_max
        )
        assert limit is not None  # noqa: S101 - has a default
        key = await sb.secret("cursor")
        raw_cursor = request.query_params.get("cursor")
        if raw_cursor is not None and not CURSOR.fullmatch(raw_cursor):
            # The contract's bound: base64url, 1 to 200 characters (an empty one too is a 400).
            raise ProblemError(
                400, [Violation.of("api.invalid_parameter", path="cursor", name="cursor")]
            )
        after = numero_of(key, who.subject, raw_cursor) if raw_cursor else None
        lang = lang_of(request)

        def work(db: sqlite3.Connection) -> dict[str, Any]:
            before = 2**62
            if after is not None:
                last = db.execute(
                    "SELECT seq FROM pratiche WHERE numero = ? AND account_id = ?",
                    (after, who.subject),
                ).fetchone()
                if last is None:  # signed by us, for a case this account no longer has
                    raise ProblemError(
                        400, [Violation.of("api.invalid_parameter", path="cursor", name="cursor")]
                    )
                before = last["seq"]
            rows = db.execute(
                f"SELECT * FROM pratiche WHERE account_id = ? AND seq < ?{where}"  # noqa: S608
                " ORDER BY seq DESC LIMIT ?",
                (who.subject, before, *where_args, limit + 1),
            ).fetchall()
            more = len(rows) > limit
            rows = rows[:limit]
            return {
                "items": [pratica_json(r, lang) for r in rows],
                "next_cursor": cursor_of(key, who.subject, rows[-1]["numero"]) if more else None,
            }

        return json_response(await sb.read(work))

    async def leggi(request: Request) -> Response:
        # SH-4: one case with its state.
        who = await sb.principal(request, REALM, services=True)
        numero = request.path_params["numero"]
        row = await sb.read(lambda db: own_case(db, numero, who.subject))
        return json_response(pratica_json(row, lang_of(request)))

    async def documenti(request: Request) -> Response:
        # SH-4: the documents exchanged on the case.
        who = await sb.principal(request, REALM, services=True)
        numero = request.path_params["numero"]

        def work(db: sqlite3.Connection) -> dict[str, Any]:
            own_case(db, numero, who.subject)
            rows = db.execute(
                "SELECT id, titolo, tipo, creato_il, nome, media_type,"
                " length(contenuto) AS dimensione FROM documenti WHERE numero = ? ORDER BY rowid",
                (numero,),
            ).fetchall()
            return {"items": [documento_json(r) for r in rows]}

        return json_response(await sb.read(work))

    async def scarica_documento(request: Request) -> Response:
        # SH-4: download one document of the case (the file the Servizio sent).
        who = await sb.principal(request, REALM, services=True)
        numero = request.path_params["numero"]
        doc_id = request.path_params["id"]

        def work(db: sqlite3.Connection) -> sqlite3.Row:
            own_case(db, numero, who.subject)
            row = db.execute(
                "SELECT nome, media_type, contenuto FROM documenti WHERE numero = ? AND id = ?",
                (numero, doc_id),
            ).fetchone()
            if row is None:
                raise ProblemError.of(404, "api.not_found")
            return row  # type: ignore[no-any-return]

        row = await sb.read(work)
        return file_response(request, bytes(row["contenuto"]), row["media_type"], row["nome"])

    async def eventi(request: Request) -> Response:
        # SH-4: the case's timeline, oldest first.
        who = await sb.principal(request, REALM, services=True)
        numero = request.path_params["numero"]
        lang = lang_of(request)

        def work(db: sqlite3.Connection) -> dict[str, Any]:
            own_case(db, numero, who.subject)
            rows = db.execute(
                "SELECT * FROM eventi WHERE numero = ? ORDER BY seq", (numero,)
            ).fetchall()
            return {"items": [_eventi.evento_json(r, lang) for r in rows]}

        return json_response(await sb.read(work))

    async def notifiche(request: Request) -> Response:
        # NT-1, NT-2: the e-mails sent about the case, each to its one recipient.
        who = await sb.principal(request, REALM, services=True)
        numero = request.path_params["numero"]

        def work(db: sqlite3.Connection) -> dict[str, Any]:
            own_case(db, numero, who.subject)
            rows = db.execute(
                "SELECT id, evento, destinatario, oggetto, corpo, inviata_il FROM notifiche"
                " WHERE numero = ? ORDER BY rowid",
                (numero,),
            ).fetchall()
            return {"items": [dict(r) for r in rows]}

        return json_response(await sb.read(work))

    p = "/v1/pratiche"
    return [
        Route(f"{p}/conciliazione", conciliazione, methods=["POST"]),
        Route(f"{p}/smart-help", smart_help, methods=["POST"]),
        Route(f"{p}/informazioni", informazioni, methods=["POST"]),
        Route(p, elenca, methods=["GET"]),
        Route(f"{p}/{{numero}}", leggi, methods=["GET"]),
        Route(f"{p}/{{numero}}/documenti", documenti, methods=["GET"]),
        Route(f"{p}/{{numero}}/documenti/{{id}}", scarica_documento, methods=["GET"]),
        Route(f"{p}/{{numero}}/eventi", eventi, methods=["GET"]),
        Route(f"{p}/{{numero}}/notifiche", notifiche, methods=["GET"]),
    ]
