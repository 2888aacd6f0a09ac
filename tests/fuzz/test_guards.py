"""The fuzz suite's hang guard counts CPU time: a spinning call trips it, a waiting one does not."""

import time

import pytest

from .conftest import HangError, time_limit


def test_a_spinning_call_trips_the_guard() -> None:
    """A call that burns a second of CPU time is stopped as a hang, with HangError."""

    def spin() -> None:
        with time_limit(1):
            while True:
                pass

    with pytest.raises(HangError, match="CPU time"):
        spin()


def test_a_call_waiting_for_the_machine_is_not_a_hang() -> None:
    """Wall-clock time spent not running (asleep, or waiting for busy cores) is not counted."""
    with time_limit(1):
        time.sleep(1.3)


def test_the_guard_is_disarmed_after_the_block() -> None:
    """After the block neither timer is left running: a later spin is not interrupted."""
    with time_limit(1):
        pass
    start = time.process_time()
    while time.process_time() - start < 1.2:
        pass
