"""``sportello demo``: the main job, the typed client against a local sandbox, told in Italian.

The demo starts the sandbox (with its demo data) on a temporary SQLite file, then as a
consumer registers (AU-1, AU-2), activates the account with the e-mailed code, logs in (AU-4),
submits a conciliation request and a SMART Help request, uploads attachments and shows one
refused before sending (CO-6, AT-4), lists the cases; then as the demo customer ``000002`` of
a utility registers (UP-1), logs in with the customer code (UP-3), enters a gas reading with
its corrector (RD-2) and shows the refusal of a second one on the same day (RD-3); last, it
walks the conciliation to its verbale di accordo on the sandbox clock (CP-3..CP-11,
:mod:`sportello._commands.demo_conciliazione`). The sandbox is stopped and its files
deleted."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from zoneinfo import ZoneInfo

from sportello._messages import Lang
from sportello._violations import ValidationError

if TYPE_CHECKING:
    from sportello.client import Client

NAME = "demo"

#: The consumer the demo registers (a codice fiscale consistent with name, birth and sex).
CLIENTE: dict[str, Any] = {
    "tipo_cliente": "domestico",
    "nome": "Giulia",
    "cognome": "Bianchi",
    "codice_fiscale": "BNCGLI90C52H501O",
    "data_nascita": "1990-03-12",
    "sesso": "F",
    "email": "giulia.bianchi@example.it",
}
USERNAME = "giulia.bianchi"
PASSWORD = "Girasole#2026"  # noqa: S105 - a throwaway account of a temporary sandbox

#: How the portal names the services and case kinds.
SERVIZI = {
    "conciliazione": "conciliazione",
    "smart_help": "SMART Help",
    "informazioni": "informazioni e segnalazioni",
    "segnalazione": "segnalazione",
}

#: A minimal, valid PDF, the content of the demo's attachments.
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the demo's options."""
    parser.add_argument(
        "--lang",
        choices=("it", "en"),
        default="it",
        help="language of the server's messages (the narrative stays Italian)",
    )


class _Story:
    """Writes the numbered narrative."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.step = 0

    def title(self, text: str) -> None:
        self.step += 1
        self.out.write(f"\n{self.step}. {text}\n")

    def line(self, text: str) -> None:
        self.out.write(f"   {text}\n")

    def plain(self, text: str) -> None:
        self.out.write(f"{text}\n")


def _violations(story: _Story, err: ValidationError, lang: Lang) -> None:
    for v, text in zip(err.violations, err.messages(lang), strict=True):
        story.line(f"   [{v.rule or v.code}] {text}")


def _activation_code(url: str) -> str:
    """The activation code the sandbox e-mailed to the demo consumer (its outbox)."""
    import httpx

    mails = httpx.get(f"{url}/_sandbox/outbox", timeout=10).json()["items"]
    code: str = next(m["dati"]["codice"] for m in reversed(mails) if "codice" in m["dati"])
    return code


def _sportello(client: Client, story: _Story, url: str, files: Path, lang: Lang) -> tuple[str, str]:
    """The consumer's desk; the numbers of the conciliation and the SMART Help case."""
    from sportello import forms

    story.title("Registrazione al Portale dello Sportello (AU-1, AU-2)")
    client.auth.register(
        forms.load(
            forms.RegistrazioneSportello,
            {"username": USERNAME, "password": PASSWORD, **CLIENTE},
        )
    )
    story.line("Richiesta di registrazione ricevuta: controlla la tua e-mail.")
    client.auth.activate(_activation_code(url))
    story.line("Account attivato con il codice ricevuto per e-mail.")

    story.title("Accesso con username e password (AU-4)")
    token = client.auth.login(USERNAME, PASSWORD)
    account = client.auth.me()
    story.line(
        f"Accesso riuscito: sessione valida per {token.expires_in // 60} minuti. "
        f"Utente «{account.username}» registrato: un solo account per "
        f"{', '.join(SERVIZI.get(s, s) for s in account.servizi)}."
    )

    story.title("Domanda di conciliazione (Modulo Cliente)")
    domanda = forms.load(
        forms.DomandaConciliazione,
        {
            "modulo": "cliente",
            "tipo_richiedente": "persona_fisica",
            "cliente": {**CLIENTE, "luogo_nascita": "Roma", "cellulare": "+39 347 1234567"},
            "punto_fornitura": "IT001E12345678",
            "controparte": {"ruolo": "venditore", "ragione_sociale": "Energia Srl"},
            "reclamo": {"data": "2026-06-01", "data_risposta": "2026-07-01"},
            "oggetto": "fatturazione",
            "valore_controversia": "1200.00",
            "descrizione": "Conguaglio di 1.200 euro su consumi stimati e mai effettuati.",
            "richieste_cliente": "Rettifica della bolletta e rimborso delle somme.",
            "dichiarazione_nessun_tentativo": True,
            "dichiarazione_data_reclamo": True,
            "allegati": [
                {"tipo": "documento_identita", "nome": "documento.pdf"},
                {"tipo": "reclamo", "nome": "reclamo.pdf"},
                {"tipo": "risposta_reclamo", "nome": "risposta.pdf"},
            ],
        },
    )
    conciliazione = client.pratiche.submit(domanda)
    story.line(f"Pratica {conciliazione.numero} aperta, stato: {conciliazione.stato_label}.")

    story.title("Richiesta SMART Help (bonus sociale non erogato)")
    richiesta = forms.load(
        forms.RichiestaSmartHelp,
        {
            "materia": "bonus_mancata_erogazione",
            "cliente": CLIENTE,
            "punto_fornitura": "IT001E12345678",
            "controparte": {"ruolo": "distributore", "ragione_sociale": "Rete Srl"},
            "descrizione": "Il bonus ammesso dal Comune non è mai stato erogato.",
        },
    )
    smart = client.pratiche.submit(richiesta)
    story.line(f"Pratica {smart.numero} aperta, stato: {smart.stato_label}.")

    story.title(f"Allegati della pratica {conciliazione.numero} (CO-6, AT-3, AT-4)")
    paths = []
    for nome in ("reclamo.pdf", "risposta.pdf"):
        path = files / nome
        path.write_bytes(PDF + b"%" + nome.encode() * 200 + b"\n")
        paths.append(path)
    for allegato in client.pratiche.upload(
        conciliazione.numero, paths, obbligatorio=True, tipo=conciliazione.tipo
    ):
        story.line(
            f"caricato {allegato.nome} ({allegato.dimensione} byte), segnalato come obbligatorio"
        )
    programma = files / "programma.exe"
    programma.write_bytes(b"MZ\x90\x00" + bytes(60))
    try:
        client.pratiche.upload(conciliazione.numero, programma, tipo=conciliazione.tipo)
    except ValidationError as err:
        story.line(f"rifiutato {programma.name}, prima di inviare un solo byte:")
        _violations(story, err, lang)

    story.title("Le mie pratiche")
    for pratica in client.pratiche.list():
        allegati = len(client.pratiche.allegati(pratica.numero))
        story.line(
            f"{pratica.numero:<17}  {SERVIZI.get(pratica.tipo, pratica.tipo):<14} "
            f"{pratica.stato_label:<10} "
            f"allegati: {allegati}"
        )
    return conciliazione.numero, smart.numero


