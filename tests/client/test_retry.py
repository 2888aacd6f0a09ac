"""Retry decisions, full-jitter backoff and the per-call deadline (sans I/O, fake clock)."""

import random

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportello.client import DeadlineExceeded, RetryPolicy, TransportError
from sportello.client._retry import Attempts


class FakeClock:
    """A monotonic clock that moves only when told."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        """The current time."""
        return self.now


def _attempts(
    clock: FakeClock, *, safe: bool = True, deadline: float | None = 10.0, retries: int = 3
) -> Attempts:
    return Attempts(
        method="POST",
        url="/v1/pratiche/conciliazione",
        safe=safe,
        policy=RetryPolicy(max_retries=retries, backoff_base=0.5, backoff_max=8.0),
        timeout=4.0,
        deadline=deadline,
        clock=clock,
    )


@given(
    retry=st.integers(min_value=0, max_value=20),
    seed=st.integers(),
    retry_after=st.none() | st.floats(min_value=0, max_value=60),
)
def test_wait_is_full_jitter_within_the_cap(
    retry: int, seed: int, retry_after: float | None
) -> None:
    """Every wait lies in [0, cap] unless Retry-After asks for more, never less than it."""
    policy = RetryPolicy()
    wait = policy.wait(retry, retry_after=retry_after, rng=random.Random(seed))
    assert wait >= 0
    if retry_after is None:
        assert wait <= policy.cap(retry) <= policy.backoff_max
    else:
        assert wait >= retry_after
        assert wait <= max(policy.cap(retry), retry_after)


@pytest.mark.parametrize(
    ("status", "retried"),
    [
        (408, True),
        (429, True),
        (500, True),
        (502, True),
        (503, True),
        (504, True),
        (501, False),
        (400, False),
        (404, False),
        (409, False),
        (422, False),
        (200, False),
    ],
)
def test_retryable_statuses(status: int, retried: bool) -> None:
    """408, 429 and 5xx (but 501) are retried; other answers are final."""
    attempts = _attempts(FakeClock())
    attempts.next_timeout()
    wait = attempts.after_response(httpx.Response(status))
    assert (wait is not None) is retried


def test_unsafe_request_is_never_retried() -> None:
    """A request that is not safe to repeat keeps its 503 and fails on a dropped answer."""
    attempts = _attempts(FakeClock(), safe=False)
    assert attempts.after_response(httpx.Response(503)) is None
    with pytest.raises(TransportError):
        attempts.after_error(httpx.RemoteProtocolError("dropped"))


def test_connect_error_is_retried_even_when_unsafe() -> None:
    """A failed connection reached no server, so any request may be retried."""
    attempts = _attempts(FakeClock(), safe=False)
    wait = attempts.after_error(httpx.ConnectError("refused"))  # raises if not retried
    assert 0 <= wait <= attempts.policy.cap(0)
    with pytest.raises(TransportError):  # still no retry of a dropped answer
        attempts.after_error(httpx.RemoteProtocolError("dropped"))


def test_retries_stop_at_max_retries() -> None:
    """After max_retries retries the answer is kept."""
    attempts = _attempts(FakeClock(), retries=2)
    waits = [attempts.after_response(httpx.Response(503)) for _ in range(3)]
    assert waits[2] is None
    assert all(w is not None and 0 <= w <= attempts.policy.cap(i) for i, w in enumerate(waits[:2]))


def test_attempt_timeout_is_bounded_by_the_deadline() -> None:
    """Each attempt's timeout is min(timeout, time left), and no time left raises."""
    clock = FakeClock()
    attempts = _attempts(clock, deadline=10.0)
    assert attempts.next_timeout() == 4.0
    clock.now += 7.5
    assert attempts.next_timeout() == pytest.approx(2.5)
    clock.now += 2.5
    with pytest.raises(DeadlineExceeded):
        attempts.next_timeout()


