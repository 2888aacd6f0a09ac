"""Virtual meetings of the conciliation: hours, slots, availability, mode (CO-5, CO-7, CP-5, CP-6).

Meetings run Monday to Friday, 9:00-13:30 and 14:00-18:30 (CO-5); a party may state when it can
attend, by the form's preset choices or by free text in "Note". The procedure sets them on
working days in one of six fixed 90-minute slots (CP-5, :class:`FasciaIncontro`), and a party's
availability is a set of (day, slot) pairs (:class:`DisponibilitaFascia`); each CO-5 preset
stands for the three slots of its window. Meetings are held in virtual rooms (chat or video); a
party without the equipment attends by telephone conference (CO-7), which is only an exception
with its reason, never the meeting's only mode (CP-6).

>>> import datetime as dt
>>> meeting_slots(dt.date(2026, 11, 25))
[(datetime.time(9, 0), datetime.time(13, 30)), (datetime.time(14, 0), datetime.time(18, 30))]
>>> [v.code for v in check_availability([Disponibilita(Giorno.SABATO, dt.time(9), dt.time(12))])]
['calendar.no_meetings_on_day']
>>> modalita_incontro(dispositivo=True, webcam=False, audio=True).label
'Chat'
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable

import attrs

from sportello._messages import labels
from sportello._violations import ValidationError, Violation
from sportello.rules._fasce import (
    DURATA_FASCIA,
    DisponibilitaFascia,
    FasciaIncontro,
    Giorno,
    OrarioIncontro,
    check_disponibilita_fasce,
    fasce_incontro,
    first_available,
    is_available,
)
from sportello.rules.calendar import is_working_day as _is_working_day

__all__ = [
    "DURATA_FASCIA",
    "MEETING_SLOTS",
    "Disponibilita",
    "DisponibilitaFascia",
    "FasciaIncontro",
    "FasciaOraria",
    "Giorno",
    "ModalitaIncontro",
    "OrarioIncontro",
    "SceltaPreimpostata",
    "check_availability",
    "check_disponibilita_fasce",
    "check_modalita",
    "check_modalita_convocazione",
    "fasce_incontro",
    "first_available",
    "is_available",
    "meeting_slots",
    "modalita_incontro",
]

#: CO-5: the meeting hours of a working day, ``start <= t < end`` each.
MEETING_SLOTS: tuple[tuple[dt.time, dt.time], ...] = (
    (dt.time(9, 0), dt.time(13, 30)),
    (dt.time(14, 0), dt.time(18, 30)),
)


class FasciaOraria(enum.StrEnum):
    """CO-5: the two meeting slots of a day, as the form offers them."""

    MATTINA = "mattina"
    POMERIGGIO = "pomeriggio"

    @property
    def dalle(self) -> dt.time:
        """The slot's start."""
        return MEETING_SLOTS[0 if self is FasciaOraria.MATTINA else 1][0]

    @property
    def alle(self) -> dt.time:
        """The slot's end (excluded)."""
        return MEETING_SLOTS[0 if self is FasciaOraria.MATTINA else 1][1]

    @property
    def fasce(self) -> tuple[FasciaIncontro, ...]:
        """CP-5: the three fixed slots of this window.

        >>> [f.label for f in FasciaOraria.MATTINA.fasce]
        ['9:00-10:30', '10:30-12:00', '12:00-13:30']
        """
        mattina = self is FasciaOraria.MATTINA
        return tuple(f for f in FasciaIncontro if f.mattina == mattina)

    @property
    def label(self) -> str:
        """The Italian label (``"mattina (9:00-13:30)"``)."""
        name = "mattina" if self is FasciaOraria.MATTINA else "pomeriggio"
        return f"{name} ({_hm(self.dalle)}-{_hm(self.alle)})"

    @property
    def label_en(self) -> str:
        """The English label (``"morning (9:00-13:30)"``)."""
        name = "morning" if self is FasciaOraria.MATTINA else "afternoon"
        return f"{name} ({_hm(self.dalle)}-{_hm(self.alle)})"


def _hm(t: dt.time) -> str:
    return f"{t.hour}:{t.minute:02d}"