def _area_clienti(client: Client, story: _Story, url: str, lang: Lang) -> None:
    import httpx

    from sportello import forms

    story.title("Area clienti: registrazione del cliente 000002 (UP-1)")
    riepilogo = client.area_clienti.register(
        forms.load(
            forms.RegistrazioneAreaClienti,
            {
                "codice_cliente": "000002",
                "codice_fiscale": "00743110157",
                "email": "amministrazione@prova.example.it",
            },
        )
    )
    story.line(f"{riepilogo.denominazione}, {riepilogo.indirizzo}")
    story.line(f"password di primo accesso inviata a {riepilogo.email}")
    mail = httpx.get(f"{url}/_sandbox/outbox", timeout=10).json()["items"][-1]

    story.title("Accesso con il codice cliente (UP-3) e punti di fornitura (UP-4)")
    client.area_clienti.login(riepilogo.codice_cliente, mail["dati"]["password"])
    for punto in client.area_clienti.punti_fornitura():
        codice = f"POD {punto.pod}" if punto.pod else f"PDR {punto.pdr}"
        story.line(f"{punto.codice} ({codice}): {punto.indirizzo}")

    story.title("Autolettura del contatore gas PR002874, con il correttore (RD-2)")
    oggi = dt.datetime.now(ZoneInfo("Europe/Rome")).date().isoformat()
    lettura = client.area_clienti.add_autolettura(
        "PR002874",
        forms.load(
            forms.Autolettura,
            {
                "punto": "PR002874",
                "data": oggi,
                "lettura_contatore": "46.500",
                "lettura_correttore": 2,
            },
        ),
    )
    stato = "Da acquisire" if lettura.stato == "da_acquisire" else "Acquisita"
    contatore = f"{int(lettura.lettura_contatore):,}".replace(",", ".")
    story.line(f"lettura {contatore} (correttore {lettura.lettura_correttore}) registrata: {stato}")
    try:
        client.area_clienti.add_autolettura(
            "PR002874",
            forms.load(
                forms.Autolettura,
                {
                    "punto": "PR002874",
                    "data": oggi,
                    "lettura_contatore": "46.510",
                    "lettura_correttore": 2,
                },
            ),
        )
    except ValidationError as err:
        story.line("seconda lettura nello stesso giorno rifiutata dal server:")
        _violations(story, err, lang)


def run(args: argparse.Namespace) -> int:
    """Run the tour against a sandbox on a temporary database; 0 when all went as told."""
    from sportello._commands.demo_conciliazione import walk
    from sportello.client import Client
    from sportello.sandbox import SandboxServer

    lang: Lang = args.lang
    story = _Story(sys.stdout)
    started = time.monotonic()
    story.plain("sportello demo: il client tipizzato contro la sandbox locale")
    with tempfile.TemporaryDirectory(prefix="sportello-demo-") as tmp:
        root = Path(tmp)
        with SandboxServer(db_path=root / "sandbox.sqlite3", seed_demo=True) as server:
            story.plain(f"Sandbox avviata su {server.url} (database temporaneo).")
            with Client(base_url=server.url, lang=lang) as client:
                numero, smart_help = _sportello(client, story, server.url, root, lang)
                _area_clienti(client, story, server.url, lang)
                walk(
                    client,
                    story,
                    server.url,
                    root,
                    numero=numero,
                    smart_help=smart_help,
                    login=(USERNAME, PASSWORD),
                )
        story.plain("\nSandbox fermata e database temporaneo eliminato.")
    story.plain(f"Fine ({time.monotonic() - started:.1f} s).")
    return 0
