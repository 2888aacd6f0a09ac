"""Messages of the ``forms`` family: structural faults of a form and its cross-field rules.

``forms.required`` has no fixed rule: each form sets it (AU-1 for registrations, CO-2 for the
conciliation request; see ``docs/forms/api.md``). No message ever carries a field's value.
"""

from sportello._messages import Message

MESSAGES: dict[str, Message] = {
    "forms.not_object": Message(
        "",
        "Il modulo deve essere un oggetto JSON con i suoi campi (ricevuto: {type}).",
        "The form must be a JSON object with its fields (got: {type}).",
    ),
    "forms.required": Message(
        "",
        "Il campo è obbligatorio.",
        "This field is required.",
    ),
    "forms.unknown_field": Message(
        "",
        "Il campo «{field}» non è previsto da questo modulo.",
        'The field "{field}" is not part of this form.',
    ),
    "forms.wrong_type": Message(
        "",
        "Tipo di valore non valido: atteso {expected}, ricevuto {type}.",
        "Wrong type of value: expected {expected}, got {type}.",
    ),
    "forms.invalid_choice": Message(
        "",
        "Valore non ammesso: scegliere una voce tra {choices}.",
        "Value not allowed: choose one of {choices}.",
    ),
    "forms.invalid_date": Message(
        "",
        "Data non valida: usare il formato AAAA-MM-GG (ad esempio 2026-11-25).",
        "Invalid date: use the YYYY-MM-DD format (for example 2026-11-25).",
    ),
    "forms.too_long": Message(
        "",
        "Il testo può contenere al massimo {max_length} caratteri (ne ha {length}).",
        "The text may hold at most {max_length} characters (it has {length}).",
    ),
    "forms.descrizione_too_long": Message(
        "CO-4",
        "La descrizione può contenere al massimo {max_length} caratteri (ne ha {length}): "
        "le descrizioni più complesse possono essere inserite nel fascicolo della pratica "
        "come allegato.",
        "The description may hold at most {max_length} characters (it has {length}): longer "
        "descriptions can be added to the case file as an attachment.",
    ),
    "forms.nome_or_ragione_sociale": Message(
        "",
        "Indicare nome e cognome oppure la ragione sociale.",
        "Give the first and last name, or the company name.",
    ),
    "forms.delegato_required": Message(
        "CO-1",
        "Con il Modulo Delegato occorre indicare i dati del delegato e la procura.",
        "The Modulo Delegato needs the delegate's data and the power of attorney.",
    ),
    "forms.delegato_not_allowed": Message(
        "CO-1",
        "Con il Modulo Cliente il cliente interviene direttamente: per farsi rappresentare "
        "scegliere il Modulo Delegato.",
        "With the Modulo Cliente the customer acts directly: to be represented, choose the "
        "Modulo Delegato.",
    ),
    "forms.procura_potere_di_transigere": Message(
        "CO-1",
        "La procura deve conferire al delegato il potere di transigere.",
        "The power of attorney must give the delegate the power to settle.",
    ),
    "forms.allegato_required": Message(
        "CO-6",
        "Occorre segnalare l'allegato «{allegato}», richiesto dalla procedura: si potrà "
        "caricare nel fascicolo dopo l'invio del modulo, ricevuto il numero di pratica.",
        'The attachment "{allegato}" required by the procedure must be flagged: it can be '
        "uploaded to the case file after the form is sent and the case number is returned.",
    ),
    "forms.risposta_date_required": Message(
        "SH-3",
        "Indicare la data della risposta ritenuta insoddisfacente.",
        "Give the date of the answer judged unsatisfactory.",
    ),
    "forms.password_confirmation_mismatch": Message(
        "",
        "La conferma non coincide con la nuova password.",
        "The confirmation does not match the new password.",
    ),
    "forms.password_unchanged": Message(
        "PW-4",
        "La nuova password deve essere diversa da quella attuale.",
        "The new password must differ from the current one.",
    ),
    "forms.cli_unknown_form": Message(
        "",
        "Modulo sconosciuto «{name}». Moduli disponibili: {forms}.",
        'Unknown form "{name}". Available forms: {forms}.',
    ),
    "forms.cli_file_not_found": Message(
        "",
        "Impossibile leggere il file «{file}»: {reason}.",
        'Cannot read the file "{file}": {reason}.',
    ),
    "forms.cli_bad_json": Message(
        "",
        "Il file «{file}» non contiene JSON valido (riga {line}, colonna {column}): {reason}.",
        'The file "{file}" is not valid JSON (line {line}, column {column}): {reason}.',
    ),
    "forms.cli_file_too_large": Message(
        "",
        "Il file «{file}» supera il limite di {max_bytes} byte (opzione --max-bytes).",
        'The file "{file}" exceeds the limit of {max_bytes} bytes (option --max-bytes).',
    ),
    "forms.cli_refused_json": Message(
        "",
        "Il file «{file}» non è accettato: {reason}",
        'The file "{file}" is not accepted: {reason}',
    ),
    "forms.cli_valid": Message("", "valido", "valid"),
}
