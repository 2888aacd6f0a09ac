"""Virtual meetings: hours and availability (CO-5), mode (CO-7)."""

import datetime as dt

import pytest

from sportello import ValidationError
from sportello.rules.meetings import (
    MEETING_SLOTS,
    Disponibilita,
    DisponibilitaFascia,
    FasciaIncontro,
    FasciaOraria,
    Giorno,
    ModalitaIncontro,
    SceltaPreimpostata,
    check_availability,
    check_modalita,
    check_modalita_convocazione,
    meeting_slots,
    modalita_incontro,
)

T = dt.time


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 11, 25), list(MEETING_SLOTS)),
        (dt.date(2026, 6, 29), list(MEETING_SLOTS)),  # 29 June closes only the helpline
        (dt.date(2026, 11, 28), []),  # Saturday
        (dt.date(2026, 11, 29), []),  # Sunday
        (dt.date(2026, 12, 8), []),  # public holiday on a Tuesday
    ],
    ids=str,
)
def test_meeting_slots(day: dt.date, expected: list[tuple[dt.time, dt.time]]) -> None:
    """CO-5: 9:00-13:30 and 14:00-18:30 on working days, none on weekends and holidays."""
    assert meeting_slots(day) == expected


def test_slots_are_the_seed_hours() -> None:
    """CO-5: the meeting hours are the seed's 9:00-13:30 and 14:00-18:30."""
    assert ((T(9), T(13, 30)), (T(14), T(18, 30))) == MEETING_SLOTS
    assert (FasciaOraria.MATTINA.dalle, FasciaOraria.MATTINA.alle) == (T(9), T(13, 30))
    assert (FasciaOraria.POMERIGGIO.dalle, FasciaOraria.POMERIGGIO.alle) == (T(14), T(18, 30))


def test_preset_choices_cover_weekdays_times_slots() -> None:
    """CO-5: ten preset choices, Monday to Friday times morning and afternoon, all valid."""
    assert len(SceltaPreimpostata) == 10
    assert {s.giorno for s in SceltaPreimpostata} == {g for g in Giorno if g.is_meeting_day}
    assert check_availability(list(SceltaPreimpostata)) == []
    assert SceltaPreimpostata.VENERDI_MATTINA.label == "venerdì mattina (9:00-13:30)"
    assert SceltaPreimpostata.VENERDI_MATTINA.label_en == "Friday morning (9:00-13:30)"


@pytest.mark.parametrize(
    ("item", "codes"),
    [
        (Disponibilita(Giorno.LUNEDI, T(9), T(13, 30)), []),
        (Disponibilita(Giorno.LUNEDI, T(9), T(18, 30)), []),  # whole day, across the break
        (Disponibilita(Giorno.MARTEDI, T(13), T(14, 30)), []),
        (Disponibilita(dt.date(2026, 11, 25), T(15), T(16)), []),
        (Disponibilita(Giorno.LUNEDI, T(8, 30), T(10)), ["calendar.outside_meeting_hours"]),
        (Disponibilita(Giorno.LUNEDI, T(18), T(19)), ["calendar.outside_meeting_hours"]),
        (Disponibilita(Giorno.LUNEDI, T(13, 30), T(14)), ["calendar.outside_meeting_hours"]),
        (Disponibilita(Giorno.LUNEDI, T(12), T(10)), ["calendar.empty_window"]),
        (Disponibilita(Giorno.LUNEDI, T(10), T(10)), ["calendar.empty_window"]),
        (Disponibilita(Giorno.DOMENICA, T(10), T(11)), ["calendar.no_meetings_on_day"]),
        (
            Disponibilita(dt.date(2026, 12, 25), T(10), T(11)),
            ["calendar.no_meetings_on_day"],
        ),
        (
            Disponibilita(Giorno.SABATO, T(19), T(8)),
            ["calendar.no_meetings_on_day", "calendar.empty_window"],
        ),
    ],
    ids=str,
)
def test_check_availability_table(item: Disponibilita, codes: list[str]) -> None:
    """CO-5: windows off the meeting days or hours, or empty, are refused with rule CO-5."""
    found = check_availability([item])
    assert [v.code for v in found] == codes
    assert all(v.rule == "CO-5" for v in found)


