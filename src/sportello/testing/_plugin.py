"""The pytest plugin: fresh, isolated sandboxes for about a millisecond per test.

Loaded by the ``pytest11`` entry point ``sportello`` (``pytest -p no:sportello`` turns it off).
One server per session (per xdist worker) is reset before each test instead of started: the
store from a snapshot, the files, the fault queue, the clock, the settings (see
:mod:`sportello.sandbox._reset`). Fixtures:

``sportello_sandbox``
    a :class:`~sportello.testing.Sandbox`, empty, clock on real time.
``sportello_demo_sandbox``
    the same with the demo data (:func:`sportello.sandbox.seed_demo`).
``sportello_sandbox_factory``
    a :class:`~sportello.testing.SandboxFactory`: ``factory(seed=..., settings=...,
    clock=...)``; each call lends one more sandbox for the test.
``sportello_session_sandbox``
    one sandbox for the whole session, never reset by the plugin: call ``.reset(...)``
    yourself (the Hypothesis recipe: at the start of each example).
``sportello_client``
    an anonymous :class:`sportello.client.Client` on ``sportello_sandbox``.

Needs the ``sandbox`` extra (starlette, uvicorn). See ``docs/testing.md``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal

import pytest

from sportello.testing._pool import SandboxFactory, SandboxPool
from sportello.testing._sandbox import Sandbox
from sportello.testing._seed import Seed

if TYPE_CHECKING:
    from sportello.client import Client
    from sportello.sandbox import Settings

__all__ = [
    "Sandbox",
    "SandboxFactory",
    "SandboxPool",
    "Seed",
    "sportello_client",
    "sportello_demo_sandbox",
    "sportello_pool",
    "sportello_sandbox",
    "sportello_sandbox_factory",
    "sportello_session_sandbox",
]


@pytest.fixture(scope="session")
def sportello_pool(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxPool]:
    """The session's sandbox servers (one set per xdist worker), stopped at the end."""
    pool = SandboxPool(tmp_path_factory.mktemp("sportello-sandbox"))
    try:
        yield pool
    finally:
        pool.close()


@pytest.fixture
def sportello_sandbox_factory(sportello_pool: SandboxPool) -> Iterator[SandboxFactory]:
    """Fresh sandboxes on demand: ``factory(seed=..., settings=..., clock=...)``."""
    lent: list[Sandbox] = []

    def factory(
        *,
        seed: Seed | Literal["empty", "demo"] = "empty",
        settings: Settings | None = None,
        clock: dt.datetime | dt.date | None = None,
    ) -> Sandbox:
        sandbox = sportello_pool.acquire()
        lent.append(sandbox)
        return sandbox.reset(seed=seed, settings=settings, clock=clock)

    try:
        yield factory
    finally:
        for sandbox in lent:
            sportello_pool.release(sandbox)


@pytest.fixture
def sportello_sandbox(sportello_sandbox_factory: SandboxFactory) -> Sandbox:
    """An empty sandbox, fresh for this test, on a loopback port."""
    return sportello_sandbox_factory()


@pytest.fixture
def sportello_demo_sandbox(sportello_sandbox_factory: SandboxFactory) -> Sandbox:
    """A sandbox like ``sportello_sandbox``, with the demo data."""
    return sportello_sandbox_factory(seed="demo")


@pytest.fixture(scope="session")
def sportello_session_sandbox(sportello_pool: SandboxPool) -> Iterator[Sandbox]:
    """One sandbox for the session: reset it yourself (``.reset(...)``) where a test begins."""
    sandbox = sportello_pool.acquire().reset()
    try:
        yield sandbox
    finally:
        sportello_pool.release(sandbox)


@pytest.fixture
def sportello_client(sportello_sandbox: Sandbox) -> Iterator[Client]:
    """A :class:`~sportello.client.Client` connected to ``sportello_sandbox``."""
    with sportello_sandbox.client() as client:
        yield client
