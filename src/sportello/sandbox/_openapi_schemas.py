"""The component schemas of the API contract (answers, controls and the forms' own schemas).

Part of :mod:`sportello.sandbox._openapi_build`, which assembles the document. The forms come
from :func:`sportello.forms.schema_components` in input mode (what the server's
``forms.load`` accepts): every form, nested record and choice is a named component, and every
reference points at one (no nested ``$defs``). A component's ``title`` is its name, the ASCII
name code generators give the class; the Italian title is kept beside it as
``x-sportello-title``. A name taken by an answer of the API is refused at build time.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["FORMS", "JSON", "PATH_DEFAULTS", "ref", "schemas"]

JSON = dict[str, Any]

#: The form classes of :mod:`sportello.forms` that request bodies carry, by component name.
FORMS: tuple[str, ...] = (
    "RegistrazioneSportello",
    "Login",
    "CambioPassword",
    "DomandaConciliazione",
    "RichiestaSmartHelp",
    "RichiestaInformazioni",
    "Segnalazione",
    "RegistrazioneAreaClienti",
    "RecuperoPassword",
    "Autolettura",
    "AggiornamentoAnagrafica",
    "ModalitaInvioBolletta",
)


def ref(name: str) -> JSON:
    return {"$ref": f"#/components/schemas/{name}"}


def _obj(required: list[str], **props: JSON) -> JSON:
    return {"type": "object", "required": required, "properties": props}


def _str(description: str = "", **extra: Any) -> JSON:
    out: JSON = {"type": "string"}
    if description:
        out["description"] = description
    out.update(extra)
    return out


def _nullable(schema: JSON) -> JSON:
    return {"anyOf": [schema, {"type": "null"}]}


def _list_of(name: str) -> JSON:
    return _obj(["items"], items={"type": "array", "items": ref(name)})


_DATE = {"type": "string", "format": "date"}
_DATETIME = {"type": "string", "format": "date-time"}
_INT = {"type": "integer"}
_DECIMAL = {"type": "string", "pattern": r"^-?[0-9]+(\.[0-9]+)?$", "description": "decimal"}


def schemas() -> JSON:
    """Every component schema, sorted by name."""
    s: JSON = {}
    s["Violation"] = _obj(
        ["code", "rule", "path", "params", "message"],
        code=_str("stable machine code, family.reason"),
        rule=_str("catalog rule ID (PW-1, AU-3, ...) or empty"),
        path=_str("dotted field path, list items in brackets, or empty"),
        params={"type": "object", "description": "the values the message refers to"},
        message=_str("human message in the negotiated language (Accept-Language: it|en)"),
    )
    s["Problem"] = _obj(
        ["type", "title", "status", "detail", "request_id", "violations"],
        type=_str("urn:sportello:problem:<kind>"),
        title=_str(),
        status=_INT,
        detail=_str(),
        request_id=_str(),
        violations={"type": "array", "items": ref("Violation")},
    )
    s["Token"] = _obj(
        ["access_token", "token_type", "expires_in"],
        access_token=_str("opaque bearer token"),
        token_type={"type": "string", "enum": ["Bearer"]},
        expires_in={"type": "integer", "description": "seconds"},
    )
    s["RegistrazioneRicevuta"] = _obj(
        ["stato", "messaggio"],
        stato={"type": "string", "enum": ["ricevuta"]},
        messaggio=_str("the same text whether or not the username was free"),
    )
    s["Account"] = _obj(
        ["username", "email", "nome", "cognome", "registrata_il", "servizi", "azioni_richieste"],
        username=_str(),
        email=_str(),
        nome=_str(),
        cognome=_str(),
        ragione_sociale=_nullable(_str("company name, instead of nome and cognome")),
        registrata_il=_DATE,
        servizi={
            "type": "array",
            "items": {"type": "string", "enum": ["conciliazione", "smart_help", "informazioni"]},
            "description": "AU-2: the services this one account serves",
        },
        azioni_richieste={
            "type": "array",
            "items": {"type": "string", "enum": ["reimposta_password", "completa_registrazione"]},
            "description": "AU-3: what a pre-06/10/2017 account must still do (empty when none)",
        },
    )
    s["RecuperoUsername"] = _obj(["email"], email=_str())
    s["RecuperoPasswordSportello"] = _obj(["username"], username=_str())
    s["ReimpostaPassword"] = _obj(["token", "nuova_password"], token=_str(), nuova_password=_str())
    s["Pratica"] = _obj(
        ["numero", "tipo", "stato", "stato_label", "creata_il", "aggiornata_il", "modulo"],
        numero=_str("unguessable case number, SPCEN + 12 random digits"),
        tipo={
            "type": "string",
            "enum": ["conciliazione", "smart_help", "informazioni", "segnalazione"],
        },
        stato={
            "type": "string",
            "enum": [
                "inviata",
                "in_lavorazione",
                "in_attesa_integrazione",
                "risolta",
                "non_risolta",
                "archiviata",
            ],
            "description": "SH-4 processing state",
        },
        stato_label=_str("the state as the portal shows it, in the negotiated language"),
        creata_il=_DATETIME,
        aggiornata_il=_DATETIME,
        modulo={"type": "object", "description": "the submitted form, as sportello.forms.dump"},
        allegati_richiesti={
            "type": "array",
            "items": {"type": "string"},
            "description": "CO-6: the documents the procedure requires (conciliation)",
        },
    )
    s["PaginaPratiche"] = _obj(
        ["items", "next_cursor"],
        items={"type": "array", "items": ref("Pratica")},
        next_cursor=_nullable(_str("opaque; pass as ?cursor= for the next page")),
    )
    s["Allegato"] = _obj(
        ["id", "nome", "dimensione", "obbligatorio", "sha256", "caricato_il"],
        id=_str(),
        nome=_str("sanitised file name"),
        dimensione={"type": "integer", "description": "bytes"},
        obbligatorio={"type": "boolean", "description": "CO-6: required by the procedure"},
        sha256=_str(),
        caricato_il=_DATETIME,
    )
    s["ElencoAllegati"] = _list_of("Allegato")
    s.update(_timeline_schemas())
    s["Notifica"] = _obj(
        ["id", "evento", "destinatario", "oggetto", "inviata_il"],
        id=_str(),
        evento={
            "type": "string",
            "enum": [
                "nuovo_documento",
                "incontro_programmato",
                "richiesta_integrazione",
                "codice_spcen",
            ],
            "description": "NT-2 events (codice_spcen: the case number e-mailed at creation)",
        },
        destinatario=_str("NT-1: the delegate's address when a delegate handles the case"),
        oggetto=_str(),
        corpo=_str("the e-mail's text, as sent"),
        inviata_il=_DATETIME,
    )
    s["ElencoNotifiche"] = _list_of("Notifica")
    from sportello.sandbox._openapi_feed import feed_schemas

    s.update(feed_schemas())
    # -- area clienti
    s["LoginAreaClienti"] = _obj(
        ["codice_cliente", "password"], codice_cliente=_str(), password=_str()
    )
    s["RiepilogoCliente"] = _obj(
        ["codice_cliente", "denominazione", "indirizzo", "email"],
        codice_cliente=_str(),
        denominazione=_str(),
        indirizzo=_str(),
        email=_str("UP-1: where the first-access password was sent"),
    )
    s["PuntoFornitura"] = _obj(
        ["codice", "fornitura", "pod", "pdr", "indirizzo", "correttore"],
        codice=_str(),
        fornitura={"type": "string", "enum": ["elettricita", "gas"]},
        pod=_nullable(_str()),
        pdr=_nullable(_str()),
        indirizzo=_str(),
        correttore={"type": "boolean", "description": "RD-2: the meter has a volume corrector"},
    )
    s["ElencoPuntiFornitura"] = _list_of("PuntoFornitura")
    s["Fattura"] = _obj(
        ["numero", "data_emissione", "scadenza", "importo", "punto_fornitura", "pdf"],
        numero=_str(),
        data_emissione=_DATE,
        scadenza=_DATE,
        importo=_DECIMAL,
        punto_fornitura=_str(),
        pdf={"type": "boolean", "description": "UP-5: downloadable"},
    )
    s["ElencoFatture"] = _list_of("Fattura")
    s["FinestraAutolettura"] = _obj(["dal", "al"], dal=_DATETIME, al=_DATETIME)
    s["AutoletturaRegistrata"] = _obj(
        ["id", "punto_fornitura", "data", "lettura_contatore", "lettura_correttore", "stato"],
        id=_str(),
        punto_fornitura=_str(),
        data=_DATE,
        lettura_contatore=_DECIMAL,
        lettura_correttore=_nullable(_DECIMAL),
        stato={"type": "string", "enum": ["da_acquisire", "acquisita"]},
        inserita_il=_DATETIME,
        acquisita_il=_nullable(_DATETIME),
    )
    s["ElencoAutoletture"] = _obj(
        ["items", "finestre"],
        items={"type": "array", "items": ref("AutoletturaRegistrata")},
        finestre={"type": "array", "items": ref("FinestraAutolettura")},
    )
    s["Anagrafica"] = _obj(
        ["codice_cliente", "denominazione", "indirizzo", "telefono", "fax", "email"],
        codice_cliente=_str(),
        denominazione=_str(),
        codice_fiscale=_nullable(_str()),
        partita_iva=_nullable(_str()),
        indirizzo=_str(),
        telefono=_nullable(_str()),
        fax=_nullable(_str()),
        email=_str(),
    )
    s["ModalitaInvio"] = _obj(
        ["contratto", "modalita", "email"],
        contratto=_str(),
        modalita={"type": "string", "enum": ["elettronica", "cartacea"]},
        email=_str("EB-3: this contract's delivery address"),
    )
    s["Contratto"] = _obj(
        ["codice", "punto_fornitura", "offerta", "data_inizio", "domiciliazione_bancaria"],
        codice=_str(),
        punto_fornitura=_str(),
        offerta=_str(),
        data_inizio=_DATE,
        domiciliazione_bancaria={"type": "boolean"},
    )
    s["ElencoContratti"] = _list_of("Contratto")
    s["Prelievo"] = _obj(
        ["mese", "energia_kwh", "potenza_kw"], mese=_INT, energia_kwh=_DECIMAL, potenza_kw=_DECIMAL
    )
    s["PrelieviAnno"] = _obj(
        ["anno", "punto_fornitura", "items"],
        anno=_INT,
        punto_fornitura=_str(),
        items={"type": "array", "items": ref("Prelievo")},
        totale=_obj(
            ["energia_kwh", "potenza_kw", "mesi"],
            energia_kwh=_DECIMAL,
            potenza_kw=_DECIMAL,
            mesi=_INT,
        ),
    )
    s["Misura"] = _obj(["inizio", "energia_kwh"], inizio=_DATETIME, energia_kwh=_DECIMAL)
    s["ElencoMisure"] = _obj(
        ["punto_fornitura", "items"],
        punto_fornitura=_str(),
        items={"type": "array", "items": ref("Misura")},
    )
    s["SchedaDati"] = _obj(
        ["punto_fornitura", "dati"],
        punto_fornitura=_str(),
        dati={"type": "object", "additionalProperties": {"type": "string"}},
    )
    s["ElencoSchedeDati"] = _list_of("SchedaDati")
    s["DocumentoCliente"] = _obj(["id", "titolo", "data"], id=_str(), titolo=_str(), data=_DATE)
    s["ElencoDocumentiCliente"] = _list_of("DocumentoCliente")
    s["Ticket"] = _obj(
        ["id", "oggetto", "stato", "aperto_il"],
        id=_str(),
        oggetto=_str(),
        stato=_str(),
        aperto_il=_DATETIME,
    )
    s["ElencoTicket"] = _list_of("Ticket")
    # -- sandbox controls
    s["Email"] = _obj(
        ["id", "a", "oggetto", "corpo", "inviata_il", "dati"],
        id=_str(),
        a=_str(),
        oggetto=_str(),
        corpo=_str(),
        inviata_il=_DATETIME,
        dati={
            "type": "object",
            "additionalProperties": {"type": "string"},
            "description": "machine-readable extras: token, username, password, numero",
        },
    )
    s["Outbox"] = _list_of("Email")
    s["Faults"] = _obj(
        ["queue"],
        queue={
            "type": "array",
            "items": {"type": "string", "pattern": r"^(\d{3}|drop|delay:\d+(\.\d+)?)$"},
            "description": "applied to the next requests, one each: a status (503), "
            "drop (commit, then break the connection), delay:<seconds>",
        },
    )
    s["Acquisizione"] = _obj(["acquisite"], acquisite=_INT)
    s["AccountSeed"] = _obj(
        ["username", "password", "email", "nome", "cognome"],
        username=_str(),
        password=_str(),
        email=_str(),
        nome=_str(),
        cognome=_str(),
        registrata_il=_DATE,
        completa={"type": "boolean", "description": "false: registration data missing (AU-3)"},
    )
    s["EventoPratica"] = _obj(
        ["evento"],
        evento={
            "type": "string",
            "enum": ["nuovo_documento", "incontro_programmato", "richiesta_integrazione"],
        },
        titolo=_str(),
        quando={**_DATETIME, "description": "the meeting's date and time"},
        stato=_str("optional new SH-4 state"),
    )
    s.update(_form_components(taken=set(s)))
    return dict(sorted(s.items()))


_UNITS = ("days", "hours", "minutes", "seconds")


def _timeline_schemas() -> JSON:
    """A case's documents and timeline (``Documento``, ``Evento``) and the sandbox clock."""
    from sportello.sandbox._eventi import TIPI

    s: JSON = {}
    s["Documento"] = _obj(
        ["id", "titolo", "tipo", "creato_il", "nome", "media_type", "dimensione"],
        id=_str(),
        titolo=_str(),
        tipo=_str("e.g. richiesta_integrazione, convocazione_incontro, esito"),
        creato_il=_DATETIME,
        nome=_str("the file name"),
        media_type=_str("the file's media type (application/pdf)"),
        dimensione={"type": "integer", "description": "bytes"},
    )
    s["ElencoDocumenti"] = _list_of("Documento")
    s["Evento"] = _obj(
        ["id", "numero", "tipo", "label", "quando", "dati"],
        id=_str("opaque event id"),
        numero=_str("the case"),
        tipo={"type": "string", "enum": list(TIPI)},
        label=_str("the kind, in the negotiated language"),
        quando=_DATETIME,
        dati={"type": "object", "description": "what the event carries (ids, states, names)"},
    )
    s["ElencoEventi"] = _list_of("Evento")
    s["Orologio"] = _obj(
        ["now", "frozen", "swept"],
        now=_DATETIME,
        frozen={"type": "boolean"},
        swept={"type": "integer", "description": "records changed by the deadlines that fired"},
    )
    s["CambioOrologio"] = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "freeze": {
                "anyOf": [{"const": True}, _DATETIME],
                "description": "true: stop now; a date-time with offset: stop there",
            },
            "unfreeze": {"type": "boolean"},
            "advance": {
                "type": "object",
                "additionalProperties": False,
                "minProperties": 1,
                "properties": {u: {"type": "number", "minimum": 0} for u in _UNITS},
            },
        },
    }
    return s