def test_check_availability_collects_every_item_with_paths() -> None:
    """CO-5: every bad window is reported at its own indexed path."""
    found = check_availability(
        [
            SceltaPreimpostata.LUNEDI_MATTINA,
            Disponibilita(Giorno.SABATO, T(9), T(10)),
            Disponibilita(Giorno.LUNEDI, T(7), T(8)),
        ],
        path="parte.disponibilita",
    )
    assert [(v.code, v.path) for v in found] == [
        ("calendar.no_meetings_on_day", "parte.disponibilita[1].giorno"),
        ("calendar.outside_meeting_hours", "parte.disponibilita[2]"),
    ]
    assert found[1].message() == (
        "La fascia 07:00-08:00 è fuori dagli orari degli incontri (9:00-13:30, 14:00-18:30)."
    )
    assert "sabato" in found[0].message()


@pytest.mark.parametrize(
    ("dispositivo", "webcam", "audio", "expected"),
    [
        (True, True, True, ModalitaIncontro.VIDEO),
        (True, False, True, ModalitaIncontro.CHAT),
        (True, True, False, ModalitaIncontro.CHAT),
        (False, False, False, ModalitaIncontro.TELEFONO),
        (False, True, True, ModalitaIncontro.TELEFONO),
    ],
)
def test_modalita_incontro_default_choice(
    dispositivo: bool, webcam: bool, audio: bool, expected: ModalitaIncontro
) -> None:
    """CO-7: video with full equipment, chat with a device, telephone without one."""
    assert modalita_incontro(dispositivo=dispositivo, webcam=webcam, audio=audio) is expected


def test_preferred_mode_is_kept_when_possible() -> None:
    """CO-7: a feasible preference wins over the default."""
    assert (
        modalita_incontro(webcam=True, audio=True, preferita=ModalitaIncontro.CHAT)
        is ModalitaIncontro.CHAT
    )


def test_infeasible_preference_raises() -> None:
    """CO-7: video without webcam, or telephone with the equipment, is refused."""
    with pytest.raises(ValidationError) as err:
        modalita_incontro(webcam=False, audio=False, preferita=ModalitaIncontro.VIDEO)
    assert err.value.codes == ("calendar.meeting_mode_needs_equipment",)
    assert err.value.violations[0].params["mancanti"] == ["webcam", "audio"]
    assert err.value.violations[0].rule == "CO-7"
    with pytest.raises(ValidationError) as err2:
        modalita_incontro(webcam=True, audio=True, preferita=ModalitaIncontro.TELEFONO)
    assert err2.value.codes == ("calendar.phone_only_without_equipment",)


def test_check_modalita_chat_needs_a_device() -> None:
    """CO-7: a chat room needs an internet-connected device."""
    found = check_modalita(ModalitaIncontro.CHAT, dispositivo=False, webcam=True, audio=True)
    assert [v.params["mancanti"] for v in found] == [["dispositivo"]]
    assert check_modalita(ModalitaIncontro.CHAT, dispositivo=True, webcam=False, audio=False) == []


def test_labels_in_both_languages() -> None:
    """CO-7: modes and days have Italian and English labels."""
    assert ModalitaIncontro.TELEFONO.label == "Call conference (telefono)"
    assert ModalitaIncontro.VIDEO.label_en == "Video conference"
    assert Giorno.MERCOLEDI.label == "mercoledì"
    assert Giorno.MERCOLEDI.label_en == "Wednesday"


def test_check_availability_refusals_carry_their_params_at_default_paths() -> None:
    """CO-5: each refusal names the day or the window's times, at ``disponibilita[i]...``."""
    found = check_availability(
        [
            Disponibilita(Giorno.SABATO, T(9), T(10)),
            Disponibilita(dt.date(2026, 12, 25), T(12), T(10)),
        ]
    )
    assert [(v.code, v.path, v.params) for v in found] == [
        (
            "calendar.no_meetings_on_day",
            "disponibilita[0].giorno",
            {"giorno": "sabato", "giorno_en": "Saturday"},
        ),
        (
            "calendar.no_meetings_on_day",
            "disponibilita[1].giorno",
            {"giorno": dt.date(2026, 12, 25)},
        ),
        ("calendar.empty_window", "disponibilita[1].alle", {"dalle": T(12), "alle": T(10)}),
    ]
    assert [v.message() for v in found] == [
        "Gli incontri si svolgono dal lunedì al venerdì, esclusi i festivi: "
        "sabato non è disponibile.",
        "Gli incontri si svolgono dal lunedì al venerdì, esclusi i festivi: "
        "25/12/2026 non è disponibile.",
        "L'orario di fine (10:00) deve essere successivo all'orario di inizio (12:00).",
    ]
    assert found[0].message("en").endswith(": Saturday is not available.")


