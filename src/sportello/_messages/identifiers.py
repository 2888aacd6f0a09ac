"""Messages of the ``identifiers`` family (codice fiscale, partita IVA, POD, PDR, ...).

The texts never quote the identifier itself: a codice fiscale is personal data and must not
end up in logs or exception texts.
"""

from sportello._messages import Message

MESSAGES: dict[str, Message] = {
    "identifiers.empty": Message("", "Il valore è vuoto.", "The value is empty."),
    "identifiers.not_a_string": Message(
        "",
        "Il valore deve essere un testo (ricevuto: {type}).",
        "The value must be a string (got: {type}).",
    ),
    # codice fiscale
    "codice_fiscale.invalid_length": Message(
        "",
        "Il codice fiscale deve avere 16 caratteri (persone fisiche) o 11 cifre (ne ha {length}).",
        "The codice fiscale must have 16 characters (persons) or 11 digits (it has {length}).",
    ),
    "codice_fiscale.invalid_format": Message(
        "",
        "Il codice fiscale contiene caratteri non ammessi o fuori posto.",
        "The codice fiscale has characters that are not allowed or out of place.",
    ),
    "codice_fiscale.invalid_checksum": Message(
        "",
        "Il carattere di controllo del codice fiscale non è corretto.",
        "The check character of the codice fiscale is wrong.",
    ),
    "codice_fiscale.invalid_date": Message(
        "",
        "La data di nascita contenuta nel codice fiscale non esiste.",
        "The birth date encoded in the codice fiscale does not exist.",
    ),
    "codice_fiscale.invalid_office": Message(
        "",
        "Il codice dell'ufficio ({office}) del codice fiscale numerico non è valido.",
        "The office code ({office}) of the numeric codice fiscale is not valid.",
    ),
    "codice_fiscale.not_personal": Message(
        "",
        "Il codice fiscale numerico (11 cifre) non appartiene a una persona fisica.",
        "The numeric codice fiscale (11 digits) does not belong to a natural person.",
    ),
    "codice_fiscale.cognome_mismatch": Message(
        "UP-1",
        "Il cognome non corrisponde al codice fiscale.",
        "The surname does not match the codice fiscale.",
    ),
    "codice_fiscale.nome_mismatch": Message(
        "UP-1",
        "Il nome non corrisponde al codice fiscale.",
        "The first name does not match the codice fiscale.",
    ),
    "codice_fiscale.data_nascita_mismatch": Message(
        "UP-1",
        "La data di nascita non corrisponde al codice fiscale.",
        "The birth date does not match the codice fiscale.",
    ),
    "codice_fiscale.sesso_mismatch": Message(
        "UP-1",
        "Il sesso non corrisponde al codice fiscale.",
        "The sex does not match the codice fiscale.",
    ),
    "codice_fiscale.luogo_unknown": Message(
        "",
        "Il codice del luogo di nascita contenuto nel codice fiscale non corrisponde a nessun "
        "comune né Stato estero.",
        "The birthplace code in the codice fiscale is no known comune or foreign state.",
    ),
    "codice_fiscale.luogo_suppressed": Message(
        "",
        "Il luogo di nascita del codice fiscale, {luogo}, alla data di nascita era già stato "
        "soppresso (è esistito dal {dal} al {al}).",
        "The birthplace in the codice fiscale, {luogo}, had been suppressed by the birth date "
        "(it existed from {dal} to {al}).",
    ),
    "codice_fiscale.luogo_not_yet": Message(
        "",
        "Il luogo di nascita del codice fiscale, {luogo}, alla data di nascita non era ancora "
        "stato istituito (lo è stato il {dal}).",
        "The birthplace in the codice fiscale, {luogo}, did not exist yet on the birth date "
        "(it was instituted on {dal}).",
    ),
    "codice_fiscale.luogo_mismatch": Message(
        "UP-1",
        "Il luogo di nascita non corrisponde al codice fiscale.",
        "The birthplace does not match the codice fiscale.",
    ),
    "codice_fiscale.no_letters": Message(
        "",
        "Il nome o il cognome non contiene lettere latine da cui calcolare il codice fiscale.",
        "The name has no Latin letters to compute the codice fiscale from.",
    ),
    "codice_fiscale.invalid_sesso": Message(
        "",
        "Il sesso deve essere M o F.",
        "The sex must be M or F.",
    ),
    # places (Belfiore codes)
    "luoghi.invalid_format": Message(
        "",
        "Il codice catastale deve essere una lettera seguita da tre cifre (es. H501).",
        "The cadastral code must be a letter followed by three digits (e.g. H501).",
    ),
    "luoghi.unknown_code": Message(
        "",
        "Il codice catastale non corrisponde a nessun comune né Stato estero.",
        "The cadastral code is no known comune or foreign state.",
    ),
    "luoghi.not_found": Message(
        "",
        "Nessun comune né Stato estero ha questo nome.",
        "No comune or foreign state has this name.",
    ),
    "luoghi.provincia_mismatch": Message(
        "",
        "Nessun luogo con questo nome nella provincia indicata (si trova in: {province}).",
        "No place of this name in the province given (it is in: {province}).",
    ),
    "luoghi.ambiguous": Message(
        "",
        "Più luoghi hanno questo nome ({candidati}): indicare la provincia.",
        "Several places have this name ({candidati}): give the province.",
    ),
    "luoghi.suppressed": Message(
        "",
        "{luogo} a quella data era già stato soppresso (è esistito dal {dal} al {al}).",
        "{luogo} had been suppressed by that date (it existed from {dal} to {al}).",
    ),
    "luoghi.not_yet": Message(
        "",
        "{luogo} non era ancora stato istituito a quella data (lo è stato il {dal}).",
        "{luogo} did not exist yet on that date (it was instituted on {dal}).",
    ),
    # partita IVA
    "partita_iva.invalid_length": Message(
        "",
        "La partita IVA deve avere 11 cifre (ne ha {length}).",
        "The partita IVA must have 11 digits (it has {length}).",
    ),
    "partita_iva.invalid_format": Message(
        "",
        "La partita IVA deve contenere solo cifre e non può iniziare con sette zeri.",
        "The partita IVA must contain digits only and cannot start with seven zeros.",
    ),
    "partita_iva.invalid_checksum": Message(
        "",
        "La cifra di controllo della partita IVA non è corretta.",
        "The check digit of the partita IVA is wrong.",
    ),
    "partita_iva.invalid_office": Message(
        "",
        "Il codice dell'ufficio provinciale ({office}) della partita IVA non è valido.",
        "The provincial office code ({office}) of the partita IVA is not valid.",
    ),
    # POD
    "pod.invalid_length": Message(
        "UP-4",
        "Il codice POD deve avere 14 caratteri, o 15 con il carattere finale (ne ha {length}).",
        "The POD must have 14 characters, or 15 with the trailing character (it has {length}).",
    ),
    "pod.invalid_format": Message(
        "UP-4",
        "Il codice POD deve avere la forma IT, tre cifre del distributore, E, otto cifre "
        "(es. IT001E12345678).",
        "The POD must read IT, three distributor digits, E, eight digits (e.g. IT001E12345678).",
    ),
    # PDR
    "pdr.invalid_length": Message(
        "UP-4",
        "Il codice PDR deve avere 14 cifre (ne ha {length}).",
        "The PDR must have 14 digits (it has {length}).",
    ),
    "pdr.invalid_format": Message(
        "UP-4",
        "Il codice PDR deve contenere solo cifre.",
        "The PDR must contain digits only.",
    ),
    # codice cliente
    "codice_cliente.invalid_length": Message(
        "UP-2",
        "Il codice cliente deve avere {digits} cifre (ne ha {length}).",
        "The customer code must have {digits} digits (it has {length}).",
    ),
    "codice_cliente.invalid_format": Message(
        "UP-2",
        "Il codice cliente deve contenere solo cifre.",
        "The customer code must contain digits only.",
    ),
    # IBAN
    "iban.invalid_length": Message(
        "",
        "L'IBAN non ha la lunghezza prevista per il suo paese (ne ha {length}).",
        "The IBAN does not have the length its country requires (it has {length}).",
    ),
    "iban.invalid_format": Message(
        "",
        "L'IBAN contiene caratteri non ammessi o fuori posto.",
        "The IBAN has characters that are not allowed or out of place.",
    ),
    "iban.invalid_checksum": Message(
        "",
        "Le cifre di controllo dell'IBAN non sono corrette.",
        "The check digits of the IBAN are wrong.",
    ),
    "iban.invalid_country": Message(
        "",
        "Il paese ({country}) indicato all'inizio dell'IBAN non è riconosciuto.",
        "The country ({country}) at the start of the IBAN is not known.",
    ),
    "iban.invalid_check_digits": Message(
        "",
        "Le cifre di controllo dell'IBAN (terzo e quarto carattere) devono essere due cifre "
        "tra 02 e 98.",
        "The check digits of the IBAN (third and fourth characters) must be two digits from "
        "02 to 98.",
    ),
    "iban.invalid_cin": Message(
        "",
        "Il CIN (la lettera di controllo dopo le cifre di controllo) dell'IBAN non è corretto.",
        "The CIN (the check letter after the check digits) of the IBAN is wrong.",
    ),
    "iban.not_italian": Message(
        "EB-1",
        "Per la domiciliazione bancaria serve un IBAN italiano (inizia con IT).",
        "Bank direct debit needs an Italian IBAN (starting with IT).",
    ),
}
