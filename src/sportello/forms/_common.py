"""Records and checks shared by several forms: the customer, the delegate, the counterpart.

The checks here are written over any record with the named attributes, so that a flat form
(:class:`~sportello.forms.RegistrazioneSportello`) and a nested record (:class:`Cliente`) share
them.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Callable, Iterator
from typing import Any

import attrs

from sportello._violations import Violation
from sportello.forms._fields import CodiceFiscale, CodicePunto, Email, PartitaIva, Telefono
from sportello.forms._registry import check, info, record
from sportello.rules.channels import Delegato as TipoDelegato
from sportello.rules.smart_help import Controparte as RuoloControparte
from sportello.rules.smart_help import Fornitura, TipoCliente

__all__ = [
    "Cliente",
    "Controparte",
    "Delegato",
    "Procura",
    "RuoloControparte",
    "Sesso",
    "TipoCliente",
    "TipoDelegato",
    "check_codice_fiscale_matches",
    "check_nome_or_ragione_sociale",
    "fornitura_of",
]


class Sesso(enum.StrEnum):
    """The sex as the codice fiscale encodes it."""

    M = "M"
    F = "F"


def check_nome_or_ragione_sociale(r: Any) -> Iterator[Violation]:
    """AU-1, AU-5: nome and cognome, or the ragione sociale (company name), are mandatory.

    Each missing one of ``nome``/``cognome`` is reported when no ``ragione_sociale`` is given
    (``forms.nome_or_ragione_sociale``, with the form's required-field rule).
    """
    if r.ragione_sociale is not None:
        return
    for name in ("nome", "cognome"):
        if getattr(r, name) is None:
            yield Violation.of("forms.nome_or_ragione_sociale", path=name)


def check_codice_fiscale_matches(r: Any) -> list[Violation]:
    """AU-1: a personal codice fiscale must match the declared nome, cognome, birth date, sex.

    Runs when the code is a person's (16 characters) and both names are given; the birth date
    and the sex are compared when given. Delegates to
    :func:`sportello.rules.identifiers.codice_fiscale.matches_validated` (the field's kind has
    already validated the code); its violations are reported under AU-1 (the registration data
    of the Sportello portal).
    """
    code, nome, cognome = r.codice_fiscale, r.nome, r.cognome
    if len(code) != 16 or nome is None or cognome is None:
        return []
    sesso = None if r.sesso is None else "M" if r.sesso is Sesso.M else "F"
    found = _matches()(code, nome=nome, cognome=cognome, data_nascita=r.data_nascita, sesso=sesso)
    return [attrs.evolve(v, rule="AU-1") for v in found] if found else found


@functools.cache
def _matches() -> Callable[..., list[Violation]]:
    """:func:`~sportello.rules.identifiers.codice_fiscale.matches_validated`, imported once."""
    from sportello.rules.identifiers.codice_fiscale import matches_validated

    return matches_validated


@record(
    "Cliente finale",
    description="Il cliente finale: nome e cognome o ragione sociale, codice fiscale, recapiti.",
)
@attrs.frozen(kw_only=True)
class Cliente:
    """The final customer a request is about (AU-1: names or company name, codice fiscale).

    Attributes:
        tipo_cliente: domestic or non-domestic customer.
        nome: first name (a person).
        cognome: last name (a person).
        ragione_sociale: company name (instead of nome and cognome).
        codice_fiscale: personal codice fiscale (16 characters) or the company's (11 digits).
        data_nascita: birth date, compared with the codice fiscale when given (AU-1).
        sesso: sex, compared with the codice fiscale when given (AU-1).
        email: e-mail address.
        telefono: phone number (E.164 after loading).
    """

    tipo_cliente: TipoCliente = attrs.field(
        metadata=info("Tipo di cliente", "Cliente domestico o non domestico.")
    )
    nome: str | None = attrs.field(default=None, metadata=info("Nome"))
    cognome: str | None = attrs.field(default=None, metadata=info("Cognome"))
    ragione_sociale: str | None = attrs.field(
        default=None, metadata=info("Ragione sociale", "In alternativa a nome e cognome.")
    )
    codice_fiscale: CodiceFiscale = attrs.field(
        repr=False,
        metadata=info("Codice fiscale", "Codice fiscale (16 caratteri) o partita IVA (11 cifre)."),
    )
    data_nascita: dt.date | None = attrs.field(
        default=None, repr=False, metadata=info("Data di nascita")
    )
    sesso: Sesso | None = attrs.field(default=None, repr=False, metadata=info("Sesso"))
    email: Email | None = attrs.field(default=None, metadata=info("E-mail"))
    telefono: Telefono | None = attrs.field(default=None, metadata=info("Telefono"))


check(Cliente)(check_nome_or_ragione_sociale)
check(Cliente)(check_codice_fiscale_matches)


@record(
    "Procura",
    description=(
        "La procura con cui il cliente conferisce al delegato il potere di transigere (CO-1)."
    ),
)
@attrs.frozen(kw_only=True)
class Procura:
    """CO-1: the power of attorney by which the customer appoints the delegate.

    Attributes:
        potere_di_transigere: whether it gives the power to settle ("potere di transigere"),
            required by the conciliation procedure (CO-1).
        data: the date it was signed.
    """

    potere_di_transigere: bool = attrs.field(
        metadata=info(
            "Potere di transigere",
            "La procura conferisce al delegato il potere di transigere (CO-1).",
        )
    )
    data: dt.date | None = attrs.field(default=None, metadata=info("Data della procura"))


@record(
    "Delegato",
    description=(
        "Chi agisce per il cliente: associazione, professionista o privato, con la procura."
    ),
)
@attrs.frozen(kw_only=True)
class Delegato:
    """The delegate who acts for the customer, with the power of attorney (CO-1, CH-1).

    Attributes:
        tipo: consumer association, association of non-domestic customers, professional, or a
            private person (relative, friend): it decides the channels (CH-1, CH-3, CH-4).
        nome: first name.
        cognome: last name.
        ragione_sociale: the association's or firm's name (instead of nome and cognome).
        codice_fiscale: the delegate's codice fiscale (or the association's).
        email: where every communication on the case goes (NT-1).
        telefono: phone number.
        procura: the power of attorney.
    """

    tipo: TipoDelegato = attrs.field(metadata=info("Tipo di delegato"))
    nome: str | None = attrs.field(default=None, metadata=info("Nome"))
    cognome: str | None = attrs.field(default=None, metadata=info("Cognome"))
    ragione_sociale: str | None = attrs.field(
        default=None, metadata=info("Ragione sociale", "In alternativa a nome e cognome.")
    )
    codice_fiscale: CodiceFiscale = attrs.field(repr=False, metadata=info("Codice fiscale"))
    email: Email = attrs.field(
        metadata=info("E-mail", "Le comunicazioni sulla pratica vanno solo al delegato.")
    )
    telefono: Telefono | None = attrs.field(default=None, metadata=info("Telefono"))
    procura: Procura = attrs.field(metadata=info("Procura"))


check(Delegato)(check_nome_or_ragione_sociale)


@check(Delegato)
def _delegato_codice_fiscale(r: Any) -> list[Violation]:
    """AU-1: the delegate's personal codice fiscale matches the delegate's names."""
    code, nome, cognome = r.codice_fiscale, r.nome, r.cognome
    if len(code) != 16 or nome is None or cognome is None:
        return []
    found = _matches()(code, nome=nome, cognome=cognome)
    return [attrs.evolve(v, rule="AU-1") for v in found] if found else found


@record(
    "Controparte", description="Il venditore o il distributore con cui è sorta la controversia."
)
@attrs.frozen(kw_only=True)
class Controparte:
    """The operator the dispute is against: a seller or a distributor (SH-2).

    Attributes:
        ruolo: seller ("venditore") or distributor ("distributore").
        ragione_sociale: the operator's name.
        partita_iva: the operator's partita IVA.
    """

    ruolo: RuoloControparte = attrs.field(metadata=info("Ruolo", "Venditore o distributore."))
    ragione_sociale: str = attrs.field(metadata=info("Ragione sociale"))
    partita_iva: PartitaIva | None = attrs.field(default=None, metadata=info("Partita IVA"))


def fornitura_of(punto: CodicePunto) -> Fornitura:
    """The supply of a supply point: a POD (``IT...``) is electricity, a PDR is gas.

    >>> fornitura_of(CodicePunto("IT001E12345678")).value, fornitura_of(CodicePunto("0" * 14)).value
    ('elettricita', 'gas')
    """
    return Fornitura.ELETTRICITA if punto.startswith("IT") else Fornitura.GAS
