"""Before the procedure: the prior complaint (CP-1), admissibility (CP-2), the case's code (CP-11).

Re-exported by :mod:`sportello.rules.conciliazione`.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import unicodedata
from collections.abc import Iterable

from sportello._messages import labels
from sportello._violations import ValidationError, Violation
from sportello.rules import channels as _channels
from sportello.rules._reclamo import precondizione as _precondizione
from sportello.rules._reclamo import primo_giorno_utile as _primo_giorno_utile
from sportello.rules.conciliazione._stati import (
    MotivoArchiviazione,
    MotivoInammissibilita,
    Precedente,
    StatoConciliazione,
)
from sportello.rules.smart_help import Materia

__all__ = [
    "Identificativo",
    "ammissibile_dal",
    "check_ammissibilita",
    "check_reclamo",
    "chiave_controversia",
    "identificativo",
    "spcen_entro",
]


def check_reclamo(
    *,
    data_reclamo: dt.date | None,
    oggi: dt.date,
    data_risposta: dt.date | None = None,
    risposta_insoddisfacente: bool = False,
    path: str = "reclamo",
) -> list[Violation]:
    """CP-1: the prior written complaint, and its 40 days or its unsatisfactory answer.

    A conciliation request sent on ``oggi`` needs the complaint to the seller, then either the
    seller's written answer judged unsatisfactory, or 40 days elapsed since the complaint was
    sent: the same rule as SMART Help's SH-3, by the same function, with the
    ``conciliazione`` codes (rule CP-1). Paths: ``<path>`` (no complaint), ``<path>.data``,
    ``<path>.data_risposta``.

    >>> [(v.code, v.path) for v in check_reclamo(data_reclamo=dt.date(2026, 9, 1),
    ...     oggi=dt.date(2026, 10, 11))]
    [('conciliazione.too_early', 'reclamo.data')]
    >>> check_reclamo(data_reclamo=dt.date(2026, 9, 1), oggi=dt.date(2026, 10, 12))
    []
    """
    if data_reclamo is None:
        return [Violation.of("conciliazione.complaint_required", path=path)]
    _, found = _precondizione(
        famiglia="conciliazione",
        data_reclamo=data_reclamo,
        data_richiesta=oggi,
        oggi=oggi,
        data_risposta=data_risposta,
        risposta_insoddisfacente=risposta_insoddisfacente,
        paths=_PATHS if path == "reclamo" else _paths(path),
    )
    return found


def _paths(path: str) -> tuple[str, str, str]:
    """The paths of the complaint's date, the answer's date and the request's date."""
    return f"{path}.data", f"{path}.data_risposta", f"{path}.data"


#: :func:`_paths` of the default ``reclamo``, computed once.
_PATHS = _paths("reclamo")


def ammissibile_dal(
    data_reclamo: dt.date,
    *,
    data_risposta: dt.date | None = None,
    risposta_insoddisfacente: bool = False,
) -> dt.date:
    """CP-1: the first day a conciliation request may be sent after the complaint.

    The 41st day after ``data_reclamo`` (the sending day is not counted; a 40th day on a
    holiday does not move), or the day of a written answer judged unsatisfactory.

    >>> ammissibile_dal(dt.date(2026, 9, 1))  # the 40th day is a Sunday: it stays
    datetime.date(2026, 10, 12)
    """
    return _primo_giorno_utile(
        data_reclamo,
        data_risposta=data_risposta,
        risposta_insoddisfacente=risposta_insoddisfacente,
    )


def _motivo(p: Precedente) -> MotivoInammissibilita | None:
    """CP-2: the reason an earlier request on the same dispute bars a new one, if any."""
    if not p.stato.is_final:
        return MotivoInammissibilita.PENDENTE
    if p.stato in (StatoConciliazione.ACCORDO, StatoConciliazione.MANCATO_ACCORDO):
        return MotivoInammissibilita.CONCLUSO
    if p.motivo_archiviazione is MotivoArchiviazione.RITIRATA:
        return MotivoInammissibilita.RITIRATA
    if p.motivo_archiviazione is MotivoArchiviazione.MANCATA_COMPARIZIONE:
        return MotivoInammissibilita.MANCATA_COMPARIZIONE
    return None  # archived as inadmissible or not completed: a new, complete request may go


def check_ammissibilita(
    precedenti: Iterable[Precedente],
    *,
    materia_smart_help: Materia | None = None,
    fiscale: bool = False,
) -> list[Violation]:
    """CP-2: every reason the request is inadmissible, one violation (own code) per reason.

    ``precedenti`` are the earlier requests on the same dispute (same
    :func:`chiave_controversia`; ``Procedura.precedente`` gives one): one still open is
    ``conciliazione.inammissibile_pendente``; one ended with an outcome,
    ``..._concluso``; one archived for withdrawal (CP-8), ``..._ritirata``; for no-show (CP-7),
    ``..._mancata_comparizione``. An earlier request archived as inadmissible or not completed
    in time does not bar a new one. The matter: one the SMART Help special procedures resolve
    (``materia_smart_help``, SH-1/SH-5) is ``..._smart_help``; a purely tax matter (taxes,
    excise, VAT on the bill) is ``..._fiscale``. Several earlier requests with the same reason
    make one violation (``quante`` counts them).

    >>> found = check_ammissibilita([Precedente(StatoConciliazione.ARCHIVIATA,
    ...     MotivoArchiviazione.RITIRATA)], fiscale=True)
    >>> [(v.code, v.rule) for v in found]
    [('conciliazione.inammissibile_ritirata', 'CP-2'), ('conciliazione.inammissibile_fiscale', 'CP-2')]
    """  # noqa: E501
    counts: dict[MotivoInammissibilita, int] = {}
    for p in precedenti:
        motivo = _motivo(p)
        if motivo is not None:
            counts[motivo] = counts.get(motivo, 0) + 1
    found = [
        Violation.of(m.code, path="precedenti", quante=counts[m])
        for m in MotivoInammissibilita
        if m in counts
    ]
    if materia_smart_help is not None:
        found.append(
            Violation.of(
                MotivoInammissibilita.SMART_HELP.code,
                path="materia",
                **labels(materia=materia_smart_help),
            )
        )
    if fiscale:
        found.append(Violation.of(MotivoInammissibilita.FISCALE.code, path="materia"))
    return found


