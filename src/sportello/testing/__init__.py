"""Helpers for the test suites of sportello's users (Hypothesis strategies, pytest plugin).

* :mod:`sportello.testing.strategies`: Hypothesis strategies for identifiers and whole forms;
* :mod:`sportello.testing._plugin`: the pytest plugin (fixtures ``sportello_sandbox``,
  ``sportello_demo_sandbox``, ``sportello_client``); see ``docs/testing.md``.

Both import test-only packages (Hypothesis, pytest): import them from tests only.
"""
