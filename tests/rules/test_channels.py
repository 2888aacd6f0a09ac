"""Channels: who may send which request how (CH-1..CH-5)."""

import pytest

from sportello.rules.channels import (
    Channel,
    Delegato,
    Procedura,
    Richiedente,
    TipoCliente,
    allowed_channels,
    check_channel,
    handled_online_only,
    portale,
)

DOM = TipoCliente.DOMESTICO
NON_DOM = TipoCliente.NON_DOMESTICO
PORTAL = frozenset({Channel.PORTAL})
EVERY = frozenset(Channel)

CUSTOMERS = [Richiedente(t, d) for t in TipoCliente for d in [None, *Delegato]]


def _case_id(value: object) -> str:
    """A stable test id: sets listed in order (a StrEnum's hash, and so a set's order, varies)."""
    if isinstance(value, frozenset | set):
        return "+".join(sorted(str(v) for v in value))
    if isinstance(value, Richiedente):
        return f"{value.tipo_cliente}-{value.delegato or 'diretto'}"
    return str(value)


@pytest.mark.parametrize("procedura", list(Procedura))
@pytest.mark.parametrize(
    "delegato",
    [
        Delegato.ASSOCIAZIONE_CONSUMATORI,
        Delegato.ASSOCIAZIONE_NON_DOMESTICI,
        Delegato.PROFESSIONISTA,
    ],
)
@pytest.mark.parametrize("tipo", list(TipoCliente))
def test_associations_and_professionals_use_portals_only(
    procedura: Procedura, delegato: Delegato, tipo: TipoCliente
) -> None:
    """CH-1: associations and delegated professionals may use the portal only."""
    richiedente = Richiedente(tipo, delegato)
    assert allowed_channels(procedura, richiedente) == PORTAL
    (v,) = check_channel(procedura, richiedente, Channel.EMAIL)
    assert (v.code, v.rule, v.path) == ("channels.portal_only", "CH-1", "canale")
    assert portale(procedura) in v.message()


@pytest.mark.parametrize(
    ("procedura", "richiedente", "expected"),
    [
        # CH-2: private individuals may also write for information, reports, SMART Info
        (Procedura.INFORMAZIONI_SEGNALAZIONI, Richiedente(DOM), EVERY),
        (Procedura.INFORMAZIONI_SEGNALAZIONI, Richiedente(NON_DOM), EVERY),
        (Procedura.SMART_INFO, Richiedente(DOM, Delegato.NON_PROFESSIONISTA), EVERY),
        # CH-3, CH-5: conciliation offline only from a domestic customer acting directly
        (Procedura.CONCILIAZIONE, Richiedente(DOM), EVERY),
        (Procedura.CONCILIAZIONE, Richiedente(NON_DOM), PORTAL),
        (Procedura.CONCILIAZIONE, Richiedente(DOM, Delegato.NON_PROFESSIONISTA), PORTAL),
        (Procedura.CONCILIAZIONE, Richiedente(NON_DOM, Delegato.NON_PROFESSIONISTA), PORTAL),
        # CH-4: SMART Help offline only for domestic customers, delegate not a professional
        (Procedura.SMART_HELP, Richiedente(DOM), EVERY),
        (Procedura.SMART_HELP, Richiedente(DOM, Delegato.NON_PROFESSIONISTA), EVERY),
        (Procedura.SMART_HELP, Richiedente(NON_DOM), PORTAL),
        (Procedura.SMART_HELP, Richiedente(NON_DOM, Delegato.NON_PROFESSIONISTA), PORTAL),
        (Procedura.SMART_HELP, Richiedente(DOM, Delegato.PROFESSIONISTA), PORTAL),
    ],
    ids=_case_id,
)
def test_allowed_channels_table(
    procedura: Procedura, richiedente: Richiedente, expected: frozenset[Channel]
) -> None:
    """CH-2..CH-5: e-mail, post and fax per service and applicant."""
    assert allowed_channels(procedura, richiedente) == expected


def test_conciliation_by_delegate_offline_is_ch3() -> None:
    """CH-3: a delegate's conciliation request by post names rule CH-3."""
    (v,) = check_channel(
        Procedura.CONCILIAZIONE, Richiedente(DOM, Delegato.NON_PROFESSIONISTA), Channel.POST
    )
    assert (v.code, v.rule) == ("channels.conciliation_offline_direct_only", "CH-3")
    assert "via posta" in v.message()
    assert "Portale Servizio Conciliazione" in v.message()


