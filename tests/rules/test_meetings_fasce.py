"""The procedure's meetings: six fixed 90-minute slots (CP-5), video or chat (CP-6)."""

import datetime as dt

import pytest

from sportello.rules.meetings import (
    DURATA_FASCIA,
    MEETING_SLOTS,
    Disponibilita,
    DisponibilitaFascia,
    FasciaIncontro,
    FasciaOraria,
    Giorno,
    ModalitaIncontro,
    OrarioIncontro,
    SceltaPreimpostata,
    check_disponibilita_fasce,
    check_modalita,
    check_modalita_convocazione,
    fasce_incontro,
    first_available,
    is_available,
)

D = dt.date
T = dt.time
F = FasciaIncontro


def test_cp5_six_fixed_slots_of_90_minutes_inside_co5s_windows() -> None:
    """CP-5: 9:00-10:30 ... 17:00-18:30, 90 minutes each, three in each CO-5 window."""
    assert [(f.inizio, f.fine) for f in F] == [
        (T(9, 0), T(10, 30)),
        (T(10, 30), T(12, 0)),
        (T(12, 0), T(13, 30)),
        (T(14, 0), T(15, 30)),
        (T(15, 30), T(17, 0)),
        (T(17, 0), T(18, 30)),
    ]
    assert dt.timedelta(minutes=90) == DURATA_FASCIA
    for f in F:
        start, end = MEETING_SLOTS[0] if f.mattina else MEETING_SLOTS[1]
        assert start <= f.inizio
        assert f.fine <= end
    assert FasciaOraria.MATTINA.fasce == (F.ORE_09_00, F.ORE_10_30, F.ORE_12_00)
    assert FasciaOraria.POMERIGGIO.fasce == (F.ORE_14_00, F.ORE_15_30, F.ORE_17_00)
    assert F("12:00").label == F("12:00").label_en == "12:00-13:30"


@pytest.mark.parametrize(
    ("day", "slots"),
    [
        (D(2026, 12, 2), 6),  # a Wednesday
        (D(2026, 12, 5), 0),  # Saturday
        (D(2026, 12, 8), 0),  # Immacolata (CAL-3)
        (D(2026, 6, 29), 6),  # Rome's patron saints: a working day
    ],
)
def test_cp5_slots_only_on_working_days(day: dt.date, slots: int) -> None:
    """CP-5, CAL-3: all six slots on a working day, none on a weekend or public holiday."""
    assert len(fasce_incontro(day)) == slots


def test_cp5_co5_presets_stand_for_their_three_slots() -> None:
    """CP-5, CO-5: a preset (Monday afternoon) is the three afternoon slots of Mondays."""
    assert SceltaPreimpostata.LUNEDI_POMERIGGIO.disponibilita_fasce() == tuple(
        DisponibilitaFascia(Giorno.LUNEDI, f) for f in (F.ORE_14_00, F.ORE_15_30, F.ORE_17_00)
    )
    window = Disponibilita(Giorno.MARTEDI, T(10, 0), T(15, 30))
    assert [d.fascia for d in window.fasce()] == [F.ORE_10_30, F.ORE_12_00, F.ORE_14_00]


def test_cp5_availability_is_checked_against_the_slots() -> None:
    """CP-5: a weekend weekday, a holiday date or a past date are refused, each at its path."""
    found = check_disponibilita_fasce(
        [
            DisponibilitaFascia(Giorno.VENERDI, F.ORE_17_00),
            DisponibilitaFascia(Giorno.DOMENICA, F.ORE_09_00),
            DisponibilitaFascia(D(2026, 12, 25), F.ORE_10_30),
            DisponibilitaFascia(D(2026, 11, 30), F.ORE_10_30),
            DisponibilitaFascia(D(2026, 12, 1), F.ORE_10_30),
        ],
        dal=D(2026, 12, 1),
        path="fasce",
    )
    assert [(v.code, v.rule, v.path) for v in found] == [
        ("calendar.no_meetings_on_day", "CP-5", "fasce[1].giorno"),
        ("calendar.no_meetings_on_day", "CP-5", "fasce[2].giorno"),
        ("calendar.date_before", "CP-5", "fasce[3].giorno"),
    ]


