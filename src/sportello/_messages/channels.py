"""Messages of the ``channels`` family (CH-1..CH-5)."""

from sportello._messages import Message

MESSAGES: dict[str, Message] = {
    "channels.portal_only": Message(
        "CH-1",
        "Associazioni e professionisti delegati presentano le richieste ({procedura})"
        " unicamente tramite il {portale}: il canale {canale} non è ammesso.",
        "Associations and delegated professionals submit requests ({procedura}) only through"
        " the {portale}: the channel {canale} is not allowed.",
    ),
    "channels.conciliation_offline_direct_only": Message(
        "CH-3",
        "Solo i clienti che agiscono direttamente, senza delegati, possono presentare la domanda"
        " di conciliazione via {canale}: utilizzare il {portale}.",
        "Only customers acting directly, without a delegate, may send a conciliation request by"
        " {canale}: use the {portale}.",
    ),
    "channels.smart_help_offline_domestic_only": Message(
        "CH-4",
        "L'invio via {canale} della richiesta {procedura} è ammesso solo per i clienti"
        " domestici: utilizzare il {portale}.",
        "Sending a {procedura} request by {canale} is allowed to domestic customers only: use"
        " the {portale}.",
    ),
    "channels.conciliation_offline_domestic_only": Message(
        "CH-5",
        "La domanda di conciliazione via {canale} è ammessa solo per i clienti domestici che"
        " agiscono direttamente: utilizzare il {portale}.",
        "A conciliation request by {canale} is allowed only to domestic customers acting"
        " directly: use the {portale}.",
    ),
}
