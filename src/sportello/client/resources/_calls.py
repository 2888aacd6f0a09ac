"""Every call of the contract as a :class:`~sportello.client._base.Call`, built without I/O.

The sync and async resources relay these to their client; paths, bodies and result records
live here once. Forms are validated with :mod:`sportello.forms` *before* a call is built, so a
form with errors raises :class:`sportello.ValidationError` and nothing is sent.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping
from typing import Any, TypeVar
from urllib.parse import quote

from sportello.client._base import Call
from sportello.client._models import (
    Account,
    Allegato,
    Anagrafica,
    AutoletturaRegistrata,
    Autoletture,
    Contratto,
    Documento,
    DocumentoCliente,
    Evento,
    Fattura,
    Misure,
    ModalitaInvio,
    Notifica,
    Page,
    Pratica,
    Prelievi,
    PuntoFornitura,
    RiepilogoCliente,
    SchedaDati,
    Ticket,
    Token,
    structure,
)
from sportello.client._upload import Upload

T = TypeVar("T")

SPORTELLO = "sportello"
AREA = "area_clienti"

#: form class name -> (path, query) of the call that submits it.
SUBMIT_PATHS: dict[str, tuple[str, dict[str, str] | None]] = {
    "DomandaConciliazione": ("/v1/pratiche/conciliazione", None),
    "RichiestaSmartHelp": ("/v1/pratiche/smart-help", None),
    "RichiestaInformazioni": ("/v1/pratiche/informazioni", {"tipo": "informazioni"}),
    "Segnalazione": ("/v1/pratiche/informazioni", {"tipo": "segnalazione"}),
}


def seg(value: str) -> str:
    """``value`` quoted as one path segment.

    >>> seg("SPCEN 1/2")
    'SPCEN%201%2F2'
    """
    return quote(str(value), safe="")


def validated(form: object, *names: str) -> dict[str, Any]:
    """The JSON body of ``form``, after :func:`sportello.forms.load` found no violation.

    Raises:
        TypeError: ``form`` is not one of the form classes ``names``.
        sportello.ValidationError: every violation of the form; nothing is sent.
    """
    from sportello import forms

    kind = type(form).__name__
    if names and kind not in names:
        raise TypeError(f"expected a sportello.forms.{' or '.join(names)}, got {kind}")
    data: dict[str, Any] = forms.dump(form)
    forms.load(type(form), data)
    return data


def form_body(name: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """The JSON body of the form ``name`` built from ``data`` (validated; see :func:`validated`)."""
    from sportello import forms

    cls = getattr(forms, name)
    result: dict[str, Any] = forms.dump(forms.load(cls, dict(data)))
    return result


def one(cls: type[T]) -> Callable[[Any], T]:
    """A parser of one ``cls`` record."""
    return lambda data: structure(data, cls)


def items(cls: type[T]) -> Callable[[Any], tuple[T, ...]]:
    """A parser of ``{"items": [...]}`` as a tuple of ``cls`` records."""
    return lambda data: tuple(structure(x, cls) for x in data["items"])


def nothing(_: Any) -> None:
    """A parser of an empty answer."""


# auth ----------------------------------------------------------------------------------------


def register(form: object) -> Call[None]:
    """POST /v1/auth/registrazione (AU-1, AU-2): 202 whether or not the username was free."""
    body = validated(form, "RegistrazioneSportello")
    return Call("POST", "/v1/auth/registrazione", nothing, json=body, realm=None)


def activate(codice: str) -> Call[None]:
    """POST /v1/auth/attivazione (AU-1, AU-2): the e-mailed code activates the account."""
    return Call("POST", "/v1/auth/attivazione", nothing, json={"codice": codice}, realm=None)


def complete_registration(form: object) -> Call[Account]:
    """PUT /v1/auth/registrazione (AU-3)."""
    body = validated(form, "RegistrazioneSportello")
    return Call("PUT", "/v1/auth/registrazione", one(Account), json=body)


def me() -> Call[Account]:
    """GET /v1/auth/me."""
    return Call("GET", "/v1/auth/me", one(Account))


def login(username: str, password: str) -> Call[Token]:
    """POST /v1/auth/login (AU-4)."""
    body = {"username": username, "password": password}
    return Call("POST", "/v1/auth/login", one(Token), json=body, realm=None)


def logout(realm: str) -> Call[None]:
    """POST /v1/auth/logout or /v1/area-clienti/logout."""
    path = "/v1/auth/logout" if realm == SPORTELLO else "/v1/area-clienti/logout"
    return Call("POST", path, nothing, realm=realm)


def change_password(form: object, realm: str) -> Call[None]:
    """POST /v1/auth/password or /v1/area-clienti/password (PW-1..PW-4)."""
    body = validated(form, "CambioPassword")
    path = "/v1/auth/password" if realm == SPORTELLO else "/v1/area-clienti/password"
    return Call("POST", path, nothing, json=body, realm=realm)


def recover_username(email: str) -> Call[None]:
    """POST /v1/auth/recupero-username (AU-4: its own procedure)."""
    return Call("POST", "/v1/auth/recupero-username", nothing, json={"email": email}, realm=None)


def recover_password(username: str) -> Call[None]:
    """POST /v1/auth/recupero-password (AU-4: its own procedure)."""
    body = {"username": username}
    return Call("POST", "/v1/auth/recupero-password", nothing, json=body, realm=None)


def reset_password(token: str, nuova_password: str) -> Call[None]:
    """POST /v1/auth/reimposta-password (the AU-3 reset, with the e-mailed token)."""
    body = {"token": token, "nuova_password": nuova_password}
    return Call("POST", "/v1/auth/reimposta-password", nothing, json=body, realm=None)


# pratiche ------------------------------------------------------------------------------------


def submit(form: object, idempotency_key: str | None) -> Call[Pratica]:
    """POST /v1/pratiche/{conciliazione,smart-help,informazioni} for the form's kind."""
    body = validated(form, *SUBMIT_PATHS)
    path, params = SUBMIT_PATHS[type(form).__name__]
    return Call(
        "POST", path, one(Pratica), params=params, json=body, idempotency_key=idempotency_key
    )


