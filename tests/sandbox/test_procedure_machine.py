"""A Hypothesis state machine over a conciliation in the sandbox: random actions, clock jumps.

Random operator controls, customer actions and moves of the sandbox clock on one case, over
loopback. Invariants after every step: the case's state is one of the procedure's and was
reached by an allowed move (CP-10: never an illegal state); after a sweep, no running term
has passed (CP-3, CP-5, CP-9: no missed deadline); every refusal is a 422 whose violations
each name a rule. Bounded (a few examples of a few steps) to run in seconds.
"""

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from sportello.rules.conciliazione import StatoConciliazione, next_states
from sportello.sandbox import SandboxServer, Settings

from .conftest import example, login, token_of

_FASCE = ["09:00", "10:30", "12:00", "14:00", "15:30", "17:00"]
_GIORNI = ["lunedi", "martedi", "mercoledi", "giovedi", "venerdi"]
_S = StatoConciliazione


@pytest.fixture(scope="module")
def http(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    """One sandbox for the whole machine (each example opens its own case)."""
    path = Path(tmp_path_factory.mktemp("machine")) / "m.sqlite3"
    with (
        SandboxServer(db_path=path, settings=Settings.for_tests()) as server,
        httpx.Client(base_url=server.url, timeout=30) as client,
    ):
        client.post("/_sandbox/clock", json={"freeze": "2026-11-30T09:00:00+01:00"})
        login(client)
        yield client


class Procedura(RuleBasedStateMachine):
    """One conciliation case driven by random operator, customer and clock steps."""

    http: httpx.Client

    def __init__(self) -> None:
        super().__init__()
        self.headers = token_of(self.http, "mrossi85")
        self.numero = ""
        self.stato = _S.INVIATA
        self.swept = False

    @initialize()
    def open_case(self) -> None:
        """A new conciliation case, submitted now."""
        answer = self.http.post(
            "/v1/pratiche/conciliazione",
            json=example("domanda_conciliazione"),
            headers=self.headers,
        )
        assert answer.status_code == 201, answer.text
        self.numero = answer.json()["numero"]

    def _today(self) -> dt.date:
        now = dt.datetime.fromisoformat(self.http.get("/_sandbox/clock").json()["now"])
        return now.astimezone(ZoneInfo("Europe/Rome")).date()

    def _case(self) -> dict[str, Any]:
        answer = self.http.get(f"/v1/pratiche/{self.numero}", headers=self.headers)
        assert answer.status_code == 200, answer.text
        found: dict[str, Any] = answer.json()
        return found

    def _check(self, answer: httpx.Response) -> None:
        """Every answer is the case (200) or a refusal whose violations each name a rule."""
        assert answer.status_code in (200, 422), answer.text
        if answer.status_code == 422:
            violations = answer.json()["violations"]
            assert violations
            assert all(v["rule"] for v in violations), violations
        self._moved(self._case()["conciliazione"]["stato"])

    def _moved(self, raw: str) -> None:
        """CP-10: the new state is the old one or one the table allows from it."""
        new = _S(raw)
        assert new is self.stato or new in next_states(self.stato), (self.stato, new)
        self.stato = new

    def _operatore(self, azione: str, **body: Any) -> None:
        path = f"/_sandbox/pratiche/{self.numero}/conciliazione/{azione}"
        self._check(self.http.post(path, json=body))
        self.swept = False

    def _cliente(self, azione: str, body: dict[str, Any]) -> None:
        path = f"/v1/pratiche/{self.numero}/{azione}"
        self._check(self.http.post(path, json=body, headers=self.headers))
        self.swept = False

    @rule(documenti=st.lists(st.sampled_from(["bolletta", "procura"]), max_size=2))
    def request_integration(self, documenti: list[str]) -> None:
        """CP-3: the operator asks for documents."""
        self._operatore("richiesta-integrazione", documenti=documenti)

    @rule()
    def admit(self) -> None:
        """CP-3: the operator admits the request."""
        self._operatore("ammissione")

    @rule(motivi=st.lists(st.sampled_from(["fiscale", "smart_help", "pendente"]), max_size=2))
    def declare_inadmissible(self, motivi: list[str]) -> None:
        """CP-2: the operator archives it as inadmissible (no reason: refused)."""
        self._operatore("inammissibilita", motivi=motivi)

    @rule(giorni=st.integers(0, 50), fascia=st.sampled_from(_FASCE), telefono=st.booleans())
    def convene(self, giorni: int, fascia: str, telefono: bool) -> None:
        """CP-5, CP-6: the operator convenes some days ahead (maybe a holiday, maybe late)."""
        data = (self._today() + dt.timedelta(days=giorni)).isoformat()
        body: dict[str, Any] = {"data": data, "fascia": fascia}
        if telefono:
            body["modalita"] = "telefono"
        self._operatore("convocazione", **body)

    @rule()
    def convene_declared(self) -> None:
        """CP-5: the operator convenes in the first declared slot (none declared: refused)."""
        self._operatore("convocazione")

    @rule(esito=st.sampled_from(["accordo", "mancato_accordo"]), firmato=st.booleans())
    def record_outcome(self, esito: str, firmato: bool) -> None:
        """CP-10: the operator records the outcome (an unsigned agreement: refused)."""
        self._operatore("esito", esito=esito, firmato=firmato)

    @rule()
    def archive_no_show(self) -> None:
        """CP-7: the operator archives for no-show."""
        self._operatore("mancata-comparizione")

    @rule(giorni=st.integers(-1, 35), servizio=st.booleans())
    def extend(self, giorni: int, servizio: bool) -> None:
        """CP-9: an extension, asked by the Servizio or by one party alone (refused)."""
        self._operatore(
            "proroga", giorni=giorni, richiesta_da=["servizio" if servizio else "cliente"]
        )

    @rule()
    def postpone_by_counterpart(self) -> None:
        """CP-7: the counterpart postpones."""
        self._operatore("rinvio", richiesto_da="controparte", motivo="Indisponibilità")

    @rule()
    def integrate(self) -> None:
        """CP-3: the customer sends the documents."""
        self._cliente("integrazione", {"note": "Documenti allegati"})

    @rule(giorno=st.sampled_from(_GIORNI), fascia=st.sampled_from(_FASCE))
    def declare_availability(self, giorno: str, fascia: str) -> None:
        """CP-5: the customer declares a (weekday, slot) pair."""
        self._cliente("disponibilita", {"fasce": [{"giorno": giorno, "fascia": fascia}]})

    @rule()
    def postpone(self) -> None:
        """CP-7: the customer asks to postpone."""
        self._cliente("rinvio", {"motivo": "Impegno di lavoro"})

    @rule()
    def withdraw(self) -> None:
        """CP-8: the customer withdraws."""
        self._cliente("ritiro", {"conferma": True})

    @rule(giorni=st.integers(0, 45), ore=st.integers(0, 23))
    def advance(self, giorni: int, ore: int) -> None:
        """The sandbox clock jumps forward; its sweeps apply the terms."""
        answer = self.http.post("/_sandbox/clock", json={"advance": {"days": giorni, "hours": ore}})
        assert answer.status_code == 200, answer.text
        self.headers = token_of(self.http, "mrossi85")
        self._moved(self._case()["conciliazione"]["stato"])
        self.swept = True

    @invariant()
    def no_missed_deadline(self) -> None:
        """CP-3, CP-5, CP-9: after a sweep, no term of the state has passed."""
        if not self.numero or not self.swept:
            return
        c = self._case()["conciliazione"]
        t, oggi = c["termini"], self._today().isoformat()
        running = {
            "in_attesa_integrazione": t["integrazione_entro"],
            "ammessa": t["primo_incontro_entro"],
            "convocata": t["conclusione_entro"],
            "rinviata": t["conclusione_entro"],
        }.get(c["stato"])
        assert running is None or running >= oggi, (c["stato"], running, oggi)


def test_the_procedure_never_breaks_its_rules(http: httpx.Client) -> None:
    """Random operator, customer and clock steps keep every invariant (a bounded run)."""
    Procedura.http = http
    run = Procedura.TestCase
    run.settings = settings(
        max_examples=12,
        stateful_step_count=12,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    run("runTest").runTest()
