"""A case's attachments: ``/v1/pratiche/{numero}/allegati`` (CO-6, AT-1..AT-4, AU-3).

Uploads are streamed to disk under the limits of the case's service and committed with their
row (never a file without its row); only the case's owner sees them (404 for anyone else).
"""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import AsyncIterator
from typing import Any

from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from sportello._violations import Violation
from sportello.rules.attachments import Attachment
from sportello.sandbox import _eventi
from sportello.sandbox import _idempotency as idem
from sportello.sandbox import _uploads as uploads
from sportello.sandbox._core import Sandbox
from sportello.sandbox._http import json_response, media_type, query_bool
from sportello.sandbox._idempotency import Reply
from sportello.sandbox._pratiche_data import allegato_json, own_case
from sportello.sandbox._problems import ProblemError
from sportello.sandbox._replies import reply, to_response

__all__ = ["routes"]

REALM = "sportello"


def routes(sb: Sandbox) -> list[Route]:  # noqa: PLR0915 - one closure per endpoint
    """The attachment endpoints of ``sb``'s cases.

    - AU-3: every endpoint refuses a legacy account that has not reset and completed.
    - CO-6: attachments exist only under an existing case number; ``obbligatorio`` flags those
      the procedure requires, listed in ``Pratica.allegati_richiesti``.
    - AT-1, AT-2 (SMART Help, information requests, reports) and AT-3, AT-4 (conciliation):
      the limits, counted over the case, enforced while streaming; extensions and content.
    """

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

    p = "/v1/pratiche/{numero}/allegati"
    return [
        Route(p, carica_allegato, methods=["POST"]),
        Route(p, elenca_allegati, methods=["GET"]),
        Route(f"{p}/{{id}}", scarica_allegato, methods=["GET"]),
    ]


async def _chunks(request: Request) -> AsyncIterator[bytes]:
    async for chunk in request.stream():
        yield chunk
