"""A customer with every identifier field."""

from django.db import models

from sportello.contrib.django import fields


class Cliente(models.Model):
    """A utility's customer, as the registration form collects it."""

    codice_cliente = fields.CodiceClienteField(unique=True)
    codice_fiscale = fields.CodiceFiscaleField()
    partita_iva = fields.PartitaIvaField(blank=True)
    pod = fields.PODField(blank=True)
    pdr = fields.PDRField(blank=True)
    iban = fields.IBANField(italian_only=True, blank=True)
    codice_cliente_esteso = fields.CodiceClienteField(digits=8, blank=True)

    def __str__(self) -> str:
        return self.codice_cliente
