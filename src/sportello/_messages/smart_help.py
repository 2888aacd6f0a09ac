"""Messages of the ``smart_help`` family (SH-1..SH-5)."""

from sportello._messages import Message

MESSAGES: dict[str, Message] = {
    "smart_help.customer_not_eligible": Message(
        "SH-1",
        "La materia «{materia}» non è prevista per il {tipo_cliente}.",
        "The matter “{materia}” is not available to a {tipo_cliente}.",
    ),
    "smart_help.supply_not_covered": Message(
        "SH-1",
        "La materia «{materia}» non riguarda la fornitura di {fornitura}.",
        "The matter “{materia}” does not concern a {fornitura} supply.",
    ),
    "smart_help.wrong_counterpart": Message(
        "SH-2",
        "Per la materia «{materia}» la richiesta non può essere rivolta al {controparte}"
        " (controparte ammessa: {ammesse}).",
        "For the matter “{materia}” the request cannot be made against the {controparte}"
        " (allowed counterpart: {ammesse}).",
    ),
    "smart_help.complaint_required": Message(
        "SH-3",
        "Per la materia «{materia}» è necessario un preventivo reclamo scritto al venditore:"
        " indicare la data del reclamo.",
        "The matter “{materia}” needs a prior written complaint to the seller: give the date"
        " of the complaint.",
    ),
    "smart_help.too_early": Message(
        "SH-3",
        "La richiesta potrà essere inviata dal {dal}: trascorsi {giorni} giorni dal reclamo"
        " scritto al venditore senza risposta, o dopo una risposta ritenuta insoddisfacente.",
        "The request may be sent from {dal}: once {giorni} days have passed since the written"
        " complaint to the seller without an answer, or after an answer judged unsatisfactory.",
    ),
    "smart_help.answer_date_required": Message(
        "SH-3",
        "Indicare la data della risposta del venditore ritenuta insoddisfacente.",
        "Give the date of the seller's answer judged unsatisfactory.",
    ),
    "smart_help.answer_before_complaint": Message(
        "SH-3",
        "La data della risposta ({data_risposta}) precede quella del reclamo ({data_reclamo}).",
        "The answer's date ({data_risposta}) is before the complaint's ({data_reclamo}).",
    ),
    "smart_help.future_date": Message(
        "SH-3",
        "La data {data} è successiva a oggi ({oggi}).",
        "The date {data} is after today ({oggi}).",
    ),
    "smart_help.invalid_transition": Message(
        "SH-4",
        "La pratica non può passare dallo stato «{da}» allo stato «{a}».",
        "The case cannot move from the state “{da}” to the state “{a}”.",
    ),
    "smart_help.dettaglio_required": Message(
        "SH-5",
        "Per questa materia occorre indicare il dato «{campo}».",
        "This matter needs the datum “{campo}”.",
    ),
    "smart_help.bonus_automatico": Message(
        "SH-5",
        "Dal 2021 il bonus per disagio economico è automatico: SMART Help tratta la mancata"
        " accettazione delle sole domande presentate fino al {fino_al} (domanda del {data}).",
        "Since 2021 the economic-hardship bonus is automatic: SMART Help handles only"
        " applications not accepted that were made up to {fino_al} (application of {data}).",
    ),
    "smart_help.reclamo_accolto": Message(
        "SH-5",
        "La materia «{materia}» riguarda un reclamo non accolto o senza risposta: un reclamo"
        " accolto non richiede SMART Help.",
        "The matter “{materia}” concerns a complaint not accepted or not answered: an accepted"
        " complaint needs no SMART Help.",
    ),
    "smart_help.indennizzo_non_scaduto": Message(
        "SH-5",
        "L'indennizzo automatico può essere pagato entro {mesi} mesi dal ricevimento del"
        " reclamo, cioè entro il {entro}: la richiesta potrà essere inviata dal {dal}.",
        "The automatic indemnity may be paid within {mesi} months of the complaint's receipt,"
        " that is by {entro}: the request may be sent from {dal}.",
    ),
}
