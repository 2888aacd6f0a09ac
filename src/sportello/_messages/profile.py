"""Messages of the ``profile`` family (customer area: registration, supply points, personal data,
invoices, withdrawals and measurements)."""

from sportello._messages import Message

MESSAGES: dict[str, Message] = {
    # UP-6: personal data
    "profile.field_not_editable": Message(
        "UP-6",
        "Il dato «{field}» non si può modificare in autonomia: per cambiarlo occorre contattare"
        " la società.",
        "The field “{field}” cannot be changed here: it needs a request to the company.",
    ),
    "profile.phone_invalid": Message(
        "UP-6",
        "Il numero «{value}» non è valido.",
        "The number “{value}” is not valid.",
    ),
    "profile.email_invalid": Message(
        "UP-6",
        "L'indirizzo e-mail «{value}» non è valido.",
        "The e-mail address “{value}” is not valid.",
    ),
    "profile.email_undeliverable": Message(
        "UP-6",
        "L'indirizzo e-mail «{value}» non può ricevere posta.",
        "The e-mail address “{value}” cannot receive mail.",
    ),
    "profile.email_required": Message(
        "UP-6",
        "L'indirizzo e-mail è obbligatorio.",
        "The e-mail address is required.",
    ),
    # UP-4: supply points
    "profile.no_supply_points": Message(
        "UP-4",
        "Il cliente non ha punti di fornitura.",
        "The customer has no supply points.",
    ),
    "profile.supply_point_unknown": Message(
        "UP-4",
        "Il punto di fornitura {codice} non è tra quelli del cliente.",
        "Supply point {codice} is not one of the customer's.",
    ),
    "profile.supply_point_duplicate": Message(
        "UP-4",
        "Il punto di fornitura {codice} è ripetuto.",
        "Supply point {codice} appears twice.",
    ),
    "profile.supply_point_code_empty": Message(
        "UP-4",
        "Il codice del punto di fornitura è vuoto.",
        "The supply point code is empty.",
    ),
    "profile.supply_point_address_empty": Message(
        "UP-4",
        "L'indirizzo del punto di fornitura è vuoto.",
        "The supply point address is empty.",
    ),
    # UP-1..UP-3: registration and password recovery
    "profile.registration_mismatch": Message(
        "UP-1",
        "I dati inseriti non corrispondono a un cliente: controlla il codice cliente in fattura"
        " e il codice fiscale o la partita IVA.",
        "The data entered do not match a customer: check the customer code on the invoice and"
        " the codice fiscale or partita IVA.",
    ),
    "profile.tax_code_invalid": Message(
        "UP-1",
        "Inserisci un codice fiscale (16 caratteri) o una partita IVA (11 cifre) validi.",
        "Enter a valid codice fiscale (16 characters) or partita IVA (11 digits).",
    ),
    "profile.registration_email_missing": Message(
        "UP-1",
        "Indica l'indirizzo e-mail a cui inviare la password di primo accesso.",
        "Give the e-mail address to send the first-access password to.",
    ),
    # UP-5, UP-7, UP-8: invoices, withdrawals, measurements
    "profile.invoice_not_listed": Message(
        "UP-5",
        "La fattura {numero} del {data} è precedente al {dal} e non è in elenco.",
        "Invoice {numero} of {data} is before {dal} and is not listed.",
    ),
    "profile.invoice_pdf_missing": Message(
        "UP-5",
        "La fattura {numero} non ha il PDF da scaricare.",
        "Invoice {numero} has no PDF to download.",
    ),
    "profile.read_only": Message(
        "UP-9",
        "I dati della sezione «{section}» sono in sola consultazione.",
        "The data of section “{section}” are read-only.",
    ),
    "profile.amount_not_finite": Message(
        "UP-7",
        "Il valore {value} non è un numero finito.",
        "The value {value} is not a finite number.",
    ),
    "profile.amount_out_of_range": Message(
        "UP-7",
        "I prelievi del {anno} superano il valore massimo rappresentabile.",
        "The withdrawals of {anno} exceed the largest representable value.",
    ),
    "profile.csv_delimiter_invalid": Message(
        "UP-8",
        "Il separatore {value} non è valido: serve un solo carattere, diverso da virgolette e"
        " a capo.",
        "The delimiter {value} is not valid: it must be one character, not a quote or a line"
        " break.",
    ),
    "profile.not_text": Message(
        "",
        "Il valore deve essere un testo (ricevuto {type}).",
        "The value must be text (got {type}).",
    ),
    "profile.phone_too_long": Message(
        "UP-6",
        "Il numero di telefono è troppo lungo (al massimo {max} caratteri).",
        "The phone number is too long (at most {max} characters).",
    ),
    "profile.email_too_long": Message(
        "UP-6",
        "L'indirizzo e-mail è troppo lungo (al massimo {max} caratteri).",
        "The e-mail address is too long (at most {max} characters).",
    ),
    "profile.interval_reversed": Message(
        "UP-8",
        "La data finale ({al}) è precedente alla data iniziale ({dal}).",
        "The end date ({al}) is before the start date ({dal}).",
    ),
    "profile.phone_not_mobile": Message(
        "CP-4",
        "Indicare un numero di telefono cellulare.",
        "Give a mobile phone number.",
    ),
}