def test_timeout_cut_by_deadline_is_deadline_exceeded() -> None:
    """A read timeout in an attempt shortened by the deadline raises DeadlineExceeded."""
    clock = FakeClock()
    attempts = _attempts(clock, deadline=3.0)
    attempts.next_timeout()
    clock.now += 3.0
    with pytest.raises(DeadlineExceeded):
        attempts.after_error(httpx.ReadTimeout("slow"))


def test_wait_past_the_deadline_is_not_taken() -> None:
    """A retry whose wait would end after the deadline is not made: the answer is kept."""
    clock = FakeClock()
    attempts = _attempts(clock, deadline=0.5)
    response = httpx.Response(503, headers={"Retry-After": "5"})
    assert attempts.after_response(response) is None


def test_no_deadline_means_only_the_timeout() -> None:
    """Without a deadline every attempt gets the full timeout."""
    clock = FakeClock()
    attempts = _attempts(clock, deadline=None)
    clock.now += 1000
    assert attempts.next_timeout() == 4.0
    assert attempts.remaining() is None


def test_body_timeout_is_capped_by_the_time_left_when_the_body_starts() -> None:
    """Once the headers are in, the body's read timeout is min(timeout, time left)."""
    clock = FakeClock()
    attempts = _attempts(clock, deadline=10.0)
    attempts.next_timeout()
    assert attempts.body_timeout() == 4.0
    clock.now += 8.0
    assert attempts.body_timeout() == pytest.approx(2.0)
    clock.now += 2.0
    with pytest.raises(DeadlineExceeded):
        attempts.body_timeout()


def test_check_deadline_between_chunks() -> None:
    """check_deadline passes before the deadline and raises from the deadline on, exactly."""
    clock = FakeClock()
    attempts = _attempts(clock, deadline=2.0)
    clock.now += 1.999
    attempts.check_deadline()
    clock.now += 0.001
    with pytest.raises(DeadlineExceeded) as caught:
        attempts.check_deadline()
    assert caught.value.codes == ("api.deadline_exceeded",)
    _attempts(clock, deadline=None).check_deadline()  # no deadline: never raises


def test_a_failure_that_cannot_start_again_is_final() -> None:
    """repeatable=False (a download into a pipe) makes even a safe GET's failure final."""
    attempts = _attempts(FakeClock(), safe=True)
    with pytest.raises(TransportError) as caught:
        attempts.after_error(httpx.RemoteProtocolError("cut"), repeatable=False)
    assert caught.value.codes == ("api.transport_error",)
    assert attempts.retries == 0
    assert attempts.after_error(httpx.RemoteProtocolError("cut")) >= 0  # repeatable: retried


def test_decoding_error_is_a_transport_error() -> None:
    """A body that cannot be decoded (broken gzip) ends as TransportError, not httpx's."""
    attempts = _attempts(FakeClock(), safe=False)
    with pytest.raises(TransportError, match="DecodingError"):
        attempts.after_error(httpx.DecodingError("bad gzip"))


@pytest.mark.parametrize(
    ("lang", "deadline_text", "transport_text"),
    [
        (
            "it",
            "Tempo massimo della chiamata (3,0 s) superato; tentativi fatti: 1.",
            "Nessuna risposta utilizzabile dal servizio (RemoteProtocolError: cut).",
        ),
        (
            "en",
            "Deadline of the call (3.0 s) exceeded; attempts made: 1.",
            "No usable answer from the service (RemoteProtocolError: cut).",
        ),
    ],
)
def test_errors_of_the_attempts_speak_the_clients_language(
    lang: str, deadline_text: str, transport_text: str
) -> None:
    """DeadlineExceeded and TransportError read in the client's lang, from the catalog."""
    clock = FakeClock()
    attempts = Attempts(
        method="GET",
        url="/v1/x",
        safe=False,
        policy=RetryPolicy(),
        timeout=4.0,
        deadline=3.0,
        clock=clock,
        lang=lang,  # type: ignore[arg-type]
    )
    assert str(attempts.expired()) == deadline_text
    with pytest.raises(TransportError) as caught:
        attempts.after_error(httpx.RemoteProtocolError("cut"))
    assert str(caught.value) == transport_text
    assert caught.value.lang == lang
