"""Virtual meetings of the conciliation procedure: hours, declared availability, mode (CO-5, CO-7).

Meetings run Monday to Friday, 9:00-13:30 and 14:00-18:30 (CO-5); a party may state when it can
attend, by the form's preset choices or by free text in "Note". Meetings are held in virtual
rooms (chat or video); a party without the equipment attends by telephone conference (CO-7).

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

from sportello._violations import ValidationError, Violation
from sportello.rules.calendar import is_working_day as _is_working_day

__all__ = [
    "MEETING_SLOTS",
    "Disponibilita",
    "FasciaOraria",
    "Giorno",
    "ModalitaIncontro",
    "SceltaPreimpostata",
    "check_availability",
    "check_modalita",
    "meeting_slots",
    "modalita_incontro",
]

#: CO-5: the meeting hours of a working day, ``start <= t < end`` each.
MEETING_SLOTS: tuple[tuple[dt.time, dt.time], ...] = (
    (dt.time(9, 0), dt.time(13, 30)),
    (dt.time(14, 0), dt.time(18, 30)),
)


class Giorno(enum.IntEnum):
    """A day of the week, numbered as :meth:`datetime.date.weekday` (Monday is 0)."""

    LUNEDI = 0
    MARTEDI = 1
    MERCOLEDI = 2
    GIOVEDI = 3
    VENERDI = 4
    SABATO = 5
    DOMENICA = 6

    @property
    def label(self) -> str:
        """The Italian name (``"lunedì"``)."""
        return _GIORNI[self][0]

    @property
    def label_en(self) -> str:
        """The English name (``"Monday"``)."""
        return _GIORNI[self][1]

    @property
    def is_meeting_day(self) -> bool:
        """CO-5: whether meetings run on this day of the week (Monday to Friday)."""
        return self <= Giorno.VENERDI


_GIORNI: dict[Giorno, tuple[str, str]] = {
    Giorno.LUNEDI: ("lunedì", "Monday"),
    Giorno.MARTEDI: ("martedì", "Tuesday"),
    Giorno.MERCOLEDI: ("mercoledì", "Wednesday"),
    Giorno.GIOVEDI: ("giovedì", "Thursday"),
    Giorno.VENERDI: ("venerdì", "Friday"),
    Giorno.SABATO: ("sabato", "Saturday"),
    Giorno.DOMENICA: ("domenica", "Sunday"),
}


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
                        giorno=item.giorno.label,
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
    """CO-7: how a virtual meeting is held."""

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


def check_modalita(
    modalita: ModalitaIncontro,
    *,
    dispositivo: bool,
    webcam: bool,
    audio: bool,
    path: str = "modalita",
) -> list[Violation]:
    """CO-7: whether a party with this equipment can attend in ``modalita``.

    A video room needs an internet-connected device, a webcam and audio (microphone and
    headphones or speakers); a chat room needs the device only. The telephone conference is the
    fallback for a party WITHOUT the device (``calendar.phone_only_without_equipment``).

    >>> [v.code for v in check_modalita(ModalitaIncontro.VIDEO, dispositivo=True, webcam=False,
    ...     audio=True)]
    ['calendar.meeting_mode_needs_equipment']
    """
    missing: list[str] = []
    if modalita is ModalitaIncontro.TELEFONO:
        if dispositivo:
            return [
                Violation.of(
                    "calendar.phone_only_without_equipment", path=path, modalita=modalita.label
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
                modalita=modalita.label,
                mancanti=missing,
            )
        ]
    return []


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
    return list(__all__)
