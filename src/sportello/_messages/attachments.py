"""Messages of the ``attachments`` family (AT-1..AT-6).

The rule ID given here is the default; :func:`sportello.rules.attachments.check` passes the
policy's own rule (AT-1 or AT-3 for limits, AT-2 or AT-4 for extensions).
"""

from sportello._messages import Message

MESSAGES: dict[str, Message] = {
    "attachments.too_many": Message(
        "AT-1",
        "Si possono allegare al massimo {max_count} documenti per invio (ne sono stati "
        "allegati {count}): accorpa i documenti o suddividili in più invii.",
        "At most {max_count} documents can be attached per send ({count} were attached): "
        "merge the documents or split them over several sends.",
    ),
    "attachments.total_too_large": Message(
        "AT-1",
        "La dimensione complessiva degli allegati non può superare {max_total} (è di {total}): "
        "accorpa i documenti o suddividili in più invii.",
        "The attachments together may not exceed {max_total} (they are {total}): "
        "merge the documents or split them over several sends.",
    ),
    "attachments.file_too_large": Message(
        "AT-3",
        "Il documento supera la dimensione massima di {max_file} (è di {size}).",
        "The document exceeds the maximum size of {max_file} (it is {size}).",
    ),
    "attachments.extension_not_allowed": Message(
        "AT-2",
        "L'estensione {estensione} non è consentita. Estensioni consentite: {consentite}.",
        "The extension {estensione} is not allowed. Allowed extensions: {consentite}.",
    ),
    "attachments.missing_extension": Message(
        "AT-2",
        "Il nome del file non ha un'estensione. Estensioni consentite: {consentite}.",
        "The file name has no extension. Allowed extensions: {consentite}.",
    ),
    "attachments.empty": Message(
        "",
        "Il documento è vuoto.",
        "The document is empty.",
    ),
    "attachments.not_text": Message(
        "",
        "Il valore deve essere un testo (ricevuto {type}).",
        "The value must be text (got {type}).",
    ),
    "attachments.name_empty": Message(
        "",
        "Il nome del file è vuoto.",
        "The file name is empty.",
    ),
    "attachments.name_separator": Message(
        "",
        "Il nome del file non può contenere separatori di percorso (/ o \\).",
        "The file name may not contain path separators (/ or \\).",
    ),
    "attachments.name_traversal": Message(
        "",
        "Il nome del file non può essere «.» o «..».",
        "The file name may not be '.' or '..'.",
    ),
    "attachments.name_control": Message(
        "",
        "Il nome del file contiene un carattere di controllo ({carattere}).",
        "The file name contains a control character ({carattere}).",
    ),
    "attachments.name_not_utf8": Message(
        "",
        "Il nome del file contiene caratteri non validi.",
        "The file name contains invalid characters.",
    ),
    "attachments.name_too_long": Message(
        "",
        "Il nome del file è troppo lungo: al massimo {max_bytes} byte (ne ha {bytes}).",
        "The file name is too long: at most {max_bytes} bytes (it has {bytes}).",
    ),
    "attachments.executable": Message(
        "",
        "Il file è un programma eseguibile ({rilevato}) e non può essere allegato.",
        "The file is an executable program ({rilevato}) and cannot be attached.",
    ),
    "attachments.content_mismatch": Message(
        "",
        "Il contenuto del file non corrisponde all'estensione {estensione} "
        "(formato rilevato: {rilevato}).",
        "The file's content does not match the extension {estensione} (format found: {rilevato}).",
    ),
    "attachments.archive_bomb": Message(
        "",
        "Il documento {nome} una volta aperto occuperebbe {espanso} (compressione fino a "
        "{rapporto}:1): il massimo è {max_espanso}, con compressione fino a {max_rapporto}:1.",
        "Once opened, the document {nome} would take {espanso} (compression up to "
        "{rapporto}:1): the maximum is {max_espanso}, with compression up to {max_rapporto}:1.",
    ),
    "attachments.archive_invalid": Message(
        "",
        "Il documento {nome} è danneggiato: non è un file {estensione} leggibile.",
        "The document {nome} is damaged: it is not a readable {estensione} file.",
    ),
    "attachments.archive_too_many_entries": Message(
        "",
        "Il documento {nome} contiene {voci} parti: il massimo è {max_voci}.",
        "The document {nome} holds {voci} parts: the maximum is {max_voci}.",
    ),
    "attachments.archive_nested": Message(
        "",
        "Il documento {nome} contiene un archivio dentro un documento incorporato ({parte}): "
        "sono ammessi al massimo {max_livelli} livelli.",
        "The document {nome} holds an archive inside an embedded document ({parte}): at most "
        "{max_livelli} levels are allowed.",
    ),
    "attachments.polyglot": Message(
        "",
        "Il file {estensione} nasconde un secondo formato ({rilevato}): un file che è insieme "
        "un documento e un programma o un archivio non può essere allegato.",
        "The {estensione} file hides a second format ({rilevato}): a file that is both a "
        "document and a program or an archive cannot be attached.",
    ),
    "attachments.content_unrecognized": Message(
        "",
        "Il contenuto del file non corrisponde all'estensione {estensione}.",
        "The file's content does not match the extension {estensione}.",
    ),
    "attachments.not_seekable": Message(
        "",
        "Impossibile leggere il file {nome}: serve un file posizionabile.",
        "Cannot read the file {nome}: a seekable file is needed.",
    ),
    "attachments.spcen_pending": Message(
        "AT-6",
        "Prima dei successivi invii occorre attendere l'e-mail dello Sportello con il codice "
        "SPCEN della pratica (attesa entro il {scadenza}).",
        "Before the further sends, wait for the Sportello e-mail with the case's SPCEN code "
        "(expected by {scadenza}).",
    ),
    "attachments.spcen_invalid": Message(
        "AT-6",
        "Il codice SPCEN non è valido: deve essere «SPCEN» seguito da 1 a 12 cifre.",
        "The SPCEN code is not valid: it must be 'SPCEN' followed by 1 to 12 digits.",
    ),
}
