"""``client.area_clienti``: a utility's customer area (UP-1..UP-9, RD-1..RD-5, EB-1..EB-3)."""

from __future__ import annotations

import datetime as dt
import os
from typing import IO, TYPE_CHECKING

from sportello.client._models import (
    Anagrafica,
    AutoletturaRegistrata,
    Autoletture,
    Contratto,
    DocumentoCliente,
    Fattura,
    Misure,
    ModalitaInvio,
    Prelievi,
    PuntoFornitura,
    RiepilogoCliente,
    SchedaDati,
    Ticket,
    Token,
)
from sportello.client.resources import _calls as calls

if TYPE_CHECKING:
    from sportello.client._async import AsyncClient
    from sportello.client._sync import Client

__all__ = ["AreaClienti", "AsyncAreaClienti"]

Dest = str | os.PathLike[str] | IO[bytes]


class AreaClienti:
    """The customer area (``client.area_clienti``); its token is separate from the desk's.

    The login user is the six-digit customer code (UP-2, UP-3). A reading may be entered
    only inside the entry windows (RD-1), with the corrector value where the meter has one
    (RD-2), at most once a day per supply point (RD-3); it may be deleted until acquired
    (RD-4, RD-5). Only telefono, fax and email can be changed (UP-6).
    """

    def __init__(self, client: Client) -> None:
        self._client = client

    def register(self, form: object) -> RiepilogoCliente:
        """Register with customer code and CF/P.IVA (UP-1); the password goes by e-mail."""
        return self._client._request(calls.registra_cliente(form))

    def login(self, codice_cliente: str, password: str) -> Token:
        """Log in with the customer code (UP-3); the token is kept by the client."""
        token = self._client._request(calls.login_cliente(codice_cliente, password))
        self._client._session.set(token.access_token, calls.AREA)
        return token

    def logout(self) -> None:
        """Revoke the customer-area token and forget it."""
        self._client._request(calls.logout(calls.AREA))
        self._client._session.set(None, calls.AREA)

    def change_password(self, form: object) -> None:
        """Change the password (a ``sportello.forms.CambioPassword``)."""
        self._client._request(calls.change_password(form, calls.AREA))

    def recover_password(self, codice_cliente: str) -> None:
        """Ask for a new password by e-mail: the customer code is all it needs (UP-3)."""
        self._client._request(calls.recupera_password_cliente(codice_cliente))

    def punti_fornitura(self) -> tuple[PuntoFornitura, ...]:
        """The supply points, each with its POD or PDR and address (UP-4)."""
        return self._client._request(calls.punti_fornitura())

    def autoletture(self, punto: str) -> Autoletture:
        """A supply point's readings and entry windows (RD-1, RD-4, RD-5)."""
        return self._client._request(calls.autoletture(punto))

    def add_autolettura(self, punto: str, form: object) -> AutoletturaRegistrata:
        """Enter a reading (a ``sportello.forms.Autolettura``; RD-1, RD-2, RD-3).

        Raises:
            sportello.ValidationError: the form is invalid (nothing sent), or the server
                refused it (as :class:`~sportello.client.UnprocessableError`), e.g. a
                second reading on the same day (RD-3).
        """
        return self._client._request(calls.inserisci_autolettura(punto, form))

    def delete_autolettura(self, punto: str, lettura: str) -> None:
        """Delete a reading still ``da_acquisire`` (RD-4); an acquired one is a
        :class:`~sportello.client.Conflict` (RD-5)."""
        self._client._request(calls.delete_autolettura(punto, lettura))

    def fatture(self, *, anno: int | None = None) -> tuple[Fattura, ...]:
        """The invoices, from 2014 (UP-5)."""
        return self._client._request(calls.fatture(anno))

    def download_fattura(self, numero: str, dest: Dest) -> int:
        """Stream an invoice's PDF into ``dest`` (UP-5: only those with ``pdf``)."""
        return self._client._download(calls.download_fattura(numero), dest)

    def anagrafica(self) -> Anagrafica:
        """The personal data (UP-6)."""
        return self._client._request(calls.anagrafica())

    def update_anagrafica(self, form: object) -> Anagrafica:
        """Change telefono, fax or email (UP-6; a ``sportello.forms.AggiornamentoAnagrafica``)."""
        return self._client._request(calls.update_anagrafica(form))

    def contratti(self) -> tuple[Contratto, ...]:
        """The customer's contracts."""
        return self._client._request(calls.contratti())

    def modalita_invio(self, contratto: str) -> ModalitaInvio:
        """A contract's bill delivery mode and e-mail (EB-3)."""
        return self._client._request(calls.modalita_invio(contratto))

    def set_modalita_invio(self, contratto: str, form: object) -> ModalitaInvio:
        """Switch e-bill/paper (EB-1, EB-2, EB-3; a ``sportello.forms.ModalitaInvioBolletta``)."""
        return self._client._request(calls.set_modalita_invio(contratto, form))

    def prelievi(self, *, anno: int | None = None, punto: str | None = None) -> Prelievi:
        """Billed energy and power of a year (UP-7)."""
        return self._client._request(calls.prelievi(anno, punto))

    def misure(self, *, dal: dt.date, al: dt.date, punto: str | None = None) -> Misure:
        """Electricity measurements in ``[dal, al]`` (UP-8)."""
        return self._client._request(calls.misure(dal, al, punto))

    def download_misure(
        self, *, dal: dt.date, al: dt.date, dest: Dest, punto: str | None = None
    ) -> int:
        """Stream the measurements as CSV into ``dest`` (UP-8)."""
        return self._client._download(calls.misure(dal, al, punto, "csv"), dest)

    def dati_tecnici(self) -> tuple[SchedaDati, ...]:
        """Technical data, read-only (UP-9)."""
        return self._client._request(calls.schede("dati-tecnici"))

    def dati_contrattuali(self) -> tuple[SchedaDati, ...]:
        """Contract data, read-only (UP-9)."""
        return self._client._request(calls.schede("dati-contrattuali"))

    def documenti(self) -> tuple[DocumentoCliente, ...]:
        """The documents made available to the customer (UP-9)."""
        return self._client._request(calls.documenti_cliente())

    def ticket(self) -> tuple[Ticket, ...]:
        """The customer's tickets (UP-9)."""
        return self._client._request(calls.ticket())


