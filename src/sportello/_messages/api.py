"""Messages of the ``api`` family (the HTTP layer of the sandbox and the client).

The ``api.status_<n>`` entries are the titles that ``str(ApiError)`` shows in the client's
language; ``api.transport_error``, ``api.deadline_exceeded``, ``api.redirect_*`` and
``api.unexpected_answer`` are the errors the client raises itself, without a server's word.
"""

from sportello._messages import Message

MESSAGES: dict[str, Message] = {
    "api.not_found": Message(
        "",
        "La risorsa richiesta non esiste.",
        "The requested resource does not exist.",
    ),
    "api.method_not_allowed": Message(
        "",
        "Il metodo {method} non è ammesso su questa risorsa.",
        "The method {method} is not allowed on this resource.",
    ),
    "api.unauthorized": Message(
        "",
        "Accesso richiesto: il token manca, è sconosciuto o è scaduto.",
        "Authentication required: the token is missing, unknown or expired.",
    ),
    "api.invalid_json": Message(
        "",
        "Il corpo della richiesta non è un documento JSON valido.",
        "The request body is not a valid JSON document.",
    ),
    "api.json_too_deep": Message(
        "",
        "Il documento JSON è annidato oltre {max_depth} livelli.",
        "The JSON document is nested deeper than {max_depth} levels.",
    ),
    "api.json_number_too_long": Message(
        "",
        "Il documento JSON contiene un numero di oltre {max_chars} caratteri.",
        "The JSON document holds a number longer than {max_chars} characters.",
    ),
    "api.json_number_out_of_range": Message(
        "",
        "Il documento JSON contiene un numero non rappresentabile (NaN, Infinity o troppo grande).",
        "The JSON document holds a number that cannot be represented (NaN, Infinity or too large).",
    ),
    "api.json_lone_surrogate": Message(
        "",
        "Il documento JSON contiene un carattere non valido (surrogato isolato \\u{codice}).",
        "The JSON document holds an invalid character (lone surrogate \\u{codice}).",
    ),
    "api.json_duplicate_key": Message(
        "",
        "Il documento JSON ripete la chiave «{chiave}» nello stesso oggetto.",
        "The JSON document repeats the key “{chiave}” in the same object.",
    ),
    "api.body_too_large": Message(
        "",
        "Il corpo della richiesta supera il limite di {limit} byte.",
        "The request body exceeds the limit of {limit} bytes.",
    ),
    "api.invalid_parameter": Message(
        "",
        "Il parametro «{name}» non è valido.",
        "The parameter “{name}” is not valid.",
    ),
    "api.missing_parameter": Message(
        "",
        "Il parametro «{name}» è obbligatorio.",
        "The parameter “{name}” is required.",
    ),
    "api.unsupported_media_type": Message(
        "",
        "Il tipo di contenuto «{content_type}» non è accettato: usare {expected}.",
        "The content type “{content_type}” is not accepted: use {expected}.",
    ),
    "api.idempotency_key_invalid": Message(
        "",
        "L'intestazione Idempotency-Key deve avere da 1 a 255 caratteri stampabili.",
        "The Idempotency-Key header must have 1 to 255 printable characters.",
    ),
    "api.idempotency_key_reused": Message(
        "",
        "La chiave Idempotency-Key è già stata usata per una richiesta diversa.",
        "The Idempotency-Key was already used for a different request.",
    ),
    "api.injected_fault": Message(
        "",
        "Errore simulato dal sandbox (stato {status}).",
        "Fault injected by the sandbox (status {status}).",
    ),
    "api.unavailable": Message(
        "",
        "Servizio momentaneamente non disponibile: riprovare fra {retry_after} secondi.",
        "Service temporarily unavailable: retry in {retry_after} seconds.",
    ),
    "api.internal_error": Message(
        "",
        "Errore interno del servizio.",
        "Internal service error.",
    ),
    "api.not_editable": Message(
        "UP-9",
        "Questi dati sono in sola consultazione.",
        "These data are read-only.",
    ),
    "api.attachments_before_case": Message(
        "CO-6",
        "Gli allegati si aggiungono solo dopo l'invio del modulo, alla pratica {numero}.",
        "Attachments are added only after the form is sent, to the case {numero}.",
    ),
    "api.reading_already_acquired": Message(
        "RD-5",
        "L'autolettura è già stata acquisita e non si può più cancellare.",
        "The reading has already been acquired and can no longer be deleted.",
    ),
    "api.sandbox_in_use": Message(
        "",
        "Un altro sandbox sta già usando {percorso}: fermarlo, oppure scegliere un altro "
        "database (--db) e un'altra cartella dei file (--data-dir).",
        "Another sandbox is already using {percorso}: stop it, or choose another database "
        "(--db) and another files directory (--data-dir).",
    ),
    "api.request_timeout": Message(
        "",
        "La richiesta non è arrivata per intero entro {timeout} secondi.",
        "The request did not arrive whole within {timeout} seconds.",
    ),
    "api.host_not_allowed": Message(
        "",
        "Il sandbox non risponde al nome «{host}»: solo a localhost, agli indirizzi di "
        "loopback e agli host configurati.",
        "The sandbox does not answer to the name “{host}”: only to localhost, loopback "
        "addresses and the configured hosts.",
    ),
    "api.already_exists": Message(
        "",
        "Esiste già: {what}.",
        "It already exists: {what}.",
    ),
    "api.transport_error": Message(
        "",
        "Nessuna risposta utilizzabile dal servizio ({kind}: {detail}).",
        "No usable answer from the service ({kind}: {detail}).",
    ),
    "api.deadline_exceeded": Message(
        "",
        "Tempo massimo della chiamata ({deadline} s) superato; tentativi fatti: {attempts}.",
        "Deadline of the call ({deadline} s) exceeded; attempts made: {attempts}.",
    ),
    "api.redirect_other_origin": Message(
        "",
        "Reindirizzamento verso un'altra origine rifiutato ({location}): la richiesta, il suo "
        "corpo e il token non vengono inviati altrove.",
        "Redirect to another origin refused ({location}): the request, its body and the token "
        "are not sent elsewhere.",
    ),
    "api.redirect_changes_method": Message(
        "",
        "Reindirizzamento {status} di una richiesta {method} rifiutato ({location}): "
        "cambierebbe il metodo.",
        "Redirect {status} of a {method} request refused ({location}): it would change the method.",
    ),
    "api.redirect_not_replayable": Message(
        "",
        "Reindirizzamento {status} rifiutato ({location}): il file inviato non si può rileggere "
        "per inviarlo di nuovo.",
        "Redirect {status} refused ({location}): the file sent cannot be read again to send it "
        "once more.",
    ),
    "api.too_many_redirects": Message(
        "",
        "Troppi reindirizzamenti (più di {limit}), l'ultimo verso {location}.",
        "Too many redirects (more than {limit}), the last one to {location}.",
    ),
    "api.unexpected_answer": Message(
        "",
        "La risposta a {method} {resource} non rispetta il contratto.",
        "The answer to {method} {resource} does not match the contract.",
    ),
    "api.legacy_account_hint": Message(
        "",
        "Questo account è stato registrato prima del 06/10/2017: reimpostare la password "
        "(client.auth.recover_password, poi client.auth.reset_password) e completare i dati di "
        "registrazione mancanti prima di usare i servizi (AU-3).",
        "This account was registered before 06/10/2017: reset its password "
        "(client.auth.recover_password, then client.auth.reset_password) and complete the "
        "missing registration data before using the services (AU-3).",
    ),
    "api.request_ref": Message(
        "",
        "[richiesta {request_id}]",
        "[request {request_id}]",
    ),
}

