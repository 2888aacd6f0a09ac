"""``sportello demo``'s last act: one conciliation walked to its verbale di accordo.

The sandbox plays the Servizio's operator through its ``/_sandbox`` controls and its clock
is frozen and advanced, so days pass in a moment: the operator asks for a document (CP-3),
the customer answers with the client, the request is admitted (day 0 of the terms), the
customer declares when it can attend (CP-5), the operator convenes in the first declared
slot, the clock reaches the meeting's day (the reminder comes, CP-8), the agreement is
recorded and the verbale downloaded as a PDF (CP-10). The SMART Help case's SPCEN code
arrives meanwhile by e-mail (CP-11, AT-6).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from sportello.client import Client

__all__ = ["walk"]


class Story(Protocol):
    """The narrative of :mod:`sportello._commands.demo`."""

    def title(self, text: str) -> None:
        """A numbered step."""

    def line(self, text: str) -> None:
        """A line of the current step."""


def _d(day: dt.date | None) -> str:
    return "-" if day is None else f"{day:%d/%m/%Y}"


def _control(url: str, path: str, body: dict[str, Any] | None = None) -> Any:
    import httpx

    answer = httpx.post(f"{url}{path}", json=body or {}, timeout=30)
    answer.raise_for_status()
    return answer.json()


def _operatore(url: str, numero: str, azione: str, **body: Any) -> Any:
    return _control(url, f"/_sandbox/pratiche/{numero}/conciliazione/{azione}", body)


def _advance(url: str, days: int) -> None:
    _control(url, "/_sandbox/clock", {"advance": {"days": days}})


def _today(url: str) -> dt.date:
    """The sandbox clock's day in Italy."""
    from zoneinfo import ZoneInfo

    import httpx

    now = httpx.get(f"{url}/_sandbox/clock", timeout=30).json()["now"]
    return dt.datetime.fromisoformat(now).astimezone(ZoneInfo("Europe/Rome")).date()


def _ultima(client: Client, numero: str) -> str:
    """The subject of the case's latest e-mail."""
    return client.pratiche.notifiche(numero)[-1].oggetto


def walk(
    client: Client,
    story: Story,
    url: str,
    files: Path,
    *,
    numero: str,
    smart_help: str,
    login: tuple[str, str],
) -> None:
    """Walk the conciliation ``numero`` to its verbale di accordo (see the module)."""
    from sportello import forms
    from sportello.rules.meetings import FasciaIncontro

    _control(url, "/_sandbox/clock", {"freeze": True})
    story.title(f"Procedura di conciliazione della pratica {numero} (CP-11)")
    p = client.pratiche.procedura(numero)
    story.line(f"Numero di pratica assegnato subito all'invio; stato: {p.stato_label}.")

    story.title("Il Servizio chiede un'integrazione (CP-3)")
    _operatore(url, numero, "richiesta-integrazione", documenti=["copia dell'ultima bolletta"])
    p = client.pratiche.procedura(numero)
    story.line(
        f"{_ultima(client, numero)}: da inviare entro il {_d(p.termini.integrazione_entro)}."
    )
    bolletta = files / "bolletta.pdf"
    bolletta.write_bytes(
        b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )
    client.pratiche.upload(numero, bolletta, tipo="conciliazione")
    risposta = forms.load(forms.RispostaIntegrazione, {"note": "Allego la bolletta richiesta."})
    story.line(
        f"Integrazione inviata: stato {client.pratiche.integrate(numero, risposta).stato_label}."
    )

    _advance(url, 1)
    client.auth.login(*login)
    story.title("Domanda ammessa: decorrono i termini (CP-5, CP-9)")
    _operatore(url, numero, "ammissione")
    t = client.pratiche.procedura(numero).termini
    story.line(
        f"Primo incontro entro il {_d(t.primo_incontro_entro)}, conclusione entro il "
        f"{_d(t.conclusione_entro)} (prorogabile fino al {_d(t.conclusione_massima)})."
    )

    story.title("Disponibilità per l'incontro e convocazione in una fascia (CP-5, CP-6)")
    disponibilita = forms.DisponibilitaIncontro(
        fasce=tuple(
            forms.FasciaDisponibile(giorno=g, fascia=FasciaIncontro.ORE_10_30)
            for g in (forms.GiornoFeriale.MARTEDI, forms.GiornoFeriale.GIOVEDI)
        )
    )
    client.pratiche.declare_availability(numero, disponibilita)
    story.line("Disponibile il martedì e il giovedì, fascia 10:30-12:00.")
    _operatore(url, numero, "convocazione", stanza="Stanza virtuale 12")
    p = client.pratiche.procedura(numero)
    incontro = p.incontro
    if incontro is None:  # pragma: no cover - the convocation just succeeded
        raise RuntimeError("no meeting")
    story.line(
        f"{_ultima(client, numero)}: {_d(incontro.data)}, ore {incontro.fascia_label}, "
        f"{incontro.stanza} ({incontro.modalita_label})."
    )
    story.line(f"Ritiro della domanda possibile fino al {_d(p.termini.ritiro_entro)} (CP-8).")

    _esito(client, story, url, files, numero=numero, smart_help=smart_help, login=login)


def _esito(
    client: Client,
    story: Story,
    url: str,
    files: Path,
    *,
    numero: str,
    smart_help: str,
    login: tuple[str, str],
) -> None:
    """The clock to the meeting's day, the agreement, the verbale downloaded."""
    incontro = client.pratiche.procedura(numero).incontro
    if incontro is None:  # pragma: no cover - the convocation just succeeded
        raise RuntimeError("no meeting")
    oggi = _today(url)
    _advance(url, (incontro.data - oggi).days)
    client.auth.login(*login)
    story.title(f"Il giorno dell'incontro ({_d(incontro.data)}): orologio della sandbox avanzato")
    for n in client.pratiche.notifiche(numero):
        if n.evento == "promemoria_incontro":
            story.line(f"Promemoria ricevuto: {n.oggetto}.")
    codice = client.pratiche.get(smart_help).codice_spcen
    story.line(f"Nel frattempo è arrivato per e-mail il codice della pratica SMART Help: {codice}.")

    story.title("Esito: accordo, verbale firmato digitalmente (CP-10)")
    _operatore(url, numero, "esito", esito="accordo")
    p = client.pratiche.procedura(numero)
    story.line(f"{_ultima(client, numero)}; stato: {p.stato_label}.")
    if p.verbale is None:  # pragma: no cover - an agreement always has its verbale
        raise RuntimeError("no verbale")
    dest = files / "verbale-accordo.pdf"
    size = client.pratiche.download_documento(numero, p.verbale, dest)
    story.line(f"Verbale di accordo scaricato: {dest.name} ({size} byte, PDF).")
    passi = [
        e.dati.get("label") for e in client.pratiche.eventi(numero) if e.tipo == "passo_procedura"
    ]
    story.line("Cronologia: " + " → ".join(str(x) for x in passi) + ".")