class SceltaPreimpostata(enum.StrEnum):
    """CO-5: the form's preset availability choices: a weekday and a slot.

    >>> SceltaPreimpostata.MERCOLEDI_POMERIGGIO.label
    'mercoledì pomeriggio (14:00-18:30)'
    """

    LUNEDI_MATTINA = "lunedi_mattina"
    LUNEDI_POMERIGGIO = "lunedi_pomeriggio"
    MARTEDI_MATTINA = "martedi_mattina"
    MARTEDI_POMERIGGIO = "martedi_pomeriggio"
    MERCOLEDI_MATTINA = "mercoledi_mattina"
    MERCOLEDI_POMERIGGIO = "mercoledi_pomeriggio"
    GIOVEDI_MATTINA = "giovedi_mattina"
    GIOVEDI_POMERIGGIO = "giovedi_pomeriggio"
    VENERDI_MATTINA = "venerdi_mattina"
    VENERDI_POMERIGGIO = "venerdi_pomeriggio"

    @property
    def giorno(self) -> Giorno:
        """The day of the week."""
        return Giorno[self.name.split("_")[0]]

    @property
    def fascia(self) -> FasciaOraria:
        """The slot."""
        return FasciaOraria[self.name.split("_")[1]]

    @property
    def label(self) -> str:
        """The Italian label."""
        return f"{self.giorno.label} {self.fascia.label}"

    @property
    def label_en(self) -> str:
        """The English label."""
        return f"{self.giorno.label_en} {self.fascia.label_en}"

    def disponibilita(self) -> Disponibilita:
        """The same choice as a :class:`Disponibilita` window."""
        return Disponibilita(self.giorno, self.fascia.dalle, self.fascia.alle)

    def disponibilita_fasce(self) -> tuple[DisponibilitaFascia, ...]:
        """CP-5: the same choice as (weekday, slot) pairs: the three slots of its window.

        >>> len(SceltaPreimpostata.LUNEDI_POMERIGGIO.disponibilita_fasce())
        3
        """
        return tuple(DisponibilitaFascia(self.giorno, f) for f in self.fascia.fasce)


@attrs.frozen
class Disponibilita:
    """CO-5: one window in which a party can attend a virtual meeting.

    Attributes:
        giorno: a day of the week (every such day) or a calendar date.
        dalle: the window's start.
        alle: the window's end (after ``dalle``).
    """

    giorno: Giorno | dt.date
    dalle: dt.time
    alle: dt.time

    def fasce(self) -> tuple[DisponibilitaFascia, ...]:
        """CP-5: the fixed slots that lie wholly inside this window (a free window, read as slots).

        >>> [d.fascia.label for d in Disponibilita(Giorno.LUNEDI, dt.time(10), dt.time(14)).fasce()]
        ['10:30-12:00', '12:00-13:30']
        """
        return tuple(
            DisponibilitaFascia(self.giorno, f)
            for f in FasciaIncontro
            if self.dalle <= f.inizio and f.fine <= self.alle
        )


def meeting_slots(d: dt.date) -> list[tuple[dt.time, dt.time]]:
    """CO-5: the meeting slots on ``d``: both on a working day, none on weekends and holidays.

    Public holidays (CAL-3) have no meetings; Rome's 29 June is an ordinary day here.

    >>> meeting_slots(dt.date(2026, 12, 25))
    []
    """
    return list(MEETING_SLOTS) if _is_working_day(d) else []


def check_availability(
    items: Iterable[Disponibilita | SceltaPreimpostata], *, path: str = "disponibilita"
) -> list[Violation]:
    """CO-5: every problem of the declared availability windows, each at ``path[i]``.

    A window must end after it starts (``calendar.empty_window``), fall on a meeting day (Monday
    to Friday, and for a date not a public holiday: ``calendar.no_meetings_on_day``), and lie
    within 9:00-18:30 overlapping at least one slot (``calendar.outside_meeting_hours``); a
    window across the 13:30-14:00 break is fine (it means "available in both slots").

    >>> check_availability([Disponibilita(Giorno.LUNEDI, dt.time(8), dt.time(12))])[0].code
    'calendar.outside_meeting_hours'
    """
    found: list[Violation] = []
    first, last = MEETING_SLOTS[0][0], MEETING_SLOTS[-1][1]
    for i, raw in enumerate(items):
        item = raw.disponibilita() if isinstance(raw, SceltaPreimpostata) else raw
        where = f"{path}[{i}]"
        if isinstance(item.giorno, Giorno):
            if not item.giorno.is_meeting_day:
                found.append(
                    Violation.of(
                        "calendar.no_meetings_on_day",
                        path=f"{where}.giorno",
                        **labels(giorno=item.giorno),
                    )
                )
        elif not _is_working_day(item.giorno):
            found.append(
                Violation.of(
                    "calendar.no_meetings_on_day", path=f"{where}.giorno", giorno=item.giorno
                )
            )
        if item.alle <= item.dalle:
            found.append(
                Violation.of(
                    "calendar.empty_window", path=f"{where}.alle", dalle=item.dalle, alle=item.alle
                )
            )
        elif (
            item.dalle < first
            or item.alle > last
            or not any(item.dalle < end and start < item.alle for start, end in MEETING_SLOTS)
        ):
            found.append(
                Violation.of(
                    "calendar.outside_meeting_hours",
                    path=where,
                    dalle=item.dalle,
                    alle=item.alle,
                    orari="9:00-13:30, 14:00-18:30",
                )
            )
    return found


class ModalitaIncontro(enum.StrEnum):
    """CO-7, CP-6: how a party attends: in the virtual room (video, chat) or by telephone."""

    VIDEO = "video"
    CHAT = "chat"
    TELEFONO = "telefono"

    @property
    def label(self) -> str:
        """The Italian label."""
        return _MODALITA[self][0]

    @property
    def label_en(self) -> str:
        """The English label."""
        return _MODALITA[self][1]


