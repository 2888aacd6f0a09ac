"""Running a batch against the API: :func:`submit` the rows, :func:`sync` the change feed.

Both take an :class:`sportello.client.AsyncClient` already logged in and a
:class:`~sportello.batch.Journal`, and write each acknowledged step to the journal at once.

``submit`` sends the valid rows with at most ``concurrency`` in flight: for each, the case
(``Idempotency-Key`` :func:`~sportello.batch.submission_key`, unless the journal already has its
number), then each file not yet attached (``Idempotency-Key``
:func:`sportello.client.upload_key`; CO-6: ``obbligatorio`` for the documents the procedure
requires). A case or a file the server refuses (a 4xx with its violations) is recorded and the
rest goes on; when the server stays unavailable after the client's retries (no answer, 5xx,
429) the run stops with :class:`UnavailableError` and a re-run resumes where it stopped.

``sync`` reads the account's change feed from the cursor kept in the journal: each page's
events of the batch's cases and the new cursor are written in one transaction, so every event
is applied exactly once across restarts; the cases the events touched are then read again
(state, dates, whatever the server's ``Pratica`` carries) and their documents listed, and with
``documenti`` downloaded into ``<documenti>/<riferimento>/``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import enum
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from sportello._violations import SportelloError, Violation
from sportello.batch._journal import Journal
from sportello.batch._rows import CASE_FORMS, Lotto, Riga, submission_key

if TYPE_CHECKING:
    from sportello.client import AsyncClient

__all__ = ["Esito", "EsitoSync", "UnavailableError", "jsonable", "plan", "submit", "sync"]

Progress = Callable[[int], None]


class UnavailableError(SportelloError):
    """The server stayed unavailable after the client's retries; the journal has the rest."""

    def __init__(self, error: Exception) -> None:
        super().__init__(str(error))
        self.error = error


@attrs.define
class Esito:
    """What a :func:`submit` run did (this run's counts, and the journal's totals)."""

    rows: int = 0
    invalid: int = 0
    sent: int = 0
    already: int = 0
    refused: int = 0
    attachments: int = 0
    attachments_refused: int = 0
    pending: int = 0


@attrs.define
class EsitoSync:
    """What a :func:`sync` run did."""

    events: int = 0
    changed: int = 0
    documents: int = 0


def jsonable(value: Any) -> Any:  # noqa: PLR0911 - one return per kind of value
    """An attrs record (a ``Pratica``) as JSON-ready data: dates ISO, enums their value."""
    if attrs.has(type(value)):
        return {f.name: jsonable(getattr(value, f.name)) for f in attrs.fields(type(value))}
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def plan(lotto: Lotto, journal: Journal) -> None:
    """Record every row of ``lotto`` in the journal (its key, its files), sending nothing."""
    form = lotto.form.__name__
    journal.bind(form)
    for riga in lotto.rows:
        if riga.riferimento:
            journal.plan(riga, submission_key(form, riga.riferimento))


def _fatal(err: Exception) -> bool:
    from sportello.client import RateLimited, ServerError, TransportError, Unauthorized

    return isinstance(err, TransportError | ServerError | RateLimited | Unauthorized)


async def _one(riga: Riga, journal: Journal, client: AsyncClient, tipo: str, out: Esito) -> None:
    from sportello.client import ApiError, Conflict, upload_key

    record = journal.row(riga.riferimento)
    assert record is not None  # noqa: S101 - planned first
    numero = record["numero"]
    if numero is None:
        try:
            pratica = await client.pratiche.submit(riga.form, idempotency_key=record["chiave"])
        except ApiError as err:
            if _fatal(err):
                raise UnavailableError(err) from err
            found = list(err.violations)
            if isinstance(err, Conflict) and "api.idempotency_key_reused" in err.codes:
                found = [Violation.of("batch.row_changed", path="riferimento")]
            journal.refused(riga.riferimento, found)
            out.refused += 1
            return
        numero = pratica.numero
        journal.sent(riga.riferimento, jsonable(pratica))
        out.sent += 1
    else:
        out.already += 1
    by_name = {f.nome: f for f in riga.files}
    for f in journal.files(riga.riferimento):
        source = by_name.get(f["nome"])
        if f["allegato"] is not None or source is None:
            continue
        key = upload_key(numero, f["nome"], f["sha256"])
        try:
            (allegato,) = await client.pratiche.upload(
                numero,
                source.path,
                tipo=tipo,
                obbligatorio=bool(f["obbligatorio"]),
                idempotency_key=key,
            )
        except ApiError as err:
            if _fatal(err):
                raise UnavailableError(err) from err
            journal.file_refused(riga.riferimento, f["nome"], err.violations)
            out.attachments_refused += 1
            continue
        journal.attached(riga.riferimento, f["nome"], key, allegato.id)
        out.attachments += 1


