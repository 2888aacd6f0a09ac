"""Messages of the ``notifications`` family: the e-mails of NT-2, AT-6, CP-10 and CP-11."""

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
    "notifications.scadenza": Message(
        "CP-3",
        " Va inviata entro il {entro}.",
        " It is due by {entro}.",
    ),
    "notifications.richiesta_integrazione_testo": Message(
        "NT-2",
        "Per la pratica {pratica} è richiesta un'integrazione della documentazione: {documento}."
        "{scadenza} Acceda al Portale per i dettagli.",
        "Case {pratica} needs further documents: {documento}.{scadenza} Sign in to the portal for"
        " the details.",
    ),
    "notifications.incontro_fissato_oggetto": Message(
        "NT-2",
        "Pratica {pratica}: fissato l'incontro virtuale",
        "Case {pratica}: virtual meeting scheduled",
    ),
    "notifications.incontro_fissato_testo": Message(
        "NT-2",
        "L'incontro virtuale della pratica {pratica} è fissato per il {quando} (ora italiana)"
        " nella stanza virtuale {stanza}. Verifichi i dettagli nel fascicolo della pratica sul"
        " Portale.",
        "The virtual meeting of case {pratica} has been scheduled for {quando} (Europe/Rome"
        " time) in the virtual room {stanza}. Check the details in the case file on the portal.",
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
    "notifications.domanda_ricevuta_oggetto": Message(
        "CP-11",
        "Domanda di conciliazione ricevuta: pratica {pratica}",
        "Conciliation request received: case {pratica}",
    ),
    "notifications.domanda_ricevuta_testo": Message(
        "CP-11",
        "La sua domanda di conciliazione è stata ricevuta con il numero di pratica {pratica}."
        " Inserisca subito nel fascicolo della pratica gli allegati richiesti dalla procedura.",
        "Your conciliation request has been received with case number {pratica}. Add the"
        " attachments the procedure requires to the case file now.",
    ),
    "notifications.incontro_rinviato_oggetto": Message(
        "CP-10",
        "Pratica {pratica}: incontro rinviato",
        "Case {pratica}: meeting postponed",
    ),
    "notifications.incontro_rinviato_testo": Message(
        "CP-10",
        "L'incontro virtuale della pratica {pratica} fissato per il {quando} (ora italiana) è"
        " rinviato: {motivo}. La nuova data le sarà comunicata con una nuova convocazione.",
        "The virtual meeting of case {pratica} set for {quando} (Europe/Rome time) is"
        " postponed: {motivo}. The new date will come with a new convocation.",
    ),
    "notifications.termine_prorogato_oggetto": Message(
        "CP-10",
        "Pratica {pratica}: termine della procedura prorogato",
        "Case {pratica}: the procedure's term extended",
    ),
    "notifications.termine_prorogato_testo": Message(
        "CP-10",
        "Il termine per la conclusione della procedura della pratica {pratica} è prorogato al"
        " {entro}.",
        "The term to conclude the procedure of case {pratica} is extended to {entro}.",
    ),
    "notifications.esito_accordo_oggetto": Message(
        "CP-10",
        "Pratica {pratica}: accordo raggiunto",
        "Case {pratica}: agreement reached",
    ),
    "notifications.esito_accordo_testo": Message(
        "CP-10",
        "La procedura della pratica {pratica} si è conclusa con un accordo. Il verbale di accordo"
        " ({documento}), firmato digitalmente, costituisce titolo esecutivo ed è disponibile nel"
        " fascicolo della pratica sul Portale.",
        "The procedure of case {pratica} ended in an agreement. The verbale di accordo"
        " ({documento}), digitally signed, is an enforceable title and is in the case file on"
        " the portal.",
    ),
    "notifications.esito_mancato_accordo_oggetto": Message(
        "CP-10",
        "Pratica {pratica}: mancato accordo",
        "Case {pratica}: no agreement",
    ),
    "notifications.esito_mancato_accordo_testo": Message(
        "CP-10",
        "La procedura della pratica {pratica} si è conclusa senza accordo. Con il verbale di"
        " mancato accordo ({documento}), disponibile nel fascicolo, il tentativo obbligatorio di"
        " conciliazione è esperito e può rivolgersi al giudice.",
        "The procedure of case {pratica} ended without an agreement. With the verbale di mancato"
        " accordo ({documento}), in the case file, the mandatory conciliation attempt is"
        " fulfilled and you may go to court.",
    ),
    "notifications.archiviazione_oggetto": Message(
        "CP-10",
        "Pratica {pratica}: domanda archiviata",
        "Case {pratica}: request dismissed",
    ),
    "notifications.archiviazione_testo": Message(
        "CP-10",
        "La domanda della pratica {pratica} è stata archiviata: {motivo}.",
        "The request of case {pratica} has been dismissed: {motivo}.",
    ),
    "notifications.termine_scaduto_oggetto": Message(
        "CP-10",
        "Pratica {pratica}: procedura conclusa per decorso del termine",
        "Case {pratica}: procedure ended, its term expired",
    ),
    "notifications.termine_scaduto_testo": Message(
        "CP-10",
        "Il termine della procedura della pratica {pratica} ({motivo}) è scaduto il {entro} senza"
        " un accordo: il tentativo obbligatorio di conciliazione è esperito e può rivolgersi al"
        " giudice.",
        "The term of the procedure of case {pratica} ({motivo}) expired on {entro} without an"
        " agreement: the mandatory conciliation attempt is fulfilled and you may go to court.",
    ),
    "notifications.promemoria_integrazione_oggetto": Message(
        "CP-10",
        "Pratica {pratica}: integrazione in scadenza",
        "Case {pratica}: documents due soon",
    ),
    "notifications.promemoria_integrazione_testo": Message(
        "CP-10",
        "Le ricordiamo che l'integrazione richiesta per la pratica {pratica} va inviata entro il"
        " {entro}: altrimenti la domanda non sarà attivata.",
        "A reminder: the documents requested for case {pratica} are due by {entro}; otherwise"
        " the request will not be activated.",
    ),
    "notifications.promemoria_incontro_oggetto": Message(
        "CP-10",
        "Pratica {pratica}: promemoria dell'incontro",
        "Case {pratica}: meeting reminder",
    ),
    "notifications.promemoria_incontro_testo": Message(
        "CP-10",
        "Le ricordiamo l'incontro virtuale della pratica {pratica} del {quando} (ora italiana)"
        " nella stanza virtuale {stanza}. Può ancora ritirare la domanda entro il {entro}.",
        "A reminder of the virtual meeting of case {pratica} on {quando} (Europe/Rome time) in"
        " the virtual room {stanza}. You may still withdraw the request by {entro}.",
    ),
}