def pratica(numero: str) -> Call[Pratica]:
    """GET /v1/pratiche/{numero} (SH-4)."""
    return Call("GET", f"/v1/pratiche/{seg(numero)}", one(Pratica))


def pagina_pratiche(
    cursor: str | None, limit: int | None, filters: Mapping[str, Any] | None = None
) -> Call[Page[Pratica]]:
    """GET /v1/pratiche: one page, newest first (``filters``: ``_calls_follow.list_filters``)."""
    return Call(
        "GET",
        "/v1/pratiche",
        one(Page[Pratica]),
        params={"cursor": cursor, "limit": limit, **(filters or {})},
    )


def carica_allegato(
    numero: str, upload: Upload, *, obbligatorio: bool, idempotency_key: str | None = None
) -> Call[Allegato]:
    """POST /v1/pratiche/{numero}/allegati: one file as the raw body (CO-6)."""
    params: dict[str, Any] = {"nome": upload.nome}
    if obbligatorio:
        params["obbligatorio"] = "true"
    return Call(
        "POST",
        f"/v1/pratiche/{seg(numero)}/allegati",
        one(Allegato),
        params=params,
        upload=upload,
        idempotency_key=idempotency_key,
    )


def allegati(numero: str) -> Call[tuple[Allegato, ...]]:
    """GET /v1/pratiche/{numero}/allegati."""
    return Call("GET", f"/v1/pratiche/{seg(numero)}/allegati", items(Allegato))


def scarica_allegato(numero: str, allegato: str) -> Call[None]:
    """GET /v1/pratiche/{numero}/allegati/{id} (streamed)."""
    return Call("GET", f"/v1/pratiche/{seg(numero)}/allegati/{seg(allegato)}", nothing)


def documenti(numero: str) -> Call[tuple[Documento, ...]]:
    """GET /v1/pratiche/{numero}/documenti (SH-4)."""
    return Call("GET", f"/v1/pratiche/{seg(numero)}/documenti", items(Documento))


