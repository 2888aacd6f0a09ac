"""A small portal project for the Django adapter tests."""
