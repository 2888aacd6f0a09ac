"""A utility's customer area: registration, password recovery, self-reading, personal data,
bill delivery.

Rules: UP-1 (registration by customer code and codice fiscale / partita IVA, with an e-mail),
UP-3 (password recovery by customer code only), UP-6 (only phone, fax and e-mail can be
changed), RD-1..RD-3 (self-readings, through :func:`check_autolettura`), EB-3 (delivery mode
and e-mail per contract).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from sportello._violations import Violation
from sportello.forms._fields import (
    CodiceCliente,
    CodiceFiscale,
    Email,
    Lettura,
    Password,
    Telefono,
)
from sportello.forms._registry import form, info
from sportello.rules.billing import ModalitaInvio
from sportello.rules.readings import MotivoLettura

if TYPE_CHECKING:
    from sportello.rules import readings

__all__ = [
    "AggiornamentoAnagrafica",
    "Autolettura",
    "ModalitaInvioBolletta",
    "RecuperoPassword",
    "RegistrazioneAreaClienti",
    "check_autolettura",
]


@form(
    "registrazione_area_clienti",
    title="Registrazione all'area clienti",
    description=(
        "Codice cliente e partita IVA (o codice fiscale); l'e-mail riceve la password di primo "
        "accesso (UP-1)."
    ),
    required_rule="UP-1",
)
@attrs.frozen(kw_only=True)
class RegistrazioneAreaClienti:
    """UP-1: registration with the customer code plus the codice fiscale or partita IVA, and the
    e-mail that receives the first-access password. The match against the utility's records is
    :func:`sportello.rules.area_clienti.check_registration` (server side).
    """

    codice_cliente: CodiceCliente = attrs.field(
        metadata=info("Codice cliente", "Sei cifre, nella prima pagina della fattura (UP-2).")
    )
    codice_fiscale: CodiceFiscale = attrs.field(
        repr=False, metadata=info("Codice fiscale o partita IVA")
    )
    email: Email = attrs.field(
        metadata=info("E-mail", "Riceve la password di primo accesso (UP-1).")
    )


@form(
    "recupero_password",
    title="Hai dimenticato la password?",
    description="Basta il codice cliente: la nuova password arriva all'e-mail registrata (UP-3).",
    required_rule="UP-3",
)
@attrs.frozen(kw_only=True)
class RecuperoPassword:
    """UP-3: password recovery needs only the customer code; the new password goes to the
    registered e-mail.
    """

    codice_cliente: CodiceCliente = attrs.field(metadata=info("Codice cliente"))


@form(
    "autolettura",
    title="Inserimento autolettura",
    description=(
        "Lettura del contatore e, se presente, del correttore (RD-2); una sola lettura al giorno "
        "(RD-3)."
    ),
)
@attrs.frozen(kw_only=True)
class Autolettura:
    """A meter self-reading (RD-2 on the fields; RD-1 and RD-3 through :func:`check_autolettura`).

    RD-2: ``lettura_contatore`` and the optional ``lettura_correttore`` are whole numbers, typed
    as on the portal (``"45.000"`` is forty-five thousand) or as JSON integers. Whether the
    corrector value is required depends on the meter, which the form does not know:
    :func:`check_autolettura` checks it together with the entry windows (RD-1) and the one
    reading per day (RD-3).
    """

    punto: str = attrs.field(metadata=info("Punto di fornitura", "Il codice del punto scelto."))
    data: dt.date = attrs.field(metadata=info("Data lettura"))
    lettura_contatore: Lettura = attrs.field(metadata=info("Lettura contatore"))
    lettura_correttore: Lettura | None = attrs.field(
        default=None, metadata=info("Lettura correttore", "Solo per i contatori con correttore.")
    )
    motivo: MotivoLettura | None = attrs.field(
        default=None,
        metadata=info("Motivo", "Giro del contatore o sostituzione, se la lettura è più bassa."),
    )

    def to_reading(self) -> readings.Autolettura:
        """The reading as the readings rules know it (not yet added: ``id`` 0)."""
        from sportello.rules import readings

        return readings.Autolettura(
            punto=self.punto,
            data=self.data,
            lettura_contatore=self.lettura_contatore,
            lettura_correttore=self.lettura_correttore,
            motivo=self.motivo,
        )


def check_autolettura(
    autolettura: Autolettura,
    *,
    existing: Iterable[readings.Autolettura],
    windows: Iterable[readings.FinestraLettura],
    meter: readings.Contatore,
    now: dt.datetime,
) -> list[Violation]:
    """RD-1, RD-2, RD-3: whether the loaded reading may be saved now, in its context.

    Delegates to :func:`sportello.rules.readings.check_new`: the entry windows (RD-1), the
    corrector value exactly when the meter has one (RD-2), one reading per day and supply
    point (RD-3). The violations' paths are the form's field names.
    """
    from sportello.rules.readings import check_new

    return check_new(
        autolettura.to_reading(), existing=existing, windows=windows, meter=meter, now=now
    )


@form(
    "aggiornamento_anagrafica",
    title="Dati anagrafici",
    description=(
        "Si possono modificare solo telefono, fax ed e-mail; per il resto dei dati occorre "
        "contattare la società (UP-6)."
    ),
    required_rule="UP-6",
    unknown_code="profile.field_not_editable",
)
@attrs.frozen(kw_only=True)
class AggiornamentoAnagrafica:
    """UP-6: the personal data a customer may change: phone, fax and e-mail, nothing else.

    Any other key (``indirizzo``, ``nome``, ...) is refused with
    ``profile.field_not_editable``, whose message says the company must be asked. The form is
    the new state of the three fields: an empty phone or fax clears it; the e-mail cannot be
    cleared. A new e-mail needs ``password_attuale``, the current password (the server
    checks it: whoever holds a session cannot redirect the password recovery alone).
    """

    telefono: Telefono | None = attrs.field(default=None, metadata=info("Telefono"))
    fax: Telefono | None = attrs.field(default=None, metadata=info("Fax"))
    email: Email = attrs.field(metadata=info("E-mail"))
    password_attuale: Password | None = attrs.field(
        default=None,
        repr=False,
        metadata=info("Password attuale", "Obbligatoria per cambiare l'e-mail."),
    )


@form(
    "modalita_invio_bolletta",
    title="Modalità invio bollette",
    description=(
        "Per ogni contratto una mail apposita e un tipo di invio, elettronico o cartaceo (EB-3)."
    ),
    required_rule="EB-3",
)
@attrs.frozen(kw_only=True)
class ModalitaInvioBolletta:
    """EB-3: one contract's delivery mode and delivery e-mail (none: the registration e-mail).

    Whether the e-bill may be chosen (EB-1: bank direct debit) is
    :func:`sportello.rules.billing.update_delivery`'s business, on the server's account.
    """

    contratto: str = attrs.field(metadata=info("Contratto", "Il codice del contratto."))
    modalita: ModalitaInvio = attrs.field(
        metadata=info("Modalità di invio", "Elettronica o cartacea.")
    )
    email_invio: Email | None = attrs.field(
        default=None,
        metadata=info("E-mail di invio", "Se assente, l'e-mail di registrazione (EB-3)."),
    )