def test_cp5_a_meeting_matches_a_weekday_or_a_date_and_its_slot() -> None:
    """CP-5: availability covers a meeting by its weekday or its date, and only in its slot."""
    disponibilita = [
        DisponibilitaFascia(Giorno.MERCOLEDI, F.ORE_14_00),
        DisponibilitaFascia(D(2026, 12, 3), F.ORE_09_00),
    ]
    assert is_available(disponibilita, D(2026, 12, 2), F.ORE_14_00)
    assert not is_available(disponibilita, D(2026, 12, 2), F.ORE_15_30)
    assert is_available(disponibilita, D(2026, 12, 3), F.ORE_09_00)
    assert not is_available(disponibilita, D(2026, 12, 10), F.ORE_09_00)


def test_cp5_first_available_slot_skips_holidays_and_respects_the_range() -> None:
    """CP-5: the earliest working (day, slot) the party declared, within [dal, entro]."""
    tuesdays = [DisponibilitaFascia(Giorno.MARTEDI, F.ORE_10_30)]
    # 8 December 2026 is a Tuesday and a holiday: the next Tuesday is taken
    found = first_available(tuesdays, dal=D(2026, 12, 8), entro=D(2026, 12, 31))
    assert found == OrarioIncontro(D(2026, 12, 15), F.ORE_10_30)
    assert found.inizio == dt.datetime(2026, 12, 15, 10, 30)
    assert first_available(tuesdays, dal=D(2026, 12, 8), entro=D(2026, 12, 14)) is None
    mixed = [*tuesdays, DisponibilitaFascia(D(2026, 12, 15), F.ORE_09_00)]
    assert first_available(mixed, dal=D(2026, 12, 9), entro=D(2026, 12, 31)) == (
        OrarioIncontro(D(2026, 12, 15), F.ORE_09_00)
    )
    assert (
        first_available(
            [DisponibilitaFascia(Giorno.SABATO, F.ORE_09_00)],
            dal=D(2026, 1, 1),
            entro=D(2027, 1, 1),
        )
        is None
    )
    assert first_available(tuesdays, dal=D(9999, 12, 29), entro=D(9999, 12, 31)) is None


def test_cp6_the_meeting_is_video_or_chat_the_telephone_only_beside_it() -> None:
    """CP-6: TELEFONO is never a meeting's mode; a party's telephone needs its reason."""
    assert check_modalita_convocazione(ModalitaIncontro.VIDEO) == []
    assert check_modalita_convocazione(ModalitaIncontro.CHAT, motivo_telefono="Senza PC") == []
    found = check_modalita_convocazione(
        ModalitaIncontro.TELEFONO, motivo_telefono=" ", path="incontro.modalita"
    )
    assert [(v.code, v.rule, v.path) for v in found] == [
        ("calendar.phone_not_only_mode", "CP-6", "incontro.modalita"),
        ("calendar.phone_reason_required", "CP-6", "incontro.motivo_telefono"),
    ]
    assert "mai l'unica modalità" in found[0].message()


@pytest.mark.parametrize(
    ("dispositivo", "motivo", "codes"),
    [
        (False, None, []),  # CO-7: no device is the reason
        (True, None, ["calendar.phone_only_without_equipment"]),
        (True, "  ", ["calendar.phone_only_without_equipment"]),
        (True, "Connessione instabile", []),  # CP-6: a stated reason
    ],
)
def test_cp6_a_party_by_telephone_needs_a_reason(
    dispositivo: bool, motivo: str | None, codes: list[str]
) -> None:
    """CP-6, CO-7: the telephone is the exception: without a device, or with a stated reason."""
    found = check_modalita(
        ModalitaIncontro.TELEFONO,
        dispositivo=dispositivo,
        webcam=False,
        audio=False,
        motivo_telefono=motivo,
    )
    assert [v.code for v in found] == codes


