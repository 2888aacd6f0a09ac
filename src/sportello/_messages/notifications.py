"""Messages of the ``notifications`` family: the e-mails of NT-2 (and AT-6's SPCEN code)."""

from sportello._messages import Message

MESSAGES: dict[str, Message] = {
    "notifications.nuovo_documento_oggetto": Message(
        "NT-2",
        "Pratica {pratica}: nuova documentazione",
        "Case {pratica}: new documents",
    ),
    "notifications.nuovo_documento_testo": Message(
        "NT-2",
        "Nel fascicolo della pratica {pratica} è presente nuova documentazione: {documento}."
        " Acceda al Portale per consultarla.",
        "There are new documents in the file of case {pratica}: {documento}. Sign in to the"
        " portal to read them.",
    ),
    "notifications.richiesta_integrazione_oggetto": Message(
        "NT-2",
        "Pratica {pratica}: richiesta di integrazione",
        "Case {pratica}: request to complete the case",
    ),
    "notifications.richiesta_integrazione_testo": Message(
        "NT-2",
        "Per la pratica {pratica} è richiesta un'integrazione della documentazione: {documento}."
        " Acceda al Portale per i dettagli.",
        "Case {pratica} needs further documents: {documento}. Sign in to the portal for the"
        " details.",
    ),
    "notifications.incontro_fissato_oggetto": Message(
        "NT-2",
        "Pratica {pratica}: fissato l'incontro virtuale",
        "Case {pratica}: virtual meeting scheduled",
    ),
    "notifications.incontro_fissato_testo": Message(
        "NT-2",
        "L'incontro virtuale della pratica {pratica} è fissato per il {quando} (ora italiana)."
        " Verifichi i dettagli nel fascicolo della pratica sul Portale.",
        "The virtual meeting of case {pratica} has been scheduled for {quando} (Europe/Rome"
        " time). Check the details in the case file on the portal.",
    ),
    "notifications.codice_spcen_oggetto": Message(
        "AT-6",
        "Apertura pratica: codice {pratica}",
        "New case: code {pratica}",
    ),
    "notifications.codice_spcen_testo": Message(
        "AT-6",
        "La sua richiesta è stata registrata con il codice {pratica}, che identifica la pratica."
        " Da ora può effettuare gli invii successivi indicando questo codice.",
        "Your request has been registered with the code {pratica}, which identifies the case."
        " You may now make further sends quoting this code.",
    ),
}
