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
