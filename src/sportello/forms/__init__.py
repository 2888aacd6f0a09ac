"""Floor 2: the portals' forms as frozen attrs records, with ``load``, ``dump`` and ``json_schema``.

>>> from sportello.forms import FORMS, RecuperoPassword, load, dump
>>> form = load(FORMS["recupero_password"], {"codice_cliente": "005007"})
>>> dump(form)
{'codice_cliente': '005007'}

:func:`load` reports every fault of a document at once, each as a
:class:`~sportello.Violation` with its dotted path; see ``docs/forms/api.md``.
"""

from __future__ import annotations

from sportello.forms._account import (
    CambioPassword,
    Login,
    RegistrazioneSportello,
    SegnalazioneAnomalia,
)
from sportello.forms._area_clienti import (
    AggiornamentoAnagrafica,
    Autolettura,
    ModalitaInvioBolletta,
    RecuperoPassword,
    RegistrazioneAreaClienti,
    check_autolettura,
)
from sportello.forms._columns import columns, flatten, unflatten
from sportello.forms._common import (
    Cliente,
    Controparte,
    Delegato,
    Procura,
    RuoloControparte,
    Sesso,
    TipoCliente,
    TipoDelegato,
)
from sportello.forms._conciliazione import (
    AllegatoDichiarato,
    DomandaConciliazione,
    Dotazione,
    Modulo,
    Oggetto,
    Reclamo,
    TipoAllegato,
    required_attachments,
)
from sportello.forms._fields import DESCRIZIONE_MAX
from sportello.forms._load import FormError, dump, load
from sportello.forms._names import form_class, form_name
from sportello.forms._registry import FORMS
from sportello.forms._richieste import RichiestaInformazioni, RichiestaSmartHelp, Segnalazione
from sportello.forms._schema import json_schema, schema_components

__all__ = [
    "DESCRIZIONE_MAX",
    "FORMS",
    "AggiornamentoAnagrafica",
    "AllegatoDichiarato",
    "Autolettura",
    "CambioPassword",
    "Cliente",
    "Controparte",
    "Delegato",
    "DomandaConciliazione",
    "Dotazione",
    "FormError",
    "Login",
    "ModalitaInvioBolletta",
    "Modulo",
    "Oggetto",
    "Procura",
    "Reclamo",
    "RecuperoPassword",
    "RegistrazioneAreaClienti",
    "RegistrazioneSportello",
    "RichiestaInformazioni",
    "RichiestaSmartHelp",
    "RuoloControparte",
    "Segnalazione",
    "SegnalazioneAnomalia",
    "Sesso",
    "TipoAllegato",
    "TipoCliente",
    "TipoDelegato",
    "check_autolettura",
    "columns",
    "dump",
    "flatten",
    "form_class",
    "form_name",
    "json_schema",
    "load",
    "required_attachments",
    "schema_components",
    "unflatten",
]
