"""Migrations of the ``sportello`` app (the PW-4 password history)."""
