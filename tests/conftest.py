"""Shared test configuration: Hypothesis profiles, the process's local time zone."""

import os
import time

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile(
    "ci", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "fuzz",
    max_examples=20_000,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)
#: ``make mutation``: the same examples on every run, so a mutant's verdict does not change.
settings.register_profile(
    "mutation", max_examples=100, deadline=None, derandomize=True, database=None
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


#: The local time zone the suite runs in: neither UTC nor Europe/Rome, so code that reads the
#: machine's local time where it means Italy's (``astimezone()``, a naive ``now()``) fails
#: here, whatever the zone of the machine running the tests. Rome's offset is never this one.
LOCAL_TZ = "Pacific/Kiritimati"


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    """Set the process's local time zone to :data:`LOCAL_TZ` for the whole session.

    pytest-django sets Django up with the test project's settings, and Django sets the process
    time zone to their ``TIME_ZONE`` (Europe/Rome): that masked, in every test, code reading
    local time for Italy's. Django itself uses ``TIME_ZONE`` (aware datetimes), not the process.
    """
    del config
    os.environ["TZ"] = LOCAL_TZ
    time.tzset()