async def submit(
    lotto: Lotto,
    journal: Journal,
    client: AsyncClient,
    *,
    concurrency: int = 4,
    progress: Progress | None = None,
) -> Esito:
    """Send the valid rows of ``lotto`` not yet done, at most ``concurrency`` at a time.

    Raises:
        UnavailableError: the server stayed unavailable; what was acknowledged is in the journal.
    """
    plan(lotto, journal)
    tipo = CASE_FORMS[lotto.form.__name__]
    out = Esito(rows=len(lotto.rows), invalid=len(lotto.rows) - len(lotto.valid_rows))
    queue: asyncio.Queue[Riga] = asyncio.Queue()
    for riga in lotto.valid_rows:
        queue.put_nowait(riga)

    async def worker() -> None:
        while not queue.empty():
            riga = queue.get_nowait()
            await _one(riga, journal, client, tipo, out)
            if progress is not None:
                progress(1)

    try:
        async with asyncio.TaskGroup() as group:
            for _ in range(max(1, min(concurrency, queue.qsize()))):
                group.create_task(worker())
    except* UnavailableError as errors:
        raise errors.exceptions[0] from None
    counts = journal.counts()
    out.pending = counts["da_inviare"] + counts["allegati_mancanti"]
    return out


async def sync(
    journal: Journal,
    client: AsyncClient,
    *,
    documenti: str | Path | None = None,
    progress: Progress | None = None,
) -> EsitoSync:
    """Pull the change feed into the journal, then read the changed cases again.

    Raises:
        UnavailableError: the server stayed unavailable; the events read so far are kept.
    """
    from sportello.client import ApiError

    out = EsitoSync()
    try:
        numeri = journal.numeri()
        while True:
            page = await client.pratiche.changes(journal.get("cursor"), limit=500)
            mine = [e for e in page.items if e.numero in numeri]
            with journal.transaction() as db:
                for e in mine:
                    done = db.execute(
                        "INSERT OR IGNORE INTO eventi (id, numero, tipo, label, quando, dati)"
                        " VALUES (?, ?, ?, ?, ?, ?)",
                        (
                            e.id,
                            e.numero,
                            e.tipo,
                            e.label,
                            e.quando.isoformat(),
                            json.dumps(jsonable(e.dati), ensure_ascii=False),
                        ),
                    )
                    out.events += done.rowcount
                    db.execute("UPDATE righe SET da_aggiornare = 1 WHERE numero = ?", (e.numero,))
                journal.set(db, "cursor", page.next_cursor)
            if progress is not None:
                progress(len(page.items))
            if not page.has_more:
                break
        for row in journal.stale():
            out.documents += await _refresh(journal, client, row, documenti)
            out.changed += 1
    except ApiError as err:
        if _fatal(err):
            raise UnavailableError(err) from err
        raise
    return out


async def _refresh(
    journal: Journal, client: AsyncClient, row: Any, documenti: str | Path | None
) -> int:
    numero, rif = row["numero"], row["riferimento"]
    pratica = await client.pratiche.get(numero)
    docs = await client.pratiche.documenti(numero)
    have = {d["id"]: d["file"] for d in journal.documents(numero)}
    downloaded = 0
    files: dict[str, str | None] = {}
    for doc in docs:
        path = have.get(doc.id)
        if documenti is not None and not path:
            folder = Path(documenti) / rif
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / (doc.nome or f"{doc.id}.pdf")
            await client.pratiche.download_documento(numero, doc.id, target)
            path = str(target)
            downloaded += 1
        files[doc.id] = path
    with journal.transaction() as db:
        for doc in docs:
            db.execute(
                "INSERT OR REPLACE INTO documenti (id, numero, titolo, tipo, creato_il, file)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (doc.id, numero, doc.titolo, doc.tipo, doc.creato_il.isoformat(), files[doc.id]),
            )
        journal.update_pratica(db, jsonable(pratica))
    return downloaded