def _plain(text: str) -> str:
    """Lower case, accents and punctuation dropped, blanks collapsed (``Via  Dèi Mille, 3``)."""
    decomposed = unicodedata.normalize("NFKD", text)
    letters = "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    return " ".join(letters.casefold().split())


def _code(text: str) -> str:
    """A code's letters and digits, upper case (``it 001 e 1234`` -> ``IT001E1234``)."""
    return "".join(c for c in text if c.isascii() and c.isalnum()).upper()


def chiave_controversia(
    *,
    codice_fiscale: str,
    controparte: str,
    oggetto: str,
    punto_fornitura: str | None = None,
    indirizzo_fornitura: str | None = None,
    controparte_partita_iva: str | None = None,
) -> str:
    """CP-2: what makes two requests "the same dispute", as one opaque key.

    The same customer (codice fiscale or partita IVA), the same supply (its POD/PDR, or else its
    address), the same counterpart (its partita IVA when given, else its name) and the same
    subject (CO-3's ``Oggetto`` value). Each part is normalised first (codes compacted and
    upper-cased; names and addresses lower-cased, accents, punctuation and extra blanks
    dropped), and the key is the SHA-256 of the parts: it can be stored and compared without
    holding personal data.

    >>> a = chiave_controversia(codice_fiscale="rssmra85t10a562s", controparte="Energia Srl",
    ...     controparte_partita_iva="00743110157", oggetto="fatturazione",
    ...     punto_fornitura="IT001E12345678")
    >>> b = chiave_controversia(codice_fiscale="RSSMRA85T10A562S", controparte="ENERGIA S.R.L.",
    ...     controparte_partita_iva="IT 00743110157", oggetto="fatturazione",
    ...     punto_fornitura="it 001 e 12345678")
    >>> a == b, len(a)
    (True, 64)

    Without the partita IVA the names are compared as written: "Energia Srl" and
    "ENERGIA S.R.L." are then two counterparts.

    Raises:
        ValidationError: ``conciliazione.chiave_incompleta`` at each part that is blank (the
            customer, the counterpart, the subject, and the supply point or address).
    """
    piva = _code(controparte_partita_iva or "").removeprefix("IT")
    punto = _code(punto_fornitura or "")
    parts = {
        "codice_fiscale": _code(codice_fiscale),
        "punto_fornitura": f"punto:{punto}" if punto else _indirizzo(indirizzo_fornitura),
        "controparte": f"piva:{piva}" if piva else _nome(controparte),
        "oggetto": _plain(oggetto),
    }
    missing = [name for name, value in parts.items() if not value]
    if missing:
        raise ValidationError(
            [
                Violation.of("conciliazione.chiave_incompleta", path=name, campo=name)
                for name in missing
            ]
        )
    joined = "\x1f".join(parts.values())
    return hashlib.sha256(joined.encode("utf-8", "surrogatepass")).hexdigest()


def _indirizzo(value: str | None) -> str:
    plain = _plain(value or "")
    return f"indirizzo:{plain}" if plain else ""


def _nome(value: str) -> str:
    plain = _plain(value)
    return f"nome:{plain}" if plain else ""


class Identificativo(enum.StrEnum):
    """CP-11: how a new case is identified to the customer."""

    NUMERO_PRATICA = "numero_pratica"
    CODICE_SPCEN = "codice_spcen"


def identificativo(servizio: _channels.Procedura) -> Identificativo:
    """CP-11: a conciliation gets its case number at once; a Sportello case, the SPCEN code.

    The conciliation's request returns its "numero pratica" on submission (seed 000); the
    SPCEN code of AT-6 belongs to the cases opened at the Sportello (SMART Help, SMART Info,
    information requests and reports), e-mailed within 3 working days (:func:`spcen_entro`).

    >>> identificativo(_channels.Procedura.CONCILIAZIONE).value
    'numero_pratica'
    >>> identificativo(_channels.Procedura.SMART_HELP).value
    'codice_spcen'
    """
    if servizio is _channels.Procedura.CONCILIAZIONE:
        return Identificativo.NUMERO_PRATICA
    return Identificativo.CODICE_SPCEN


def spcen_entro(servizio: _channels.Procedura, data_invio: dt.date) -> dt.date | None:
    """CP-11, AT-6: the day by which the SPCEN code is due, ``None`` for a conciliation.

    >>> spcen_entro(_channels.Procedura.SMART_HELP, dt.date(2026, 12, 23))
    datetime.date(2026, 12, 29)
    >>> spcen_entro(_channels.Procedura.CONCILIAZIONE, dt.date(2026, 12, 23)) is None
    True
    """
    if identificativo(servizio) is Identificativo.NUMERO_PRATICA:
        return None
    from sportello.rules.attachments import spcen_due

    return spcen_due(data_invio)