@pytest.mark.parametrize("canale", [Channel.EMAIL, Channel.POST, Channel.FAX])
def test_ch5_conciliation_offline_only_for_a_domestic_customer(canale: Channel) -> None:
    """CH-5: a non-domestic customer acting directly files the conciliation online only."""
    (v,) = check_channel(Procedura.CONCILIAZIONE, Richiedente(NON_DOM), canale)
    assert (v.code, v.rule, v.path) == (
        "channels.conciliation_offline_domestic_only",
        "CH-5",
        "canale",
    )
    assert "solo per i clienti domestici che agiscono direttamente" in v.message()
    assert check_channel(Procedura.CONCILIAZIONE, Richiedente(DOM), canale) == []
    # with a delegate the refusal stays CH-3's, whatever the customer's kind
    (d,) = check_channel(
        Procedura.CONCILIAZIONE, Richiedente(NON_DOM, Delegato.NON_PROFESSIONISTA), canale
    )
    assert d.rule == "CH-3"


def test_smart_help_non_domestic_by_fax_is_ch4() -> None:
    """CH-4: a non-domestic customer's SMART Help request by fax names rule CH-4."""
    (v,) = check_channel(Procedura.SMART_HELP, Richiedente(NON_DOM), Channel.FAX, path="invio")
    assert (v.code, v.rule, v.path) == (
        "channels.smart_help_offline_domestic_only",
        "CH-4",
        "invio",
    )
    assert v.message("en") == (
        "Sending a SMART Help request by fax is allowed to domestic customers only:"
        " use the Portale Clienti Sportello."
    )


@pytest.mark.parametrize("procedura", list(Procedura))
@pytest.mark.parametrize("richiedente", CUSTOMERS, ids=str)
def test_portal_always_allowed_and_check_agrees(
    procedura: Procedura, richiedente: Richiedente
) -> None:
    """CH-1..CH-5: the portal is always allowed; check_channel agrees with allowed_channels."""
    allowed = allowed_channels(procedura, richiedente)
    assert Channel.PORTAL in allowed
    for canale in Channel:
        assert (check_channel(procedura, richiedente, canale) == []) == (canale in allowed)


def test_conciliation_is_handled_online_only() -> None:
    """CH-2: conciliation runs online even when the request came by e-mail, post or fax."""
    assert handled_online_only(Procedura.CONCILIAZIONE)
    assert not any(handled_online_only(p) for p in Procedura if p is not Procedura.CONCILIAZIONE)


def test_labels() -> None:
    """CH-1: channels, services and delegates have Italian and English labels."""
    assert Channel.POST.label == "posta"
    assert Channel.POST.label_en == "post"
    assert Procedura.INFORMAZIONI_SEGNALAZIONI.label_en == "Information requests and reports"
    assert Delegato.PROFESSIONISTA.label == "professionista delegato"
    assert all(d.label_en for d in Delegato)


def test_violation_params_name_channel_service_and_portal() -> None:
    """CH-1: a refusal names the channel, the service and the portal to use, in Italian."""
    (v,) = check_channel(
        Procedura.SMART_INFO, Richiedente(DOM, Delegato.PROFESSIONISTA), Channel.EMAIL
    )
    assert (v.code, v.rule) == ("channels.portal_only", "CH-1")
    assert v.params == {
        "canale": "e-mail",
        "canale_en": "e-mail",
        "procedura": "SMART Info",
        "procedura_en": "SMART Info",
        "portale": "Portale Clienti Sportello",
    }
    assert portale(Procedura.INFORMAZIONI_SEGNALAZIONI) == "Portale Clienti Sportello"
    assert portale(Procedura.CONCILIAZIONE) == "Portale Servizio Conciliazione"
    assert Procedura.CONCILIAZIONE.label == "Servizio Conciliazione"
    assert Procedura.CONCILIAZIONE.label_en == "Conciliation service"
    assert Channel.PORTAL.label_en == "portal"
    assert Delegato.NON_PROFESSIONISTA.label_en == "non-professional delegate"
    assert Richiedente(DOM).delegato is None


def test_dir_shows_only_all() -> None:
    """dir() of the module is its __all__: the imports stay hidden."""
    from sportello.rules import channels

    assert sorted(dir(channels)) == sorted(channels.__all__)
