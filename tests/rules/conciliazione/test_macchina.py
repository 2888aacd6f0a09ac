"""A Hypothesis state machine over the procedure: random actions of both sides, clock jumps.

Whatever the Servizio, the customer, the counterpart and the clock do, and in whatever order:
the procedure is never in an illegal state (every move is in TRANSIZIONI, every record
consistent), never misses a deadline (no open state past its term; every first meeting by day
40, every meeting by the end, no more than 30 days of extension), and every refusal is a
violation naming a rule of the catalog (CP-2, CP-3, CP-5..CP-10).
"""

import datetime as dt
from collections.abc import Callable

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from sportello import ValidationError
from sportello._catalog import by_id
from sportello.rules import conciliazione as c
from sportello.rules.calendar import next_working_day
from sportello.rules.meetings import FasciaIncontro, ModalitaIncontro

S = c.StatoConciliazione
START = dt.date(2026, 1, 5)


class Procedimento(RuleBasedStateMachine):
    """One procedure driven by random actions and clock jumps."""

    def __init__(self) -> None:
        super().__init__()
        self.oggi = START
        step = c.submit(oggi=START)
        self.p = step.procedura
        self.eventi: list[c.EventoProcedura] = list(step.eventi)
        self.primo_incontro: dt.date | None = None
        self.rifiuti = 0

    # --- how every step is checked ------------------------------------------------------------

    def _do(self, op: Callable[[], c.Passo]) -> None:
        before = self.p
        try:
            step = op()
        except ValidationError as err:
            self.rifiuti += 1
            known = by_id()
            for v in err.violations:  # every refusal explained, by a rule of the catalog
                assert v.rule in known, (v.code, v.rule)
            assert self.p is before  # nothing half-done
            return
        self._accept(before, step)

    def _accept(self, before: c.Procedura, step: c.Passo) -> None:
        after = step.procedura
        if after.stato is not before.stato:
            assert after.stato in c.next_states(before.stato), (before.stato, after.stato)
        for e in step.eventi:
            assert before.aggiornata_il <= e.data <= self.oggi
            assert e.regola in by_id()
        if after.convocazioni > before.convocazioni and after.incontro is not None:
            s = after.scadenze
            assert s is not None
            assert after.incontro.data <= s.conclusione_entro
            if before.convocazioni == 0:
                self.primo_incontro = after.incontro.data
                assert after.incontro.data <= s.primo_incontro_entro
        self.p = after
        self.eventi.extend(step.eventi)

    # --- the clock --------------------------------------------------------------------------------

    @rule(giorni=st.integers(0, 12) | st.integers(0, 60))
    def passa_il_tempo(self, giorni: int) -> None:
        """The clock jumps ahead: reminders and terms fire."""
        self.oggi += dt.timedelta(days=giorni)
        self._do(lambda: c.apply_deadlines(self.p, self.oggi))

    @rule(esito=st.sampled_from(c.Esito), firmato=st.booleans())
    def tiene_l_incontro(self, esito: c.Esito, firmato: bool) -> None:
        """The clock reaches the fixed meeting's day, and the Servizio records its outcome."""
        if self.p.stato is S.CONVOCATA and self.p.incontro and self.p.incontro.data > self.oggi:
            self.oggi = self.p.incontro.data
            self._do(lambda: c.apply_deadlines(self.p, self.oggi))
        self._do(
            lambda: c.record_outcome(
                self.p, oggi=self.oggi, esito=esito, verbale="verbale.pdf", firmato=firmato
            )
        )

    # --- the Servizio ---------------------------------------------------------------------------

    @rule()
    def chiede_integrazione(self) -> None:
        """CP-3: the Servizio asks for documents."""
        self._do(lambda: c.request_integration(self.p, oggi=self.oggi, documenti=["bolletta"]))

    @rule()
    def ammette(self) -> None:
        """CP-3: the Servizio admits the request."""
        self._do(lambda: c.admit(self.p, oggi=self.oggi))

    @rule(
        motivi=st.lists(st.sampled_from(c.MotivoInammissibilita), max_size=2),
        caso=st.integers(0, 3),
    )
    def dichiara_inammissibile(self, motivi: list[c.MotivoInammissibilita], caso: int) -> None:
        """CP-2: the Servizio declares the request inadmissible (seldom; maybe without reason)."""
        if caso == 0:
            self._do(lambda: c.declare_inadmissible(self.p, oggi=self.oggi, motivi=motivi))

    @rule(dopo=st.integers(1, 12), fascia=st.sampled_from(FasciaIncontro))
    def convoca_bene(self, dopo: int, fascia: FasciaIncontro) -> None:
        """CP-5: the Servizio convenes the next working day after ``dopo`` days, as it should."""
        day = next_working_day(self.oggi + dt.timedelta(days=dopo))
        incontro = c.Incontro(data=day, fascia=fascia, stanza="Stanza 2")
        self._do(lambda: c.convene(self.p, oggi=self.oggi, incontro=incontro))

    @rule(
        tra=st.integers(-2, 60),
        fascia=st.sampled_from(FasciaIncontro),
        stanza=st.sampled_from(["Stanza 1", " "]),
        modalita=st.sampled_from(ModalitaIncontro),
        telefono=st.sampled_from([None, "Senza computer", " "]),
    )
    def convoca(
        self,
        tra: int,
        fascia: FasciaIncontro,
        stanza: str,
        modalita: ModalitaIncontro,
        telefono: str | None,
    ) -> None:
        """CP-5, CP-6: the Servizio convenes a meeting, right or wrong."""
        incontro = c.Incontro(
            data=self.oggi + dt.timedelta(days=tra),
            fascia=fascia,
            stanza=stanza,
            modalita=modalita,
            motivo_telefono=telefono,
        )
        self._do(lambda: c.convene(self.p, oggi=self.oggi, incontro=incontro))

    @rule(
        esito=st.sampled_from(c.Esito),
        verbale=st.sampled_from(["verbale.pdf", "verbale.pdf", ""]),
        firmato=st.booleans(),
    )
    def registra_esito(self, esito: c.Esito, verbale: str, firmato: bool) -> None:
        """CP-10: the Servizio records an outcome (signed, or not, at random)."""
        self._do(
            lambda: c.record_outcome(
                self.p, oggi=self.oggi, esito=esito, verbale=verbale, firmato=firmato
            )
        )

    @rule()
    def mancata_comparizione(self) -> None:
        """CP-7: the customer did not appear."""
        self._do(lambda: c.archive_no_show(self.p, oggi=self.oggi))

    @rule(giorni=st.integers(-1, 35), chi=st.sets(st.sampled_from(c.Parte)))
    def proroga(self, giorni: int, chi: set[c.Parte]) -> None:
        """CP-9: an extension asked by someone."""
        self._do(lambda: c.extend(self.p, oggi=self.oggi, giorni=giorni, richiesta_da=chi))

    # --- the customer and the counterpart ---------------------------------------------------------

    @rule()
    def integra(self) -> None:
        """CP-3: the customer sends the documents."""
        self._do(lambda: c.integrate(self.p, oggi=self.oggi))

    @rule(caso=st.integers(0, 3))
    def ritira(self, caso: int) -> None:
        """CP-8: the customer withdraws (seldom: it ends the story)."""
        if caso == 0:
            self._do(lambda: c.withdraw(self.p, oggi=self.oggi))

    @rule(chi=st.sampled_from(c.Parte), motivo=st.sampled_from(["Ferie", ""]))
    def rinvia(self, chi: c.Parte, motivo: str) -> None:
        """CP-7: a party asks to postpone."""
        self._do(lambda: c.postpone(self.p, oggi=self.oggi, richiesto_da=chi, motivo=motivo))

    # --- what always holds -----------------------------------------------------------------------

    @invariant()
    def nessun_termine_mancato(self) -> None:
        """No open procedure past its term; every term within the sources' days."""
        p, s = self.p, self.p.scadenze
        if p.stato is S.IN_ATTESA_INTEGRAZIONE:
            assert p.integrazione_entro is not None
            assert self.oggi <= p.integrazione_entro
        if s is not None:
            assert (s.conclusione_entro - s.data_domanda_completa).days <= 120
            if p.stato is S.AMMESSA:
                assert self.oggi <= s.primo_incontro_entro
            if p.stato in (S.CONVOCATA, S.RINVIATA):
                assert self.oggi <= s.conclusione_entro
            if p.stato.is_final and p.chiusa_il is not None:
                assert p.chiusa_il <= s.conclusione_entro + dt.timedelta(days=1)
        if self.primo_incontro is not None and s is not None:
            assert self.primo_incontro <= s.primo_incontro_entro

    @invariant()
    def stato_coerente(self) -> None:
        """The record is consistent and its timeline starts with the submission."""
        assert self.eventi[0].tipo is c.TipoEvento.DOMANDA_INVIATA
        assert (self.p.stato is S.CONVOCATA) <= (self.p.incontro is not None)
        assert self.p.stato.is_final == (self.p.chiusa_il is not None)


TestProcedimento = Procedimento.TestCase
TestProcedimento.settings = settings(max_examples=100, stateful_step_count=50, deadline=None)
