"""Messages of the ``calendar`` family: meetings (CO-5, CO-7, CP-5, CP-6), range (CAL-3)."""

from sportello._messages import Message

MESSAGES: dict[str, Message] = {
    "calendar.date_out_of_range": Message(
        "CAL-3",
        "Il conteggio a partire dal {data} esce dal calendario gestito (anni da 1 a 9999).",
        "Counting from {data} leaves the supported calendar (years 1 to 9999).",
    ),
    "calendar.no_meetings_on_day": Message(
        "CO-5",
        "Gli incontri si svolgono dal lunedì al venerdì, esclusi i festivi: {giorno} non è"
        " disponibile.",
        "Meetings run Monday to Friday, except public holidays: {giorno} is not available.",
    ),
    "calendar.empty_window": Message(
        "CO-5",
        "L'orario di fine ({alle}) deve essere successivo all'orario di inizio ({dalle}).",
        "The end time ({alle}) must be after the start time ({dalle}).",
    ),
    "calendar.outside_meeting_hours": Message(
        "CO-5",
        "La fascia {dalle}-{alle} è fuori dagli orari degli incontri ({orari}).",
        "The window {dalle}-{alle} is outside the meeting hours ({orari}).",
    ),
    "calendar.meeting_mode_needs_equipment": Message(
        "CO-7",
        "La modalità «{modalita}» richiede la strumentazione mancante: {mancanti}.",
        "The mode “{modalita}” needs the missing equipment: {mancanti}.",
    ),
    "calendar.phone_only_without_equipment": Message(
        "CO-7",
        "La modalità «{modalita}» è prevista solo in assenza della strumentazione necessaria"
        " per la stanza virtuale.",
        "The mode “{modalita}” is only for a party without the equipment for the virtual room.",
    ),
    "calendar.date_before": Message(
        "CP-5",
        "La data {data} è già passata: indicare un giorno dal {dal}.",
        "The date {data} has passed: give a day from {dal}.",
    ),
    "calendar.phone_not_only_mode": Message(
        "CP-6",
        "L'incontro si tiene in una stanza virtuale (video o chat): il collegamento telefonico"
        " è solo un'eccezione, mai l'unica modalità.",
        "The meeting is held in a virtual room (video or chat): the telephone is only an"
        " exception, never the only mode.",
    ),
    "calendar.phone_reason_required": Message(
        "CP-6",
        "Il collegamento telefonico è un'eccezione: indicarne il motivo.",
        "The telephone conference is an exception: give its reason.",
    ),
}
