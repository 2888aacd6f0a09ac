"""A user's suite written from docs/testing.md only: fixtures, clock, faults, Hypothesis."""

import datetime as dt

import pytest
from app import file_request
from hypothesis import given, settings

from sportello import forms
from sportello.client import Unauthorized
from sportello.testing import Sandbox, SandboxControlError
from sportello.testing.strategies import ESEMPIO_PASSWORD, casi, documenti_validi, esempio

DOCUMENT = forms.dump(esempio("RichiestaSmartHelp"))


def test_a_request_is_filed_once_despite_a_lost_answer(sportello_sandbox: Sandbox) -> None:
    """A 503 then a dropped answer: the client retries and exactly one case exists."""
    sportello_sandbox.fault(503, retry_after=0, method="POST", path="/v1/pratiche/*")
    sportello_sandbox.fault("drop", method="POST", path="/v1/pratiche/*")
    with sportello_sandbox.registered_client(backoff_base=0.01) as client:
        numero = file_request(client, DOCUMENT)
        assert [p.numero for p in client.pratiche.list()] == [numero]
    assert sportello_sandbox.pending_faults() == []


def test_sessions_expire_after_an_hour(sportello_sandbox_factory) -> None:
    """On the sandbox clock a session lasts one hour."""
    sandbox = sportello_sandbox_factory(clock=dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC))
    with sandbox.registered_client(max_retries=0) as client:
        sandbox.clock.advance(hours=1, minutes=1)
        with pytest.raises(Unauthorized):
            file_request(client, DOCUMENT)
        client.auth.login("mario.rossi", ESEMPIO_PASSWORD)
        assert file_request(client, DOCUMENT).startswith("SPCEN")


def test_a_wrong_control_says_why(sportello_sandbox: Sandbox) -> None:
    """A malformed fault is refused with the server's violation."""
    with pytest.raises(SandboxControlError) as caught:
        sportello_sandbox.fault(503, count=0)
    assert caught.value.violations[0].path == "queue[0].count"


@settings(max_examples=5, deadline=None)
@given(document=documenti_validi("RichiestaSmartHelp"))
def test_any_valid_request_is_filed(sportello_session_sandbox: Sandbox, document: dict) -> None:
    """Every valid request the strategy draws is filed on a fresh sandbox."""
    sandbox = sportello_session_sandbox.reset()
    with sandbox.registered_client() as client:
        assert file_request(client, document).startswith("SPCEN")


@settings(max_examples=5, deadline=None)
@given(caso=casi())
def test_cases_show_their_state(sportello_session_sandbox: Sandbox, caso) -> None:
    """A case driven to any SH-4 state shows that state."""
    sandbox = sportello_session_sandbox.reset()
    with sandbox.registered_client() as client:
        assert caso.apri(sandbox, client).stato == caso.stato
