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
    DICHIARAZIONI,
    DomandaConciliazione,
    required_attachments,
)
from sportello.forms._conciliazione_azioni import (
    DisponibilitaIncontro,
    FasciaDisponibile,
    GiornoFeriale,
    RichiestaRinvio,
    RispostaIntegrazione,
    RitiroDomanda,
)
from sportello.forms._conciliazione_records import (
    AllegatoDichiarato,
    ClienteConciliazione,
    Dotazione,
    Modulo,
    Oggetto,
    Reclamo,
    TipoAllegato,
    TipoRichiedente,
)
from sportello.forms._fields import DESCRIZIONE_MAX
from sportello.forms._load import FormError, dump, load
from sportello.forms._names import form_class, form_name
from sportello.forms._registry import FORMS
from sportello.forms._richieste import RichiestaInformazioni, RichiestaSmartHelp, Segnalazione
from sportello.forms._schema import json_schema, schema_components
from sportello.forms._today import as_of, today

__all__ = [
    "DESCRIZIONE_MAX",
    "DICHIARAZIONI",
    "FORMS",
    "AggiornamentoAnagrafica",
    "AllegatoDichiarato",
    "Autolettura",
    "CambioPassword",
    "Cliente",
    "ClienteConciliazione",
    "Controparte",
    "Delegato",
    "DisponibilitaIncontro",
    "DomandaConciliazione",
    "Dotazione",
    "FasciaDisponibile",
    "FormError",
    "GiornoFeriale",
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
    "RichiestaRinvio",
    "RichiestaSmartHelp",
    "RispostaIntegrazione",
    "RitiroDomanda",
    "RuoloControparte",
    "Segnalazione",
    "SegnalazioneAnomalia",
    "Sesso",
    "TipoAllegato",
    "TipoCliente",
    "TipoDelegato",
    "TipoRichiedente",
    "as_of",
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
    "today",
    "unflatten",
]


def __dir__() -> list[str]:
    """Only the public names (``__all__``), not the imports."""
    return list(__all__)
