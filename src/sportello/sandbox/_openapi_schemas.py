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

from sportello._problem import problem_schemas
from sportello.sandbox._openapi_schemas_procedura import STATI_CONCILIAZIONE
from sportello.sandbox._pratiche_data import NUMERO_PATTERN

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
    "RispostaIntegrazione",
    "DisponibilitaIncontro",
    "RichiestaRinvio",
    "RitiroDomanda",
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
    s.update(problem_schemas())  # shared with sportello.contrib.starlette
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
    s["Attivazione"] = _obj(["codice"], codice=_str("the activation code of the e-mail"))
    s["Pratica"] = _obj(
        ["numero", "tipo", "stato", "stato_label", "creata_il", "aggiornata_il", "modulo"],
        numero=_str(
            "unguessable case number: CONC + 12 random digits for a conciliation (its numero"
            " pratica, CP-11), SPCEN + 12 random digits for a Sportello case (AT-6)",
            pattern=NUMERO_PATTERN,
        ),
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
                *(x for x in STATI_CONCILIAZIONE if x not in _SH4),
            ],
            "description": "SH-4 processing state; a conciliation's own state (CP-10)",
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
        conciliazione={
            **ref("Conciliazione"),
            "description": "a conciliation's procedure: state, deadlines, meeting (CP-3..CP-10)",
        },
        codice_spcen=_nullable(
            _str("CP-11, AT-6: a Sportello case's SPCEN code, once e-mailed (null until then)")
        ),
        codice_spcen_entro=_nullable(
            _str("AT-6: the day the SPCEN e-mail is due (3 working days)", format="date")
        ),
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
            "enum": _notifiche(),
            "description": "NT-2, CP-10 events (codice_spcen: a Sportello case's AT-6 code)",
        },
        destinatario=_str("NT-1: the delegate's address when a delegate handles the case"),
        oggetto=_str(),
        corpo=_str("the e-mail's text, as sent"),
        inviata_il=_DATETIME,
    )
    s["ElencoNotifiche"] = _list_of("Notifica")
    from sportello.sandbox._openapi_feed import feed_schemas

    s.update(feed_schemas())
    from sportello.sandbox._openapi_schemas_clienti import (
        area_clienti_schemas,
        control_schemas,
    )
    from sportello.sandbox._openapi_schemas_procedura import procedura_schemas

    s.update(procedura_schemas())
    s.update(area_clienti_schemas())
    s.update(control_schemas())
    s.update(_form_components(taken=set(s)))
    return dict(sorted(s.items()))


_UNITS = ("days", "hours", "minutes", "seconds")
_SH4 = (
    "inviata",
    "in_lavorazione",
    "in_attesa_integrazione",
    "risolta",
    "non_risolta",
    "archiviata",
)


def _notifiche() -> list[str]:
    """The e-mails' events as the contract names them (NT-2's first four, then CP-10's)."""
    from sportello.rules.notifications import Evento, should_notify
    from sportello.sandbox._pratiche_data import EVENTI_WIRE

    first = list(EVENTI_WIRE.values())
    return first + [e.value for e in Evento if should_notify(e) and e not in EVENTI_WIRE]


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