def scarica_documento(numero: str, documento: str) -> Call[None]:
    """GET /v1/pratiche/{numero}/documenti/{id} (streamed)."""
    return Call("GET", f"/v1/pratiche/{seg(numero)}/documenti/{seg(documento)}", nothing)


def eventi(numero: str) -> Call[tuple[Evento, ...]]:
    """GET /v1/pratiche/{numero}/eventi (SH-4: the timeline)."""
    return Call("GET", f"/v1/pratiche/{seg(numero)}/eventi", items(Evento))


def notifiche(numero: str) -> Call[tuple[Notifica, ...]]:
    """GET /v1/pratiche/{numero}/notifiche (NT-1, NT-2)."""
    return Call("GET", f"/v1/pratiche/{seg(numero)}/notifiche", items(Notifica))


# area clienti --------------------------------------------------------------------------------

_AC = "/v1/area-clienti"


def registra_cliente(form: object) -> Call[RiepilogoCliente]:
    """POST /v1/area-clienti/registrazione (UP-1)."""
    body = validated(form, "RegistrazioneAreaClienti")
    return Call("POST", f"{_AC}/registrazione", one(RiepilogoCliente), json=body, realm=None)


def login_cliente(codice_cliente: str, password: str) -> Call[Token]:
    """POST /v1/area-clienti/login (UP-3: the user is the codice cliente)."""
    body = {"codice_cliente": codice_cliente, "password": password}
    return Call("POST", f"{_AC}/login", one(Token), json=body, realm=None)


def recupera_password_cliente(codice_cliente: str) -> Call[None]:
    """POST /v1/area-clienti/recupero-password (UP-3: the customer code only)."""
    body = form_body("RecuperoPassword", {"codice_cliente": codice_cliente})
    return Call("POST", f"{_AC}/recupero-password", nothing, json=body, realm=None)


def punti_fornitura() -> Call[tuple[PuntoFornitura, ...]]:
    """GET /v1/area-clienti/punti-fornitura (UP-4)."""
    return Call("GET", f"{_AC}/punti-fornitura", items(PuntoFornitura), realm=AREA)


def autoletture(punto: str) -> Call[Autoletture]:
    """GET /v1/area-clienti/punti-fornitura/{codice}/autoletture (RD-1, RD-4, RD-5)."""
    return Call(
        "GET", f"{_AC}/punti-fornitura/{seg(punto)}/autoletture", one(Autoletture), realm=AREA
    )


def inserisci_autolettura(punto: str, form: object) -> Call[AutoletturaRegistrata]:
    """POST /v1/area-clienti/punti-fornitura/{codice}/autoletture (RD-1..RD-3)."""
    body = validated(form, "Autolettura")
    return Call(
        "POST",
        f"{_AC}/punti-fornitura/{seg(punto)}/autoletture",
        one(AutoletturaRegistrata),
        json=body,
        realm=AREA,
    )


def delete_autolettura(punto: str, lettura: str) -> Call[None]:
    """DELETE /v1/area-clienti/punti-fornitura/{codice}/autoletture/{id} (RD-4, RD-5)."""
    return Call(
        "DELETE",
        f"{_AC}/punti-fornitura/{seg(punto)}/autoletture/{seg(lettura)}",
        nothing,
        realm=AREA,
    )


def fatture(anno: int | None) -> Call[tuple[Fattura, ...]]:
    """GET /v1/area-clienti/fatture (UP-5)."""
    return Call("GET", f"{_AC}/fatture", items(Fattura), params={"anno": anno}, realm=AREA)


def download_fattura(numero: str) -> Call[None]:
    """GET /v1/area-clienti/fatture/{numero}/pdf (UP-5, streamed)."""
    return Call("GET", f"{_AC}/fatture/{seg(numero)}/pdf", nothing, realm=AREA)


def anagrafica() -> Call[Anagrafica]:
    """GET /v1/area-clienti/anagrafica (UP-6)."""
    return Call("GET", f"{_AC}/anagrafica", one(Anagrafica), realm=AREA)


def update_anagrafica(form: object) -> Call[Anagrafica]:
    """PATCH /v1/area-clienti/anagrafica (UP-6: telefono, fax, email only)."""
    body = validated(form, "AggiornamentoAnagrafica")
    return Call("PATCH", f"{_AC}/anagrafica", one(Anagrafica), json=body, realm=AREA)


