"""Messages of the ``batch`` family: batch files, their rows and the ``sportello batch`` command.

The ``batch.cli_*`` entries are the command's own lines (prompts, progress, summary, errors);
the others are violations of a file or of a row, reported with the row and the column.
"""

from sportello._messages import Message

MESSAGES: dict[str, Message] = {
    # -- the file
    "batch.file_unreadable": Message(
        "",
        "Impossibile leggere il file «{file}»: {reason}.",
        'Cannot read the file "{file}": {reason}.',
    ),
    "batch.duplicate_column": Message(
        "",
        "La colonna «{column}» compare più volte nell'intestazione.",
        'The column "{column}" appears more than once in the header.',
    ),
    "batch.unknown_column": Message(
        "",
        "La colonna «{column}» non è un campo del modulo: controllare l'intestazione con "
        "`sportello batch template`.",
        'The column "{column}" is not a field of the form: compare the header with '
        "`sportello batch template`.",
    ),
    "batch.extra_cell": Message(
        "",
        "La riga ha più celle delle colonne dell'intestazione.",
        "The row has more cells than the header has columns.",
    ),
    # -- a row
    "batch.riferimento_required": Message(
        "",
        "Il riferimento è obbligatorio: è il vostro codice della pratica, unico nel file.",
        "The reference is required: it is your own code of the case, unique in the file.",
    ),
    "batch.riferimento_invalid": Message(
        "",
        "Riferimento non valido: da 1 a 64 caratteri tra lettere, cifre, punto, trattino e "
        "trattino basso.",
        "Invalid reference: 1 to 64 characters among letters, digits, dot, dash and underscore.",
    ),
    "batch.riferimento_duplicate": Message(
        "",
        "Il riferimento «{riferimento}» è già usato alla riga {riga}.",
        'The reference "{riferimento}" is already used on row {riga}.',
    ),
    "batch.boolean_invalid": Message(
        "",
        "Valore non valido: scrivere sì oppure no.",
        "Invalid value: write sì (yes) or no.",
    ),
    "batch.date_invalid": Message(
        "",
        "Data non valida: usare AAAA-MM-GG oppure GG/MM/AAAA.",
        "Invalid date: use YYYY-MM-DD or DD/MM/YYYY.",
    ),
    "batch.allegati_dir_missing": Message(
        "",
        "La cartella degli allegati «{cartella}» non esiste.",
        'The attachments folder "{cartella}" does not exist.',
    ),
    "batch.allegato_missing": Message(
        "CO-6",
        "Il documento «{nome}» indicato tra gli allegati non è nella cartella «{cartella}».",
        'The document "{nome}" listed among the attachments is not in the folder "{cartella}".',
    ),
    "batch.row_changed": Message(
        "",
        "La riga è cambiata dopo l'invio: la pratica già aperta con questo riferimento resta "
        "com'era. Per una nuova pratica usare un altro riferimento.",
        "The row changed after it was sent: the case already opened with this reference stays "
        "as it was. Use another reference for a new case.",
    ),
    "batch.form_not_a_case": Message(
        "",
        "Il modulo {form} non apre una pratica: usare domanda_conciliazione, "
        "richiesta_smart_help, richiesta_informazioni o segnalazione.",
        "The form {form} does not open a case: use domanda_conciliazione, "
        "richiesta_smart_help, richiesta_informazioni or segnalazione.",
    ),
    "batch.form_mismatch": Message(
        "",
        "Il giornale «{journal}» è di un invio del modulo {found}, non di {form}.",
        'The journal "{journal}" belongs to a batch of the form {found}, not {form}.',
    ),
    # -- the command
    "batch.cli_no_credentials": Message(
        "",
        "Credenziali mancanti: impostare SPORTELLO_USERNAME e SPORTELLO_PASSWORD, oppure "
        "eseguire il comando da un terminale per inserirle.",
        "No credentials: set SPORTELLO_USERNAME and SPORTELLO_PASSWORD, or run the command "
        "from a terminal to type them.",
    ),
    "batch.cli_prompt_username": Message("", "Username: ", "Username: "),
    "batch.cli_prompt_password": Message(
        "", "Password (non viene mostrata): ", "Password (not shown): "
    ),
    "batch.cli_login_failed": Message(
        "",
        "Accesso non riuscito: {error}",
        "Login failed: {error}",
    ),
    "batch.cli_unavailable": Message(
        "",
        "Server non disponibile dopo i tentativi: {error}. Il lavoro fatto è nel giornale: "
        "rilanciare lo stesso comando per riprendere.",
        "Server unavailable after the retries: {error}. The work done is in the journal: run "
        "the same command again to resume.",
    ),
    "batch.cli_interrupted": Message(
        "",
        "Interrotto. Il lavoro fatto è nel giornale: rilanciare lo stesso comando per riprendere.",
        "Interrupted. The work done is in the journal: run the same command again to resume.",
    ),
    "batch.cli_needs_openpyxl": Message(
        "",
        "Per i file XLSX serve openpyxl: pip install 'sportello[batch]'.",
        "XLSX files need openpyxl: pip install 'sportello[batch]'.",
    ),
    "batch.cli_no_journal": Message(
        "",
        "Nessun giornale «{journal}»: eseguire prima `sportello batch submit`.",
        'No journal "{journal}": run `sportello batch submit` first.',
    ),
    "batch.cli_template_written": Message(
        "",
        "Modello del modulo {form} scritto in {file} ({columns} colonne); valori ammessi in "
        "{values}.",
        "Template of the form {form} written to {file} ({columns} columns); allowed values in "
        "{values}.",
    ),
    "batch.cli_report_written": Message(
        "",
        "Rapporto scritto in {file}.",
        "Report written to {file}.",
    ),
    "batch.cli_export_written": Message(
        "",
        "Esportazione scritta in {file}: {pratiche} pratiche.",
        "Export written to {file}: {pratiche} cases.",
    ),
    "batch.cli_progress_check": Message("", "Controllo delle righe", "Checking the rows"),
    "batch.cli_progress_submit": Message("", "Invio delle pratiche", "Submitting the cases"),
    "batch.cli_progress_sync": Message("", "Aggiornamento", "Updating"),
    "batch.cli_summary_title": Message("", "Riepilogo", "Summary"),
    "batch.cli_summary_rows": Message("", "Righe nel file", "Rows in the file"),
    "batch.cli_summary_invalid": Message(
        "", "Righe non valide (non inviate)", "Invalid rows (not sent)"
    ),
    "batch.cli_summary_sent": Message(
        "", "Pratiche inviate in questa esecuzione", "Cases submitted in this run"
    ),
    "batch.cli_summary_already": Message(
        "", "Pratiche già inviate prima", "Cases submitted before"
    ),
    "batch.cli_summary_refused": Message(
        "", "Righe rifiutate dal server", "Rows refused by the server"
    ),
    "batch.cli_summary_attachments": Message(
        "", "Allegati caricati in questa esecuzione", "Attachments uploaded in this run"
    ),
    "batch.cli_summary_pending": Message(
        "", "Righe ancora da completare", "Rows still to complete"
    ),
    "batch.cli_summary_events": Message("", "Nuovi eventi", "New events"),
    "batch.cli_summary_changed": Message("", "Pratiche aggiornate", "Cases updated"),
    "batch.cli_summary_documents": Message("", "Documenti scaricati", "Documents downloaded"),
    "batch.cli_summary_journal": Message("", "Giornale", "Journal"),
    "batch.cli_summary_report": Message("", "Rapporto", "Report"),
    "batch.cli_no_url": Message(
        "",
        "Indirizzo del servizio mancante: usare --url oppure SPORTELLO_URL.",
        "No service address: use --url or SPORTELLO_URL.",
    ),
    "batch.cli_more_violations": Message(
        "",
        "... e altre {count}: vedere il rapporto.",
        "... and {count} more: see the report.",
    ),
    "batch.cli_valid": Message(
        "",
        "Tutte le {righe} righe sono valide.",
        "All {righe} rows are valid.",
    ),
}
