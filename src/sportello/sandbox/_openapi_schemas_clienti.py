"""The component schemas of a utility's customer area and of the sandbox controls.

Part of :mod:`sportello.sandbox._openapi_schemas`, which gathers every component.
"""

from __future__ import annotations

from sportello.sandbox._openapi_schemas import (
    _DATE,
    _DATETIME,
    _DECIMAL,
    _INT,
    JSON,
    _list_of,
    _nullable,
    _obj,
    _str,
    ref,
)

__all__ = ["area_clienti_schemas", "control_schemas"]


def area_clienti_schemas() -> JSON:
    """UP, RD, EB: the customer area's answers."""
    s: JSON = {}
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
    return s


def control_schemas() -> JSON:
    """The ``/_sandbox`` controls' bodies and answers."""
    s: JSON = {}
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
            "description": "machine-readable extras: token (reset), codice (activation), "
            "username, password, numero",
        },
    )
    s["Outbox"] = _list_of("Email")
    s["Fault"] = {
        "type": "object",
        "title": "Fault",
        "description": "one fault: what it does (kind) and which requests it hits",
        "required": ["kind"],
        "additionalProperties": False,
        "properties": {
            "kind": {"type": "string", "enum": ["status", "latency", "drop", "reset"]},
            "status": {"type": "integer", "minimum": 400, "maximum": 599},
            "retry_after": {
                "type": ["integer", "null"],
                "minimum": 0,
                "maximum": 3600,
                "description": "Retry-After seconds of a status (429 and 503: 1 when absent)",
            },
            "latency": {"type": "number", "minimum": 0, "maximum": 60},
            "path": {
                "type": "string",
                "minLength": 1,
                "maxLength": 200,
                "description": "a glob over the request path (* matches / too); default *",
            },
            "method": {
                "type": "string",
                "enum": ["*", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"],
            },
            "count": {"type": "integer", "minimum": 1, "maximum": 1000},
            "after_commit": {
                "type": "boolean",
                "description": "reset only: run the request first, then reset the connection",
            },
        },
    }
    s["Faults"] = _obj(
        ["queue"],
        queue={
            "type": "array",
            "items": {
                "anyOf": [
                    {
                        "type": "string",
                        "pattern": r"^([45]\d\d|drop|reset|delay:\d+(\.\d+)?)$",
                    },
                    ref("Fault"),
                ]
            },
            "description": "each request takes the first fault aimed at it: a status (503), "
            "drop (commit, then break the connection), reset (TCP RST), delay:<seconds>, "
            "or a Fault object",
        },
    )
    s["FaultsPending"] = _obj(["queue"], queue={"type": "array", "items": ref("Fault")})
    s["Reset"] = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "seed": {"type": "string", "enum": ["empty", "demo"]},
            "freeze": {**_DATETIME, "description": "freeze the clock there (with an offset)"},
        },
    }
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
    return s