class AsyncAreaClienti:
    """The asynchronous :class:`AreaClienti`."""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def register(self, form: object) -> RiepilogoCliente:
        """See :meth:`AreaClienti.register` (UP-1)."""
        return await self._client._request(calls.registra_cliente(form))

    async def login(self, codice_cliente: str, password: str) -> Token:
        """See :meth:`AreaClienti.login` (UP-3)."""
        token = await self._client._request(calls.login_cliente(codice_cliente, password))
        self._client._session.set(token.access_token, calls.AREA)
        return token

    async def logout(self) -> None:
        """See :meth:`AreaClienti.logout`."""
        await self._client._request(calls.logout(calls.AREA))
        self._client._session.set(None, calls.AREA)

    async def change_password(self, form: object) -> None:
        """See :meth:`AreaClienti.change_password`."""
        await self._client._request(calls.change_password(form, calls.AREA))

    async def recover_password(self, codice_cliente: str) -> None:
        """See :meth:`AreaClienti.recover_password` (UP-3)."""
        await self._client._request(calls.recupera_password_cliente(codice_cliente))

    async def punti_fornitura(self) -> tuple[PuntoFornitura, ...]:
        """See :meth:`AreaClienti.punti_fornitura` (UP-4)."""
        return await self._client._request(calls.punti_fornitura())

    async def autoletture(self, punto: str) -> Autoletture:
        """See :meth:`AreaClienti.autoletture` (RD-1, RD-4, RD-5)."""
        return await self._client._request(calls.autoletture(punto))

    async def add_autolettura(self, punto: str, form: object) -> AutoletturaRegistrata:
        """See :meth:`AreaClienti.add_autolettura` (RD-1, RD-2, RD-3)."""
        return await self._client._request(calls.inserisci_autolettura(punto, form))

    async def delete_autolettura(self, punto: str, lettura: str) -> None:
        """See :meth:`AreaClienti.delete_autolettura` (RD-4, RD-5)."""
        await self._client._request(calls.delete_autolettura(punto, lettura))

    async def fatture(self, *, anno: int | None = None) -> tuple[Fattura, ...]:
        """See :meth:`AreaClienti.fatture` (UP-5)."""
        return await self._client._request(calls.fatture(anno))

    async def download_fattura(self, numero: str, dest: Dest) -> int:
        """See :meth:`AreaClienti.download_fattura` (UP-5)."""
        return await self._client._download(calls.download_fattura(numero), dest)

    async def anagrafica(self) -> Anagrafica:
        """See :meth:`AreaClienti.anagrafica` (UP-6)."""
        return await self._client._request(calls.anagrafica())

    async def update_anagrafica(self, form: object) -> Anagrafica:
        """See :meth:`AreaClienti.update_anagrafica` (UP-6)."""
        return await self._client._request(calls.update_anagrafica(form))

    async def contratti(self) -> tuple[Contratto, ...]:
        """See :meth:`AreaClienti.contratti`."""
        return await self._client._request(calls.contratti())

    async def modalita_invio(self, contratto: str) -> ModalitaInvio:
        """See :meth:`AreaClienti.modalita_invio` (EB-3)."""
        return await self._client._request(calls.modalita_invio(contratto))

    async def set_modalita_invio(self, contratto: str, form: object) -> ModalitaInvio:
        """See :meth:`AreaClienti.set_modalita_invio` (EB-1, EB-2, EB-3)."""
        return await self._client._request(calls.set_modalita_invio(contratto, form))

    async def prelievi(self, *, anno: int | None = None, punto: str | None = None) -> Prelievi:
        """See :meth:`AreaClienti.prelievi` (UP-7)."""
        return await self._client._request(calls.prelievi(anno, punto))

    async def misure(self, *, dal: dt.date, al: dt.date, punto: str | None = None) -> Misure:
        """See :meth:`AreaClienti.misure` (UP-8)."""
        return await self._client._request(calls.misure(dal, al, punto))

    async def download_misure(
        self, *, dal: dt.date, al: dt.date, dest: Dest, punto: str | None = None
    ) -> int:
        """See :meth:`AreaClienti.download_misure` (UP-8)."""
        return await self._client._download(calls.misure(dal, al, punto, "csv"), dest)

    async def dati_tecnici(self) -> tuple[SchedaDati, ...]:
        """See :meth:`AreaClienti.dati_tecnici` (UP-9)."""
        return await self._client._request(calls.schede("dati-tecnici"))

    async def dati_contrattuali(self) -> tuple[SchedaDati, ...]:
        """See :meth:`AreaClienti.dati_contrattuali` (UP-9)."""
        return await self._client._request(calls.schede("dati-contrattuali"))

    async def documenti(self) -> tuple[DocumentoCliente, ...]:
        """See :meth:`AreaClienti.documenti` (UP-9)."""
        return await self._client._request(calls.documenti_cliente())

    async def ticket(self) -> tuple[Ticket, ...]:
        """See :meth:`AreaClienti.ticket` (UP-9)."""
        return await self._client._request(calls.ticket())