def test_cp5_refusals_carry_the_day_and_the_default_path() -> None:
    """CP-5: each refusal names its day (weekday label or date) and ``dal``, at the default path."""
    found = check_disponibilita_fasce(
        [
            DisponibilitaFascia(Giorno.SABATO, F.ORE_09_00),
            DisponibilitaFascia(D(2026, 12, 25), F.ORE_09_00),
            DisponibilitaFascia(D(2026, 11, 30), F.ORE_09_00),
        ],
        dal=D(2026, 12, 1),
    )
    assert [(v.path, v.params) for v in found] == [
        ("disponibilita[0].giorno", {"giorno": "sabato", "giorno_en": "Saturday"}),
        ("disponibilita[1].giorno", {"giorno": D(2026, 12, 25)}),
        ("disponibilita[2].giorno", {"data": D(2026, 11, 30), "dal": D(2026, 12, 1)}),
    ]
    assert [v.message() for v in found] == [
        "Gli incontri si svolgono dal lunedì al venerdì, esclusi i festivi: "
        "sabato non è disponibile.",
        "Gli incontri si svolgono dal lunedì al venerdì, esclusi i festivi: "
        "25/12/2026 non è disponibile.",
        "La data 30/11/2026 è già passata: indicare un giorno dal 01/12/2026.",
    ]
    # the first day itself is not past
    assert (
        check_disponibilita_fasce(
            [DisponibilitaFascia(D(2026, 12, 1), F.ORE_09_00)], dal=D(2026, 12, 1)
        )
        == []
    )


@pytest.mark.parametrize(
    ("giorno", "expected"),
    [
        (D(2026, 12, 2), D(2026, 12, 2)),  # dal itself
        (D(2026, 12, 14), D(2026, 12, 14)),  # entro itself
        (D(2026, 12, 1), None),  # the day before dal
        (D(2026, 12, 15), None),  # the day after entro (a working day)
        (D(2026, 12, 8), None),  # inside the range, but Immacolata
        (Giorno.MERCOLEDI, D(2026, 12, 2)),  # dal's own weekday: dal
        (Giorno.LUNEDI, D(2026, 12, 7)),  # an earlier weekday: the next week's
        (Giorno.VENERDI, D(2026, 12, 4)),  # a later weekday: this week's
    ],
    ids=str,
)
def test_cp5_first_available_range_is_inclusive_both_ends(
    giorno: Giorno | dt.date, expected: dt.date | None
) -> None:
    """CP-5: a date counts from ``dal`` to ``entro`` both included, a weekday at its next day."""
    found = first_available(
        [DisponibilitaFascia(giorno, F.ORE_12_00)], dal=D(2026, 12, 2), entro=D(2026, 12, 14)
    )
    assert found == (None if expected is None else OrarioIncontro(expected, F.ORE_12_00))


def test_cp5_first_available_a_weekday_first_falling_on_entro() -> None:
    """CP-5: a weekday whose first occurrence is ``entro`` itself is found there, not refused."""
    lunedi = [DisponibilitaFascia(Giorno.LUNEDI, F.ORE_17_00)]
    assert first_available(lunedi, dal=D(2026, 12, 2), entro=D(2026, 12, 7)) == OrarioIncontro(
        D(2026, 12, 7), F.ORE_17_00
    )
    assert first_available(lunedi, dal=D(2026, 12, 2), entro=D(2026, 12, 6)) is None


def test_cp5_first_available_looks_past_an_item_out_of_range() -> None:
    """CP-5: an item that falls outside the range is skipped and the later items still count."""
    found = first_available(
        [
            DisponibilitaFascia(D(2026, 11, 30), F.ORE_09_00),  # before dal
            DisponibilitaFascia(Giorno.SABATO, F.ORE_09_00),  # never a meeting day
            DisponibilitaFascia(Giorno.GIOVEDI, F.ORE_15_30),
            DisponibilitaFascia(Giorno.GIOVEDI, F.ORE_14_00),
        ],
        dal=D(2026, 12, 2),
        entro=D(2026, 12, 31),
    )
    assert found == OrarioIncontro(D(2026, 12, 3), F.ORE_14_00)
