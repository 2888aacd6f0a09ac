"""Tests of the conciliation procedure (sportello.rules.conciliazione)."""