#: Request bodies whose fields the server fills from the path when the body leaves them out:
#: component name -> (form, the fields, the path parameter that gives them).
PATH_DEFAULTS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "InserimentoAutolettura": ("Autolettura", ("punto",), "codice"),
    "ImpostazioneModalitaInvio": ("ModalitaInvioBolletta", ("contratto",), "codice"),
}


def _form_components(*, taken: set[str]) -> JSON:
    """The forms' components: ASCII titles, ``x-sportello-form``, path-defaulted variants."""
    from sportello import forms

    classes = [getattr(forms, name) for name in FORMS]
    found: JSON = forms.schema_components(*classes, taken=taken | set(PATH_DEFAULTS))
    for name, schema in found.items():
        italian = schema.get("title")
        schema["title"] = name
        if italian and italian != name:
            schema["x-sportello-title"] = italian
        if name in FORMS:
            schema["x-sportello-form"] = name
    for name, (form, fields, where) in PATH_DEFAULTS.items():
        variant = json.loads(json.dumps(found[form]))
        variant["title"] = name
        variant["required"] = [f for f in variant["required"] if f not in fields]
        for field in fields:
            variant["properties"][field]["description"] = (
                f"Default: the path's {{{where}}}; when given, it must be the same."
            )
        variant["x-sportello-path-defaults"] = dict.fromkeys(fields, where)
        found[name] = variant
    return found
