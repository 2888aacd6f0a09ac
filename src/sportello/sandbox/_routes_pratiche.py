"""Cases: ``/v1/pratiche/*`` (CO-1..CO-6, SH-1..SH-4, AT-1..AT-4, NT-1, NT-2, AU-3).

A case belongs to the account that submitted it (the delegate, when a delegate files it);
every other caller gets 404, so case numbers are never confirmed. Case numbers are random
(``CONC`` or ``SPCEN`` + 12 digits from :mod:`secrets`), never sequential (CP-11: see
:func:`~sportello.sandbox._pratiche_data.new_numero`).
"""

from __future__ import annotations

import json
import re
import secrets
import sqlite3
from collections.abc import AsyncIterator
from typing import Any

from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from sportello._violations import Violation
from sportello.rules.attachments import Attachment
from sportello.rules.smart_help import StatoPratica
from sportello.sandbox import _eventi
from sportello.sandbox import _idempotency as idem
from sportello.sandbox import _uploads as uploads
from sportello.sandbox._core import Sandbox, reply, to_response
from sportello.sandbox._feed import list_filter
from sportello.sandbox._http import (
    file_response,
    json_response,
    lang_of,
    load_form,
    media_type,
    query_bool,
    query_int,
    read_json,
)
from sportello.sandbox._idempotency import Reply
from sportello.sandbox._pratiche_data import (
    allegato_json,
    cursor_of,
    documento_json,
    new_numero,
    numero_of,
    own_case,
    pratica_json,
)
from sportello.sandbox._problems import ProblemError
from sportello.sandbox._procedure import start_case

__all__ = ["routes"]

REALM = "sportello"
#: A page cursor as the contract bounds it (``CURSOR_PATTERN`` of the OpenAPI builder).
CURSOR = re.compile(r"[A-Za-z0-9_-]{1,200}")


