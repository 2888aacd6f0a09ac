"""Helpers for the test suites of sportello's users (Hypothesis strategies, pytest plugin)."""