_MODALITA: dict[ModalitaIncontro, tuple[str, str]] = {
    ModalitaIncontro.VIDEO: ("Video-conferenza", "Video conference"),
    ModalitaIncontro.CHAT: ("Chat", "Chat"),
    ModalitaIncontro.TELEFONO: ("Call conference (telefono)", "Call conference (telephone)"),
}


#: The English names of the equipment ``calendar.meeting_mode_needs_equipment`` lists (its
#: ``mancanti`` are the fields of the form's ``dotazione``).
_EQUIPMENT_EN = {"dispositivo": "device", "webcam": "webcam", "audio": "audio"}


def check_modalita(
    modalita: ModalitaIncontro,
    *,
    dispositivo: bool,
    webcam: bool,
    audio: bool,
    motivo_telefono: str | None = None,
    path: str = "modalita",
) -> list[Violation]:
    """CO-7, CP-6: whether a party with this equipment can attend in ``modalita``.

    A video room needs an internet-connected device, a webcam and audio (microphone and
    headphones or speakers); a chat room needs the device only. The telephone conference is an
    exception with its reason (CP-6): the lack of the device is one (CO-7), any other must be
    stated in ``motivo_telefono``; with a device and no reason it is
    ``calendar.phone_only_without_equipment``.

    >>> [v.code for v in check_modalita(ModalitaIncontro.VIDEO, dispositivo=True, webcam=False,
    ...     audio=True)]
    ['calendar.meeting_mode_needs_equipment']
    >>> check_modalita(ModalitaIncontro.TELEFONO, dispositivo=True, webcam=True, audio=True,
    ...     motivo_telefono="Connessione instabile nella zona")
    []
    """
    missing: list[str] = []
    if modalita is ModalitaIncontro.TELEFONO:
        if dispositivo and not (motivo_telefono or "").strip():
            return [
                Violation.of(
                    "calendar.phone_only_without_equipment", path=path, **labels(modalita=modalita)
                )
            ]
        return []
    if not dispositivo:
        missing.append("dispositivo")
    if modalita is ModalitaIncontro.VIDEO:
        if not webcam:
            missing.append("webcam")
        if not audio:
            missing.append("audio")
    if missing:
        return [
            Violation.of(
                "calendar.meeting_mode_needs_equipment",
                path=path,
                mancanti=missing,
                mancanti_en=[_EQUIPMENT_EN[m] for m in missing],
                **labels(modalita=modalita),
            )
        ]
    return []


def check_modalita_convocazione(
    modalita: ModalitaIncontro,
    *,
    motivo_telefono: str | None = None,
    path: str = "modalita",
) -> list[Violation]:
    """CP-6: the mode of a convened meeting: a virtual room, the telephone only beside it.

    A meeting is held in a virtual room, video or chat: ``TELEFONO`` as the meeting's mode is
    ``calendar.phone_not_only_mode``. A party may join by telephone conference only as an
    exception with its reason: ``motivo_telefono`` is ``None`` when nobody does, and a blank
    reason is ``calendar.phone_reason_required`` (at ``motivo_telefono`` beside ``path``).

    >>> [v.code for v in check_modalita_convocazione(ModalitaIncontro.TELEFONO)]
    ['calendar.phone_not_only_mode']
    >>> check_modalita_convocazione(ModalitaIncontro.CHAT, motivo_telefono="Senza computer")
    []
    """
    found: list[Violation] = []
    if modalita is ModalitaIncontro.TELEFONO:
        found.append(Violation.of("calendar.phone_not_only_mode", path=path))
    if motivo_telefono is not None and not motivo_telefono.strip():
        parent, dot, _ = path.rpartition(".")
        found.append(
            Violation.of(
                "calendar.phone_reason_required",
                path=f"{parent}{dot}motivo_telefono",
            )
        )
    return found


def modalita_incontro(
    *,
    dispositivo: bool = True,
    webcam: bool,
    audio: bool,
    preferita: ModalitaIncontro | None = None,
) -> ModalitaIncontro:
    """CO-7: the meeting mode for a party: ``preferita`` when possible, else the best one.

    Without a preference: video with webcam and audio, else chat with a device, else telephone.

    Raises:
        ValidationError: ``preferita`` is not possible with this equipment (see
            :func:`check_modalita`).

    >>> modalita_incontro(dispositivo=False, webcam=False, audio=False)
    <ModalitaIncontro.TELEFONO: 'telefono'>
    """
    if preferita is not None:
        problems = check_modalita(preferita, dispositivo=dispositivo, webcam=webcam, audio=audio)
        if problems:
            raise ValidationError(problems)
        return preferita
    if not dispositivo:
        return ModalitaIncontro.TELEFONO
    if webcam and audio:
        return ModalitaIncontro.VIDEO
    return ModalitaIncontro.CHAT


def __dir__() -> list[str]:
    """Only the public names (``__all__``), not the imports."""
    return list(__all__)  # pragma: no mutate (not a rule: tests/test_public_api.py)