def routes(sb: Sandbox) -> list[Route]:  # noqa: PLR0915 - one closure per endpoint
    """The ``/v1/pratiche`` endpoints of ``sb``.

    - AU-3: every endpoint refuses a legacy account that has not reset and completed.
    - CO-1..CO-5, SH-1..SH-3: the forms' rules on the request (``forms.load``).
    - CO-6: attachments exist only under an existing case number; ``obbligatorio`` flags those
      the procedure requires, listed in ``Pratica.allegati_richiesti``.
    - AT-1, AT-2 (SMART Help, information requests, reports) and AT-3, AT-4 (conciliation):
      the limits, counted over the case, enforced while streaming; extensions and content.
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

    async def carica_allegato(request: Request) -> Response:
        # CO-6, AT-1..AT-4: add one attachment to an existing case, streamed to disk.
        #
        # CO-6: attachments exist only under a case number, so they follow the form; the
        # ``obbligatorio`` flag marks a document the procedure requires. The limits of the
        # case's service are enforced while reading (AT-1: 5 documents and 15 MB per case for
        # SMART Help and information requests; AT-3: 15 MB per document for conciliation),
        # the extension (AT-2, AT-4) and the content (sniffed) after.
        who = await sb.principal(request, REALM, services=True)
        numero = request.path_params["numero"]
        ctype, _params = media_type(request, "application/octet-stream")
        if ctype != "application/octet-stream":
            raise ProblemError.of(
                415,
                "api.unsupported_media_type",
                content_type=ctype[:100],
                expected="application/octet-stream",
            )
        raw_nome = request.query_params.get("nome")
        if not raw_nome:
            raise ProblemError(
                400, [Violation.of("api.missing_parameter", path="nome", name="nome")]
            )
        uploads.refuse_raw_name(raw_nome)
        nome = uploads.sanitize_name(raw_nome)
        obbligatorio = query_bool(request, "obbligatorio", default=False)
        key, fp = sb.idempotency_of(request)
        now = sb.settings.clock().timestamp()

        def existing(db: sqlite3.Connection) -> tuple[str, list[Attachment], Reply | None]:
            stored = idem.lookup(db, who.scope, key, fp, now=now) if key is not None else None
            pratica = own_case(db, numero, who.subject)
            rows = db.execute(
                "SELECT nome, dimensione FROM allegati WHERE numero = ? ORDER BY rowid",
                (numero,),
            ).fetchall()
            return pratica["tipo"], [Attachment(r["nome"], r["dimensione"]) for r in rows], stored

        tipo, before, stored = await sb.read(existing)
        if stored is not None:
            return to_response(stored, replayed=True)
        service = uploads.service_for(tipo)
        uploads.precheck(service, before, nome)
        got = await uploads.receive(
            _chunks(request), service=service, existing=before, nome=nome, tmp_dir=sb.tmp_dir
        )
        allegato_id = secrets.token_hex(12)
        final = sb.files_dir / allegato_id

        def effect(db: sqlite3.Connection) -> Reply:
            # AT-1, AT-3 again, inside the committing transaction (the store serialises them):
            # what is on the case NOW, not what was there when the body started to arrive.
            rows = db.execute(
                "SELECT nome, dimensione FROM allegati WHERE numero = ? ORDER BY rowid",
                (numero,),
            ).fetchall()
            uploads.recheck(service, [Attachment(r["nome"], r["dimensione"]) for r in rows], got)
            item = {
                "id": allegato_id,
                "nome": got.nome,
                "dimensione": got.dimensione,
                "obbligatorio": obbligatorio,
                "sha256": got.sha256,
                "caricato_il": sb.now(),
            }
            db.execute(
                "INSERT INTO allegati (id, numero, nome, dimensione, obbligatorio, sha256,"
                " caricato_il, file) VALUES (:id, :numero, :nome, :dimensione, :obbligatorio,"
                " :sha256, :caricato_il, :file)",
                {**item, "numero": numero, "file": allegato_id},
            )
            pratica = own_case(db, numero, who.subject)
            _eventi.record(
                sb, db, pratica, "allegato_caricato", allegato=allegato_id, nome=got.nome
            )
            uploads.place(got, final)  # the row commits with it, or the file goes (below)
            location = f"/v1/pratiche/{numero}/allegati/{allegato_id}"
            return reply(item, 201, {"Location": location})

        try:
            return await sb.mutate(request, who.scope, effect)
        except BaseException:
            # The transaction failed after the rename (a refused commit, a full disk): the file
            # must not outlive its row. mutate returns only once its thread is done.
            with sb.store.read() as db:
                listed = db.execute("SELECT 1 FROM allegati WHERE id = ?", (allegato_id,))
                if listed.fetchone() is None:
                    final.unlink(missing_ok=True)
            raise
        finally:
            got.temp.unlink(missing_ok=True)

    async def elenca_allegati(request: Request) -> Response:
        """The case's attachments (only complete, committed ones)."""
        who = await sb.principal(request, REALM, services=True)
        numero = request.path_params["numero"]

        def work(db: sqlite3.Connection) -> dict[str, Any]:
            own_case(db, numero, who.subject)
            rows = db.execute(
                "SELECT * FROM allegati WHERE numero = ? ORDER BY rowid", (numero,)
            ).fetchall()
            return {"items": [allegato_json(r) for r in rows]}

        return json_response(await sb.read(work))

    async def scarica_allegato(request: Request) -> Response:
        """Download one attachment, streamed from disk."""
        who = await sb.principal(request, REALM, services=True)
        numero = request.path_params["numero"]
        allegato_id = request.path_params["id"]

        def work(db: sqlite3.Connection) -> sqlite3.Row:
            own_case(db, numero, who.subject)
            row = db.execute(
                "SELECT nome, file FROM allegati WHERE numero = ? AND id = ?",
                (numero, allegato_id),
            ).fetchone()
            if row is None:
                raise ProblemError.of(404, "api.not_found")
            return row  # type: ignore[no-any-return]

        row = await sb.read(work)
        return FileResponse(
            sb.files_dir / row["file"],
            media_type="application/octet-stream",
            filename=row["nome"],
        )

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
        Route(f"{p}/{{numero}}/allegati", carica_allegato, methods=["POST"]),
        Route(f"{p}/{{numero}}/allegati", elenca_allegati, methods=["GET"]),
        Route(f"{p}/{{numero}}/allegati/{{id}}", scarica_allegato, methods=["GET"]),
        Route(f"{p}/{{numero}}/documenti", documenti, methods=["GET"]),
        Route(f"{p}/{{numero}}/documenti/{{id}}", scarica_documento, methods=["GET"]),
        Route(f"{p}/{{numero}}/eventi", eventi, methods=["GET"]),
        Route(f"{p}/{{numero}}/notifiche", notifiche, methods=["GET"]),
    ]


async def _chunks(request: Request) -> AsyncIterator[bytes]:
    async for chunk in request.stream():
        yield chunk