def contratti() -> Call[tuple[Contratto, ...]]:
    """GET /v1/area-clienti/contratti."""
    return Call("GET", f"{_AC}/contratti", items(Contratto), realm=AREA)


def modalita_invio(contratto: str) -> Call[ModalitaInvio]:
    """GET /v1/area-clienti/contratti/{codice}/modalita-invio (EB-3)."""
    path = f"{_AC}/contratti/{seg(contratto)}/modalita-invio"
    return Call("GET", path, one(ModalitaInvio), realm=AREA)


def set_modalita_invio(contratto: str, form: object) -> Call[ModalitaInvio]:
    """PUT /v1/area-clienti/contratti/{codice}/modalita-invio (EB-1..EB-3)."""
    body = validated(form, "ModalitaInvioBolletta")
    path = f"{_AC}/contratti/{seg(contratto)}/modalita-invio"
    return Call("PUT", path, one(ModalitaInvio), json=body, realm=AREA)


def prelievi(anno: int | None, punto: str | None) -> Call[Prelievi]:
    """GET /v1/area-clienti/prelievi (UP-7)."""
    params = {"anno": anno, "punto": punto}
    return Call("GET", f"{_AC}/prelievi", one(Prelievi), params=params, realm=AREA)


def misure(dal: dt.date, al: dt.date, punto: str | None, formato: str = "json") -> Call[Misure]:
    """GET /v1/area-clienti/misure (UP-8; ``formato="csv"`` to download)."""
    params = {"dal": dal.isoformat(), "al": al.isoformat(), "punto": punto, "formato": formato}
    return Call("GET", f"{_AC}/misure", one(Misure), params=params, realm=AREA)


def schede(kind: str) -> Call[tuple[SchedaDati, ...]]:
    """GET /v1/area-clienti/dati-tecnici or dati-contrattuali (UP-9, read-only)."""
    return Call("GET", f"{_AC}/{kind}", items(SchedaDati), realm=AREA)


def documenti_cliente() -> Call[tuple[DocumentoCliente, ...]]:
    """GET /v1/area-clienti/documenti (UP-9)."""
    return Call("GET", f"{_AC}/documenti", items(DocumentoCliente), realm=AREA)


def ticket() -> Call[tuple[Ticket, ...]]:
    """GET /v1/area-clienti/ticket (UP-9)."""
    return Call("GET", f"{_AC}/ticket", items(Ticket), realm=AREA)


# attachments ---------------------------------------------------------------------------------

#: case kind (``Pratica.tipo``) -> the attachment service whose policy applies.
SERVICE_OF_TIPO = {
    "conciliazione": "conciliazione",
    "smart_help": "smart_help",
    "informazioni": "informazioni_segnalazioni",
    "segnalazione": "informazioni_segnalazioni",
}


def _as_list(files: Any) -> list[Any]:
    if isinstance(files, str | os.PathLike) or hasattr(files, "read"):
        return [files]
    pair = isinstance(files, tuple) and len(files) == 2 and isinstance(files[0], str)
    if pair and hasattr(files[1], "read"):
        return [files]
    return list(files)


def prepare_uploads(files: Any, tipo: str) -> list[Upload]:
    """The uploads of one send, checked with :func:`sportello.rules.attachments.check`.

    Only each file's size and first bytes are read. AT-1..AT-4 apply by the case's kind:
    AT-1/AT-2 for SMART Help, information requests and reports, AT-3/AT-4 for conciliation.

    Raises:
        sportello.ValidationError: every violation of the send, paths ``allegati[i]...``;
            nothing is sent.
    """
    from sportello._violations import ValidationError
    from sportello.rules.attachments import Service, check

    uploads = [Upload.of(f) for f in _as_list(files)]
    service = Service(SERVICE_OF_TIPO.get(tipo, "informazioni_segnalazioni"))
    found = check(service, [a for a in (u.attachment() for u in uploads) if a is not None])
    if found:
        raise ValidationError(found)
    return uploads