#: The titles ``str(ApiError)`` shows for each status, Italian and English.
_TITLES = {
    301: ("Spostato definitivamente", "Moved permanently"),
    302: ("Spostato temporaneamente", "Found"),
    303: ("Vedi altra risorsa", "See other"),
    307: ("Reindirizzamento temporaneo", "Temporary redirect"),
    308: ("Reindirizzamento permanente", "Permanent redirect"),
    400: ("Richiesta non valida", "Bad request"),
    401: ("Non autorizzato", "Unauthorized"),
    403: ("Accesso negato", "Forbidden"),
    404: ("Non trovato", "Not found"),
    405: ("Metodo non ammesso", "Method not allowed"),
    408: ("Tempo della richiesta scaduto", "Request timeout"),
    409: ("Conflitto", "Conflict"),
    413: ("Contenuto troppo grande", "Payload too large"),
    415: ("Tipo di contenuto non supportato", "Unsupported media type"),
    422: ("Dati non validi", "Validation failed"),
    429: ("Troppe richieste", "Too many requests"),
    500: ("Errore interno", "Internal error"),
    501: ("Non implementato", "Not implemented"),
    502: ("Gateway non valido", "Bad gateway"),
    503: ("Servizio non disponibile", "Service unavailable"),
    504: ("Tempo scaduto al gateway", "Gateway timeout"),
}
MESSAGES.update(
    {f"api.status_{status}": Message("", it, en) for status, (it, en) in _TITLES.items()}
)