def test_window_read_as_slots_includes_both_edges_and_keeps_the_day() -> None:
    """CP-5: a slot starting or ending exactly at the window's edges is inside it, same day."""
    window = Disponibilita(dt.date(2026, 12, 3), T(9), T(12))
    assert window.fasce() == (
        DisponibilitaFascia(dt.date(2026, 12, 3), FasciaIncontro.ORE_09_00),
        DisponibilitaFascia(dt.date(2026, 12, 3), FasciaIncontro.ORE_10_30),
    )
    assert Disponibilita(Giorno.LUNEDI, T(9, 1), T(11, 59)).fasce() == ()


def test_check_modalita_refusals_carry_the_mode_at_the_default_path() -> None:
    """CO-7: the telephone with a device and a room without it name the mode, at ``modalita``."""
    (phone,) = check_modalita(ModalitaIncontro.TELEFONO, dispositivo=True, webcam=True, audio=True)
    assert (phone.code, phone.path, phone.params) == (
        "calendar.phone_only_without_equipment",
        "modalita",
        {"modalita": "Call conference (telefono)", "modalita_en": "Call conference (telephone)"},
    )
    assert phone.message("en").startswith("The mode “Call conference (telephone)” is only")
    assert phone.message() == (
        "La modalità «Call conference (telefono)» è prevista solo in assenza della "
        "strumentazione necessaria per la stanza virtuale."
    )
    (chat,) = check_modalita(ModalitaIncontro.CHAT, dispositivo=False, webcam=False, audio=False)
    assert (chat.code, chat.path, chat.params) == (
        "calendar.meeting_mode_needs_equipment",
        "modalita",
        {
            "modalita": "Chat",
            "modalita_en": "Chat",
            "mancanti": ["dispositivo"],
            "mancanti_en": ["device"],
        },
    )
    assert chat.message("en") == "The mode “Chat” needs the missing equipment: device."
    assert chat.message() == "La modalità «Chat» richiede la strumentazione mancante: dispositivo."
    (video,) = check_modalita(
        ModalitaIncontro.VIDEO, dispositivo=True, webcam=True, audio=False, path="parte.modalita"
    )
    assert (video.path, video.params["mancanti"]) == ("parte.modalita", ["audio"])


def test_preferred_video_is_kept_with_full_equipment() -> None:
    """CO-7: a video preference with webcam and audio is feasible: the equipment is passed on."""
    assert (
        modalita_incontro(webcam=True, audio=True, preferita=ModalitaIncontro.VIDEO)
        is ModalitaIncontro.VIDEO
    )
    with pytest.raises(ValidationError) as err:
        modalita_incontro(webcam=True, audio=False, preferita=ModalitaIncontro.VIDEO)
    assert err.value.violations[0].params["mancanti"] == ["audio"]


def test_cp6_convened_mode_default_path_and_a_nested_reason_path() -> None:
    """CP-6: the refusal is at ``modalita`` by default; the reason sits beside a nested path."""
    (only,) = check_modalita_convocazione(ModalitaIncontro.TELEFONO)
    assert (only.code, only.path) == ("calendar.phone_not_only_mode", "modalita")
    found = check_modalita_convocazione(
        ModalitaIncontro.VIDEO, motivo_telefono="", path="pratica.incontro.modalita"
    )
    assert [(v.code, v.path) for v in found] == [
        ("calendar.phone_reason_required", "pratica.incontro.motivo_telefono")
    ]
    (reason,) = check_modalita_convocazione(ModalitaIncontro.CHAT, motivo_telefono="")
    assert reason.path == "motivo_telefono"
