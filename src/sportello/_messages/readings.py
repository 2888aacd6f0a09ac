"""Messages of the ``readings`` family (meter self-readings, "autolettura")."""

from sportello._messages import Message

MESSAGES: dict[str, Message] = {
    "readings.input_empty": Message(
        "RD-2", "Inserisci la lettura del contatore.", "Enter the meter reading."
    ),
    "readings.decimal_not_allowed": Message(
        "RD-2",
        "La lettura è un numero intero: la virgola non è ammessa ({value}).",
        "A reading is a whole number: the comma (decimal separator) is not allowed ({value}).",
    ),
    "readings.ambiguous": Message(
        "RD-2",
        "La lettura «{value}» è ambigua: scrivi solo le cifre, oppure separa le migliaia a gruppi"
        " di tre (45.000).",
        "The reading “{value}” is ambiguous: type the digits only, or group thousands by three"
        " (45.000).",
    ),
    "readings.not_a_number": Message(
        "RD-2",
        "La lettura «{value}» non è un numero.",
        "The reading “{value}” is not a number.",
    ),
    "readings.negative": Message(
        "RD-2",
        "La lettura non può essere negativa ({value}).",
        "A reading cannot be negative ({value}).",
    ),
    "readings.not_whole": Message(
        "RD-2",
        "La lettura deve essere un numero intero ({value}).",
        "A reading must be a whole number ({value}).",
    ),
    "readings.too_many_digits": Message(
        "RD-2",
        "La lettura ha più cifre di quelle del contatore ({cifre}).",
        "The reading has more digits than the meter shows ({cifre}).",
    ),
    "readings.input_too_long": Message(
        "RD-2",
        "La lettura ha troppe cifre: un contatore ne mostra al massimo {max}.",
        "The reading has too many digits: a meter shows at most {max}.",
    ),
    "readings.not_text": Message(
        "RD-2",
        "La lettura deve essere un testo (ricevuto {type}).",
        "The reading must be text (got {type}).",
    ),
    "readings.meter_digits_out_of_range": Message(
        "RD-2",
        "Il contatore deve avere da {min} a {max} cifre.",
        "A meter must have {min} to {max} digits.",
    ),
    "readings.corrector_missing": Message(
        "RD-2",
        "Il contatore ha il correttore: inserisci anche la lettura del correttore.",
        "The meter has a volume corrector: enter the corrector reading too.",
    ),
    "readings.corrector_not_expected": Message(
        "RD-2",
        "Il contatore non ha il correttore: inserisci solo la lettura del contatore.",
        "The meter has no volume corrector: enter the meter reading only.",
    ),
    "readings.outside_window": Message(
        "RD-1",
        "L'inserimento delle autoletture non è consentito in questo momento ({moment}).",
        "Self-readings cannot be entered at this time ({moment}).",
    ),
    "readings.window_reversed": Message(
        "RD-1",
        "Il periodo di inserimento termina ({al}) prima di iniziare ({dal}).",
        "The entry window ends ({al}) before it starts ({dal}).",
    ),
    "readings.future_date": Message(
        "",
        "La data della lettura ({data}) è successiva a oggi ({today}).",
        "The reading date ({data}) is after today ({today}).",
    ),
    "readings.one_per_day": Message(
        "RD-3",
        "È possibile inserire una sola lettura al giorno: esiste già una lettura del {data}.",
        "Only one reading a day may be entered: there is already a reading of {data}.",
    ),
    "readings.below_previous": Message(
        "",
        "La lettura è inferiore all'ultima lettura acquisita ({previous} del {data}): indica se"
        " il contatore ha fatto il giro o è stato sostituito.",
        "The reading is lower than the last acquired one ({previous} of {data}): say whether"
        " the meter rolled over or was replaced.",
    ),
    "readings.not_found": Message(
        "RD-4", "Lettura non trovata ({id}).", "Reading not found ({id})."
    ),
    "readings.confirmation_required": Message(
        "RD-4",
        "Confermi la cancellazione della lettura del {data}?",
        "Confirm the deletion of the reading of {data}?",
    ),
    "readings.already_acquired": Message(
        "RD-5",
        "La lettura del {data} è già stata acquisita e non può essere cancellata.",
        "The reading of {data} has already been acquired and cannot be deleted.",
    ),
}
