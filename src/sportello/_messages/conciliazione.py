"""Messages of the ``conciliazione`` family: the conciliation procedure (CP-1..CP-11).

Codes whose rule depends on the action or the term (``invalid_transition``,
``azione_non_ammessa``, ``termine_scaduto``) carry their rule on each violation; the entry's
rule is the one most of them name.
"""

from sportello._messages import Message

MESSAGES: dict[str, Message] = {
    # CP-1: the prior complaint (the same rule as SH-3, its own codes)
    "conciliazione.complaint_required": Message(
        "CP-1",
        "La domanda di conciliazione richiede un preventivo reclamo scritto al venditore:"
        " indicarne la data (oppure il rinvio del giudice alla conciliazione).",
        "A conciliation request needs a prior written complaint to the seller: give its date"
        " (or the court's referral to conciliation).",
    ),
    "conciliazione.too_early": Message(
        "CP-1",
        "La domanda potrà essere inviata dal {dal}: trascorsi {giorni} giorni dall'invio del"
        " reclamo senza risposta, o dopo una risposta scritta ritenuta insoddisfacente.",
        "The request may be sent from {dal}: once {giorni} days have passed since the complaint"
        " was sent without an answer, or after a written answer judged unsatisfactory.",
    ),
    "conciliazione.answer_date_required": Message(
        "CP-1",
        "Indicare la data della risposta scritta del venditore ritenuta insoddisfacente.",
        "Give the date of the seller's written answer judged unsatisfactory.",
    ),
    "conciliazione.answer_before_complaint": Message(
        "CP-1",
        "La data della risposta ({data_risposta}) precede quella del reclamo ({data_reclamo}).",
        "The answer's date ({data_risposta}) is before the complaint's ({data_reclamo}).",
    ),
    "conciliazione.future_date": Message(
        "CP-1",
        "La data {data} è successiva a oggi ({oggi}).",
        "The date {data} is after today ({oggi}).",
    ),
    # CP-2: admissibility
    "conciliazione.inammissibile_pendente": Message(
        "CP-2",
        "Domanda inammissibile: è in corso un tentativo di conciliazione sulla stessa"
        " controversia.",
        "Request inadmissible: a conciliation attempt on the same dispute is pending.",
    ),
    "conciliazione.inammissibile_concluso": Message(
        "CP-2",
        "Domanda inammissibile: un tentativo di conciliazione sulla stessa controversia è già"
        " concluso.",
        "Request inadmissible: a conciliation attempt on the same dispute is already concluded.",
    ),
    "conciliazione.inammissibile_ritirata": Message(
        "CP-2",
        "Domanda inammissibile: una domanda precedente sulla stessa controversia è stata ritirata.",
        "Request inadmissible: an earlier request on the same dispute was withdrawn.",
    ),
    "conciliazione.inammissibile_mancata_comparizione": Message(
        "CP-2",
        "Domanda inammissibile: una domanda precedente sulla stessa controversia è stata"
        " archiviata per mancata comparizione.",
        "Request inadmissible: an earlier request on the same dispute was archived because the"
        " customer did not attend.",
    ),
    "conciliazione.inammissibile_smart_help": Message(
        "CP-2",
        "Domanda inammissibile: la materia «{materia}» è risolta dalle procedure speciali"
        " SMART Help.",
        "Request inadmissible: the matter “{materia}” is resolved by the SMART Help special"
        " procedures.",
    ),
    "conciliazione.inammissibile_fiscale": Message(
        "CP-2",
        "Domanda inammissibile: le questioni esclusivamente fiscali sono escluse dalla procedura.",
        "Request inadmissible: purely tax matters are outside the procedure.",
    ),
    "conciliazione.motivo_required": Message(
        "CP-2",
        "Indicare almeno un motivo di inammissibilità.",
        "Give at least one reason of inadmissibility.",
    ),
    "conciliazione.chiave_incompleta": Message(
        "CP-2",
        "Per riconoscere la stessa controversia occorre il dato «{campo}».",
        "The datum “{campo}” is needed to recognise the same dispute.",
    ),
    # the state machine
    "conciliazione.invalid_transition": Message(
        "CP-10",
        "La procedura non può passare dallo stato «{da}» allo stato «{a}».",
        "The procedure cannot move from the state “{da}” to the state “{a}”.",
    ),
    "conciliazione.azione_non_ammessa": Message(
        "CP-10",
        "L'azione «{azione}» non è possibile nello stato «{stato}».",
        "The action “{azione}” is not possible in the state “{stato}”.",
    ),
    "conciliazione.termine_scaduto": Message(
        "CP-9",
        "Il termine è scaduto il {entro} ({termine}).",
        "The term expired on {entro} ({termine}).",
    ),
    "conciliazione.data_precedente": Message(
        "",
        "La data {oggi} precede l'ultimo aggiornamento della procedura ({aggiornata_il}).",
        "The date {oggi} is before the procedure's last update ({aggiornata_il}).",
    ),
    "conciliazione.procedura_incoerente": Message(
        "",
        "Dati della procedura incoerenti: «{campo}» non si accorda con lo stato «{stato}».",
        "Inconsistent procedure: “{campo}” does not agree with the state “{stato}”.",
    ),
    # CP-5, CP-6: meetings
    "conciliazione.incontro_gia_fissato": Message(
        "CP-5",
        "È già fissato un incontro per il {data}: per spostarlo occorre rinviarlo.",
        "A meeting is already fixed for {data}: to move it, postpone it.",
    ),
    "conciliazione.incontro_non_futuro": Message(
        "CP-5",
        "L'incontro va fissato in un giorno successivo a oggi ({oggi}).",
        "The meeting must be set on a day after today ({oggi}).",
    ),
    "conciliazione.primo_incontro_oltre_termine": Message(
        "CP-5",
        "Il primo incontro deve tenersi entro 40 giorni dalla domanda completa, cioè entro il"
        " {entro}.",
        "The first meeting must be held within 40 days of the complete request, that is by"
        " {entro}.",
    ),
    "conciliazione.stanza_required": Message(
        "CP-5",
        "Indicare la stanza virtuale dell'incontro.",
        "Give the meeting's virtual room.",
    ),
    # CP-7: postponement and no-show
    "conciliazione.rinvio_tardivo": Message(
        "CP-7",
        "Il rinvio va chiesto prima del giorno dell'incontro ({data}).",
        "A postponement must be asked before the meeting's day ({data}).",
    ),
    "conciliazione.motivo_rinvio_required": Message(
        "CP-7",
        "Indicare il motivo della richiesta di rinvio.",
        "Give the reason for the postponement.",
    ),
    "conciliazione.comparizione_prima_dell_incontro": Message(
        "CP-7",
        "La mancata comparizione si accerta dal giorno dell'incontro ({data}).",
        "A no-show can only be recorded from the meeting's day ({data}).",
    ),
    # CP-8: withdrawal
    "conciliazione.ritiro_tardivo": Message(
        "CP-8",
        "La domanda può essere ritirata fino a 2 giorni prima dell'incontro del {data}, cioè"
        " entro il {entro}.",
        "The request may be withdrawn up to 2 days before the meeting of {data}, that is by"
        " {entro}.",
    ),
    "conciliazione.ritiro_non_confermato": Message(
        "CP-8",
        "Confermare il ritiro: dopo il ritiro non si potrà presentare una nuova domanda sulla"
        " stessa controversia.",
        "Confirm the withdrawal: afterwards no new request on the same dispute can be made.",
    ),
    # CP-9: the procedure's term
    "conciliazione.incontro_oltre_termine": Message(
        "CP-9",
        "L'incontro deve tenersi entro il termine della procedura ({entro}).",
        "The meeting must be held within the procedure's term ({entro}).",
    ),
    "conciliazione.proroga_non_valida": Message(
        "CP-9",
        "La proroga deve essere di almeno un giorno (indicati: {giorni}).",
        "An extension must be at least one day (given: {giorni}).",
    ),
    "conciliazione.proroga_oltre_limite": Message(
        "CP-9",
        "La proroga non può superare {max} giorni in tutto: ne restano {residui} (chiesti:"
        " {giorni}).",
        "The extension cannot exceed {max} days in all: {residui} are left (asked: {giorni}).",
    ),
    "conciliazione.proroga_richiesta_congiunta": Message(
        "CP-9",
        "La proroga si concede su richiesta del Servizio o su richiesta congiunta delle parti"
        " (richiesta da: {parti}).",
        "An extension is granted at the Servizio's request or on the parties' joint request"
        " (asked by: {parti}).",
    ),
    # CP-10: outcomes
    "conciliazione.esito_prima_dell_incontro": Message(
        "CP-10",
        "L'esito si registra dal giorno dell'incontro ({data}).",
        "The outcome can only be recorded from the meeting's day ({data}).",
    ),
    "conciliazione.verbale_required": Message(
        "CP-10",
        "L'esito va registrato con il suo verbale (accordo o mancato accordo).",
        "The outcome needs its verbale (agreement or no agreement).",
    ),
    "conciliazione.verbale_non_firmato": Message(
        "CP-10",
        "Il verbale di accordo va sottoscritto con firma digitale o firma elettronica qualificata.",
        "The verbale di accordo must be signed with a digital or qualified electronic signature.",
    ),
    # CP-3: the customer's integration (form)
    "conciliazione.integrazione_vuota": Message(
        "CP-3",
        "L'integrazione deve contenere almeno un documento o una nota.",
        "The integration must hold at least one document or a note.",
    ),
    # CP-4: the request's content (form)
    "conciliazione.punto_or_indirizzo_required": Message(
        "CP-4",
        "Indicare il punto di fornitura (POD o PDR) oppure, se non disponibile, l'indirizzo di"
        " fornitura.",
        "Give the supply point (POD or PDR) or, where unavailable, the supply address.",
    ),
    "conciliazione.punto_and_indirizzo": Message(
        "CP-4",
        "Indicare il punto di fornitura oppure l'indirizzo di fornitura, non entrambi.",
        "Give the supply point or the supply address, not both.",
    ),
    "conciliazione.dato_persona_required": Message(
        "CP-4",
        "Per una persona fisica il dato «{campo}» è obbligatorio.",
        "For a person the datum “{campo}” is required.",
    ),
    "conciliazione.richiedente_non_domestico": Message(
        "CP-4",
        "Un'impresa, uno studio professionale o una ditta individuale è un cliente non domestico.",
        "A company, a professional firm or a sole trader is a non-domestic customer.",
    ),
    "conciliazione.codice_fiscale_persona": Message(
        "CP-4",
        "Per una persona fisica occorre il codice fiscale personale (16 caratteri).",
        "A person needs the personal codice fiscale (16 characters).",
    ),
    "conciliazione.dichiarazione_required": Message(
        "CP-4",
        "Occorre rendere la dichiarazione: {dichiarazione}.",
        "The declaration is required: {dichiarazione}.",
    ),
    "conciliazione.valore_negativo": Message(
        "CP-4",
        "Il valore della controversia non può essere negativo.",
        "The value of the dispute cannot be negative.",
    ),
    "conciliazione.valore_non_valido": Message(
        "CP-4",
        "Valore della controversia non valido: usare un importo in euro con al massimo due"
        " decimali (ad esempio 1240,50), senza separatori delle migliaia.",
        "Invalid value of the dispute: use an amount in euro with at most two decimals (for"
        " example 1240.50), without thousands separators.",
    ),
    # CP-5: the customer's availability (form)
    "conciliazione.disponibilita_vuota": Message(
        "CP-5",
        "Indicare almeno un giorno e una fascia oraria.",
        "Give at least one day and slot.",
    ),
    "conciliazione.giorno_o_data": Message(
        "CP-5",
        "Indicare il giorno della settimana oppure la data, non entrambi né nessuno.",
        "Give the day of the week or the date: one of them, not both nor neither.",
    ),
    "conciliazione.nessuna_fascia_disponibile": Message(
        "CP-5",
        "Nessuna fascia dichiarata disponibile cade in un giorno lavorativo entro il {entro}:"
        " indicare il giorno e la fascia dell'incontro.",
        "No declared slot falls on a working day by {entro}: give the meeting's day and slot.",
    ),
    "conciliazione.disponibilita_chiusa": Message(
        "CP-5",
        "La disponibilità per l'incontro non si può dichiarare nello stato «{stato}».",
        "Availability for the meeting cannot be declared in the state “{stato}”.",
    ),
}
