"""Messages of the ``billing`` family (e-bill and delivery mode)."""

from sportello._messages import Message

MESSAGES: dict[str, Message] = {
    "billing.direct_debit_required": Message(
        "EB-1",
        "La bolletta elettronica è disponibile solo con la domiciliazione bancaria.",
        "The electronic bill is available only with bank direct debit.",
    ),
    "billing.iban_missing": Message(
        "EB-1",
        "Manca l'IBAN della domiciliazione bancaria.",
        "The IBAN of the bank direct debit is missing.",
    ),
    "billing.billing_day_invalid": Message(
        "EB-2",
        "Il giorno di fatturazione deve essere tra 1 e 31 ({value}).",
        "The billing day must be from 1 to 31 ({value}).",
    ),
    "billing.contract_unknown": Message(
        "EB-3",
        "Il contratto {codice} non è tra quelli dell'account.",
        "Contract {codice} is not one of the account's.",
    ),
    "billing.registration_email_immutable": Message(
        "EB-4",
        "L'indirizzo e-mail di registrazione non si può modificare: cancella l'account dal"
        " pannello «Profilo personale» ed effettua una nuova registrazione.",
        "The registration e-mail cannot be changed: delete the account from the “Profilo"
        " personale” panel and register again.",
    ),
    "billing.other_holder": Message(
        "EB-5",
        "Il contratto ha un codice fiscale o una partita IVA diversi da quelli dell'account:"
        " effettua una nuova registrazione con un'altra e-mail.",
        "The contract has another codice fiscale or partita IVA than the account: register"
        " again with another e-mail.",
    ),
    "billing.contract_present": Message(
        "EB-5",
        "Il contratto {codice} è già nell'account.",
        "Contract {codice} is already in the account.",
    ),
}
