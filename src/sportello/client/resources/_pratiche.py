"""``client.pratiche``: cases, their attachments, documents and notifications."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from typing import IO, TYPE_CHECKING

from sportello.client._models import (
    Allegato,
    Conciliazione,
    Documento,
    Evento,
    Notifica,
    PaginaEventi,
    Pratica,
)
from sportello.client.resources import _calls as calls
from sportello.client.resources import _calls_conciliazione as conc
from sportello.client.resources import _calls_follow as follow

if TYPE_CHECKING:
    from sportello.client._async import AsyncClient
    from sportello.client._sync import Client

__all__ = ["AsyncPratiche", "FileSource", "Pratiche"]

#: What ``upload`` takes for one file: a path, an open binary file, or ``(nome, file)``.
FileSource = str | os.PathLike[str] | IO[bytes] | tuple[str, IO[bytes]]
Dest = str | os.PathLike[str] | IO[bytes]


class Pratiche:
    """The caller's cases (``client.pratiche``).

    ``submit`` validates the form locally first: a form with errors raises
    :class:`sportello.ValidationError` and sends nothing. ``upload`` checks the whole send with
    :mod:`sportello.rules.attachments` (AT-1..AT-4) before streaming each file (CO-6).
    ``list`` filters by state, kind and update time; ``changes`` reads the account's change
    feed from a cursor.
    """

    def __init__(self, client: Client) -> None:
        self._client = client

    def submit(self, form: object, *, idempotency_key: str | None = None) -> Pratica:
        """Open a case from a ``DomandaConciliazione``, ``RichiestaSmartHelp``,
        ``RichiestaInformazioni`` or ``Segnalazione``.

        A retried submission carries the same ``Idempotency-Key`` and never opens two cases;
        pass your own key to make a re-run of your program safe too.
        """
        return self._client._request(calls.submit(form, idempotency_key))

    def get(self, numero: str) -> Pratica:
        """One case, with its processing state (SH-4)."""
        return self._client._request(calls.pratica(numero))

    def list(
        self,
        *,
        page_size: int | None = None,
        stato: str | Iterable[str] | None = None,
        tipo: str | Iterable[str] | None = None,
        aggiornata_dal: dt.datetime | None = None,
    ) -> Iterator[Pratica]:
        """Every case, newest first, fetched one page at a time as the iteration goes.

        Args:
            page_size: cases per page (1-100; the server's default 20).
            stato: only cases in this state, or in one of these (SMART Help's and the
                conciliation's states alike: ``"inviata"``, ``"in_lavorazione"``, ...).
            tipo: only cases of this kind, or of one of these (``"conciliazione"``, ...).
            aggiornata_dal: only cases updated at or after this time (with a time zone).
        """
        filters = follow.list_filters(stato, tipo, aggiornata_dal)
        return self._client._pages(
            calls.pagina_pratiche(None, page_size, filters),
            lambda cursor: calls.pagina_pratiche(cursor, page_size, filters),
        )

    def changes(self, since: str | None = None, *, limit: int | None = None) -> PaginaEventi:
        """The account's change feed: every event of every case after the cursor ``since``.

        Events come oldest first, each exactly once: keep ``next_cursor`` with what you did
        with the page and pass it back next time (``None``: from the first event). While
        ``has_more`` is true more are waiting now.

        Args:
            since: a ``next_cursor`` of an earlier page (opaque), or ``None``.
            limit: events per page (1-500; the server's default 100).
        """
        return self._client._request(follow.feed(since, limit))

    def upload(
        self,
        numero: str,
        files: FileSource | Iterable[FileSource],
        *,
        obbligatorio: bool = False,
        tipo: str | None = None,
        idempotency_key: str | Sequence[str] | None = None,
        key_from_content: bool = False,
    ) -> tuple[Allegato, ...]:
        """Attach files to a case, streamed (CO-6: ``obbligatorio`` flags required ones).

        The set is checked as one send (AT-1..AT-4, by the case's ``tipo``; fetched when not
        given) before any byte is sent. Each upload carries an ``Idempotency-Key``, kept
        across its retries, so a lost answer never makes a second attachment: a random one,
        yours (``idempotency_key``: one key per file), or with ``key_from_content=True`` one
        derived from the case, the name and the content (:func:`sportello.client.upload_key`),
        so a re-run of your program that uploads the same file again gets the first
        attachment back.

        Raises:
            sportello.ValidationError: the local check failed; nothing was sent.
            TypeError: both ``idempotency_key`` and ``key_from_content``, or not one key per
                file.
        """
        kind = tipo or self.get(numero).tipo
        uploads = calls.prepare_uploads(files, kind)
        keys = follow.upload_keys(numero, uploads, idempotency_key, key_from_content)
        return tuple(
            self._client._request(
                calls.carica_allegato(numero, u, obbligatorio=obbligatorio, idempotency_key=k)
            )
            for u, k in zip(uploads, keys, strict=True)
        )

    def allegati(self, numero: str) -> tuple[Allegato, ...]:
        """The case's attachments."""
        return self._client._request(calls.allegati(numero))

    def download(self, numero: str, allegato: str, dest: Dest) -> int:
        """Stream an attachment into ``dest`` (a path or a binary file); returns the bytes."""
        return self._client._download(calls.scarica_allegato(numero, allegato), dest)

    def documenti(self, numero: str) -> tuple[Documento, ...]:
        """The documents exchanged on the case (SH-4)."""
        return self._client._request(calls.documenti(numero))

    def download_documento(self, numero: str, documento: str, dest: Dest) -> int:
        """Stream one document of the case (e.g. a verbale) into ``dest``; returns the bytes."""
        return self._client._download(calls.scarica_documento(numero, documento), dest)

    def eventi(self, numero: str) -> tuple[Evento, ...]:
        """The case's timeline, oldest first (SH-4)."""
        return self._client._request(calls.eventi(numero))

    def notifiche(self, numero: str) -> tuple[Notifica, ...]:
        """The e-mails sent about the case (NT-1, NT-2)."""
        return self._client._request(calls.notifiche(numero))

    def integrate(
        self, numero: str, form: object, *, idempotency_key: str | None = None
    ) -> Pratica:
        """CP-3: answer a request for integration with a ``RispostaIntegrazione``.

        Within 7 days of the request (``conciliazione.termini.integrazione_entro``); the
        documents themselves go up with :meth:`upload`.
        """
        return self._client._request(
            conc.azione(numero, form, "RispostaIntegrazione", idempotency_key)
        )

    def declare_availability(
        self, numero: str, form: object, *, idempotency_key: str | None = None
    ) -> Pratica:
        """CP-5: declare the (day, slot) pairs you can attend, a ``DisponibilitaIncontro``."""
        return self._client._request(
            conc.azione(numero, form, "DisponibilitaIncontro", idempotency_key)
        )

    def postpone(self, numero: str, form: object, *, idempotency_key: str | None = None) -> Pratica:
        """CP-7: ask to postpone the fixed meeting, before its day, a ``RichiestaRinvio``."""
        return self._client._request(conc.azione(numero, form, "RichiestaRinvio", idempotency_key))

    def withdraw(self, numero: str, form: object, *, idempotency_key: str | None = None) -> Pratica:
        """CP-8: withdraw the request, a ``RitiroDomanda``, until 2 days before the meeting.

        CP-2 then bars a new request on the same dispute.
        """
        return self._client._request(conc.azione(numero, form, "RitiroDomanda", idempotency_key))

    def procedura(self, numero: str) -> Conciliazione:
        """A conciliation's procedure: its state, deadlines and meeting (CP-3..CP-10).

        Raises:
            ValueError: the case is not a conciliation.
        """
        return _procedura(self.get(numero))


class AsyncPratiche:
    """The asynchronous :class:`Pratiche`."""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def submit(self, form: object, *, idempotency_key: str | None = None) -> Pratica:
        """See :meth:`Pratiche.submit`."""
        return await self._client._request(calls.submit(form, idempotency_key))

    async def get(self, numero: str) -> Pratica:
        """See :meth:`Pratiche.get` (SH-4)."""
        return await self._client._request(calls.pratica(numero))

    def list(
        self,
        *,
        page_size: int | None = None,
        stato: str | Iterable[str] | None = None,
        tipo: str | Iterable[str] | None = None,
        aggiornata_dal: dt.datetime | None = None,
    ) -> AsyncIterator[Pratica]:
        """See :meth:`Pratiche.list`: ``async for pratica in client.pratiche.list()``."""
        filters = follow.list_filters(stato, tipo, aggiornata_dal)
        return self._client._pages(
            calls.pagina_pratiche(None, page_size, filters),
            lambda cursor: calls.pagina_pratiche(cursor, page_size, filters),
        )

    async def changes(self, since: str | None = None, *, limit: int | None = None) -> PaginaEventi:
        """See :meth:`Pratiche.changes`."""
        return await self._client._request(follow.feed(since, limit))

    async def upload(
        self,
        numero: str,
        files: FileSource | Iterable[FileSource],
        *,
        obbligatorio: bool = False,
        tipo: str | None = None,
        idempotency_key: str | Sequence[str] | None = None,
        key_from_content: bool = False,
    ) -> tuple[Allegato, ...]:
        """See :meth:`Pratiche.upload` (AT-1..AT-4, CO-6)."""
        kind = tipo or (await self.get(numero)).tipo
        uploads = calls.prepare_uploads(files, kind)
        keys = follow.upload_keys(numero, uploads, idempotency_key, key_from_content)
        done = []
        for u, k in zip(uploads, keys, strict=True):
            call = calls.carica_allegato(numero, u, obbligatorio=obbligatorio, idempotency_key=k)
            done.append(await self._client._request(call))
        return tuple(done)

    async def allegati(self, numero: str) -> tuple[Allegato, ...]:
        """See :meth:`Pratiche.allegati`."""
        return await self._client._request(calls.allegati(numero))

    async def download(self, numero: str, allegato: str, dest: Dest) -> int:
        """See :meth:`Pratiche.download`."""
        return await self._client._download(calls.scarica_allegato(numero, allegato), dest)

    async def documenti(self, numero: str) -> tuple[Documento, ...]:
        """See :meth:`Pratiche.documenti` (SH-4)."""
        return await self._client._request(calls.documenti(numero))

    async def download_documento(self, numero: str, documento: str, dest: Dest) -> int:
        """See :meth:`Pratiche.download_documento`."""
        return await self._client._download(calls.scarica_documento(numero, documento), dest)

    async def eventi(self, numero: str) -> tuple[Evento, ...]:
        """See :meth:`Pratiche.eventi` (SH-4)."""
        return await self._client._request(calls.eventi(numero))

    async def notifiche(self, numero: str) -> tuple[Notifica, ...]:
        """See :meth:`Pratiche.notifiche` (NT-1, NT-2)."""
        return await self._client._request(calls.notifiche(numero))

    async def integrate(
        self, numero: str, form: object, *, idempotency_key: str | None = None
    ) -> Pratica:
        """See :meth:`Pratiche.integrate` (CP-3)."""
        return await self._client._request(
            conc.azione(numero, form, "RispostaIntegrazione", idempotency_key)
        )

    async def declare_availability(
        self, numero: str, form: object, *, idempotency_key: str | None = None
    ) -> Pratica:
        """See :meth:`Pratiche.declare_availability` (CP-5)."""
        return await self._client._request(
            conc.azione(numero, form, "DisponibilitaIncontro", idempotency_key)
        )

    async def postpone(
        self, numero: str, form: object, *, idempotency_key: str | None = None
    ) -> Pratica:
        """See :meth:`Pratiche.postpone` (CP-7)."""
        return await self._client._request(
            conc.azione(numero, form, "RichiestaRinvio", idempotency_key)
        )

    async def withdraw(
        self, numero: str, form: object, *, idempotency_key: str | None = None
    ) -> Pratica:
        """See :meth:`Pratiche.withdraw` (CP-8)."""
        return await self._client._request(
            conc.azione(numero, form, "RitiroDomanda", idempotency_key)
        )

    async def procedura(self, numero: str) -> Conciliazione:
        """See :meth:`Pratiche.procedura`."""
        return _procedura(await self.get(numero))


def _procedura(pratica: Pratica) -> Conciliazione:
    if pratica.conciliazione is None:
        raise ValueError(f"{pratica.numero} is not a conciliation ({pratica.tipo})")
    return pratica.conciliazione
